import type { Material, MeetingReply } from '../../../shared/domain/materials';
import type { RawRow, RowStore } from '../db/store';

/** Queries of the materials and replies tables (written only by services/materials.ts and services/invitations.ts). */

export function materialsOf(store: RowStore, meetingId: string, includeArchived = false): Material[] {
  const rows = store
    .prepare(
      `SELECT a.* FROM attachments a LEFT JOIN agenda_items i ON i.id = a.agenda_item_id
       WHERE a.meeting_id = ? AND (? OR a.deleted = 0)
       ORDER BY a.agenda_item_id IS NOT NULL, i.position, a.created_at, json_extract(a.field_hlc, '$."*"'), a.id`,
    )
    .all(meetingId, includeArchived ? 1 : 0) as RawRow[];
  return rows.map((r) => store.decode<Material>('attachments', r));
}

export function liveMaterialCount(store: RowStore, meetingId: string): number {
  return store.prepare(`SELECT count(*) FROM attachments WHERE meeting_id = ? AND deleted = 0`).pluck().get(meetingId) as number;
}

export function blobContent(store: RowStore, sha256: string): Buffer | undefined {
  return store.prepare(`SELECT content FROM blobs WHERE sha256 = ?`).pluck().get(sha256) as Buffer | undefined;
}

export function hasBlob(store: RowStore, sha256: string): boolean {
  return store.prepare(`SELECT 1 FROM blobs WHERE sha256 = ?`).pluck().get(sha256) !== undefined;
}

/** Stores bytes under their hash; a second copy of the same bytes is not stored again. Returns true if new. */
export function putBlob(store: RowStore, sha256: string, content: Uint8Array): boolean {
  return (
    store
      .prepare(`INSERT INTO blobs (sha256, size, content, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING`)
      .run(sha256, content.length, content, store.nowIso()).changes === 1
  );
}

/** Drops bytes no live material uses any more (a removed material's file does not linger). */
export function dropUnusedBlobs(store: RowStore): number {
  return store
    .prepare(`DELETE FROM blobs WHERE NOT EXISTS (SELECT 1 FROM attachments a WHERE a.sha256 = blobs.sha256 AND a.deleted = 0)`)
    .run().changes;
}

/** Hashes of the live materials among `rows` (raw attachment rows), for an export. */
export function liveHashes(rows: Iterable<RawRow>): string[] {
  const out = new Set<string>();
  for (const r of rows) if (r.deleted === 0 && typeof r.sha256 === 'string') out.add(r.sha256);
  return [...out].sort();
}

export function allLiveHashes(store: RowStore): string[] {
  return store.prepare(`SELECT DISTINCT sha256 FROM attachments WHERE deleted = 0 ORDER BY sha256`).pluck().all() as string[];
}

export function repliesOf(store: RowStore, meetingId: string): MeetingReply[] {
  const rows = store
    .prepare(`SELECT * FROM meeting_replies WHERE meeting_id = ? AND deleted = 0 ORDER BY updated_at, id`)
    .all(meetingId) as RawRow[];
  return rows.map((r) => store.decode<MeetingReply>('meeting_replies', r));
}

export function replyOf(store: RowStore, meetingId: string, personId: string): MeetingReply | undefined {
  const r = store
    .prepare(
      `SELECT * FROM meeting_replies WHERE meeting_id = ? AND person_id = ? AND deleted = 0 ORDER BY updated_at DESC LIMIT 1`,
    )
    .get(meetingId, personId) as RawRow | undefined;
  return r ? store.decode<MeetingReply>('meeting_replies', r) : undefined;
}

export interface PersonContact {
  id: string;
  name: string;
  email: string | null;
}

export function peopleByEmail(store: RowStore, emails: string[]): PersonContact[] {
  if (emails.length === 0) return [];
  return store
    .prepare(`SELECT id, name, email FROM people WHERE deleted = 0 AND lower(email) IN (SELECT lower(value) FROM json_each(?))`)
    .all(JSON.stringify(emails)) as PersonContact[];
}

export function contactsOf(store: RowStore, ids: string[]): PersonContact[] {
  if (ids.length === 0) return [];
  return store
    .prepare(`SELECT id, name, email FROM people WHERE id IN (SELECT value FROM json_each(?))`)
    .all(JSON.stringify(ids)) as PersonContact[];
}

/** Every meeting the series ever had, archived ones too (an invitation's SEQUENCE counts their changes). */
export function seriesSequence(store: RowStore, seriesId: string): number {
  return store.prepare(`SELECT coalesce(sum(ics_sequence), 0) FROM meetings WHERE series_id = ?`).pluck().get(seriesId) as number;
}

export function seriesMeetingsAll(
  store: RowStore,
  seriesId: string,
): Array<{ id: string; originalDate: string | null; date: string; status: string; deleted: number }> {
  return store
    .prepare(
      `SELECT id, original_date AS originalDate, date, status, deleted FROM meetings WHERE series_id = ? ORDER BY date, id`,
    )
    .all(seriesId) as Array<{ id: string; originalDate: string | null; date: string; status: string; deleted: number }>;
}
