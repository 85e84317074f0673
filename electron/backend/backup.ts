import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Db } from './db/open';

export const AUTOMATIC_BACKUPS_KEPT = 10;

export type BackupReason = 'startup' | 'manual' | 'before-import' | 'before-restore';

export interface BackupFile {
  fileName: string;
  path: string;
  at: string;
  reason: BackupReason;
  sizeBytes: number;
}

function stamp(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15) + date.toISOString().slice(20, 23);
}

/**
 * Copy the live database with SQLite's online backup (consistent even while written), then keep only
 * the newest automatic backups. Manual backups are never pruned.
 */
export async function backupDatabase(
  db: Db,
  backupDir: string,
  reason: BackupReason,
  now: Date = new Date(),
): Promise<BackupFile> {
  fs.mkdirSync(backupDir, { recursive: true, mode: 0o700 });
  // Two backups in the same millisecond (a restore right after another) must not overwrite each other.
  let at = now;
  while (fs.existsSync(path.join(backupDir, `painopiste-${stamp(at)}-${reason}.sqlite`))) at = new Date(at.getTime() + 1);
  const fileName = `painopiste-${stamp(at)}-${reason}.sqlite`;
  const target = path.join(backupDir, fileName);
  const tmp = `${target}.partial`;
  await db.backup(tmp);
  fs.renameSync(tmp, target);
  const file: BackupFile = { fileName, path: target, at: at.toISOString(), reason, sizeBytes: fs.statSync(target).size };
  recordBackup(db, file);
  pruneAutomaticBackups(db, backupDir);
  return file;
}

/** Remove a backup this process just made and its log entry (an import that rolled back needs none). */
export function discardBackup(db: Db, file: BackupFile): void {
  fs.rmSync(file.path, { force: true });
  const hasLog = db.prepare(`SELECT 1 FROM sqlite_schema WHERE name = 'backup_log'`).get();
  if (hasLog) db.prepare(`DELETE FROM backup_log WHERE file_name = ?`).run(file.fileName);
}

function recordBackup(db: Db, file: BackupFile) {
  const hasLog = db.prepare(`SELECT 1 FROM sqlite_schema WHERE name = 'backup_log'`).get();
  if (!hasLog) return;
  db.prepare(`INSERT INTO backup_log (id, file_name, at, reason, size_bytes) VALUES (?, ?, ?, ?, ?)`).run(
    randomUUID(),
    file.fileName,
    file.at,
    file.reason,
    file.sizeBytes,
  );
}

/** Backups on disk, newest first (the folder is the truth; the log may miss files copied in by hand). */
export function listBackups(backupDir: string): BackupFile[] {
  if (!fs.existsSync(backupDir)) return [];
  return fs
    .readdirSync(backupDir)
    .map((fileName) => {
      const m = /^painopiste-(\d{8})-(\d{6})(\d{3})?-([a-z-]+)\.sqlite$/.exec(fileName);
      if (!m) return undefined;
      const [, d, t, ms, reason] = m as unknown as [string, string, string, string | undefined, BackupReason];
      const at = `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}T${t.slice(0, 2)}:${t.slice(2, 4)}:${t.slice(4, 6)}.${ms ?? '000'}Z`;
      const full = path.join(backupDir, fileName);
      return { fileName, path: full, at, reason, sizeBytes: fs.statSync(full).size };
    })
    .filter((b): b is BackupFile => b !== undefined)
    .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : b.fileName.localeCompare(a.fileName)));
}

function pruneAutomaticBackups(db: Db, backupDir: string) {
  const automatic = listBackups(backupDir).filter((b) => b.reason !== 'manual');
  for (const old of automatic.slice(AUTOMATIC_BACKUPS_KEPT)) {
    fs.rmSync(old.path, { force: true });
    const hasLog = db.prepare(`SELECT 1 FROM sqlite_schema WHERE name = 'backup_log'`).get();
    if (hasLog) db.prepare(`DELETE FROM backup_log WHERE file_name = ?`).run(old.fileName);
  }
}

/**
 * Put `source` (a backup) in place of the closed database file: copy to a temporary file beside it,
 * flush it, drop the old WAL and shared-memory files, then rename over the database (atomic on one
 * file system). The caller closes the connection before and opens a new one after.
 */
export function replaceDatabaseFile(databasePath: string, source: string): void {
  const tmp = `${databasePath}.restoring`;
  fs.copyFileSync(source, tmp);
  const fd = fs.openSync(tmp, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  for (const suffix of ['-wal', '-shm']) fs.rmSync(`${databasePath}${suffix}`, { force: true });
  fs.renameSync(tmp, databasePath);
}
