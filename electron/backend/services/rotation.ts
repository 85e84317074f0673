import { randomUUID } from 'node:crypto';
import type { HandlersFor } from '../../../shared/contract/core';
import type { rotationContract, SlotTargetInput } from '../../../shared/contract/rotation';
import {
  SCHEDULE_MONTHS,
  type HandoverView,
  type RotationExceptionView,
  type RotationSummary,
  type RotationVersionView,
  type RotationView,
  type ScheduleEntry,
} from '../../../shared/domain/rotation';
import {
  addCalendarDays,
  addCalendarMonths,
  computeTerms,
  orderOn,
  proposeVersion,
  termHandovers,
  validateRotation,
  type Handover,
  type Rotation,
  type RotationVersion,
  type SlotTarget,
} from '../../../shared/rotation';
import type { Ctx } from '../context';
import { userError } from '../errors';
import {
  absences,
  engineMeetings,
  exceptionRows,
  listRotations,
  meetingDate,
  memberExists,
  memberRefs,
  slotRows,
} from '../repositories/rotation';
import { groupSchedule, refreshRotationChairs, type GroupSchedule } from './rotation-chairs';
import { exportRotation } from './rotation-export';

// ───────────────────────── view ─────────────────────────

/** The schedule view: the next SCHEDULE_MONTHS of meetings (and terms), handovers, exceptions, names. */
export function buildView(ctx: Ctx, found: GroupSchedule): RotationView {
  const { record, rotation, schedule, today, meetings } = found;
  const until = addCalendarMonths(today, SCHEDULE_MONTHS);
  const away = absences(ctx.store, record.groupId);
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
  const sorted = [...versions].sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : 1));
  // A rotation without versions can only arrive half-merged from a file; show it as an empty order.
  const current = [...sorted].reverse().find((v) => v.effectiveFrom <= today) ??
    sorted[0] ?? {
      id: '',
      effectiveFrom: today,
      editedOn: null,
      mode: 'per_meeting' as const,
      termLength: null,
      anchorDate: null,
      startIndex: 0,
      members: [],
    };

  const exceptions: RotationExceptionView[] = exceptionRows(ctx.store, record.id).map((e) => {
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
  };
}

function viewOf(ctx: Ctx, groupId: string): RotationView {
  const found = groupSchedule(ctx, groupId);
  if (!found) throw userError('not_found', 'errors.notFound', { entity: 'rotation' });
  return buildView(ctx, found);
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

/** After a change: refuse if the engine says the rotation is now invalid, else rewrite meeting chairs. */
function finish(ctx: Ctx, groupId: string): RotationView {
  const found = groupSchedule(ctx, groupId);
  if (!found) throw userError('not_found', 'errors.notFound', { entity: 'rotation' });
  assertValid(found.rotation);
  refreshRotationChairs(ctx, groupId);
  return viewOf(ctx, groupId);
}

function mustFind(ctx: Ctx, groupId: string): GroupSchedule {
  const found = groupSchedule(ctx, groupId);
  if (!found) throw userError('not_found', 'errors.notFound', { entity: 'rotation' });
  return found;
}

// ───────────────────────── handlers ─────────────────────────

export const rotationHandlers: HandlersFor<typeof rotationContract, Ctx> = {
  'rotation.list': (_input, ctx) =>
    // One rotation per group is shown (the one forGroup uses), even if a merge brought in a second.
    listRotations(ctx.store)
      .filter((r, i, all) => all.findIndex((x) => x.groupId === r.groupId) === i)
      .map((r): RotationSummary => {
        const found = groupSchedule(ctx, r.groupId)!;
        const view = buildView(ctx, found);
        const labels = new Map(view.members.map((m) => [m.id, m.label]));
        const next = view.schedule.find((e) => e.chairId !== null && (e.kind === 'term' || e.status !== 'cancelled'));
        return {
          id: view.rotation.id,
          groupId: r.groupId,
          groupName: view.groupName,
          name: view.rotation.name,
          unit: view.rotation.unit,
          mode: view.current.mode,
          memberLabels: view.orderToday.map((m) => labels.get(m) ?? '?'),
          nextChair: next ? { date: next.date, label: labels.get(next.chairId!) ?? '?' } : null,
        };
      }),

  'rotation.forGroup': ({ groupId }, ctx) => {
    const found = groupSchedule(ctx, groupId);
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
      return finish(ctx, input.groupId);
    }),

  'rotation.edit': (input, ctx) =>
    ctx.tx(() => {
      const ref = requireRotation(ctx, input.rotationId);
      assertMembers(ctx, ref.unit, input.members);
      const found = mustFind(ctx, ref.groupId);
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
      return finish(ctx, ref.groupId);
    }),

  'rotation.updateSettings': ({ rotationId, ...patch }, ctx) =>
    ctx.tx(() => {
      const ref = requireRotation(ctx, rotationId);
      ctx.store.update('rotations', ref.id, patch);
      return finish(ctx, ref.groupId);
    }),

  'rotation.addOverride': (input, ctx) =>
    ctx.tx(() => {
      const ref = requireRotation(ctx, input.rotationId);
      const found = mustFind(ctx, ref.groupId);
      const target = toTarget(input.target);
      assertTarget(ctx, found, target, { allowCancelled: false });
      assertMembers(ctx, ref.unit, [input.memberId]);
      ctx.store.insert('rotation_exceptions', {
        rotationId: ref.id,
        kind: 'override',
        ...targetColumns(target),
        ...memberColumns(ref.unit, input.memberId),
        reason: input.reason,
      });
      return finish(ctx, ref.groupId);
    }),

  'rotation.addSwap': (input, ctx) =>
    ctx.tx(() => {
      const ref = requireRotation(ctx, input.rotationId);
      const found = mustFind(ctx, ref.groupId);
      const first = toTarget(input.first);
      const second = toTarget(input.second);
      if ('meetingId' in first !== 'meetingId' in second)
        throw userError('validation', 'rotation.swapMixedTargets', { exceptionId: 'new' });
      if (targetKey(first) === targetKey(second))
        throw userError('validation', 'rotation.swapSameTarget', { exceptionId: 'new' });
      assertTarget(ctx, found, first, { allowCancelled: false });
      assertTarget(ctx, found, second, { allowCancelled: false });
      ctx.store.insert('rotation_exceptions', {
        rotationId: ref.id,
        kind: 'swap',
        ...targetColumns(first),
        ...targetColumns(second, true),
        reason: input.reason,
      });
      return finish(ctx, ref.groupId);
    }),

  'rotation.addSkip': (input, ctx) =>
    ctx.tx(() => {
      const ref = requireRotation(ctx, input.rotationId);
      const found = mustFind(ctx, ref.groupId);
      const target = toTarget(input.target);
      assertTarget(ctx, found, target, { allowCancelled: false });
      assertMembers(ctx, ref.unit, [input.memberId]);
      const termMode = found.rotation.versions.some((v) => v.mode !== 'per_meeting');
      if (termMode === 'meetingId' in target)
        throw userError('validation', 'rotation.exceptionTargetMismatch', { exceptionId: 'new' });
      // A skip only acts on the member's own turn; refuse it up front instead of storing an inert one.
      const baseChair =
        'meetingId' in target
          ? found.schedule.meetings.find((m) => m.meetingId === target.meetingId)?.baseChair
          : computeTerms(found.rotation, target.termStart, target.termStart).find((t) => t.start === target.termStart)?.baseChair;
      if (baseChair !== input.memberId) throw userError('validation', 'rotation.skipNotTheirTurn');
      ctx.store.insert('rotation_exceptions', {
        rotationId: ref.id,
        kind: 'skip',
        ...targetColumns(target),
        ...memberColumns(ref.unit, input.memberId),
        reason: input.reason,
      });
      return finish(ctx, ref.groupId);
    }),

  'rotation.removeException': ({ id }, ctx) =>
    ctx.tx(() => {
      const row = ctx.store.get<{ rotationId: string; deleted: boolean }>('rotation_exceptions', id);
      if (!row || row.deleted) throw userError('not_found', 'errors.notFound', { entity: 'rotation' });
      const ref = requireRotation(ctx, row.rotationId);
      // A swap is one row holding both halves, so this restores both meetings (or terms).
      ctx.store.archive('rotation_exceptions', id);
      return finish(ctx, ref.groupId);
    }),

  'rotation.setDeparture': (input, ctx) =>
    ctx.tx(() => {
      const ref = requireRotation(ctx, input.rotationId);
      const found = mustFind(ctx, ref.groupId);
      if (!found.rotation.versions.some((v) => v.members.includes(input.memberId))) {
        throw userError('validation', 'rotation.errors.notAMember');
      }
      if (input.action === 'succeed') {
        if (!input.successorId) throw userError('validation', 'rotation.errors.successorRequired');
        if (input.successorId === input.memberId)
          throw userError('validation', 'rotation.successorIsSelf', { memberId: input.memberId });
        assertMembers(ctx, ref.unit, [input.successorId]);
      }
      const successor = input.action === 'succeed' ? input.successorId : null;
      const next = found.rotation.departures.filter((d) => d.memberId !== input.memberId);
      const departure = { id: `departure-${input.memberId}`, memberId: input.memberId, from: input.from, action: input.action };
      assertValid({
        ...found.rotation,
        departures: [...next, successor ? { ...departure, successorId: successor } : departure],
      });
      writeDeparture(ctx, ref, input.memberId, input.from, input.action, successor);
      return finish(ctx, ref.groupId);
    }),

  'rotation.removeDeparture': ({ rotationId, memberId }, ctx) =>
    ctx.tx(() => {
      const ref = requireRotation(ctx, rotationId);
      const found = mustFind(ctx, ref.groupId);
      if (!found.rotation.departures.some((d) => d.memberId === memberId))
        throw userError('not_found', 'rotation.errors.noDeparture');
      for (const s of slotRows(ctx.store, ref.id)) {
        if ((s.organisationId ?? s.personId) !== memberId) continue;
        ctx.store.update('rotation_slots', s.id, {
          leftFrom: null,
          leaveRule: null,
          successorOrganisationId: null,
          successorPersonId: null,
        });
      }
      return finish(ctx, ref.groupId);
    }),

  'rotation.export': (input, ctx) => exportRotation(ctx, viewOf(ctx, input.groupId), input.format, input.lang),
};

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
