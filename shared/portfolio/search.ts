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

/** Lower case without diacritics, as the index's tokenizer (unicode61 remove_diacritics 2) sees text. */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
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

/** Does every word begin some word of `text`? */
export function matchesAll(text: string, words: readonly string[]): boolean {
  const tokens = splitWords(fold(text));
  return words.every((w) => tokens.some((t) => t.startsWith(w)));
}

/** A short piece of `text` around the first word that matches, with an ellipsis where it was cut. */
export function snippetOf(text: string, words: readonly string[], width = 12): string {
  const parts = text.replace(/\s+/g, ' ').trim().split(' ');
  const at = parts.findIndex((p) => splitWords(fold(p)).some((t) => words.some((w) => t.startsWith(w))));
  if (at < 0) return parts.slice(0, width).join(' ') + (parts.length > width ? ' …' : '');
  const start = Math.max(0, at - Math.floor(width / 3));
  const end = Math.min(parts.length, start + width);
  return `${start > 0 ? '… ' : ''}${parts.slice(start, end).join(' ')}${end < parts.length ? ' …' : ''}`;
}
