/**
 * Invitations around a meeting: the iCalendar REQUEST/CANCEL (documents/itip.ts), the unsent email
 * drafts (.eml, MIME by nodemailer's MailComposer) with the agenda or the approved minutes attached,
 * and the members' replies (an imported METHOD:REPLY read with ical.js, or recorded by hand), which
 * make the meeting's expected attendance. The one writer of `meeting_replies`.
 */
import ICAL from 'ical.js';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import type { HandlersFor } from '../../../shared/contract/core';
import type { invitationsContract } from '../../../shared/contract/invitations';
import type { Group } from '../../../shared/domain/groups';
import type { ExpectedAttendance, MeetingReply, ReplyImportResult, ReplyResponse } from '../../../shared/domain/materials';
import type { GeneratedFile, Meeting, MeetingDetail, MeetingSeries } from '../../../shared/domain/meetings';
import { generateOccurrences, type RecurrenceRule } from '../../../shared/meetings';
import type { Ctx } from '../context';
import { notFound } from '../db/store';
import { documentFileName, renderDocument, type Lang } from '../documents';
import { renderInvitation, type ItipEvent, type ItipPerson } from '../documents/itip';
import { userError } from '../errors';
import { translator } from '../i18n';
import {
  contactsOf,
  materialsOf,
  peopleByEmail,
  replyOf,
  repliesOf,
  seriesMeetingsAll,
  seriesSequence,
} from '../repositories/materials';
import { getSeries, membersAt } from '../repositories/meetings';
import { readSettings } from './app';
import { meetingHandlers } from './meetings';
import { meetingDocModel, meetingUid } from './meetings-documents';
import { nameIn } from '../../../shared/domain/names';

export const seriesUid = (id: string): string => `series-${id}@painopiste`;

const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;

/** The series rule as an RRULE value (COUNT/UNTIL are added by the writer). Mirrors shared/meetings/recurrence.ts. */
export function rruleOf(rule: RecurrenceRule): string {
  const interval = rule.interval && rule.interval > 1 ? `;INTERVAL=${rule.interval}` : '';
  switch (rule.freq) {
    case 'weekly':
      return `FREQ=WEEKLY${interval};BYDAY=${WEEKDAYS[rule.weekday - 1]}`;
    case 'monthly_nth_weekday':
      // "2TU" rather than BYSETPOS: the form Outlook itself writes and every client expands.
      return `FREQ=MONTHLY${interval};BYDAY=${rule.nth}${WEEKDAYS[rule.weekday - 1]}`;
    case 'monthly_day':
      // "The 31st" means month end (clamped): BYMONTHDAY=-1. The 29th and 30th are clamped in February
      // only; those dates are added as RDATE by the caller (BYSETPOS with BYMONTHDAY is not expanded
      // the same way by every client).
      return `FREQ=MONTHLY${interval};BYMONTHDAY=${rule.day === 31 ? -1 : rule.day}`;
  }
}

function requireMeeting(ctx: Ctx, id: string, allowArchived = false): Meeting {
  const m = ctx.store.get<Meeting>('meetings', id);
  if (!m || (m.deleted && !allowArchived)) throw notFound('meeting');
  return m;
}

function meetingLanguage(ctx: Ctx, groupId: string, lang?: Lang): Lang {
  if (lang) return lang;
  const group = ctx.store.get<Group>('work_groups', groupId);
  const own = group?.settings?.language;
  return own === 'fi' || own === 'sv' || own === 'en' ? own : readSettings(ctx).language;
}

interface People {
  organizer: ItipPerson;
  attendees: Array<ItipPerson & { personId: string }>;
}

/** The convener (ORGANIZER) and every member with an address (ATTENDEE); substitutes only when asked. */
function invitees(ctx: Ctx, groupId: string, date: string, includeSubstitutes: boolean): People {
  const members = membersAt(ctx.store, groupId, date);
  const contacts = new Map(
    contactsOf(
      ctx.store,
      members.map((m) => m.personId),
    ).map((c) => [c.id, c]),
  );
  const convener = members.find((m) => m.role === 'convener' && contacts.get(m.personId)?.email);
  if (!convener) throw userError('validation', 'invitations.errors.noConvener');
  const organizer = contacts.get(convener.personId)!;
  const seen = new Set<string>([organizer.email!.toLowerCase()]);
  const attendees: People['attendees'] = [];
  for (const m of members) {
    if (m.role === 'substitute' && !includeSubstitutes) continue;
    const c = contacts.get(m.personId);
    if (!c?.email || seen.has(c.email.toLowerCase())) continue;
    seen.add(c.email.toLowerCase());
    attendees.push({ personId: m.personId, name: c.name, email: c.email, optional: m.role === 'substitute' });
  }
  if (attendees.length === 0) throw userError('validation', 'invitations.errors.noAttendees');
  return { organizer: { name: organizer.name, email: organizer.email! }, attendees };
}

const isOff = (m: { status: string; deleted: boolean | number }) =>
  m.status === 'cancelled' || m.deleted === true || m.deleted === 1;

function occurrence(m: Meeting, groupName: string): Omit<ItipEvent, 'uid' | 'sequence' | 'timeZone'> {
  return {
    date: m.status === 'moved' && m.movedToDate ? m.movedToDate : m.date,
    startTime: m.startTime,
    endTime: m.endTime,
    summary: m.title,
    location: m.place,
    url: m.onlineLink,
    description: groupName,
  };
}

interface Invitation {
  text: string;
  method: 'REQUEST' | 'CANCEL';
  title: string;
  people: People;
  date: string;
}

function seriesDates(s: MeetingSeries): string[] {
  return generateOccurrences(s.rule, { startDate: s.startDate, until: s.untilDate, count: s.count });
}

/** The invitation of one meeting: its own event, or (in a series) that occurrence of the series' event. */
function meetingInvitation(ctx: Ctx, id: string, includeSubstitutes: boolean, lang?: Lang): Invitation {
  const m = requireMeeting(ctx, id, true);
  const group = ctx.store.require<Group>('work_groups', m.groupId, 'group');
  // The group in the meeting's language (issue #16 item 6).
  const groupName = nameIn(group, meetingLanguage(ctx, m.groupId, lang));
  const people = invitees(ctx, m.groupId, m.date, includeSubstitutes);
  const method = isOff(m) ? 'CANCEL' : 'REQUEST';
  const series = m.seriesId ? getSeries(ctx.store, m.seriesId) : undefined;
  const event: ItipEvent =
    series && m.originalDate
      ? {
          ...occurrence(m, groupName),
          uid: seriesUid(series.id),
          sequence: seriesSequence(ctx.store, series.id),
          timeZone: m.timeZone,
          recurrenceDate: m.originalDate,
          recurrenceTime: series.startTime,
        }
      : { ...occurrence(m, groupName), uid: meetingUid(m.id), sequence: m.icsSequence, timeZone: m.timeZone };
  const text = renderInvitation({
    method,
    name: m.title,
    organizer: people.organizer,
    attendees: people.attendees,
    events: [event],
    stamp: ctx.now(),
  });
  return { text, method, title: m.title, people, date: m.date };
}

/** The invitation of a whole series: one recurring event, EXDATE for occurrences that do not take place, overrides for moved ones. */
function seriesInvitation(ctx: Ctx, seriesId: string, includeSubstitutes: boolean): Invitation {
  const s = getSeries(ctx.store, seriesId);
  if (!s || s.deleted) throw notFound('meeting');
  const group = ctx.store.require<Group>('work_groups', s.groupId, 'group');
  const groupName = nameIn(group, meetingLanguage(ctx, s.groupId));
  const all = seriesMeetingsAll(ctx.store, s.id);
  const dates = seriesDates(s);
  const byOriginal = new Map<string, Meeting>();
  for (const row of all) {
    const m = ctx.store.get<Meeting>('meetings', row.id)!;
    if (m.originalDate && !byOriginal.has(m.originalDate)) byOriginal.set(m.originalDate, m);
    else if (m.originalDate && byOriginal.get(m.originalDate)!.deleted && !m.deleted) byOriginal.set(m.originalDate, m);
  }
  const live = dates.filter((d) => byOriginal.get(d) && !isOff(byOriginal.get(d)!));
  const firstLive = live[0] ?? dates[0] ?? s.startDate;
  const people = invitees(ctx, s.groupId, firstLive, includeSubstitutes);
  const sequence = seriesSequence(ctx.store, s.id);
  const method = live.length === 0 ? 'CANCEL' : 'REQUEST';
  const base = { uid: seriesUid(s.id), sequence, timeZone: s.timeZone };
  const master: ItipEvent = {
    ...base,
    date: dates[0] ?? s.startDate,
    startTime: s.startTime,
    endTime: s.endTime,
    summary: s.title,
    location: s.place,
    url: s.onlineLink,
    description: groupName,
    repeat: {
      rule: rruleOf(s.rule),
      // UNTIL the last date the series has, rather than COUNT: the same end whatever the client does with RDATE.
      until: dates.at(-1) ?? s.startDate,
      extra:
        s.rule.freq === 'monthly_day' && s.rule.day > 28 && s.rule.day < 31
          ? dates.filter((d) => Number(d.slice(8)) !== (s.rule as { day: number }).day)
          : [],
      excluded: method === 'CANCEL' ? [] : dates.filter((d) => !live.includes(d)),
    },
  };
  const overrides: ItipEvent[] = [];
  if (method === 'REQUEST') {
    for (const d of live) {
      const m = byOriginal.get(d)!;
      const o = occurrence(m, groupName);
      const differs =
        o.date !== d ||
        o.startTime !== s.startTime ||
        o.endTime !== s.endTime ||
        o.summary !== s.title ||
        (o.location ?? null) !== (s.place ?? null) ||
        (o.url ?? null) !== (s.onlineLink ?? null) ||
        m.timeZone !== s.timeZone;
      if (differs) overrides.push({ ...o, ...base, timeZone: m.timeZone, recurrenceDate: d, recurrenceTime: s.startTime });
    }
  }
  const text = renderInvitation({
    method,
    name: s.title,
    organizer: people.organizer,
    attendees: people.attendees,
    events: [master, ...overrides],
    stamp: ctx.now(),
  });
  return { text, method, title: s.title, people, date: firstLive };
}

function calendarFile(inv: Invitation): GeneratedFile {
  return {
    fileName: documentFileName(inv.title, 'ics'),
    mimeType: `text/calendar; charset=utf-8; method=${inv.method}`,
    contentBase64: Buffer.from(inv.text, 'utf8').toString('base64'),
  };
}

async function documentAttachment(
  ctx: Ctx,
  detail: MeetingDetail,
  kind: 'agenda' | 'minutes',
  format: 'pdf' | 'docx',
  lang: Lang,
  pdfBase64: string | undefined,
): Promise<{ filename: string; content: Buffer; contentType: string }> {
  const t = translator(lang);
  const title = `${t(kind === 'agenda' ? 'meetings.documents.agendaTitle' : 'meetings.documents.minutesTitle')} ${detail.date} ${nameIn(detail.groupNames, lang)}`;
  const doc = meetingDocModel(detail, kind, lang, materialsOf(ctx.store, detail.id));
  if (format === 'docx') {
    const file = await renderDocument(doc, 'docx');
    return { filename: documentFileName(title, 'docx'), content: Buffer.from(file.bytes), contentType: file.mimeType };
  }
  let pdf: Buffer;
  if (pdfBase64) pdf = Buffer.from(pdfBase64, 'base64');
  else if (ctx.hostServices.printToPdf) {
    const html = await renderDocument(doc, 'html');
    pdf = Buffer.from(
      (await ctx.hostServices.printToPdf({ html: new TextDecoder().decode(html.bytes) })).contentBase64,
      'base64',
    );
  } else throw userError('unsupported', 'invitations.errors.pdfNeedsFile');
  if (pdf.subarray(0, 5).toString('latin1') !== '%PDF-') throw userError('validation', 'invitations.errors.notPdf');
  return { filename: documentFileName(title, 'pdf'), content: pdf, contentType: 'application/pdf' };
}

const mailbox = (p: ItipPerson) => ({ name: p.name, address: p.email });

function upsertReply(
  ctx: Ctx,
  meetingId: string,
  personId: string,
  response: ReplyResponse,
  source: 'ics' | 'manual',
  note: string | null,
): MeetingReply {
  const existing = replyOf(ctx.store, meetingId, personId);
  const respondedAt = ctx.now().toISOString();
  if (existing) return ctx.store.update<MeetingReply>('meeting_replies', existing.id, { response, source, note, respondedAt });
  return ctx.store.insert<MeetingReply>('meeting_replies', { meetingId, personId, response, source, note, respondedAt });
}

const PARTSTAT: Record<string, ReplyResponse> = { ACCEPTED: 'accepted', DECLINED: 'declined', TENTATIVE: 'tentative' };

function addressOf(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const m = /^mailto:(.+)$/i.exec(value.trim());
  return m ? m[1]!.trim().toLowerCase() : null;
}

/** Meetings a REPLY's UID (and RECURRENCE-ID) names. */
function meetingsOfReply(ctx: Ctx, uid: string, recurrence: string | null): Meeting[] {
  const single = /^([0-9a-f-]{36})@painopiste$/i.exec(uid);
  if (single) {
    const m = ctx.store.get<Meeting>('meetings', single[1]!.toLowerCase());
    return m && !m.deleted ? [m] : [];
  }
  const series = /^series-([0-9a-f-]{36})@painopiste$/i.exec(uid);
  if (!series) return [];
  const s = getSeries(ctx.store, series[1]!.toLowerCase());
  if (!s) return [];
  const meetings = seriesMeetingsAll(ctx.store, s.id)
    .filter((r) => !r.deleted)
    .map((r) => ctx.store.get<Meeting>('meetings', r.id)!);
  if (recurrence) return meetings.filter((m) => m.originalDate === recurrence);
  // An answer to the whole series counts for every occurrence still to come.
  return meetings.filter((m) => m.status === 'planned' || m.status === 'moved');
}

interface ReplyAnswer {
  uid: string;
  recurrence: string | null;
  note: string | null;
  attendees: Array<{ address: string; response: ReplyResponse }>;
}

/** The answers in a METHOD:REPLY, read with ical.js; anything unreadable is "not a calendar file". */
function readReply(text: string): ReplyAnswer[] {
  let method: string;
  let answers: ReplyAnswer[];
  try {
    const parsed: unknown = ICAL.parse(text);
    if (!Array.isArray(parsed) || parsed[0] !== 'vcalendar') throw new Error('not a VCALENDAR');
    const root = new ICAL.Component(parsed as never);
    method = String(root.getFirstPropertyValue('method') ?? '').toUpperCase();
    answers = root
      .getAllSubcomponents('vevent')
      .slice(0, 100)
      .map((ev) => {
        const rid = ev.getFirstPropertyValue('recurrence-id');
        const comment = ev.getFirstPropertyValue('comment');
        return {
          uid: String(ev.getFirstPropertyValue('uid') ?? ''),
          recurrence: rid instanceof ICAL.Time ? rid.toString().slice(0, 10) : null,
          note: typeof comment === 'string' && comment.trim() ? comment.trim().slice(0, 200) : null,
          attendees: ev
            .getAllProperties('attendee')
            .slice(0, 500)
            .flatMap((prop) => {
              const address = addressOf(prop.getFirstValue());
              const response = PARTSTAT[String(prop.getParameter('partstat') ?? '').toUpperCase()];
              return address && response ? [{ address, response }] : [];
            }),
        };
      });
  } catch {
    throw userError('validation', 'invitations.errors.notCalendar');
  }
  if (method !== 'REPLY') throw userError('validation', 'invitations.errors.notReply', { method: method.slice(0, 20) || '—' });
  return answers;
}

function importReply(ctx: Ctx, text: string, meetingId: string | undefined): ReplyImportResult {
  const answers = readReply(text);
  const recorded: ReplyImportResult['recorded'] = [];
  const unknown = new Set<string>();
  let target: string | null = null;
  return ctx.tx(() => {
    for (const answer of answers) {
      let meetings = meetingsOfReply(ctx, answer.uid, answer.recurrence);
      if (meetingId) {
        const own = requireMeeting(ctx, meetingId);
        if (!meetings.some((m) => m.id === own.id)) throw userError('validation', 'invitations.errors.otherMeeting');
        meetings = [own];
      }
      if (meetings.length === 0) throw userError('validation', 'invitations.errors.unknownMeeting');
      target ??= meetings[0]!.id;
      for (const { address, response } of answer.attendees) {
        const person = peopleByEmail(ctx.store, [address])[0];
        if (!person) {
          unknown.add(address);
          continue;
        }
        for (const m of meetings) upsertReply(ctx, m.id, person.id, response, 'ics', answer.note);
        recorded.push({ personId: person.id, personName: person.name, response });
      }
    }
    if (!target) throw userError('validation', 'invitations.errors.unknownMeeting');
    if (recorded.length === 0 && unknown.size === 0) throw userError('validation', 'invitations.errors.noAnswers');
    return { meetingId: target, recorded, unknownAddresses: [...unknown] };
  });
}

/** Members of the meeting's group on its date and anyone else who answered, with their answer. */
export function expectedAttendance(ctx: Ctx, meetingId: string): ExpectedAttendance {
  const m = requireMeeting(ctx, meetingId);
  const members = membersAt(ctx.store, m.groupId, m.date);
  const replies = new Map(repliesOf(ctx.store, m.id).map((r) => [r.personId, r]));
  const ids = [...new Set([...members.map((x) => x.personId), ...replies.keys()])];
  const contacts = new Map(contactsOf(ctx.store, ids).map((c) => [c.id, c]));
  const counts = { accepted: 0, declined: 0, tentative: 0, noReply: 0 };
  const attendees = ids.map((personId) => {
    const member = members.find((x) => x.personId === personId);
    const reply = replies.get(personId);
    if (reply) counts[reply.response]++;
    else counts.noReply++;
    return {
      personId,
      personName: contacts.get(personId)?.name ?? member?.personName ?? '',
      email: contacts.get(personId)?.email ?? null,
      role: member?.role ?? null,
      organisationAbbreviation: member?.organisationAbbreviation ?? null,
      response: reply?.response ?? null,
      source: reply?.source ?? null,
      respondedAt: reply?.respondedAt ?? null,
      replyId: reply?.id ?? null,
    };
  });
  return { meetingId: m.id, attendees, counts };
}

export const invitationHandlers: HandlersFor<typeof invitationsContract, Ctx> = {
  'invitations.calendar': ({ meetingId, seriesId, includeSubstitutes }, ctx) =>
    calendarFile(
      meetingId ? meetingInvitation(ctx, meetingId, includeSubstitutes) : seriesInvitation(ctx, seriesId!, includeSubstitutes),
    ),

  'invitations.email': async ({ meetingId, kind, documentFormat, pdfBase64, includeSubstitutes, lang }, ctx) => {
    const detail = (await meetingHandlers['meetings.get']({ id: meetingId }, ctx)) as MeetingDetail;
    const language = meetingLanguage(ctx, detail.groupId, lang);
    const t = translator(language);
    const inv = meetingInvitation(ctx, meetingId, includeSubstitutes, language);
    if (kind === 'minutes' && detail.minutesStatus !== 'approved')
      throw userError('conflict', 'invitations.errors.minutesNotApproved');
    const attachments: Array<{ filename: string; content: Buffer; contentType: string }> = [];
    // A cancellation goes out as the calendar's CANCEL alone; an agenda would contradict it.
    if (!(kind === 'invitation' && inv.method === 'CANCEL')) {
      attachments.push(
        await documentAttachment(ctx, detail, kind === 'invitation' ? 'agenda' : 'minutes', documentFormat, language, pdfBase64),
      );
    }
    if (kind === 'invitation') {
      attachments.push({
        filename: documentFileName(detail.title, 'ics'),
        content: Buffer.from(inv.text, 'utf8'),
        contentType: `text/calendar; charset=utf-8; method=${inv.method}`,
      });
    }
    const when = `${detail.date} ${detail.startTime}–${detail.endTime}`;
    const subjectKey =
      kind === 'minutes'
        ? 'invitations.email.minutesSubject'
        : inv.method === 'CANCEL'
          ? 'invitations.email.cancelSubject'
          : 'invitations.email.subject';
    const bodyKey =
      kind === 'minutes'
        ? 'invitations.email.minutesBody'
        : inv.method === 'CANCEL'
          ? 'invitations.email.cancelBody'
          : 'invitations.email.body';
    const params = {
      title: detail.title,
      group: nameIn(detail.groupNames, language),
      date: detail.date,
      when,
      place: detail.place ?? detail.onlineLink ?? t('invitations.email.noPlace'),
      organizer: inv.people.organizer.name,
    };
    const mail = new MailComposer({
      from: mailbox(inv.people.organizer),
      to: inv.people.attendees.filter((a) => !a.optional).map(mailbox),
      cc: inv.people.attendees.filter((a) => a.optional).map(mailbox),
      subject: t(subjectKey, params),
      text: t(bodyKey, params),
      date: ctx.now(),
      headers: { 'X-Unsent': '1' },
      // base64 keeps every attachment byte for byte (quoted-printable would turn the .ics's CRLFs into LFs).
      attachments: attachments.map((a) => ({ ...a, contentTransferEncoding: 'base64' as const })),
    });
    const bytes = await mail.compile().build();
    return {
      fileName: documentFileName(t(subjectKey, params), 'eml'),
      mimeType: 'message/rfc822',
      contentBase64: bytes.toString('base64'),
    };
  },

  'invitations.importReply': ({ meetingId, contentBase64 }, ctx) => {
    const bytes = Buffer.from(contentBase64, 'base64');
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      throw userError('validation', 'invitations.errors.notCalendar');
    }
    return importReply(ctx, text, meetingId);
  },

  'invitations.setReply': ({ meetingId, personId, response, note }, ctx) =>
    ctx.tx(() => {
      requireMeeting(ctx, meetingId);
      ctx.store.require('people', personId, 'person');
      if (response === null) {
        const existing = replyOf(ctx.store, meetingId, personId);
        if (existing) ctx.store.archive('meeting_replies', existing.id);
        return null;
      }
      return upsertReply(ctx, meetingId, personId, response, 'manual', note);
    }),

  'invitations.expected': ({ meetingId }, ctx) => expectedAttendance(ctx, meetingId),
};
