/**
 * Rotating chair — pure schedule engine (no I/O, no DB, no clock; plain data in, plain data out).
 * Rules and the reasons for them: docs/rotation.md.
 *
 * Public API
 *   validateRotation(rotation: Rotation): RotationProblem[]
 *       Problems as i18n keys (`rotation.noMembers`, …). Empty list = valid. Call before saving.
 *   computeSchedule(input: { rotation: Rotation; meetings: MeetingInput[] }): Schedule
 *       Chair of every meeting ({ meetingId, date, chair | null, source, baseChair, versionId,
 *       exceptionId?, termIndex?, termStart? }), handovers ({ date, from, to, … }) and notices
 *       about exceptions that had no effect. Pass ALL meetings of the group (turns are counted).
 *       Invalid rotation → { valid: false, problems, meetings: [] }.
 *   computeTerms(rotation: Rotation, fromDate: IsoDate, toDate: IsoDate): Term[]
 *       Term modes: each term overlapping [fromDate, toDate] with start, end (exclusive), lastDay,
 *       chair, source. [] for per-meeting rotations.
 *   termHandovers(terms: Term[]): Handover[]  /  meetingHandovers(meetings: MeetingChair[]): Handover[]
 *   proposeVersion(rotation, meetings, edit: RotationEdit): RotationVersion
 *       The version to store for an edit, with startIndex continuing the rotation after the kept
 *       current and next chair. Replace an existing version with the same effectiveFrom.
 *   localDateOf(instant, timeZone = 'Europe/Helsinki'): IsoDate
 *       Local calendar date of a UTC instant, for callers that hold instants.
 *
 * Integration notes: freeze a meeting's chair (`frozenChair`) when it is marked held; set
 * `editedOn` to today on every new version; exceptions need a sortable `createdAt` (ISO time or HLC).
 */
export * from './types';
export { validateRotation, MAX_TERM_LENGTH } from './validate';
export {
  computeSchedule,
  meetingsBeforeDecide,
  computeTerms,
  termHandovers,
  meetingHandovers,
  proposeVersion,
  continueIndex,
  orderOn,
  KEPT_SLOTS,
  MAX_TERMS,
} from './engine';
export {
  isIsoDate,
  localDateOf,
  addCalendarMonths,
  addCalendarWeeks,
  addCalendarDays,
  TermGrid,
  DEFAULT_TIME_ZONE,
} from './dates';
