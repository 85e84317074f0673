/**
 * From what the user typed to an FTS5 query, and back to a snippet.
 *
 * Every word becomes a quoted prefix term and all must match, so FTS5 operators in user text stay
 * literal and Finnish inflection works ("kokou" finds "kokous" and "kokouksessa"). FTS5 answers a
 * prefix query fast only when the prefix length has its own index (PREFIX_LENGTHS, see migration
 * 0006); a longer word is sent cut to the nearest indexed length, and the caller keeps only rows where
 * every whole word really begins a word (`matchesAll`).
 */

/** Prefix lengths the search index keeps (characters). */
export const PREFIX_LENGTHS = [2, 3, 4, 6, 8] as const;

/** Lower case without diacritics: the rule, for any text. */
export function foldSlow(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Beyond Latin (combining marks start at U+0300): texts holding such a character take the rule itself. */
const BEYOND_LATIN = /[^\u0000-\u024f]/;
const LATIN = /[\u0080-\u024f]/g;
/** Each Latin letter folded by the rule. Up to U+024F no character combines with its neighbours. */
const LATIN_FOLDED = new Map<string, string>(
  Array.from({ length: 0x250 - 0x80 }, (_, i) => {
    const c = String.fromCharCode(0x80 + i);
    return [c, foldSlow(c)];
  }),
);

/**
 * Lower case without diacritics, as the index's tokenizer (unicode61 remove_diacritics 2) sees text.
 * The same as foldSlow; Latin text (Finnish and Swedish) is mapped a letter at a time, about five
 * times faster than normalising it (search folds every candidate row's text).
 */
export function fold(text: string): string {
  if (BEYOND_LATIN.test(text)) return foldSlow(text);
  return text.replace(LATIN, (c) => LATIN_FOLDED.get(c)!).toLowerCase();
}

const splitWords = (text: string) => text.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 0);

export interface SearchTerms {
  /** The FTS5 MATCH expression. */
  match: string;
  /** The folded words every hit must contain as word beginnings. */
  words: string[];
  /** Some word was cut to an indexed length, so FTS5 hits must be checked with `matchesAll`. */
  cut: boolean;
}

export function searchTerms(input: string): SearchTerms | null {
  // Single characters would match half the database; they are dropped unless nothing else is left.
  const all = splitWords(fold(input.normalize('NFC'))).slice(0, 12);
  const words = all.filter((w) => [...w].length >= 2);
  if (words.length === 0) return null;
  let cut = false;
  const match = words
    .map((w) => {
      const chars = [...w];
      const usable = [...PREFIX_LENGTHS].reverse().find((n) => n <= chars.length) ?? chars.length;
      if (usable < chars.length) cut = true;
      return `"${chars.slice(0, usable).join('').replace(/"/g, '""')}"*`;
    })
    .join(' ');
  return { match, words, cut };
}

const WORD_CHAR = /[\p{L}\p{N}]/u;

/** Is the character that ends just before `i` a letter or digit (a surrogate pair read whole)? */
function wordCharBefore(text: string, i: number): boolean {
  const unit = text.charCodeAt(i - 1);
  if (unit < 0x80) return (unit >= 0x61 && unit <= 0x7a) || (unit >= 0x30 && unit <= 0x39) || (unit >= 0x41 && unit <= 0x5a);
  const low = unit >= 0xdc00 && unit <= 0xdfff && i >= 2;
  return WORD_CHAR.test(low ? String.fromCodePoint(text.codePointAt(i - 2)!) : text[i - 1]!);
}

/**
 * Does `word` begin some word of `folded` (text already folded with `fold`)? `word` is one of
 * searchTerms' words (letters and digits only), so an occurrence not preceded by a letter or digit
 * is the beginning of a word that starts with it: the same answer as splitting `folded` into words
 * and testing each, without building the words.
 */
export function beginsWord(folded: string, word: string): boolean {
  return wordStart(folded, word) >= 0;
}

/** Where `word` first begins a word of `folded` (as beginsWord), or -1. */
function wordStart(folded: string, word: string): number {
  for (let i = folded.indexOf(word); i >= 0; i = folded.indexOf(word, i + 1)) {
    if (i === 0 || !wordCharBefore(folded, i)) return i;
  }
  return -1;
}

/** Does every word begin some word of `text`? (`text` is folded once, whatever the number of words.) */
export function matchesAll(text: string, words: readonly string[]): boolean {
  const folded = fold(text);
  return words.every((w) => beginsWord(folded, w));
}

/** A short piece of `text` around the first word that matches, with an ellipsis where it was cut. */
export function snippetOf(text: string, words: readonly string[], width = 12): string {
  const spaced = text.replace(/\s+/g, ' ').trim();
  const parts = spaced.split(' ');
  const at = firstMatchingPart(spaced, parts, words);
  if (at < 0) return parts.slice(0, width).join(' ') + (parts.length > width ? ' …' : '');
  const start = Math.max(0, at - Math.floor(width / 3));
  const end = Math.min(parts.length, start + width);
  return `${start > 0 ? '… ' : ''}${parts.slice(start, end).join(' ')}${end < parts.length ? ' …' : ''}`;
}

/**
 * The index of the first of `parts` (`spaced` split on its single spaces) in which some word begins a
 * word (-1 if none). Latin text folds a character to one character (LATIN_FOLDED; the length check is
 * a guard), so it is folded once and searched whole: a word holds no space and a space is no letter,
 * so a match in the whole is a match in its part, at the same offset. Other text is folded a part at a time.
 */
function firstMatchingPart(spaced: string, parts: readonly string[], words: readonly string[]): number {
  const folded = BEYOND_LATIN.test(spaced) ? '' : fold(spaced);
  if (folded.length !== spaced.length || spaced.length === 0) {
    return parts.findIndex((p) => {
      const f = fold(p);
      return words.some((w) => beginsWord(f, w));
    });
  }
  let first = -1;
  for (const w of words) {
    const i = wordStart(folded, w);
    if (i >= 0 && (first < 0 || i < first)) first = i;
  }
  if (first < 0) return -1;
  let part = 0;
  for (let i = spaced.indexOf(' '); i >= 0 && i < first; i = spaced.indexOf(' ', i + 1)) part++;
  return part;
}
