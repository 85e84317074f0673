import { z } from 'zod';
import { method, type ContractShape } from './core';
import { id } from './schemas';
import type { SyncLogEntry, SyncStatus } from '../domain/sync';

const folder = z
  .string()
  .trim()
  .min(1, { error: 'validation.required' })
  .max(1000, { error: 'validation.too_long' })
  .refine((v) => !v.includes('\0'), { error: 'validation.format' });
const laptopName = z.string().trim().min(1, { error: 'validation.required' }).max(100, { error: 'validation.too_long' });
/** The group's passphrase: every file in the folder is encrypted with it. */
const passphrase = z.string().min(8, { error: 'validation.passphraseShort' }).max(1024, { error: 'validation.too_long' });

export const syncLinkInput = z
  .object({
    groupId: id,
    folder,
    laptopName,
    passphrase,
    /** Keep the passphrase in the operating system's keychain (desktop app only). */
    remember: z.boolean().default(true),
  })
  .strict();

export const syncContract = {
  /** Every linked group with its status line. */
  'sync.list': method(z.object({}).strict()).returns<SyncStatus[]>(),
  /** Link a group to a shared folder (OneDrive, SharePoint, Syncthing, a network share). */
  'sync.link': method(syncLinkInput).returns<SyncStatus>(),
  /** Give the passphrase for this session (browser mode, or when the keychain is not available). */
  'sync.unlock': method(z.object({ groupId: id, passphrase }).strict()).returns<SyncStatus>(),
  'sync.pause': method(z.object({ groupId: id, paused: z.boolean() }).strict()).returns<SyncStatus>(),
  /** Stop exchanging through the folder; this laptop's files stay until the others have read them. */
  'sync.unlink': method(z.object({ groupId: id }).strict()).returns<{ groupId: string }>(),
  /** Exchange now (also sent when the window gets focus). */
  'sync.exchangeNow': method(z.object({ groupId: id.optional() }).strict()).returns<SyncStatus[]>(),
  'sync.log': method(z.object({ groupId: id }).strict()).returns<SyncLogEntry[]>(),
  /** Ignore another laptop's files from now on (a lost or retired laptop); the others follow. */
  'sync.removeLaptop': method(
    z.object({ groupId: id, replicaId: z.string().regex(/^[0-9a-zA-Z-]{1,64}$/) }).strict(),
  ).returns<SyncStatus>(),
} satisfies ContractShape;
