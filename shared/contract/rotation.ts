import { z } from 'zod';
import { method, type ContractShape } from './core';
import { id, isoDate, optionalText, requiredText, language } from './schemas';
import {
  CANCELLED_RULES,
  LEAVE_ACTIONS,
  ROTATION_EXPORT_FORMATS,
  ROTATION_MODES,
  ROTATION_UNITS,
  type RotationChangePreview,
  type RotationFile,
  type RotationSummary,
  type RotationView,
} from '../domain/rotation';

/** Ordered members; duplicates allowed. An empty list is refused by the service with `rotation.noMembers`. */
const members = z.array(id).max(60, { error: 'validation.too_long' });
const termLength = z.number().int().min(1).max(120);

/** A slot an exception is attached to: a meeting (follows it when moved) or a term by its start date. */
export const slotTarget = z.union([z.object({ meetingId: id }).strict(), z.object({ termStart: isoDate }).strict()]);
export type SlotTargetInput = z.input<typeof slotTarget>;

const termFields = {
  mode: z.enum(ROTATION_MODES, { error: 'validation.choice' }),
  termLength: termLength.nullish().transform((v) => v ?? null),
  anchorDate: isoDate.nullish().transform((v) => v ?? null),
};

export const rotationCreateInput = z
  .object({
    groupId: id,
    name: requiredText(),
    unit: z.enum(ROTATION_UNITS, { error: 'validation.choice' }),
    cancelledRule: z.enum(CANCELLED_RULES, { error: 'validation.choice' }).default('hold'),
    handoverNoticeWeeks: z.number().int().min(0).max(52).default(4),
    effectiveFrom: isoDate,
    ...termFields,
    members,
    /** Index into `members` of the starting member. */
    startIndex: z.number().int().min(0).default(0),
  })
  .strict();

export const rotationEditInput = z
  .object({
    rotationId: id,
    effectiveFrom: isoDate,
    members,
    mode: termFields.mode.optional(),
    termLength: termLength.nullish(),
    anchorDate: isoDate.nullish(),
  })
  .strict();

export const rotationSettingsInput = z
  .object({
    rotationId: id,
    name: requiredText().optional(),
    cancelledRule: z.enum(CANCELLED_RULES, { error: 'validation.choice' }).optional(),
    handoverNoticeWeeks: z.number().int().min(0).max(52).optional(),
  })
  .strict();

const reason = optionalText(500);

export const overrideInput = z.object({ rotationId: id, target: slotTarget, memberId: id, reason }).strict();
export const skipInput = overrideInput;
export const swapInput = z.object({ rotationId: id, first: slotTarget, second: slotTarget, reason }).strict();
export const departureInput = z
  .object({
    rotationId: id,
    memberId: id,
    from: isoDate,
    action: z.enum(LEAVE_ACTIONS, { error: 'validation.choice' }),
    successorId: id.nullish().transform((v) => v ?? null),
  })
  .strict();

/** One change to preview (or make): an override, a swap, a skip, or a member leaving. */
export const rotationChangeInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('override'), ...overrideInput.shape }).strict(),
  z.object({ kind: z.literal('swap'), ...swapInput.shape }).strict(),
  z.object({ kind: z.literal('skip'), ...skipInput.shape }).strict(),
  z.object({ kind: z.literal('leave'), ...departureInput.shape }).strict(),
]);
export type RotationChangeInput = z.output<typeof rotationChangeInput>;

export const exportInput = z
  .object({ groupId: id, format: z.enum(ROTATION_EXPORT_FORMATS, { error: 'validation.choice' }), lang: language.default('en') })
  .strict();

export const rotationContract = {
  /** Groups with a rotation, with who chairs next. */
  'rotation.list': method(z.object({}).strict()).returns<RotationSummary[]>(),
  /** A group's rotation with its 24-month schedule; null when the group has none. */
  'rotation.forGroup': method(z.object({ groupId: id }).strict()).returns<RotationView | null>(),
  'rotation.create': method(rotationCreateInput).returns<RotationView>(),
  /** A new version effective from a date; the current and next chair stay in place. */
  'rotation.edit': method(rotationEditInput).returns<RotationView>(),
  'rotation.updateSettings': method(rotationSettingsInput).returns<RotationView>(),
  'rotation.addOverride': method(overrideInput).returns<RotationView>(),
  'rotation.addSwap': method(swapInput).returns<RotationView>(),
  'rotation.addSkip': method(skipInput).returns<RotationView>(),
  /**
   * Which meetings (and terms) an override, swap, skip or member leaving would give to another chair,
   * before → after. Runs the very function that makes the change, in a transaction it rolls back: writes
   * nothing, and says exactly what saving would change.
   */
  'rotation.previewChange': method(rotationChangeInput).returns<RotationChangePreview>(),
  /** Removes an override, a skip or a swap (both halves of it). */
  'rotation.removeException': method(z.object({ id }).strict()).returns<RotationView>(),
  'rotation.setDeparture': method(departureInput).returns<RotationView>(),
  'rotation.removeDeparture': method(z.object({ rotationId: id, memberId: id }).strict()).returns<RotationView>(),
  /** Chair terms and handovers as iCalendar, CSV, or the printable schedule (HTML for PDF, DOCX). */
  'rotation.export': method(exportInput).returns<RotationFile>(),
} satisfies ContractShape;
