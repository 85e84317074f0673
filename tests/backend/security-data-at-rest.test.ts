import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { exchangeFileFromArgs, importRouteFor, writeFileAtomic } from '../../electron/files';
import { startTestBackend, tempDir, type TestBackend } from '../helpers/backend';

/** Data at rest: private folders, atomic exports, passphrases that never reach the disk or the log. */
const unix = process.platform !== 'win32';
const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

function temp() {
  const dir = tempDir('painopiste-rest-');
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}
async function backend(dataDir: string, log?: (m: string) => void): Promise<TestBackend> {
  const t = await startTestBackend(log ? { dataDir, log } : { dataDir });
  cleanups.push(() => t.close());
  return t;
}
const mode = (p: string) => fs.statSync(p).mode & 0o777;

/** Every file under `dir`, recursively (database, WAL, backups, anything else). */
function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}

describe.runIf(unix)('private data folder (Unix)', () => {
  it('creates the data folder and its parents 0700, and the backups folder 0700', async () => {
    const root = temp();
    const dataDir = path.join(root, 'nested', 'Painopiste');
    const t = await backend(dataDir);
    expect(mode(dataDir)).toBe(0o700);
    expect(mode(path.join(root, 'nested'))).toBe(0o700);
    expect((await t.api.exchange.backupNow({})).backup.fileName).toMatch(/\.sqlite$/);
    expect(mode(path.join(dataDir, 'backups'))).toBe(0o700);
  });

  it('makes an existing folder that others could read private', async () => {
    const dataDir = path.join(temp(), 'shared');
    fs.mkdirSync(dataDir, { mode: 0o755 });
    fs.chmodSync(dataDir, 0o755);
    await backend(dataDir);
    expect(mode(dataDir)).toBe(0o700);
  });
});

describe('atomic file writes (Electron saveFile)', () => {
  it('writes a new file, then replaces it whole, leaving no temporary file', () => {
    const dir = temp();
    const target = path.join(dir, 'minutes.docx');
    writeFileAtomic(target, Buffer.from('first'));
    expect(fs.readFileSync(target, 'utf8')).toBe('first');
    writeFileAtomic(target, Buffer.alloc(3_000_000, 7));
    expect(fs.statSync(target).size).toBe(3_000_000);
    expect(fs.readdirSync(dir)).toEqual(['minutes.docx']);
    if (unix) expect(mode(target)).toBe(0o600);
  });

  it('leaves the old file untouched and cleans up when the write fails', () => {
    const dir = temp();
    const target = path.join(dir, 'taken');
    fs.mkdirSync(target); // renaming a file over a folder fails
    fs.writeFileSync(path.join(target, 'keep.txt'), 'keep');
    expect(() => writeFileAtomic(target, Buffer.from('x'))).toThrow();
    expect(fs.readdirSync(dir)).toEqual(['taken']);
    expect(fs.readFileSync(path.join(target, 'keep.txt'), 'utf8')).toBe('keep');
    expect(() => writeFileAtomic(path.join(dir, 'missing', 'x.csv'), Buffer.from('x'))).toThrow();
    expect(fs.readdirSync(dir)).toEqual(['taken']);
  });
});

describe('exchange files opened by the operating system', () => {
  it('accepts only an existing .wgx file among the arguments', () => {
    const dir = temp();
    const file = path.join(dir, 'Handover 2026.WGX');
    fs.writeFileSync(file, 'x');
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'x');
    fs.mkdirSync(path.join(dir, 'folder.wgx'));
    expect(exchangeFileFromArgs(['--demo', file])).toBe(file);
    expect(exchangeFileFromArgs([path.join(dir, 'notes.txt')])).toBeUndefined();
    expect(exchangeFileFromArgs([path.join(dir, 'folder.wgx')])).toBeUndefined();
    expect(exchangeFileFromArgs([path.join(dir, 'missing.wgx')])).toBeUndefined();
    expect(exchangeFileFromArgs([`--data-dir=${file}`])).toBeUndefined();
    expect(exchangeFileFromArgs(['/etc/passwd', 'x\0.wgx'])).toBeUndefined();
  });

  it('routes to the import wizard with the file name only, never the path', () => {
    expect(importRouteFor('/home/a/Secret folder/Ryhmä & co.wgx')).toBe('#/exchange/import/Ryhm%C3%A4%20%26%20co.wgx');
  });
});

describe('passphrases', () => {
  const PASSPHRASE = 'Kissa-Koira-Hevonen-4711';

  it('never reach the data folder, the log, an error or the exported file', async () => {
    const dataDir = temp();
    const logged: string[] = [];
    const t = await backend(dataDir, (m) => logged.push(m));
    await t.api.app.chooseStart({ example: true });
    const exported = await t.api.exchange.exportDatabase({ passphrase: PASSPHRASE });
    const bytes = Buffer.from(exported.contentBase64, 'base64');

    const preview = await t.backend.call('exchange.preview', { contentBase64: exported.contentBase64, passphrase: PASSPHRASE });
    expect(preview.ok).toBe(true);
    const wrong = await t.backend.call('exchange.import', {
      contentBase64: exported.contentBase64,
      passphrase: `${PASSPHRASE}-wrong`,
    });
    expect(wrong.ok).toBe(false);
    const tooShort = await t.backend.call('exchange.exportDatabase', { passphrase: 'short' });
    expect(tooShort.ok).toBe(false);
    await t.api.exchange.backupNow({});
    t.close();

    // The right and the wrong passphrase, as UTF-8 and as UTF-16 (how V8 may hold strings).
    const needles = [PASSPHRASE, `${PASSPHRASE}-wrong`].flatMap((p) => [Buffer.from(p, 'utf8'), Buffer.from(p, 'utf16le')]);
    for (const file of filesUnder(dataDir)) {
      const content = fs.readFileSync(file);
      for (const needle of needles) {
        expect(content.includes(needle), `${path.relative(dataDir, file)} holds a passphrase`).toBe(false);
      }
    }
    expect(bytes.includes(Buffer.from(PASSPHRASE))).toBe(false);
    expect(JSON.stringify([logged, wrong, tooShort, preview])).not.toContain(PASSPHRASE);
  });

  it('are not written to logs by any logging call in the app (source scan)', () => {
    const root = path.resolve(__dirname, '../../electron');
    const offenders: string[] = [];
    for (const file of filesUnder(root).filter((f) => f.endsWith('.ts'))) {
      fs.readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (/\b(console\.\w+|log)\(/.test(line) && /passphrase|password|secret|\binput\b|token=/i.test(line)) {
            offenders.push(`${path.relative(root, file)}:${i + 1}: ${line.trim()}`);
          }
        });
    }
    // The browser-mode start-up line prints the per-launch token in the URL the user opens; that is
    // its purpose (it is not a passphrase and dies with the process).
    expect(offenders.filter((o) => !o.startsWith('browser.ts:'))).toEqual([]);
  });
});
