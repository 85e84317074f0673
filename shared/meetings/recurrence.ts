/**
 * Meeting series: recurrence rules, occurrence generation and series editing (pure, no I/O).
 *
 * Occurrences are computed on calendar dates only; the wall time and zone are applied afterwards,
 * so a 10:00 meeting stays 10:00 local on both sides of a DST change (its UTC instant moves by 1 h).
 *
 * Rules (`interval` defaults to 1 everywhere):
 *   { freq: 'weekly', interval, weekday }                every `interval` weeks on ISO `weekday` (1 = Mon)
 *   { freq: 'monthly_nth_weekday', interval?, nth, weekday }  nth = 1..5 or -1 (last); months without
 *        a 5th such weekday are skipped (as RFC 5545 BYDAY=5MO does) and do not count towards `count`
 *   { freq: 'monthly_day', interval?, day }              day 1..31, CLAMPED to the month's end
 *        (day 31 → 30 Apr, 28/29 Feb): a group meeting "on the 31st" means "at month end", and
 *        silently skipping months would surprise. (RFC equivalent: BYMONTHDAY=28..31;BYSETPOS=-1.)
 * The first occurrence is the first matching date on or after `startDate`; the interval counts from
 * that first occurrence (its week or month). Export as RRULE with DTSTART = first occurrence.
 *
 * Range: { startDate, until? (inclusive), count? } — exactly one of `until` and `count`; at most
 * MAX_OCCURRENCES (500) occurrences either way.
 *
 * API
 *   MAX_OCCURRENCES
 *   validateRule(rule): string[]                         i18n keys ('meetings.series.*'), [] if valid
 *   validateSeries(rule, range): string[]                rule + range (+ the 500 cap for `until`)
 *   generateOccurrences(rule, range): string[]           dates; throws MeetingsInputError if invalid
 *   occurrenceInstants(rule, range, { startTime, endTime?, zone? }): OccurrenceInstant[]
 *   periodKey(rule, date): string                        the week / month an occurrence belongs to
 *   splitSeries(series, fromDate): { head, tail }        cut a series for "this and following"
 *   planOccurrenceEdit(occurrence, changes)              "this occurrence only" → one update, detached
 *   planFollowingEdit(existing, fromDate, newTail|null)  "this and following" → create/update/cancel
 *
 * Editing rules (see planFollowingEdit): held meetings are never touched; detached occurrences (edited
 * one by one) keep their own edits; planned occurrences whose date the new rule still produces are
 * updated in place (id, agenda and iCalendar UID survive); one that the new rule moves within the same
 * week/month is moved rather than cancelled+created; the rest are cancelled (never deleted).
 */
import {
  addDays,
  daysInMonth,
  DEFAULT_ZONE,
  formatDate,
  fromDayNumber,
  isCalendarDate,
  isoWeekday,
  isTimeZone,
  isWallTime,
  MeetingsInputError,
  parseDate,
  toDayNumber,
  toInstant,
  type CalendarDate,
  type WallTime,
} from './time';

export const MAX_OCCURRENCES = 500;
export const MAX_INTERVAL = 99;

/** ISO weekday, Monday = 1 … Sunday = 7. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;
export type NthWeekday = 1 | 2 | 3 | 4 | 5 | -1;

export type RecurrenceRule =
  | { freq: 'weekly'; interval?: number; weekday: IsoWeekday }
  | { freq: 'monthly_nth_weekday'; interval?: number; nth: NthWeekday; weekday: IsoWeekday }
  | { freq: 'monthly_day'; interval?: number; day: number };

export interface SeriesRange {
  startDate: CalendarDate;
  /** Inclusive last possible date. */
  until?: CalendarDate | null;
  count?: number | null;
}

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

export function validateRule(rule: RecurrenceRule): string[] {
  const errors: string[] = [];
  const r = rule as Partial<Record<string, unknown>>;
  if (r.interval !== undefined && !(isInt(r.interval) && r.interval >= 1 && r.interval <= MAX_INTERVAL)) {
    errors.push('meetings.series.invalidInterval');
  }
  switch (rule.freq) {
    case 'weekly':
      if (!(isInt(r.weekday) && r.weekday >= 1 && r.weekday <= 7)) errors.push('meetings.series.invalidWeekday');
      break;
    case 'monthly_nth_weekday':
      if (!(isInt(r.weekday) && r.weekday >= 1 && r.weekday <= 7)) errors.push('meetings.series.invalidWeekday');
      if (!(isInt(r.nth) && ((r.nth >= 1 && r.nth <= 5) || r.nth === -1))) errors.push('meetings.series.invalidNth');
      break;
    case 'monthly_day':
      if (!(isInt(r.day) && r.day >= 1 && r.day <= 31)) errors.push('meetings.series.invalidDay');
      break;
    default:
      errors.push('meetings.series.invalidFrequency');
  }
  return errors;
}

export function validateSeries(rule: RecurrenceRule, range: SeriesRange): string[] {
  const errors = validateRule(rule);
  if (!isCalendarDate(range.startDate)) errors.push('meetings.series.invalidStartDate');
  const hasUntil = range.until !== undefined && range.until !== null;
  const hasCount = range.count !== undefined && range.count !== null;
  if (hasUntil && hasCount) errors.push('meetings.series.untilAndCount');
  if (!hasUntil && !hasCount) errors.push('meetings.series.endRequired');
  if (hasUntil) {
    if (!isCalendarDate(range.until)) errors.push('meetings.series.invalidUntil');
    else if (isCalendarDate(range.startDate) && range.until! < range.startDate) {
      errors.push('meetings.series.untilBeforeStart');
    }
  }
  if (hasCount) {
    if (!isInt(range.count) || range.count < 1) errors.push('meetings.series.invalidCount');
    else if (range.count > MAX_OCCURRENCES) errors.push('meetings.series.countTooLarge');
  }
  if (errors.length === 0) {
    // Only now is generation safe; it tells whether `until` is too far or yields nothing.
    const dates = rawOccurrences(
      rule,
      range.startDate,
      hasUntil ? range.until! : null,
      hasCount ? range.count! : null,
      MAX_OCCURRENCES + 1,
    );
    if (dates.length > MAX_OCCURRENCES) errors.push('meetings.series.tooManyOccurrences');
    else if (dates.length === 0) errors.push('meetings.series.noOccurrences');
  }
  return errors;
}

/** Date of the nth (1..5, -1 = last) ISO weekday in a month, or null when the month has no such day. */
function nthWeekdayOfMonth(year: number, month: number, nth: number, weekday: number): CalendarDate | null {
  const last = daysInMonth(year, month);
  if (nth === -1) {
    const lastDate = formatDate({ year, month, day: last });
    const back = (isoWeekday(lastDate) - weekday + 7) % 7;
    return formatDate({ year, month, day: last - back });
  }
  const firstWeekday = isoWeekday(formatDate({ year, month, day: 1 }));
  const day = 1 + ((weekday - firstWeekday + 7) % 7) + (nth - 1) * 7;
  return day <= last ? formatDate({ year, month, day }) : null;
}

function monthlyDate(rule: RecurrenceRule, year: number, month: number): CalendarDate | null {
  if (rule.freq === 'monthly_day') {
    return formatDate({ year, month, day: Math.min(rule.day, daysInMonth(year, month)) });
  }
  if (rule.freq === 'monthly_nth_weekday') return nthWeekdayOfMonth(year, month, rule.nth, rule.weekday);
  return null;
}

const LAST_YEAR = 9999;

/** Generation without validation; stops at `limit` dates so callers can detect "too many". */
function rawOccurrences(
  rule: RecurrenceRule,
  startDate: CalendarDate,
  until: CalendarDate | null,
  count: number | null,
  limit: number,
): CalendarDate[] {
  const out: CalendarDate[] = [];
  const max = Math.min(limit, count ?? limit);
  const interval = rule.interval ?? 1;
  const accept = (d: CalendarDate): boolean => {
    if (until !== null && d > until) return false;
    out.push(d);
    return out.length < max;
  };

  if (rule.freq === 'weekly') {
    const lastDay = toDayNumber(`${LAST_YEAR}-12-31`);
    let n = toDayNumber(startDate) + ((rule.weekday - isoWeekday(startDate) + 7) % 7);
    while (n <= lastDay && accept(fromDayNumber(n))) n += 7 * interval;
    return out;
  }

  const start = parseDate(startDate);
  // Month index = year * 12 + (month − 1). Find the anchor: the first month whose date is ≥ start.
  let m = start.year * 12 + (start.month - 1);
  const lastMonth = LAST_YEAR * 12 + 11;
  let anchored = false;
  while (!anchored && m <= lastMonth) {
    const d = monthlyDate(rule, Math.floor(m / 12), (m % 12) + 1);
    if (d !== null && d >= startDate) anchored = true;
    else m += 1;
  }
  // The interval counts from the anchor month; months lacking an nth weekday are skipped.
  for (; anchored && m <= lastMonth; m += interval) {
    const d = monthlyDate(rule, Math.floor(m / 12), (m % 12) + 1);
    if (d === null) continue;
    if (!accept(d)) break;
  }
  return out;
}

/** The series' occurrence dates in order. Throws MeetingsInputError (i18n keys) for an invalid series. */
export function generateOccurrences(rule: RecurrenceRule, range: SeriesRange): CalendarDate[] {
  const errors = validateSeries(rule, range).filter((k) => k !== 'meetings.series.noOccurrences');
  if (errors.length) throw new MeetingsInputError(errors);
  return rawOccurrences(rule, range.startDate, range.until ?? null, range.count ?? null, MAX_OCCURRENCES);
}

export interface OccurrenceTime {
  startTime: WallTime;
  endTime?: WallTime | null;
  zone?: string;
}

export interface OccurrenceInstant {
  date: CalendarDate;
  startTime: WallTime;
  endTime: WallTime | null;
  zone: string;
  start: Date;
  end: Date | null;
}

/** Occurrence dates paired with the series' wall time in its zone (see toInstant for gaps/overlaps). */
export function occurrenceInstants(rule: RecurrenceRule, range: SeriesRange, time: OccurrenceTime): OccurrenceInstant[] {
  const zone = time.zone ?? DEFAULT_ZONE;
  const errors: string[] = [];
  if (!isWallTime(time.startTime)) errors.push('meetings.time.invalidStart');
  if (time.endTime != null && !isWallTime(time.endTime)) errors.push('meetings.time.invalidEnd');
  if (!isTimeZone(zone)) errors.push('meetings.time.invalidZone');
  if (errors.length) throw new MeetingsInputError(errors);
  const endTime = time.endTime ?? null;
  return generateOccurrences(rule, range).map((date) => ({
    date,
    startTime: time.startTime,
    endTime,
    zone,
    start: toInstant(date, time.startTime, zone),
    end: endTime === null ? null : toInstant(date, endTime, zone),
  }));
}

/**
 * The period an occurrence belongs to: the Monday of its ISO week for weekly rules, 'YYYY-MM' for
 * monthly ones. A series edit moves (rather than cancels) an occurrence within its period.
 */
export function periodKey(rule: RecurrenceRule, date: CalendarDate): string {
  if (rule.freq === 'weekly') return addDays(date, 1 - isoWeekday(date));
  return date.slice(0, 7);
}

// ───────────────────────────── series editing ─────────────────────────────

export type MeetingStatus = 'planned' | 'held' | 'cancelled' | 'moved';

/** A series with its meeting time; what a series row stores. */
export interface SeriesDefinition extends SeriesRange {
  rule: RecurrenceRule;
  startTime: WallTime;
  endTime: WallTime;
  zone: string;
}

/** An existing meeting generated by a series. */
export interface SeriesOccurrence {
  id: string;
  /** The date the rule generated it for (iCalendar RECURRENCE-ID); unchanged when moved individually. */
  originalDate: CalendarDate;
  date: CalendarDate;
  startTime: WallTime;
  endTime: WallTime;
  zone: string;
  status: MeetingStatus;
  /** Edited individually ("this occurrence"); series edits leave it alone. */
  detached: boolean;
}

export type OccurrenceChanges = Partial<
  Pick<SeriesOccurrence, 'originalDate' | 'date' | 'startTime' | 'endTime' | 'zone' | 'status' | 'detached'>
>;

export interface OccurrenceUpdate {
  id: string;
  changes: OccurrenceChanges;
}

export interface NewOccurrence {
  originalDate: CalendarDate;
  date: CalendarDate;
  startTime: WallTime;
  endTime: WallTime;
  zone: string;
  status: 'planned';
  detached: false;
}

export interface SeriesEditPlan {
  create: NewOccurrence[];
  /** Only fields that change. */
  update: OccurrenceUpdate[];
  /** Ids to set to status 'cancelled' (rows are never deleted). */
  cancel: string[];
  /** Occurrences on/after the split that the edit leaves alone, and why (for the UI to tell the user). */
  keep: Array<{ id: string; reason: 'held' | 'detached' }>;
}

export type PlanResult<T> = { ok: true; plan: T } | { ok: false; errors: string[] };

/**
 * Cuts a series at `fromDate` for "this and following".
 * head: the same rule ending the day before the tail's first occurrence (`count` becomes `until`), or
 *       null when nothing of the series lies before `fromDate`.
 * tail: the same rule starting at the first occurrence on/after `fromDate` (so an every-N-weeks rule
 *       keeps its phase), with the remaining `count` or the same `until`; null when nothing is left.
 */
export function splitSeries(
  series: SeriesDefinition,
  fromDate: CalendarDate,
): { head: SeriesDefinition | null; tail: SeriesDefinition | null } {
  if (!isCalendarDate(fromDate)) throw new MeetingsInputError(['meetings.series.invalidSplitDate']);
  const dates = generateOccurrences(series.rule, series);
  const before = dates.filter((d) => d < fromDate);
  const after = dates.filter((d) => d >= fromDate);
  const first = after[0];
  const head: SeriesDefinition | null =
    before.length === 0 ? null : { ...series, until: addDays(first ?? addDays(before[before.length - 1]!, 1), -1), count: null };
  const tail: SeriesDefinition | null =
    first === undefined
      ? null
      : {
          ...series,
          startDate: first,
          until: series.until ?? null,
          count: series.count != null ? after.length : null,
        };
  return { head, tail };
}

/**
 * "This occurrence only": the occurrence gets `changes` and becomes detached, so later series edits
 * leave it alone. A held meeting's date and time are history and are refused.
 */
export function planOccurrenceEdit(occurrence: SeriesOccurrence, changes: OccurrenceChanges): PlanResult<OccurrenceUpdate> {
  if (occurrence.status === 'held') return { ok: false, errors: ['meetings.series.heldUnchangeable'] };
  const errors: string[] = [];
  if (changes.date !== undefined && !isCalendarDate(changes.date)) errors.push('meetings.time.invalidDate');
  if (changes.startTime !== undefined && !isWallTime(changes.startTime)) errors.push('meetings.time.invalidStart');
  if (changes.endTime !== undefined && !isWallTime(changes.endTime)) errors.push('meetings.time.invalidEnd');
  if (changes.zone !== undefined && !isTimeZone(changes.zone)) errors.push('meetings.time.invalidZone');
  const start = changes.startTime ?? occurrence.startTime;
  const end = changes.endTime ?? occurrence.endTime;
  if (errors.length === 0 && end <= start) errors.push('meetings.time.endNotAfterStart');
  if (errors.length) return { ok: false, errors };
  const diff: OccurrenceChanges = {};
  for (const [k, v] of Object.entries({ ...changes, detached: true }) as Array<[keyof OccurrenceChanges, never]>) {
    // originalDate stays: it is the occurrence's identity within the series (RECURRENCE-ID).
    if (k !== 'originalDate' && v !== undefined && occurrence[k] !== v) diff[k] = v;
  }
  return { ok: true, plan: { id: occurrence.id, changes: diff } };
}

/**
 * "This and following": what to create, update and cancel so the occurrences on/after `fromDate`
 * follow `newTail` (the tail from splitSeries with the user's changes), or end there when newTail is
 * null. Occurrences before `fromDate` (by originalDate) are not looked at.
 *
 * - held: never touched; listed in `keep`.
 * - detached: keeps its own edits; listed in `keep`.
 *   Both stay their date's (else their week's/month's) meeting: no new occurrence is created for it.
 * - other occurrences whose original date the new rule produces: updated to the new time/zone
 *   (a cancelled one that the rule produces again is re-planned, keeping its id and calendar UID).
 * - other planned/moved occurrences not produced: moved to a new date in the same week (weekly) or
 *   month (monthly) when there is one, else cancelled.
 * - new dates not covered: created.
 */
export function planFollowingEdit(
  existing: readonly SeriesOccurrence[],
  fromDate: CalendarDate,
  newTail: SeriesDefinition | null,
): PlanResult<SeriesEditPlan> {
  const errors: string[] = [];
  if (!isCalendarDate(fromDate)) errors.push('meetings.series.invalidSplitDate');
  if (newTail) {
    errors.push(...validateSeries(newTail.rule, newTail).filter((k) => k !== 'meetings.series.noOccurrences'));
    if (!isWallTime(newTail.startTime)) errors.push('meetings.time.invalidStart');
    if (!isWallTime(newTail.endTime)) errors.push('meetings.time.invalidEnd');
    if (isWallTime(newTail.startTime) && isWallTime(newTail.endTime) && newTail.endTime <= newTail.startTime) {
      errors.push('meetings.time.endNotAfterStart');
    }
    if (!isTimeZone(newTail.zone)) errors.push('meetings.time.invalidZone');
    if (isCalendarDate(fromDate) && isCalendarDate(newTail.startDate) && newTail.startDate < fromDate) {
      errors.push('meetings.series.tailStartsBeforeSplit');
    }
  }
  if (errors.length) return { ok: false, errors };

  const plan: SeriesEditPlan = { create: [], update: [], cancel: [], keep: [] };
  const affected = existing
    .filter((o) => o.originalDate >= fromDate)
    .slice()
    .sort((a, b) => (a.originalDate < b.originalDate ? -1 : a.originalDate > b.originalDate ? 1 : a.id < b.id ? -1 : 1));

  const newDates = newTail ? generateOccurrences(newTail.rule, newTail) : [];
  const wanted = new Set(newDates);
  const taken = new Set<CalendarDate>();
  const followers: SeriesOccurrence[] = [];

  for (const o of affected) {
    if (o.status === 'held' || o.detached) {
      plan.keep.push({ id: o.id, reason: o.status === 'held' ? 'held' : 'detached' });
      taken.add(o.originalDate);
    } else {
      followers.push(o);
    }
  }

  const target = (date: CalendarDate): Omit<NewOccurrence, 'status' | 'detached'> => ({
    originalDate: date,
    date,
    startTime: newTail!.startTime,
    endTime: newTail!.endTime,
    zone: newTail!.zone,
  });
  const pushUpdate = (o: SeriesOccurrence, want: OccurrenceChanges): void => {
    const changes: OccurrenceChanges = {};
    for (const [k, v] of Object.entries(want) as Array<[keyof OccurrenceChanges, never]>) {
      if (o[k] !== v) changes[k] = v;
    }
    if (Object.keys(changes).length > 0) plan.update.push({ id: o.id, changes });
  };

  // 1. Same date still produced → update in place.
  const leftovers: SeriesOccurrence[] = [];
  for (const o of followers) {
    if (wanted.has(o.originalDate) && !taken.has(o.originalDate)) {
      taken.add(o.originalDate);
      pushUpdate(o, { ...target(o.originalDate), status: 'planned' });
    } else {
      leftovers.push(o);
    }
  }

  // 2. Free new dates by period. A kept (held/detached) occurrence whose own date the new rule no
  //    longer produces still is that period's meeting, so it uses up one free date of its period.
  const freeByPeriod = new Map<string, CalendarDate[]>();
  if (newTail) {
    for (const d of newDates) {
      if (taken.has(d)) continue;
      const key = periodKey(newTail.rule, d);
      const list = freeByPeriod.get(key) ?? [];
      list.push(d);
      freeByPeriod.set(key, list);
    }
    for (const o of affected) {
      if ((o.status === 'held' || o.detached) && !wanted.has(o.originalDate)) {
        const slot = freeByPeriod.get(periodKey(newTail.rule, o.originalDate))?.shift();
        if (slot !== undefined) taken.add(slot);
      }
    }
  }

  // 3. Leftover live occurrences move to a free new date in the same period, in date order.
  for (const o of leftovers) {
    if (o.status === 'cancelled') continue; // already out of the way; nothing to do
    const slot = newTail ? freeByPeriod.get(periodKey(newTail.rule, o.originalDate))?.shift() : undefined;
    if (slot !== undefined) {
      taken.add(slot);
      pushUpdate(o, { ...target(slot), status: 'planned' });
    } else {
      plan.cancel.push(o.id);
    }
  }

  // 4. Whatever the rule produces and nothing covers is created.
  for (const d of newDates) {
    if (!taken.has(d)) plan.create.push({ ...target(d), status: 'planned', detached: false });
  }
  return { ok: true, plan };
}
