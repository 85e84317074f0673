// What an imported record or a conflict is about, in the words a user knows: the group, the meeting and
// its date, the agenda item, and where to open it. The import preview lists the records themselves by name
// (grouped group → meeting → item) instead of counts per table, and hides the bookkeeping tables; the
// Conflicts screen says which minutes of which meeting collided. Read-only: it never writes.

import type { Ctx } from '../context';
import { parseHlc } from '../../../shared/hlc';
import type { RecordChange, RecordWhere } from '../../../shared/domain/exchange';

type Row = Record<string, unknown>;
type Lookup = (table: string, id: string) => Row | undefined;

/** Tables a user thinks in; the rest (status history, clocks, logs, join rows) are bookkeeping. */
export const USER_TABLES = new Set([
  'work_groups',
  'organisations',
  'people',
  'memberships',
  'meetings',
  'agenda_items',
  'decisions',
  'action_items',
  'measures',
  'indicators',
  'indicator_values',
  'rotations',
  'scanning_rounds',
  'candidates',
  'handovers',
]);

/** Columns that only the machinery changes: never listed as "what changed". */
const META_COLUMNS = new Set(['id', 'hlc', 'field_hlc', 'created_at', 'updated_at', 'search_text']);

const LABEL_COLUMNS = ['title', 'name', 'label', 'text', 'abbreviation', 'period', 'date'];
export function labelOfRow(row: Row | undefined): string {
  if (!row) return '';
  for (const c of LABEL_COLUMNS) if (typeof row[c] === 'string' && row[c]) return (row[c] as string).slice(0, 120);
  return '';
}

const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);

/** The group, meeting, date and item a row belongs to, and the page that shows it. */
export function whereOf(ctx: Ctx, table: string, row: Row | undefined, lookup?: Lookup): RecordWhere {
  const get: Lookup = (t, id) => lookup?.(t, id) ?? (ctx.store.getRaw(t, id) as Row | undefined);
  const where: RecordWhere = { group: null, groupId: null, meeting: null, meetingId: null, date: null, item: null, route: null };
  if (!row) return where;
  let meeting: Row | undefined;
  let groupId: string | null = null;
  switch (table) {
    case 'work_groups':
      groupId = str(row.id);
      where.route = { page: 'groups', params: [String(row.id)] };
      break;
    case 'meetings':
      meeting = row;
      break;
    case 'agenda_items':
      meeting = str(row.meeting_id) ? get('meetings', row.meeting_id as string) : undefined;
      where.item = labelOfRow(row) || null;
      break;
    case 'decisions':
    case 'action_items': {
      meeting = str(row.meeting_id) ? get('meetings', row.meeting_id as string) : undefined;
      const item = str(row.agenda_item_id) ? get('agenda_items', row.agenda_item_id as string) : undefined;
      where.item = labelOfRow(item) || null;
      groupId = str(row.group_id);
      if (table === 'action_items') where.route = { page: 'actions', params: [String(row.id)] };
      break;
    }
    case 'candidates':
      where.route = { page: 'scanning', params: ['candidate', String(row.id)] };
      break;
    case 'scanning_rounds':
      groupId = str(row.group_id);
      where.route = { page: 'scanning', params: [String(row.id)] };
      break;
    default:
      groupId = str(row.group_id);
  }
  if (meeting) {
    where.meeting = labelOfRow(meeting) || null;
    where.meetingId = str(meeting.id);
    where.date = str(meeting.date);
    groupId = groupId ?? str(meeting.group_id);
    where.route ??= { page: 'meetings', params: [String(meeting.id)] };
  }
  if (groupId) {
    where.groupId = groupId;
    where.group = labelOfRow(get('work_groups', groupId)) || null;
    where.route ??= { page: 'groups', params: [groupId] };
  }
  return where;
}

/** When and on which replica (laptop) a clock stamp was written. */
export function stampInfo(hlc: string | null | undefined): { at: string; replica: string } | null {
  if (!hlc) return null;
  try {
    const p = parseHlc(hlc as never);
    return { at: new Date(p.wall).toISOString(), replica: String(p.replica) };
  } catch {
    return null;
  }
}

/**
 * Every record of the plan's writes in a user table, with what changes in it: new records, deleted ones,
 * and for an update the fields whose value differs from what is stored now. Sorted group → meeting date →
 * meeting → item → record so the preview can group them.
 */
export function describeChanges(
  ctx: Ctx,
  writes: Array<{ table: string; rows: Row[]; fresh: Set<string> }>,
  limit = 2000,
  /** The same rows by table and id, when the caller has them already (the import's plan does). */
  byId?: ReadonlyMap<string, ReadonlyMap<string, Row>>,
): { records: RecordChange[]; bookkeeping: number; more: number } {
  const pending = byId ?? new Map(writes.map((w) => [w.table, new Map(w.rows.map((r) => [String(r.id), r]))]));
  const lookup: Lookup = (t, id) => pending.get(t)?.get(id);
  const records: RecordChange[] = [];
  let bookkeeping = 0;
  let total = 0;
  for (const w of writes) {
    if (!USER_TABLES.has(w.table)) {
      bookkeeping += w.rows.length;
      continue;
    }
    for (const row of w.rows) {
      total++;
      if (records.length >= limit) continue;
      const id = String(row.id);
      const before = w.fresh.has(id) ? undefined : (ctx.store.getRaw(w.table, id) as Row | undefined);
      let action: RecordChange['action'] = 'added';
      let fields: string[] = [];
      if (before) {
        fields = Object.keys(row).filter((k) => !META_COLUMNS.has(k) && k !== 'deleted' && row[k] !== before[k]);
        action =
          row.deleted === 1 && before.deleted !== 1
            ? 'deleted'
            : row.deleted !== 1 && before.deleted === 1
              ? 'restored'
              : 'updated';
      }
      records.push({
        table: w.table,
        rowId: id,
        action,
        label: labelOfRow(row),
        fields,
        where: whereOf(ctx, w.table, row, lookup),
      });
    }
  }
  // Each record's sort key made once (not twice per comparison).
  const keyed = records.map((r) => ({
    r,
    key: [r.where.group ?? '', r.where.date ?? '', r.where.meeting ?? '', r.where.item ?? '', r.table, r.label].join('\u0000'),
  }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { records: keyed.map((k) => k.r), bookkeeping, more: total - records.length };
}
