import type { RowMeta } from './base';
import type { GroupKind, GroupStatus } from './groups';

export const MEASURE_STATUSES = ['not_started', 'under_way', 'done', 'dropped'] as const;
export type MeasureStatus = (typeof MEASURE_STATUSES)[number];

/** Has the organisation made the internal decision the measure needs (the report's unbroken chain)? */
export const COMMITMENT_STATUSES = ['none', 'pending', 'decided'] as const;
export type CommitmentStatus = (typeof COMMITMENT_STATUSES)[number];

export const INDICATOR_KINDS = ['process', 'output', 'outcome'] as const;
export type IndicatorKind = (typeof INDICATOR_KINDS)[number];

export const REVIEW_DECISIONS = ['continue', 'change', 'conclude', 'merge'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

export const REPORT_FORMATS = ['html', 'docx', 'md'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface StatusHistoryEntry {
  id: string;
  status: GroupStatus;
  date: string;
  note: string | null;
  transferredTo: string | null;
}

export interface Lifecycle {
  groupId: string;
  status: GroupStatus;
  statusDate: string | null;
  transferredTo: string | null;
  /** Statuses the group may move to next (see shared/portfolio/lifecycle.ts). */
  allowed: GroupStatus[];
  /** Newest first. */
  history: StatusHistoryEntry[];
}

export interface MeasureOrganisation extends RowMeta {
  measureId: string;
  organisationId: string;
  role: string;
  commitmentStatus: CommitmentStatus;
  decisionDate: string | null;
  decisionReference: string | null;
  abbreviation: string;
  organisationName: string;
}

export interface Measure extends RowMeta {
  groupId: string;
  title: string;
  description: string | null;
  responsibleOrganisationId: string | null;
  startDate: string | null;
  dueDate: string | null;
  status: MeasureStatus;
  progressNote: string | null;
  position: number;
}

export interface MeasureDetail extends Measure {
  responsibleAbbreviation: string | null;
  organisations: MeasureOrganisation[];
  linkedActions: number;
  linkedDecisions: number;
}

export interface Indicator extends RowMeta {
  groupId: string;
  name: string;
  kind: IndicatorKind;
  unit: string | null;
  source: string | null;
  targetValue: number | null;
  targetDate: string | null;
  description: string | null;
}

export interface IndicatorValue extends RowMeta {
  indicatorId: string;
  period: string;
  value: number;
  note: string | null;
}

export interface IndicatorDetail extends Indicator {
  /** Oldest period first. */
  values: IndicatorValue[];
}

/** An action item or decision of the group that can be linked to one of its measures. */
export interface LinkableItem {
  kind: 'action_item' | 'decision';
  id: string;
  title: string;
  measureId: string | null;
}

export interface PriorityPlan {
  groupId: string;
  measures: MeasureDetail[];
  indicators: IndicatorDetail[];
  /** The group's action items and decisions, newest first (at most 500), for linking to measures. */
  linkable: LinkableItem[];
}

/** One priority's row in the portfolio view. */
export interface PortfolioRow {
  groupId: string;
  priorityNumber: number | null;
  name: string;
  kind: GroupKind;
  status: GroupStatus;
  leads: string[];
  lastMeeting: string | null;
  nextMeeting: string | null;
  meetingsLast12Months: number;
  /** Share of recorded attendances (present + remote) at held meetings in the last 12 months; null without data. */
  attendanceRate: number | null;
  memberCount: number;
  organisationCount: number;
  openActions: number;
  overdueActions: number;
  measuresDone: number;
  /** Measures that count (dropped ones do not). */
  measuresTotal: number;
  indicators: Array<{
    id: string;
    name: string;
    kind: IndicatorKind;
    unit: string | null;
    latest: number | null;
    period: string | null;
    target: number | null;
  }>;
  measuresImpact: boolean;
}

export interface Portfolio {
  today: string;
  rows: PortfolioRow[];
  /** Priorities with at least one outcome indicator. */
  measuringImpact: number;
  /** Priorities with indicators of any kind. */
  measuringAnything: number;
}

export interface HomeItem {
  id: string;
  title: string;
  date: string | null;
  groupId: string | null;
  groupName: string | null;
  detail?: string | null;
}

export interface HomeView {
  today: string;
  me: { personId: string; personName: string } | null;
  upcomingMeetings: Array<HomeItem & { mine: boolean }>;
  overdueActions: HomeItem[];
  soonDueActions: HomeItem[];
  handoversDue: HomeItem[];
  scanningDeadlines: HomeItem[];
  minutesAwaitingApproval: HomeItem[];
}

export const SEARCH_KINDS = ['group', 'meeting', 'agenda_item', 'decision', 'action_item', 'measure', 'candidate'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

export interface SearchHit {
  kind: SearchKind;
  id: string;
  title: string;
  /** A short piece of the matching text. */
  snippet: string;
  groupName: string | null;
  /** Where it is handled: page name and params (as renderer/store/app.ts Route). */
  route: { page: string; params: string[] };
}

export interface SearchResult {
  query: string;
  groups: Array<{ kind: SearchKind; hits: SearchHit[] }>;
  total: number;
}

export interface TermReview extends RowMeta {
  label: string;
  date: string;
  note: string | null;
  status: 'open' | 'closed';
}

export interface TermReviewItem extends RowMeta {
  reviewId: string;
  groupId: string;
  decision: ReviewDecision | null;
  rationale: string | null;
  mergeIntoGroupId: string | null;
}

export interface TermReviewDetail extends TermReview {
  items: Array<TermReviewItem & { groupName: string; priorityNumber: number | null; groupStatus: GroupStatus }>;
}

export interface ReportFile {
  fileName: string;
  mimeType: string;
  contentBase64: string;
}
