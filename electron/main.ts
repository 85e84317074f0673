import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, safeStorage, session, shell, utilityProcess } from 'electron';
import { setupApp } from './app-setup';
import { APP_VERSION } from './version';

/**
 * The desktop host's composition root: the only module that imports Electron (the backend runs in
 * utility processes started from dist/electron/backend.cjs). Everything it sets up
 * lives in app-setup.ts, which tests run against a recording fake of this module.
 */
setupApp(
  { app, BrowserWindow, dialog, ipcMain, Menu, protocol, safeStorage, session, shell, utilityProcess },
  {
    argv: process.argv,
    platform: process.platform,
    rendererDir: path.join(__dirname, '..', 'renderer'),
    preloadPath: path.join(__dirname, 'preload.cjs'),
    version: APP_VERSION,
    backendEntry: path.join(__dirname, 'backend.cjs'),
    log: (message) => console.error(message),
  },
);
