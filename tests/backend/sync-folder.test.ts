/**
 * Shared sync folders (docs/sync-folder.md): three laptops, each with its own data folder and its
 * own copy of the shared folder, kept in step by a simulated sync engine that delivers files late,
 * out of order, twice and half-written.
 */
import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { normaliseRow, type Row } from '../../shared/exchange/merge';
import { TABLE_CODECS } from '../../electron/backend/db/tables';
import { collectScope } from '../../electron/backend/exchange/scope';
import { exportScope } from '../../electron/backend/exchange/service';
import { fileNameFor, sha256Hex, writeExchangeFile, writeIndex } from '../../electron/backend/sync/folder';
import { parseFieldHlc } from '../../shared/exchange/merge';
import { startTestBackend, tempDir, type TestBackend } from '../helpers/backend';
import { FAST_SCRYPT, exportFrom, importInto, seedGroup } from './exchange-helpers';
import { SimulatedSyncEngine, rng } from './sync-engine';
import type { SyncOptions } from '../../electron/backend/sync/manager';

const PASS = 'kansio-salasana-2027';
const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

interface Laptop extends TestBackend {
  name: string;
  folder: string;
  replicaId: string;
  advance(ms: number): void;
}

async function laptop(name: string, sync: SyncOptions = {}, startMs = Date.UTC(2027, 0, 4, 8)): Promise<Laptop> {
  let t = startMs;
  const b = await startTestBackend({
    now: () => new Date(t),
    backupOnStart: false,
    sync: { auto: false, scrypt: FAST_SCRYPT, ...sync },
  });
  const folder = tempDir('painopiste-sync-');
  cleanups.push(() => {
    b.cleanup();
    fs.rmSync(folder, { recursive: true, force: true });
  });
  return Object.assign(b, {
    name,
    folder,
    replicaId: b.backend.ctx.store.clock.replica,
    advance(ms: number) {
      t += ms;
    },
  });
}

/** The group's closure on one laptop, in canonical form. */
function groupContent(l: TestBackend, groupId: string): Record<string, Row[]> {
  const tables = collectScope(l.backend.ctx.db, { kind: 'group', groupId });
  const out: Record<string, Row[]> = {};
  for (const [t, rows] of Object.entries(tables)) {
    out[t] = rows.map((r) => normaliseRow(r, { longTextFields: TABLE_CODECS[t]?.longText ?? [] }));
  }
  return out;
}

async function threeLaptops(seedNumber = 20270104, sync: SyncOptions = {}) {
  const a = await laptop("SM's laptop", sync);
  const b = await laptop("TEM's laptop", sync);
  const c = await laptop("STM's laptop", sync);
  const seed = await seedGroup(a);
  // The handover: B and C get the group by hand once; from then on it flows through the folder.
  const file = exportFrom(a, { kind: 'group', groupId: seed.group.id });
  await importInto(b, file);
  await importInto(c, file);
  const engine = new SimulatedSyncEngine(
    [a, b, c].map((l) => ({ folder: l.folder, replicaId: l.replicaId })),
    rng(seedNumber),
  );
  return { a, b, c, seed, engine, all: [a, b, c] };
}

describe('sync folder', () => {
  // Snapshots every fourth file, so snapshots, skipped snapshots and pruning all happen on the way.
  it.each([20270104, 7, 99])(
    'three laptops converge through a sync engine that delivers late, out of order, twice and half-written (seed %i)',
    async (seedNumber) => {
      const { a, seed, engine, all } = await threeLaptops(seedNumber, { snapshotEvery: 4 });
      const groupId = seed.group.id;
      for (const l of all)
        await l.api.sync.link({ groupId, folder: l.folder, laptopName: l.name, passphrase: PASS, remember: false });

      const random = rng(seedNumber + 1);
      const pick = <T>(xs: T[]): T => xs[Math.floor(random() * xs.length)]!;
      // Every acknowledged edit: [laptop, table, row, field, value, stamp of that field after the edit].
      const edits: Array<{ by: string; table: string; id: string; field: string; value: string; stamp: string }> = [];
      const superseded = new Set<string>();
      const actionIds: string[] = [];
      const stampOf = (l: Laptop, table: string, id: string, field: string) => {
        const row = l.backend.ctx.store.getRaw(table, id) as Row;
        const clocks = parseFieldHlc(row.field_hlc);
        return clocks[field] ?? clocks['*']!;
      };
      const current = (l: Laptop, table: string, id: string, field: string) => l.backend.ctx.store.getRaw(table, id)?.[field];
      let n = 0;
      for (let step = 0; step < 60; step++) {
        const l = pick(all);
        l.advance(1000 + Math.floor(random() * 60_000));
        const op = random();
        const value = `${l.name} edit ${++n}`;
        if (op < 0.35) {
          // Minutes: a long text, concurrent edits must both be kept (one stored, one listed).
          superseded.add(String(current(l, 'agenda_items', seed.item.id, 'minutes')));
          await l.api.meetings.saveMinutes({ agendaItemId: seed.item.id, minutes: value });
          edits.push({
            by: l.name,
            table: 'agenda_items',
            id: seed.item.id,
            field: 'minutes',
            value,
            stamp: stampOf(l, 'agenda_items', seed.item.id, 'minutes'),
          });
        } else if (op < 0.6 || actionIds.length === 0) {
          const action = await l.api.meetings.addAction({
            groupId,
            title: value,
            meetingId: null,
            agendaItemId: null,
            ownerPersonId: null,
            ownerOrganisationId: null,
            dueDate: null,
          });
          actionIds.push(action.id);
          edits.push({
            by: l.name,
            table: 'action_items',
            id: action.id,
            field: 'title',
            value,
            stamp: stampOf(l, 'action_items', action.id, 'title'),
          });
        } else if (op < 0.85) {
          const known = actionIds.filter((id) => l.backend.ctx.store.getRaw('action_items', id));
          if (!known.length) continue;
          const id = pick(known);
          await l.api.meetings.updateAction({ id, patch: { title: value } });
          edits.push({
            by: l.name,
            table: 'action_items',
            id,
            field: 'title',
            value,
            stamp: stampOf(l, 'action_items', id, 'title'),
          });
        } else {
          await l.api.groups.update({ id: groupId, patch: { shortName: value.slice(0, 60) } });
          edits.push({
            by: l.name,
            table: 'work_groups',
            id: groupId,
            field: 'short_name',
            value: value.slice(0, 60),
            stamp: stampOf(l, 'work_groups', groupId, 'short_name'),
          });
        }
        // Now and then a laptop's scheduler runs a cycle; the engine moves files all the time.
        if (random() < 0.5) await pick(all).backend.sync.runOnce();
        engine.step();
      }
      expect(engine.stats.partial).toBeGreaterThan(0);
      expect(engine.stats.duplicated).toBeGreaterThan(0);
      expect(engine.stats.reordered).toBeGreaterThan(0);
      expect(engine.stats.deleted).toBeGreaterThan(0);

      // Quiet: no more edits; the engine delivers everything, the laptops exchange until nothing moves.
      for (let round = 0; round < 4; round++) {
        for (const l of all) {
          l.advance(60_000);
          await l.backend.sync.runOnce();
        }
        engine.flush();
      }
      const contents = all.map((l) => groupContent(l, groupId));
      expect(contents[1]).toEqual(contents[0]);
      expect(contents[2]).toEqual(contents[0]);

      // No acknowledged edit lost: each field holds its newest edit; a long text not kept was either
      // overwritten by someone who had seen it or is listed as a conflict on some laptop.
      const final = (table: string, id: string, field: string) => current(a, table, id, field);
      const byField = new Map<string, typeof edits>();
      for (const e of edits)
        byField.set(`${e.table}|${e.id}|${e.field}`, [...(byField.get(`${e.table}|${e.id}|${e.field}`) ?? []), e]);
      for (const list of byField.values()) {
        const newest = list.reduce((x, y) => (y.stamp > x.stamp ? y : x));
        expect(final(newest.table, newest.id, newest.field)).toBe(newest.value);
      }
      const listed = new Set<string>();
      for (const l of all) {
        for (const cfl of await l.api.exchange.conflicts({ includeResolved: true })) {
          if (cfl.localValue) listed.add(cfl.localValue);
          if (cfl.remoteValue) listed.add(cfl.remoteValue);
        }
      }
      const minutes = edits.filter((e) => e.field === 'minutes');
      const finalMinutes = final('agenda_items', seed.item.id, 'minutes');
      for (const e of minutes) {
        if (e.value === finalMinutes || superseded.has(e.value)) continue;
        expect(listed, `minutes "${e.value}" kept as a conflict`).toContain(e.value);
      }
      // Every laptop knows the other two, and none waits for anything.
      for (const l of all) {
        const [status] = await l.api.sync.list({});
        expect(status!.laptops).toBe(2);
        expect(status!.waiting).toEqual([]);
        expect(status!.state).toBe('active');
      }
      console.log(
        `sync convergence: ${edits.length} edits (${minutes.length} of minutes) on 3 laptops, ${listed.size} texts in conflicts; engine: ` +
          JSON.stringify(engine.stats),
      );
    },
    120_000,
  );

  it('a change file holds only what changed; a newcomer joins from one snapshot; pruning keeps what is needed', async () => {
    // A snapshot after every second change file, so the test sees one being written and pruning.
    const a = await laptop("SM's laptop", { snapshotEvery: 2 });
    const seed = await seedGroup(a);
    const groupId = seed.group.id;
    const folder = a.folder;
    await a.api.sync.link({ groupId, folder, laptopName: a.name, passphrase: PASS, remember: false });
    let log = await a.api.sync.log({ groupId });
    expect(log.map((e) => e.kind)).toContain('snapshot');
    a.advance(5000);
    await a.api.meetings.saveMinutes({ agendaItemId: seed.item.id, minutes: 'Uusi pöytäkirja' });
    await a.backend.sync.runOnce();
    log = await a.api.sync.log({ groupId });
    const written = log.find((e) => e.kind === 'written')!;
    // The agenda item, plus the rows it references (meeting → group, chair person → organisation).
    expect(written.rows).toBeGreaterThanOrEqual(1);
    expect(written.rows).toBeLessThan(8);
    // Nothing changed: no new file.
    const before = fs.readdirSync(path.join(folder, a.replicaId)).length;
    await a.backend.sync.runOnce();
    expect(fs.readdirSync(path.join(folder, a.replicaId)).length).toBe(before);
    a.advance(5000);
    await a.api.meetings.updateAgendaItem({ id: seed.item.id, patch: { title: 'Tilannekuva 2027' } });
    await a.backend.sync.runOnce();
    // Files 1 (the first snapshot), 2 and 3 (changes), 4 (a snapshot): no laptop needs 1–3 any more.
    log = await a.api.sync.log({ groupId });
    expect(log.filter((e) => e.kind === 'snapshot')).toHaveLength(2);
    expect(
      log
        .filter((e) => e.kind === 'pruned')
        .map((e) => e.fileName)
        .sort(),
    ).toEqual([1, 2, 3].map((n) => `${a.replicaId}/0000000${n}.wgx`));
    expect(fs.readdirSync(path.join(folder, a.replicaId)).sort()).toEqual(['00000004.wgx', 'laptop.wgxi']);

    // A newcomer with an empty database and the group from a handover links to the same folder.
    const b = await laptop("TEM's laptop");
    await importInto(b, exportFrom(a, { kind: 'group', groupId }));
    await b.api.sync.link({ groupId, folder, laptopName: b.name, passphrase: PASS, remember: false });
    expect(b.backend.ctx.store.getRaw('agenda_items', seed.item.id)!.minutes).toBe('Uusi pöytäkirja');
    const bLog = await b.api.sync.log({ groupId });
    expect(bLog.filter((e) => e.kind === 'applied')).toHaveLength(1);
    expect(bLog.find((e) => e.kind === 'applied')!.fileName).toBe(`${a.replicaId}/00000004.wgx`);

    expect(b.backend.ctx.store.getRaw('agenda_items', seed.item.id)!.title).toBe('Tilannekuva 2027');
    // From now on A keeps its files until B has applied them.
    a.advance(5000);
    await a.api.meetings.saveMinutes({ agendaItemId: seed.item.id, minutes: 'Kolmas' });
    await a.backend.sync.runOnce();
    a.advance(5000);
    await a.api.meetings.saveMinutes({ agendaItemId: seed.item.id, minutes: 'Neljäs' });
    await a.backend.sync.runOnce();
    // 4 is applied by B (pruned); 5 and 6 are not yet, so they stay although snapshot 7 covers them.
    expect(fs.readdirSync(path.join(folder, a.replicaId)).sort()).toEqual([
      '00000005.wgx',
      '00000006.wgx',
      '00000007.wgx',
      'laptop.wgxi',
    ]);
    await b.backend.sync.runOnce();
    expect(b.backend.ctx.store.getRaw('agenda_items', seed.item.id)!.minutes).toBe('Neljäs');
    // What came in, record by record, as the import preview lists it.
    expect((await b.api.sync.log({ groupId })).find((e) => e.kind === 'applied')!.records).toContainEqual(
      expect.objectContaining({ table: 'agenda_items', rowId: seed.item.id, change: 'updated' }),
    );
    // B had every file before snapshot 7, so it applied the two small ones and skipped the snapshot.
    expect((await b.api.sync.log({ groupId })).filter((e) => e.kind === 'applied').map((e) => e.fileName)).toEqual(
      [6, 5, 4].map((n) => `${a.replicaId}/0000000${n}.wgx`),
    );
    a.advance(5000);
    await a.backend.sync.runOnce();
    expect(fs.readdirSync(path.join(folder, a.replicaId)).sort()).toEqual(['00000007.wgx', 'laptop.wgxi']);
  });

  it('a laptop away for months catches up from snapshots after the others pruned what it never read', async () => {
    const DAY = 24 * 3600_000;
    const opts = { snapshotEvery: 3, pruneAfterMs: 30 * DAY };
    const a = await laptop("SM's laptop", opts);
    const b = await laptop("TEM's laptop", opts);
    const c = await laptop("STM's laptop", opts);
    const seed = await seedGroup(a);
    const groupId = seed.group.id;
    const file = exportFrom(a, { kind: 'group', groupId });
    await importInto(b, file);
    await importInto(c, file);
    const folder = a.folder;
    for (const l of [a, b, c]) await l.api.sync.link({ groupId, folder, laptopName: l.name, passphrase: PASS, remember: false });
    await a.backend.sync.runOnce();
    await b.backend.sync.runOnce();
    // C is away for four months; A and B go on working and exchanging.
    for (let week = 1; week <= 16; week++) {
      for (const l of [a, b, c]) l.advance(7 * DAY);
      await a.api.meetings.saveMinutes({ agendaItemId: seed.item.id, minutes: `Viikko ${week}` });
      await b.api.meetings.addAction({
        groupId,
        title: `Tehtävä viikolla ${week}`,
        meetingId: null,
        agendaItemId: null,
        ownerPersonId: null,
        ownerOrganisationId: null,
        dueDate: null,
      });
      await a.backend.sync.runOnce();
      await b.backend.sync.runOnce();
    }
    // A pruned files C never applied (older than 30 days, covered by a newer snapshot).
    const aLog = await a.api.sync.log({ groupId });
    expect(aLog.filter((e) => e.kind === 'pruned').length).toBeGreaterThan(5);
    // C comes back and catches up.
    await c.backend.sync.runOnce();
    await c.backend.sync.runOnce();
    await a.backend.sync.runOnce();
    await b.backend.sync.runOnce();
    const contents = [a, b, c].map((l) => groupContent(l, groupId));
    expect(contents[1]).toEqual(contents[0]);
    expect(contents[2]).toEqual(contents[0]);
    expect(c.backend.ctx.store.getRaw('agenda_items', seed.item.id)!.minutes).toBe('Viikko 16');
    const cApplied = (await c.api.sync.log({ groupId })).filter((e) => e.kind === 'applied');
    // One snapshot per laptop and the few files after it, not four months of change files.
    expect(cApplied.length).toBeLessThan(10);
    const [status] = await c.api.sync.list({});
    expect(status!.waiting).toEqual([]);
    expect(status!.laptops).toBe(2);
  });

  it('a file still arriving is skipped and retried; a file changed in the folder is refused and logged', async () => {
    const a = await laptop("SM's laptop");
    const b = await laptop("TEM's laptop");
    const seed = await seedGroup(a);
    const groupId = seed.group.id;
    await importInto(b, exportFrom(a, { kind: 'group', groupId }));
    // One shared folder here (a network share): both laptops see the same files.
    const folder = a.folder;
    await a.api.sync.link({ groupId, folder, laptopName: a.name, passphrase: PASS, remember: false });
    await b.api.sync.link({ groupId, folder, laptopName: b.name, passphrase: PASS, remember: false });
    a.advance(5000);
    await a.api.meetings.saveMinutes({ agendaItemId: seed.item.id, minutes: 'Toinen versio' });
    await a.backend.sync.runOnce();
    const files = fs
      .readdirSync(path.join(folder, a.replicaId))
      .filter((f) => f.endsWith('.wgx'))
      .sort();
    const last = path.join(folder, a.replicaId, files.at(-1)!);
    const whole = fs.readFileSync(last);
    // Half-downloaded: not applied, not reported as damage, said as waiting.
    fs.writeFileSync(last, whole.subarray(0, Math.floor(whole.length / 2)));
    await b.backend.sync.runOnce();
    let [status] = await b.api.sync.list({});
    expect(status!.waiting).toEqual([{ replicaId: a.replicaId, laptopName: a.name, files: 1 }]);
    expect((await b.api.sync.log({ groupId })).some((e) => e.kind === 'refused')).toBe(false);
    expect(b.backend.ctx.store.getRaw('agenda_items', seed.item.id)!.minutes).not.toBe('Toinen versio');
    // The rest arrives: applied on the next cycle.
    fs.writeFileSync(last, whole);
    b.advance(1000);
    await b.backend.sync.runOnce();
    expect(b.backend.ctx.store.getRaw('agenda_items', seed.item.id)!.minutes).toBe('Toinen versio');
    [status] = await b.api.sync.list({});
    expect(status!.waiting).toEqual([]);

    // Changed in the folder (same length, other bytes) and left so: refused and logged once settled.
    a.advance(5000);
    await a.api.meetings.saveMinutes({ agendaItemId: seed.item.id, minutes: 'Kolmas versio' });
    await a.backend.sync.runOnce();
    const third = path.join(
      folder,
      a.replicaId,
      fs
        .readdirSync(path.join(folder, a.replicaId))
        .filter((f) => f.endsWith('.wgx'))
        .sort()
        .at(-1)!,
    );
    const bytes = fs.readFileSync(third);
    bytes[bytes.length - 20]! ^= 0xff;
    fs.writeFileSync(third, bytes);
    await b.backend.sync.runOnce();
    b.advance(11 * 60_000);
    await b.backend.sync.runOnce();
    const refused = (await b.api.sync.log({ groupId })).filter((e) => e.kind === 'refused');
    expect(refused).toHaveLength(1);
    expect(refused[0]!.problem!.key).toBe('sync.problems.changedInFolder');
    expect(b.backend.ctx.store.getRaw('agenda_items', seed.item.id)!.minutes).toBe('Toinen versio');
    [status] = await b.api.sync.list({});
    expect(status!.waiting).toEqual([]);
  });

  it('a file in the folder that touches anything but the group is refused and logged, the rest flows on', async () => {
    const a = await laptop("SM's laptop");
    const b = await laptop("TEM's laptop");
    const seed = await seedGroup(a);
    const groupId = seed.group.id;
    await importInto(b, exportFrom(a, { kind: 'group', groupId }));
    const folder = a.folder;
    await a.api.sync.link({ groupId, folder, laptopName: a.name, passphrase: PASS, remember: false });
    await b.api.sync.link({ groupId, folder, laptopName: b.name, passphrase: PASS, remember: false });
    // Someone with the passphrase writes, as a laptop of this group, a file of another group.
    const other = await a.api.groups.create({ kind: 'priority_group', name: 'Toinen ryhmä', status: 'active' });
    const foreign = exportScope(
      a.backend.ctx,
      { kind: 'group', groupId: other.id },
      { passphrase: PASS, build: { scrypt: FAST_SCRYPT } },
    );
    const insider = randomUUID();
    writeExchangeFile(folder, insider, 1, foreign.bytes);
    const entry = {
      seq: 1,
      exportId: foreign.summary.exportId,
      snapshot: true,
      start: true,
      sha256: sha256Hex(foreign.bytes),
      size: foreign.bytes.length,
    };
    writeIndex(
      folder,
      {
        format: 'painopiste-sync-index',
        version: 1,
        groupId,
        replicaId: insider,
        laptopName: 'Insider',
        writtenAt: '',
        left: false,
        files: [entry],
        covered: {},
        removed: [],
      },
      PASS,
      FAST_SCRYPT,
    );
    const seq = 1;
    await b.backend.sync.runOnce();
    const refused = (await b.api.sync.log({ groupId })).filter((e) => e.kind === 'refused');
    expect(refused).toHaveLength(1);
    expect(refused[0]!.problem!.key).toBe('exchange.wrongScope');
    expect(refused[0]!.fileName).toBe(`${insider}/${fileNameFor(seq)}`);
    expect(b.backend.ctx.store.getRaw('work_groups', other.id)).toBeUndefined();
    // Not retried, not awaited; A's files still arrive.
    a.advance(5000);
    await a.api.meetings.saveMinutes({ agendaItemId: seed.item.id, minutes: 'Hylätyn jälkeen' });
    await a.backend.sync.runOnce();
    await b.backend.sync.runOnce();
    expect(b.backend.ctx.store.getRaw('agenda_items', seed.item.id)!.minutes).toBe('Hylätyn jälkeen');
    expect((await b.api.sync.log({ groupId })).filter((e) => e.kind === 'refused')).toHaveLength(1);
    expect((await b.api.sync.list({}))[0]!.waiting).toEqual([]);
  });

  it('pause stops the exchange, unlink leaves the folder, a removed laptop is ignored', async () => {
    const a = await laptop("SM's laptop");
    const b = await laptop("TEM's laptop");
    const seed = await seedGroup(a);
    const groupId = seed.group.id;
    await importInto(b, exportFrom(a, { kind: 'group', groupId }));
    const folder = a.folder;
    await a.api.sync.link({ groupId, folder, laptopName: a.name, passphrase: PASS, remember: false });
    await b.api.sync.link({ groupId, folder, laptopName: b.name, passphrase: PASS, remember: false });

    expect((await b.api.sync.pause({ groupId, paused: true })).state).toBe('paused');
    a.advance(5000);
    await a.api.meetings.saveMinutes({ agendaItemId: seed.item.id, minutes: 'Tauon aikana' });
    await a.backend.sync.runOnce();
    await b.backend.sync.runOnce();
    expect(b.backend.ctx.store.getRaw('agenda_items', seed.item.id)!.minutes).not.toBe('Tauon aikana');
    expect((await b.api.sync.pause({ groupId, paused: false })).state).toBe('active');
    expect(b.backend.ctx.store.getRaw('agenda_items', seed.item.id)!.minutes).toBe('Tauon aikana');

    // B removes A (a lost laptop): A's later files are ignored by B.
    const removed = await b.api.sync.removeLaptop({ groupId, replicaId: a.replicaId });
    expect(removed.peers.find((p) => p.replicaId === a.replicaId)!.removed).toBe(true);
    expect(removed.laptops).toBe(0);
    a.advance(5000);
    await a.api.meetings.saveMinutes({ agendaItemId: seed.item.id, minutes: 'Poistetulta koneelta' });
    await a.backend.sync.runOnce();
    await b.backend.sync.runOnce();
    expect(b.backend.ctx.store.getRaw('agenda_items', seed.item.id)!.minutes).toBe('Tauon aikana');
    // A sees it was removed and stops.
    await a.backend.sync.runOnce();
    expect((await a.api.sync.list({}))[0]!.state).toBe('removed');

    // B unlinks: its index says it left; nothing of B's is exchanged any more.
    await b.api.sync.unlink({ groupId });
    expect(await b.api.sync.list({})).toEqual([]);
    await expect(b.api.sync.log({ groupId })).rejects.toMatchObject({ key: 'sync.errors.notLinked' });
  });

  it('refuses a wrong passphrase, a missing folder, and a folder of another group', async () => {
    const a = await laptop("SM's laptop");
    const b = await laptop("TEM's laptop");
    const seed = await seedGroup(a);
    const groupId = seed.group.id;
    await importInto(b, exportFrom(a, { kind: 'group', groupId }));
    await a.api.sync.link({ groupId, folder: a.folder, laptopName: a.name, passphrase: PASS, remember: false });
    await expect(
      b.api.sync.link({ groupId, folder: a.folder, laptopName: b.name, passphrase: 'toinen-salasana', remember: false }),
    ).rejects.toMatchObject({ key: 'sync.errors.wrongPassphrase' });
    await expect(
      b.api.sync.link({ groupId, folder: path.join(a.folder, 'ei-ole'), laptopName: b.name, passphrase: PASS, remember: false }),
    ).rejects.toMatchObject({ key: 'sync.errors.folderMissing' });
    const other = await b.api.groups.create({ kind: 'priority_group', name: 'Toinen ryhmä', status: 'active' });
    await expect(
      b.api.sync.link({ groupId: other.id, folder: a.folder, laptopName: b.name, passphrase: PASS, remember: false }),
    ).rejects.toMatchObject({ key: 'sync.errors.otherGroup' });
    expect(await b.api.sync.list({})).toEqual([]);
  });
});
