// Invitations as iTIP (RFC 5546) iCalendar files that Outlook and Thunderbird accept: METHOD:REQUEST
// (new or updated meeting) or METHOD:CANCEL, one ORGANIZER (the convener), an ATTENDEE per invited
// person with RSVP, a stable UID and the caller's rising SEQUENCE. Written with ical-generator, like
// ics.ts, with the same VTIMEZONE (buildVTimezone) so the times are right in every client.
//
// A series is ONE event: a master VEVENT with the series' RRULE (and EXDATE for occurrences that no
// longer take place), plus an override VEVENT (same UID, RECURRENCE-ID = the date the rule gave it)
// for every occurrence that was moved or edited. That is what clients keep as one recurring meeting;
// a file of unrelated VEVENTs would be read by Outlook as its first event only.

import ical, {
  ICalAttendeeRole,
  ICalAttendeeStatus,
  ICalAttendeeType,
  ICalCalendarMethod,
  ICalEventStatus,
} from 'ical-generator';
import { TZDate } from '@date-fns/tz';
import { buildVTimezone } from './ics';
import { cleanText, oneLine } from './model';

export interface ItipPerson {
  name: string;
  email: string;
  /** Optional participants (substitutes) get ROLE=OPT-PARTICIPANT. */
  optional?: boolean;
}

export interface ItipOccurrence {
  date: string;
  startTime: string;
  endTime: string;
  summary: string;
  location?: string | null;
  url?: string | null;
  description?: string | null;
}

export interface ItipRule {
  /** RRULE value without "RRULE:", e.g. `FREQ=WEEKLY;BYDAY=TU`; COUNT/UNTIL are added from the range. */
  rule: string;
  count?: number | null;
  /** Inclusive last date (local). */
  until?: string | null;
  /** Dates the rule gives that do not take place. */
  excluded: string[];
  /** Dates outside the rule that belong to the series (RDATE). */
  extra?: string[];
}

export interface ItipEvent extends ItipOccurrence {
  uid: string;
  sequence: number;
  timeZone: string;
  /** For one occurrence of a series: the date the rule gave it (RECURRENCE-ID, at `recurrenceTime`). */
  recurrenceDate?: string | null;
  recurrenceTime?: string | null;
  repeat?: ItipRule | null;
  cancelled?: boolean;
}

export interface ItipInput {
  method: 'REQUEST' | 'CANCEL';
  name: string;
  organizer: ItipPerson;
  attendees: ItipPerson[];
  /** The master (or single) event first, then overrides of the same UID. */
  events: ItipEvent[];
  stamp: Date;
}

function at(date: string, time: string, zone: string): TZDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  return new TZDate(y, m - 1, d, hh, mm, zone);
}

const compact = (date: string, time: string) => `${date.replace(/-/g, '')}T${time.replace(':', '')}00`;
const utc = (d: Date) =>
  d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

/** Addresses go into `mailto:` values: anything that could break the line or the URI is refused. */
function checkEmail(email: string): string {
  if (!/^[^\s@"<>;:,\\]+@[^\s@"<>;:,\\]+\.[^\s@"<>;:,\\]+$/.test(email)) throw new RangeError(`itip: bad address`);
  return email;
}

export function renderInvitation(input: ItipInput): string {
  const years = new Map<string, { min: number; max: number }>();
  const cover = (zone: string, year: number) => {
    const r = years.get(zone) ?? { min: year, max: year };
    years.set(zone, { min: Math.min(r.min, year), max: Math.max(r.max, year) });
  };
  const calendar = ical({
    prodId: { company: 'Painopiste', product: 'Painopiste', language: 'EN' },
    method: input.method === 'CANCEL' ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
    name: cleanText(oneLine(input.name)),
    timezone: {
      name: null,
      generator: (zone) => {
        const r = years.get(zone);
        return r ? buildVTimezone(zone, r.min - 1, r.max + 1) : null;
      },
    },
  });
  const organizer = { name: cleanText(oneLine(input.organizer.name)), email: checkEmail(input.organizer.email) };
  const attendees = input.attendees.map((p) => ({
    name: cleanText(oneLine(p.name)),
    email: checkEmail(p.email),
    rsvp: input.method === 'REQUEST',
    role: p.optional ? ICalAttendeeRole.OPT : ICalAttendeeRole.REQ,
    status: ICalAttendeeStatus.NEEDSACTION,
    type: ICalAttendeeType.INDIVIDUAL,
  }));
  for (const e of input.events) {
    const start = at(e.date, e.startTime, e.timeZone);
    const end = at(e.date, e.endTime, e.timeZone);
    cover(e.timeZone, start.getFullYear());
    let repeating: string | null = null;
    if (e.repeat) {
      let rule = `RRULE:${e.repeat.rule}`;
      if (e.repeat.count) rule += `;COUNT=${e.repeat.count}`;
      else if (e.repeat.until) {
        // UNTIL is UTC when DTSTART has a zone (RFC 5545 3.3.10): the last second of the last local day.
        rule += `;UNTIL=${utc(new Date(at(e.repeat.until, '23:59', e.timeZone).getTime() + 59_000))}Z`;
        cover(e.timeZone, Number(e.repeat.until.slice(0, 4)));
      }
      repeating = rule;
      if (e.repeat.extra?.length) {
        repeating += `\r\nRDATE;TZID=${e.timeZone}:${e.repeat.extra.map((d) => compact(d, e.startTime)).join(',')}`;
      }
      if (e.repeat.excluded.length) {
        repeating += `\r\nEXDATE;TZID=${e.timeZone}:${e.repeat.excluded.map((d) => compact(d, e.startTime)).join(',')}`;
      }
    }
    calendar.createEvent({
      id: e.uid,
      sequence: e.sequence,
      stamp: input.stamp,
      timezone: e.timeZone,
      start,
      end,
      summary: cleanText(oneLine(e.summary)),
      description: e.description ? cleanText(e.description) : null,
      location: e.location ? cleanText(oneLine(e.location)) : null,
      url: e.url && /^https?:\/\//i.test(e.url) ? e.url : null,
      status: e.cancelled || input.method === 'CANCEL' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      organizer,
      attendees,
      repeating,
      recurrenceId: e.recurrenceDate ? at(e.recurrenceDate, e.recurrenceTime ?? e.startTime, e.timeZone) : null,
    });
  }
  const text = calendar.toString();
  return text.endsWith('\r\n') ? text : `${text}\r\n`;
}
