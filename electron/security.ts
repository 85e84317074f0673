import type { BrowserWindowConstructorOptions, Session, WebContents } from 'electron';

/**
 * The Electron security checklist in one place. Functions take Electron's objects as arguments
 * (no import of 'electron' here) so tests can hand them recording fakes.
 */
export const APP_HOST = 'painopiste';
export const APP_ORIGIN = `app://${APP_HOST}`;

export function secureWebPreferences(
  preloadPath: string,
  opts: { devTools?: boolean } = {},
): NonNullable<BrowserWindowConstructorOptions['webPreferences']> {
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
    // A middle click would become a window.open; refused anyway, but never offered.
    disableBlinkFeatures: 'Auxclick',
    spellcheck: false,
    // Off unless asked for: the desktop host asks only when not packaged.
    devTools: opts.devTools ?? false,
  };
}

export function isAppUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'app:' && u.host === APP_HOST;
  } catch {
    return false;
  }
}

/** An http(s) address without embedded credentials: the only kind handed to the system browser. */
export function isExternalWebUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return (u.protocol === 'https:' || u.protocol === 'http:') && !u.username && !u.password && u.hostname !== '';
  } catch {
    return false;
  }
}

/**
 * Preferences of the hidden window that turns a document into a PDF: the document is data, so no
 * JavaScript, no preload (no API bridge) and the same sandbox as the main window.
 */
export function documentWindowPreferences(): NonNullable<BrowserWindowConstructorOptions['webPreferences']> {
  const { preload: _preload, ...rest } = secureWebPreferences('');
  return { ...rest, javascript: false, devTools: false, images: true };
}

/** What Electron tells a window-open handler (a subset of HandlerDetails). */
export interface WindowOpenDetails {
  url: string;
  frameName?: string;
  features?: string;
  disposition?: string;
  postBody?: unknown;
}

/**
 * Whether a window-open request looks like the user activating an ordinary link (`<a target="_blank">`
 * clicked, middle- or ctrl-clicked): a link disposition, no window name, no window features and no
 * form post. `window.open(url, name, features)` from script and form posts do not qualify.
 */
export function isUserLinkOpen(details: WindowOpenDetails): boolean {
  return (
    (details.disposition === 'foreground-tab' || details.disposition === 'background-tab') &&
    !details.frameName &&
    !details.features &&
    !details.postBody &&
    isExternalWebUrl(details.url)
  );
}

const PRESENTATION = /^app:\/\/painopiste\/index\.html#\/meetings\/[0-9a-f-]{36}\/present$/;

/**
 * The one window the app itself may open: a meeting's presentation view for a second screen, opened by
 * run mode as `window.open('#/meetings/<id>/present', 'painopiste-presentation-<id>')`. It is our own
 * page on app://, gets the opener's (locked-down) preferences, and is itself locked down like any
 * other contents (web-contents-created).
 */
export function isPresentationOpen(details: WindowOpenDetails): boolean {
  return (
    PRESENTATION.test(details.url) &&
    /^painopiste-presentation-[0-9a-f-]{36}$/.test(details.frameName ?? '') &&
    !details.features &&
    !details.postBody
  );
}

/**
 * Deny every permission (camera, notifications, geolocation, …) and device access (USB, HID, serial):
 * the app needs none. Downloads are refused too: the desktop app saves files only through the native
 * save dialog (host.saveFile), so a page cannot drop files on the disk behind the user's back.
 */
export function lockDownSession(
  session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler' | 'on'>,
) {
  session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.on('will-download', (event) => event.preventDefault());
}

/**
 * No navigation away from the app, no new windows (but the presentation view), no webviews. A link
 * the user clicks to an http(s) page opens in the system browser; anything else is dropped.
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
  contents.setWindowOpenHandler((details) => {
    if (isPresentationOpen(details)) {
      return {
        action: 'allow',
        overrideBrowserWindowOptions: { width: 1280, height: 720, title: 'Painopiste', autoHideMenuBar: true },
      };
    }
    if (isUserLinkOpen(details)) openExternal(details.url);
    return { action: 'deny' };
  });
}

/** IPC is answered only for our own top-level app:// page. */
export function isTrustedSender(frame: { url: string; parent?: unknown } | null | undefined): boolean {
  return !!frame && typeof frame.url === 'string' && !frame.parent && isAppUrl(frame.url);
}
