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
/** How far back the timeline shows past terms and meetings. */
export const TIMELINE_PAST_MONTHS = 12;

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

/** Who chairs today and until when (computed from the schedule: per meeting, until the next meeting with
 * another chair; in term modes, until the last day of the run of terms with the same chair). */
export interface ChairNowView {
  /** Null before the rotation's first chair takes over (or when nobody is available). */
  chairId: string | null;
  /** The first day of the current chair's run. */
  since: IsoDate | null;
  /** The current chair's last day: the day before the handover. Null when no change is in sight. */
  until: IsoDate | null;
  /** The date the next chair takes over: their first meeting, or the term start. */
  handover: IsoDate | null;
  nextChairId: string | null;
}

export interface TimelineMeeting {
  meetingId: string;
  title: string;
  date: IsoDate;
  status: MeetingStatus;
  /** Held meetings keep the chair they had (frozen); cancelled ones have none. */
  chairId: string | null;
}

/** One stretch of the timeline with one chair: a term, or (per meeting) a run of meetings with one chair. */
export interface TimelineSegment {
  key: string;
  kind: 'term' | 'run';
  chairId: string | null;
  from: IsoDate;
  /** Inclusive. Per meeting: the day before the next run starts (or the run's last meeting). */
  lastDay: IsoDate;
  when: 'past' | 'current' | 'coming';
  /** A handover happens on `from` (the chair differs from the previous segment's). */
  handover: boolean;
  meetings: TimelineMeeting[];
}

/** Past and coming terms or chair runs, from up to TIMELINE_PAST_MONTHS back to the schedule's end. */
export interface RotationTimeline {
  from: IsoDate;
  to: IsoDate;
  today: IsoDate;
  segments: TimelineSegment[];
}

/** A meeting (or a term) whose chair a change gives to someone else. */
export interface ChairChange {
  kind: 'meeting' | 'term';
  meetingId: string | null;
  title: string | null;
  date: IsoDate;
  lastDay: IsoDate | null;
  beforeId: string | null;
  afterId: string | null;
}

/** What an override, swap, skip or member leaving changes: the same function computes it and applies it. */
export interface RotationChangePreview {
  changes: ChairChange[];
  /** Names for every member the changes mention. */
  members: RotationMemberRef[];
}

export const ROTATION_HISTORY_KINDS = [
  'created',
  'version',
  'settings',
  'override',
  'swap',
  'skip',
  'exceptionRemoved',
  'departure',
  'departureRemoved',
] as const;
export type RotationHistoryKind = (typeof ROTATION_HISTORY_KINDS)[number];

/** One change of the rotation, newest first in the view: who (the person in "Who am I"), when, what. */
export interface RotationHistoryEntry {
  id: string;
  kind: RotationHistoryKind;
  /** When it was recorded (ISO timestamp). */
  at: string;
  date: IsoDate;
  byName: string | null;
  /** The member named (override, skip, leaving), the successor, the slot dates, the version's order. */
  memberId: string | null;
  successorId: string | null;
  slotDate: IsoDate | null;
  otherSlotDate: IsoDate | null;
  effectiveFrom: IsoDate | null;
  members: string[];
  /** For a removed exception: what it was. */
  exceptionKind: 'override' | 'swap' | 'skip' | null;
  reason: string | null;
  /** The chairs it changed (recorded when the change was made; empty for changes found in the rows). */
  changes: ChairChange[];
  /** Not recorded as a change but read from the rotation's rows (made before the history existed). */
  fromRows: boolean;
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
  chairNow: ChairNowView;
  timeline: RotationTimeline;
  history: RotationHistoryEntry[];
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
