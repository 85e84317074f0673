/** RowStore stamps local writes exactly as shared/exchange/merge.ts expects (createRow / applyLocalEdit). */
import { afterEach, describe, expect, it } from 'vitest';
import { applyLocalEdit, mergeRow, parseFieldHlc, type Row } from '../../shared/exchange/merge';
import { collectScope } from '../../electron/backend/exchange/scope';
import { exportFrom, importInto, replica, seedGroup, travellingContent, type Replica } from './exchange-helpers';

const open: Replica[] = [];
afterEach(() => {
  for (const r of open.splice(0)) r.cleanup();
});
async function fresh(start?: number) {
  const r = await replica(start);
  open.push(r);
  return r;
}

describe('local stamping', () => {
  it('an update keeps version-vector keys and stamps only what changed, like applyLocalEdit', async () => {
    const a = await fresh();
    const s = await seedGroup(a);
    const store = a.backend.ctx.store;
    const before = store.getRaw('agenda_items', s.item.id) as Row;
    // Give the row a version-vector entry, as a merge would.
    const fh = { ...parseFieldHlc(before.field_hlc), 'minutes@other-replica': '001799049000000-00000-other-replica' };
    a.backend.ctx.db.prepare(`UPDATE agenda_items SET field_hlc = ? WHERE id = ?`).run(JSON.stringify(fh), s.item.id);
    const withVv = store.getRaw('agenda_items', s.item.id) as Row;

    a.tick();
    a.backend.ctx.tx(() => store.update('agenda_items', s.item.id, { minutes: 'Uusi', title: 'Tilannekuva' }));
    const after = store.getRaw('agenda_items', s.item.id) as Row;
    const expected = applyLocalEdit(withVv, { minutes: 'Uusi', title: 'Tilannekuva' }, after.hlc);
    expect(after.field_hlc).toBe(expected.field_hlc);
    expect(parseFieldHlc(after.field_hlc)).toMatchObject({
      'minutes@other-replica': '001799049000000-00000-other-replica',
      minutes: after.hlc,
    });
    expect(parseFieldHlc(after.field_hlc).title).toBeUndefined();
  });

  it('editing an archived row re-stamps deleted, so a merge does not revive it', async () => {
    const a = await fresh();
    const s = await seedGroup(a);
    const store = a.backend.ctx.store;
    a.tick();
    a.backend.ctx.tx(() => store.archive('meetings', s.meeting.id));
    a.tick();
    a.backend.ctx.tx(() => store.update('meetings', s.meeting.id, { place: 'Turku' }));
    const row = store.getRaw('meetings', s.meeting.id) as Row;
    expect(row.deleted).toBe(1);
    const fh = parseFieldHlc(row.field_hlc);
    expect(fh.deleted).toBe(row.hlc);
    expect(fh.place).toBe(row.hlc);
    // Merging the row into an older copy keeps it deleted.
    const m = mergeRow(
      { ...row, deleted: 0, place: 'Helsinki', field_hlc: JSON.stringify({ '*': fh['*'] }), hlc: fh['*']! },
      row,
      {
        longTextFields: ['notes'],
      },
    );
    expect(m.result?.deleted).toBe(1);
    // Restoring stamps deleted again and the row is alive.
    a.tick();
    a.backend.ctx.tx(() => store.restore('meetings', s.meeting.id));
    expect(store.getRaw('meetings', s.meeting.id)!.deleted).toBe(0);
  });
});

describe('scopes', () => {
  it('a group scope holds the subtree and everything it references, and nothing of other groups', async () => {
    const a = await fresh();
    const s = await seedGroup(a);
    const other = await a.api.groups.create({ kind: 'priority_group', name: 'Muu ryhmä', status: 'active' });
    const tables = collectScope(a.backend.ctx.db, { kind: 'group', groupId: s.group.id });
    expect(tables.work_groups!.map((g) => g.id).sort()).toEqual([s.group.id, s.sub.id].sort());
    expect(tables.work_groups!.some((g) => g.id === other.id)).toBe(false);
    expect(tables.people!.map((p) => p.id)).toEqual([s.person.id]);
    expect(tables.organisations!.map((o) => o.id)).toEqual([s.org.id]);
    expect(tables.meetings).toHaveLength(2);
    expect(tables.status_history!.every((h) => [s.group.id, s.sub.id].includes(h.entity_id as string))).toBe(true);
    // A subgroup scope pulls in its parent group row (a reference), but not the parent's meetings.
    const sub = collectScope(a.backend.ctx.db, { kind: 'group', groupId: s.sub.id });
    expect(sub.work_groups!.map((g) => g.id).sort()).toEqual([s.group.id, s.sub.id].sort());
    expect(sub.meetings!.map((m) => m.id)).toEqual([s.subMeeting.id]);
  });

  it('a candidates scope holds the round, its criteria, the chosen candidates and what they reference', async () => {
    const a = await fresh();
    const s = await seedGroup(a);
    const ctx = a.backend.ctx;
    const network = await a.api.groups.create({ kind: 'expert_network', name: 'Asiantuntijaverkosto', status: 'active' });
    const { round, c1 } = ctx.tx(() => {
      const round = ctx.store.insert<{ id: string }>('scanning_rounds', { groupId: network.id, label: '2027 H1' });
      ctx.store.insert('criteria', { roundId: round.id, name: 'Vaikuttavuus', weight: 1 });
      const c1 = ctx.store.insert<{ id: string }>('candidates', {
        roundId: round.id,
        number: 1,
        title: 'Ehdokas 1',
        proposerPersonId: s.person.id,
      });
      ctx.store.insert('candidates', { roundId: round.id, number: 2, title: 'Ehdokas 2' });
      ctx.store.insert('candidate_organisations', { candidateId: c1.id, organisationId: s.org.id });
      ctx.store.insert('candidate_groups', { candidateId: c1.id, groupId: s.group.id });
      return { round, c1 };
    });
    const tables = collectScope(ctx.db, { kind: 'candidates', roundId: round.id, candidateIds: [c1.id] });
    expect(tables.candidates!.map((c) => c.title)).toEqual(['Ehdokas 1']);
    expect(tables.criteria).toHaveLength(1);
    expect(tables.people!.map((p) => p.id)).toEqual([s.person.id]);
    expect(tables.work_groups!.map((g) => g.id).sort()).toEqual([network.id, s.group.id].sort());
    expect(tables.meetings).toBeUndefined();

    const b = await fresh();
    await importInto(b, exportFrom(a, { kind: 'candidates', roundId: round.id, candidateIds: [c1.id] }));
    const got = travellingContent(b);
    expect(got.candidates!.map((c) => c.title)).toEqual(['Ehdokas 1']);
    expect(b.backend.ctx.db.pragma('foreign_key_check')).toEqual([]);
  });
});
