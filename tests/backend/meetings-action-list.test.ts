import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestBackend, type TestBackend } from '../helpers/backend';

/** The action list's paging, counting and text search (index-backed; see docs/performance.md). */
let t: TestBackend;
beforeEach(async () => {
  t = await startTestBackend({ now: () => new Date('2027-01-10T08:00:00Z') } as never);
});
afterEach(() => t.cleanup());

async function group() {
  return t.api.groups.create({ kind: 'priority_group', name: 'Safe schools', status: 'active' });
}

describe('meetings: action list paging and search', () => {
  it('counts when asked, and knows the total of a short last page', async () => {
    const g = await group();
    for (let i = 0; i < 25; i++) {
      await t.api.meetings.addAction({
        groupId: g.id,
        title: `Action ${String(i).padStart(2, '0')}`,
        dueDate: i % 5 === 0 ? null : `2027-02-${String(1 + (i % 28)).padStart(2, '0')}`,
      });
    }
    const first = await t.api.meetings.listActions({ limit: 10, count: true });
    expect(first.total).toBe(25);
    expect((await t.api.meetings.listActions({ limit: 10 })).total).toBeNull();
    const second = await t.api.meetings.listActions({ offset: 10, limit: 10 });
    expect(second.total).toBeNull();
    expect((await t.api.meetings.listActions({ offset: 10, limit: 10, count: true })).total).toBe(25);
    const last = await t.api.meetings.listActions({ offset: 20, limit: 10 });
    expect(last.total).toBe(25);
    // The pages together are the whole list once, dated first by due date, undated last.
    const all = [...first.rows, ...second.rows, ...last.rows];
    expect(new Set(all.map((r) => r.id)).size).toBe(25);
    const dues = all.map((r) => r.dueDate ?? '9999-12-31');
    expect(dues).toEqual([...dues].sort());
    expect(all.slice(-5).every((r) => r.dueDate === null)).toBe(true);
    expect((await t.api.meetings.listActions({ offset: 40, limit: 10 })).rows).toEqual([]);
  });

  it('searches titles and descriptions by word prefixes, all words required, diacritics folded', async () => {
    const g = await group();
    const a = await t.api.meetings.addAction({ groupId: g.id, title: 'Valmiusharjoituksen suunnittelu' });
    const b = await t.api.meetings.addAction({ groupId: g.id, title: 'Kutsu', description: 'Ålands valmius kouluissa' });
    await t.api.meetings.addAction({ groupId: g.id, title: 'Budjetti', description: 'Ei liity' });
    const ids = async (query: string) => (await t.api.meetings.listActions({ query })).rows.map((r) => r.id).sort();
    expect(await ids('valmius')).toEqual([a.id, b.id].sort());
    expect(await ids('VALMIUSHARJOITUKSEN')).toEqual([a.id]);
    expect(await ids('valm aland')).toEqual([b.id]);
    expect(await ids('armius')).toEqual([]);
    expect((await t.api.meetings.listActions({ query: 'valmius', groupId: g.id, status: 'active', count: true })).total).toBe(2);
    // A title change reaches the search; an archived action leaves the list.
    await t.api.meetings.updateAction({ id: a.id, patch: { title: 'Harjoitus' } });
    expect(await ids('valmius')).toEqual([b.id]);
    await t.api.meetings.removeAction({ id: b.id });
    expect(await ids('valmius')).toEqual([]);
  });
});
