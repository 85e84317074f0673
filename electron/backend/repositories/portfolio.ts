import type { Group } from '../../../shared/domain/groups';
import type {
  HomeItem,
  HomeView,
  IndicatorDetail,
  IndicatorValue,
  Indicator,
  LinkableItem,
  MeasureDetail,
  MeasureOrganisation,
  PortfolioRow,
  StatusHistoryEntry,
  TermReview,
  TermReviewDetail,
} from '../../../shared/domain/portfolio';
import { addDays, currentMemberCount, last12Months, latestValue } from '../../../shared/portfolio/figures';
import type { RawRow, RowStore } from '../db/store';

/**
 * Queries of the portfolio feature. The meetings, actions, attendance, rotation and scanning tables
 * belong to other features; they are read here directly (by their fixed column names) for figures.
 */

/** Groups that are priorities: priority groups and networks, and anything numbered as a priority. */
const PRIORITY_WHERE = `g.deleted = 0 AND g.kind <> 'subgroup' AND (g.kind IN ('priority_group', 'network') OR g.priority_number IS NOT NULL)`;

export function statusHistory(store: RowStore, groupId: string): StatusHistoryEntry[] {
  const rows = store
    .prepare(
      `SELECT id, status, date, note, detail FROM status_history
       WHERE entity_type = 'group' AND entity_id = ? AND deleted = 0 ORDER BY hlc DESC`,
    )
    .all(groupId) as RawRow[];
  return rows.map((r) => {
    const detail = typeof r.detail === 'string' ? (JSON.parse(r.detail) as { transferredTo?: string } | null) : null;
    return {
      id: r.id as string,
      status: r.status as StatusHistoryEntry['status'],
      date: r.date as string,
      note: (r.note as string | null) ?? null,
      transferredTo: detail?.transferredTo ?? null,
    };
  });
}

export function measureOrganisations(store: RowStore, measureId: string): MeasureOrganisation[] {
  return (
    store
      .prepare(
        `SELECT mo.*, o.abbreviation, o.name AS organisation_name FROM measure_organisations mo
         JOIN organisations o ON o.id = mo.organisation_id
         WHERE mo.measure_id = ? AND mo.deleted = 0 ORDER BY o.abbreviation COLLATE NOCASE`,
      )
      .all(measureId) as RawRow[]
  ).map((r) => store.decode<MeasureOrganisation>('measure_organisations', r));
}

export function findMeasureOrganisation(
  store: RowStore,
  measureId: string,
  organisationId: string,
): MeasureOrganisation | undefined {
  const raw = store
    .prepare(
      `SELECT * FROM measure_organisations WHERE measure_id = ? AND organisation_id = ? ORDER BY deleted, created_at LIMIT 1`,
    )
    .get(measureId, organisationId) as RawRow | undefined;
  return raw ? store.decode<MeasureOrganisation>('measure_organisations', raw) : undefined;
}

export function measureDetail(store: RowStore, id: string): MeasureDetail | undefined {
  const raw = store
    .prepare(
      `SELECT m.*, o.abbreviation AS responsible_abbreviation,
         (SELECT count(*) FROM action_items a WHERE a.measure_id = m.id AND a.deleted = 0) AS linked_actions,
         (SELECT count(*) FROM decisions d WHERE d.measure_id = m.id AND d.deleted = 0) AS linked_decisions
       FROM measures m LEFT JOIN organisations o ON o.id = m.responsible_organisation_id WHERE m.id = ?`,
    )
    .get(id) as RawRow | undefined;
  if (!raw) return undefined;
  return {
    ...store.decode<Omit<MeasureDetail, 'organisations'>>('measures', raw),
    organisations: measureOrganisations(store, id),
  };
}

export function groupMeasures(store: RowStore, groupId: string): MeasureDetail[] {
  const ids = store
    .prepare(
      `SELECT id FROM measures WHERE group_id = ? AND deleted = 0 ORDER BY position, coalesce(due_date, '9999'), title COLLATE NOCASE`,
    )
    .pluck()
    .all(groupId) as string[];
  return ids.map((id) => measureDetail(store, id)!);
}

export function indicatorValues(store: RowStore, indicatorId: string): IndicatorValue[] {
  return (
    store
      .prepare(`SELECT * FROM indicator_values WHERE indicator_id = ? AND deleted = 0 ORDER BY period`)
      .all(indicatorId) as RawRow[]
  ).map((r) => store.decode<IndicatorValue>('indicator_values', r));
}

export function findIndicatorValue(store: RowStore, indicatorId: string, period: string): IndicatorValue | undefined {
  const raw = store
    .prepare(`SELECT * FROM indicator_values WHERE indicator_id = ? AND period = ? ORDER BY deleted, created_at LIMIT 1`)
    .get(indicatorId, period) as RawRow | undefined;
  return raw ? store.decode<IndicatorValue>('indicator_values', raw) : undefined;
}

export function groupIndicators(store: RowStore, groupId: string): IndicatorDetail[] {
  const rows = store
    .prepare(
      `SELECT * FROM indicators WHERE group_id = ? AND deleted = 0
       ORDER BY CASE kind WHEN 'outcome' THEN 0 WHEN 'output' THEN 1 ELSE 2 END, name COLLATE NOCASE`,
    )
    .all(groupId) as RawRow[];
  return rows.map((r) => {
    const indicator = store.decode<Indicator>('indicators', r);
    return { ...indicator, values: indicatorValues(store, indicator.id) };
  });
}

/** The group's action items and decisions that can be linked to its measures, newest first. */
export function linkableItems(store: RowStore, groupId: string): LinkableItem[] {
  return store
    .prepare(
      `SELECT * FROM (
         SELECT 'action_item' AS kind, id, title, measure_id AS measureId, created_at FROM action_items
           WHERE group_id = @groupId AND deleted = 0 AND status <> 'cancelled'
         UNION ALL
         SELECT 'decision', id, coalesce(number || ' ', '') || substr(text, 1, 120), measure_id, created_at FROM decisions
           WHERE group_id = @groupId AND deleted = 0
       ) ORDER BY created_at DESC LIMIT 500`,
    )
    .all({ groupId })
    .map((r) => {
      const { created_at: _c, ...item } = r as LinkableItem & { created_at: string };
      return item;
    });
}

/** Every priority's row of the portfolio view, with its figures as of `today`. */
export function portfolioRows(store: RowStore, today: string): PortfolioRow[] {
  const { after } = last12Months(today);
  // Each priority with its figures in one statement: the figures are seeks in the group indexes
  // (at 100× scale nine groups in ten are subgroups, which the view does not show), and one statement
  // instead of one per figure keeps the fixed cost of a view with a handful of priorities small.
  // Members: the memberships, counted by currentMemberCount. Attendance: present or remote of those
  // marked in held meetings of the last 12 months. Open actions: open or in progress.
  const groups = store
    .prepare(
      `SELECT g.id, g.priority_number, g.name, g.kind, g.status,
         (SELECT json_group_array(o.abbreviation ORDER BY o.abbreviation COLLATE NOCASE, go.rowid)
            FROM group_organisations go JOIN organisations o ON o.id = go.organisation_id
            WHERE go.group_id = g.id AND go.deleted = 0 AND go.role = 'lead') AS leads,
         (SELECT count(*) FROM group_organisations go JOIN organisations o ON o.id = go.organisation_id
            WHERE go.group_id = g.id AND go.deleted = 0) AS organisations,
         (SELECT json_group_array(json_array(person_id, from_date, until_date)) FROM memberships
            WHERE group_id = g.id AND deleted = 0) AS memberships,
         (SELECT max(date) FROM meetings
            WHERE group_id = g.id AND deleted = 0 AND status = 'held' AND date <= @today) AS last_meeting,
         (SELECT min(date) FROM meetings
            WHERE group_id = g.id AND deleted = 0 AND status = 'planned' AND date >= @today) AS next_meeting,
         (SELECT count(*) FROM meetings
            WHERE group_id = g.id AND deleted = 0 AND status = 'held' AND date > @after AND date <= @today) AS held12,
         (SELECT CASE WHEN count(*) > 0 THEN sum(a.status IN ('present', 'remote')) * 1.0 / count(*) END
            FROM meetings m JOIN attendance a ON a.meeting_id = m.id
            WHERE m.group_id = g.id AND m.deleted = 0 AND a.deleted = 0 AND m.status = 'held'
              AND m.date > @after AND m.date <= @today
              AND a.status IN ('present', 'remote', 'excused', 'absent')) AS attendance_rate,
         (SELECT count(*) FROM action_items INDEXED BY portfolio_action_items_open
            WHERE deleted = 0 AND status IN ('open', 'in_progress') AND group_id = g.id) AS open_actions,
         (SELECT count(*) FROM action_items INDEXED BY portfolio_action_items_open
            WHERE deleted = 0 AND status IN ('open', 'in_progress') AND group_id = g.id AND due_date < @today) AS overdue_actions,
         (SELECT count(*) FROM measures WHERE group_id = g.id AND deleted = 0 AND status = 'done') AS measures_done,
         (SELECT count(*) FROM measures WHERE group_id = g.id AND deleted = 0 AND status <> 'dropped') AS measures_total
       FROM work_groups g WHERE ${PRIORITY_WHERE}
       ORDER BY coalesce(g.priority_number, 1000), g.name COLLATE NOCASE`,
    )
    .all({ today, after }) as RawRow[];
  if (groups.length === 0) return [];
  const ids = JSON.stringify(groups.map((g) => g.id));

  const indicators = new Map<string, PortfolioRow['indicators']>();
  const valuesByIndicator = new Map<string, Array<{ period: string; value: number }>>();
  for (const r of store
    .prepare(
      `SELECT v.indicator_id, v.period, v.value FROM indicators i JOIN indicator_values v ON v.indicator_id = i.id
       WHERE v.deleted = 0 AND i.deleted = 0 AND i.group_id IN (SELECT value FROM json_each(@ids))`,
    )
    .all({ ids }) as RawRow[]) {
    const list = valuesByIndicator.get(r.indicator_id as string) ?? [];
    list.push({ period: r.period as string, value: Number(r.value) });
    valuesByIndicator.set(r.indicator_id as string, list);
  }
  for (const r of store
    .prepare(
      `SELECT id, group_id, name, kind, unit, target_value FROM indicators
       WHERE deleted = 0 AND group_id IN (SELECT value FROM json_each(@ids))
       ORDER BY CASE kind WHEN 'outcome' THEN 0 WHEN 'output' THEN 1 ELSE 2 END, name COLLATE NOCASE`,
    )
    .all({ ids }) as RawRow[]) {
    const latest = latestValue(valuesByIndicator.get(r.id as string) ?? []);
    const list = indicators.get(r.group_id as string) ?? [];
    list.push({
      id: r.id as string,
      name: r.name as string,
      kind: r.kind as PortfolioRow['indicators'][number]['kind'],
      unit: (r.unit as string | null) ?? null,
      latest: latest?.value ?? null,
      period: latest?.period ?? null,
      target: (r.target_value as number | null) ?? null,
    });
    indicators.set(r.group_id as string, list);
  }

  return groups.map((g) => {
    const id = g.id as string;
    const inds = indicators.get(id) ?? [];
    return {
      groupId: id,
      priorityNumber: (g.priority_number as number | null) ?? null,
      name: g.name as string,
      kind: g.kind as PortfolioRow['kind'],
      status: g.status as PortfolioRow['status'],
      leads: JSON.parse(g.leads as string) as string[],
      lastMeeting: (g.last_meeting as string | null) ?? null,
      nextMeeting: (g.next_meeting as string | null) ?? null,
      meetingsLast12Months: Number(g.held12),
      attendanceRate: (g.attendance_rate as number | null) ?? null,
      memberCount: currentMemberCount(
        (JSON.parse(g.memberships as string) as Array<[string, string | null, string | null]>).map(
          ([personId, fromDate, untilDate]) => ({ personId, fromDate, untilDate }),
        ),
        today,
      ),
      organisationCount: Number(g.organisations),
      openActions: Number(g.open_actions),
      overdueActions: Number(g.overdue_actions),
      measuresDone: Number(g.measures_done),
      measuresTotal: Number(g.measures_total),
      indicators: inds,
      measuresImpact: inds.some((i) => i.kind === 'outcome'),
    };
  });
}

/** Groups the person belongs to today. */
function myGroupIds(store: RowStore, personId: string, today: string): Set<string> {
  return new Set(
    store
      .prepare(
        `SELECT DISTINCT group_id FROM memberships WHERE person_id = ? AND deleted = 0
         AND (from_date IS NULL OR from_date <= ?) AND (until_date IS NULL OR until_date >= ?)`,
      )
      .pluck()
      .all(personId, today, today) as string[],
  );
}

const HOME_LIMIT = 50;

/** Everything Home lists, as of `today`, for `me` (or for everyone when no one is chosen). */
export function homeView(store: RowStore, today: string, me: { personId: string; personName: string } | null): HomeView {
  const mine = me ? myGroupIds(store, me.personId, today) : new Set<string>();
  const item = (r: RawRow, title: string, date: string | null, detail: string | null = null): HomeItem => ({
    id: r.id as string,
    title,
    date,
    groupId: (r.group_id as string | null) ?? null,
    groupName: (r.group_name as string | null) ?? null,
    detail,
  });

  const upcomingMeetings = (
    store
      .prepare(
        `SELECT m.id, m.title, m.date, m.start_time, m.group_id, m.chair_person_id, g.name AS group_name FROM meetings m
         JOIN work_groups g ON g.id = m.group_id
         WHERE m.deleted = 0 AND g.deleted = 0 AND m.status = 'planned' AND m.date >= @today AND m.date <= @until
         ORDER BY m.date, m.start_time LIMIT 500`,
      )
      .all({ today, until: addDays(today, 28) }) as RawRow[]
  )
    .map((r) => ({
      ...item(r, r.title as string, r.date as string, r.start_time as string),
      mine: !!me && (mine.has(r.group_id as string) || r.chair_person_id === me.personId),
    }))
    .sort((a, b) => Number(b.mine) - Number(a.mine) || (a.date ?? '').localeCompare(b.date ?? ''))
    .slice(0, HOME_LIMIT);

  // One ordered, early-stopping index read per status, merged here (an IN over statuses would sort them all).
  const actionRows = (from: string, until: string) =>
    (['open', 'in_progress'] as const)
      .flatMap(
        (status) =>
          store
            .prepare(
              `SELECT a.id, a.title, a.due_date, a.group_id, g.name AS group_name, p.name AS owner_name
               FROM action_items a JOIN work_groups g ON g.id = a.group_id LEFT JOIN people p ON p.id = a.owner_person_id
               WHERE a.deleted = 0 AND a.status = @status AND a.due_date >= @from AND a.due_date < @until
                 AND (@me IS NULL OR a.owner_person_id = @me OR a.group_id IN (SELECT value FROM json_each(@groups)))
               ORDER BY a.due_date LIMIT ${HOME_LIMIT}`,
            )
            .all({ status, from, until, me: me?.personId ?? null, groups: JSON.stringify([...mine]) }) as RawRow[],
      )
      .sort((x, y) => String(x.due_date).localeCompare(String(y.due_date)))
      .slice(0, HOME_LIMIT)
      .map((r) => item(r, r.title as string, r.due_date as string, (r.owner_name as string | null) ?? null));

  const overdueActions = actionRows('0000-00-00', today);
  const soonDueActions = actionRows(today, addDays(today, 15));

  // A chair change is due when the next planned meeting, within the rotation's notice period, has a
  // different chair from the last held one (the rotation feature writes each meeting's chair).
  const handoversDue: HomeItem[] = [];
  for (const r of store
    .prepare(
      `SELECT r.id, r.group_id, r.handover_notice_weeks, g.name AS group_name FROM rotations r
       JOIN work_groups g ON g.id = r.group_id WHERE r.deleted = 0 AND g.deleted = 0`,
    )
    .all() as RawRow[]) {
    const until = addDays(today, 7 * Number(r.handover_notice_weeks ?? 4));
    const next = store
      .prepare(
        `SELECT m.date, coalesce(o.abbreviation, p.name) AS chair, coalesce(m.chair_organisation_id, m.chair_person_id) AS chair_id
         FROM meetings m LEFT JOIN organisations o ON o.id = m.chair_organisation_id LEFT JOIN people p ON p.id = m.chair_person_id
         WHERE m.group_id = ? AND m.deleted = 0 AND m.status = 'planned' AND m.date >= ? AND m.date <= ? ORDER BY m.date LIMIT 1`,
      )
      .get(r.group_id, today, until) as RawRow | undefined;
    if (!next || !next.chair_id) continue;
    const last = store
      .prepare(
        `SELECT coalesce(o.abbreviation, p.name) AS chair, coalesce(m.chair_organisation_id, m.chair_person_id) AS chair_id
         FROM meetings m LEFT JOIN organisations o ON o.id = m.chair_organisation_id LEFT JOIN people p ON p.id = m.chair_person_id
         WHERE m.group_id = ? AND m.deleted = 0 AND m.status = 'held' AND m.date < ? ORDER BY m.date DESC LIMIT 1`,
      )
      .get(r.group_id, today) as RawRow | undefined;
    if (last && last.chair_id && last.chair_id !== next.chair_id) {
      handoversDue.push(item(r, r.group_name as string, next.date as string, `${String(last.chair)} → ${String(next.chair)}`));
    }
  }
  for (const r of store
    .prepare(
      `SELECT h.id, h.group_id, h.date, g.name AS group_name, fo.abbreviation AS from_org, tor.abbreviation AS to_org
       FROM handovers h JOIN work_groups g ON g.id = h.group_id
       LEFT JOIN organisations fo ON fo.id = h.from_organisation_id LEFT JOIN organisations tor ON tor.id = h.to_organisation_id
       WHERE h.deleted = 0 AND h.date >= ? AND h.date <= ? ORDER BY h.date LIMIT 50`,
    )
    .all(today, addDays(today, 56)) as RawRow[]) {
    if (handoversDue.some((h) => h.groupId === r.group_id)) continue;
    const detail = r.from_org || r.to_org ? `${String(r.from_org ?? '?')} → ${String(r.to_org ?? '?')}` : null;
    handoversDue.push(item(r, r.group_name as string, r.date as string, detail));
  }

  const deadlineColumns = [
    'call_opens',
    'submission_deadline',
    'screening_date',
    'assessment_opens',
    'assessment_closes',
    'network_meeting',
    'list_freeze',
    'decision_meeting',
  ] as const;
  const scanningDeadlines: HomeItem[] = [];
  const horizon = addDays(today, 42);
  for (const r of store
    .prepare(
      `SELECT s.*, g.name AS group_name FROM scanning_rounds s JOIN work_groups g ON g.id = s.group_id
       WHERE s.deleted = 0 AND s.status NOT IN ('decided', 'closed')`,
    )
    .all() as RawRow[]) {
    for (const col of deadlineColumns) {
      const date = r[col] as string | null;
      if (date && date >= today && date <= horizon) scanningDeadlines.push(item(r, r.label as string, date, col));
    }
  }
  scanningDeadlines.sort((a, b) => (a.date ?? '').localeCompare(b.date ?? ''));

  const minutesAwaitingApproval = (
    store
      .prepare(
        `SELECT m.id, m.title, m.date, m.group_id, m.minutes_status, g.name AS group_name FROM meetings m
         JOIN work_groups g ON g.id = m.group_id
         WHERE m.deleted = 0 AND g.deleted = 0 AND m.status = 'held' AND m.minutes_status <> 'approved'
           AND m.date <= @today AND m.date > @after
         ORDER BY m.date DESC LIMIT 500`,
      )
      .all({ today, after: addDays(today, -365) }) as RawRow[]
  )
    .filter((r) => !me || mine.has(r.group_id as string))
    .slice(0, HOME_LIMIT)
    .map((r) => item(r, r.title as string, r.date as string, r.minutes_status as string));

  return {
    today,
    me,
    upcomingMeetings,
    overdueActions,
    soonDueActions,
    handoversDue,
    scanningDeadlines: scanningDeadlines.slice(0, HOME_LIMIT),
    minutesAwaitingApproval,
  };
}

export function reviewDetail(store: RowStore, id: string): TermReviewDetail | undefined {
  const raw = store.getRaw('term_reviews', id);
  if (!raw) return undefined;
  const items = (
    store
      .prepare(
        `SELECT i.*, g.name AS group_name, g.priority_number, g.status AS group_status FROM term_review_items i
         JOIN work_groups g ON g.id = i.group_id WHERE i.review_id = ? AND i.deleted = 0
         ORDER BY coalesce(g.priority_number, 1000), g.name COLLATE NOCASE`,
      )
      .all(id) as RawRow[]
  ).map((r) => store.decode<TermReviewDetail['items'][number]>('term_review_items', r));
  return { ...store.decode<Omit<TermReviewDetail, 'items'>>('term_reviews', raw), items };
}

/** Priorities that are still running (for the government-term review). */
export function activePriorities(store: RowStore, statuses: readonly string[]): Group[] {
  return (
    store
      .prepare(
        `SELECT g.* FROM work_groups g WHERE ${PRIORITY_WHERE} AND g.status IN (SELECT value FROM json_each(?))
         ORDER BY coalesce(g.priority_number, 1000), g.name COLLATE NOCASE`,
      )
      .all(JSON.stringify(statuses)) as RawRow[]
  ).map((r) => store.decode<Group>('work_groups', r));
}

/** Priorities for the report (every one that is not archived), numbered first. */
export function reportPriorities(store: RowStore): Group[] {
  return (
    store
      .prepare(
        `SELECT g.* FROM work_groups g WHERE ${PRIORITY_WHERE} ORDER BY coalesce(g.priority_number, 1000), g.name COLLATE NOCASE`,
      )
      .all() as RawRow[]
  ).map((r) => store.decode<Group>('work_groups', r));
}

export function groupOrganisationAbbreviations(store: RowStore, groupId: string): { leads: string[]; participants: string[] } {
  const rows = store
    .prepare(
      `SELECT go.role, o.abbreviation FROM group_organisations go JOIN organisations o ON o.id = go.organisation_id
       WHERE go.group_id = ? AND go.deleted = 0 ORDER BY go.created_at`,
    )
    .all(groupId) as Array<{ role: string; abbreviation: string }>;
  return {
    leads: rows.filter((r) => r.role === 'lead').map((r) => r.abbreviation),
    participants: rows.filter((r) => r.role !== 'lead').map((r) => r.abbreviation),
  };
}

/** Meetings held and actions done/open within a period, for the report. */
export function periodFigures(store: RowStore, groupId: string, from: string, to: string) {
  const held = store
    .prepare(`SELECT count(*) FROM meetings WHERE group_id = ? AND deleted = 0 AND status = 'held' AND date >= ? AND date <= ?`)
    .pluck()
    .get(groupId, from, to) as number;
  const done = store
    .prepare(
      `SELECT count(*) FROM action_items WHERE group_id = ? AND deleted = 0 AND status = 'done'
       AND (completed_date IS NULL OR (completed_date >= ? AND completed_date <= ?))`,
    )
    .pluck()
    .get(groupId, from, to) as number;
  const open = store
    .prepare(
      // Open today, of the period: from a meeting up to its end or, without a meeting, due by then.
      `SELECT count(*) FROM action_items a WHERE a.group_id = ? AND a.deleted = 0 AND a.status IN ('open', 'in_progress')
       AND coalesce((SELECT m.date FROM meetings m WHERE m.id = a.meeting_id), a.due_date, '0000-00-00') <= ?`,
    )
    .pluck()
    .get(groupId, to) as number;
  return { meetingsHeld: held, actionsDone: done, actionsOpen: open };
}

/** Where a new measure of a group goes: after its last one. */
export function nextMeasurePosition(store: RowStore, groupId: string): number {
  return store
    .prepare(`SELECT coalesce(max(position), -1) + 1 FROM measures WHERE group_id = ? AND deleted = 0`)
    .pluck()
    .get(groupId) as number;
}

/** The government-term reviews, newest first. */
export function listReviews(store: RowStore): TermReview[] {
  return (
    store.prepare(`SELECT * FROM term_reviews WHERE deleted = 0 ORDER BY date DESC, created_at DESC`).all() as RawRow[]
  ).map((r) => store.decode<TermReview>('term_reviews', r));
}

/** A priority's decisions taken at its meetings dated within from…to, oldest first (for the report). */
export function groupDecisionsInPeriod(
  store: RowStore,
  groupId: string,
  from: string,
  to: string,
): Array<{ id: string; number: string | null; text: string; date: string; meetingTitle: string }> {
  return store
    .prepare(
      `SELECT d.id, d.number, d.text, m.date, m.title AS meetingTitle FROM decisions d JOIN meetings m ON m.id = d.meeting_id
       WHERE d.group_id = ? AND d.deleted = 0 AND m.deleted = 0 AND m.date >= ? AND m.date <= ?
       ORDER BY m.date, d.number, d.created_at`,
    )
    .all(groupId, from, to) as Array<{ id: string; number: string | null; text: string; date: string; meetingTitle: string }>;
}

/** The lead organisations of a group's subgroups, with the subgroup (a priority split in two: "SPEK (help in emergencies)"). */
export function subgroupLeads(store: RowStore, groupId: string): Array<{ abbreviation: string; subgroup: Group }> {
  return (
    store
      .prepare(
        `SELECT o.abbreviation AS lead_abbreviation, s.* FROM work_groups s
         JOIN group_organisations go ON go.group_id = s.id AND go.deleted = 0 AND go.role = 'lead'
         JOIN organisations o ON o.id = go.organisation_id
         WHERE s.parent_id = ? AND s.deleted = 0 ORDER BY s.created_at, go.created_at`,
      )
      .all(groupId) as RawRow[]
  ).map(({ lead_abbreviation, ...row }) => ({
    abbreviation: lead_abbreviation as string,
    subgroup: store.decode<Group>('work_groups', row),
  }));
}
