import { z } from 'zod';
import { method, type ContractShape } from './core';
import {
  byId,
  id,
  isoDate,
  language,
  longText,
  omitFields,
  optionalText,
  patchOf,
  requiredText,
  searchQuery,
  timeZone,
  wallTime,
  LIMITS,
} from './schemas';
import {
  ACTION_STATUSES,
  MEETING_STATUSES,
  type ActionItem,
  type ActionPage,
  type AgendaItem,
  type AgendaTemplate,
  type Attendance,
  type Decision,
  type DecisionRow,
  type GeneratedFile,
  type Meeting,
  type MeetingDetail,
  type MeetingSeries,
  type MeetingSummary,
} from '../domain/meetings';
import {
  AGENDA_ITEM_TYPES,
  ATTENDANCE_STATUSES,
  STANDARD_ITEM_KEYS,
  MAX_OCCURRENCES,
  MAX_INTERVAL,
  type QuorumRule,
  type RunEvent,
} from '../meetings';

/**
 * A number whose own problems say what they are: only a missing or non-numeric value is "the wrong
 * kind"; a value out of range gets too_small / too_big with its limit (z.number({ error }) would give
 * every problem the same message).
 */
const number = () => z.number({ error: (issue) => (issue.code === 'invalid_type' ? 'validation.invalid_type' : undefined) });

const nullableId = id.nullish().transform((v) => v ?? null);
const nullableDate = isoDate.nullish().transform((v) => v ?? null);

/** http(s) only: an online meeting link goes into documents and calendars as a link. */
const onlineLink = z
  .string()
  .trim()
  .max(2000, { error: 'validation.too_long' })
  .nullish()
  .transform((s) => (s ? s : null))
  .refine((s) => s === null || /^https?:\/\/[^\s]+$/i.test(s), { error: 'validation.url' });

const weekday = z.union(
  [1, 2, 3, 4, 5, 6, 7].map((n) => z.literal(n as 1 | 2 | 3 | 4 | 5 | 6 | 7)) as [
    z.ZodLiteral<1 | 2 | 3 | 4 | 5 | 6 | 7>,
    z.ZodLiteral<1 | 2 | 3 | 4 | 5 | 6 | 7>,
  ],
  {
    error: 'validation.choice',
  },
);
const interval = number().int().min(1).max(MAX_INTERVAL).optional();

export const recurrenceRule = z.discriminatedUnion(
  'freq',
  [
    z.object({ freq: z.literal('weekly'), interval, weekday }).strict(),
    z
      .object({
        freq: z.literal('monthly_nth_weekday'),
        interval,
        nth: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5), z.literal(-1)], {
          error: 'validation.choice',
        }),
        weekday,
      })
      .strict(),
    z.object({ freq: z.literal('monthly_day'), interval, day: z.number().int().min(1).max(31) }).strict(),
  ],
  { error: 'validation.choice' },
);

const timesInOrder = (v: { startTime?: string; endTime?: string }) => !v.startTime || !v.endTime || v.endTime > v.startTime;

const meetingFields = {
  title: requiredText(),
  date: isoDate,
  startTime: wallTime,
  endTime: wallTime,
  timeZone: timeZone.default('Europe/Helsinki'),
  place: optionalText(),
  onlineLink,
  chairPersonId: nullableId,
  chairOrganisationId: nullableId,
  secretaryPersonId: nullableId,
  notes: optionalText(LIMITS.longText),
};

export const meetingInput = z
  .object({ groupId: id, ...meetingFields })
  .strict()
  .refine(timesInOrder, { error: 'validation.timeOrder', path: ['endTime'] });

export const meetingPatch = patchOf(omitFields(meetingFields, ['chairPersonId', 'chairOrganisationId']));

export const seriesInput = z
  .object({
    groupId: id,
    title: requiredText(),
    rule: recurrenceRule,
    startDate: isoDate,
    untilDate: nullableDate,
    count: number()
      .int()
      .min(1)
      .max(MAX_OCCURRENCES)
      .nullish()
      .transform((v) => v ?? null),
    startTime: wallTime,
    endTime: wallTime,
    timeZone: timeZone.default('Europe/Helsinki'),
    place: optionalText(),
    onlineLink,
  })
  .strict()
  .refine(timesInOrder, { error: 'validation.timeOrder', path: ['endTime'] })
  .refine((v) => (v.untilDate === null) !== (v.count === null), { error: 'validation.untilOrCount', path: ['count'] });

export const agendaItemInput = z
  .object({
    meetingId: id,
    parentId: nullableId,
    type: z.enum(AGENDA_ITEM_TYPES, { error: 'validation.choice' }),
    title: requiredText(),
    description: optionalText(LIMITS.longText),
    presenterPersonId: nullableId,
    presenterOrganisationId: nullableId,
    durationMinutes: number().int().min(0).max(1440),
  })
  .strict();

export const agendaItemPatch = patchOf({
  ...omitFields(agendaItemInput.shape, ['meetingId', 'parentId']),
  continueNext: z.boolean(),
});

export const templateInput = z
  .object({
    groupId: id,
    name: requiredText(),
    items: z
      .array(
        z
          .object({
            type: z.enum(AGENDA_ITEM_TYPES, { error: 'validation.choice' }),
            // Empty = a standing item's translated title, so the agenda follows the reader's language.
            title: optionalText().transform((v) => v ?? ''),
            description: optionalText(LIMITS.longText),
            durationMinutes: z.number().int().min(0).max(1440),
            standingKey: z
              .enum(STANDARD_ITEM_KEYS)
              .nullish()
              .transform((v) => v ?? null),
          })
          .strict()
          .refine((v) => v.title !== '' || v.standingKey !== null, { error: 'validation.required', path: ['title'] }),
      )
      .max(100, { error: 'validation.too_big' }),
  })
  .strict();

export const actionInput = z
  .object({
    groupId: id,
    meetingId: nullableId,
    agendaItemId: nullableId,
    title: requiredText(),
    description: optionalText(LIMITS.longText),
    ownerPersonId: nullableId,
    ownerOrganisationId: nullableId,
    dueDate: nullableDate,
  })
  .strict();

export const actionPatch = patchOf(omitFields(actionInput.shape, ['groupId', 'meetingId', 'agendaItemId']));

export const ACTION_SORTS = ['due', 'status', 'group', 'title', 'owner', 'created'] as const;

export const actionListInput = z
  .object({
    groupId: id.optional(),
    ownerPersonId: id.optional(),
    ownerOrganisationId: id.optional(),
    status: z.enum([...ACTION_STATUSES, 'active'] as const, { error: 'validation.choice' }).optional(),
    overdue: z.boolean().optional(),
    dueWithinDays: z.number().int().min(0).max(3650).optional(),
    query: searchQuery,
    sort: z.enum(ACTION_SORTS).default('due'),
    descending: z.boolean().default(false),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(LIMITS.listPage).default(200),
    /** Count the whole filtered set (otherwise `total` is known only when this page is the last). */
    count: z.boolean().optional(),
  })
  .strict();

const fraction = number().gt(0).max(1);
const comparison = z.enum(['at_least', 'more_than'], { error: 'validation.choice' }).optional();

export const quorumRule = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('none') }).strict(),
    z.object({ kind: z.literal('members_fraction'), fraction, comparison }).strict(),
    z.object({ kind: z.literal('organisations_fraction'), fraction, comparison }).strict(),
    z.object({ kind: z.literal('min_members'), n: number().int().min(1).max(1000) }).strict(),
  ],
  { error: 'validation.choice' },
);

const documentFormat = z.enum(['html', 'docx', 'md'], { error: 'validation.choice' });

export const meetingsContract = {
  'meetings.list': method(
    z
      .object({
        groupId: id.optional(),
        status: z.enum(MEETING_STATUSES).optional(),
        from: isoDate.optional(),
        to: isoDate.optional(),
        query: searchQuery,
        includeArchived: z.boolean().optional(),
      })
      .strict(),
  ).returns<MeetingSummary[]>(),
  'meetings.get': method(byId).returns<MeetingDetail>(),
  'meetings.create': method(meetingInput).returns<Meeting>(),
  'meetings.createSeries': method(seriesInput).returns<{ series: MeetingSeries; meetings: Meeting[] }>(),
  /** scope 'this' = only this meeting (detached from its series); 'following' = this and later planned ones. */
  'meetings.update': method(
    z.object({ id, patch: meetingPatch, scope: z.enum(['this', 'following']).default('this') }).strict(),
  ).returns<Meeting>(),
  'meetings.setStatus': method(
    z.object({ id, status: z.enum(MEETING_STATUSES, { error: 'validation.choice' }), movedToDate: isoDate.nullish() }).strict(),
  ).returns<Meeting>(),
  'meetings.setChair': method(
    z.object({ id, chairPersonId: nullableId, chairOrganisationId: nullableId }).strict(),
  ).returns<Meeting>(),
  'meetings.archive': method(byId).returns<Meeting>(),

  'meetings.addAgendaItem': method(agendaItemInput).returns<AgendaItem>(),
  'meetings.updateAgendaItem': method(z.object({ id, patch: agendaItemPatch }).strict()).returns<AgendaItem>(),
  'meetings.moveAgendaItem': method(
    z
      .object({
        id,
        to: z.union([z.enum(['up', 'down', 'indent', 'outdent']), z.number().int().min(0).max(1000)]),
        parentId: id.nullish(),
      })
      .strict(),
  ).returns<AgendaItem[]>(),
  'meetings.removeAgendaItem': method(byId).returns<AgendaItem>(),
  'meetings.saveMinutes': method(z.object({ agendaItemId: id, minutes: longText }).strict()).returns<{ savedAt: string }>(),

  /** The group's quorum rule (stored on the group, read by every meeting's attendance). null = none. */
  'meetings.setQuorumRule': method(z.object({ groupId: id, rule: quorumRule.nullable() }).strict()).returns<{
    groupId: string;
    rule: QuorumRule | null;
  }>(),
  'meetings.getTemplate': method(z.object({ groupId: id }).strict()).returns<AgendaTemplate>(),
  'meetings.saveTemplate': method(templateInput).returns<AgendaTemplate>(),

  'meetings.setAttendance': method(
    z
      .object({
        meetingId: id,
        personId: id,
        status: z.enum(ATTENDANCE_STATUSES, { error: 'validation.choice' }),
        substituteForPersonId: nullableId,
        organisationId: nullableId,
      })
      .strict(),
  ).returns<Attendance>(),
  'meetings.removeAttendance': method(byId).returns<Attendance>(),

  'meetings.runEvent': method(
    z.object({ meetingId: id, kind: z.enum(['start', 'stop']), agendaItemId: id.optional() }).strict(),
  ).returns<RunEvent[]>(),

  'meetings.addDecision': method(
    z.object({ meetingId: id, agendaItemId: nullableId, text: requiredText(LIMITS.longText) }).strict(),
  ).returns<Decision>(),
  'meetings.updateDecision': method(z.object({ id, text: requiredText(LIMITS.longText) }).strict()).returns<Decision>(),
  'meetings.removeDecision': method(byId).returns<Decision>(),
  'meetings.decisions': method(z.object({ groupId: id, query: searchQuery }).strict()).returns<DecisionRow[]>(),

  'meetings.addAction': method(actionInput).returns<ActionItem>(),
  'meetings.updateAction': method(z.object({ id, patch: actionPatch }).strict()).returns<ActionItem>(),
  'meetings.setActionStatus': method(
    z.object({ id, status: z.enum(ACTION_STATUSES, { error: 'validation.choice' }), completedDate: isoDate.nullish() }).strict(),
  ).returns<ActionItem>(),
  'meetings.removeAction': method(byId).returns<ActionItem>(),
  'meetings.listActions': method(actionListInput).returns<ActionPage>(),

  'meetings.sendForReview': method(byId).returns<Meeting>(),
  'meetings.approveMinutes': method(byId).returns<Meeting>(),
  'meetings.reopenMinutes': method(z.object({ id, note: requiredText(LIMITS.shortText * 5) }).strict()).returns<Meeting>(),

  /** The minutes' reviewers (pöytäkirjantarkastajat); approving the minutes waits for each of them. */
  'meetings.setMinutesReviewers': method(
    z.object({ id, personIds: z.array(id).max(10, { error: 'validation.too_big' }) }).strict(),
  ).returns<MeetingDetail>(),
  /** Record one reviewer's approval of the minutes (by the person chosen in "Who am I"). */
  'meetings.approveAsReviewer': method(z.object({ id, personId: id }).strict()).returns<MeetingDetail>(),

  'meetings.document': method(
    z.object({ id, kind: z.enum(['agenda', 'minutes']), format: documentFormat, lang: language }).strict(),
  ).returns<GeneratedFile>(),
  'meetings.decisionsDocument': method(
    z.object({ groupId: id, format: documentFormat, lang: language }).strict(),
  ).returns<GeneratedFile>(),
  'meetings.calendar': method(
    z
      .object({ meetingId: id.optional(), seriesId: id.optional(), lang: language })
      .strict()
      .refine((v) => (v.meetingId === undefined) !== (v.seriesId === undefined), {
        error: 'validation.required',
        path: ['meetingId'],
      }),
  ).returns<GeneratedFile>(),
  'meetings.actionsCalendar': method(z.object({ groupId: id.optional(), lang: language }).strict()).returns<GeneratedFile>(),
} satisfies ContractShape;
