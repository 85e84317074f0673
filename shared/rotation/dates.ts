/**
 * Calendar-date arithmetic for the rotation engine.
 *
 * Dates are `YYYY-MM-DD` strings. Weeks are 7 calendar days counted on day numbers; months use
 * date-fns addMonths on a local Date set to NOON, so neither the process time zone nor a DST night
 * (which moves clocks around 00:00–04:00, never at noon) can move a date. (A UTC TZDate would do the
 * same but is ~50× slower, which matters for 10-year weekly schedules.) Term k of a grid starts at anchor + k·N months/weeks, always computed FROM THE ANCHOR (date-fns
 * addMonths clamps to the month end), so a 31 January anchor gives 29 Feb, 31 Mar, 30 Apr, 31 May…
 * and never drifts to the 28th/29th.
 */
import { addMonths } from 'date-fns';
import type { IsoDate } from './types';
import { DEFAULT_TIME_ZONE, localDate } from '../today';

export { DEFAULT_TIME_ZONE };

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** True for a real calendar date `YYYY-MM-DD` (rejects 2025-02-29, 2025-13-01). */
export function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== 'string') return false;
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1) return false;
  return d <= daysInMonth(y, mo);
}

function daysInMonth(year: number, month1: number): number {
  return new Date(Date.UTC(year, month1, 0)).getUTCDate();
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function parts(date: IsoDate): [number, number, number] {
  return [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
}

function toNoon(date: IsoDate): Date {
  const [y, m, d] = parts(date);
  const dt = new Date(y, m - 1, d, 12);
  if (y < 100) dt.setFullYear(y); // Date() maps years 0–99 to 1900–1999
  return dt;
}

/** Reads the calendar date in the Date's own zone (local for plain Dates, the zone for TZDate). */
function fromLocal(date: Date): IsoDate {
  return `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1, 2)}-${pad(date.getDate(), 2)}`;
}

/** Days since 1970-01-01; used for comparisons and for estimating a term index. */
export function dayNumber(date: IsoDate): number {
  const [y, m, d] = parts(date);
  return Math.round(Date.UTC(y, m - 1, d) / DAY_MS);
}

export function fromDayNumber(n: number): IsoDate {
  const dt = new Date(n * DAY_MS);
  const m = dt.getUTCMonth() + 1;
  const d = dt.getUTCDate();
  return `${pad(dt.getUTCFullYear(), 4)}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

/** Calendar months, clamped to the month end (31 Jan + 1 = 28/29 Feb). */
export function addCalendarMonths(date: IsoDate, months: number): IsoDate {
  return fromLocal(addMonths(toNoon(date), months));
}

export function addCalendarWeeks(date: IsoDate, weeks: number): IsoDate {
  return addCalendarDays(date, 7 * weeks);
}

export function addCalendarDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(dayNumber(date) + days);
}

export function maxDate(a: IsoDate, b: IsoDate): IsoDate {
  return a >= b ? a : b;
}

/**
 * The local calendar date of an instant in an IANA zone (default Europe/Helsinki). For callers that
 * hold UTC instants; the engine itself only sees local dates, so DST never matters to it.
 */
export function localDateOf(instant: Date | string | number, timeZone: string = DEFAULT_TIME_ZONE): IsoDate {
  return localDate(instant, timeZone);
}

/** A term grid: term k = [start(k), start(k+1)). Starts are cached because month clamping is not linear. */
export class TermGrid {
  private readonly cache = new Map<number, IsoDate>();
  private readonly anchorDay: number;
  private readonly anchorMonthOrdinal: number;

  constructor(
    readonly unit: 'months' | 'weeks',
    readonly length: number,
    readonly anchor: IsoDate,
  ) {
    this.anchorDay = dayNumber(anchor);
    const [y, m] = parts(anchor);
    this.anchorMonthOrdinal = y * 12 + (m - 1);
  }

  /** Start of term k (k may be negative: the grid extends backwards mathematically). */
  start(k: number): IsoDate {
    let s = this.cache.get(k);
    if (s === undefined) {
      s =
        this.unit === 'months'
          ? addCalendarMonths(this.anchor, k * this.length)
          : fromDayNumber(this.anchorDay + 7 * k * this.length);
      this.cache.set(k, s);
    }
    return s;
  }

  /** The k with start(k) <= date < start(k+1). */
  indexOf(date: IsoDate): number {
    let k: number;
    if (this.unit === 'weeks') {
      k = Math.floor((dayNumber(date) - this.anchorDay) / (7 * this.length));
    } else {
      const [y, m] = parts(date);
      k = Math.floor((y * 12 + (m - 1) - this.anchorMonthOrdinal) / this.length);
    }
    // The estimate is exact for weeks and off by at most one for months (clamped starts).
    while (this.start(k) > date) k--;
    while (this.start(k + 1) <= date) k++;
    return k;
  }

  /** The first term start on or after `date`. */
  firstStartOnOrAfter(date: IsoDate): IsoDate {
    const k = this.indexOf(date);
    const s = this.start(k);
    return s === date ? s : this.start(k + 1);
  }
}
