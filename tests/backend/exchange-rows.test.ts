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
import { seedRich } from './exchange-helpers';

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
});
