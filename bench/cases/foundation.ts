/** Foundation: opening the database, generating, the raw baselines and the core list queries. */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openBackend } from '../../electron/backend';
import { migrate, openDatabase, DATABASE_FILE, type Db } from '../../electron/backend/db/open';
import { generate } from '../generate';
import type { Statement } from 'better-sqlite3';
import { callOk, defineCase, type BenchCase } from '../harness';
import { RAW_QUERIES } from './raw';
import { insertRawValues, readAndSerialise, readRawValues, tablesInWriteOrder, type TableRows } from '../rows';

const ALL = ['W/100', 'W/10', 'W'] as const;
export const INTERACTIVE_TARGET = { max: 16, label: '< 16 ms median backend time' };
/** Issue #19: our code may add at most 2× on top of SQLite's own work for the same rows. */
export const RAW_RATIO_TARGET = 3;
/** One-group queries must not grow with the model: W at most this × the same query at W/100. */
export const ONE_GROUP_GROWTH_TARGET = 1.5;

/** The raw-SQL twin of each query case (bench/cases/raw.ts), measured in the same run. */
export const RAW_TWINS: BenchCase[] = [];
export const rawName = (name: string) => `raw SQL: ${name}`;
/** Queries about one group, meeting or round: their cost must not depend on the model's size. */
const ONE_GROUP = new Set([
  'groups.get (group page)',
  'meetings.get (agenda of one meeting)',
  'meetings.list (one group)',
  'meetings.listActions (one group, by owner)',
  'meetings.decisions (register of one group)',
  'portfolio.plan (one group)',
  'portfolio.lifecycle (one group)',
  'rotation.forGroup (schedule view)',
]);

/**
 * A list/get query through the contract, measured at every scale; its ratio is against its raw-SQL
 * twin (hand-written SELECTs of the same rows), and one-group queries also report growth W / W/100.
 */
export function queryCase(
  area: BenchCase['area'],
  name: string,
  method: string,
  input: (env: Parameters<BenchCase['run']>[0]) => unknown,
  unavailable?: BenchCase['unavailable'],
  target: BenchCase['target'] = INTERACTIVE_TARGET,
  opts: { oneGroup?: boolean } = {},
): BenchCase {
  const raw = RAW_QUERIES[name];
  const oneGroup = opts.oneGroup ?? ONE_GROUP.has(name);
  if (raw) {
    RAW_TWINS.push(
      defineCase<{ statements: Array<[Statement, Record<string, unknown>]> }>({
        name: rawName(name),
        area,
        scales: ALL,
        kind: 'compute',
        runs: 30,
        warmup: 3,
        unavailable,
        setup: async (env) => {
          const db = (await env.backend()).ctx.db;
          const given = input(env) as Record<string, unknown>;
          return { statements: raw(given, db).map(([sql, params]) => [db.prepare(sql), params]) };
        },
        run: (_env, s) => {
          let rows = 0;
          for (const [st, params] of s.statements) rows += st.reader ? st.all(params).length : (st.run(params), 0);
          return { extra: { rows } };
        },
      }),
    );
  }
  return defineCase<{ input: unknown }>({
    name,
    area,
    scales: ALL,
    kind: 'interactive',
    baseline: raw ? rawName(name) : undefined,
    target: raw
      ? {
          ...target,
          maxRatio: RAW_RATIO_TARGET,
          ...(oneGroup ? { maxGrowth: ONE_GROUP_GROWTH_TARGET } : {}),
          label: `${target.label}; ≤ ${RAW_RATIO_TARGET}× raw SQL${oneGroup ? `; ≤ ${ONE_GROUP_GROWTH_TARGET}× its W/100 time` : ''}`,
        }
      : target,
    runs: 30,
    warmup: 3,
    unavailable,
    setup: (env) => ({ input: input(env) }),
    run: async (env, s) => {
      await callOk(await env.backend(), method, s.input);
    },
  });
}

let cachedRows: { scale: string; data: TableRows[] } | undefined;

/** The generated rows as value arrays, read once per scale (untimed) for the insert baselines. */
export function generatedValues(env: Parameters<BenchCase['run']>[0]): TableRows[] {
  if (cachedRows?.scale !== env.scale) {
    const db = openDatabase(path.join(env.templateDir, DATABASE_FILE));
    try {
      cachedRows = { scale: env.scale, data: readRawValues(db, tablesInWriteOrder(db, Object.keys(env.generated.counts))) };
    } finally {
      db.close();
    }
  }
  return cachedRows.data;
}

export function forgetGeneratedValues(): void {
  cachedRows = undefined;
}

const rowCount = (data: readonly TableRows[]) => data.reduce((n, t) => n + t.values.length, 0);

export const foundationCases: BenchCase[] = [
  defineCase<{ dir: string }>({
    name: 'open database + migrate (new file)',
    area: 'foundation',
    scales: ['W/100'],
    kind: 'bulk',
    runs: 10,
    setup: () => ({ dir: '' }),
    beforeEach: (env, s) => {
      s.dir = path.join(env.root, `open-${Math.random().toString(36).slice(2)}`);
    },
    run: (_env, s) => {
      const db = openDatabase(path.join(s.dir, DATABASE_FILE));
      migrate(db);
      db.close();
    },
  }),
  defineCase<{ dir: string }>({
    name: 'open backend on the generated database',
    area: 'foundation',
    scales: ALL,
    kind: 'bulk',
    runs: 10,
    setup: (env) => ({ dir: env.copyTemplate('reopen') }),
    run: async (_env, s) => {
      const backend = await openBackend({ dataDir: s.dir, host: 'memory', backupOnStart: false });
      backend.close();
    },
  }),
  defineCase<{ db?: Db; rows: number }>({
    name: 'baseline: raw insert of all rows',
    area: 'foundation',
    scales: ALL,
    kind: 'bulk',
    runs: 5,
    runsAt: { W: 1 },
    setup: (env) => ({ rows: rowCount(generatedValues(env)) }),
    beforeEach: (env, s) => {
      s.db?.close();
      s.db = env.emptyDatabase('raw-insert');
    },
    run: (env, s) => {
      insertRawValues(s.db!, generatedValues(env));
      return { extra: { rows: s.rows } };
    },
    teardown: (_env, s) => s.db?.close(),
  }),
  // The same insert with SQLite's default 2 MiB page cache instead of the 64 MiB every connection now
  // opens with (db/open.ts): random UUID keys touch index pages all over the file, and once they no
  // longer fit in the cache every insert reads pages back.
  defineCase<{ db?: Db }>({
    name: "raw insert of all rows, SQLite's default 2 MiB page cache",
    area: 'foundation',
    scales: ['W/100', 'W/10'],
    kind: 'bulk',
    baseline: 'baseline: raw insert of all rows',
    runs: 5,
    runsAt: { W: 3 },
    setup: () => ({}),
    beforeEach: (env, s) => {
      s.db?.close();
      s.db = env.emptyDatabase('raw-insert-cache');
      s.db.pragma('cache_size = -2000');
    },
    run: (env, s) => {
      insertRawValues(s.db!, generatedValues(env));
    },
    teardown: (_env, s) => s.db?.close(),
  }),
  defineCase<{ db: Db; tables: string[] }>({
    name: 'baseline: raw read + JSON.stringify of all rows',
    area: 'foundation',
    scales: ALL,
    kind: 'bulk',
    runs: 5,
    setup: (env) => {
      const db = openDatabase(path.join(env.copyTemplate('raw-read'), DATABASE_FILE));
      return { db, tables: tablesInWriteOrder(db, Object.keys(env.generated.counts)) };
    },
    run: (_env, s) => {
      const r = readAndSerialise(s.db, s.tables);
      return { extra: { rows: r.rows, MB: +(r.bytes / 1e6).toFixed(1) } };
    },
    teardown: (_env, s) => s.db.close(),
  }),
  defineCase<{ db?: Db }>({
    name: 'generate',
    area: 'foundation',
    scales: ALL,
    kind: 'bulk',
    baseline: 'baseline: raw insert of all rows',
    runs: 3,
    runsAt: { W: 1 },
    beforeEach: (env, s) => {
      s.db?.close();
      s.db = env.emptyDatabase('generate');
    },
    run: (env, s) => {
      const r = generate(s.db!, { scale: env.scale });
      return { extra: { rows: Object.values(r.counts).reduce((a, b) => a + b, 0) } };
    },
    setup: () => ({}),
    teardown: (_env, s) => s.db?.close(),
  }),
  queryCase('foundation', 'groups.list', 'groups.list', () => ({})),
  queryCase('foundation', 'groups.list (query)', 'groups.list', () => ({ query: 'turvallisuus' })),
  queryCase('foundation', 'groups.get (group page)', 'groups.get', (env) => ({ id: env.generated.ids.busyGroup })),
  queryCase('foundation', 'organisations.list', 'organisations.list', () => ({})),
  queryCase('foundation', 'people.list (query)', 'people.list', () => ({ query: 'Virtanen' })),
  queryCase('foundation', 'people.list (all)', 'people.list', () => ({})),
];

/**
 * Peak RSS of a backend process at W: a child process opens the generated database and runs every
 * read case once (the whole working day's queries plus an export), then reports its maxRSS.
 */
export const memoryCase: BenchCase = defineCase<object>({
  name: 'backend peak RSS',
  area: 'foundation',
  scales: ['W/100', 'W'],
  kind: 'memory',
  unit: 'MB',
  runs: 1,
  fixedRuns: true,
  target: { max: 400, label: 'backend peak RSS < 400 MB' },
  setup: () => ({}),
  run: async (env) => {
    const entry = fileURLToPath(import.meta.url);
    const dir = env.copyTemplate('rss');
    const out = await new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, [entry, '--rss-child', dir, '--scale', env.scale], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let text = '';
      child.stdout.on('data', (d: Buffer) => (text += d.toString()));
      child.on('exit', (code) => (code === 0 ? resolve(text) : reject(new Error(`RSS child exited with ${code}`))));
    });
    const m = /RSS (\d+) (\d+) (\d+)/.exec(out);
    if (!m) throw new Error(`RSS child said: ${out.slice(-300)}`);
    const mb = (kib: string) => Math.round(Number(kib) / 1024);
    return { value: Number(m[1]) / 1024, extra: { 'after open MB': mb(m[2]!), 'after all queries MB': mb(m[3]!) } };
  },
});
