import fs from 'node:fs';
import path from 'node:path';
import { createHash, randomUUID } from 'node:crypto';
import type * as ElectronNs from 'electron';
import { contract, isMethodName, type Input } from '../shared/contract';
import { isHostMethod } from '../shared/contract/calls';
import type { ApiResult } from '../shared/contract/core';
import type { OpenedFile, SavedFile } from '../shared/contract/app';
import { APP_RESPONSE_HEADERS, serveAppRequest } from './app-protocol';
import { startBackendPool, type BackendPool } from './backend-host/pool';
import type { BackendEvent, ChildChannel, ChildMessage } from './backend-host/protocol';
import { API_CHANNEL, BACKEND_EVENT_CHANNEL, CANCEL_CHANNEL, PROGRESS_CHANNEL } from './channels';
import { parseLaunchArgs } from './cli';
import { exchangeFileFromArgs, importRouteFor, isOpenableExchangeFile, writeFileAtomic } from './files';
import { buildMenuTemplate } from './menu';
import {
  APP_ORIGIN,
  documentWindowPreferences,
  isTrustedSender,
  lockDownContents,
  lockDownSession,
  secureWebPreferences,
} from './security';
import { CONTENT_SECURITY_POLICY } from './web-policy';
import { syncSecrets } from './sync-secrets';
import { sniffMaterial } from '../shared/materials';

/**
 * The desktop host's whole setup as one function of the Electron module, so tests can hand it a
 * recording fake (nothing under test imports 'electron'). main.ts only calls it with the real module.
 * The main process keeps windows, menus, dialogs, printing and the sender check; the backend runs in
 * utility processes (a writer and a read-only reader, electron/backend-host/) that it brokers to.
 */
export type ElectronModule = Pick<
  typeof ElectronNs,
  'app' | 'BrowserWindow' | 'dialog' | 'ipcMain' | 'Menu' | 'protocol' | 'session' | 'shell' | 'utilityProcess'
> &
  Partial<Pick<typeof ElectronNs, 'safeStorage'>>;

export interface AppSetupDeps {
  /** process.argv */
  argv: string[];
  platform: NodeJS.Platform;
  rendererDir: string;
  preloadPath: string;
  version: string;
  /** The built backend entry (dist/electron/backend.cjs) each utility process runs. */
  backendEntry: string;
  log: (message: string) => void;
}

export { API_CHANNEL, BACKEND_EVENT_CHANNEL, CANCEL_CHANNEL, PROGRESS_CHANNEL } from './channels';

/** Where the host writes materials it opens: `<data folder>/opened-materials`. */
export const OPENED_MATERIALS_FOLDER = 'opened-materials';

/** True only for `<dir>/<64 hex>.<ext>` that is a regular file (not a link) whose real path stays in `dir`. */
export function isOpenableMaterial(dir: string, filePath: string): boolean {
  if (typeof filePath !== 'string' || !path.isAbsolute(filePath)) return false;
  const resolved = path.resolve(filePath);
  if (path.dirname(resolved) !== path.resolve(dir)) return false;
  if (!/^[0-9a-f]{64}\.[a-z0-9]{1,5}$/.test(path.basename(resolved))) return false;
  try {
    const st = fs.lstatSync(resolved);
    if (!st.isFile() || st.isSymbolicLink()) return false;
    return path.dirname(fs.realpathSync(resolved)) === fs.realpathSync(dir);
  } catch {
    return false;
  }
}

export interface AppHandle {
  /** Settles when the app has started (or failed to and quit). */
  started: Promise<void>;
  /** The backend (its utility processes) once started. */
  backend(): BackendPool | undefined;
}

/** Documents being printed, served once each at app://painopiste/__print/<id>.html. */
export const PRINT_PATH = '/__print/';

/** A utility process as the protocol's host side sees it. */
function utilityChannel(child: ElectronNs.UtilityProcess, log: (m: string) => void): ChildChannel {
  const exits: Array<(code: number | null) => void> = [];
  let exited: number | null | undefined;
  child.stdout?.on('data', (chunk: Buffer) => log(`backend: ${chunk.toString('utf8').trimEnd()}`));
  child.stderr?.on('data', (chunk: Buffer) => log(`backend: ${chunk.toString('utf8').trimEnd()}`));
  child.on('exit', (code) => {
    exited = code;
    for (const fn of exits) fn(code);
  });
  return {
    post: (m) => void child.postMessage(m),
    onMessage: (fn) => void child.on('message', (m: ChildMessage) => fn(m)),
    onExit: (fn) => {
      if (exited !== undefined) fn(exited);
      else exits.push(fn);
    },
    kill: () => void child.kill(),
    sharedMemory: false,
  };
}

const FORBIDDEN = {
  ok: false,
  error: { code: 'forbidden', key: 'errors.forbidden', message: 'This window may not use the API.' },
};

export function setupApp(electron: ElectronModule, deps: AppSetupDeps): AppHandle {
  const { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session, shell, utilityProcess } = electron;
  let backend: BackendPool | undefined;
  const printing = new Map<string, string>();
  /** The data folder, once started (materials are opened from a folder inside it). */
  let dataDir: string | undefined;
  /** Calls sent with a call id, so the page can cancel them. */
  const running = new Map<string, AbortController>();
  let mainWindow: ElectronNs.BrowserWindow | undefined;
  /** The exchange file the OS asked us to open; handed to the renderer once, by host.openFile. */
  let pendingFile: string | undefined;

  protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

  /** Show the import wizard for a file the OS opened with us (double-click, drag onto the icon). */
  const openExchangeFile = (file: string) => {
    if (!isOpenableExchangeFile(file)) return;
    pendingFile = path.resolve(file);
    if (mainWindow && !mainWindow.isDestroyed()) {
      void mainWindow.loadURL(`${APP_ORIGIN}/index.html${importRouteFor(pendingFile)}`);
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    }
  };

  // macOS delivers double-clicked files as an event, possibly before the app is ready.
  app.on('open-file', (event, file) => {
    event.preventDefault();
    openExchangeFile(file);
  });

  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return { started: Promise.resolve(), backend: () => undefined };
  }
  app.on('second-instance', (_event, argv) => {
    const file = exchangeFileFromArgs(argv.slice(1));
    if (file) openExchangeFile(file);
    else if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    }
  });
  app.on('window-all-closed', () => {
    if (deps.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', () => void backend?.close());
  // Every web contents (main window, PDF window, anything Chromium creates) is locked down.
  app.on('web-contents-created', (_event, contents) => lockDownContents(contents, (url) => void shell.openExternal(url)));

  const hostServices = {
    saveFile: async ({ suggestedName, filters, contentBase64 }: Input<'host.saveFile'>): Promise<SavedFile> => {
      const result = await dialog.showSaveDialog(mainWindow!, { defaultPath: path.basename(suggestedName), filters });
      if (result.canceled || !result.filePath) return { saved: false, path: null };
      writeFileAtomic(result.filePath, Buffer.from(contentBase64, 'base64'));
      return { saved: true, path: result.filePath };
    },
    printToPdf: async ({ html }: Input<'host.printToPdf'>): Promise<{ contentBase64: string }> => {
      // A hidden, script-less window renders the document from app:// (a data: URL over 2 MB is
      // refused by Chromium); its HTML carries its own strict CSP. Served from memory, once.
      const id = randomUUID();
      printing.set(id, html);
      const win = new BrowserWindow({ show: false, webPreferences: documentWindowPreferences() });
      try {
        await win.loadURL(`${APP_ORIGIN}${PRINT_PATH}${id}.html`);
        const pdf = await win.webContents.printToPDF({
          pageSize: 'A4',
          printBackground: true,
          preferCSSPageSize: true,
          // Tagged PDF (structure for screen readers, PDF/UA) and an outline from the headings.
          generateTaggedPDF: true,
          generateDocumentOutline: true,
        });
        return { contentBase64: Buffer.from(pdf).toString('base64') };
      } finally {
        printing.delete(id);
        win.destroy();
      }
    },
    openFile: async ({ filters }: Input<'host.openFile'>): Promise<OpenedFile | null> => {
      // The file the OS opened with us, once, if the wizard asks for exchange files.
      const wantsExchange = (filters ?? []).some((f) => f.extensions.includes('wgx'));
      if (pendingFile && wantsExchange) {
        const file = pendingFile;
        pendingFile = undefined;
        return { name: path.basename(file), contentBase64: fs.readFileSync(file).toString('base64') };
      }
      const result = await dialog.showOpenDialog(mainWindow!, { properties: ['openFile'], filters });
      const file = result.filePaths[0];
      if (result.canceled || !file) return null;
      return { name: path.basename(file), contentBase64: fs.readFileSync(file).toString('base64') };
    },
  };

  /**
   * Open a stored material with the operating system's own program. The bytes come from the backend
   * (materials.download, by id); the host writes them as <sha-256>.<sniffed extension> into its own
   * folder and opens only such a file: no name or path that came with a file is ever used on disk.
   */
  const openMaterial = async ({ id }: Input<'host.openMaterial'>): Promise<ApiResult<{ opened: boolean }>> => {
    const got = await backend!.call('materials.download', { id });
    if (!got.ok) return got;
    const file = got.value as { fileName: string; contentBase64: string };
    const bytes = Buffer.from(file.contentBase64, 'base64');
    const type = sniffMaterial(bytes, file.fileName);
    if (!type) return { ok: true, value: { opened: false } };
    const dir = path.join(dataDir!, OPENED_MATERIALS_FOLDER);
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const target = path.join(dir, `${createHash('sha256').update(bytes).digest('hex')}.${type.extension}`);
    if (fs.existsSync(target) && fs.lstatSync(target).isSymbolicLink()) fs.unlinkSync(target);
    writeFileAtomic(target, bytes);
    if (!isOpenableMaterial(dir, target)) return { ok: true, value: { opened: false } };
    return { ok: true, value: { opened: (await shell.openPath(target)) === '' } };
  };

  /** The document being printed at this app:// address, if any (only the print window asks for it). */
  const printDocument = (url: string): Response | undefined => {
    const m = new RegExp(`^${APP_ORIGIN}${PRINT_PATH}([0-9a-f-]{36})\\.html$`).exec(url);
    if (!m) return undefined;
    const html = printing.get(m[1]!);
    if (html === undefined) return new Response('Not found', { status: 404, headers: { ...APP_RESPONSE_HEADERS } });
    return new Response(html, { status: 200, headers: { ...APP_RESPONSE_HEADERS, 'Content-Type': 'text/html; charset=utf-8' } });
  };

  /** Dialogs and printing run here, in the main process, validated against the contract. */
  const runHostMethod = async (method: string, input: unknown): Promise<ApiResult<unknown>> => {
    const schema = contract[method as 'host.saveFile' | 'host.openFile' | 'host.printToPdf' | 'host.openMaterial'].input;
    const parsed = schema.safeParse(input ?? {});
    if (!parsed.success) {
      return {
        ok: false,
        error: { code: 'validation', key: 'errors.invalidInput', params: { fields: '' }, message: 'Invalid input.' },
      };
    }
    try {
      if (method === 'host.saveFile')
        return { ok: true, value: await hostServices.saveFile(parsed.data as Input<'host.saveFile'>) };
      if (method === 'host.openMaterial') return await openMaterial(parsed.data as Input<'host.openMaterial'>);
      if (method === 'host.openFile')
        return { ok: true, value: await hostServices.openFile(parsed.data as Input<'host.openFile'>) };
      return { ok: true, value: await hostServices.printToPdf(parsed.data as Input<'host.printToPdf'>) };
    } catch (e) {
      deps.log(`${method} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      return { ok: false, error: { code: 'internal', key: 'errors.internal', message: 'The desktop host could not do this.' } };
    }
  };

  const createWindow = (route = '') => {
    mainWindow = new BrowserWindow({
      width: 1280,
      height: 860,
      title: 'Painopiste',
      show: false,
      // Developer tools only in a development run, never in an installed app.
      webPreferences: secureWebPreferences(deps.preloadPath, { devTools: !app.isPackaged }),
    });
    const win = mainWindow;
    win.once('ready-to-show', () => win.show());
    void win.loadURL(`${APP_ORIGIN}/index.html${route}`);
  };

  const start = async () => {
    const args = deps.argv.slice(app.isPackaged ? 1 : 2);
    const fileArg = exchangeFileFromArgs(args);
    if (fileArg) pendingFile = fileArg;
    const opts = parseLaunchArgs(args);
    dataDir = args.some((a) => a.startsWith('--data-dir')) ? opts.dataDir : app.getPath('userData');
    const broadcast = (event: BackendEvent) => {
      for (const win of BrowserWindow.getAllWindows()) {
        if (!win.isDestroyed()) win.webContents.send(BACKEND_EVENT_CHANNEL, { type: event.type, sentence: event.sentence });
      }
    };
    backend = await startBackendPool({
      options: { dataDir, host: 'electron', demo: opts.demo, version: deps.version },
      spawn: (role) =>
        utilityChannel(
          utilityProcess.fork(deps.backendEntry, [], { serviceName: `Painopiste ${role}`, stdio: 'pipe' }),
          deps.log,
        ),
      log: deps.log,
      onEvent: (event) => {
        broadcast(event);
        // A restarted writer has forgotten the session's sync folder passphrases: hand them back.
        if (event.type === 'restarted' && event.role === 'writer') void secrets.replay((m, i) => backend!.call(m, i));
      },
    });
    // Sync folder passphrases the keychain keeps (electron/sync-secrets.ts): back to the backend now.
    const secrets = syncSecrets(dataDir, electron.safeStorage, deps.log);
    await secrets.replay((method, input) => backend!.call(method, input));

    lockDownSession(session.defaultSession);
    // Every response the renderer gets carries the policy, whatever served it.
    session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
      callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
    });
    protocol.handle('app', (request) => {
      const printed = printDocument(request.url);
      return printed ?? serveAppRequest(deps.rendererDir, request);
    });

    ipcMain.handle(API_CHANNEL, async (event, method: unknown, input: unknown, callId: unknown) => {
      if (!isTrustedSender(event.senderFrame)) return FORBIDDEN;
      if (typeof method !== 'string') {
        return { ok: false, error: { code: 'validation', key: 'errors.invalidInput', message: 'Invalid call.' } };
      }
      // Unknown methods stop here; the backend never sees them.
      if (!isMethodName(method)) {
        return {
          ok: false,
          error: {
            code: 'not_found',
            key: 'errors.unknownMethod',
            params: { method: method.slice(0, 80) },
            message: 'Unknown method.',
          },
        };
      }
      if (isHostMethod(method)) return runHostMethod(method, input);
      if (typeof callId !== 'string' || !/^[A-Za-z0-9-]{8,64}$/.test(callId) || running.has(callId)) {
        const result = await backend!.call(method, input);
        secrets.observe(method, input, result);
        return result;
      }
      const abort = new AbortController();
      running.set(callId, abort);
      try {
        const result = await backend!.call(method, input, {
          signal: abort.signal,
          onProgress: (progress) => {
            if (!event.sender.isDestroyed()) event.sender.send(PROGRESS_CHANNEL, callId, progress);
          },
        });
        secrets.observe(method, input, result);
        return result;
      } finally {
        running.delete(callId);
      }
    });
    ipcMain.handle(CANCEL_CHANNEL, (event, callId: unknown) => {
      if (!isTrustedSender(event.senderFrame) || typeof callId !== 'string') return false;
      running.get(callId)?.abort();
      return true;
    });

    Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(deps.platform)));
    createWindow(pendingFile ? importRouteFor(pendingFile) : '');
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) createWindow();
    });
  };

  const started = app
    .whenReady()
    .then(start)
    .catch((e: unknown) => {
      dialog.showErrorBox('Painopiste', `Painopiste could not start: ${e instanceof Error ? e.message : String(e)}`);
      app.quit();
    });
  return { started, backend: () => backend };
}
