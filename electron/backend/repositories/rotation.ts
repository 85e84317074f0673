import type { RowStore, RawRow } from '../db/store';
import type { RotationMemberRef, RotationRecord } from '../../../shared/domain/rotation';
import type {
  MeetingInput,
  MemberDeparture,
  Rotation,
  RotationException,
  RotationVersion,
  SlotTarget,
} from '../../../shared/rotation';

/** Queries of the rotation feature: a group's rotation as the engine's plain data, its meetings, names. */

export function findRotationByGroup(store: RowStore, groupId: string): RotationRecord | undefined {
  const raw = store
    .prepare(`SELECT * FROM rotations WHERE group_id = ? AND deleted = 0 ORDER BY created_at, id LIMIT 1`)
    .get(groupId) as RawRow | undefined;
  return raw ? store.decode<RotationRecord>('rotations', raw) : undefined;
}

/** What the rotation shows of its group (the name with its number, the time zone), without the rest of the row. */
export function rotationGroup(
  store: RowStore,
  groupId: string,
): { name: string; priorityNumber: number | null; timeZone: string | null } | undefined {
  return store
    .prepare(`SELECT name, priority_number AS priorityNumber, time_zone AS timeZone FROM work_groups WHERE id = ?`)
    .get(groupId) as { name: string; priorityNumber: number | null; timeZone: string | null } | undefined;
}

/** Every live rotation of a live group; a group's rotations in findRotationByGroup's order (first = the one shown). */
export function listRotations(store: RowStore): ListedRotation[] {
  return (
    store
      .prepare(
        `SELECT r.*, g.name AS group_name, g.priority_number AS group_priority_number, g.time_zone AS group_time_zone
         FROM rotations r JOIN work_groups g ON g.id = r.group_id
         WHERE r.deleted = 0 AND g.deleted = 0
         ORDER BY coalesce(g.priority_number, 1000), g.name COLLATE NOCASE, g.id, r.created_at, r.id`,
      )
      .all() as RawRow[]
  ).map((r) => store.decode<ListedRotation>('rotations', r));
}

export type ListedRotation = RotationRecord & {
  groupName: string;
  groupPriorityNumber: number | null;
  groupTimeZone: string | null;
};

export interface SlotRow {
  id: string;
  versionId: string;
  position: number;
  organisationId: string | null;
  personId: string | null;
  leftFrom: string | null;
  leaveRule: string | null;
  successorOrganisationId: string | null;
  successorPersonId: string | null;
}

export function versionRows(store: RowStore, rotationId: string) {
  return (
    store
      .prepare(
        `SELECT *, json_extract(field_hlc, '$."*"') AS created_stamp FROM rotation_versions
         WHERE rotation_id = ? AND deleted = 0 ORDER BY effective_from, created_at`,
      )
      .all(rotationId) as RawRow[]
  ).map((r) =>
    store.decode<{
      id: string;
      effectiveFrom: string;
      editedOn: string | null;
      mode: RotationVersion['mode'];
      termLength: number | null;
      anchorDate: string | null;
      startIndex: number;
      createdAt: string;
      createdStamp: string;
    }>('rotation_versions', r),
  );
}

export function slotRows(store: RowStore, rotationId: string): SlotRow[] {
  return (
    store
      .prepare(
        `SELECT s.* FROM rotation_slots s JOIN rotation_versions v ON v.id = s.version_id
         WHERE v.rotation_id = ? AND s.deleted = 0 AND v.deleted = 0 ORDER BY s.version_id, s.position`,
      )
      .all(rotationId) as RawRow[]
  ).map((r) => store.decode<SlotRow>('rotation_slots', r));
}

export interface ExceptionRow {
  id: string;
  kind: 'override' | 'swap' | 'skip';
  meetingId: string | null;
  otherMeetingId: string | null;
  termStart: string | null;
  otherTermStart: string | null;
  organisationId: string | null;
  personId: string | null;
  reason: string | null;
  /** The creation clock stamp: sortable, and unlike created_at unique per replica. */
  createdStamp: string;
}

export function exceptionRows(store: RowStore, rotationId: string): ExceptionRow[] {
  return readExceptions<ExceptionRow>(store, rotationId, { removedToo: false });
}

/** The rotation's exception rows in creation order (clock stamp, then id); removed ones only when asked. */
function readExceptions<T>(store: RowStore, rotationId: string, opts: { removedToo: boolean }): T[] {
  return (
    store
      .prepare(
        `SELECT *, json_extract(field_hlc, '$."*"') AS created_stamp FROM rotation_exceptions
         WHERE rotation_id = ? ${opts.removedToo ? '' : 'AND deleted = 0'} ORDER BY created_stamp, id`,
      )
      .all(rotationId) as RawRow[]
  ).map((r) => store.decode<T>('rotation_exceptions', r));
}

/** An exception row, removed ones too, with what the history reads of it. */
export interface ExceptionRecord extends ExceptionRow {
  deleted: boolean;
  createdAt: string;
  updatedAt: string;
  hlc: string;
}

/** Every exception row of the rotation, removed ones too, in exceptionRows' order (its live rows are exceptionRows'). */
export function exceptionRecords(store: RowStore, rotationId: string): ExceptionRecord[] {
  return readExceptions<ExceptionRecord>(store, rotationId, { removedToo: true });
}

const target = (meetingId: string | null, termStart: string | null): SlotTarget | null =>
  meetingId ? { meetingId } : termStart ? { termStart } : null;

/** The rotation as the engine's plain data. */
export function loadEngineRotation(
  store: RowStore,
  record: RotationRecord,
  timeZone: string,
  exceptions: ExceptionRow[] = exceptionRows(store, record.id),
  versions: VersionRow[] = versionRows(store, record.id),
): Rotation {
  return engineRotation(record, timeZone, versions, slotRows(store, record.id), exceptions);
}

export type VersionRow = ReturnType<typeof versionRows>[number];

/** The engine's rotation from its rows, each list in the order versionRows, slotRows and exceptionRows give. */
function engineRotation(
  record: RotationRecord,
  timeZone: string,
  versionList: VersionRow[],
  slots: SlotRow[],
  exceptionList: ExceptionRow[],
): Rotation {
  const memberOf = (s: { organisationId: string | null; personId: string | null }) => s.organisationId ?? s.personId ?? '';
  const versions: RotationVersion[] = versionList.map((v) => {
    const version: RotationVersion = {
      id: v.id,
      effectiveFrom: v.effectiveFrom,
      mode: v.mode,
      members: slots.filter((s) => s.versionId === v.id).map(memberOf),
      startIndex: v.startIndex,
    };
    if (v.editedOn) version.editedOn = v.editedOn;
    if (v.termLength != null) version.termLength = v.termLength;
    if (v.anchorDate) version.anchorDate = v.anchorDate;
    return version;
  });
  const exceptions: RotationException[] = [];
  for (const e of exceptionList) {
    const first = target(e.meetingId, e.termStart);
    if (!first) continue;
    const memberId = e.organisationId ?? e.personId ?? '';
    if (e.kind === 'swap') {
      const second = target(e.otherMeetingId, e.otherTermStart);
      if (second) exceptions.push({ id: e.id, kind: 'swap', createdAt: e.createdStamp, first, second });
    } else if (e.kind === 'override' || e.kind === 'skip') {
      exceptions.push({ id: e.id, kind: e.kind, createdAt: e.createdStamp, target: first, memberId });
    }
  }
  return {
    id: record.id,
    groupId: record.groupId,
    unit: record.unit,
    cancelledRule: record.cancelledRule,
    timeZone,
    versions,
    exceptions,
    departures: departuresOf(slots),
  };
}

/** Rows split by their rotation, keeping the statement's order within each. */
function byRotation<T>(rows: RawRow[], decode: (raw: RawRow) => T): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const raw of rows) {
    const id = raw.rotation_key as string;
    let list = out.get(id);
    if (!list) out.set(id, (list = []));
    list.push(decode(raw));
  }
  return out;
}

/**
 * Many rotations as the engine's plain data, the same as loadEngineRotation gives for each, with one
 * statement per table for all of them (the list of rotations read three statements per rotation).
 */
export function loadEngineRotations(
  store: RowStore,
  rotations: Array<{ record: RotationRecord; timeZone: string }>,
): Map<string, Rotation> {
  const ids = JSON.stringify(rotations.map((r) => r.record.id));
  const versions = byRotation(
    store
      .prepare(
        `SELECT *, rotation_id AS rotation_key FROM rotation_versions
         WHERE rotation_id IN (SELECT value FROM json_each(?)) AND deleted = 0 ORDER BY rotation_id, effective_from, created_at`,
      )
      .all(ids) as RawRow[],
    (r) => store.decode<VersionRow>('rotation_versions', r),
  );
  const slots = byRotation(
    store
      .prepare(
        `SELECT s.*, v.rotation_id AS rotation_key FROM rotation_slots s JOIN rotation_versions v ON v.id = s.version_id
         WHERE v.rotation_id IN (SELECT value FROM json_each(?)) AND s.deleted = 0 AND v.deleted = 0
         ORDER BY v.rotation_id, s.version_id, s.position`,
      )
      .all(ids) as RawRow[],
    (r) => store.decode<SlotRow>('rotation_slots', r),
  );
  const exceptions = byRotation(
    store
      .prepare(
        `SELECT *, json_extract(field_hlc, '$."*"') AS created_stamp, rotation_id AS rotation_key FROM rotation_exceptions
         WHERE rotation_id IN (SELECT value FROM json_each(?)) AND deleted = 0 ORDER BY rotation_id, created_stamp, id`,
      )
      .all(ids) as RawRow[],
    (r) => store.decode<ExceptionRow>('rotation_exceptions', r),
  );
  const out = new Map<string, Rotation>();
  for (const { record, timeZone } of rotations) {
    const id = record.id;
    out.set(id, engineRotation(record, timeZone, versions.get(id) ?? [], slots.get(id) ?? [], exceptions.get(id) ?? []));
  }
  return out;
}

/** A departure is recorded on every slot of the member (in every version), so it travels with the slots. */
export function departuresOf(slots: SlotRow[]): MemberDeparture[] {
  const seen = new Map<string, MemberDeparture>();
  for (const s of slots) {
    const memberId = s.organisationId ?? s.personId;
    if (!memberId || !s.leftFrom || seen.has(memberId)) continue;
    const action = s.leaveRule === 'succeed' ? 'succeed' : 'skip';
    const d: MemberDeparture = { id: `departure-${memberId}`, memberId, from: s.leftFrom, action };
    const successor = s.successorOrganisationId ?? s.successorPersonId;
    if (action === 'succeed' && successor) d.successorId = successor;
    seen.set(memberId, d);
  }
  return [...seen.values()];
}

export interface GroupMeetingRow {
  id: string;
  title: string;
  date: string;
  startTime: string;
  status: 'planned' | 'held' | 'cancelled' | 'moved';
  movedToDate: string | null;
  chairOrganisationId: string | null;
  chairPersonId: string | null;
  chairSource: string | null;
}

/**
 * The group's meetings with what the rotation reads of them; the columns are named as decode would name
 * them. In date, time and id order, unless `anyOrder` (the schedule view, which reads them by id and
 * from the engine, which sorts them itself: the sort was a temporary B-tree on every read).
 */
export function groupMeetings(store: RowStore, groupId: string, opts: { anyOrder?: boolean } = {}): GroupMeetingRow[] {
  return store
    .prepare(
      `SELECT id, title, date, start_time AS startTime, status, moved_to_date AS movedToDate,
              chair_organisation_id AS chairOrganisationId, chair_person_id AS chairPersonId, chair_source AS chairSource
       FROM meetings WHERE group_id = ? AND deleted = 0${opts.anyOrder ? '' : ' ORDER BY date, start_time, id'}`,
    )
    .all(groupId) as GroupMeetingRow[];
}

/** A moved meeting counts at its new date (moved_to_date when the meetings feature keeps the old one in date). */
export function meetingDate(m: GroupMeetingRow): string {
  return m.status === 'moved' && m.movedToDate ? m.movedToDate : m.date;
}

export function engineMeetings(rows: GroupMeetingRow[], unit: Rotation['unit']): MeetingInput[] {
  return rows.map((m) => {
    const input: MeetingInput = { id: m.id, date: meetingDate(m), time: m.startTime, status: m.status };
    if (m.status === 'held') input.frozenChair = (unit === 'people' ? m.chairPersonId : m.chairOrganisationId) ?? null;
    return input;
  });
}

const ENGINE_MEETING_COLUMNS = `group_id, id, date, start_time, status, moved_to_date,
  CASE WHEN status = 'held' THEN chair_organisation_id END, CASE WHEN status = 'held' THEN chair_person_id END`;

/**
 * The engine's meetings of many groups (what engineMeetings makes of groupMeetings for each), read with
 * only the columns the engine uses, as arrays, for all groups in one statement: the list of rotations
 * does not need titles or chair sources, and the generic row decoder was most of its time. With
 * `before`, only the meetings whose engine date (a moved meeting's new date) is before it. In no
 * particular order: the engine sorts them.
 */
export function engineMeetingsOfGroups(
  store: RowStore,
  units: Map<string, Rotation['unit']>,
  before?: string,
): Map<string, MeetingInput[]> {
  const groups = JSON.stringify([...units.keys()]);
  const rows = (
    before === undefined
      ? store
          .prepare(
            `SELECT ${ENGINE_MEETING_COLUMNS} FROM meetings WHERE group_id IN (SELECT value FROM json_each(@groups)) AND deleted = 0`,
          )
          .raw(true)
          .all({ groups })
      : // Dated before, or moved from a later date to before (the index on status finds those few).
        store
          .prepare(
            `SELECT ${ENGINE_MEETING_COLUMNS} FROM meetings
             WHERE group_id IN (SELECT value FROM json_each(@groups)) AND deleted = 0 AND date < @before
             UNION ALL
             SELECT ${ENGINE_MEETING_COLUMNS} FROM meetings
             WHERE group_id IN (SELECT value FROM json_each(@groups)) AND deleted = 0 AND status = 'moved'
               AND date >= @before AND moved_to_date < @before`,
          )
          .raw(true)
          .all({ groups, before })
  ) as Array<[string, string, string, string, GroupMeetingRow['status'], string | null, string | null, string | null]>;
  const out = new Map<string, MeetingInput[]>();
  for (const g of units.keys()) out.set(g, []);
  for (const [groupId, id, date, startTime, status, movedToDate, chairOrganisationId, chairPersonId] of rows) {
    const input: MeetingInput = { id, date: status === 'moved' && movedToDate ? movedToDate : date, time: startTime, status };
    if (before !== undefined && input.date >= before) continue;
    if (status === 'held') input.frozenChair = (units.get(groupId) === 'people' ? chairPersonId : chairOrganisationId) ?? null;
    out.get(groupId)!.push(input);
  }
  return out;
}

/**
 * `meetingId|memberId` for every organisation or person that said it will be away from a meeting of the
 * group that counts on or after `from` (a moved meeting at its new date; the schedule marks only those).
 */
export function absences(store: RowStore, groupId: string, from: string): Set<string> {
  const rows = store
    .prepare(
      `SELECT a.meeting_id, a.organisation_id, a.person_id FROM attendance a JOIN meetings m ON m.id = a.meeting_id
       WHERE m.group_id = @g AND (m.date >= @from OR m.moved_to_date >= @from)
         AND a.deleted = 0 AND a.status IN ('excused', 'absent')`,
    )
    .all({ g: groupId, from }) as Array<{ meeting_id: string; organisation_id: string | null; person_id: string | null }>;
  const out = new Set<string>();
  for (const r of rows) {
    // A row for a person says the person is away; a row for the organisation says the organisation is.
    if (r.person_id) out.add(`${r.meeting_id}|${r.person_id}`);
    else if (r.organisation_id) out.add(`${r.meeting_id}|${r.organisation_id}`);
  }
  return out;
}

/** Names for everyone a rotation may name: the group's organisations or people, plus the given ids. */
export function memberRefs(store: RowStore, unit: Rotation['unit'], groupId: string, extraIds: string[]): RotationMemberRef[] {
  if (unit === 'organisations') {
    const rows = store
      .prepare(
        `SELECT o.id, o.abbreviation AS label, o.name AS detail FROM organisations o
         WHERE o.id IN (SELECT organisation_id FROM group_organisations WHERE group_id = @g AND deleted = 0)
            OR o.id IN (SELECT value FROM json_each(@extra))
         ORDER BY o.abbreviation COLLATE NOCASE`,
      )
      .all({ g: groupId, extra: JSON.stringify(extraIds) }) as RotationMemberRef[];
    return rows;
  }
  return store
    .prepare(
      `SELECT p.id, p.name AS label, o.abbreviation AS detail FROM people p LEFT JOIN organisations o ON o.id = p.organisation_id
       WHERE p.id IN (SELECT person_id FROM memberships WHERE group_id = @g AND deleted = 0)
          OR p.id IN (SELECT value FROM json_each(@extra))
       ORDER BY p.name COLLATE NOCASE`,
    )
    .all({ g: groupId, extra: JSON.stringify(extraIds) }) as RotationMemberRef[];
}

/** The label memberRefs gives each of `ids` (an organisation's abbreviation, a person's name), and only those. */
export function memberLabels(store: RowStore, unit: Rotation['unit'], ids: string[]): Map<string, string> {
  const sql =
    unit === 'organisations'
      ? `SELECT id, abbreviation FROM organisations WHERE id IN (SELECT value FROM json_each(?))`
      : `SELECT id, name FROM people WHERE id IN (SELECT value FROM json_each(?))`;
  return new Map(store.prepare(sql).raw(true).all(JSON.stringify(ids)) as Array<[string, string]>);
}

/** Does the member exist as the unit says (an organisation, or a person)? */
export function memberExists(store: RowStore, unit: Rotation['unit'], memberId: string): boolean {
  const table = unit === 'organisations' ? 'organisations' : 'people';
  return store.prepare(`SELECT 1 FROM ${table} WHERE id = ? AND deleted = 0`).get(memberId) !== undefined;
}

// ───────────────────────── history ─────────────────────────

export interface RotationHistoryRow {
  id: string;
  status: string;
  date: string;
  at: string;
  note: string | null;
  detail: string | null;
  stamp: string;
}

/** The rotation's recorded changes (status_history, entity 'rotation'), oldest first. */
export function rotationHistoryRows(store: RowStore, rotationId: string): RotationHistoryRow[] {
  return store
    .prepare(
      `SELECT id, status, date, created_at AS at, note, detail, hlc AS stamp FROM status_history
       WHERE deleted = 0 AND entity_type = 'rotation' AND entity_id = ? ORDER BY created_at, hlc`,
    )
    .all(rotationId) as RotationHistoryRow[];
}

/**
 * What the rotation's own rows say about its changes: versions, exceptions (removed ones too), departures.
 * Read through versionRows and exceptionRecords, unless a caller that already holds those rows (the
 * schedule view) passes them; sorted here by creation time, then date or id.
 */
export function rotationRowsHistory(
  store: RowStore,
  rotationId: string,
  known: { versions: VersionRow[]; exceptions: ExceptionRecord[] } = {
    versions: versionRows(store, rotationId),
    exceptions: exceptionRecords(store, rotationId),
  },
) {
  const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const versions = [...known.versions]
    .sort((a, b) => byText(a.createdAt, b.createdAt) || byText(a.effectiveFrom, b.effectiveFrom))
    .map((v) => ({ id: v.id, effectiveFrom: v.effectiveFrom, at: v.createdAt, stamp: v.createdStamp }));
  const exceptions = [...known.exceptions]
    .sort((a, b) => byText(a.createdAt, b.createdAt) || byText(a.id, b.id))
    .map((e) => ({
      id: e.id,
      kind: e.kind,
      meetingId: e.meetingId,
      otherMeetingId: e.otherMeetingId,
      termStart: e.termStart,
      otherTermStart: e.otherTermStart,
      memberId: e.organisationId ?? e.personId,
      reason: e.reason,
      at: e.createdAt,
      updatedAt: e.updatedAt,
      deleted: e.deleted ? 1 : 0,
      stamp: e.createdStamp,
      updatedStamp: e.hlc,
    }));
  const departures = store
    .prepare(
      `SELECT coalesce(s.organisation_id, s.person_id) AS memberId, s.left_from AS "from",
              coalesce(s.successor_organisation_id, s.successor_person_id) AS successorId, max(s.updated_at) AS at,
              max(s.hlc) AS stamp
       FROM rotation_slots s JOIN rotation_versions v ON v.id = s.version_id
       WHERE v.rotation_id = ? AND s.deleted = 0 AND v.deleted = 0 AND s.left_from IS NOT NULL
       GROUP BY memberId`,
    )
    .all(rotationId) as Array<{ memberId: string; from: string; successorId: string | null; at: string; stamp: string }>;
  return { versions, exceptions, departures };
}
