/**
 * Shared sync folders (docs/sync-folder.md): after one edit in the busy group, the change file's
 * bytes and the time to write it and to apply it on another laptop, against a whole-group export and
 * a whole-group import of the same group (what passing a handover file by hand costs each time).
 * Both sides encrypt with the production scrypt parameters, so the ratios are what a user pays; the
 * scrypt work (one key per file, plus one for each laptop index read or written) is a fixed cost that
 * does not grow with the group.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { DATABASE_FILE, openDatabase, setMeta } from '../../electron/backend/db/open';
import { openBackend, type Backend } from '../../electron/backend';
import { applyImport, exportScope } from '../../electron/backend/exchange/service';
import { defineCase, type BenchCase, type ScaleEnv } from '../harness';

const ALL = ['W/100', 'W/10', 'W'] as const;
const PASSPHRASE = 'bench-sync-passphrase';
const EXPORT = 'sync: whole-group export (encrypted)';
const IMPORT = 'sync: whole-group import into a laptop that has the group (encrypted)';

/** A laptop: a copy of the generated data with a replica id of its own (copies share the template's). */
async function laptop(env: ScaleEnv, name: string): Promise<Backend> {
  const dir = env.copyTemplate(name);
  const db = openDatabase(path.join(dir, DATABASE_FILE));
  setMeta(db, 'replica_id', randomUUID());
  db.close();
  return openBackend({ dataDir: dir, host: 'memory', backupOnStart: false, sync: { auto: false } });
}

/** One edit in the busy group: the title of one of its meetings. */
function editOnce(b: Backend, groupId: string, n: number): void {
  const ctx = b.ctx;
  const id = ctx.db
    .prepare(`SELECT id FROM meetings WHERE group_id = ? AND deleted = 0 ORDER BY id LIMIT 1`)
    .pluck()
    .get(groupId) as string;
  ctx.tx(() => ctx.store.update('meetings', id, { title: `Kokous, muokattu ${n}` }));
}

function newestFile(folder: string, replica: string): number {
  const dir = path.join(folder, replica);
  const last = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.wgx'))
    .sort()
    .at(-1)!;
  return fs.statSync(path.join(dir, last)).size;
}

interface Pair {
  a: Backend;
  b: Backend;
  folder: string;
  groupId: string;
  n: number;
  bytes: number;
}

async function linkedPair(env: ScaleEnv): Promise<Pair> {
  const groupId = env.generated.ids.busyGroup;
  const folder = path.join(env.root, `sync-folder-${randomUUID()}`);
  fs.mkdirSync(folder);
  const a = await laptop(env, 'sync-a');
  const b = await laptop(env, 'sync-b');
  // Linking writes each laptop's first snapshot and applies the other's (untimed).
  await a.sync.link({ groupId, folder, laptopName: 'A', passphrase: PASSPHRASE, remember: false });
  await b.sync.link({ groupId, folder, laptopName: 'B', passphrase: PASSPHRASE, remember: false });
  await a.sync.runOnce(groupId);
  return { a, b, folder, groupId, n: 0, bytes: 0 };
}

export const syncCases: BenchCase[] = [
  defineCase<{ backend: Backend; groupId: string; bytes: number }>({
    name: EXPORT,
    area: 'exchange',
    scales: ALL,
    kind: 'bulk',
    runs: 3,
    setup: async (env) => ({ backend: await env.backend(), groupId: env.generated.ids.busyGroup, bytes: 0 }),
    run: (_env, s) => {
      const { bytes, summary } = exportScope(s.backend.ctx, { kind: 'group', groupId: s.groupId }, { passphrase: PASSPHRASE });
      return { extra: { rows: summary.rows, bytes: bytes.length } };
    },
  }),
  defineCase<{ target: Backend; file: Uint8Array }>({
    name: IMPORT,
    area: 'exchange',
    scales: ALL,
    kind: 'bulk',
    runs: 3,
    setup: async (env) => {
      const source = await env.backend();
      const file = exportScope(
        source.ctx,
        { kind: 'group', groupId: env.generated.ids.busyGroup },
        { passphrase: PASSPHRASE },
      ).bytes;
      return { target: await laptop(env, 'sync-import'), file };
    },
    run: async (_env, s) => {
      // A repeat of the same export id changes nothing, so each run imports a file made untimed.
      const result = await applyImport(s.target.ctx, s.file, { passphrase: PASSPHRASE, backup: false });
      if (!result.applied) throw new Error('import was not applied');
      return { extra: { bytes: s.file.length } };
    },
    beforeEach: async (env, s) => {
      const source = await env.backend();
      s.file = exportScope(source.ctx, { kind: 'group', groupId: env.generated.ids.busyGroup }, { passphrase: PASSPHRASE }).bytes;
    },
    teardown: (_env, s) => s.target.close(),
  }),
  defineCase<Pair>({
    name: 'sync: write the change file after one edit',
    area: 'exchange',
    scales: ALL,
    kind: 'bulk',
    runs: 3,
    baseline: EXPORT,
    setup: linkedPair,
    beforeEach: (_env, s) => editOnce(s.a, s.groupId, ++s.n),
    run: async (_env, s) => {
      await s.a.sync.runOnce(s.groupId);
      return { extra: { 'change file bytes': newestFile(s.folder, s.a.ctx.store.clock.replica) } };
    },
    teardown: (_env, s) => {
      s.a.close();
      s.b.close();
    },
  }),
  defineCase<Pair>({
    name: 'sync: apply the change file on the other laptop',
    area: 'exchange',
    scales: ALL,
    kind: 'bulk',
    runs: 3,
    baseline: IMPORT,
    setup: linkedPair,
    beforeEach: async (_env, s) => {
      editOnce(s.a, s.groupId, ++s.n);
      await s.a.sync.runOnce(s.groupId);
    },
    run: async (_env, s) => {
      const before = s.b.ctx.store.clock.last();
      await s.b.sync.runOnce(s.groupId);
      if (s.b.ctx.store.clock.last() === before) throw new Error('nothing was applied');
    },
    teardown: (_env, s) => {
      s.a.close();
      s.b.close();
    },
  }),
];
