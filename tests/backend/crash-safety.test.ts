import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE, openDatabase } from '../../electron/backend/db/open';
import { MIGRATIONS } from '../../electron/backend/db/migrations';
import { tempDir } from '../helpers/backend';

/**
 * Crash safety: the real backend runs in a child process that writes without pause (organisation and
 * group edits, 300-row bulk inserts, backups; the first run of each data folder also migrates and
 * loads the example data) and is SIGKILLed at a random moment, many times over. After every kill the
 * database must open, pass PRAGMA integrity_check and foreign_key_check, and hold every write the
 * worker acknowledged; a bulk insert is all or nothing; every acknowledged backup is a whole database.
 */
const ITERATIONS = 30;

let root: string;
let workerDir: string;
let worker: string;

beforeAll(async () => {
  root = tempDir('painopiste-crash-');
  // Inside the project, so the bundle finds node_modules (zod, better-sqlite3).
  workerDir = path.resolve(__dirname, '../../.tmp', `crash-worker-${process.pid}`);
  // Build the worker (TypeScript importing the backend) into one Node file; better-sqlite3 stays native.
  await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      ssr: true,
      outDir: workerDir,
      emptyOutDir: true,
      target: 'node20',
      rollupOptions: {
        input: { worker: path.resolve(__dirname, '../helpers/security-crash-worker.ts') },
        output: { format: 'es', entryFileNames: '[name].mjs' },
      },
    },
  });
  worker = path.join(workerDir, 'worker.mjs');
}, 120_000);
afterAll(() => {
  fs.rmSync(root, { recursive: true, force: true });
  fs.rmSync(workerDir, { recursive: true, force: true });
});

interface Acks {
  orgs: Map<string, number>;
  renames: Map<string, string>;
  groups: Set<string>;
  bulks: Set<string>;
  backups: Set<string>;
}

/** Run the worker until `killAfterMs` after it is ready (or after spawn when `early`), then SIGKILL it. */
function runAndKill(dataDir: string, run: number, killAfterMs: number, opts: { demo: boolean; early: boolean }) {
  return new Promise<{ lines: string[]; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [worker, dataDir, String(run), ...(opts.demo ? ['--demo'] : [])], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let stderr = '';
    let timer: NodeJS.Timeout | undefined;
    const arm = () => (timer ??= setTimeout(() => child.kill('SIGKILL'), killAfterMs));
    if (opts.early) arm();
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.startsWith('ready\n')) arm();
    });
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('exit', () => {
      clearTimeout(timer);
      // A line without its newline was being written when the kill came: not acknowledged.
      const lines = out.split('\n').slice(0, -1);
      resolve({ lines, stderr });
    });
  });
}

function verify(dataDir: string, acks: Acks) {
  const db = openDatabase(path.join(dataDir, DATABASE_FILE));
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    const version = db.pragma('user_version', { simple: true }) as number;
    const tables = db.prepare(`SELECT count(*) FROM sqlite_schema WHERE type = 'table'`).pluck().get() as number;
    if (version === 0) {
      // Killed before the first migration committed: it left nothing half-made, and nothing was acknowledged.
      expect(tables).toBe(0);
      expect(acks.orgs.size + acks.groups.size + acks.bulks.size).toBe(0);
      return;
    }
    expect(version).toBeLessThanOrEqual(MIGRATIONS.at(-1)!.version);
    const orgName = db.prepare('SELECT name FROM organisations WHERE id = ?').pluck();
    for (const id of acks.orgs.keys()) expect(orgName.get(id), `organisation ${id}`).toBeDefined();
    for (const [id, value] of acks.renames) {
      // The acknowledged rename or a later one (committed just before the kill, not yet acknowledged).
      const stored = orgName.get(id) as string;
      const [run, seq] = value.split(':').map(Number) as [number, number];
      const m = /^Renamed (\d+) (\d+)$/.exec(stored);
      expect(m, `rename of ${id}: ${stored}`).not.toBeNull();
      const [storedRun, storedSeq] = [Number(m![1]), Number(m![2])];
      expect(storedRun > run || (storedRun === run && storedSeq >= seq), `rename of ${id}: ${stored} < ${value}`).toBe(true);
    }
    const groupExists = db.prepare('SELECT 1 FROM work_groups WHERE id = ?').pluck();
    for (const id of acks.groups) expect(groupExists.get(id), `group ${id}`).toBe(1);
    const bulkCounts = db.prepare(`SELECT title, count(*) AS n FROM people WHERE title LIKE 'bulk-%' GROUP BY title`).all() as {
      title: string;
      n: number;
    }[];
    for (const { title, n } of bulkCounts) expect(n, `bulk ${title} is all or nothing`).toBe(300);
    const present = new Set(bulkCounts.map((b) => b.title));
    for (const marker of acks.bulks) expect(present.has(marker), `bulk ${marker}`).toBe(true);
  } finally {
    db.close();
  }
  for (const fileName of acks.backups) {
    const file = path.join(dataDir, 'backups', fileName);
    expect(fs.existsSync(file), `backup ${fileName}`).toBe(true);
    const copy = new Database(file, { readonly: true, fileMustExist: true });
    try {
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      copy.close();
    }
  }
}

describe('crash safety', () => {
  it(`keeps the database whole and every acknowledged write through ${ITERATIONS} SIGKILLs`, async () => {
    const plan = fc.sample(
      fc.record({
        killAfterMs: fc.integer({ min: 5, max: 500 }),
        freshFolder: fc.integer({ min: 0, max: 5 }).map((n) => n === 0),
      }),
      { numRuns: ITERATIONS, seed: 4_0808 },
    );
    let dataDir = path.join(root, 'data-0');
    let acks: Acks = { orgs: new Map(), renames: new Map(), groups: new Set(), bulks: new Set(), backups: new Set() };
    let totalAcks = 0;
    let killedBeforeReady = 0;
    for (const [run, step] of plan.entries()) {
      const fresh = run === 0 || step.freshFolder;
      if (fresh && run > 0) {
        dataDir = path.join(root, `data-${run}`);
        acks = { orgs: new Map(), renames: new Map(), groups: new Set(), bulks: new Set(), backups: new Set() };
      }
      // A fresh folder is killed early, from spawn: during creation, migration and example data.
      const { lines, stderr } = await runAndKill(dataDir, run, fresh ? step.killAfterMs / 2 : step.killAfterMs, {
        demo: fresh,
        early: fresh,
      });
      expect(
        lines.filter((l) => l.startsWith('error')),
        stderr,
      ).toEqual([]);
      expect(stderr).not.toMatch(/Error/);
      if (!lines.includes('ready')) killedBeforeReady++;
      for (const line of lines) {
        const [kind, what, a, b] = line.split(' ');
        if (kind !== 'ack') continue;
        totalAcks++;
        if (what === 'org') acks.orgs.set(a!, Number(b));
        else if (what === 'rename') acks.renames.set(a!, b!);
        else if (what === 'group') acks.groups.add(a!);
        else if (what === 'bulk') acks.bulks.add(a!);
        else if (what === 'backup') acks.backups.add(a!);
      }
      if (fs.existsSync(path.join(dataDir, DATABASE_FILE))) verify(dataDir, acks);
    }
    console.log(
      `crash safety: ${ITERATIONS} SIGKILLs, ${totalAcks} acknowledged writes verified, ${killedBeforeReady} kills during start-up`,
    );
    expect(totalAcks).toBeGreaterThan(ITERATIONS);
  }, 180_000);
});
