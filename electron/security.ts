import type { BrowserWindowConstructorOptions, Session, WebContents } from 'electron';

/**
 * The Electron security checklist in one place. Functions take Electron's objects as arguments
 * (no import of 'electron' here) so tests can hand them recording fakes.
 */
export const APP_ORIGIN = 'app://painopiste';

export function secureWebPreferences(preloadPath: string): NonNullable<BrowserWindowConstructorOptions['webPreferences']> {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    devTools: true,
  };
}

export function isAppUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'app:' && u.host === 'painopiste';
  } catch {
    return false;
  }
}

export function isExternalWebUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:';
  } catch {
    return false;
  }
}

/** Deny every permission (camera, notifications, geolocation, …): the app needs none. */
export function lockDownSession(session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>) {
  session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

/**
 * No navigation away from the app, no new windows, no webviews. A link the user clicks to an http(s)
 * page opens in the system browser; anything else is dropped.
 */
export function lockDownContents(
  contents: Pick<WebContents, 'on' | 'setWindowOpenHandler'>,
  openExternal: (url: string) => void,
) {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isExternalWebUrl(url)) openExternal(url);
    return { action: 'deny' };
  });
}

/** IPC is answered only for our own top-level app:// page. */
export function isTrustedSender(frame: { url: string; parent?: unknown } | null | undefined): boolean {
  return !!frame && !frame.parent && isAppUrl(frame.url);
}
