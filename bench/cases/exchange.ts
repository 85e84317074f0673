/**
 * Exchange: export and import of one group and of the whole database, against the raw read and raw
 * insert limits. The main cases call the exchange service (exportScope / applyImport: collect the
 * scope, validate, serialise, hash, zip; verify, plan, back up, merge, write in one transaction).
 * The "parts" cases run the same pipeline from its building blocks — rows from SQLite →
 * buildExchangeFile, readExchangeFile → mergeTable → one write transaction — so the report shows how
 * much the service adds on top of the format and merge themselves.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { DATABASE_FILE, openDatabase, schemaVersion, type Db } from '../../electron/backend/db/open';
import { TABLE_CODECS } from '../../electron/backend/db/tables';
import { buildExchangeFile, readExchangeFile } from '../../electron/backend/exchange/format';
import { mergeTable, type Row } from '../../shared/exchange/merge';
import { openBackend, type Backend } from '../../electron/backend';
import { applyImport, exportScope, previewImport, type Scope } from '../../electron/backend/exchange/service';
import { derivedSchemaOf, dropDerived, restoreDerived, type DerivedSchema } from '../../electron/backend/db/bulk';
import { travellingTables } from '../../electron/backend/db/tables';
import { defineCase, type BenchCase, type RunOutput, type ScaleEnv } from '../harness';
import { insertRawValues, readRows, tablesInWriteOrder } from '../rows';
import { generatedValues } from './foundation';

const ALL = ['W/100', 'W/10', 'W'] as const;

/** Rows belonging to one group (the fallback's scope rule; the service defines the real one). */
function groupWhere(groupId: string): (table: string) => string | null {
  const g = `'${groupId.replace(/'/g, "''")}'`;
  const meetings = `(SELECT id FROM meetings WHERE group_id = ${g})`;
  const byParent: Record<string, string> = {
    work_groups: `WHERE id = ${g}`,
    agenda_items: `WHERE meeting_id IN ${meetings}`,
    attendance: `WHERE meeting_id IN ${meetings}`,
    measure_organisations: `WHERE measure_id IN (SELECT id FROM measures WHERE group_id = ${g})`,
    indicator_values: `WHERE indicator_id IN (SELECT id FROM indicators WHERE group_id = ${g})`,
    rotation_versions: `WHERE rotation_id IN (SELECT id FROM rotations WHERE group_id = ${g})`,
    rotation_exceptions: `WHERE rotation_id IN (SELECT id FROM rotations WHERE group_id = ${g})`,
    rotation_slots: `WHERE version_id IN (SELECT v.id FROM rotation_versions v JOIN rotations r ON r.id = v.rotation_id WHERE r.group_id = ${g})`,
    agenda_template_items: `WHERE template_id IN (SELECT id FROM agenda_templates WHERE group_id = ${g})`,
    // Everyone and every organisation: a group file must carry the people its rows point to.
    organisations: '',
    people: '',
  };
  return (table) => {
    if (table in byParent) return byParent[table]!;
    return GROUP_TABLES.has(table) ? `WHERE group_id = ${g}` : null;
  };
}

const GROUP_TABLES = new Set([
  'group_organisations',
  'memberships',
  'meetings',
  'meeting_series',
  'agenda_templates',
  'measures',
  'decisions',
  'action_items',
  'indicators',
  'rotations',
  'handovers',
]);

function exportFile(db: Db, tables: string[], scope: Scope): Uint8Array {
  const rows = readRows(db, tables, scope.kind === 'group' ? groupWhere(scope.groupId!) : undefined);
  return buildExchangeFile({
    tables: rows,
    minReaderVersion: '0.1.0',
    schemaVersion: schemaVersion(db),
    scope,
    exportId: randomUUID(),
    replicaId: 'bench-exporter',
    exportedAt: new Date().toISOString(),
  });
}

/** Verify, merge against the local rows, write the merged rows in one transaction. */
function importFile(db: Db, bytes: Uint8Array, tables: string[]): number {
  const file = readExchangeFile(bytes, { knownTables: tables });
  let written = 0;
  db.pragma('defer_foreign_keys = ON');
  db.transaction(() => {
    for (const table of tables) {
      const remote = file.tables[table];
      if (!remote?.length) continue;
      const get = db.prepare(`SELECT * FROM ${table} WHERE id = ?`);
      const merged = mergeTable((id) => get.get(id) as Row | undefined, remote, {
        longTextFields: TABLE_CODECS[table]?.longText ?? [],
      });
      if (!merged.writes.length) continue;
      const columns = Object.keys(merged.writes[0]!);
      const put = db.prepare(
        `INSERT OR REPLACE INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => '@' + c).join(', ')})`,
      );
      for (const row of merged.writes) put.run(row);
      written += merged.writes.length;
    }
  })();
  return written;
}

interface ExportState {
  db: Db;
  tables: string[];
  scope: Scope;
}

function partsExportCase(
  name: string,
  scope: (env: ScaleEnv) => Scope,
  baseline?: string,
  target?: BenchCase['target'],
): BenchCase {
  return defineCase<ExportState>({
    name,
    area: 'exchange',
    scales: ALL,
    kind: 'bulk',
    runs: 5,
    runsAt: { W: 2 },
    baseline,
    target,
    setup: (env) => {
      const db = openDatabase(path.join(env.copyTemplate('export'), DATABASE_FILE));
      return { db, tables: tablesInWriteOrder(db, Object.keys(env.generated.counts)), scope: scope(env) };
    },
    run: (_env, s) => {
      const bytes = exportFile(s.db, s.tables, s.scope);
      return { extra: { 'file MB': +(bytes.length / 1e6).toFixed(2) } };
    },
    teardown: (_env, s) => s.db.close(),
  });
}

interface ImportState {
  bytes: Uint8Array;
  tables: string[];
  target?: Db;
}

function partsImportCase(
  name: string,
  scope: (env: ScaleEnv) => Scope,
  baseline?: string,
  target?: BenchCase['target'],
): BenchCase {
  return defineCase<ImportState>({
    name,
    area: 'exchange',
    scales: ALL,
    kind: 'bulk',
    runs: 3,
    runsAt: { W: 1 },
    timeoutSeconds: 400,
    baseline,
    target,
    setup: (env) => {
      const db = openDatabase(path.join(env.copyTemplate('import-source'), DATABASE_FILE));
      try {
        const tables = tablesInWriteOrder(db, Object.keys(env.generated.counts));
        return { bytes: exportFile(db, tables, scope(env)), tables };
      } finally {
        db.close();
      }
    },
    // Importing into an empty database: the "receive the whole model" case, every row new.
    beforeEach: (env, s) => {
      s.target?.close();
      s.target = env.emptyDatabase('import-target');
    },
    run: (_env, s) => {
      const rows = importFile(s.target!, s.bytes, s.tables);
      return { extra: { rows, 'file MB': +(s.bytes.length / 1e6).toFixed(2) } };
    },
    teardown: (_env, s) => s.target?.close(),
  });
}

/** Export through the service on a backend over the generated data. */
function serviceExportCase(
  name: string,
  scope: (env: ScaleEnv) => Scope,
  baseline?: string,
  target?: BenchCase['target'],
): BenchCase {
  return defineCase<{ backend: Backend; scope: Scope }>({
    name,
    area: 'exchange',
    scales: ALL,
    kind: 'bulk',
    runs: 5,
    runsAt: { W: 2 },
    baseline,
    target,
    setup: async (env) => ({ backend: await env.backend(), scope: scope(env) }),
    run: (_env, s) => {
      const { bytes, summary } = exportScope(s.backend.ctx, s.scope);
      return { extra: { rows: summary.rows, 'file MB': +(bytes.length / 1e6).toFixed(2) } };
    },
  });
}

/**
 * Import through the service into a fresh empty database (every row new; includes the pre-import
 * backup) — or, with `preview`, only what an import must do before its first write (the exchange
 * design's first rule: read and verify everything before writing anything): the file opened, every
 * entry inflated, hashed, decoded and parsed, every row checked against its columns and its domain
 * rules, merged against the empty database and every reference resolved, nothing written. Against the
 * true limit the preview shows how much of the import's budget the verification alone takes (the
 * preview and the import share the reader and the plan).
 */
function serviceImportCase(
  name: string,
  scope: (env: ScaleEnv) => Scope,
  baseline?: string,
  target?: BenchCase['target'],
  mode: 'import' | 'preview' = 'import',
): BenchCase {
  return defineCase<{ bytes: Uint8Array; target?: Backend; n: number }>({
    name,
    area: 'exchange',
    scales: ALL,
    kind: 'bulk',
    runs: 3,
    runsAt: { W: 1 },
    baseline,
    target,
    // Whole-database imports can be very slow (see docs/performance.md): run apart, with a time limit.
    timeoutSeconds: 300,
    setup: async (env) => ({ bytes: exportScope((await env.backend()).ctx, scope(env)).bytes, n: 0 }),
    beforeEach: async (env, s) => {
      s.target?.close();
      const dir = path.join(env.root, `${mode}-service-${++s.n}`);
      s.target = await openBackend({ dataDir: dir, host: 'memory', backupOnStart: false });
    },
    run: async (_env, s): Promise<RunOutput> => {
      if (mode === 'preview') {
        const p = await previewImport(s.target!.ctx, s.bytes);
        return { extra: { rows: p.totals.added } };
      }
      const result = await applyImport(s.target!.ctx, s.bytes);
      if (!result.applied) throw new Error('import was not applied');
      return { extra: { 'file MB': +(s.bytes.length / 1e6).toFixed(2) } };
    },
    teardown: (_env, s) => s.target?.close(),
  });
}

/**
 * SQLite's true limit for a whole-database import (issue #19): the generated rows inserted with one
 * prepared INSERT per table into tables that have no secondary indexes and no full-text triggers
 * (dropped untimed before the run, as SQLite stores them in sqlite_master), then — timed, in the same
 * transaction — every index built once over the finished tables, the search index filled by one
 * statement per kind, and the triggers put back. No file, no merge, no validation.
 */
const trueLimitCase = defineCase<{ db?: Db; derived?: DerivedSchema; rows: number }>({
  name: 'baseline: true limit (rows without indexes, then indexes + search index once)',
  area: 'exchange',
  scales: ALL,
  kind: 'bulk',
  runs: 3,
  runsAt: { W: 1 },
  setup: (env) => ({ rows: generatedValues(env).reduce((n, t) => n + t.values.length, 0) }),
  beforeEach: (env, s) => {
    s.db?.close();
    const db = (s.db = env.emptyDatabase('true-limit'));
    const derived = derivedSchemaOf(db, travellingTables(db));
    if (!derived) throw new Error('the full-text tables are not the ones the search index rebuild knows');
    db.transaction(() => dropDerived(db, derived))();
    s.derived = derived;
  },
  run: (env, s) => {
    const db = s.db!;
    db.transaction(() => {
      insertRawValues(db, generatedValues(env));
      restoreDerived(db, s.derived!);
    })();
    return { extra: { rows: s.rows, indexes: s.derived!.indexes.length, triggers: s.derived!.triggers.length } };
  },
  teardown: (_env, s) => s.db?.close(),
});

const busy = (env: ScaleEnv): Scope => ({ kind: 'group', groupId: env.generated.ids.busyGroup });
const whole = (): Scope => ({ kind: 'database' });
const READ = 'baseline: raw read + JSON.stringify of all rows';
const INSERT = 'baseline: raw insert of all rows';
const TRUE_LIMIT = trueLimitCase.name;

export const exchangeCases: BenchCase[] = [
  serviceExportCase('export whole database', whole, READ, { maxRatio: 2, label: '≤ 2× raw read' }),
  serviceExportCase('export one group', busy),
  partsExportCase('parts: rows + buildExchangeFile, whole database', whole, READ),
  partsExportCase('parts: rows + buildExchangeFile, one group', busy),
  serviceImportCase('import one group (into empty)', busy),
  partsImportCase('parts: readExchangeFile + mergeTable + write, one group', busy),
];

/** The whole-database imports run last: at W they are the longest cases by far. */
export const wholeImportCases: BenchCase[] = [
  trueLimitCase,
  partsImportCase('parts: readExchangeFile + mergeTable + write, whole database', whole, INSERT),
  serviceImportCase('import whole database (into empty)', whole, TRUE_LIMIT, { maxRatio: 1.5, label: '≤ 1.5× true limit' }),
  // After the import, so the import runs as cold as it always has (the preview runs the same reader).
  serviceImportCase('preview whole database (read + verify + plan, nothing written)', whole, TRUE_LIMIT, undefined, 'preview'),
];
