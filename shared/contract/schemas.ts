import { z } from 'zod';

/** Building blocks reused by every method's input schema. Limits keep hostile input bounded. */

export const LIMITS = {
  shortText: 200,
  name: 300,
  longText: 100_000,
  listPage: 500,
} as const;

export const id = z.uuid({ error: 'validation.id' });

export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'validation.date' })
  .refine(
    (s) => {
      const [y, m, d] = s.split('-').map(Number) as [number, number, number];
      const dt = new Date(Date.UTC(y, m - 1, d));
      return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
    },
    { error: 'validation.date' },
  );

export const wallTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'validation.time' });

export const timeZone = z
  .string()
  .max(64)
  .refine(
    (tz) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    },
    { error: 'validation.timeZone' },
  );

/** A required, trimmed, non-empty single-line text. */
export const requiredText = (max: number = LIMITS.name) =>
  z
    .string({ error: 'validation.required' })
    .trim()
    .min(1, { error: 'validation.required' })
    .max(max, { error: 'validation.too_long' })
    .refine((s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(s), { error: 'validation.control' });

/** An optional single-line text; empty becomes null. */
export const optionalText = (max: number = LIMITS.name) =>
  z
    .string()
    .trim()
    .max(max, { error: 'validation.too_long' })
    .nullish()
    .transform((s) => (s ? s : null));

export const longText = z.string().max(LIMITS.longText, { error: 'validation.too_long' });

export const email = z
  .string()
  .trim()
  .max(254, { error: 'validation.too_long' })
  .nullish()
  .transform((s) => (s ? s : null))
  .refine((s) => s === null || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s), { error: 'validation.email' });

export const language = z.enum(['fi', 'sv', 'en']);
export type Language = z.infer<typeof language>;

export const searchQuery = z.string().max(LIMITS.shortText, { error: 'validation.too_long' }).optional();

export const listOptions = z
  .object({
    query: searchQuery,
    includeArchived: z.boolean().optional(),
  })
  .strict();

export const byId = z.object({ id }).strict();

/** A patch's fields: each create-schema field, optional, with any default removed. */
export type PatchShape<S extends z.ZodRawShape> = { [K in keyof S]: z.ZodOptional<S[K]> };

/**
 * The one way to build an update's `patch` schema: from the fields of the create schema. A field the
 * caller leaves out stays out of the parsed patch (the record keeps its value); only an explicit `null`
 * — or an empty text, which the text schemas turn into `null` — clears it. Defaults of the create
 * schema are dropped, so a patch never resets a field it does not name (docs/exchange-format.md,
 * "Partial updates").
 */
export function patchOf<S extends z.ZodRawShape>(shape: S) {
  const fields: Record<string, z.ZodType> = {};
  for (const [key, schema] of Object.entries(shape)) {
    let inner = schema as z.ZodType;
    while (inner instanceof z.ZodDefault || inner instanceof z.ZodPrefault) inner = inner.unwrap() as z.ZodType;
    fields[key] = inner.optional();
  }
  return z.object(fields as PatchShape<S>).strict();
}

/** `shape` without `keys`: for building a patch from a create schema minus its fixed fields. */
export function omitFields<S extends z.ZodRawShape, K extends keyof S>(shape: S, keys: readonly K[]): Omit<S, K> {
  const out = { ...shape };
  for (const k of keys) delete out[k];
  return out;
}
