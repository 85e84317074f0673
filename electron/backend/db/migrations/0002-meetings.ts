import type { Database } from 'better-sqlite3';

/** Schema changes of the meetings feature (reserved number; empty until the feature needs one). */
export function up(_db: Database): void {}
