import type { Database } from 'better-sqlite3';

/**
 * Indexes the exchange screens read by: open conflicts (newest first) and a group's exchange log.
 * The tables themselves (exchange_log, conflicts, backup_log) are in 0001.
 */
export function up(db: Database): void {
  db.exec(`
    CREATE INDEX conflicts_open ON conflicts (resolved_at, created_at);
    CREATE INDEX conflicts_row ON conflicts (table_name, row_id, field);
    CREATE INDEX exchange_log_at ON exchange_log (at);
  `);
}
