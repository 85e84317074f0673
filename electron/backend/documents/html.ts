// Standalone, printable HTML for a Doc. The same page is printed to PDF (Electron printToPDF, or Chromium in
// browser mode), so all styling is inline and the page loads nothing: the CSP below forbids every fetch and
// every script, as a second line of defence behind the escaping.

import { cleanText, columnPercents, ENGINE_LABELS, validateDoc, type Block, type Doc, type TableBlock } from './model';

export const HTML_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML element content and quoted attribute values alike. */
export function escapeHtml(text: string): string {
  return cleanText(text).replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

// ---------------------------------------------------------------------------------------------------------
// SVG sanitiser. Charts come from our own code today, but an SVG string is markup, so it is parsed with a
// deliberately tiny XML subset, checked against an allow-list and re-serialised by us. Anything outside the
// subset (DOCTYPE, CDATA, processing instructions, unknown entities, unknown elements or attributes, event
// handlers, links, url() in styles) rejects the whole figure: the alt text is shown instead. Rejecting rather
// than stripping means a chart never silently renders half-broken.
// ---------------------------------------------------------------------------------------------------------

const SVG_NS = 'http://www.w3.org/2000/svg';
const MAX_SVG_LENGTH = 1_000_000;
const MAX_SVG_DEPTH = 32;
const MAX_SVG_ELEMENTS = 20_000;

const SVG_ELEMENTS = new Set([
  'svg',
  'g',
  'rect',
  'line',
  'circle',
  'ellipse',
  'path',
  'polyline',
  'polygon',
  'text',
  'tspan',
  'title',
  'desc',
]);
/** Elements whose character data is shown; elsewhere only whitespace is allowed between tags. */
const SVG_TEXT_ELEMENTS = new Set(['text', 'tspan', 'title', 'desc']);

const NUM = String.raw`[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?`;
const LENGTH = new RegExp(String.raw`^\s*${NUM}(?:px|pt|em|ex|mm|cm|in|%)?\s*$`);
const LENGTH_LIST = new RegExp(String.raw`^\s*${NUM}(?:px|%)?(?:(?:\s*,\s*|\s+)${NUM}(?:px|%)?)*\s*$`);
const NUMBER_LIST = new RegExp(String.raw`^\s*(?:${NUM}(?:\s*,\s*|\s+)?)*\s*$`);
const VIEW_BOX = new RegExp(String.raw`^\s*${NUM}(?:\s*,\s*|\s+)${NUM}(?:\s*,\s*|\s+)${NUM}(?:\s*,\s*|\s+)${NUM}\s*$`);
const PATH_DATA = /^[MmZzLlHhVvCcSsQqTtAa0-9eE.,+\-\s]*$/;
const TRANSFORM = /^(?:\s*(?:matrix|translate|scale|rotate|skewX|skewY)\s*\([0-9eE.,+\-\s]*\)\s*,?)*\s*$/;
const COLOR =
  /^\s*(?:none|currentColor|transparent|#[0-9a-fA-F]{3,8}|[a-zA-Z]{1,30}|rgba?\(\s*[0-9.%]+\s*(?:,\s*[0-9.%]+\s*){2,3}\))\s*$/;
const oneOf = (...words: string[]) => new RegExp(`^\\s*(?:${words.join('|')})\\s*$`);

const validate = (pattern: RegExp) => (value: string) => pattern.test(value);

const SVG_ATTRIBUTES: Record<string, (value: string) => boolean> = {
  xmlns: (v) => v === SVG_NS,
  version: validate(/^1\.[01]$/),
  viewBox: validate(VIEW_BOX),
  preserveAspectRatio: validate(/^\s*(?:none|x(?:Min|Mid|Max)Y(?:Min|Mid|Max))(?:\s+(?:meet|slice))?\s*$/),
  width: validate(LENGTH),
  height: validate(LENGTH),
  x: validate(LENGTH_LIST),
  y: validate(LENGTH_LIST),
  dx: validate(LENGTH_LIST),
  dy: validate(LENGTH_LIST),
  x1: validate(LENGTH),
  y1: validate(LENGTH),
  x2: validate(LENGTH),
  y2: validate(LENGTH),
  cx: validate(LENGTH),
  cy: validate(LENGTH),
  r: validate(LENGTH),
  rx: validate(LENGTH),
  ry: validate(LENGTH),
  d: validate(PATH_DATA),
  points: validate(NUMBER_LIST),
  transform: validate(TRANSFORM),
  fill: validate(COLOR),
  stroke: validate(COLOR),
  'stroke-width': validate(LENGTH),
  'stroke-dasharray': (v) => /^\s*none\s*$/.test(v) || NUMBER_LIST.test(v),
  'stroke-linecap': validate(oneOf('butt', 'round', 'square')),
  'stroke-linejoin': validate(oneOf('miter', 'round', 'bevel')),
  opacity: validate(LENGTH),
  'fill-opacity': validate(LENGTH),
  'stroke-opacity': validate(LENGTH),
  'font-size': validate(LENGTH),
  'font-family': validate(/^[A-Za-z0-9 ,'"-]{1,100}$/),
  'font-weight': validate(oneOf('normal', 'bold', 'bolder', 'lighter', '[1-9]00')),
  'font-style': validate(oneOf('normal', 'italic')),
  'text-anchor': validate(oneOf('start', 'middle', 'end')),
  'dominant-baseline': validate(
    oneOf('auto', 'middle', 'central', 'hanging', 'alphabetic', 'ideographic', 'mathematical', 'text-top', 'text-bottom'),
  ),
  role: validate(oneOf('img', 'presentation', 'none', 'group', 'graphics-symbol')),
  'aria-hidden': validate(oneOf('true', 'false')),
  'aria-label': () => true, // plain text; escaped on output
  style: validStyle,
};

/** Inline style: only presentation properties whose value passes the same check as the attribute. */
const STYLE_PROPERTIES = new Set([
  'fill',
  'stroke',
  'stroke-width',
  'stroke-dasharray',
  'stroke-linecap',
  'stroke-linejoin',
  'opacity',
  'fill-opacity',
  'stroke-opacity',
  'font-size',
  'font-family',
  'font-weight',
  'font-style',
  'text-anchor',
  'dominant-baseline',
]);

function validStyle(value: string): boolean {
  // Backslashes (CSS escapes), comments and url()/expression() could smuggle anything past a naive check.
  if (/[\\<>@]|\/\*|url\s*\(|expression|image-set|var\s*\(/i.test(value)) return false;
  return value
    .split(';')
    .map((decl) => decl.trim())
    .filter((decl) => decl !== '')
    .every((decl) => {
      const colon = decl.indexOf(':');
      if (colon <= 0) return false;
      const prop = decl.slice(0, colon).trim().toLowerCase();
      const val = decl.slice(colon + 1).trim();
      const check = SVG_ATTRIBUTES[prop];
      return STYLE_PROPERTIES.has(prop) && check !== undefined && check(val);
    });
}

interface SvgElement {
  name: string;
  attrs: Array<[string, string]>;
  children: Array<SvgElement | string>;
}

class SvgRejected extends Error {}

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeXmlText(raw: string): string {
  return raw.replace(/&([^;&\s]{0,10});?/g, (match, body: string) => {
    if (!match.endsWith(';')) throw new SvgRejected('bare ampersand');
    const named = XML_ENTITIES[body];
    if (named !== undefined) return named;
    const hex = /^#x([0-9a-fA-F]{1,6})$/.exec(body);
    const dec = /^#([0-9]{1,7})$/.exec(body);
    const code = hex?.[1] ? parseInt(hex[1], 16) : dec?.[1] ? parseInt(dec[1], 10) : NaN;
    if (!Number.isFinite(code) || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) {
      throw new SvgRejected(`entity ${body}`);
    }
    return String.fromCodePoint(code);
  });
}

const NAME = /^[A-Za-z_][A-Za-z0-9_.:-]*/;

function parseSvg(source: string): SvgElement {
  let pos = 0;
  let elements = 0;
  const fail = (why: string): never => {
    throw new SvgRejected(why);
  };
  const skipMisc = () => {
    for (;;) {
      while (pos < source.length && /\s/.test(source[pos] ?? '')) pos++;
      if (source.startsWith('<!--', pos)) {
        const end = source.indexOf('-->', pos + 4);
        if (end < 0) fail('unterminated comment');
        pos = end + 3;
      } else return;
    }
  };

  const parseElement = (depth: number): SvgElement => {
    if (depth > MAX_SVG_DEPTH) fail('too deep');
    if (++elements > MAX_SVG_ELEMENTS) fail('too many elements');
    if (source[pos] !== '<') fail('expected <');
    pos++;
    const nameMatch = NAME.exec(source.slice(pos, pos + 64));
    if (!nameMatch) return fail('bad element name');
    const name = nameMatch[0];
    if (!SVG_ELEMENTS.has(name)) fail(`element ${name}`);
    pos += name.length;
    const attrs: Array<[string, string]> = [];
    const seen = new Set<string>();
    for (;;) {
      const ws = /^\s*/.exec(source.slice(pos, pos + 256))?.[0].length ?? 0;
      pos += ws;
      if (source.startsWith('/>', pos)) {
        pos += 2;
        return { name, attrs, children: [] };
      }
      if (source[pos] === '>') {
        pos++;
        break;
      }
      if (ws === 0) fail('attributes must be separated by whitespace');
      const attrMatch = NAME.exec(source.slice(pos, pos + 64));
      if (!attrMatch) return fail('bad attribute name');
      const attr = attrMatch[0];
      pos += attr.length;
      const eq = /^\s*=\s*/.exec(source.slice(pos, pos + 64));
      if (!eq) return fail('attribute without value');
      pos += eq[0].length;
      const quote = source[pos];
      if (quote !== '"' && quote !== "'") return fail('unquoted attribute');
      const end = source.indexOf(quote, pos + 1);
      if (end < 0) fail('unterminated attribute');
      const rawValue = source.slice(pos + 1, end);
      pos = end + 1;
      if (rawValue.includes('<')) fail('< in attribute');
      const value = decodeXmlText(rawValue);
      const check = SVG_ATTRIBUTES[attr];
      // Own-property lookup only: "constructor" or "__proto__" must not reach Object.prototype.
      if (!Object.prototype.hasOwnProperty.call(SVG_ATTRIBUTES, attr) || !check) fail(`attribute ${attr}`);
      else if (!check(value)) fail(`value of ${attr}`);
      if (seen.has(attr)) fail(`duplicate ${attr}`);
      seen.add(attr);
      attrs.push([attr, value]);
    }
    const children: Array<SvgElement | string> = [];
    for (;;) {
      if (pos >= source.length) fail(`unclosed ${name}`);
      if (source.startsWith('<!--', pos)) {
        skipMisc();
        continue;
      }
      if (source.startsWith('</', pos)) {
        pos += 2;
        if (!source.startsWith(name, pos)) fail('mismatched end tag');
        pos += name.length;
        const close = /^\s*>/.exec(source.slice(pos, pos + 64));
        if (!close) return fail('bad end tag');
        pos += close[0].length;
        return { name, attrs, children };
      }
      if (source.startsWith('<!', pos) || source.startsWith('<?', pos)) fail('DOCTYPE, CDATA or PI');
      if (source[pos] === '<') {
        children.push(parseElement(depth + 1));
        continue;
      }
      const next = source.indexOf('<', pos);
      const raw = source.slice(pos, next < 0 ? source.length : next);
      pos += raw.length;
      const text = decodeXmlText(raw);
      if (SVG_TEXT_ELEMENTS.has(name)) children.push(text);
      else if (text.trim() !== '') fail(`text inside ${name}`);
    }
  };

  if (source.startsWith('\uFEFF')) pos = 1;
  skipMisc();
  // An XML declaration is harmless and common in exported charts; any other PI is not accepted.
  const decl = /^<\?xml\s[^?<>]*\?>/.exec(source.slice(pos, pos + 200));
  if (decl) pos += decl[0].length;
  skipMisc();
  const root = parseElement(0);
  skipMisc();
  if (pos !== source.length) fail('content after root');
  if (root.name !== 'svg') fail('root must be svg');
  return root;
}

function serializeSvg(node: SvgElement, rootLabel: string | null): string {
  const attrs = node.attrs.filter(([name]) => {
    if (name === 'xmlns') return false; // re-added below so it is always exactly the SVG namespace
    if (rootLabel !== null && (name === 'role' || name === 'aria-label' || name === 'aria-hidden')) return false;
    return true;
  });
  let out = `<${node.name}`;
  if (rootLabel !== null) out += ` xmlns="${SVG_NS}" role="img" aria-label="${escapeHtml(rootLabel)}"`;
  for (const [name, value] of attrs) out += ` ${name}="${escapeHtml(value)}"`;
  out += '>';
  for (const child of node.children) {
    out += typeof child === 'string' ? escapeHtml(child) : serializeSvg(child, null);
  }
  return `${out}</${node.name}>`;
}

/**
 * Returns a safe re-serialisation of `svg`, or null when it uses anything outside the allow-list.
 * `alt` becomes the root's accessible name.
 */
export function sanitizeSvg(svg: string, alt = ''): string | null {
  if (typeof svg !== 'string' || svg.length > MAX_SVG_LENGTH) return null;
  try {
    return serializeSvg(parseSvg(svg), alt);
  } catch (error) {
    if (error instanceof SvgRejected) return null;
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------------------

const STYLES = `
@page { size: A4; margin: 20mm 18mm 22mm 18mm; }
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: "Source Sans Pro", "Segoe UI", Arial, Helvetica, sans-serif; font-size: 11pt; line-height: 1.45;
  color: #1a1a1a; margin: 0 auto; max-width: 180mm; padding: 12mm 0; }
@media print { body { padding: 0; max-width: none; } }
h1 { font-size: 20pt; margin: 0 0 2mm; line-height: 1.2; }
h2 { font-size: 15pt; margin: 7mm 0 2mm; }
h3 { font-size: 12.5pt; margin: 5mm 0 1.5mm; }
h4 { font-size: 11pt; margin: 4mm 0 1mm; }
h1, h2, h3, h4 { break-after: avoid; page-break-after: avoid; break-inside: avoid; }
.subtitle { font-size: 13pt; margin: 0 0 4mm; color: #3d3d3d; }
.text, td, th, dd, li { white-space: pre-wrap; overflow-wrap: anywhere; }
p { margin: 0 0 3mm; orphans: 3; widows: 3; }
.muted { color: #5f5f5f; }
.strong { font-weight: 700; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 1mm 6mm; margin: 0 0 4mm; }
dt { font-weight: 700; }
dd { margin: 0; }
header.doc-meta { border-bottom: 1px solid #8c8c8c; margin-bottom: 5mm; padding-bottom: 2mm; }
table { border-collapse: collapse; width: 100%; margin: 0 0 4mm; table-layout: fixed; }
caption { caption-side: top; text-align: left; font-weight: 700; padding: 0 0 1.5mm; }
th, td { border: 1px solid #8c8c8c; padding: 1.5mm 2mm; text-align: left; vertical-align: top; }
thead th { background: #eaeaea; }
tbody th { font-weight: 700; }
thead { display: table-header-group; }
tr, img, svg, figure, .callout, .signatures { break-inside: avoid; page-break-inside: avoid; }
ul, ol { margin: 0 0 3mm; padding-left: 7mm; }
.callout { border-left: 4px solid #2a6ebb; background: #f3f7fc; padding: 2mm 3mm; margin: 0 0 3mm; }
.callout-label { font-weight: 700; margin: 0 0 1mm; }
.callout .text { margin: 0; }
figure { margin: 0 0 4mm; }
figure svg { max-width: 100%; height: auto; }
figcaption { font-size: 9.5pt; color: #3d3d3d; margin-top: 1mm; }
.figure-alt { border: 1px dashed #8c8c8c; padding: 2mm 3mm; }
.page-break { break-after: page; page-break-after: always; height: 0; }
.signatures { display: flex; flex-wrap: wrap; gap: 8mm 12mm; margin-top: 12mm; }
.signature { min-width: 65mm; }
.signature-line { border-bottom: 1px solid #1a1a1a; height: 12mm; }
.signature p { margin: 1mm 0 0; }
`;

const text = (value: string) => escapeHtml(value);

function renderTable(block: TableBlock): string {
  const percents = columnPercents(block);
  const caption = block.caption ? `<caption>${text(block.caption)}</caption>` : '';
  const cols = percents.map((p) => `<col style="width:${p.toFixed(2)}%">`).join('');
  const head = block.header.map((h) => `<th scope="col">${text(h)}</th>`).join('');
  const body = block.rows
    .map((row) => {
      const cells = row.map((cell, i) =>
        i === 0 && block.rowHeaders ? `<th scope="row">${text(cell)}</th>` : `<td>${text(cell)}</td>`,
      );
      return `<tr>${cells.join('')}</tr>`;
    })
    .join('\n');
  return `<table>${caption}<colgroup>${cols}</colgroup><thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody></table>`;
}

function renderBlock(block: Block, doc: Doc): string {
  switch (block.kind) {
    case 'heading': {
      // The document title is h1, so body headings start at h2 and the outline has no gaps.
      const tag = `h${block.level + 1}`;
      return `<${tag}>${text(block.text)}</${tag}>`;
    }
    case 'paragraph': {
      const tone = block.tone && block.tone !== 'normal' ? ` ${block.tone}` : '';
      return `<p class="text${tone}">${text(block.text)}</p>`;
    }
    case 'keyValue':
      return `<dl>${block.items.map((i) => `<dt>${text(i.label)}</dt><dd>${text(i.value)}</dd>`).join('')}</dl>`;
    case 'table':
      return renderTable(block);
    case 'bulletList':
      return `<ul>${block.items.map((i) => `<li>${text(i)}</li>`).join('')}</ul>`;
    case 'numberedList': {
      const start = block.start !== undefined && block.start !== 1 ? ` start="${block.start}"` : '';
      return `<ol${start}>${block.items.map((i) => `<li>${text(i)}</li>`).join('')}</ol>`;
    }
    case 'callout':
      return `<div class="callout"><p class="callout-label">${text(block.label)}</p><p class="text">${text(block.text)}</p></div>`;
    case 'signatures': {
      const place = block.placeAndDate ? `<p class="text">${text(block.placeAndDate)}</p>` : '';
      const signers = block.signers
        .map(
          (s) =>
            `<div class="signature"><div class="signature-line" aria-hidden="true"></div><p>${text(s.name)}</p><p class="muted">${text(s.role)}</p></div>`,
        )
        .join('');
      return `<section class="signatures-block" aria-label="${text(ENGINE_LABELS[doc.lang].signature)}">${place}<div class="signatures">${signers}</div></section>`;
    }
    case 'pageBreak':
      return '<div class="page-break"></div>';
    case 'figure': {
      const safe = sanitizeSvg(block.svg, block.alt);
      const body = safe ?? `<p class="text figure-alt">${text(block.alt)}</p>`;
      const caption = block.caption ? `<figcaption>${text(block.caption)}</figcaption>` : '';
      return `<figure>${body}${caption}</figure>`;
    }
  }
}

/** A complete standalone HTML5 page; safe to print and to open in any browser. */
export function renderHtml(doc: Doc): string {
  validateDoc(doc);
  const meta = doc.meta.length
    ? `<dl>${doc.meta.map((m) => `<dt>${text(m.label)}</dt><dd>${text(m.value)}</dd>`).join('')}</dl>`
    : '';
  const subtitle = doc.subtitle ? `<p class="subtitle">${text(doc.subtitle)}</p>` : '';
  const body = doc.blocks.map((b) => renderBlock(b, doc)).join('\n');
  return `<!DOCTYPE html>
<html lang="${doc.lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${HTML_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Painopiste">
<title>${text(doc.title)}</title>
<style>${STYLES}</style>
</head>
<body>
<header class="doc-meta">
<h1>${text(doc.title)}</h1>
${subtitle}${meta}
</header>
<main>
${body}
</main>
</body>
</html>
`;
}
