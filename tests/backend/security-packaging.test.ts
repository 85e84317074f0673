import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { minimatch } from 'minimatch';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * Packaging, checked where the installers cannot be built (no Electron binary download here): the
 * electron-builder configuration passes electron-builder's own validator, sets the fuses, associates
 * the exchange file, unpacks better-sqlite3, and its `files` globs applied to the real dist/ give the
 * intended app contents. Needs `npm run build` first (npm test runs it).
 */
const root = path.resolve(__dirname, '../..');
const require = createRequire(import.meta.url);
const yaml = require('js-yaml') as { load(text: string): unknown };
const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
  validateConfiguration(config: unknown, logger: { isEnabled: boolean; add(): void }): Promise<void>;
};

interface BuilderConfig {
  appId: string;
  productName: string;
  files: string[];
  asar: boolean;
  asarUnpack: string[];
  npmRebuild: boolean;
  electronFuses: Record<string, boolean>;
  fileAssociations: { ext: string; name: string; mimeType: string; icon?: string }[];
  linux: { target: string[]; icon: string; mimeTypes: string[] };
  win: { target: string[]; icon: string };
  mac: { target: string[]; icon: string };
}
const config = yaml.load(fs.readFileSync(path.join(root, 'build/electron-builder.yml'), 'utf8')) as BuilderConfig;
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  main: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

/** Project-relative paths of every file under the given folders. */
function walk(...dirs: string[]): string[] {
  return dirs
    .filter((d) => fs.existsSync(path.join(root, d)))
    .flatMap((d) =>
      fs
        .readdirSync(path.join(root, d), { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => path.relative(root, path.join(e.parentPath, e.name)).split(path.sep).join('/')),
    );
}

/** electron-builder's rule: a file is packaged when a positive pattern matches and no negated one does. */
function packaged(file: string): boolean {
  const positive = config.files.filter((p) => !p.startsWith('!'));
  const negative = config.files.filter((p) => p.startsWith('!')).map((p) => p.slice(1));
  return positive.some((p) => minimatch(file, p, { dot: true })) && !negative.some((p) => minimatch(file, p, { dot: true }));
}

let appFiles: string[];
beforeAll(() => {
  if (!fs.existsSync(path.join(root, 'dist/electron/main.cjs'))) throw new Error('Run "npm run build" first: dist/ is missing.');
  appFiles = [...walk('dist', 'electron', 'tests', 'shared', 'renderer'), 'package.json', 'README.md'].filter(packaged);
});

describe('electron-builder configuration', () => {
  it("passes electron-builder's own schema validation (and the validator does reject nonsense)", async () => {
    await expect(validateConfiguration(structuredClone(config), { isEnabled: false, add() {} })).resolves.toBeUndefined();
    await expect(validateConfiguration({ ...config, notAnOption: true }, { isEnabled: false, add() {} })).rejects.toThrow();
  });

  it('names the app and builds installers for Linux, Windows and macOS', () => {
    expect(config.appId).toBe('fi.painopiste.app');
    expect(config.productName).toBe('Painopiste');
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.mac.target).toEqual(['dmg']);
  });

  it('sets the Electron fuses', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
    });
  });

  it('associates the exchange file (.wgx) with the app on every platform', () => {
    expect(config.fileAssociations).toHaveLength(1);
    expect(config.fileAssociations[0]).toMatchObject({ ext: 'wgx', mimeType: 'application/x-painopiste-exchange' });
    expect(config.linux.mimeTypes).toContain('application/x-painopiste-exchange');
  });

  it('rebuilds better-sqlite3 for Electron and unpacks it from the asar', () => {
    expect(config.asar).toBe(true);
    expect(config.npmRebuild).toBe(true);
    expect(pkg.dependencies['better-sqlite3']).toBeDefined();
    // electron-builder refuses an app whose dependencies include electron.
    expect(pkg.dependencies.electron).toBeUndefined();
    expect(pkg.devDependencies.electron).toBeDefined();
    const addon = 'node_modules/better-sqlite3/build/Release/better_sqlite3.node';
    expect(fs.existsSync(path.join(root, addon))).toBe(true);
    expect(config.asarUnpack.some((p) => minimatch(addon, p))).toBe(true);
    // resvg (charts in DOCX) ships a prebuilt N-API addon per platform: no rebuild, but it must be unpacked too.
    expect(pkg.dependencies['@resvg/resvg-js']).toBeDefined();
    expect(
      config.asarUnpack.some((p) => minimatch('node_modules/@resvg/resvg-js-linux-x64-gnu/resvgjs.linux-x64-gnu.node', p)),
    ).toBe(true);
  });

  it('has icons in every format the installers need', () => {
    const icons = path.join(root, 'resources/icons');
    const png = fs.readFileSync(path.join(icons, 'icon.png'));
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.readUInt32BE(16)).toBeGreaterThanOrEqual(512); // width (macOS needs 512+)
    const ico = fs.readFileSync(path.join(root, config.win.icon));
    expect(ico.readUInt16LE(2)).toBe(1); // type: icon
    const sizes = Array.from({ length: ico.readUInt16LE(4) }, (_, i) => ico.readUInt8(6 + i * 16) || 256);
    expect(sizes).toContain(256);
    const icns = fs.readFileSync(path.join(root, config.mac.icon));
    expect(icns.subarray(0, 4).toString('ascii')).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    expect(fs.existsSync(path.join(root, `${config.fileAssociations[0]!.icon}.icns`))).toBe(true);
    expect(fs.existsSync(path.join(root, `${config.fileAssociations[0]!.icon}.ico`))).toBe(true);
    expect(
      fs.readdirSync(path.join(root, config.linux.icon)).filter((f) => /^\d+x\d+\.png$/.test(f)).length,
    ).toBeGreaterThanOrEqual(4);
  });
});

describe('packaged app contents (files globs applied to dist/)', () => {
  it('contains the main process, the preload, the renderer and package.json', () => {
    expect(appFiles).toContain(pkg.main);
    expect(pkg.main).toBe('dist/electron/main.cjs');
    expect(appFiles).toContain('dist/electron/preload.cjs');
    expect(appFiles).toContain('dist/renderer/index.html');
    expect(appFiles.some((f) => /^dist\/renderer\/assets\/.+\.js$/.test(f))).toBe(true);
    expect(appFiles).toContain('package.json');
  });

  it('leaves out sources, tests, source maps and browser mode', () => {
    const unwanted = appFiles.filter((f) =>
      /\.map$|\.tsx?$|^tests\/|^electron\/|^shared\/|^renderer\/|^dist\/node\/|^README/.test(f),
    );
    expect(unwanted).toEqual([]);
  });

  it('main needs only electron, the backend only better-sqlite3 and resvg (native); the sandboxed preload only electron', () => {
    // require("x"), and createRequire(…href)("x") as the bundle writes a require made in an ES module.
    const requires = (file: string) =>
      new Set(
        [...fs.readFileSync(path.join(root, file), 'utf8').matchAll(/(?:\brequire|\.href\))\(\s*["']([^"']+)["']\s*\)/g)].map(
          (m) => m[1]!,
        ),
      );
    const external = (ids: Set<string>) =>
      [...ids].filter((id) => !id.startsWith('node:') && !id.startsWith('./') && !isBuiltin(id));
    // Each entry with the chunks it shares: the main process never opens the database (the backend
    // runs in utility processes from backend.cjs), and the backend never touches Electron.
    const withChunks = (file: string): Set<string> => {
      const seen = new Set<string>();
      const out = new Set<string>();
      const walk = (f: string) => {
        if (seen.has(f)) return;
        seen.add(f);
        for (const id of requires(f)) {
          if (id.startsWith('./')) walk(path.posix.join(path.posix.dirname(f), id));
          else out.add(id);
        }
      };
      walk(file);
      return out;
    };
    expect(external(withChunks('dist/electron/main.cjs')).sort()).toEqual(['electron']);
    expect(external(withChunks('dist/electron/backend.cjs')).sort()).toEqual(['@resvg/resvg-js', 'better-sqlite3']);
    expect(external(requires('dist/electron/preload.cjs'))).toEqual(['electron']);
  });
});

function isBuiltin(id: string): boolean {
  return (require('node:module') as { builtinModules: string[] }).builtinModules.includes(id);
}
