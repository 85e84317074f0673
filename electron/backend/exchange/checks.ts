/**
 * What an import may write (docs/exchange-format.md, "Import in Painopiste"), judged before any
 * write and always on the whole file, so a refusal leaves the database as it was:
 *
 * - **Clock**: no stamp in the file may be more than FUTURE_BOUND_MS ahead of this computer's clock
 *   (`checkClock`). So no file can push the local clock past that bound either.
 * - **Scope on the rows** (`scopeOfFile`): a group's or a candidate file may create or change only
 *   its core rows — for a group, the group tree and what hangs off it; for a candidate file, the
 *   round's row, its criteria and candidates, their links and status history — judged by this
 *   database's version of a row it already has and by the file's (both must be inside). Rows the core
 *   references (organisations, people, groups, …) may be created; existing ones are never changed
 *   (listed as not applied), except that a group's file gives the organisations and people it refers
 *   to their newer fields (listed as shared changes; never an archive or restore). Any other row
 *   refuses the file. The referenced half is one function for both scopes (`placeReferenced`).
 * - **Domain rules** (`checkMergedRows`): every row the merge would write passes its table's domain
 *   schema (shared/domain/rows.ts, the same rules the API applies), no parent chain loops, and no
 *   person holds the same role in a group twice for overlapping periods (shared/groups/memberships.ts).
 */
import { parseHlc, type Hlc } from '../../../shared/hlc';
import { mergeTable, type Row } from '../../../shared/exchange/merge';
import { PARENT_COLUMNS, rowProblem } from '../../../shared/domain/rows';
import { duplicateMemberships, type MembershipSpan } from '../../../shared/groups/memberships';
import type { ApiError } from '../../../shared/contract/core';
import type { ExchangeScope } from '../../../shared/domain/exchange';
import type { Ctx } from '../context';
import { TABLE_CODECS } from '../db/tables';
import { userError } from '../errors';
import { foreignKeysOf, GROUP_TABLES, CHILD_TABLES } from './scope';

/** How far ahead of this computer's clock a stamp in a file may be: 24 hours. */
export const FUTURE_BOUND_MS = 24 * 60 * 60 * 1000;

/** Refuses a file with a stamp more than FUTURE_BOUND_MS ahead of `now`; returns the newest stamp. */
export function checkClock(newest: Hlc | null, now: Date): void {
  if (!newest) return;
  const aheadMs = parseHlc(newest).wall - now.getTime();
  if (aheadMs > FUTURE_BOUND_MS) {
    throw userError('validation', 'exchange.futureClock', {
      hours: Math.round(aheadMs / 3_600_000),
      boundHours: FUTURE_BOUND_MS / 3_600_000,
    });
  }
}

/** A row of a scoped file that is outside its core but exists here: kept as it is. */
export interface NotApplied {
  table: string;
  rowId: string;
  /** Columns the file's version would have changed. */
  fields: string[];
}

/** A change a group's file makes to a shared row (an organisation or person its group refers to). */
export type SharedChange = NotApplied;

/** Shared rows a group's file may change (field by field, by clock), when the group refers to them. */
export const SHARED_TABLES: readonly string[] = ['organisations', 'people'];

/** How an import treats the rows of a group's or a candidate file (whole-database files: no limits). */
export interface FileScope {
  /** Per table, ids of rows the import must not write (they exist here and are outside the core). */
  skip: Map<string, Set<string>>;
  notApplied: NotApplied[];
  sharedChanges: SharedChange[];
}

/** Rows of a file per table, and the ids of its core rows per table (filled by the scope's rule). */
type Tables = Record<string, Row[]>;
type Core = Map<string, Set<string>>;
type Outside = (table: string, id: string, field: string) => ApiError;

const outsideGroup: Outside = (table, id, field) => userError('validation', 'exchange.outsideScope', { table, id, field });
const outsideRound: Outside = (table, id, field) => userError('validation', 'exchange.outsideRound', { table, id, field });

/**
 * The rule of a file's scope, or null for a whole-database file: classifies every row of the file and
 * throws `exchange.outsideScope` (a group's file) or `exchange.outsideRound` (a candidate file) for a
 * row it may not hold. See the module comment.
 */
export function scopeOfFile(ctx: Ctx, scope: ExchangeScope, tables: Tables): FileScope | null {
  if (scope.kind === 'group' && scope.groupId) {
    return placeReferenced(ctx, tables, groupCore(ctx, scope.groupId, tables), { shared: SHARED_TABLES, outside: outsideGroup });
  }
  if (scope.kind === 'candidates' && scope.roundId) {
    return placeReferenced(ctx, tables, roundCore(ctx, scope.roundId, tables), { shared: [], outside: outsideRound });
  }
  return null;
}

const localRow = (ctx: Ctx, table: string, id: string) => ctx.store.getRaw(table, id) as Row | undefined;

function coreSet(core: Core, table: string): Set<string> {
  let s = core.get(table);
  if (!s) core.set(table, (s = new Set()));
  return s;
}

/**
 * Places the rows of `table` whose `column` names their owner: core when both this database's version
 * (if any) and the file's name an owner inside (`inside`); refused when the two disagree; otherwise
 * left for the referenced half.
 */
function placeByOwner(
  ctx: Ctx,
  tables: Tables,
  core: Core,
  table: string,
  column: string,
  inside: (ownerId: unknown) => boolean,
  outside: Outside,
): void {
  for (const r of tables[table] ?? []) {
    const mine = localRow(ctx, table, r.id);
    const here = mine ? inside(mine[column]) : true;
    const there = inside(r[column]);
    if (here && there) coreSet(core, table).add(r.id);
    else if (mine && (here || there)) throw outside(table, r.id, column);
  }
}

/** Status history of core rows (by both versions' subject) is core too; a changed entry of another subject refuses. */
function placeStatusHistory(ctx: Ctx, tables: Tables, core: Core, outside: Outside): void {
  const coreIds = new Set<string>();
  for (const ids of core.values()) for (const id of ids) coreIds.add(id);
  for (const r of tables.status_history ?? []) {
    const mine = localRow(ctx, 'status_history', r.id);
    const subject = (mine?.entity_id ?? r.entity_id) as string;
    if (coreIds.has(subject) && r.entity_id === subject) coreSet(core, 'status_history').add(r.id);
    else if (mine) throw outside('status_history', r.id, 'entity_id');
  }
}

/** Core of a group's file: the group tree and everything hanging off it (docs/exchange-format.md 11.1). */
function groupCore(ctx: Ctx, groupId: string, tables: Tables): Core {
  const db = ctx.db;
  const local = (table: string, id: string) => localRow(ctx, table, id);
  const fileRows = (table: string) => tables[table] ?? [];

  // The group tree: this database's (tombstones included), plus the file's new groups below it.
  const tree = new Set<string>(
    db
      .prepare(
        `WITH RECURSIVE tree(id) AS (SELECT id FROM work_groups WHERE id = ?
           UNION SELECT g.id FROM work_groups g JOIN tree ON g.parent_id = tree.id)
         SELECT id FROM tree`,
      )
      .pluck()
      .all(groupId) as string[],
  );
  if (!local('work_groups', groupId)) tree.add(groupId);
  const newGroups = fileRows('work_groups').filter((g) => !local('work_groups', g.id));
  for (let grew = true; grew;) {
    grew = false;
    for (const g of newGroups) {
      if (!tree.has(g.id) && typeof g.parent_id === 'string' && tree.has(g.parent_id)) {
        tree.add(g.id);
        grew = true;
      }
    }
  }

  // Core rows: in the closure by this database's version (when it has the row) and by the file's.
  const core: Core = new Map();
  const parentOf = new Map(CHILD_TABLES.map(([t, col, parent]) => [t, { col, parent }]));
  /** Whether a row that exists here belongs to the closure, by this database's rows. */
  const localInScope = (table: string, id: string, depth = 0): boolean => {
    if (depth > 8) return false;
    if (table === 'work_groups') return tree.has(id);
    const row = local(table, id);
    if (!row) return false;
    if ((GROUP_TABLES as readonly string[]).includes(table)) return typeof row.group_id === 'string' && tree.has(row.group_id);
    const p = parentOf.get(table);
    return p !== undefined && typeof row[p.col] === 'string' && inScope(p.parent, row[p.col] as string, depth + 1);
  };
  /** Whether a row id is in the closure: a core row of the file, or a row here in scope. */
  const inScope = (table: string, id: string, depth = 0): boolean =>
    coreSet(core, table).has(id) || localInScope(table, id, depth);

  for (const g of fileRows('work_groups')) {
    if (!tree.has(g.id)) continue;
    const mine = local('work_groups', g.id);
    // A subgroup may not be moved out of the tree (the root's own parent is its own business).
    if (
      mine &&
      g.id !== groupId &&
      g.parent_id !== mine.parent_id &&
      !(typeof g.parent_id === 'string' && tree.has(g.parent_id))
    ) {
      throw outsideGroup('work_groups', g.id, 'parent_id');
    }
    coreSet(core, 'work_groups').add(g.id);
  }
  const inTree = (v: unknown) => typeof v === 'string' && tree.has(v);
  for (const table of GROUP_TABLES) placeByOwner(ctx, tables, core, table, 'group_id', inTree, outsideGroup);
  for (const [table, col, parent] of CHILD_TABLES) {
    placeByOwner(ctx, tables, core, table, col, (v) => typeof v === 'string' && inScope(parent, v), outsideGroup);
  }
  placeStatusHistory(ctx, tables, core, outsideGroup);
  return core;
}

/**
 * Core of a candidate file (docs/exchange-format.md 11.1): the round's own row (never moved to another
 * group), its criteria and candidates (by both versions' `round_id`), the organisation and group links
 * of those candidates, and the status history of all of them.
 */
function roundCore(ctx: Ctx, roundId: string, tables: Tables): Core {
  const core: Core = new Map();
  for (const r of tables.scanning_rounds ?? []) {
    if (r.id !== roundId) continue;
    const mine = localRow(ctx, 'scanning_rounds', r.id);
    if (mine && mine.group_id !== r.group_id) throw outsideRound('scanning_rounds', r.id, 'group_id');
    coreSet(core, 'scanning_rounds').add(r.id);
  }
  const inRound = (v: unknown) => v === roundId;
  placeByOwner(ctx, tables, core, 'criteria', 'round_id', inRound, outsideRound);
  placeByOwner(ctx, tables, core, 'candidates', 'round_id', inRound, outsideRound);
  // A link belongs to the round when its candidate does: a core candidate of the file, or one of the
  // round here (a file row of a candidate that is not core has been refused or is outside by both).
  const candidateInRound = (v: unknown) =>
    typeof v === 'string' && (coreSet(core, 'candidates').has(v) || localRow(ctx, 'candidates', v)?.round_id === roundId);
  for (const table of ['candidate_organisations', 'candidate_groups']) {
    placeByOwner(ctx, tables, core, table, 'candidate_id', candidateInRound, outsideRound);
  }
  placeStatusHistory(ctx, tables, core, outsideRound);
  return core;
}

/**
 * The half every scope shares: rows the core rows point at through a foreign key (recursively) are
 * referenced. A referenced row this database lacks is created. One it has is never changed — except,
 * for tables in `shared`, the file's newer fields (listed as shared changes; never an archive or a
 * restore) — and is listed as not applied when the file's version differs. Any other row refuses the file.
 */
function placeReferenced(ctx: Ctx, tables: Tables, core: Core, rule: { shared: readonly string[]; outside: Outside }): FileScope {
  const referenced = new Map<string, Set<string>>();
  const byId = new Map(Object.entries(tables).map(([t, rows]) => [t, new Map(rows.map((r) => [r.id, r]))]));
  let frontier: Array<[string, Row]> = [];
  for (const [table, ids] of core) for (const id of ids) frontier.push([table, byId.get(table)!.get(id)!]);
  while (frontier.length) {
    const next: Array<[string, Row]> = [];
    for (const [table, row] of frontier) {
      for (const fk of foreignKeysOf(ctx.db, table)) {
        const v = row[fk.column];
        if (typeof v !== 'string') continue;
        const target = byId.get(fk.target)?.get(v);
        if (!target || core.get(fk.target)?.has(v)) continue;
        let s = referenced.get(fk.target);
        if (!s) referenced.set(fk.target, (s = new Set()));
        if (s.has(v)) continue;
        s.add(v);
        next.push([fk.target, target]);
      }
    }
    frontier = next;
  }

  const skip = new Map<string, Set<string>>();
  const notApplied: NotApplied[] = [];
  const sharedChanges: SharedChange[] = [];
  for (const [table, rows] of Object.entries(tables)) {
    for (const r of rows) {
      if (core.get(table)?.has(r.id)) continue;
      if (!referenced.get(table)?.has(r.id)) throw rule.outside(table, r.id, 'id');
      const mine = localRow(ctx, table, r.id);
      if (!mine) continue; // a referenced row this database lacks: created
      const m = mergeTable(() => mine, [r], { longTextFields: TABLE_CODECS[table]?.longText ?? [] });
      const merged = m.writes[0];
      const fields = merged
        ? Object.keys(merged).filter(
            (k) => !['hlc', 'field_hlc', 'updated_at', 'created_at'].includes(k) && merged[k] !== mine[k],
          )
        : [];
      if (rule.shared.includes(table) && !fields.includes('deleted')) {
        if (fields.length) sharedChanges.push({ table, rowId: r.id, fields });
        continue;
      }
      coreSet(skip, table).add(r.id);
      if (fields.length) notApplied.push({ table, rowId: r.id, fields });
    }
  }
  return { skip, notApplied, sharedChanges };
}

/**
 * Every row the merge would write passes its domain schema, and no parent chain through the written
 * rows loops. `pending` holds the rows to be written per table; other rows are read from the database.
 */
export function checkMergedRows(ctx: Ctx, pending: Map<string, Map<string, Row>>): void {
  for (const [table, rows] of pending) {
    for (const row of rows.values()) {
      const p = rowProblem(table, row);
      if (p) throw userError('validation', 'exchange.invalidValue', { table, id: row.id, field: p.field, problem: p.problem });
    }
    const column = PARENT_COLUMNS[table];
    if (!column) continue;
    const get = (id: string) => rows.get(id) ?? (ctx.store.getRaw(table, id) as Row | undefined);
    const clear = new Set<string>();
    for (const row of rows.values()) {
      const seen = new Set<string>([row.id]);
      let at: Row | undefined = row;
      while (at) {
        const parent: unknown = at[column];
        if (typeof parent !== 'string' || clear.has(parent)) break;
        if (seen.has(parent)) throw userError('validation', 'exchange.referenceCycle', { table, id: row.id, field: column });
        seen.add(parent);
        at = get(parent);
      }
      for (const id of seen) clear.add(id);
    }
  }
  checkMemberships(ctx, pending.get('memberships'));
}

const span = (r: Row): MembershipSpan => ({
  id: r.id,
  groupId: String(r.group_id),
  personId: String(r.person_id),
  role: String(r.role),
  fromDate: (r.from_date as string | null) ?? null,
  untilDate: (r.until_date as string | null) ?? null,
  deleted: Boolean(r.deleted),
});

/**
 * A person holds a role in a group once at a time: the rule the API applies
 * (shared/groups/memberships.ts), judged on the merged result — the file's rows over this database's.
 */
function checkMemberships(ctx: Ctx, rows: Map<string, Row> | undefined): void {
  if (!rows) return;
  const local = ctx.db.prepare(`SELECT * FROM memberships WHERE group_id = ? AND person_id = ?`);
  // The file's rows by group and person first: one pass, not one pass over them all per pair.
  const byPair = new Map<string, Row[]>();
  for (const row of rows.values()) {
    const key = `${String(row.group_id)}\u0000${String(row.person_id)}`;
    const same = byPair.get(key);
    if (same) same.push(row);
    else byPair.set(key, [row]);
  }
  for (const same of byPair.values()) {
    const row = same[0]!;
    const merged = new Map((local.all(row.group_id, row.person_id) as Row[]).map((r) => [r.id, r]));
    for (const r of same) merged.set(r.id, r);
    const clash = duplicateMemberships([...merged.values()].map(span)).find(([a, b]) => rows.has(a.id!) || rows.has(b.id!));
    if (clash) {
      const [a, b] = rows.has(clash[0].id!) ? clash : [clash[1], clash[0]];
      throw userError('validation', 'exchange.duplicateMembership', { table: 'memberships', id: a.id!, other: b.id! });
    }
  }
}
