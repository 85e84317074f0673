/**
 * Plain-data types of the rotating-chair engine. Everything here is serialisable (strings, numbers,
 * arrays, plain objects) so the same values travel through SQLite rows, IPC and exchange files.
 * Behaviour is specified in docs/rotation.md.
 */

/** A calendar date `YYYY-MM-DD`. Never an instant: no time, no zone. */
export type IsoDate = string;

/** Opaque id of an organisation or a person, depending on the rotation's unit. */
export type MemberId = string;

export type RotationUnit = 'organisations' | 'people';

/** `per_meeting`: the turn advances at each meeting. Term modes: the turn advances every N months/weeks. */
export type RotationMode = 'per_meeting' | 'term_months' | 'term_weeks';

/** Group setting: does a cancelled meeting keep the turn for the next meeting, or consume it? */
export type CancelledRule = 'hold' | 'advance';

export type MeetingStatus = 'planned' | 'held' | 'cancelled' | 'moved';

/**
 * One version of the rotation's configuration. An edit never changes a version: it adds a new one
 * (or replaces the version with the same `effectiveFrom`, see validateRotation).
 */
export interface RotationVersion {
  id: string;
  /** The version is in force for meetings/terms dated on or after this date (until the next version). */
  effectiveFrom: IsoDate;
  /**
   * The date the edit was made (the integration sets it to "today"). The current and next chair are
   * kept as of max(effectiveFrom, editedOn), so an effectiveFrom in the past cannot rewrite what users
   * were already told. Omitted → effectiveFrom.
   */
  editedOn?: IsoDate;
  mode: RotationMode;
  /** N of "every N months/weeks"; required for term modes, ignored for per_meeting. */
  termLength?: number;
  /** Term modes: the first term of this version's grid starts here; term k starts at anchor + k·N. */
  anchorDate?: IsoDate;
  /** Ordered members; a member may appear more than once (it then gets more turns per cycle). */
  members: MemberId[];
  /** Index into `members` of who chairs this version's first own turn (see docs: "takeover"). */
  startIndex: number;
}

/** What an exception is attached to: a meeting (by id, so it follows a moved meeting) or a term. */
export type SlotTarget = { meetingId: string } | { termStart: IsoDate };

interface ExceptionBase {
  id: string;
  /** Creation stamp (ISO timestamp or HLC). Compared as strings: later wins / later applies later. */
  createdAt: string;
}

/** This slot is chaired by `memberId`, whatever the order says. Beats swaps and the base order. */
export interface OverrideException extends ExceptionBase {
  kind: 'override';
  target: SlotTarget;
  memberId: MemberId;
}

/** Two slots exchange chairs. One object with two halves: deleting it restores both. */
export interface SwapException extends ExceptionBase {
  kind: 'swap';
  first: SlotTarget;
  second: SlotTarget;
}

/**
 * `memberId` is passed over for this slot: the next member in the order takes it and the rotation
 * continues after that member (the skipped member loses this turn). Inert if it is not `memberId`'s turn.
 */
export interface SkipException extends ExceptionBase {
  kind: 'skip';
  target: SlotTarget;
  memberId: MemberId;
}

export type RotationException = OverrideException | SwapException | SkipException;

/**
 * A member leaves the rotation from a date (meetings on/after it, terms that end after it).
 * `skip`: positions of the member are passed over. `succeed`: `successorId` takes those positions.
 */
export interface MemberDeparture {
  id: string;
  memberId: MemberId;
  from: IsoDate;
  action: 'skip' | 'succeed';
  successorId?: MemberId;
}

export interface Rotation {
  id: string;
  groupId: string;
  unit: RotationUnit;
  cancelledRule: CancelledRule;
  /** IANA zone of the group's meetings; default Europe/Helsinki. Only used by localDateOf helpers. */
  timeZone?: string;
  versions: RotationVersion[];
  exceptions: RotationException[];
  departures: MemberDeparture[];
}

export interface MeetingInput {
  id: string;
  /** Local calendar date of the meeting (the date part of its local wall time). */
  date: IsoDate;
  /** Local wall time `HH:mm`, only used to order two meetings on the same date. */
  time?: string;
  /** For `moved`, `date` is the NEW date; a moved meeting is otherwise treated as planned. */
  status: MeetingStatus;
  /** Chair recorded when the meeting was held. A held meeting with a frozen chair never changes. */
  frozenChair?: MemberId | null;
}

export interface ScheduleInput {
  rotation: Rotation;
  /** ALL meetings of the group (not a window): per-meeting turns are counted from the start. */
  meetings: MeetingInput[];
}

/**
 * Why a slot has its chair. `base`: the order (after departures). `skip`: a skip exception moved the
 * turn. `none`: no rotation in force yet, or nobody available. `cancelled`: the meeting is cancelled.
 */
export type ChairSource = 'frozen' | 'override' | 'swap' | 'base' | 'skip' | 'cancelled' | 'none';

export interface MeetingChair {
  meetingId: string;
  date: IsoDate;
  status: MeetingStatus;
  chair: MemberId | null;
  source: ChairSource;
  /** The chair by the order alone (after departures and skips), before swaps/overrides/freezing. */
  baseChair: MemberId | null;
  /** Id of the override/swap/skip that decided the chair, if any. */
  exceptionId?: string;
  /** The version whose order produced `baseChair` (null when no order applies). */
  versionId: string | null;
  /** Term modes: ordinal of the term from the rotation's first term (0-based), and its start. */
  termIndex?: number;
  termStart?: IsoDate;
}

export interface Term {
  /** Ordinal from the rotation's first term (0-based), stable across calls. */
  index: number;
  start: IsoDate;
  /** Exclusive end: the next term's start (what an all-day iCalendar DTEND wants). */
  end: IsoDate;
  /** Inclusive last day, for display. */
  lastDay: IsoDate;
  chair: MemberId | null;
  source: Exclude<ChairSource, 'frozen' | 'cancelled'>;
  baseChair: MemberId | null;
  exceptionId?: string;
  versionId: string;
}

export interface Handover {
  /** The date the new chair takes over: their first meeting, or the term start. */
  date: IsoDate;
  from: MemberId;
  to: MemberId;
  /** Per-meeting: the new chair's first meeting, and the last meeting of the outgoing chair. */
  meetingId?: string;
  previousMeetingId?: string;
  /** Term modes: the start of the term the new chair takes over. */
  termStart?: IsoDate;
}

/** A validation error or a notice, ready for i18n: `t(problem.key, problem.params)`. */
export interface RotationProblem {
  key: string;
  params?: Record<string, string | number>;
}

export interface Schedule {
  /** False when validateRotation found errors; then `meetings`, `handovers` are empty. */
  valid: boolean;
  problems: RotationProblem[];
  /** Meetings in chronological order (date, time, id). */
  meetings: MeetingChair[];
  handovers: Handover[];
  /** Exceptions that had no effect and why (e.g. the target meeting does not exist). */
  notices: RotationProblem[];
}

/** Input of proposeVersion: a new configuration; startIndex is computed. */
export interface RotationEdit {
  id: string;
  effectiveFrom: IsoDate;
  editedOn: IsoDate;
  members: MemberId[];
  /** Defaults: the values of the version in force at effectiveFrom. */
  mode?: RotationMode;
  termLength?: number;
  anchorDate?: IsoDate;
}
