// Issue #15, the expert network's findings that live in the backend: Ctrl+K on a candidate opens the
// candidate (finding 4), and default criteria read in the reader's language (finding 7).

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { strFromU8, unzipSync } from 'fflate';
import { startTestBackend, type TestBackend } from '../helpers/backend';
import { scanningFixture } from './scanning-fixture';

let t: TestBackend;
beforeEach(async () => {
  t = await startTestBackend({ now: () => new Date('2026-12-01T10:00:00Z') });
});
afterEach(() => t.cleanup());

describe('search (Ctrl+K) on a candidate', () => {
  it('opens the candidate itself, not its round', async () => {
    const fx = await scanningFixture(t.api);
    await t.api.scanning.setRoundStatus({ id: fx.round.id, status: 'open' });
    const c = await t.api.scanning.createCandidate({ roundId: fx.round.id, title: 'Dronet ja arjen turvallisuus', submit: true });
    const found = await t.api.portfolio.search({ query: 'dronet' });
    const group = found.groups.find((g) => g.kind === 'candidate');
    expect(group?.hits[0]?.route).toEqual({ page: 'scanning', params: ['candidate', c.id] });
  });
});

describe('criteria names', () => {
  it('shows the default criteria in the reader’s language and user-written names as written', async () => {
    await t.api.settings.update({ language: 'en' });
    const fx = await scanningFixture(t.api);
    const english = (await t.api.scanning.getRound({ id: fx.round.id })).criteria;
    expect(english.map((c) => c.name)).toEqual([
      'Significance for everyday security',
      'Need for cross-administrative work',
      'Urgency',
      'Gap against existing priorities',
      'Feasibility and resources',
    ]);
    await t.api.scanning.updateCriterion({ id: english[2]!.id, patch: { name: 'Kiire (oma muotoilu)' } });

    await t.api.settings.update({ language: 'fi' });
    const finnish = (await t.api.scanning.getRound({ id: fx.round.id })).criteria.map((c) => c.name);
    expect(finnish[0]).toBe('Merkitys arjen turvallisuudelle');
    expect(finnish[4]).toBe('Toteutettavuus ja resurssit');
    expect(finnish[2]).toBe('Kiire (oma muotoilu)');

    // The candidate list is written in its own language, whatever the UI's.
    await t.api.scanning.setRoundStatus({ id: fx.round.id, status: 'open' });
    const c = await t.api.scanning.createCandidate({ roundId: fx.round.id, title: 'Ensamhet bland äldre', submit: true });
    await t.api.scanning.setRoundStatus({ id: fx.round.id, status: 'screening' });
    await t.api.scanning.setRoundStatus({ id: fx.round.id, status: 'assessment' });
    const criteria = (await t.api.scanning.getRound({ id: fx.round.id })).criteria;
    await t.api.scanning.saveScores({
      candidateId: c.id,
      assessorId: fx.assessors[0]!.id,
      entries: criteria.map((k) => ({ criterionId: k.id, value: 4, confidence: 2, comment: null })),
    });
    await t.api.scanning.setRoundStatus({ id: fx.round.id, status: 'consolidation' });
    await t.api.scanning.setCandidateStatus({ id: c.id, status: 'shortlisted' });
    const docx = await t.api.scanning.candidateList({ roundId: fx.round.id, format: 'docx', lang: 'sv' });
    const xml = strFromU8(unzipSync(new Uint8Array(Buffer.from(docx.contentBase64, 'base64')))['word/document.xml']!);
    expect(xml).not.toContain('Significance for everyday security');
    expect(xml).not.toContain('Merkitys arjen turvallisuudelle');
    expect(xml).toContain('Kiire (oma muotoilu)');
    const sv = (await import('../../shared/i18n/locales/sv/scanning.json')).default as {
      defaultCriteria: Record<string, string>;
    };
    expect(xml).toContain(sv.defaultCriteria.significance);
  });
});
