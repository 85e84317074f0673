import { fork, type ChildProcess } from 'node:child_process';
import type { ElectronModule } from '../../electron/app-setup';

/**
 * A recording stand-in for the parts of Electron the desktop host uses. Tests hand it to setupApp()
 * and then inspect what the host asked Electron to do: windows and their preferences, protocol and IPC
 * handlers, session handlers, menus, external opens. Nothing here imports 'electron'.
 */
type Listener = (...args: any[]) => unknown; // eslint-disable-line @typescript-eslint/no-explicit-any

export class FakeEmitter {
  listeners = new Map<string, Listener[]>();
  on(name: string, fn: Listener) {
    this.listeners.set(name, [...(this.listeners.get(name) ?? []), fn]);
    return this;
  }
  once(name: string, fn: Listener) {
    return this.on(name, fn);
  }
  emit(name: string, ...args: unknown[]) {
    for (const fn of this.listeners.get(name) ?? []) fn(...args);
  }
}

export interface FakeEvent {
  prevented: boolean;
  preventDefault(): void;
}
export const fakeEvent = (): FakeEvent => ({
  prevented: false,
  preventDefault() {
    this.prevented = true;
  },
});

/**
 * Electron's utility process, played by a real Node child process running the real built backend
 * entry (so messages really cross a process boundary and a kill really kills). Records what the host
 * asked for. Electron delivers messages to the child on process.parentPort; a forked Node child gets
 * them on process.on('message') — the entry handles both (electron/backend-host/child.ts).
 */
export class FakeUtilityProcess extends FakeEmitter {
  readonly child: ChildProcess;
  stdout: ChildProcess['stdout'];
  stderr: ChildProcess['stderr'];
  exited = false;
  constructor(
    readonly modulePath: string,
    readonly args: string[],
    readonly options: Record<string, unknown>,
  ) {
    super();
    this.child = fork(modulePath, args, { serialization: 'advanced', stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
    this.stdout = this.child.stdout;
    this.stderr = this.child.stderr;
    this.child.on('message', (m) => this.emit('message', m));
    this.child.on('exit', (code) => {
      this.exited = true;
      this.emit('exit', code ?? 1);
    });
  }
  get pid() {
    return this.child.pid;
  }
  postMessage(message: unknown) {
    if (this.child.connected) this.child.send(message as object);
  }
  kill() {
    return this.child.kill('SIGTERM');
  }
  /** What an OS-level crash looks like. */
  crash() {
    this.child.kill('SIGKILL');
  }
}

/** A web contents: records navigation listeners and the window-open handler. */
export class FakeWebContents extends FakeEmitter {
  windowOpenHandler?: (details: { url: string; frameName?: string; features?: string; disposition?: string }) => {
    action: string;
  };
  printed: unknown[] = [];
  /** What main sent to the page (channel, args). */
  sent: Array<[string, ...unknown[]]> = [];
  send(channel: string, ...args: unknown[]) {
    this.sent.push([channel, ...args]);
  }
  isDestroyed() {
    return false;
  }
  setWindowOpenHandler(fn: FakeWebContents['windowOpenHandler']) {
    this.windowOpenHandler = fn;
  }
  async printToPDF(options: unknown) {
    this.printed.push(options);
    return Buffer.from('%PDF-1.7 fake');
  }
}

export interface FakeElectron {
  module: ElectronModule;
  app: FakeEmitter & { quitCalls: number; userData: string; isPackaged: boolean };
  windows: FakeBrowserWindow[];
  ipcHandlers: Map<string, Listener>;
  protocolHandlers: Map<string, (request: { url: string; method: string }) => Response>;
  privilegedSchemes: unknown[];
  permissionRequestHandler?: (wc: unknown, permission: string, callback: (granted: boolean) => void, details?: unknown) => void;
  permissionCheckHandler?: (wc: unknown, permission: string) => boolean;
  devicePermissionHandler?: (details: unknown) => boolean;
  session: FakeEmitter;
  headersReceived?: (
    details: { url: string; responseHeaders?: Record<string, string[]> },
    callback: (r: { responseHeaders?: Record<string, string[] | string> }) => void,
  ) => void;
  openedExternally: string[];
  /** Paths handed to shell.openPath (opening a stored material with the OS's program). */
  openedPaths: string[];
  menuTemplates: unknown[];
  errorBoxes: string[];
  saveDialogResult: { canceled: boolean; filePath?: string };
  openDialogResult: { canceled: boolean; filePaths: string[] };
  dialogsShown: string[];
  /** Every utility process the host started, in order. */
  utilityProcesses: FakeUtilityProcess[];
  /** Emit web-contents-created for a new fake contents, as Chromium does for every page. */
  createContents(): FakeWebContents;
}

export class FakeBrowserWindow extends FakeEmitter {
  static all: FakeBrowserWindow[] = [];
  /** The app:// handler the host registered: loadURL of an app:// address goes through it. */
  static appProtocol?: (request: { url: string; method: string }) => Response;
  /** What each app:// load answered (status and body), in order. */
  responses: Array<{ url: string; status: number; body: string }> = [];
  webContents = new FakeWebContents();
  loaded: string[] = [];
  destroyed = false;
  shown = false;
  focused = 0;
  constructor(public options: { show?: boolean; webPreferences?: Record<string, unknown> }) {
    super();
    FakeBrowserWindow.all.push(this);
  }
  static getAllWindows() {
    return FakeBrowserWindow.all.filter((w) => !w.destroyed);
  }
  async loadURL(url: string) {
    this.loaded.push(url);
    // Chromium refuses data: URLs over 2 MB (the limit this fake reproduces).
    if (url.startsWith('data:') && url.length > 2 * 1024 * 1024) throw new Error('ERR_INVALID_URL (data: URL over 2 MB)');
    if (url.startsWith('app:') && FakeBrowserWindow.appProtocol) {
      const response = FakeBrowserWindow.appProtocol({ url, method: 'GET' });
      const body = await response.text();
      this.responses.push({ url, status: response.status, body });
      if (response.status !== 200) throw new Error(`ERR_FILE_NOT_FOUND (${response.status})`);
    }
  }
  show() {
    this.shown = true;
  }
  focus() {
    this.focused++;
  }
  isMinimized() {
    return false;
  }
  restore() {}
  isDestroyed() {
    return this.destroyed;
  }
  destroy() {
    this.destroyed = true;
  }
}

/**
 * A stand-in for safeStorage: "encrypts" by XOR with a key only this fake knows, so what it returns
 * never contains the plain text (as the OS keychain's ciphertext does not).
 */
export function fakeSafeStorage(available = true) {
  const key = 0xa5;
  const MAGIC = 'FAKE-KEYCHAIN:';
  return {
    calls: [] as string[],
    isEncryptionAvailable() {
      return available;
    },
    encryptString(plain: string) {
      this.calls.push('encrypt');
      return Buffer.concat([Buffer.from(MAGIC), Buffer.from(plain, 'utf8').map((b) => b ^ key)]);
    },
    decryptString(encrypted: Buffer) {
      this.calls.push('decrypt');
      if (!encrypted.subarray(0, MAGIC.length).equals(Buffer.from(MAGIC))) throw new Error('not ours');
      return Buffer.from(encrypted.subarray(MAGIC.length).map((b) => b ^ key)).toString('utf8');
    },
  };
}

export function fakeElectron(opts: { userData: string; singleInstance?: boolean; keychain?: boolean }): FakeElectron {
  FakeBrowserWindow.all = [];
  FakeBrowserWindow.appProtocol = undefined;
  const app = Object.assign(new FakeEmitter(), {
    quitCalls: 0,
    userData: opts.userData,
    isPackaged: false,
    requestSingleInstanceLock: () => opts.singleInstance ?? true,
    quit: () => void app.quitCalls++,
    whenReady: () => Promise.resolve(),
    getPath: (name: string) => {
      if (name !== 'userData') throw new Error(`unexpected getPath(${name})`);
      return app.userData;
    },
  });
  const fake: FakeElectron = {
    module: undefined as unknown as ElectronModule,
    app,
    windows: FakeBrowserWindow.all,
    ipcHandlers: new Map(),
    protocolHandlers: new Map(),
    privilegedSchemes: [],
    openedExternally: [],
    openedPaths: [],
    session: new FakeEmitter(),
    menuTemplates: [],
    errorBoxes: [],
    saveDialogResult: { canceled: true },
    openDialogResult: { canceled: true, filePaths: [] },
    dialogsShown: [],
    utilityProcesses: [],
    createContents() {
      const contents = new FakeWebContents();
      app.emit('web-contents-created', fakeEvent(), contents);
      return contents;
    },
  };
  const module = {
    app,
    BrowserWindow: FakeBrowserWindow,
    dialog: {
      showSaveDialog: async () => {
        fake.dialogsShown.push('save');
        return fake.saveDialogResult;
      },
      showOpenDialog: async () => {
        fake.dialogsShown.push('open');
        return fake.openDialogResult;
      },
      showErrorBox: (_title: string, text: string) => void fake.errorBoxes.push(text),
    },
    ipcMain: { handle: (channel: string, fn: Listener) => void fake.ipcHandlers.set(channel, fn) },
    Menu: {
      buildFromTemplate: (template: unknown) => {
        fake.menuTemplates.push(template);
        return { template };
      },
      setApplicationMenu: () => {},
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => void fake.privilegedSchemes.push(...schemes),
      handle: (scheme: string, fn: (request: { url: string; method: string }) => Response) => {
        fake.protocolHandlers.set(scheme, fn);
        if (scheme === 'app') FakeBrowserWindow.appProtocol = fn;
      },
    },
    session: {
      defaultSession: {
        on: (name: string, fn: Listener) => fake.session.on(name, fn),
        setDevicePermissionHandler: (fn: FakeElectron['devicePermissionHandler']) => (fake.devicePermissionHandler = fn),
        setPermissionRequestHandler: (fn: FakeElectron['permissionRequestHandler']) => (fake.permissionRequestHandler = fn),
        setPermissionCheckHandler: (fn: FakeElectron['permissionCheckHandler']) => (fake.permissionCheckHandler = fn),
        webRequest: { onHeadersReceived: (fn: FakeElectron['headersReceived']) => (fake.headersReceived = fn) },
      },
    },
    shell: {
      openExternal: async (url: string) => void fake.openedExternally.push(url),
      openPath: async (p: string) => {
        fake.openedPaths.push(p);
        return '';
      },
    },
    utilityProcess: {
      fork: (modulePath: string, args: string[] = [], options: Record<string, unknown> = {}) => {
        const child = new FakeUtilityProcess(modulePath, args, options);
        fake.utilityProcesses.push(child);
        return child;
      },
    },
    safeStorage: fakeSafeStorage(opts.keychain ?? true),
  };
  fake.module = module as unknown as ElectronModule;
  return fake;
}
