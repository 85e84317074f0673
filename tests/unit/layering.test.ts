import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * The layers of the code (README, "How it is built"), kept by dependency-cruiser with the rules in
 * .dependency-cruiser.cjs, and the rule that only repositories (and db/) run SQL, kept by a scan of the
 * sources. Part of `npm test`, so a leak fails the build.
 */
const ROOT = path.resolve(__dirname, '../..');
const CLI = path.join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');
const CONFIG = path.join(ROOT, '.dependency-cruiser.cjs');

interface Violation {
  from: string;
  to: string;
  rule: { name: string };
  cycle?: Array<{ name: string }>;
}

function cruise(cwd: string, dirs: string[]): Violation[] {
  let out: string;
  try {
    out = execFileSync(process.execPath, [CLI, '--config', CONFIG, '--output-type', 'json', ...dirs], {
      cwd,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (e) {
    // The JSON reporter exits non-zero when there are errors; its output is still the result.
    out = (e as { stdout?: string }).stdout ?? '';
    if (!out) throw e;
  }
  return (JSON.parse(out) as { summary: { violations: Violation[] } }).summary.violations;
}

const describeViolation = (v: Violation) =>
  `${v.rule.name}: ${v.from} → ${v.to}${v.cycle ? ` (cycle ${v.cycle.map((c) => c.name).join(' → ')})` : ''}`;

describe('layers (dependency-cruiser)', () => {
  it('the code keeps them: renderer ↛ electron/, backend ↛ renderer/ or the host, shared/ pure, no cycles', () => {
    const violations = cruise(ROOT, ['electron', 'renderer', 'shared']).map(describeViolation);
    expect(violations).toEqual([]);
  }, 120_000);

  const fixture = fs.mkdtempSync(path.join(os.tmpdir(), 'painopiste-layers-'));
  afterAll(() => fs.rmSync(fixture, { recursive: true, force: true }));

  it('the rules catch each kind of leak (a small tree that breaks every rule once)', () => {
    const write = (file: string, text: string) => {
      fs.mkdirSync(path.dirname(path.join(fixture, file)), { recursive: true });
      fs.writeFileSync(path.join(fixture, file), text);
    };
    write('tsconfig.json', JSON.stringify({ compilerOptions: { module: 'ESNext', moduleResolution: 'Bundler' } }));
    write('electron/main.ts', `export const host = 1;\n`);
    write('electron/backend/a.ts', `import { b } from './b';\nimport { host } from '../main';\nexport const a = b + host;\n`);
    write(
      'electron/backend/b.ts',
      `import { a } from './a';\nimport { page } from '../../renderer/page';\nexport const b = a + page;\n`,
    );
    write('renderer/page.ts', `import { a } from '../electron/backend/a';\nexport const page = a;\n`);
    write('shared/pure.ts', `import { page } from '../renderer/page';\nexport const pure = page;\n`);
    const rules = new Set(cruise(fixture, ['electron', 'renderer', 'shared']).map((v) => v.rule.name));
    expect([...rules].sort()).toEqual(
      ['backend-not-host', 'backend-not-renderer', 'no-cycles', 'renderer-not-electron', 'shared-is-pure'].sort(),
    );
  }, 120_000);
});

/** Every .ts file under `dir` (relative to the repository root). */
function sources(dir: string): string[] {
  return fs
    .readdirSync(path.join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.tsx?$/.test(f))
    .map((f) => path.posix.join(dir, f.split(path.sep).join('/')));
}

/** A call that runs SQL: `<something>.store.prepare(`, `db.exec(` … (a RegExp's `.exec(` is not one). */
const RUNS_SQL = /\b(?:store|db|database)\s*\.\s*(?:prepare|exec)\s*\(/g;

/**
 * Where SQL may run besides electron/backend/repositories/ and electron/backend/db/, and why:
 * - exchange/: the exchange engine reads and merges every travelling table generically, table by table
 *   from the row store's table list (db/tables.ts); it is the repository of the file format.
 * - backup.ts: SQLite's online backup and the backup log, the database file's own housekeeping.
 */
const SQL_ALLOWED = [
  /^electron\/backend\/(repositories|db)\//,
  /^electron\/backend\/exchange\//,
  /^electron\/backend\/backup\.ts$/,
];

describe('only repositories run SQL', () => {
  it('no service, document or other backend module calls prepare/exec on the database', () => {
    const offenders = sources('electron/backend')
      .filter((f) => !SQL_ALLOWED.some((r) => r.test(f)))
      .flatMap((f) => {
        const text = fs.readFileSync(path.join(ROOT, f), 'utf8');
        return [...text.matchAll(RUNS_SQL)].map((m) => `${f}:${text.slice(0, m.index).split('\n').length}`);
      });
    expect(offenders).toEqual([]);
  });

  it('the scan sees SQL however the call is written, and not a RegExp exec', () => {
    const hits = (s: string) => [...s.matchAll(RUNS_SQL)].length;
    expect(hits('ctx.store.prepare(`SELECT 1`)')).toBe(1);
    expect(hits('ctx.store\n      .prepare(\n`SELECT 1`)')).toBe(1);
    expect(hits('ctx.db.exec("VACUUM")')).toBe(1);
    expect(hits('/^a$/.exec(value); NAME.exec(source)')).toBe(0);
  });

  it('renderer and shared never touch SQLite', () => {
    const offenders = [...sources('renderer'), ...sources('shared')].filter((f) =>
      /better-sqlite3|\.prepare\s*\(\s*`\s*(SELECT|INSERT|UPDATE|DELETE)/i.test(fs.readFileSync(path.join(ROOT, f), 'utf8')),
    );
    expect(offenders).toEqual([]);
  });
});
