import type { RowMeta } from './base';
import type { MemberRole } from './groups';
import type { AbbreviatedRow, NamedRow, ShortNamedRow } from './names';
import type {
  AgendaItemType,
  AttendanceStatus,
  OrganisationAttendance,
  QuorumResult,
  QuorumRule,
  RecurrenceRule,
  RunEvent,
  StandardItemKey,
} from '../meetings';

export const MEETING_STATUSES = ['planned', 'held', 'cancelled', 'moved'] as const;
export type MeetingStatusName = (typeof MEETING_STATUSES)[number];

export const MINUTES_STATUSES = ['draft', 'in_review', 'approved'] as const;
export type MinutesStatus = (typeof MINUTES_STATUSES)[number];

export const ACTION_STATUSES = ['open', 'in_progress', 'done', 'cancelled'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

/** chair_source values the rotation feature writes; any other value (or null) = chosen by hand. */
export const ROTATION_CHAIR_SOURCES = ['rotation', 'override', 'swap', 'skip'] as const;

export interface MeetingSeries extends RowMeta {
  groupId: string;
  title: string;
  rule: RecurrenceRule;
  startDate: string;
  untilDate: string | null;
  count: number | null;
  startTime: string;
  endTime: string;
  timeZone: string;
  place: string | null;
  onlineLink: string | null;
}

export interface Meeting extends RowMeta {
  groupId: string;
  seriesId: string | null;
  detached: boolean;
  title: string;
  date: string;
  startTime: string;
  endTime: string;
  timeZone: string;
  place: string | null;
  onlineLink: string | null;
  status: MeetingStatusName;
  movedToDate: string | null;
  chairPersonId: string | null;
  chairOrganisationId: string | null;
  /** 'rotation' | 'override' | 'swap' | 'skip' when the rotation wrote it; 'manual' or null otherwise. */
  chairSource: string | null;
  secretaryPersonId: string | null;
  minutesStatus: MinutesStatus;
  minutesApprovedAt: string | null;
  notes: string | null;
  icsSequence: number;
  /** For a series occurrence: the date the rule generated it for. */
  originalDate: string | null;
}

export interface MeetingSummary extends Meeting {
  groupName: string;
  chairName: string | null;
  agendaItemCount: number;
}

export interface AgendaItem extends RowMeta {
  meetingId: string;
  parentId: string | null;
  position: number;
  type: AgendaItemType;
  title: string;
  description: string | null;
  presenterPersonId: string | null;
  presenterOrganisationId: string | null;
  durationMinutes: number;
  minutes: string | null;
  continueNext: boolean;
  carriedFromId: string | null;
  standingKey: StandardItemKey | null;
}

export interface Attendance extends RowMeta {
  meetingId: string;
  personId: string | null;
  organisationId: string | null;
  status: AttendanceStatus;
  substituteForPersonId: string | null;
  note: string | null;
}

export interface Decision extends RowMeta {
  groupId: string;
  meetingId: string | null;
  agendaItemId: string | null;
  number: string | null;
  text: string;
  measureId: string | null;
}

export interface ActionItem extends RowMeta {
  groupId: string;
  meetingId: string | null;
  agendaItemId: string | null;
  title: string;
  description: string | null;
  ownerPersonId: string | null;
  ownerOrganisationId: string | null;
  dueDate: string | null;
  status: ActionStatus;
  completedDate: string | null;
  measureId: string | null;
  /** iCalendar SEQUENCE of the action's VTODO. */
  icsSequence: number;
}

/** An action as lists show it: names resolved and overdue computed against today. */
export interface ActionItemRow extends ActionItem {
  groupName: string;
  ownerName: string | null;
  meetingDate: string | null;
  meetingTitle: string | null;
  agendaItemTitle: string | null;
  /** The agenda item's standing key (its title is the translated standard title when its own is empty). */
  agendaItemKey: string | null;
  overdue: boolean;
}

export interface ActionPage {
  /** Items in the whole filtered set; null when not asked for (`count`) and more follow this page. */
  total: number | null;
  offset: number;
  rows: ActionItemRow[];
}

export interface DecisionRow extends Decision {
  meetingDate: string | null;
  meetingTitle: string | null;
  agendaItemTitle: string | null;
  agendaItemKey: string | null;
}

export interface AgendaTemplateItem {
  id: string;
  position: number;
  type: AgendaItemType;
  /** Own title; for a standing item without own title the translated standard title is used. */
  title: string;
  description: string | null;
  durationMinutes: number;
  standingKey: StandardItemKey | null;
}

export interface AgendaTemplate {
  /** null = the group has no saved template yet; these are the standard items. */
  id: string | null;
  groupId: string;
  name: string;
  items: AgendaTemplateItem[];
}

export interface MinutesHistoryEntry {
  id: string;
  /** What changed: the minutes themselves, one of the meeting's decisions or action items. */
  entityType: 'minutes' | 'decision' | 'action';
  entityId: string;
  /** minutes: in_review, approved, reopened, edited, reviewers, reviewer_approved;
   * decision / action: created, edited, removed; action also its new status (open, in_progress, done, cancelled). */
  status: string;
  date: string;
  at: string;
  note: string | null;
  /** Who made the change: the person chosen in "Who am I" at the time (null when nobody was chosen). */
  byPersonId: string | null;
  byName: string | null;
  /** The decision's number or the action item's title, as it was recorded. */
  label: string | null;
  /** reviewer_approved: the reviewer whose approval was recorded. */
  reviewerName: string | null;
}

/** A reviewer of the minutes (pöytäkirjantarkastaja) and when they approved, since the last reopening. */
export interface MinutesReviewer {
  personId: string;
  name: string;
  approvedAt: string | null;
}

export interface MeetingMember {
  personId: string;
  personName: string;
  organisationId: string | null;
  organisationAbbreviation: string | null;
  role: MemberRole;
}

/** An organisation as a meeting names it, with its official names per language (shared/domain/names.ts). */
export interface NamedOrganisation extends NamedRow, AbbreviatedRow {
  id: string;
  abbreviation: string;
  name: string;
}

export interface MeetingDetail extends Meeting {
  /** The group's name as written; `groupNames` has it per language for nameIn/shortNameIn. */
  groupName: string;
  groupNames: NamedRow & ShortNamedRow & { priorityNumber: number | null };
  groupTimeZone: string;
  quorumRule: QuorumRule | null;
  series: MeetingSeries | null;
  agenda: AgendaItem[];
  attendance: Attendance[];
  decisions: Decision[];
  /** Actions created at this meeting. */
  actions: ActionItem[];
  /** The group's actions open before this meeting (shown under the "review of open action items" item). */
  openActions: ActionItemRow[];
  members: MeetingMember[];
  /** The group's organisations plus any seen in attendance. */
  organisations: NamedOrganisation[];
  /** Names of every person the meeting refers to (members, attendees, presenters, owners, chair). */
  peopleNames: Record<string, string>;
  organisationAttendance: OrganisationAttendance[];
  quorum: QuorumResult;
  minutesHistory: MinutesHistoryEntry[];
  minutesReviewers: MinutesReviewer[];
  runEvents: RunEvent[];
  previousMeeting: { id: string; date: string } | null;
  nextMeeting: { id: string; date: string } | null;
  /** Chair written by the rotation: the user may not choose it here. */
  chairFromRotation: boolean;
}

export interface GeneratedFile {
  fileName: string;
  mimeType: string;
  contentBase64: string;
}
