/**
 * The one "today" of Painopiste: the calendar date of an instant in the configured time zone (settings,
 * default Europe/Helsinki). The backend (`today(ctx)` in electron/backend/services/app.ts) and the
 * renderer (`useToday()` in renderer/ui/today.ts) both call it, so between midnight and 02:00/03:00 in
 * Helsinki neither believes it is still yesterday (as taking the UTC date would).
 */
export const DEFAULT_TIME_ZONE = 'Europe/Helsinki';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The calendar date (YYYY-MM-DD) of `instant` in `timeZone`. */
export function localDate(instant: Date | string | number, timeZone: string = DEFAULT_TIME_ZONE): string {
  const parts = formatter(timeZone).formatToParts(new Date(instant));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** Per time zone, the last whole minute asked for and its date (many calls ask within the same minute). */
const minuteDates = new Map<string, { minute: number; date: string }>();
const MINUTE = 60_000;

/** Today's calendar date in `timeZone`. */
export function todayIn(timeZone: string = DEFAULT_TIME_ZONE, now: Date = new Date()): string {
  const minute = Math.floor(now.getTime() / MINUTE);
  const known = minuteDates.get(timeZone);
  if (known?.minute === minute) return known.date;
  const date = localDate(now, timeZone);
  // Kept only when the whole minute has that one date: dates change on a whole minute in today's
  // zones, but not under some historical offsets with seconds (Helsinki's +1:39:49 before 1921).
  if (
    Number.isFinite(minute) &&
    localDate(minute * MINUTE, timeZone) === date &&
    localDate(minute * MINUTE + MINUTE - 1, timeZone) === date
  ) {
    minuteDates.set(timeZone, { minute, date });
  }
  return date;
}
