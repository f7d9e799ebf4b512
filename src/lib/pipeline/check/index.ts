/** Check stage: compliance report from measured values. */
export * from './types';
export * from './run-checks';
export * from './measure-photo';
