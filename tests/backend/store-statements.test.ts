import { afterEach, describe, expect, it } from 'vitest';
import { startTestBackend, type TestBackend } from '../helpers/backend';

let t: TestBackend | undefined;
afterEach(() => t?.cleanup());

describe('the row store’s statement cache', () => {
  it('hands out a cached statement in its default mode, whatever an earlier caller set', async () => {
    t = await startTestBackend({ backupOnStart: false });
    const org = await t.api.organisations.create({ abbreviation: 'SM', name: 'Ministry of the Interior', kind: 'ministry' });
    const sql = 'SELECT name FROM organisations WHERE id = ?';
    const store = t.backend.ctx.store;
    expect(store.prepare(sql).pluck().get(org.id)).toBe('Ministry of the Interior');
    expect(store.prepare(sql).get(org.id)).toEqual({ name: 'Ministry of the Interior' });
    expect(store.prepare(sql).raw().get(org.id)).toEqual(['Ministry of the Interior']);
    expect(store.prepare(sql).get(org.id)).toEqual({ name: 'Ministry of the Interior' });
  });

  it('keeps the group’s name in the shared-folder status after scanning has read it (the example links)', async () => {
    t = await startTestBackend({ demo: true, backupOnStart: false });
    const groups = await t.api.groups.list({});
    const p7 = groups.find((g) => g.priorityNumber === 7)!;
    // Scanning's group links read the group's name with a plucked statement of the same SQL.
    await t.api.scanning.groupLinks({ groupId: p7.id });
    const folder = (await import('../helpers/backend')).tempDir('painopiste-sync-');
    const status = await t.api.sync.link({ groupId: p7.id, folder, laptopName: 'SM', passphrase: 'polarisaatio-verkosto-2027' });
    expect(status.groupName).toBe(p7.name);
    (await import('node:fs')).rmSync(folder, { recursive: true, force: true });
  }, 60_000);
});
