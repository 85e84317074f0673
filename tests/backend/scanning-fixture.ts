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
