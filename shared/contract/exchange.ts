import { z } from 'zod';
import { method, type ContractShape } from './core';
import { id, language, longText } from './schemas';
import type {
  BackupEntry,
  ConflictEntry,
  ExchangeLogEntry,
  ExportSummary,
  HandoverChecklist,
  ImportPreview,
  ImportResult,
} from '../domain/exchange';

/** Exchange files travel as base64 through the API (the same cap as host.saveFile). */
const fileContent = z.string().min(1, { error: 'exchange.errors.noFile' }).max(700_000_000);
const passphrase = z.string().max(1024, { error: 'validation.too_long' });
/** A passphrase for a new file: empty means "not encrypted"; otherwise at least 8 characters. */
export const newPassphrase = passphrase
  .refine((v) => v === '' || v.length >= 8, { error: 'exchange.errors.passphraseShort' })
  .optional();
const fileName = z.string().max(255).optional();

export const exportGroupInput = z
  .object({
    groupId: id,
    note: longText.optional(),
    passphrase: newPassphrase,
    toPersonId: id.nullish(),
    toOrganisationId: id.nullish(),
  })
  .strict();

/** Who the file is for: a person or an organisation (at most one). */
const recipientFields = { toPersonId: id.nullish(), toOrganisationId: id.nullish() };
export const checklistInput = z.object({ groupId: id, ...recipientFields }).strict();
export const checklistDocumentInput = z.object({ groupId: id, ...recipientFields, lang: language.default('en') }).strict();

export const importInput = z
  .object({
    contentBase64: fileContent,
    passphrase: passphrase.optional(),
    /** The group the user chose; a file for any other scope is refused. */
    expectedGroupId: id.optional(),
    fileName,
  })
  .strict();

export const resolveConflictInput = z
  .object({
    id,
    choice: z.enum(['current', 'other', 'merged'], { error: 'validation.choice' }),
    text: longText.optional(),
  })
  .strict()
  .refine((v) => v.choice !== 'merged' || (v.text ?? '').trim() !== '', {
    error: 'exchange.errors.mergedTextRequired',
    path: ['text'],
  });

export interface ExportedFile {
  fileName: string;
  contentBase64: string;
  summary: ExportSummary;
}

export const exchangeContract = {
  /** The handover checklist generated from the group's data (shown in the export wizard). */
  'exchange.checklist': method(checklistInput).returns<HandoverChecklist>(),
  /** The handover checklist as a printable document (HTML: printed by the browser, or to PDF by the host). */
  'exchange.checklistDocument': method(checklistDocumentInput).returns<{ fileName: string; html: string }>(),
  /** Records a handover (note + checklist) and returns the group's exchange file. */
  'exchange.exportGroup': method(exportGroupInput).returns<ExportedFile & { handoverId: string }>(),
  'exchange.exportDatabase': method(z.object({ passphrase: newPassphrase }).strict()).returns<ExportedFile>(),
  /** Verifies a file and tells what importing it would change; writes nothing. */
  'exchange.preview': method(importInput).returns<ImportPreview>(),
  'exchange.import': method(importInput).returns<ImportResult>(),
  'exchange.log': method(z.object({ groupId: id.optional() }).strict()).returns<ExchangeLogEntry[]>(),
  'exchange.conflicts': method(z.object({ includeResolved: z.boolean().default(false) }).strict()).returns<ConflictEntry[]>(),
  'exchange.resolveConflict': method(resolveConflictInput).returns<ConflictEntry>(),
  'exchange.backups': method(z.object({}).strict()).returns<BackupEntry[]>(),
  /** A manual backup; its bytes come back so the user can also save it where they choose. */
  'exchange.backupNow': method(z.object({}).strict()).returns<{ backup: BackupEntry; contentBase64: string }>(),
  /** Replace the database with a backup, after backing up the current state. */
  'exchange.restoreBackup': method(
    z.object({ fileName: z.string().regex(/^painopiste-[0-9a-z-]+\.sqlite$/, { error: 'validation.format' }) }).strict(),
  ).returns<{ restored: BackupEntry; safetyBackup: BackupEntry }>(),
} satisfies ContractShape;
