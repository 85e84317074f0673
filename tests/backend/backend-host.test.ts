/**
 * The backend off the host's thread, through the real protocol: the built entry in real worker
 * threads (browser mode) and in real forked processes (standing in for Electron's utility process),
 * with calls, errors, progress, cancel, reads during a long import, and crashes during writes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openReadReplica } from '../../electron/backend';
import { processChannel, workerChannel } from '../../electron/backend-host/channels';
import { startBackendPool, type BackendPool } from '../../electron/backend-host/pool';
import type { BackendEvent, ChildChannel } from '../../electron/backend-host/protocol';
import type { CallProgress } from '../../shared/contract/calls';
import { databaseContent, startTestBackend, tempDir } from '../helpers/backend';
import { buildBackendEntry } from '../helpers/backend-entry';
import { exportFrom } from './exchange-helpers';

let entry: string;
let removeEntry: () => void;
let bigFile: string;
const work = tempDir('painopiste-host-');
const ROWS = 20_000;

beforeAll(async () => {
  ({ entry, remove: removeEntry } = await buildBackendEntry('host'));
  const source = await startTestBackend({ backupOnStart: false });
  const ctx = source.backend.ctx;
  ctx.tx(() => {
    for (let i = 0; i < ROWS; i++) {
      ctx.store.insert('organisations', { abbreviation: `O${i}`, name: `Organisaatio ${i}`, kind: 'agency' });
    }
  });
  bigFile = Buffer.from(exportFrom(source, { kind: 'database' })).toString('base64');
  source.cleanup();
}, 120_000);

afterAll(() => {
  removeEntry();
  fs.rmSync(work, { recursive: true, force: true });
});

type Kind = 'worker' | 'process';
const channels: ChildChannel[] = [];
async function startPool(kind: Kind, dataDir = fs.mkdtempSync(path.join(work, 'd-'))) {
  const events: BackendEvent[] = [];
  const logs: string[] = [];
  const pool = await startBackendPool({
    options: { dataDir, host: 'browser', backupOnStart: false },
    spawn: (role) => {
      const c = kind === 'worker' ? workerChannel(entry, role) : processChannel(entry);
      channels.push(c);
      return c;
    },
    log: (m) => logs.push(m),
    onEvent: (e) => events.push(e),
  });
  return { pool, dataDir, events, logs };
}

const ok = async <T = unknown>(pool: BackendPool, method: string, input: unknown = {}) => {
  const r = await pool.call(method, input);
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return r.value as T;
};

const backupsIn = (dataDir: string) => {
  const dir = path.join(dataDir, 'backups');
  return fs.existsSync(dir) ? fs.readdirSync(dir).length : 0;
};

/** The database as a read-only connection sees it (every table, for "nothing changed"). */
function contentOf(dataDir: string): string {
  const replica = openReadReplica({ dataDir, host: 'memory' });
  try {
    return databaseContent(replica);
  } finally {
    replica.close();
  }
}

describe.each<Kind>(['worker', 'process'])('the backend in a %s', (kind) => {
  it('answers calls and errors with the contract envelopes', async () => {
    const { pool } = await startPool(kind);
    try {
      const info = await ok<{ host: string; schemaVersion: number }>(pool, 'app.info');
      expect(info.host).toBe('browser');
      expect(info.schemaVersion).toBeGreaterThan(0);
      const org = await ok<{ id: string }>(pool, 'organisations.create', {
        abbreviation: 'SM',
        name: 'Sisäministeriö',
        kind: 'ministry',
      });
      // Written by the writer, read by the read-only reader.
      expect(await ok(pool, 'organisations.get', { id: org.id })).toMatchObject({ abbreviation: 'SM' });
      const invalid = await pool.call('organisations.create', { abbreviation: '', kind: 'nope' });
      expect(invalid).toMatchObject({ ok: false, error: { code: 'validation' } });
      expect(await pool.call('no.such', {})).toMatchObject({
        ok: false,
        error: { code: 'not_found', key: 'errors.unknownMethod' },
      });
      expect(await pool.call('groups.get', { id: '00000000-0000-4000-8000-000000000000' })).toMatchObject({
        ok: false,
        error: { code: 'not_found' },
      });
    } finally {
      await pool.close();
    }
  });

  it('reports progress of a whole-database import, and reads answer while it runs', async () => {
    const { pool } = await startPool(kind);
    try {
      const progress: CallProgress[] = [];
      let importDone = false;
      const importing = pool
        .call('exchange.import', { contentBase64: bigFile }, { onProgress: (p) => progress.push(p) })
        .finally(() => (importDone = true));
      // Wait until the import writes, then read: the read-only connection answers before the import ends.
      while (!progress.some((p) => p.phase === 'writing') && !importDone) await new Promise((r) => setTimeout(r, 1));
      const groups = await pool.call('groups.list', {});
      const readDuringImport = !importDone;
      const result = await importing;
      expect(result).toMatchObject({ ok: true, value: { applied: true } });
      expect(groups.ok).toBe(true);
      expect(readDuringImport).toBe(true);
      expect(progress.map((p) => p.phase)).toEqual(expect.arrayContaining(['reading', 'checking', 'backup', 'writing']));
      const writing = progress.filter((p) => p.phase === 'writing');
      expect(writing.at(-1)!.total).toBe(ROWS);
      expect(writing.at(-1)!.done).toBeGreaterThan(0);
      // Inside the transaction a cancel is seen only where memory is shared with the host.
      expect(writing.every((p) => p.cancellable === (kind === 'worker'))).toBe(true);
      expect(progress.filter((p) => p.phase !== 'writing').every((p) => p.cancellable)).toBe(true);
      expect((await ok<unknown[]>(pool, 'organisations.list', {})).length).toBe(ROWS);
    } finally {
      await pool.close();
    }
  });

  it('a cancelled import leaves the database exactly as it was (and keeps no backup for it)', async () => {
    const { pool, dataDir } = await startPool(kind);
    try {
      await ok(pool, 'organisations.create', { abbreviation: 'SM', name: 'Sisäministeriö', kind: 'ministry' });
      const before = contentOf(dataDir);
      const backupsBefore = backupsIn(dataDir);
      const abort = new AbortController();
      // Where the cancel is seen inside the transaction (worker), cancel while writing; elsewhere,
      // at the last safe point before it.
      const cancelAt = kind === 'worker' ? 'writing' : 'checking';
      const result = await pool.call(
        'exchange.import',
        { contentBase64: bigFile },
        {
          signal: abort.signal,
          onProgress: (p) => {
            if (p.phase === cancelAt && p.cancellable) abort.abort();
          },
        },
      );
      expect(result).toMatchObject({ ok: false, error: { code: 'cancelled', key: 'errors.cancelled' } });
      expect(contentOf(dataDir)).toBe(before);
      expect(backupsIn(dataDir)).toBe(backupsBefore);
      // The backend carries on.
      expect((await ok<unknown[]>(pool, 'organisations.list', {})).length).toBe(1);
    } finally {
      await pool.close();
    }
  });

  it('survives being killed during writes: says so, restarts on the same database, loses no acknowledged write', async () => {
    const { pool, events, logs } = await startPool(kind);
    try {
      const acknowledged: string[] = [];
      const failed: string[] = [];
      let killed = false;
      for (let i = 0; i < 120; i++) {
        const write = pool.call('organisations.create', { abbreviation: `K${i}`, name: `Kuolema ${i}`, kind: 'agency' });
        // Kill the writer while a write is on its way, a few times over the run.
        if (i === 40 || i === 80) {
          pool.writer.kill();
          killed = true;
        }
        const r = await write;
        if (r.ok) acknowledged.push((r.value as { id: string }).id);
        else {
          expect(r.error.code).toBe('unavailable');
          failed.push(`K${i}`);
        }
      }
      expect(killed).toBe(true);
      expect(acknowledged.length).toBeGreaterThanOrEqual(118);
      // A read lands on the reader, which never stopped; every acknowledged write is there.
      const listed = await ok<Array<{ id: string }>>(pool, 'organisations.list', {});
      const ids = new Set(listed.map((o) => o.id));
      for (const id of acknowledged) expect(ids.has(id)).toBe(true);
      expect(events.filter((e) => e.type === 'stopped' && e.role === 'writer')).toHaveLength(2);
      expect(events.filter((e) => e.type === 'restarted' && e.role === 'writer')).toHaveLength(2);
      expect(logs.some((l) => /stopped unexpectedly .* starting it again on the same database/.test(l))).toBe(true);
      // The restarted writer writes on.
      await ok(pool, 'organisations.create', { abbreviation: 'AFTER', name: 'After', kind: 'agency' });
    } finally {
      await pool.close();
    }
  });

  it('retries a read on a restarted reader', async () => {
    const { pool } = await startPool(kind);
    try {
      const list = pool.call('groups.list', {});
      pool.reader!.kill();
      expect((await list).ok).toBe(true);
      expect((await pool.call('groups.list', {})).ok).toBe(true);
    } finally {
      await pool.close();
    }
  });
});

it('refuses to start with the sentence of the failure, and does not leave a child behind', async () => {
  const dataDir = fs.mkdtempSync(path.join(work, 'bad-'));
  // A file that is not a database where the database should be.
  fs.writeFileSync(path.join(dataDir, 'painopiste.sqlite'), 'not a database, just text');
  const spawned: ChildChannel[] = [];
  await expect(
    startBackendPool({
      options: { dataDir, host: 'browser', backupOnStart: false },
      spawn: () => {
        const c = workerChannel(entry, 'bad');
        spawned.push(c);
        return c;
      },
      log: () => {},
    }),
  ).rejects.toThrow(/not a database/);
  expect(spawned).toHaveLength(1);
});
