/**
 * Portfolio figures as functions of plain rows, so they can be checked against hand-computed fixtures.
 * Dates are calendar dates (YYYY-MM-DD), compared as strings.
 */

export const ATTENDED = ['present', 'remote'] as const;
export const COUNTED_ATTENDANCE = ['present', 'remote', 'excused', 'absent'] as const;

/**
 * Attendance rate: attended (present or remote) ÷ every recorded attendance (present, remote,
 * excused, absent). Rows with other statuses are ignored. Null when nothing was recorded.
 */
export function attendanceRate(statuses: readonly string[]): number | null {
  let attended = 0;
  let counted = 0;
  for (const s of statuses) {
    if ((COUNTED_ATTENDANCE as readonly string[]).includes(s)) counted++;
    if ((ATTENDED as readonly string[]).includes(s)) attended++;
  }
  return counted === 0 ? null : attended / counted;
}

/** The same calendar date `months` earlier (31 March − 1 month = 28/29 February). */
export function monthsBefore(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) - months;
  const year = Math.floor(total / 12);
  const month = total - year * 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The window "the last 12 months" as (from, to]: after the same day a year ago, up to today. */
export function last12Months(today: string): { after: string; until: string } {
  return { after: monthsBefore(today, 12), until: today };
}

export interface MeetingFact {
  date: string;
  status: string;
}

/** Held meetings in the last 12 months, the last held meeting and the next planned one. */
export function meetingFigures(meetings: readonly MeetingFact[], today: string) {
  const { after } = last12Months(today);
  let held12 = 0;
  let last: string | null = null;
  let next: string | null = null;
  for (const m of meetings) {
    if (m.status === 'held') {
      if (m.date > after && m.date <= today) held12++;
      if (m.date <= today && (last === null || m.date > last)) last = m.date;
    } else if (m.status === 'planned' && m.date >= today && (next === null || m.date < next)) {
      next = m.date;
    }
  }
  return { meetingsLast12Months: held12, lastMeeting: last, nextMeeting: next };
}

export interface MembershipFact {
  personId: string;
  fromDate: string | null;
  untilDate: string | null;
}

/** Members today: distinct people whose membership has begun and not ended. */
export function currentMemberCount(memberships: readonly MembershipFact[], today: string): number {
  const people = new Set<string>();
  for (const m of memberships) {
    if (m.fromDate && m.fromDate > today) continue;
    if (m.untilDate && m.untilDate < today) continue;
    people.add(m.personId);
  }
  return people.size;
}

export interface ActionFact {
  status: string;
  dueDate: string | null;
}

/** Open = open or in progress; overdue = open with a due date before today. */
export function actionFigures(actions: readonly ActionFact[], today: string) {
  let open = 0;
  let overdue = 0;
  for (const a of actions) {
    if (a.status !== 'open' && a.status !== 'in_progress') continue;
    open++;
    if (a.dueDate && a.dueDate < today) overdue++;
  }
  return { openActions: open, overdueActions: overdue };
}

/** Measures done ÷ measures that count: a dropped measure is neither done nor still to do. */
export function measureFigures(statuses: readonly string[]) {
  let done = 0;
  let total = 0;
  for (const s of statuses) {
    if (s === 'dropped') continue;
    total++;
    if (s === 'done') done++;
  }
  return { measuresDone: done, measuresTotal: total };
}

/** The latest value by period (periods sort as text: 2024, 2024-H1, 2024-Q3, 2024-05). */
export function latestValue<T extends { period: string; value: number }>(values: readonly T[]): T | null {
  let best: T | null = null;
  for (const v of values) if (best === null || v.period > best.period) best = v;
  return best;
}

/** The calendar days an indicator period covers (2021 → 2021-01-01…2021-12-31; 2022-H1, 2020-Q2, 2021-05 alike). */
export function periodRange(period: string): { from: string; to: string } {
  const [year, part] = period.split('-') as [string, string | undefined];
  const months = (first: number, last: number) => {
    const lastDay = new Date(Date.UTC(Number(year), last, 0)).getUTCDate();
    const mm = (m: number) => String(m).padStart(2, '0');
    return { from: `${year}-${mm(first)}-01`, to: `${year}-${mm(last)}-${lastDay}` };
  };
  if (!part) return months(1, 12);
  if (part === 'H1') return months(1, 6);
  if (part === 'H2') return months(7, 12);
  if (part.startsWith('Q')) {
    const q = Number(part.slice(1));
    return months(q * 3 - 2, q * 3);
  }
  return months(Number(part), Number(part));
}

/** Whether an indicator period lies at least partly within the calendar dates from…to. */
export function periodOverlaps(period: string, from: string, to: string): boolean {
  const r = periodRange(period);
  return r.from <= to && r.to >= from;
}
