/**
 * Scanning rounds — duplicate / similar-candidate detection for fi, sv and en text (pure, no I/O).
 *
 * API
 *   normalizeText(text): string               lowercase, diacritics folded, punctuation → space
 *   tokenize(text): string[]                  normalised tokens without stop-words (length ≥ 2)
 *   stem(token): string                       first STEM_LENGTH characters ("kokous", "kokouksessa" → "kokou")
 *   trigrams(tokens): string[]                distinct character trigrams of "_token_"
 *   buildSimilarityIndex(items): SimilarityIndex         build once (per round / on data change)
 *   query(index, text | { title, description? }, k, options?): SimilarityHit[]   best first
 *       options: { minScore?: number (default DEFAULT_MIN_SCORE), kinds?: ItemKind[], excludeIds?: string[] }
 *   SimilarityItem: { id, kind: 'candidate' | 'group', title, description? }
 *   SimilarityHit:  { id, kind, score 0..1, trigram, tokens, coverage, matchedTerms: string[] }
 *
 * Scoring (decisions)
 *   score = 0.4 · trigramJaccard(query title, item title)
 *         + 0.4 · idf-weighted stem Jaccard(query title stems, item title stems)
 *         + 0.2 · idf-weighted coverage (share of query stems, title + description, found anywhere in item)
 *   - Trigrams catch Finnish compounds and inflection inside words ("asumisturvallisuus" ~ "asumisen
 *     turvallisuus"); stems catch inflected whole words; coverage lets a description hit count a little.
 *   - idf = ln(1 + N / df) over the index: words in nearly every title ("turvallisuus") weigh little,
 *     which also dampens the prefix collision "turvallisuus" / "turvapaikka" (both "turva").
 *   - Diacritics: ALL are folded, including ä/ö/å → a/o/a. The project's own source text (the OCR'd
 *     interim report) has lost them ("Ikdantyneiden", "hatatilanteissa") and people type on English
 *     keyboards; for a suggestion list a missed duplicate costs more than an extra suggestion. Display
 *     uses the original words (matchedTerms are surface forms).
 *   - Stemming-light: prefix of 5 characters. 6 misses "kokous"/"kokouksessa" (kokous ≠ kokouk); shorter
 *     than 5 merges too much. Tokens shorter than 5 are kept whole.
 *   - Stop-words: short fi/sv/en lists of function words (folded spelling).
 *
 * Performance: trigram and stem postings lists (inverted index) + typed-array accumulators; a query only
 * touches items sharing a trigram or stem. 2 200 items query in well under 5 ms.
 */

export type ItemKind = 'candidate' | 'group';

export interface SimilarityItem {
  id: string;
  kind: ItemKind;
  title: string;
  description?: string | null;
}

export interface SimilarityHit {
  id: string;
  kind: ItemKind;
  score: number;
  /** Components, for explaining a suggestion. */
  trigram: number;
  tokens: number;
  coverage: number;
  /** The item's own words (title first) whose stems match the query. */
  matchedTerms: string[];
}

export interface QueryOptions {
  minScore?: number;
  kinds?: readonly ItemKind[];
  excludeIds?: readonly string[];
}

export const STEM_LENGTH = 5;
export const DEFAULT_MIN_SCORE = 0.2;
const W_TRIGRAM = 0.4;
const W_TOKENS = 0.4;
const W_COVERAGE = 0.2;
const MAX_MATCHED_TERMS = 8;

// Folded spellings (ä → a etc.), because matching runs on folded text.
const STOP_WORDS = new Set<string>([
  // fi
  'ja',
  'tai',
  'seka',
  'etta',
  'on',
  'ovat',
  'ei',
  'se',
  'ne',
  'sen',
  'niiden',
  'kuin',
  'myos',
  'mutta',
  'jos',
  'kun',
  'joka',
  'jotka',
  'jonka',
  'niin',
  'tama',
  'nama',
  'eli',
  'vai',
  'ole',
  'olla',
  'oli',
  'ollut',
  'siita',
  'siina',
  'sita',
  'han',
  'he',
  'me',
  'te',
  'kanssa',
  'mm',
  'yms',
  'jne',
  'osalta',
  // sv
  'och',
  'att',
  'det',
  'som',
  'en',
  'ett',
  'pa',
  'for',
  'av',
  'med',
  'till',
  'den',
  'ar',
  'om',
  'har',
  'de',
  'inte',
  'eller',
  'vid',
  'fran',
  'samt',
  'hos',
  'under',
  'sig',
  'vara',
  'kan',
  // en
  'the',
  'an',
  'and',
  'or',
  'of',
  'in',
  'on',
  'for',
  'to',
  'with',
  'as',
  'by',
  'at',
  'is',
  'are',
  'be',
  'from',
  'that',
  'this',
  'its',
  'it',
  'their',
  'into',
  'about',
]);

export function normalizeText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '') // combining marks: ä → a, é → e
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Surface words paired with their normalised token, stop-words removed. */
function surfaceTokens(text: string): { surface: string; token: string }[] {
  const out: { surface: string; token: string }[] = [];
  for (const surface of text.split(/[^\p{L}\p{N}\p{M}]+/u)) {
    if (!surface) continue;
    const norm = normalizeText(surface);
    // A surface word can fold into several tokens (rare: e.g. ligatures); keep each.
    for (const token of norm.split(' ')) {
      if (token.length < 2 || STOP_WORDS.has(token)) continue;
      out.push({ surface, token });
    }
  }
  return out;
}

export function tokenize(text: string): string[] {
  return surfaceTokens(text).map((t) => t.token);
}

export function stem(token: string): string {
  return token.length > STEM_LENGTH ? token.slice(0, STEM_LENGTH) : token;
}

export function trigrams(tokens: readonly string[]): string[] {
  const set = new Set<string>();
  for (const t of tokens) {
    const p = `_${t}_`;
    for (let i = 0; i + 3 <= p.length; i++) set.add(p.slice(i, i + 3));
  }
  return [...set];
}

// ---------------------------------------------------------------------------------------------------

interface IndexedItem {
  id: string;
  kind: ItemKind;
  titleTrigramCount: number;
  titleStemIdfSum: number;
  /** stem id → first surface form (title words first). */
  surfaces: Map<number, string>;
}

export interface SimilarityIndex {
  items: IndexedItem[];
  trigramIds: Map<string, number>;
  trigramPostings: Int32Array[];
  stemIds: Map<string, number>;
  idf: Float64Array;
  /** Items having the stem in the title. */
  titleStemPostings: Int32Array[];
  /** Items having the stem in title or description. */
  anyStemPostings: Int32Array[];
  /** idf for a stem the index has never seen (df = 0 → rarest). */
  unknownIdf: number;
  // Reusable query scratch (queries are synchronous, so sharing is safe).
  scratchTri: Int32Array;
  scratchTitleIdf: Float64Array;
  scratchAnyIdf: Float64Array;
  scratchSeen: Uint8Array;
}

export function buildSimilarityIndex(items: readonly SimilarityItem[]): SimilarityIndex {
  const n = items.length;
  const trigramIds = new Map<string, number>();
  const triLists: number[][] = [];
  const stemIds = new Map<string, number>();
  const titleStemLists: number[][] = [];
  const anyStemLists: number[][] = [];
  const indexed: IndexedItem[] = new Array(n);
  const titleStemsPerItem: number[][] = new Array(n);

  const stemIdOf = (s: string): number => {
    let id = stemIds.get(s);
    if (id === undefined) {
      id = titleStemLists.length;
      stemIds.set(s, id);
      titleStemLists.push([]);
      anyStemLists.push([]);
    }
    return id;
  };

  for (let i = 0; i < n; i++) {
    const it = items[i] as SimilarityItem;
    const titleToks = surfaceTokens(it.title);
    const descToks = it.description ? surfaceTokens(it.description) : [];
    const tris = trigrams(titleToks.map((t) => t.token));
    for (const tri of tris) {
      let id = trigramIds.get(tri);
      if (id === undefined) {
        id = triLists.length;
        trigramIds.set(tri, id);
        triLists.push([]);
      }
      (triLists[id] as number[]).push(i);
    }
    const surfaces = new Map<number, string>();
    const titleStems: number[] = [];
    for (const { surface, token } of titleToks) {
      const sid = stemIdOf(stem(token));
      if (!surfaces.has(sid)) {
        surfaces.set(sid, surface);
        titleStems.push(sid);
        (titleStemLists[sid] as number[]).push(i);
        (anyStemLists[sid] as number[]).push(i);
      }
    }
    for (const { surface, token } of descToks) {
      const sid = stemIdOf(stem(token));
      if (!surfaces.has(sid)) {
        surfaces.set(sid, surface);
        (anyStemLists[sid] as number[]).push(i);
      }
    }
    titleStemsPerItem[i] = titleStems;
    indexed[i] = { id: it.id, kind: it.kind, titleTrigramCount: tris.length, titleStemIdfSum: 0, surfaces };
  }

  const idf = new Float64Array(stemIds.size);
  for (let s = 0; s < idf.length; s++) idf[s] = Math.log(1 + n / Math.max(1, (anyStemLists[s] as number[]).length));
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (const sid of titleStemsPerItem[i] as number[]) sum += idf[sid] as number;
    (indexed[i] as IndexedItem).titleStemIdfSum = sum;
  }

  return {
    items: indexed,
    trigramIds,
    trigramPostings: triLists.map((l) => Int32Array.from(l)),
    stemIds,
    idf,
    titleStemPostings: titleStemLists.map((l) => Int32Array.from(l)),
    anyStemPostings: anyStemLists.map((l) => Int32Array.from(l)),
    unknownIdf: Math.log(1 + n),
    scratchTri: new Int32Array(n),
    scratchTitleIdf: new Float64Array(n),
    scratchAnyIdf: new Float64Array(n),
    scratchSeen: new Uint8Array(n),
  };
}

export function query(
  index: SimilarityIndex,
  text: string | { title: string; description?: string | null },
  k: number,
  options: QueryOptions = {},
): SimilarityHit[] {
  const title = typeof text === 'string' ? text : text.title;
  const description = typeof text === 'string' ? '' : (text.description ?? '');
  const minScore = options.minScore ?? DEFAULT_MIN_SCORE;
  const kinds = options.kinds ? new Set(options.kinds) : null;
  const exclude = options.excludeIds ? new Set(options.excludeIds) : null;
  if (k <= 0) return [];

  const titleTokens = tokenize(title);
  const allTokens = description ? [...titleTokens, ...tokenize(description)] : titleTokens;
  const qTris = trigrams(titleTokens);

  // Query stems with idf (title stems for Jaccard, all stems for coverage).
  const idfOf = (s: string): [number, number] => {
    const id = index.stemIds.get(s);
    return id === undefined ? [-1, index.unknownIdf] : [id, index.idf[id] as number];
  };
  const qTitleStems = new Map<string, [number, number]>();
  for (const t of titleTokens) qTitleStems.set(stem(t), idfOf(stem(t)));
  const qAllStems = new Map<string, [number, number]>(qTitleStems);
  for (const t of allTokens) if (!qAllStems.has(stem(t))) qAllStems.set(stem(t), idfOf(stem(t)));
  let qTitleIdf = 0;
  for (const [, w] of qTitleStems.values()) qTitleIdf += w;
  let qAllIdf = 0;
  for (const [, w] of qAllStems.values()) qAllIdf += w;
  if (qAllStems.size === 0) return [];

  const tri = index.scratchTri;
  const tIdf = index.scratchTitleIdf;
  const aIdf = index.scratchAnyIdf;
  const seen = index.scratchSeen;
  const touched: number[] = [];
  const touch = (i: number): void => {
    if (seen[i] === 0) {
      seen[i] = 1;
      touched.push(i);
    }
  };

  for (const g of qTris) {
    const id = index.trigramIds.get(g);
    if (id === undefined) continue;
    const post = index.trigramPostings[id] as Int32Array;
    for (let p = 0; p < post.length; p++) {
      const i = post[p] as number;
      tri[i] = (tri[i] as number) + 1;
      touch(i);
    }
  }
  for (const [id, w] of qTitleStems.values()) {
    if (id < 0) continue;
    const post = index.titleStemPostings[id] as Int32Array;
    for (let p = 0; p < post.length; p++) {
      const i = post[p] as number;
      tIdf[i] = (tIdf[i] as number) + w;
      touch(i);
    }
  }
  for (const [id, w] of qAllStems.values()) {
    if (id < 0) continue;
    const post = index.anyStemPostings[id] as Int32Array;
    for (let p = 0; p < post.length; p++) {
      const i = post[p] as number;
      aIdf[i] = (aIdf[i] as number) + w;
      touch(i);
    }
  }

  // Keep the best k in a small sorted array (k is a handful; no full sort of all touched items).
  const best: { i: number; score: number; trigram: number; tokens: number; coverage: number }[] = [];
  const qTriCount = qTris.length;
  for (const i of touched) {
    const item = index.items[i] as IndexedItem;
    const inter = tri[i] as number;
    const sharedT = tIdf[i] as number;
    const sharedA = aIdf[i] as number;
    tri[i] = 0;
    tIdf[i] = 0;
    aIdf[i] = 0;
    seen[i] = 0;
    if (kinds && !kinds.has(item.kind)) continue;
    if (exclude && exclude.has(item.id)) continue;
    const triUnion = qTriCount + item.titleTrigramCount - inter;
    const trigram = triUnion > 0 ? inter / triUnion : 0;
    const tokUnion = qTitleIdf + item.titleStemIdfSum - sharedT;
    const tokens = tokUnion > 0 ? sharedT / tokUnion : 0;
    const coverage = qAllIdf > 0 ? sharedA / qAllIdf : 0;
    const score = W_TRIGRAM * trigram + W_TOKENS * tokens + W_COVERAGE * coverage;
    if (score < minScore) continue;
    if (best.length === k && !better(score, item.id, best[k - 1] as { i: number; score: number }, index)) continue;
    const entry = { i, score, trigram, tokens, coverage };
    let pos = best.length;
    while (pos > 0 && better(score, item.id, best[pos - 1] as { i: number; score: number }, index)) pos--;
    best.splice(pos, 0, entry);
    if (best.length > k) best.pop();
  }

  const qStemIds = new Set<number>();
  for (const [id] of qAllStems.values()) if (id >= 0) qStemIds.add(id);
  return best.map((b) => {
    const item = index.items[b.i] as IndexedItem;
    const matchedTerms: string[] = [];
    for (const [sid, surface] of item.surfaces) {
      if (matchedTerms.length >= MAX_MATCHED_TERMS) break;
      if (qStemIds.has(sid)) matchedTerms.push(surface);
    }
    return {
      id: item.id,
      kind: item.kind,
      score: b.score,
      trigram: b.trigram,
      tokens: b.tokens,
      coverage: b.coverage,
      matchedTerms,
    };
  });
}

function better(score: number, id: string, other: { i: number; score: number }, index: SimilarityIndex): boolean {
  if (score !== other.score) return score > other.score;
  return id < (index.items[other.i] as IndexedItem).id; // deterministic tie-break
}
