// The interim report regenerated from the example (issue #16 item 7): for 2020 to May 2022 it follows section
// 2.3 of the 2022 report — per priority its heading, "Vastuutaho", "Muut osallistujat" and a progress
// narrative stating the same facts — compared with tests/fixtures/interim-report-2022-section-2.3.fi.json.
// And a report for a period shows only the priorities and figures of that period (#15 finding 3).
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import section from '../fixtures/interim-report-2022-section-2.3.fi.json';
import { startTestBackend, type TestBackend } from '../helpers/backend';

const NOW = () => new Date('2026-06-15T09:00:00Z');
const { from, to } = section.period;

let t: TestBackend | undefined;
afterEach(() => t?.cleanup());

function decodeXml(s: string) {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
  return s.replace(
    /&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);/gi,
    (_, e: string) => named[e] ?? String.fromCodePoint(e.startsWith('#x') ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)),
  );
}

/** Text of each w:p of a DOCX, in order. */
function docxParagraphs(base64: string): string[] {
  const xml = strFromU8(unzipSync(new Uint8Array(Buffer.from(base64, 'base64')))['word/document.xml']!);
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) =>
    [...m[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>|<w:br\/>/g)]
      .map((r) => (r[0] === '<w:br/>' ? '\n' : decodeXml(r[1] ?? '')))
      .join(''),
  );
}

/** Case, runs of whitespace (no-break spaces too) and dash variants do not matter when looking for a fact. */
const normalise = (s: string) =>
  s
    .replace(/[\s\u00a0\u202f]+/g, ' ')
    .replace(/[‐‑‒–—]/g, '–')
    .toLocaleLowerCase('fi')
    .trim();

const HEADING = { fi: 'Painopiste', sv: 'Prioritering', en: 'Priority' } as const;
const LABELS = {
  fi: { responsible: 'Vastuutaho', participants: 'Muut osallistujat' },
  sv: { responsible: 'Ansvarig', participants: 'Övriga deltagare' },
  en: { responsible: 'Responsible', participants: 'Other participants' },
} as const;

interface Section {
  number: number;
  heading: string;
  paragraphs: string[];
}

/** The report's priority sections: from a heading "Painopiste n: …" to the next one. */
function sections(paragraphs: string[], lang: keyof typeof HEADING): Section[] {
  const pattern = new RegExp(`^${HEADING[lang]} (\\d+): (.+)$`);
  const starts = paragraphs.flatMap((p, i) => (pattern.test(p) ? [i] : []));
  return starts.map((start, k) => {
    const [, n, heading] = pattern.exec(paragraphs[start]!)!;
    return { number: Number(n), heading: heading!, paragraphs: paragraphs.slice(start + 1, starts[k + 1] ?? paragraphs.length) };
  });
}

function valueAfter(s: Section, label: string): string {
  const i = s.paragraphs.indexOf(label);
  expect(i, `${s.number}: ${label}`).toBeGreaterThanOrEqual(0);
  return s.paragraphs[i + 1]!;
}

/** "YM, Ikäinstituutti (asuinalueturvallisuus), SPEK (…)" → the organisations, without the subgroups. */
const organisations = (value: string) =>
  value === '—'
    ? []
    : value
        .replace(/ \([^)]*\)/g, '')
        .split(', ')
        .sort();

async function report(tb: TestBackend, lang: 'fi' | 'sv' | 'en', period = { from, to }) {
  const file = await tb.api.portfolio.report({ lang, format: 'docx', ...period });
  return docxParagraphs(file.contentBase64);
}

describe('the 2020–2022 interim report regenerated from the example', () => {
  it('follows section 2.3 in Finnish: per priority its heading, Vastuutaho, Muut osallistujat and every key fact', async () => {
    t = await startTestBackend({ now: NOW, demo: true });
    const found = sections(await report(t, 'fi'), 'fi');
    expect(found.map((s) => s.number)).toEqual(section.priorities.map((p) => p.number));
    const groups = await t.api.groups.list({});
    const missing: string[] = [];
    for (const expected of section.priorities) {
      const s = found.find((x) => x.number === expected.number)!;
      // The heading is the group's Finnish name, exactly the seed's (issue #16 item 6).
      const g = groups.find((x) => x.priorityNumber === expected.number)!;
      expect(g.nameFi, `priority ${expected.number} nameFi`).toBe(expected.heading);
      expect(s.heading, `priority ${expected.number} heading`).toBe(expected.heading);
      expect(organisations(valueAfter(s, 'Vastuutaho')), `priority ${expected.number} Vastuutaho`).toEqual(
        [...expected.responsible].sort(),
      );
      expect(organisations(valueAfter(s, 'Muut osallistujat')), `priority ${expected.number} Muut osallistujat`).toEqual(
        [...expected.participants].sort(),
      );
      const text = normalise(s.paragraphs.join(' '));
      for (const fact of expected.keyFacts) if (!text.includes(normalise(fact))) missing.push(`${expected.number}: ${fact}`);
    }
    expect(missing).toEqual([]);

    // Priority 5's responsible organisations are named with the subgroup each leads, as the report does.
    const p5 = found.find((s) => s.number === 5)!;
    expect(valueAfter(p5, 'Vastuutaho')).toMatch(/^YM, Ikäinstituutti \(.+\), SPEK \(.+\)$/);
    // Measures carry their state: priority 4's multi-locality study has not started for want of resources.
    expect(normalise(p5.paragraphs.join(' '))).toContain(normalise('Opas Ikäturvallinen asuinalue (YM): Valmis'));
    const p4 = normalise(found.find((s) => s.number === 4)!.paragraphs.join(' '));
    expect(p4).toContain(normalise('Monipaikkaisuutta koskeva selvitys (SM): Ei aloitettu'));
    expect(p4).toContain(
      normalise('Paikallisten valmiuskeskusten toimintamallin pilotti (PAVAK-hanke) (Suomen Kylät ry): Käynnissä'),
    );
    // Commitments are part of the narrative.
    expect(normalise(found.find((s) => s.number === 2)!.paragraphs.join(' '))).toContain(
      normalise('Organisaatioiden sitoumukset: OKM päätetty 15.3.2022'),
    );
  });

  it('is the same report in Swedish and English: their labels, the same sections, the users’ texts as written', async () => {
    t = await startTestBackend({ now: NOW, demo: true });
    const fi = sections(await report(t, 'fi'), 'fi');
    for (const lang of ['sv', 'en'] as const) {
      const found = sections(await report(t, lang), lang);
      expect(
        found.map((s) => s.number),
        lang,
      ).toEqual(fi.map((s) => s.number));
      for (const s of found) {
        const fiSection = fi.find((x) => x.number === s.number)!;
        // The same organisations (counted: a language may have its own abbreviations, SM = IM in Swedish).
        expect(organisations(valueAfter(s, LABELS[lang].responsible)).length).toBe(
          organisations(valueAfter(fiSection, 'Vastuutaho')).length,
        );
        expect(organisations(valueAfter(s, LABELS[lang].participants)).length).toBe(
          organisations(valueAfter(fiSection, 'Muut osallistujat')).length,
        );
        expect(s.paragraphs).not.toContain('Vastuutaho');
      }
      const p2 = normalise(found.find((s) => s.number === 2)!.paragraphs.join(' '));
      // The measure's title and note stay in Finnish; the assembled sentence is in the document's language.
      expect(p2).toContain(normalise('Tutkimus kohderyhmän turvallisuuspääoman ulottuvuuksista'));
      expect(p2).toContain(normalise(lang === 'sv' ? ': Pågår, påbörjad 1.1.2022' : ': Under way, started 1 January 2022'));
      expect(p2).toContain(
        normalise(lang === 'sv' ? 'Organisationernas åtaganden: UKM beslutat' : "Organisations' commitments: MoEC decided"),
      );
      // Headings and abbreviations in the document's language (issue #16 item 6).
      expect(found.find((s) => s.number === 2)!.heading).toBe(
        lang === 'sv'
          ? 'Säkerhetskapitalet hos barn och unga som riskerar utanförskap'
          : 'Security capital of children and young people at risk of exclusion',
      );
    }
  });
});

describe('a report for a period shows the priorities and figures of that period only (#15 finding 3)', () => {
  it('leaves out a priority created after the period and one transferred before it, and measures, values, notes and decisions outside it', async () => {
    t = await startTestBackend({ now: NOW, demo: true });
    // Created today (2026): it did not exist in 2020–2022.
    const late = await t.api.groups.create({
      kind: 'priority_group',
      name: 'Tekoäly ja turvallisuus',
      status: 'proposed',
      priorityNumber: 10,
    });
    const p2 = (await t.api.groups.list({})).find((g) => g.priorityNumber === 2)!;
    await t.api.portfolio.createMeasure({
      groupId: late.id,
      title: 'Myöhäinen toimenpide',
      status: 'under_way',
      startDate: '2026-02-01',
    });
    await t.api.portfolio.createMeasure({
      groupId: p2.id,
      title: 'Vuoden 2025 toimenpide',
      status: 'under_way',
      startDate: '2025-03-01',
    });
    // Recorded now without a start date: not of the period either.
    await t.api.portfolio.createMeasure({ groupId: p2.id, title: 'Päivämäärätön uusi toimenpide', status: 'not_started' });
    const ind = (await t.api.portfolio.plan({ groupId: p2.id })).indicators.find((i) => i.name === 'Painopisteryhmän kokoukset')!;
    await t.api.portfolio.setIndicatorValue({ indicatorId: ind.id, period: '2024', value: 99 });
    await t.api.portfolio.changeStatus({ groupId: p2.id, status: 'paused', date: '2025-01-10', note: 'Tauko vuonna 2025.' });
    // Decisions of the group's meetings: one in the period, one after it.
    const meetingOn = (date: string) =>
      t!.api.meetings.create({
        groupId: p2.id,
        title: `Kokous ${date}`,
        date,
        startTime: '09:00',
        endTime: '10:00',
        timeZone: 'Europe/Helsinki',
      });
    const inPeriod = await meetingOn('2021-10-05');
    const afterPeriod = await meetingOn('2025-02-04');
    await t.api.meetings.addDecision({
      meetingId: inPeriod.id,
      agendaItemId: null,
      text: 'Tilannehuoneen selvitys käynnistetään.',
    });
    await t.api.meetings.addDecision({ meetingId: afterPeriod.id, agendaItemId: null, text: 'Vuoden 2025 päätös.' });

    const fi = await report(t, 'fi');
    const found = sections(fi, 'fi');
    expect(found.map((s) => s.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(fi.join('\n')).not.toContain('Tekoäly ja turvallisuus');
    expect(fi.join('\n')).toContain('Raportti kattaa 9 painopistettä');
    const p2Text = found.find((s) => s.number === 2)!.paragraphs.join('\n');
    expect(p2Text).not.toContain('Vuoden 2025 toimenpide');
    expect(p2Text).not.toContain('Päivämäärätön uusi toimenpide');
    expect(p2Text).not.toContain('Tauko vuonna 2025');
    expect(p2Text).not.toContain('(2024)');
    expect(p2Text).toContain('5.10.2021 (Kokous 2021-10-05): 1/2021 Tilannehuoneen selvitys käynnistetään.');
    expect(p2Text).not.toContain('Vuoden 2025 päätös');
    // Its status is the one it had at the period's end, not today's pause.
    expect(
      valueAfter(
        found.find((s) => s.number === 2)!,
        'Tila',
      ),
    ).toMatch(/^Toimeenpano/);
    expect(p2Text).toContain('4 kpl (2022-H1)');

    // A report of 2024–2026 has the new priority and the later figures; priority 8, transferred in 2020, is not there.
    const later = await report(t, 'fi', { from: '2024-01-01', to: '2026-06-15' });
    const laterSections = sections(later, 'fi');
    expect(laterSections.map((s) => s.number)).toContain(10);
    expect(laterSections.map((s) => s.number)).not.toContain(8);
    const p2Later = laterSections.find((s) => s.number === 2)!.paragraphs.join('\n');
    expect(p2Later).toContain('Vuoden 2025 toimenpide');
    expect(p2Later).toContain('Tauko vuonna 2025');
    expect(p2Later).toContain('99 kpl (2024)');
    expect(p2Later).toContain('Vuoden 2025 päätös');
    expect(p2Later).not.toContain('Tilannehuoneen selvitys käynnistetään');
    expect(p2Later).not.toContain('Tämän hetken tiedon mukaan'); // the note of 20.5.2022 is outside 2024–2026
  });
});
