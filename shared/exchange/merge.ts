/**
 * Merge rules for rows that travel in exchange files (docs/exchange-format.md, "Merge rules").
 *
 * Pure functions of plain data: the import service reads rows from SQLite, calls these, and writes
 * `result` back. Every rule is chosen so that merging is commutative, associative and idempotent:
 * replicas that have seen the same rows end with the same content whatever the order of exchange,
 * and importing a file twice changes nothing the second time.
 *
 * State of one row = for every column a (value, clock) pair, plus for long-text columns a version
 * vector (which replicas' edits of that text the current version was written on top of). Merge is the
 * per-column "newer clock wins" join; two derived rules sit on top:
 *
 * - Edit vs delete: `deleted` is a column with its own clock. After the join, a row with deleted = 1
 *   whose some other column has a clock newer than the delete clock is kept alive: deleted becomes 0
 *   with the stamp `successorStamp(deleteClock)` (just above the delete, below any later real stamp).
 *   The rule depends only on the joined state, so it commutes with further merges (a rule based on
 *   "which side had seen what" at the moment two rows meet does not: it gives different answers for
 *   different exchange orders). HLC stamps respect causality, so an edit made after seeing the delete
 *   never happens on a live row, and a delete made after seeing an edit always has the larger stamp and
 *   wins. The merge flags 'edit_vs_delete' whenever a live side brings an edit the deleting side had
 *   not seen (whether the row stays alive or the older edit lands in the tombstone).
 *
 * - Long-text conflicts: for each long-text column field_hlc carries `"<column>@<replica>": stamp`
 *   entries — the newest edit of that column by each replica that the current text was written on
 *   top of (a per-column version vector; pointwise max on merge). The current clock and the creation
 *   stamp are implied entries, so code that edits a row locally only has to set
 *   field_hlc[column] = stamp and keep the other keys. When two different texts meet, the one with the
 *   newer clock is stored; if its version vector does not cover the other's clock, the other text was
 *   never seen by its writer: a conflict carrying both texts is returned for the user to resolve.
 *   Sequential edits (A writes, B imports and rewrites, A imports B's) are never conflicts — except
 *   that a text emptied on top of another side's text is always returned as a conflict, so words are
 *   never discarded by a clear without the user seeing them once (docs/exchange-format.md).
 */
import { formatHlc, parseHlc, type Hlc } from '../hlc';

/** One travelling row: meta columns plus the table's own snake_case columns. */
export interface Row {
  id: string;
  created_at: string;
  updated_at: string;
  /** Stamp of the row's last change (max of all its clocks). */
  hlc: Hlc;
  /** JSON text: {"*": creation stamp, "<column>": stamp of its last change, "<column>@<replica>": ...}. */
  field_hlc: string;
  deleted: 0 | 1;
  [column: string]: unknown;
}

export interface MergeOptions {
  /** Columns holding long free text (minutes, notes): concurrent edits keep both versions. */
  longTextFields: readonly string[];
}

export interface FieldConflict {
  field: string;
  localValue: unknown;
  remoteValue: unknown;
  localHlc: Hlc;
  remoteHlc: Hlc;
}

export type MergeFlag = 'edit_vs_delete';

export interface MergeRowResult {
  /** The row to write; undefined when the local row already holds everything (nothing to write). */
  result: Row | undefined;
  /** Columns (including `deleted`) whose value differs from the local row. */
  changedFields: string[];
  /** Concurrent edits of long-text columns: the stored text is the winner's, the other is here. */
  conflicts: FieldConflict[];
  flags: MergeFlag[];
}

/** Columns that describe the row rather than hold its data; they never carry their own clock. */
export const META_COLUMNS: ReadonlySet<string> = new Set(['id', 'created_at', 'updated_at', 'hlc', 'field_hlc']);

/** Sorts below every stamp: the clock of a column a row does not have (the other side always wins). */
const NO_CLOCK = '';

// A stamp is `${15 digits}-${5 chars}-${replica}`; validated rows let us slice instead of regex.
const REPLICA_OFFSET = 22;
function replicaOf(stamp: Hlc): string {
  return stamp.slice(REPLICA_OFFSET);
}

/**
 * The smallest stamp above `stamp` that no clock ever issues: the same instant with the replica id
 * extended by "-". Used to keep a row alive after an edit-vs-delete, deterministically on every replica.
 */
export function successorStamp(stamp: Hlc): Hlc {
  if (replicaOf(stamp).length < 64) return `${stamp}-`;
  // Replica ids are UUIDs in practice; this fallback only keeps the stamp valid for a 64-char id.
  const { wall, counter, replica } = parseHlc(stamp);
  return counter + 1 < 36 ** 5
    ? formatHlc({ wall, counter: counter + 1, replica })
    : formatHlc({ wall: wall + 1, counter: 0, replica });
}

interface Clocks {
  star: Hlc;
  fields: Map<string, Hlc>;
  /** column -> replica -> newest stamp of that replica's edits the current text is based on. */
  vv: Map<string, Map<string, Hlc>>;
}

/** Parses field_hlc JSON text. Throws on malformed text: rows reaching merge have been validated. */
export function parseFieldHlc(text: string): Record<string, Hlc> {
  const value: unknown = JSON.parse(text);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new TypeError('field_hlc is not a JSON object');
  }
  return value as Record<string, Hlc>;
}

function parseClocks(row: Row): Clocks {
  const obj = parseFieldHlc(row.field_hlc);
  const fields = new Map<string, Hlc>();
  const vv = new Map<string, Map<string, Hlc>>();
  let star: Hlc | undefined;
  for (const key of Object.keys(obj)) {
    const stamp = obj[key]!;
    if (key === '*') {
      star = stamp;
      continue;
    }
    const at = key.indexOf('@');
    if (at < 0) {
      fields.set(key, stamp);
      continue;
    }
    const field = key.slice(0, at);
    let entries = vv.get(field);
    if (!entries) vv.set(field, (entries = new Map()));
    const replica = replicaOf(stamp);
    const prev = entries.get(replica);
    if (prev === undefined || stamp > prev) entries.set(replica, stamp);
  }
  // A row without "*" is malformed; its row stamp is the best stand-in for the creation stamp.
  return { star: star ?? row.hlc, fields, vv };
}

function clockIn(row: Row, clocks: Clocks, field: string): Hlc {
  if (!(field in row)) return NO_CLOCK;
  return clocks.fields.get(field) ?? clocks.star;
}

/** The clock of one column: field_hlc[column] ?? field_hlc["*"]. */
export function fieldClock(row: Row, field: string): Hlc {
  const obj = parseFieldHlc(row.field_hlc);
  return obj[field] ?? obj['*'] ?? row.hlc;
}

function effectiveVv(row: Row, clocks: Clocks, field: string): Map<string, Hlc> {
  const out = new Map(clocks.vv.get(field));
  const bump = (stamp: Hlc) => {
    if (stamp === NO_CLOCK) return;
    const r = replicaOf(stamp);
    const prev = out.get(r);
    if (prev === undefined || stamp > prev) out.set(r, stamp);
  };
  bump(clocks.star);
  bump(clockIn(row, clocks, field));
  return out;
}

function isDeleted(value: unknown): boolean {
  return value === 1 || value === true;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === 'number' && typeof b === 'number') return Number.isNaN(a) && Number.isNaN(b);
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') {
    return JSON.stringify(a) === JSON.stringify(b);
  }
  return false;
}

function dataFields(row: Row): string[] {
  return Object.keys(row).filter((k) => !META_COLUMNS.has(k));
}

interface Combined {
  row: Row;
  conflicts: FieldConflict[];
  /** An edit from the live side that the deleting side had not seen. */
  editVsDelete: boolean;
}

/** Canonical field_hlc text: sorted keys, columns at the creation clock omitted, version vectors in full. */
function serialiseClocks(star: Hlc, fields: Map<string, Hlc>, vv: Map<string, Map<string, Hlc>>): string {
  const entries: Array<[string, Hlc]> = [['*', star]];
  for (const [field, clock] of fields) if (clock !== star && clock !== NO_CLOCK) entries.push([field, clock]);
  for (const [field, map] of vv) {
    for (const [replica, stamp] of map) if (stamp !== star) entries.push([`${field}@${replica}`, stamp]);
  }
  entries.sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
  const obj: Record<string, Hlc> = {};
  for (const [k, v] of entries) obj[k] = v;
  return JSON.stringify(obj);
}

function isEmptyText(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
}

/** Columns whose version vector is tracked: the long-text ones, plus any that already carry entries. */
function trackedFields(longText: readonly string[], local: Row, remote: Row, lc: Clocks, rc: Clocks): string[] {
  const out: string[] = [];
  const consider = (f: string) => {
    if ((f in local || f in remote) && !out.includes(f)) out.push(f);
  };
  for (const f of longText) consider(f);
  for (const f of lc.vv.keys()) consider(f);
  if (rc !== lc) for (const f of rc.vv.keys()) consider(f);
  return out.sort();
}

/** Data columns of both rows, local's order first (cheap when both have the same columns). */
function unionFields(local: Row, remote: Row): string[] {
  const fields: string[] = [];
  for (const k in local) if (!META_COLUMNS.has(k)) fields.push(k);
  if (remote !== local) for (const k in remote) if (!META_COLUMNS.has(k) && !(k in local)) fields.push(k);
  return fields;
}

function combine(local: Row, lc: Clocks, remote: Row, rc: Clocks, opts: MergeOptions): Combined {
  const fields = unionFields(local, remote);
  const star = lc.star <= rc.star ? lc.star : rc.star;
  const out: Row = { ...local };
  const clocks = new Map<string, Hlc>();
  const conflicts: FieldConflict[] = [];
  const longText = opts.longTextFields;

  for (const f of fields) {
    const a = clockIn(local, lc, f);
    const b = clockIn(remote, rc, f);
    // Newer wins; an equal or older clock changes nothing (equal stamps mean the same edit).
    if (b > a) {
      out[f] = remote[f];
      clocks.set(f, b);
    } else {
      clocks.set(f, a);
    }
    if (a !== b && longText.includes(f) && a !== NO_CLOCK && b !== NO_CLOCK && !sameValue(local[f], remote[f])) {
      const [winner, wc, loserClock] = b > a ? [remote, rc, a] : [local, lc, b];
      const seen = effectiveVv(winner, wc, f).get(replicaOf(loserClock));
      // A text emptied on top of a text the other side still holds is kept too, even when the
      // emptying side had seen it: a clear is never allowed to discard words without the user seeing
      // them once under Conflicts (this is how text lost to an unasked-for clear comes back).
      const emptied = isEmptyText(winner[f]) && !isEmptyText(b > a ? local[f] : remote[f]);
      if (emptied || seen === undefined || seen < loserClock) {
        conflicts.push({ field: f, localValue: local[f], remoteValue: remote[f], localHlc: a, remoteHlc: b });
      }
    }
  }

  const vv = new Map<string, Map<string, Hlc>>();
  for (const f of trackedFields(longText, local, remote, lc, rc)) {
    const merged = effectiveVv(local, lc, f);
    if (remote !== local) {
      for (const [r, s] of effectiveVv(remote, rc, f)) {
        const prev = merged.get(r);
        if (prev === undefined || s > prev) merged.set(r, s);
      }
    }
    vv.set(f, new Map([...merged].sort((x, y) => (x[0] < y[0] ? -1 : 1))));
  }

  // Edit vs delete, decided on the joined state only (see the file comment).
  const deleteClock = clocks.get('deleted') ?? star;
  let newestEdit: Hlc = NO_CLOCK;
  for (const [f, c] of clocks) if (f !== 'deleted' && c > newestEdit) newestEdit = c;
  if (isDeleted(out.deleted) && newestEdit > deleteClock) {
    out.deleted = 0;
    clocks.set('deleted', successorStamp(deleteClock));
  }

  let editVsDelete = false;
  if (isDeleted(local.deleted) !== isDeleted(remote.deleted)) {
    const [live, liveC, dead, deadC] = isDeleted(local.deleted) ? [remote, rc, local, lc] : [local, lc, remote, rc];
    // Only columns both sides have: a column missing on one side is a schema difference, not an edit.
    editVsDelete = fields.some(
      (f) => f !== 'deleted' && f in dead && f in live && clockIn(live, liveC, f) > clockIn(dead, deadC, f),
    );
  }

  let hlc = local.hlc >= remote.hlc ? local.hlc : remote.hlc;
  for (const c of clocks.values()) if (c > hlc) hlc = c;
  out.hlc = hlc;
  out.created_at = local.created_at <= remote.created_at ? local.created_at : remote.created_at;
  out.updated_at = local.updated_at >= remote.updated_at ? local.updated_at : remote.updated_at;
  out.field_hlc = serialiseClocks(star, clocks, vv);
  return { row: out, conflicts, editVsDelete };
}

/**
 * The canonical form of a row as it would be stored after a merge: field_hlc with sorted keys and
 * version vectors materialised, the edit-vs-delete rule applied. Two replicas hold the same content
 * exactly when their rows normalise to deep-equal objects. A row already in that form may be
 * returned itself (not a copy): callers never modify the rows they pass or get back.
 */
export function normaliseRow(row: Row, opts: MergeOptions): Row {
  // The commonest row of all, never edited and its field_hlc already the canonical {"*": its own
  // stamp}: it is its own canonical form (the case below would copy it unchanged). Returned as is.
  if (typeof row.hlc === 'string' && row.field_hlc === `{"*":${JSON.stringify(row.hlc)}}`) return row;
  const c = parseClocks(row);
  // A row never edited since it was made (field_hlc is only {"*": stamp}, the row stamp not older):
  // every column is at the creation clock, so the canonical form is the row itself with that
  // field_hlc — what combine() gives, without walking the columns (most rows of a large file).
  if (c.fields.size === 0 && c.vv.size === 0 && row.hlc >= c.star) {
    return { ...row, field_hlc: JSON.stringify({ '*': c.star }) };
  }
  return combine(row, c, row, c, opts).row;
}

function rowsDiffer(a: Row, b: Row): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) if (!sameValue(a[k], b[k])) return true;
  return false;
}

/** Merges a remote row into the local one (see the file comment for the rules). */
export function mergeRow(local: Row | undefined, remote: Row, opts: MergeOptions): MergeRowResult {
  if (local === undefined) {
    const result = normaliseRow(remote, opts);
    return { result, changedFields: dataFields(result), conflicts: [], flags: [] };
  }
  // Same row stamp and same clocks: the same state (a repeat import); skip the work.
  if (local.hlc === remote.hlc && local.field_hlc === remote.field_hlc) {
    return { result: undefined, changedFields: [], conflicts: [], flags: [] };
  }
  const lc = parseClocks(local);
  const rc = parseClocks(remote);
  const merged = combine(local, lc, remote, rc, opts);
  const changedFields = dataFields(merged.row).filter((f) => !(f in local) || !sameValue(local[f], merged.row[f]));
  // Compare with the local row in canonical form so a mere re-serialisation of field_hlc is not a write.
  const canonicalLocal: Row = { ...local, field_hlc: combine(local, lc, local, lc, opts).row.field_hlc };
  if (changedFields.length === 0 && !rowsDiffer(canonicalLocal, merged.row)) {
    // Nothing to write, but a text the local side emptied is still offered back as a conflict.
    return { result: undefined, changedFields: [], conflicts: merged.conflicts, flags: [] };
  }
  return {
    result: merged.row,
    changedFields,
    conflicts: merged.conflicts,
    flags: merged.editVsDelete ? ['edit_vs_delete'] : [],
  };
}

export type LocalRows = ReadonlyMap<string, Row> | Readonly<Record<string, Row>> | ((id: string) => Row | undefined);

export interface RowConflict extends FieldConflict {
  id: string;
}

export interface MergeTableResult {
  /** New rows that are visible (not tombstones). */
  added: number;
  /** Visible rows whose visible values change. */
  updated: number;
  /** Visible rows that become deleted. */
  deleted: number;
  /** Deleted rows that come back (an edit newer than the delete, or an undelete). */
  restored: number;
  /** Everything else, including clock-only updates and tombstones for rows never seen here. */
  unchanged: number;
  /** Rows to write, one per id, in first-seen order. */
  writes: Row[];
  conflicts: RowConflict[];
  flagged: Array<{ id: string; flag: MergeFlag }>;
}

/** Merges all remote rows of one table; the counts are what a dry-run preview shows. */
export function mergeTable(local: LocalRows, remoteRows: readonly Row[], opts: MergeOptions): MergeTableResult {
  const lookup: (id: string) => Row | undefined =
    typeof local === 'function'
      ? local
      : local instanceof Map
        ? (id) => local.get(id)
        : (id) => (Object.prototype.hasOwnProperty.call(local, id) ? (local as Record<string, Row>)[id] : undefined);
  const written = new Map<string, Row>();
  const out: MergeTableResult = {
    added: 0,
    updated: 0,
    deleted: 0,
    restored: 0,
    unchanged: 0,
    writes: [],
    conflicts: [],
    flagged: [],
  };
  for (const remote of remoteRows) {
    const before = written.get(remote.id) ?? lookup(remote.id);
    if (before === undefined) {
      // A row new here: its canonical form is written (mergeRow's first case, without listing its fields).
      const result = normaliseRow(remote, opts);
      written.set(remote.id, result);
      if (isDeleted(result.deleted)) out.unchanged++;
      else out.added++;
      continue;
    }
    const m = mergeRow(before, remote, opts);
    for (const c of m.conflicts) out.conflicts.push({ id: remote.id, ...c });
    for (const flag of m.flags) out.flagged.push({ id: remote.id, flag });
    if (!m.result) {
      out.unchanged++;
      continue;
    }
    written.set(remote.id, m.result);
    const nowDeleted = isDeleted(m.result.deleted);
    if (!before) {
      if (nowDeleted) out.unchanged++;
      else out.added++;
    } else if (!isDeleted(before.deleted) && nowDeleted) out.deleted++;
    else if (isDeleted(before.deleted) && !nowDeleted) out.restored++;
    else if (!nowDeleted && m.changedFields.some((f) => f !== 'deleted')) out.updated++;
    else out.unchanged++;
  }
  out.writes = [...written.values()];
  return out;
}

/** ISO time of a stamp's wall clock, for updated_at / created_at of rows made by the helpers below. */
function isoOf(stamp: Hlc): string {
  return new Date(parseHlc(stamp).wall).toISOString();
}

/**
 * A new row as the local editing code should create it (reference for services and tests).
 */
export function createRow(id: string, values: Record<string, unknown>, stamp: Hlc): Row {
  const iso = isoOf(stamp);
  return {
    ...values,
    id,
    created_at: iso,
    updated_at: iso,
    hlc: stamp,
    field_hlc: JSON.stringify({ '*': stamp }),
    deleted: 0,
  };
}

/**
 * A local edit as the editing code should record it: field_hlc[column] = stamp for every changed
 * column, other keys kept (they carry version vectors). Editing a tombstone without touching `deleted`
 * re-stamps `deleted` too, so the edit does not count as newer than the delete and revive the row.
 */
export function applyLocalEdit(row: Row, changes: Record<string, unknown>, stamp: Hlc): Row {
  const fh = parseFieldHlc(row.field_hlc);
  const next: Row = { ...row };
  let touched = false;
  for (const [k, v] of Object.entries(changes)) {
    if (META_COLUMNS.has(k) || (k in row && sameValue(row[k], v))) continue;
    next[k] = v;
    fh[k] = stamp;
    touched = true;
  }
  if (!touched) return row;
  if (isDeleted(row.deleted) && !('deleted' in changes)) fh.deleted = stamp;
  next.field_hlc = JSON.stringify(fh);
  next.hlc = stamp;
  next.updated_at = isoOf(stamp);
  return next;
}
