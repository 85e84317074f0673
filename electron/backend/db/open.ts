import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { MIGRATIONS, type Migration } from './migrations';

export type Db = Database.Database;

export const DATABASE_FILE = 'painopiste.sqlite';

/** The page cache of every connection, in KiB (see openDatabase). */
export const PAGE_CACHE_KIB = 64 * 1024;

/** Open (creating if needed) the database with the pragmas every connection needs. */
export function openDatabase(file: string): Db {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  // NORMAL is durable in WAL mode across application crashes; only a power loss may drop the last
  // transactions, never corrupt the file.
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  // SQLite's default page cache is 2 MiB: smaller than one group's decision register at 100× scale
  // (its decisions, meetings, agenda items and their id indexes), so each call read those pages from
  // the OS again, and read more of them the larger the model (issue #19). 64 MiB at most per
  // connection, taken only as pages are read.
  db.pragma(`cache_size = -${PAGE_CACHE_KIB}`);
  return db;
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Apply every migration above the database's version, each in its own transaction. */
export function migrate(db: Db, migrations: Migration[] = MIGRATIONS, target?: number): number {
  const current = schemaVersion(db);
  const last = migrations.at(-1)?.version ?? 0;
  if (current > last) {
    throw new Error(
      `This database was written by a newer Painopiste (schema ${current}; this version knows ${last}). Update Painopiste to open it.`,
    );
  }
  for (const m of migrations) {
    if (m.version <= current) continue;
    if (target !== undefined && m.version > target) break;
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
  return schemaVersion(db);
}

/** The id of this copy of the database; every clock stamp it issues carries it. */
export function replicaId(db: Db): string {
  const row = db.prepare(`SELECT value FROM meta WHERE key = 'replica_id'`).get() as { value: string } | undefined;
  if (row) return row.value;
  const id = randomUUID();
  db.prepare(`INSERT INTO meta (key, value) VALUES ('replica_id', ?)`).run(id);
  return id;
}

export function getMeta(db: Db, key: string): string | undefined {
  return (db.prepare(`SELECT value FROM meta WHERE key = ?`).get(key) as { value: string } | undefined)?.value;
}

export function setMeta(db: Db, key: string, value: string): void {
  db.prepare(`INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`).run(
    key,
    value,
  );
}
