// DOCX for a Doc, with the `docx` library. Built-in Word styles (Title, Heading 1–3, Caption) are used so the
// navigation pane, table of contents and screen readers see the real structure. All user text goes into
// w:t runs, which the library XML-escapes; nothing here writes fields or raw XML, so text like `=cmd|…` or
// `{ DDEAUTO … }` stays inert text.

import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  ImageRun,
  LevelFormat,
  Packer,
  PageBreak,
  PageNumber,
  PageOrientation,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
  type ISectionOptions,
  type ParagraphChild,
} from 'docx';
import { fitColumns } from './columns';
import { rasteriseSvg, type RasterImage } from './raster';
import {
  cleanText,
  ENGINE_LABELS,
  LANG_TAGS,
  oneLine,
  validateDoc,
  type Block,
  type Doc,
  type LabelValue,
  type TableBlock,
} from './model';

// A4 in twips, with the same margins as the HTML print CSS (20 mm top, 18 mm sides).
const MM = 56.6929;
const PAGE = { width: 11906, height: 16838 };
const MARGIN = { top: Math.round(20 * MM), bottom: Math.round(22 * MM), side: Math.round(18 * MM) };
const TEXT_WIDTH = PAGE.width - 2 * MARGIN.side;
const LANDSCAPE_TEXT_WIDTH = PAGE.height - 2 * MARGIN.side;
/** Data tables are set in 10 pt with 0.1" cell margins; columns are sized for that (columns.ts). */
const TABLE_FONT_PT = 10;
const CELL_MARGIN = 100;

const BULLET_REF = 'painopiste-bullet';
const orderedRef = (start: number) => `painopiste-ordered-${start}`;

const NO_BORDER = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' } as const;
const NO_BORDERS = {
  top: NO_BORDER,
  bottom: NO_BORDER,
  left: NO_BORDER,
  right: NO_BORDER,
  insideHorizontal: NO_BORDER,
  insideVertical: NO_BORDER,
} as const;
const GRID_BORDER = { style: BorderStyle.SINGLE, size: 4, color: '8C8C8C' } as const;

interface RunStyle {
  bold?: boolean;
  italics?: boolean;
  color?: string;
  size?: number;
}

/** Text with line breaks as runs separated by w:br, so a multi-line minutes entry keeps its lines. */
function runs(value: string, style: RunStyle = {}, breakBefore = false): TextRun[] {
  return cleanText(value)
    .split('\n')
    .map((line, i) => new TextRun({ text: line, break: i > 0 || breakBefore ? 1 : 0, ...style }));
}

function cellParagraph(value: string, style: RunStyle = {}): Paragraph {
  return new Paragraph({ children: runs(value, style), spacing: { before: 40, after: 40 } });
}

function labelValueTable(items: LabelValue[]): Table {
  const labelWidth = Math.round(TEXT_WIDTH * 0.3);
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [labelWidth, TEXT_WIDTH - labelWidth],
    layout: TableLayoutType.FIXED,
    borders: NO_BORDERS,
    rows: items.map(
      (item) =>
        new TableRow({
          cantSplit: true,
          children: [
            new TableCell({
              width: { size: labelWidth, type: WidthType.DXA },
              borders: NO_BORDERS,
              children: [cellParagraph(item.label, { bold: true })],
            }),
            new TableCell({
              width: { size: TEXT_WIDTH - labelWidth, type: WidthType.DXA },
              borders: NO_BORDERS,
              children: [cellParagraph(item.value)],
            }),
          ],
        }),
    ),
  });
}

function dataTable(block: TableBlock, widths: number[], fontPt: number): Table {
  const total = widths.reduce((sum, w) => sum + w, 0);
  const cell = (value: string, index: number, header: boolean) =>
    new TableCell({
      width: { size: widths[index] ?? 0, type: WidthType.DXA },
      borders: { top: GRID_BORDER, bottom: GRID_BORDER, left: GRID_BORDER, right: GRID_BORDER },
      shading: header ? { type: ShadingType.CLEAR, color: 'auto', fill: 'EAEAEA' } : undefined,
      children: [
        cellParagraph(value, {
          size: fontPt * 2,
          ...(header || (index === 0 && block.rowHeaders) ? { bold: true } : {}),
        }),
      ],
    });
  return new Table({
    width: { size: total, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    margins: { left: CELL_MARGIN, right: CELL_MARGIN, top: 20, bottom: 20 },
    rows: [
      // tableHeader makes Word repeat the row at the top of every page the table runs onto.
      new TableRow({ tableHeader: true, cantSplit: true, children: block.header.map((h, i) => cell(h, i, true)) }),
      ...block.rows.map((row) => new TableRow({ cantSplit: true, children: row.map((c, i) => cell(c, i, false)) })),
    ],
  });
}

/** Where a table goes: its column widths, and whether it needs a landscape page to keep its words whole. */
export function tableLayout(block: TableBlock) {
  return fitColumns(block, {
    portraitWidth: TEXT_WIDTH,
    landscapeWidth: LANDSCAPE_TEXT_WIDTH,
    fontPt: TABLE_FONT_PT,
    cellPadding: 2 * CELL_MARGIN,
  });
}

function caption(value: string, keepNext: boolean): Paragraph {
  return new Paragraph({ style: 'Caption', keepNext, children: runs(value) });
}

interface Counter {
  lists: number;
}

/** Rasterised figures, by block, made before the document is built (rasterising is asynchronous). */
export type FigureImages = Map<Block, RasterImage>;

function renderBlock(block: Block, doc: Doc, counter: Counter, images: FigureImages): Array<Paragraph | Table> {
  switch (block.kind) {
    case 'heading': {
      const level = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3][block.level - 1];
      return [new Paragraph({ heading: level, keepNext: true, children: runs(oneLine(block.text)) })];
    }
    case 'paragraph': {
      const style: RunStyle = block.tone === 'muted' ? { color: '5F5F5F' } : block.tone === 'strong' ? { bold: true } : {};
      return [new Paragraph({ children: runs(block.text, style), spacing: { after: 120 } })];
    }
    case 'keyValue':
      return [labelValueTable(block.items), new Paragraph({ children: [] })];
    case 'table': {
      const out: Array<Paragraph | Table> = [];
      if (block.caption) out.push(caption(block.caption, true));
      const layout = tableLayout(block);
      out.push(dataTable(block, layout.widths, layout.fontPt), new Paragraph({ children: [] }));
      return out;
    }
    case 'bulletList': {
      const instance = ++counter.lists;
      return block.items.map(
        (item) => new Paragraph({ numbering: { reference: BULLET_REF, level: 0, instance }, children: runs(item) }),
      );
    }
    case 'numberedList': {
      // Each list is its own numbering instance, so a second list on the page starts from its own start again.
      const instance = ++counter.lists;
      const reference = orderedRef(block.start ?? 1);
      return block.items.map((item) => new Paragraph({ numbering: { reference, level: 0, instance }, children: runs(item) }));
    }
    case 'callout':
      return [
        new Paragraph({
          border: { left: { style: BorderStyle.SINGLE, size: 24, color: '2A6EBB', space: 8 } },
          shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'F3F7FC' },
          spacing: { before: 60, after: 160 },
          indent: { left: 160 },
          children: [
            new TextRun({ text: oneLine(block.label), bold: true }),
            // The text starts on its own line under the label.
            ...runs(block.text, {}, true),
          ],
        }),
      ];
    case 'signatures': {
      const out: Paragraph[] = [];
      if (block.placeAndDate) {
        out.push(new Paragraph({ keepNext: true, spacing: { before: 480 }, children: runs(block.placeAndDate) }));
      }
      for (const signer of block.signers) {
        out.push(
          new Paragraph({
            keepNext: true,
            keepLines: true,
            spacing: { before: 720 },
            border: { top: { style: BorderStyle.SINGLE, size: 6, color: '1A1A1A', space: 2 } },
            indent: { right: Math.round(TEXT_WIDTH * 0.45) },
            children: runs(oneLine(signer.name)),
          }),
          new Paragraph({ children: runs(oneLine(signer.role), { color: '5F5F5F' }) }),
        );
      }
      return out;
    }
    case 'pageBreak':
      return [new Paragraph({ children: [new PageBreak()] })];
    case 'figure': {
      const image = images.get(block);
      const label = ENGINE_LABELS[doc.lang].figure;
      const out: Paragraph[] = [];
      if (image) {
        // The chart as a picture, scaled to the text width at most; its alt text carries the numbers for
        // screen readers (Word's "Alt Text").
        const maxPx = Math.floor((TEXT_WIDTH / 1440) * 96);
        const scale = Math.min(1, maxPx / image.width);
        out.push(
          new Paragraph({
            keepNext: Boolean(block.caption),
            alignment: AlignmentType.CENTER,
            children: [
              new ImageRun({
                type: 'png',
                data: image.png,
                transformation: { width: Math.round(image.width * scale), height: Math.round(image.height * scale) },
                altText: { name: `${label}`, title: oneLine(block.caption ?? label), description: oneLine(block.alt) },
              }),
            ],
          }),
        );
      } else {
        // No rasteriser on this machine: the alt text (which the feature writes to carry the numbers) stands in.
        out.push(
          new Paragraph({
            keepNext: Boolean(block.caption),
            border: {
              top: { style: BorderStyle.DASHED, size: 4, color: '8C8C8C', space: 4 },
              bottom: { style: BorderStyle.DASHED, size: 4, color: '8C8C8C', space: 4 },
            },
            children: [new TextRun({ text: `${label}: `, bold: true }), ...runs(block.alt, { italics: true })],
          }),
        );
      }
      if (block.caption) out.push(caption(block.caption, false));
      return out;
    }
  }
}

function numberingConfig(doc: Doc) {
  const starts = new Set<number>([1]);
  for (const block of doc.blocks) if (block.kind === 'numberedList') starts.add(block.start ?? 1);
  return [
    {
      reference: BULLET_REF,
      levels: [
        {
          level: 0,
          format: LevelFormat.BULLET,
          text: '\u2022',
          alignment: AlignmentType.LEFT,
          style: { paragraph: { indent: { left: 567, hanging: 284 } } },
        },
      ],
    },
    ...[...starts].map((start) => ({
      reference: orderedRef(start),
      levels: [
        {
          level: 0,
          format: LevelFormat.DECIMAL,
          text: '%1.',
          start,
          alignment: AlignmentType.LEFT,
          style: { paragraph: { indent: { left: 567, hanging: 397 } } },
        },
      ],
    })),
  ];
}

/**
 * Portrait, except a table that needs landscape and the headings and paragraphs right before it (they stay
 * with it); when only those come before such a table, the title block goes on the landscape page too.
 */
function blockOrientations(blocks: Block[]): { title: 'portrait' | 'landscape'; blocks: Array<'portrait' | 'landscape'> } {
  const out = blocks.map((b) => (b.kind === 'table' ? tableLayout(b).orientation : 'portrait'));
  for (let i = blocks.length - 2; i >= 0; i--) {
    const kind = blocks[i]!.kind;
    if ((kind === 'heading' || kind === 'paragraph') && out[i + 1] === 'landscape') out[i] = 'landscape';
  }
  return { title: out[0] ?? 'portrait', blocks: out };
}

/**
 * Builds the docx library's Document (exposed for callers that want to add to it, e.g. benchmarks). A table
 * too wide for a portrait page gets a landscape section of its own; every section has the same footer with
 * the document's title and "Page n / N".
 */
export function buildDocxDocument(doc: Doc, images: FigureImages = new Map()): Document {
  validateDoc(doc);
  const lang = LANG_TAGS[doc.lang];
  const counter: Counter = { lists: 0 };
  const orientations = blockOrientations(doc.blocks);
  const runsOfSections: Array<{ orientation: 'portrait' | 'landscape'; children: Array<Paragraph | Table> }> = [
    {
      orientation: orientations.title,
      children: [new Paragraph({ heading: HeadingLevel.TITLE, children: runs(oneLine(doc.title)) })],
    },
  ];
  const current = () => runsOfSections[runsOfSections.length - 1]!;
  const push = (orientation: 'portrait' | 'landscape', items: Array<Paragraph | Table>) => {
    if (current().orientation !== orientation) runsOfSections.push({ orientation, children: [] });
    current().children.push(...items);
  };
  if (doc.subtitle) {
    push(orientations.title, [
      new Paragraph({ spacing: { after: 200 }, children: runs(doc.subtitle, { size: 26, color: '3D3D3D' }) }),
    ]);
  }
  if (doc.meta.length) push(orientations.title, [labelValueTable(doc.meta), new Paragraph({ children: [] })]);
  doc.blocks.forEach((block, i) => push(orientations.blocks[i]!, renderBlock(block, doc, counter, images)));

  const footerChildren: ParagraphChild[] = [
    new TextRun({ text: `${oneLine(doc.title)} · ${ENGINE_LABELS[doc.lang].page} `, size: 16, color: '5F5F5F' }),
    new TextRun({ children: [PageNumber.CURRENT], size: 16, color: '5F5F5F' }),
    new TextRun({ text: ' / ', size: 16, color: '5F5F5F' }),
    new TextRun({ children: [PageNumber.TOTAL_PAGES], size: 16, color: '5F5F5F' }),
  ];
  const sections: ISectionOptions[] = runsOfSections.map((section) => ({
    properties: {
      page: {
        size: {
          width: PAGE.width,
          height: PAGE.height,
          orientation: section.orientation === 'landscape' ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT,
        },
        margin: { top: MARGIN.top, bottom: MARGIN.bottom, left: MARGIN.side, right: MARGIN.side },
      },
    },
    footers: {
      default: new Footer({ children: [new Paragraph({ alignment: AlignmentType.RIGHT, children: footerChildren })] }),
    },
    children: section.children,
  }));

  return new Document({
    title: oneLine(doc.title),
    subject: doc.subtitle ? oneLine(doc.subtitle) : undefined,
    creator: 'Painopiste',
    lastModifiedBy: 'Painopiste',
    styles: {
      default: {
        // Document language on the default run properties: Word's spelling and hyphenation follow it.
        document: { run: { language: { value: lang }, font: 'Calibri', size: 22 } },
      },
    },
    numbering: { config: numberingConfig(doc) },
    sections,
  });
}

/** The .docx file as bytes, with every figure rasterised to PNG (raster.ts). */
export async function renderDocx(doc: Doc): Promise<Uint8Array> {
  const images: FigureImages = new Map();
  for (const block of doc.blocks) {
    if (block.kind !== 'figure') continue;
    const image = await rasteriseSvg(block.svg);
    if (image) images.set(block, image);
  }
  return Packer.pack(buildDocxDocument(doc, images), 'uint8array');
}
