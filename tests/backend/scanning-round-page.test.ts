// Issue #15, the round page's "2 of 3 have scored": the round read's completion, counts only, through the
// real contract. Who is expected to score, and that nothing of anyone's scores leaks while blind.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { assessorCompletion } from '../../shared/scanning/blind';
import { ASSESSED_STATUSES, assessorRoster } from '../../electron/backend/repositories/scanning';
import { startTestBackend, type TestBackend } from '../helpers/backend';
import { scanningFixture } from './scanning-fixture';

let t: TestBackend;
beforeEach(async () => {
  t = await startTestBackend({ now: () => new Date('2026-12-01T10:00:00Z') });
});
afterEach(() => t.cleanup());

async function inAssessment() {
  const fx = await scanningFixture(t.api);
  const api = t.api;
  await api.scanning.setRoundStatus({ id: fx.round.id, status: 'open' });
  const a = await api.scanning.createCandidate({ roundId: fx.round.id, title: 'Loneliness of older people', submit: true });
  const b = await api.scanning.createCandidate({ roundId: fx.round.id, title: 'Drones and everyday security', submit: true });
  return { ...fx, a, b };
}

describe('assessors’ progress in the round read', () => {
  it('is absent before assessment and counts the network’s members for the window plus anyone who scored', async () => {
    const fx = await inAssessment();
    const api = t.api;
    const [aino, bertil, cecilia] = fx.assessors;
    const { timeline } = fx.round;
    await api.groups.addMember({ groupId: fx.network.id, personId: aino!.id, role: 'chair' });
    await api.groups.addMember({ groupId: fx.network.id, personId: bertil!.id, role: 'member' });
    // Secretary and substitute run or stand in: expected only once they score.
    const secretary = await api.people.create({ name: 'Sanna Secretary' });
    await api.groups.addMember({ groupId: fx.network.id, personId: secretary.id, role: 'secretary' });
    // A membership that ended before the window opened does not count.
    const former = await api.people.create({ name: 'Frans Former' });
    await api.groups.addMember({
      groupId: fx.network.id,
      personId: former.id,
      role: 'member',
      fromDate: '2020-01-01',
      untilDate: '2026-12-31',
    });
    expect((await api.scanning.getRound({ id: fx.round.id })).completion).toBeNull();
    await api.scanning.setRoundStatus({ id: fx.round.id, status: 'screening' });
    await api.scanning.setRoundStatus({ id: fx.round.id, status: 'assessment' });
    expect(timeline.assessmentOpens > '2026-12-31').toBe(true);

    const criteria = (await api.scanning.getRound({ id: fx.round.id })).criteria;
    const score = (assessorId: string, candidateId: string, n = criteria.length) =>
      api.scanning.saveScores({
        candidateId,
        assessorId,
        entries: criteria.slice(0, n).map((k) => ({ criterionId: k.id, value: 5, confidence: 3, comment: 'secret-comment' })),
      });
    const completion = async () => (await api.scanning.getRound({ id: fx.round.id })).completion;
    expect(await completion()).toEqual({ total: 2, done: 0, started: 0, cellsPerAssessor: 2 * criteria.length });

    await score(aino!.id, fx.a.id);
    await score(aino!.id, fx.b.id);
    expect(await completion()).toMatchObject({ total: 2, done: 1, started: 0 });
    // Cecilia is not a member but scores: she counts, as started.
    await score(cecilia!.id, fx.a.id, 2);
    expect(await completion()).toMatchObject({ total: 3, done: 1, started: 1 });
    // A conflict declared without scores covers that candidate: it counts like a score.
    await score(bertil!.id, fx.a.id);
    await api.scanning.saveScores({ candidateId: fx.b.id, assessorId: bertil!.id, conflictOfInterest: true, entries: [] });
    expect(await completion()).toMatchObject({ total: 3, done: 2, started: 1 });

    // Blind: the round read carries no score, comment or scorer — only counts. (Cecilia is no member, so
    // her id could only appear if scores leaked.)
    const text = JSON.stringify(await api.scanning.getRound({ id: fx.round.id }));
    expect(text).not.toContain('secret-comment');
    expect(text).not.toContain(cecilia!.id);
    expect(text).not.toContain(aino!.id);

    // A withdrawn candidate no longer needs scores: Cecilia's rows on it stop counting.
    await api.scanning.setCandidateStatus({ id: fx.a.id, status: 'withdrawn' });
    expect(await completion()).toEqual({ total: 2, done: 2, started: 0, cellsPerAssessor: criteria.length });
  });
});

describe('completion counted in SQL', () => {
  /** The rule over every live score row of the round: how the round read computed it before SQL counted the cells. */
  async function byTheRule(roundId: string) {
    const round = await t.api.scanning.getRound({ id: roundId });
    const scores = t.backend.ctx.db
      .prepare(
        `SELECT s.assessor_person_id AS assessorId, s.candidate_id AS candidateId, s.criterion_id AS criterionId
         FROM scores s JOIN candidates c ON c.id = s.candidate_id WHERE c.round_id = ? AND c.deleted = 0 AND s.deleted = 0`,
      )
      .all(roundId) as Array<{ assessorId: string; candidateId: string; criterionId: string }>;
    const assessed: readonly string[] = ASSESSED_STATUSES;
    const { assessmentOpens, assessmentCloses } = round.timeline;
    return {
      read: round.completion,
      rule: assessorCompletion({
        assessorIds: assessorRoster(t.backend.ctx.store, round.groupId, assessmentOpens, assessmentCloses),
        candidateIds: round.candidates.filter((c) => assessed.includes(c.status)).map((c) => c.id),
        criterionIds: round.criteria.map((c) => c.id),
        scores,
      }),
      scored: scores.length,
    };
  }

  it('gives the same counts as the rule over every score row, for every round of the example', async () => {
    await t.api.app.chooseStart({ example: true });
    let compared = 0;
    for (const r of await t.api.scanning.listRounds({ includeArchived: true })) {
      const { read, rule, scored } = await byTheRule(r.id);
      if (read === null) continue;
      expect(read).toEqual(rule);
      if (scored > 0) compared++;
    }
    expect(compared).toBeGreaterThan(0);
  });

  it('gives the same counts as the rule with a partial scorer, a conflict and a withdrawn candidate', async () => {
    const fx = await inAssessment();
    const api = t.api;
    await api.scanning.setRoundStatus({ id: fx.round.id, status: 'screening' });
    await api.scanning.setRoundStatus({ id: fx.round.id, status: 'assessment' });
    const criteria = (await api.scanning.getRound({ id: fx.round.id })).criteria;
    const [aino, bertil, cecilia] = fx.assessors;
    await api.groups.addMember({ groupId: fx.network.id, personId: aino!.id, role: 'member' });
    const score = (assessorId: string, candidateId: string, n = criteria.length) =>
      api.scanning.saveScores({
        candidateId,
        assessorId,
        entries: criteria.slice(0, n).map((k) => ({ criterionId: k.id, value: 4, confidence: 2 })),
      });
    await score(aino!.id, fx.a.id);
    await score(aino!.id, fx.b.id);
    await score(cecilia!.id, fx.a.id, 1);
    await api.scanning.saveScores({ candidateId: fx.b.id, assessorId: bertil!.id, conflictOfInterest: true, entries: [] });
    const before = await byTheRule(fx.round.id);
    expect(before.read).toEqual(before.rule);
    expect(before.read).toMatchObject({ total: 3, done: 1 });
    await api.scanning.setCandidateStatus({ id: fx.a.id, status: 'withdrawn' });
    const after = await byTheRule(fx.round.id);
    expect(after.read).toEqual(after.rule);
  });
});
