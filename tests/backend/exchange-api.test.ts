import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/contract/core';
import { readExchangeFile } from '../../electron/backend/exchange/format';
import { replica, seedGroup, travellingContent, type Replica } from './exchange-helpers';

const open: Replica[] = [];
afterEach(() => {
  for (const r of open.splice(0)) r.cleanup();
});
async function fresh(start?: number) {
  const r = await replica(start);
  open.push(r);
  return r;
}

describe('the handover wizard through the API', () => {
  it('builds a checklist from the data and stores the handover note in the file it describes', async () => {
    const a = await fresh(Date.UTC(2027, 0, 20, 8));
    const s = await seedGroup(a);
    const ctx = a.backend.ctx;
    ctx.tx(() => {
      ctx.store.insert('action_items', {
        groupId: s.group.id,
        title: 'Myöhässä oleva',
        dueDate: '2027-01-05',
        ownerPersonId: s.person.id,
      });
      ctx.store.insert('action_items', { groupId: s.sub.id, title: 'Tuleva', dueDate: '2027-03-01' });
      ctx.store.insert('action_items', { groupId: s.group.id, title: 'Valmis', status: 'done' });
      ctx.store.insert('decisions', { groupId: s.sub.id, meetingId: s.subMeeting.id, text: 'Päätös' });
    });
    const checklist = await a.api.exchange.checklist({ groupId: s.group.id });
    expect(checklist.openActions.map((x) => [x.title, x.overdue, x.owner])).toEqual([
      ['Myöhässä oleva', true, 'Aino Virtanen'],
      ['Tuleva', false, null],
    ]);
    expect(checklist.nextMeetings).toEqual([expect.objectContaining({ title: 'Kokous 1', chair: 'Aino Virtanen' })]);
    expect(checklist.pendingMinutes).toEqual([expect.objectContaining({ title: 'Alaryhmän kokous', decisions: 1 })]);
    expect(checklist.contacts).toEqual([
      expect.objectContaining({ name: 'Aino Virtanen', role: 'chair', email: 'aino@example.fi' }),
    ]);

    const out = await a.api.exchange.exportGroup({ groupId: s.group.id, note: 'Budjetti on kesken.' });
    expect(out.fileName).toBe('Kyberturvallisuus-2027-01-20.wgx');
    expect(out.summary.tables.handovers).toBe(1);
    expect(out.summary.tables.meetings).toBe(2);
    const file = readExchangeFile(Buffer.from(out.contentBase64, 'base64'));
    expect(file.manifest.scope).toEqual({ kind: 'group', groupId: s.group.id });
    const handover = file.tables.handovers![0]!;
    expect(handover).toMatchObject({
      note: 'Budjetti on kesken.',
      export_id: file.manifest.exportId,
      from_person_id: s.person.id,
    });

    // The receiving laptop's clock agrees with the sender's (a file from more than 24 h ahead is refused).
    const b = await fresh(Date.UTC(2027, 0, 20, 9));
    const preview = await b.api.exchange.preview({ contentBase64: out.contentBase64 });
    expect(preview.handover).toMatchObject({ note: 'Budjetti on kesken.' });
    expect(preview.groupName).toBe('Kyberturvallisuus');
    expect((await a.api.exchange.log({ groupId: s.group.id }))[0]).toMatchObject({
      direction: 'export',
      exportId: file.manifest.exportId,
    });
  });

  it('refuses a short passphrase and a merged resolution without text', async () => {
    const a = await fresh();
    const s = await seedGroup(a);
    await expect(a.api.exchange.exportGroup({ groupId: s.group.id, passphrase: 'lyhyt' })).rejects.toMatchObject({
      code: 'validation',
    });
    await expect(
      a.api.exchange.resolveConflict({ id: crypto.randomUUID(), choice: 'merged', text: '  ' }),
    ).rejects.toBeInstanceOf(ApiError);
  });
});

describe('backups', () => {
  it('restore one after backing up the current state, and keep working on the restored database', async () => {
    const a = await fresh();
    const s = await seedGroup(a);
    const { backup, contentBase64 } = await a.api.exchange.backupNow({});
    expect(backup.reason).toBe('manual');
    // The manual copy handed to the user is a whole database.
    const copyPath = path.join(a.dataDir, 'copy.sqlite');
    fs.writeFileSync(copyPath, Buffer.from(contentBase64, 'base64'));
    const copy = new Database(copyPath, { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    copy.close();

    a.tick(60_000);
    await a.api.organisations.update({ id: s.org.id, patch: { name: 'Muutettu nimi' } });
    const lastStamp = a.backend.ctx.store.clock.last();
    const before = travellingContent(a);

    a.tick(60_000);
    const res = await a.api.exchange.restoreBackup({ fileName: backup.fileName });
    expect(res.safetyBackup.reason).toBe('before-restore');
    expect((await a.api.organisations.get({ id: s.org.id })).name).toBe('Sisäministeriö');
    // Stamps issued before the restore are never issued again.
    expect(a.backend.ctx.store.tick() > lastStamp).toBe(true);
    // Writes keep working on the new connection, in transactions.
    await a.api.organisations.update({ id: s.org.id, patch: { name: 'Uusi nimi' } });
    expect((await a.api.organisations.get({ id: s.org.id })).name).toBe('Uusi nimi');
    expect((await a.api.exchange.backups({})).map((b) => b.reason).sort()).toEqual(['before-restore', 'manual']);

    // Restoring the safety backup brings the pre-restore state back.
    await a.api.exchange.restoreBackup({ fileName: res.safetyBackup.fileName });
    expect(travellingContent(a)).toEqual(before);
  });

  it('refuses a backup that is not a database, changing nothing', async () => {
    const a = await fresh();
    await seedGroup(a);
    const dir = path.join(a.dataDir, 'backups');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'painopiste-20270101-000000000-manual.sqlite'), 'not a database');
    const before = travellingContent(a);
    await expect(a.api.exchange.restoreBackup({ fileName: 'painopiste-20270101-000000000-manual.sqlite' })).rejects.toMatchObject(
      {
        key: 'exchange.errors.backupUnreadable',
      },
    );
    await expect(a.api.exchange.restoreBackup({ fileName: 'painopiste-nope.sqlite' })).rejects.toMatchObject({
      code: 'not_found',
    });
    expect(travellingContent(a)).toEqual(before);
  });
});
