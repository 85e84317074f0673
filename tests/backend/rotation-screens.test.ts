// Issue #15 finding 8, the parts that live in the rotation service: "Current order" without members who
// have left (successors in their place), in the schedule view and in the list of rotations.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestBackend, type TestBackend } from '../helpers/backend';
import { addMeeting, setUpGroup } from './rotation-helpers';

let t: TestBackend;
beforeEach(async () => {
  t = await startTestBackend({ now: () => new Date('2027-03-15T09:00:00Z'), backupOnStart: false });
});
afterEach(() => t.cleanup());

describe('current order', () => {
  it('leaves out a member who has left and puts a successor in place; the version keeps the order as entered', async () => {
    const { orgs, groupId } = await setUpGroup(t.api, ['SM', 'TEM', 'STM', 'OKM']);
    for (const d of ['2027-01-10', '2027-04-10', '2027-05-10']) addMeeting(t.backend, groupId, d);
    const created = await t.api.rotation.create({
      groupId,
      name: 'Chair',
      unit: 'organisations',
      mode: 'per_meeting',
      effectiveFrom: '2027-01-01',
      members: [orgs.SM!, orgs.TEM!, orgs.STM!],
    });
    const name = (ids: string[]) => ids.map((id) => Object.entries(orgs).find(([, v]) => v === id)?.[0]);
    expect(name(created.orderToday)).toEqual(['SM', 'TEM', 'STM']);
    const rotationId = created.rotation.id;
    // TEM leaves from a date in the future: still in today's order.
    let view = await t.api.rotation.setDeparture({ rotationId, memberId: orgs.TEM!, from: '2027-06-01', action: 'skip' });
    expect(name(view.orderToday)).toEqual(['SM', 'TEM', 'STM']);
    // …and from a date already past: gone.
    view = await t.api.rotation.setDeparture({ rotationId, memberId: orgs.TEM!, from: '2027-03-01', action: 'skip' });
    expect(name(view.orderToday)).toEqual(['SM', 'STM']);
    expect(name(view.current.members)).toEqual(['SM', 'TEM', 'STM']);
    expect((await t.api.rotation.list({}))[0]!.memberLabels).toEqual(['SM', 'STM']);
    // STM is succeeded by OKM.
    view = await t.api.rotation.setDeparture({
      rotationId,
      memberId: orgs.STM!,
      from: '2027-02-01',
      action: 'succeed',
      successorId: orgs.OKM!,
    });
    expect(name(view.orderToday)).toEqual(['SM', 'OKM']);
  });
});
