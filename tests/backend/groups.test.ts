import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ApiError } from '../../shared/contract/core';
import { databaseContent, startTestBackend, type TestBackend } from '../helpers/backend';

let t: TestBackend;
beforeEach(async () => {
  t = await startTestBackend();
});
afterEach(() => t.cleanup());

const fails = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected failure');
    },
    (e: ApiError) => e,
  );

describe('groups', () => {
  it('builds a priority group with lead and participants, members and a subgroup', async () => {
    const ym = await t.api.organisations.create({ abbreviation: 'YM', name: 'Ministry of the Environment', kind: 'ministry' });
    const spek = await t.api.organisations.create({ abbreviation: 'SPEK', name: 'Rescue Association', kind: 'ngo' });
    const g = await t.api.groups.create({
      kind: 'priority_group',
      name: 'Housing safety of older people',
      status: 'preparing',
      priorityNumber: 5,
    });
    expect(g.timeZone).toBe('Europe/Helsinki');
    await t.api.groups.setOrganisation({ groupId: g.id, organisationId: ym.id, role: 'lead' });
    const link = await t.api.groups.setOrganisation({ groupId: g.id, organisationId: spek.id, role: 'participant' });
    // Setting the same organisation again changes its role instead of adding a second row.
    const again = await t.api.groups.setOrganisation({ groupId: g.id, organisationId: spek.id, role: 'lead' });
    expect(again.id).toBe(link.id);

    const anna = await t.api.people.create({ name: 'Anna Convener', organisationId: ym.id });
    await t.api.groups.addMember({ groupId: g.id, personId: anna.id, role: 'convener', fromDate: '2021-01-01', untilDate: null });
    const sub = await t.api.groups.create({
      kind: 'subgroup',
      name: 'Help in emergencies',
      status: 'implementing',
      parentId: g.id,
    });

    const detail = await t.api.groups.get({ id: g.id });
    expect(detail.organisations.map((o) => [o.abbreviation, o.role])).toEqual([
      ['SPEK', 'lead'],
      ['YM', 'lead'],
    ]);
    expect(detail.conveners).toEqual([{ personId: anna.id, personName: 'Anna Convener' }]);
    expect(detail.members[0]).toMatchObject({ organisationAbbreviation: 'YM', fromDate: '2021-01-01' });
    expect(detail.subgroups.map((s) => s.id)).toEqual([sub.id]);

    const list = await t.api.groups.list({});
    expect(list.find((x) => x.id === g.id)).toMatchObject({
      leadAbbreviations: ['SPEK', 'YM'],
      organisationCount: 2,
      memberCount: 1,
    });
    expect((await t.api.groups.list({ parentId: g.id })).map((x) => x.name)).toEqual(['Help in emergencies']);
    expect((await t.api.groups.list({ kind: 'subgroup' })).length).toBe(1);
  });

  it('records each lifecycle status with its date', async () => {
    const g = await t.api.groups.create({ kind: 'priority_group', name: 'Cybercrime', status: 'proposed' });
    await t.api.groups.update({ id: g.id, patch: { status: 'preparing' } });
    await t.api.groups.update({ id: g.id, patch: { name: 'Cybercrime as a threat' } });
    const history = t.backend.ctx.db
      .prepare(`SELECT status FROM status_history WHERE entity_id = ? ORDER BY hlc`)
      .pluck()
      .all(g.id);
    expect(history).toEqual(['proposed', 'preparing']);
  });

  it('refuses a subgroup without a parent and a group inside itself, changing nothing', async () => {
    const before = databaseContent(t.backend);
    const e1 = await fails(t.api.groups.create({ kind: 'subgroup', name: 'Orphan', status: 'active' }));
    expect(e1.key).toBe('errors.subgroupNeedsParent');
    expect(databaseContent(t.backend)).toBe(before);

    const a = await t.api.groups.create({ kind: 'priority_group', name: 'A', status: 'active' });
    const b = await t.api.groups.create({ kind: 'subgroup', name: 'B', status: 'active', parentId: a.id });
    const e2 = await fails(t.api.groups.update({ id: a.id, patch: { parentId: b.id } }));
    expect(e2.key).toBe('errors.groupCycle');
    const e3 = await fails(t.api.groups.update({ id: a.id, patch: { parentId: a.id } }));
    expect(e3.key).toBe('errors.groupCycle');
  });

  it('validates membership dates and removes members as tombstones', async () => {
    const g = await t.api.groups.create({ kind: 'network', name: 'Polarisation', status: 'implementing' });
    const p = await t.api.people.create({ name: 'P' });
    const e = await fails(
      t.api.groups.addMember({ groupId: g.id, personId: p.id, role: 'chair', fromDate: '2022-05-01', untilDate: '2022-04-01' }),
    );
    expect(e.fields?.[0]).toMatchObject({ path: 'untilDate', key: 'validation.dateOrder' });
    const bad = await fails(t.api.groups.addMember({ groupId: g.id, personId: p.id, role: 'chair', fromDate: '2022-02-30' }));
    expect(bad.fields?.[0]).toMatchObject({ path: 'fromDate', key: 'validation.date' });
    const m = await t.api.groups.addMember({ groupId: g.id, personId: p.id, role: 'chair' });
    await t.api.groups.removeMember({ id: m.id });
    expect((await t.api.groups.get({ id: g.id })).members).toEqual([]);
    const row = t.backend.ctx.db.prepare(`SELECT deleted FROM memberships WHERE id = ?`).get(m.id);
    expect(row).toEqual({ deleted: 1 });
  });

  it('archives a group without losing it', async () => {
    const g = await t.api.groups.create({ kind: 'priority_group', name: 'Old', status: 'concluded' });
    await t.api.groups.archive({ id: g.id });
    expect(await t.api.groups.list({})).toEqual([]);
    expect((await t.api.groups.get({ id: g.id })).deleted).toBe(true);
  });
});
