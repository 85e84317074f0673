/**
 * Export and import of exchange files on a live database (docs/exchange-format.md).
 *
 * Other features call these too (the scanning feature exports and imports candidate files):
 *   exportScope(ctx, scope, { passphrase?, note? })        → { bytes, summary }
 *   previewImport(ctx, bytes, { passphrase?, expectedScope? }) → counts, conflicts, flags (a dry run; async)
 *   applyImport(ctx, bytes, { passphrase?, expectedScope? })   → the same, after writing
 *
 * An import verifies the whole file first (readExchangeFileAsync with this schema's tables and columns),
 * then backs the database up, then merges and writes in ONE transaction with foreign keys deferred
 * (rows of a file reference each other in any order). References to rows neither in the file nor in
 * the database are refused before anything is written. Replica ids are never copied: the `meta`
 * table does not travel, so every database keeps its own.
 */
import { randomUUID } from 'node:crypto';
import { parseHlc, type Hlc } from '../../../shared/hlc';
import { mergeTable, type Row } from '../../../shared/exchange/merge';
import type {
  ExchangeScope,
  ExportSummary,
  ImportConflict,
  ImportPreview,
  ImportResult,
  TableCounts,
} from '../../../shared/domain/exchange';
import type { ApiError } from '../../../shared/contract/core';
import type { Ctx } from '../context';
import { backupDatabase, discardBackup, type BackupFile } from '../backup';
import { schemaVersion } from '../db/open';
import { TABLE_CODECS, travellingTables } from '../db/tables';
import { userError } from '../errors';
import {
  ExchangeError,
  ExchangeFileWriter,
  isEncrypted,
  readExchangeFileAsync,
  type BuildOptions,
  type ExchangeFile,
  type ReadOptions,
} from './format';
import { collectScope, foreignKeysOf, tablesParentsFirst, type Scope } from './scope';
import { checkClock, checkMergedRows, scopeOfFile, FUTURE_BOUND_MS, type NotApplied } from './checks';
import { exclusive } from './lock';
import { allLiveHashes, liveHashes } from '../repositories/materials';
import { blobsForExport, checkIncomingMaterials, storeIncomingBlobs } from '../services/materials';
import { MAX_MATERIAL_BYTES } from '../../../shared/materials';
import { reportProgress, reportSyncProgress, throwIfCancelled, yieldToLoop } from '../call';
import { describeChanges, whereOf } from './describe';
import { withoutDerived } from '../db/bulk';

export type { Scope } from './scope';

/** Oldest Painopiste version that reads the files this version writes (format 1.0). */
export const MIN_READER_VERSION = '0.1.0';
/**
 * Remote clocks further ahead than this are reported as clock skew (a warning); more than
 * FUTURE_BOUND_MS (24 h, checks.ts) ahead refuses the file.
 */
export const SKEW_WARNING_MS = 10 * 60 * 1000;
export { FUTURE_BOUND_MS };

export interface ExportOptions {
  passphrase?: string;
  note?: string;
  /** Chosen by the caller when a row written beforehand must name the export (the handover). */
  exportId?: string;
  /** Only tests lower the scrypt cost. */
  build?: BuildOptions;
  /**
   * The rows to write instead of the whole scope: a subset of it, chosen by the caller (a sync
   * folder's change file holds only what changed since its last file, sync/changes.ts).
   */
  rows?: Record<string, Row[]>;
}

export interface ExportResult {
  bytes: Uint8Array;
  summary: ExportSummary;
}

function toScopeRecord(scope: Scope): ExchangeScope {
  if (scope.kind === 'group') return { kind: 'group', groupId: scope.groupId };
  if (scope.kind === 'candidates') return { kind: 'candidates', roundId: scope.roundId };
  return { kind: 'database' };
}

/**
 * `SELECT json_object(<every column>), hlc, field_hlc, deleted FROM <table>`: SQLite writes each line
 * in C, half the cost of building row objects and JSON.stringify. Only for tables of TEXT and INTEGER
 * columns, where its text equals JSON.stringify's (it writes REAL 5 as `5.0`); null for the others.
 */
function jsonLineSql(ctx: Ctx, table: string): string | null {
  const cols = ctx.db.prepare(`SELECT name, type FROM pragma_table_info(?)`).all(table) as Array<{ name: string; type: string }>;
  // json_object takes at most 127 arguments in older SQLite builds.
  if (cols.length > 60 || cols.some((c) => c.type !== 'TEXT' && c.type !== 'INTEGER')) return null;
  const pairs = cols.map((c) => `'${c.name}', "${c.name}"`).join(', ');
  return `SELECT json_object(${pairs}), hlc, field_hlc, deleted FROM ${table}`;
}

/** Builds an exchange file of `scope` and logs the export. */
export function exportScope(ctx: Ctx, scope: Scope, opts: ExportOptions = {}): ExportResult {
  if (scope.kind === 'group') ctx.store.require('work_groups', scope.groupId, 'group');
  if (scope.kind === 'candidates') ctx.store.require('scanning_rounds', scope.roundId, 'round');
  const exportId = opts.exportId ?? randomUUID();
  const exportedAt = ctx.now().toISOString();
  const replicaId = ctx.store.clock.replica;
  // One table at a time, so only one table's rows are ever held (docs/performance.md, "Export"). The
  // whole database is read straight from SQLite in storage order (readers do not rely on row order;
  // sorting by id would walk the id index and fetch each row by rowid, ~25% more than the raw read),
  // serialised by SQLite itself where that gives the same text as JSON.stringify.
  const writer = new ExchangeFileWriter(opts.build);
  const counts: Record<string, number> = {};
  let rows = 0;
  ctx.tx(() => {
    const count = (table: string, n: { rows: number; live: number }) => {
      if (n.rows === 0) return;
      counts[table] = n.live;
      rows += n.rows;
    };
    const add = (table: string, tableRows: Iterable<Row>) =>
      count(table, writer.addTable(table, tableRows, { skipEmpty: true, trusted: true }));
    if (scope.kind === 'database') {
      const all = travellingTables(ctx.db).sort();
      for (const [i, table] of all.entries()) {
        reportSyncProgress('exporting', i, all.length);
        throwIfCancelled();
        const json = jsonLineSql(ctx, table);
        if (json)
          count(table, writer.addSerialisedTable(table, ctx.db.prepare(json).raw().iterate() as IterableIterator<unknown[]>));
        else add(table, ctx.db.prepare(`SELECT * FROM ${table}`).iterate() as IterableIterator<Row>);
      }
      for (const b of blobsForExport(ctx, allLiveHashes(ctx.store))) writer.addBlob(b.sha256, b.content);
    } else {
      const tables = opts.rows ?? collectScope(ctx.db, scope);
      for (const table of Object.keys(tables).sort()) add(table, tables[table]!);
      // The bytes of the live materials travel beside their rows, once per hash.
      for (const b of blobsForExport(ctx, liveHashes(tables.attachments ?? []))) writer.addBlob(b.sha256, b.content);
    }
  });
  const bytes = writer.finish(
    {
      minReaderVersion: MIN_READER_VERSION,
      schemaVersion: schemaVersion(ctx.db),
      scope: toScopeRecord(scope),
      exportId,
      replicaId,
      exportedAt,
    },
    opts.passphrase || undefined,
  );
  const summary: ExportSummary = {
    exportId,
    exportedAt,
    scope: toScopeRecord(scope),
    encrypted: Boolean(opts.passphrase),
    sizeBytes: bytes.length,
    tables: counts,
    rows,
  };
  ctx.db
    .prepare(
      `INSERT INTO exchange_log (id, export_id, direction, at, file_name, scope, replica_id, summary)
       VALUES (?, ?, 'export', ?, NULL, ?, ?, ?)`,
    )
    .run(
      randomUUID(),
      exportId,
      exportedAt,
      JSON.stringify(summary.scope),
      replicaId,
      JSON.stringify({ ...summary, note: opts.note ?? null }),
    );
  return { bytes, summary };
}

export interface ImportOptions {
  passphrase?: string;
  /** Refuse a file of another scope (e.g. a handover for another group than the chosen one). */
  expectedScope?: ExchangeScope;
  fileName?: string;
  /**
   * Back the database up before writing (default). A sync folder applies many small files and makes
   * its own 'before-import' backup at most once an hour (sync/manager.ts), so it turns this off.
   */
  backup?: boolean;
}

/** An ExchangeError as the user-facing error the API returns. */
export function exchangeUserError(e: ExchangeError): ApiError {
  return userError('validation', e.key, e.params);
}

interface ColumnInfo {
  name: string;
  type: string;
  notnull: number;
  dflt_value: unknown;
}
interface TableShape {
  byName: Map<string, ColumnInfo>;
  required: string[];
  json: readonly string[];
}
const shapeCache = new WeakMap<object, Map<string, TableShape>>();

function shapeOf(ctx: Ctx, table: string): TableShape {
  let perDb = shapeCache.get(ctx.db);
  if (!perDb) shapeCache.set(ctx.db, (perDb = new Map()));
  let shape = perDb.get(table);
  if (!shape) {
    const info = ctx.db.prepare(`SELECT name, type, "notnull", dflt_value FROM pragma_table_info(?)`).all(table) as ColumnInfo[];
    shape = {
      byName: new Map(info.map((c) => [c.name, c])),
      required: info.filter((c) => c.notnull && c.dflt_value === null).map((c) => c.name),
      json: TABLE_CODECS[table]?.json ?? [],
    };
    perDb.set(table, shape);
  }
  return shape;
}

/** The per-row check against this database's columns: names, storage types, required values, JSON. */
function rowSchemaFor(ctx: Ctx): (table: string, row: Row) => string | null {
  // The reader calls this for every row of one table, then the next: the shape is looked up per table.
  let shapeTable: string | undefined;
  let shape: TableShape | undefined;
  return (table, row) => {
    if (table !== shapeTable || !shape) {
      shape = shapeOf(ctx, table);
      shapeTable = table;
    }
    const { byName, required, json } = shape;
    for (const key in row) {
      const col = byName.get(key);
      if (!col) return `column:${key}`;
      const v = row[key];
      if (v === null) {
        if (col.notnull) return `null:${key}`;
        continue;
      }
      if (typeof v === 'boolean') return `type:${key}`;
      if (
        col.type === 'TEXT'
          ? typeof v !== 'string'
          : col.type === 'INTEGER'
            ? !Number.isSafeInteger(v)
            : col.type === 'REAL' && !(typeof v === 'number' && Number.isFinite(v))
      ) {
        return `type:${key}`;
      }
      if (json.length && json.includes(key)) {
        try {
          JSON.parse(v as string);
        } catch {
          return `json:${key}`;
        }
      }
    }
    for (const name of required) if (!(name in row)) return `missing:${name}`;
    return null;
  };
}

function readOptions(ctx: Ctx, opts: ImportOptions): ReadOptions {
  return {
    passphrase: opts.passphrase || undefined,
    readerAppVersion: ctx.version,
    knownTables: travellingTables(ctx.db),
    rowSchema: rowSchemaFor(ctx),
    expectedScope: opts.expectedScope,
    maxBlobBytes: MAX_MATERIAL_BYTES,
  };
}

/** The checks of a file that come after the reader's, the same for both readers. */
function checkedFile(ctx: Ctx, file: ExchangeFile): ExchangeFile {
  // Materials meet the same rules as an add (services/materials.ts owns them).
  const problem = checkIncomingMaterials(ctx, file.tables.attachments ?? [], file.blobs);
  if (problem) throw userError('validation', 'materials.errors.badIncoming', { detail: problem });
  // A stamp too far ahead refuses the file, so no import moves this computer's clock past the bound.
  checkClock(file.newestStamp, ctx.now());
  return file;
}

function asUserError(e: unknown): unknown {
  return e instanceof ExchangeError ? exchangeUserError(e) : e;
}

/** The reader of the preview and the import: large entries inflated natively off the thread (format.ts). */
async function readFileAsync(ctx: Ctx, bytes: Uint8Array, opts: ImportOptions): Promise<ExchangeFile> {
  try {
    return checkedFile(ctx, await readExchangeFileAsync(bytes, readOptions(ctx, opts)));
  } catch (e) {
    throw asUserError(e);
  }
}

interface Plan {
  /** Rows of a group's or candidate file outside its core that exist here: not written (docs/exchange-format.md). */
  notApplied: NotApplied[];
  /** Organisations and people a group's file changes (they are shared with other groups). */
  sharedChanges: NotApplied[];
  counts: TableCounts[];
  /** `fresh`: ids not in the database (inserted; the rest are updated in place). */
  writes: Array<{ table: string; rows: Row[]; fresh: Set<string> }>;
  /** The rows of `writes` by table and id. */
  pending: Map<string, Map<string, Row>>;
  conflicts: ImportConflict[];
  flags: Array<{ table: string; rowId: string; label: string; flag: 'edit_vs_delete' }>;
}

const LABEL_COLUMNS = ['title', 'name', 'label', 'text', 'abbreviation', 'period', 'date'];
function labelOf(row: Row | undefined): string {
  if (!row) return '';
  for (const c of LABEL_COLUMNS) if (typeof row[c] === 'string' && row[c]) return (row[c] as string).slice(0, 120);
  return '';
}

/** Merge every row of the file against the database (no writes). Tables in name order. */
function plan(ctx: Ctx, file: ExchangeFile): Plan {
  const pending = new Map<string, Map<string, Row>>();
  const out: Plan = { notApplied: [], sharedChanges: [], counts: [], writes: [], pending, conflicts: [], flags: [] };
  // Scope on the rows: a group's file changes only that group's closure, a candidate file only its
  // round's candidates (checks.ts); a whole-database file has no limit.
  const fileScope = scopeOfFile(ctx, file.manifest.scope, file.tables);
  if (fileScope) {
    out.notApplied = fileScope.notApplied;
    out.sharedChanges = fileScope.sharedChanges;
  }
  const recorded = ctx.db.prepare(
    'SELECT 1 FROM conflicts WHERE table_name = ? AND row_id = ? AND field = ? AND local_hlc IS ? AND remote_hlc IS ?',
  );
  for (const table of Object.keys(file.tables).sort()) {
    const skip = fileScope?.skip.get(table);
    const rows = skip ? file.tables[table]!.filter((r) => !skip.has(r.id)) : file.tables[table]!;
    const fresh = new Set<string>();
    // For a big table in the file, one query for the ids present saves a query per new row; an empty
    // table here (a new database receiving the whole model) needs no query per row at all.
    const empty = ctx.db.prepare(`SELECT 1 FROM ${table} LIMIT 1`).get() === undefined;
    const present = empty
      ? new Set<string>()
      : rows.length > 1000
        ? new Set(ctx.store.prepare(`SELECT id FROM ${table}`).pluck().all() as string[])
        : undefined;
    const lookup = (id: string) => {
      const row = present && !present.has(id) ? undefined : (ctx.store.getRaw(table, id) as Row | undefined);
      if (!row) fresh.add(id);
      return row;
    };
    const m = mergeTable(lookup, rows, { longTextFields: TABLE_CODECS[table]?.longText ?? [] });
    out.counts.push({
      table,
      added: m.added,
      updated: m.updated,
      deleted: m.deleted,
      restored: m.restored,
      unchanged: m.unchanged,
    });
    if (m.writes.length) {
      out.writes.push({ table, rows: m.writes, fresh });
      // Filled in a loop: a [id, row] pair per row for the Map constructor is garbage at once.
      const byId = new Map<string, Row>();
      for (const r of m.writes) byId.set(r.id, r);
      pending.set(table, byId);
    }
    for (const c of m.conflicts) {
      // The same two versions met before (a file imported again): the conflict is already listed.
      if (recorded.get(table, c.id, c.field, c.localHlc, c.remoteHlc)) continue;
      const row = pending.get(table)?.get(c.id) ?? lookup(c.id);
      out.conflicts.push({
        table,
        rowId: c.id,
        field: c.field,
        label: labelOf(row),
        localValue: c.localValue === null || c.localValue === undefined ? null : String(c.localValue),
        remoteValue: c.remoteValue === null || c.remoteValue === undefined ? null : String(c.remoteValue),
        localHlc: c.localHlc,
        remoteHlc: c.remoteHlc,
      });
    }
    for (const f of m.flagged) {
      out.flags.push({ table, rowId: f.id, label: labelOf(pending.get(table)?.get(f.id) ?? lookup(f.id)), flag: f.flag });
    }
  }
  // Every row to be written passes its domain schema (the API's rules), and no parent chain loops.
  checkMergedRows(ctx, pending);
  // Every reference must land on a row of the file or of the database, before anything is written.
  for (const { table, rows } of out.writes) {
    for (const fk of foreignKeysOf(ctx.db, table)) {
      const targets = pending.get(fk.target);
      for (const r of rows) {
        const v = r[fk.column];
        if (typeof v !== 'string') continue;
        if (targets?.has(v) || ctx.store.getRaw(fk.target, v)) continue;
        throw userError('validation', 'exchange.missingReference', { table, column: fk.column, id: r.id });
      }
    }
  }
  return out;
}

/**
 * Rows of a self-referencing table (agenda item → parent item, group → parent group, candidate →
 * merged into / carried from, membership → substitute for) with each row after the rows of the same
 * batch it points at; depth-first, so it also ends on a reference cycle instead of looping.
 */
function rowsParentsFirst(ctx: Ctx, table: string, rows: Row[]): Row[] {
  const selfColumns = foreignKeysOf(ctx.db, table)
    .filter((fk) => fk.target === table)
    .map((fk) => fk.column);
  if (selfColumns.length === 0 || rows.length < 2) return rows;
  const byId = new Map(rows.map((r) => [r.id, r]));
  const placed = new Set<string>();
  const out: Row[] = [];
  // An explicit stack: a file may hold a reference chain far deeper than the call stack.
  for (const start of rows) {
    if (placed.has(start.id)) continue;
    placed.add(start.id);
    const stack: Array<{ row: Row; next: number }> = [{ row: start, next: 0 }];
    while (stack.length) {
      const top = stack[stack.length - 1]!;
      if (top.next < selfColumns.length) {
        const v = top.row[selfColumns[top.next++]!];
        const parent = typeof v === 'string' ? byId.get(v) : undefined;
        if (parent && !placed.has(parent.id)) {
          placed.add(parent.id);
          stack.push({ row: parent, next: 0 });
        }
      } else {
        out.push(top.row);
        stack.pop();
      }
    }
  }
  return out;
}

/**
 * Below this many rows to write, the indexes are kept (dropping and rebuilding them costs a few
 * milliseconds of DDL, more than a small file's index updates).
 */
export const BULK_MIN_ROWS = 1000;

/** No travelling table holds a row (tombstones included): a new or emptied database. */
function isEmpty(ctx: Ctx, tables: readonly string[]): boolean {
  return tables.every((t) => ctx.db.prepare(`SELECT 1 FROM ${t} LIMIT 1`).get() === undefined);
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function alreadyImportedAt(ctx: Ctx, exportId: string): string | null {
  const row = ctx.db
    .prepare(`SELECT at FROM exchange_log WHERE export_id = ? AND direction = 'import' ORDER BY at LIMIT 1`)
    .get(exportId) as { at: string } | undefined;
  return row?.at ?? null;
}

function newestStamp(file: ExchangeFile): Hlc | null {
  return file.newestStamp;
}

function recordsOf(ctx: Ctx, p: Plan) {
  const d = describeChanges(ctx, p.writes, undefined, p.pending);
  return { records: d.records, bookkeepingRows: d.bookkeeping, moreRecords: d.more };
}

function describe(ctx: Ctx, file: ExchangeFile, p: Plan, encrypted: boolean): ImportPreview {
  const newest = newestStamp(file);
  const aheadMs = newest ? parseHlc(newest).wall - ctx.now().getTime() : 0;
  const handoverRow = (file.tables.handovers ?? []).find((h) => h.export_id === file.manifest.exportId && h.deleted === 0);
  const totals = { added: 0, updated: 0, deleted: 0, restored: 0, unchanged: 0 };
  for (const c of p.counts) {
    totals.added += c.added;
    totals.updated += c.updated;
    totals.deleted += c.deleted;
    totals.restored += c.restored;
    totals.unchanged += c.unchanged;
  }
  let groupName: string | null = null;
  if (file.manifest.scope.kind === 'group') {
    const g = (file.tables.work_groups ?? []).find((r) => r.id === file.manifest.scope.groupId);
    groupName = typeof g?.name === 'string' ? g.name : null;
  }
  // Who handed over to whom: a person or organisation row of the file, else of this database.
  const nameOf = (table: 'people' | 'organisations', id: unknown): string | null => {
    if (typeof id !== 'string') return null;
    const row = (file.tables[table] ?? []).find((r) => r.id === id) ?? (ctx.store.getRaw(table, id) as Row | undefined);
    return typeof row?.name === 'string' ? row.name : null;
  };
  return {
    exportId: file.manifest.exportId,
    exportedAt: file.manifest.exportedAt,
    replicaId: file.manifest.replicaId,
    scope: file.manifest.scope,
    groupName,
    encrypted,
    alreadyImportedAt: alreadyImportedAt(ctx, file.manifest.exportId),
    clockSkewMinutes: aheadMs > SKEW_WARNING_MS ? Math.round(aheadMs / 60000) : null,
    counts: p.counts,
    totals,
    conflicts: p.conflicts.map((c) => ({
      ...c,
      where: whereOf(ctx, c.table, ctx.store.getRaw(c.table, c.rowId) as Row | undefined),
    })),
    flags: p.flags,
    notApplied: p.notApplied.map((n) => ({ ...n, label: labelOf(ctx.store.getRaw(n.table, n.rowId) as Row | undefined) })),
    sharedChanges: p.sharedChanges.map((n) => ({ ...n, label: labelOf(ctx.store.getRaw(n.table, n.rowId) as Row | undefined) })),
    ...recordsOf(ctx, p),
    handover: handoverRow
      ? {
          date: String(handoverRow.date),
          note: typeof handoverRow.note === 'string' ? handoverRow.note : null,
          from: nameOf('people', handoverRow.from_person_id) ?? nameOf('organisations', handoverRow.from_organisation_id),
          to: nameOf('people', handoverRow.to_person_id) ?? nameOf('organisations', handoverRow.to_organisation_id),
          checklist: typeof handoverRow.checklist === 'string' ? (JSON.parse(handoverRow.checklist) as unknown) : null,
        }
      : null,
  };
}

/** A dry run: what importing the file would change. Writes nothing. */
export async function previewImport(ctx: Ctx, bytes: Uint8Array, opts: ImportOptions = {}): Promise<ImportPreview> {
  const file = await readFileAsync(ctx, bytes, opts);
  return describe(ctx, file, plan(ctx, file), isEncrypted(bytes));
}

/** Verify, back up, and merge the file in one transaction. A repeat import changes nothing. */
export function applyImport(ctx: Ctx, bytes: Uint8Array, opts: ImportOptions = {}): Promise<ImportResult> {
  return exclusive(ctx, async () => {
    const made: { backup?: BackupFile } = {};
    try {
      return await importNow(ctx, bytes, opts, made);
    } catch (e) {
      // Failed or cancelled after the backup: the transaction rolled back, so its backup goes too.
      if (made.backup) discardBackup(ctx.db, made.backup);
      throw e;
    }
  });
}

async function importNow(ctx: Ctx, bytes: Uint8Array, opts: ImportOptions, made: { backup?: BackupFile }): Promise<ImportResult> {
  // Progress and cancel (electron/backend/call.ts): a cancel is honoured up to the backup and, where
  // the cancel flag is live (a worker thread), inside the write transaction, which then rolls back.
  reportProgress('reading');
  await yieldToLoop();
  throwIfCancelled();
  const file = await readFileAsync(ctx, bytes, opts);
  reportProgress('checking');
  await yieldToLoop();
  throwIfCancelled();
  const encrypted = isEncrypted(bytes);
  const before = alreadyImportedAt(ctx, file.manifest.exportId);
  if (before) {
    const p = plan(ctx, file);
    return { ...describe(ctx, file, p, encrypted), applied: false, backupFileName: null };
  }
  // Planned before the backup so dangling references are refused without one. Every local write
  // ticks the clock and imports/restores are serialised, so an unchanged clock (and connection) means
  // the plan still holds when the transaction starts; otherwise it is made again inside it.
  const early = plan(ctx, file);
  const store = ctx.store;
  const clockMark = store.clock.last();
  reportProgress('backup');
  await yieldToLoop();
  throwIfCancelled();
  const backup = opts.backup === false ? null : await backupDatabase(ctx.db, ctx.backupDir, 'before-import', ctx.now());
  if (backup) made.backup = backup;
  const total = early.writes.reduce((n, w) => n + w.rows.length, 0);
  let done = 0;
  reportSyncProgress('writing', 0, total);
  const result = ctx.tx(() => {
    const p = ctx.store === store && store.clock.last() === clockMark ? early : plan(ctx, file);
    const preview = describe(ctx, file, p, encrypted);
    // Rows of a file reference each other in any order; the foreign keys are checked at COMMIT.
    ctx.db.pragma('defer_foreign_keys = ON');
    // Plain INSERT for new rows and UPDATE for known ones: an upsert costs about twice as much.
    const statements = new Map<string, import('better-sqlite3').Statement>();
    let newest: Hlc | null = newestStamp(file);
    // Parents before children (tables, and rows within a self-referencing table): a child written
    // first makes every later parent insert search the child tables (docs/performance.md).
    const rank = new Map(tablesParentsFirst(ctx.db).map((t, i) => [t, i]));
    const writes = [...p.writes].sort((a, b) => (rank.get(a.table) ?? 0) - (rank.get(b.table) ?? 0));
    const writeRows = () => {
      for (const { table, rows: planned, fresh } of writes) {
        const rows = rowsParentsFirst(ctx, table, planned);
        // Rows of a table nearly always have the same columns: the statement is looked up only when
        // the columns or the kind of write change, and new rows bind by position (cheaper than by name).
        let cols: string[] = [];
        let insert: boolean | undefined;
        let st: import('better-sqlite3').Statement | undefined;
        for (const row of rows) {
          const isNew = fresh.has(row.id);
          const keys = Object.keys(row);
          if (isNew !== insert || !sameKeys(keys, cols)) {
            insert = isNew;
            cols = keys;
            const key = `${insert ? 'i' : 'u'}|${table}|${cols.join(',')}`;
            st = statements.get(key);
            if (!st) {
              st = ctx.db.prepare(
                insert
                  ? `INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`
                  : `UPDATE ${table} SET ${cols
                      .filter((c) => c !== 'id')
                      .map((c) => `${c} = @${c}`)
                      .join(', ')} WHERE id = @id`,
              );
              statements.set(key, st);
            }
          }
          if (insert) {
            const values = new Array<unknown>(cols.length);
            for (let i = 0; i < cols.length; i++) values[i] = row[cols[i]!];
            st!.run(values);
          } else st!.run(row);
          if (newest === null || row.hlc > newest) newest = row.hlc;
          if (++done % 2000 === 0) {
            throwIfCancelled();
            reportSyncProgress('writing', done, total);
          }
        }
      }
    };
    // Into an empty database (the whole model received at once) the secondary indexes and full-text
    // triggers are dropped, the rows written, and the indexes and search index built once at the end
    // (db/bulk.ts): about half the cost. All of it inside this transaction, so a failure or a cancel
    // rolls the schema back with the rows. Into a database with rows, every row goes through them.
    const tables = travellingTables(ctx.db);
    if (total >= BULK_MIN_ROWS && isEmpty(ctx, tables)) withoutDerived(ctx.db, tables, writeRows);
    else writeRows();
    const at = ctx.now().toISOString();
    const conflict = ctx.db.prepare(
      `INSERT INTO conflicts (id, table_name, row_id, field, local_value, remote_value, local_hlc, remote_hlc, kind, import_id, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const c of p.conflicts) {
      conflict.run(
        randomUUID(),
        c.table,
        c.rowId,
        c.field,
        c.localValue,
        c.remoteValue,
        c.localHlc,
        c.remoteHlc,
        'text',
        file.manifest.exportId,
        at,
      );
    }
    for (const f of p.flags) {
      conflict.run(randomUUID(), f.table, f.rowId, 'deleted', null, null, null, null, f.flag, file.manifest.exportId, at);
    }
    ctx.db
      .prepare(
        `INSERT INTO exchange_log (id, export_id, direction, at, file_name, scope, replica_id, summary)
         VALUES (?, ?, 'import', ?, ?, ?, ?, ?)`,
      )
      .run(
        randomUUID(),
        file.manifest.exportId,
        at,
        opts.fileName ?? null,
        JSON.stringify(file.manifest.scope),
        file.manifest.replicaId,
        JSON.stringify({ totals: preview.totals, conflicts: p.conflicts.length, flags: p.flags.length }),
      );
    // Later local edits must sort after everything imported, even from a clock hours ahead.
    storeIncomingBlobs(ctx, file.blobs);
    if (newest) ctx.store.observe([newest]);
    return preview;
  });
  return { ...result, alreadyImportedAt: null, applied: true, backupFileName: backup?.fileName ?? null };
}
