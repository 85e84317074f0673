import { createHash } from 'node:crypto';
import type { Db } from '../../electron/backend/db/open';

/**
 * A content hash of every row of every table, for "a rejected call changed nothing" checks. Unlike a
 * plain `ORDER BY rowid` dump it also covers tables without a rowid (FTS5 shadow tables) by ordering
 * on all columns, and it skips virtual tables (their content lives in the shadow tables).
 */
export function databaseHash(db: Db): string {
  const hash = createHash('sha256');
  const tables = db
    .prepare(`SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
    .all() as { name: string; sql: string | null }[];
  for (const { name, sql } of tables) {
    if (sql && /^CREATE VIRTUAL TABLE/i.test(sql)) continue;
    const columns = db.prepare(`SELECT count(*) FROM pragma_table_info(?)`).pluck().get(name) as number;
    const order = Array.from({ length: columns }, (_, i) => i + 1).join(', ');
    hash.update(`\0table ${name}\0`);
    for (const row of db
      .prepare(`SELECT * FROM "${name.replace(/"/g, '""')}" ORDER BY ${order}`)
      .raw()
      .iterate()) {
      hash.update(
        JSON.stringify(row, (_k, v) => (typeof v === 'bigint' ? v.toString() : Buffer.isBuffer(v) ? v.toString('base64') : v)),
      );
      hash.update('\n');
    }
  }
  return hash.digest('hex');
}
