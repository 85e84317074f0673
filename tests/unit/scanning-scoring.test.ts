import { describe, expect, it } from 'vitest';
import {
  aggregateScores,
  computeRound,
  matrixPoints,
  mean,
  median,
  populationSd,
  rankCandidates,
  rankWithWeights,
  validateConsensus,
  validateCriteria,
  validateScore,
  weightSensitivity,
  type CandidateAggregate,
  type Criterion,
  type Score,
  type ScoringInput,
} from '../../shared/scanning/scoring';

const crit = (id: string, weight: number, axis: Criterion['axis'] = null): Criterion => ({
  id,
  weight,
  scaleMin: 1,
  scaleMax: 5,
  axis,
});
const sc = (candidateId: string, assessorId: string, criterionId: string, value: number, extra: Partial<Score> = {}): Score => ({
  candidateId,
  criterionId,
  assessorId,
  value,
  confidence: 2,
  conflictOfInterest: false,
  ...extra,
});
const byId = (aggs: CandidateAggregate[], id: string): CandidateAggregate => {
  const a = aggs.find((x) => x.candidateId === id);
  if (!a) throw new Error(id);
  return a;
};

// Criteria: A weight 3 (impact), B weight 2 (feasibility), C weight 1 (no axis).
const criteria = [crit('A', 3, 'impact'), crit('B', 2, 'feasibility'), crit('C', 1)];
// X: three assessors, all criteria.   Y: two counted assessors, C missing, s has a conflict on A.
const handInput: ScoringInput = {
  candidates: [
    { id: 'X', reference: '2027H1-01' },
    { id: 'Y', reference: '2027H1-02' },
    { id: 'Z', reference: '2027H1-03' }, // no scores at all
  ],
  criteria,
  scores: [
    sc('X', 'p', 'A', 5, { confidence: 3 }),
    sc('X', 'p', 'B', 3, { confidence: 3 }),
    sc('X', 'p', 'C', 4, { confidence: 3 }),
    sc('X', 'q', 'A', 4, { confidence: 2 }),
    sc('X', 'q', 'B', 2, { confidence: 2 }),
    sc('X', 'q', 'C', 2, { confidence: 2 }),
    sc('X', 'r', 'A', 3, { confidence: 1 }),
    sc('X', 'r', 'B', 4, { confidence: 1 }),
    sc('X', 'r', 'C', 3, { confidence: 1 }),
    sc('Y', 'p', 'A', 2),
    sc('Y', 'p', 'B', 5),
    sc('Y', 'q', 'A', 4),
    sc('Y', 'q', 'B', 5),
    sc('Y', 's', 'A', 5, { conflictOfInterest: true }),
    sc('Y', 's', 'B', 1), // same assessor, flag only on A: the whole assessor is excluded for Y
  ],
};

describe('stat helpers', () => {
  it('mean, median, population SD', () => {
    expect(mean([])).toBeNull();
    expect(median([4, 1, 3, 2])).toBe(2.5); // sorted 1 2 3 4 → (2+3)/2
    expect(median([5, 1, 3])).toBe(3);
    // [2,4,4,4,5,5,7,9]: mean 5, squared deviations 9+1+1+1+0+0+4+16 = 32, /8 = 4, sqrt = 2
    expect(populationSd([2, 4, 4, 4, 5, 5, 7, 9])).toBe(2);
    expect(populationSd([3])).toBe(0);
  });
});

describe('aggregation against hand-computed cases', () => {
  const aggs = aggregateScores(handInput);

  it('candidate X: per-criterion mean, median, spread, confidence', () => {
    const x = byId(aggs, 'X');
    // A: 5,4,3 → mean 12/3 = 4, median 4, SD sqrt((1+0+1)/3) = sqrt(2/3)
    // B: 3,2,4 → mean 3, median 3, SD sqrt(2/3);  C: 4,2,3 → mean 3, median 3, SD sqrt(2/3)
    const [a, b, c] = x.criteria;
    expect(a).toMatchObject({ criterionId: 'A', n: 3, mean: 4, median: 4 });
    expect(a?.spread).toBeCloseTo(Math.sqrt(2 / 3), 12);
    expect(b).toMatchObject({ criterionId: 'B', n: 3, mean: 3, median: 3 });
    expect(c).toMatchObject({ criterionId: 'C', n: 3, mean: 3, median: 3 });
    expect(c?.spread).toBeCloseTo(0.816496580927726, 12);
    expect(a?.meanConfidence).toBe(2); // (3+2+1)/3
  });

  it('candidate X: weighted score, per-assessor median and disagreement', () => {
    const x = byId(aggs, 'X');
    // weighted = (3·4 + 2·3 + 1·3) / (3+2+1) = 21/6 = 3.5
    expect(x.weightedScore).toBeCloseTo(3.5, 12);
    // per assessor: p (15+6+4)/6 = 25/6, q (12+4+2)/6 = 18/6, r (9+8+3)/6 = 20/6 → median 20/6
    expect(x.assessorMedian).toBeCloseTo(20 / 6, 12);
    // mean of totals 63/18 = 21/6; deviations 4/6, −3/6, −1/6; squares (16+9+1)/36 = 26/36; /3 → sqrt(26/108)
    expect(x.disagreement).toBeCloseTo(Math.sqrt(26 / 108), 12);
    expect(x.disagreement).toBeCloseTo(0.490653, 5);
    expect(x.assessorCount).toBe(3);
    expect(x.missingCriteria).toBe(0);
    expect(x.excludedAssessors).toEqual([]);
    // matrix: impact (4−1)/4 = 0.75, feasibility (3−1)/4 = 0.5
    expect(x.impact).toBeCloseTo(0.75, 12);
    expect(x.feasibility).toBeCloseTo(0.5, 12);
  });

  it('candidate Y: conflict of interest excludes the assessor, missing criterion renormalises weights', () => {
    const y = byId(aggs, 'Y');
    expect(y.excludedAssessors).toEqual(['s']);
    expect(y.assessorCount).toBe(2);
    // A: 2,4 → mean 3, median (2+4)/2 = 3, SD 1.  B: 5,5 → mean 5, SD 0.  C: no scores.
    expect(y.criteria[0]).toMatchObject({ n: 2, mean: 3, median: 3, spread: 1 });
    expect(y.criteria[1]).toMatchObject({ n: 2, mean: 5, median: 5, spread: 0 });
    expect(y.criteria[2]).toMatchObject({ n: 0, mean: null, median: null, spread: null, meanConfidence: null });
    expect(y.missingCriteria).toBe(1);
    // weighted over A and B only = (3·3 + 2·5) / (3+2) = 19/5 = 3.8
    expect(y.weightedScore).toBeCloseTo(3.8, 12);
    // per assessor: p (6+10)/5 = 3.2, q (12+10)/5 = 4.4 → median 3.8, SD 0.6
    expect(y.assessorMedian).toBeCloseTo(3.8, 12);
    expect(y.disagreement).toBeCloseTo(0.6, 12);
    expect(y.impact).toBeCloseTo(0.5, 12); // (3−1)/4
    expect(y.feasibility).toBeCloseTo(1, 12); // (5−1)/4
  });

  it('without the conflict flag, s would count (so the flag is what excludes)', () => {
    const noCoi = { ...handInput, scores: handInput.scores.map((s) => ({ ...s, conflictOfInterest: false })) };
    const y = byId(aggregateScores(noCoi), 'Y');
    // A: 2,4,5 → 11/3; B: 5,5,1 → 11/3; weighted = 11/3
    expect(y.weightedScore).toBeCloseTo(11 / 3, 12);
    expect(y.assessorCount).toBe(3);
  });

  it('candidate without scores: nulls, all criteria missing, ranked last', () => {
    const z = byId(aggs, 'Z');
    expect(z).toMatchObject({
      weightedScore: null,
      assessorMedian: null,
      disagreement: null,
      missingCriteria: 3,
      rankingScore: null,
      impact: null,
      feasibility: null,
      assessorCount: 0,
    });
    expect(rankCandidates(handInput).map((r) => [r.candidateId, r.rank])).toEqual([
      ['Y', 1], // 3.8
      ['X', 2], // 3.5
      ['Z', 3],
    ]);
  });

  it('invalid rows are skipped and counted', () => {
    const r = computeRound({
      ...handInput,
      scores: [
        ...handInput.scores,
        sc('X', 'p', 'NOPE', 3),
        sc('NOPE', 'p', 'A', 3),
        sc('X', 't', 'A', 6),
        sc('X', 't', 'B', Number.NaN),
      ],
    });
    expect(r.skippedScores).toBe(4);
    expect(byId(r.aggregates, 'X').weightedScore).toBeCloseTo(3.5, 12);
  });
});

describe('consensus override', () => {
  it('agreed score replaces the computed one in the ranking but keeps the computed value visible', () => {
    const ranked = rankCandidates({ ...handInput, consensus: [{ candidateId: 'X', score: 4 }] });
    expect(ranked.map((r) => r.candidateId)).toEqual(['X', 'Y', 'Z']);
    const x = ranked[0];
    expect(x).toMatchObject({ consensusScore: 4, rankingScore: 4, rank: 1 });
    expect(x?.weightedScore).toBeCloseTo(3.5, 12);
  });

  it('a consensus score can place a candidate that has no scores', () => {
    const ranked = rankCandidates({ ...handInput, consensus: [{ candidateId: 'Z', score: 3.6 }] });
    expect(ranked.map((r) => r.candidateId)).toEqual(['Y', 'Z', 'X']);
  });

  it('out-of-scale consensus is ignored and reported by validation', () => {
    const ranked = rankCandidates({ ...handInput, consensus: [{ candidateId: 'X', score: 9 }] });
    expect(ranked[0]?.candidateId).toBe('Y');
    expect(validateConsensus({ candidateId: 'X', score: 9 }, criteria)).toEqual([
      { key: 'scanning.consensus.outOfScale', params: { candidateId: 'X', min: 1, max: 5 } },
    ]);
    expect(validateConsensus({ candidateId: 'X', score: 4.5 }, criteria)).toEqual([]);
  });
});

describe('ranking tie-breaks', () => {
  // Two equal-weight criteria. Every candidate has weighted score 3.
  const input: ScoringInput = {
    candidates: [
      { id: 'T1', reference: 'R-03' },
      { id: 'T2', reference: 'R-02' },
      { id: 'T3', reference: 'R-01' },
      { id: 'T4', reference: 'R-00' },
    ],
    criteria: [crit('A', 1), crit('B', 1)],
    scores: [
      // T1: p 4/4, q 2/2 → means 3,3 → 3; totals 4, 2 → median 3
      sc('T1', 'p', 'A', 4),
      sc('T1', 'p', 'B', 4),
      sc('T1', 'q', 'A', 2),
      sc('T1', 'q', 'B', 2),
      // T2: p 2/2, q 3/4, r 4/3 → means 9/3=3, 9/3=3 → 3; totals 2, 3.5, 3.5 → median 3.5 (wins)
      sc('T2', 'p', 'A', 2),
      sc('T2', 'p', 'B', 2),
      sc('T2', 'q', 'A', 3),
      sc('T2', 'q', 'B', 4),
      sc('T2', 'r', 'A', 4),
      sc('T2', 'r', 'B', 3),
      // T3: only A: 4, 2 → 3; totals 4, 2 → median 3; one missing criterion (loses to T1)
      sc('T3', 'p', 'A', 4),
      sc('T3', 'q', 'A', 2),
      // T4: identical to T1 → decided by reference R-00 < R-03
      sc('T4', 'p', 'A', 4),
      sc('T4', 'p', 'B', 4),
      sc('T4', 'q', 'A', 2),
      sc('T4', 'q', 'B', 2),
    ],
  };

  it('weighted desc, then median desc, then fewer missing, then reference', () => {
    const ranked = rankCandidates(input);
    for (const r of ranked) expect(r.weightedScore).toBeCloseTo(3, 12);
    expect(ranked.map((r) => r.candidateId)).toEqual(['T2', 'T4', 'T1', 'T3']);
    expect(ranked.map((r) => r.rank)).toEqual([1, 2, 3, 4]);
  });

  it('does not depend on input order', () => {
    const shuffled = { ...input, candidates: [...input.candidates].reverse(), scores: [...input.scores].reverse() };
    expect(rankCandidates(shuffled).map((r) => r.candidateId)).toEqual(['T2', 'T4', 'T1', 'T3']);
  });
});

describe('matrix', () => {
  it('places candidates with both axes, normalised to 0..1', () => {
    const r = computeRound(handInput);
    expect(r.matrix.map((m) => m.candidateId)).toEqual(['X', 'Y']); // Z has no scores → not placed
    const x = r.matrix[0];
    expect(x?.impact).toBeCloseTo(0.75, 12);
    expect(x?.feasibility).toBeCloseTo(0.5, 12);
    expect(matrixPoints(r.aggregates)).toEqual(r.matrix);
  });

  it('several criteria on one axis are weight-averaged after normalising', () => {
    const input: ScoringInput = {
      candidates: [{ id: 'M', reference: 'R-01' }],
      criteria: [crit('I1', 1, 'impact'), crit('I2', 3, 'impact'), crit('F', 1, 'feasibility')],
      scores: [sc('M', 'p', 'I1', 5), sc('M', 'p', 'I2', 1), sc('M', 'p', 'F', 1)],
    };
    const [m] = computeRound(input).matrix;
    // I1 → (5−1)/4 = 1, I2 → 0; weighted (1·1 + 3·0)/4 = 0.25; F → 0
    expect(m?.impact).toBeCloseTo(0.25, 12);
    expect(m?.feasibility).toBe(0);
  });
});

describe('sensitivity', () => {
  // P strong on A, Q strong on B.  Weights 1/1: P = (5+1)/2 = 3, Q = (1+4)/2 = 2.5 → P first.
  const input: ScoringInput = {
    candidates: [
      { id: 'P', reference: 'R-01' },
      { id: 'Q', reference: 'R-02' },
      { id: 'S', reference: 'R-03' },
    ],
    criteria: [crit('A', 1), crit('B', 1)],
    scores: [
      sc('P', 'x', 'A', 5),
      sc('P', 'x', 'B', 1),
      sc('Q', 'x', 'A', 1),
      sc('Q', 'x', 'B', 4),
      sc('S', 'x', 'A', 1),
      sc('S', 'x', 'B', 1),
    ],
  };

  it('rankWithWeights re-ranks with the given weights', () => {
    expect(rankCandidates(input).map((r) => r.candidateId)).toEqual(['P', 'Q', 'S']);
    // A=1, B=2: P = (5+2)/3 = 2.33, Q = (1+8)/3 = 3 → Q first
    const r = rankWithWeights(input, { A: 1, B: 2 });
    expect(r.map((x) => x.candidateId)).toEqual(['Q', 'P', 'S']);
    expect(r[0]?.weightedScore).toBeCloseTo(3, 12);
    // criteria not named keep their own weight
    expect(rankWithWeights(input, { B: 2 }).map((x) => x.candidateId)).toEqual(['Q', 'P', 'S']);
  });

  it('±50 % per criterion reports the rank changes', () => {
    const s = weightSensitivity(input, 50);
    expect(s.map((e) => [e.criterionId, e.pctChange, e.weight])).toEqual([
      ['A', 50, 1.5],
      ['A', -50, 0.5],
      ['B', 50, 1.5],
      ['B', -50, 0.5],
    ]);
    // A +50 %: P = (7.5+1)/2.5 = 3.4, Q = (1.5+4)/2.5 = 2.2 → unchanged
    expect(s[0]?.changes).toEqual([]);
    // A −50 %: P = (2.5+1)/1.5 = 2.33, Q = (0.5+4)/1.5 = 3 → swap
    expect(s[1]?.changes).toEqual([
      { candidateId: 'Q', reference: 'R-02', baseRank: 2, newRank: 1, shift: 1 },
      { candidateId: 'P', reference: 'R-01', baseRank: 1, newRank: 2, shift: -1 },
    ]);
    expect(s[1]?.maxAbsShift).toBe(1);
    // B +50 %: P = (5+1.5)/2.5 = 2.6, Q = (1+6)/2.5 = 2.8 → swap
    expect(s[2]?.changes.map((c) => c.candidateId)).toEqual(['Q', 'P']);
    // B −50 %: P = 5.5/1.5 = 3.67, Q = 3/1.5 = 2 → unchanged
    expect(s[3]?.changes).toEqual([]);
  });
});

describe('validation', () => {
  it('criteria', () => {
    expect(validateCriteria(criteria)).toEqual([]);
    expect(validateCriteria([])).toEqual([{ key: 'scanning.criterion.none', params: {} }]);
    expect(validateCriteria([crit('A', 0), { ...crit('A', 1), scaleMax: 10 }]).map((i) => i.key)).toEqual([
      'scanning.criterion.weightNotPositive',
      'scanning.criterion.duplicateId',
      'scanning.criterion.scaleInvalid',
    ]);
  });

  it('scores', () => {
    const a = criteria[0];
    expect(validateScore(sc('X', 'p', 'A', 3), a)).toEqual([]);
    expect(validateScore(sc('X', 'p', 'A', 0), a).map((i) => i.key)).toEqual(['scanning.score.valueOutOfScale']);
    expect(validateScore(sc('X', 'p', 'A', 2.5), a).map((i) => i.key)).toEqual(['scanning.score.valueOutOfScale']);
    expect(validateScore(sc('X', 'p', 'A', 3, { confidence: 4 }), a).map((i) => i.key)).toEqual([
      'scanning.score.confidenceInvalid',
    ]);
    expect(validateScore(sc('X', 'p', 'Q', 3), undefined).map((i) => i.key)).toEqual(['scanning.score.unknownCriterion']);
  });
});
