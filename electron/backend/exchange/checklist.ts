/**
 * The handover checklist the outgoing chair hands over with the file: generated from the group's own
 * data (its subgroups included) so nothing open is forgotten.
 */
import type { HandoverChecklist } from '../../../shared/domain/exchange';
import { today as todayOf } from '../clock';
import type { Ctx } from '../context';


const CLOSED_ACTION = `('done', 'completed', 'cancelled')`;

export function groupTreeIds(ctx: Ctx, groupId: string): string[] {
  return ctx.store
    .prepare(
      `WITH RECURSIVE tree(id) AS (SELECT id FROM work_groups WHERE id = ?
         UNION SELECT g.id FROM work_groups g JOIN tree ON g.parent_id = tree.id)
       SELECT id FROM tree`,
    )
    .pluck()
    .all(groupId) as string[];
}

export function buildChecklist(ctx: Ctx, groupId: string): HandoverChecklist {
  ctx.store.require('work_groups', groupId, 'group');
  const today = todayOf(ctx);
  const tree = JSON.stringify(groupTreeIds(ctx, groupId));
  const inTree = `IN (SELECT value FROM json_each(@tree))`;

  const actions = ctx.store
    .prepare(
      `SELECT a.id, a.title, a.due_date AS dueDate, COALESCE(p.name, o.abbreviation) AS owner
       FROM action_items a
       LEFT JOIN people p ON p.id = a.owner_person_id
       LEFT JOIN organisations o ON o.id = a.owner_organisation_id
       WHERE a.deleted = 0 AND a.group_id ${inTree} AND a.status NOT IN ${CLOSED_ACTION}
       ORDER BY a.due_date IS NULL, a.due_date, a.title`,
    )
    .all({ tree }) as Array<{ id: string; title: string; dueDate: string | null; owner: string | null }>;

  const nextMeetings = ctx.store
    .prepare(
      `SELECT m.id, m.title, m.date, m.start_time AS startTime, COALESCE(p.name, o.name) AS chair
       FROM meetings m
       LEFT JOIN people p ON p.id = m.chair_person_id
       LEFT JOIN organisations o ON o.id = m.chair_organisation_id
       WHERE m.deleted = 0 AND m.group_id ${inTree} AND m.date >= @today AND m.status <> 'cancelled'
       ORDER BY m.date, m.start_time LIMIT 5`,
    )
    .all({ tree, today }) as HandoverChecklist['nextMeetings'];

  const pendingMinutes = ctx.store
    .prepare(
      `SELECT m.id, m.title, m.date, m.minutes_status AS minutesStatus,
              (SELECT COUNT(*) FROM decisions d WHERE d.meeting_id = m.id AND d.deleted = 0) AS decisions
       FROM meetings m
       WHERE m.deleted = 0 AND m.group_id ${inTree} AND m.date < @today AND m.status <> 'cancelled'
         AND m.minutes_status <> 'approved'
       ORDER BY m.date`,
    )
    .all({ tree, today }) as HandoverChecklist['pendingMinutes'];

  const contacts = ctx.store
    .prepare(
      `SELECT p.id AS personId, p.name, ms.role, o.name AS organisation, p.email, p.phone
       FROM memberships ms
       JOIN people p ON p.id = ms.person_id
       LEFT JOIN organisations o ON o.id = COALESCE(ms.organisation_id, p.organisation_id)
       WHERE ms.deleted = 0 AND p.deleted = 0 AND ms.group_id ${inTree}
         AND (ms.until_date IS NULL OR ms.until_date >= @today)
       ORDER BY CASE ms.role WHEN 'convener' THEN 0 WHEN 'chair' THEN 1 WHEN 'secretary' THEN 2 ELSE 3 END, p.name`,
    )
    .all({ tree, today }) as HandoverChecklist['contacts'];

  return {
    groupId,
    generatedOn: today,
    openActions: actions.map((a) => ({ ...a, overdue: a.dueDate !== null && a.dueDate < today })),
    nextMeetings,
    pendingMinutes,
    contacts,
  };
}
