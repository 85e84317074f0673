import fs from 'node:fs';
import path from 'node:path';
import type * as ElectronNs from 'electron';
import type { Backend, BackendOptions } from './backend';
import { serveAppRequest } from './app-protocol';
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

/**
 * The desktop host's whole setup as one function of the Electron module, so tests can hand it a
 * recording fake (nothing under test imports 'electron'). main.ts only calls it with the real module.
 * No business logic lives here: windows, the app:// protocol, and one IPC channel to the backend.
 */
export type ElectronModule = Pick<
  typeof ElectronNs,
  'app' | 'BrowserWindow' | 'dialog' | 'ipcMain' | 'Menu' | 'protocol' | 'session' | 'shell'
>;

export interface AppSetupDeps {
  /** process.argv */
  argv: string[];
  platform: NodeJS.Platform;
  rendererDir: string;
  preloadPath: string;
  version: string;
  openBackend: (opts: BackendOptions) => Promise<Backend>;
  log: (message: string) => void;
}

export const API_CHANNEL = 'painopiste:api';

export interface AppHandle {
  /** Settles when the app has started (or failed to and quit). */
  started: Promise<void>;
  /** The backend once started. */
  backend(): Backend | undefined;
}

const FORBIDDEN = {
  ok: false,
  error: { code: 'forbidden', key: 'errors.forbidden', message: 'This window may not use the API.' },
};

export function setupApp(electron: ElectronModule, deps: AppSetupDeps): AppHandle {
  const { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session, shell } = electron;
  let backend: Backend | undefined;
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
  app.on('will-quit', () => backend?.close());
  // Every web contents (main window, PDF window, anything Chromium creates) is locked down.
  app.on('web-contents-created', (_event, contents) => lockDownContents(contents, (url) => void shell.openExternal(url)));

  const hostServices: BackendOptions['hostServices'] = {
    saveFile: async ({ suggestedName, filters, contentBase64 }) => {
      const result = await dialog.showSaveDialog(mainWindow!, { defaultPath: path.basename(suggestedName), filters });
      if (result.canceled || !result.filePath) return { saved: false, path: null };
      writeFileAtomic(result.filePath, Buffer.from(contentBase64, 'base64'));
      return { saved: true, path: result.filePath };
    },
    printToPdf: async ({ html }) => {
      // A hidden, script-less window renders the document; its HTML carries its own strict CSP.
      const win = new BrowserWindow({ show: false, webPreferences: documentWindowPreferences() });
      try {
        await win.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`);
        const pdf = await win.webContents.printToPDF({ pageSize: 'A4', printBackground: true, preferCSSPageSize: true });
        return { contentBase64: Buffer.from(pdf).toString('base64') };
      } finally {
        win.destroy();
      }
    },
    openFile: async ({ filters }) => {
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

  const createWindow = (route = '') => {
    mainWindow = new BrowserWindow({
      width: 1280,
      height: 860,
      title: 'Painopiste',
      show: false,
      webPreferences: secureWebPreferences(deps.preloadPath),
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
    const dataDir = args.some((a) => a.startsWith('--data-dir')) ? opts.dataDir : app.getPath('userData');
    backend = await deps.openBackend({
      dataDir,
      host: 'electron',
      demo: opts.demo,
      version: deps.version,
      log: deps.log,
      hostServices,
    });

    lockDownSession(session.defaultSession);
    // Every response the renderer gets carries the policy, whatever served it.
    session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
      callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
    });
    protocol.handle('app', (request) => serveAppRequest(deps.rendererDir, request));

    ipcMain.handle(API_CHANNEL, async (event, method: unknown, input: unknown) => {
      if (!isTrustedSender(event.senderFrame)) return FORBIDDEN;
      if (typeof method !== 'string') {
        return { ok: false, error: { code: 'validation', key: 'errors.invalidInput', message: 'Invalid call.' } };
      }
      return backend!.call(method, input);
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
