/**
 * Scope on the rows and the clock bound (docs/exchange-format.md 11.1, 11.2): a group's file changes
 * only that group's closure; shared rows follow the written rule; stamps more than 24 h ahead refuse
 * the file and never move the local clock. Real backends on real SQLite files, files built by the
 * real export and then changed as a hostile or broken exporter could.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/contract/core';
import { parseHlc } from '../../shared/hlc';
import type { Row } from '../../shared/exchange/merge';
import { applyImport, previewImport, FUTURE_BOUND_MS } from '../../electron/backend/exchange/service';
import { databaseContent } from '../helpers/backend';
import { editedRow, exportFrom, importInto, rebuildFile, replica, seedRich, type Replica } from './exchange-helpers';

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
    const preview = previewImport(b.backend.ctx, file);
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
    const preview = previewImport(b.backend.ctx, file);
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
    expect(previewImport(b.backend.ctx, near).clockSkewMinutes).toBe(23 * 60);
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
