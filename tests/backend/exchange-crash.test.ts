/**
 * Kill the importing process (SIGKILL) at random points: the database must open, pass
 * integrity_check and hold either all of the import or none of it.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from 'vite';
import { DATABASE_FILE } from '../../electron/backend/db/open';
import { startTestBackend, tempDir } from '../helpers/backend';
import { exportFrom } from './exchange-helpers';

const ROWS = 6000;
const root = path.resolve(__dirname, '../..');
// Inside the project so the built worker resolves better-sqlite3 from node_modules.
const outDir = path.join(root, '.tmp', `exchange-crash-${process.pid}`);
let worker: string;
let file: string;
let work: string;

beforeAll(async () => {
  await build({
    configFile: false,
    root,
    logLevel: 'silent',
    build: {
      ssr: true,
      outDir,
      emptyOutDir: true,
      target: 'node20',
      rollupOptions: {
        input: { worker: path.join(root, 'tests/backend/exchange-crash-worker.ts') },
        output: { format: 'es', entryFileNames: '[name].mjs' },
      },
    },
  });
  worker = path.join(outDir, 'worker.mjs');
  work = tempDir('painopiste-crash-');
  const source = await startTestBackend({ backupOnStart: false });
  const ctx = source.backend.ctx;
  ctx.tx(() => {
    for (let i = 0; i < ROWS; i++) {
      ctx.store.insert('organisations', {
        abbreviation: `O${i}`,
        name: `Organisaatio ${i}`,
        kind: 'agency',
        notes: 'x'.repeat(200),
      });
    }
  });
  file = path.join(work, 'all.wgx');
  fs.writeFileSync(file, exportFrom(source, { kind: 'database' }));
  source.cleanup();
}, 120_000);

afterAll(() => {
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.rmSync(work, { recursive: true, force: true });
});

/** Run the worker, killing it `delayMs` after it says "start" (never, if it finishes first). */
function runAndKill(dataDir: string, delayMs: number): Promise<'killed' | 'finished'> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [worker, dataDir, file], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('start') && !out.includes('armed')) {
        out += 'armed';
        if (Number.isFinite(delayMs)) setTimeout(() => child.kill('SIGKILL'), delayMs);
      }
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve('killed');
      else if (code === 0 && out.includes('done')) resolve('finished');
      else reject(new Error(`worker failed (${code}): ${err}`));
    });
  });
}

describe('an import killed at random points', () => {
  it('leaves a database that opens, passes integrity_check, and holds all or none of the import', async () => {
    const outcomes = { all: 0, none: 0 };
    // Spread over the whole import: reading, verifying, the backup, the transaction, the commit.
    // The last run is never killed: it must finish with everything.
    const delays = [0, 5, 20, 60, 120, 200, 300, 450, 700, 1000, 1500, Infinity];
    for (const delay of delays) {
      const dataDir = tempDir('painopiste-crash-db-');
      try {
        const prepare = await startTestBackend({ dataDir, backupOnStart: false });
        prepare.close();
        const how = await runAndKill(dataDir, delay);
        const db = new Database(path.join(dataDir, DATABASE_FILE));
        try {
          expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
          expect(db.pragma('foreign_key_check')).toEqual([]);
          const count = db.prepare(`SELECT COUNT(*) FROM organisations`).pluck().get() as number;
          const logged = db.prepare(`SELECT COUNT(*) FROM exchange_log WHERE direction = 'import'`).pluck().get() as number;
          expect([0, ROWS]).toContain(count);
          expect(logged).toBe(count === ROWS ? 1 : 0);
          if (how === 'finished') expect(count).toBe(ROWS);
          if (!Number.isFinite(delay)) expect(how).toBe('finished');
          outcomes[count === ROWS ? 'all' : 'none']++;
        } finally {
          db.close();
        }
      } finally {
        fs.rmSync(dataDir, { recursive: true, force: true });
      }
    }
    expect(outcomes.all + outcomes.none).toBe(delays.length);
  }, 120_000);
});
