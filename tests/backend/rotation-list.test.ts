// The list of rotations reads every rotation's rows, meetings and labels at once, with only the columns
// the engine needs (issue #19). Its answer must stay the one the full schedule view gives: these tests
// compare the two on every rotation of the example, on crafted rotations (exceptions, absences, changed
// orders, departures, moved and held meetings without a stored chair, people as the unit) listed
// together, and on random changes; and they compare the lean engine inputs with the full readers'.
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  engineMeetings,
  engineMeetingsOfGroups,
  findRotationByGroup,
  groupMeetings,
  loadEngineRotation,
  loadEngineRotations,
} from '../../electron/backend/repositories/rotation';
import { today } from '../../electron/backend/clock';
import { SCHEDULE_MONTHS } from '../../shared/domain/rotation';
import { addCalendarMonths, computeSchedule, meetingsBeforeDecide, type MeetingInput } from '../../shared/rotation';
import { startTestBackend, type TestBackend } from '../helpers/backend';
import { addMeeting, refresh, setStatus, setUpGroup } from './rotation-helpers';

let t: TestBackend;
let now = new Date('2027-01-01T09:00:00Z');

beforeEach(async () => {
  now = new Date('2027-01-01T09:00:00Z');
  t = await startTestBackend({ now: () => now, backupOnStart: false });
});
afterEach(() => t.cleanup());

/** What the view says the list should show: today's order and the first chaired entry that is not cancelled. */
async function fromView(api: TestBackend['api'], groupId: string) {
  const view = (await api.rotation.forGroup({ groupId }))!;
  const labels = new Map(view.members.map((m) => [m.id, m.label]));
  const next = view.schedule.find((e) => e.chairId !== null && (e.kind === 'term' || e.status !== 'cancelled'));
  return {
    groupName: view.groupName,
    name: view.rotation.name,
    unit: view.rotation.unit,
    mode: view.current.mode,
    memberLabels: view.orderToday.map((m) => labels.get(m) ?? '?'),
    nextChair: next ? { date: next.date, label: labels.get(next.chairId!) ?? '?' } : null,
  };
}

async function expectListLikeViews(b: TestBackend = t) {
  const list = await b.api.rotation.list({});
  for (const r of list) {
    const { groupName, name, unit, mode, memberLabels, nextChair } = r;
    expect({ groupName, name, unit, mode, memberLabels, nextChair }).toEqual(await fromView(b.api, r.groupId));
  }
  return list;
}

const byId = (a: MeetingInput, b: MeetingInput) => (a.id < b.id ? -1 : 1);
/** How often the meetings before the schedule's end decided the chairs by themselves (both must occur). */
const decided = { yes: 0, no: 0 };

/**
 * The lean readers give the engine exactly what the per-group readers give it, and where the engine says
 * the meetings before the schedule's end decide their chairs, they get the chairs all meetings give them.
 */
function expectSameEngineInputs(b: TestBackend = t) {
  const store = b.backend.ctx.store;
  const groups = (
    b.backend.ctx.db.prepare(`SELECT DISTINCT group_id FROM rotations WHERE deleted = 0`).all() as Array<{ group_id: string }>
  ).map((r) => r.group_id);
  const records = groups.map((g) => findRotationByGroup(store, g)!);
  const batch = loadEngineRotations(
    store,
    records.map((record) => ({ record, timeZone: 'Europe/Helsinki' })),
  );
  const units = new Map(records.map((r) => [r.groupId, r.unit]));
  const until = addCalendarMonths(today(b.backend.ctx), SCHEDULE_MONTHS);
  const lean = engineMeetingsOfGroups(store, units);
  const before = engineMeetingsOfGroups(store, units, until);
  for (const record of records) {
    const rotation = loadEngineRotation(store, record, 'Europe/Helsinki');
    expect(batch.get(record.id)).toEqual(rotation);
    const all = engineMeetings(groupMeetings(store, record.groupId), record.unit);
    expect([...lean.get(record.groupId)!].sort(byId)).toEqual([...all].sort(byId));
    const prefix = before.get(record.groupId)!;
    expect([...prefix].sort(byId)).toEqual(all.filter((m) => m.date < until).sort(byId));
    if (rotation.versions.some((v) => v.mode !== 'per_meeting')) continue;
    if (!meetingsBeforeDecide(rotation, prefix)) {
      decided.no++;
      continue;
    }
    decided.yes++;
    const chairs = (ms: MeetingInput[]) =>
      computeSchedule({ rotation, meetings: ms })
        .meetings.filter((m) => m.date < until)
        .map((m) => [m.meetingId, m.chair, m.status]);
    expect(chairs(prefix)).toEqual(chairs(all));
  }
  return records.length;
}

describe('the list of rotations, read at once for all of them', () => {
  it('gives the view’s answer and the same engine inputs for every rotation of the example', async () => {
    await t.api.app.chooseStart({ example: true });
    const list = await expectListLikeViews();
    expect(list.length).toBeGreaterThan(0);
    expect(expectSameEngineInputs()).toBe(list.length);
  });

  it('gives the view’s answer for crafted rotations listed together', async () => {
    // Organisations, per meeting: an override, a swap, a skip, an absence, a changed order and a departure.
    const { orgs, groupId } = await setUpGroup(t.api, ['SM', 'TEM', 'STM', 'OM']);
    const dates = ['2026-11-10', '2026-12-10', '2027-01-10', '2027-02-10', '2027-03-10', '2027-04-10', '2027-05-10'];
    const ms = dates.map((d) => addMeeting(t.backend, groupId, d));
    const a = await t.api.rotation.create({
      groupId,
      name: 'Chair A',
      unit: 'organisations',
      mode: 'per_meeting',
      cancelledRule: 'advance',
      effectiveFrom: '2026-11-01',
      members: [orgs.SM!, orgs.TEM!, orgs.STM!],
    });
    // Held meetings before today, the first one without a stored chair (the engine gives it the base chair).
    setStatus(t.backend, ms[0]!, 'held');
    t.backend.ctx.store.update('meetings', ms[0]!, { chairOrganisationId: null, chairSource: null });
    setStatus(t.backend, ms[1]!, 'held');
    setStatus(t.backend, ms[3]!, 'cancelled');
    await t.api.rotation.addOverride({ rotationId: a.rotation.id, target: { meetingId: ms[2]! }, memberId: orgs.OM! });
    await t.api.rotation.addSwap({ rotationId: a.rotation.id, first: { meetingId: ms[4]! }, second: { meetingId: ms[5]! } });
    const base = (await t.api.rotation.forGroup({ groupId }))!.schedule.find((e) => e.meetingId === ms[6])!.baseChairId!;
    await t.api.rotation.addSkip({ rotationId: a.rotation.id, target: { meetingId: ms[6]! }, memberId: base });
    t.backend.ctx.store.insert('attendance', { meetingId: ms[2]!, organisationId: orgs.OM!, status: 'excused' });
    await t.api.rotation.edit({
      rotationId: a.rotation.id,
      effectiveFrom: '2027-02-01',
      members: [orgs.STM!, orgs.OM!, orgs.SM!],
    });
    await t.api.rotation.setDeparture({
      rotationId: a.rotation.id,
      memberId: orgs.SM!,
      from: '2027-03-01',
      action: 'succeed',
      successorId: orgs.TEM!,
    });

    // People, per meeting: a held meeting without a stored chair, one held today with a chair set by
    // hand (the engine keeps a held meeting's chair), a moved meeting, the cancelled rule 'hold'.
    const people = [
      await t.api.people.create({ name: 'Aino Aalto' }),
      await t.api.people.create({ name: 'Bertil Berg' }),
      await t.api.people.create({ name: 'Cecilia Carlsson' }),
    ];
    const group = await t.api.groups.create({ kind: 'network', name: 'People network', status: 'active' });
    for (const p of people) await t.api.groups.addMember({ groupId: group.id, personId: p.id, role: 'member' });
    const pm = ['2026-12-20', '2027-01-01', '2027-01-20', '2027-02-20', '2027-03-20'].map((d) =>
      addMeeting(t.backend, group.id, d),
    );
    await t.api.rotation.create({
      groupId: group.id,
      name: 'Chair B',
      unit: 'people',
      mode: 'per_meeting',
      effectiveFrom: '2026-12-01',
      members: people.map((p) => p.id),
      startIndex: 1,
    });
    setStatus(t.backend, pm[0]!, 'held');
    t.backend.ctx.store.update('meetings', pm[0]!, { chairPersonId: null, chairSource: null });
    setStatus(t.backend, pm[1]!, 'held');
    t.backend.ctx.store.update('meetings', pm[1]!, { chairPersonId: people[0]!.id, chairSource: 'manual' });
    t.backend.ctx.store.update('meetings', pm[2]!, { status: 'moved', movedToDate: '2027-03-25' });
    setStatus(t.backend, pm[3]!, 'cancelled');
    refresh(t.backend, group.id);

    // A third group with terms, between the two in the list's order.
    const terms = await setUpGroup(t.api, ['UM', 'VM']);
    await t.api.rotation.create({
      groupId: terms.groupId,
      name: 'Chair C',
      unit: 'organisations',
      mode: 'term_months',
      termLength: 2,
      anchorDate: '2026-12-01',
      effectiveFrom: '2026-12-01',
      members: [terms.orgs.VM!, terms.orgs.UM!],
    });

    const list = await expectListLikeViews();
    expect(list.map((r) => r.name).sort()).toEqual(['Chair A', 'Chair B', 'Chair C']);
    // The override on the next meeting, the held meeting's own chair today, the current term.
    expect(list.find((r) => r.name === 'Chair A')!.nextChair).toEqual({ date: '2027-01-10', label: 'OM' });
    expect(list.find((r) => r.name === 'Chair B')!.nextChair).toEqual({ date: '2027-01-01', label: 'Aino Aalto' });
    expect(list.find((r) => r.name === 'Chair C')!.nextChair).toEqual({ date: '2026-12-01', label: 'VM' });
    expect(expectSameEngineInputs()).toBe(3);
  });

  it('gives the view’s answer after any sequence of changes', async () => {
    type Op =
      | { kind: 'override' | 'skip' | 'hold' | 'unchair' | 'cancel' | 'move'; meeting: number; member: number }
      | { kind: 'swap'; a: number; b: number }
      | { kind: 'edit' | 'leave'; day: number; member: number; members: number[] };
    const op: fc.Arbitrary<Op> = fc.oneof(
      fc.record({
        kind: fc.constantFrom(
          'override' as const,
          'skip' as const,
          'hold' as const,
          'unchair' as const,
          'cancel' as const,
          'move' as const,
        ),
        meeting: fc.nat(9),
        member: fc.nat(3),
      }),
      fc.record({ kind: fc.constant('swap' as const), a: fc.nat(9), b: fc.nat(9) }),
      fc.record({
        kind: fc.constantFrom('edit' as const, 'leave' as const),
        day: fc.nat(900),
        member: fc.nat(3),
        members: fc.array(fc.nat(3), { minLength: 1, maxLength: 4 }),
      }),
    );
    const dayOf = (n: number) => new Date(Date.UTC(2026, 11, 1 + n)).toISOString().slice(0, 10);
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 8 }), fc.boolean(), async (ops, advance) => {
        const b = await startTestBackend({ now: () => new Date('2027-01-01T09:00:00Z'), backupOnStart: false });
        try {
          const { orgs, groupId } = await setUpGroup(b.api, ['SM', 'TEM', 'STM', 'OM']);
          const members = Object.values(orgs);
          // Ten meetings over two and a half years: the last ones lie past the schedule's end (1 January 2029).
          const ms = Array.from({ length: 10 }, (_, i) => addMeeting(b.backend, groupId, dayOf(i * 100)));
          const { rotation } = await b.api.rotation.create({
            groupId,
            name: 'Chair',
            unit: 'organisations',
            mode: 'per_meeting',
            cancelledRule: advance ? 'advance' : 'hold',
            effectiveFrom: '2026-12-01',
            members: members.slice(0, 3),
          });
          for (const o of ops) {
            await (async () => {
              switch (o.kind) {
                case 'override':
                  return b.api.rotation.addOverride({
                    rotationId: rotation.id,
                    target: { meetingId: ms[o.meeting]! },
                    memberId: members[o.member]!,
                  });
                case 'skip': {
                  const e = (await b.api.rotation.forGroup({ groupId }))!.schedule.find((x) => x.meetingId === ms[o.meeting]);
                  if (!e?.baseChairId) return;
                  return b.api.rotation.addSkip({
                    rotationId: rotation.id,
                    target: { meetingId: ms[o.meeting]! },
                    memberId: e.baseChairId,
                  });
                }
                case 'swap':
                  return b.api.rotation.addSwap({
                    rotationId: rotation.id,
                    first: { meetingId: ms[o.a]! },
                    second: { meetingId: ms[o.b]! },
                  });
                case 'hold':
                  return setStatus(b.backend, ms[o.meeting]!, 'held');
                case 'unchair':
                  // Held without a stored chair, as an import or a direct write can leave it.
                  setStatus(b.backend, ms[o.meeting]!, 'held');
                  return b.backend.ctx.store.update('meetings', ms[o.meeting]!, { chairOrganisationId: null, chairSource: null });
                case 'cancel':
                  return setStatus(b.backend, ms[o.meeting]!, 'cancelled');
                case 'move':
                  // Across the schedule's end either way (day 840 lies past it).
                  return b.backend.ctx.store.update('meetings', ms[o.meeting]!, {
                    status: 'moved',
                    movedToDate: dayOf(o.member * 280),
                  });
                case 'edit':
                  return b.api.rotation.edit({
                    rotationId: rotation.id,
                    effectiveFrom: dayOf(o.day),
                    members: o.members.map((i) => members[i]!),
                  });
                case 'leave':
                  return b.api.rotation.setDeparture({
                    rotationId: rotation.id,
                    memberId: members[o.member]!,
                    from: dayOf(o.day),
                    action: o.members.length % 2 ? 'succeed' : 'skip',
                    successorId: o.members.length % 2 ? members[(o.member + 1) % 4]! : null,
                  });
              }
            })().catch(() => undefined);
          }
          await expectListLikeViews(b);
          expectSameEngineInputs(b);
        } finally {
          b.cleanup();
        }
      }),
      { numRuns: 40 },
    );
    expect(decided.yes).toBeGreaterThan(0);
    expect(decided.no).toBeGreaterThan(0);
  });
});
