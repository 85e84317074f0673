// scanning.listRounds counts a round's candidates per status in SQL (issue #19); these tests hold the
// counts to the rule written out over the candidate rows, for every round of the example and for a
// round with drafts, a merge and an archived candidate.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RoundCounts } from '../../shared/domain/scanning';
import { startTestBackend, type TestBackend } from '../helpers/backend';
import { scanningFixture } from './scanning-fixture';

let t: TestBackend;
beforeEach(async () => {
  t = await startTestBackend({ now: () => new Date('2026-12-01T10:00:00Z') });
});
afterEach(() => t.cleanup());

/** The rule, one candidate row at a time: drafts and merged originals are not proposals. */
function countsByTheRule(roundId: string): RoundCounts {
  const statuses = (
    t.backend.ctx.db.prepare(`SELECT status FROM candidates WHERE round_id = ? AND deleted = 0`).all(roundId) as Array<{
      status: string;
    }>
  ).map((r) => r.status);
  const n = (ok: (s: string) => boolean) => statuses.filter(ok).length;
  const decided = ['proposed', 'approved', 'rejected', 'deferred', 'folded'];
  return {
    total: n((s) => s !== 'draft' && s !== 'merged'),
    proposed: n((s) => decided.includes(s)),
    shortlisted: n((s) => s === 'shortlisted' || decided.includes(s)),
    approved: n((s) => s === 'approved'),
    rejected: n((s) => s === 'rejected'),
    deferred: n((s) => s === 'deferred'),
    folded: n((s) => s === 'folded'),
    merged: n((s) => s === 'merged'),
  };
}

describe('the list of rounds', () => {
  it('counts every round of the example by the rule', async () => {
    await t.api.app.chooseStart({ example: true });
    const rounds = await t.api.scanning.listRounds({ includeArchived: true });
    expect(rounds.length).toBeGreaterThan(0);
    let counted = 0;
    for (const r of rounds) {
      expect(r.counts).toEqual(countsByTheRule(r.id));
      counted += r.counts.total;
    }
    expect(counted).toBeGreaterThan(0);
  });

  it('leaves out drafts, merged originals and archived candidates, and names the group', async () => {
    const fx = await scanningFixture(t.api);
    await t.api.scanning.setRoundStatus({ id: fx.round.id, status: 'open' });
    const a = await t.api.scanning.createCandidate({
      roundId: fx.round.id,
      title: 'Cyber fraud against the elderly',
      submit: true,
    });
    const b = await t.api.scanning.createCandidate({ roundId: fx.round.id, title: 'Online scams', submit: true });
    await t.api.scanning.createCandidate({ roundId: fx.round.id, title: 'Loneliness of older people', submit: true });
    await t.api.scanning.createCandidate({ roundId: fx.round.id, title: 'Still a draft' });
    const gone = await t.api.scanning.createCandidate({ roundId: fx.round.id, title: 'Archived', submit: true });
    t.backend.ctx.store.archive('candidates', gone.id);
    await t.api.scanning.merge({ candidateIds: [a.id, b.id], title: 'Online fraud against older people' });
    // An empty round is listed with zero counts.
    const p = await t.api.scanning.proposeRound({ lane: 'adhoc', startDate: '2027-02-03' });
    const empty = await t.api.scanning.createRound({
      groupId: fx.network.id,
      label: p.label,
      lane: 'adhoc',
      timeline: p.timeline,
      proposalCap: null,
    });
    const rounds = await t.api.scanning.listRounds({});
    const listed = rounds.find((r) => r.id === fx.round.id)!;
    expect(listed.groupName).toBe('Expert network');
    // The round's own fields as the generic decoder reads the row (the list maps it column by column).
    const row = t.backend.ctx.store.get<Record<string, unknown>>('scanning_rounds', fx.round.id)!;
    const { groupName: _g, counts: _c, timeline, ...own } = listed;
    expect(own).toEqual({
      id: row.id,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
      hlc: row.hlc,
      deleted: row.deleted,
      groupId: row.groupId,
      label: row.label,
      lane: row.lane,
      status: row.status,
      proposalCap: row.proposalCap,
      criteriaLocked: row.criteriaLocked,
    });
    expect(typeof own.criteriaLocked).toBe('boolean');
    expect(timeline).toEqual(fx.proposal.timeline);
    expect(listed.counts).toEqual(countsByTheRule(fx.round.id));
    expect(listed.counts).toMatchObject({ total: 2, merged: 2 });
    expect(rounds.find((r) => r.id === empty.id)!.counts).toEqual(countsByTheRule(empty.id));
    expect(rounds.find((r) => r.id === empty.id)!.counts.total).toBe(0);
  });
});
