import type {
  ActionItem,
  ActionItemRow,
  ActionPage,
  AgendaItem,
  AgendaTemplate,
  AgendaTemplateItem,
  Attendance,
  Decision,
  DecisionRow,
  Meeting,
  MeetingMember,
  MeetingSeries,
  MeetingSummary,
  MinutesHistoryEntry,
  MinutesReviewer,
  NamedOrganisation,
} from '../../../shared/domain/meetings';
import type { Input } from '../../../shared/contract';
import type { RunEvent } from '../../../shared/meetings';
import { addDays } from '../../../shared/meetings';
import type { RawRow, RowStore } from '../db/store';
import { searchTerms } from '../../../shared/portfolio/search';
import { likePattern } from './search';
import { ORGANISATION_NAMES } from './organisations';

/** Queries of the meetings feature. Reads only; services write through RowStore. */

export function getMeeting(store: RowStore, id: string): Meeting | undefined {
  return store.get<Meeting>('meetings', id);
}

export function listMeetings(
  store: RowStore,
  opts: { groupId?: string; status?: string; from?: string; to?: string; query?: string; includeArchived?: boolean },
): MeetingSummary[] {
  // Only the filters given go into the statement (one cached statement per combination): written as
  // `(@group IS NULL OR m.group_id = @group)`, SQLite cannot use the group's or the date's index and
  // scanned every meeting of the model for one group's list (#19).
  const where: string[] = [];
  const params: Record<string, string> = {};
  if (!opts.includeArchived) where.push('m.deleted = 0');
  const filter = (value: string | null | undefined, name: string, condition: string) => {
    if (value == null) return;
    where.push(condition);
    params[name] = value;
  };
  filter(opts.groupId, 'group', 'm.group_id = @group');
  filter(opts.status, 'status', 'm.status = @status');
  filter(opts.from, 'from', 'm.date >= @from');
  filter(opts.to, 'to', 'm.date <= @to');
  if (opts.query) {
    where.push(`(m.title LIKE @q ESCAPE '\\' OR g.name LIKE @q ESCAPE '\\' OR m.place LIKE @q ESCAPE '\\')`);
    params.q = likePattern(opts.query);
  }
  const rows = store
    .prepare(
      `SELECT m.*, g.name AS group_name, coalesce(p.name, o.abbreviation) AS chair_name,
         (SELECT count(*) FROM agenda_items a WHERE a.meeting_id = m.id AND a.deleted = 0) AS agenda_item_count
       FROM meetings m JOIN work_groups g ON g.id = m.group_id
       LEFT JOIN people p ON p.id = m.chair_person_id
       LEFT JOIN organisations o ON o.id = m.chair_organisation_id
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY m.date, m.start_time, m.id
       LIMIT 2000`,
    )
    .all(params) as RawRow[];
  return rows.map((r) => store.decode<MeetingSummary>('meetings', r));
}

export function agendaOf(store: RowStore, meetingId: string): AgendaItem[] {
  return (
    store
      .prepare(`SELECT * FROM agenda_items WHERE meeting_id = ? AND deleted = 0 ORDER BY position, id`)
      .all(meetingId) as RawRow[]
  ).map((r) => store.decode<AgendaItem>('agenda_items', r));
}

export function attendanceOf(store: RowStore, meetingId: string): Attendance[] {
  return (
    store
      .prepare(`SELECT * FROM attendance WHERE meeting_id = ? AND deleted = 0 ORDER BY created_at, id`)
      .all(meetingId) as RawRow[]
  ).map((r) => store.decode<Attendance>('attendance', r));
}

export function findAttendance(store: RowStore, meetingId: string, personId: string): Attendance | undefined {
  const raw = store
    .prepare(`SELECT * FROM attendance WHERE meeting_id = ? AND person_id = ? ORDER BY deleted, created_at LIMIT 1`)
    .get(meetingId, personId) as RawRow | undefined;
  return raw ? store.decode<Attendance>('attendance', raw) : undefined;
}

export function decisionsOf(store: RowStore, meetingId: string): Decision[] {
  return (
    store
      .prepare(`SELECT * FROM decisions WHERE meeting_id = ? AND deleted = 0 ORDER BY created_at, id`)
      .all(meetingId) as RawRow[]
  ).map((r) => store.decode<Decision>('decisions', r));
}

export function actionsOfMeeting(store: RowStore, meetingId: string): ActionItem[] {
  return (
    store
      .prepare(`SELECT * FROM action_items WHERE meeting_id = ? AND deleted = 0 ORDER BY created_at, id`)
      .all(meetingId) as RawRow[]
  ).map((r) => store.decode<ActionItem>('action_items', r));
}

const ACTION_ROW_COLUMNS = `a.*, g.name AS group_name, coalesce(p.name, o.abbreviation) AS owner_name,
    m.date AS meeting_date, m.title AS meeting_title, ai.title AS agenda_item_title, ai.standing_key AS agenda_item_key`;
const ACTION_ROW_JOINS = `JOIN work_groups g ON g.id = a.group_id
  LEFT JOIN people p ON p.id = a.owner_person_id
  LEFT JOIN organisations o ON o.id = a.owner_organisation_id
  LEFT JOIN meetings m ON m.id = a.meeting_id
  LEFT JOIN agenda_items ai ON ai.id = a.agenda_item_id`;
const ACTION_ROW_SELECT = `SELECT ${ACTION_ROW_COLUMNS} FROM action_items a ${ACTION_ROW_JOINS}`;
/** Names for a page of picked ids; CROSS JOIN keeps SQLite from starting anywhere but the page. */
const PICKED_ROW_SELECT = `SELECT ${ACTION_ROW_COLUMNS} FROM picked CROSS JOIN action_items a ON a.id = picked.id ${ACTION_ROW_JOINS}`;

function actionRow(store: RowStore, raw: RawRow, today: string): ActionItemRow {
  const row = store.decode<ActionItemRow>('action_items', raw);
  return {
    ...row,
    overdue: (row.status === 'open' || row.status === 'in_progress') && row.dueDate !== null && row.dueDate < today,
  };
}

/**
 * The group's actions that were open when a meeting on `date` took place: created at an earlier
 * meeting (or outside meetings, before that day) and not completed before it.
 */
/** How many open actions a meeting lists for review (earliest due first); the action list has the rest. */
export const OPEN_ACTIONS_SHOWN = 200;

export function openActionsBefore(
  store: RowStore,
  groupId: string,
  date: string,
  meetingId: string,
  today: string,
): ActionItemRow[] {
  // Pick the ids on action_items (+ the meeting's date) first, then resolve names for those few rows:
  // joining every name for every row of a large group before sorting is what makes this slow.
  const rows = store
    .prepare(
      `WITH picked AS (
         SELECT a.id FROM action_items a INDEXED BY action_items_group_due LEFT JOIN meetings m ON m.id = a.meeting_id
         WHERE a.group_id = @group AND a.status IN ('open', 'in_progress', 'done') AND a.deleted = 0
           AND coalesce(a.meeting_id, '') <> @meeting
           AND coalesce(m.date, substr(a.created_at, 1, 10)) < @date
           AND (a.status <> 'done' OR a.completed_date >= @date)
         ORDER BY coalesce(a.due_date, '9999-12-31'), a.id
         LIMIT ${OPEN_ACTIONS_SHOWN})
       ${PICKED_ROW_SELECT}
       ORDER BY coalesce(a.due_date, '9999-12-31'), a.id`,
    )
    .all({ group: groupId, meeting: meetingId, date }) as RawRow[];
  return rows.map((r) => actionRow(store, r, today));
}

/** An FTS5 query for the action list: every word a quoted prefix term, all required (null: no usable word). */
function actionMatch(query: string): string | null {
  const terms = searchTerms(query);
  // The whole words, not searchTerms' cut ones: a page cannot be filtered afterwards, and FTS5 answers
  // a longer prefix correctly (only less fast than an indexed prefix length).
  return terms ? terms.words.map((w) => `"${w.replace(/"/g, '""')}"*`).join(' ') : null;
}

export function listActions(store: RowStore, input: Input<'meetings.listActions'>, today: string): ActionPage {
  const where: string[] = ['a.deleted = 0'];
  const params: Record<string, unknown> = { today };
  if (input.groupId) {
    where.push('a.group_id = @group');
    params.group = input.groupId;
  }
  if (input.ownerPersonId) {
    where.push('a.owner_person_id = @person');
    params.person = input.ownerPersonId;
  }
  if (input.ownerOrganisationId) {
    where.push('a.owner_organisation_id = @org');
    params.org = input.ownerOrganisationId;
  }
  if (input.status === 'active') where.push(`a.status IN ('open', 'in_progress')`);
  else if (input.status) {
    where.push('a.status = @status');
    params.status = input.status;
  }
  // Due dates are compared in the indexed form (undated = 9999-12-31), so the index answers them.
  if (input.overdue) where.push(`a.status IN ('open', 'in_progress') AND coalesce(a.due_date, '9999-12-31') < @today`);
  if (input.dueWithinDays !== undefined) {
    where.push(
      `a.status IN ('open', 'in_progress') AND coalesce(a.due_date, '9999-12-31') >= @today AND coalesce(a.due_date, '9999-12-31') <= @until`,
    );
    params.until = addDays(today, input.dueWithinDays);
  }
  if (input.query) {
    const match = actionMatch(input.query);
    if (match) {
      // The search index (migration 0006) shares action_items' rowids; the set of hits is built once
      // and checked per index entry.
      where.push('a.rowid IN (SELECT rowid FROM search_action_item WHERE search_action_item MATCH @match)');
      params.match = match;
    } else {
      where.push(`(a.title LIKE @q ESCAPE '\\' OR a.description LIKE @q ESCAPE '\\')`);
      params.q = likePattern(input.query);
    }
  }
  const whereSql = where.join(' AND ');
  const dir = input.descending ? 'DESC' : 'ASC';
  // Sorting and paging run on action_items alone (due date through an index); names are joined for the
  // one page only.
  const order = {
    due: `coalesce(a.due_date, '9999-12-31') ${dir}, a.id ${dir}`,
    status: `CASE a.status WHEN 'open' THEN 0 WHEN 'in_progress' THEN 1 WHEN 'done' THEN 2 ELSE 3 END ${dir}, coalesce(a.due_date, '9999-12-31'), a.id`,
    group: `(SELECT g.name FROM work_groups g WHERE g.id = a.group_id) COLLATE NOCASE ${dir}, coalesce(a.due_date, '9999-12-31'), a.id`,
    title: `a.title COLLATE NOCASE ${dir}, a.id`,
    owner: `coalesce((SELECT p.name FROM people p WHERE p.id = a.owner_person_id), (SELECT o.abbreviation FROM organisations o WHERE o.id = a.owner_organisation_id)) IS NULL,
            coalesce((SELECT p.name FROM people p WHERE p.id = a.owner_person_id), (SELECT o.abbreviation FROM organisations o WHERE o.id = a.owner_organisation_id)) COLLATE NOCASE ${dir}, a.id`,
    created: `a.created_at ${dir}, a.id ${dir}`,
  }[input.sort ?? 'due'];
  // The narrowest filter picks the index (migration 0008: covering, in due-date order), so a page by due
  // date is a walk of index entries from the offset, never a sort or a table read.
  const index = input.groupId
    ? 'action_items_group_due'
    : input.ownerPersonId
      ? 'action_items_list_person'
      : input.ownerOrganisationId
        ? 'action_items_list_organisation'
        : 'action_items_list_due';
  const offset = input.offset ?? 0;
  const limit = input.limit ?? 200;
  const rows = store
    .prepare(
      `WITH picked AS (SELECT a.id FROM action_items a INDEXED BY ${index} WHERE ${whereSql} ORDER BY ${order} LIMIT @limit OFFSET @offset)
       ${PICKED_ROW_SELECT} ORDER BY ${order}`,
    )
    .all({ ...params, limit, offset }) as RawRow[];
  // Counting is asked for (the list asks with its first page, when the filter changes), not done for
  // every page; a short page knows its total anyway. Across all groups and owners the count walks the narrow status index
  // (a range of it for a status filter; left to itself SQLite would read a table row per search hit).
  let total: number | null = null;
  if (rows.length > 0 && rows.length < limit) total = offset + rows.length;
  else if (input.count) {
    const countIndex = input.groupId || input.ownerPersonId || input.ownerOrganisationId ? index : 'action_items_list_status';
    total = store
      .prepare(`SELECT count(*) FROM action_items a INDEXED BY ${countIndex} WHERE ${whereSql}`)
      .pluck()
      .get(params) as number;
  }
  return { total, offset, rows: rows.map((r) => actionRow(store, r, today)) };
}

export function openActionsForCalendar(store: RowStore, groupId: string | undefined, today: string): ActionItemRow[] {
  // The group's condition only when there is a group, so SQLite can use the group's index (see listMeetings).
  const rows = store
    .prepare(
      `${ACTION_ROW_SELECT} WHERE a.deleted = 0 AND a.status IN ('open', 'in_progress') AND a.due_date IS NOT NULL
         ${groupId == null ? '' : 'AND a.group_id = @group'}
       ORDER BY a.due_date, a.id LIMIT 5000`,
    )
    .all(groupId == null ? {} : { group: groupId }) as RawRow[];
  return rows.map((r) => actionRow(store, r, today));
}

export function decisionsRegister(store: RowStore, groupId: string, query?: string): DecisionRow[] {
  const rows = store
    .prepare(
      `SELECT d.*, m.date AS meeting_date, m.title AS meeting_title, ai.title AS agenda_item_title, ai.standing_key AS agenda_item_key
       FROM decisions d
       LEFT JOIN meetings m ON m.id = d.meeting_id
       LEFT JOIN agenda_items ai ON ai.id = d.agenda_item_id
       WHERE d.group_id = @group AND d.deleted = 0
         AND (@q IS NULL OR d.text LIKE @q ESCAPE '\\' OR d.number LIKE @q ESCAPE '\\' OR m.title LIKE @q ESCAPE '\\')
       ORDER BY m.date DESC, d.created_at DESC, d.id
       LIMIT 5000`,
    )
    .all({ group: groupId, q: query ? likePattern(query) : null }) as RawRow[];
  return rows.map((r) => store.decode<DecisionRow>('decisions', r));
}

/** The next free decision number of a group in a year: "n/YYYY". */
export function nextDecisionNumber(store: RowStore, groupId: string, year: string): string {
  const n = store
    .prepare(
      `SELECT count(*) FROM decisions d JOIN meetings m ON m.id = d.meeting_id
       WHERE d.group_id = ? AND substr(m.date, 1, 4) = ?`,
    )
    .pluck()
    .get(groupId, year) as number;
  return `${n + 1}/${year}`;
}

export function membersAt(store: RowStore, groupId: string, date: string): MeetingMember[] {
  const rows = store
    .prepare(
      `SELECT m.person_id, p.name AS person_name, coalesce(m.organisation_id, p.organisation_id) AS organisation_id,
         o.abbreviation AS organisation_abbreviation, m.role
       FROM memberships m JOIN people p ON p.id = m.person_id
       LEFT JOIN organisations o ON o.id = coalesce(m.organisation_id, p.organisation_id)
       WHERE m.group_id = @group AND m.deleted = 0
         AND (m.from_date IS NULL OR m.from_date <= @date) AND (m.until_date IS NULL OR m.until_date >= @date)
       ORDER BY CASE m.role WHEN 'chair' THEN 0 WHEN 'convener' THEN 1 WHEN 'secretary' THEN 2 WHEN 'member' THEN 3 ELSE 4 END,
                p.name COLLATE NOCASE`,
    )
    .all({ group: groupId, date }) as RawRow[];
  return rows.map((r) => ({
    personId: r.person_id as string,
    personName: r.person_name as string,
    organisationId: (r.organisation_id as string | null) ?? null,
    organisationAbbreviation: (r.organisation_abbreviation as string | null) ?? null,
    role: r.role as MeetingMember['role'],
  }));
}

export function groupOrganisations(store: RowStore, groupId: string): NamedOrganisation[] {
  return store
    .prepare(
      `SELECT o.id, o.abbreviation, o.name, ${ORGANISATION_NAMES} FROM group_organisations go JOIN organisations o ON o.id = go.organisation_id
       WHERE go.group_id = ? AND go.deleted = 0
       ORDER BY CASE go.role WHEN 'lead' THEN 0 ELSE 1 END, o.abbreviation COLLATE NOCASE`,
    )
    .all(groupId) as NamedOrganisation[];
}

export function organisationsByIds(store: RowStore, ids: string[]): NamedOrganisation[] {
  if (ids.length === 0) return [];
  return store
    .prepare(
      `SELECT o.id, o.abbreviation, o.name, ${ORGANISATION_NAMES} FROM organisations o WHERE o.id IN (SELECT value FROM json_each(?)) ORDER BY o.abbreviation`,
    )
    .all(JSON.stringify(ids)) as NamedOrganisation[];
}

export function peopleNames(store: RowStore, ids: string[]): Record<string, string> {
  if (ids.length === 0) return {};
  const rows = store
    .prepare(`SELECT id, name FROM people WHERE id IN (SELECT value FROM json_each(?))`)
    .all(JSON.stringify(ids)) as Array<{
    id: string;
    name: string;
  }>;
  return Object.fromEntries(rows.map((r) => [r.id, r.name]));
}

type HistoryDetail = { by?: string | null; label?: string | null; reviewer?: string | null; reviewers?: string[] };

/**
 * The history of a meeting's minutes, decisions and action items, oldest first, with who made each
 * change (the `by` in the entry's detail) resolved to a name.
 */
export function minutesHistory(store: RowStore, meetingId: string): MinutesHistoryEntry[] {
  const rows = store
    .prepare(
      `SELECT id, entity_type, entity_id, status, date, created_at AS at, note, detail FROM status_history
       WHERE deleted = 0 AND (
         (entity_type = 'minutes' AND entity_id = ?)
         OR (entity_type = 'decision' AND entity_id IN (SELECT id FROM decisions WHERE meeting_id = ?))
         OR (entity_type = 'action' AND entity_id IN (SELECT id FROM action_items WHERE meeting_id = ?)))
       ORDER BY created_at, hlc`,
    )
    .all(meetingId, meetingId, meetingId) as Array<{
    id: string;
    entity_type: MinutesHistoryEntry['entityType'];
    entity_id: string;
    status: string;
    date: string;
    at: string;
    note: string | null;
    detail: string | null;
  }>;
  const details = rows.map((r) => {
    try {
      return (r.detail ? JSON.parse(r.detail) : {}) as HistoryDetail;
    } catch {
      return {} as HistoryDetail;
    }
  });
  const names = peopleNames(
    store,
    details.flatMap((d) => [d.by, d.reviewer]).filter((x): x is string => typeof x === 'string'),
  );
  return rows.map((r, i) => {
    const d = details[i]!;
    return {
      id: r.id,
      entityType: r.entity_type,
      entityId: r.entity_id,
      status: r.status,
      date: r.date,
      at: r.at,
      note: r.note ?? null,
      byPersonId: d.by ?? null,
      byName: d.by ? (names[d.by] ?? null) : null,
      label: d.label ?? null,
      reviewerName: d.reviewer ? (names[d.reviewer] ?? null) : null,
    };
  });
}

/** The minutes' reviewers (the newest "reviewers" entry) and their approvals since the last reopening. */
export function minutesReviewers(store: RowStore, meetingId: string): MinutesReviewer[] {
  const rows = store
    .prepare(
      `SELECT status, created_at AS at, detail FROM status_history
       WHERE deleted = 0 AND entity_type = 'minutes' AND entity_id = ?
         AND status IN ('reviewers', 'reviewer_approved', 'reopened')
       ORDER BY created_at, hlc`,
    )
    .all(meetingId) as Array<{ status: string; at: string; detail: string | null }>;
  let reviewers: string[] = [];
  let approvals = new Map<string, string>();
  for (const r of rows) {
    let d: HistoryDetail = {};
    try {
      d = (r.detail ? JSON.parse(r.detail) : {}) as HistoryDetail;
    } catch {
      // A damaged detail counts as no data.
    }
    if (r.status === 'reviewers') reviewers = (d.reviewers ?? []).filter((x): x is string => typeof x === 'string');
    else if (r.status === 'reopened') approvals = new Map();
    else if (d.reviewer && !approvals.has(d.reviewer)) approvals.set(d.reviewer, r.at);
  }
  const names = peopleNames(store, reviewers);
  return reviewers.map((personId) => ({ personId, name: names[personId] ?? '', approvedAt: approvals.get(personId) ?? null }));
}

/** The newest history entry of a meeting's minutes: its status, date and who (for folding repeated edits). */
export function lastMinutesEntry(store: RowStore, meetingId: string): { status: string; date: string; by: string | null } | null {
  const row = store
    .prepare(
      `SELECT status, date, detail FROM status_history WHERE deleted = 0 AND entity_type = 'minutes' AND entity_id = ?
       ORDER BY created_at DESC, hlc DESC LIMIT 1`,
    )
    .get(meetingId) as { status: string; date: string; detail: string | null } | undefined;
  if (!row) return null;
  let by: string | null = null;
  try {
    by = ((row.detail ? JSON.parse(row.detail) : {}) as HistoryDetail).by ?? null;
  } catch {
    by = null;
  }
  return { status: row.status, date: row.date, by };
}

/** The person chosen in "Who am I" (settings), or null. */
export function currentPersonId(store: RowStore): string | null {
  const raw = store.prepare(`SELECT value FROM settings WHERE key = 'me'`).pluck().get() as string | undefined;
  if (!raw) return null;
  try {
    const id = JSON.parse(raw) as unknown;
    return typeof id === 'string' ? id : null;
  } catch {
    return null;
  }
}

export function runEventsOf(store: RowStore, meetingId: string): RunEvent[] {
  const rows = store
    .prepare(`SELECT kind, agenda_item_id, at FROM meeting_run_events WHERE meeting_id = ? ORDER BY seq`)
    .all(meetingId) as Array<{ kind: 'start' | 'stop'; agenda_item_id: string | null; at: number }>;
  return rows.map((r) =>
    r.kind === 'start' ? { kind: 'start', itemId: r.agenda_item_id ?? '', at: r.at } : { kind: 'stop', at: r.at },
  );
}

export function addRunEvent(store: RowStore, meetingId: string, kind: 'start' | 'stop', itemId: string | null, at: number): void {
  store
    .prepare(`INSERT INTO meeting_run_events (meeting_id, kind, agenda_item_id, at) VALUES (?, ?, ?, ?)`)
    .run(meetingId, kind, itemId, at);
}

/** The group's live meetings just before and just after this one (cancelled ones skipped). */
export function adjacentMeetings(store: RowStore, meeting: Meeting): { previous: Meeting | null; next: Meeting | null } {
  const key = { group: meeting.groupId, date: meeting.date, time: meeting.startTime, id: meeting.id };
  const prev = store
    .prepare(
      `SELECT * FROM meetings WHERE group_id = @group AND deleted = 0 AND status <> 'cancelled' AND id <> @id
         AND (date < @date OR (date = @date AND (start_time < @time OR (start_time = @time AND id < @id))))
       ORDER BY date DESC, start_time DESC, id DESC LIMIT 1`,
    )
    .get(key) as RawRow | undefined;
  const next = store
    .prepare(
      `SELECT * FROM meetings WHERE group_id = @group AND deleted = 0 AND status IN ('planned', 'moved') AND id <> @id
         AND (date > @date OR (date = @date AND (start_time > @time OR (start_time = @time AND id > @id))))
       ORDER BY date, start_time, id LIMIT 1`,
    )
    .get(key) as RawRow | undefined;
  return {
    previous: prev ? store.decode<Meeting>('meetings', prev) : null,
    next: next ? store.decode<Meeting>('meetings', next) : null,
  };
}

/** Items of a meeting marked "continue next time". */
export function continuedItemsOf(store: RowStore, meetingId: string): AgendaItem[] {
  return (
    store
      .prepare(`SELECT * FROM agenda_items WHERE meeting_id = ? AND deleted = 0 AND continue_next = 1 ORDER BY position, id`)
      .all(meetingId) as RawRow[]
  ).map((r) => store.decode<AgendaItem>('agenda_items', r));
}

export function carriedCopies(store: RowStore, fromItemId: string): AgendaItem[] {
  return (store.prepare(`SELECT * FROM agenda_items WHERE carried_from_id = ? AND deleted = 0`).all(fromItemId) as RawRow[]).map(
    (r) => store.decode<AgendaItem>('agenda_items', r),
  );
}

export function seriesMeetings(store: RowStore, seriesId: string): Meeting[] {
  return (
    store.prepare(`SELECT * FROM meetings WHERE series_id = ? AND deleted = 0 ORDER BY date, id`).all(seriesId) as RawRow[]
  ).map((r) => store.decode<Meeting>('meetings', r));
}

export function getSeries(store: RowStore, id: string): MeetingSeries | undefined {
  return store.get<MeetingSeries>('meeting_series', id);
}

export function templateOf(
  store: RowStore,
  groupId: string,
): { id: string; name: string; items: AgendaTemplateItem[] } | undefined {
  const tpl = store
    .prepare(`SELECT id, name FROM agenda_templates WHERE group_id = ? AND deleted = 0 ORDER BY created_at LIMIT 1`)
    .get(groupId) as { id: string; name: string } | undefined;
  if (!tpl) return undefined;
  const items = (
    store
      .prepare(`SELECT * FROM agenda_template_items WHERE template_id = ? AND deleted = 0 ORDER BY position, id`)
      .all(tpl.id) as RawRow[]
  ).map((r) => {
    const d = store.decode<AgendaTemplateItem & { standingKey: AgendaTemplateItem['standingKey'] }>('agenda_template_items', r);
    return {
      id: d.id,
      position: d.position,
      type: d.type,
      title: d.title,
      description: d.description ?? null,
      durationMinutes: d.durationMinutes,
      standingKey: d.standingKey ?? null,
    };
  });
  return { ...tpl, items };
}

export type { AgendaTemplate };
