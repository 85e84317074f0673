/**
 * Meeting materials (attachments): the one owner of the `attachments` and `blobs` tables. The API,
 * the exchange import (checkIncomingMaterials / storeIncomingBlobs) and every screen go through here.
 *
 * Bytes are stored content-addressed in the database (`blobs`, keyed by SHA-256), not as files in the
 * data folder: a material and its row are written in one transaction (an import either brings both or
 * neither), the startup and before-import backups hold them, a restore brings them back, and no name
 * or path that came with a file is ever used on disk. README, "Meeting materials", says why in full.
 */
import { createHash } from 'node:crypto';
import type { HandlersFor } from '../../../shared/contract/core';
import type { materialsContract } from '../../../shared/contract/materials';
import type { Material } from '../../../shared/domain/materials';
import type { AgendaItem, Meeting } from '../../../shared/domain/meetings';
import {
  MAX_MATERIAL_BYTES,
  MAX_MATERIALS_PER_MEETING,
  safeMaterialName,
  sniffMaterial,
  type MaterialType,
} from '../../../shared/materials';
import type { Row } from '../../../shared/exchange/merge';
import type { Ctx } from '../context';
import { notFound } from '../db/store';
import { userError } from '../errors';
import { blobContent, dropUnusedBlobs, hasBlob, liveMaterialCount, materialsOf, putBlob } from '../repositories/materials';

export const sha256Hex = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

const megabytes = (n: number) => Math.round((n / (1024 * 1024)) * 10) / 10;

function requireMeeting(ctx: Ctx, id: string): Meeting {
  const m = ctx.store.get<Meeting>('meetings', id);
  if (!m || m.deleted) throw notFound('meeting');
  return m;
}

function requireMaterial(ctx: Ctx, id: string): Material {
  const m = ctx.store.get<Material>('attachments', id);
  if (!m || m.deleted) throw notFound('material');
  return m;
}

/** The sniffed type and the name a material is kept under; a sentence when the file is not acceptable. */
export function acceptMaterial(bytes: Uint8Array, name: string): { type: MaterialType; name: string } {
  if (bytes.length === 0) throw userError('validation', 'materials.errors.empty');
  if (bytes.length > MAX_MATERIAL_BYTES) {
    throw userError('validation', 'materials.errors.tooLarge', {
      size: megabytes(bytes.length),
      max: megabytes(MAX_MATERIAL_BYTES),
    });
  }
  const type = sniffMaterial(bytes, name);
  if (!type) throw userError('validation', 'materials.errors.unsupportedType');
  const safe = safeMaterialName(name, type);
  if (!safe) throw userError('validation', 'materials.errors.badName');
  return { type, name: safe };
}

function readBlob(ctx: Ctx, material: Material): Buffer {
  const bytes = blobContent(ctx.store, material.sha256);
  // A stored blob whose bytes no longer match their hash is refused rather than handed out.
  if (!bytes || sha256Hex(bytes) !== material.sha256) throw userError('internal', 'materials.errors.missingContent');
  return bytes;
}

export const materialHandlers: HandlersFor<typeof materialsContract, Ctx> = {
  'materials.add': ({ meetingId, agendaItemId, name, contentBase64 }, ctx) =>
    ctx.tx(() => {
      requireMeeting(ctx, meetingId);
      if (agendaItemId) {
        const item = ctx.store.get<AgendaItem>('agenda_items', agendaItemId);
        if (!item || item.deleted || item.meetingId !== meetingId) throw notFound('agendaItem');
      }
      const bytes = Buffer.from(contentBase64, 'base64');
      const accepted = acceptMaterial(bytes, name);
      if (liveMaterialCount(ctx.store, meetingId) >= MAX_MATERIALS_PER_MEETING) {
        throw userError('validation', 'materials.errors.tooMany', { max: MAX_MATERIALS_PER_MEETING });
      }
      const sha256 = sha256Hex(bytes);
      putBlob(ctx.store, sha256, bytes);
      return ctx.store.insert<Material>('attachments', {
        meetingId,
        agendaItemId,
        name: accepted.name,
        mimeType: accepted.type.mimeType,
        size: bytes.length,
        sha256,
      });
    }),

  'materials.list': ({ meetingId, includeArchived }, ctx) => {
    requireMeeting(ctx, meetingId);
    return materialsOf(ctx.store, meetingId, includeArchived ?? false);
  },

  'materials.download': ({ id }, ctx) => {
    const material = requireMaterial(ctx, id);
    return { fileName: material.name, mimeType: material.mimeType, contentBase64: readBlob(ctx, material).toString('base64') };
  },

  // Answered by the desktop host itself (electron/app-setup.ts); anywhere else, a download instead.
  'host.openMaterial': () => {
    throw userError('unsupported', 'materials.errors.openInBrowser');
  },

  'materials.remove': ({ id }, ctx) =>
    ctx.tx(() => {
      requireMaterial(ctx, id);
      const removed = ctx.store.archive<Material>('attachments', id);
      dropUnusedBlobs(ctx.store);
      return removed;
    }),
};

// ---------------------------------------------------------------------------------------------------
// Exchange files: blobs travel as their own entries (exchange/format.ts); these are the rules.

/** Bytes of the live materials' hashes, for an export (each hash once: deduplicated by content). */
export function blobsForExport(ctx: Ctx, hashes: Iterable<string>): Array<{ sha256: string; content: Uint8Array }> {
  const out: Array<{ sha256: string; content: Uint8Array }> = [];
  for (const sha256 of hashes) {
    const content = blobContent(ctx.store, sha256);
    if (content && sha256Hex(content) === sha256) out.push({ sha256, content });
  }
  return out;
}

/**
 * Every material row of an incoming file against the same rules as an add: a live material's bytes
 * are in the file (hash already checked by the reader) or in this database, match its size, sniff to
 * the type it claims, and its name is one an add would keep. Returns an i18n key problem or null.
 */
export function checkIncomingMaterials(ctx: Ctx, rows: readonly Row[], blobs: ReadonlyMap<string, Uint8Array>): string | null {
  const used = new Set<string>();
  const perMeeting = new Map<string, number>();
  for (const row of rows) {
    if (typeof row.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(row.sha256)) return `attachments:${row.id}:sha256`;
    used.add(row.sha256);
    if (row.deleted !== 0) continue;
    const meeting = String(row.meeting_id);
    perMeeting.set(meeting, (perMeeting.get(meeting) ?? 0) + 1);
    if ((perMeeting.get(meeting) ?? 0) > MAX_MATERIALS_PER_MEETING) return `attachments:${row.id}:tooMany`;
    const bytes = blobs.get(row.sha256) ?? blobContent(ctx.store, row.sha256);
    if (!bytes) return `attachments:${row.id}:missingContent`;
    if (bytes.length !== row.size || bytes.length > MAX_MATERIAL_BYTES) return `attachments:${row.id}:size`;
    const type = sniffMaterial(bytes, String(row.name));
    if (!type || type.mimeType !== row.mime_type) return `attachments:${row.id}:type`;
    if (safeMaterialName(String(row.name), type) !== row.name) return `attachments:${row.id}:name`;
  }
  for (const sha256 of blobs.keys()) if (!used.has(sha256)) return `blobs:${sha256.slice(0, 12)}:unused`;
  return null;
}

/** Writes the incoming bytes not yet stored (inside the import's transaction); returns how many were new. */
export function storeIncomingBlobs(ctx: Ctx, blobs: ReadonlyMap<string, Uint8Array>): number {
  let added = 0;
  for (const [sha256, content] of blobs) {
    if (!hasBlob(ctx.store, sha256) && putBlob(ctx.store, sha256, content)) added++;
  }
  dropUnusedBlobs(ctx.store);
  return added;
}
