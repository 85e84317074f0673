// Issue #15 "What must exist" 1, the parts that live in the rotation service: who chairs now and until
// when, the timeline of terms and handovers, the preview of an override, swap, skip or member leaving
// (the same function as the change, so preview == what the change then writes), and the history.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChairChange } from '../../shared/domain/rotation';
import { startTestBackend, type TestBackend } from '../helpers/backend';
import { addMeeting, setStatus, setUpGroup, snapshot, storedMeetings } from './rotation-helpers';

let t: TestBackend;
beforeEach(async () => {
  t = await startTestBackend({ now: () => new Date('2027-03-15T09:00:00Z'), backupOnStart: false });
});
afterEach(() => t.cleanup());

async function perMeeting(dates: string[], members = ['SM', 'TEM', 'STM']) {
  const { orgs, groupId } = await setUpGroup(t.api, ['SM', 'TEM', 'STM', 'OKM']);
  const ids = dates.map((d) => addMeeting(t.backend, groupId, d));
  const view = await t.api.rotation.create({
    groupId,
    name: 'Chair',
    unit: 'organisations',
    mode: 'per_meeting',
    effectiveFrom: '2027-01-01',
    members: members.map((m) => orgs[m]!),
  });
  const name = (id: string | null) => (id ? (Object.entries(orgs).find(([, v]) => v === id)?.[0] ?? '?') : null);
  return { orgs, groupId, ids, view, rotationId: view.rotation.id, name };
}

/** What the stored meetings' chairs went from and to between two reads. */
function storedDiff(before: ReturnType<typeof storedMeetings>, after: ReturnType<typeof storedMeetings>) {
  const was = new Map(before.map((m) => [m.id, m.chair_organisation_id]));
  return after
    .filter((m) => was.get(m.id) !== m.chair_organisation_id)
    .map((m) => ({ meetingId: m.id, beforeId: was.get(m.id) ?? null, afterId: m.chair_organisation_id }));
}

const meetingChanges = (changes: ChairChange[]) =>
  changes.filter((c) => c.kind === 'meeting').map((c) => ({ meetingId: c.meetingId, beforeId: c.beforeId, afterId: c.afterId }));

describe('chair now and until when', () => {
  it('per meeting: the chair of the last meeting until the day before the next meeting with another chair', async () => {
    // Held 10 Jan (SM, frozen), 10 Mar (TEM); planned 10 Apr (STM), 10 May (SM).
    const { ids, groupId, name, rotationId, orgs } = await perMeeting(['2027-01-10', '2027-03-10', '2027-04-10', '2027-05-10']);
    setStatus(t.backend, ids[0]!, 'held');
    setStatus(t.backend, ids[1]!, 'held');
    let view = (await t.api.rotation.forGroup({ groupId }))!;
    expect(name(view.chairNow.chairId)).toBe('TEM');
    expect(view.chairNow).toMatchObject({ since: '2027-03-10', until: '2027-04-09', handover: '2027-04-10' });
    expect(name(view.chairNow.nextChairId)).toBe('STM');

    // An override gives 10 Apr to TEM as well: TEM then chairs until the day before SM's 10 May.
    view = await t.api.rotation.addOverride({ rotationId, target: { meetingId: ids[2]! }, memberId: orgs.TEM! });
    expect(name(view.chairNow.chairId)).toBe('TEM');
    expect(view.chairNow).toMatchObject({ until: '2027-05-09', handover: '2027-05-10' });
    expect(name(view.chairNow.nextChairId)).toBe('SM');
  });

  it('before the first meeting nobody chairs yet, and the first chair is next', async () => {
    const { groupId, name } = await perMeeting(['2027-04-10', '2027-05-10']);
    const view = (await t.api.rotation.forGroup({ groupId }))!;
    expect(view.chairNow.chairId).toBeNull();
    expect(view.chairNow.handover).toBe('2027-04-10');
    expect(name(view.chairNow.nextChairId)).toBe('SM');
  });

  it('per term: the term end, over terms with the same chair; the next term with another chair is next', async () => {
    const { orgs, groupId } = await setUpGroup(t.api, ['SM', 'TEM']);
    const view = await t.api.rotation.create({
      groupId,
      name: 'Chair',
      unit: 'organisations',
      mode: 'term_months',
      termLength: 6,
      anchorDate: '2027-01-01',
      effectiveFrom: '2027-01-01',
      members: [orgs.SM!, orgs.TEM!],
    });
    expect(view.chairNow).toEqual({
      chairId: orgs.SM,
      since: '2027-01-01',
      until: '2027-06-30',
      handover: '2027-07-01',
      nextChairId: orgs.TEM,
    });
    // Swap the next term (TEM's) with the one after it (SM's): SM chairs a year.
    const swapped = await t.api.rotation.addSwap({
      rotationId: view.rotation.id,
      first: { termStart: '2027-07-01' },
      second: { termStart: '2028-01-01' },
    });
    expect(swapped.chairNow).toMatchObject({
      chairId: orgs.SM,
      until: '2027-12-31',
      handover: '2028-01-01',
      nextChairId: orgs.TEM,
    });
  });
});

describe('timeline', () => {
  it('per meeting: runs of meetings with one chair, past and coming, held meetings keep their chair, handovers marked', async () => {
    const { ids, groupId, name, orgs } = await perMeeting(['2026-12-10', '2027-01-10', '2027-03-10', '2027-04-10', '2027-05-10']);
    // Held in December by OKM (a chair set on the day): it keeps OKM, though the order said SM.
    t.backend.ctx.store.update('meetings', ids[0]!, { status: 'held', chairOrganisationId: orgs.OKM, chairSource: 'manual' });
    setStatus(t.backend, ids[1]!, 'held');
    const view = (await t.api.rotation.forGroup({ groupId }))!;
    const tl = view.timeline;
    expect(tl.today).toBe('2027-03-15');
    expect(tl.from).toBe('2027-01-01'); // the rotation's start (less than a year back)
    // The December meeting is before the rotation starts and takes no turn; it keeps its chair (OKM),
    // who held the chair into the timeline's first days.
    const segs = tl.segments.map((s) => [name(s.chairId), s.from, s.lastDay, s.when, s.handover]);
    expect(segs).toEqual([
      ['OKM', '2026-12-10', '2027-01-09', 'past', false],
      ['SM', '2027-01-10', '2027-03-09', 'past', true],
      ['TEM', '2027-03-10', '2027-04-09', 'current', true],
      ['STM', '2027-04-10', '2027-05-09', 'coming', true],
      ['SM', '2027-05-10', '2027-05-10', 'coming', true],
    ]);
    expect(tl.segments[0]!.meetings).toMatchObject([{ meetingId: ids[0], status: 'held', chairId: orgs.OKM }]);
    expect(tl.segments[1]!.meetings).toMatchObject([{ meetingId: ids[1], status: 'held', chairId: orgs.SM }]);
    expect(view.chairNow).toMatchObject({ chairId: orgs.TEM, since: '2027-03-10', until: '2027-04-09', nextChairId: orgs.STM });
  });
});

describe('preview == change', () => {
  it('override, swap, skip and a member leaving: the preview lists exactly the chairs the change then writes, and writes nothing', async () => {
    const dates = ['2027-04-10', '2027-05-10', '2027-06-10', '2027-07-10', '2027-08-10', '2027-09-10'];
    const { ids, groupId, orgs, rotationId, name } = await perMeeting(dates);
    const cases = [
      { kind: 'override' as const, rotationId, target: { meetingId: ids[0]! }, memberId: orgs.OKM!, reason: null },
      { kind: 'swap' as const, rotationId, first: { meetingId: ids[1]! }, second: { meetingId: ids[3]! }, reason: 'Holiday' },
      { kind: 'skip' as const, rotationId, target: { meetingId: ids[2]! }, memberId: orgs.STM!, reason: null },
      { kind: 'leave' as const, rotationId, memberId: orgs.TEM!, from: '2027-05-01', action: 'skip' as const, successorId: null },
    ];
    for (const change of cases) {
      const dbBefore = snapshot(t.backend);
      const preview = await t.api.rotation.previewChange(change);
      expect(snapshot(t.backend), `${change.kind}: the preview writes nothing`).toEqual(dbBefore);
      expect(preview.changes.length, change.kind).toBeGreaterThan(0);
      const before = storedMeetings(t.backend, groupId);
      const { kind, ...input } = change;
      if (kind === 'override') await t.api.rotation.addOverride(input as never);
      else if (kind === 'swap') await t.api.rotation.addSwap(input as never);
      else if (kind === 'skip') await t.api.rotation.addSkip(input as never);
      else await t.api.rotation.setDeparture(input as never);
      const written = storedDiff(before, storedMeetings(t.backend, groupId));
      expect(meetingChanges(preview.changes), kind).toEqual(written);
      // Every member named has a label.
      for (const c of preview.changes)
        for (const id of [c.beforeId, c.afterId]) if (id) expect(preview.members.map((m) => m.id)).toContain(id);
    }
    // The override: meeting 1 from SM to OKM, nothing else.
    const view = (await t.api.rotation.forGroup({ groupId }))!;
    const override = view.history.find((h) => h.kind === 'override')!;
    expect(override.changes.map((c) => [c.date, name(c.beforeId), name(c.afterId)])).toEqual([['2027-04-10', 'SM', 'OKM']]);
  });

  it('a refused change is refused by the preview with the same sentence, and nothing changes', async () => {
    const { ids, orgs, rotationId } = await perMeeting(['2027-04-10', '2027-05-10']);
    const skip = { rotationId, target: { meetingId: ids[0]! }, memberId: orgs.TEM!, reason: null };
    const before = snapshot(t.backend);
    await expect(t.api.rotation.previewChange({ kind: 'skip', ...skip })).rejects.toMatchObject({
      key: 'rotation.skipNotTheirTurn',
    });
    await expect(t.api.rotation.addSkip(skip)).rejects.toMatchObject({ key: 'rotation.skipNotTheirTurn' });
    expect(snapshot(t.backend)).toEqual(before);
  });

  it('term modes list the terms that change as well as their meetings', async () => {
    const { orgs, groupId } = await setUpGroup(t.api, ['SM', 'TEM', 'STM']);
    const m = addMeeting(t.backend, groupId, '2027-08-20');
    const view = await t.api.rotation.create({
      groupId,
      name: 'Chair',
      unit: 'organisations',
      mode: 'term_months',
      termLength: 6,
      anchorDate: '2027-01-01',
      effectiveFrom: '2027-01-01',
      members: [orgs.SM!, orgs.TEM!, orgs.STM!],
    });
    const preview = await t.api.rotation.previewChange({
      kind: 'override',
      rotationId: view.rotation.id,
      target: { termStart: '2027-07-01' },
      memberId: orgs.STM!,
      reason: null,
    });
    expect(preview.changes.map((c) => [c.kind, c.date, c.beforeId, c.afterId])).toEqual([
      ['term', '2027-07-01', orgs.TEM, orgs.STM],
      ['meeting', '2027-08-20', orgs.TEM, orgs.STM],
    ]);
    expect(preview.changes[1]!.meetingId).toBe(m);
  });
});

describe('history', () => {
  it('records who made each change, when, and what it changed; removed exceptions and departures too', async () => {
    const person = await t.api.people.create({ name: 'Sanna Sihteeri' });
    await t.api.portfolio.setMe({ personId: person.id });
    const { ids, orgs, rotationId, name } = await perMeeting(['2027-04-10', '2027-05-10', '2027-06-10']);
    let view = await t.api.rotation.addOverride({
      rotationId,
      target: { meetingId: ids[1]! },
      memberId: orgs.OKM!,
      reason: 'Chair ill',
    });
    const override = view.exceptions[0]!;
    view = await t.api.rotation.removeException({ id: override.id });
    view = await t.api.rotation.setDeparture({
      rotationId,
      memberId: orgs.TEM!,
      from: '2027-05-01',
      action: 'succeed',
      successorId: orgs.OKM!,
    });
    view = await t.api.rotation.edit({ rotationId, effectiveFrom: '2027-03-15', members: [orgs.SM!, orgs.STM!] });
    const kinds = view.history.map((h) => h.kind);
    expect(kinds).toEqual(['version', 'departure', 'exceptionRemoved', 'override', 'created']);
    expect(view.history.every((h) => h.byName === 'Sanna Sihteeri' && !h.fromRows)).toBe(true);
    const [, departure, removed, added] = view.history;
    expect(added).toMatchObject({ slotDate: '2027-05-10', reason: 'Chair ill' });
    expect(name(added!.memberId)).toBe('OKM');
    expect(added!.changes.map((c) => [c.date, name(c.beforeId), name(c.afterId)])).toEqual([['2027-05-10', 'TEM', 'OKM']]);
    expect(removed).toMatchObject({ exceptionKind: 'override', slotDate: '2027-05-10' });
    expect(removed!.changes.map((c) => [name(c.beforeId), name(c.afterId)])).toEqual([['OKM', 'TEM']]);
    expect(departure).toMatchObject({ memberId: orgs.TEM, successorId: orgs.OKM, slotDate: '2027-05-01' });
    // Named, so the screen can say who.
    expect(view.members.map((m) => m.label)).toEqual(expect.arrayContaining(['SM', 'TEM', 'STM', 'OKM']));
  });

  it('a rotation written without the history (an earlier database, the example) shows what its rows say', async () => {
    const { ids, groupId, orgs, rotationId } = await perMeeting(['2027-04-10', '2027-05-10']);
    await t.api.rotation.addOverride({ rotationId, target: { meetingId: ids[0]! }, memberId: orgs.OKM!, reason: null });
    t.backend.ctx.db.prepare(`DELETE FROM status_history WHERE entity_type = 'rotation'`).run();
    const view = (await t.api.rotation.forGroup({ groupId }))!;
    expect(view.history.map((h) => [h.kind, h.fromRows])).toEqual([
      ['override', true],
      ['created', true],
    ]);
    expect(view.history[0]).toMatchObject({ memberId: orgs.OKM, slotDate: '2027-04-10', byName: null });
  });
});

describe('the history travels', () => {
  it("in the group's handover file: the other laptop sees who changed what", async () => {
    const person = await t.api.people.create({ name: 'Sanna Sihteeri' });
    await t.api.portfolio.setMe({ personId: person.id });
    const { ids, groupId, orgs, rotationId } = await perMeeting(['2027-04-10', '2027-05-10']);
    await t.api.rotation.addOverride({ rotationId, target: { meetingId: ids[0]! }, memberId: orgs.OKM!, reason: 'Chair ill' });
    const out = await t.api.exchange.exportGroup({ groupId });
    const other = await startTestBackend({ now: () => new Date('2027-03-15T10:00:00Z'), backupOnStart: false });
    try {
      const result = await other.api.exchange.import({ contentBase64: out.contentBase64 });
      expect(result.applied).toBe(true);
      const view = (await other.api.rotation.forGroup({ groupId }))!;
      expect(view.history.map((h) => [h.kind, h.byName, h.fromRows])).toEqual([
        ['override', 'Sanna Sihteeri', false],
        ['created', 'Sanna Sihteeri', false],
      ]);
      expect(view.history[0]!.changes).toHaveLength(1);
    } finally {
      other.cleanup();
    }
  });
});
