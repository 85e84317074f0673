import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  aggregateScores,
  computeRound,
  rankCandidates,
  rankWithWeights,
  type Criterion,
  type Score,
  type ScoringInput,
} from '../../shared/scanning/scoring';

/** Random rounds: 1–4 criteria with integer weights, 1–12 candidates, 1–5 assessors, a random subset of scores. */
const inputArb: fc.Arbitrary<ScoringInput> = fc
  .record({
    weights: fc.array(fc.integer({ min: 1, max: 10 }), { minLength: 1, maxLength: 4 }),
    axes: fc.array(fc.constantFrom<Criterion['axis']>('impact', 'feasibility', null), { minLength: 4, maxLength: 4 }),
    nCand: fc.integer({ min: 1, max: 12 }),
    nAss: fc.integer({ min: 1, max: 5 }),
    cells: fc.array(
      fc.record({
        present: fc.boolean(),
        value: fc.integer({ min: 1, max: 5 }),
        confidence: fc.integer({ min: 1, max: 3 }),
        coi: fc.integer({ min: 0, max: 9 }),
      }),
      { minLength: 240, maxLength: 240 },
    ),
    consensus: fc.array(fc.option(fc.integer({ min: 10, max: 50 }).map((x) => x / 10)), { minLength: 12, maxLength: 12 }),
  })
  .map(({ weights, axes, nCand, nAss, cells, consensus }) => {
    const criteria: Criterion[] = weights.map((w, k) => ({
      id: `c${k}`,
      weight: w,
      scaleMin: 1,
      scaleMax: 5,
      axis: axes[k] ?? null,
    }));
    const candidates = Array.from({ length: nCand }, (_, i) => ({
      id: `k${i}`,
      reference: `2027H1-${String(i + 1).padStart(2, '0')}`,
    }));
    const scores: Score[] = [];
    let cell = 0;
    for (let i = 0; i < nCand; i++)
      for (let a = 0; a < nAss; a++)
        for (let k = 0; k < criteria.length; k++) {
          const c = cells[cell++ % cells.length];
          if (!c || !c.present) continue;
          scores.push({
            candidateId: `k${i}`,
            criterionId: `c${k}`,
            assessorId: `a${a}`,
            value: c.value,
            confidence: c.confidence,
            conflictOfInterest: c.coi === 0,
          });
        }
    const cons = consensus.flatMap((v, i) => (v !== null && i < nCand ? [{ candidateId: `k${i}`, score: v }] : []));
    return { candidates, criteria, scores, consensus: cons };
  });

const order = (input: ScoringInput): string[] => rankCandidates(input).map((r) => r.candidateId);

describe('scoring properties', () => {
  it('ranking is a permutation of the candidates with ranks 1..n', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const ranked = rankCandidates(input);
        expect(ranked.map((r) => r.candidateId).sort()).toEqual(input.candidates.map((c) => c.id).sort());
        expect(ranked.map((r) => r.rank)).toEqual(input.candidates.map((_, i) => i + 1));
      }),
    );
  });

  it('weighted score, medians and criterion stats stay within the scale; matrix within 0..1', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const r = computeRound(input);
        for (const a of r.aggregates) {
          for (const v of [a.weightedScore, a.assessorMedian, a.rankingScore]) {
            if (v === null) continue;
            expect(v).toBeGreaterThanOrEqual(1 - 1e-12);
            expect(v).toBeLessThanOrEqual(5 + 1e-12);
          }
          for (const c of a.criteria) {
            if (c.mean === null) continue;
            expect(c.mean).toBeGreaterThanOrEqual(1);
            expect(c.mean).toBeLessThanOrEqual(5);
            expect(c.spread).toBeLessThanOrEqual(2); // max SD on a 1–5 scale is (5−1)/2
          }
          if (a.disagreement !== null) expect(a.disagreement).toBeLessThanOrEqual(2 + 1e-12);
        }
        for (const m of r.matrix) {
          expect(m.impact).toBeGreaterThanOrEqual(0);
          expect(m.impact).toBeLessThanOrEqual(1 + 1e-12);
          expect(m.feasibility).toBeGreaterThanOrEqual(0);
          expect(m.feasibility).toBeLessThanOrEqual(1 + 1e-12);
        }
      }),
    );
  });

  it('scaling all weights by a constant does not change the ranking', () => {
    fc.assert(
      fc.property(inputArb, fc.constantFrom(0.001, 0.5, 2, 3.7, 1000), (input, k) => {
        const scaled = Object.fromEntries(input.criteria.map((c) => [c.id, c.weight * k]));
        expect(rankWithWeights(input, scaled).map((r) => r.candidateId)).toEqual(order(input));
      }),
    );
  });

  it('adding a conflicted score from a new assessor changes nothing', () => {
    fc.assert(
      fc.property(inputArb, fc.nat(), fc.nat(), fc.integer({ min: 1, max: 5 }), (input, ci, ki, value) => {
        const cand = input.candidates[ci % input.candidates.length];
        const critn = input.criteria[ki % input.criteria.length];
        if (!cand || !critn) return;
        const extra: Score = {
          candidateId: cand.id,
          criterionId: critn.id,
          assessorId: 'newcomer',
          value,
          confidence: 2,
          conflictOfInterest: true,
        };
        const before = aggregateScores(input);
        const after = aggregateScores({ ...input, scores: [...input.scores, extra] });
        const strip = (xs: typeof before) => xs.map(({ excludedAssessors: _e, ...rest }) => rest);
        expect(strip(after)).toEqual(strip(before));
        expect(order({ ...input, scores: [...input.scores, extra] })).toEqual(order(input));
      }),
    );
  });

  it('a conflict flag on an existing assessor equals removing that assessor from the candidate', () => {
    fc.assert(
      fc.property(inputArb, fc.nat(), (input, si) => {
        if (input.scores.length === 0) return;
        const target = input.scores[si % input.scores.length] as Score;
        const flagged = input.scores.map((s) => (s === target ? { ...s, conflictOfInterest: true } : s));
        const removed = input.scores.filter((s) => !(s.candidateId === target.candidateId && s.assessorId === target.assessorId));
        const strip = (xs: ReturnType<typeof aggregateScores>) => xs.map(({ excludedAssessors: _e, ...rest }) => rest);
        expect(strip(aggregateScores({ ...input, scores: flagged }))).toEqual(
          strip(aggregateScores({ ...input, scores: removed })),
        );
      }),
    );
  });

  it('score order in the input does not matter', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const reversed = { ...input, scores: [...input.scores].reverse() };
        expect(order(reversed)).toEqual(order(input));
      }),
    );
  });
});
