import { describe, expect, it } from 'vitest';
import { migrate, openDatabase, type Db } from '../../electron/backend/db/open';
import { travellingTables } from '../../electron/backend/db/tables';
import { rowMetaProblem } from '../../electron/backend/exchange/format';
import { generate, mulberry32, W_COUNTS } from '../../bench/generate';
import { rowProblem } from '../../shared/domain/rows';

function freshDb(): Db {
  const db = openDatabase(':memory:');
  migrate(db);
  return db;
}

function dump(db: Db): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const t of travellingTables(db)) out[t] = db.prepare(`SELECT * FROM ${t} ORDER BY id`).all();
  return out;
}

describe('benchmark generator', () => {
  it('mulberry32 is deterministic and spreads over [0, 1)', () => {
    const a = mulberry32(1);
    const b = mulberry32(1);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(xs);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    expect(new Set(xs).size).toBe(1000);
    expect(xs.filter((x) => x < 0.5).length).toBeGreaterThan(400);
  });

  it('the same seed and scale give identical databases; another seed differs', () => {
    const a = freshDb();
    const b = freshDb();
    const c = freshDb();
    const ra = generate(a, { scale: 200, seed: 5 });
    const rb = generate(b, { scale: 200, seed: 5 });
    generate(c, { scale: 200, seed: 6 });
    expect(rb).toEqual(ra);
    expect(dump(b)).toEqual(dump(a));
    expect(dump(c)).not.toEqual(dump(a));
  });

  it('fills the counts of the scale, derived per parent row', () => {
    const db = freshDb();
    const { counts, ids } = generate(db, { scale: 'W/100' });
    expect(counts.organisations).toBe(3);
    expect(counts.people).toBe(20);
    expect(counts.work_groups).toBe(2);
    expect(counts.meetings).toBe(200);
    expect(counts.agenda_items).toBe(200 * W_COUNTS.agendaItemsPerMeeting);
    expect(counts.action_items).toBe(1000);
    expect(counts.decisions).toBe(200);
    expect(counts.candidates).toBe(50);
    expect(counts.scores).toBe(500);
    expect(counts.rotations).toBe(1);
    expect(counts.attendance).toBe(200 * W_COUNTS.attendancePerMeeting);
    for (const [table, n] of Object.entries(counts)) {
      expect(db.prepare(`SELECT count(*) FROM ${table}`).pluck().get(), table).toBe(n);
    }
    expect(ids.groups).toHaveLength(2);
    expect(ids.firstGroupMeetings).toHaveLength(100);
    // One in fifty action items is archived, as a tombstone with its delete clock.
    expect(db.prepare(`SELECT count(*) FROM action_items WHERE deleted = 1`).pluck().get()).toBe(20);
  });

  it('writes valid travelling rows: meta fields, the domain rules an import applies, unique stamps, no broken references', () => {
    const db = freshDb();
    generate(db, { scale: 'W/100' });
    const stamps = new Set<string>();
    let rows = 0;
    for (const [table, list] of Object.entries(dump(db))) {
      for (const row of list as Array<Record<string, unknown>>) {
        expect(rowMetaProblem(row), `${table} ${String(row.id)}`).toBeNull();
        expect(rowProblem(table, row as never), `${table} ${String(row.id)}`).toBeNull();
        stamps.add(row.hlc as string);
        rows++;
      }
    }
    expect(stamps.size).toBe(rows);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.prepare(`SELECT value FROM meta WHERE key = 'start_chosen'`).pluck().get()).toBe('generated');
  });
});
