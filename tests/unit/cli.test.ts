import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultDataDir, parseLaunchArgs } from '../../electron/cli';

describe('launch options', () => {
  it('reads every flag in both spellings', () => {
    expect(parseLaunchArgs(['--data-dir', '/tmp/x', '--port', '8123', '--browser', '--demo'])).toEqual({
      dataDir: '/tmp/x',
      port: 8123,
      browser: true,
      demo: true,
    });
    expect(parseLaunchArgs(['--data-dir=rel', '--port=0']).dataDir).toBe(path.resolve('rel'));
  });

  it('defaults to the user data folder and any free port', () => {
    const o = parseLaunchArgs([], { XDG_CONFIG_HOME: '/home/u/.config' });
    expect(o.port).toBe(0);
    expect(o.dataDir).toBe(defaultDataDir({ XDG_CONFIG_HOME: '/home/u/.config' }));
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/home/u/.config' }, 'linux')).toBe('/home/u/.config/Painopiste');
    expect(defaultDataDir({ APPDATA: 'C:\\Users\\u\\AppData\\Roaming' }, 'win32')).toContain('Painopiste');
  });

  it('refuses bad values and unknown flags with a sentence', () => {
    expect(() => parseLaunchArgs(['--port', 'abc'])).toThrow(/--port must be a number/);
    expect(() => parseLaunchArgs(['--port', '70000'])).toThrow(/--port must be a number/);
    expect(() => parseLaunchArgs(['--data-dir'])).toThrow(/needs a value/);
    expect(() => parseLaunchArgs(['--frobnicate'])).toThrow(/Unknown option --frobnicate/);
  });
});
