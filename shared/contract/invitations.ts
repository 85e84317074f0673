import { z } from 'zod';
import { method, type ContractShape } from './core';
import { id, language, optionalText, LIMITS } from './schemas';
import { base64Of } from './materials';
import { REPLY_RESPONSES, type ExpectedAttendance, type MeetingReply, type ReplyImportResult } from '../domain/materials';
import type { GeneratedFile } from '../domain/meetings';
import { MAX_MATERIAL_BYTES } from '../materials';

/** Invitations (iCalendar REQUEST/CANCEL), email drafts, and the replies that make expected attendance. */
export const invitationsContract = {
  /** iCalendar invitation (METHOD:REQUEST, or METHOD:CANCEL for a cancelled meeting) for a meeting or a whole series. */
  'invitations.calendar': method(
    z
      .object({
        meetingId: id.optional(),
        seriesId: id.optional(),
        includeSubstitutes: z.boolean().default(false),
      })
      .strict()
      .refine((v) => (v.meetingId === undefined) !== (v.seriesId === undefined), {
        error: 'validation.required',
        path: ['meetingId'],
      }),
  ).returns<GeneratedFile>(),
  /**
   * An unsent email (.eml) to the members: the invitation (kind 'invitation', with the agenda and the
   * .ics attached) or the approved minutes (kind 'minutes'). The document as PDF or DOCX; a PDF is
   * made by the desktop host or given by the caller (`pdfBase64`, browser mode: a PDF the user saved).
   */
  'invitations.email': method(
    z
      .object({
        meetingId: id,
        kind: z.enum(['invitation', 'minutes'], { error: 'validation.choice' }),
        documentFormat: z.enum(['pdf', 'docx'], { error: 'validation.choice' }),
        pdfBase64: base64Of(MAX_MATERIAL_BYTES).optional(),
        includeSubstitutes: z.boolean().default(false),
        lang: language.optional(),
      })
      .strict(),
  ).returns<GeneratedFile>(),
  /** Import an iCalendar METHOD:REPLY: the answering members' expected attendance. */
  'invitations.importReply': method(
    z.object({ meetingId: id.optional(), contentBase64: base64Of(1024 * 1024) }).strict(),
  ).returns<ReplyImportResult>(),
  /** Record a member's answer by hand; response null clears it (tombstone). */
  'invitations.setReply': method(
    z
      .object({
        meetingId: id,
        personId: id,
        response: z.enum(REPLY_RESPONSES, { error: 'validation.choice' }).nullable(),
        note: optionalText(LIMITS.shortText),
      })
      .strict(),
  ).returns<MeetingReply | null>(),
  'invitations.expected': method(z.object({ meetingId: id }).strict()).returns<ExpectedAttendance>(),
} satisfies ContractShape;
