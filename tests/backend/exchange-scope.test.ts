/**
 * Scope on the rows and the clock bound (docs/exchange-format.md 11.1, 11.2): a group's file changes
 * only that group's closure; shared rows follow the written rule; a candidate file changes only its
 * round's candidates; stamps more than 24 h ahead refuse the file and never move the local clock. Real backends on real SQLite files, files built by the
 * real export and then changed as a hostile or broken exporter could.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/contract/core';
import { parseHlc } from '../../shared/hlc';
import type { Row } from '../../shared/exchange/merge';
import { applyImport, previewImport, FUTURE_BOUND_MS } from '../../electron/backend/exchange/service';
import { databaseContent } from '../helpers/backend';
import {
  editedRow,
  exportFrom,
  importInto,
  rebuildFile,
  replica,
  seedRich,
  travellingContent,
  type Replica,
} from './exchange-helpers';

const T0 = Date.UTC(2027, 0, 4, 8);
const open: Replica[] = [];
afterEach(() => {
  for (const r of open.splice(0)) r.cleanup();
});

/** A with every feature, B holding A's whole database; both an hour later. */
async function pair() {
  const a = await replica(T0);
  const b = await replica(T0 + 5000);
  open.push(a, b);
  const s = await seedRich(a);
  await importInto(b, exportFrom(a, { kind: 'database' }));
  a.tick(3_600_000);
  b.tick(3_600_000);
  return { a, b, s };
}

async function refusal(p: Promise<unknown> | (() => unknown)): Promise<ApiError> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

const byId = (rows: Row[] | undefined, id: string) => rows!.find((r) => r.id === id)!;

describe("a group's file changes only that group's closure", () => {
  it('refuses a handover of G that also carries a changed row of another group G2', async () => {
    const { a, b, s } = await pair();
    const g2 = b.backend.ctx.store.getRaw('work_groups', s.other.id) as Row;
    const file = rebuildFile(exportFrom(a, { kind: 'group', groupId: s.group.id }), (t) => {
      t.work_groups!.push(editedRow(g2, { name: 'Renamed by G' }, T0 + 4_000_000));
    });
    const before = databaseContent(b.backend);
    for (const attempt of [() => previewImport(b.backend.ctx, file), () => applyImport(b.backend.ctx, file)]) {
      const e = await refusal(attempt);
      expect(e.key).toBe('exchange.outsideScope');
      expect(e.params).toMatchObject({ table: 'work_groups', id: s.other.id });
      expect(e.message).toContain(s.other.id);
    }
    expect(databaseContent(b.backend)).toBe(before);
    expect((b.backend.ctx.store.getRaw('work_groups', s.other.id) as Row).name).toBe(s.other.name);
  });

  it("refuses a file that pulls another group's meeting into G, or moves a subgroup out of G", async () => {
    const { a, b, s } = await pair();
    const g2Meeting = s.meetings.find((m) => m.groupId === s.other.id)!;
    const local = b.backend.ctx.store.getRaw('meetings', g2Meeting.id) as Row;
    const pulled = rebuildFile(exportFrom(a, { kind: 'group', groupId: s.group.id }), (t) => {
      t.meetings!.push(editedRow(local, { group_id: s.group.id, title: 'Mine now' }, T0 + 4_000_000));
    });
    const before = databaseContent(b.backend);
    expect((await refusal(applyImport(b.backend.ctx, pulled))).params).toMatchObject({ table: 'meetings', field: 'group_id' });
    const moved = rebuildFile(exportFrom(a, { kind: 'group', groupId: s.group.id }), (t) => {
      const sub = byId(t.work_groups, s.sub.id);
      Object.assign(sub, editedRow(sub, { parent_id: s.other.id }, T0 + 4_000_000));
    });
    expect((await refusal(applyImport(b.backend.ctx, moved))).params).toMatchObject({ table: 'work_groups', field: 'parent_id' });
    expect(databaseContent(b.backend)).toBe(before);
  });

  it('takes newer fields of the organisations and people the group refers to, listing them apart', async () => {
    const { a, b, s } = await pair();
    await a.api.organisations.update({ id: s.sm.id, patch: { name: 'Sisäministeriö (uusi nimi)' } });
    await a.api.groups.update({ id: s.group.id, patch: { name: 'Kyberturvallisuus ja hybridiuhat' } });
    const file = exportFrom(a, { kind: 'group', groupId: s.group.id });
    const preview = await previewImport(b.backend.ctx, file);
    expect(preview.sharedChanges).toEqual([
      expect.objectContaining({ table: 'organisations', rowId: s.sm.id, fields: ['name'], label: 'Sisäministeriö' }),
    ]);
    expect(preview.notApplied).toEqual([]);
    await importInto(b, file);
    expect((b.backend.ctx.store.getRaw('organisations', s.sm.id) as Row).name).toBe('Sisäministeriö (uusi nimi)');
    expect((b.backend.ctx.store.getRaw('work_groups', s.group.id) as Row).name).toBe('Kyberturvallisuus ja hybridiuhat');
  });

  it('never archives a shared row nor changes a parent group; the preview lists what it keeps', async () => {
    const { a, b, s } = await pair();
    await a.api.people.archive({ id: s.bertil.id });
    await a.api.groups.update({ id: s.group.id, patch: { name: 'Parent renamed on A' } });
    await a.api.groups.update({ id: s.sub.id, patch: { name: 'Alatyöryhmä (A)' } });
    // The subgroup's file carries its parent group (referenced) and the archived person.
    const file = exportFrom(a, { kind: 'group', groupId: s.sub.id });
    const preview = await previewImport(b.backend.ctx, file);
    expect(preview.notApplied).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ table: 'work_groups', rowId: s.group.id, fields: ['name'] }),
        expect.objectContaining({ table: 'people', rowId: s.bertil.id, fields: ['deleted'] }),
      ]),
    );
    const res = await importInto(b, file);
    expect(res.notApplied).toHaveLength(preview.notApplied.length);
    expect((b.backend.ctx.store.getRaw('work_groups', s.sub.id) as Row).name).toBe('Alatyöryhmä (A)');
    expect((b.backend.ctx.store.getRaw('work_groups', s.group.id) as Row).name).toBe(s.group.name);
    expect((b.backend.ctx.store.getRaw('people', s.bertil.id) as Row).deleted).toBe(0);
  });

  it('creates the shared rows it refers to in an empty database', async () => {
    const a = await replica(T0);
    const c = await replica(T0 + 1000);
    open.push(a, c);
    const s = await seedRich(a);
    const res = await importInto(c, exportFrom(a, { kind: 'group', groupId: s.group.id }));
    expect(res.applied).toBe(true);
    expect(c.backend.ctx.store.getRaw('organisations', s.sm.id)).toBeDefined();
    expect(c.backend.ctx.store.getRaw('work_groups', s.other.id)).toBeUndefined();
  });
});

/** Every row of `table`, as stored, in id order: what "unchanged" is compared by. */
const tableContent = (r: Replica, table: string) =>
  JSON.stringify(r.backend.ctx.db.prepare(`SELECT * FROM ${table} ORDER BY id`).all());

/**
 * The rich pair plus a second round of the same network with a candidate of its own; B holds A's
 * whole database. A then adds a candidate (with a participating organisation) to the first round
 * (and a meeting B lacks): the legitimate candidate file is A's export of that round.
 */
async function roundPair() {
  const a = await replica(T0);
  const b = await replica(T0 + 5000);
  open.push(a, b);
  const s = await seedRich(a);
  const other = await a.api.scanning.createRound({
    groupId: s.network.id,
    label: '2027 A1',
    lane: 'adhoc',
    timeline: (await a.api.scanning.proposeRound({ lane: 'adhoc', startDate: '2027-02-01' })).timeline,
    proposalCap: null,
  });
  await a.api.scanning.setRoundStatus({ id: other.id, status: 'open' });
  const otherCandidate = await a.api.scanning.createCandidate({
    roundId: other.id,
    title: 'Toisen kierroksen ehdokas',
    submit: true,
  });
  const [existing] = (await a.api.scanning.getRound({ id: s.round.id })).candidates;
  await importInto(b, exportFrom(a, { kind: 'database' }));
  a.tick(3_600_000);
  b.tick(3_600_000);
  const added = await a.api.scanning.createCandidate({
    roundId: s.round.id,
    title: 'Verkkopetokset',
    proposerPersonId: s.bertil.id,
    participants: [{ organisationId: s.thl.id, status: 'asked' }],
    submit: true,
  });
  const newMeeting = await a.api.meetings.create({
    groupId: s.other.id,
    title: 'Uusi kokous',
    date: '2027-03-01',
    startTime: '09:00',
    endTime: '10:00',
  });
  const file = exportFrom(a, { kind: 'candidates', roundId: s.round.id });
  return { a, b, s, other, otherCandidate, existing: existing!, added, newMeeting, file };
}

type RoundPair = Awaited<ReturnType<typeof roundPair>>;
const AT = T0 + 4_000_000;
const rawOf = (r: Replica, table: string, id: string) => r.backend.ctx.store.getRaw(table, id) as Row;
/** Rows a candidate file may not hold: what each case adds to the legitimate file, and the refusal's table, record and field. */
const outsideRoundCases: Array<
  [string, (p: RoundPair) => { mutate: (t: Record<string, Row[]>) => void; table: string; id: string; field: string }]
> = [
  [
    'a renamed group the round does not refer to',
    ({ b, s }) => ({
      mutate: (t) => t.work_groups!.push(editedRow(rawOf(b, 'work_groups', s.other.id), { name: 'Renamed by a member' }, AT)),
      table: 'work_groups',
      id: s.other.id,
      field: 'id',
    }),
  ],
  [
    'a changed meeting',
    ({ b, s }) => {
      const m = s.meetings.find((x) => x.groupId === s.other.id)!;
      return {
        mutate: (t) => (t.meetings = [editedRow(rawOf(b, 'meetings', m.id), { title: 'Changed by a member' }, AT)]),
        table: 'meetings',
        id: m.id,
        field: 'id',
      };
    },
  ],
  [
    'a changed candidate of another round',
    ({ b, otherCandidate }) => ({
      mutate: (t) => t.candidates!.push(editedRow(rawOf(b, 'candidates', otherCandidate.id), { title: 'Changed' }, AT)),
      table: 'candidates',
      id: otherCandidate.id,
      field: 'id',
    }),
  ],
  [
    "another round's candidate pulled into this round",
    ({ b, s, otherCandidate }) => ({
      mutate: (t) =>
        t.candidates!.push(editedRow(rawOf(b, 'candidates', otherCandidate.id), { round_id: s.round.id, title: 'Mine now' }, AT)),
      table: 'candidates',
      id: otherCandidate.id,
      field: 'round_id',
    }),
  ],
  [
    "this round's candidate moved to another round",
    ({ other, existing }) => ({
      mutate: (t) => {
        const c = byId(t.candidates, existing.id);
        Object.assign(c, editedRow(c, { round_id: other.id }, AT));
      },
      table: 'candidates',
      id: existing.id,
      field: 'round_id',
    }),
  ],
  [
    'a renamed organisation no candidate refers to',
    ({ b, s }) => ({
      mutate: (t) => t.organisations!.push(editedRow(rawOf(b, 'organisations', s.spek.id), { name: 'Renamed by a member' }, AT)),
      table: 'organisations',
      id: s.spek.id,
      field: 'id',
    }),
  ],
  [
    'its round moved to another group',
    ({ s }) => ({
      mutate: (t) => {
        const r = byId(t.scanning_rounds, s.round.id);
        Object.assign(r, editedRow(r, { group_id: s.group.id }, AT));
      },
      table: 'scanning_rounds',
      id: s.round.id,
      field: 'group_id',
    }),
  ],
  [
    "a changed entry of a group's status history",
    ({ b, s }) => {
      const h = b.backend.ctx.db.prepare(`SELECT * FROM status_history WHERE entity_id = ? ORDER BY id`).get(s.other.id) as Row;
      return {
        mutate: (t) => (t.status_history ??= []).push(editedRow(h, { note: 'Changed by a member' }, AT)),
        table: 'status_history',
        id: h.id,
        field: 'entity_id',
      };
    },
  ],
  [
    'a meeting new to this database',
    ({ a, b, newMeeting }) => ({
      mutate: (t) => (t.meetings = [rawOf(a, 'meetings', newMeeting.id)]),
      table: 'meetings',
      id: b.backend.ctx.store.getRaw('meetings', newMeeting.id) ? 'already here' : newMeeting.id,
      field: 'id',
    }),
  ],
];

describe("a candidate file changes only its round's candidates", () => {
  it('imports a legitimate file through the scanning API; importing it again changes nothing', async () => {
    const { b, s, added, file } = await roundPair();
    const contentBase64 = Buffer.from(file).toString('base64');
    const preview = await b.api.scanning.previewCandidateFile({ roundId: s.round.id, contentBase64 });
    expect(preview.notApplied).toEqual([]);
    expect(preview.sharedChanges).toEqual([]);
    const res = await b.api.scanning.importCandidateFile({ roundId: s.round.id, contentBase64 });
    expect(res.applied).toBe(true);
    expect(res.counts.find((c) => c.table === 'candidates')?.added).toBe(1);
    const got = await b.api.scanning.getCandidate({ id: added.id });
    expect(got.participants.map((p) => p.organisationId)).toEqual([s.thl.id]);

    const once = databaseContent(b.backend);
    const again = await b.api.scanning.importCandidateFile({ roundId: s.round.id, contentBase64 });
    expect(again.applied).toBe(false);
    expect(databaseContent(b.backend)).toBe(once);
    // The same rows under a new export id are merged again: still nothing changes.
    const travelling = travellingContent(b);
    const copy = rebuildFile(file, () => undefined, { exportId: '00000000-0000-4000-8000-000000000012' });
    expect((await importInto(b, copy)).applied).toBe(true);
    expect(travellingContent(b)).toEqual(travelling);
  });

  it.each(outsideRoundCases)('refuses a file that also carries %s, and changes nothing', async (_name, make) => {
    const pair = await roundPair();
    const { b, s, file } = pair;
    const c = make(pair);
    const bad = rebuildFile(file, c.mutate);
    const contentBase64 = Buffer.from(bad).toString('base64');
    const before = databaseContent(b.backend);
    for (const attempt of [
      () => previewImport(b.backend.ctx, bad),
      () => applyImport(b.backend.ctx, bad),
      () => b.api.scanning.importCandidateFile({ roundId: s.round.id, contentBase64 }),
    ]) {
      const e = await refusal(attempt);
      expect(e.key).toBe('exchange.outsideRound');
      expect(e.params).toMatchObject({ table: c.table, id: c.id, field: c.field });
      expect(e.message).toContain(c.id);
      expect(e.message).toContain('outside its scanning round');
    }
    expect(databaseContent(b.backend)).toBe(before);
  });

  it('never changes the existing groups, organisations and people its candidates refer to; the preview lists them', async () => {
    const { b, s, added, file } = await roundPair();
    const at = T0 + 4_000_000;
    const bad = rebuildFile(file, (t) => {
      for (const [table, id, patch] of [
        ['work_groups', s.network.id, { name: 'Network renamed by a member' }],
        ['work_groups', s.group.id, { name: 'Linked group renamed by a member' }],
        ['organisations', s.sm.id, { name: 'Ministry renamed by a member' }],
        ['people', s.aino.id, { deleted: 1 }],
      ] as const) {
        const r = byId(t[table], id);
        Object.assign(r, editedRow(r, patch, at));
      }
    });
    const kept = ['work_groups', 'organisations', 'people'] as const;
    const before = Object.fromEntries(kept.map((t) => [t, tableContent(b, t)]));
    const preview = await previewImport(b.backend.ctx, bad);
    expect(preview.sharedChanges).toEqual([]);
    expect(preview.notApplied).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ table: 'work_groups', rowId: s.network.id, fields: ['name'] }),
        expect.objectContaining({ table: 'work_groups', rowId: s.group.id, fields: ['name'] }),
        expect.objectContaining({ table: 'organisations', rowId: s.sm.id, fields: ['name'] }),
        expect.objectContaining({ table: 'people', rowId: s.aino.id, fields: ['deleted'] }),
      ]),
    );
    expect(preview.notApplied).toHaveLength(4);
    const res = await b.api.scanning.importCandidateFile({
      roundId: s.round.id,
      contentBase64: Buffer.from(bad).toString('base64'),
    });
    expect(res.applied).toBe(true);
    for (const t of kept) expect(tableContent(b, t), t).toBe(before[t]);
    expect((await b.api.scanning.getCandidate({ id: added.id })).title).toBe('Verkkopetokset');
  });

  it('creates the groups, organisations and people it refers to in a database that lacks them', async () => {
    const { s, file } = await roundPair();
    const c = await replica(T0 + 3_700_000);
    open.push(c);
    const res = await importInto(c, file);
    expect(res.applied).toBe(true);
    for (const [table, id] of [
      ['scanning_rounds', s.round.id],
      ['work_groups', s.network.id],
      ['work_groups', s.group.id],
      ['organisations', s.thl.id],
      ['people', s.bertil.id],
    ] as const) {
      expect(c.backend.ctx.store.getRaw(table, id), `${table} ${id}`).toBeDefined();
    }
    expect(c.backend.ctx.store.getRaw('work_groups', s.other.id)).toBeUndefined();
  });
});

describe('the clock bound', () => {
  it(`refuses a file stamped more than ${FUTURE_BOUND_MS / 3_600_000} h ahead and never moves the local clock past the bound`, async () => {
    const { a, b, s } = await pair();
    const now = T0 + 3_600_000 + 5000;
    const ahead = (ms: number) =>
      rebuildFile(exportFrom(a, { kind: 'group', groupId: s.group.id }), (t) => {
        const m = byId(t.meetings, s.meetings[0]!.id);
        Object.assign(m, editedRow(m, { title: 'From the future' }, now + ms));
      });
    const before = databaseContent(b.backend);
    const clockBefore = b.backend.ctx.store.clock.last();
    const far = ahead(FUTURE_BOUND_MS + 3_600_000);
    for (const attempt of [() => previewImport(b.backend.ctx, far), () => applyImport(b.backend.ctx, far)]) {
      const e = await refusal(attempt);
      expect(e.key).toBe('exchange.futureClock');
      expect(e.message).toMatch(/clock of the computer that made it was 25 hours ahead/);
    }
    expect(databaseContent(b.backend)).toBe(before);
    expect(b.backend.ctx.store.clock.last()).toBe(clockBefore);

    // Within the bound: accepted with a warning; the clock moves at most to the bound.
    const near = ahead(FUTURE_BOUND_MS - 3_600_000);
    expect((await previewImport(b.backend.ctx, near)).clockSkewMinutes).toBe(23 * 60);
    await importInto(b, near);
    expect(parseHlc(b.backend.ctx.store.tick()).wall).toBeLessThanOrEqual(now + FUTURE_BOUND_MS);
  });

  it('also judges field clocks and the manifest summary, not only row stamps', async () => {
    const { a, b, s } = await pair();
    const file = rebuildFile(exportFrom(a, { kind: 'group', groupId: s.group.id }), (t) => {
      const m = byId(t.meetings, s.meetings[0]!.id);
      const clocks = JSON.parse(m.field_hlc as string) as Record<string, string>;
      clocks.place = `${String(T0 + 10 * FUTURE_BOUND_MS).padStart(15, '0')}-00000-evil`;
      m.field_hlc = JSON.stringify(clocks);
    });
    expect((await refusal(applyImport(b.backend.ctx, file))).key).toBe('exchange.futureClock');
  });
});
