import { describe, expect, it } from 'vitest';
import {
  buildSimilarityIndex,
  normalizeText,
  query,
  stem,
  tokenize,
  trigrams,
  type SimilarityItem,
} from '../../shared/scanning/similarity';

// The nine priorities of 2019–2022 (DOMAIN.md; Finnish titles from the interim report).
const groups: SimilarityItem[] = [
  'Strateginen turvallisuusviestintä ja turvallisuuden tunne',
  'Osattomien ja syrjäytymisvaarassa olevien lasten ja nuorten turvallisuuspääoma',
  'Paikallisen ja alueellisen turvallisuustyön uudistamistarpeet',
  'Harvaan asuttujen alueiden turvallisuusosaaminen ja valmiudet',
  'Ikääntyneiden asumisturvallisuus ja avunsaanti hätätilanteissa',
  'Ammattimaisen ja järjestäytyneen rikollisuuden kasvualustojen vähentäminen ja torjunta',
  'Polarisaatio, konfliktinratkaisu ja häirintä',
  'Ilman oleskelulupaa maahan jäävät turvapaikanhakijat',
  'Kyberrikollisuus arjen turvallisuuden uhkana',
].map((title, i) => ({ id: `g${i + 1}`, kind: 'group' as const, title }));

const candidates: SimilarityItem[] = [
  {
    id: 'c1',
    kind: 'candidate',
    title: 'Verkkohuijaukset ja ikäihmiset',
    description: 'Ikääntyneisiin kohdistuvat puhelin- ja verkkohuijaukset ovat lisääntyneet.',
  },
  {
    id: 'c2',
    kind: 'candidate',
    title: 'Sähkökatkoihin varautuminen kotitalouksissa',
    description: 'Kotitalouksien varautuminen pitkiin sähkökatkoihin talvella.',
  },
  {
    id: 'c3',
    kind: 'candidate',
    title: 'Kokousten hybridikäytännöt',
    description: 'Miten kokouksessa huomioidaan etäosallistujat.',
  },
  { id: 'c4', kind: 'candidate', title: 'Trygghet för äldre i glesbygden', description: 'Äldre personers boende och trygghet.' },
];

const index = buildSimilarityIndex([...groups, ...candidates]);

describe('normalisation', () => {
  it('lowercases, folds all diacritics (ä/ö/å included) and strips punctuation', () => {
    expect(normalizeText('Häirintä, PÄÄOMA & Åland — café!')).toBe('hairinta paaoma aland cafe');
    // OCR text of the interim report has lost its umlauts; folding makes it match typed text.
    expect(normalizeText('Ikääntyneiden')).toBe(normalizeText('Ikaantyneiden'));
  });

  it('drops fi/sv/en stop-words and one-letter tokens', () => {
    expect(tokenize('Lasten ja nuorten turvallisuus sekä hyvinvointi')).toEqual([
      'lasten',
      'nuorten',
      'turvallisuus',
      'hyvinvointi',
    ]);
    expect(tokenize('Trygghet för äldre och barn i Finland')).toEqual(['trygghet', 'aldre', 'barn', 'finland']);
    expect(tokenize('Security of the elderly and a plan')).toEqual(['security', 'elderly', 'plan']);
  });

  it('stemming-light: a 5-character prefix unifies Finnish inflection', () => {
    expect(stem('kokous')).toBe(stem('kokouksessa'));
    expect(stem('turvallisuus')).toBe(stem('turvallisuuden'));
    expect(stem('arjen')).toBe('arjen');
    expect(stem('kyberrikollisuus')).toBe(stem('kyberrikokset'));
  });

  it('trigrams of padded tokens', () => {
    expect(trigrams(['kela'])).toEqual(['_ke', 'kel', 'ela', 'la_']);
  });
});

describe('similar candidates and groups', () => {
  it('"kyberrikokset ja arjen turvallisuus" finds the cybercrime priority first, with matched terms', () => {
    const hits = query(index, 'kyberrikokset ja arjen turvallisuus', 3);
    expect(hits[0]?.id).toBe('g9');
    expect(hits[0]?.score).toBeGreaterThan(0.5);
    expect(hits[0]?.matchedTerms).toEqual(['Kyberrikollisuus', 'arjen', 'turvallisuuden']);
  });

  it('"Ikääntyneiden asumisturvallisuus" finds the housing-safety priority, also typed without umlauts', () => {
    for (const q of ['Ikääntyneiden asumisturvallisuus', 'ikaantyneiden asumisturvallisuus']) {
      const hits = query(index, q, 5);
      expect(hits[0]?.id).toBe('g5');
      expect(hits[0]?.matchedTerms).toEqual(['Ikääntyneiden', 'asumisturvallisuus']);
      expect(hits[0]?.score).toBeGreaterThan(0.5);
    }
  });

  it('an inflected form matches through the stem ("kokous" ~ "Kokousten", "kokouksessa")', () => {
    const hits = query(index, 'kokous', 3);
    expect(hits.map((h) => h.id)).toContain('c3');
  });

  it('a description match counts (coverage) even when titles differ', () => {
    const hits = query(index, { title: 'Huijaukset verkossa', description: 'ikääntyneisiin kohdistuvat huijaukset' }, 5);
    expect(hits[0]?.id).toBe('c1');
  });

  it('Swedish text finds the Swedish candidate', () => {
    const hits = query(index, 'Äldres trygghet', 3);
    expect(hits[0]?.id).toBe('c4');
  });

  it('unrelated text finds nothing above the default threshold', () => {
    expect(query(index, 'Drones near airports', 5)).toEqual([]);
    expect(query(index, 'ja tai sekä', 5)).toEqual([]); // only stop-words
  });

  it('"lasten ja nuorten turvallisuus" ranks the children-and-youth priority first', () => {
    const hits = query(index, 'Lasten ja nuorten turvallisuus', 3);
    expect(hits[0]?.id).toBe('g2');
  });

  it('k, kinds and excludeIds options; results sorted best first', () => {
    const all = query(index, 'turvallisuus arjen kyber', 20, { minScore: 0 });
    for (let i = 1; i < all.length; i++) expect((all[i - 1]?.score ?? 0) >= (all[i]?.score ?? 0)).toBe(true);
    expect(query(index, 'turvallisuus arjen kyber', 2, { minScore: 0 })).toHaveLength(2);
    expect(query(index, 'kyberrikokset', 5, { kinds: ['candidate'] }).every((h) => h.kind === 'candidate')).toBe(true);
    expect(query(index, 'kyberrikokset arjessa', 5, { excludeIds: ['g9'] }).some((h) => h.id === 'g9')).toBe(false);
    expect(query(index, 'kyberrikokset', 0)).toEqual([]);
  });

  it('repeated queries give identical results (scratch buffers are reset)', () => {
    const a = query(index, 'Ikääntyneiden asumisturvallisuus', 5, { minScore: 0 });
    query(index, 'Polarisaatio ja häirintä', 5, { minScore: 0 });
    expect(query(index, 'Ikääntyneiden asumisturvallisuus', 5, { minScore: 0 })).toEqual(a);
  });

  it('scores are within 0..1', () => {
    for (const h of query(index, 'Kyberrikollisuus arjen turvallisuuden uhkana', 20, { minScore: 0 })) {
      expect(h.score).toBeGreaterThanOrEqual(0);
      expect(h.score).toBeLessThanOrEqual(1 + 1e-12);
    }
    // Identical title scores 1 on trigram and token parts.
    const [top] = query(index, 'Kyberrikollisuus arjen turvallisuuden uhkana', 1);
    expect(top?.trigram).toBe(1);
    expect(top?.tokens).toBeCloseTo(1, 12);
  });
});
