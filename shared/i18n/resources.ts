/**
 * Every UI and document string, in Finnish, Swedish and English: one JSON file per language and
 * namespace under locales/<lng>/<namespace>.json (a feature owns its namespace). They live in shared/ so
 * that the renderer and the backend (documents, error sentences) both read them without either layer
 * importing the other.
 */
export const LANGUAGES = ['fi', 'sv', 'en'] as const;
export type Lng = (typeof LANGUAGES)[number];

type Catalogue = Record<string, unknown>;

const files = import.meta.glob<Catalogue>('./locales/*/*.json', { eager: true, import: 'default' });

export const resources: Record<Lng, Record<string, Catalogue>> = { fi: {}, sv: {}, en: {} };
for (const [path, catalogue] of Object.entries(files)) {
  const m = /\/locales\/(fi|sv|en)\/([\w-]+)\.json$/.exec(path);
  if (m) resources[m[1] as Lng][m[2]!] = catalogue;
}

export const NAMESPACES = Object.keys(resources.en).sort();
