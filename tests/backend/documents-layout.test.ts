// Documents you would send: the candidate list and the interim report as DOCX, opened by a real Word-format
// client (LibreOffice, headless) and converted to PDF; the PDF's text shows whether a table header or value
// was broken inside a word, pdfimages whether the impact × feasibility figure is on the page, and the
// footer carries the title and "page n / N". The column fitting itself is checked without LibreOffice.

import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fitColumns, longestWordEm } from '../../electron/backend/documents/columns';
import { renderDocx, type Doc, type TableBlock } from '../../electron/backend/documents';
import { startTestBackend, tempDir, type TestBackend } from '../helpers/backend';
import { listedRound } from './scanning-fixture';

const NOW = () => new Date('2026-12-01T10:00:00Z');
const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
const SOFFICE = has('soffice') && has('pdftotext') && has('pdfimages');
if (!SOFFICE) {
  console.warn(
    'documents-layout: LibreOffice (soffice) or poppler-utils (pdftotext, pdfimages) is not installed — the conversion checks are skipped. ' +
      'Install them with `apt-get install -y libreoffice-writer-nogui poppler-utils` (.ci/run does).',
  );
}

const OPTS = { portraitWidth: 9866, landscapeWidth: 14798, fontPt: 10, cellPadding: 200 };

describe('DOCX table columns for A4', () => {
  const report: TableBlock = {
    kind: 'table',
    header: ['No.', 'Priority', 'Responsible', 'Status', 'Meetings held', 'Measures done', 'Measures impact'],
    widths: [1, 6, 3, 2.5, 2, 2, 1.5],
    rows: [
      [
        '5',
        'Housing safety of older people and help in emergencies',
        'YM, Ikäinstituutti, SPEK',
        'Implementing',
        '0',
        '0/0',
        'No',
      ],
    ],
  };

  it('never makes a column narrower than its longest word, and fills the text width exactly', () => {
    const fit = fitColumns(report, OPTS);
    expect(fit.wordsFit).toBe(true);
    expect(fit.widths.reduce((a, b) => a + b, 0)).toBe(fit.orientation === 'portrait' ? OPTS.portraitWidth : OPTS.landscapeWidth);
    report.header.forEach((h, c) => {
      const longest = Math.max(longestWordEm(h, true), ...report.rows.map((r) => longestWordEm(r[c]!)));
      expect(fit.widths[c]!, `column ${h}`).toBeGreaterThanOrEqual(longestWordEm(h, true) * fit.fontPt * 20 + OPTS.cellPadding);
      expect(fit.widths[c]!).toBeGreaterThanOrEqual(longest * fit.fontPt * 20 + OPTS.cellPadding);
    });
    // The long-text column still gets the largest share.
    expect(fit.widths[1]).toBe(Math.max(...fit.widths));
  });

  it('puts a table on a landscape page when its words cannot fit portrait, with its heading', async () => {
    const wide: TableBlock = {
      kind: 'table',
      header: Array.from({ length: 9 }, (_, i) => `Vastuuorganisaatio${i}`),
      rows: [Array.from({ length: 9 }, () => 'toimenpidesuunnitelma')],
    };
    expect(fitColumns(wide, OPTS).orientation).toBe('landscape');
    const doc: Doc = {
      title: 'Leveä taulukko',
      lang: 'fi',
      meta: [],
      blocks: [
        { kind: 'table', header: ['Ensin', 'pystysivulla'], rows: [['a', 'b']] },
        { kind: 'heading', level: 1, text: 'Taulukko' },
        wide,
        { kind: 'heading', level: 1, text: 'Jälkeen' },
      ],
    };
    const xml = strFromU8(unzipSync(await renderDocx(doc))['word/document.xml']!);
    const sections = [...xml.matchAll(/<w:pgSz [^>]*>/g)].map((m) => (m[0].includes('landscape') ? 'L' : 'P'));
    expect(sections).toEqual(['P', 'L', 'P']);
    // The heading "Taulukko" is in the landscape section: after the first sectPr, before the second.
    const firstBreak = xml.indexOf('<w:sectPr');
    expect(xml.indexOf('Taulukko')).toBeGreaterThan(firstBreak);
    expect(xml.match(/<w:footerReference/g)?.length).toBe(3);
  });
});

describe.skipIf(!SOFFICE)('DOCX through LibreOffice', () => {
  let t: TestBackend;
  let example: TestBackend;
  let dir: string;
  const text: Record<string, string> = {};
  const images: Record<string, number> = {};
  const docx: Record<string, Uint8Array> = {};

  beforeAll(async () => {
    t = await startTestBackend({ now: NOW });
    example = await startTestBackend({ now: NOW, demo: true });
    dir = tempDir('painopiste-docx-');
    const fx = await listedRound(t.api);
    const files: Record<string, { contentBase64: string }> = {
      'candidates-fi': await t.api.scanning.candidateList({ roundId: fx.round.id, format: 'docx', lang: 'fi' }),
      'candidates-en': await t.api.scanning.candidateList({ roundId: fx.round.id, format: 'docx', lang: 'en' }),
      'report-fi': await example.api.portfolio.report({ lang: 'fi', format: 'docx', from: '2019-01-01', to: '2022-05-24' }),
      'report-en': await example.api.portfolio.report({ lang: 'en', format: 'docx', from: '2019-01-01', to: '2022-05-24' }),
    };
    // The example's rotation (priority 7's chair among SM, TEM and STM, by terms).
    const [rotation] = await example.api.rotation.list({});
    for (const lang of ['fi', 'en'] as const)
      files[`rotation-${lang}`] = await example.api.rotation.export({ groupId: rotation!.groupId, format: 'docx', lang });
    for (const [name, file] of Object.entries(files)) {
      docx[name] = new Uint8Array(Buffer.from(file.contentBase64, 'base64'));
      fs.writeFileSync(path.join(dir, `${name}.docx`), docx[name]!);
    }
    // A profile of its own, so a LibreOffice the user has open (or another test run) does not interfere.
    execFileSync(
      'soffice',
      [
        `-env:UserInstallation=file://${path.join(dir, 'profile')}`,
        '--headless',
        '--convert-to',
        'pdf',
        '--outdir',
        dir,
        ...Object.keys(files).map((n) => path.join(dir, `${n}.docx`)),
      ],
      { stdio: 'ignore', timeout: 180_000 },
    );
    for (const name of Object.keys(files)) {
      const pdf = path.join(dir, `${name}.pdf`);
      text[name] = execFileSync('pdftotext', [pdf, '-']).toString('utf8');
      images[name] = execFileSync('pdfimages', ['-list', pdf]).toString('utf8').trim().split('\n').length - 2;
    }
  }, 240_000);

  afterAll(() => {
    t?.cleanup();
    example?.cleanup();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Every word of the document's table headers and cells, as the DOCX has them. */
  function tableWords(name: string): string[] {
    const xml = strFromU8(unzipSync(docx[name]!)['word/document.xml']!);
    const cells = [...xml.matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].flatMap((m) =>
      [...m[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((r) => r[1]!),
    );
    return [...new Set(cells.flatMap((c) => c.split(/[\s,()]+/)).filter((w) => w.length >= 3 && !w.includes('&')))];
  }

  for (const name of ['candidates-fi', 'candidates-en', 'report-fi', 'report-en', 'rotation-fi', 'rotation-en']) {
    it(`${name}: no table header or value is broken inside a word`, () => {
      const words = tableWords(name);
      expect(words.length).toBeGreaterThan(20);
      // pdftotext writes a word broken over two lines as two lines; a whole word appears whole. (It joins a
      // compound wrapped at its hyphen, "decision-" + "makers", into "decisionmakers": that is a good break.)
      const tokens = new Set(text[name]!.split(/[\s,()]+/));
      const broken = words.filter((w) => !tokens.has(w) && !tokens.has(w.replace(/-/g, '')));
      expect(broken).toEqual([]);
    });

    it(`${name}: the footer has the document's title and page n / N`, () => {
      const pages = text[name]!.split('\f').filter((p) => p.trim());
      if (!name.startsWith('rotation')) expect(pages.length).toBeGreaterThan(1);
      const fi = name.endsWith('fi');
      const title = name.startsWith('candidates')
        ? fi
          ? 'Ehdokaslista 2027 H1'
          : 'Candidate list 2027 H1'
        : name.startsWith('report')
          ? fi
            ? 'Väliraportti'
            : 'Interim progress report'
          : fi
            ? 'Puheenjohtajavuorot'
            : 'Chair rotation';
      const page = fi ? 'Sivu' : 'Page';
      pages.forEach((p, i) =>
        expect(p.replace(/\s+/g, ' ')).toMatch(new RegExp(`${title}[^·]* · ${page} ${i + 1} / ${pages.length}`)),
      );
    });
  }

  it('the candidate list carries the impact × feasibility figure as a picture, with its alt text', () => {
    for (const name of ['candidates-fi', 'candidates-en']) {
      expect(images[name], name).toBeGreaterThanOrEqual(1);
      const files = unzipSync(docx[name]!);
      expect(Object.keys(files).some((f) => /^word\/media\/.+\.png$/.test(f))).toBe(true);
      const xml = strFromU8(files['word/document.xml']!);
      expect(xml).toMatch(/<wp:docPr [^>]*descr="[^"]*2027H1-01/);
    }
    expect(text['candidates-fi']).toContain('Vaikuttavuus ja toteutettavuus');
  });
});
