import type { Lng } from '../i18n/resources';

/**
 * Names in the official languages (issue #16 item 6): the one place a name is chosen for a language.
 * Organisations and groups carry optional per-language names beside the name "as written". The order
 * is: the language's own name → the name as written → fi → sv → en. Every screen and document uses
 * these; no second copy.
 */
type PerLanguage<K extends string> = { [P in `${K}${'Fi' | 'Sv' | 'En'}`]?: string | null };

export interface NamedRow extends PerLanguage<'name'> {
  name: string;
}
export interface AbbreviatedRow extends PerLanguage<'abbreviation'> {
  abbreviation: string;
}
export interface ShortNamedRow extends PerLanguage<'shortName'> {
  shortName?: string | null;
}

const SUFFIX = { fi: 'Fi', sv: 'Sv', en: 'En' } as const;

function pick(row: Record<string, unknown>, key: string, lang: Lng): string | null {
  const own = row[`${key}${SUFFIX[lang]}`];
  const candidates = [own, row[key], row[`${key}Fi`], row[`${key}Sv`], row[`${key}En`]];
  for (const c of candidates) if (typeof c === 'string' && c.trim() !== '') return c;
  return null;
}

/** The row's name in `lang`, falling back to the name as written, then fi, sv, en. */
export function nameIn(row: NamedRow, lang: Lng): string {
  return pick(row as unknown as Record<string, unknown>, 'name', lang) ?? row.name;
}

/** The organisation's abbreviation in `lang` (SM / IM / MoI), with the same fallback. */
export function abbreviationIn(row: AbbreviatedRow, lang: Lng): string {
  return pick(row as unknown as Record<string, unknown>, 'abbreviation', lang) ?? row.abbreviation;
}

/** The group's short name in `lang`, with the same fallback; null when none is known in any language. */
export function shortNameIn(row: ShortNamedRow, lang: Lng): string | null {
  return pick(row as unknown as Record<string, unknown>, 'shortName', lang);
}

/** The group's short name in `lang`, else its name (lists and tables where space is short). */
export function shortOrNameIn(row: ShortNamedRow & NamedRow, lang: Lng): string {
  return shortNameIn(row, lang) ?? nameIn(row, lang);
}

/** A group as people name it: priorities with their number ("7. Polarisation, …"). */
export const groupTitle = (name: string, priorityNumber: number | null | undefined) =>
  priorityNumber ? `${priorityNumber}. ${name}` : name;

/**
 * Organisations by their abbreviation as written, for lists that carry only that text. A live
 * organisation wins over an archived one with the same abbreviation (only live ones must be unique).
 */
export function byAbbreviation<T extends AbbreviatedRow & { deleted: boolean }>(organisations: T[]): Map<string, T> {
  return new Map([...organisations].sort((a, b) => Number(b.deleted) - Number(a.deleted)).map((o) => [o.abbreviation, o]));
}

/** The per-language field names, for forms and contracts. */
export const NAME_LANGUAGES = ['fi', 'sv', 'en'] as const;
export function languageKey<K extends string>(key: K, lang: Lng): `${K}${'Fi' | 'Sv' | 'En'}` {
  return `${key}${SUFFIX[lang]}`;
}
