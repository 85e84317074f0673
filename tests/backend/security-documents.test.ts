import { unzipSync, strFromU8 } from 'fflate';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { renderDocument } from '../../electron/backend/documents';
import { cleanText, type Doc } from '../../electron/backend/documents/model';

/**
 * Hostile text in exported documents (what the documents tests do not already cover): DOCX stays
 * well-formed XML with the text as text — no fields (DDE/formula), no external links — and the HTML
 * that becomes a PDF carries a policy that runs no script and loads nothing.
 */
const HOSTILE = [
  '<w:fldSimple w:instr="DDEAUTO c:\\\\windows\\\\system32\\\\cmd.exe &quot;/k calc&quot;"/>',
  '</w:t></w:r><w:r><w:instrText>DDEAUTO cmd</w:instrText>',
  ']]><!ENTITY x SYSTEM "file:///etc/passwd">',
  "=cmd|' /C calc'!A0",
  '+SUM(1)',
  '@import',
  '<script>alert(1)</script><img src=x onerror=alert(1)>',
  '{ DDEAUTO "cmd" }',
  'ä & ö " \' < >',
];

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
      { kind: 'bulletList', items: [t] },
      { kind: 'callout', label: t, text: t },
      { kind: 'signatures', placeAndDate: t, signers: [{ role: t, name: t }] },
    ],
  };
}

// jsdom ships no types; its DOMParser is the standard one (a strict XML parser for application/xml).
const { JSDOM } = createRequire(import.meta.url)('jsdom') as {
  JSDOM: new (html: string) => { window: { DOMParser: typeof DOMParser; document: Document } };
};
const { DOMParser: XmlParser } = new JSDOM('').window;

describe('DOCX with hostile text', () => {
  it.each(HOSTILE.map((h) => [h]))('keeps %j as text in well-formed XML without fields or external links', async (t) => {
    const file = await renderDocument(docWith(t), 'docx');
    const parts = unzipSync(file.bytes);
    for (const [name, bytes] of Object.entries(parts).filter(([n]) => n.endsWith('.xml') || n.endsWith('.rels'))) {
      const xml = strFromU8(bytes);
      const dom = new XmlParser().parseFromString(xml, 'application/xml');
      expect(dom.getElementsByTagName('parsererror'), name).toHaveLength(0);
      expect(xml, name).not.toMatch(/<!ENTITY|<!DOCTYPE/);
      // Fields only for the footer's page numbers; text never becomes a field (DDE, formulas).
      const instructions = [
        ...[...dom.getElementsByTagName('w:instrText')].map((n) => n.textContent ?? ''),
        ...[...dom.getElementsByTagName('w:fldSimple')].map((n) => n.getAttribute('w:instr') ?? ''),
      ].map((i) => i.trim().split(/\s+/)[0]);
      expect(
        instructions.filter((i) => !['PAGE', 'NUMPAGES', 'SECTIONPAGES'].includes(i!)),
        name,
      ).toEqual([]);
      expect(xml, name).not.toMatch(/TargetMode="External"/);
    }
    const body = new XmlParser().parseFromString(strFromU8(parts['word/document.xml']!), 'application/xml');
    const text = [...body.getElementsByTagName('w:t')].map((n) => n.textContent).join('');
    expect(text).toContain(cleanText(t));
  });
});

describe('HTML for print and PDF', () => {
  it('declares a policy that runs no script and loads nothing from outside', async () => {
    const file = await renderDocument(docWith(HOSTILE.join(' ')), 'html');
    const html = new TextDecoder().decode(file.bytes);
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1] ?? '';
    expect(csp).toMatch(/default-src 'none'/);
    expect(csp).not.toMatch(/script-src|unsafe-eval|https?:/);
    const dom = new JSDOM(html);
    expect(dom.window.document.querySelectorAll('script, img[onerror], iframe, object, embed, link[href^="http"]')).toHaveLength(
      0,
    );
  });
});
