/**
 * Pure meeting logic (no I/O): time and zones, series, agenda, run-mode timer, attendance and quorum.
 * Each module's header describes its API and the decisions behind it.
 */
export * from './time';
export * from './recurrence';
export * from './agenda';
export * from './run';
export * from './quorum';
export * from './speakers';
