/** The benchmark report: ratios and target verdicts, a table on stdout, JSON on disk, and a diff. */
import fs from 'node:fs';
import path from 'node:path';
import type { BenchCase, Target, Unit } from './harness';
import type { ScaleName } from './generate';

export interface CaseResult {
  name: string;
  area: BenchCase['area'];
  kind: BenchCase['kind'];
  scale: ScaleName;
  status: 'ok' | 'not available' | 'error';
  unit: Unit;
  runs: number;
  median?: number;
  p95?: number;
  min?: number;
  /** median / the reference's median; the reference is named in ratioTo. */
  ratio?: number;
  ratioTo?: string;
  /** Interactive cases with a raw baseline: median at this scale / the same case at W/100. */
  growth?: number;
  extra?: Record<string, number | string>;
  target?: Target;
  /** Every target met at W (absolute times are judged at W only). */
  pass?: boolean;
  /** The ratio targets of issue #19, judged at every scale measured (see ratioVerdicts). */
  verdicts?: Verdict[];
  /** One-minute load average just before and just after the case ran. */
  load?: [number, number];
  message?: string;
}

/** One ratio (or count) against its target. */
export interface Verdict {
  /** What was compared: "raw SQL", "its W/100 time", "true limit", "dropped frames", … */
  what: string;
  value: number;
  /** The largest value that passes. */
  limit: number;
  pass: boolean;
}

export interface BenchReport {
  meta: {
    startedAt: string;
    finishedAt: string;
    node: string;
    platform: string;
    cpus: number;
    cpuModel: string;
    loadavgStart: number[];
    loadavgEnd: number[];
    commit: string | null;
    argv: string[];
  };
  results: CaseResult[];
}

/** Fill in ratios (bulk: against the baseline at the same scale; interactive: W against W/100) and verdicts. */
export function finish(results: CaseResult[], cases: readonly BenchCase[]): void {
  const find = (name: string, scale: ScaleName) => results.find((r) => r.name === name && r.scale === scale && r.status === 'ok');
  for (const r of results) {
    if (r.status !== 'ok' || r.median === undefined) continue;
    const c = cases.find((x) => x.name === r.name);
    if (c?.baseline) {
      const base = find(c.baseline, r.scale);
      if (base?.median) {
        r.ratio = r.median / base.median;
        r.ratioTo = c.baseline;
      }
      if (r.kind === 'interactive' && r.scale !== 'W/100') {
        const small = find(r.name, 'W/100');
        if (small?.median) r.growth = r.median / small.median;
      }
    } else if (r.kind === 'interactive' && r.scale !== 'W/100') {
      const small = find(r.name, 'W/100');
      if (small?.median) {
        r.ratio = r.median / small.median;
        r.ratioTo = 'same at W/100';
      }
    }
    const verdicts = ratioVerdicts(r);
    if (verdicts.length) r.verdicts = verdicts;
    if (r.target && r.scale === 'W') {
      const t = r.target;
      r.pass =
        (t.max === undefined || r.median < t.max) &&
        (t.atMost === undefined || r.median <= t.atMost) &&
        (t.maxRatio === undefined || (r.ratio !== undefined && r.ratio <= t.maxRatio)) &&
        (t.maxGrowth === undefined || (r.growth !== undefined && r.growth <= t.maxGrowth));
    }
  }
}

/**
 * The ratios of issue #19 with their verdicts, at every scale where they were measured: a ratio
 * against the case's baseline (raw SQL ≤ 3×, import ÷ true limit ≤ 1.5×, 100 000-item list ÷
 * 100-item list ≤ 1.5×), growth against W/100 (≤ 1.5× for one-group queries; at W, which is what the
 * target is about) and counts (dropped frames 0). A ratio whose baseline was not measured gets none.
 */
export function ratioVerdicts(r: CaseResult): Verdict[] {
  const t = r.target;
  if (!t || r.status !== 'ok' || r.median === undefined) return [];
  const out: Verdict[] = [];
  if (t.maxRatio !== undefined && r.ratio !== undefined && r.ratioTo !== 'same at W/100') {
    out.push({ what: shortBaseline(r.ratioTo), value: r.ratio, limit: t.maxRatio, pass: r.ratio <= t.maxRatio });
  }
  if (t.maxGrowth !== undefined && r.scale === 'W' && r.growth !== undefined) {
    out.push({ what: 'its W/100 time', value: r.growth, limit: t.maxGrowth, pass: r.growth <= t.maxGrowth });
  }
  if (t.atMost !== undefined) {
    out.push({
      what: r.unit === 'frames' ? 'dropped frames' : 'count',
      value: r.median,
      limit: t.atMost,
      pass: r.median <= t.atMost,
    });
  }
  return out;
}

/** "2.91× true limit (≤ 1.5×)", "3 dropped frames (≤ 0)". */
export function verdictText(v: Verdict): string {
  return v.what === 'dropped frames' || v.what === 'count'
    ? `${Math.round(v.value)} ${v.what} (≤ ${v.limit})`
    : `${v.value.toFixed(2)}× ${v.what} (≤ ${v.limit}×)`;
}

/** Every verdict of the run, one line each, misses first; '' when there are none. */
export function verdictLines(results: readonly CaseResult[]): string[] {
  const rows = results.flatMap((r) => (r.verdicts ?? []).map((v) => ({ r, v })));
  rows.sort((a, b) => Number(a.v.pass) - Number(b.v.pass));
  const width = Math.max(0, ...rows.map(({ r }) => r.name.length));
  return rows.map(
    ({ r, v }) =>
      `${v.pass ? 'pass' : 'MISS'}  ${r.name.padEnd(width)}  ${r.scale.padEnd(5)}  ${verdictText(v)}${r.load ? `  (load ${r.load[0].toFixed(2)} → ${r.load[1].toFixed(2)})` : ''}`,
  );
}

function fmt(value: number | undefined, unit: Unit): string {
  if (value === undefined) return '';
  if (unit === 'frames') return String(Math.round(value));
  if (unit === 'MB') return `${value.toFixed(0)} MB`;
  if (value >= 1000) return `${(value / 1000).toFixed(2)} s`;
  if (value >= 100) return `${value.toFixed(0)} ms`;
  if (value >= 10) return `${value.toFixed(1)} ms`;
  return `${value.toFixed(2)} ms`;
}

function extraText(extra: CaseResult['extra']): string {
  return extra
    ? Object.entries(extra)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')
    : '';
}

function verdict(r: CaseResult): string {
  if (r.status !== 'ok') return r.status === 'error' ? 'ERROR' : '';
  if (r.pass === undefined) return '';
  return r.pass ? 'pass' : 'MISS';
}

/** Rows for the stdout table and docs/performance.md. */
export function tableRows(results: readonly CaseResult[]): string[][] {
  return results.map((r) => [
    r.area,
    r.name,
    r.scale,
    r.status === 'ok' ? fmt(r.median, r.unit) : r.status,
    r.status === 'ok' ? fmt(r.p95, r.unit) : '',
    r.ratio !== undefined ? `${r.ratio.toFixed(2)}× ${r.ratioTo === 'same at W/100' ? 'W/100' : shortBaseline(r.ratioTo)}` : '',
    r.target && r.scale === 'W' ? r.target.label : '',
    verdict(r),
    r.status === 'ok'
      ? [
          ...(r.verdicts ?? []).map((v) => `${v.pass ? 'pass' : 'MISS'} ${verdictText(v)}`),
          r.growth !== undefined && !r.verdicts?.some((v) => v.what === 'its W/100 time')
            ? `${r.growth.toFixed(2)}× its W/100`
            : '',
          extraText(r.extra),
          r.load ? `load ${r.load[0].toFixed(2)} → ${r.load[1].toFixed(2)}` : '',
        ]
          .filter(Boolean)
          .join(', ')
      : (r.message ?? ''),
  ]);
}

function shortBaseline(name: string | undefined): string {
  if (!name) return '';
  if (name.includes('raw insert')) return 'raw insert';
  if (name.includes('raw read')) return 'raw read';
  if (name.includes('true limit')) return 'true limit';
  const items = /first screen, (\d+) items/.exec(name);
  if (items) return `${items[1]}-item list`;
  if (name.startsWith('raw SQL: ')) return 'raw SQL';
  return name;
}

const HEADER = ['area', 'case', 'scale', 'median', 'p95', 'ratio', 'target (at W)', 'result', 'notes'];

export function printTable(results: readonly CaseResult[], write: (s: string) => void = (s) => process.stdout.write(s)): void {
  const rows = [HEADER, ...tableRows(results)];
  const widths = HEADER.map((_, i) => Math.min(i === 8 ? 80 : 60, Math.max(...rows.map((r) => r[i]!.length))));
  for (const [n, row] of rows.entries()) {
    write(
      `${row.map((cell, i) => (cell.length > widths[i]! ? cell.slice(0, widths[i]! - 1) + '…' : cell.padEnd(widths[i]!))).join('  ')}\n`,
    );
    if (n === 0) write(`${widths.map((w) => '-'.repeat(w)).join('  ')}\n`);
  }
}

/** The same table in Markdown (for docs/performance.md). */
export function markdownTable(results: readonly CaseResult[]): string {
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  const lines = [`| ${HEADER.join(' | ')} |`, `| ${HEADER.map(() => '---').join(' | ')} |`];
  for (const row of tableRows(results)) lines.push(`| ${row.map(esc).join(' | ')} |`);
  return `${lines.join('\n')}\n`;
}

export function writeJson(file: string, report: BenchReport): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
}

/** Median change of every case measured in both runs. */
export function printComparison(
  earlier: BenchReport,
  now: BenchReport,
  write: (s: string) => void = (s) => process.stdout.write(s),
): void {
  write(`\nCompared with ${earlier.meta.startedAt} (${earlier.meta.commit ?? 'unknown commit'}):\n`);
  const rows: string[][] = [['case', 'scale', 'before', 'now', 'change']];
  for (const r of now.results) {
    const old = earlier.results.find((o) => o.name === r.name && o.scale === r.scale);
    if (!old || old.median === undefined || r.median === undefined) {
      rows.push([r.name, r.scale, old ? fmt(old.median, old.unit) || old.status : '—', fmt(r.median, r.unit) || r.status, '']);
      continue;
    }
    const change = old.median === 0 ? 0 : (r.median / old.median - 1) * 100;
    rows.push([
      r.name,
      r.scale,
      fmt(old.median, old.unit),
      fmt(r.median, r.unit),
      `${change >= 0 ? '+' : ''}${change.toFixed(0)} %`,
    ]);
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const row of rows) write(`${row.map((c, i) => c.padEnd(widths[i]!)).join('  ')}\n`);
}
