// The document engine: a realistic set of minutes, hostile text in every field, and each output parsed back
// by something other than the code that wrote it (parse5 — the HTML parser jsdom uses — for HTML, fflate +
// the raw OOXML for DOCX, a CommonMark escape decoder for Markdown).

import { describe, expect, it } from 'vitest';
import { strFromU8, unzipSync } from 'fflate';
import { parse } from 'parse5';
import {
  documentFileName,
  escapeMarkdownLine,
  renderDocument,
  renderDocx,
  renderHtml,
  renderMarkdown,
  sanitizeSvg,
  validateDoc,
  type Doc,
} from '../../electron/backend/documents';

const SCRIPT = '<script>alert(1)</script>';
const IMG = '<img src=x onerror="alert(1)">';
const FORMULA = "=cmd|' /C calc'!A0";
const DDE = '{ DDEAUTO c:\\windows\\system32\\cmd.exe "/k calc" }';
const ATTR_BREAK = `"'><svg onload=alert(1)>`;
const ENTITY = '&lt;b&gt; &amp; &#60;i&#62;';
const MD_TRAPS =
  '# not a heading\n- not a list\n1. not a list\n> not a quote\n    not code\n[link](javascript:alert(1)) **bold** `code` ~~s~~ | pipe |';

const CHART = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 100" width="200" height="100">
  <title>Toimenpiteet tilan mukaan</title>
  <g fill="#2a6ebb" stroke="none">
    <rect x="10" y="40" width="40" height="60"/>
    <rect x="60" y="20" width="40" height="80" style="fill: #c13832; stroke-width: 1"/>
  </g>
  <line x1="0" y1="100" x2="200" y2="100" stroke="#000" stroke-width="1"/>
  <polyline points="10,90 60,70 110,30" fill="none" stroke="rgb(0, 0, 0)"/>
  <text x="10" y="12" font-size="10" text-anchor="start">Avoimet &amp; valmiit &lt;3</text>
</svg>`;

function minutes(hostile = ''): Doc {
  return {
    title: `Pöytäkirja 3/2025 ${hostile}`.trim(),
    subtitle: 'Itä-Uudenmaan sisäisen turvallisuuden yhteistyöryhmä',
    lang: 'fi',
    meta: [
      { label: 'Aika', value: 'ke 12.3.2025 klo 9.00–11.30' },
      { label: 'Paikka', value: `Porvoon kaupungintalo, sali 2 ${hostile}` },
      { label: 'Puheenjohtaja', value: 'Maija Virtanen (Itä-Uudenmaan poliisilaitos)' },
      { label: 'Sihteeri', value: 'Ville Korhonen (Porvoon kaupunki)' },
    ],
    blocks: [
      { kind: 'heading', level: 1, text: 'Läsnä' },
      {
        kind: 'table',
        caption: 'Osallistujat organisaatioittain',
        header: ['Organisaatio', 'Henkilö', 'Läsnäolo'],
        widths: [3, 3, 1],
        rowHeaders: true,
        rows: [
          ['Itä-Uudenmaan poliisilaitos', 'Maija Virtanen, pj.', 'läsnä'],
          ['Porvoon kaupunki', 'Ville Korhonen, siht.\nAnna Lindqvist', 'läsnä\netänä'],
          ['Itä-Uudenmaan pelastuslaitos', `Kalle Nieminen ${hostile}`, 'estynyt'],
        ],
      },
      { kind: 'heading', level: 1, text: '1. Kokouksen avaus (9.00–9.05)' },
      { kind: 'paragraph', text: 'Puheenjohtaja avasi kokouksen klo 9.02.' },
      { kind: 'heading', level: 1, text: `2. Nuorten turvallisuus (9.05–9.45) ${hostile}`.trim() },
      { kind: 'paragraph', text: `Keskusteltiin kesän tilannekuvasta.\nEsittelijä: Anna Lindqvist.\n\n${hostile}` },
      { kind: 'callout', label: 'Päätös', text: `Ryhmä hyväksyi toimenpidesuunnitelman. ${hostile}` },
      { kind: 'heading', level: 2, text: 'Uudet toimenpiteet' },
      {
        kind: 'table',
        header: ['Toimenpide', 'Vastuu', 'Määräaika'],
        rows: [
          ['Kesätyöntekijöiden perehdytys', 'Porvoon kaupunki', '30.4.2025'],
          [`Tilannekuvan päivitys ${hostile}`, 'Poliisi', '15.5.2025'],
        ],
      },
      { kind: 'bulletList', items: ['Nuorisotoimi mukaan seuraavaan kokoukseen', hostile || 'Ei muuta'] },
      { kind: 'numberedList', start: 3, items: ['Kolmas', `Neljäs ${hostile}`] },
      { kind: 'keyValue', items: [{ label: 'Seuraava kokous', value: `ke 9.4.2025 klo 9.00 ${hostile}` }] },
      { kind: 'figure', svg: CHART, alt: `Avoimia 3, valmiita 5 ${hostile}`, caption: 'Toimenpiteet tilan mukaan' },
      { kind: 'pageBreak' },
      { kind: 'heading', level: 3, text: 'Liite' },
      { kind: 'paragraph', text: 'Ei liitteitä.', tone: 'muted' },
      {
        kind: 'signatures',
        placeAndDate: 'Porvoossa 12.3.2025',
        signers: [
          { role: 'Puheenjohtaja', name: 'Maija Virtanen' },
          { role: 'Sihteeri', name: `Ville Korhonen ${hostile}` },
        ],
      },
    ],
  };
}

const HOSTILE = [SCRIPT, IMG, FORMULA, DDE, ATTR_BREAK, ENTITY].join(' ');

// --- small parse5 tree helpers ------------------------------------------------------------------------------
interface Node {
  nodeName: string;
  tagName?: string;
  attrs?: Array<{ name: string; value: string }>;
  childNodes?: Node[];
  content?: Node;
  value?: string;
}
function walk(node: Node, visit: (n: Node) => void): void {
  visit(node);
  for (const child of node.childNodes ?? []) walk(child, visit);
  if (node.content) walk(node.content, visit);
}
function elements(root: Node, tag?: string): Node[] {
  const out: Node[] = [];
  walk(root, (n) => {
    if (n.tagName && (!tag || n.tagName === tag)) out.push(n);
  });
  return out;
}
function textOf(node: Node): string {
  let text = '';
  walk(node, (n) => {
    if (n.nodeName === '#text') text += n.value ?? '';
  });
  return text;
}
const attr = (node: Node, name: string) => node.attrs?.find((a) => a.name === name)?.value;
const htmlTree = (html: string) => parse(html) as unknown as Node;

describe('HTML', () => {
  const html = renderHtml(minutes(HOSTILE));
  const tree = htmlTree(html);

  it('is a standalone HTML5 page with language, CSP and print styles', () => {
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="fi">')).toBe(true);
    const csp = elements(tree, 'meta').find((m) => attr(m, 'http-equiv') === 'Content-Security-Policy');
    expect(attr(csp!, 'content')).toBe("default-src 'none'; style-src 'unsafe-inline'; img-src data:");
    expect(html).toMatch(/@page \{ size: A4; margin:/);
    expect(html).toContain('thead { display: table-header-group; }');
    expect(elements(tree, 'div').some((d) => attr(d, 'class') === 'page-break')).toBe(true);
    expect(elements(tree, 'link')).toHaveLength(0);
  });

  it('has an accessible structure: one h1, headings below it, th scope, caption', () => {
    expect(elements(tree, 'h1')).toHaveLength(1);
    expect(elements(tree, 'h2').map(textOf)).toContain('Läsnä');
    expect(elements(tree, 'h3').map(textOf)).toContain('Uudet toimenpiteet');
    expect(elements(tree, 'h4').map(textOf)).toContain('Liite');
    const ths = elements(tree, 'th');
    expect(ths.filter((t) => attr(t, 'scope') === 'col').map(textOf)).toEqual([
      'Organisaatio',
      'Henkilö',
      'Läsnäolo',
      'Toimenpide',
      'Vastuu',
      'Määräaika',
    ]);
    expect(ths.filter((t) => attr(t, 'scope') === 'row')).toHaveLength(3);
    expect(elements(tree, 'caption').map(textOf)).toEqual(['Osallistujat organisaatioittain']);
    expect(elements(tree, 'col').map((c) => attr(c, 'style'))).toContain('width:42.86%');
    expect(elements(tree, 'ol').map((o) => attr(o, 'start'))).toEqual(['3']);
  });

  it('escapes hostile text: no live tags, no event handlers, text shown literally', () => {
    for (const tag of ['script', 'img', 'iframe', 'object', 'embed', 'base', 'form', 'a']) {
      expect(elements(tree, tag), tag).toHaveLength(0);
    }
    walk(tree, (n) => {
      for (const a of n.attrs ?? []) expect(a.name.startsWith('on'), `${n.tagName} ${a.name}`).toBe(false);
    });
    // The only svg is the sanitised chart (the hostile one in the text stayed text).
    expect(elements(tree, 'svg')).toHaveLength(1);
    expect(html).not.toMatch(/<script|<img|<svg onload/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&#39;&gt;&lt;svg onload=alert(1)&gt;');
    const paragraph = elements(tree, 'p').find((p) => textOf(p).startsWith('Keskusteltiin'));
    expect(textOf(paragraph!)).toBe(`Keskusteltiin kesän tilannekuvasta.\nEsittelijä: Anna Lindqvist.\n\n${HOSTILE}`);
    expect(textOf(elements(tree, 'title')[0]!)).toBe(`Pöytäkirja 3/2025 ${HOSTILE}`);
    // Entities typed by a user stay text, not the characters they would name.
    expect(textOf(tree)).toContain(ENTITY);
    expect(textOf(tree)).toContain(FORMULA);
  });

  it('embeds a clean SVG chart with its alt text as accessible name', () => {
    const svg = elements(tree, 'svg')[0]!;
    expect(attr(svg, 'role')).toBe('img');
    expect(attr(svg, 'aria-label')).toBe(`Avoimia 3, valmiita 5 ${HOSTILE}`);
    expect(elements(svg, 'rect')).toHaveLength(2);
    expect(textOf(elements(svg, 'text')[0]!)).toBe('Avoimet & valmiit <3');
    expect(elements(tree, 'figcaption').map(textOf)).toEqual(['Toimenpiteet tilan mukaan']);
  });

  it('replaces a rejected SVG by its alt text', () => {
    const doc: Doc = {
      title: 'T',
      lang: 'sv',
      meta: [],
      blocks: [{ kind: 'figure', svg: '<svg onload="alert(1)"></svg>', alt: 'Tre öppna, fem klara' }],
    };
    const out = renderHtml(doc);
    const t = htmlTree(out);
    expect(elements(t, 'svg')).toHaveLength(0);
    expect(elements(t, 'p').map(textOf)).toContain('Tre öppna, fem klara');
    expect(out).toContain('<html lang="sv">');
  });

  it('drops control characters that would make the output invalid', () => {
    const out = renderHtml({ title: 'a\u0000b\u0007c\r\nd', lang: 'en', meta: [], blocks: [] });
    expect(textOf(elements(htmlTree(out), 'h1')[0]!)).toBe('abc\nd');
  });
});

describe('SVG sanitiser', () => {
  it('accepts a simple chart and re-serialises it', () => {
    const out = sanitizeSvg(CHART, 'Kaavio');
    expect(out).not.toBeNull();
    expect(out!.startsWith('<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="Kaavio"')).toBe(true);
    expect(out).toContain('Avoimet &amp; valmiit &lt;3');
  });

  const rejected: Record<string, string> = {
    'script element': '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    'onload handler': '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="1" height="1"/></svg>',
    'onclick on a child': '<svg><rect width="1" height="1" onclick="alert(1)"/></svg>',
    'upper-case handler': '<svg><rect ONLOAD="alert(1)"/></svg>',
    href: '<svg><a href="javascript:alert(1)"><text>x</text></a></svg>',
    'xlink:href on use': '<svg><use xlink:href="#x"/></svg>',
    'href attribute on text': '<svg><text href="https://evil.example">x</text></svg>',
    'image element': '<svg><image href="https://evil.example/x.png"/></svg>',
    foreignObject: '<svg><foreignObject><div>x</div></foreignObject></svg>',
    'style element': '<svg><style>rect{fill:url(https://evil.example)}</style></svg>',
    'style url()': '<svg><rect style="fill:url(https://evil.example/x)" width="1" height="1"/></svg>',
    'style css escape': '<svg><rect style="fill:u\\72l(x)" width="1" height="1"/></svg>',
    'fill url()': '<svg><rect fill="url(#grad)" width="1" height="1"/></svg>',
    'javascript in attribute': '<svg><rect fill="javascript:alert(1)" width="1" height="1"/></svg>',
    doctype: '<!DOCTYPE svg [<!ENTITY x "y">]><svg><text>&x;</text></svg>',
    'unknown entity': '<svg><text>&x;</text></svg>',
    cdata: '<svg><text><![CDATA[<script>]]></text></svg>',
    'processing instruction': '<svg><?xml-stylesheet href="x.css"?></svg>',
    'not svg root': '<g><rect width="1" height="1"/></g>',
    'two roots': '<svg></svg><svg></svg>',
    'text outside text elements': '<svg>hello<rect width="1" height="1"/></svg>',
    'unquoted attribute': '<svg width=10></svg>',
    'other namespace': '<svg xmlns="http://www.w3.org/1999/xhtml"></svg>',
    'namespaced element': '<svg><svg:script>alert(1)</svg:script></svg>',
    'mismatched tags': '<svg><g></svg></g>',
    'unclosed root': '<svg><rect width="1" height="1"/>',
    'prototype key attribute': '<svg constructor="x"></svg>',
  };
  for (const [name, svg] of Object.entries(rejected)) {
    it(`rejects ${name}`, () => {
      expect(sanitizeSvg(svg, 'alt')).toBeNull();
    });
  }
});

// --- DOCX ---------------------------------------------------------------------------------------------------
function unzipDocx(bytes: Uint8Array): Record<string, string> {
  const files = unzipSync(bytes);
  return Object.fromEntries(Object.entries(files).map(([name, data]) => [name, strFromU8(data)]));
}
const decodeXml = (s: string) =>
  s.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-f]+);/gi, (_, e: string) =>
    e === 'lt'
      ? '<'
      : e === 'gt'
        ? '>'
        : e === 'amp'
          ? '&'
          : e === 'quot'
            ? '"'
            : e === 'apos'
              ? "'"
              : String.fromCodePoint(e.startsWith('#x') ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)),
  );
/** Text of each w:p, runs joined, w:br as \n. */
function paragraphs(xml: string): string[] {
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) =>
    [...m[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>|<w:br\/>/g)]
      .map((r) => (r[0] === '<w:br/>' ? '\n' : decodeXml(r[1] ?? '')))
      .join(''),
  );
}

describe('DOCX', async () => {
  const bytes = await renderDocx(minutes(HOSTILE));
  const files = unzipDocx(bytes);
  const xml = files['word/document.xml'] ?? '';

  it('is a zip with the Word parts', () => {
    expect(bytes[0]).toBe(0x50); // PK
    expect(Object.keys(files)).toEqual(
      expect.arrayContaining(['[Content_Types].xml', 'word/document.xml', 'word/styles.xml', 'word/numbering.xml']),
    );
  });

  it('uses real heading styles and the document language', () => {
    expect(xml).toContain('<w:pStyle w:val="Title"/>');
    expect(xml.match(/<w:pStyle w:val="Heading1"\/>/g)?.length).toBe(3);
    expect(xml).toContain('<w:pStyle w:val="Heading2"/>');
    expect(xml).toContain('<w:pStyle w:val="Heading3"/>');
    expect(files['word/styles.xml']).toMatch(/<w:lang w:val="fi-FI"\/>/);
    expect(files['word/styles.xml']).toContain('w:styleId="Heading1"');
  });

  it('writes tables with a repeated header row, page breaks and lists', () => {
    expect(xml.match(/<w:tblHeader\/>/g)?.length).toBe(2);
    // Attendance: header + 3 rows; actions: header + 2; meta 4 + key/value 1 (borderless label tables).
    expect(xml.match(/<w:tr>|<w:tr /g)?.length).toBe(4 + 3 + 4 + 1);
    expect(xml).toContain('<w:br w:type="page"/>');
    expect(xml.match(/<w:numPr>/g)?.length).toBe(4);
    expect(files['word/numbering.xml']).toMatch(/<w:start w:val="3"\/>/);
  });

  it('keeps hostile text as escaped text, never markup or fields', () => {
    expect(xml).not.toMatch(/<script|<img|<svg/i);
    expect(xml).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(xml).not.toMatch(/<w:fldSimple|<w:instrText|<w:fldChar/);
    const texts = paragraphs(xml);
    expect(texts).toContain(`Keskusteltiin kesän tilannekuvasta.\nEsittelijä: Anna Lindqvist.\n\n${HOSTILE}`);
    expect(texts).toContain(`Päätös\nRyhmä hyväksyi toimenpidesuunnitelman. ${HOSTILE}`);
    expect(texts.some((t) => t.includes(FORMULA) && t.includes(DDE))).toBe(true);
    // The chart is a picture; its alt text (with the hostile text, escaped) is the picture's description.
    expect(Object.keys(files).some((f) => /^word\/media\/.+\.png$/.test(f))).toBe(true);
    const descr = /<wp:docPr [^>]*descr="([^"]*)"/.exec(xml)?.[1];
    expect(decodeXml(descr ?? '')).toBe(`Avoimia 3, valmiita 5 ${HOSTILE}`.replace(/[\n\t]+/g, ' '));
  });

  it('drops XML-invalid characters instead of writing a broken file', async () => {
    const out = unzipDocx(await renderDocx({ title: 'a\u0000b\uFFFEc\uD800', lang: 'en', meta: [], blocks: [] }));
    expect(paragraphs(out['word/document.xml'] ?? '')[0]).toBe('abc\uFFFD');
  });
});

// --- Markdown -----------------------------------------------------------------------------------------------
/** Every < and & in Markdown must be escaped or one of our own character references. */
function rawHtmlOrEntity(md: string): string[] {
  const found: string[] = [];
  for (let i = 0; i < md.length; i++) {
    const c = md[i];
    if (c === '\\' && /[!-/:-@[-`{-~]/.test(md[i + 1] ?? '')) {
      i++;
      continue;
    }
    if (c === '<') found.push(md.slice(i, i + 12));
    if (c === '&' && !/^&#(32|9);/.test(md.slice(i, i + 5))) found.push(md.slice(i, i + 12));
  }
  return found;
}
const decodeMarkdownEscapes = (s: string) =>
  s.replace(
    /\\([!-/:-@[-`{-~])|&#(\d+);/g,
    (_, p: string | undefined, n: string | undefined) => p ?? String.fromCodePoint(Number(n)),
  );

describe('Markdown', () => {
  const md = renderMarkdown(minutes(`${HOSTILE}\n${MD_TRAPS}`));

  it('has no raw HTML or entities from user text', () => {
    expect(rawHtmlOrEntity(md)).toEqual([]);
    expect(md).toContain('\\<script\\>alert(1)\\</script\\>');
  });

  it('only has the headings, lists and tables we made', () => {
    const lines = md.split('\n');
    expect(lines.filter((l) => l.startsWith('#')).map((l) => l.split(' ')[0])).toEqual(['#', '##', '##', '##', '###', '####']);
    expect(lines.filter((l) => /^\d+\. /.test(l))).toEqual([
      expect.stringMatching(/^3\. Kolmas$/),
      expect.stringMatching(/^4\. Neljäs /),
    ]);
    // Four-space indented user lines become character references, not code blocks.
    expect(lines.some((l) => l.startsWith('    '))).toBe(false);
    expect(md).toContain('&#32;&#32;&#32;&#32;not code');
    expect(md).toContain('\\# not a heading');
    expect(md).toContain('\\[link\\](javascript:alert(1))');
  });

  it('writes GFM tables with escaped pipes and one line per row', () => {
    expect(md).toContain('| Organisaatio | Henkilö | Läsnäolo |\n| --- | --- | --- |\n');
    expect(md).toContain('| Porvoon kaupunki | Ville Korhonen, siht. Anna Lindqvist | läsnä etänä |');
    const rows = md.split('\n').filter((l) => l.startsWith('| Itä-Uudenmaan pelastuslaitos'));
    expect(rows).toHaveLength(1);
    // Cell count stays 3: every user pipe is escaped.
    expect(rows[0]!.replace(/\\\|/g, '').split('|').length - 2).toBe(3);
  });

  it('keeps multi-line text as hard line breaks that decode back to the text', () => {
    const para = md.split('\n\n').find((p) => p.startsWith('Keskusteltiin'))!;
    expect(decodeMarkdownEscapes(para.replace(/\\\n/g, '\n'))).toBe(
      `Keskusteltiin kesän tilannekuvasta.\nEsittelijä: Anna Lindqvist.\n\n${HOSTILE}\n${MD_TRAPS}`,
    );
  });

  it('escapes a single line so it decodes back exactly', () => {
    for (const line of [MD_TRAPS.split('\n').join(' '), '  * x', '2025) vuosi', '\\*', '+1', '===', '---', '\tx']) {
      expect(decodeMarkdownEscapes(escapeMarkdownLine(line))).toBe(line);
    }
  });
});

describe('renderDocument and helpers', () => {
  it('returns bytes, MIME type and extension per format', async () => {
    const doc = minutes();
    const html = await renderDocument(doc, 'html');
    expect(html.mimeType).toBe('text/html; charset=utf-8');
    expect(html.extension).toBe('html');
    expect(new TextDecoder().decode(html.bytes)).toBe(renderHtml(doc));
    const md = await renderDocument(doc, 'md');
    expect([md.mimeType, md.extension]).toEqual(['text/markdown; charset=utf-8', 'md']);
    const docx = await renderDocument(doc, 'docx');
    expect(docx.mimeType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(docx.extension).toBe('docx');
    expect(unzipSync(docx.bytes)['word/document.xml']).toBeDefined();
  });

  it('rejects structurally broken documents', () => {
    const bad: Doc = { title: 't', lang: 'fi', meta: [], blocks: [{ kind: 'table', header: ['a', 'b'], rows: [['1']] }] };
    expect(() => validateDoc(bad)).toThrow(/row 0 has 1 cells/);
    expect(() => renderHtml(bad)).toThrow(RangeError);
  });

  it('makes safe file names from titles', () => {
    expect(documentFileName('Pöytäkirja 3/2025: Itä-Uusimaa', 'docx')).toBe('Pöytäkirja 3-2025- Itä-Uusimaa.docx');
    expect(documentFileName('../../etc/passwd', 'md')).toBe('etc-passwd.md');
    expect(documentFileName('CON', 'html')).toBe('document-CON.html');
    expect(documentFileName('  \u0000 ', 'html')).toBe('document.html');
  });
});
