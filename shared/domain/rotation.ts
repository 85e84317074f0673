import type { RowMeta } from './base';
import type {
  CancelledRule,
  ChairSource,
  IsoDate,
  MeetingStatus,
  RotationMode,
  RotationProblem,
  RotationUnit,
} from '../rotation/types';

export const ROTATION_UNITS = ['organisations', 'people'] as const;
export const ROTATION_MODES = ['per_meeting', 'term_months', 'term_weeks'] as const;
export const CANCELLED_RULES = ['hold', 'advance'] as const;
export const LEAVE_ACTIONS = ['skip', 'succeed'] as const;
export const ROTATION_EXPORT_FORMATS = ['ics', 'csv', 'html', 'docx'] as const;
export type RotationExportFormat = (typeof ROTATION_EXPORT_FORMATS)[number];

/** How far ahead the schedule view and the exports look. */
export const SCHEDULE_MONTHS = 24;

/** A stored rotation row (one per group). */
export interface RotationRecord extends RowMeta {
  groupId: string;
  name: string;
  unit: RotationUnit;
  cancelledRule: CancelledRule;
  handoverNoticeWeeks: number;
}

/** A member as the UI shows it: an organisation's abbreviation or a person's name. */
export interface RotationMemberRef {
  id: string;
  label: string;
  /** Full name of the organisation, or the person's organisation; for tooltips and documents. */
  detail: string | null;
}

export interface RotationVersionView {
  id: string;
  effectiveFrom: IsoDate;
  editedOn: IsoDate | null;
  mode: RotationMode;
  termLength: number | null;
  anchorDate: IsoDate | null;
  startIndex: number;
  members: string[];
}

export interface RotationExceptionView {
  id: string;
  kind: 'override' | 'swap' | 'skip';
  meetingId: string | null;
  otherMeetingId: string | null;
  termStart: IsoDate | null;
  otherTermStart: IsoDate | null;
  /** Date(s) of the slot(s), for showing; null when the meeting no longer exists. */
  date: IsoDate | null;
  otherDate: IsoDate | null;
  memberId: string | null;
  reason: string | null;
  createdAt: string;
}

export interface RotationDepartureView {
  memberId: string;
  from: IsoDate;
  action: 'skip' | 'succeed';
  successorId: string | null;
}

/** One line of the schedule: a meeting, or a term (term modes). */
export interface ScheduleEntry {
  kind: 'meeting' | 'term';
  /** Meeting id, or `term:<start>` for terms. */
  key: string;
  meetingId: string | null;
  title: string | null;
  status: MeetingStatus | null;
  date: IsoDate;
  /** Terms: the last day, inclusive. */
  lastDay: IsoDate | null;
  time: string | null;
  chairId: string | null;
  source: ChairSource;
  baseChairId: string | null;
  exceptionId: string | null;
  /** The chair's organisation (or the chair in person) said it will be absent from this meeting. */
  chairAbsent: boolean;
  /** The chair changes at this entry (a handover happens on its date). */
  handover: boolean;
}

export interface HandoverView {
  date: IsoDate;
  fromId: string;
  toId: string;
  meetingId: string | null;
  termStart: IsoDate | null;
}

export interface RotationView {
  rotation: RotationRecord;
  groupName: string;
  today: IsoDate;
  until: IsoDate;
  versions: RotationVersionView[];
  /** The version in force today (or the first one, before the rotation starts). */
  current: RotationVersionView;
  /** The current version's order as it stands today: without members who have left, successors in place. */
  orderToday: string[];
  exceptions: RotationExceptionView[];
  departures: RotationDepartureView[];
  /** Everyone who can be named in this rotation: members, the group's organisations / people, successors. */
  members: RotationMemberRef[];
  schedule: ScheduleEntry[];
  handovers: HandoverView[];
  /** The first handover from today on, and whether it is within the notice period. */
  nextHandover: (HandoverView & { withinNotice: boolean }) | null;
  notices: RotationProblem[];
}

export interface RotationSummary {
  id: string;
  groupId: string;
  groupName: string;
  name: string;
  unit: RotationUnit;
  mode: RotationMode;
  memberLabels: string[];
  nextChair: { date: IsoDate; label: string } | null;
}

export interface RotationFile {
  fileName: string;
  mimeType: string;
  contentBase64: string;
  /** For the PDF path: the HTML document's text (printed by the host). */
  html?: string;
}
