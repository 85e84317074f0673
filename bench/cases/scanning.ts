/** Scanning: ranking of a large round and the similar-candidate query (pure), and the contract's ranking. */
import { computeRound, type Criterion, type Score, type ScoringInput } from '../../shared/scanning/scoring';
import { buildSimilarityIndex, query, type SimilarityIndex, type SimilarityItem } from '../../shared/scanning/similarity';
import { mulberry32 } from '../generate';
import { defineCase, notLanded, type BenchCase } from '../harness';
import { queryCase } from './foundation';

/** 2 000 candidates × 5 assessors × 5 criteria = 50 000 scores. */
export function rankingInput(): ScoringInput {
  const rnd = mulberry32(42);
  const axes: Criterion['axis'][] = ['impact', 'impact', 'impact', 'impact', 'feasibility'];
  const criteria: Criterion[] = axes.map((axis, k) => ({ id: `crit-${k}`, weight: 1 + k, scaleMin: 1, scaleMax: 5, axis }));
  const candidates = Array.from({ length: 2000 }, (_, i) => ({
    id: `cand-${i}`,
    reference: `2027H1-${String(i + 1).padStart(2, '0')}`,
  }));
  const scores: Score[] = [];
  for (const c of candidates)
    for (let a = 0; a < 5; a++) {
      const assessorId = `assessor-${Math.floor(rnd() * 40)}-${a}`;
      const coi = rnd() < 0.01;
      for (const k of criteria)
        scores.push({
          candidateId: c.id,
          criterionId: k.id,
          assessorId,
          value: 1 + Math.floor(rnd() * 5),
          confidence: 1 + Math.floor(rnd() * 3),
          conflictOfInterest: coi,
        });
    }
  return { candidates, criteria, scores, consensus: [{ candidateId: 'cand-7', score: 4.2 }] };
}

const WORDS = [
  'kyberrikollisuus',
  'arjen',
  'turvallisuus',
  'ikääntyneiden',
  'asumisturvallisuus',
  'nuorten',
  'lasten',
  'syrjäytyminen',
  'polarisaatio',
  'häirintä',
  'paikallinen',
  'alueellinen',
  'valmius',
  'verkkohuijaukset',
  'huumeet',
  'järjestäytynyt',
  'rikollisuus',
  'väkivalta',
  'lähisuhde',
  'liikenne',
  'viestintä',
  'luottamus',
  'kotoutuminen',
  'digitaalinen',
  'sähkökatko',
  'huoltovarmuus',
  'tulvat',
  'vihapuhe',
  'yksinäisyys',
  'trygghet',
  'brottslighet',
  'security',
  'resilience',
];

interface SimilarityState {
  index: SimilarityIndex;
  queries: Array<{ title: string; description: string }>;
  next: number;
}

function similarityState(): SimilarityState {
  const rnd = mulberry32(7);
  const title = (n: number) => Array.from({ length: n }, () => WORDS[Math.floor(rnd() * WORDS.length)]).join(' ');
  const items: SimilarityItem[] = [];
  for (let i = 0; i < 2000; i++)
    items.push({ id: `c${i}`, kind: 'candidate', title: title(3 + Math.floor(rnd() * 5)), description: title(30) });
  for (let i = 0; i < 200; i++) items.push({ id: `g${i}`, kind: 'group', title: title(4 + Math.floor(rnd() * 4)) });
  const queries = Array.from({ length: 60 }, () => ({ title: title(5), description: title(20) }));
  return { index: buildSimilarityIndex(items), queries, next: 0 };
}

export const scanningCases: BenchCase[] = [
  defineCase<ScoringInput>({
    name: 'computeRound ranking (2 000 candidates × 50 000 scores)',
    area: 'scanning',
    scales: ['W'],
    kind: 'compute',
    target: { max: 16, label: '< 16 ms' },
    runs: 30,
    warmup: 5,
    setup: rankingInput,
    run: (_env, input) => {
      if (computeRound(input).ranking.length !== 2000) throw new Error('ranking lost candidates');
    },
  }),
  defineCase<SimilarityState>({
    name: 'similar-candidate query (2 000 candidates + 200 groups)',
    area: 'scanning',
    scales: ['W'],
    kind: 'compute',
    target: { max: 50, label: '< 50 ms' },
    runs: 50,
    warmup: 10,
    setup: similarityState,
    run: (_env, s) => {
      query(s.index, s.queries[s.next++ % s.queries.length]!, 10);
    },
  }),
  defineCase<object>({
    name: 'similarity index build (2 200 items)',
    area: 'scanning',
    scales: ['W'],
    kind: 'compute',
    runs: 5,
    setup: () => ({}),
    run: () => {
      similarityState();
    },
  }),
  // A closed round (500 candidates × 5 000 scores at W) through the contract.
  queryCase(
    'scanning',
    'scanning.results (ranking of a round)',
    'scanning.results',
    (env) => ({ roundId: env.generated.ids.rounds[0] }),
    notLanded(['scanning.results']),
  ),
  queryCase(
    'scanning',
    'scanning.getRound (candidate list)',
    'scanning.getRound',
    (env) => ({ id: env.generated.ids.rounds[0] }),
    notLanded(['scanning.getRound']),
  ),
  queryCase(
    'scanning',
    'scanning.similar (while typing a proposal)',
    'scanning.similar',
    () => ({ title: 'ikääntyneiden asumisturvallisuus ja arjen valmius', description: 'paikallinen yhteistyö ja tilannekuva' }),
    notLanded(['scanning.similar']),
  ),
  queryCase('scanning', 'scanning.listRounds', 'scanning.listRounds', () => ({}), notLanded(['scanning.listRounds'])),
];
