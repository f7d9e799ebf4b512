/**
 * Reactive state of the history for the UI: whether it can be used on this device and the last
 * problem (quota, no IndexedDB) as a message for the user. `revision` increases after each save
 * or purge so open views reload their list.
 */
class HistoryStatus {
	/** null until known. */
	available = $state<boolean | null>(null);
	problem = $state<string | null>(null);
	revision = $state(0);

	changed(): void {
		this.revision++;
	}
}

export const historyStatus = new HistoryStatus();
