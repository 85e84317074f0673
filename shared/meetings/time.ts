/**
 * Meeting time: calendar dates, local wall times and IANA zones (pure, no I/O).
 *
 * A meeting's time is stored as `date` ('YYYY-MM-DD') + `startTime`/`endTime` ('HH:MM', local wall
 * clock) + `zone` (IANA name, default 'Europe/Helsinki'). Instants (`Date`) are derived only when
 * needed (iCalendar export, "is it now?", the live timer), so a series meeting at 10:00 stays at 10:00
 * across daylight-saving changes.
 *
 * API
 *   DEFAULT_ZONE                                   'Europe/Helsinki'
 *   isCalendarDate(v) / isWallTime(v) / isTimeZone(v)         type guards for input checks
 *   toInstant(date, time, zone = DEFAULT_ZONE): Date
 *       Wall time that does not exist (spring-forward gap, e.g. 03:00–03:59 in Helsinki on the last
 *       Sunday of March) is shifted forward by the length of the gap (03:30 → 04:30 EEST).
 *       Wall time that happens twice (autumn, 03:00–03:59 in Helsinki on the last Sunday of October)
 *       resolves to the first, earlier occurrence (still summer time, UTC+3).
 *       This is RFC 5545 §3.3.5 and Temporal's `disambiguation: 'compatible'`, i.e. what calendar
 *       clients reading our iCalendar export will do too.
 *   fromInstant(instant, zone = DEFAULT_ZONE): { date, time }   (seconds are dropped)
 *   addMinutesWall(time, minutes): 'HH:MM'          clock arithmetic, wraps past midnight
 *   durationMinutes(start, end): number             end − start on the wall clock (≤ 0 = invalid)
 *   realDurationMinutes(date, start, end, zone): number   elapsed real minutes (differs on DST days)
 *   todayIn(zone = DEFAULT_ZONE, now = new Date()): 'YYYY-MM-DD'
 *   validateMeetingTime({ date, startTime, endTime, zone }): string[]   i18n keys, [] when valid
 *   Calendar-date helpers (UTC day numbers, so no zone ever shifts a date):
 *   parseDate, formatDate, toDayNumber, fromDayNumber, addDays, diffDays, isoWeekday, daysInMonth,
 *   wallToMinutes, minutesToWall.
 *   MeetingsInputError: thrown (with i18n keys) when a function gets malformed input.
 */
import { DEFAULT_TIME_ZONE, todayIn } from '../today';
import { TZDate, tzOffset } from '@date-fns/tz';

export const DEFAULT_ZONE = DEFAULT_TIME_ZONE;

/** 'YYYY-MM-DD' */
export type CalendarDate = string;
/** 'HH:MM', 00:00–23:59 */
export type WallTime = string;

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const MINUTES_PER_DAY = 1440;

/** Thrown for malformed input; `keys` are i18n keys so the UI can show them as they are. */
export class MeetingsInputError extends RangeError {
  constructor(readonly keys: string[]) {
    super(keys.join(', '));
    this.name = 'MeetingsInputError';
  }
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;

export function isCalendarDate(value: unknown): value is CalendarDate {
  if (typeof value !== 'string') return false;
  const m = DATE_RE.exec(value);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

export function isWallTime(value: unknown): value is WallTime {
  return typeof value === 'string' && TIME_RE.test(value);
}

const zoneCache = new Map<string, boolean>();
export function isTimeZone(value: unknown): value is string {
  if (typeof value !== 'string' || value === '') return false;
  let ok = zoneCache.get(value);
  if (ok === undefined) {
    try {
      // Intl is the authority on which zones the runtime's tz database knows.
      new Intl.DateTimeFormat('en', { timeZone: value });
      ok = true;
    } catch {
      ok = false;
    }
    zoneCache.set(value, ok);
  }
  return ok;
}

export interface DateParts {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
}

export function parseDate(date: CalendarDate): DateParts {
  if (!isCalendarDate(date)) throw new MeetingsInputError(['meetings.time.invalidDate']);
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)), day: Number(date.slice(8, 10)) };
}

export function formatDate({ year, month, day }: DateParts): CalendarDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function daysInMonth(year: number, month: number): number {
  // Day 0 of the next month is the last day of this one; UTC so no zone is involved.
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Days since 1970-01-01; calendar arithmetic on integers is immune to DST. */
export function toDayNumber(date: CalendarDate): number {
  const { year, month, day } = parseDate(date);
  const ms = new Date(0).setUTCFullYear(year, month - 1, day);
  return Math.round(ms / DAY_MS);
}

export function fromDayNumber(dayNumber: number): CalendarDate {
  const d = new Date(dayNumber * DAY_MS);
  return formatDate({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() });
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/** b − a in days. */
export function diffDays(a: CalendarDate, b: CalendarDate): number {
  return toDayNumber(b) - toDayNumber(a);
}

/** ISO weekday: Monday = 1 … Sunday = 7. */
export function isoWeekday(date: CalendarDate): number {
  // 1970-01-01 was a Thursday (4).
  return ((((toDayNumber(date) + 3) % 7) + 7) % 7) + 1;
}

export function wallToMinutes(time: WallTime): number {
  const m = TIME_RE.exec(time);
  if (!m) throw new MeetingsInputError(['meetings.time.invalidTime']);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** Minutes of day → 'HH:MM'; wraps modulo 24 h. */
export function minutesToWall(minutes: number): WallTime {
  const m = ((Math.floor(minutes) % MINUTES_PER_DAY) + MINUTES_PER_DAY) % MINUTES_PER_DAY;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

function offsetMinutes(zone: string, instantMs: number): number {
  return tzOffset(zone, new Date(instantMs));
}

/**
 * The instant at which the wall clock in `zone` shows `date` `time`.
 * Gap → shifted forward by the gap's length; overlap → the earlier instant (see header).
 */
export function toInstant(date: CalendarDate, time: WallTime, zone: string = DEFAULT_ZONE): Date {
  const errors: string[] = [];
  if (!isCalendarDate(date)) errors.push('meetings.time.invalidDate');
  if (!isWallTime(time)) errors.push('meetings.time.invalidTime');
  if (!isTimeZone(zone)) errors.push('meetings.time.invalidZone');
  if (errors.length) throw new MeetingsInputError(errors);

  const { year, month, day } = parseDate(date);
  const minutes = wallToMinutes(time);
  // The wall reading as if it were UTC; the real instant is this minus the zone's offset then.
  const wallMs = new Date(0).setUTCFullYear(year, month - 1, day) + minutes * MINUTE_MS;

  // Offsets in force around this wall time; at most one transition lies within a day of it.
  const before = offsetMinutes(zone, wallMs - DAY_MS);
  const after = offsetMinutes(zone, wallMs + DAY_MS);
  const candidates = new Set<number>([before, after]);
  for (const o of [before, after]) candidates.add(offsetMinutes(zone, wallMs - o * MINUTE_MS));

  const matches: number[] = [];
  for (const o of candidates) {
    const instant = wallMs - o * MINUTE_MS;
    if (offsetMinutes(zone, instant) === o) matches.push(instant);
  }
  if (matches.length > 0) {
    // Two matches = the wall time happens twice (autumn); the earlier one is the first occurrence.
    return new Date(Math.min(...matches));
  }
  // No match = the wall time falls in a gap. Reading it with the offset in force before the gap
  // lands the same distance past the gap's end, e.g. 03:30 → 04:30 in Helsinki.
  return new Date(wallMs - before * MINUTE_MS);
}

export interface WallDateTime {
  date: CalendarDate;
  time: WallTime;
}

/** The wall-clock date and time in `zone` at `instant` (seconds dropped). */
export function fromInstant(instant: Date, zone: string = DEFAULT_ZONE): WallDateTime {
  if (!isTimeZone(zone)) throw new MeetingsInputError(['meetings.time.invalidZone']);
  if (Number.isNaN(instant.getTime())) throw new MeetingsInputError(['meetings.time.invalidInstant']);
  const t = new TZDate(instant.getTime(), zone);
  return {
    date: formatDate({ year: t.getFullYear(), month: t.getMonth() + 1, day: t.getDate() }),
    time: `${String(t.getHours()).padStart(2, '0')}:${String(t.getMinutes()).padStart(2, '0')}`,
  };
}

/**
 * Clock arithmetic on a wall time. Wraps past midnight (23:30 + 60 → 00:30) because a meeting lives
 * within one day; callers that care (agenda timing) check the minute offset themselves.
 */
export function addMinutesWall(time: WallTime, minutes: number): WallTime {
  return minutesToWall(wallToMinutes(time) + minutes);
}

/**
 * Wall-clock length of a meeting: end − start in minutes. Zero or negative means the end is not
 * after the start, which `validateMeetingTime` reports. On a DST day the real elapsed time may
 * differ by an hour (see `realDurationMinutes`); agendas plan against the wall clock people see.
 */
export function durationMinutes(start: WallTime, end: WallTime): number {
  return wallToMinutes(end) - wallToMinutes(start);
}

/** Real elapsed minutes between start and end on `date` in `zone` (a DST day shows the difference). */
export function realDurationMinutes(date: CalendarDate, start: WallTime, end: WallTime, zone: string = DEFAULT_ZONE): number {
  return (toInstant(date, end, zone).getTime() - toInstant(date, start, zone).getTime()) / MINUTE_MS;
}

/** Today's calendar date in `zone`: the one implementation in shared/today.ts. */
export { todayIn };

export interface MeetingTimeInput {
  date: unknown;
  startTime: unknown;
  endTime: unknown;
  zone?: unknown;
}

/** Checks a meeting's time fields; returns i18n keys, [] when valid. */
export function validateMeetingTime(input: MeetingTimeInput): string[] {
  const errors: string[] = [];
  if (!isCalendarDate(input.date)) errors.push('meetings.time.invalidDate');
  const startOk = isWallTime(input.startTime);
  const endOk = isWallTime(input.endTime);
  if (!startOk) errors.push('meetings.time.invalidStart');
  if (!endOk) errors.push('meetings.time.invalidEnd');
  if (input.zone !== undefined && !isTimeZone(input.zone)) errors.push('meetings.time.invalidZone');
  if (startOk && endOk && durationMinutes(input.startTime as string, input.endTime as string) <= 0) {
    errors.push('meetings.time.endNotAfterStart');
  }
  return errors;
}
