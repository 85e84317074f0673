import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session, shell } from 'electron';
import { openBackend } from './backend';
import { setupApp } from './app-setup';
import { APP_VERSION } from './version';

/**
 * The desktop host's composition root: the only module that imports Electron. Everything it sets up
 * lives in app-setup.ts, which tests run against a recording fake of this module.
 */
setupApp(
  { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session, shell },
  {
    argv: process.argv,
    platform: process.platform,
    rendererDir: path.join(__dirname, '..', 'renderer'),
    preloadPath: path.join(__dirname, 'preload.cjs'),
    version: APP_VERSION,
    openBackend,
    log: (message) => console.error(message),
  },
);
