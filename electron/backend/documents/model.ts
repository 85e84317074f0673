// The one document model every generated document (agenda, minutes, decisions register, candidate list,
// progress report, rotation schedule) is built as. Features build a `Doc`; html.ts, docx.ts and markdown.ts
// render it. It is plain data on purpose: no markup anywhere, so user text can never become markup.

export type Lang = 'fi' | 'sv' | 'en';

/** A label and its value, e.g. "Paikka" → "Poliisitalo, Pasila". */
export interface LabelValue {
  label: string;
  value: string;
}

/** Heading inside the body. The document title is the only level-0 heading, so level 1 renders as h2. */
export interface HeadingBlock {
  kind: 'heading';
  level: 1 | 2 | 3;
  text: string;
}

/** Plain text; `\n` is a line break and a blank line separates paragraphs visually. */
export interface ParagraphBlock {
  kind: 'paragraph';
  text: string;
  /** `muted` for secondary notes such as "no decisions"; `strong` for emphasis of the whole paragraph. */
  tone?: 'normal' | 'muted' | 'strong';
}

/** Label/value pairs laid out as a definition list (HTML dl, DOCX two-column borderless table). */
export interface KeyValueBlock {
  kind: 'keyValue';
  items: LabelValue[];
}

export interface TableBlock {
  kind: 'table';
  /** Shown above the table and announced by screen readers (HTML caption). */
  caption?: string;
  header: string[];
  /** Every row must have exactly `header.length` cells. Cells may contain `\n`. */
  rows: string[][];
  /** Relative column widths (any positive numbers; normalised to percentages). Length = header.length. */
  widths?: number[];
  /** First cell of each row is a row header (th scope=row), e.g. the organisation in an attendance table. */
  rowHeaders?: boolean;
}

export interface BulletListBlock {
  kind: 'bulletList';
  items: string[];
}

export interface NumberedListBlock {
  kind: 'numberedList';
  items: string[];
  /** First number; default 1. */
  start?: number;
}

/** A labelled, boxed statement: a decision in minutes ("Päätös: …"), a proposal, a note. */
export interface CalloutBlock {
  kind: 'callout';
  label: string;
  text: string;
}

/** Signature lines at the end of minutes (chair, secretary, minute checkers). */
export interface SignaturesBlock {
  kind: 'signatures';
  /** Optional place and date line above the signatures, e.g. "Helsinki 12.3.2025". */
  placeAndDate?: string;
  signers: Array<{ role: string; name: string }>;
}

export interface PageBreakBlock {
  kind: 'pageBreak';
}

/**
 * A chart as an SVG string. Embedded in HTML only if it passes the strict sanitiser (`sanitizeSvg` in html.ts);
 * otherwise, and always in DOCX and Markdown, the alt text stands in for it.
 */
export interface FigureBlock {
  kind: 'figure';
  svg: string;
  alt: string;
  caption?: string;
}

export type Block =
  | HeadingBlock
  | ParagraphBlock
  | KeyValueBlock
  | TableBlock
  | BulletListBlock
  | NumberedListBlock
  | CalloutBlock
  | SignaturesBlock
  | PageBreakBlock
  | FigureBlock;

export interface Doc {
  title: string;
  subtitle?: string;
  lang: Lang;
  /** Shown under the title: group, date, place, chair … */
  meta: LabelValue[];
  blocks: Block[];
}

/** The few words the renderers themselves write, per UI language. */
export const ENGINE_LABELS: Record<Lang, { figure: string; page: string; signature: string }> = {
  fi: { figure: 'Kuvio', page: 'Sivu', signature: 'Allekirjoitus' },
  sv: { figure: 'Figur', page: 'Sida', signature: 'Underskrift' },
  en: { figure: 'Figure', page: 'Page', signature: 'Signature' },
};

/** BCP 47 tags for the document language (HTML lang, DOCX w:lang). */
export const LANG_TAGS: Record<Lang, string> = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' };

// XML 1.0 forbids most C0 controls, U+FFFE/U+FFFF and lone surrogates; a single NUL from an imported file
// would make the DOCX unreadable. Tab and line feed are kept; CR/CRLF become LF so every renderer sees one
// kind of line break.
const FORBIDDEN_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Normalises untrusted text for every output format: LF line breaks, no control characters, well-formed UTF-16. */
export function cleanText(text: string): string {
  return String(text).replace(/\r\n?/g, '\n').replace(FORBIDDEN_CHARS, '').replace(LONE_SURROGATE, '\uFFFD');
}

/** Text on one line (headings, table cells in Markdown, titles): line breaks become spaces. */
export function oneLine(text: string): string {
  return cleanText(text).replace(/[\n\t]+/g, ' ');
}

/**
 * Checks the structural rules the types cannot express. A violation is a programming error in the feature
 * that built the document, so it throws rather than silently dropping cells.
 */
export function validateDoc(doc: Doc): void {
  if (!(doc.lang in LANG_TAGS)) throw new RangeError(`documents: unknown lang ${String(doc.lang)}`);
  doc.blocks.forEach((block, index) => {
    const where = `documents: block ${index} (${block.kind})`;
    switch (block.kind) {
      case 'heading':
        if (![1, 2, 3].includes(block.level)) throw new RangeError(`${where}: level must be 1–3`);
        break;
      case 'table': {
        const columns = block.header.length;
        if (columns === 0) throw new RangeError(`${where}: a table needs at least one column`);
        block.rows.forEach((row, r) => {
          if (row.length !== columns) {
            throw new RangeError(`${where}: row ${r} has ${row.length} cells, header has ${columns}`);
          }
        });
        if (block.widths) {
          if (block.widths.length !== columns) throw new RangeError(`${where}: widths length ≠ columns`);
          if (!block.widths.every((w) => Number.isFinite(w) && w > 0)) {
            throw new RangeError(`${where}: widths must be positive numbers`);
          }
        }
        break;
      }
      case 'numberedList':
        if (block.start !== undefined && !(Number.isInteger(block.start) && block.start >= 0)) {
          throw new RangeError(`${where}: start must be a non-negative integer`);
        }
        break;
      default:
        break;
    }
  });
}

/** Column widths as percentages summing to 100 (equal when not given). */
export function columnPercents(block: TableBlock): number[] {
  const weights = block.widths ?? block.header.map(() => 1);
  const total = weights.reduce((sum, w) => sum + w, 0);
  return weights.map((w) => (w / total) * 100);
}
