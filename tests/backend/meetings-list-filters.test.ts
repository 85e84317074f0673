// meetings.list puts only the filters it is given into its statement (issue #19: written as
// "(@group IS NULL OR m.group_id = @group)" SQLite scanned every meeting of the model for one group's
// list). These tests hold every combination of filters to the rule written out over the meeting rows
// of the example, archived meetings included.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestBackend, type TestBackend } from '../helpers/backend';

let t: TestBackend;
beforeEach(async () => {
  t = await startTestBackend({ now: () => new Date('2026-12-01T10:00:00Z') });
});
afterEach(() => t.cleanup());

interface Row {
  id: string;
  group_id: string;
  group_name: string;
  status: string;
  date: string;
  start_time: string;
  title: string;
  place: string | null;
  deleted: number;
}

type Filters = {
  groupId?: string;
  status?: 'planned' | 'held';
  from?: string;
  to?: string;
  query?: string;
  includeArchived?: boolean;
};

/** The rule, one meeting row at a time, in the list's order (date, start time, id). */
function byTheRule(rows: Row[], f: Filters): string[] {
  const has = (text: string | null, q: string) => (text ?? '').toLowerCase().includes(q.toLowerCase());
  return rows
    .filter((r) => f.includeArchived || r.deleted === 0)
    .filter((r) => f.groupId === undefined || r.group_id === f.groupId)
    .filter((r) => f.status === undefined || r.status === f.status)
    .filter((r) => f.from === undefined || r.date >= f.from)
    .filter((r) => f.to === undefined || r.date <= f.to)
    .filter((r) => !f.query || has(r.title, f.query) || has(r.group_name, f.query) || has(r.place, f.query))
    .sort((a, b) => a.date.localeCompare(b.date) || a.start_time.localeCompare(b.start_time) || (a.id < b.id ? -1 : 1))
    .map((r) => r.id);
}

describe('the meetings list', () => {
  it('answers every combination of filters by the rule, on the example with archived meetings', async () => {
    await t.api.app.chooseStart({ example: true });
    const db = t.backend.ctx.db;
    // Archive a few meetings directly so includeArchived has something to show.
    db.prepare(`UPDATE meetings SET deleted = 1 WHERE id IN (SELECT id FROM meetings ORDER BY id LIMIT 3)`).run();
    const rows = db
      .prepare(
        `SELECT m.id, m.group_id, g.name AS group_name, m.status, m.date, m.start_time, m.title, m.place, m.deleted
         FROM meetings m JOIN work_groups g ON g.id = m.group_id`,
      )
      .all() as Row[];
    expect(rows.length).toBeGreaterThan(20);
    const group = rows.find((r) => r.deleted === 0)!;
    const busiest = [...new Set(rows.map((r) => r.group_id))].sort(
      (a, b) => rows.filter((r) => r.group_id === b).length - rows.filter((r) => r.group_id === a).length,
    )[0]!;
    const word = group.title.split(/\s+/)[0]!.slice(0, 4);
    const choices: Array<Array<[keyof Filters, Filters[keyof Filters]]>> = [
      [
        ['groupId', busiest],
        ['groupId', group.group_id],
      ],
      [
        ['status', 'planned'],
        ['status', 'held'],
      ],
      [['from', '2026-12-01']],
      [['to', '2026-06-30']],
      [['query', word]],
      [['includeArchived', true]],
    ];
    let combinations = 0;
    const walk = async (i: number, f: Filters): Promise<void> => {
      if (i === choices.length) {
        combinations++;
        const listed = (await t.api.meetings.list(f)).map((m) => m.id);
        expect(listed, JSON.stringify(f)).toEqual(byTheRule(rows, f));
        return;
      }
      await walk(i + 1, f);
      for (const [key, value] of choices[i]!) await walk(i + 1, { ...f, [key]: value });
    };
    await walk(0, {});
    expect(combinations).toBe(3 * 3 * 2 * 2 * 2 * 2);
  });
});
