// Issue #15 findings 1 and 2: a conflict says what it is about (group, meeting, date, item, a link, who wrote
// each version and when), and the import preview lists the records themselves by name, grouped by what a
// user knows, with what changes in each, and keeps the bookkeeping tables out of the list.

import { afterEach, describe, expect, it } from 'vitest';
import { previewImport } from '../../electron/backend/exchange/service';
import { exportFrom, importInto, replica, seedGroup, type Replica } from './exchange-helpers';

const open: Replica[] = [];
afterEach(() => {
  for (const r of open.splice(0)) r.cleanup();
});
const edit = (r: Replica, table: string, id: string, patch: Record<string, unknown>) =>
  r.backend.ctx.tx(() => r.backend.ctx.store.update(table, id, patch));

async function twoWithGroup() {
  const a = await replica();
  const b = await replica(Date.UTC(2027, 0, 4, 8, 0, 30));
  open.push(a, b);
  const s = await seedGroup(a);
  await importInto(b, exportFrom(a, { kind: 'group', groupId: s.group.id }));
  return { a, b, s };
}

describe('what a conflict is about', () => {
  it('names the group, meeting, date and item, links to the meeting, and says when each version was written', async () => {
    const { a, b, s } = await twoWithGroup();
    a.tick(10_000);
    b.tick(20_000);
    edit(a, 'agenda_items', s.item.id, { minutes: 'A:n versio.' });
    edit(b, 'agenda_items', s.item.id, { minutes: 'B:n versio.' });
    const file = exportFrom(b, { kind: 'group', groupId: s.group.id });

    const preview = await previewImport(a.backend.ctx, file);
    expect(preview.conflicts[0]!.where).toEqual({
      group: 'Kyberturvallisuus',
      groupId: s.group.id,
      meeting: 'Kokous 1',
      meetingId: s.meeting.id,
      date: '2027-02-01',
      item: 'Tilannekuva',
      route: { page: 'meetings', params: [s.meeting.id] },
    });

    await importInto(a, file);
    const [c] = await a.api.exchange.conflicts({});
    expect(c!.where).toMatchObject({ group: 'Kyberturvallisuus', meeting: 'Kokous 1', date: '2027-02-01', item: 'Tilannekuva' });
    // B's edit is the newer and is stored now; A's own version is the other one, written 10 s earlier.
    expect(c!.currentValue).toBe('B:n versio.');
    expect(c!.currentWritten!.replica).not.toBe(c!.otherWritten!.replica);
    expect(Date.parse(c!.currentWritten!.at)).toBeGreaterThan(Date.parse(c!.otherWritten!.at));
  });
});

describe('the import preview by record', () => {
  it('lists the changed records by name with their meeting and group, the fields that change, and hides bookkeeping', async () => {
    const { a, b, s } = await twoWithGroup();
    b.tick(5000);
    edit(b, 'meetings', s.meeting.id, { place: 'Kuopio' });
    const action = await b.api.meetings.addAction({
      groupId: s.group.id,
      meetingId: s.meeting.id,
      agendaItemId: s.item.id,
      title: 'Päivitä tilannekuva',
    });

    const preview = await previewImport(a.backend.ctx, exportFrom(b, { kind: 'group', groupId: s.group.id }));
    const records = preview.records ?? [];
    const meeting = records.find((r) => r.rowId === s.meeting.id);
    expect(meeting).toMatchObject({ action: 'updated', label: 'Kokous 1', fields: ['place'] });
    expect(meeting!.where).toMatchObject({ group: 'Kyberturvallisuus', date: '2027-02-01' });
    const added = records.find((r) => r.rowId === action.id);
    expect(added).toMatchObject({ table: 'action_items', action: 'added', label: 'Päivitä tilannekuva' });
    expect(added!.where).toMatchObject({ group: 'Kyberturvallisuus', meeting: 'Kokous 1', item: 'Tilannekuva' });
    // Bookkeeping (status history and the like) is counted, not listed.
    expect(records.every((r) => !['status_history', 'exchange_log', 'conflicts'].includes(r.table))).toBe(true);
    expect(preview.bookkeepingRows).toBeGreaterThanOrEqual(0);
    // Grouped: records of the same meeting are next to each other.
    const ofMeeting = records.map((r, i) => (r.where.meetingId === s.meeting.id ? i : -1)).filter((i) => i >= 0);
    expect(ofMeeting.length).toBeGreaterThanOrEqual(2);
    expect(ofMeeting[ofMeeting.length - 1]! - ofMeeting[0]!).toBe(ofMeeting.length - 1);
  });
});
