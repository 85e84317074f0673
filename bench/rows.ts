/**
 * The physical limits: the generated rows read and written with raw prepared statements in one
 * transaction, no validation, no merge. Exchange and generation are compared against these.
 */
import type { Db } from '../electron/backend/db/open';
import { travellingTables } from '../electron/backend/db/tables';
import type { Row } from '../shared/exchange/merge';

/** Travelling tables in an order where parents come before children (the generator's order first). */
export function tablesInWriteOrder(db: Db, generatedOrder: readonly string[]): string[] {
  const all = travellingTables(db);
  return [...generatedOrder.filter((t) => all.includes(t)), ...all.filter((t) => !generatedOrder.includes(t))];
}

export interface TableRows {
  table: string;
  columns: string[];
  /** Values in column order (what `.raw()` returns). */
  values: unknown[][];
}

/** Read every row of the tables as value arrays (the input of the raw-insert baseline). */
export function readRawValues(db: Db, tables: readonly string[]): TableRows[] {
  return tables.map((table) => {
    const stmt = db.prepare(`SELECT * FROM ${table}`).raw(true);
    const columns = stmt.columns().map((c) => c.name);
    return { table, columns, values: stmt.all() as unknown[][] };
  });
}

/** The raw-insert limit: one prepared statement per table, one transaction, foreign keys checked at commit. */
export function insertRawValues(db: Db, data: readonly TableRows[]): number {
  let n = 0;
  db.pragma('defer_foreign_keys = ON');
  db.transaction(() => {
    for (const { table, columns, values } of data) {
      const stmt = db.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
      for (const v of values) stmt.run(v);
      n += values.length;
    }
  })();
  return n;
}

/** The raw-read limit: SELECT * of every row and JSON.stringify each one (what an export must at least do). */
export function readAndSerialise(db: Db, tables: readonly string[]): { rows: number; bytes: number } {
  let rows = 0;
  let bytes = 0;
  for (const table of tables) {
    for (const row of db.prepare(`SELECT * FROM ${table}`).iterate()) {
      bytes += JSON.stringify(row).length + 1;
      rows++;
    }
  }
  return { rows, bytes };
}

/** Rows of the tables as exchange rows (objects), optionally limited by a WHERE per table. */
export function readRows(
  db: Db,
  tables: readonly string[],
  where: (table: string) => string | null = () => '',
): Record<string, Row[]> {
  const out: Record<string, Row[]> = {};
  for (const table of tables) {
    const clause = where(table);
    if (clause === null) continue;
    out[table] = db.prepare(`SELECT * FROM ${table} ${clause}`).all() as Row[];
  }
  return out;
}
