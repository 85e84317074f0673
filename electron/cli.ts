import os from 'node:os';
import path from 'node:path';

export interface LaunchOptions {
  dataDir: string;
  port: number;
  browser: boolean;
  demo: boolean;
}

export const PRODUCT_NAME = 'Painopiste';

/** Where the desktop app keeps its data: the same folder Electron's app.getPath('userData') gives. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(os.homedir(), 'AppData', 'Roaming'), PRODUCT_NAME);
  if (platform === 'darwin') return path.join(os.homedir(), 'Library', 'Application Support', PRODUCT_NAME);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(os.homedir(), '.config'), PRODUCT_NAME);
}

/** Parse `--data-dir DIR`, `--port N`, `--browser`, `--demo` (also `--flag=value`). Unknown flags are refused. */
export function parseLaunchArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): LaunchOptions {
  const opts: LaunchOptions = { dataDir: defaultDataDir(env), port: 0, browser: false, demo: false };
  for (let i = 0; i < argv.length; i++) {
    const raw = argv[i]!;
    const [flag, inline] = raw.includes('=')
      ? [raw.slice(0, raw.indexOf('=')), raw.slice(raw.indexOf('=') + 1)]
      : [raw, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') throw new Error(`${flag} needs a value.`);
      return v;
    };
    switch (flag) {
      case '--data-dir':
        opts.dataDir = path.resolve(value());
        break;
      case '--port': {
        const v = value();
        const n = Number(v);
        if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`--port must be a number from 0 to 65535, not "${v}".`);
        opts.port = n;
        break;
      }
      case '--browser':
        opts.browser = true;
        break;
      case '--demo':
        opts.demo = true;
        break;
      default:
        // Electron and Chromium add their own switches when relaunching; leave those alone.
        if (
          raw.startsWith('--') &&
          !/^--(inspect|remote-debugging|no-sandbox|enable-|disable-)/.test(raw) &&
          !raw.startsWith('--type=')
        ) {
          throw new Error(`Unknown option ${flag}. Options: --data-dir DIR, --port N, --browser, --demo.`);
        }
    }
  }
  return opts;
}
