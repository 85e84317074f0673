import fs from 'node:fs';
import path from 'node:path';
import type { ApiResult } from '../shared/contract/core';
import { writeFileAtomic } from './files';

/**
 * The passphrases of shared sync folders in the desktop app (docs/sync-folder.md, "Passphrase").
 *
 * The backend never stores a passphrase: it holds it in memory for the session. The desktop host,
 * the only place Electron's safeStorage exists, keeps each remembered passphrase protected by the
 * operating system's keychain (DPAPI, Keychain, libsecret) in `sync-secrets.json` in the data folder
 * — ciphertext only this user on this computer can open — and hands it back to the backend with
 * `sync.unlock` when the backend starts (or restarts). It learns a passphrase from the renderer's
 * own `sync.link` call (with "remember") and forgets it on `sync.unlink`. Nothing here imports
 * Electron: the host passes its safeStorage in.
 */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

export const SYNC_SECRETS_FILE = 'sync-secrets.json';

type Call = (method: string, input: unknown) => Promise<ApiResult<unknown>>;

export interface SyncSecrets {
  /** Look at a call the renderer made and its result: keep or forget a passphrase. */
  observe(method: string, input: unknown, result: ApiResult<unknown>): void;
  /** Give the backend every remembered passphrase. */
  replay(call: Call): Promise<void>;
}

export function syncSecrets(
  dataDir: string,
  safeStorage: SafeStorageLike | undefined,
  log: (m: string) => void = () => {},
): SyncSecrets {
  const file = path.join(dataDir, SYNC_SECRETS_FILE);
  const read = (): Record<string, string> => {
    try {
      const value = JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
      return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, string>) : {};
    } catch {
      return {};
    }
  };
  const write = (all: Record<string, string>) => writeFileAtomic(file, new TextEncoder().encode(JSON.stringify(all)));
  const available = () => {
    try {
      return Boolean(safeStorage?.isEncryptionAvailable());
    } catch {
      return false;
    }
  };
  return {
    observe(method, input, result) {
      if (!result.ok || !input || typeof input !== 'object') return;
      const { groupId, passphrase, remember } = input as { groupId?: unknown; passphrase?: unknown; remember?: unknown };
      if (typeof groupId !== 'string') return;
      if (method === 'sync.unlink') {
        const all = read();
        if (groupId in all) {
          delete all[groupId];
          write(all);
        }
        return;
      }
      const keep =
        (method === 'sync.link' && remember !== false) ||
        (method === 'sync.unlock' && (result.value as { remembered?: boolean } | undefined)?.remembered === true);
      if (!keep || typeof passphrase !== 'string' || !available()) return;
      const all = read();
      all[groupId] = safeStorage!.encryptString(passphrase).toString('base64');
      write(all);
    },
    async replay(call) {
      if (!available()) return;
      for (const [groupId, stored] of Object.entries(read())) {
        let passphrase: string;
        try {
          passphrase = safeStorage!.decryptString(Buffer.from(stored, 'base64'));
        } catch {
          log(`The keychain could not open the saved key of sync folder ${groupId}; it will be asked for.`);
          continue;
        }
        const result = await call('sync.unlock', { groupId, passphrase });
        if (!result.ok) log(`Sync folder ${groupId}: ${result.error.message}`);
      }
    },
  };
}
