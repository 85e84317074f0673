import { z } from 'zod';
import { method, type ContractShape } from './core';
import { byId, id } from './schemas';
import type { Material, MaterialFile } from '../domain/materials';
import { MAX_MATERIAL_BYTES } from '../materials';

/** Base64 of at most `bytes` bytes (4 characters per 3 bytes). */
export const base64Of = (bytes: number) =>
  z
    .string()
    .max(Math.ceil(bytes / 3) * 4 + 4, { error: 'materials.errors.tooLarge' })
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, { error: 'validation.format' });

export const materialsContract = {
  /** Store a file as a material of a meeting (or of one of its agenda items). Its type is sniffed from the bytes. */
  'materials.add': method(
    z
      .object({
        meetingId: id,
        agendaItemId: id.nullish().transform((v) => v ?? null),
        name: z.string().trim().min(1, { error: 'validation.required' }).max(1000, { error: 'validation.too_long' }),
        contentBase64: base64Of(MAX_MATERIAL_BYTES),
      })
      .strict(),
  ).returns<Material>(),
  'materials.list': method(z.object({ meetingId: id, includeArchived: z.boolean().optional() }).strict()).returns<Material[]>(),
  /** The material's bytes: what browser mode downloads. */
  'materials.download': method(byId).returns<MaterialFile>(),
  /**
   * Desktop only (the host answers it, in the main process): open the stored material with the
   * operating system's own program. The backend and browser mode answer `unsupported` (download instead).
   */
  'host.openMaterial': method(byId).returns<{ opened: boolean }>(),
  /** Remove = tombstone (the removal travels); the bytes stay while any material still uses them. */
  'materials.remove': method(byId).returns<Material>(),
} satisfies ContractShape;
