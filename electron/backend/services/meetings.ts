import type { HandlersFor } from '../../../shared/contract/core';
import type { meetingsContract } from '../../../shared/contract/meetings';
import type { Group } from '../../../shared/domain/groups';
import {
  ROTATION_CHAIR_SOURCES,
  type ActionItem,
  type AgendaItem,
  type AgendaTemplate,
  type Attendance,
  type Decision,
  type Meeting,
  type MeetingDetail,
  type MeetingSeries,
} from '../../../shared/domain/meetings';
import {
  buildAgendaFromTemplate,
  evaluateQuorum,
  generateOccurrences,
  moveItem,
  nextPosition,
  placeNewItem,
  organisationAttendance,
  planFollowingEdit,
  planOccurrenceEdit,
  splitSeries,
  STANDARD_TEMPLATE,
  validateQuorumRule,
  validateSeries,
  type AttendanceRecord,
  type QuorumRule,
  type SeriesDefinition,
  type SeriesOccurrence,
  type TemplateItem,
} from '../../../shared/meetings';
import type { Ctx } from '../context';
import { userError } from '../errors';
import { notFound } from '../db/store';
import {
  actionsOfMeeting,
  addRunEvent,
  adjacentMeetings,
  agendaOf,
  attendanceOf,
  carriedCopies,
  continuedItemsOf,
  decisionsOf,
  decisionsRegister,
  findAttendance,
  getSeries,
  groupOrganisations,
  listActions,
  listMeetings,
  membersAt,
  minutesHistory,
  minutesReviewers,
  lastMinutesEntry,
  currentPersonId,
  nextDecisionNumber,
  openActionsBefore,
  organisationsByIds,
  peopleNames,
  runEventsOf,
  seriesMeetings,
  templateOf,
} from '../repositories/meetings';
import { refreshRotationChairs } from './rotation-chairs';
import { materialsOf } from '../repositories/materials';
import { today } from '../clock';
import { setGroupQuorumRule } from './groups';
import { recordStatus } from './status-history';
import { actionsCalendar, decisionsDocument, meetingCalendar, meetingDocument } from './meetings-documents';

function requireMeeting(ctx: Ctx, id: string): Meeting {
  const m = ctx.store.get<Meeting>('meetings', id);
  if (!m || m.deleted) throw notFound('meeting');
  return m;
}

function requireGroup(ctx: Ctx, id: string): Group {
  const g = ctx.store.get<Group>('work_groups', id);
  if (!g || g.deleted) throw notFound('group');
  return g;
}

function requireItem(ctx: Ctx, id: string): AgendaItem {
  const i = ctx.store.get<AgendaItem>('agenda_items', id);
  if (!i || i.deleted) throw notFound('agendaItem');
  return i;
}

/** Approved minutes are the record: any change needs an explicit reopen first. */
function assertMinutesOpen(m: Meeting): void {
  if (m.minutesStatus === 'approved') throw userError('conflict', 'meetings.errors.minutesLocked');
}

function requireRef(ctx: Ctx, table: 'people' | 'organisations', id: string | null | undefined, entity: string): void {
  if (id) ctx.store.require(table, id, entity);
}

/** Fields whose change a calendar must see: the iCalendar SEQUENCE rises when one of them changes. */
const CALENDAR_FIELDS = ['title', 'date', 'startTime', 'endTime', 'timeZone', 'place', 'onlineLink', 'status'] as const;

function updateMeeting(ctx: Ctx, current: Meeting, patch: Partial<Meeting>): Meeting {
  const matters = CALENDAR_FIELDS.some((f) => patch[f] !== undefined && patch[f] !== current[f]);
  return ctx.store.update<Meeting>('meetings', current.id, matters ? { ...patch, icsSequence: current.icsSequence + 1 } : patch);
}

function templateItems(ctx: Ctx, groupId: string): TemplateItem[] {
  const tpl = templateOf(ctx.store, groupId);
  if (!tpl) return [...STANDARD_TEMPLATE];
  return tpl.items.map((i) => ({
    key: i.standingKey,
    type: i.type,
    title: i.title === '' ? null : i.title,
    description: i.description,
    durationMinutes: i.durationMinutes,
  }));
}

/** Continued items of the meeting before `meeting` that no later agenda has picked up yet. */
function pendingContinued(ctx: Ctx, meeting: Meeting): AgendaItem[] {
  const { previous } = adjacentMeetings(ctx.store, meeting);
  if (!previous) return [];
  return continuedItemsOf(ctx.store, previous.id).filter((i) => carriedCopies(ctx.store, i.id).length === 0);
}

/** A new meeting's agenda: the group's template, the open-actions review, and carried-over items. */
function createAgenda(ctx: Ctx, meeting: Meeting): void {
  const open = openActionsBefore(ctx.store, meeting.groupId, meeting.date, meeting.id, today(ctx));
  const continued = pendingContinued(ctx, meeting);
  const draft = buildAgendaFromTemplate(templateItems(ctx, meeting.groupId), {
    openActions: open.map((a) => ({ id: a.id, dueDate: a.dueDate })),
    continuedItems: continued.map((c) => ({ ...c, key: c.standingKey, title: c.title === '' ? null : c.title })),
  });
  const byCarried = new Map(continued.map((c) => [c.id, c]));
  for (const d of draft) {
    const from = d.continuedFromId ? byCarried.get(d.continuedFromId) : undefined;
    ctx.store.insert('agenda_items', {
      id: d.id,
      meetingId: meeting.id,
      parentId: d.parentId,
      position: d.position,
      type: d.type,
      title: d.title ?? '',
      description: d.description,
      presenterPersonId: from?.presenterPersonId ?? null,
      presenterOrganisationId: from?.presenterOrganisationId ?? null,
      durationMinutes: d.durationMinutes,
      continueNext: false,
      carriedFromId: d.continuedFromId,
      standingKey: d.key,
    });
  }
}

/** Put a copy of an item marked "continue next time" into the group's next planned meeting. */
function carryForward(ctx: Ctx, item: AgendaItem, meeting: Meeting): void {
  const { next } = adjacentMeetings(ctx.store, meeting);
  if (!next || next.minutesStatus === 'approved') return;
  if (carriedCopies(ctx.store, item.id).some((c) => c.meetingId === next.id)) return;
  const items = agendaOf(ctx.store, next.id);
  const copy = ctx.store.insert<AgendaItem>('agenda_items', {
    meetingId: next.id,
    parentId: null,
    position: nextPosition(items, null),
    type: item.type,
    title: item.title,
    description: item.description,
    presenterPersonId: item.presenterPersonId,
    presenterOrganisationId: item.presenterOrganisationId,
    durationMinutes: item.durationMinutes,
    continueNext: false,
    carriedFromId: item.id,
    standingKey: null,
  });
  // Before the closing items, as a fresh agenda would have it (the rule lives in placeNewItem).
  for (const u of placeNewItem([...items, copy], copy.id))
    ctx.store.update('agenda_items', u.id, { position: u.position, parentId: u.parentId });
}

function detail(ctx: Ctx, id: string): MeetingDetail {
  const m = requireMeeting(ctx, id);
  const group = requireGroup(ctx, m.groupId);
  const agenda = agendaOf(ctx.store, id);
  const attendance = attendanceOf(ctx.store, id);
  const decisions = decisionsOf(ctx.store, id);
  const actions = actionsOfMeeting(ctx.store, id);
  const openActions = openActionsBefore(ctx.store, m.groupId, m.date, id, today(ctx));
  const members = membersAt(ctx.store, m.groupId, m.date);
  const groupOrgs = groupOrganisations(ctx.store, m.groupId);
  const quorumRule = (group.quorumRule ?? null) as QuorumRule | null;
  const records: AttendanceRecord[] = attendance
    .filter((a) => a.personId)
    .map((a) => ({
      personId: a.personId!,
      status: a.status,
      standsInFor: a.substituteForPersonId,
      organisationId: a.organisationId,
    }));
  const quorumMembers = members.map((x) => ({ personId: x.personId, organisationId: x.organisationId, role: x.role }));
  const orgIds = groupOrgs.map((o) => o.id);
  const byOrg = organisationAttendance(quorumMembers, records, { organisationIds: orgIds });
  const extraOrgIds = [
    ...byOrg.map((o) => o.organisationId),
    ...actions.map((a) => a.ownerOrganisationId),
    ...openActions.map((a) => a.ownerOrganisationId),
    ...agenda.map((a) => a.presenterOrganisationId),
    m.chairOrganisationId,
  ].filter((x): x is string => !!x && !orgIds.includes(x));
  const personIds = new Set<string>(
    [
      ...members.map((x) => x.personId),
      ...attendance.flatMap((a) => [a.personId, a.substituteForPersonId]),
      ...agenda.map((a) => a.presenterPersonId),
      ...actions.map((a) => a.ownerPersonId),
      ...openActions.map((a) => a.ownerPersonId),
      m.chairPersonId,
      m.secretaryPersonId,
    ].filter((x): x is string => !!x),
  );
  const { previous, next } = adjacentMeetings(ctx.store, m);
  return {
    ...m,
    groupName: group.name,
    groupNames: {
      name: group.name,
      nameFi: group.nameFi,
      nameSv: group.nameSv,
      nameEn: group.nameEn,
      shortName: group.shortName,
      shortNameFi: group.shortNameFi,
      shortNameSv: group.shortNameSv,
      shortNameEn: group.shortNameEn,
      priorityNumber: group.priorityNumber,
    },
    groupTimeZone: group.timeZone,
    quorumRule,
    series: m.seriesId ? (getSeries(ctx.store, m.seriesId) ?? null) : null,
    agenda,
    attendance,
    decisions,
    actions,
    openActions,
    members,
    organisations: [...groupOrgs, ...organisationsByIds(ctx.store, [...new Set(extraOrgIds)])],
    peopleNames: peopleNames(ctx.store, [...personIds]),
    organisationAttendance: byOrg,
    quorum: evaluateQuorum(quorumRule, quorumMembers, records, { organisationIds: orgIds.length ? orgIds : undefined }),
    minutesHistory: minutesHistory(ctx.store, id),
    minutesReviewers: minutesReviewers(ctx.store, id),
    runEvents: runEventsOf(ctx.store, id),
    previousMeeting: previous ? { id: previous.id, date: previous.date } : null,
    nextMeeting: next ? { id: next.id, date: next.date } : null,
    chairFromRotation: (ROTATION_CHAIR_SOURCES as readonly string[]).includes(m.chairSource ?? ''),
  };
}

/**
 * History that says who: every change to the minutes, a decision or an action item of a meeting is
 * recorded with the person chosen in "Who am I" (null when nobody is chosen; Painopiste has no login).
 */
function recordChange(
  ctx: Ctx,
  entityType: 'minutes' | 'decision' | 'action',
  entityId: string,
  status: string,
  extra: { note?: string | null; label?: string | null; reviewer?: string; reviewers?: string[] } = {},
): void {
  const { note = null, ...detail } = extra;
  recordStatus(ctx, {
    entityType,
    entityId,
    status,
    date: today(ctx),
    note,
    detail: { by: currentPersonId(ctx.store), ...detail },
  });
}

function recordMinutes(ctx: Ctx, meetingId: string, status: string, note: string | null = null): void {
  recordChange(ctx, 'minutes', meetingId, status, { note });
}

/** Saving the minutes as you type: one "edited" entry per person and day, not one per keystroke pause. */
function recordMinutesEdit(ctx: Ctx, meetingId: string): void {
  const last = lastMinutesEntry(ctx.store, meetingId);
  if (last && last.status === 'edited' && last.date === today(ctx) && last.by === currentPersonId(ctx.store)) return;
  recordMinutes(ctx, meetingId, 'edited');
}

function seriesDefinition(s: MeetingSeries): SeriesDefinition {
  return {
    rule: s.rule,
    startDate: s.startDate,
    until: s.untilDate,
    count: s.count,
    startTime: s.startTime,
    endTime: s.endTime,
    zone: s.timeZone,
  };
}

function occurrenceOf(m: Meeting): SeriesOccurrence {
  return {
    id: m.id,
    originalDate: m.originalDate ?? m.date,
    date: m.date,
    startTime: m.startTime,
    endTime: m.endTime,
    zone: m.timeZone,
    status: m.status,
    detached: m.detached,
  };
}

/**
 * The measure a decision or an action item contributes to (null: none). The portfolio makes the link
 * and checks the measure; the row is this owner's, so the write is here.
 */
export function setMeasureLink(ctx: Ctx, kind: 'decision' | 'action_item', id: string, measureId: string | null): void {
  if (kind === 'decision') ctx.store.update('decisions', id, { measureId });
  else ctx.store.update('action_items', id, { measureId });
}

function inputError(keys: string[]): never {
  throw userError('validation', keys[0] ?? 'errors.invalidInput');
}

export const meetingHandlers: HandlersFor<typeof meetingsContract, Ctx> = {
  'meetings.list': (input, ctx) => listMeetings(ctx.store, input),
  'meetings.get': ({ id }, ctx) => detail(ctx, id),

  'meetings.create': (input, ctx) =>
    ctx.tx(() => {
      requireGroup(ctx, input.groupId);
      requireRef(ctx, 'people', input.chairPersonId, 'person');
      requireRef(ctx, 'organisations', input.chairOrganisationId, 'organisation');
      requireRef(ctx, 'people', input.secretaryPersonId, 'person');
      const chosenChair = input.chairPersonId || input.chairOrganisationId;
      const meeting = ctx.store.insert<Meeting>('meetings', {
        ...input,
        status: 'planned',
        chairSource: chosenChair ? 'manual' : null,
        minutesStatus: 'draft',
        icsSequence: 0,
        detached: false,
      });
      createAgenda(ctx, meeting);
      refreshRotationChairs(ctx, meeting.groupId);
      return requireMeeting(ctx, meeting.id);
    }),

  'meetings.createSeries': (input, ctx) =>
    ctx.tx(() => {
      requireGroup(ctx, input.groupId);
      const range = { startDate: input.startDate, until: input.untilDate, count: input.count };
      const problems = validateSeries(input.rule, range);
      if (problems.length) inputError(problems);
      const series = ctx.store.insert<MeetingSeries>('meeting_series', input);
      const meetings: Meeting[] = [];
      for (const date of generateOccurrences(input.rule, range)) {
        const meeting = ctx.store.insert<Meeting>('meetings', {
          groupId: input.groupId,
          seriesId: series.id,
          detached: false,
          title: input.title,
          date,
          originalDate: date,
          startTime: input.startTime,
          endTime: input.endTime,
          timeZone: input.timeZone,
          place: input.place,
          onlineLink: input.onlineLink,
          status: 'planned',
          minutesStatus: 'draft',
          icsSequence: 0,
        });
        createAgenda(ctx, meeting);
        meetings.push(meeting);
      }
      refreshRotationChairs(ctx, input.groupId);
      return { series, meetings: meetings.map((m) => requireMeeting(ctx, m.id)) };
    }),

  'meetings.update': ({ id, patch, scope }, ctx) =>
    ctx.tx(() => {
      const current = requireMeeting(ctx, id);
      requireRef(ctx, 'people', patch.secretaryPersonId, 'person');
      const timeChanges = {
        ...(patch.date !== undefined ? { date: patch.date } : {}),
        ...(patch.startTime !== undefined ? { startTime: patch.startTime } : {}),
        ...(patch.endTime !== undefined ? { endTime: patch.endTime } : {}),
        ...(patch.timeZone !== undefined ? { zone: patch.timeZone } : {}),
      };
      const plain = {
        title: patch.title,
        place: patch.place,
        onlineLink: patch.onlineLink,
        secretaryPersonId: patch.secretaryPersonId,
        notes: patch.notes,
      };
      if (scope === 'following' && current.seriesId) {
        if (patch.date !== undefined && patch.date !== current.date)
          throw userError('validation', 'meetings.errors.followingDate');
        const series = getSeries(ctx.store, current.seriesId)!;
        const def = seriesDefinition(series);
        const fromDate = current.originalDate ?? current.date;
        const { head, tail } = splitSeries(def, fromDate);
        const newTail: SeriesDefinition | null = tail && {
          ...tail,
          startTime: patch.startTime ?? current.startTime,
          endTime: patch.endTime ?? current.endTime,
          zone: patch.timeZone ?? current.timeZone,
        };
        const occurrences = seriesMeetings(ctx.store, series.id).map(occurrenceOf);
        const planned = planFollowingEdit(occurrences, fromDate, newTail);
        if (!planned.ok) inputError(planned.errors);
        const seriesFields = {
          title: patch.title ?? series.title,
          place: patch.place === undefined ? series.place : patch.place,
          onlineLink: patch.onlineLink === undefined ? series.onlineLink : patch.onlineLink,
        };
        // The tail becomes its own series; the head ends the day before. From the first meeting on,
        // the whole series is simply updated.
        let tailSeriesId = series.id;
        const tailValues = {
          startDate: newTail!.startDate,
          untilDate: newTail!.until ?? null,
          count: newTail!.count ?? null,
          startTime: newTail!.startTime,
          endTime: newTail!.endTime,
          timeZone: newTail!.zone,
          ...seriesFields,
        };
        if (head) {
          ctx.store.update('meeting_series', series.id, { untilDate: head.until ?? null, count: null });
          tailSeriesId = ctx.store.insert<MeetingSeries>('meeting_series', {
            groupId: series.groupId,
            rule: series.rule,
            ...tailValues,
          }).id;
        } else {
          ctx.store.update('meeting_series', series.id, tailValues);
        }
        const plan = planned.plan;
        const kept = new Set(plan.keep.map((k) => k.id));
        for (const u of plan.update) {
          const m = requireMeeting(ctx, u.id);
          const { zone, ...rest } = u.changes;
          updateMeeting(ctx, m, { ...rest, ...(zone !== undefined ? { timeZone: zone } : {}) } as Partial<Meeting>);
        }
        for (const cid of plan.cancel) updateMeeting(ctx, requireMeeting(ctx, cid), { status: 'cancelled' });
        for (const o of occurrences) {
          if (o.originalDate < fromDate || kept.has(o.id)) continue;
          const m = requireMeeting(ctx, o.id);
          updateMeeting(ctx, m, { ...definedOnly(plain), seriesId: tailSeriesId } as Partial<Meeting>);
        }
        for (const c of plan.create) {
          const m = ctx.store.insert<Meeting>('meetings', {
            groupId: series.groupId,
            seriesId: tailSeriesId,
            detached: false,
            title: seriesFields.title,
            date: c.date,
            originalDate: c.originalDate,
            startTime: c.startTime,
            endTime: c.endTime,
            timeZone: c.zone,
            place: seriesFields.place,
            onlineLink: seriesFields.onlineLink,
            status: 'planned',
            minutesStatus: 'draft',
            icsSequence: 0,
          });
          createAgenda(ctx, m);
        }
        refreshRotationChairs(ctx, current.groupId);
        return requireMeeting(ctx, id);
      }
      const planned = planOccurrenceEdit(occurrenceOf(current), timeChanges);
      if (!planned.ok) inputError(planned.errors);
      const { zone, detached, ...rest } = planned.plan.changes;
      const changes: Partial<Meeting> = { ...rest, ...(zone !== undefined ? { timeZone: zone } : {}), ...definedOnly(plain) };
      // Only a series occurrence can be detached; a one-off meeting has nothing to detach from.
      if (current.seriesId && detached !== undefined && Object.keys(rest).length + (zone ? 1 : 0) > 0) changes.detached = true;
      const updated = updateMeeting(ctx, current, changes);
      if (updated.date !== current.date) refreshRotationChairs(ctx, current.groupId);
      return requireMeeting(ctx, updated.id);
    }),

  'meetings.setStatus': ({ id, status, movedToDate }, ctx) =>
    ctx.tx(() => {
      const current = requireMeeting(ctx, id);
      if (status === 'moved' && !movedToDate) throw userError('validation', 'meetings.errors.movedNeedsDate');
      const updated = updateMeeting(ctx, current, { status, movedToDate: status === 'moved' ? (movedToDate ?? null) : null });
      refreshRotationChairs(ctx, current.groupId);
      return requireMeeting(ctx, updated.id);
    }),

  'meetings.setChair': ({ id, chairPersonId, chairOrganisationId }, ctx) =>
    ctx.tx(() => {
      const current = requireMeeting(ctx, id);
      if ((ROTATION_CHAIR_SOURCES as readonly string[]).includes(current.chairSource ?? '')) {
        throw userError('conflict', 'meetings.errors.chairFromRotation');
      }
      if (current.status === 'held') throw userError('conflict', 'meetings.errors.heldChair');
      requireRef(ctx, 'people', chairPersonId, 'person');
      requireRef(ctx, 'organisations', chairOrganisationId, 'organisation');
      return ctx.store.update<Meeting>('meetings', id, {
        chairPersonId,
        chairOrganisationId,
        chairSource: chairPersonId || chairOrganisationId ? 'manual' : null,
      });
    }),

  'meetings.archive': ({ id }, ctx) =>
    ctx.tx(() => {
      const current = requireMeeting(ctx, id);
      if (current.status === 'held') throw userError('conflict', 'meetings.errors.heldArchive');
      const archived = ctx.store.update<Meeting>('meetings', id, { deleted: true, icsSequence: current.icsSequence + 1 });
      refreshRotationChairs(ctx, current.groupId);
      return archived;
    }),

  'meetings.addAgendaItem': (input, ctx) =>
    ctx.tx(() => {
      const meeting = requireMeeting(ctx, input.meetingId);
      assertMinutesOpen(meeting);
      requireRef(ctx, 'people', input.presenterPersonId, 'person');
      requireRef(ctx, 'organisations', input.presenterOrganisationId, 'organisation');
      const items = agendaOf(ctx.store, meeting.id);
      if (input.parentId) {
        const parent = items.find((i) => i.id === input.parentId);
        if (!parent) throw notFound('agendaItem');
        if (parent.parentId) throw userError('validation', 'meetings.agenda.tooDeep');
      }
      const added = ctx.store.insert<AgendaItem>('agenda_items', {
        ...input,
        position: nextPosition(items, input.parentId),
        continueNext: false,
      });
      if (input.parentId) return added;
      const updates = placeNewItem([...items, added], added.id);
      for (const u of updates) ctx.store.update('agenda_items', u.id, { position: u.position, parentId: u.parentId });
      return requireItem(ctx, added.id);
    }),

  'meetings.updateAgendaItem': ({ id, patch }, ctx) =>
    ctx.tx(() => {
      const item = requireItem(ctx, id);
      const meeting = requireMeeting(ctx, item.meetingId);
      assertMinutesOpen(meeting);
      requireRef(ctx, 'people', patch.presenterPersonId, 'person');
      requireRef(ctx, 'organisations', patch.presenterOrganisationId, 'organisation');
      const updated = ctx.store.update<AgendaItem>('agenda_items', id, patch);
      if (patch.continueNext === true && !item.continueNext) carryForward(ctx, updated, meeting);
      if (patch.continueNext === false && item.continueNext) {
        // Take back copies nobody has worked on yet.
        for (const c of carriedCopies(ctx.store, id)) {
          const target = requireMeeting(ctx, c.meetingId);
          if (!c.minutes && target.minutesStatus !== 'approved') ctx.store.archive('agenda_items', c.id);
        }
      }
      return updated;
    }),

  'meetings.moveAgendaItem': ({ id, to, parentId }, ctx) =>
    ctx.tx(() => {
      const item = requireItem(ctx, id);
      assertMinutesOpen(requireMeeting(ctx, item.meetingId));
      const items = agendaOf(ctx.store, item.meetingId);
      const result = moveItem(items, id, to, parentId);
      if (!result.ok) throw userError('validation', result.error);
      for (const u of result.updates) ctx.store.update('agenda_items', u.id, { position: u.position, parentId: u.parentId });
      return agendaOf(ctx.store, item.meetingId);
    }),

  'meetings.removeAgendaItem': ({ id }, ctx) =>
    ctx.tx(() => {
      const item = requireItem(ctx, id);
      assertMinutesOpen(requireMeeting(ctx, item.meetingId));
      const items = agendaOf(ctx.store, item.meetingId);
      // A section's children move up to the top level rather than disappear with it.
      for (const child of items.filter((i) => i.parentId === id)) {
        ctx.store.update('agenda_items', child.id, { parentId: null, position: nextPosition(items, null) + child.position });
      }
      return ctx.store.archive<AgendaItem>('agenda_items', id);
    }),

  'meetings.saveMinutes': ({ agendaItemId, minutes }, ctx) =>
    ctx.tx(() => {
      const item = requireItem(ctx, agendaItemId);
      assertMinutesOpen(requireMeeting(ctx, item.meetingId));
      const value = minutes === '' ? null : minutes;
      if (value !== (item.minutes ?? null)) {
        ctx.store.update('agenda_items', agendaItemId, { minutes: value });
        recordMinutesEdit(ctx, item.meetingId);
      }
      return { savedAt: ctx.now().toISOString() };
    }),

  'meetings.setQuorumRule': ({ groupId, rule }, ctx) =>
    ctx.tx(() => {
      requireGroup(ctx, groupId);
      const problems = validateQuorumRule(rule as QuorumRule | null);
      if (problems.length) inputError(problems);
      const stored = rule === null || rule.kind === 'none' ? null : (rule as QuorumRule);
      setGroupQuorumRule(ctx, groupId, stored);
      return { groupId, rule: stored };
    }),

  'meetings.getTemplate': ({ groupId }, ctx) => {
    requireGroup(ctx, groupId);
    const tpl = templateOf(ctx.store, groupId);
    if (tpl) return { ...tpl, groupId };
    return {
      id: null,
      groupId,
      name: '',
      items: STANDARD_TEMPLATE.map((t, i) => ({
        id: `standard-${i + 1}`,
        position: i + 1,
        type: t.type,
        title: '',
        description: null,
        durationMinutes: t.durationMinutes,
        standingKey: t.key,
      })),
    } satisfies AgendaTemplate;
  },

  'meetings.saveTemplate': ({ groupId, name, items }, ctx) =>
    ctx.tx(() => {
      requireGroup(ctx, groupId);
      const existing = templateOf(ctx.store, groupId);
      const templateId = existing
        ? ctx.store.update<{ id: string }>('agenda_templates', existing.id, { name }).id
        : ctx.store.insert<{ id: string }>('agenda_templates', { groupId, name }).id;
      // Rewrite the item list: keep rows by position (so unchanged items are not re-stamped), archive the rest.
      const old = existing?.items ?? [];
      items.forEach((item, i) => {
        const values = { ...item, title: item.title, position: i + 1 };
        const prev = old[i];
        if (prev) ctx.store.update('agenda_template_items', prev.id, values);
        else ctx.store.insert('agenda_template_items', { templateId, ...values });
      });
      for (const extra of old.slice(items.length)) ctx.store.archive('agenda_template_items', extra.id);
      const saved = templateOf(ctx.store, groupId)!;
      return { ...saved, groupId };
    }),

  'meetings.setAttendance': (input, ctx) =>
    ctx.tx(() => {
      const meeting = requireMeeting(ctx, input.meetingId);
      assertMinutesOpen(meeting);
      const person = ctx.store.require<{ organisationId: string | null }>('people', input.personId, 'person');
      requireRef(ctx, 'people', input.substituteForPersonId, 'person');
      requireRef(ctx, 'organisations', input.organisationId, 'organisation');
      if (input.substituteForPersonId === input.personId) throw userError('validation', 'meetings.errors.selfSubstitute');
      const values = {
        status: input.status,
        substituteForPersonId: input.substituteForPersonId,
        organisationId: input.organisationId ?? person.organisationId,
        deleted: false,
      };
      const existing = findAttendance(ctx.store, input.meetingId, input.personId);
      if (existing) return ctx.store.update<Attendance>('attendance', existing.id, values);
      return ctx.store.insert<Attendance>('attendance', { meetingId: input.meetingId, personId: input.personId, ...values });
    }),

  'meetings.removeAttendance': ({ id }, ctx) =>
    ctx.tx(() => {
      const a = ctx.store.require<Attendance>('attendance', id, 'meeting');
      assertMinutesOpen(requireMeeting(ctx, a.meetingId));
      return ctx.store.archive<Attendance>('attendance', id);
    }),

  'meetings.runEvent': ({ meetingId, kind, agendaItemId }, ctx) =>
    ctx.tx(() => {
      requireMeeting(ctx, meetingId);
      if (kind === 'start') {
        if (!agendaItemId) throw userError('validation', 'validation.required');
        const item = requireItem(ctx, agendaItemId);
        if (item.meetingId !== meetingId) throw notFound('agendaItem');
      }
      addRunEvent(ctx.store, meetingId, kind, kind === 'start' ? agendaItemId! : null, ctx.now().getTime());
      return runEventsOf(ctx.store, meetingId);
    }),

  'meetings.addDecision': ({ meetingId, agendaItemId, text }, ctx) =>
    ctx.tx(() => {
      const meeting = requireMeeting(ctx, meetingId);
      assertMinutesOpen(meeting);
      if (agendaItemId && requireItem(ctx, agendaItemId).meetingId !== meetingId) throw notFound('agendaItem');
      const d = ctx.store.insert<Decision>('decisions', {
        groupId: meeting.groupId,
        meetingId,
        agendaItemId,
        text,
        number: nextDecisionNumber(ctx.store, meeting.groupId, meeting.date.slice(0, 4)),
      });
      recordChange(ctx, 'decision', d.id, 'created', { label: d.number });
      return d;
    }),

  'meetings.updateDecision': ({ id, text }, ctx) =>
    ctx.tx(() => {
      const d = ctx.store.require<Decision>('decisions', id, 'decision');
      if (d.meetingId) assertMinutesOpen(requireMeeting(ctx, d.meetingId));
      if (text === d.text) return d;
      const updated = ctx.store.update<Decision>('decisions', id, { text });
      recordChange(ctx, 'decision', id, 'edited', { label: d.number });
      return updated;
    }),

  'meetings.removeDecision': ({ id }, ctx) =>
    ctx.tx(() => {
      const d = ctx.store.require<Decision>('decisions', id, 'decision');
      if (d.meetingId) assertMinutesOpen(requireMeeting(ctx, d.meetingId));
      recordChange(ctx, 'decision', id, 'removed', { label: d.number });
      return ctx.store.archive<Decision>('decisions', id);
    }),

  'meetings.decisions': ({ groupId, query }, ctx) => {
    requireGroup(ctx, groupId);
    return decisionsRegister(ctx.store, groupId, query);
  },

  'meetings.addAction': (input, ctx) =>
    ctx.tx(() => {
      requireGroup(ctx, input.groupId);
      if (input.meetingId) {
        const meeting = requireMeeting(ctx, input.meetingId);
        if (meeting.groupId !== input.groupId) throw userError('validation', 'meetings.errors.otherGroup');
        assertMinutesOpen(meeting);
      }
      if (input.agendaItemId) {
        const item = requireItem(ctx, input.agendaItemId);
        if (item.meetingId !== input.meetingId) throw notFound('agendaItem');
      }
      requireRef(ctx, 'people', input.ownerPersonId, 'person');
      requireRef(ctx, 'organisations', input.ownerOrganisationId, 'organisation');
      const a = ctx.store.insert<ActionItem>('action_items', { ...input, status: 'open' });
      recordChange(ctx, 'action', a.id, 'created', { label: a.title });
      return a;
    }),

  'meetings.updateAction': ({ id, patch }, ctx) =>
    ctx.tx(() => {
      const current = ctx.store.require<ActionItem>('action_items', id, 'actionItem');
      requireRef(ctx, 'people', patch.ownerPersonId, 'person');
      requireRef(ctx, 'organisations', patch.ownerOrganisationId, 'organisation');
      const matters =
        (patch.title !== undefined && patch.title !== current.title) ||
        (patch.dueDate !== undefined && patch.dueDate !== current.dueDate);
      const updated = ctx.store.update<ActionItem>(
        'action_items',
        id,
        matters ? { ...patch, icsSequence: current.icsSequence + 1 } : patch,
      );
      recordChange(ctx, 'action', id, 'edited', { label: updated.title });
      return updated;
    }),

  'meetings.setActionStatus': ({ id, status, completedDate }, ctx) =>
    ctx.tx(() => {
      const current = ctx.store.require<ActionItem>('action_items', id, 'actionItem');
      const closed = status === 'done' || status === 'cancelled';
      const updated = ctx.store.update<ActionItem>('action_items', id, {
        status,
        completedDate: closed ? (completedDate ?? today(ctx)) : null,
        ...(status !== current.status ? { icsSequence: current.icsSequence + 1 } : {}),
      });
      if (status !== current.status) recordChange(ctx, 'action', id, status, { label: current.title });
      return updated;
    }),

  'meetings.removeAction': ({ id }, ctx) =>
    ctx.tx(() => {
      const a = ctx.store.require<ActionItem>('action_items', id, 'actionItem');
      if (a.meetingId) assertMinutesOpen(requireMeeting(ctx, a.meetingId));
      recordChange(ctx, 'action', id, 'removed', { label: a.title });
      return ctx.store.archive<ActionItem>('action_items', id);
    }),

  'meetings.listActions': (input, ctx) => listActions(ctx.store, input, today(ctx)),

  'meetings.sendForReview': ({ id }, ctx) =>
    ctx.tx(() => {
      const m = requireMeeting(ctx, id);
      if (m.minutesStatus !== 'draft') throw userError('conflict', 'meetings.errors.minutesTransition');
      const updated = ctx.store.update<Meeting>('meetings', id, { minutesStatus: 'in_review' });
      recordMinutes(ctx, id, 'in_review');
      return updated;
    }),

  'meetings.approveMinutes': ({ id }, ctx) =>
    ctx.tx(() => {
      const m = requireMeeting(ctx, id);
      if (m.minutesStatus === 'approved') throw userError('conflict', 'meetings.errors.minutesTransition');
      if (m.status === 'cancelled') throw userError('conflict', 'meetings.errors.cancelledMinutes');
      const waiting = minutesReviewers(ctx.store, id).filter((r) => !r.approvedAt);
      if (waiting.length)
        throw userError('conflict', 'meetings.errors.reviewersPending', { names: waiting.map((r) => r.name).join(', ') });
      // Approved minutes mean the meeting took place.
      const updated = updateMeeting(ctx, m, {
        minutesStatus: 'approved',
        minutesApprovedAt: ctx.now().toISOString(),
        ...(m.status !== 'held' ? { status: 'held' as const } : {}),
      });
      recordMinutes(ctx, id, 'approved');
      if (m.status !== 'held') refreshRotationChairs(ctx, m.groupId);
      return requireMeeting(ctx, updated.id);
    }),

  'meetings.reopenMinutes': ({ id, note }, ctx) =>
    ctx.tx(() => {
      const m = requireMeeting(ctx, id);
      if (m.minutesStatus !== 'approved') throw userError('conflict', 'meetings.errors.minutesTransition');
      const updated = ctx.store.update<Meeting>('meetings', id, { minutesStatus: 'draft', minutesApprovedAt: null });
      recordMinutes(ctx, id, 'reopened', note);
      return updated;
    }),

  'meetings.setMinutesReviewers': ({ id, personIds }, ctx) =>
    ctx.tx(() => {
      const m = requireMeeting(ctx, id);
      assertMinutesOpen(m);
      const unique = [...new Set(personIds)];
      for (const p of unique) {
        const person = ctx.store.require<{ deleted: boolean }>('people', p, 'person');
        if (person.deleted) throw notFound('person');
      }
      const current = minutesReviewers(ctx.store, id).map((r) => r.personId);
      if (current.join() !== unique.join()) recordChange(ctx, 'minutes', id, 'reviewers', { reviewers: unique });
      return detail(ctx, id);
    }),

  'meetings.approveAsReviewer': ({ id, personId }, ctx) =>
    ctx.tx(() => {
      const m = requireMeeting(ctx, id);
      assertMinutesOpen(m);
      const reviewer = minutesReviewers(ctx.store, id).find((r) => r.personId === personId);
      if (!reviewer) throw userError('validation', 'meetings.errors.notReviewer');
      if (reviewer.approvedAt) throw userError('conflict', 'meetings.errors.alreadyApproved', { name: reviewer.name });
      recordChange(ctx, 'minutes', id, 'reviewer_approved', { reviewer: personId });
      return detail(ctx, id);
    }),

  'meetings.document': ({ id, kind, format, lang }, ctx) =>
    meetingDocument(detail(ctx, id), kind, format, lang, materialsOf(ctx.store, id)),
  'meetings.decisionsDocument': ({ groupId, format, lang }, ctx) => {
    const group = requireGroup(ctx, groupId);
    return decisionsDocument(group, decisionsRegister(ctx.store, groupId), format, lang);
  },
  'meetings.calendar': ({ meetingId, seriesId, lang }, ctx) => {
    if (meetingId) return meetingCalendar(ctx.store, [requireMeeting(ctx, meetingId)], lang, ctx.now());
    const series = getSeries(ctx.store, seriesId!);
    if (!series || series.deleted) throw notFound('meeting');
    return meetingCalendar(ctx.store, seriesMeetings(ctx.store, series.id), lang, ctx.now(), series.title);
  },
  'meetings.actionsCalendar': ({ groupId, lang }, ctx) => {
    if (groupId) requireGroup(ctx, groupId);
    return actionsCalendar(ctx.store, groupId, lang, today(ctx), ctx.now());
  },
};

function definedOnly<T extends Record<string, unknown>>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
