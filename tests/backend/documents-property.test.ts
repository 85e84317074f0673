// Property tests: arbitrary Unicode (lone surrogates, controls, markup fragments) in every text field never
// escapes its context in HTML, Markdown or iCalendar, and the text reads back exactly (after the documented
// clean-up of control characters, CRLF and lone surrogates).

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parse } from 'parse5';
import ICAL from 'ical.js';
import {
  cleanText,
  escapeMarkdownLine,
  oneLine,
  renderCalendar,
  renderHtml,
  renderMarkdown,
  type Doc,
} from '../../electron/backend/documents';

const RUNS = 300;

// Random text biased towards the characters that matter to each format.
const fragment = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  fc.constantFrom(
    '<',
    '>',
    '&',
    '"',
    "'",
    '\\',
    '\n',
    '\r\n',
    '\r',
    '\t',
    '    ',
    ';',
    ',',
    ':',
    '|',
    '`',
    '*',
    '_',
    '#',
    '-',
    '+',
    '=',
    '1.',
    '2)',
    '[',
    ']',
    '(',
    ')',
    '!',
    '~',
    '$',
    '<script>',
    '</p>',
    '<!--',
    ']]>',
    '&amp;',
    '&#60;',
    '&lt;',
    'javascript:',
    '=cmd|',
    'END:VCALENDAR',
    '\u0000',
    '\u2028',
    '\uD800',
    '\uDFFF',
    'ä',
    '😀',
    '\uFEFF',
  ),
);
const text = fc.array(fragment, { maxLength: 12 }).map((parts) => parts.join(''));

function docWith(t: string): Doc {
  return {
    title: t,
    subtitle: t,
    lang: 'fi',
    meta: [{ label: t, value: t }],
    blocks: [
      { kind: 'heading', level: 2, text: t },
      { kind: 'paragraph', text: t },
      { kind: 'keyValue', items: [{ label: t, value: t }] },
      { kind: 'table', caption: t, header: [t, 'b'], rows: [[t, t]], rowHeaders: true },
      { kind: 'bulletList', items: [t, t] },
      { kind: 'numberedList', items: [t] },
      { kind: 'callout', label: t, text: t },
      { kind: 'signatures', placeAndDate: t, signers: [{ role: t, name: t }] },
      { kind: 'figure', svg: t, alt: t, caption: t },
    ],
  };
}

// --- HTML -----------------------------------------------------------------------------------------------------
const OUR_TAGS =
  /^<\/?(?:!DOCTYPE|html|head|meta|title|style|body|header|main|h[1-4]|p|dl|dt|dd|table|caption|colgroup|col|thead|tbody|tr|th|td|ul|ol|li|div|section|figure|figcaption|svg|g|rect|line|circle|ellipse|path|polyline|polygon|text|tspan|desc)[\s>]/;

interface Node {
  nodeName: string;
  tagName?: string;
  attrs?: Array<{ name: string; value: string }>;
  childNodes?: Node[];
  value?: string;
}
function collect(node: Node, tag: string, out: Node[] = []): Node[] {
  if (node.tagName === tag) out.push(node);
  for (const c of node.childNodes ?? []) collect(c, tag, out);
  return out;
}
const textOf = (node: Node): string =>
  node.nodeName === '#text' ? (node.value ?? '') : (node.childNodes ?? []).map(textOf).join('');

describe('HTML property', () => {
  it('user text never opens a tag, and every text reads back exactly', () => {
    fc.assert(
      fc.property(text, (t) => {
        const html = renderHtml(docWith(t));
        for (let i = html.indexOf('<'); i >= 0; i = html.indexOf('<', i + 1)) {
          expect(OUR_TAGS.test(html.slice(i, i + 16)), html.slice(i, i + 40)).toBe(true);
        }
        const tree = parse(html) as unknown as Node;
        const expected = cleanText(t);
        expect(textOf(collect(tree, 'title')[0]!)).toBe(expected);
        expect(textOf(collect(tree, 'h1')[0]!)).toBe(expected);
        expect(collect(tree, 'li').map(textOf)).toEqual([expected, expected, expected]);
        expect(collect(tree, 'td').map(textOf)).toEqual([expected]);
        expect(collect(tree, 'script')).toHaveLength(0);
        const paragraphs = collect(tree, 'p').map(textOf);
        expect(paragraphs.filter((p) => p === expected).length).toBeGreaterThanOrEqual(3);
      }),
      { numRuns: RUNS },
    );
  });
});

// --- Markdown -------------------------------------------------------------------------------------------------
const decodeMarkdownEscapes = (s: string) =>
  s.replace(
    /\\([!-/:-@[-`{-~])|&#(\d+);/g,
    (_, p: string | undefined, n: string | undefined) => p ?? String.fromCodePoint(Number(n)),
  );

/** `<` or `&` that CommonMark would treat as markup (HTML, autolink, entity). */
function unescapedMarkup(md: string): string | null {
  for (let i = 0; i < md.length; i++) {
    const c = md[i];
    if (c === '\\' && /[!-/:-@[-`{-~]/.test(md[i + 1] ?? '')) i++;
    else if (c === '<') return md.slice(i, i + 20);
    else if (c === '&' && !/^&#(32|9);/.test(md.slice(i, i + 5))) return md.slice(i, i + 20);
  }
  return null;
}

/** A line that would start something other than paragraph text. */
const BLOCK_START = /^(?: {0,3}(?:[#>*+=|~`<-]|\d{1,9}[.)](?:[ \t]|$))| {4}|\t)|^[ \t]*$/;

describe('Markdown property', () => {
  it('one escaped line decodes back to the line', () => {
    fc.assert(
      fc.property(text, (t) => {
        const line = oneLine(t);
        const escaped = escapeMarkdownLine(line);
        expect(decodeMarkdownEscapes(escaped)).toBe(line);
        expect(unescapedMarkup(escaped)).toBeNull();
        expect(BLOCK_START.test(escaped) && escaped !== '').toBe(false);
      }),
      { numRuns: RUNS },
    );
  });

  it('a whole document has no raw HTML, and a paragraph stays one paragraph that decodes back', () => {
    fc.assert(
      fc.property(text, (t) => {
        const md = renderMarkdown(docWith(t));
        expect(unescapedMarkup(md)).toBeNull();
        const only = renderMarkdown({ title: 'T', lang: 'en', meta: [], blocks: [{ kind: 'paragraph', text: t }] });
        const body = only.slice('# T\n\n'.length, -1);
        const expected = cleanText(t).replace(/\n+$/, '');
        expect(decodeMarkdownEscapes(body.replace(/\\\n/g, '\n'))).toBe(expected);
        for (const line of body.split('\n').slice(body.startsWith('\\\n') ? 1 : 0)) {
          if (line === '\\' || line === '') continue; // empty user line, or the empty paragraph
          expect(BLOCK_START.test(line), JSON.stringify(line)).toBe(false);
        }
      }),
      { numRuns: RUNS },
    );
  });
});

// --- iCalendar ------------------------------------------------------------------------------------------------
describe('iCalendar property', () => {
  it('summary, description and location read back exactly; structure never changes', () => {
    fc.assert(
      fc.property(text, text, (summary, description) => {
        const ics = renderCalendar({
          name: summary,
          stamp: new Date('2025-01-01T00:00:00Z'),
          events: [
            {
              uid: 'e@painopiste',
              sequence: 3,
              summary,
              description,
              location: description,
              start: { date: '2025-06-01', time: '10:00' },
            },
          ],
          todos: [{ uid: 't@painopiste', sequence: 1, summary, description, due: '2025-06-02' }],
        });
        const lines = ics.split('\r\n');
        expect(lines.filter((l) => /^(BEGIN|END):V(EVENT|TODO|CALENDAR)$/.test(l))).toEqual([
          'BEGIN:VCALENDAR',
          'BEGIN:VEVENT',
          'END:VEVENT',
          'BEGIN:VTODO',
          'END:VTODO',
          'END:VCALENDAR',
        ]);
        for (const line of lines) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
        const root = new ICAL.Component(ICAL.parse(ics));
        const event = root.getFirstSubcomponent('vevent')!;
        const todo = root.getFirstSubcomponent('vtodo')!;
        const oneLineSummary = oneLine(summary);
        expect(event.getFirstPropertyValue('summary')).toBe(oneLineSummary);
        expect(todo.getFirstPropertyValue('summary')).toBe(oneLineSummary);
        const expectedDescription = cleanText(description);
        if (expectedDescription !== '') {
          expect(event.getFirstPropertyValue('description')).toBe(expectedDescription);
          expect(event.getFirstPropertyValue('location')).toBe(expectedDescription);
          expect(todo.getFirstPropertyValue('description')).toBe(expectedDescription);
        }
        expect(event.getFirstPropertyValue('sequence')).toBe(3);
      }),
      { numRuns: RUNS },
    );
  });
});
