import path from 'node:path';
import fs from 'node:fs';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session, shell } from 'electron';
import { openBackend, type Backend } from './backend';
import { parseLaunchArgs } from './cli';
import { APP_ORIGIN, isTrustedSender, lockDownContents, lockDownSession, secureWebPreferences } from './security';
import { CONTENT_SECURITY_POLICY, resolveStatic } from './server';
import { APP_VERSION } from './version';
import { buildMenuTemplate } from './menu';

/**
 * The desktop host: a thin layer that opens windows, serves the renderer from app://, and forwards
 * every `window.api` call to the same backend browser mode uses. No business logic lives here.
 */
protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

const rendererDir = path.join(__dirname, '..', 'renderer');
let backend: Backend | undefined;
let mainWindow: BrowserWindow | undefined;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    }
  });
  app.whenReady().then(start, (e: unknown) => {
    dialog.showErrorBox('Painopiste', `Painopiste could not start: ${String(e)}`);
    app.quit();
  });
}

async function start() {
  const opts = parseLaunchArgs(process.argv.slice(app.isPackaged ? 1 : 2));
  const dataDir = process.argv.some((a) => a.startsWith('--data-dir')) ? opts.dataDir : app.getPath('userData');
  backend = await openBackend({
    dataDir,
    host: 'electron',
    demo: opts.demo,
    version: APP_VERSION,
    log: (m) => console.error(m),
    hostServices: {
      saveFile: async ({ suggestedName, filters, contentBase64 }) => {
        const result = await dialog.showSaveDialog(mainWindow!, { defaultPath: suggestedName, filters });
        if (result.canceled || !result.filePath) return { saved: false, path: null };
        const tmp = `${result.filePath}.partial`;
        fs.writeFileSync(tmp, Buffer.from(contentBase64, 'base64'));
        fs.renameSync(tmp, result.filePath);
        return { saved: true, path: result.filePath };
      },
      printToPdf: async ({ html }) => {
        // A hidden, script-less window renders the document; its HTML carries its own strict CSP.
        const win = new BrowserWindow({
          show: false,
          webPreferences: { ...secureWebPreferences(''), preload: undefined, javascript: false },
        });
        try {
          await win.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`);
          const pdf = await win.webContents.printToPDF({ pageSize: 'A4', printBackground: true, preferCSSPageSize: true });
          return { contentBase64: Buffer.from(pdf).toString('base64') };
        } finally {
          win.destroy();
        }
      },
      openFile: async ({ filters }) => {
        const result = await dialog.showOpenDialog(mainWindow!, { properties: ['openFile'], filters });
        const file = result.filePaths[0];
        if (result.canceled || !file) return null;
        return { name: path.basename(file), contentBase64: fs.readFileSync(file).toString('base64') };
      },
    },
  });

  lockDownSession(session.defaultSession);
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
  protocol.handle('app', (request) => {
    const url = new URL(request.url);
    const file = resolveStatic(rendererDir, url.pathname === '/' ? '/index.html' : url.pathname);
    const target = file && fs.existsSync(file) && fs.statSync(file).isFile() ? file : path.join(rendererDir, 'index.html');
    const ext = path.extname(target);
    const types: Record<string, string> = {
      '.html': 'text/html',
      '.js': 'text/javascript',
      '.css': 'text/css',
      '.svg': 'image/svg+xml',
      '.png': 'image/png',
      '.woff2': 'font/woff2',
    };
    return new Response(fs.readFileSync(target), {
      headers: { 'Content-Type': types[ext] ?? 'application/octet-stream', 'Content-Security-Policy': CONTENT_SECURITY_POLICY },
    });
  });

  app.on('web-contents-created', (_event, contents) => lockDownContents(contents, (url) => void shell.openExternal(url)));

  ipcMain.handle('painopiste:api', async (event, method: unknown, input: unknown) => {
    if (!isTrustedSender(event.senderFrame)) {
      return { ok: false, error: { code: 'forbidden', key: 'errors.forbidden', message: 'This window may not use the API.' } };
    }
    if (typeof method !== 'string') {
      return { ok: false, error: { code: 'validation', key: 'errors.invalidInput', message: 'Invalid call.' } };
    }
    return backend!.call(method, input);
  });

  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(process.platform)));
  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
}

function createWindow() {
  mainWindow = new BrowserWindow({
    width: 1280,
    height: 860,
    title: 'Painopiste',
    show: false,
    webPreferences: secureWebPreferences(path.join(__dirname, 'preload.cjs')),
  });
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  void mainWindow.loadURL(`${APP_ORIGIN}/index.html`);
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
app.on('will-quit', () => backend?.close());
