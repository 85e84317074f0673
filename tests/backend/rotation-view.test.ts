// The schedule view reads less since issue #19: absences only of meetings from today on (a moved one at
// its new date), a stretch's meetings by binary search and only for the stretches the timeline shows.
// These tests hold the view to the rules written out over all rows, on the example and on a crafted group.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RotationView } from '../../shared/domain/rotation';
import { SCHEDULE_MONTHS } from '../../shared/domain/rotation';
import { addCalendarMonths } from '../../shared/rotation';
import { buildView } from '../../electron/backend/services/rotation';
import { groupSchedule } from '../../electron/backend/services/rotation-chairs';
import { rotationHistory } from '../../electron/backend/services/rotation-history';
import { startTestBackend, type TestBackend } from '../helpers/backend';
import { addMeeting, refresh, setStatus, setUpGroup } from './rotation-helpers';

let t: TestBackend;

beforeEach(async () => {
  t = await startTestBackend({ now: () => new Date('2027-01-01T09:00:00Z'), backupOnStart: false });
});
afterEach(() => t.cleanup());

/** Every away row of the group's meetings (any date), as `meetingId|memberId`. */
function awayByTheRule(groupId: string): Set<string> {
  const rows = t.backend.ctx.db
    .prepare(
      `SELECT a.meeting_id, coalesce(a.person_id, a.organisation_id) AS member FROM attendance a JOIN meetings m ON m.id = a.meeting_id
       WHERE m.group_id = ? AND a.deleted = 0 AND a.status IN ('excused', 'absent')`,
    )
    .all(groupId) as Array<{ meeting_id: string; member: string | null }>;
  return new Set(rows.filter((r) => r.member).map((r) => `${r.meeting_id}|${r.member}`));
}

function expectViewByTheRules(groupId: string, view: RotationView) {
  const away = awayByTheRule(groupId);
  for (const e of view.schedule.filter((x) => x.kind === 'meeting'))
    expect(e.chairAbsent).toBe(e.chairId !== null && away.has(`${e.meetingId}|${e.chairId}`));
  // A stretch lists the engine's meetings (before the schedule's end) dated inside it, in order.
  const found = groupSchedule(t.backend.ctx, groupId)!;
  const until = addCalendarMonths(found.today, SCHEDULE_MONTHS);
  const meetings = found.schedule.meetings.filter((m) => m.date < until);
  for (const s of view.timeline.segments) {
    expect(s.meetings.map((m) => m.meetingId)).toEqual(
      meetings.filter((m) => m.date >= s.from && m.date <= s.lastDay).map((m) => m.meetingId),
    );
  }
  return view.schedule.filter((e) => e.chairAbsent).length;
}

/** The history from the rows the schedule already read is the history from its own statements. */
function expectHistoryAsFromItsStatements(groupId: string) {
  const found = groupSchedule(t.backend.ctx, groupId)!;
  expect(found.versionRows).toBeDefined();
  const history = rotationHistory(t.backend.ctx, found);
  expect(history).toEqual(rotationHistory(t.backend.ctx, { ...found, versionRows: undefined, exceptionRecords: undefined }));
  return history;
}

describe('the schedule view', () => {
  it('marks absent chairs and lists each stretch’s meetings by the rules for every rotation of the example', async () => {
    await t.api.app.chooseStart({ example: true });
    const list = await t.api.rotation.list({});
    expect(list.length).toBeGreaterThan(0);
    for (const r of list) {
      const view = (await t.api.rotation.forGroup({ groupId: r.groupId }))!;
      expectViewByTheRules(r.groupId, view);
      // The view reads the meetings in any order: the same view as from them in date order.
      expect(view).toEqual(buildView(t.backend.ctx, groupSchedule(t.backend.ctx, r.groupId)!));
      expectHistoryAsFromItsStatements(r.groupId);
    }
  });

  it('marks an absent chair on a meeting moved from the past into the schedule, and on no past meeting', async () => {
    const { orgs, groupId } = await setUpGroup(t.api);
    const ms = ['2026-11-10', '2026-12-10', '2026-12-20', '2027-01-10', '2027-02-10', '2027-03-10'].map((d) =>
      addMeeting(t.backend, groupId, d),
    );
    await t.api.rotation.create({
      groupId,
      name: 'Chair',
      unit: 'organisations',
      mode: 'per_meeting',
      effectiveFrom: '2026-11-01',
      members: [orgs.SM!, orgs.TEM!, orgs.STM!],
    });
    setStatus(t.backend, ms[0]!, 'held');
    // Planned for 20 December, moved to 20 January: it counts at its new date, inside the schedule.
    t.backend.ctx.store.update('meetings', ms[2]!, { status: 'moved', movedToDate: '2027-01-20' });
    let view = (await t.api.rotation.forGroup({ groupId }))!;
    const chairOf = (id: string) => view.schedule.find((e) => e.meetingId === id)!.chairId!;
    const movedChair = chairOf(ms[2]!);
    for (const [meetingId, organisationId] of [
      [ms[0]!, orgs.SM!],
      [ms[2]!, movedChair],
      [ms[4]!, chairOf(ms[4]!)],
      [ms[5]!, orgs.SM === chairOf(ms[5]!) ? orgs.TEM! : orgs.SM!],
    ] as const)
      t.backend.ctx.store.insert('attendance', { meetingId, organisationId, status: 'excused' });
    view = (await t.api.rotation.forGroup({ groupId }))!;
    expect(expectViewByTheRules(groupId, view)).toBe(2);
    expect(view.schedule.filter((e) => e.chairAbsent).map((e) => e.meetingId)).toEqual([ms[2], ms[4]]);
    // Meetings on one date and time (their order comes from their ids), read in any order: the same view.
    for (let i = 0; i < 4; i++) addMeeting(t.backend, groupId, '2027-02-10');
    refresh(t.backend, groupId);
    expect((await t.api.rotation.forGroup({ groupId }))!).toEqual(
      buildView(t.backend.ctx, groupSchedule(t.backend.ctx, groupId)!),
    );
  });

  it('tells the same history from the rows it read: versions, exceptions removed and kept, departures', async () => {
    let now = new Date('2027-01-01T09:00:00Z');
    const b = await startTestBackend({ now: () => now, backupOnStart: false });
    const saved = t;
    t = b;
    try {
      const { orgs, groupId } = await setUpGroup(t.api, ['SM', 'TEM', 'STM', 'OM']);
      const ms = ['2027-01-10', '2027-02-10', '2027-03-10', '2027-04-10', '2027-05-10'].map((d) =>
        addMeeting(t.backend, groupId, d),
      );
      const { rotation } = await t.api.rotation.create({
        groupId,
        name: 'Chair',
        unit: 'organisations',
        mode: 'per_meeting',
        effectiveFrom: '2027-01-01',
        members: [orgs.SM!, orgs.TEM!, orgs.STM!],
      });
      const o = await t.api.rotation.addOverride({ rotationId: rotation.id, target: { meetingId: ms[1]! }, memberId: orgs.OM! });
      await t.api.rotation.addSwap({ rotationId: rotation.id, first: { meetingId: ms[2]! }, second: { meetingId: ms[3]! } });
      now = new Date('2027-01-02T09:00:00Z');
      await t.api.rotation.removeException({ id: o.exceptions.find((e) => e.kind === 'override')!.id });
      await t.api.rotation.edit({ rotationId: rotation.id, effectiveFrom: '2027-03-01', members: [orgs.OM!, orgs.SM!] });
      await t.api.rotation.setDeparture({ rotationId: rotation.id, memberId: orgs.SM!, from: '2027-04-01', action: 'skip' });
      // Rows written around the service (as an import leaves them): they have no recorded entry.
      t.backend.ctx.store.insert('rotation_exceptions', {
        rotationId: rotation.id,
        kind: 'override',
        meetingId: ms[4]!,
        organisationId: orgs.TEM!,
      });
      const history = expectHistoryAsFromItsStatements(groupId);
      expect(history.some((h) => h.fromRows)).toBe(true);
      expect(history.map((h) => h.kind)).toContain('exceptionRemoved');
    } finally {
      t = saved;
      b.cleanup();
    }
  });
});
