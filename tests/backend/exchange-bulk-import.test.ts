/**
 * A whole-database import into an EMPTY database drops the secondary indexes and full-text triggers,
 * writes the rows and builds them once at the end, inside the import's one transaction
 * (electron/backend/db/bulk.ts, docs/performance.md). These tests hold it to the ordinary path:
 * the same rows and search answers, and a failure late in the write leaves rows and schema as before.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../bench/generate';
import { schemaVersion } from '../../electron/backend/db/open';
import { travellingTables } from '../../electron/backend/db/tables';
import { BULK_MIN_ROWS } from '../../electron/backend/exchange/service';
import { buildExchangeFile, readExchangeFile } from '../../electron/backend/exchange/format';
import { SEARCH_SOURCES } from '../../electron/backend/db/migrations/0006-portfolio';
import type { Row } from '../../shared/exchange/merge';
import { databaseContent, startTestBackend, type TestBackend } from '../helpers/backend';
import { exportFrom, travellingContent } from './exchange-helpers';

const opened: TestBackend[] = [];
async function backend(): Promise<TestBackend> {
  const b = await startTestBackend({ backupOnStart: false });
  opened.push(b);
  return b;
}
afterAll(() => {
  for (const b of opened) b.cleanup();
});

const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

/** The schema as SQLite stores it; with the root pages when `pages` (an index rebuilt gets new ones). */
function schemaOf(b: TestBackend, pages = false): string[] {
  return (
    b.backend.ctx.db.prepare(`SELECT type, name, tbl_name, sql, rootpage FROM sqlite_master ORDER BY type, name`).all() as Array<
      Record<string, unknown>
    >
  ).map((r) => JSON.stringify(pages ? r : { ...r, rootpage: undefined }));
}

function rowCounts(b: TestBackend): Record<string, number> {
  const db = b.backend.ctx.db;
  const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).pluck().all() as string[];
  return Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT count(*) FROM "${t}"`).pluck().get() as number]));
}

/** Every search index's entries (rowid, the row's id, the indexed text). */
function searchIndex(b: TestBackend): Record<string, unknown[]> {
  const db = b.backend.ctx.db;
  return Object.fromEntries(
    SEARCH_SOURCES.map((s) => [
      s.kind,
      db.prepare(`SELECT rowid, ref_id, title, body FROM search_${s.kind} ORDER BY rowid`).all(),
    ]),
  );
}

let source: TestBackend;
let file: Uint8Array;
/** The same file imported by the ordinary path (a database holding one organisation already). */
let ordinary: TestBackend;
let extraId: string;
let freshSchema: string[];
/** Words that occur in the generated titles: the search answers compared below. */
let words: string[];

beforeAll(async () => {
  source = await backend();
  // The benchmark's generator at 1/200 of W: about 2 500 rows of every kind (tombstones included).
  generate(source.backend.ctx.db, { scale: 200, seed: 19 });
  file = exportFrom(source, { kind: 'database' });
  const titles = source.backend.ctx.db
    .prepare(`SELECT title FROM action_items UNION ALL SELECT title FROM meetings UNION ALL SELECT title FROM candidates`)
    .pluck()
    .all() as string[];
  words = [...new Set(titles.flatMap((t) => t.split(/\s+/)).filter((w) => w.length > 4))].slice(0, 6);
  ordinary = await backend();
  freshSchema = schemaOf(ordinary, true);
  // One organisation first: the database is not empty, so its import takes the ordinary path.
  extraId = (await ordinary.api.organisations.create({ abbreviation: 'XX', name: 'Ylimääräinen', kind: 'ministry' })).id;
  await ordinary.api.exchange.import({ contentBase64: base64(file) });
}, 60_000);

/** The ordinary import's rows without the organisation it held before. */
function ordinaryRows(): Record<string, Row[]> {
  const rows = travellingContent(ordinary);
  rows.organisations = rows.organisations!.filter((o) => o.id !== extraId);
  return rows;
}

/** The answers `b` gives to searches of the generated words: everything, and the action list's text query. */
async function answers(b: TestBackend) {
  const out: unknown[] = [];
  for (const query of words) {
    const all = await b.api.portfolio.search({ query, perKind: 20 });
    expect(all.total, query).toBeGreaterThan(0);
    out.push(all, await b.api.meetings.listActions({ query, count: true }));
  }
  return out;
}

describe('whole-database import into an empty database', () => {
  it('is large enough to take the bulk path', () => {
    const rows = Object.values(readExchangeFile(file, { knownTables: travellingTables(source.backend.ctx.db) }).tables).reduce(
      (n, t) => n + t.length,
      0,
    );
    expect(rows).toBeGreaterThan(BULK_MIN_ROWS);
    expect(words.length).toBeGreaterThan(3);
  });

  it('gives the same rows, search index and search answers as the ordinary path, and the same schema', async () => {
    const empty = await backend();
    await empty.api.exchange.import({ contentBase64: base64(file) });

    expect(travellingContent(empty)).toEqual(ordinaryRows());
    expect(travellingContent(empty)).toEqual(travellingContent(source));
    expect(searchIndex(empty)).toEqual(searchIndex(ordinary));
    expect(Object.values(searchIndex(empty)).every((entries) => entries.length > 0)).toBe(true);
    expect(await answers(empty)).toEqual(await answers(ordinary));

    // The indexes and triggers are back, from their own text; only the rebuilt indexes' pages moved
    // (which shows this import took the bulk path and the other did not).
    expect(schemaOf(empty)).toEqual(schemaOf(ordinary));
    expect(schemaOf(empty, true)).not.toEqual(freshSchema);
    expect(schemaOf(ordinary, true)).toEqual(freshSchema);

    // Later edits go through the triggers again: a renamed action is found by its new title.
    const [first] = (await empty.api.meetings.listActions({})).rows;
    await empty.api.meetings.updateAction({ id: first!.id, patch: { title: 'Zyxwvu-selvitys' } });
    const found = await empty.api.portfolio.search({ query: 'zyxwvu', perKind: 5 });
    expect(found.groups.flatMap((g) => g.hits.map((h) => h.id))).toEqual([first!.id]);
  }, 60_000);

  it('that fails late (a bad row near the end of the file) leaves rows and schema exactly as before', async () => {
    // A second score of the same assessor for the same candidate and criterion, last in the file's
    // scores: every row passes its checks, and only the UNIQUE index over scores refuses it — on the
    // bulk path when the index is built, after every row has been written.
    const db = source.backend.ctx.db;
    const known = { knownTables: travellingTables(db) };
    const tables: Record<string, Row[]> = { ...readExchangeFile(file, known).tables };
    const live = tables.scores!.filter((s) => s.deleted === 0);
    expect(live.length).toBeGreaterThan(0);
    tables.scores = [...tables.scores!, { ...live.at(-1)!, id: randomUUID() }];
    const bad = buildExchangeFile({
      tables,
      minReaderVersion: '0.1.0',
      schemaVersion: schemaVersion(db),
      scope: { kind: 'database' },
      exportId: randomUUID(),
      replicaId: 'test-crafted',
      exportedAt: new Date().toISOString(),
    });

    const target = await backend();
    const schemaBefore = schemaOf(target, true);
    const countsBefore = rowCounts(target);
    const contentBefore = databaseContent(target.backend);
    await expect(target.api.exchange.import({ contentBase64: base64(bad) })).rejects.toMatchObject({ key: 'errors.constraint' });
    expect(schemaOf(target, true)).toEqual(schemaBefore);
    expect(rowCounts(target)).toEqual(countsBefore);
    expect(databaseContent(target.backend)).toEqual(contentBefore);

    // A good import afterwards: the search index works as on a database that never failed.
    await target.api.exchange.import({ contentBase64: base64(file) });
    expect(travellingContent(target)).toEqual(ordinaryRows());
    expect(searchIndex(target)).toEqual(searchIndex(ordinary));
    expect(await answers(target)).toEqual(await answers(ordinary));
    expect(schemaOf(target)).toEqual(schemaOf(ordinary));
  }, 60_000);
});
