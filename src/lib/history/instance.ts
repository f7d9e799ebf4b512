/** The app's one HistoryStore (real IndexedDB, real clock), shared by the recorder and the views. */
import { HistoryStore } from './store';

export const historyStore = new HistoryStore();
