import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { ApiError } from '../../shared/contract/core';
import { duplicateMembership, duplicateMemberships, periodsOverlap } from '../../shared/groups/memberships';
import { databaseContent, startTestBackend, type TestBackend } from '../helpers/backend';
import { exportFrom, importInto, replica } from './exchange-helpers';

/** The rules the groups owner (electron/backend/services/groups.ts) keeps on every path. */
let t: TestBackend;
beforeEach(async () => {
  t = await startTestBackend({ now: () => new Date('2026-06-15T09:00:00Z') });
});
afterEach(() => t.cleanup());

const fails = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected failure');
    },
    (e: ApiError) => e,
  );

const history = (id: string) =>
  t.backend.ctx.db
    .prepare(`SELECT status, date FROM status_history WHERE entity_type = 'group' AND entity_id = ? ORDER BY hlc`)
    .all(id);

describe('the lifecycle through groups.update', () => {
  it('refuses concluded → proposed exactly as portfolio.changeStatus does, changing nothing', async () => {
    const g = await t.api.groups.create({ kind: 'priority_group', name: 'Cybercrime', status: 'proposed' });
    await t.api.portfolio.changeStatus({ groupId: g.id, status: 'concluded', date: '2026-06-01' });
    const before = databaseContent(t.backend);
    const viaEdit = await fails(t.api.groups.update({ id: g.id, patch: { status: 'proposed', name: 'Renamed' } }));
    const viaLifecycle = await fails(t.api.portfolio.changeStatus({ groupId: g.id, status: 'proposed', date: '2026-06-15' }));
    expect(viaEdit.key).toBe('portfolio.errors.illegalTransition');
    expect(viaEdit.key).toBe(viaLifecycle.key);
    expect(viaEdit.message).toBe(viaLifecycle.message);
    expect(viaEdit.message.length).toBeGreaterThan(20);
    // Nothing of the patch was applied, the name included.
    expect(databaseContent(t.backend)).toBe(before);
    expect((await t.api.groups.get({ id: g.id })).name).toBe('Cybercrime');
  });

  it('a legal change through groups.update is a dated lifecycle step in the one history', async () => {
    const g = await t.api.groups.create({ kind: 'priority_group', name: 'Cybercrime', status: 'proposed' });
    const updated = await t.api.groups.update({ id: g.id, patch: { status: 'preparing', shortName: 'Cyber' } });
    expect(updated).toMatchObject({ status: 'preparing', statusDate: '2026-06-15', shortName: 'Cyber' });
    // Sending the unchanged status with another edit is not a lifecycle step.
    await t.api.groups.update({ id: g.id, patch: { status: 'preparing', name: 'Cybercrime as a threat' } });
    expect(history(g.id)).toEqual([
      { status: 'proposed', date: '2026-06-15' },
      { status: 'preparing', date: '2026-06-15' },
    ]);
    const life = await t.api.portfolio.lifecycle({ groupId: g.id });
    expect(life.history.map((h) => h.status)).toEqual(['preparing', 'proposed']); // newest first
    expect(life.allowed).toContain('plan_drafting');
  });

  it('refuses a transfer through groups.update (it needs the destination the lifecycle form asks for)', async () => {
    const g = await t.api.groups.create({ kind: 'priority_group', name: 'Cybercrime', status: 'implementing' });
    const e = await fails(t.api.groups.update({ id: g.id, patch: { status: 'transferred' } }));
    expect(e.key).toBe('portfolio.errors.transferNeedsTarget');
    expect((await t.api.groups.get({ id: g.id })).status).toBe('implementing');
  });
});

describe('one place creates a group', () => {
  it('scanning approval creates the priority group through the groups owner, in the configured time zone', async () => {
    await t.api.settings.update({ timeZone: 'Europe/Stockholm' });
    const network = await t.api.groups.create({ kind: 'expert_network', name: 'Expert network', status: 'active' });
    await t.api.groups.create({ kind: 'priority_group', name: 'Existing', status: 'implementing', priorityNumber: 7 });
    const proposal = await t.api.scanning.proposeRound({ lane: 'adhoc', startDate: '2026-06-15' });
    const round = await t.api.scanning.createRound({
      groupId: network.id,
      label: proposal.label,
      lane: 'adhoc',
      timeline: proposal.timeline,
      proposalCap: null,
    });
    await t.api.scanning.setRoundStatus({ id: round.id, status: 'open' });
    const c = await t.api.scanning.createCandidate({ roundId: round.id, title: 'Drones', submit: true });
    for (const status of ['screening', 'assessment', 'consolidation'] as const)
      await t.api.scanning.setRoundStatus({ id: round.id, status });
    await t.api.scanning.setCandidateStatus({ id: c.id, status: 'shortlisted' });
    await t.api.scanning.setRoundStatus({ id: round.id, status: 'list_submitted' });
    const d = await t.api.scanning.decide({ candidateId: c.id, outcome: 'approved', decidedOn: '2026-06-20' });
    const g = await t.api.groups.get({ id: d.createdGroupId! });
    expect(g).toMatchObject({ status: 'preparing', statusDate: '2026-06-20', priorityNumber: 8, timeZone: 'Europe/Stockholm' });
    expect(history(g.id)).toEqual([{ status: 'preparing', date: '2026-06-20' }]);
  });
});

describe('duplicate memberships', () => {
  async function setup() {
    const g = await t.api.groups.create({ kind: 'network', name: 'Polarisation', status: 'implementing' });
    const p = await t.api.people.create({ name: 'Pia Member' });
    return { g, p };
  }

  it('refuses the same person twice in the same role with overlapping dates, with a sentence, changing nothing', async () => {
    const { g, p } = await setup();
    await t.api.groups.addMember({
      groupId: g.id,
      personId: p.id,
      role: 'member',
      fromDate: '2024-01-01',
      untilDate: '2025-12-31',
    });
    const before = databaseContent(t.backend);
    for (const [fromDate, untilDate] of [
      [null, null],
      ['2025-12-31', null],
      ['2023-01-01', '2024-01-01'],
      ['2024-06-01', '2024-07-01'],
    ] as const) {
      const e = await fails(t.api.groups.addMember({ groupId: g.id, personId: p.id, role: 'member', fromDate, untilDate }));
      expect(e.key).toBe('groups.errors.duplicateMembership');
      expect(e.message).toBe(
        'Pia Member already holds the role Member in this group for an overlapping period (2024-01-01 – 2025-12-31). ' +
          'Change the existing membership’s period or role, or choose periods that do not overlap.',
      );
    }
    expect(databaseContent(t.backend)).toBe(before);
  });

  it('allows another role, a period that does not overlap, and a return after removal', async () => {
    const { g, p } = await setup();
    const first = await t.api.groups.addMember({
      groupId: g.id,
      personId: p.id,
      role: 'member',
      fromDate: '2024-01-01',
      untilDate: '2024-12-31',
    });
    await t.api.groups.addMember({ groupId: g.id, personId: p.id, role: 'secretary', fromDate: null, untilDate: null });
    const later = await t.api.groups.addMember({
      groupId: g.id,
      personId: p.id,
      role: 'member',
      fromDate: '2025-01-01',
      untilDate: null,
    });
    // Editing into an overlap is refused too; editing itself is not a clash with itself.
    const e = await fails(t.api.groups.updateMember({ id: later.id, patch: { fromDate: '2024-12-31' } }));
    expect(e.key).toBe('groups.errors.duplicateMembership');
    await t.api.groups.updateMember({ id: later.id, patch: { fromDate: '2025-02-01' } });
    await t.api.groups.removeMember({ id: first.id });
    await t.api.groups.addMember({
      groupId: g.id,
      personId: p.id,
      role: 'member',
      fromDate: '2024-01-01',
      untilDate: '2024-12-31',
    });
    expect((await t.api.groups.get({ id: g.id })).members).toHaveLength(3);
  });

  it('the pure rule: overlap is symmetric, inclusive, and open ends reach forever', () => {
    const date = fc
      .integer({ min: 0, max: 2000 })
      .map((n) => new Date(Date.UTC(2020, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));
    const period = fc
      .tuple(fc.option(date), fc.option(date))
      .map(([a, b]) => (a && b && a > b ? { fromDate: b, untilDate: a } : { fromDate: a, untilDate: b }));
    fc.assert(
      fc.property(period, period, date, (a, b, day) => {
        expect(periodsOverlap(a, b)).toBe(periodsOverlap(b, a));
        const inA = (a.fromDate ?? '0000') <= day && day <= (a.untilDate ?? '9999');
        const inB = (b.fromDate ?? '0000') <= day && day <= (b.untilDate ?? '9999');
        if (inA && inB) expect(periodsOverlap(a, b)).toBe(true);
      }),
    );
    const base = { groupId: 'g', personId: 'p', role: 'member', fromDate: null, untilDate: null };
    expect(duplicateMembership({ ...base, id: '1' }, [{ ...base, id: '1' }])).toBeUndefined();
    expect(duplicateMembership(base, [{ ...base, id: '2', deleted: true }])).toBeUndefined();
    expect(
      duplicateMemberships([
        { ...base, id: '1' },
        { ...base, id: '2' },
        { ...base, id: '3', role: 'chair' },
      ]),
    ).toHaveLength(1);
  });
});

describe('duplicate memberships through an exchange file', () => {
  it('an import that would give a person the same role twice for overlapping periods is refused whole', async () => {
    const a = await replica();
    const b = await replica(Date.UTC(2027, 0, 4, 9));
    try {
      const group = await a.api.groups.create({ kind: 'network', name: 'Polarisation', status: 'implementing' });
      const pia = await a.api.people.create({ name: 'Pia Member' });
      await importInto(b, exportFrom(a, { kind: 'database' }));
      // Each laptop adds Pia as a member, both open-ended: legal on each side, a duplicate together.
      a.tick();
      await a.api.groups.addMember({
        groupId: group.id,
        personId: pia.id,
        role: 'member',
        fromDate: '2027-01-01',
        untilDate: null,
      });
      await b.api.groups.addMember({
        groupId: group.id,
        personId: pia.id,
        role: 'member',
        fromDate: '2026-06-01',
        untilDate: null,
      });
      const before = databaseContent(b.backend);
      const e = await fails(importInto(b, exportFrom(a, { kind: 'database' })));
      expect(e.key).toBe('exchange.duplicateMembership');
      expect(e.message).toMatch(/^The file was refused: record .* in memberships would give a person the same role/);
      expect(databaseContent(b.backend)).toBe(before);
      // A different role is fine.
      const other = await replica(Date.UTC(2027, 0, 4, 10));
      try {
        await importInto(other, exportFrom(b, { kind: 'database' }));
        await a.api.groups.updateMember({
          id: (await a.api.groups.get({ id: group.id })).members[0]!.id,
          patch: { role: 'secretary' },
        });
        a.tick();
        await importInto(other, exportFrom(a, { kind: 'database' }));
        expect((await other.api.groups.get({ id: group.id })).members.map((m) => m.role).sort()).toEqual(['member', 'secretary']);
      } finally {
        other.cleanup();
      }
    } finally {
      a.cleanup();
      b.cleanup();
    }
  });
});
