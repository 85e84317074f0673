/**
 * The sync folder tables (migration 0009): written only by sync/manager.ts through these functions.
 */
import { randomUUID } from 'node:crypto';
import type { RowStore } from '../db/store';

export interface LinkRow {
  group_id: string;
  folder: string;
  laptop_name: string;
  paused: number;
  remembered: number;
  next_seq: number;
  mark: string | null;
  last_snapshot_seq: number | null;
  last_snapshot_at: string | null;
  linked_at: string;
  last_exchange_at: string | null;
  last_problem: string | null;
}

export interface PeerRow {
  group_id: string;
  replica_id: string;
  laptop_name: string;
  covered_through: number;
  first_seen_at: string;
  last_seen_at: string;
  last_applied_at: string | null;
  left_at: string | null;
  removed_at: string | null;
}

export interface FileRow {
  group_id: string;
  seq: number;
  export_id: string;
  snapshot: number;
  sha256: string;
  size: number;
  rows: number;
  written_at: string;
  pruned_at: string | null;
}

export interface LogRow {
  id: string;
  group_id: string;
  at: string;
  kind: string;
  replica_id: string | null;
  file_name: string | null;
  export_id: string | null;
  summary: string;
}

export function listLinks(store: RowStore): LinkRow[] {
  return store.prepare(`SELECT * FROM sync_links ORDER BY linked_at, group_id`).all() as LinkRow[];
}

export function getLink(store: RowStore, groupId: string): LinkRow | undefined {
  return store.prepare(`SELECT * FROM sync_links WHERE group_id = ?`).get(groupId) as LinkRow | undefined;
}

export function insertLink(
  store: RowStore,
  link: Pick<LinkRow, 'group_id' | 'folder' | 'laptop_name' | 'remembered' | 'next_seq' | 'linked_at'>,
): void {
  store
    .prepare(
      `INSERT INTO sync_links (group_id, folder, laptop_name, remembered, next_seq, linked_at)
       VALUES (@group_id, @folder, @laptop_name, @remembered, @next_seq, @linked_at)`,
    )
    .run(link);
}

type LinkPatch = Partial<Omit<LinkRow, 'group_id'>>;

export function updateLink(store: RowStore, groupId: string, patch: LinkPatch): void {
  const cols = Object.keys(patch);
  if (!cols.length) return;
  store
    .prepare(`UPDATE sync_links SET ${cols.map((c) => `${c} = @${c}`).join(', ')} WHERE group_id = @group_id`)
    .run({ ...patch, group_id: groupId });
}

/** Unlinking forgets the link and the peers; the log and the list of written files stay for the record. */
export function deleteLink(store: RowStore, groupId: string): void {
  store.prepare(`DELETE FROM sync_links WHERE group_id = ?`).run(groupId);
  store.prepare(`DELETE FROM sync_peers WHERE group_id = ?`).run(groupId);
}

export function listPeers(store: RowStore, groupId: string): PeerRow[] {
  return store
    .prepare(`SELECT * FROM sync_peers WHERE group_id = ? ORDER BY first_seen_at, replica_id`)
    .all(groupId) as PeerRow[];
}

export function upsertPeer(store: RowStore, groupId: string, replicaId: string, laptopName: string, at: string): void {
  store
    .prepare(
      `INSERT INTO sync_peers (group_id, replica_id, laptop_name, first_seen_at, last_seen_at)
       VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (group_id, replica_id) DO UPDATE SET laptop_name = excluded.laptop_name, last_seen_at = excluded.last_seen_at`,
    )
    .run(groupId, replicaId, laptopName, at, at);
}

export function updatePeer(store: RowStore, groupId: string, replicaId: string, patch: Partial<PeerRow>): void {
  const cols = Object.keys(patch);
  if (!cols.length) return;
  store
    .prepare(
      `UPDATE sync_peers SET ${cols.map((c) => `${c} = @${c}`).join(', ')} WHERE group_id = @group_id AND replica_id = @replica_id`,
    )
    .run({ ...patch, group_id: groupId, replica_id: replicaId });
}

export function listFiles(store: RowStore, groupId: string, includePruned = false): FileRow[] {
  return store
    .prepare(`SELECT * FROM sync_files WHERE group_id = ? AND (? = 1 OR pruned_at IS NULL) ORDER BY seq`)
    .all(groupId, includePruned ? 1 : 0) as FileRow[];
}

export function insertFile(store: RowStore, file: Omit<FileRow, 'pruned_at'>): void {
  store
    .prepare(
      `INSERT OR REPLACE INTO sync_files (group_id, seq, export_id, snapshot, sha256, size, rows, written_at)
       VALUES (@group_id, @seq, @export_id, @snapshot, @sha256, @size, @rows, @written_at)`,
    )
    .run(file);
}

export function markPruned(store: RowStore, groupId: string, seq: number, at: string): void {
  store.prepare(`UPDATE sync_files SET pruned_at = ? WHERE group_id = ? AND seq = ?`).run(at, groupId, seq);
}

/** Forget the files of an earlier link whose names a new link reuses (never: numbers continue). */
export function forgetFilesFrom(store: RowStore, groupId: string, seq: number): void {
  store.prepare(`DELETE FROM sync_files WHERE group_id = ? AND seq >= ?`).run(groupId, seq);
}

export function addLog(store: RowStore, entry: Omit<LogRow, 'id'>): void {
  store
    .prepare(
      `INSERT INTO sync_log (id, group_id, at, kind, replica_id, file_name, export_id, summary)
       VALUES (@id, @group_id, @at, @kind, @replica_id, @file_name, @export_id, @summary)`,
    )
    .run({ id: randomUUID(), ...entry });
}

export function listLog(store: RowStore, groupId: string, limit = 200): LogRow[] {
  return store
    .prepare(`SELECT * FROM sync_log WHERE group_id = ? ORDER BY at DESC, rowid DESC LIMIT ?`)
    .all(groupId, limit) as LogRow[];
}

/** Export ids of files this database has applied (the import pipeline logs every import). */
export function importedExportIds(store: RowStore, exportIds: string[]): Set<string> {
  if (!exportIds.length) return new Set();
  const rows = store
    .prepare(
      `SELECT DISTINCT export_id FROM exchange_log WHERE direction = 'import' AND export_id IN (SELECT value FROM json_each(?))`,
    )
    .pluck()
    .all(JSON.stringify(exportIds)) as string[];
  return new Set(rows);
}

/** Export ids of files of the folder that were refused (they are not retried). */
export function refusedExportIds(store: RowStore, groupId: string): Set<string> {
  const rows = store
    .prepare(`SELECT DISTINCT export_id FROM sync_log WHERE group_id = ? AND kind = 'refused' AND export_id IS NOT NULL`)
    .pluck()
    .all(groupId) as string[];
  return new Set(rows);
}

export function groupName(store: RowStore, groupId: string): string | null {
  const row = store.prepare(`SELECT name FROM work_groups WHERE id = ?`).get(groupId) as { name: string } | undefined;
  return row?.name ?? null;
}
