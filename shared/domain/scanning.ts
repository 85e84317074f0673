import type { RowMeta } from './base';
import type { CandidateStatus, RoundStatus } from '../scanning/status';
import type { RoundTimeline } from '../scanning/rounds';
import type { CandidateAggregate, CriterionAxis, MatrixPoint, SensitivityEntry } from '../scanning/scoring';
import type { AssessorCompletion, AssessorProgress } from '../scanning/blind';

export type { AssessorCompletion, CandidateStatus, RoundStatus, RoundTimeline };

export const ROUND_LANES = ['semiannual', 'adhoc'] as const;
export type RoundLane = (typeof ROUND_LANES)[number];

/** STEEP: the usual horizon-scanning lenses. Stored in the candidate's tag list as `steep:<value>`. */
export const STEEP = ['social', 'technological', 'economic', 'environmental', 'political'] as const;
export type Steep = (typeof STEEP)[number];

export const TIME_HORIZONS = ['short', 'medium', 'long'] as const;
export type TimeHorizon = (typeof TIME_HORIZONS)[number];

export const ORG_RESPONSES = ['asked', 'confirmed', 'declined'] as const;
export type OrgResponse = (typeof ORG_RESPONSES)[number];

export const EXISTING_HANDLING = ['yes', 'partly', 'no'] as const;
export type ExistingHandling = (typeof EXISTING_HANDLING)[number];

export const CONFIDENTIALITY = ['public', 'internal', 'confidential'] as const;
export type Confidentiality = (typeof CONFIDENTIALITY)[number];

export const DECISION_OUTCOMES = ['approved', 'rejected', 'deferred', 'folded'] as const;
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];

export const VIEWER_ROLES = ['assessor', 'owner', 'viewer'] as const;

export interface Evidence {
  /** When the source was published or observed (YYYY-MM-DD). */
  date: string;
  source: string;
  url: string | null;
}

export interface Round extends RowMeta {
  groupId: string;
  label: string;
  lane: RoundLane;
  status: RoundStatus;
  timeline: RoundTimeline;
  proposalCap: number | null;
  criteriaLocked: boolean;
}

export interface RoundCounts {
  total: number;
  proposed: number;
  shortlisted: number;
  approved: number;
  rejected: number;
  deferred: number;
  folded: number;
  merged: number;
}

export interface RoundSummary extends Round {
  groupName: string;
  counts: RoundCounts;
}

export interface Criterion extends RowMeta {
  roundId: string;
  name: string;
  description: string | null;
  weight: number;
  scaleMin: number;
  scaleMax: number;
  axis: CriterionAxis;
  position: number;
}

export interface Candidate extends RowMeta {
  roundId: string;
  number: number;
  reference: string;
  title: string;
  phenomenon: string | null;
  rationale: string | null;
  evidence: Evidence[];
  steep: Steep[];
  tags: string[];
  timeHorizon: TimeHorizon | null;
  proposerPersonId: string | null;
  proposerOrganisationId: string | null;
  leadOrganisationId: string | null;
  leadStatus: OrgResponse | null;
  existingGroupHandling: ExistingHandling | null;
  existingGroupReason: string | null;
  confidentiality: Confidentiality;
  status: CandidateStatus;
  mergedIntoId: string | null;
  carriedFromId: string | null;
  deferralCount: number;
  consensusScore: number | null;
  consensusRationale: string | null;
}

export interface CandidateParticipant {
  id: string;
  organisationId: string;
  abbreviation: string;
  status: OrgResponse;
}

export interface HistoryEntry {
  id: string;
  /** The candidate (or round) the entry belongs to: earlier rounds' entries come with their reference. */
  reference: string;
  status: string;
  date: string;
  note: string | null;
}

export interface Decision extends RowMeta {
  candidateId: string;
  outcome: DecisionOutcome;
  reason: string | null;
  conditions: string | null;
  targetGroupId: string | null;
  createdGroupId: string | null;
  decidedOn: string;
}

export interface CandidateSummary extends Candidate {
  leadAbbreviation: string | null;
  proposerName: string | null;
  proposerOrganisationAbbreviation: string | null;
}

export interface CandidateDetail extends CandidateSummary {
  roundLabel: string;
  roundStatus: RoundStatus;
  participants: CandidateParticipant[];
  relatedGroups: Array<{ id: string; name: string }>;
  decision: (Decision & { targetGroupName: string | null; createdGroupName: string | null }) | null;
  /** Own history and, for a carried candidate, its earlier rounds' history (oldest first). */
  history: HistoryEntry[];
  mergedFrom: Array<{ id: string; reference: string; title: string }>;
  mergedInto: { id: string; reference: string } | null;
  carriedFrom: {
    id: string;
    reference: string;
    roundLabel: string;
    conditions: string | null;
    reason: string | null;
    weightedScore: number | null;
    consensusScore: number | null;
    rank: number | null;
  } | null;
}

export interface RoundDetail extends Round {
  groupName: string;
  criteria: Criterion[];
  candidates: CandidateSummary[];
  history: HistoryEntry[];
  nextStatuses: RoundStatus[];
  /** Round that deferred candidates of this round were / will be carried into. */
  nextRound: { id: string; label: string } | null;
  /**
   * From assessment on: how many assessors have scored ("2 of 3 have scored"), counts only
   * (`assessorCompletion` in shared/scanning/blind.ts), so it is safe for every role while blind.
   * null before assessment opens.
   */
  completion: AssessorCompletion | null;
}

export interface ScoreRow {
  id: string;
  candidateId: string;
  criterionId: string;
  assessorId: string;
  assessorName: string;
  /** null: a conflict of interest declared without scoring. */
  value: number | null;
  confidence: number | null;
  comment: string | null;
  conflictOfInterest: boolean;
}

export interface ScoresView {
  scores: ScoreRow[];
  aggregatesVisible: boolean;
  progress: Array<AssessorProgress & { assessorName: string }> | null;
  reasonKey: string;
}

export interface RoundResults {
  aggregates: CandidateAggregate[];
  ranking: CandidateAggregate[];
  matrix: MatrixPoint[];
  sensitivity: SensitivityEntry[];
  titles: Record<string, string>;
}

export interface RoundStatistics {
  roundId: string;
  label: string;
  lane: RoundLane;
  status: RoundStatus;
  callOpens: string | null;
  counts: RoundCounts;
}

export interface SimilarHit {
  id: string;
  kind: 'candidate' | 'group';
  score: number;
  title: string;
  /** Candidate reference or group short name. */
  reference: string | null;
  roundLabel: string | null;
  status: string;
  matchedTerms: string[];
}

export interface GroupScanningLinks {
  folded: Array<{ id: string; reference: string; title: string; reason: string | null; decidedOn: string }>;
  origin: { id: string; reference: string; title: string; roundLabel: string; decidedOn: string } | null;
}

export interface GeneratedFile {
  fileName: string;
  mimeType: string;
  contentBase64: string;
}
