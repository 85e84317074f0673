/**
 * Which rows a change file holds: the rows of the group's closure (exchange/scope.ts collects it) that
 * this laptop changed since its last file, plus every row they reference, so the file never leaves a
 * reader with a dangling reference (a membership added today naming a person created last year).
 *
 * "Changed by this laptop" means some clock of the row (a field's, the creation stamp, a version-vector
 * entry) is this replica's and newer than `mark`, this replica's clock when it wrote its last file.
 * Every local write stamps with a clock strictly above everything seen, so nothing written here after
 * the mark is missed; rows whose newer clocks all belong to other laptops are theirs to send (each
 * laptop reads every other laptop's files), which keeps change files to the edits of their writer.
 */
import type { Row } from '../../../shared/exchange/merge';
import { parseFieldHlc } from '../../../shared/exchange/merge';
import type { Hlc } from '../../../shared/hlc';
import type { Db } from '../db/open';
import { foreignKeysOf } from '../exchange/scope';

/** Stamps are `${15 digits}-${5 chars}-${replica}`; successor stamps add dashes (merge.ts). */
function stampOf(stamp: string, replica: string): boolean {
  return stamp.slice(22).replace(/-+$/, '') === replica;
}

function changedBy(row: Row, replica: string, mark: Hlc | null): boolean {
  if (mark !== null && !(row.hlc > mark)) return false;
  if (mark === null) return true;
  let clocks: Record<string, string>;
  try {
    clocks = parseFieldHlc(row.field_hlc);
  } catch {
    return true;
  }
  for (const key in clocks) {
    const s = clocks[key]!;
    if (s > mark && stampOf(s, replica)) return true;
  }
  return stampOf(row.hlc, replica);
}

/**
 * The rows of `closure` (table → rows) changed by `replica` after `mark` (all of them when mark is
 * null), with the rows they reference from the closure. Empty when nothing changed.
 */
export function selectChanges(db: Db, closure: Record<string, Row[]>, replica: string, mark: Hlc | null): Record<string, Row[]> {
  const byId = new Map<string, Map<string, Row>>();
  for (const [table, rows] of Object.entries(closure)) byId.set(table, new Map(rows.map((r) => [r.id, r])));
  const picked = new Map<string, Map<string, Row>>();
  const queue: Array<[string, Row]> = [];
  const pick = (table: string, row: Row) => {
    let m = picked.get(table);
    if (!m) picked.set(table, (m = new Map()));
    if (m.has(row.id)) return;
    m.set(row.id, row);
    queue.push([table, row]);
  };
  for (const [table, rows] of Object.entries(closure)) for (const r of rows) if (changedBy(r, replica, mark)) pick(table, r);
  while (queue.length) {
    const [table, row] = queue.pop()!;
    // A status-history entry names its subject by id, not by a foreign key: the subject travels with it,
    // or the reader cannot place the entry in the group (the import leaves such an entry out).
    if (table === 'status_history' && typeof row.entity_id === 'string') {
      for (const [t, rows] of byId) {
        const subject = rows.get(row.entity_id);
        if (subject) pick(t, subject);
      }
    }
    for (const fk of foreignKeysOf(db, table)) {
      const v = row[fk.column];
      if (typeof v !== 'string') continue;
      const target = byId.get(fk.target)?.get(v);
      if (target) pick(fk.target, target);
    }
  }
  const out: Record<string, Row[]> = {};
  for (const table of Object.keys(closure).sort()) {
    const m = picked.get(table);
    if (m && m.size) out[table] = [...m.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }
  return out;
}

export function rowCount(tables: Record<string, Row[]>): number {
  let n = 0;
  for (const rows of Object.values(tables)) n += rows.length;
  return n;
}
