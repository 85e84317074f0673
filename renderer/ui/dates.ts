import { format, formatDistance, parseISO } from 'date-fns';
import { enGB, fi, sv } from 'date-fns/locale';
import { TZDate } from '@date-fns/tz';
import { i18next } from '../i18n';

const LOCALES = { fi, sv, en: enGB } as const;

function locale() {
  return LOCALES[(i18next.language as keyof typeof LOCALES) ?? 'en'] ?? enGB;
}

/** A calendar date (YYYY-MM-DD) in the user's language, e.g. 24.5.2022 / 24 May 2022. */
export function formatDate(isoDate: string | null | undefined): string {
  if (!isoDate) return '';
  return format(parseISO(isoDate), 'PP', { locale: locale() });
}

/**
 * A range of calendar dates, the year once when both share it: "12 Mar – 2 Apr 2027", "12. maalis – 2.
 * huhti 2027"; otherwise both in full. The caller joins them with its own separator.
 */
export function formatDateRangeParts(start: string, end: string): { start: string; end: string } {
  if (start.slice(0, 4) !== end.slice(0, 4)) return { start: formatDate(start), end: formatDate(end) };
  const dayMonth = i18next.language === 'fi' ? 'd. MMM' : 'd MMM';
  return { start: format(parseISO(start), dayMonth, { locale: locale() }), end: formatDate(end) };
}

/** An instant shown in a time zone (default Europe/Helsinki). */
export function formatDateTime(isoInstant: string | null | undefined, timeZone = 'Europe/Helsinki'): string {
  if (!isoInstant) return '';
  return format(new TZDate(new Date(isoInstant).getTime(), timeZone), 'PPp', { locale: locale() });
}

/** How long ago an instant was, in the user's language: "2 minutes ago", "2 minuuttia sitten". */
export function formatAgo(isoInstant: string, now: Date = new Date()): string {
  return formatDistance(new Date(isoInstant), now, { addSuffix: true, locale: locale() });
}
