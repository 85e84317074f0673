/**
 * The domain schema of travelling rows (shared/domain/rows.ts) against what the real backend writes:
 * every row of the example data (which exercises every feature's owner) passes it, so the import can
 * refuse what breaks it without refusing anything the API itself writes. Plus what it refuses.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROW_RULES, rowProblem } from '../../shared/domain/rows';
import { travellingTables } from '../../electron/backend/db/tables';
import { startTestBackend, type TestBackend } from '../helpers/backend';
import type { Row } from '../../shared/exchange/merge';
import { ApiError } from '../../shared/contract/core';
import { applyImport } from '../../electron/backend/exchange/service';
import { databaseContent } from '../helpers/backend';
import { exportFrom, rebuildFile, seedRich } from './exchange-helpers';

/** The rules of ROW_RULES applied as written, one value at a time, nothing remembered: what rowProblem must answer. */
function directProblem(table: string, row: Record<string, unknown>): { field: string; problem: string } | null {
  const rules = ROW_RULES[table]!;
  for (const [column, rule] of Object.entries(rules.columns)) {
    if (!(column in row)) continue;
    let value = row[column];
    if (rule.json && typeof value === 'string') {
      try {
        value = JSON.parse(value);
      } catch {
        return { field: column, problem: 'validation.format' };
      }
    } else if (rule.bool) {
      if (value !== 0 && value !== 1) return { field: column, problem: 'validation.invalid_type' };
      value = value === 1;
    }
    const parsed = rule.schema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const message = issue?.message ?? '';
      return { field: column, problem: message.startsWith('validation.') ? message : `validation.${issue?.code ?? 'invalid'}` };
    }
  }
  for (const rule of rules.rows ?? []) {
    const p = rule(row);
    if (p) return p;
  }
  return null;
}

/** Values of every kind a crafted file could put in a column: good for some columns, bad for others. */
const CRAFTED: unknown[] = [
  null,
  0,
  1,
  2,
  -1,
  1.5,
  1e12,
  '',
  ' ',
  'exploded',
  'x'.repeat(65),
  'x'.repeat(100_001),
  '2026-13-45',
  '2026-02-28',
  '25:00',
  '09:30',
  'Mars/Olympus',
  'Europe/Helsinki',
  '00000000-0000-4000-8000-000000000000',
  'not-a-uuid',
  '{',
  '{}',
  '[]',
  '[1,',
  'null',
  '"text"',
  'a\u0001b',
  '2026-01-01T00:00:00.000Z',
];

let t: TestBackend;
beforeAll(async () => {
  t = await startTestBackend({ backupOnStart: false });
  await t.api.app.chooseStart({ example: true });
  await seedRich(t);
}, 120_000);
afterAll(() => t.cleanup());

describe('the domain schema of travelling rows', () => {
  it('has rules for every travelling table', () => {
    expect(travellingTables(t.backend.ctx.db).filter((x) => !ROW_RULES[x])).toEqual([]);
  });

  it('names only columns that exist', () => {
    const db = t.backend.ctx.db;
    for (const [table, rules] of Object.entries(ROW_RULES)) {
      const cols = db.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(table) as string[];
      expect(
        Object.keys(rules.columns).filter((c) => !cols.includes(c)),
        table,
      ).toEqual([]);
    }
  });

  it('accepts every row the backend wrote (the example data and a database using every feature)', () => {
    const db = t.backend.ctx.db;
    const bad: string[] = [];
    let n = 0;
    for (const table of travellingTables(db)) {
      for (const row of db.prepare(`SELECT * FROM ${table}`).all() as Row[]) {
        n++;
        const p = rowProblem(table, row);
        if (p) bad.push(`${table} ${row.id} ${p.field}: ${p.problem} (${JSON.stringify(row[p.field])?.slice(0, 80)})`);
      }
    }
    expect(bad).toEqual([]);
    expect(n).toBeGreaterThan(100);
  });

  it('refuses impossible dates, out-of-range numbers, unknown values and over-long texts', () => {
    const db = t.backend.ctx.db;
    const meeting = db.prepare(`SELECT * FROM meetings LIMIT 1`).get() as Row;
    expect(rowProblem('meetings', meeting)).toBeNull();
    expect(rowProblem('meetings', { ...meeting, date: '2026-13-45' })).toEqual({ field: 'date', problem: 'validation.date' });
    expect(rowProblem('meetings', { ...meeting, ics_sequence: -999999 })?.field).toBe('ics_sequence');
    expect(rowProblem('meetings', { ...meeting, status: 'exploded' })).toEqual({ field: 'status', problem: 'validation.choice' });
    expect(rowProblem('meetings', { ...meeting, title: 'x'.repeat(301) })).toEqual({
      field: 'title',
      problem: 'validation.too_long',
    });
    expect(rowProblem('meetings', { ...meeting, start_time: '25:00' })?.field).toBe('start_time');
    expect(rowProblem('meetings', { ...meeting, start_time: '12:00', end_time: '11:00' })).toEqual({
      field: 'end_time',
      problem: 'validation.timeOrder',
    });
    const item = db.prepare(`SELECT * FROM agenda_items LIMIT 1`).get() as Row;
    expect(rowProblem('agenda_items', { ...item, duration_minutes: -5 })?.field).toBe('duration_minutes');
    const group = db.prepare(`SELECT * FROM work_groups LIMIT 1`).get() as Row;
    expect(rowProblem('work_groups', { ...group, settings: '[1,' })).toEqual({ field: 'settings', problem: 'validation.format' });
    expect(rowProblem('work_groups', { ...group, time_zone: 'Mars/Olympus' })?.field).toBe('time_zone');
  });

  it('judges every column of every table as its rule applied directly would, before and after values are remembered', () => {
    const db = t.backend.ctx.db;
    const wrong: string[] = [];
    let judged = 0;
    // Twice: the second round meets every value the first one found valid (remembered per column).
    for (let round = 0; round < 2; round++) {
      for (const [table, rules] of Object.entries(ROW_RULES)) {
        const sample = db.prepare(`SELECT * FROM ${table} LIMIT 1`).get() as Row | undefined;
        if (!sample) continue;
        for (const column of Object.keys(rules.columns)) {
          for (const v of [sample[column], ...CRAFTED]) {
            const row = { ...sample, [column]: v };
            judged++;
            const want = directProblem(table, row);
            const got = rowProblem(table, row);
            if (JSON.stringify(got) !== JSON.stringify(want))
              wrong.push(
                `${table}.${column} ${JSON.stringify(v)?.slice(0, 40)}: ${JSON.stringify(got)} ≠ ${JSON.stringify(want)}`,
              );
          }
        }
        // A column missing from the row is not judged; a table without rules is not judged at all.
        expect(rowProblem(table, { id: sample.id })).toEqual(directProblem(table, { id: sample.id }));
      }
    }
    expect(wrong).toEqual([]);
    expect(judged).toBeGreaterThan(1000);
    expect(rowProblem('no_such_table', { id: 'x' })).toBeNull();
    expect(rowProblem('constructor', { id: 'x' })).toBeNull();
  });

  it.each([
    ['meetings', 'date', '2026-13-45', 'validation.date'],
    ['meetings', 'status', 'exploded', 'validation.choice'],
    ['meetings', 'detached', 2, 'validation.invalid_type'],
    ['meetings', 'ics_sequence', -1, null],
    // JSON text that does not parse is the reader's refusal (exchange.invalidRow); JSON of the wrong shape is this one.
    ['work_groups', 'settings', '"text"', null],
    ['agenda_items', 'title', 'x'.repeat(301), 'validation.too_long'],
    ['memberships', 'person_id', 'not-a-uuid', 'validation.id'],
  ] as const)(
    'refuses a whole-database file into an empty database whose %s row has a bad %s, writing nothing',
    async (table, column, value, problem) => {
      const file = rebuildFile(exportFrom(t, { kind: 'database' }), (tables) => {
        const rows = tables[table]!;
        rows[rows.length - 1] = { ...rows[rows.length - 1]!, [column]: value };
      });
      const target = await startTestBackend({ backupOnStart: false });
      try {
        const before = databaseContent(target.backend);
        let refused: ApiError | undefined;
        try {
          await applyImport(target.backend.ctx, file);
        } catch (e) {
          if (!(e instanceof ApiError)) throw e;
          refused = e;
        }
        expect(refused?.key).toBe('exchange.invalidValue');
        expect(refused?.params).toMatchObject({ table, field: column, ...(problem ? { problem } : {}) });
        expect(databaseContent(target.backend)).toBe(before);
      } finally {
        target.cleanup();
      }
    },
    60_000,
  );
});
