/**
 * Raw-SQL baselines for the interactive queries (issue #19): for each query case, hand-written
 * prepared SELECTs that fetch the rows its answer is made of, with no service, no decoding and no
 * validation. "query ≤ 3× raw" then says how much our own code adds on top of SQLite's work.
 *
 * Each entry gets the case's input and returns [sql, params] pairs; the statements are prepared once
 * (untimed) and run with `.all()` in the timed runs. Where an answer is computed in JavaScript
 * (rotation schedules, rankings, similarity), the baseline is the SELECTs of its inputs, so the ratio
 * includes that computation — the report says so in the case's note.
 */
import type { Db } from '../../electron/backend/db/open';

type Params = Record<string, unknown>;
export type RawQuery = (input: Params, db: Db) => Array<[string, Params]>;

const LIVE_GROUP_SUMMARY = `SELECT g.*, p.name AS parent_name,
    (SELECT group_concat(o.abbreviation, '|') FROM group_organisations go JOIN organisations o ON o.id = go.organisation_id
      WHERE go.group_id = g.id AND go.deleted = 0 AND go.role = 'lead') AS leads,
    (SELECT count(*) FROM group_organisations go WHERE go.group_id = g.id AND go.deleted = 0) AS organisations,
    (SELECT count(DISTINCT m.person_id) FROM memberships m WHERE m.group_id = g.id AND m.deleted = 0) AS members
  FROM work_groups g LEFT JOIN work_groups p ON p.id = g.parent_id WHERE g.deleted = 0`;

const ACTION_PAGE = (where: string, order = `coalesce(a.due_date, '9999-12-31'), a.id`) =>
  `SELECT a.*, g.name AS group_name, coalesce(p.name, o.abbreviation) AS owner_name, m.date AS meeting_date
   FROM (SELECT a.id FROM action_items a WHERE a.deleted = 0 ${where} ORDER BY ${order} LIMIT 200) picked
   CROSS JOIN action_items a ON a.id = picked.id
   JOIN work_groups g ON g.id = a.group_id
   LEFT JOIN people p ON p.id = a.owner_person_id
   LEFT JOIN organisations o ON o.id = a.owner_organisation_id
   LEFT JOIN meetings m ON m.id = a.meeting_id
   ORDER BY ${order}`;

/** A search hit's source row and the name shown with it, per kind (the hand-written twin of search.ts's lookups). */
const SEARCH_LOOKUP: Record<string, string> = {
  group: `SELECT x.rowid, x.id, x.name, p.name AS group_name FROM work_groups x LEFT JOIN work_groups p ON p.id = x.parent_id`,
  meeting: `SELECT x.rowid, x.id, x.title || ' · ' || x.date, g.name FROM meetings x JOIN work_groups g ON g.id = x.group_id`,
  agenda_item: `SELECT x.rowid, x.id, x.title, g.name, m.id FROM agenda_items x JOIN meetings m ON m.id = x.meeting_id
    JOIN work_groups g ON g.id = m.group_id`,
  decision: `SELECT x.rowid, x.id, coalesce(x.number || ' ', '') || substr(x.text, 1, 120), g.name, x.meeting_id, x.group_id
    FROM decisions x JOIN work_groups g ON g.id = x.group_id`,
  action_item: `SELECT x.rowid, x.id, x.title, g.name FROM action_items x JOIN work_groups g ON g.id = x.group_id`,
  measure: `SELECT x.rowid, x.id, x.title, g.name, x.group_id FROM measures x JOIN work_groups g ON g.id = x.group_id`,
  candidate: `SELECT x.rowid, x.id, x.title, s.label, x.round_id FROM candidates x JOIN scanning_rounds s ON s.id = x.round_id`,
};

const TODAY = () => new Date().toISOString().slice(0, 10);

export const RAW_QUERIES: Record<string, RawQuery> = {
  'groups.list': () => [[`${LIVE_GROUP_SUMMARY} ORDER BY coalesce(g.priority_number, 1000), g.name`, {}]],
  'groups.list (query)': () => [
    [
      `${LIVE_GROUP_SUMMARY} AND (g.name LIKE @q OR g.short_name LIKE @q OR g.description LIKE @q) ORDER BY g.name`,
      { q: '%turvallisuus%' },
    ],
  ],
  'groups.get (group page)': ({ id }) => [
    [
      `SELECT g.*, p.name AS parent_name FROM work_groups g LEFT JOIN work_groups p ON p.id = g.parent_id WHERE g.id = @id`,
      { id },
    ],
    [`SELECT id, name, kind, status FROM work_groups WHERE parent_id = @id AND deleted = 0 ORDER BY name`, { id }],
    [
      `SELECT go.*, o.abbreviation, o.name FROM group_organisations go JOIN organisations o ON o.id = go.organisation_id
       WHERE go.group_id = @id AND go.deleted = 0 ORDER BY go.role, o.abbreviation`,
      { id },
    ],
    [
      `SELECT m.*, p.name, o.abbreviation FROM memberships m JOIN people p ON p.id = m.person_id
       LEFT JOIN organisations o ON o.id = p.organisation_id WHERE m.group_id = @id AND m.deleted = 0 ORDER BY m.role, p.name`,
      { id },
    ],
  ],
  'organisations.list': () => [[`SELECT * FROM organisations WHERE deleted = 0 ORDER BY abbreviation`, {}]],
  'people.list (query)': () => [
    [
      `SELECT p.*, o.abbreviation FROM people p LEFT JOIN organisations o ON o.id = p.organisation_id
       WHERE p.deleted = 0 AND (p.name LIKE @q OR p.email LIKE @q) ORDER BY p.name LIMIT 500`,
      { q: '%Virtanen%' },
    ],
  ],
  'people.list (all)': () => [
    [
      `SELECT p.*, o.abbreviation FROM people p LEFT JOIN organisations o ON o.id = p.organisation_id WHERE p.deleted = 0 ORDER BY p.name LIMIT 500`,
      {},
    ],
  ],
  'meetings.get (agenda of one meeting)': ({ id }, db) => {
    const m = db.prepare(`SELECT group_id, date FROM meetings WHERE id = ?`).get(id) as { group_id: string; date: string };
    const g = { group: m.group_id };
    return [
      [
        `SELECT m.*, g.name AS group_name, g.time_zone AS group_zone FROM meetings m JOIN work_groups g ON g.id = m.group_id WHERE m.id = @id`,
        { id },
      ],
      [`SELECT * FROM agenda_items WHERE meeting_id = @id AND deleted = 0 ORDER BY position`, { id }],
      [`SELECT * FROM attendance WHERE meeting_id = @id AND deleted = 0`, { id }],
      [`SELECT * FROM decisions WHERE meeting_id = @id AND deleted = 0 ORDER BY created_at, id`, { id }],
      [`SELECT * FROM action_items WHERE meeting_id = @id AND deleted = 0 ORDER BY created_at, id`, { id }],
      [
        ACTION_PAGE(
          `AND a.group_id = @group AND a.status IN ('open', 'in_progress', 'done') AND coalesce(a.meeting_id, '') <> @id
           AND coalesce((SELECT date FROM meetings WHERE id = a.meeting_id), substr(a.created_at, 1, 10)) < @date
           AND (a.status <> 'done' OR a.completed_date >= @date)`,
        ),
        { ...g, id, date: m.date },
      ],
      [
        `SELECT ms.*, p.name, p.organisation_id FROM memberships ms JOIN people p ON p.id = ms.person_id
         WHERE ms.group_id = @group AND ms.deleted = 0`,
        g,
      ],
      [
        `SELECT go.*, o.abbreviation, o.name FROM group_organisations go JOIN organisations o ON o.id = go.organisation_id WHERE go.group_id = @group AND go.deleted = 0`,
        g,
      ],
      [
        `SELECT id, date, title FROM meetings WHERE group_id = @group AND deleted = 0 AND date < @date ORDER BY date DESC LIMIT 1`,
        { ...g, date: m.date },
      ],
      [
        `SELECT id, date, title FROM meetings WHERE group_id = @group AND deleted = 0 AND date > @date ORDER BY date LIMIT 1`,
        { ...g, date: m.date },
      ],
    ];
  },
  'meetings.list (one group)': ({ groupId }) => [
    [
      `SELECT m.*, (SELECT count(*) FROM agenda_items ai WHERE ai.meeting_id = m.id AND ai.deleted = 0) AS items
       FROM meetings m WHERE m.group_id = @g AND m.deleted = 0 ORDER BY m.date, m.start_time LIMIT 500`,
      { g: groupId },
    ],
  ],
  'meetings.list (all, upcoming)': ({ from, to }) => [
    [
      `SELECT m.*, g.name AS group_name, (SELECT count(*) FROM agenda_items ai WHERE ai.meeting_id = m.id AND ai.deleted = 0) AS items
       FROM meetings m JOIN work_groups g ON g.id = m.group_id
       WHERE m.deleted = 0 AND m.status = 'planned' AND m.date BETWEEN @from AND @to ORDER BY m.date, m.start_time LIMIT 500`,
      { from, to },
    ],
  ],
  'meetings.listActions (all, first page)': () => [
    [ACTION_PAGE(''), {}],
    [`SELECT count(*) FROM action_items WHERE deleted = 0`, {}],
  ],
  'meetings.listActions (open, overdue)': () => [
    [ACTION_PAGE(`AND a.status IN ('open', 'in_progress') AND coalesce(a.due_date, '9999-12-31') < @today`), { today: TODAY() }],
    [
      `SELECT count(*) FROM action_items WHERE deleted = 0 AND status IN ('open', 'in_progress') AND coalesce(due_date, '9999-12-31') < @today`,
      { today: TODAY() },
    ],
  ],
  'meetings.listActions (one group, by owner)': ({ groupId }) => [
    [
      ACTION_PAGE(
        `AND a.group_id = @g`,
        `coalesce((SELECT p.name FROM people p WHERE p.id = a.owner_person_id), (SELECT o.abbreviation FROM organisations o WHERE o.id = a.owner_organisation_id)), a.id`,
      ),
      { g: groupId },
    ],
    [`SELECT count(*) FROM action_items WHERE deleted = 0 AND group_id = @g`, { g: groupId }],
  ],
  'meetings.listActions (text query)': () => [
    [ACTION_PAGE(`AND a.rowid IN (SELECT rowid FROM search_action_item WHERE search_action_item MATCH @m)`), { m: '"valmius"*' }],
    [`SELECT count(*) FROM search_action_item WHERE search_action_item MATCH @m`, { m: '"valmius"*' }],
  ],
  'meetings.listActions (one person)': ({ ownerPersonId }) => [
    [ACTION_PAGE(`AND a.owner_person_id = @p`), { p: ownerPersonId }],
    [`SELECT count(*) FROM action_items WHERE deleted = 0 AND owner_person_id = @p`, { p: ownerPersonId }],
  ],
  'meetings.decisions (register of one group)': ({ groupId }) => [
    [
      `SELECT d.*, m.date, m.title AS meeting_title, ai.title AS item_title FROM decisions d
       LEFT JOIN meetings m ON m.id = d.meeting_id LEFT JOIN agenda_items ai ON ai.id = d.agenda_item_id
       WHERE d.group_id = @g AND d.deleted = 0 ORDER BY m.date DESC, d.number`,
      { g: groupId },
    ],
  ],
  'portfolio.view': () => [
    [`${LIVE_GROUP_SUMMARY} AND g.kind IN ('priority_group', 'network') ORDER BY g.priority_number`, {}],
    [`SELECT group_id, status, count(*) FROM measures WHERE deleted = 0 GROUP BY group_id, status`, {}],
    [`SELECT group_id, count(*) FROM indicators WHERE deleted = 0 GROUP BY group_id`, {}],
    [`SELECT group_id, max(date) FROM meetings WHERE deleted = 0 AND status = 'held' GROUP BY group_id`, {}],
  ],
  'portfolio.home (home view)': () => {
    const today = TODAY();
    return [
      [
        `SELECT m.*, g.name FROM meetings m JOIN work_groups g ON g.id = m.group_id WHERE m.deleted = 0 AND m.status = 'planned' AND m.date BETWEEN @t AND date(@t, '+14 days') ORDER BY m.date LIMIT 50`,
        { t: today },
      ],
      [
        ACTION_PAGE(
          `AND a.status IN ('open', 'in_progress') AND coalesce(a.due_date, '9999-12-31') < date(@t, '+14 days')`,
        ).replace('LIMIT 200', 'LIMIT 50'),
        { t: today },
      ],
      [`SELECT m.* FROM meetings m WHERE m.deleted = 0 AND m.minutes_status = 'review' LIMIT 50`, {}],
      [`SELECT * FROM scanning_rounds WHERE deleted = 0 AND status NOT IN ('closed', 'decided')`, {}],
    ];
  },
  // The service's own window: 4 × perKind (8) = 32 newest index entries a kind, because title matches
  // anywhere in the window rank before text matches (reading 20 would give another answer), with the
  // FTS query the service sends for "valmius" (cut to the indexed prefix length 6); then the source
  // rows of the hits shown (up to 8 a kind: here the 8 newest entries) with their group names.
  'portfolio.search': (_input, db) =>
    Object.entries(SEARCH_LOOKUP).flatMap(([k, lookup]) => {
      const m = '"valmiu"*';
      const shown = db
        .prepare(`SELECT rowid FROM search_${k} WHERE search_${k} MATCH ? ORDER BY rowid DESC LIMIT 8`)
        .pluck()
        .all(m);
      return [
        [`SELECT rowid, ref_id, title, body FROM search_${k} WHERE search_${k} MATCH @m ORDER BY rowid DESC LIMIT 32`, { m }],
        [`${lookup} WHERE x.rowid IN (SELECT value FROM json_each(@ids)) AND x.deleted = 0`, { ids: JSON.stringify(shown) }],
      ] as Array<[string, Params]>;
    }),
  'portfolio.plan (one group)': ({ groupId }) => [
    [`SELECT * FROM measures WHERE group_id = @g AND deleted = 0 ORDER BY created_at`, { g: groupId }],
    [
      `SELECT mo.*, o.abbreviation FROM measure_organisations mo JOIN measures m ON m.id = mo.measure_id JOIN organisations o ON o.id = mo.organisation_id
       WHERE m.group_id = @g AND mo.deleted = 0`,
      { g: groupId },
    ],
    [`SELECT * FROM indicators WHERE group_id = @g AND deleted = 0`, { g: groupId }],
    [
      `SELECT v.* FROM indicator_values v JOIN indicators i ON i.id = v.indicator_id WHERE i.group_id = @g AND v.deleted = 0 ORDER BY v.period`,
      { g: groupId },
    ],
    // The action items and decisions the plan offers to link to a measure (up to 500, newest first).
    [
      `SELECT * FROM (
         SELECT 'action_item' AS kind, id, title, measure_id, created_at FROM action_items WHERE group_id = @g AND deleted = 0 AND status <> 'cancelled'
         UNION ALL
         SELECT 'decision', id, coalesce(number || ' ', '') || substr(text, 1, 120), measure_id, created_at FROM decisions WHERE group_id = @g AND deleted = 0
       ) ORDER BY created_at DESC LIMIT 500`,
      { g: groupId },
    ],
  ],
  'portfolio.lifecycle (one group)': ({ groupId }) => [
    [`SELECT * FROM work_groups WHERE id = @g`, { g: groupId }],
    [`SELECT * FROM status_history WHERE entity_id = @g AND deleted = 0 ORDER BY date, created_at`, { g: groupId }],
  ],
  // The view also names the group and the members (the group's organisations, with their names) and
  // lists removed exceptions in its history: the twin reads those rows too (it used to leave them out).
  'rotation.forGroup (schedule view)': ({ groupId }) => [
    [`SELECT * FROM rotations WHERE group_id = @g AND deleted = 0`, { g: groupId }],
    [`SELECT name, priority_number, time_zone FROM work_groups WHERE id = @g`, { g: groupId }],
    [
      `SELECT o.id, o.abbreviation, o.name FROM organisations o
       WHERE o.id IN (SELECT organisation_id FROM group_organisations WHERE group_id = @g AND deleted = 0) ORDER BY o.abbreviation`,
      { g: groupId },
    ],
    [
      `SELECT v.* FROM rotation_versions v JOIN rotations r ON r.id = v.rotation_id WHERE r.group_id = @g AND v.deleted = 0`,
      { g: groupId },
    ],
    [
      `SELECT s.* FROM rotation_slots s JOIN rotation_versions v ON v.id = s.version_id JOIN rotations r ON r.id = v.rotation_id WHERE r.group_id = @g AND s.deleted = 0`,
      { g: groupId },
    ],
    [`SELECT e.* FROM rotation_exceptions e JOIN rotations r ON r.id = e.rotation_id WHERE r.group_id = @g`, { g: groupId }],
    [
      `SELECT id, title, date, start_time, status, moved_to_date, chair_person_id, chair_organisation_id, chair_source FROM meetings WHERE group_id = @g AND deleted = 0 ORDER BY date`,
      { g: groupId },
    ],
    // Who said they will be away (the schedule marks an absent chair) and the rotation's recorded changes.
    [
      `SELECT a.meeting_id, a.organisation_id, a.person_id FROM attendance a JOIN meetings m ON m.id = a.meeting_id
       WHERE m.group_id = @g AND a.deleted = 0 AND a.status IN ('excused', 'absent')`,
      { g: groupId },
    ],
    [
      `SELECT h.* FROM status_history h JOIN rotations r ON r.id = h.entity_id
       WHERE r.group_id = @g AND h.entity_type = 'rotation' AND h.deleted = 0 ORDER BY h.created_at, h.hlc`,
      { g: groupId },
    ],
  ],
  // Live groups only, and the members' labels (abbreviations or names) the list shows: the twin used
  // to list rotations of archived groups and read no names.
  'rotation.list': () => [
    [`SELECT r.*, g.name FROM rotations r JOIN work_groups g ON g.id = r.group_id WHERE r.deleted = 0 AND g.deleted = 0`, {}],
    [`SELECT v.* FROM rotation_versions v WHERE v.deleted = 0`, {}],
    [
      `SELECT s.*, coalesce(o.abbreviation, p.name) AS label FROM rotation_slots s
       LEFT JOIN organisations o ON o.id = s.organisation_id LEFT JOIN people p ON p.id = s.person_id WHERE s.deleted = 0`,
      {},
    ],
    [`SELECT e.* FROM rotation_exceptions e WHERE e.deleted = 0`, {}],
    [
      `SELECT m.id, m.group_id, m.date, m.status, m.chair_organisation_id, m.chair_person_id FROM meetings m
       JOIN rotations r ON r.group_id = m.group_id AND r.deleted = 0 WHERE m.deleted = 0 AND m.date >= @t ORDER BY m.date`,
      { t: TODAY() },
    ],
  ],
  'scanning.results (ranking of a round)': ({ roundId }) => [
    [`SELECT * FROM criteria WHERE round_id = @r AND deleted = 0`, { r: roundId }],
    [`SELECT * FROM candidates WHERE round_id = @r AND deleted = 0`, { r: roundId }],
    [
      `SELECT s.* FROM scores s JOIN candidates c ON c.id = s.candidate_id WHERE c.round_id = @r AND s.deleted = 0`,
      { r: roundId },
    ],
  ],
  'scanning.getRound (candidate list)': ({ id }) => [
    [`SELECT r.*, g.name FROM scanning_rounds r JOIN work_groups g ON g.id = r.group_id WHERE r.id = @r`, { r: id }],
    [`SELECT * FROM criteria WHERE round_id = @r AND deleted = 0`, { r: id }],
    [
      `SELECT c.*, p.name, o.abbreviation,
         (SELECT count(DISTINCT s.assessor_person_id) FROM scores s WHERE s.candidate_id = c.id AND s.deleted = 0) AS assessors
       FROM candidates c LEFT JOIN people p ON p.id = c.proposer_person_id LEFT JOIN organisations o ON o.id = c.lead_organisation_id
       WHERE c.round_id = @r AND c.deleted = 0 ORDER BY c.number`,
      { r: id },
    ],
  ],
  'scanning.similar (while typing a proposal)': () => [
    [`SELECT id, round_id, number, title, phenomenon FROM candidates WHERE deleted = 0`, {}],
    [`SELECT id, name, description FROM work_groups WHERE deleted = 0`, {}],
  ],
  // The rounds with their group's name in the list's order, and their candidates counted by status
  // (the answer's counts per status; it used to count all candidates and leave out the group name).
  'scanning.listRounds': () => [
    [
      `SELECT r.*, g.name AS group_name FROM scanning_rounds r JOIN work_groups g ON g.id = r.group_id
       WHERE r.deleted = 0 ORDER BY coalesce(r.call_opens, r.created_at) DESC, r.label DESC`,
      {},
    ],
    [`SELECT round_id, status, count(*) AS n FROM candidates WHERE deleted = 0 GROUP BY round_id, status`, {}],
  ],
};
