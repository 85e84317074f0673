import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { API_CHANNEL, OPENED_MATERIALS_FOLDER, isOpenableMaterial, setupApp, type AppHandle } from '../../electron/app-setup';
import { buildBackendEntry } from '../helpers/backend-entry';
import { tempDir } from '../helpers/backend';
import { fakeElectron, type FakeElectron } from '../helpers/security-fake-electron';
import { b64, PDF, sha256 } from './materials-helpers';

/** Opening a material on the desktop, against the real host setup with Electron replaced by the recording fake. */
let root: string;
let fake: FakeElectron;
let handle: AppHandle;
let backendEntry: string;
let removeEntry: () => void;

beforeAll(async () => {
  ({ entry: backendEntry, remove: removeEntry } = await buildBackendEntry('electron'));
}, 120_000);
afterAll(() => removeEntry());

async function start() {
  fake = fakeElectron({ userData: path.join(root, 'userData') });
  const rendererDir = path.join(root, 'renderer');
  fs.mkdirSync(rendererDir, { recursive: true });
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>app</title>');
  handle = setupApp(fake.module, {
    argv: ['electron', 'main.cjs'],
    platform: 'linux',
    rendererDir,
    preloadPath: '/app/dist/electron/preload.cjs',
    version: '9.9.9',
    backendEntry,
    log: () => {},
  });
  await handle.started;
  expect(fake.errorBoxes).toEqual([]);
}

const call = (method: string, input: unknown) =>
  fake.ipcHandlers.get(API_CHANNEL)!(
    { senderFrame: { url: 'app://painopiste/index.html', parent: null }, sender: fake.windows[0]!.webContents },
    method,
    input,
  ) as Promise<{
    ok: boolean;
    value?: any; // eslint-disable-line @typescript-eslint/no-explicit-any
    error?: { code: string; key: string };
  }>;

beforeEach(() => {
  root = tempDir('painopiste-materials-electron-');
});
afterEach(async () => {
  await handle?.backend()?.close();
  fs.rmSync(root, { recursive: true, force: true });
});

describe('materials.open on the desktop', () => {
  it('opens the stored copy, named by its hash, with the OS program (shell.openPath) and nothing else', async () => {
    await start();
    const group = (await call('groups.create', { kind: 'priority_group', name: 'G', status: 'active' })).value;
    const meeting = (
      await call('meetings.create', { groupId: group.id, title: 'K', date: '2027-02-01', startTime: '09:00', endTime: '10:00' })
    ).value;
    const material = (await call('materials.add', { meetingId: meeting.id, name: '../../outside.pdf', contentBase64: b64(PDF) }))
      .value;
    const result = await call('host.openMaterial', { id: material.id });
    expect(result).toEqual({ ok: true, value: { opened: true } });
    const expected = path.join(root, 'userData', OPENED_MATERIALS_FOLDER, `${sha256(PDF)}.pdf`);
    expect(fake.openedPaths).toEqual([expected]);
    expect(sha256(fs.readFileSync(expected))).toBe(sha256(PDF));
    expect(fake.openedExternally).toEqual([]);
    // A second open reuses the same file; an unknown id opens nothing.
    expect(await call('host.openMaterial', { id: material.id })).toEqual({ ok: true, value: { opened: true } });
    const unknown = await call('host.openMaterial', { id: '00000000-0000-4000-8000-000000000000' });
    expect(unknown.ok).toBe(false);
    expect(fake.openedPaths).toHaveLength(2);
  });

  it('refuses any path the app did not write: outside the folder, other names, links', async () => {
    const dir = path.join(root, 'opened');
    fs.mkdirSync(dir);
    const good = path.join(dir, `${'a'.repeat(64)}.pdf`);
    fs.writeFileSync(good, PDF);
    expect(isOpenableMaterial(dir, good)).toBe(true);
    expect(isOpenableMaterial(dir, path.join(dir, 'report.pdf'))).toBe(false);
    expect(isOpenableMaterial(dir, path.join(dir, '..', `${'a'.repeat(64)}.pdf`))).toBe(false);
    expect(isOpenableMaterial(dir, `${'a'.repeat(64)}.pdf`)).toBe(false);
    expect(isOpenableMaterial(dir, path.join(dir, `${'b'.repeat(64)}.pdf`))).toBe(false);
    const outside = path.join(root, 'secret.pdf');
    fs.writeFileSync(outside, 'secret');
    const link = path.join(dir, `${'c'.repeat(64)}.pdf`);
    fs.symlinkSync(outside, link);
    expect(isOpenableMaterial(dir, link)).toBe(false);
    fs.mkdirSync(path.join(dir, `${'d'.repeat(64)}.pdf`));
    expect(isOpenableMaterial(dir, path.join(dir, `${'d'.repeat(64)}.pdf`))).toBe(false);
  });
});
