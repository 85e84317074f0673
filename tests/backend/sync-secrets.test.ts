/**
 * The sync folder passphrase (docs/sync-folder.md, "Passphrase"): kept by the keychain through the
 * desktop host (Electron replaced by the recording fake), asked for once per session in browser mode,
 * and never written in plain text anywhere — neither in the data folder nor in the sync folder.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { API_CHANNEL, setupApp, type AppHandle } from '../../electron/app-setup';
import type { BackendPool } from '../../electron/backend-host/pool';
import { buildBackendEntry } from '../helpers/backend-entry';
import { SYNC_SECRETS_FILE } from '../../electron/sync-secrets';
import { startTestBackend, tempDir } from '../helpers/backend';
import { fakeElectron, type FakeElectron } from '../helpers/security-fake-electron';
import { FAST_SCRYPT } from './exchange-helpers';

const PASSPHRASE = 'Salainen-kansio-ÄÖ-2027';
const dirs: string[] = [];
const handles: AppHandle[] = [];
let backendEntry: string;
let removeEntry: () => void;
beforeAll(async () => {
  ({ entry: backendEntry, remove: removeEntry } = await buildBackendEntry('sync-secrets'));
}, 120_000);
afterAll(() => removeEntry());
afterEach(async () => {
  for (const h of handles.splice(0)) await h.backend()?.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function mkdir(prefix: string) {
  const d = tempDir(prefix);
  dirs.push(d);
  return d;
}

/** Every file under `root`, read whole: the passphrase must not appear in any encoding we might use. */
function filesContaining(root: string, secret: string): string[] {
  const needles = [
    Buffer.from(secret, 'utf8'),
    Buffer.from(secret, 'utf16le'),
    Buffer.from(Buffer.from(secret).toString('base64')),
  ];
  const hits: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (needles.some((n) => fs.readFileSync(p).includes(n))) hits.push(p);
    }
  };
  walk(root);
  return hits;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type IpcResult = { ok: boolean; value?: any; error?: { key: string } };

async function desktop(
  userData: string,
  keychain = true,
): Promise<{ fake: FakeElectron; backend: BackendPool; ipc: (m: string, i?: unknown) => Promise<IpcResult> }> {
  const fake = fakeElectron({ userData, keychain });
  const rendererDir = mkdir('painopiste-renderer-');
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>app</title>');
  const handle = setupApp(fake.module, {
    argv: ['electron', 'main.cjs'],
    platform: 'linux',
    rendererDir,
    preloadPath: '/app/dist/electron/preload.cjs',
    version: '9.9.9',
    backendEntry,
    log: () => {},
  });
  handles.push(handle);
  await handle.started;
  expect(fake.errorBoxes).toEqual([]);
  const frame = { url: 'app://painopiste/index.html#/sync', parent: null };
  const ipc = (method: string, input: unknown = {}) =>
    fake.ipcHandlers.get(API_CHANNEL)!(
      { senderFrame: frame, sender: fake.windows[0]!.webContents },
      method,
      input,
    ) as Promise<IpcResult>;
  return { fake, backend: handle.backend() as BackendPool, ipc };
}

describe('sync folder passphrase', () => {
  // The desktop host runs the real backend entry in child processes (the utility-process fake).
  it('desktop: the keychain keeps it (through the host), the backend gets it back at the next start, unlink forgets it', async () => {
    const userData = mkdir('painopiste-userdata-');
    const folder = mkdir('painopiste-shared-');
    let app = await desktop(userData);
    const group = await app.ipc('groups.create', { kind: 'priority_group', name: 'Kyberturvallisuus', status: 'active' });
    expect(group.ok).toBe(true);
    const linked = await app.ipc('sync.link', {
      groupId: group.value.id,
      folder,
      laptopName: "SM's laptop",
      passphrase: PASSPHRASE,
      remember: true,
    });
    expect(linked.ok).toBe(true);
    expect(linked.value.remembered).toBe(true);
    expect(fs.existsSync(path.join(userData, SYNC_SECRETS_FILE))).toBe(true);
    expect((app.fake.module.safeStorage as unknown as { calls: string[] }).calls).toEqual(['encrypt']);
    await app.backend.close();

    // A new session: no question asked, the folder exchanges at once.
    app = await desktop(userData);
    expect((app.fake.module.safeStorage as unknown as { calls: string[] }).calls).toEqual(['decrypt']);
    const [status] = (await app.ipc('sync.list')).value;
    expect(status.state).toBe('active');
    await app.ipc('groups.update', { id: group.value.id, patch: { shortName: 'Kyber' } });
    expect((await app.ipc('sync.exchangeNow', { groupId: group.value.id })).ok).toBe(true);

    expect(filesContaining(userData, PASSPHRASE)).toEqual([]);
    expect(filesContaining(folder, PASSPHRASE)).toEqual([]);

    expect((await app.ipc('sync.unlink', { groupId: group.value.id })).ok).toBe(true);
    expect(JSON.parse(fs.readFileSync(path.join(userData, SYNC_SECRETS_FILE), 'utf8'))).toEqual({});
  });

  it('desktop without a keychain, and browser mode: asked for once per session, never stored', async () => {
    const userData = mkdir('painopiste-userdata-');
    const folder = mkdir('painopiste-shared-');
    let app = await desktop(userData, false);
    const group = await app.ipc('groups.create', { kind: 'priority_group', name: 'Kyberturvallisuus', status: 'active' });
    await app.ipc('sync.link', {
      groupId: group.value.id,
      folder,
      laptopName: "SM's laptop",
      passphrase: PASSPHRASE,
      remember: true,
    });
    await app.backend.close();
    app = await desktop(userData, false);
    expect((await app.ipc('sync.list')).value[0].state).toBe('locked');
    await app.backend.close();

    const dataDir = mkdir('painopiste-browser-');
    const browserFolder = mkdir('painopiste-shared-');
    let b = await startTestBackend({ dataDir, host: 'browser', sync: { auto: false, scrypt: FAST_SCRYPT } });
    const g = await b.api.groups.create({ kind: 'priority_group', name: 'Ryhmä', status: 'active' });
    const linked = await b.api.sync.link({
      groupId: g.id,
      folder: browserFolder,
      laptopName: 'Selain',
      passphrase: PASSPHRASE,
      remember: true,
    });
    expect(linked.remembered).toBe(false);
    expect(linked.state).toBe('active');
    b.close();
    b = await startTestBackend({ dataDir, host: 'browser', sync: { auto: false, scrypt: FAST_SCRYPT } });
    expect((await b.api.sync.list({}))[0]!.state).toBe('locked');
    await expect(b.api.sync.unlock({ groupId: g.id, passphrase: 'väärä-salalause' })).rejects.toMatchObject({
      key: 'sync.errors.wrongPassphrase',
    });
    expect((await b.api.sync.unlock({ groupId: g.id, passphrase: PASSPHRASE })).state).toBe('active');
    b.close();
    expect(filesContaining(dataDir, PASSPHRASE)).toEqual([]);
    expect(filesContaining(userData, PASSPHRASE)).toEqual([]);
    expect(filesContaining(folder, PASSPHRASE)).toEqual([]);
    expect(filesContaining(browserFolder, PASSPHRASE)).toEqual([]);
  });
});
