/**
 * Which rows an exchange file holds (docs/exchange-format.md, "Scopes").
 *
 * A scope names its core rows (a group tree and everything hanging off it, a scanning round and some
 * candidates, or everything); the reference closure then adds every row those rows point at through a
 * foreign key (organisations, people, parent groups, …), so an importer never meets a dangling
 * reference. Tombstones are included: deletes must travel.
 */
import type { Row } from '../../../shared/exchange/merge';
import type { Db } from '../db/open';
import { travellingTables } from '../db/tables';

export type Scope =
  { kind: 'group'; groupId: string } | { kind: 'database' } | { kind: 'candidates'; roundId: string; candidateIds?: string[] };

export interface ForeignKey {
  table: string;
  column: string;
  target: string;
}

const fkCache = new WeakMap<Db, Map<string, ForeignKey[]>>();

/** Foreign keys of a table (from the schema, never written twice). */
export function foreignKeysOf(db: Db, table: string): ForeignKey[] {
  let perDb = fkCache.get(db);
  if (!perDb) fkCache.set(db, (perDb = new Map()));
  let list = perDb.get(table);
  if (!list) {
    const rows = db.prepare(`SELECT "table" AS target, "from" AS col FROM pragma_foreign_key_list(?)`).all(table) as Array<{
      target: string;
      col: string;
    }>;
    list = rows.map((r) => ({ table, column: r.col, target: r.target }));
    perDb.set(table, list);
  }
  return list;
}

const orderCache = new WeakMap<Db, string[]>();

/**
 * Travelling tables with every table after the tables its foreign keys point at (self-references
 * aside; a cycle between tables, which the schema does not have, falls back to name order for the
 * rest). Writing in this order keeps SQLite's deferred foreign-key counter at zero, so no parent
 * insert has to search its child tables. Computed once per database.
 */
export function tablesParentsFirst(db: Db): string[] {
  const cached = orderCache.get(db);
  if (cached) return cached;
  const tables = travellingTables(db).sort();
  const known = new Set(tables);
  const deps = new Map(
    tables.map((t) => [
      t,
      new Set(
        foreignKeysOf(db, t)
          .map((fk) => fk.target)
          .filter((x) => x !== t && known.has(x)),
      ),
    ]),
  );
  const out: string[] = [];
  const done = new Set<string>();
  while (out.length < tables.length) {
    const ready = tables.filter((t) => !done.has(t) && [...deps.get(t)!].every((d) => done.has(d)));
    for (const t of ready.length ? ready : tables.filter((x) => !done.has(x)).slice(0, 1)) {
      out.push(t);
      done.add(t);
    }
  }
  orderCache.set(db, out);
  return out;
}

/** Group-owned tables: rows whose group_id is in the group tree. */
export const GROUP_TABLES = [
  'group_organisations',
  'memberships',
  'meeting_series',
  'meetings',
  'agenda_templates',
  'measures',
  'decisions',
  'action_items',
  'indicators',
  'rotations',
  'handovers',
  'candidate_groups',
] as const;

/** Child tables: [table, parent column, parent table]; collected after their parents. */
export const CHILD_TABLES: ReadonlyArray<readonly [string, string, string]> = [
  ['agenda_template_items', 'template_id', 'agenda_templates'],
  ['agenda_items', 'meeting_id', 'meetings'],
  ['attendance', 'meeting_id', 'meetings'],
  ['attachments', 'meeting_id', 'meetings'],
  ['meeting_replies', 'meeting_id', 'meetings'],
  ['measure_organisations', 'measure_id', 'measures'],
  ['indicator_values', 'indicator_id', 'indicators'],
  ['rotation_versions', 'rotation_id', 'rotations'],
  ['rotation_exceptions', 'rotation_id', 'rotations'],
  ['rotation_slots', 'version_id', 'rotation_versions'],
];

class Collector {
  readonly rows = new Map<string, Map<string, Row>>();
  constructor(private readonly db: Db) {}

  add(table: string, rows: Row[]): void {
    let m = this.rows.get(table);
    if (!m) this.rows.set(table, (m = new Map()));
    for (const r of rows) m.set(r.id, r);
  }

  ids(table: string): string[] {
    return [...(this.rows.get(table)?.keys() ?? [])];
  }

  has(table: string, id: string): boolean {
    return this.rows.get(table)?.has(id) ?? false;
  }

  where(table: string, column: string, values: string[]): Row[] {
    if (values.length === 0) return [];
    return this.db
      .prepare(`SELECT * FROM ${table} WHERE ${column} IN (SELECT value FROM json_each(?))`)
      .all(JSON.stringify(values)) as Row[];
  }
}

/** Every row of the scope plus everything it references, per table (tables in name order). */
export function collectScope(db: Db, scope: Scope): Record<string, Row[]> {
  const tables = travellingTables(db);
  const c = new Collector(db);
  if (scope.kind === 'database') {
    for (const t of tables) c.add(t, db.prepare(`SELECT * FROM ${t}`).all() as Row[]);
  } else if (scope.kind === 'group') {
    const groupIds = db
      .prepare(
        `WITH RECURSIVE tree(id) AS (SELECT id FROM work_groups WHERE id = ?
           UNION SELECT g.id FROM work_groups g JOIN tree ON g.parent_id = tree.id)
         SELECT id FROM tree`,
      )
      .pluck()
      .all(scope.groupId) as string[];
    c.add('work_groups', c.where('work_groups', 'id', groupIds));
    for (const t of GROUP_TABLES) c.add(t, c.where(t, 'group_id', groupIds));
    for (const [t, col, parent] of CHILD_TABLES) c.add(t, c.where(t, col, c.ids(parent)));
  } else {
    c.add('scanning_rounds', c.where('scanning_rounds', 'id', [scope.roundId]));
    c.add('criteria', c.where('criteria', 'round_id', [scope.roundId]));
    let candidates = c.where('candidates', 'round_id', [scope.roundId]);
    if (scope.candidateIds) {
      const wanted = new Set(scope.candidateIds);
      candidates = candidates.filter((r) => wanted.has(r.id));
    }
    c.add('candidates', candidates);
    c.add('candidate_organisations', c.where('candidate_organisations', 'candidate_id', c.ids('candidates')));
    c.add('candidate_groups', c.where('candidate_groups', 'candidate_id', c.ids('candidates')));
  }
  if (scope.kind !== 'database') {
    // Status history of every entity in the file (it is keyed by entity id, not a foreign key).
    const all = [...c.rows.values()].flatMap((m) => [...m.keys()]);
    c.add('status_history', c.where('status_history', 'entity_id', all));
    closeReferences(db, c, tables);
  }
  const out: Record<string, Row[]> = {};
  for (const t of tables) {
    const m = c.rows.get(t);
    if (m && m.size > 0) out[t] = [...m.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }
  return out;
}

/** Adds referenced rows until every foreign key of every collected row points inside the set. */
function closeReferences(db: Db, c: Collector, tables: string[]): void {
  let pending = [...c.rows.keys()];
  while (pending.length > 0) {
    const wanted = new Map<string, Set<string>>();
    for (const table of pending) {
      const rows = c.rows.get(table);
      if (!rows) continue;
      for (const fk of foreignKeysOf(db, table)) {
        if (!tables.includes(fk.target)) continue;
        for (const r of rows.values()) {
          const v = r[fk.column];
          if (typeof v === 'string' && !c.has(fk.target, v)) {
            let s = wanted.get(fk.target);
            if (!s) wanted.set(fk.target, (s = new Set()));
            s.add(v);
          }
        }
      }
    }
    pending = [];
    for (const [table, ids] of wanted) {
      const rows = c.where(table, 'id', [...ids]).filter((r) => !c.has(table, r.id));
      if (rows.length) {
        c.add(table, rows);
        pending.push(table);
      }
    }
  }
}
