import { today } from '../clock';
import type { Ctx } from '../context';
import { DEFAULT_TIME_ZONE } from '../../../shared/today';
import type { RotationRecord } from '../../../shared/domain/rotation';
import { computeSchedule, type MeetingChair, type Rotation, type Schedule } from '../../../shared/rotation';
import {
  engineMeetings,
  exceptionRecords,
  findRotationByGroup,
  groupMeetings,
  rotationGroup,
  loadEngineRotation,
  loadEngineRotations,
  type ExceptionRecord,
  type ExceptionRow,
  type GroupMeetingRow,
  type ListedRotation,
  type VersionRow,
  versionRows,
} from '../repositories/rotation';
import { groupTitle } from '../../../shared/domain/names';

/** What the rotation writes into meetings.chair_source, by the engine's reason for the chair. */
const SOURCE_COLUMN: Partial<Record<MeetingChair['source'], string>> = {
  base: 'rotation',
  override: 'override',
  swap: 'swap',
  skip: 'skip',
};
/** Chairs the rotation owns; a chair set by hand (any other source) is left alone. */
const ROTATION_SOURCES = new Set(Object.values(SOURCE_COLUMN));

/** A group's rotation as the engine reads it, without its meetings. */
export interface RotationBasics {
  record: RotationRecord;
  rotation: Rotation;
  /** The rotation's live exception rows, when the reader already has them (the schedule view shows them). */
  exceptionRows?: ExceptionRow[];
  /** Its version rows and every exception row (removed ones too), when read: the history tells them. */
  versionRows?: VersionRow[];
  exceptionRecords?: ExceptionRecord[];
  timeZone: string;
  groupName: string;
  today: string;
}

export interface GroupSchedule extends RotationBasics {
  meetings: GroupMeetingRow[];
  schedule: Schedule;
}

/**
 * The group's rotation (undefined when it has none), without reading its meetings. A caller that
 * already holds the rotation's record or today's date (the list of rotations, once per call) passes them.
 */
export function rotationBasics(
  ctx: Ctx,
  groupId: string,
  given: { record?: RotationRecord; today?: string } = {},
): RotationBasics | undefined {
  const record = given.record ?? findRotationByGroup(ctx.store, groupId);
  if (!record) return undefined;
  const group = rotationGroup(ctx.store, groupId);
  const timeZone = group?.timeZone ?? DEFAULT_TIME_ZONE;
  // One read of every exception (the live ones for the engine and the view, all for the history).
  const records = exceptionRecords(ctx.store, record.id);
  const exceptions = records.filter((e) => !e.deleted);
  const versions = versionRows(ctx.store, record.id);
  return {
    record,
    rotation: loadEngineRotation(ctx.store, record, timeZone, exceptions, versions),
    exceptionRows: exceptions,
    versionRows: versions,
    exceptionRecords: records,
    timeZone,
    groupName: group ? groupTitle(group.name, group.priorityNumber) : '',
    today: given.today ?? today(ctx),
  };
}

/**
 * rotationBasics for each rotation of the list, from the list's own rows (which carry the group's name,
 * number and time zone) and with one statement per rotation table for all of them.
 */
export function listedRotationBasics(ctx: Ctx, listed: ListedRotation[], day: string): RotationBasics[] {
  const zoned = listed.map((record) => ({ record, timeZone: record.groupTimeZone ?? DEFAULT_TIME_ZONE }));
  const rotations = loadEngineRotations(ctx.store, zoned);
  return zoned.map(({ record, timeZone }) => ({
    record,
    rotation: rotations.get(record.id)!,
    timeZone,
    groupName: groupTitle(record.groupName, record.groupPriorityNumber),
    today: day,
  }));
}

/** The engine's chair for every meeting of the group, on top of its rotation. */
export function withSchedule(ctx: Ctx, basics: RotationBasics, opts: { anyOrder?: boolean } = {}): GroupSchedule {
  const meetings = groupMeetings(ctx.store, basics.record.groupId, opts);
  const schedule = computeSchedule({ rotation: basics.rotation, meetings: engineMeetings(meetings, basics.record.unit) });
  return { ...basics, meetings, schedule };
}

/** Everything the rotation of a group needs, computed once (undefined when the group has no rotation). */
export function groupSchedule(ctx: Ctx, groupId: string, opts: { anyOrder?: boolean } = {}): GroupSchedule | undefined {
  const basics = rotationBasics(ctx, groupId);
  return basics ? withSchedule(ctx, basics, opts) : undefined;
}

/**
 * Recompute the chair of every planned or moved meeting of a group from its rotation (if it has one)
 * and write it on the meetings (chair_organisation_id / chair_person_id, chair_source 'rotation' |
 * 'override' | 'swap' | 'skip'). Held and cancelled meetings are never touched: a held meeting's chair is
 * frozen, and the engine reads it back as `frozenChair`. A chair someone set by hand (another
 * chair_source) is left alone. The meetings service calls this after any change to a group's meetings;
 * the rotation service after any change to a rotation. Runs inside the caller's transaction.
 */
export function refreshRotationChairs(ctx: Ctx, groupId: string): void {
  ctx.tx(() => {
    const found = groupSchedule(ctx, groupId);
    if (!found || !found.schedule.valid) return;
    const { record, schedule, meetings } = found;
    const byId = new Map(meetings.map((m) => [m.id, m]));
    for (const chair of schedule.meetings) {
      const m = byId.get(chair.meetingId);
      if (!m || (m.status !== 'planned' && m.status !== 'moved')) continue;
      if (m.chairSource !== null && !ROTATION_SOURCES.has(m.chairSource)) continue;
      const source = chair.chair === null ? null : (SOURCE_COLUMN[chair.source] ?? null);
      const member = source === null ? null : chair.chair;
      const patch =
        record.unit === 'organisations'
          ? { chairOrganisationId: member, chairSource: source }
          : { chairPersonId: member, chairSource: source };
      const current = record.unit === 'organisations' ? m.chairOrganisationId : m.chairPersonId;
      if (current === member && m.chairSource === source) continue;
      // null values are skipped by update() only when undefined; nulls clear the column.
      ctx.store.update('meetings', m.id, patch);
    }
  });
}
