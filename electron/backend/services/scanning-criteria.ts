import { translator } from '../i18n';

/** The five default criteria a new round starts with (names from the i18n catalogue, in the creator's language). */
export const DEFAULT_CRITERIA: Array<{ key: string; weight: number; axis: 'impact' | 'feasibility' | null }> = [
  { key: 'significance', weight: 3, axis: 'impact' },
  { key: 'crossAdministrative', weight: 2, axis: 'impact' },
  { key: 'urgency', weight: 2, axis: 'impact' },
  { key: 'gap', weight: 2, axis: 'impact' },
  { key: 'feasibility', weight: 2, axis: 'feasibility' },
];

/**
 * A default criterion is stored with its name in the language of whoever created the round; a reader sees
 * it in their own language. A criterion whose name is exactly a default name in any of fi, sv, en is shown
 * as that default in `lang`; a name a user wrote (or renamed) stays as written.
 */
const DEFAULT_NAME_KEYS = new Map<string, string>(
  (['fi', 'sv', 'en'] as const).flatMap((lang) => {
    const t = translator(lang);
    return DEFAULT_CRITERIA.map((c) => [t(`scanning.defaultCriteria.${c.key}`).trim().toLowerCase(), c.key] as [string, string]);
  }),
);

export function criteriaInLanguage<T extends { name: string }>(criteria: T[], lang: 'fi' | 'sv' | 'en'): T[] {
  const t = translator(lang);
  return criteria.map((c) => {
    const key = DEFAULT_NAME_KEYS.get(c.name.trim().toLowerCase());
    return key ? { ...c, name: t(`scanning.defaultCriteria.${key}`) } : c;
  });
}
