import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { API_CHANNEL, CANCEL_CHANNEL, setupApp, type AppHandle } from '../../electron/app-setup';
import type { BackendPool } from '../../electron/backend-host/pool';
import { buildBackendEntry } from '../helpers/backend-entry';
import { CONTENT_SECURITY_POLICY } from '../../electron/web-policy';
import { tempDir } from '../helpers/backend';
import { fakeElectron, fakeEvent, type FakeElectron } from '../helpers/security-fake-electron';

/**
 * The Electron security checklist, verified against the real setup code with Electron replaced by a
 * recording fake: what the host asks Electron for is exactly what the checklist demands.
 */
let root: string;
let fake: FakeElectron;
let handle: AppHandle;
let rendererDir: string;
let backendEntry: string;
let removeEntry: () => void;
const logs: string[] = [];

beforeAll(async () => {
  ({ entry: backendEntry, remove: removeEntry } = await buildBackendEntry('electron'));
}, 120_000);
afterAll(() => removeEntry());

async function start(argv: string[] = ['electron', 'main.cjs'], opts: { packaged?: boolean } = {}) {
  fake = fakeElectron({ userData: path.join(root, 'userData') });
  if (opts.packaged) fake.app.isPackaged = true;
  handle = setupApp(fake.module, {
    argv,
    platform: 'linux',
    rendererDir,
    preloadPath: '/app/dist/electron/preload.cjs',
    version: '9.9.9',
    backendEntry,
    log: (m) => logs.push(m),
  });
  await handle.started;
  expect(fake.errorBoxes).toEqual([]);
  return handle.backend() as BackendPool;
}

type Envelope = { ok: boolean; value?: unknown; error?: { code: string; key: string; message: string } };
const ipc = (frame: unknown, method: unknown, input: unknown = {}, callId?: string) =>
  fake.ipcHandlers.get(API_CHANNEL)!(
    { senderFrame: frame, sender: fake.windows[0]!.webContents },
    method,
    input,
    callId,
  ) as Promise<Envelope>;
const appFrame = { url: 'app://painopiste/index.html#/groups', parent: null };

beforeEach(() => {
  root = tempDir('painopiste-electron-');
  rendererDir = path.join(root, 'renderer');
  fs.mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>app</title>');
  fs.writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  fs.writeFileSync(path.join(root, 'secret.txt'), 'outside the build');
});
afterEach(async () => {
  await handle?.backend()?.close();
  fs.rmSync(root, { recursive: true, force: true });
});

describe('main window', () => {
  it('is created with the hardened web preferences and loads the app from app://', async () => {
    await start();
    expect(fake.windows).toHaveLength(1);
    const prefs = fake.windows[0]!.options.webPreferences!;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      preload: '/app/dist/electron/preload.cjs',
    });
    expect(prefs).not.toHaveProperty('experimentalFeatures', true);
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    expect(fake.windows[0]!.loaded).toEqual(['app://painopiste/index.html']);
  });

  it('registers app:// as a standard secure scheme without bypassing CSP', async () => {
    await start();
    expect(fake.privilegedSchemes).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
    expect(JSON.stringify(fake.privilegedSchemes)).not.toContain('bypassCSP');
  });

  it('keeps data in userData unless --data-dir is given', async () => {
    const backend = await start();
    expect((await ipc(appFrame, 'app.info')).value).toMatchObject({ dataDir: path.join(root, 'userData') });
    await backend.close();
    const other = path.join(root, 'encrypted-volume', 'painopiste');
    await start(['electron', 'main.cjs', '--data-dir', other]);
    expect((await ipc(appFrame, 'app.info')).value).toMatchObject({ dataDir: other });
  });

  it('has developer tools only in a development run, never when packaged', async () => {
    const dev = await start();
    expect(fake.windows[0]!.options.webPreferences!.devTools).toBe(true);
    await dev.close();
    await start(['electron'], { packaged: true });
    expect(fake.windows[0]!.options.webPreferences!.devTools).toBe(false);
  });

  it('quits when another instance already runs, without opening the database', async () => {
    fake = fakeElectron({ userData: path.join(root, 'userData'), singleInstance: false });
    handle = setupApp(fake.module, {
      argv: ['electron', 'main.cjs'],
      platform: 'linux',
      rendererDir,
      preloadPath: '/p.cjs',
      version: '1',
      backendEntry: '/nonexistent/backend.cjs',
      log: () => {},
    });
    await handle.started;
    expect(fake.app.quitCalls).toBe(1);
    expect(fake.windows).toHaveLength(0);
    expect(fake.utilityProcesses).toHaveLength(0);
    expect(fs.existsSync(path.join(root, 'userData'))).toBe(false);
  });
});

describe('content security policy', () => {
  it('is strict: no inline or eval scripts, no plugins, no framing, no remote origins', () => {
    const directives = Object.fromEntries(
      CONTENT_SECURITY_POLICY.split(';').map((d) => {
        const [name, ...values] = d.trim().split(/\s+/);
        return [name!, values];
      }),
    );
    expect(directives['default-src']).toEqual(["'self'"]);
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(directives['object-src']).toEqual(["'none'"]);
    expect(directives['base-uri']).toEqual(["'none'"]);
    expect(directives['frame-ancestors']).toEqual(["'none'"]);
    expect(directives['connect-src']).toEqual(["'self'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|https?:|\*/);
  });

  it('is on every app:// response, and the protocol serves nothing outside the renderer build', async () => {
    await start();
    const serve = fake.protocolHandlers.get('app')!;
    const get = (url: string, method = 'GET') => serve({ url, method });
    for (const url of [
      'app://painopiste/',
      'app://painopiste/index.html',
      'app://painopiste/assets/app.js',
      'app://painopiste/groups/123',
      'app://painopiste/assets/missing.js',
      'app://painopiste/../secret.txt',
      'app://painopiste/%2e%2e/secret.txt',
      'app://painopiste/..%2fsecret.txt',
      'app://painopiste/..%5csecret.txt',
      'app://painopiste/%00',
      'app://elsewhere/index.html',
    ]) {
      const res = get(url);
      expect(res.headers.get('content-security-policy'), url).toBe(CONTENT_SECURITY_POLICY);
      expect(res.headers.get('x-content-type-options'), url).toBe('nosniff');
      const body = await res.text();
      expect(body, url).not.toContain('outside the build');
    }
    expect(await get('app://painopiste/assets/app.js').text()).toBe('console.log(1)');
    expect(get('app://painopiste/assets/app.js').headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(get('app://painopiste/assets/missing.js').status).toBe(404);
    expect(get('app://elsewhere/index.html').status).toBe(404);
    expect(get('app://painopiste/index.html', 'POST').status).toBe(405);
    expect(await get('app://painopiste/index.html', 'HEAD').text()).toBe('');
  });

  it('is added to every other response the session receives', async () => {
    await start();
    let result: { responseHeaders?: Record<string, string[] | string> } = {};
    fake.headersReceived!(
      { url: 'https://example.org/', responseHeaders: { 'content-security-policy': ['default-src *'], 'x-other': ['1'] } },
      (r) => (result = r),
    );
    expect(result.responseHeaders!['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
    expect(result.responseHeaders!['x-other']).toEqual(['1']);
  });
});

describe('navigation, new windows and external links', () => {
  it('denies navigation and redirects away from the app, and webviews', async () => {
    await start();
    const contents = fake.createContents();
    for (const url of [
      'https://example.org/',
      'http://127.0.0.1:8080/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'app://other/index.html',
      'not a url',
    ]) {
      for (const name of ['will-navigate', 'will-redirect']) {
        const event = fakeEvent();
        contents.emit(name, event, url);
        expect(event.prevented, `${name} ${url}`).toBe(true);
      }
    }
    const inApp = fakeEvent();
    contents.emit('will-navigate', inApp, 'app://painopiste/index.html#/groups');
    expect(inApp.prevented).toBe(false);
    const webview = fakeEvent();
    contents.emit('will-attach-webview', webview, {}, {});
    expect(webview.prevented).toBe(true);
  });

  it('denies every window.open and hands only clicked http(s) links to the system browser', async () => {
    await start();
    const contents = fake.createContents();
    const open = (details: { url: string; disposition?: string; frameName?: string; features?: string }) =>
      contents.windowOpenHandler!({ frameName: '', features: '', disposition: 'foreground-tab', ...details });

    expect(open({ url: 'https://poliisi.fi/' })).toEqual({ action: 'deny' });
    expect(open({ url: 'http://example.org/a', disposition: 'background-tab' })).toEqual({ action: 'deny' });
    expect(fake.openedExternally).toEqual(['https://poliisi.fi/', 'http://example.org/a']);

    fake.openedExternally.length = 0;
    for (const details of [
      { url: 'file:///etc/passwd' },
      { url: 'smb://attacker/share' },
      { url: 'javascript:alert(1)' },
      { url: 'ms-msdt:/id PCWDiagnostic' },
      { url: 'app://painopiste/index.html' },
      { url: 'https://user:pass@example.org/' },
      { url: 'https://example.org/', features: 'width=100,height=100' },
      { url: 'https://example.org/', frameName: 'popup' },
      { url: 'https://example.org/', disposition: 'new-window' },
      { url: 'https://example.org/', disposition: 'other' },
    ]) {
      expect(open(details)).toEqual({ action: 'deny' });
    }
    expect(fake.openedExternally).toEqual([]);
  });

  it("allows only run mode's presentation view as a second window of our own page", async () => {
    await start();
    const contents = fake.createContents();
    const id = '0190a0b0-1111-7222-8333-444455556666';
    const open = (details: { url: string; frameName?: string; features?: string }) =>
      contents.windowOpenHandler!({ frameName: '', features: '', disposition: 'new-window', ...details });
    const present = `app://painopiste/index.html#/meetings/${id}/present`;
    expect(open({ url: present, frameName: `painopiste-presentation-${id}` })).toMatchObject({ action: 'allow' });
    for (const details of [
      { url: present },
      { url: present, frameName: 'other' },
      { url: present, frameName: `painopiste-presentation-${id}`, features: 'width=10' },
      { url: `app://painopiste/index.html#/meetings/${id}/run`, frameName: `painopiste-presentation-${id}` },
      { url: `https://example.org/#/meetings/${id}/present`, frameName: `painopiste-presentation-${id}` },
      { url: `${present}/../../groups`, frameName: `painopiste-presentation-${id}` },
    ]) {
      expect(open(details), details.url).toEqual({ action: 'deny' });
    }
    expect(fake.openedExternally).toEqual([]);
  });
});

describe('permissions', () => {
  it('denies every permission request and check', async () => {
    await start();
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen', 'usb']) {
      let granted: boolean | undefined;
      fake.permissionRequestHandler!({}, permission, (g) => (granted = g));
      expect(granted, permission).toBe(false);
      expect(fake.permissionCheckHandler!({}, permission), permission).toBe(false);
    }
    expect(fake.devicePermissionHandler!({ deviceType: 'usb', origin: 'app://painopiste' })).toBe(false);
  });

  it('refuses downloads (files are saved only through the native save dialog)', async () => {
    await start();
    const event = fakeEvent();
    fake.session.emit('will-download', event, {}, {});
    expect(event.prevented).toBe(true);
  });
});

describe('IPC', () => {
  it('answers our top-level app:// page', async () => {
    await start();
    const result = await ipc(appFrame, 'app.info');
    expect(result.ok).toBe(true);
    expect(result.value).toMatchObject({ host: 'electron', version: '9.9.9' });
  });

  it('rejects every other sender before reaching the backend', async () => {
    await start();
    const count = async () => ((await ipc(appFrame, 'organisations.list', {})).value as unknown[]).length;
    const before = await count();
    for (const frame of [
      null,
      undefined,
      {},
      { url: 'https://example.org/', parent: null },
      { url: 'file:///app/index.html', parent: null },
      { url: 'app://painopiste/index.html', parent: { url: 'app://painopiste/index.html' } },
      { url: 'app://evil/index.html', parent: null },
      { url: 'app://painopiste.evil/index.html', parent: null },
      { url: 'data:text/html,x', parent: null },
      { url: 'about:blank', parent: null },
      { url: 42, parent: null },
    ]) {
      const result = await ipc(frame, 'organisations.create', { name: 'Injected', kind: 'police' });
      expect(result, JSON.stringify(frame)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(await count()).toBe(before);
    // The cancel channel checks the sender too.
    const cancel = fake.ipcHandlers.get(CANCEL_CHANNEL)!;
    expect(await cancel({ senderFrame: { url: 'https://example.org/', parent: null } }, 'abcdefgh1234')).toBe(false);
  });

  it('answers hostile method names with a clean error', async () => {
    await start();
    for (const method of [42, null, {}, '__proto__', 'constructor', 'toString', 'app.info.x', 'x'.repeat(100_000)]) {
      const result = await ipc(appFrame, method);
      expect(result.ok).toBe(false);
      expect(result.error!.message.length).toBeGreaterThan(0);
      expect(result.error!.message.length).toBeLessThan(500);
    }
  });

  it('registers the API and the cancel channel, nothing else', async () => {
    await start();
    expect([...fake.ipcHandlers.keys()].sort()).toEqual([API_CHANNEL, CANCEL_CHANNEL].sort());
  });

  it('refuses unknown methods in the main process', async () => {
    await start();
    for (const method of ['no.such', '__proto__', 'toString', 'hasOwnProperty']) {
      expect(await ipc(appFrame, method), method).toMatchObject({
        ok: false,
        error: { code: 'not_found', key: 'errors.unknownMethod' },
      });
    }
  });
});

describe('host services', () => {
  it('renders PDFs in a hidden window that runs no JavaScript and has no API bridge', async () => {
    await start();
    const result = await ipc(appFrame, 'host.printToPdf', { html: '<!doctype html><script>alert(1)</script><p>x</p>' });
    expect(result.ok).toBe(true);
    const pdfWindow = fake.windows[1]!;
    expect(pdfWindow.options.show).toBe(false);
    expect(pdfWindow.options.webPreferences).toMatchObject({
      javascript: false,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
    });
    expect(pdfWindow.options.webPreferences!.preload).toBeUndefined();
    expect(pdfWindow.options.webPreferences!.devTools).toBe(false);
    expect(pdfWindow.loaded[0]).toMatch(/^app:\/\/painopiste\/__print\/[0-9a-f-]{36}\.html$/);
    expect(pdfWindow.destroyed).toBe(true);
  });

  it('prints a document over 2 MB through app:// as a tagged PDF with an outline, and serves it only while printing', async () => {
    await start();
    const row = '<tr><td>Kohta</td><td>Päätös: toimenpide hyväksyttiin ja vastuuhenkilö nimettiin.</td></tr>\n';
    const html = `<!doctype html><html lang="fi"><title>Pöytäkirja</title><h1>Pöytäkirja</h1><table>${row.repeat(30_000)}</table></html>`;
    expect(Buffer.byteLength(html)).toBeGreaterThan(2 * 1024 * 1024);
    // The old way fails exactly as Chromium does.
    const old = new fake.module.BrowserWindow({ show: false });
    await expect(old.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`)).rejects.toThrow(/2 MB/);

    const result = await ipc(appFrame, 'host.printToPdf', { html });
    expect(result.ok).toBe(true);
    const pdfWindow = fake.windows.at(-1)!;
    const url = pdfWindow.loaded[0]!;
    expect(url).toMatch(/^app:\/\/painopiste\/__print\//);
    expect(pdfWindow.responses[0]).toMatchObject({ url, status: 200 });
    expect(pdfWindow.responses[0]!.body).toBe(html);
    expect(pdfWindow.webContents.printed[0]).toMatchObject({
      generateTaggedPDF: true,
      generateDocumentOutline: true,
      pageSize: 'A4',
    });
    // Once printed, the address answers nothing; other ids never did.
    const serve = fake.protocolHandlers.get('app')!;
    expect(serve({ url, method: 'GET' }).status).toBe(404);
    expect(serve({ url: 'app://painopiste/__print/00000000-0000-4000-8000-000000000000.html', method: 'GET' }).status).toBe(404);
    expect(serve({ url: 'app://painopiste/__print/../index.html', method: 'GET' }).headers.get('content-security-policy')).toBe(
      CONTENT_SECURITY_POLICY,
    );
  });

  it('saves through the native dialog atomically, and a cancelled dialog writes nothing', async () => {
    await start();
    const target = path.join(root, 'out', 'minutes.html');
    fs.mkdirSync(path.dirname(target));
    fs.writeFileSync(target, 'old');
    fake.saveDialogResult = { canceled: false, filePath: target };
    const bytes = Buffer.from('<p>new</p>');
    const saved = await ipc(appFrame, 'host.saveFile', {
      suggestedName: 'minutes.html',
      contentBase64: bytes.toString('base64'),
    });
    expect(saved).toMatchObject({ ok: true, value: { saved: true, path: target } });
    expect(fs.readFileSync(target, 'utf8')).toBe('<p>new</p>');
    expect(fs.readdirSync(path.dirname(target))).toEqual(['minutes.html']);

    fake.saveDialogResult = { canceled: true };
    const cancelled = await ipc(appFrame, 'host.saveFile', { suggestedName: 'x.html', contentBase64: 'eA==' });
    expect(cancelled).toMatchObject({ ok: true, value: { saved: false, path: null } });
    expect(fs.readdirSync(path.dirname(target))).toEqual(['minutes.html']);
  });
});

describe('the backend in utility processes', () => {
  it('starts a writer and a reader from the backend entry, and brokers calls, progress and cancel to them', async () => {
    await start();
    expect(fake.utilityProcesses.map((p) => [p.modulePath, p.options.serviceName, p.options.stdio])).toEqual([
      [backendEntry, 'Painopiste writer', 'pipe'],
      [backendEntry, 'Painopiste reader', 'pipe'],
    ]);
    expect(await ipc(appFrame, 'app.chooseStart', { example: true })).toMatchObject({ ok: true });
    const org = await ipc(appFrame, 'organisations.create', { abbreviation: 'TSM', name: 'Testiministeriö', kind: 'ministry' });
    expect(org.ok).toBe(true);
    // Written in the writer process, read back through the reader process.
    expect(await ipc(appFrame, 'organisations.get', { id: (org.value as { id: string }).id })).toMatchObject({ ok: true });
    expect(await ipc(appFrame, 'organisations.create', { name: '' })).toMatchObject({ ok: false, error: { code: 'validation' } });

    const exported = await ipc(appFrame, 'exchange.exportDatabase', {}, 'call-export-1');
    expect(exported.ok).toBe(true);
    const progress = fake.windows[0]!.webContents.sent.filter(
      ([channel, id]) => channel === 'painopiste:progress' && id === 'call-export-1',
    );
    expect(progress.length).toBeGreaterThan(0);
    expect(progress[0]![2]).toMatchObject({ phase: 'exporting' });

    // A cancel for a call under way reaches the backend: the import stops at its next safe point. The
    // database holds the whole example, so reading its file outlasts the cancel's trip (a file of one
    // organisation could be read before the cancel arrived, and the import would finish).
    const file = (exported.value as { contentBase64: string }).contentBase64;
    const cancel = fake.ipcHandlers.get(CANCEL_CHANNEL)!;
    const importing = ipc(appFrame, 'exchange.import', { contentBase64: file }, 'call-import-1');
    expect(await cancel({ senderFrame: appFrame }, 'call-import-1')).toBe(true);
    expect(await importing).toMatchObject({ ok: false, error: { code: 'cancelled' } });
  });

  it('says so and restarts a backend process that dies, on the same database, keeping every acknowledged write', async () => {
    await start();
    const acknowledged: string[] = [];
    for (let i = 0; i < 30; i++) {
      const write = ipc(appFrame, 'organisations.create', { abbreviation: `U${i}`, name: `Utility ${i}`, kind: 'agency' });
      if (i === 15) fake.utilityProcesses[0]!.crash();
      const r = await write;
      if (r.ok) acknowledged.push((r.value as { id: string }).id);
      else expect(r.error).toMatchObject({ code: 'unavailable', key: 'errors.backendRestarted' });
    }
    expect(fake.utilityProcesses).toHaveLength(3);
    expect(fake.utilityProcesses[2]!.options.serviceName).toBe('Painopiste writer');
    const listed = (await ipc(appFrame, 'organisations.list', {})).value as Array<{ id: string }>;
    expect(acknowledged.length).toBeGreaterThanOrEqual(29);
    for (const id of acknowledged) expect(listed.some((o) => o.id === id)).toBe(true);
    const events = fake.windows[0]!.webContents.sent.filter(([channel]) => channel === 'painopiste:backend').map(([, e]) => e);
    expect(events).toEqual([
      { type: 'stopped', sentence: expect.stringMatching(/stopped unexpectedly .*starting it again on the same database/) },
      { type: 'restarted', sentence: expect.stringMatching(/running again/) },
    ]);
    expect(logs.some((l) => /writer\) stopped unexpectedly/.test(l))).toBe(true);
  });
});

describe('exchange files opened from the operating system', () => {
  const wgxFilter = { filters: [{ name: 'Painopiste', extensions: ['wgx'] }] };

  it('opens the import wizard for a .wgx in argv and hands its bytes over once', async () => {
    const file = path.join(root, 'Handover.wgx');
    fs.writeFileSync(file, 'exchange bytes');
    await start(['electron', 'main.cjs', file]);
    expect(fake.windows[0]!.loaded).toEqual(['app://painopiste/index.html#/exchange/import/Handover.wgx']);
    const first = await ipc(appFrame, 'host.openFile', wgxFilter);
    expect(first).toMatchObject({ ok: true, value: { name: 'Handover.wgx' } });
    expect(Buffer.from((first.value as { contentBase64: string }).contentBase64, 'base64').toString()).toBe('exchange bytes');
    expect(fake.dialogsShown).toEqual([]);
    // Only once: the next request shows the dialog as usual.
    expect(await ipc(appFrame, 'host.openFile', wgxFilter)).toMatchObject({ ok: true, value: null });
    expect(fake.dialogsShown).toEqual(['open']);
  });

  it('handles macOS open-file and a second launch, and ignores anything but an existing .wgx', async () => {
    await start();
    const main = fake.windows[0]!;
    const file = path.join(root, 'From partner.wgx');
    fs.writeFileSync(file, 'x');
    const event = fakeEvent();
    fake.app.emit('open-file', event, file);
    expect(event.prevented).toBe(true);
    expect(main.loaded.at(-1)).toBe('app://painopiste/index.html#/exchange/import/From%20partner.wgx');

    const before = main.loaded.length;
    fake.app.emit('open-file', fakeEvent(), path.join(root, 'secret.txt'));
    fake.app.emit('open-file', fakeEvent(), path.join(root, 'missing.wgx'));
    fake.app.emit('second-instance', fakeEvent(), ['painopiste', '/etc/passwd']);
    expect(main.loaded.length).toBe(before);
    // The pending file is not exposed to a request for other file types.
    expect(await ipc(appFrame, 'host.openFile', { filters: [{ name: 'Text', extensions: ['txt'] }] })).toMatchObject({
      ok: true,
      value: null,
    });

    const second = path.join(root, 'Second.wgx');
    fs.writeFileSync(second, 'y');
    fake.app.emit('second-instance', fakeEvent(), ['painopiste', '--demo', second]);
    expect(main.loaded.at(-1)).toBe('app://painopiste/index.html#/exchange/import/Second.wgx');
    expect(main.focused).toBeGreaterThan(0);
  });
});

describe('menu', () => {
  it('uses standard roles only (no custom click handlers reaching the page)', async () => {
    await start();
    const json = JSON.stringify(fake.menuTemplates);
    expect(json).not.toContain('click');
    expect(fake.menuTemplates).toHaveLength(1);
  });
});
