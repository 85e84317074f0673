/**
 * Scanning rounds — score aggregation, ranking, matrix and weight sensitivity (pure, no I/O).
 *
 * API
 *   computeRound(input): RoundResult             aggregates + ranking + matrix in one pass (the hot path)
 *   aggregateScores(input): CandidateAggregate[] per candidate, in input order (with `rank` filled in)
 *   rankCandidates(input): RankedCandidate[]     best first, rank 1..n (unique, deterministic)
 *   rankWithWeights(input, weights): RankedCandidate[]   same, criterion weights replaced by `weights`
 *   weightSensitivity(input, pct): SensitivityEntry[]    per criterion ×(1±pct/100): rank changes
 *   matrixPoints(aggregates): MatrixPoint[]      impact × feasibility in 0..1
 *   rankAggregates(aggregates): RankedCandidate[] re-rank aggregates (copies; input not mutated)
 *   compareAggregates(a, b): number              the ranking comparator
 *   validateCriteria(criteria), validateScore(score, criterion?), validateConsensus(c, criteria)
 *       → ScoringIssue[]   (i18n keys; aggregation skips invalid rows rather than throwing)
 *   stats helpers: mean, median, populationSd
 *
 * Input
 *   candidates: { id, reference }  criteria: { id, weight>0, scaleMin:1, scaleMax:5, axis }
 *   scores: { candidateId, criterionId, assessorId, value, confidence 1|2|3, conflictOfInterest }
 *   consensus?: { candidateId, score }   (rationale is stored by the caller; only the number matters here)
 *
 * Decisions
 *   - Confidence is an integer 1–3 (low / medium / high). It is REPORTED (mean per criterion) but does not
 *     weight scores: self-rated confidence weighting is hard to explain to a cooperation group and makes
 *     hand-checking impossible. The consensus step is where low-confidence disagreement gets resolved.
 *   - Conflict of interest is per (candidate, assessor): if any of an assessor's score rows for a
 *     candidate has conflictOfInterest=true, ALL that assessor's scores for that candidate are excluded —
 *     a conflict taints the assessor's view of the candidate, not one criterion. Excluded assessor ids
 *     are listed in `excludedAssessors`.
 *   - Spread = population standard deviation (divide by n). With 3–8 assessors IQR is unstable and jumps;
 *     SD is well known and 0 for a single score. Disagreement = population SD of per-assessor totals.
 *   - Median = middle value, mean of the two middle values for even n.
 *   - Missing scores: a criterion with no (non-conflicted) score is left out of the weighted score and the
 *     weights are renormalised over the criteria that have scores; `missingCriteria` counts them and the
 *     ranking prefers fewer missing on ties. A candidate with no scores at all has weightedScore=null and
 *     ranks after every scored candidate. A per-assessor total likewise uses only the criteria that
 *     assessor scored.
 *   - Weighted score = Σ(weight × criterion mean) / Σ weight. It stays inside [scaleMin, scaleMax].
 *   - Ranking key: rankingScore (= consensus score if set, else weightedScore) desc, then assessorMedian
 *     (median of per-assessor weighted totals) desc, then missingCriteria asc, then reference asc
 *     (code-unit compare, locale independent). null sorts last in each numeric key.
 *   - Matrix: impact = weight-averaged criterion mean over axis='impact' criteria, normalised per
 *     criterion to 0..1 with (mean − scaleMin)/(scaleMax − scaleMin); feasibility the same for
 *     axis='feasibility'. null when the candidate has no score on that axis.
 *   - Invalid rows (unknown candidate/criterion, value outside scale or not finite) are skipped and counted
 *     in `RoundResult.skippedScores`; non-integer values inside the scale are aggregated (validateScore
 *     rejects them at entry). Callers pass at most one row per (candidate, criterion, assessor) —
 *     the database enforces that; duplicates would be counted twice.
 *   - Consensus scores outside the scale are ignored (validateConsensus reports them).
 *
 * Performance: ids are mapped to dense integers, scores bucketed by counting sort into typed arrays, so a
 * round is O(scores + candidates·criteria + candidates·log candidates). 2 000 × 50 000 runs in a few ms.
 */

export type CriterionAxis = 'impact' | 'feasibility' | null;

export interface Criterion {
  id: string;
  weight: number;
  scaleMin: number;
  scaleMax: number;
  axis: CriterionAxis;
}

export interface Score {
  candidateId: string;
  criterionId: string;
  assessorId: string;
  value: number;
  /** 1 = low, 2 = medium, 3 = high. */
  confidence: number;
  conflictOfInterest: boolean;
}

export interface CandidateRef {
  id: string;
  reference: string;
}

export interface ConsensusScore {
  candidateId: string;
  score: number;
}

export interface ScoringInput {
  candidates: readonly CandidateRef[];
  criteria: readonly Criterion[];
  scores: readonly Score[];
  consensus?: readonly ConsensusScore[];
}

export interface CriterionStats {
  criterionId: string;
  n: number;
  mean: number | null;
  median: number | null;
  spread: number | null;
  meanConfidence: number | null;
}

export interface CandidateAggregate {
  candidateId: string;
  reference: string;
  criteria: CriterionStats[];
  /** Assessors whose scores count (no conflict of interest). */
  assessorCount: number;
  excludedAssessors: string[];
  weightedScore: number | null;
  /** Median of per-assessor weighted totals. */
  assessorMedian: number | null;
  /** Population SD of per-assessor weighted totals. */
  disagreement: number | null;
  missingCriteria: number;
  consensusScore: number | null;
  /** consensusScore ?? weightedScore — what the ranking uses. */
  rankingScore: number | null;
  impact: number | null;
  feasibility: number | null;
  /** 1-based position in the ranking (filled by every public function). */
  rank: number;
}

/** Kept as a name for readability at call sites: every aggregate carries its rank. */
export type RankedCandidate = CandidateAggregate;

export interface MatrixPoint {
  candidateId: string;
  reference: string;
  impact: number;
  feasibility: number;
  rankingScore: number | null;
}

export interface RoundResult {
  aggregates: CandidateAggregate[];
  ranking: RankedCandidate[];
  matrix: MatrixPoint[];
  skippedScores: number;
}

export type ScoringIssueKey =
  | 'scanning.criterion.weightNotPositive'
  | 'scanning.criterion.scaleInvalid'
  | 'scanning.criterion.duplicateId'
  | 'scanning.criterion.none'
  | 'scanning.score.unknownCriterion'
  | 'scanning.score.valueOutOfScale'
  | 'scanning.score.confidenceInvalid'
  | 'scanning.consensus.outOfScale';

export interface ScoringIssue {
  key: ScoringIssueKey;
  params: Record<string, string | number>;
}

export const DEFAULT_SCALE_MIN = 1;
export const DEFAULT_SCALE_MAX = 5;
export const CONFIDENCE_MIN = 1;
export const CONFIDENCE_MAX = 3;

// ---------------------------------------------------------------------------------------------------
// Validation

export function validateCriteria(criteria: readonly Criterion[]): ScoringIssue[] {
  const issues: ScoringIssue[] = [];
  if (criteria.length === 0) issues.push({ key: 'scanning.criterion.none', params: {} });
  const seen = new Set<string>();
  for (const c of criteria) {
    if (seen.has(c.id)) issues.push({ key: 'scanning.criterion.duplicateId', params: { criterionId: c.id } });
    seen.add(c.id);
    if (!(Number.isFinite(c.weight) && c.weight > 0))
      issues.push({ key: 'scanning.criterion.weightNotPositive', params: { criterionId: c.id } });
    // The model fixes 1–5 scales (issue 6); a different scale would make weighted means incomparable.
    if (c.scaleMin !== DEFAULT_SCALE_MIN || c.scaleMax !== DEFAULT_SCALE_MAX)
      issues.push({ key: 'scanning.criterion.scaleInvalid', params: { criterionId: c.id } });
  }
  return issues;
}

function valueInScale(v: number, c: Criterion): boolean {
  return Number.isFinite(v) && v >= c.scaleMin && v <= c.scaleMax;
}

export function validateScore(score: Score, criterion: Criterion | undefined): ScoringIssue[] {
  const issues: ScoringIssue[] = [];
  if (!criterion) {
    issues.push({ key: 'scanning.score.unknownCriterion', params: { criterionId: score.criterionId } });
  } else if (!valueInScale(score.value, criterion) || !Number.isInteger(score.value)) {
    issues.push({
      key: 'scanning.score.valueOutOfScale',
      params: { criterionId: criterion.id, min: criterion.scaleMin, max: criterion.scaleMax },
    });
  }
  if (!Number.isInteger(score.confidence) || score.confidence < CONFIDENCE_MIN || score.confidence > CONFIDENCE_MAX)
    issues.push({ key: 'scanning.score.confidenceInvalid', params: { min: CONFIDENCE_MIN, max: CONFIDENCE_MAX } });
  return issues;
}

export function validateConsensus(c: ConsensusScore, criteria: readonly Criterion[]): ScoringIssue[] {
  const { min, max } = overallScale(criteria);
  if (Number.isFinite(c.score) && c.score >= min && c.score <= max) return [];
  return [{ key: 'scanning.consensus.outOfScale', params: { candidateId: c.candidateId, min, max } }];
}

function overallScale(criteria: readonly Criterion[]): { min: number; max: number } {
  if (criteria.length === 0) return { min: DEFAULT_SCALE_MIN, max: DEFAULT_SCALE_MAX };
  let min = Infinity;
  let max = -Infinity;
  for (const c of criteria) {
    if (c.scaleMin < min) min = c.scaleMin;
    if (c.scaleMax > max) max = c.scaleMax;
  }
  return { min, max };
}

// ---------------------------------------------------------------------------------------------------
// Statistics helpers (exported for tests and UI tooltips)

export function mean(xs: readonly number[]): number | null {
  if (xs.length === 0) return null;
  let s = 0;
  for (const x of xs) s += x;
  return s / xs.length;
}

export function median(xs: readonly number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  return sortedMedian(s, 0, s.length);
}

export function populationSd(xs: readonly number[]): number | null {
  const m = mean(xs);
  if (m === null) return null;
  let s = 0;
  for (const x of xs) s += (x - m) * (x - m);
  return Math.sqrt(s / xs.length);
}

/** Median of arr[from, to) which must already be sorted ascending. */
function sortedMedian(arr: ArrayLike<number>, from: number, to: number): number {
  const n = to - from;
  const mid = from + (n >> 1);
  return n % 2 === 1 ? (arr[mid] as number) : ((arr[mid - 1] as number) + (arr[mid] as number)) / 2;
}

/** Insertion sort of a small typed-array slice; buckets hold a handful of assessors. */
function sortSlice(arr: Float64Array, from: number, to: number): void {
  for (let i = from + 1; i < to; i++) {
    const v = arr[i] as number;
    let j = i - 1;
    while (j >= from && (arr[j] as number) > v) {
      arr[j + 1] = arr[j] as number;
      j--;
    }
    arr[j + 1] = v;
  }
}

function sdOfSlice(arr: Float64Array, from: number, to: number, m: number): number {
  let s = 0;
  for (let i = from; i < to; i++) {
    const d = (arr[i] as number) - m;
    s += d * d;
  }
  return Math.sqrt(s / (to - from));
}

// ---------------------------------------------------------------------------------------------------
// Core

/**
 * Everything in one pass. `weightsOverride` (criterionId → weight) replaces criterion weights; it is how
 * sensitivity analysis re-ranks without the caller copying criteria.
 */
export function computeRound(input: ScoringInput, weightsOverride?: Readonly<Record<string, number>>): RoundResult {
  const { aggregates, ranking, skipped } = aggregateInternal(input, weightsOverride);
  return { aggregates, ranking, matrix: matrixPoints(aggregates), skippedScores: skipped };
}

export function aggregateScores(input: ScoringInput): CandidateAggregate[] {
  return aggregateInternal(input, undefined).aggregates;
}

export function rankCandidates(input: ScoringInput): RankedCandidate[] {
  return aggregateInternal(input, undefined).ranking;
}

export function rankWithWeights(input: ScoringInput, weights: Readonly<Record<string, number>>): RankedCandidate[] {
  return aggregateInternal(input, weights).ranking;
}

function aggregateInternal(
  input: ScoringInput,
  weightsOverride: Readonly<Record<string, number>> | undefined,
): { aggregates: CandidateAggregate[]; ranking: CandidateAggregate[]; skipped: number } {
  const { candidates, criteria, scores } = input;
  const nCand = candidates.length;
  const nCrit = criteria.length;

  const candIdx = new Map<string, number>();
  for (let i = 0; i < nCand; i++) candIdx.set((candidates[i] as CandidateRef).id, i);
  // Criteria are few (≈5–10): a linear scan beats a Map lookup per score row.
  const weight = new Float64Array(nCrit);
  for (let k = 0; k < nCrit; k++) {
    const c = criteria[k] as Criterion;
    const w = weightsOverride?.[c.id] ?? c.weight;
    // A non-positive weight would flip or zero a criterion's effect; treat as "not counted".
    weight[k] = Number.isFinite(w) && w > 0 ? w : 0;
  }
  const assessorIdx = new Map<string, number>();
  const assessorIds: string[] = [];

  // Pass 1: resolve ids to ints, validate, find conflicted (candidate, assessor) pairs.
  const nScores = scores.length;
  const sCand = new Int32Array(nScores).fill(-1);
  const sCrit = new Int32Array(nScores);
  const sAss = new Int32Array(nScores);
  // Copy the numbers once so later passes stay in typed arrays instead of re-reading 50 000 objects.
  const sVal = new Float64Array(nScores);
  const sConf = new Float64Array(nScores);
  const conflicted = new Set<number>(); // key = cand * nAssessorsUpperBound + assessor
  const A = nScores + 1; // upper bound of distinct assessors; keeps keys collision free
  let skipped = 0;
  // Rows usually arrive grouped (ORDER BY candidate, assessor), so a last-seen cache skips most Map lookups.
  let lastCandId: string | null = null;
  let lastCi: number | undefined;
  let lastAssId: string | null = null;
  let lastAi = -1;
  for (let s = 0; s < nScores; s++) {
    const sc = scores[s] as Score;
    let ci: number | undefined;
    if (sc.candidateId === lastCandId) ci = lastCi;
    else {
      ci = candIdx.get(sc.candidateId);
      lastCandId = sc.candidateId;
      lastCi = ci;
    }
    let ki = -1;
    for (let k = 0; k < nCrit; k++)
      if ((criteria[k] as Criterion).id === sc.criterionId) {
        ki = k;
        break;
      }
    if (ci === undefined || ki < 0 || !valueInScale(sc.value, criteria[ki] as Criterion)) {
      skipped++;
      continue;
    }
    let ai: number;
    if (sc.assessorId === lastAssId) ai = lastAi;
    else {
      const found = assessorIdx.get(sc.assessorId);
      if (found === undefined) {
        ai = assessorIds.length;
        assessorIdx.set(sc.assessorId, ai);
        assessorIds.push(sc.assessorId);
      } else ai = found;
      lastAssId = sc.assessorId;
      lastAi = ai;
    }
    sCand[s] = ci;
    sCrit[s] = ki;
    sAss[s] = ai;
    sVal[s] = sc.value;
    sConf[s] = sc.confidence;
    if (sc.conflictOfInterest) conflicted.add(ci * A + ai);
  }

  // Pass 2: drop conflicted rows; counting sort of valid rows by (candidate, criterion) bucket.
  const nBuckets = nCand * nCrit;
  const bucketCount = new Int32Array(nBuckets + 1);
  const candRowCount = new Int32Array(nCand + 1);
  const hasConflicts = conflicted.size > 0;
  for (let s = 0; s < nScores; s++) {
    const ci = sCand[s] as number;
    if (ci < 0) continue;
    if (hasConflicts && conflicted.has(ci * A + (sAss[s] as number))) {
      sCand[s] = -1;
      continue;
    }
    (bucketCount[ci * nCrit + (sCrit[s] as number) + 1] as number)++;
    (candRowCount[ci + 1] as number)++;
  }
  for (let b = 0; b < nBuckets; b++) bucketCount[b + 1] = (bucketCount[b + 1] as number) + (bucketCount[b] as number);
  for (let c = 0; c < nCand; c++) candRowCount[c + 1] = (candRowCount[c + 1] as number) + (candRowCount[c] as number);
  const nValid = bucketCount[nBuckets] as number;
  const values = new Float64Array(nValid);
  const confSum = new Float64Array(nBuckets);
  const bucketFill = bucketCount.slice(0, nBuckets);
  // Per-candidate rows (assessor, criterion, value) for per-assessor totals.
  const rowAss = new Int32Array(nValid);
  const rowCrit = new Int32Array(nValid);
  const rowVal = new Float64Array(nValid);
  const candFill = candRowCount.slice(0, nCand);
  for (let s = 0; s < nScores; s++) {
    const ci = sCand[s] as number;
    if (ci < 0) continue;
    const v = sVal[s] as number;
    const ki = sCrit[s] as number;
    const b = ci * nCrit + ki;
    const pos = bucketFill[b] as number;
    values[pos] = v;
    bucketFill[b] = pos + 1;
    confSum[b] = (confSum[b] as number) + (sConf[s] as number);
    const r = candFill[ci] as number;
    rowAss[r] = sAss[s] as number;
    rowCrit[r] = ki;
    rowVal[r] = v;
    candFill[ci] = r + 1;
  }

  const consensusByCand = new Map<string, number>();
  if (input.consensus) {
    const { min, max } = overallScale(criteria);
    for (const c of input.consensus) {
      if (Number.isFinite(c.score) && c.score >= min && c.score <= max) consensusByCand.set(c.candidateId, c.score);
    }
  }

  // Excluded assessors per candidate (rare; built from the conflict set only).
  const excludedByCand = new Map<number, string[]>();
  for (const key of conflicted) {
    const ci = Math.floor(key / A);
    const ai = key - ci * A;
    let list = excludedByCand.get(ci);
    if (!list) excludedByCand.set(ci, (list = []));
    list.push(assessorIds[ai] as string);
  }

  // Scratch for per-assessor totals: slot per assessor, stamped by candidate to avoid clearing.
  const nAss = assessorIds.length;
  const stamp = new Int32Array(nAss).fill(-1);
  const slot = new Int32Array(nAss);
  const accWV = new Float64Array(nAss);
  const accW = new Float64Array(nAss);
  const totals = new Float64Array(nAss);

  // Ranking keys in typed arrays: the sort compares numbers, not objects.
  const keyScore = new Float64Array(nCand);
  const keyMedian = new Float64Array(nCand);
  const keyMissing = new Int32Array(nCand);
  const aggregates: CandidateAggregate[] = new Array(nCand);
  for (let ci = 0; ci < nCand; ci++) {
    const cand = candidates[ci] as CandidateRef;
    const stats: CriterionStats[] = new Array(nCrit);
    let sumWM = 0;
    let sumW = 0;
    let missing = 0;
    let impW = 0;
    let impS = 0;
    let feaW = 0;
    let feaS = 0;
    for (let k = 0; k < nCrit; k++) {
      const crit = criteria[k] as Criterion;
      const b = ci * nCrit + k;
      const from = bucketCount[b] as number;
      const to = bucketCount[b + 1] as number;
      const n = to - from;
      if (n === 0) {
        missing++;
        stats[k] = { criterionId: crit.id, n: 0, mean: null, median: null, spread: null, meanConfidence: null };
        continue;
      }
      let sum = 0;
      for (let i = from; i < to; i++) sum += values[i] as number;
      const m = sum / n;
      sortSlice(values, from, to);
      stats[k] = {
        criterionId: crit.id,
        n,
        mean: m,
        median: sortedMedian(values, from, to),
        spread: sdOfSlice(values, from, to, m),
        meanConfidence: (confSum[b] as number) / n,
      };
      const w = weight[k] as number;
      sumWM += w * m;
      sumW += w;
      const range = crit.scaleMax - crit.scaleMin;
      const norm = range > 0 ? (m - crit.scaleMin) / range : 0;
      if (crit.axis === 'impact') {
        impS += w * norm;
        impW += w;
      } else if (crit.axis === 'feasibility') {
        feaS += w * norm;
        feaW += w;
      }
    }

    // Per-assessor weighted totals over the criteria each assessor scored.
    const rFrom = candRowCount[ci] as number;
    const rTo = candRowCount[ci + 1] as number;
    let nA = 0;
    for (let r = rFrom; r < rTo; r++) {
      const ai = rowAss[r] as number;
      let sl: number;
      if (stamp[ai] !== ci) {
        stamp[ai] = ci;
        sl = nA++;
        slot[ai] = sl;
        accWV[sl] = 0;
        accW[sl] = 0;
      } else sl = slot[ai] as number;
      const w = weight[rowCrit[r] as number] as number;
      accWV[sl] = (accWV[sl] as number) + w * (rowVal[r] as number);
      accW[sl] = (accW[sl] as number) + w;
    }
    let nT = 0;
    let tSum = 0;
    for (let sl = 0; sl < nA; sl++) {
      const w = accW[sl] as number;
      if (w > 0) {
        const t = (accWV[sl] as number) / w;
        totals[nT++] = t;
        tSum += t;
      }
    }
    let assessorMedian: number | null = null;
    let disagreement: number | null = null;
    if (nT > 0) {
      sortSlice(totals, 0, nT);
      assessorMedian = sortedMedian(totals, 0, nT);
      disagreement = sdOfSlice(totals, 0, nT, tSum / nT);
    }

    const weightedScore = sumW > 0 ? sumWM / sumW : null;
    const consensusScore = consensusByCand.size > 0 ? (consensusByCand.get(cand.id) ?? null) : null;
    const rankingScore = consensusScore ?? weightedScore;
    keyScore[ci] = quantize(rankingScore);
    keyMedian[ci] = quantize(assessorMedian);
    keyMissing[ci] = missing;
    aggregates[ci] = {
      candidateId: cand.id,
      reference: cand.reference,
      criteria: stats,
      assessorCount: nA,
      excludedAssessors: excludedByCand.get(ci)?.sort() ?? [],
      weightedScore,
      assessorMedian,
      disagreement,
      missingCriteria: missing,
      consensusScore,
      rankingScore,
      impact: impW > 0 ? impS / impW : null,
      feasibility: feaW > 0 ? feaS / feaW : null,
      rank: 0,
    };
  }

  const order = new Array<number>(nCand);
  for (let i = 0; i < nCand; i++) order[i] = i;
  order.sort((a, b) => {
    const d1 = (keyScore[b] as number) - (keyScore[a] as number);
    if (d1 !== 0) return d1;
    const d2 = (keyMedian[b] as number) - (keyMedian[a] as number);
    if (d2 !== 0) return d2;
    const d3 = (keyMissing[a] as number) - (keyMissing[b] as number);
    if (d3 !== 0) return d3;
    return tieBreak(aggregates[a] as CandidateAggregate, aggregates[b] as CandidateAggregate);
  });
  const ranking: CandidateAggregate[] = new Array(nCand);
  for (let r = 0; r < nCand; r++) {
    const agg = aggregates[order[r] as number] as CandidateAggregate;
    agg.rank = r + 1;
    ranking[r] = agg;
  }
  return { aggregates, ranking, skipped };
}

/**
 * Scores are compared at 1e-9 resolution: mathematically equal weighted means can differ in the last bit
 * depending on summation order or weight scaling, and a tie must stay a tie so the tie-breaks decide.
 * null maps to a huge finite negative (not −Infinity, whose difference with itself is NaN) so it sorts last.
 */
function quantize(x: number | null): number {
  return x === null ? -1e300 : Math.round(x * 1e9);
}

function tieBreak(a: CandidateAggregate, b: CandidateAggregate): number {
  if (a.reference !== b.reference) return a.reference < b.reference ? -1 : 1;
  // Same reference (should not happen): fall back to id so the order is still total.
  return a.candidateId < b.candidateId ? -1 : a.candidateId > b.candidateId ? 1 : 0;
}

/** Deterministic comparator: see header "Ranking key". */
export function compareAggregates(a: CandidateAggregate, b: CandidateAggregate): number {
  const s = quantize(b.rankingScore) - quantize(a.rankingScore);
  if (s !== 0) return s;
  const m = quantize(b.assessorMedian) - quantize(a.assessorMedian);
  if (m !== 0) return m;
  if (a.missingCriteria !== b.missingCriteria) return a.missingCriteria - b.missingCriteria;
  return tieBreak(a, b);
}

/** Re-rank existing aggregates (e.g. after the UI edits a consensus score locally). Returns copies. */
export function rankAggregates(aggregates: readonly CandidateAggregate[]): RankedCandidate[] {
  const sorted = [...aggregates].sort(compareAggregates);
  return sorted.map((a, i) => ({ ...a, rank: i + 1 }));
}

/** Candidates with both coordinates; the others cannot be placed and are listed by the UI separately. */
export function matrixPoints(aggregates: readonly CandidateAggregate[]): MatrixPoint[] {
  const out: MatrixPoint[] = [];
  for (const a of aggregates) {
    if (a.impact === null || a.feasibility === null) continue;
    out.push({
      candidateId: a.candidateId,
      reference: a.reference,
      impact: a.impact,
      feasibility: a.feasibility,
      rankingScore: a.rankingScore,
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Sensitivity

export interface RankChange {
  candidateId: string;
  reference: string;
  baseRank: number;
  newRank: number;
  /** baseRank − newRank: positive = moved up. */
  shift: number;
}

export interface SensitivityEntry {
  criterionId: string;
  /** +pct or −pct. */
  pctChange: number;
  weight: number;
  changes: RankChange[];
  maxAbsShift: number;
}

/**
 * For every criterion, multiply its weight by (1 + pct/100) and by (1 − pct/100) (others unchanged) and
 * report the candidates whose rank changed. pct must be in (0, 100) so weights stay positive.
 */
export function weightSensitivity(input: ScoringInput, pct: number): SensitivityEntry[] {
  const p = Math.min(Math.max(pct, 0), 99);
  const base = rankCandidates(input);
  const baseRank = new Map<string, number>();
  for (const r of base) baseRank.set(r.candidateId, r.rank);
  const baseWeights: Record<string, number> = {};
  for (const c of input.criteria) baseWeights[c.id] = c.weight;
  const out: SensitivityEntry[] = [];
  for (const c of input.criteria) {
    for (const sign of [1, -1] as const) {
      const w = c.weight * (1 + (sign * p) / 100);
      const ranked = rankWithWeights(input, { ...baseWeights, [c.id]: w });
      const changes: RankChange[] = [];
      let maxAbs = 0;
      for (const r of ranked) {
        const br = baseRank.get(r.candidateId) ?? r.rank;
        if (br !== r.rank) {
          const shift = br - r.rank;
          changes.push({ candidateId: r.candidateId, reference: r.reference, baseRank: br, newRank: r.rank, shift });
          if (Math.abs(shift) > maxAbs) maxAbs = Math.abs(shift);
        }
      }
      out.push({ criterionId: c.id, pctChange: sign * p, weight: w, changes, maxAbsShift: maxAbs });
    }
  }
  return out;
}
