/**
 * `npm run bench` — benchmarks at 100× real scale (docs/performance.md).
 *
 *   node --expose-gc dist/node/bench.js [--scale W|W/10|W/100]... [--only PATTERN] [--runs N]
 *                                       [--out FILE] [--compare FILE] [--keep] [--cache] [--list]
 *
 * For each scale (smallest first) it generates a database once, then runs every selected case:
 * warm-up runs, then N timed runs (untimed per-run preparation in between), and reports median, p95
 * and a ratio against a baseline measured in the same run.
 */
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DATABASE_FILE, migrate, openDatabase } from '../electron/backend/db/open';
import { SCHEMA_VERSION } from '../electron/backend/db/migrations';
import { generate, SCALES, type GenerateResult, type ScaleName } from './generate';
import { createScaleEnv, NotAvailable, summarise, type BenchCase, type ScaleEnv } from './harness';
import {
  finish,
  markdownTable,
  printComparison,
  printTable,
  verdictLines,
  writeJson,
  type BenchReport,
  type CaseResult,
} from './report';
import { foundationCases, forgetGeneratedValues, memoryCase, RAW_TWINS } from './cases/foundation';
import { meetingsCases } from './cases/meetings';
import { rotationCases } from './cases/rotation';
import { exchangeCases, wholeImportCases } from './cases/exchange';
import { syncCases } from './cases/sync';
import { hostCases } from './cases/host';
import { scanningCases } from './cases/scanning';
import { portfolioCases } from './cases/portfolio';
import { rendererCases } from './cases/renderer';

export const CASES: BenchCase[] = [
  ...foundationCases,
  ...meetingsCases,
  ...portfolioCases,
  ...rotationCases,
  ...scanningCases,
  ...exchangeCases,
  ...syncCases,
  // After every query case is defined, so each has registered its raw twin.
  ...RAW_TWINS,
  memoryCase,
  ...rendererCases,
  ...wholeImportCases,
  // After the in-process whole import, its baseline.
  ...hostCases,
];

interface Options {
  scales: ScaleName[];
  only?: RegExp;
  runs?: number;
  out: string;
  compare?: string;
  keep: boolean;
  cache: boolean;
  list: boolean;
  rssChild?: { dir: string; scale: ScaleName };
  caseChild?: { root: string; name: string };
}

/** A wrong command line: reported as one sentence, not a stack. */
class UsageError extends Error {}

function parseArgs(argv: string[]): Options {
  const opts: Options = { scales: [], out: 'bench-results/latest.json', keep: false, cache: false, list: false };
  let rssDir: string | undefined;
  let caseChild: { root: string; name: string } | undefined;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--scale':
        for (const s of value().split(',')) {
          if (!(SCALES as readonly string[]).includes(s)) throw new UsageError(`--scale must be W, W/10 or W/100, not ${s}`);
          opts.scales.push(s as ScaleName);
        }
        break;
      case '--only':
        opts.only = new RegExp(value(), 'i');
        break;
      case '--runs': {
        const n = Number(value());
        if (!Number.isInteger(n) || n < 1) throw new UsageError('--runs must be a positive integer');
        opts.runs = n;
        break;
      }
      case '--out':
        opts.out = value();
        break;
      case '--compare':
        opts.compare = value();
        break;
      case '--keep':
        opts.keep = true;
        break;
      case '--list':
        opts.list = true;
        break;
      case '--cache':
        opts.cache = true;
        break;
      case '--rss-child':
        rssDir = value();
        break;
      case '--case-child': {
        const root = value();
        caseChild = { root, name: value() };
        break;
      }
      default:
        throw new UsageError(
          `Unknown flag ${flag}. Flags: --scale W|W/10|W/100, --only PATTERN, --runs N, --out FILE, --compare FILE, --keep, --cache, --list`,
        );
    }
  }
  if (opts.scales.length === 0) opts.scales = [...SCALES];
  opts.scales = SCALES.filter((s) => opts.scales.includes(s));
  if (rssDir) opts.rssChild = { dir: rssDir, scale: opts.scales.at(-1)! };
  if (caseChild) opts.caseChild = caseChild;
  return opts;
}

const log = (m: string) => process.stderr.write(`${m}\n`);

/** Generate a scale's database once; cases copy it. With --cache the database is kept for the next run. */
function prepareScale(
  scale: ScaleName,
  cache: boolean,
): { root: string; templateDir: string; generated: GenerateResult; ms: number } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `painopiste-bench-${scale.replace('/', '-')}-`));
  const templateDir = path.join(root, 'template');
  // Keyed by the generator's own code, so a changed generator never reuses old data.
  const key = createHash('sha256').update(generate.toString()).update(String(SCHEMA_VERSION)).digest('hex').slice(0, 12);
  const cached = path.join(os.tmpdir(), 'painopiste-bench-cache', `${scale.replace('/', '-')}-${key}`);
  if (cache && fs.existsSync(path.join(cached, 'generated.json'))) {
    fs.mkdirSync(templateDir, { recursive: true });
    fs.copyFileSync(path.join(cached, DATABASE_FILE), path.join(templateDir, DATABASE_FILE));
    fs.copyFileSync(path.join(cached, 'generated.json'), path.join(root, 'generated.json'));
    return {
      root,
      templateDir,
      generated: JSON.parse(fs.readFileSync(path.join(root, 'generated.json'), 'utf8')) as GenerateResult,
      ms: 0,
    };
  }
  const db = openDatabase(path.join(templateDir, DATABASE_FILE));
  migrate(db);
  const t0 = performance.now();
  const generated = generate(db, { scale });
  const ms = performance.now() - t0;
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  fs.writeFileSync(path.join(root, 'generated.json'), JSON.stringify(generated));
  if (cache) {
    fs.mkdirSync(cached, { recursive: true });
    fs.copyFileSync(path.join(templateDir, DATABASE_FILE), path.join(cached, DATABASE_FILE));
    fs.copyFileSync(path.join(root, 'generated.json'), path.join(cached, 'generated.json'));
  }
  return { root, templateDir, generated, ms };
}

const gc = (globalThis as { gc?: () => void }).gc;

async function runCase(c: BenchCase, env: ScaleEnv, runsOverride: number | undefined): Promise<CaseResult> {
  const base: CaseResult = {
    name: c.name,
    area: c.area,
    kind: c.kind,
    scale: env.scale,
    status: 'ok',
    unit: c.unit ?? 'ms',
    runs: 0,
  };
  if (c.target) base.target = c.target;
  const reason = c.unavailable?.(env) ?? null;
  if (reason) return { ...base, status: 'not available', message: reason };
  let state: unknown;
  let setUp = false;
  try {
    state = await c.setup?.(env);
    setUp = true;
    const runs = c.fixedRuns ? (c.runs ?? 1) : (runsOverride ?? c.runsAt?.[env.scale] ?? c.runs ?? 10);
    for (let i = 0; i < (c.warmup ?? 0); i++) {
      await c.beforeEach?.(env, state);
      await c.run(env, state);
    }
    const samples: number[] = [];
    let extra: CaseResult['extra'];
    for (let i = 0; i < runs; i++) {
      await c.beforeEach?.(env, state);
      gc?.();
      const t0 = performance.now();
      const out = await c.run(env, state);
      const ms = performance.now() - t0;
      samples.push(out?.value ?? ms);
      if (out?.extra) extra = out.extra;
    }
    const s = summarise(samples);
    env.medians.set(c.name, s.median);
    return { ...base, runs, median: s.median, p95: s.p95, min: s.min, ...(extra ? { extra } : {}) };
  } catch (e) {
    if (e instanceof NotAvailable) return { ...base, status: 'not available', message: e.message };
    return { ...base, status: 'error', message: e instanceof Error ? e.message.split('\n')[0]!.slice(0, 300) : String(e) };
  } finally {
    if (setUp) await c.teardown?.(env, state);
  }
}

/** Run a case in a child process over the same generated data, stopping it after its time limit. */
async function runIsolated(
  c: BenchCase,
  env: ScaleEnv & { root: string },
  runsOverride: number | undefined,
): Promise<CaseResult> {
  const args = [process.argv[1]!, '--case-child', env.root, c.name, '--scale', env.scale];
  if (runsOverride) args.push('--runs', String(runsOverride));
  const child = spawn(process.execPath, ['--expose-gc', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  const limit = (c.timeoutSeconds ?? 600) * 1000;
  const finished = await new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve(false);
    }, limit);
    child.on('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
  const line = /^RESULT (.*)$/m.exec(out);
  if (finished && line) return JSON.parse(line[1]!) as CaseResult;
  return {
    name: c.name,
    area: c.area,
    kind: c.kind,
    scale: env.scale,
    status: 'error',
    unit: c.unit ?? 'ms',
    runs: 0,
    ...(c.target ? { target: c.target } : {}),
    message: finished ? 'the child process failed' : `stopped after ${c.timeoutSeconds ?? 600} s (one run did not finish)`,
  };
}

/** The child side of runIsolated: one case over the generated data in `root`. */
async function caseChild(root: string, name: string, scale: ScaleName, runs: number | undefined): Promise<void> {
  const c = CASES.find((x) => x.name === name);
  if (!c) throw new Error(`no case ${name}`);
  const generated = JSON.parse(fs.readFileSync(path.join(root, 'generated.json'), 'utf8')) as GenerateResult;
  const work = fs.mkdtempSync(path.join(root, 'child-'));
  const env = createScaleEnv({ scale, root: work, templateDir: path.join(root, 'template'), generated, log });
  try {
    const r = await runCase(c, env, runs);
    process.stdout.write(`RESULT ${JSON.stringify(r)}\n`);
  } finally {
    env.close();
  }
}

/**
 * Child process for the memory figure: open a backend on the generated database, run every
 * interactive case once and export the whole database, report maxRSS (KiB) after open and at the end.
 */
async function rssChild(dir: string, scale: ScaleName): Promise<void> {
  const root = path.dirname(dir);
  const generated = JSON.parse(fs.readFileSync(path.join(root, 'generated.json'), 'utf8')) as GenerateResult;
  const env = createScaleEnv({ scale, root: fs.mkdtempSync(path.join(root, 'rss-')), templateDir: dir, generated, log });
  await env.backend();
  const afterOpen = process.resourceUsage().maxRSS;
  const run = async (c: BenchCase) => {
    const r = await runCase(c, env, 1);
    if (r.status === 'error') log(`rss child: ${c.name}: ${r.message}`);
  };
  for (const c of CASES) if (c.kind === 'interactive') await run(c);
  const afterQueries = process.resourceUsage().maxRSS;
  for (const c of CASES) if (c.name.startsWith('export')) await run(c);
  process.stdout.write(`RSS ${process.resourceUsage().maxRSS} ${afterOpen} ${afterQueries}\n`);
  env.close();
}

function gitCommit(): string | null {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return null;
  }
}

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.rssChild) return rssChild(opts.rssChild.dir, opts.rssChild.scale);
  if (opts.caseChild) return caseChild(opts.caseChild.root, opts.caseChild.name, opts.scales.at(-1)!, opts.runs);
  const selected = CASES.filter((c) => !opts.only || opts.only.test(c.name) || opts.only.test(c.area));
  if (opts.list) {
    for (const c of selected) process.stdout.write(`${c.area.padEnd(11)} ${c.name}  [${c.scales.join(', ')}]\n`);
    return;
  }
  const startedAt = new Date().toISOString();
  const loadavgStart = os.loadavg();
  const results: CaseResult[] = [];
  for (const scale of opts.scales) {
    const cases = selected.filter((c) => c.scales.includes(scale));
    if (cases.length === 0) continue;
    log(`\n== ${scale}: generating…`);
    const prepared = prepareScale(scale, opts.cache);
    const rows = Object.values(prepared.generated.counts).reduce((a, b) => a + b, 0);
    log(
      `== ${scale}: ${rows} rows ${prepared.ms ? `in ${(prepared.ms / 1000).toFixed(1)} s` : 'from the cache'} (${prepared.root})`,
    );
    const env = createScaleEnv({ scale, ...prepared, log });
    try {
      for (const c of cases) {
        log(`   ${c.name}`);
        const loadBefore = os.loadavg()[0]!;
        const r = c.timeoutSeconds ? await runIsolated(c, env, opts.runs) : await runCase(c, env, opts.runs);
        r.load = [loadBefore, os.loadavg()[0]!];
        if (r.status !== 'ok') log(`     ${r.status === 'error' ? 'error: ' : ''}${r.message}`);
        results.push(r);
      }
    } finally {
      env.close();
      forgetGeneratedValues();
      if (!opts.keep) fs.rmSync(prepared.root, { recursive: true, force: true });
    }
  }
  finish(results, CASES);
  const report: BenchReport = {
    meta: {
      startedAt,
      finishedAt: new Date().toISOString(),
      node: process.version,
      platform: `${os.platform()} ${os.release()}`,
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? '',
      loadavgStart,
      loadavgEnd: os.loadavg(),
      commit: gitCommit(),
      argv: process.argv.slice(2),
    },
    results,
  };
  process.stdout.write('\n');
  printTable(results);
  const verdicts = verdictLines(results);
  if (verdicts.length) {
    const misses = results.flatMap((r) => r.verdicts ?? []).filter((v) => !v.pass).length;
    process.stdout.write(
      `\nRatios of issue #19 (every scale measured; ${misses ? `${misses} missed` : 'all pass'}):\n${verdicts.map((l) => `  ${l}\n`).join('')}`,
    );
  }
  process.stdout.write(
    `\nload average at start ${loadavgStart.map((x) => x.toFixed(2)).join(' ')}, at end ${report.meta.loadavgEnd.map((x) => x.toFixed(2)).join(' ')} (${report.meta.cpus} CPUs)\n`,
  );
  writeJson(opts.out, report);
  // The same table in Markdown beside the JSON, for docs/performance.md.
  const md = opts.out.replace(/\.json$/, '') + '.md';
  fs.writeFileSync(
    md,
    `${markdownTable(results)}${verdicts.length ? `\nRatios of issue #19:\n\n${verdicts.map((l) => `- ${l}`).join('\n')}\n` : ''}\nLoad average ${loadavgStart.map((x) => x.toFixed(2)).join(' ')} → ${report.meta.loadavgEnd.map((x) => x.toFixed(2)).join(' ')} on ${report.meta.cpus} CPUs (${report.meta.cpuModel}), Node ${process.version}, commit ${report.meta.commit ?? '?'}, ${startedAt}.\n`,
  );
  process.stdout.write(`Results written to ${opts.out} and ${md}\n`);
  if (opts.compare) printComparison(JSON.parse(fs.readFileSync(opts.compare, 'utf8')) as BenchReport, report);
}

main().catch((e: unknown) => {
  if (e instanceof UsageError) {
    process.stderr.write(`${e.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
