import type { GroupDetail, GroupSummary, Group, GroupOrganisation, Membership } from '../../../shared/domain/groups';
import type { RowStore, RawRow } from '../db/store';
import { likePattern } from './search';

export function listGroups(
  store: RowStore,
  opts: { query?: string; includeArchived?: boolean; kind?: string; parentId?: string },
): GroupSummary[] {
  const rows = store
    .prepare(
      `SELECT g.*, p.name AS parent_name,
         (SELECT group_concat(o.abbreviation, '|') FROM group_organisations go JOIN organisations o ON o.id = go.organisation_id
            WHERE go.group_id = g.id AND go.deleted = 0 AND go.role = 'lead') AS lead_abbreviations,
         (SELECT count(*) FROM group_organisations go WHERE go.group_id = g.id AND go.deleted = 0) AS organisation_count,
         (SELECT count(DISTINCT m.person_id) FROM memberships m WHERE m.group_id = g.id AND m.deleted = 0) AS member_count
       FROM work_groups g LEFT JOIN work_groups p ON p.id = g.parent_id
       WHERE (@all = 1 OR g.deleted = 0)
         AND (@kind IS NULL OR g.kind = @kind)
         AND (@parent IS NULL OR g.parent_id = @parent)
         AND (@q IS NULL OR g.name LIKE @q ESCAPE '\\' OR g.short_name LIKE @q ESCAPE '\\' OR g.description LIKE @q ESCAPE '\\')
       ORDER BY CASE g.kind WHEN 'cooperation_group' THEN 0 WHEN 'expert_network' THEN 1 ELSE 2 END,
                coalesce(g.priority_number, 1000), g.name COLLATE NOCASE`,
    )
    .all({
      all: opts.includeArchived ? 1 : 0,
      kind: opts.kind ?? null,
      parent: opts.parentId ?? null,
      q: opts.query ? likePattern(opts.query) : null,
    }) as RawRow[];
  return rows.map((r) => {
    const { lead_abbreviations, ...rest } = r;
    return {
      ...store.decode<Omit<GroupSummary, 'leadAbbreviations'>>('work_groups', rest),
      leadAbbreviations: typeof lead_abbreviations === 'string' ? lead_abbreviations.split('|').sort() : [],
    };
  });
}

export function groupDetail(store: RowStore, id: string): GroupDetail | undefined {
  const raw = store
    .prepare(`SELECT g.*, p.name AS parent_name FROM work_groups g LEFT JOIN work_groups p ON p.id = g.parent_id WHERE g.id = ?`)
    .get(id) as RawRow | undefined;
  if (!raw) return undefined;
  const group = store.decode<Group & { parentName: string | null }>('work_groups', raw);
  const subgroups = store
    .prepare(`SELECT id, name, kind, status FROM work_groups WHERE parent_id = ? AND deleted = 0 ORDER BY name`)
    .all(id) as Array<Pick<Group, 'id' | 'name' | 'kind' | 'status'>>;
  const organisations = (
    store
      .prepare(
        `SELECT go.*, o.abbreviation, o.name AS organisation_name FROM group_organisations go
         JOIN organisations o ON o.id = go.organisation_id
         WHERE go.group_id = ? AND go.deleted = 0
         ORDER BY CASE go.role WHEN 'lead' THEN 0 ELSE 1 END, o.abbreviation COLLATE NOCASE`,
      )
      .all(id) as RawRow[]
  ).map((r) => store.decode<GroupOrganisation & { abbreviation: string; organisationName: string }>('group_organisations', r));
  const members = (
    store
      .prepare(
        `SELECT m.*, p.name AS person_name, o.abbreviation AS organisation_abbreviation FROM memberships m
         JOIN people p ON p.id = m.person_id
         LEFT JOIN organisations o ON o.id = coalesce(m.organisation_id, p.organisation_id)
         WHERE m.group_id = ? AND m.deleted = 0
         ORDER BY CASE m.role WHEN 'convener' THEN 0 WHEN 'chair' THEN 1 WHEN 'secretary' THEN 2 WHEN 'member' THEN 3 ELSE 4 END,
                  p.name COLLATE NOCASE`,
      )
      .all(id) as RawRow[]
  ).map((r) => store.decode<Membership & { personName: string; organisationAbbreviation: string | null }>('memberships', r));
  const conveners = members.filter((m) => m.role === 'convener').map((m) => ({ personId: m.personId, personName: m.personName }));
  return { ...group, subgroups, organisations, members, conveners };
}

export function findGroupOrganisation(store: RowStore, groupId: string, organisationId: string): GroupOrganisation | undefined {
  const raw = store
    .prepare(`SELECT * FROM group_organisations WHERE group_id = ? AND organisation_id = ? ORDER BY deleted, created_at LIMIT 1`)
    .get(groupId, organisationId) as RawRow | undefined;
  return raw ? store.decode<GroupOrganisation>('group_organisations', raw) : undefined;
}

/** The chain of parents of a group, nearest first (to refuse cycles). */
export function ancestors(store: RowStore, id: string): string[] {
  return store
    .prepare(
      `WITH RECURSIVE up(id, depth) AS (
         SELECT parent_id, 1 FROM work_groups WHERE id = ?
         UNION ALL SELECT g.parent_id, depth + 1 FROM work_groups g JOIN up ON g.id = up.id WHERE depth < 50)
       SELECT id FROM up WHERE id IS NOT NULL`,
    )
    .pluck()
    .all(id) as string[];
}

/** A person's live memberships of a group (for the one-role-at-a-time rule). */
export function membershipsOfPerson(store: RowStore, groupId: string, personId: string): Membership[] {
  return (
    store
      .prepare(`SELECT * FROM memberships WHERE group_id = ? AND person_id = ? AND deleted = 0`)
      .all(groupId, personId) as RawRow[]
  ).map((r) => store.decode<Membership>('memberships', r));
}

/** The highest priority number in use (0 when none): a new priority takes the next one. */
export function maxPriorityNumber(store: RowStore): number {
  return (
    (store.prepare(`SELECT coalesce(max(priority_number), 0) FROM work_groups WHERE kind = 'priority_group'`).pluck().get() as
      number | null) ?? 0
  );
}
