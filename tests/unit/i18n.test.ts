import { describe, expect, it } from 'vitest';
import { LANGUAGES, NAMESPACES, resources } from '../../shared/i18n/resources';

type Tree = { [k: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out[key] = v;
    else Object.assign(out, flatten(v, key));
  }
  return out;
}

/** Plural forms differ per language (_one/_other); compare the base keys. */
const base = (key: string) => key.replace(/_(zero|one|two|few|many|other)$/, '');
const variables = (s: string) => [...s.matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1]).sort();

describe('translations', () => {
  it('cover the same namespaces in Finnish, Swedish and English', () => {
    for (const lng of LANGUAGES) expect(Object.keys(resources[lng]).sort()).toEqual(NAMESPACES);
  });

  for (const ns of NAMESPACES) {
    it(`${ns}: every key exists in all three languages, non-empty, with the same placeholders`, () => {
      const en = flatten(resources.en[ns] as Tree);
      for (const lng of LANGUAGES) {
        const other = flatten(resources[lng][ns] as Tree);
        expect(new Set(Object.keys(other).map(base)), `${lng}/${ns}`).toEqual(new Set(Object.keys(en).map(base)));
        for (const [key, text] of Object.entries(other)) {
          expect(text.trim(), `${lng}/${ns}:${key}`).not.toBe('');
          const enText = en[key] ?? en[`${base(key)}_other`] ?? en[base(key)];
          if (enText !== undefined) expect(variables(text), `${lng}/${ns}:${key}`).toEqual(variables(enText));
        }
      }
    });
  }
});
