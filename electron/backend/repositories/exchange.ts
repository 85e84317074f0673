import type { RowStore } from '../db/store';

/** A row of `conflicts` as stored (the exchange merge writes them; Conflicts resolves them). */
export interface ConflictRow {
  id: string;
  table_name: string;
  row_id: string;
  field: string;
  local_value: string | null;
  remote_value: string | null;
  local_hlc: string | null;
  remote_hlc: string | null;
  kind: string;
  created_at: string;
  resolved_at: string | null;
}

/** The newest 200 imports and exports, optionally of one group's files only. */
export function exchangeLogRows(store: RowStore, groupId: string | null): Array<Record<string, string | null>> {
  return store
    .prepare(
      `SELECT id, export_id, direction, at, file_name, scope, replica_id FROM exchange_log
       WHERE @groupId IS NULL OR json_extract(scope, '$.groupId') = @groupId
       ORDER BY at DESC LIMIT 200`,
    )
    .all({ groupId }) as Array<Record<string, string | null>>;
}

/** Open conflicts first, newest first (resolved ones too when asked). */
export function listConflicts(store: RowStore, includeResolved: boolean): ConflictRow[] {
  return store
    .prepare(
      `SELECT * FROM conflicts WHERE @all = 1 OR resolved_at IS NULL ORDER BY resolved_at IS NOT NULL, created_at DESC, id LIMIT 500`,
    )
    .all({ all: includeResolved ? 1 : 0 }) as ConflictRow[];
}

export function getConflict(store: RowStore, id: string): ConflictRow | undefined {
  return store.prepare(`SELECT * FROM conflicts WHERE id = ?`).get(id) as ConflictRow | undefined;
}

/** Mark every open conflict of one field of one row resolved at `at`. */
export function resolveConflictsOf(store: RowStore, c: Pick<ConflictRow, 'table_name' | 'row_id' | 'field'>, at: string): void {
  store
    .prepare(`UPDATE conflicts SET resolved_at = ? WHERE resolved_at IS NULL AND table_name = ? AND row_id = ? AND field = ?`)
    .run(at, c.table_name, c.row_id, c.field);
}
