// iCalendar export: meetings and chair terms as VEVENTs (ical-generator), open action items as VTODOs.
//
// Decisions:
// - ical-generator writes VEVENTs only, so VTODOs are written here; their lines go through ical-generator's
//   own exported `escape` and `foldLines`, so one implementation escapes and folds the whole file.
// - Local times are given as @date-fns/tz `TZDate`s, which ical-generator formats in the event's zone
//   (`DTSTART;TZID=Europe/Helsinki:20250312T090000`). A plain Date would be formatted in the zone of the
//   machine running the export.
// - VTIMEZONE is built from the runtime's tz data (Intl, via @date-fns/tz `tzScan`) as explicit transitions
//   (one STANDARD/DAYLIGHT onset each, no RRULE) for the years the calendar covers, plus one year either side.
//   That is exact for those years even if the EU drops DST later, whereas an open-ended RRULE would assert
//   a future rule. Clients that know the IANA name (all current ones) use their own data anyway.
// - All-day events (chair terms) take an inclusive end date, as people say it ("1.1.–31.12."); DTEND is the
//   exclusive next day RFC 5545 wants.
// - Caller text is cleaned (model.cleanText) and escaped; the calendar name is escaped here because
//   ical-generator writes NAME/X-WR-CALNAME verbatim. UIDs are restricted to a safe alphabet because
//   ical-generator writes UID verbatim too.

import ical, { escape as icalEscape, foldLines, ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { TZDate, tzOffset, tzScan } from '@date-fns/tz';
import { cleanText, oneLine } from './model';

export const DEFAULT_TIME_ZONE = 'Europe/Helsinki';

export interface CalendarDateTime {
  /** Local calendar date, YYYY-MM-DD. */
  date: string;
  /** Local wall-clock time, HH:MM (24 h). Leave out for a date-only (all-day) value. */
  time?: string;
}

export interface CalendarEventInput {
  /** Stable across exports (e.g. `meeting-<id>@painopiste`), so re-importing updates instead of duplicating. */
  uid: string;
  /** Raised by the caller on every change (RFC 5545 SEQUENCE). */
  sequence: number;
  summary: string;
  description?: string;
  location?: string;
  /** http(s) only, e.g. the online meeting link; anything else is rejected. */
  url?: string;
  start: CalendarDateTime;
  /** For timed events the end time (required with a time); for all-day events the last day, inclusive. */
  end?: CalendarDateTime;
  /** IANA zone of the local times; default Europe/Helsinki. */
  timeZone?: string;
  /** Date-only event (VALUE=DATE). Implied when `start.time` is missing. */
  allDay?: boolean;
  status?: 'confirmed' | 'cancelled' | 'tentative';
}

export interface CalendarTodoInput {
  uid: string;
  sequence: number;
  summary: string;
  description?: string;
  /** Due date, YYYY-MM-DD (DUE;VALUE=DATE). */
  due: string;
  status?: 'needs-action' | 'in-process' | 'completed' | 'cancelled';
  /** Completion date, YYYY-MM-DD; written as 12:00 UTC that day (COMPLETED must be UTC date-time), which is
   *  the same calendar date in every zone from UTC−11 to UTC+11. */
  completed?: string;
}

export interface CalendarInput {
  /** Calendar name shown by clients (X-WR-CALNAME / NAME). */
  name: string;
  events?: CalendarEventInput[];
  todos?: CalendarTodoInput[];
  /** DTSTAMP for every component; default now. Pass a fixed value for reproducible output. */
  stamp?: Date;
}

const UID_PATTERN = /^[A-Za-z0-9@._:+=/-]{1,255}$/;

interface YMD {
  year: number;
  month: number;
  day: number;
}

function parseDate(value: string, what: string): YMD {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) throw new RangeError(`ics: ${what} must be YYYY-MM-DD, got ${JSON.stringify(value)}`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    throw new RangeError(`ics: ${what} is not a calendar date: ${value}`);
  }
  return { year, month, day };
}

function parseTime(value: string, what: string): { hour: number; minute: number } {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(value);
  if (!match) throw new RangeError(`ics: ${what} must be HH:MM, got ${JSON.stringify(value)}`);
  return { hour: Number(match[1]), minute: Number(match[2]) };
}

function checkTimeZone(timeZone: string): string {
  // IANA names only: the TZID parameter is written unquoted.
  if (!/^[A-Za-z0-9_+\-/]{1,64}$/.test(timeZone)) throw new RangeError(`ics: bad time zone ${timeZone}`);
  try {
    new Intl.DateTimeFormat('en', { timeZone });
  } catch {
    throw new RangeError(`ics: unknown time zone ${timeZone}`);
  }
  return timeZone;
}

function checkUid(uid: string): string {
  if (!UID_PATTERN.test(uid)) throw new RangeError(`ics: UID must match ${UID_PATTERN}, got ${JSON.stringify(uid)}`);
  return uid;
}

function checkSequence(sequence: number): number {
  if (!Number.isInteger(sequence) || sequence < 0) throw new RangeError(`ics: SEQUENCE must be an integer ≥ 0`);
  return sequence;
}

function checkUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new RangeError(`ics: only http(s) URLs, got ${parsed.protocol}`);
  }
  // ical-generator backslash-escapes , ; \ in URL, which is wrong for a URI value; percent-encoding them
  // first keeps the link intact.
  return parsed.href.replace(/[,;\\]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const ymdCompact = (d: YMD) => `${pad(d.year, 4)}${pad(d.month)}${pad(d.day)}`;
const utcCompact = (d: Date) =>
  `${pad(d.getUTCFullYear(), 4)}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}T${pad(d.getUTCHours())}${pad(
    d.getUTCMinutes(),
  )}${pad(d.getUTCSeconds())}`;

/** Escaped TEXT value (ical-generator's escaper: \\ ; , and newlines). */
export function icsText(value: string): string {
  return icalEscape(cleanText(value), false);
}

// ---------------------------------------------------------------------------------------------------------
// VTIMEZONE from Intl

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}${pad(abs % 60)}`;
}

function abbreviation(timeZone: string, at: Date): string | null {
  const part = new Intl.DateTimeFormat('en-GB', { timeZone, timeZoneName: 'short' })
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName')?.value;
  // "EET"/"EEST" are worth writing; "GMT+3" says nothing TZOFFSETTO does not.
  return part && /^[A-Z]{2,6}$/.test(part) ? part : null;
}

/** tzScan finds the hour of each change; narrow it to the minute (a few zones change at :30). */
function exactChange(timeZone: string, hourAfter: Date, newOffset: number): Date {
  let lo = hourAfter.getTime() - 3_600_000;
  let hi = hourAfter.getTime();
  while (hi - lo > 60_000) {
    const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000;
    if (tzOffset(timeZone, new Date(mid)) === newOffset) hi = mid;
    else lo = mid;
  }
  return new Date(hi);
}

/** VTIMEZONE for `timeZone` with every offset change from 1 Jan `fromYear` to 31 Dec `toYear`. */
export function buildVTimezone(timeZone: string, fromYear: number, toYear: number): string {
  checkTimeZone(timeZone);
  const start = new Date(Date.UTC(fromYear, 0, 1));
  const end = new Date(Date.UTC(toYear + 1, 0, 1));
  const standardOffset = (year: number) =>
    Math.min(tzOffset(timeZone, new Date(Date.UTC(year, 0, 1))), tzOffset(timeZone, new Date(Date.UTC(year, 6, 1))));

  const component = (at: Date, from: number, to: number) => {
    const kind = to > standardOffset(at.getUTCFullYear()) ? 'DAYLIGHT' : 'STANDARD';
    // DTSTART of an onset is the local time just before it, in the offset being left (RFC 5545 3.6.5).
    const localBefore = new Date(at.getTime() + from * 60_000);
    const name = abbreviation(timeZone, at);
    return [
      `BEGIN:${kind}`,
      `DTSTART:${utcCompact(localBefore)}`,
      `TZOFFSETFROM:${formatOffset(from)}`,
      `TZOFFSETTO:${formatOffset(to)}`,
      ...(name ? [`TZNAME:${name}`] : []),
      `END:${kind}`,
    ];
  };

  const initial = tzOffset(timeZone, start);
  // The first component states the offset in force at the start of the covered range.
  const lines = ['BEGIN:VTIMEZONE', `TZID:${timeZone}`, ...component(start, initial, initial)];
  let previous = initial;
  for (const change of tzScan(timeZone, { start, end })) {
    const at = exactChange(timeZone, change.date, change.offset);
    lines.push(...component(at, previous, change.offset));
    previous = change.offset;
  }
  lines.push('END:VTIMEZONE');
  return lines.join('\r\n');
}

// ---------------------------------------------------------------------------------------------------------

const EVENT_STATUS = {
  confirmed: ICalEventStatus.CONFIRMED,
  cancelled: ICalEventStatus.CANCELLED,
  tentative: ICalEventStatus.TENTATIVE,
} as const;

const TODO_STATUS = {
  'needs-action': 'NEEDS-ACTION',
  'in-process': 'IN-PROCESS',
  completed: 'COMPLETED',
  cancelled: 'CANCELLED',
} as const;

function nextDay(d: YMD): Date {
  return new Date(Date.UTC(d.year, d.month - 1, d.day + 1));
}

function todoLines(todo: CalendarTodoInput, stamp: Date): string {
  const due = parseDate(todo.due, `todo ${todo.uid} due`);
  const lines = [
    'BEGIN:VTODO',
    `UID:${checkUid(todo.uid)}`,
    `SEQUENCE:${checkSequence(todo.sequence)}`,
    `DTSTAMP:${utcCompact(stamp)}Z`,
    `SUMMARY:${icsText(oneLine(todo.summary))}`,
  ];
  if (todo.description) lines.push(`DESCRIPTION:${icsText(todo.description)}`);
  lines.push(`DUE;VALUE=DATE:${ymdCompact(due)}`);
  lines.push(`STATUS:${TODO_STATUS[todo.status ?? 'needs-action']}`);
  if (todo.completed) {
    const done = parseDate(todo.completed, `todo ${todo.uid} completed`);
    lines.push(`COMPLETED:${utcCompact(new Date(Date.UTC(done.year, done.month - 1, done.day, 12)))}Z`);
    if (todo.status === 'completed') lines.push('PERCENT-COMPLETE:100');
  }
  lines.push('END:VTODO');
  return foldLines(lines.join('\r\n'));
}

/** The calendar as iCalendar text (CRLF line endings, lines folded at 75 octets). */
export function renderCalendar(input: CalendarInput): string {
  const stamp = input.stamp ?? new Date();
  if (Number.isNaN(stamp.getTime())) throw new RangeError('ics: invalid stamp');
  const events = input.events ?? [];
  const todos = input.todos ?? [];

  // Years each zone's VTIMEZONE must cover.
  const years = new Map<string, { min: number; max: number }>();
  const cover = (zone: string, year: number) => {
    const range = years.get(zone) ?? { min: year, max: year };
    years.set(zone, { min: Math.min(range.min, year), max: Math.max(range.max, year) });
  };

  const calendar = ical({
    prodId: { company: 'Painopiste', product: 'Painopiste', language: 'EN' },
    method: ICalCalendarMethod.PUBLISH,
    name: icsText(oneLine(input.name)),
    // No calendar-wide zone name: with one, ical-generator writes DTSTAMP as local time without Z. The
    // generator still runs for every zone the events use.
    timezone: {
      name: null,
      generator: (zone) => {
        const range = years.get(zone);
        return range ? buildVTimezone(zone, range.min - 1, range.max + 1) : null;
      },
    },
  });

  for (const event of events) {
    const timeZone = checkTimeZone(event.timeZone ?? DEFAULT_TIME_ZONE);
    const startDate = parseDate(event.start.date, `event ${event.uid} start`);
    const allDay = event.allDay === true || event.start.time === undefined;
    const common = {
      id: checkUid(event.uid),
      sequence: checkSequence(event.sequence),
      stamp,
      summary: cleanText(oneLine(event.summary)),
      description: event.description ? cleanText(event.description) : null,
      location: event.location ? cleanText(event.location) : null,
      url: event.url ? checkUrl(event.url) : null,
      status: event.status ? EVENT_STATUS[event.status] : null,
    };
    if (allDay) {
      const last = event.end ? parseDate(event.end.date, `event ${event.uid} end`) : startDate;
      calendar.createEvent({
        ...common,
        allDay: true,
        // Date-only values are formatted in UTC when the event has no zone, so UTC midnights give exact dates.
        start: new Date(Date.UTC(startDate.year, startDate.month - 1, startDate.day)),
        end: nextDay(last),
      });
    } else {
      const startTime = parseTime(event.start.time ?? '', `event ${event.uid} start`);
      const start = new TZDate(startDate.year, startDate.month - 1, startDate.day, startTime.hour, startTime.minute, timeZone);
      let end: TZDate | null = null;
      if (event.end) {
        if (event.end.time === undefined) throw new RangeError(`ics: event ${event.uid} end needs a time`);
        const endDate = parseDate(event.end.date, `event ${event.uid} end`);
        const endTime = parseTime(event.end.time, `event ${event.uid} end`);
        end = new TZDate(endDate.year, endDate.month - 1, endDate.day, endTime.hour, endTime.minute, timeZone);
        if (end.getTime() < start.getTime()) throw new RangeError(`ics: event ${event.uid} ends before it starts`);
        cover(timeZone, endDate.year);
      }
      cover(timeZone, startDate.year);
      calendar.createEvent({ ...common, timezone: timeZone, start, end });
    }
  }

  const generated = calendar.toString();
  const todoText = todos.map((todo) => `${todoLines(todo, stamp)}\r\n`).join('');
  // ical-generator ends with "END:VCALENDAR" and no line break; RFC 5545 ends every line with CRLF.
  if (!generated.endsWith('END:VCALENDAR')) throw new Error('ics: unexpected ical-generator output');
  return `${generated.slice(0, -'END:VCALENDAR'.length)}${todoText}END:VCALENDAR\r\n`;
}
