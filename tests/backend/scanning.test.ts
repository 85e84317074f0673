import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { unzipSync, strFromU8 } from 'fflate';
import fc from 'fast-check';
import { startTestBackend, type TestBackend } from '../helpers/backend';
import { databaseContent, fails, scanningFixture } from './scanning-fixture';

let t: TestBackend;
beforeEach(async () => {
  t = await startTestBackend({ now: () => new Date('2026-12-01T10:00:00Z') });
});
afterEach(() => t.cleanup());

type Fx = Awaited<ReturnType<typeof scanningFixture>>;

async function candidate(fx: Fx, title: string, extra: Record<string, unknown> = {}) {
  return t.api.scanning.createCandidate({ roundId: fx.round.id, title, submit: true, ...extra });
}

/** Open → screening → assessment with the given candidates; returns the round's criteria. */
async function toAssessment(fx: Fx) {
  await t.api.scanning.setRoundStatus({ id: fx.round.id, status: 'screening' });
  await t.api.scanning.setRoundStatus({ id: fx.round.id, status: 'assessment' });
  return (await t.api.scanning.getRound({ id: fx.round.id })).criteria;
}

/** Every assessor gives `values[a][k]` to criterion k of the candidate. */
async function score(fx: Fx, candidateId: string, criteria: Array<{ id: string }>, values: number[][]) {
  for (const [a, row] of values.entries())
    await t.api.scanning.saveScores({
      candidateId,
      assessorId: fx.assessors[a]!.id,
      entries: row.map((value, k) => ({ criterionId: criteria[k]!.id, value, confidence: 2, comment: `a${a}` })),
    });
}

describe('scanning rounds', () => {
  it('proposes the next semiannual round with the default timeline and creates it with the five default criteria', async () => {
    const fx = await scanningFixture(t.api);
    expect(fx.proposal.label).toBe('2027 H1');
    expect(fx.round.timeline.callOpens).toBe('2027-01-15');
    expect(fx.round.timeline.decisionMeeting).toBe('2027-05-07');
    expect(fx.round.status).toBe('planned');
    const detail = await t.api.scanning.getRound({ id: fx.round.id });
    expect(detail.criteria.map((c) => c.weight)).toEqual([3, 2, 2, 2, 2]);
    expect(detail.criteria[0]!.name).toBe('Significance for everyday security');
    expect(detail.nextStatuses).toEqual(['open', 'closed']);
    const next = await t.api.scanning.proposeRound({ lane: 'semiannual' });
    expect(next.label).toBe('2027 H2');
    const adhoc = await t.api.scanning.proposeRound({ lane: 'adhoc', startDate: '2027-03-02' });
    expect(adhoc.label).toBe('2027 A1');
    expect(adhoc.timeline.decisionMeeting).toBe('2027-03-16');
  });

  it('refuses an illegal status move with a sentence and changes nothing', async () => {
    const fx = await scanningFixture(t.api);
    const before = databaseContent(t.backend);
    const e = await fails(t.api.scanning.setRoundStatus({ id: fx.round.id, status: 'assessment' }));
    expect(e.key).toBe('scanning.illegalTransition');
    expect(e.message).toBe('A round cannot move from “planned” to “assessment”.');
    expect(databaseContent(t.backend)).toBe(before);
    // Legal moves walk forward; history records each.
    await t.api.scanning.setRoundStatus({ id: fx.round.id, status: 'open' });
    const detail = await t.api.scanning.getRound({ id: fx.round.id });
    expect(detail.history.map((h) => h.status)).toEqual(['planned', 'open']);
  });

  it('refuses a round owned by a group that is not the expert network, a bad label, and a timeline going backwards', async () => {
    const fx = await scanningFixture(t.api);
    const before = databaseContent(t.backend);
    const notNetwork = await fails(
      t.api.scanning.createRound({
        groupId: fx.existing.id,
        label: '2027 H2',
        lane: 'semiannual',
        timeline: fx.proposal.timeline,
        proposalCap: null,
      }),
    );
    expect(notNetwork.key).toBe('scanning.errors.ownerNotNetwork');
    const taken = await fails(
      t.api.scanning.createRound({
        groupId: fx.network.id,
        label: '2027 H1',
        lane: 'semiannual',
        timeline: fx.proposal.timeline,
        proposalCap: null,
      }),
    );
    expect(taken.key).toBe('scanning.errors.labelTaken');
    const backwards = await fails(
      t.api.scanning.createRound({
        groupId: fx.network.id,
        label: '2027 H2',
        lane: 'semiannual',
        timeline: { ...fx.proposal.timeline, listFreeze: '2026-01-01' },
        proposalCap: null,
      }),
    );
    expect(backwards.message).toBe('“List freeze” cannot be before “Expert network meeting”.');
    const lane = await fails(
      t.api.scanning.createRound({
        groupId: fx.network.id,
        label: '2027 A1',
        lane: 'semiannual',
        timeline: fx.proposal.timeline,
        proposalCap: null,
      }),
    );
    expect(lane.key).toBe('scanning.errors.labelLane');
    expect(databaseContent(t.backend)).toBe(before);
  });

  it('locks criteria when assessment opens', async () => {
    const fx = await scanningFixture(t.api);
    const added = await t.api.scanning.addCriterion({ roundId: fx.round.id, name: 'Public interest', weight: 1, axis: 'impact' });
    await t.api.scanning.updateCriterion({ id: added.id, patch: { weight: 1.5 } });
    await t.api.scanning.removeCriterion({ id: added.id });
    await t.api.scanning.setRoundStatus({ id: fx.round.id, status: 'open' });
    await candidate(fx, 'Loneliness of older people living at home');
    const criteria = await toAssessment(fx);
    expect((await t.api.scanning.getRound({ id: fx.round.id })).criteriaLocked).toBe(true);
    const before = databaseContent(t.backend);
    for (const call of [
      t.api.scanning.addCriterion({ roundId: fx.round.id, name: 'Late', weight: 1, axis: null }),
      t.api.scanning.updateCriterion({ id: criteria[0]!.id, patch: { weight: 9 } }),
      t.api.scanning.removeCriterion({ id: criteria[1]!.id }),
    ]) {
      const e = await fails(call);
      expect(e.key).toBe('scanning.errors.criteriaLocked');
    }
    expect(databaseContent(t.backend)).toBe(before);
  });

  it('keeps scores blind: no assessor sees others’ scores before the window closes', async () => {
    const fx = await scanningFixture(t.api);
    await t.api.scanning.setRoundStatus({ id: fx.round.id, status: 'open' });
    const c = await candidate(fx, 'Scams targeting older people online');
    const criteria = await toAssessment(fx);
    await score(fx, c.id, criteria, [
      [5, 4, 3, 2, 1],
      [4, 4, 4, 4, 4],
      [1, 2, 3, 4, 5],
    ]);
    const [a, b] = fx.assessors;
    const asA = await t.api.scanning.scores({ roundId: fx.round.id, viewerId: a!.id, viewerRole: 'assessor' });
    expect(asA.aggregatesVisible).toBe(false);
    expect(asA.scores).toHaveLength(5);
    expect(new Set(asA.scores.map((s) => s.assessorId))).toEqual(new Set([a!.id]));
    // Saving returns only the saver's own rows too.
    const saved = await t.api.scanning.saveScores({
      candidateId: c.id,
      assessorId: b!.id,
      entries: [{ criterionId: criteria[0]!.id, value: 3, confidence: 3, comment: 'revised' }],
    });
    expect(saved.scores.every((s) => s.assessorId === b!.id)).toBe(true);
    const owner = await t.api.scanning.scores({ roundId: fx.round.id, viewerId: null, viewerRole: 'owner' });
    expect(owner.scores).toHaveLength(0);
    expect(owner.progress?.map((p) => p.scoreCount)).toEqual([5, 5, 5]);
    const viewer = await t.api.scanning.scores({ roundId: fx.round.id, viewerId: null, viewerRole: 'viewer' });
    expect(viewer.scores).toHaveLength(0);
    const hidden = await fails(t.api.scanning.results({ roundId: fx.round.id }));
    expect(hidden.code).toBe('forbidden');
    expect(hidden.key).toBe('scanning.blind.resultsHidden');
    const doc = await fails(t.api.scanning.candidateList({ roundId: fx.round.id, format: 'md', lang: 'en' }));
    expect(doc.key).toBe('scanning.blind.resultsHidden');
    await t.api.scanning.setRoundStatus({ id: fx.round.id, status: 'consolidation' });
    const after = await t.api.scanning.scores({ roundId: fx.round.id, viewerId: a!.id, viewerRole: 'assessor' });
    expect(after.aggregatesVisible).toBe(true);
    expect(after.scores).toHaveLength(15);
  });

  it('never shows an assessor another assessor’s score while blind, whatever was entered (property)', async () => {
    const fx = await scanningFixture(t.api);
    await t.api.scanning.setRoundStatus({ id: fx.round.id, status: 'open' });
    const cands = [await candidate(fx, 'One'), await candidate(fx, 'Two')];
    const criteria = await toAssessment(fx);
    const entry = fc.record({
      a: fc.integer({ min: 0, max: 2 }),
      c: fc.integer({ min: 0, max: 1 }),
      k: fc.integer({ min: 0, max: 4 }),
      value: fc.integer({ min: 1, max: 5 }),
      coi: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(entry, { minLength: 1, maxLength: 6 }), async (entries) => {
        for (const e of entries)
          await t.api.scanning.saveScores({
            candidateId: cands[e.c]!.id,
            assessorId: fx.assessors[e.a]!.id,
            conflictOfInterest: e.coi,
            entries: [{ criterionId: criteria[e.k]!.id, value: e.value, confidence: 2 }],
          });
        for (const [i, person] of fx.assessors.entries()) {
          const view = await t.api.scanning.scores({ roundId: fx.round.id, viewerId: person.id, viewerRole: 'assessor' });
          expect(view.aggregatesVisible).toBe(false);
          expect(view.scores.every((s) => s.assessorId === fx.assessors[i]!.id)).toBe(true);
        }
        const owner = await t.api.scanning.scores({ roundId: fx.round.id, viewerId: null, viewerRole: 'owner' });
        expect(owner.scores).toEqual([]);
      }),
      { numRuns: 15 },
    );
  });

  it('aggregates weighted score, median and spread as computed by hand', async () => {
    const fx = await scanningFixture(t.api);
    await t.api.scanning.setRoundStatus({ id: fx.round.id, status: 'open' });
    const c1 = await candidate(fx, 'Candidate one');
    const c2 = await candidate(fx, 'Candidate two');
    const criteria = await toAssessment(fx);
    // Weights 3,2,2,2,2 (sum 11); axes impact ×4, feasibility ×1.
    await score(fx, c1.id, criteria, [
      [5, 4, 3, 2, 1],
      [4, 4, 4, 4, 4],
      [3, 4, 5, 3, 1],
    ]);
    await score(fx, c2.id, criteria, [
      [2, 2, 2, 2, 5],
      [3, 3, 3, 3, 5],
      [1, 2, 2, 2, 4],
    ]);
    await t.api.scanning.setRoundStatus({ id: fx.round.id, status: 'consolidation' });
    const r = await t.api.scanning.results({ roundId: fx.round.id, sensitivityPct: 20 });
    const a1 = r.aggregates.find((a) => a.candidateId === c1.id)!;
    // Criterion means: 4, 4, 4, 3, 2 → (3·4 + 2·4 + 2·4 + 2·3 + 2·2) / 11 = 38/11.
    expect(a1.weightedScore).toBeCloseTo(38 / 11, 10);
    // Per-assessor totals: A (15+8+6+4+2)/11 = 35/11, B 44/11, C (9+8+10+6+2)/11 = 35/11 → median 35/11.
    expect(a1.assessorMedian).toBeCloseTo(35 / 11, 10);
    // Spread of criterion 1 values 5,4,3: population SD = sqrt(2/3).
    expect(a1.criteria[0]!.spread).toBeCloseTo(Math.sqrt(2 / 3), 10);
    expect(a1.criteria[0]!.median).toBe(4);
    // Disagreement: SD of 35/11, 44/11, 35/11 = (9/11)·sqrt(2)/3.
    expect(a1.disagreement).toBeCloseTo(((9 / 11) * Math.sqrt(2)) / 3, 10);
    const a2 = r.aggregates.find((a) => a.candidateId === c2.id)!;
    // Means 2, 7/3, 7/3, 7/3, 14/3 → (6 + 14/3·3 + 28/3) / 11 = (6 + 14 + 28/3)/11 = 88/33.
    expect(a2.weightedScore).toBeCloseTo((6 + 14 / 3 + 14 / 3 + 14 / 3 + 28 / 3) / 11, 10);
    expect(r.ranking.map((x) => x.candidateId)).toEqual([c1.id, c2.id]);
    // Matrix: c2 feasibility mean 14/3 → (14/3 − 1)/4.
    expect(r.matrix.find((p) => p.candidateId === c2.id)!.feasibility).toBeCloseTo((14 / 3 - 1) / 4, 10);
    // Sensitivity: putting all weight on feasibility re-ranks c2 first.
    const weights = Object.fromEntries(criteria.map((c, k) => [c.id, k === 4 ? 10 : 0.1]));
    const re = await t.api.scanning.results({ roundId: fx.round.id, weights });
    expect(re.ranking[0]!.candidateId).toBe(c2.id);
    expect(r.sensitivity.length).toBe(10);
    // Consensus overrides the ranking score.
    await fails(t.api.scanning.setConsensus({ candidateId: c2.id, score: 4.5, rationale: null }));
    await t.api.scanning.setConsensus({ candidateId: c2.id, score: 4.5, rationale: 'Urgent after the network meeting.' });
    const withConsensus = await t.api.scanning.results({ roundId: fx.round.id });
    expect(withConsensus.ranking[0]!.candidateId).toBe(c2.id);
    expect(withConsensus.ranking[0]!.rankingScore).toBe(4.5);
  });

  it('excludes an assessor with a conflict of interest', async () => {
    const fx = await scanningFixture(t.api);
    await t.api.scanning.setRoundStatus({ id: fx.round.id, status: 'open' });
    const c = await candidate(fx, 'Conflicted');
    const criteria = await toAssessment(fx);
    await score(fx, c.id, criteria, [
      [5, 5, 5, 5, 5],
      [1, 1, 1, 1, 1],
    ]);
    await t.api.scanning.saveScores({
      candidateId: c.id,
      assessorId: fx.assessors[0]!.id,
      conflictOfInterest: true,
      entries: [],
    });
    await t.api.scanning.setRoundStatus({ id: fx.round.id, status: 'consolidation' });
    const r = await t.api.scanning.results({ roundId: fx.round.id });
    expect(r.aggregates[0]!.weightedScore).toBe(1);
    expect(r.aggregates[0]!.excludedAssessors).toEqual([fx.assessors[0]!.id]);
  });

  it('refuses invalid scores and out-of-window scoring with nothing changed', async () => {
    const fx = await scanningFixture(t.api);
    await t.api.scanning.setRoundStatus({ id: fx.round.id, status: 'open' });
    const c = await candidate(fx, 'Early bird');
    const criteria = (await t.api.scanning.getRound({ id: fx.round.id })).criteria;
    const before = databaseContent(t.backend);
    const early = await fails(
      t.api.scanning.saveScores({
        candidateId: c.id,
        assessorId: fx.assessors[0]!.id,
        entries: [{ criterionId: criteria[0]!.id, value: 3, confidence: 2 }],
      }),
    );
    expect(early.key).toBe('scanning.actionNotAllowed');
    expect(early.message).toBe('This cannot be done while the round is “open for proposals”.');
    const bad = await fails(
      t.api.scanning.saveScores({
        candidateId: c.id,
        assessorId: fx.assessors[0]!.id,
        entries: [{ criterionId: criteria[0]!.id, value: 7, confidence: 2 }],
      }),
    );
    expect(bad.code).toBe('validation');
    expect(databaseContent(t.backend)).toBe(before);
  });
});

describe('round lanes and reopening', () => {
  it('runs an ad-hoc lane with its own short timeline beside the semiannual round', async () => {
    const fx = await scanningFixture(t.api);
    const p = await t.api.scanning.proposeRound({ lane: 'adhoc', startDate: '2027-02-03' });
    const adhoc = await t.api.scanning.createRound({
      groupId: fx.network.id,
      label: p.label,
      lane: 'adhoc',
      timeline: p.timeline,
      proposalCap: 1,
    });
    expect(adhoc.label).toBe('2027 A1');
    expect(adhoc.lane).toBe('adhoc');
    expect(adhoc.timeline.assessmentCloses).toBe('2027-02-10');
    const rounds = await t.api.scanning.listRounds({});
    expect(rounds.map((r) => r.label).sort()).toEqual(['2027 A1', '2027 H1']);
    // The semiannual proposal ignores the ad-hoc lane.
    expect((await t.api.scanning.proposeRound({ lane: 'semiannual' })).label).toBe('2027 H2');
    expect((await t.api.scanning.proposeRound({ lane: 'adhoc', startDate: '2027-05-01' })).label).toBe('2027 A2');
  });

  it('reopening assessment from consolidation makes scoring blind again', async () => {
    const fx = await scanningFixture(t.api);
    await t.api.scanning.setRoundStatus({ id: fx.round.id, status: 'open' });
    const c = await candidate(fx, 'Reopened');
    const criteria = await toAssessment(fx);
    await score(fx, c.id, criteria, [
      [3, 3, 3, 3, 3],
      [4, 4, 4, 4, 4],
    ]);
    await t.api.scanning.setRoundStatus({ id: fx.round.id, status: 'consolidation' });
    await t.api.scanning.setCandidateStatus({ id: c.id, status: 'shortlisted' });
    await t.api.scanning.setRoundStatus({ id: fx.round.id, status: 'assessment', note: 'Missing scores from THL' });
    expect((await t.api.scanning.getCandidate({ id: c.id })).status).toBe('in_assessment');
    const view = await t.api.scanning.scores({ roundId: fx.round.id, viewerId: fx.assessors[0]!.id, viewerRole: 'assessor' });
    expect(view.aggregatesVisible).toBe(false);
    expect(view.scores.every((s) => s.assessorId === fx.assessors[0]!.id)).toBe(true);
    expect((await t.api.scanning.getRound({ id: fx.round.id })).criteriaLocked).toBe(true);
    const history = (await t.api.scanning.getRound({ id: fx.round.id })).history;
    expect(history.at(-1)).toMatchObject({ status: 'assessment', note: 'Missing scores from THL' });
  });

  it('moves candidates only along their machine and inside the round’s windows', async () => {
    const fx = await scanningFixture(t.api);
    await t.api.scanning.setRoundStatus({ id: fx.round.id, status: 'open' });
    const draft = await t.api.scanning.createCandidate({ roundId: fx.round.id, title: 'Still a draft' });
    expect(draft.status).toBe('draft');
    const before = databaseContent(t.backend);
    const illegal = await fails(t.api.scanning.setCandidateStatus({ id: draft.id, status: 'shortlisted' }));
    expect(illegal.message).toBe('A candidate cannot move from “draft” to “shortlisted”.');
    const merged = await fails(t.api.scanning.setCandidateStatus({ id: draft.id, status: 'merged' }));
    expect(merged.key).toBe('scanning.errors.useDedicated');
    const early = await fails(
      t.api.scanning.setCandidateStatus({ id: draft.id, status: 'withdrawn', note: 'x'.repeat(100_001) }),
    );
    expect(early.code).toBe('validation');
    expect(databaseContent(t.backend)).toBe(before);
    await t.api.scanning.setCandidateStatus({ id: draft.id, status: 'submitted' });
    const out = await candidate(fx, 'Out of scope');
    await t.api.scanning.setRoundStatus({ id: fx.round.id, status: 'screening' });
    await t.api.scanning.setCandidateStatus({ id: out.id, status: 'screened_out', note: 'Not internal security' });
    await t.api.scanning.setCandidateStatus({ id: out.id, status: 'screening' });
    await t.api.scanning.setCandidateStatus({ id: draft.id, status: 'withdrawn' });
    await t.api.scanning.setRoundStatus({ id: fx.round.id, status: 'assessment' });
    const detail = await t.api.scanning.getRound({ id: fx.round.id });
    expect(detail.candidates.map((c) => c.status)).toEqual(['withdrawn', 'in_assessment']);
    // Editing is closed once assessment runs.
    const edit = await fails(t.api.scanning.updateCandidate({ id: out.id, patch: { title: 'Late change' } }));
    expect(edit.key).toBe('scanning.actionNotAllowed');
  });

  it('carries a deferred candidate at once when the next round already exists', async () => {
    const fx = await scanningFixture(t.api);
    const p2 = await t.api.scanning.proposeRound({ lane: 'semiannual' });
    const next = await t.api.scanning.createRound({
      groupId: fx.network.id,
      label: p2.label,
      lane: 'semiannual',
      timeline: p2.timeline,
      proposalCap: null,
    });
    await t.api.scanning.setRoundStatus({ id: fx.round.id, status: 'open' });
    const c = await candidate(fx, 'Deferred at once');
    const criteria = await toAssessment(fx);
    await score(fx, c.id, criteria, [[3, 3, 3, 3, 3]]);
    await t.api.scanning.setRoundStatus({ id: fx.round.id, status: 'consolidation' });
    await t.api.scanning.setCandidateStatus({ id: c.id, status: 'shortlisted' });
    await t.api.scanning.setRoundStatus({ id: fx.round.id, status: 'list_submitted' });
    await t.api.scanning.decide({ candidateId: c.id, outcome: 'deferred', conditions: 'After the pilot.' });
    const detail = await t.api.scanning.getRound({ id: next.id });
    expect(detail.candidates.map((x) => [x.reference, x.deferralCount, x.status])).toEqual([['2027H2-01', 1, 'submitted']]);
    expect((await t.api.scanning.getRound({ id: fx.round.id })).nextRound?.label).toBe('2027 H2');
  });
});

describe('candidates', () => {
  it('stores every field of a candidate and finds similar candidates and groups', async () => {
    const fx = await scanningFixture(t.api);
    await t.api.scanning.setRoundStatus({ id: fx.round.id, status: 'open' });
    const c = await t.api.scanning.createCandidate({
      roundId: fx.round.id,
      title: 'Asumisturvallisuus ikääntyneiden kotona',
      phenomenon: 'More older people live alone at home.',
      rationale: 'Fires and falls at home are everyday security.',
      evidence: [{ date: '2026-10-01', source: 'THL report 12/2026', url: 'https://thl.fi' }],
      steep: ['social', 'political'],
      tags: ['housing', 'older people'],
      timeHorizon: 'medium',
      proposerPersonId: fx.assessors[0]!.id,
      proposerOrganisationId: fx.sm.id,
      leadOrganisationId: fx.sm.id,
      leadStatus: 'confirmed',
      participants: [
        { organisationId: fx.thl.id, status: 'asked' },
        { organisationId: fx.spek.id, status: 'declined' },
      ],
      relatedGroupIds: [fx.existing.id],
      existingGroupHandling: 'partly',
      existingGroupReason: 'Priority 5 covers housing but not loneliness.',
      confidentiality: 'internal',
      submit: true,
    });
    expect(c.reference).toBe('2027H1-01');
    expect(c.status).toBe('submitted');
    const d = await t.api.scanning.getCandidate({ id: c.id });
    expect(d.steep).toEqual(['social', 'political']);
    expect(d.tags).toEqual(['housing', 'older people']);
    expect(d.participants.map((p) => `${p.abbreviation}:${p.status}`)).toEqual(['SPEK:declined', 'THL:asked']);
    expect(d.relatedGroups.map((g) => g.name)).toEqual(['Housing safety of older people']);
    expect(d.evidence[0]!.source).toBe('THL report 12/2026');
    expect(d.history.map((h) => h.status)).toEqual(['draft', 'submitted']);

    const hits = await t.api.scanning.similar({ title: 'Ikääntyneiden asumisturvallisuus' });
    expect(hits[0]!.id).toBe(c.id);
    expect(hits[0]!.reference).toBe('2027H1-01');
    const groupHits = await t.api.scanning.similar({ title: 'housing safety for older people' });
    expect(groupHits.some((h) => h.kind === 'group' && h.id === fx.existing.id)).toBe(true);
  });

  it('refuses a candidate outside the intake window or naming a missing organisation, with nothing changed', async () => {
    const fx = await scanningFixture(t.api);
    const before = databaseContent(t.backend);
    const early = await fails(t.api.scanning.createCandidate({ roundId: fx.round.id, title: 'Too early' }));
    expect(early.key).toBe('scanning.actionNotAllowed');
    await t.api.scanning.setRoundStatus({ id: fx.round.id, status: 'open' });
    const mid = databaseContent(t.backend);
    const missing = await fails(
      t.api.scanning.createCandidate({
        roundId: fx.round.id,
        title: 'Ghost lead',
        leadOrganisationId: '00000000-0000-4000-8000-000000000000',
      }),
    );
    expect(missing.code).toBe('not_found');
    const empty = await fails(t.api.scanning.createCandidate({ roundId: fx.round.id, title: '  ' }));
    expect(empty.code).toBe('validation');
    expect(databaseContent(t.backend)).toBe(mid);
    expect(before).not.toBe(mid);
  });

  it('merges candidates keeping the originals as merged and linked', async () => {
    const fx = await scanningFixture(t.api);
    await t.api.scanning.setRoundStatus({ id: fx.round.id, status: 'open' });
    const a = await candidate(fx, 'Cyber fraud against the elderly', {
      participants: [{ organisationId: fx.thl.id, status: 'asked' }],
      evidence: [{ date: '2026-01-01', source: 'Police statistics', url: null }],
    });
    const b = await candidate(fx, 'Online scams targeting older people', {
      participants: [{ organisationId: fx.thl.id, status: 'confirmed' }],
      steep: ['technological'],
    });
    const merged = await t.api.scanning.merge({ candidateIds: [a.id, b.id], title: 'Online fraud against older people' });
    expect(merged.reference).toBe('2027H1-03');
    const d = await t.api.scanning.getCandidate({ id: merged.id });
    expect(d.mergedFrom.map((m) => m.reference)).toEqual(['2027H1-01', '2027H1-02']);
    expect(d.participants.map((p) => p.status)).toEqual(['confirmed']);
    expect(d.steep).toEqual(['technological']);
    const oa = await t.api.scanning.getCandidate({ id: a.id });
    expect(oa.status).toBe('merged');
    expect(oa.mergedInto?.reference).toBe('2027H1-03');
    // Statistics count the merged result once, not the originals.
    const stats = await t.api.scanning.statistics({});
    expect(stats[0]!.counts).toMatchObject({ total: 1, merged: 2 });
    const before = databaseContent(t.backend);
    const again = await fails(t.api.scanning.merge({ candidateIds: [a.id, merged.id] }));
    expect(again.key).toBe('scanning.illegalTransition');
    expect(databaseContent(t.backend)).toBe(before);
  });

  it('enforces the cap on how many new priorities a round may propose', async () => {
    const fx = await scanningFixture(t.api);
    await t.api.scanning.updateRound({ id: fx.round.id, patch: { proposalCap: 1 } });
    await t.api.scanning.setRoundStatus({ id: fx.round.id, status: 'open' });
    const a = await candidate(fx, 'First');
    const b = await candidate(fx, 'Second');
    await toAssessment(fx);
    await t.api.scanning.setRoundStatus({ id: fx.round.id, status: 'consolidation' });
    await t.api.scanning.setCandidateStatus({ id: a.id, status: 'shortlisted' });
    const e = await fails(t.api.scanning.setCandidateStatus({ id: b.id, status: 'shortlisted' }));
    expect(e.key).toBe('scanning.capExceeded');
    expect(e.message).toBe('The round may propose at most 1 new priorities; 1 are already on the list.');
  });
});

describe('decisions, carry-over and the candidate list', () => {
  async function decidedRound() {
    const fx = await scanningFixture(t.api);
    await t.api.scanning.setRoundStatus({ id: fx.round.id, status: 'open' });
    const approve = await candidate(fx, 'Loneliness of older people', {
      leadOrganisationId: fx.sm.id,
      leadStatus: 'confirmed',
      participants: [
        { organisationId: fx.thl.id, status: 'confirmed' },
        { organisationId: fx.spek.id, status: 'declined' },
      ],
      phenomenon: 'Older people living alone.',
    });
    const defer = await candidate(fx, 'Drones and everyday security', {
      evidence: [{ date: '2026-05-01', source: 'Traficom', url: null }],
    });
    const reject = await candidate(fx, 'Something out of scope');
    const fold = await candidate(fx, 'Fire safety of older people at home');
    const criteria = await toAssessment(fx);
    for (const [i, c] of [approve, defer, reject, fold].entries())
      await score(fx, c.id, criteria, [
        [5 - i, 4, 4, 4, 3],
        [5 - i, 3, 4, 4, 4],
        [4 - i, 4, 3, 4, 4],
      ]);
    await t.api.scanning.setRoundStatus({ id: fx.round.id, status: 'consolidation' });
    await t.api.scanning.setConsensus({ candidateId: approve.id, score: 4.5, rationale: 'Clear gap; SM leads.' });
    for (const c of [approve, defer, reject, fold]) await t.api.scanning.setCandidateStatus({ id: c.id, status: 'shortlisted' });
    await t.api.scanning.setRoundStatus({ id: fx.round.id, status: 'list_submitted' });
    return { fx, approve, defer, reject, fold, criteria };
  }

  it('approval creates a priority group in preparation with the lead and participants', async () => {
    const { fx, approve } = await decidedRound();
    const d = await t.api.scanning.decide({ candidateId: approve.id, outcome: 'approved', decidedOn: '2027-05-07' });
    expect(d.createdGroupId).toBeTruthy();
    const group = await t.api.groups.get({ id: d.createdGroupId! });
    expect(group.kind).toBe('priority_group');
    expect(group.status).toBe('preparing');
    expect(group.name).toBe('Loneliness of older people');
    expect(group.priorityNumber).toBe(6);
    expect(group.organisations.map((o) => `${o.abbreviation}:${o.role}`).sort()).toEqual(['SM:lead', 'THL:participant']);
    const links = await t.api.scanning.groupLinks({ groupId: group.id });
    expect(links.origin?.reference).toBe('2027H1-01');
    expect((await t.api.scanning.getCandidate({ id: approve.id })).status).toBe('approved');
    void fx;
  });

  it('reject needs a reason, fold needs a target group; refused input changes nothing', async () => {
    const { fx, reject, fold } = await decidedRound();
    const before = databaseContent(t.backend);
    const noReason = await fails(t.api.scanning.decide({ candidateId: reject.id, outcome: 'rejected' }));
    expect(noReason.fields?.[0]?.path).toBe('reason');
    const noTarget = await fails(t.api.scanning.decide({ candidateId: fold.id, outcome: 'folded', reason: 'Covered by P5' }));
    expect(noTarget.fields?.[0]?.path).toBe('targetGroupId');
    const networkTarget = await fails(
      t.api.scanning.decide({ candidateId: fold.id, outcome: 'folded', reason: 'x', targetGroupId: fx.network.id }),
    );
    expect(networkTarget.key).toBe('scanning.errors.foldTarget');
    expect(databaseContent(t.backend)).toBe(before);
    await t.api.scanning.decide({ candidateId: reject.id, outcome: 'rejected', reason: 'Outside internal security.' });
    await t.api.scanning.decide({
      candidateId: fold.id,
      outcome: 'folded',
      reason: 'Priority 5 covers it.',
      targetGroupId: fx.existing.id,
    });
    const links = await t.api.scanning.groupLinks({ groupId: fx.existing.id });
    expect(links.folded.map((f) => f.reference)).toEqual(['2027H1-04']);
    // The round cannot be marked decided while a candidate on the list is undecided.
    const undecided = await fails(t.api.scanning.setRoundStatus({ id: fx.round.id, status: 'decided' }));
    expect(undecided.key).toBe('scanning.errors.undecided');
  });

  it('carries a deferred candidate into the next round with its history, conditions and deferral count', async () => {
    const { fx, approve, defer, reject, fold } = await decidedRound();
    await t.api.scanning.decide({ candidateId: approve.id, outcome: 'approved' });
    await t.api.scanning.decide({ candidateId: reject.id, outcome: 'rejected', reason: 'No.' });
    await t.api.scanning.decide({ candidateId: fold.id, outcome: 'folded', reason: 'P5', targetGroupId: fx.existing.id });
    await t.api.scanning.decide({
      candidateId: defer.id,
      outcome: 'deferred',
      conditions: 'Reconsider when the drone law is ready.',
    });
    await t.api.scanning.setRoundStatus({ id: fx.round.id, status: 'decided' });
    const next = await t.api.scanning.proposeRound({ lane: 'semiannual' });
    expect(next.label).toBe('2027 H2');
    const round2 = await t.api.scanning.createRound({
      groupId: fx.network.id,
      label: next.label,
      lane: 'semiannual',
      timeline: next.timeline,
      proposalCap: 3,
    });
    const detail = await t.api.scanning.getRound({ id: round2.id });
    expect(detail.candidates).toHaveLength(1);
    const carried = await t.api.scanning.getCandidate({ id: detail.candidates[0]!.id });
    expect(carried.reference).toBe('2027H2-01');
    expect(carried.title).toBe('Drones and everyday security');
    expect(carried.deferralCount).toBe(1);
    expect(carried.evidence[0]!.source).toBe('Traficom');
    expect(carried.carriedFrom?.reference).toBe('2027H1-02');
    expect(carried.carriedFrom?.conditions).toBe('Reconsider when the drone law is ready.');
    expect(carried.carriedFrom?.weightedScore).not.toBeNull();
    expect(carried.carriedFrom?.rank).toBe(2);
    // History: the whole path in the first round, then the new one.
    expect(carried.history.filter((h) => h.reference === '2027H1-02').map((h) => h.status)).toEqual([
      'draft',
      'submitted',
      'screening',
      'in_assessment',
      'assessed',
      'shortlisted',
      'proposed',
      'deferred',
    ]);
    expect(carried.history.at(-1)).toMatchObject({ reference: '2027H2-01', status: 'submitted' });
    // Statistics over time.
    const stats = await t.api.scanning.statistics({});
    expect(stats.map((s) => s.label)).toEqual(['2027 H1', '2027 H2']);
    expect(stats[0]!.counts).toMatchObject({
      total: 4,
      shortlisted: 4,
      proposed: 4,
      approved: 1,
      deferred: 1,
      folded: 1,
      rejected: 1,
    });
  });

  it('writes the candidate list as Markdown, HTML and DOCX that parse back', async () => {
    const { approve } = await decidedRound();
    const md = await t.api.scanning.candidateList({
      roundId: (await t.api.scanning.getCandidate({ id: approve.id })).roundId,
      format: 'md',
      lang: 'en',
    });
    const text = Buffer.from(md.contentBase64, 'base64').toString('utf8');
    expect(md.fileName).toBe('candidate-list-2027H1.md');
    expect(text).toContain('Candidate list 2027 H1');
    expect(text).toContain('2027H1-01 Loneliness of older people');
    expect(text).toContain('Clear gap; SM leads.');
    expect(text).toContain('SM (confirmed)');
    const roundId = (await t.api.scanning.getCandidate({ id: approve.id })).roundId;
    const html = Buffer.from(
      (await t.api.scanning.candidateList({ roundId, format: 'html', lang: 'fi' })).contentBase64,
      'base64',
    ).toString('utf8');
    expect(html).toContain('<svg');
    expect(html).toContain('Ehdokaslista 2027 H1');
    const docx = await t.api.scanning.candidateList({ roundId, format: 'docx', lang: 'sv' });
    const files = unzipSync(new Uint8Array(Buffer.from(docx.contentBase64, 'base64')));
    const xml = strFromU8(files['word/document.xml']!);
    expect(xml).toContain('Kandidatlista 2027 H1');
    expect(xml).toContain('Drones and everyday security');
    // One page per candidate on the list: four page breaks.
    expect(xml.match(/w:type="page"/g)?.length ?? 0).toBeGreaterThanOrEqual(4);
  });
});
