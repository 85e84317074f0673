/**
 * Scanning rounds — status machines as data (pure, no I/O).
 *
 * API
 *   ROUND_STATUSES, CANDIDATE_STATUSES            ordered status lists (forward order)
 *   ROUND_TRANSITIONS, CANDIDATE_TRANSITIONS      Record<from, readonly to[]> — the whole machine as data
 *   canTransition(kind, from, to): boolean
 *   assertTransition(kind, from, to): TransitionResult
 *       → { ok: true } | { ok: false, key: 'scanning.illegalTransition', params: { kind, from, to } }
 *   nextStatuses(kind, from): readonly string[]     legal targets, forward moves first
 *   isTerminal(kind, status): boolean
 *   CANDIDATE_ACTIONS, ROUND_ACTION_WINDOWS        which round statuses allow which candidate action
 *   roundAllows(roundStatus, action): boolean
 *   assertRoundAllows(roundStatus, action)
 *       → { ok: true } | { ok: false, key: 'scanning.actionNotAllowed', params: { action, roundStatus } }
 *   actionForCandidateTransition(from, to): CandidateAction | null
 *   assertCandidateTransitionInRound(roundStatus, from, to)   both checks above in one call
 *   criteriaLocked(roundStatus): boolean           true from 'assessment' on (criteria frozen)
 *   isAssessmentClosed(roundStatus): boolean       true after 'assessment' (used by blind.ts)
 *
 * Decisions
 *   Round backward moves (each is a deliberate "undo" the round owner may need):
 *     open → planned              call opened by mistake / postponed before anyone submitted
 *     screening → open            extend the call (deadline moved)
 *     consolidation → assessment  reopen the assessment window (missing scores, new assessor);
 *                                 blind rules apply again while it is open
 *     list_submitted → consolidation   list withdrawn from the cooperation group for correction
 *     planned → closed            cancel a round that never opened
 *   assessment → screening is NOT allowed: criteria lock when assessment opens and scores exist;
 *   unlocking would invalidate them.
 *
 *   Candidate:
 *     withdrawn reachable from every pre-decision state up to shortlisted/not_shortlisted (proposer pulls
 *       it back); once 'proposed' it is the cooperation group's to decide.
 *     merged reachable from submitted and screening (duplicates are merged during intake/screening).
 *     Backward moves: submitted → draft (returned to proposer), screened_out → screening (reinstated),
 *       assessed → in_assessment (assessment reopened), shortlisted | not_shortlisted → assessed
 *       (consolidation revisited), proposed → shortlisted (taken off the list before submission).
 *     'deferred' is terminal within its round; carry-over creates a new candidate in the next round that
 *       links to this one (history and scores travel with the link, see issue 6).
 *     'folded' = folded into an existing priority group (target + reason are validated elsewhere).
 */

export const ROUND_STATUSES = [
  'planned',
  'open',
  'screening',
  'assessment',
  'consolidation',
  'list_submitted',
  'decided',
  'closed',
] as const;
export type RoundStatus = (typeof ROUND_STATUSES)[number];

export const CANDIDATE_STATUSES = [
  'draft',
  'submitted',
  'screening',
  'merged',
  'withdrawn',
  'screened_out',
  'in_assessment',
  'assessed',
  'shortlisted',
  'not_shortlisted',
  'proposed',
  'approved',
  'rejected',
  'deferred',
  'folded',
] as const;
export type CandidateStatus = (typeof CANDIDATE_STATUSES)[number];

export type StatusKind = 'round' | 'candidate';
export type StatusOf<K extends StatusKind> = K extends 'round' ? RoundStatus : CandidateStatus;

/** Forward targets are listed before backward ones so `nextStatuses` can drive a "next step" button. */
export const ROUND_TRANSITIONS: Readonly<Record<RoundStatus, readonly RoundStatus[]>> = {
  planned: ['open', 'closed'],
  open: ['screening', 'planned'],
  screening: ['assessment', 'open'],
  assessment: ['consolidation'],
  consolidation: ['list_submitted', 'assessment'],
  list_submitted: ['decided', 'consolidation'],
  decided: ['closed'],
  closed: [],
};

export const CANDIDATE_TRANSITIONS: Readonly<Record<CandidateStatus, readonly CandidateStatus[]>> = {
  draft: ['submitted', 'withdrawn'],
  submitted: ['screening', 'merged', 'withdrawn', 'draft'],
  screening: ['in_assessment', 'merged', 'screened_out', 'withdrawn'],
  merged: [],
  withdrawn: [],
  screened_out: ['screening'],
  in_assessment: ['assessed', 'withdrawn'],
  assessed: ['shortlisted', 'not_shortlisted', 'withdrawn', 'in_assessment'],
  shortlisted: ['proposed', 'withdrawn', 'assessed'],
  not_shortlisted: ['withdrawn', 'assessed'],
  proposed: ['approved', 'rejected', 'deferred', 'folded', 'shortlisted'],
  approved: [],
  rejected: [],
  deferred: [],
  folded: [],
};

function table(kind: StatusKind): Readonly<Record<string, readonly string[]>> {
  return kind === 'round' ? ROUND_TRANSITIONS : CANDIDATE_TRANSITIONS;
}

export function canTransition<K extends StatusKind>(kind: K, from: StatusOf<K>, to: StatusOf<K>): boolean {
  // Unknown `from` (bad data from a file) yields undefined → false, never a throw.
  return table(kind)[from]?.includes(to) ?? false;
}

export type TransitionResult =
  | { ok: true }
  | {
      ok: false;
      key: 'scanning.illegalTransition';
      params: { kind: StatusKind; from: string; to: string };
    };

export function assertTransition<K extends StatusKind>(kind: K, from: StatusOf<K>, to: StatusOf<K>): TransitionResult {
  if (canTransition(kind, from, to)) return { ok: true };
  return { ok: false, key: 'scanning.illegalTransition', params: { kind, from, to } };
}

export function nextStatuses<K extends StatusKind>(kind: K, from: StatusOf<K>): readonly StatusOf<K>[] {
  return (table(kind)[from] ?? []) as readonly StatusOf<K>[];
}

export function isTerminal<K extends StatusKind>(kind: K, status: StatusOf<K>): boolean {
  return nextStatuses(kind, status).length === 0;
}

// ---------------------------------------------------------------------------------------------------
// Candidate actions gated by round status.

export const CANDIDATE_ACTIONS = [
  'create', // new draft candidate in this round
  'edit', // change candidate fields
  'submit', // draft → submitted (also submitted → draft)
  'withdraw',
  'screen', // submitted → screening, screening → in_assessment | screened_out, reinstate
  'merge',
  'editCriteria', // add/remove/reweight criteria of the round
  'score', // enter or change a score (incl. confidence, comment)
  'declareConflict',
  'consensus', // record the agreed score and rationale
  'shortlist', // assessed ↔ shortlisted | not_shortlisted, proposed ↔ shortlisted
  'propose', // shortlisted → proposed (the candidate list)
  'decide', // proposed → approved | rejected | deferred | folded
] as const;
export type CandidateAction = (typeof CANDIDATE_ACTIONS)[number];

/**
 * Round statuses in which each action is allowed. Why these windows:
 * - intake (create/submit) while the call is open; screening may still take late fixes from proposers
 *   (edit), but not new candidates — that is what the ad-hoc lane is for.
 * - criteria are editable until assessment opens and then locked (scores refer to them).
 * - scoring and conflict declarations only inside the assessment window.
 * - `score` also moves in_assessment → assessed; 'consolidation' may reopen to assessment instead.
 * - consensus and shortlisting happen in consolidation; 'propose' builds the list just before submission.
 * - decisions are recorded once the list is with the cooperation group (list_submitted) — the round then
 *   moves to 'decided' when all are recorded; late corrections in 'decided' are allowed.
 */
export const ROUND_ACTION_WINDOWS: Readonly<Record<CandidateAction, readonly RoundStatus[]>> = {
  create: ['open'],
  edit: ['open', 'screening'],
  submit: ['open'],
  withdraw: ['open', 'screening', 'assessment', 'consolidation'],
  screen: ['screening'],
  merge: ['open', 'screening'],
  editCriteria: ['planned', 'open', 'screening'],
  score: ['assessment'],
  declareConflict: ['assessment'],
  consensus: ['consolidation'],
  shortlist: ['consolidation'],
  propose: ['consolidation'],
  decide: ['list_submitted', 'decided'],
};

export function roundAllows(roundStatus: RoundStatus, action: CandidateAction): boolean {
  return ROUND_ACTION_WINDOWS[action]?.includes(roundStatus) ?? false;
}

export type RoundActionResult =
  | { ok: true }
  | {
      ok: false;
      key: 'scanning.actionNotAllowed';
      params: { action: string; roundStatus: string };
    };

export function assertRoundAllows(roundStatus: RoundStatus, action: CandidateAction): RoundActionResult {
  if (roundAllows(roundStatus, action)) return { ok: true };
  return { ok: false, key: 'scanning.actionNotAllowed', params: { action, roundStatus } };
}

/** Criteria are frozen from the moment assessment opens (also when it is reopened from consolidation). */
export function criteriaLocked(roundStatus: RoundStatus): boolean {
  return !roundAllows(roundStatus, 'editCriteria');
}

/** The assessment window has closed: consolidation and everything after it. */
export function isAssessmentClosed(roundStatus: RoundStatus): boolean {
  return ROUND_STATUSES.indexOf(roundStatus) > ROUND_STATUSES.indexOf('assessment');
}

/** Which action a candidate status change is; null when the change is not a legal transition. */
export function actionForCandidateTransition(from: CandidateStatus, to: CandidateStatus): CandidateAction | null {
  if (!canTransition('candidate', from, to)) return null;
  switch (to) {
    case 'submitted':
    case 'draft':
      return 'submit';
    case 'withdrawn':
      return 'withdraw';
    case 'merged':
      return 'merge';
    case 'screening':
    case 'screened_out':
    case 'in_assessment':
      // assessed → in_assessment happens when consolidation reopens assessment: it is a scoring move.
      return from === 'assessed' ? 'score' : 'screen';
    case 'assessed':
      return from === 'in_assessment' ? 'score' : 'shortlist';
    case 'shortlisted':
    case 'not_shortlisted':
      return 'shortlist';
    case 'proposed':
      return 'propose';
    case 'approved':
    case 'rejected':
    case 'deferred':
    case 'folded':
      return 'decide';
  }
}

export type CandidateTransitionInRoundResult = TransitionResult | RoundActionResult;

/** Status-machine check first, then the round-window check. */
export function assertCandidateTransitionInRound(
  roundStatus: RoundStatus,
  from: CandidateStatus,
  to: CandidateStatus,
): CandidateTransitionInRoundResult {
  const t = assertTransition('candidate', from, to);
  if (!t.ok) return t;
  const action = actionForCandidateTransition(from, to);
  // Unreachable when the transition is legal; kept total for strictness.
  if (action === null) return { ok: false, key: 'scanning.illegalTransition', params: { kind: 'candidate', from, to } };
  // 'in_assessment' → 'assessed' happens when the window closes (round moves to consolidation), and
  // 'assessed' → 'in_assessment' when it reopens; allow both at the boundary as well as inside it.
  if (action === 'score' && (roundStatus === 'assessment' || roundStatus === 'consolidation')) return { ok: true };
  return assertRoundAllows(roundStatus, action);
}
