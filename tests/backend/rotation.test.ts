// The rotation feature through the contract on a real SQLite file: every rule of issue 4 as the service
// applies it to stored meetings, refusals that change nothing, and the exports parsed back.
import ICAL from 'ical.js';
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestBackend, type TestBackend } from '../helpers/backend';
import { addMeeting, chairs, refresh, setStatus, setUpGroup, snapshot, storedMeetings } from './rotation-helpers';

let t: TestBackend;
let now = new Date('2027-01-01T09:00:00Z');

beforeEach(async () => {
  now = new Date('2027-01-01T09:00:00Z');
  t = await startTestBackend({ now: () => now, backupOnStart: false });
});
afterEach(() => t.cleanup());

async function perMeeting(opts: { members?: string[]; cancelledRule?: 'hold' | 'advance' } = {}) {
  const { orgs, groupId } = await setUpGroup(t.api);
  const dates = ['2027-01-10', '2027-02-10', '2027-03-10', '2027-04-10', '2027-05-10', '2027-06-10'];
  const meetings = dates.map((d) => addMeeting(t.backend, groupId, d));
  const members = (opts.members ?? ['SM', 'TEM', 'STM']).map((a) => orgs[a]!);
  const view = await t.api.rotation.create({
    groupId,
    name: 'Chair',
    unit: 'organisations',
    mode: 'per_meeting',
    effectiveFrom: '2027-01-01',
    members,
    ...(opts.cancelledRule ? { cancelledRule: opts.cancelledRule } : {}),
  });
  return { orgs, groupId, meetings, view, rotationId: view.rotation.id };
}

describe('setting up a rotation', () => {
  it('writes the chairs onto the planned meetings in order, duplicates included', async () => {
    const { orgs, groupId, view } = await perMeeting({ members: ['SM', 'TEM', 'SM', 'STM'] });
    expect(chairs(t.backend, groupId, orgs)).toEqual(['SM', 'TEM', 'SM', 'STM', 'SM', 'TEM']);
    expect(storedMeetings(t.backend, groupId).every((m) => m.chair_source === 'rotation')).toBe(true);
    expect(view.schedule.filter((e) => e.kind === 'meeting')).toHaveLength(6);
    expect(view.handovers.map((h) => h.date)).toEqual(['2027-02-10', '2027-03-10', '2027-04-10', '2027-05-10', '2027-06-10']);
    const list = await t.api.rotation.list({});
    expect(list).toHaveLength(1);
    expect(list[0]!.memberLabels).toEqual(['SM', 'TEM', 'SM', 'STM']);
    expect(list[0]!.nextChair).toEqual({ date: '2027-01-10', label: 'SM' });
  });

  it('starts from the chosen starting member', async () => {
    const { orgs, groupId } = await setUpGroup(t.api);
    addMeeting(t.backend, groupId, '2027-01-10');
    addMeeting(t.backend, groupId, '2027-02-10');
    await t.api.rotation.create({
      groupId,
      name: 'Chair',
      unit: 'organisations',
      mode: 'per_meeting',
      effectiveFrom: '2027-01-01',
      members: [orgs.SM!, orgs.TEM!, orgs.STM!],
      startIndex: 2,
    });
    expect(chairs(t.backend, groupId, orgs)).toEqual(['STM', 'SM']);
  });

  it('refuses a rotation without members with a clear sentence and changes nothing', async () => {
    const { groupId } = await setUpGroup(t.api);
    const before = snapshot(t.backend);
    await expect(
      t.api.rotation.create({
        groupId,
        name: 'Chair',
        unit: 'organisations',
        mode: 'per_meeting',
        effectiveFrom: '2027-01-01',
        members: [],
      }),
    ).rejects.toMatchObject({ key: 'rotation.noMembers', message: expect.stringContaining('at least one member') });
    expect(snapshot(t.backend)).toBe(before);
  });

  it('refuses bad input (unknown member, missing term fields, second rotation, bad start) and changes nothing', async () => {
    const { orgs, groupId } = await perMeeting();
    const before = snapshot(t.backend);
    const base = { groupId, name: 'X', unit: 'organisations' as const, effectiveFrom: '2027-01-01' };
    await expect(t.api.rotation.create({ ...base, mode: 'per_meeting', members: [orgs.SM!] })).rejects.toMatchObject({
      key: 'rotation.errors.exists',
    });
    const other = await t.api.groups.create({ kind: 'network', name: 'Other', status: 'active' });
    const before2 = snapshot(t.backend);
    await expect(
      t.api.rotation.create({ ...base, groupId: other.id, mode: 'per_meeting', members: [crypto.randomUUID()] }),
    ).rejects.toMatchObject({ key: 'rotation.errors.memberUnknown.organisations' });
    await expect(
      t.api.rotation.create({ ...base, groupId: other.id, mode: 'term_months', members: [orgs.SM!] }),
    ).rejects.toMatchObject({
      key: 'rotation.errors.termFieldsRequired',
    });
    await expect(
      t.api.rotation.create({ ...base, groupId: other.id, mode: 'per_meeting', members: [orgs.SM!], startIndex: 3 }),
    ).rejects.toMatchObject({ key: 'rotation.errors.startMember' });
    await expect(
      t.api.rotation.create({
        ...base,
        groupId: other.id,
        mode: 'per_meeting',
        members: [orgs.SM!],
        effectiveFrom: '2027-02-30',
      }),
    ).rejects.toMatchObject({ code: 'validation' });
    expect(snapshot(t.backend)).toBe(before2);
    expect(before).not.toBe(before2);
  });
});

describe('rules on stored meetings', () => {
  it('never changes a held meeting, whatever is edited later', async () => {
    const { orgs, groupId, meetings, rotationId } = await perMeeting();
    setStatus(t.backend, meetings[0]!, 'held');
    setStatus(t.backend, meetings[1]!, 'held');
    const heldBefore = storedMeetings(t.backend, groupId).slice(0, 2);
    now = new Date('2027-02-20T09:00:00Z');
    await t.api.rotation.edit({ rotationId, effectiveFrom: '2027-01-01', members: [orgs.STM!, orgs.TEM!] });
    await t.api.rotation.updateSettings({ rotationId, cancelledRule: 'advance' });
    await t.api.rotation.setDeparture({ rotationId, memberId: orgs.SM!, from: '2027-01-01', action: 'skip' });
    refresh(t.backend, groupId);
    expect(storedMeetings(t.backend, groupId).slice(0, 2)).toEqual(heldBefore);
    await expect(
      t.api.rotation.addOverride({ rotationId, target: { meetingId: meetings[0]! }, memberId: orgs.STM! }),
    ).rejects.toMatchObject({ key: 'rotation.errors.meetingHeld' });
    expect(storedMeetings(t.backend, groupId).slice(0, 2)).toEqual(heldBefore);
  });

  it('an edit takes effect from a date and keeps the current and the next chair', async () => {
    const { orgs, groupId, rotationId } = await perMeeting();
    expect(chairs(t.backend, groupId, orgs)).toEqual(['SM', 'TEM', 'STM', 'SM', 'TEM', 'STM']);
    // Add D after STM while SM chairs the upcoming meeting and TEM the next.
    const d = await t.api.organisations.create({ abbreviation: 'OM', name: 'Ministry of Justice', kind: 'ministry' });
    const view = await t.api.rotation.edit({
      rotationId,
      effectiveFrom: '2027-01-01',
      members: [orgs.SM!, orgs.TEM!, orgs.STM!, d.id],
    });
    expect(chairs(t.backend, groupId, { ...orgs, OM: d.id })).toEqual(['SM', 'TEM', 'STM', 'OM', 'SM', 'TEM']);
    expect(view.versions).toHaveLength(1); // same effective date: the version is replaced
    // Remove TEM from 2027-03-01 (edited on 2027-03-01): the meetings of March and April keep their chairs.
    now = new Date('2027-03-01T09:00:00Z');
    const after = await t.api.rotation.edit({ rotationId, effectiveFrom: '2027-03-01', members: [orgs.SM!, orgs.STM!, d.id] });
    expect(after.versions).toHaveLength(2);
    expect(chairs(t.backend, groupId, { ...orgs, OM: d.id })).toEqual(['SM', 'TEM', 'STM', 'OM', 'SM', 'STM']);
  });

  it('refuses edits that cannot apply (no members, per meeting ↔ terms, unknown member), changing nothing', async () => {
    const { orgs, rotationId } = await perMeeting();
    const before = snapshot(t.backend);
    await expect(t.api.rotation.edit({ rotationId, effectiveFrom: '2027-02-01', members: [] })).rejects.toMatchObject({
      key: 'rotation.noMembers',
    });
    await expect(
      t.api.rotation.edit({
        rotationId,
        effectiveFrom: '2027-02-01',
        members: [orgs.SM!],
        mode: 'term_months',
        termLength: 3,
        anchorDate: '2027-02-01',
      }),
    ).rejects.toMatchObject({ key: 'rotation.modeFamilyChanged' });
    await expect(
      t.api.rotation.edit({ rotationId, effectiveFrom: '2027-02-01', members: [crypto.randomUUID()] }),
    ).rejects.toMatchObject({
      key: 'rotation.errors.memberUnknown.organisations',
    });
    await expect(
      t.api.rotation.edit({ rotationId: crypto.randomUUID(), effectiveFrom: '2027-02-01', members: [orgs.SM!] }),
    ).rejects.toMatchObject({
      code: 'not_found',
    });
    expect(snapshot(t.backend)).toBe(before);
  });

  it('an effective date in the past keeps the chairs announced on the day of the edit', async () => {
    const { orgs, groupId, rotationId } = await perMeeting();
    now = new Date('2027-03-05T09:00:00Z');
    await t.api.rotation.edit({ rotationId, effectiveFrom: '2027-01-01', members: [orgs.STM!, orgs.TEM!, orgs.SM!] });
    // Current (April) and next (May) keep SM and TEM; the new order continues with the member after TEM.
    expect(chairs(t.backend, groupId, orgs).slice(3)).toEqual(['SM', 'TEM', 'SM']);
  });

  it('override beats swap beats the order; removing them restores the order', async () => {
    const { orgs, groupId, meetings, rotationId } = await perMeeting();
    let view = await t.api.rotation.addSwap({
      rotationId,
      first: { meetingId: meetings[1]! },
      second: { meetingId: meetings[2]! },
    });
    expect(chairs(t.backend, groupId, orgs).slice(0, 3)).toEqual(['SM', 'STM', 'TEM']);
    expect(storedMeetings(t.backend, groupId)[1]!.chair_source).toBe('swap');
    view = await t.api.rotation.addOverride({
      rotationId,
      target: { meetingId: meetings[1]! },
      memberId: orgs.SM!,
      reason: 'STM away',
    });
    expect(chairs(t.backend, groupId, orgs).slice(0, 3)).toEqual(['SM', 'SM', 'TEM']);
    expect(storedMeetings(t.backend, groupId)[1]!.chair_source).toBe('override');
    // Overlapping overrides: the latest wins.
    view = await t.api.rotation.addOverride({ rotationId, target: { meetingId: meetings[1]! }, memberId: orgs.TEM! });
    expect(chairs(t.backend, groupId, orgs)[1]).toBe('TEM');
    const entry = view.schedule.find((e) => e.meetingId === meetings[1]);
    expect(entry).toMatchObject({ source: 'override', baseChairId: orgs.TEM });
    const swap = view.exceptions.find((e) => e.kind === 'swap')!;
    expect(swap).toMatchObject({ date: '2027-02-10', otherDate: '2027-03-10' });
    for (const e of view.exceptions.filter((x) => x.kind === 'override')) await t.api.rotation.removeException({ id: e.id });
    expect(chairs(t.backend, groupId, orgs).slice(0, 3)).toEqual(['SM', 'STM', 'TEM']);
    // Deleting the swap restores both halves.
    view = await t.api.rotation.removeException({ id: swap.id });
    expect(chairs(t.backend, groupId, orgs).slice(0, 3)).toEqual(['SM', 'TEM', 'STM']);
    expect(storedMeetings(t.backend, groupId).every((m) => m.chair_source === 'rotation')).toBe(true);
    expect(view.exceptions).toEqual([]);
  });

  it('chained swaps A↔B then B↔C compose', async () => {
    const { orgs, groupId, meetings, rotationId } = await perMeeting();
    await t.api.rotation.addSwap({ rotationId, first: { meetingId: meetings[0]! }, second: { meetingId: meetings[1]! } });
    await t.api.rotation.addSwap({ rotationId, first: { meetingId: meetings[1]! }, second: { meetingId: meetings[2]! } });
    expect(chairs(t.backend, groupId, orgs).slice(0, 3)).toEqual(['TEM', 'STM', 'SM']);
  });

  it('a swap followed by an edit of the order still exchanges the two meetings', async () => {
    const { orgs, groupId, meetings, rotationId } = await perMeeting();
    await t.api.rotation.addSwap({ rotationId, first: { meetingId: meetings[4]! }, second: { meetingId: meetings[5]! } });
    expect(chairs(t.backend, groupId, orgs).slice(4)).toEqual(['STM', 'TEM']);
    await t.api.rotation.edit({ rotationId, effectiveFrom: '2027-01-01', members: [orgs.SM!, orgs.TEM!] });
    // New order after the kept SM, TEM: SM, TEM, SM, TEM → swapped at May/June.
    expect(chairs(t.backend, groupId, orgs)).toEqual(['SM', 'TEM', 'SM', 'TEM', 'TEM', 'SM']);
  });

  it('a skip passes the turn to the next member; a skip of someone whose turn it is not is refused', async () => {
    const { orgs, groupId, meetings, rotationId } = await perMeeting();
    const before = snapshot(t.backend);
    await expect(
      t.api.rotation.addSkip({ rotationId, target: { meetingId: meetings[1]! }, memberId: orgs.SM! }),
    ).rejects.toMatchObject({
      key: 'rotation.skipNotTheirTurn',
    });
    await expect(
      t.api.rotation.addSkip({ rotationId, target: { termStart: '2027-02-01' }, memberId: orgs.TEM! }),
    ).rejects.toMatchObject({
      key: 'rotation.errors.noTerms',
    });
    expect(snapshot(t.backend)).toBe(before);
    await t.api.rotation.addSkip({ rotationId, target: { meetingId: meetings[1]! }, memberId: orgs.TEM! });
    expect(chairs(t.backend, groupId, orgs)).toEqual(['SM', 'STM', 'SM', 'TEM', 'STM', 'SM']);
    expect(storedMeetings(t.backend, groupId)[1]!.chair_source).toBe('skip');
  });

  it('refuses swaps and overrides that cannot apply, changing nothing', async () => {
    const { orgs, groupId, meetings, rotationId } = await perMeeting();
    const other = await setUpGroup(t.api, ['OKM']);
    const foreign = addMeeting(t.backend, other.groupId, '2027-01-12');
    setStatus(t.backend, meetings[3]!, 'cancelled');
    refresh(t.backend, groupId);
    const before = snapshot(t.backend);
    const swap = (a: string, b: string) =>
      t.api.rotation.addSwap({ rotationId, first: { meetingId: a }, second: { meetingId: b } });
    await expect(swap(meetings[0]!, meetings[0]!)).rejects.toMatchObject({ key: 'rotation.swapSameTarget' });
    await expect(swap(meetings[0]!, foreign)).rejects.toMatchObject({ key: 'rotation.errors.meetingNotInGroup' });
    await expect(swap(meetings[0]!, meetings[3]!)).rejects.toMatchObject({ key: 'rotation.errors.meetingCancelled' });
    await expect(
      t.api.rotation.addSwap({ rotationId, first: { meetingId: meetings[0]! }, second: { termStart: '2027-01-01' } }),
    ).rejects.toMatchObject({ key: 'rotation.swapMixedTargets' });
    await expect(
      t.api.rotation.addOverride({ rotationId, target: { meetingId: meetings[0]! }, memberId: orgs.SM! + 'x' } as never),
    ).rejects.toMatchObject({
      code: 'validation',
    });
    await expect(t.api.rotation.removeException({ id: crypto.randomUUID() })).rejects.toMatchObject({ code: 'not_found' });
    expect(snapshot(t.backend)).toBe(before);
  });

  it('a cancelled meeting holds or advances the turn, as the group setting says', async () => {
    const { orgs, groupId, meetings, rotationId } = await perMeeting();
    setStatus(t.backend, meetings[1]!, 'cancelled');
    refresh(t.backend, groupId);
    // hold: TEM keeps the turn for March. The cancelled meeting keeps whatever it had (it is not touched).
    expect(chairs(t.backend, groupId, orgs).filter((_, i) => i !== 1)).toEqual(['SM', 'TEM', 'STM', 'SM', 'TEM']);
    await t.api.rotation.updateSettings({ rotationId, cancelledRule: 'advance' });
    expect(chairs(t.backend, groupId, orgs).filter((_, i) => i !== 1)).toEqual(['SM', 'STM', 'SM', 'TEM', 'STM']);
  });

  it('a moved meeting takes the turn of its new date', async () => {
    const { orgs, groupId, meetings } = await perMeeting();
    t.backend.ctx.store.update('meetings', meetings[1]!, { status: 'moved', movedToDate: '2027-03-20' });
    refresh(t.backend, groupId);
    const byId = new Map(storedMeetings(t.backend, groupId).map((m) => [m.id, m.chair_organisation_id]));
    expect(byId.get(meetings[2]!)).toBe(orgs.TEM); // 10 March now comes before the moved meeting
    expect(byId.get(meetings[1]!)).toBe(orgs.STM);
  });

  it('a leaving member is skipped, or succeeded by a named member', async () => {
    const { orgs, groupId, rotationId } = await perMeeting();
    const om = await t.api.organisations.create({ abbreviation: 'OM', name: 'Ministry of Justice', kind: 'ministry' });
    const all = { ...orgs, OM: om.id };
    let view = await t.api.rotation.setDeparture({ rotationId, memberId: orgs.TEM!, from: '2027-03-01', action: 'skip' });
    expect(chairs(t.backend, groupId, all)).toEqual(['SM', 'TEM', 'STM', 'SM', 'STM', 'SM']);
    expect(view.departures).toEqual([{ memberId: orgs.TEM, from: '2027-03-01', action: 'skip', successorId: null }]);
    // Changing the departure to a succession by OM.
    view = await t.api.rotation.setDeparture({
      rotationId,
      memberId: orgs.TEM!,
      from: '2027-03-01',
      action: 'succeed',
      successorId: om.id,
    });
    expect(chairs(t.backend, groupId, all)).toEqual(['SM', 'TEM', 'STM', 'SM', 'OM', 'STM']);
    expect(view.members.map((m) => m.label)).toContain('OM');
    const before = snapshot(t.backend);
    await expect(
      t.api.rotation.setDeparture({ rotationId, memberId: orgs.SM!, from: '2027-03-01', action: 'succeed' }),
    ).rejects.toMatchObject({ key: 'rotation.errors.successorRequired' });
    await expect(
      t.api.rotation.setDeparture({
        rotationId,
        memberId: orgs.SM!,
        from: '2027-03-01',
        action: 'succeed',
        successorId: orgs.SM!,
      }),
    ).rejects.toMatchObject({ key: 'rotation.successorIsSelf' });
    await expect(
      t.api.rotation.setDeparture({ rotationId, memberId: om.id, from: '2027-03-01', action: 'skip' }),
    ).rejects.toMatchObject({
      key: 'rotation.errors.notAMember',
    });
    expect(snapshot(t.backend)).toBe(before);
    await t.api.rotation.removeDeparture({ rotationId, memberId: orgs.TEM! });
    expect(chairs(t.backend, groupId, all)).toEqual(['SM', 'TEM', 'STM', 'SM', 'TEM', 'STM']);
  });

  it('a departure survives a later edit of the order', async () => {
    const { orgs, groupId, rotationId } = await perMeeting();
    await t.api.rotation.setDeparture({ rotationId, memberId: orgs.TEM!, from: '2027-04-01', action: 'skip' });
    now = new Date('2027-02-15T09:00:00Z');
    const view = await t.api.rotation.edit({
      rotationId,
      effectiveFrom: '2027-02-15',
      members: [orgs.TEM!, orgs.STM!, orgs.SM!],
    });
    expect(view.departures).toHaveLength(1);
    expect(chairs(t.backend, groupId, orgs).slice(3).includes('TEM')).toBe(false);
  });

  it('leaves a chair set by hand alone', async () => {
    const { orgs, groupId, meetings } = await perMeeting();
    t.backend.ctx.store.update('meetings', meetings[0]!, { chairOrganisationId: orgs.STM, chairSource: 'manual' });
    refresh(t.backend, groupId);
    expect(chairs(t.backend, groupId, orgs)[0]).toBe('STM');
  });

  it('warns when the chair organisation has said it will be absent', async () => {
    const { orgs, groupId, meetings } = await perMeeting();
    t.backend.ctx.store.insert('attendance', { meetingId: meetings[1]!, organisationId: orgs.TEM!, status: 'excused' });
    t.backend.ctx.store.insert('attendance', { meetingId: meetings[2]!, organisationId: orgs.SM!, status: 'absent' });
    const view = (await t.api.rotation.forGroup({ groupId }))!;
    expect(view.schedule.filter((e) => e.chairAbsent).map((e) => e.meetingId)).toEqual([meetings[1]]);
  });
});

describe('terms', () => {
  async function monthly(termLength = 2, anchorDate = '2026-11-30') {
    const { orgs, groupId } = await setUpGroup(t.api);
    const m1 = addMeeting(t.backend, groupId, '2027-01-15');
    const m2 = addMeeting(t.backend, groupId, '2027-01-20');
    const m3 = addMeeting(t.backend, groupId, '2027-02-05');
    const view = await t.api.rotation.create({
      groupId,
      name: 'Chair terms',
      unit: 'organisations',
      mode: 'term_months',
      termLength,
      anchorDate,
      effectiveFrom: '2026-11-01',
      members: [orgs.SM!, orgs.TEM!, orgs.STM!],
      handoverNoticeWeeks: 6,
    });
    return { orgs, groupId, view, meetings: [m1, m2, m3], rotationId: view.rotation.id };
  }

  it('shows terms with month-end anchors across the year end, and meetings take their term’s chair', async () => {
    const { orgs, groupId, view } = await monthly();
    const terms = view.schedule.filter((e) => e.kind === 'term');
    expect(terms.slice(0, 4).map((e) => [e.date, e.lastDay])).toEqual([
      ['2026-11-30', '2027-01-29'],
      ['2027-01-30', '2027-03-29'],
      ['2027-03-30', '2027-05-29'],
      ['2027-05-30', '2027-07-29'],
    ]);
    // Two meetings in one term share a chair; 5 Feb is in the next term.
    expect(chairs(t.backend, groupId, orgs)).toEqual(['SM', 'SM', 'TEM']);
    expect(view.nextHandover).toMatchObject({ date: '2027-01-30', withinNotice: true, fromId: orgs.SM, toId: orgs.TEM });
    expect(terms.length).toBeGreaterThanOrEqual(12);
  });

  it('a meeting moved into the next term takes that term’s chair', async () => {
    const { orgs, groupId, meetings } = await monthly();
    t.backend.ctx.store.update('meetings', meetings[1]!, { status: 'moved', movedToDate: '2027-02-01' });
    refresh(t.backend, groupId);
    const byId = new Map(storedMeetings(t.backend, groupId).map((m) => [m.id, m.chair_organisation_id]));
    expect(byId.get(meetings[1]!)).toBe(orgs.TEM);
    expect(byId.get(meetings[0]!)).toBe(orgs.SM);
  });

  it('monthly terms anchored on the 31st and on 29 February clamp to the month end and come back', async () => {
    const a = await setUpGroup(t.api);
    const view = await t.api.rotation.create({
      groupId: a.groupId,
      name: 'Monthly',
      unit: 'organisations',
      mode: 'term_months',
      termLength: 1,
      anchorDate: '2026-12-31',
      effectiveFrom: '2026-12-01',
      members: [a.orgs.SM!, a.orgs.TEM!],
    });
    expect(view.schedule.slice(0, 4).map((e) => e.date)).toEqual(['2026-12-31', '2027-01-31', '2027-02-28', '2027-03-31']);
    const other = await t.api.groups.create({ kind: 'network', name: 'Leap', status: 'active' });
    const leap = await t.api.rotation.create({
      groupId: other.id,
      name: 'Yearly',
      unit: 'organisations',
      mode: 'term_months',
      termLength: 12,
      anchorDate: '2028-02-29',
      effectiveFrom: '2027-01-01',
      members: [a.orgs.SM!, a.orgs.TEM!],
    });
    expect(leap.schedule.map((e) => [e.date, e.lastDay])).toEqual([['2028-02-29', '2029-02-27']]);
  });

  it('swaps and skips terms, and refuses a date where no term starts', async () => {
    const { orgs, groupId, rotationId } = await monthly();
    const before = snapshot(t.backend);
    await expect(
      t.api.rotation.addSwap({ rotationId, first: { termStart: '2027-01-30' }, second: { termStart: '2027-02-01' } }),
    ).rejects.toMatchObject({ key: 'rotation.errors.termUnknown' });
    expect(snapshot(t.backend)).toBe(before);
    let view = await t.api.rotation.addSwap({
      rotationId,
      first: { termStart: '2026-11-30' },
      second: { termStart: '2027-01-30' },
    });
    expect(chairs(t.backend, groupId, orgs)).toEqual(['TEM', 'TEM', 'SM']);
    const swap = view.exceptions[0]!;
    view = await t.api.rotation.removeException({ id: swap.id });
    view = await t.api.rotation.addSkip({ rotationId, target: { termStart: '2027-01-30' }, memberId: orgs.TEM! });
    expect(chairs(t.backend, groupId, orgs)).toEqual(['SM', 'SM', 'STM']);
    expect(view.schedule.find((e) => e.key === 'term:2027-01-30')).toMatchObject({ source: 'skip', chairId: orgs.STM });
  });

  it('weekly terms from an anchor keep calendar dates across the DST change', async () => {
    const { orgs, groupId } = await setUpGroup(t.api);
    const view = await t.api.rotation.create({
      groupId,
      name: 'Weekly',
      unit: 'organisations',
      mode: 'term_weeks',
      termLength: 1,
      anchorDate: '2027-03-22',
      effectiveFrom: '2027-03-01',
      members: [orgs.SM!, orgs.TEM!],
    });
    const starts = view.schedule.filter((e) => e.kind === 'term').map((e) => e.date);
    expect(starts.slice(0, 3)).toEqual(['2027-03-22', '2027-03-29', '2027-04-05']);
  });
});

describe('people as members', () => {
  it('rotates people and writes chair_person_id', async () => {
    const group = await t.api.groups.create({ kind: 'network', name: 'People rotation', status: 'active' });
    const a = await t.api.people.create({ name: 'Anna Aalto' });
    const b = await t.api.people.create({ name: 'Bertil Berg' });
    for (const p of [a, b]) await t.api.groups.addMember({ groupId: group.id, personId: p.id, role: 'member' });
    const m1 = addMeeting(t.backend, group.id, '2027-01-10');
    const m2 = addMeeting(t.backend, group.id, '2027-02-10');
    const view = await t.api.rotation.create({
      groupId: group.id,
      name: 'Chair',
      unit: 'people',
      mode: 'per_meeting',
      effectiveFrom: '2027-01-01',
      members: [b.id, a.id],
    });
    const rows = t.backend.ctx.db.prepare(`SELECT id, chair_person_id FROM meetings WHERE group_id = ?`).all(group.id) as Array<{
      id: string;
      chair_person_id: string;
    }>;
    expect(new Map(rows.map((r) => [r.id, r.chair_person_id]))).toEqual(
      new Map([
        [m1, b.id],
        [m2, a.id],
      ]),
    );
    expect(view.members.map((m) => m.label)).toEqual(['Anna Aalto', 'Bertil Berg']);
  });
});

describe('exports', () => {
  it('iCalendar: all-day chair runs and handovers with stable UIDs', async () => {
    const { groupId } = await perMeeting();
    const file = await t.api.rotation.export({ groupId, format: 'ics', lang: 'en' });
    const text = Buffer.from(file.contentBase64, 'base64').toString('utf8');
    const root = new ICAL.Component(ICAL.parse(text));
    const events = root.getAllSubcomponents('vevent').map((e) => new ICAL.Event(e));
    const chairsEv = events.filter((e) => e.summary.startsWith('Chair:'));
    expect(chairsEv.map((e) => e.summary)).toEqual([
      'Chair: SM (Polarisation network)',
      'Chair: TEM (Polarisation network)',
      'Chair: STM (Polarisation network)',
      'Chair: SM (Polarisation network)',
      'Chair: TEM (Polarisation network)',
      'Chair: STM (Polarisation network)',
    ]);
    expect(chairsEv.every((e) => e.startDate.isDate)).toBe(true);
    expect(chairsEv[0]!.startDate.toString()).toBe('2027-01-10');
    expect(chairsEv[0]!.endDate.toString()).toBe('2027-01-11');
    expect(events.filter((e) => e.summary.startsWith('Chair handover'))).toHaveLength(5);
    expect(file.fileName).toMatch(/\.ics$/);
    now = new Date('2027-01-02T09:00:00Z');
    const again = await t.api.rotation.export({ groupId, format: 'ics', lang: 'fi' });
    const uids = (s: string) =>
      new ICAL.Component(ICAL.parse(Buffer.from(s, 'base64').toString('utf8')))
        .getAllSubcomponents('vevent')
        .map((e) => e.getFirstPropertyValue('uid'));
    expect(uids(again.contentBase64)).toEqual(uids(file.contentBase64));
  });

  it('iCalendar for terms: one all-day event per term, ending the day after its last day', async () => {
    const { orgs, groupId } = await setUpGroup(t.api);
    await t.api.rotation.create({
      groupId,
      name: 'Terms',
      unit: 'organisations',
      mode: 'term_months',
      termLength: 6,
      anchorDate: '2027-01-01',
      effectiveFrom: '2027-01-01',
      members: [orgs.SM!, orgs.TEM!, orgs.STM!],
    });
    const file = await t.api.rotation.export({ groupId, format: 'ics', lang: 'en' });
    const root = new ICAL.Component(ICAL.parse(Buffer.from(file.contentBase64, 'base64').toString('utf8')));
    const terms = root
      .getAllSubcomponents('vevent')
      .map((e) => new ICAL.Event(e))
      .filter((e) => e.summary.startsWith('Chair:'));
    expect(terms.slice(0, 2).map((e) => [e.startDate.toString(), e.endDate.toString(), e.summary])).toEqual([
      ['2027-01-01', '2027-07-01', 'Chair: SM (Polarisation network)'],
      ['2027-07-01', '2028-01-01', 'Chair: TEM (Polarisation network)'],
    ]);
  });

  it('CSV: parsed back, with formula-looking cells disarmed', async () => {
    const { groupId } = await perMeeting();
    addMeeting(t.backend, groupId, '2027-07-10', { title: '=HYPERLINK("http://x","y")' });
    refresh(t.backend, groupId);
    const file = await t.api.rotation.export({ groupId, format: 'csv', lang: 'en' });
    const text = Buffer.from(file.contentBase64, 'base64')
      .toString('utf8')
      .replace(/^\uFEFF/, '');
    const rows = parseCsv(text);
    expect(rows[0]).toEqual(['Date', 'Last day', 'Meeting or term', 'Chair', 'Note', 'Handover']);
    expect(rows.slice(1, 4).map((r) => [r[0], r[3]])).toEqual([
      ['2027-01-10', 'SM'],
      ['2027-02-10', 'TEM'],
      ['2027-03-10', 'STM'],
    ]);
    const evil = rows.find((r) => r[0] === '2027-07-10')!;
    expect(evil[2]).toBe(`'=HYPERLINK("http://x","y")`);
    expect(rows.every((r) => r.every((c) => !/^[=+\-@]/.test(c)))).toBe(true);
  });

  it('printable schedule as HTML (for PDF) and DOCX', async () => {
    const { groupId } = await perMeeting();
    const html = await t.api.rotation.export({ groupId, format: 'html', lang: 'fi' });
    expect(html.html).toContain('Puheenjohtajavuorot');
    expect(html.html).toContain('<table');
    const docx = await t.api.rotation.export({ groupId, format: 'docx', lang: 'sv' });
    const files = unzipSync(new Uint8Array(Buffer.from(docx.contentBase64, 'base64')));
    const xml = strFromU8(files['word/document.xml']!);
    expect(xml).toContain('Polarisation network');
    expect(xml).toContain('TEM');
    expect(docx.fileName).toMatch(/\.docx$/);
  });

  it('the printable schedule writes dates as words and leaves out the empty "last day" column per meeting', async () => {
    const { groupId } = await perMeeting();
    const en = await t.api.rotation.export({ groupId, format: 'html', lang: 'en' });
    const headers = [...en.html!.matchAll(/<th[^>]*>([^<]*)<\/th>/g)].map((m) => m[1]);
    expect(headers).not.toContain('Last day');
    expect(headers.slice(0, 3)).toEqual(['Date', 'Meeting or term', 'Chair']);
    expect(en.html).toContain('10 January 2027');
    // (the helper's meeting titles carry the ISO date; the date cells do not)
    expect(en.html).not.toMatch(/<td[^>]*>2027-01-10<\/td>/);
    const fi = await t.api.rotation.export({ groupId, format: 'docx', lang: 'fi' });
    const xml = strFromU8(unzipSync(new Uint8Array(Buffer.from(fi.contentBase64, 'base64')))['word/document.xml']!);
    expect(xml).toContain('10. tammikuuta 2027');
    expect(xml).not.toContain('>2027-01-10<');
    // The CSV keeps every column and ISO dates, for spreadsheets.
    const csv = await t.api.rotation.export({ groupId, format: 'csv', lang: 'en' });
    expect(Buffer.from(csv.contentBase64, 'base64').toString('utf8')).toContain('2027-01-10');
  });

  it('refuses to export for a group without a rotation', async () => {
    const group = await t.api.groups.create({ kind: 'network', name: 'No rotation', status: 'active' });
    await expect(t.api.rotation.export({ groupId: group.id, format: 'ics', lang: 'en' })).rejects.toMatchObject({
      code: 'not_found',
    });
    expect(await t.api.rotation.forGroup({ groupId: group.id })).toBeNull();
  });
});

describe('example data', () => {
  it('priority 7 has its SM → TEM → STM rotation, and new meetings get chairs from it', async () => {
    await t.api.app.chooseStart({ example: true });
    const list = await t.api.rotation.list({});
    const p7 = list.find((r) => r.memberLabels.join() === 'SM,TEM,STM')!;
    expect(p7).toBeDefined();
    addMeeting(t.backend, p7.groupId, '2027-01-20');
    refresh(t.backend, p7.groupId);
    const view = (await t.api.rotation.forGroup({ groupId: p7.groupId }))!;
    expect(view.schedule[0]!.chairId).not.toBeNull();
  });
});

describe('the list of rotations', () => {
  /** What the list showed before it stopped building the 24-month view: the view's first chaired entry. */
  async function fromView(groupId: string) {
    const view = (await t.api.rotation.forGroup({ groupId }))!;
    const labels = new Map(view.members.map((m) => [m.id, m.label]));
    const next = view.schedule.find((e) => e.chairId !== null && (e.kind === 'term' || e.status !== 'cancelled'));
    return {
      mode: view.current.mode,
      memberLabels: view.orderToday.map((m) => labels.get(m) ?? '?'),
      nextChair: next ? { date: next.date, label: labels.get(next.chairId!) ?? '?' } : null,
    };
  }

  async function expectSameAsView() {
    const list = await t.api.rotation.list({});
    expect(list.length).toBeGreaterThanOrEqual(1);
    for (const r of list) {
      expect({ mode: r.mode, memberLabels: r.memberLabels, nextChair: r.nextChair }).toEqual(await fromView(r.groupId));
    }
    return list;
  }

  it('gives the same next chair and order as the full view for the example', async () => {
    await t.api.app.chooseStart({ example: true });
    await expectSameAsView();
  });

  it('gives the same next chair as the full view for terms, the current one begun before today', async () => {
    const { orgs, groupId } = await setUpGroup(t.api);
    addMeeting(t.backend, groupId, '2027-01-10');
    await t.api.rotation.create({
      groupId,
      name: 'Chair',
      unit: 'organisations',
      mode: 'term_months',
      termLength: 3,
      anchorDate: '2026-11-01',
      effectiveFrom: '2026-11-01',
      members: [orgs.SM!, orgs.TEM!, orgs.STM!],
    });
    const list = await expectSameAsView();
    expect(list[0]!.mode).toBe('term_months');
    expect(list[0]!.nextChair).toEqual({ date: '2026-11-01', label: 'SM' });
  });

  it('gives the same next chair as the full view for meetings, passing over a cancelled one', async () => {
    const { groupId, meetings } = await perMeeting();
    setStatus(t.backend, meetings[0]!, 'cancelled');
    refresh(t.backend, groupId);
    const list = await expectSameAsView();
    expect(list[0]!.nextChair?.date).toBe('2027-02-10');
  });

  it('shows the rotation the group page shows when a merge left a group with two', async () => {
    const { orgs, groupId } = await perMeeting();
    // A second rotation for the same group, as a merge of two replicas' files can leave: made on
    // another group, then moved over in the store (the service refuses a second one).
    const other = await t.api.groups.create({ kind: 'network', name: 'Other network', status: 'active' });
    const second = await t.api.rotation.create({
      groupId: other.id,
      name: 'Second',
      unit: 'organisations',
      mode: 'term_months',
      termLength: 3,
      anchorDate: '2026-11-01',
      effectiveFrom: '2026-11-01',
      members: [orgs.STM!, orgs.SM!],
    });
    t.backend.ctx.store.update('rotations', second.rotation.id, { groupId });
    const shown = (await t.api.rotation.forGroup({ groupId }))!.rotation;
    const list = await expectSameAsView();
    expect(list.filter((r) => r.groupId === groupId).map((r) => r.id)).toEqual([shown.id]);
  });
});

/** A small RFC 4180 reader, independent of the writer. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r') continue;
    else if (c === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  return rows;
}
