import type { Lang } from './model';

const dayFormats = new Map<Lang, Intl.DateTimeFormat>();

/**
 * A calendar date as documents write it in `lang` ("22. syyskuuta 2026", "22 September 2026"); '' for
 * none. Formatters are built once per language: building one costs far more than using it, and a
 * document formats hundreds of dates.
 */
export function formatDay(date: string | null, lang: Lang): string {
  if (!date) return '';
  let f = dayFormats.get(lang);
  if (!f) {
    f = new Intl.DateTimeFormat({ fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' }[lang], { dateStyle: 'long', timeZone: 'UTC' });
    dayFormats.set(lang, f);
  }
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return f.format(new Date(Date.UTC(y, m - 1, d)));
}
