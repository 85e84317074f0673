import { describe, expect, it } from 'vitest';
import type { BenchCase } from '../../bench/harness';
import { finish, verdictLines, verdictText, type CaseResult } from '../../bench/report';

const run = () => undefined;
const kase = (c: Partial<BenchCase> & Pick<BenchCase, 'name' | 'kind'>): BenchCase => ({
  area: 'exchange',
  scales: ['W/100', 'W/10', 'W'],
  run,
  ...c,
});
const result = (c: BenchCase, scale: CaseResult['scale'], median: number): CaseResult => ({
  name: c.name,
  area: c.area,
  kind: c.kind,
  scale,
  status: 'ok',
  unit: c.unit ?? 'ms',
  runs: 3,
  median,
  ...(c.target ? { target: c.target } : {}),
});

describe('benchmark verdicts (issue #19 ratios)', () => {
  const raw = kase({ name: 'raw SQL: q', kind: 'compute' });
  const query = kase({
    name: 'q',
    kind: 'interactive',
    baseline: raw.name,
    target: { max: 16, maxRatio: 3, maxGrowth: 1.5, label: '' },
  });
  const limit = kase({ name: 'baseline: true limit (rows without indexes)', kind: 'bulk' });
  const imp = kase({
    name: 'import whole database (into empty)',
    kind: 'bulk',
    baseline: limit.name,
    target: { maxRatio: 1.5, label: '' },
  });
  const small = kase({ name: 'action-item list: first screen, 100 items (same page)', kind: 'renderer', area: 'renderer' });
  const list = kase({
    name: 'action-item list: first screen (default filter)',
    kind: 'renderer',
    area: 'renderer',
    baseline: small.name,
    target: { max: 100, maxRatio: 1.5, label: '' },
  });
  const scroll = kase({ name: 'scroll', kind: 'renderer', area: 'renderer', unit: 'frames', target: { atMost: 0, label: '' } });
  const cases = [raw, query, limit, imp, small, list, scroll];

  it('judges each ratio at every scale where its baseline was measured, growth at W only', () => {
    const results = [
      result(raw, 'W/100', 1),
      result(query, 'W/100', 2.5), // 2.5× raw: pass
      result(raw, 'W', 2),
      result(query, 'W', 7), // 3.5× raw: miss; 2.8× its W/100: miss
      result(limit, 'W/100', 100),
      result(imp, 'W/100', 140), // 1.4×: pass
      result(limit, 'W/10', 1000),
      result(imp, 'W/10', 2000), // 2×: miss
      result(imp, 'W', 9000), // no true limit at W: no ratio, no verdict
      result(small, 'W', 50),
      result(list, 'W', 70), // 1.4×: pass
      result(scroll, 'W/100', 0),
      result(scroll, 'W', 3),
    ];
    finish(results, cases);
    const get = (name: string, scale: string) => results.find((r) => r.name === name && r.scale === scale)!;
    expect(get('q', 'W/100').verdicts).toEqual([{ what: 'raw SQL', value: 2.5, limit: 3, pass: true }]);
    expect(get('q', 'W').verdicts).toEqual([
      { what: 'raw SQL', value: 3.5, limit: 3, pass: false },
      { what: 'its W/100 time', value: 2.8, limit: 1.5, pass: false },
    ]);
    expect(get(imp.name, 'W/100').verdicts).toEqual([{ what: 'true limit', value: 1.4, limit: 1.5, pass: true }]);
    expect(get(imp.name, 'W/10').verdicts).toEqual([{ what: 'true limit', value: 2, limit: 1.5, pass: false }]);
    expect(get(imp.name, 'W').verdicts).toBeUndefined();
    expect(get(imp.name, 'W').pass).toBe(false);
    expect(get(list.name, 'W').verdicts).toEqual([{ what: '100-item list', value: 1.4, limit: 1.5, pass: true }]);
    expect(get(list.name, 'W').pass).toBe(true);
    expect(get('scroll', 'W/100').verdicts).toEqual([{ what: 'dropped frames', value: 0, limit: 0, pass: true }]);
    expect(get('scroll', 'W').verdicts).toEqual([{ what: 'dropped frames', value: 3, limit: 0, pass: false }]);
    expect(get(raw.name, 'W').verdicts).toBeUndefined();
  });

  it('prints one line per verdict, misses first, with the load during the case', () => {
    const results = [
      result(limit, 'W/10', 1000),
      { ...result(imp, 'W/10', 1200), load: [1.5, 2.25] as [number, number] },
      result(scroll, 'W', 2),
    ];
    finish(results, cases);
    expect(verdictText(results[1]!.verdicts![0]!)).toBe('1.20× true limit (≤ 1.5×)');
    const lines = verdictLines(results);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^MISS {2}scroll +W {6}2 dropped frames \(≤ 0\)$/);
    expect(lines[1]).toMatch(
      /^pass {2}import whole database \(into empty\) {2}W\/10 {3}1\.20× true limit \(≤ 1\.5×\) {2}\(load 1\.50 → 2\.25\)$/,
    );
  });
});
