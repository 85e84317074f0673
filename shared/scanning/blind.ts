/**
 * Scanning rounds — blind scoring visibility (pure, no I/O). The backend calls this before anything
 * score-related leaves it, so the rule lives in one place and the renderer never receives hidden data.
 *
 * API
 *   aggregatesVisible(roundStatus): boolean
 *   scoreVisibility({ viewerId, viewerRole, roundStatus, scores }): ScoreVisibility<S>
 *       → { scores, aggregatesVisible, progress, reasonKey }
 *   (generic over the score row type, so comments and other columns pass through untouched)
 *   assessorCompletion({ assessorIds, candidateIds, criterionIds, scores }): AssessorCompletion
 *       → { total, done, started, cellsPerAssessor }   counts only, safe to show to anyone at any time
 *   completionFromCounts({ assessorIds, cellsPerAssessor, cellsByAssessor }): the same from per-assessor
 *       counts of distinct counted cells (the backend counts them in SQL)
 *
 * Rules (decisions)
 *   - While the assessment window is not yet closed (planned … assessment) an assessor sees ONLY their own
 *     score rows and no aggregates. This also holds when consolidation reopens assessment: the round is
 *     back in 'assessment', so it is blind again (assessors may revise without anchoring on others).
 *   - The round owner (viewerRole 'owner': chair/secretary running the round) gets no values either
 *     while blind, only progress: how many rows each assessor has entered, so they can chase the missing.
 *     An owner who is also an assessor still sees their own rows.
 *   - From 'consolidation' on, everyone sees aggregates and all score rows with assessor ids — the
 *     consensus step discusses outliers by name; conflicted rows stay visible with their flag so the
 *     exclusion is transparent.
 *   - Observers ('viewer'): nothing while blind; after close the same as everyone.
 *   - Completion ("2 of 3 have scored") is counts only: how many assessors have covered every criterion of
 *     every candidate being assessed, how many have begun, how many are expected. It says nothing about
 *     values or about who, so the round read gives it to every role while the window is open. Who is
 *     missing stays in the owner's progress (above), which is the only per-assessor view while blind.
 *   - A conflict-of-interest declaration counts as covering its rows (the declaration is the assessor's
 *     answer for that candidate), so completion never tells a conflict apart from a score.
 */
import { isAssessmentClosed, type RoundStatus } from './status';

export type ViewerRole = 'assessor' | 'owner' | 'viewer';

export interface ScoreRowLike {
  assessorId: string;
  candidateId: string;
}

export interface AssessorProgress {
  assessorId: string;
  scoreCount: number;
}

export interface ScoreVisibility<S extends ScoreRowLike> {
  scores: S[];
  aggregatesVisible: boolean;
  /** Only for the owner while blind; null otherwise (after close the UI counts rows itself). */
  progress: AssessorProgress[] | null;
  reasonKey: 'scanning.blind.ownOnly' | 'scanning.blind.progressOnly' | 'scanning.blind.hidden' | 'scanning.blind.open';
}

export function aggregatesVisible(roundStatus: RoundStatus): boolean {
  return isAssessmentClosed(roundStatus);
}

export function scoreVisibility<S extends ScoreRowLike>(args: {
  viewerId: string;
  viewerRole: ViewerRole;
  roundStatus: RoundStatus;
  scores: readonly S[];
}): ScoreVisibility<S> {
  const { viewerId, viewerRole, roundStatus, scores } = args;
  if (aggregatesVisible(roundStatus)) {
    return { scores: [...scores], aggregatesVisible: true, progress: null, reasonKey: 'scanning.blind.open' };
  }
  const own = scores.filter((s) => s.assessorId === viewerId);
  if (viewerRole === 'owner') {
    const counts = new Map<string, number>();
    for (const s of scores) counts.set(s.assessorId, (counts.get(s.assessorId) ?? 0) + 1);
    const progress = [...counts]
      .map(([assessorId, scoreCount]) => ({ assessorId, scoreCount }))
      .sort((a, b) => (a.assessorId < b.assessorId ? -1 : a.assessorId > b.assessorId ? 1 : 0));
    return { scores: own, aggregatesVisible: false, progress, reasonKey: 'scanning.blind.progressOnly' };
  }
  if (viewerRole === 'assessor') {
    return { scores: own, aggregatesVisible: false, progress: null, reasonKey: 'scanning.blind.ownOnly' };
  }
  return { scores: [], aggregatesVisible: false, progress: null, reasonKey: 'scanning.blind.hidden' };
}

export interface ScoreCellLike {
  assessorId: string;
  candidateId: string;
  criterionId: string;
}

export interface AssessorCompletion {
  /** Assessors expected to score: the given roster plus anyone else who has scored a counted cell. */
  total: number;
  /** Assessors with a row (a score or a conflict declaration) for every criterion of every candidate. */
  done: number;
  /** Assessors who have begun but not finished. */
  started: number;
  /** Rows each assessor is expected to enter: candidates × criteria. */
  cellsPerAssessor: number;
}

/**
 * How far the assessors are, as counts. Rows for candidates or criteria outside the given lists
 * (a withdrawn candidate, a removed criterion) are ignored; a row counted twice counts once. With nothing
 * to score (no candidates or no criteria) nobody is done.
 */
export function assessorCompletion(args: {
  assessorIds: readonly string[];
  candidateIds: readonly string[];
  criterionIds: readonly string[];
  scores: readonly ScoreCellLike[];
}): AssessorCompletion {
  // Each cell is a number: candidate's index × criteria + criterion's index (unambiguous whatever the
  // ids hold, and without building a key string per row: a round has thousands of rows).
  const candidates = new Map<string, number>();
  for (const id of args.candidateIds) if (!candidates.has(id)) candidates.set(id, candidates.size);
  const criteria = new Map<string, number>();
  for (const id of args.criterionIds) if (!criteria.has(id)) criteria.set(id, criteria.size);
  const covered = new Map<string, Set<number>>();
  for (const s of args.scores) {
    const i = candidates.get(s.candidateId);
    const j = criteria.get(s.criterionId);
    if (i === undefined || j === undefined) continue;
    let cells = covered.get(s.assessorId);
    if (!cells) covered.set(s.assessorId, (cells = new Set<number>()));
    cells.add(i * criteria.size + j);
  }
  return completionFromCounts({
    assessorIds: args.assessorIds,
    cellsPerAssessor: candidates.size * criteria.size,
    cellsByAssessor: new Map([...covered].map(([id, cells]) => [id, cells.size])),
  });
}

/**
 * The same counts from how many distinct counted cells (of the candidates and criteria being assessed)
 * each assessor has a row for: what a database can count without handing over every row.
 */
export function completionFromCounts(args: {
  assessorIds: readonly string[];
  cellsPerAssessor: number;
  cellsByAssessor: ReadonlyMap<string, number>;
}): AssessorCompletion {
  const { cellsPerAssessor } = args;
  const covered = new Map<string, number>();
  for (const id of args.assessorIds) covered.set(id, 0);
  for (const [id, n] of args.cellsByAssessor) if (n > 0) covered.set(id, n);
  let done = 0;
  let started = 0;
  for (const cells of covered.values()) {
    if (cellsPerAssessor > 0 && cells === cellsPerAssessor) done++;
    else if (cells > 0) started++;
  }
  return { total: covered.size, done, started, cellsPerAssessor };
}
