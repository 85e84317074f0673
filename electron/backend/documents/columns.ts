// Column widths for a DOCX table on A4. Word and LibreOffice break a word that does not fit its column
// letter by letter ("R/a/n/k", "Responsibl/e"); a table is laid out so that no column is narrower than
// its longest word, the rest of the width goes by the table's relative widths, and a table whose words
// cannot fit the portrait text width goes on a landscape page.
//
// Words are measured with a per-character estimate for DejaVu Sans, the widest of the fonts a reader is
// likely to have in place of Calibri (LibreOffice on Linux without Carlito uses it), so a table that fits
// here also fits with the real font.

import { cleanText, columnPercents, type TableBlock } from './model';

export interface ColumnFit {
  /** Column widths in twips; they add up to the text width of the chosen orientation. */
  widths: number[];
  orientation: 'portrait' | 'landscape';
  /** Font size of the table text in points (one point smaller than asked when that keeps it portrait). */
  fontPt: number;
  /** False when even landscape cannot hold every column's longest word (the longest words then wrap). */
  wordsFit: boolean;
}

export interface ColumnOptions {
  portraitWidth: number;
  landscapeWidth: number;
  /** Font size of the table text in points. */
  fontPt: number;
  /** Left + right cell margins in twips. */
  cellPadding: number;
}

// Advance widths of DejaVu Sans Book in thousandths of an em; bold is about 12 % wider.
const WIDTHS: Record<string, number> = {
  a: 613,
  b: 635,
  c: 550,
  d: 635,
  e: 615,
  f: 352,
  g: 635,
  h: 634,
  i: 278,
  j: 278,
  k: 579,
  l: 278,
  m: 974,
  n: 634,
  o: 612,
  p: 635,
  q: 635,
  r: 411,
  s: 521,
  t: 392,
  u: 634,
  v: 592,
  w: 818,
  x: 592,
  y: 592,
  z: 525,
  A: 684,
  B: 686,
  C: 698,
  D: 770,
  E: 632,
  F: 575,
  G: 775,
  H: 752,
  I: 295,
  J: 295,
  K: 656,
  L: 557,
  M: 863,
  N: 748,
  O: 787,
  P: 603,
  Q: 787,
  R: 695,
  S: 635,
  T: 611,
  U: 732,
  V: 684,
  W: 989,
  X: 685,
  Y: 611,
  Z: 685,
  ' ': 318,
  '-': 361,
  '.': 318,
  ',': 318,
  ':': 337,
  ';': 337,
  '/': 337,
  '(': 390,
  ')': 390,
  '%': 950,
  '–': 500,
};

/** Width of a run of text in em, estimated per character (accented letters as their base letter). */
export function textEm(text: string, bold = false): number {
  let em = 0;
  for (const ch of text) {
    const base = ch.normalize('NFD')[0] ?? ch;
    em += (WIDTHS[base] ?? (/[0-9]/.test(ch) ? 636 : 700)) / 1000;
  }
  return bold ? em * 1.12 : em;
}

/** The longest unbreakable piece of a cell: words split at spaces and after hyphens, dashes and slashes. */
export function longestWordEm(text: string, bold = false): number {
  let max = 0;
  for (const word of cleanText(text).split(/[\s\u00A0]+|(?<=[-‐–—/])/)) max = Math.max(max, textEm(word, bold));
  return max;
}

/** Column minimums (longest word + padding) in twips at a font size. */
function minimums(block: TableBlock, opts: ColumnOptions, fontPt: number): number[] {
  const twipsPerEm = fontPt * 20;
  // A column need not hold a word longer than 45 % of the page (a URL, a long code): that one wraps.
  const cap = opts.portraitWidth * 0.45;
  return block.header.map((header, c) => {
    let em = longestWordEm(header, true);
    for (const row of block.rows) em = Math.max(em, longestWordEm(row[c] ?? '', c === 0 && Boolean(block.rowHeaders)));
    // +3 % and 30 twips of slack for kerning and rounding differences between the estimate and the real font.
    return Math.min(cap, Math.ceil(em * twipsPerEm * 1.03) + 30) + opts.cellPadding;
  });
}

const SLACK = 0.1;
const sum = (xs: number[]) => xs.reduce((s, w) => s + w, 0);

/**
 * Portrait at the table's font size if the words fit; else portrait one point smaller; else landscape at
 * the table's font size; else landscape with every column shrunk in proportion (the longest words wrap).
 */
export function fitColumns(block: TableBlock, opts: ColumnOptions): ColumnFit {
  const tries: Array<{ orientation: 'portrait' | 'landscape'; fontPt: number; total: number }> = [
    { orientation: 'portrait', fontPt: opts.fontPt, total: opts.portraitWidth },
    { orientation: 'portrait', fontPt: opts.fontPt - 1, total: opts.portraitWidth },
    { orientation: 'landscape', fontPt: opts.fontPt, total: opts.landscapeWidth },
  ];
  // First choice: the first layout that leaves a tenth of the width to share out by the table's weights
  // (so the long-text column is not squeezed to its longest word); second: the first where the words fit.
  const fitting = tries
    .map((attempt) => ({ ...attempt, minimum: minimums(block, opts, attempt.fontPt) }))
    .filter((a) => sum(a.minimum) <= a.total);
  const chosen = fitting.find((a) => a.total - sum(a.minimum) >= a.total * SLACK) ?? fitting[0];
  if (chosen) {
    return {
      widths: waterFill(block, chosen.minimum, chosen.total),
      orientation: chosen.orientation,
      fontPt: chosen.fontPt,
      wordsFit: true,
    };
  }
  const minimum = minimums(block, opts, opts.fontPt);
  const needed = sum(minimum);
  return {
    widths: spread(
      minimum.map((m) => (m / needed) * opts.landscapeWidth),
      opts.landscapeWidth,
    ),
    orientation: 'landscape',
    fontPt: opts.fontPt,
    wordsFit: false,
  };
}

/** Every column gets its share of the width by weight, but never less than its minimum. */
function waterFill(block: TableBlock, minimum: number[], total: number): number[] {
  const weights = columnPercents(block);
  const fixed = new Set<number>();
  let widths: number[] = [];
  for (;;) {
    const free = total - sum([...fixed].map((c) => minimum[c]!));
    const weightLeft = sum(weights.filter((_, c) => !fixed.has(c)));
    widths = weights.map((w, c) => (fixed.has(c) ? minimum[c]! : (free * w) / weightLeft));
    const under = widths.map((w, c) => (!fixed.has(c) && w < minimum[c]! ? c : -1)).filter((c) => c >= 0);
    if (under.length === 0) break;
    for (const c of under) fixed.add(c);
  }
  return spread(widths, total);
}

/** Rounds to whole twips and puts the rounding remainder on the widest column, so the sum is exact. */
function spread(widths: number[], total: number): number[] {
  const rounded = widths.map((w) => Math.floor(w));
  const rest = total - rounded.reduce((s, w) => s + w, 0);
  const widest = rounded.indexOf(Math.max(...rounded));
  rounded[widest] = rounded[widest]! + rest;
  return rounded;
}
