import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS, SCHEMA_VERSION } from '../../electron/backend/db/migrations';
import { migrate, openDatabase, PAGE_CACHE_KIB, replicaId, schemaVersion } from '../../electron/backend/db/open';
import { RowStore } from '../../electron/backend/db/store';
import { travellingTables, META_COLUMNS, TABLE_CODECS } from '../../electron/backend/db/tables';
import { loadExampleData } from '../../electron/backend/services/example-data';
import type { Ctx } from '../../electron/backend/context';
import { tempDir } from '../helpers/backend';
import { tablesParentsFirst } from '../../electron/backend/exchange/scope';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function freshDb() {
  const dir = tempDir();
  dirs.push(dir);
  return openDatabase(path.join(dir, 'test.sqlite'));
}

/**
 * The example written at the latest schema (it goes through today's services, which need today's
 * tables), then copied into `db` for the tables and columns the older schema of `db` has.
 */
function fill(db: ReturnType<typeof openDatabase>) {
  const full = openDatabase(':memory:');
  migrate(full);
  const store = new RowStore(full, replicaId(full));
  const ctx = { db: full, store, now: () => new Date(), tx: <T>(fn: () => T) => full.transaction(fn)() } as unknown as Ctx;
  loadExampleData(ctx);
  const present = new Set(travellingTables(db));
  db.transaction(() => {
    for (const table of tablesParentsFirst(full)) {
      if (!present.has(table)) continue;
      const own = new Set(db.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(table) as string[]);
      const columns = (full.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(table) as string[]).filter((c) =>
        own.has(c),
      );
      const insert = db.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
      for (const row of full
        .prepare(`SELECT ${columns.join(', ')} FROM ${table}`)
        .raw()
        .all() as unknown[][])
        insert.run(row);
    }
  })();
  full.close();
}

function counts(db: ReturnType<typeof openDatabase>) {
  return Object.fromEntries(travellingTables(db).map((t) => [t, db.prepare(`SELECT count(*) FROM ${t}`).pluck().get()]));
}

describe('a connection', () => {
  it('opens with WAL, foreign keys, NORMAL sync, a busy timeout and its own page cache', () => {
    const db = freshDb();
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('synchronous', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    // Negative: KiB, not pages. Larger than SQLite's 2 MiB default (see openDatabase).
    expect(db.pragma('cache_size', { simple: true })).toBe(-PAGE_CACHE_KIB);
    expect(PAGE_CACHE_KIB).toBeGreaterThan(2048);
    db.close();
  });
});

describe('migrations', () => {
  it('are numbered 1..n without gaps and bring an empty database to the latest schema', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    const db = freshDb();
    expect(migrate(db)).toBe(SCHEMA_VERSION);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('give every travelling table the clock and tombstone columns, and a codec entry', () => {
    const db = freshDb();
    migrate(db);
    const tables = travellingTables(db);
    expect(tables.length).toBeGreaterThanOrEqual(30);
    for (const t of tables) {
      const cols = db.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(t) as string[];
      for (const c of META_COLUMNS) expect(cols, `${t}.${c}`).toContain(c);
      expect(TABLE_CODECS[t], `codec for ${t}`).toBeDefined();
    }
    db.close();
  });

  // Each migration N is proven on a database at version N-1 that holds data.
  for (const m of MIGRATIONS.filter((x) => x.version > 1)) {
    it(`${String(m.version).padStart(4, '0')}-${m.name} keeps the data of version ${m.version - 1}`, () => {
      const db = freshDb();
      migrate(db, MIGRATIONS, m.version - 1);
      fill(db);
      const before = counts(db);
      migrate(db, MIGRATIONS, m.version);
      expect(schemaVersion(db)).toBe(m.version);
      const after = counts(db);
      for (const [table, n] of Object.entries(before)) expect(after[table], table).toBe(n);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
      db.close();
    });
  }

  it('0001-initial holds the example data with intact references', () => {
    const db = freshDb();
    migrate(db, MIGRATIONS, 1);
    fill(db);
    expect(db.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
    expect(db.prepare(`SELECT count(*) FROM work_groups`).pluck().get()).toBe(13);
    db.close();
  });

  it('refuse a database written by a newer version, leaving it untouched', () => {
    const db = freshDb();
    migrate(db);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    expect(() => migrate(db)).toThrow(/newer Painopiste/);
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION + 1);
    db.close();
  });

  it('roll back a migration that fails half-way', () => {
    const db = freshDb();
    migrate(db);
    const broken = [
      ...MIGRATIONS,
      {
        version: SCHEMA_VERSION + 1,
        name: 'broken',
        up: (d: typeof db) => {
          d.exec(`ALTER TABLE organisations ADD COLUMN website TEXT`);
          throw new Error('boom');
        },
      },
    ];
    expect(() => migrate(db, broken)).toThrow('boom');
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
    const cols = db.prepare(`SELECT name FROM pragma_table_info('organisations')`).pluck().all();
    expect(cols).not.toContain('website');
    db.close();
  });
});

describe('foreign keys', () => {
  it('have an index on every referencing column (imports and parent deletes never scan a table)', () => {
    const db = freshDb();
    migrate(db);
    const missing: string[] = [];
    for (const t of db
      .prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)
      .pluck()
      .all() as string[]) {
      const indexed = new Set(
        (db.prepare(`SELECT name FROM pragma_index_list(?)`).pluck().all(t) as string[]).map(
          (i) => (db.prepare(`SELECT name FROM pragma_index_info(?) WHERE seqno = 0`).pluck().get(i) as string) ?? '',
        ),
      );
      for (const fk of db.prepare(`SELECT "from" FROM pragma_foreign_key_list(?)`).pluck().all(t) as string[]) {
        if (!indexed.has(fk)) missing.push(`${t}.${fk}`);
      }
    }
    expect(missing).toEqual([]);
    db.close();
  });

  it('order the tables so every table comes after the tables it references', () => {
    const db = freshDb();
    migrate(db);
    const order = tablesParentsFirst(db);
    for (const [i, t] of order.entries()) {
      for (const parent of db.prepare(`SELECT "table" FROM pragma_foreign_key_list(?)`).pluck().all(t) as string[]) {
        if (parent !== t && order.includes(parent)) expect(order.indexOf(parent), `${parent} before ${t}`).toBeLessThan(i);
      }
    }
    db.close();
  });
});
