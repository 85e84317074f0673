/**
 * Scanning rounds — blind scoring visibility (pure, no I/O). The backend calls this before anything
 * score-related leaves it, so the rule lives in one place and the renderer never receives hidden data.
 *
 * API
 *   aggregatesVisible(roundStatus): boolean
 *   scoreVisibility({ viewerId, viewerRole, roundStatus, scores }): ScoreVisibility<S>
 *       → { scores, aggregatesVisible, progress, reasonKey }
 *   (generic over the score row type, so comments and other columns pass through untouched)
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
