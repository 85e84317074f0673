import { randomUUID } from 'node:crypto';
import type { HandlersFor } from '../../../shared/contract/core';
import type { RotationChangeInput, rotationContract, SlotTargetInput } from '../../../shared/contract/rotation';
import {
  SCHEDULE_MONTHS,
  type ChairChange,
  type HandoverView,
  type RotationHistoryKind,
  type RotationExceptionView,
  type RotationSummary,
  type RotationVersionView,
  type RotationView,
  type ScheduleEntry,
} from '../../../shared/domain/rotation';
import {
  addCalendarDays,
  addCalendarMonths,
  computeSchedule,
  computeTerms,
  meetingsBeforeDecide,
  orderOn,
  proposeVersion,
  termHandovers,
  validateRotation,
  type Handover,
  type MeetingInput,
  type Rotation,
  type RotationVersion,
  type SlotTarget,
} from '../../../shared/rotation';
import { today as todayOf } from '../clock';
import type { Ctx } from '../context';
import { userError } from '../errors';
import {
  absences,
  engineMeetings,
  engineMeetingsOfGroups,
  exceptionRows,
  groupMeetings,
  listRotations,
  meetingDate,
  memberExists,
  memberLabels,
  memberRefs,
  slotRows,
} from '../repositories/rotation';
import {
  groupSchedule,
  listedRotationBasics,
  refreshRotationChairs,
  withSchedule,
  type GroupSchedule,
  type RotationBasics,
} from './rotation-chairs';
import { exportRotation } from './rotation-export';
import { rotationGlance } from './rotation-glance';
import { rotationHistory } from './rotation-history';
import { recordStatus } from './status-history';
import { currentPersonId, peopleNames } from '../repositories/meetings';

// ───────────────────────── view ─────────────────────────

/** The version in force on `today`: the latest that has begun, else the first (none: undefined). */
function versionInForce<V extends { effectiveFrom: string }>(versions: readonly V[], today: string): V | undefined {
  const sorted = [...versions].sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : 1));
  return [...sorted].reverse().find((v) => v.effectiveFrom <= today) ?? sorted[0];
}

/** The schedule view: the next SCHEDULE_MONTHS of meetings (and terms), handovers, exceptions, names. */
export function buildView(ctx: Ctx, found: GroupSchedule, opts: { history?: boolean } = {}): RotationView {
  const { record, rotation, schedule, today, meetings } = found;
  const until = addCalendarMonths(today, SCHEDULE_MONTHS);
  const away = absences(ctx.store, record.groupId, today);
  const meetingById = new Map(meetings.map((m) => [m.id, m]));
  const termMode = rotation.versions.some((v) => v.mode !== 'per_meeting');

  const entries: ScheduleEntry[] = [];
  let handovers: Handover[];
  if (termMode) {
    // The window is [today, until): a term starting exactly 24 months ahead is not in it.
    const terms = computeTerms(rotation, today, addCalendarDays(until, -1));
    handovers = termHandovers(terms);
    const handoverTerms = new Set(handovers.map((h) => h.termStart));
    for (const term of terms) {
      entries.push({
        kind: 'term',
        key: `term:${term.start}`,
        meetingId: null,
        title: null,
        status: null,
        date: term.start,
        lastDay: term.lastDay,
        time: null,
        chairId: term.chair,
        source: term.source,
        baseChairId: term.baseChair,
        exceptionId: term.exceptionId ?? null,
        chairAbsent: false,
        handover: handoverTerms.has(term.start),
      });
    }
  } else {
    handovers = schedule.handovers;
  }
  const handoverMeetings = new Set(termMode ? [] : handovers.map((h) => h.meetingId));
  for (const chair of schedule.meetings) {
    if (chair.date < today || chair.date >= until) continue;
    const m = meetingById.get(chair.meetingId);
    entries.push({
      kind: 'meeting',
      key: chair.meetingId,
      meetingId: chair.meetingId,
      title: m?.title ?? null,
      status: chair.status,
      date: chair.date,
      lastDay: null,
      time: m?.startTime ?? null,
      chairId: chair.chair,
      source: chair.source,
      baseChairId: chair.baseChair,
      exceptionId: chair.exceptionId ?? null,
      chairAbsent: chair.chair !== null && away.has(`${chair.meetingId}|${chair.chair}`),
      handover: handoverMeetings.has(chair.meetingId),
    });
  }
  // Terms before the meetings inside them; meetings by date and time.
  entries.sort((a, b) =>
    a.date !== b.date
      ? a.date < b.date
        ? -1
        : 1
      : a.kind !== b.kind
        ? a.kind === 'term'
          ? -1
          : 1
        : (a.time ?? '') < (b.time ?? '')
          ? -1
          : 1,
  );

  const handoverViews: HandoverView[] = handovers
    .filter((h) => h.date >= today && h.date < until)
    .map((h) => ({ date: h.date, fromId: h.from, toId: h.to, meetingId: h.meetingId ?? null, termStart: h.termStart ?? null }));
  const first = handoverViews[0];
  const noticeEnd = addCalendarDays(today, record.handoverNoticeWeeks * 7);

  const versions: RotationVersionView[] = rotation.versions.map((v) => ({
    id: v.id,
    effectiveFrom: v.effectiveFrom,
    editedOn: v.editedOn ?? null,
    mode: v.mode,
    termLength: v.termLength ?? null,
    anchorDate: v.anchorDate ?? null,
    startIndex: v.startIndex,
    members: v.members,
  }));
  // A rotation without versions can only arrive half-merged from a file; show it as an empty order.
  const current = versionInForce(versions, today) ?? {
    id: '',
    effectiveFrom: today,
    editedOn: null,
    mode: 'per_meeting' as const,
    termLength: null,
    anchorDate: null,
    startIndex: 0,
    members: [],
  };

  const exceptions: RotationExceptionView[] = (found.exceptionRows ?? exceptionRows(ctx.store, record.id)).map((e) => {
    const a = e.meetingId ? meetingById.get(e.meetingId) : undefined;
    const b = e.otherMeetingId ? meetingById.get(e.otherMeetingId) : undefined;
    return {
      id: e.id,
      kind: e.kind,
      meetingId: e.meetingId,
      otherMeetingId: e.otherMeetingId,
      termStart: e.termStart,
      otherTermStart: e.otherTermStart,
      date: a ? meetingDate(a) : e.termStart,
      otherDate: b ? meetingDate(b) : e.otherTermStart,
      memberId: e.organisationId ?? e.personId,
      reason: e.reason,
      createdAt: e.createdStamp,
    };
  });
  const departures = rotation.departures.map((d) => ({
    memberId: d.memberId,
    from: d.from,
    action: d.action,
    successorId: d.successorId ?? null,
  }));
  const named = new Set<string>();
  for (const v of versions) v.members.forEach((m) => named.add(m));
  for (const e of exceptions) if (e.memberId) named.add(e.memberId);
  for (const d of departures) if (d.successorId) named.add(d.successorId);
  for (const m of schedule.meetings) if (m.chair) named.add(m.chair);
  const glance = rotationGlance(found);
  // The list of rotations needs no history: it reads only the summary.
  const history = opts.history === false ? [] : rotationHistory(ctx, found);
  for (const seg of glance.timeline.segments) if (seg.chairId) named.add(seg.chairId);
  for (const h of history) {
    for (const id of [h.memberId, h.successorId, ...h.members, ...h.changes.flatMap((c) => [c.beforeId, c.afterId])])
      if (id) named.add(id);
  }

  return {
    rotation: record,
    groupName: found.groupName,
    today,
    until,
    versions,
    current,
    orderToday: orderOn(current.members, rotation.departures, today),
    exceptions,
    departures,
    members: memberRefs(ctx.store, record.unit, record.groupId, [...named]),
    schedule: entries,
    handovers: handoverViews,
    nextHandover: first ? { ...first, withinNotice: first.date <= noticeEnd } : null,
    notices: schedule.notices,
    ...glance,
    history,
  };
}

/** The view reads the meetings by id and through the engine, so in any order (see groupMeetings). */
function viewOf(ctx: Ctx, groupId: string): RotationView {
  const found = groupSchedule(ctx, groupId, { anyOrder: true });
  if (!found) throw userError('not_found', 'errors.notFound', { entity: 'rotation' });
  return buildView(ctx, found);
}

/**
 * The next chair on one line of the rotation list. The same answer as buildView's schedule would give
 * (its first entry with a chair that is not a cancelled meeting) without building the 24-month view: for
 * a term rotation the current term is that entry whenever it has a chair (it sorts before every meeting
 * from today on), and no meetings are read; for meetings, the engine's chairs over the group's meetings
 * (`meetings`, read for all rotations at once) are filtered to the window. A term rotation whose current
 * term has no chair takes the full view. `basics` comes from the list, which reads today once.
 */
function nextChairOf(
  ctx: Ctx,
  basics: RotationBasics,
  meetings: MeetingInput[] | undefined,
): { date: string; chairId: string } | null {
  const { rotation, today } = basics;
  if (rotation.versions.some((v) => v.mode !== 'per_meeting')) {
    const term = computeTerms(rotation, today, today)[0];
    if (term?.chair) return { date: term.start, chairId: term.chair };
    const view = buildView(ctx, withSchedule(ctx, basics), { history: false });
    const e = view.schedule.find((x) => x.chairId !== null && (x.kind === 'term' || x.status !== 'cancelled'));
    return e ? { date: e.date, chairId: e.chairId! } : null;
  }
  const input = meetings ?? [];
  const schedule = computeSchedule({ rotation, meetings: input });
  const until = addCalendarMonths(today, SCHEDULE_MONTHS);
  const time = new Map(input.map((m) => [m.id, m.time ?? '']));
  const candidates = schedule.meetings
    .filter((c) => c.date >= today && c.date < until)
    .map((c) => ({ date: c.date, time: time.get(c.meetingId) ?? '', chairId: c.chair, status: c.status }));
  // The view's order: by date, then time.
  candidates.sort((a, b) => (a.date !== b.date ? (a.date < b.date ? -1 : 1) : a.time < b.time ? -1 : 1));
  const c = candidates.find((x) => x.chairId !== null && x.status !== 'cancelled');
  return c ? { date: c.date, chairId: c.chairId! } : null;
}

/**
 * The list of rotations: one rotation per group (the one forGroup uses), each with today's order and its
 * next chair. Everything is read for all rotations at once — the records with their groups, the rotation
 * rows, the per-meeting rotations' meetings (only the columns the engine reads) and the labels shown —
 * so the statements do not grow with the number of rotations.
 */
function rotationList(ctx: Ctx): RotationSummary[] {
  // Even if a merge brought in a second rotation for a group, the list orders a group's rotations as
  // findRotationByGroup does, and shows the first.
  const seen = new Set<string>();
  const listed = listRotations(ctx.store).filter((r) => !seen.has(r.groupId) && seen.add(r.groupId));
  const day = todayOf(ctx);
  const all = listedRotationBasics(ctx, listed, day);
  const perMeeting = new Map<string, Rotation['unit']>();
  for (const b of all)
    if (!b.rotation.versions.some((v) => v.mode !== 'per_meeting')) perMeeting.set(b.record.groupId, b.record.unit);
  // The list shows chairs before the schedule's end, so it reads the meetings before it; a rotation
  // whose chairs there depend on later meetings (the engine says which) reads all of its group's.
  const until = addCalendarMonths(day, SCHEDULE_MONTHS);
  const meetings = perMeeting.size > 0 ? engineMeetingsOfGroups(ctx.store, perMeeting, until) : new Map<string, MeetingInput[]>();
  for (const b of all) {
    const g = b.record.groupId;
    if (perMeeting.has(g) && !meetingsBeforeDecide(b.rotation, meetings.get(g)!))
      meetings.set(g, engineMeetingsOfGroups(ctx.store, new Map([[g, b.record.unit]])).get(g)!);
  }
  const lines = all.map((basics) => {
    const current = versionInForce(basics.rotation.versions, basics.today) ?? { mode: 'per_meeting' as const, members: [] };
    const orderToday = orderOn(current.members, basics.rotation.departures, basics.today);
    return { basics, mode: current.mode, orderToday, next: nextChairOf(ctx, basics, meetings.get(basics.record.groupId)) };
  });
  const wanted: Record<Rotation['unit'], Set<string>> = { organisations: new Set(), people: new Set() };
  for (const l of lines) {
    for (const id of l.orderToday) wanted[l.basics.record.unit].add(id);
    if (l.next) wanted[l.basics.record.unit].add(l.next.chairId);
  }
  const labels = {
    organisations:
      wanted.organisations.size > 0 ? memberLabels(ctx.store, 'organisations', [...wanted.organisations]) : new Map(),
    people: wanted.people.size > 0 ? memberLabels(ctx.store, 'people', [...wanted.people]) : new Map(),
  };
  return lines.map(({ basics, mode, orderToday, next }) => {
    const { record } = basics;
    const named = labels[record.unit] as Map<string, string>;
    return {
      id: record.id,
      groupId: record.groupId,
      groupName: basics.groupName,
      name: record.name,
      unit: record.unit,
      mode,
      memberLabels: orderToday.map((m) => named.get(m) ?? '?'),
      nextChair: next ? { date: next.date, label: named.get(next.chairId) ?? '?' } : null,
    };
  });
}

// ───────────────────────── checks ─────────────────────────

interface RotationRef {
  id: string;
  groupId: string;
  unit: Rotation['unit'];
}

function requireRotation(ctx: Ctx, rotationId: string): RotationRef {
  const r = ctx.store.get<RotationRef & { deleted: boolean }>('rotations', rotationId);
  if (!r || r.deleted) throw userError('not_found', 'errors.notFound', { entity: 'rotation' });
  return r;
}

/** Refuse what the engine would refuse, with its own sentence. */
function assertValid(rotation: Rotation) {
  const problem = validateRotation(rotation)[0];
  if (problem) throw userError('validation', problem.key, problem.params);
}

function assertMembers(ctx: Ctx, unit: Rotation['unit'], ids: string[]) {
  if (ids.length === 0) throw userError('validation', 'rotation.noMembers', { versionId: 'new' });
  for (const id of ids) {
    if (!memberExists(ctx.store, unit, id)) throw userError('validation', `rotation.errors.memberUnknown.${unit}`);
  }
}

/** A meeting target must be one of the group's meetings that can still change (not held). */
function assertTarget(ctx: Ctx, found: GroupSchedule, target: SlotTarget, opts: { allowCancelled: boolean }) {
  if ('meetingId' in target) {
    const m = found.meetings.find((x) => x.id === target.meetingId);
    if (!m) throw userError('validation', 'rotation.errors.meetingNotInGroup');
    if (m.status === 'held') throw userError('validation', 'rotation.errors.meetingHeld');
    if (m.status === 'cancelled' && !opts.allowCancelled) throw userError('validation', 'rotation.errors.meetingCancelled');
    return;
  }
  const termMode = found.rotation.versions.some((v) => v.mode !== 'per_meeting');
  if (!termMode) throw userError('validation', 'rotation.errors.noTerms');
  const terms = computeTerms(found.rotation, target.termStart, target.termStart);
  if (!terms.some((t) => t.start === target.termStart)) throw userError('validation', 'rotation.errors.termUnknown');
}

const targetKey = (t: SlotTarget) => ('meetingId' in t ? `m:${t.meetingId}` : `t:${t.termStart}`);

function toTarget(t: SlotTargetInput): SlotTarget {
  return 'meetingId' in t ? { meetingId: t.meetingId } : { termStart: t.termStart };
}

function targetColumns(t: SlotTarget, other = false) {
  return 'meetingId' in t
    ? { [other ? 'otherMeetingId' : 'meetingId']: t.meetingId }
    : { [other ? 'otherTermStart' : 'termStart']: t.termStart };
}

function memberColumns(unit: Rotation['unit'], memberId: string) {
  return unit === 'organisations' ? { organisationId: memberId } : { personId: memberId };
}

function insertVersion(ctx: Ctx, rotationId: string, unit: Rotation['unit'], v: RotationVersion) {
  ctx.store.insert('rotation_versions', {
    id: v.id,
    rotationId,
    effectiveFrom: v.effectiveFrom,
    editedOn: v.editedOn ?? null,
    mode: v.mode,
    termLength: v.mode === 'per_meeting' ? null : (v.termLength ?? null),
    anchorDate: v.mode === 'per_meeting' ? null : (v.anchorDate ?? null),
    startIndex: v.startIndex,
  });
  v.members.forEach((memberId, position) => {
    ctx.store.insert('rotation_slots', { versionId: v.id, position, ...memberColumns(unit, memberId) });
  });
}

function mustFind(ctx: Ctx, groupId: string): GroupSchedule {
  const found = groupSchedule(ctx, groupId);
  if (!found) throw userError('not_found', 'errors.notFound', { entity: 'rotation' });
  return found;
}

// ───────────────────────── handlers ─────────────────────────

export const rotationHandlers: HandlersFor<typeof rotationContract, Ctx> = {
  'rotation.list': (_input, ctx) => rotationList(ctx),

  'rotation.forGroup': ({ groupId }, ctx) => {
    const found = groupSchedule(ctx, groupId, { anyOrder: true });
    return found ? buildView(ctx, found) : null;
  },

  'rotation.create': (input, ctx) =>
    ctx.tx(() => {
      const group = ctx.store.get<{ deleted: boolean }>('work_groups', input.groupId);
      if (!group || group.deleted) throw userError('not_found', 'errors.notFound', { entity: 'group' });
      if (groupSchedule(ctx, input.groupId)) throw userError('conflict', 'rotation.errors.exists');
      assertMembers(ctx, input.unit, input.members);
      if (input.mode !== 'per_meeting' && (input.termLength === null || input.anchorDate === null)) {
        throw userError('validation', 'rotation.errors.termFieldsRequired');
      }
      if (input.startIndex >= input.members.length) throw userError('validation', 'rotation.errors.startMember');
      tracked(ctx, input.groupId, 'created', () => {
        const rotation = ctx.store.insert<{ id: string }>('rotations', {
          groupId: input.groupId,
          name: input.name,
          unit: input.unit,
          cancelledRule: input.cancelledRule,
          handoverNoticeWeeks: input.handoverNoticeWeeks,
        });
        const version: RotationVersion = {
          id: randomUUID(),
          effectiveFrom: input.effectiveFrom,
          mode: input.mode,
          members: input.members,
          startIndex: input.startIndex,
        };
        if (input.termLength !== null) version.termLength = input.termLength;
        if (input.anchorDate !== null) version.anchorDate = input.anchorDate;
        insertVersion(ctx, rotation.id, input.unit, version);
        return {
          rotationId: rotation.id,
          detail: { ref: `version:${version.id}`, effectiveFrom: version.effectiveFrom, members: version.members },
        };
      });
      return viewOf(ctx, input.groupId);
    }),

  'rotation.edit': (input, ctx) =>
    ctx.tx(() => {
      const ref = requireRotation(ctx, input.rotationId);
      assertMembers(ctx, ref.unit, input.members);
      const found = mustFind(ctx, ref.groupId);
      tracked(ctx, ref.groupId, 'version', () => {
        // A date in the past takes effect today: the engine keeps the chairs announced on the edit day
        // anyway, and a past date would slot in before later versions, which would then override it.
        const effectiveFrom = input.effectiveFrom < found.today ? found.today : input.effectiveFrom;
        const edit: Parameters<typeof proposeVersion>[2] = {
          id: randomUUID(),
          effectiveFrom,
          editedOn: found.today,
          members: input.members,
        };
        if (input.mode) edit.mode = input.mode;
        if (input.termLength != null) edit.termLength = input.termLength;
        if (input.anchorDate != null) edit.anchorDate = input.anchorDate;
        const version = proposeVersion(found.rotation, engineMeetings(found.meetings, ref.unit), edit);
        // Check before writing: the edited rotation as the engine will see it.
        const replaced = found.rotation.versions.filter((v) => v.effectiveFrom === effectiveFrom);
        assertValid({ ...found.rotation, versions: [...found.rotation.versions.filter((v) => !replaced.includes(v)), version] });
        // An edit dated like an existing version replaces it (two versions on one date are refused).
        for (const old of replaced) {
          for (const s of slotRows(ctx.store, ref.id).filter((x) => x.versionId === old.id))
            ctx.store.archive('rotation_slots', s.id);
          ctx.store.archive('rotation_versions', old.id);
        }
        insertVersion(ctx, ref.id, ref.unit, version);
        // Departures travel on the slots: copy them onto the new version's slots of the same member.
        for (const d of found.rotation.departures) writeDeparture(ctx, ref, d.memberId, d.from, d.action, d.successorId ?? null);
        return { rotationId: ref.id, detail: { ref: `version:${version.id}`, effectiveFrom, members: version.members } };
      });
      return viewOf(ctx, ref.groupId);
    }),

  'rotation.updateSettings': ({ rotationId, ...patch }, ctx) =>
    ctx.tx(() => {
      const ref = requireRotation(ctx, rotationId);
      tracked(ctx, ref.groupId, 'settings', () => {
        ctx.store.update('rotations', ref.id, patch);
        return { rotationId: ref.id, detail: {} };
      });
      return viewOf(ctx, ref.groupId);
    }),

  'rotation.previewChange': (input, ctx) => {
    const changes = dryRun(ctx, () => applyChange(ctx, input));
    const ref = requireRotation(ctx, input.rotationId);
    const ids = [...new Set(changes.flatMap((c) => [c.beforeId, c.afterId]).filter((x): x is string => x !== null))];
    return { changes, members: memberRefs(ctx.store, ref.unit, ref.groupId, ids) };
  },

  'rotation.addOverride': (input, ctx) => ctx.tx(() => viewOf(ctx, applyChange(ctx, { kind: 'override', ...input }).groupId)),
  'rotation.addSwap': (input, ctx) => ctx.tx(() => viewOf(ctx, applyChange(ctx, { kind: 'swap', ...input }).groupId)),
  'rotation.addSkip': (input, ctx) => ctx.tx(() => viewOf(ctx, applyChange(ctx, { kind: 'skip', ...input }).groupId)),
  'rotation.setDeparture': (input, ctx) => ctx.tx(() => viewOf(ctx, applyChange(ctx, { kind: 'leave', ...input }).groupId)),

  'rotation.removeException': ({ id }, ctx) =>
    ctx.tx(() => {
      const row = ctx.store.get<{ rotationId: string; deleted: boolean }>('rotation_exceptions', id);
      if (!row || row.deleted) throw userError('not_found', 'errors.notFound', { entity: 'rotation' });
      const ref = requireRotation(ctx, row.rotationId);
      const exception = exceptionRows(ctx.store, ref.id).find((e) => e.id === id);
      const found = mustFind(ctx, ref.groupId);
      tracked(ctx, ref.groupId, 'exceptionRemoved', () => {
        // A swap is one row holding both halves, so this restores both meetings (or terms).
        ctx.store.archive('rotation_exceptions', id);
        return {
          rotationId: ref.id,
          detail: {
            ref: `removed:${id}`,
            exceptionKind: exception?.kind ?? null,
            memberId: exception ? (exception.organisationId ?? exception.personId) : null,
            slotDate: exception ? slotDateOf(found, exception.meetingId, exception.termStart) : null,
            otherSlotDate: exception ? slotDateOf(found, exception.otherMeetingId, exception.otherTermStart) : null,
          },
        };
      });
      return viewOf(ctx, ref.groupId);
    }),

  'rotation.removeDeparture': ({ rotationId, memberId }, ctx) =>
    ctx.tx(() => {
      const ref = requireRotation(ctx, rotationId);
      const found = mustFind(ctx, ref.groupId);
      if (!found.rotation.departures.some((d) => d.memberId === memberId))
        throw userError('not_found', 'rotation.errors.noDeparture');
      tracked(ctx, ref.groupId, 'departureRemoved', () => {
        for (const s of slotRows(ctx.store, ref.id)) {
          if ((s.organisationId ?? s.personId) !== memberId) continue;
          ctx.store.update('rotation_slots', s.id, {
            leftFrom: null,
            leaveRule: null,
            successorOrganisationId: null,
            successorPersonId: null,
          });
        }
        return { rotationId: ref.id, detail: { memberId } };
      });
      return viewOf(ctx, ref.groupId);
    }),

  'rotation.export': (input, ctx) => exportRotation(ctx, viewOf(ctx, input.groupId), input.format, input.lang),
};

// ───────────────────────── changes: one function applies them, and previews them ─────────────────────────

/**
 * Make an override, swap, skip or departure: check it, write it, re-validate the rotation, rewrite the
 * meetings' chairs, and record it in the history with the chairs it changed. Runs in the caller's
 * transaction and returns the group and the changed chairs. `rotation.previewChange` runs this same function in a
 * transaction it rolls back, so the preview and the change cannot disagree.
 */
function applyChange(ctx: Ctx, change: RotationChangeInput): { groupId: string; changes: ChairChange[] } {
  const ref = requireRotation(ctx, change.rotationId);
  const found = mustFind(ctx, ref.groupId);
  const changes = tracked(ctx, ref.groupId, change.kind === 'leave' ? 'departure' : change.kind, () => ({
    rotationId: ref.id,
    detail: writeChange(ctx, ref, found, change),
    reason: change.kind === 'leave' ? null : change.reason,
  }));
  return { groupId: ref.groupId, changes };
}

/** The checks and the writes of one change; returns what the history says about it. */
function writeChange(ctx: Ctx, ref: RotationRef, found: GroupSchedule, change: RotationChangeInput): HistoryDetail {
  if (change.kind === 'override' || change.kind === 'skip') {
    const target = toTarget(change.target);
    assertTarget(ctx, found, target, { allowCancelled: false });
    assertMembers(ctx, ref.unit, [change.memberId]);
    if (change.kind === 'skip') {
      const termMode = found.rotation.versions.some((v) => v.mode !== 'per_meeting');
      if (termMode === 'meetingId' in target)
        throw userError('validation', 'rotation.exceptionTargetMismatch', { exceptionId: 'new' });
      // A skip only acts on the member's own turn; refuse it up front instead of storing an inert one.
      const baseChair =
        'meetingId' in target
          ? found.schedule.meetings.find((m) => m.meetingId === target.meetingId)?.baseChair
          : computeTerms(found.rotation, target.termStart, target.termStart).find((t) => t.start === target.termStart)?.baseChair;
      if (baseChair !== change.memberId) throw userError('validation', 'rotation.skipNotTheirTurn');
    }
    const row = ctx.store.insert<{ id: string }>('rotation_exceptions', {
      rotationId: ref.id,
      kind: change.kind,
      ...targetColumns(target),
      ...memberColumns(ref.unit, change.memberId),
      reason: change.reason,
    });
    return { ref: `exception:${row.id}`, memberId: change.memberId, slotDate: slotDate(found, target) };
  }
  if (change.kind === 'swap') {
    const first = toTarget(change.first);
    const second = toTarget(change.second);
    if ('meetingId' in first !== 'meetingId' in second)
      throw userError('validation', 'rotation.swapMixedTargets', { exceptionId: 'new' });
    if (targetKey(first) === targetKey(second)) throw userError('validation', 'rotation.swapSameTarget', { exceptionId: 'new' });
    assertTarget(ctx, found, first, { allowCancelled: false });
    assertTarget(ctx, found, second, { allowCancelled: false });
    const row = ctx.store.insert<{ id: string }>('rotation_exceptions', {
      rotationId: ref.id,
      kind: 'swap',
      ...targetColumns(first),
      ...targetColumns(second, true),
      reason: change.reason,
    });
    return { ref: `exception:${row.id}`, slotDate: slotDate(found, first), otherSlotDate: slotDate(found, second) };
  }
  // A member leaving.
  if (!found.rotation.versions.some((v) => v.members.includes(change.memberId))) {
    throw userError('validation', 'rotation.errors.notAMember');
  }
  if (change.action === 'succeed') {
    if (!change.successorId) throw userError('validation', 'rotation.errors.successorRequired');
    if (change.successorId === change.memberId)
      throw userError('validation', 'rotation.successorIsSelf', { memberId: change.memberId });
    assertMembers(ctx, ref.unit, [change.successorId]);
  }
  const successor = change.action === 'succeed' ? change.successorId : null;
  const next = found.rotation.departures.filter((d) => d.memberId !== change.memberId);
  const departure = { id: `departure-${change.memberId}`, memberId: change.memberId, from: change.from, action: change.action };
  assertValid({
    ...found.rotation,
    departures: [...next, successor ? { ...departure, successorId: successor } : departure],
  });
  writeDeparture(ctx, ref, change.memberId, change.from, change.action, successor);
  return {
    ref: `departure:${change.memberId}:${change.from}`,
    memberId: change.memberId,
    successorId: successor,
    slotDate: change.from,
    leaveAction: change.action,
  };
}

class Rollback extends Error {
  constructor(readonly changes: ChairChange[]) {
    super('preview');
  }
}

/** Run `fn` (which makes a change and says what it changed) in a transaction that is always rolled back. */
function dryRun(ctx: Ctx, fn: () => { changes: ChairChange[] }): ChairChange[] {
  try {
    // better-sqlite3 nests a transaction inside another as a savepoint, so this rolls back only itself.
    ctx.db.transaction(() => {
      throw new Rollback(fn().changes);
    })();
  } catch (e) {
    if (e instanceof Rollback) return e.changes;
    throw e;
  }
  return [];
}

interface Snapshot {
  entries: Map<string, ChairChange & { chairId: string | null }>;
}

/** The chair every meeting has as stored, and (term modes) every term's chair, from today to the schedule's end. */
function chairSnapshot(ctx: Ctx, groupId: string): Snapshot {
  const entries: Snapshot['entries'] = new Map();
  const found = groupSchedule(ctx, groupId);
  const today = found?.today ?? todayOf(ctx);
  const until = addCalendarMonths(today, SCHEDULE_MONTHS);
  for (const m of found?.meetings ?? groupMeetings(ctx.store, groupId)) {
    entries.set(`m:${m.id}`, {
      kind: 'meeting',
      meetingId: m.id,
      title: m.title,
      date: meetingDate(m),
      lastDay: null,
      beforeId: null,
      afterId: null,
      chairId: m.chairOrganisationId ?? m.chairPersonId,
    });
  }
  if (found && found.rotation.versions.some((v) => v.mode !== 'per_meeting')) {
    for (const term of computeTerms(found.rotation, today, addCalendarDays(until, -1))) {
      entries.set(`t:${term.start}`, {
        kind: 'term',
        meetingId: null,
        title: null,
        date: term.start,
        lastDay: term.lastDay,
        beforeId: null,
        afterId: null,
        chairId: term.chair,
      });
    }
  }
  return { entries };
}

/** Validate, rewrite the meetings' chairs, and say which chairs changed since `before` (terms first by date). */
function finishTracked(ctx: Ctx, groupId: string, before: Snapshot): ChairChange[] {
  const found = groupSchedule(ctx, groupId);
  if (!found) throw userError('not_found', 'errors.notFound', { entity: 'rotation' });
  assertValid(found.rotation);
  refreshRotationChairs(ctx, groupId);
  const after = chairSnapshot(ctx, groupId);
  const changes: ChairChange[] = [];
  for (const [key, a] of after.entries) {
    const b = before.entries.get(key);
    const beforeId = b?.chairId ?? null;
    if (beforeId === a.chairId) continue;
    const { chairId, ...entry } = a;
    changes.push({ ...entry, beforeId, afterId: chairId });
  }
  changes.sort((x, y) => (x.date !== y.date ? (x.date < y.date ? -1 : 1) : x.kind === y.kind ? 0 : x.kind === 'term' ? -1 : 1));
  return changes;
}

/**
 * Every change to a rotation: snapshot the chairs, make the change (`write` writes it and says what the
 * history records), validate, rewrite the meetings' chairs, and record it with the chairs it changed.
 */
function tracked(
  ctx: Ctx,
  groupId: string,
  kind: RotationHistoryKind,
  write: () => { rotationId: string; detail: HistoryDetail; reason?: string | null },
): ChairChange[] {
  const before = chairSnapshot(ctx, groupId);
  const { rotationId, detail, reason = null } = write();
  const changes = finishTracked(ctx, groupId, before);
  record(ctx, rotationId, kind, changes, detail, reason);
  return changes;
}

type HistoryDetail = {
  ref?: string;
  memberId?: string | null;
  successorId?: string | null;
  slotDate?: string | null;
  otherSlotDate?: string | null;
  effectiveFrom?: string;
  members?: string[];
  leaveAction?: string;
  exceptionKind?: string | null;
};

/** One history entry, through the one writer of status_history, with who made the change. */
function record(
  ctx: Ctx,
  rotationId: string,
  kind: RotationHistoryKind,
  changes: ChairChange[],
  detail: HistoryDetail,
  reason: string | null = null,
) {
  const by = currentPersonId(ctx.store);
  recordStatus(ctx, {
    entityType: 'rotation',
    entityId: rotationId,
    status: kind,
    date: todayOf(ctx),
    note: reason,
    // The name too: the person is referenced by id only, and need not travel with the group's file.
    detail: { by, byName: by ? (peopleNames(ctx.store, [by])[by] ?? null) : null, ...detail, changes },
  });
}

function slotDate(found: GroupSchedule, target: SlotTarget): string | null {
  return 'meetingId' in target ? slotDateOf(found, target.meetingId, null) : target.termStart;
}

function slotDateOf(found: GroupSchedule, meetingId: string | null, termStart: string | null): string | null {
  if (meetingId) {
    const m = found.meetings.find((x) => x.id === meetingId);
    return m ? meetingDate(m) : null;
  }
  return termStart;
}

/** Record a departure on every slot of the member, in every version of the rotation. */
function writeDeparture(
  ctx: Ctx,
  ref: RotationRef,
  memberId: string,
  from: string,
  action: 'skip' | 'succeed',
  successorId: string | null,
) {
  for (const s of slotRows(ctx.store, ref.id)) {
    if ((s.organisationId ?? s.personId) !== memberId) continue;
    ctx.store.update('rotation_slots', s.id, {
      leftFrom: from,
      leaveRule: action,
      successorOrganisationId: ref.unit === 'organisations' ? successorId : null,
      successorPersonId: ref.unit === 'people' ? successorId : null,
    });
  }
}
