import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { AUTOMATIC_BACKUPS_KEPT, backupDatabase, listBackups } from '../../electron/backend/backup';
import { startTestBackend, tempDir } from '../helpers/backend';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('automatic backups', () => {
  it('copy the database at every start-up and keep the newest ten', async () => {
    const dataDir = tempDir();
    dirs.push(dataDir);
    let minute = 0;
    const clock = () => new Date(Date.UTC(2027, 0, 1, 8, minute++));
    const first = await startTestBackend({ dataDir, now: clock });
    await first.api.organisations.create({ abbreviation: 'SM', name: 'Ministry of the Interior', kind: 'ministry' });
    first.close();
    expect(listBackups(path.join(dataDir, 'backups'))).toEqual([]); // nothing to back up on the very first start

    for (let i = 0; i < 12; i++) {
      const b = await startTestBackend({ dataDir, now: clock });
      b.close();
    }
    const backups = listBackups(path.join(dataDir, 'backups'));
    expect(backups).toHaveLength(AUTOMATIC_BACKUPS_KEPT);
    expect(backups.every((b) => b.reason === 'startup')).toBe(true);
    // A backup is a complete, consistent database holding the data.
    const copy = new Database(backups[0]!.path, { readonly: true });
    expect(copy.prepare(`SELECT abbreviation FROM organisations`).pluck().all()).toEqual(['SM']);
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    copy.close();
  });

  it('never prunes manual backups', async () => {
    const t = await startTestBackend();
    dirs.push(t.dataDir);
    const dir = path.join(t.dataDir, 'backups');
    await backupDatabase(t.backend.ctx.db, dir, 'manual', new Date('2020-01-01T00:00:00Z'));
    for (let i = 0; i < 12; i++) await backupDatabase(t.backend.ctx.db, dir, 'startup', new Date(Date.UTC(2027, 0, 1, 0, i)));
    const all = listBackups(dir);
    expect(all.filter((b) => b.reason === 'manual')).toHaveLength(1);
    expect(all.filter((b) => b.reason === 'startup')).toHaveLength(AUTOMATIC_BACKUPS_KEPT);
    expect(t.backend.ctx.db.prepare(`SELECT count(*) FROM backup_log`).pluck().get()).toBe(AUTOMATIC_BACKUPS_KEPT + 1);
    t.close();
  });
});
