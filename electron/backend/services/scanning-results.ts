import type { Round } from '../../../shared/domain/scanning';
import { isAssessmentClosed } from '../../../shared/scanning/status';
import { computeRound, weightSensitivity } from '../../../shared/scanning/scoring';
import type { Ctx } from '../context';
import { userError } from '../errors';
import { candidateTitles, scoringInput } from '../repositories/scanning';

/**
 * A round's results (aggregates, ranking, matrix, optional weight sensitivity), only once assessment is
 * closed. Its own module so the scanning handlers and the candidate-list document both use it without
 * importing each other.
 */
export function roundResults(ctx: Ctx, round: Round, weights?: Record<string, number>, sensitivityPct?: number) {
  if (!isAssessmentClosed(round.status)) throw userError('forbidden', 'scanning.blind.resultsHidden');
  const input = scoringInput(ctx.store, round.id, round.label);
  const effective = weights
    ? { ...input, criteria: input.criteria.map((c) => ({ ...c, weight: weights[c.id] ?? c.weight })) }
    : input;
  const result = computeRound(effective);
  return {
    aggregates: result.aggregates,
    ranking: result.ranking,
    matrix: result.matrix,
    // Ten re-rankings: only when asked for, so the ranking itself stays on the fast path.
    sensitivity: sensitivityPct ? weightSensitivity(effective, sensitivityPct) : [],
    titles: candidateTitles(ctx.store, round.id),
  };
}
