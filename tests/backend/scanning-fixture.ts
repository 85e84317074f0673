import type { TypedApi } from '../../shared/contract/client';
import type { ApiError } from '../../shared/contract/core';

/** A round with an expert network, three assessors, organisations and candidates, built through the contract. */
export async function scanningFixture(api: TypedApi) {
  const network = await api.groups.create({ kind: 'expert_network', name: 'Expert network', status: 'active' });
  const existing = await api.groups.create({
    kind: 'priority_group',
    name: 'Housing safety of older people',
    status: 'implementing',
    priorityNumber: 5,
  });
  const sm = await api.organisations.create({ abbreviation: 'SM', name: 'Ministry of the Interior', kind: 'ministry' });
  const thl = await api.organisations.create({ abbreviation: 'THL', name: 'Institute for Health and Welfare', kind: 'research' });
  const spek = await api.organisations.create({ abbreviation: 'SPEK', name: 'Rescue Association', kind: 'ngo' });
  const assessors = [
    await api.people.create({ name: 'Aino Assessor', organisationId: sm.id }),
    await api.people.create({ name: 'Bertil Bedömare', organisationId: thl.id }),
    await api.people.create({ name: 'Cecilia Scorer', organisationId: spek.id }),
  ];
  const proposal = await api.scanning.proposeRound({ lane: 'semiannual', startDate: '2026-12-01' });
  const round = await api.scanning.createRound({
    groupId: network.id,
    label: proposal.label,
    lane: 'semiannual',
    timeline: proposal.timeline,
    proposalCap: null,
  });
  return { network, existing, sm, thl, spek, assessors, round, proposal };
}

export const fails = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected failure');
    },
    (e: ApiError) => e,
  );

export { databaseContent } from '../helpers/backend';

/** A round on the list with four scored candidates (three assessors, the five default criteria). */
export async function listedRound(api: TypedApi) {
  const fx = await scanningFixture(api);
  await api.scanning.setRoundStatus({ id: fx.round.id, status: 'open' });
  const titles = [
    'Loneliness of older people',
    'Drones and everyday security',
    'Disinformation aimed at municipal decision-makers',
    'Fire safety of older people at home',
  ];
  const candidates = [];
  for (const title of titles) {
    candidates.push(
      await api.scanning.createCandidate({
        roundId: fx.round.id,
        title,
        submit: true,
        leadOrganisationId: fx.sm.id,
        leadStatus: 'confirmed',
        participants: [{ organisationId: fx.thl.id, status: 'confirmed' }],
        phenomenon: `${title}: what is happening, to whom, and why it matters for everyday security.`,
      }),
    );
  }
  await api.scanning.setRoundStatus({ id: fx.round.id, status: 'screening' });
  await api.scanning.setRoundStatus({ id: fx.round.id, status: 'assessment' });
  const criteria = (await api.scanning.getRound({ id: fx.round.id })).criteria;
  for (const [i, c] of candidates.entries())
    for (const [a, assessor] of fx.assessors.entries())
      await api.scanning.saveScores({
        candidateId: c.id,
        assessorId: assessor.id,
        entries: criteria.map((k, j) => ({
          criterionId: k.id,
          value: Math.max(1, 5 - i - ((a + j) % 2)),
          confidence: 2,
          comment: null,
        })),
      });
  await api.scanning.setRoundStatus({ id: fx.round.id, status: 'consolidation' });
  for (const c of candidates) await api.scanning.setCandidateStatus({ id: c.id, status: 'shortlisted' });
  await api.scanning.setRoundStatus({ id: fx.round.id, status: 'list_submitted' });
  return { ...fx, candidates, criteria };
}
