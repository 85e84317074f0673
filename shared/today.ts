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

/** Today's calendar date in `timeZone`. */
export function todayIn(timeZone: string = DEFAULT_TIME_ZONE, now: Date = new Date()): string {
  return localDate(now, timeZone);
}
