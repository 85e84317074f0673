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
