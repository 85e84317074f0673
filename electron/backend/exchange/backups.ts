/**
 * Backups from the user's side: list, manual backup, and restore. Restoring swaps the live
 * connection: the handlers all reach the database through ctx.db / ctx.store, so replacing both on
 * the shared ctx object is enough (index.ts runs transactions through ctx.db for this reason).
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { BackupEntry } from '../../../shared/domain/exchange';
import type { Ctx } from '../context';
import { backupDatabase, listBackups, replaceDatabaseFile, type BackupFile } from '../backup';
import { MIGRATIONS } from '../db/migrations';
import { migrate, openDatabase, replicaId } from '../db/open';
import { RowStore } from '../db/store';
import { userError } from '../errors';
import { exclusive } from './lock';
import { reportProgress } from '../call';

export function toEntry(b: BackupFile): BackupEntry {
  return { fileName: b.fileName, at: b.at, reason: b.reason, sizeBytes: b.sizeBytes };
}

export function backups(ctx: Ctx): BackupEntry[] {
  return listBackups(ctx.backupDir).map(toEntry);
}

export async function backupNow(ctx: Ctx): Promise<{ backup: BackupEntry; contentBase64: string }> {
  reportProgress('backup', undefined, undefined, { safe: false });
  const file = await backupDatabase(ctx.db, ctx.backupDir, 'manual', ctx.now());
  return { backup: toEntry(file), contentBase64: fs.readFileSync(file.path).toString('base64') };
}

/** Whether a backup file is a whole, readable Painopiste database this version can open. */
function checkBackup(file: string): boolean {
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const ok = db.pragma('integrity_check', { simple: true }) === 'ok';
    const version = db.pragma('user_version', { simple: true }) as number;
    const hasMeta = db.prepare(`SELECT 1 FROM sqlite_schema WHERE name = 'meta'`).get() !== undefined;
    return ok && hasMeta && version > 0 && version <= (MIGRATIONS.at(-1)?.version ?? 0);
  } catch {
    return false;
  } finally {
    db?.close();
  }
}

export function restoreBackup(ctx: Ctx, fileName: string): Promise<{ restored: BackupEntry; safetyBackup: BackupEntry }> {
  return exclusive(ctx, () => restoreNow(ctx, fileName));
}

async function restoreNow(ctx: Ctx, fileName: string): Promise<{ restored: BackupEntry; safetyBackup: BackupEntry }> {
  const chosen = listBackups(ctx.backupDir).find((b) => b.fileName === fileName);
  if (!chosen) throw userError('not_found', 'errors.notFound', { entity: 'backup' });
  if (!checkBackup(chosen.path)) throw userError('validation', 'exchange.errors.backupUnreadable', { file: fileName });
  reportProgress('restoring', undefined, undefined, { safe: false });
  const safety = await backupDatabase(ctx.db, ctx.backupDir, 'before-restore', ctx.now());
  // Stamps issued since the backup may already have travelled in files: never issue them again.
  const lastClock = ctx.store.clock.last();
  ctx.store.saveClock();
  ctx.db.close();
  try {
    replaceDatabaseFile(ctx.databasePath, path.resolve(chosen.path));
  } finally {
    // Whatever happened, the backend gets a working connection again (the old file if the swap failed).
    const db = openDatabase(ctx.databasePath);
    migrate(db);
    const store = new RowStore(db, replicaId(db), ctx.now);
    store.observe([lastClock]);
    ctx.db = db;
    ctx.store = store;
  }
  return { restored: toEntry(chosen), safetyBackup: toEntry(safety) };
}
