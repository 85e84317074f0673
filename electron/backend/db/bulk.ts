import type { Db } from './open';
import { rebuildSearchIndex, SEARCH_SOURCES } from './migrations/0006-portfolio';

/**
 * Bulk writing into empty tables (docs/performance.md, "Whole-database import"): a row inserted into a
 * table with secondary indexes and full-text triggers pays for every index entry (random UUID keys
 * touch pages all over the file) and for a full-text insert per row. Into EMPTY tables it is cheaper to
 * drop those, insert, and build them once at the end: an index built from the finished table is a
 * sort, and the search index is filled by one statement per kind.
 *
 * Nothing here holds a second copy of the schema: the DDL is what SQLite stores in `sqlite_master`,
 * read just before it is dropped, and the search index is refilled by the function the migration
 * uses (rebuildSearchIndex). Call it inside a transaction: DDL in SQLite is transactional, so a
 * failure anywhere — an insert, an index that cannot be built (a UNIQUE index over duplicates), the
 * foreign keys at COMMIT — rolls the schema back with the rows.
 */
export interface DerivedSchema {
  /** `CREATE INDEX` statements of the tables' secondary indexes (not the automatic ones of keys). */
  indexes: Array<{ name: string; sql: string }>;
  /** `CREATE TRIGGER` statements of the full-text triggers on the tables. */
  triggers: Array<{ name: string; sql: string }>;
}

/** The search index tables (FTS5) this database has, from sqlite_master. */
function fullTextTables(db: Db): string[] {
  return db
    .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE % USING fts5%'`)
    .pluck()
    .all() as string[];
}

/**
 * The secondary indexes of `tables` and the full-text triggers on them, or null when this database's
 * full-text tables are not exactly the ones rebuildSearchIndex fills (then the caller keeps the
 * triggers and the ordinary path).
 */
export function derivedSchemaOf(db: Db, tables: readonly string[]): DerivedSchema | null {
  const fts = fullTextTables(db);
  const known = SEARCH_SOURCES.map((s) => `search_${s.kind}`);
  if (fts.length !== known.length || !known.every((t) => fts.includes(t))) return null;
  const names = JSON.stringify(tables);
  const indexes = db
    .prepare(
      `SELECT name, sql FROM sqlite_master
       WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (SELECT value FROM json_each(?)) ORDER BY name`,
    )
    .all(names) as DerivedSchema['indexes'];
  // A trigger is a full-text one when its body writes a search index table; other triggers stay.
  const triggers = (
    db
      .prepare(
        `SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN (SELECT value FROM json_each(?)) ORDER BY name`,
      )
      .all(names) as DerivedSchema['triggers']
  ).filter((t) => fts.some((f) => new RegExp(`\\b${f}\\b`).test(t.sql)));
  return { indexes, triggers };
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Drop the indexes and triggers (inside the caller's transaction). */
export function dropDerived(db: Db, d: DerivedSchema): void {
  for (const t of d.triggers) db.exec(`DROP TRIGGER ${quote(t.name)}`);
  for (const i of d.indexes) db.exec(`DROP INDEX ${quote(i.name)}`);
}

/** Build the indexes once over the finished tables, refill the search index, put the triggers back. */
export function restoreDerived(db: Db, d: DerivedSchema): void {
  for (const i of d.indexes) db.exec(i.sql);
  if (d.triggers.length) rebuildSearchIndex(db);
  for (const t of d.triggers) db.exec(t.sql);
}

/**
 * Run `write` with the tables' secondary indexes and full-text triggers dropped, then build them
 * again. Only for tables that are empty before `write` (the search index is refilled from the tables,
 * so it must hold nothing else worth keeping); must run inside a transaction.
 */
export function withoutDerived<T>(db: Db, tables: readonly string[], write: () => T): T {
  if (!db.inTransaction) throw new Error('withoutDerived must run inside a transaction');
  const d = derivedSchemaOf(db, tables);
  if (!d) return write();
  dropDerived(db, d);
  const out = write();
  restoreDerived(db, d);
  return out;
}
