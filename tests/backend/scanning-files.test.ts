import { afterEach, describe, expect, it } from 'vitest';
import { startTestBackend, type TestBackend } from '../helpers/backend';
import { fails, scanningFixture } from './scanning-fixture';

const open: TestBackend[] = [];
afterEach(() => {
  for (const b of open.splice(0)) b.cleanup();
});

async function backend() {
  const b = await startTestBackend({ now: () => new Date('2027-01-20T10:00:00Z') });
  open.push(b);
  return b;
}

describe('candidate files from members', () => {
  it('imports files from three members with overlaps: nothing doubled, colliding numbers renumbered', async () => {
    const owner = await backend();
    const fx = await scanningFixture(owner.api);
    await owner.api.scanning.setRoundStatus({ id: fx.round.id, status: 'open' });
    // The owner sends the open round (no candidates yet) to the members.
    const roundFile = await owner.api.scanning.exportCandidates({ roundId: fx.round.id });
    expect(roundFile.count).toBe(0);
    expect(roundFile.fileName).toBe('candidates-2027H1-2027-01-20.wgx');

    const members = [await backend(), await backend(), await backend()];
    for (const m of members) await m.api.exchange.import({ contentBase64: roundFile.contentBase64 });
    const [b, c, d] = members as [TestBackend, TestBackend, TestBackend];

    const bPerson = await b.api.people.create({ name: 'Bea Member' });
    const traficom = await b.api.organisations.create({
      abbreviation: 'Traficom',
      name: 'Transport and Communications Agency',
      kind: 'agency',
    });
    await b.api.scanning.createCandidate({
      roundId: fx.round.id,
      title: 'Online fraud against older people',
      proposerPersonId: bPerson.id,
      submit: true,
    });
    await b.api.scanning.createCandidate({
      roundId: fx.round.id,
      title: 'Drones and everyday security',
      proposerPersonId: bPerson.id,
      participants: [{ organisationId: traficom.id, status: 'asked' }],
      submit: true,
    });
    const bFile = await b.api.scanning.exportCandidates({ roundId: fx.round.id, proposerPersonId: bPerson.id });
    expect(bFile.count).toBe(2);

    // C has already merged B's file, adds one of their own and sends everything: an overlap with B's file.
    await c.api.scanning.importCandidateFile({ roundId: fx.round.id, contentBase64: bFile.contentBase64 });
    await c.api.scanning.createCandidate({ roundId: fx.round.id, title: 'Youth violence in shopping centres', submit: true });
    const cFile = await c.api.scanning.exportCandidates({ roundId: fx.round.id });
    expect(cFile.count).toBe(3);

    // D numbers independently: their #1 collides with B's #1, and the topic duplicates B's.
    await d.api.scanning.createCandidate({ roundId: fx.round.id, title: 'Scams targeting older people online', submit: true });
    const dFile = await d.api.scanning.exportCandidates({ roundId: fx.round.id });

    const preview = await owner.api.scanning.previewCandidateFile({ roundId: fx.round.id, contentBase64: bFile.contentBase64 });
    expect(preview.counts.find((x) => x.table === 'candidates')?.added).toBe(2);
    const r1 = await owner.api.scanning.importCandidateFile({
      roundId: fx.round.id,
      contentBase64: bFile.contentBase64,
      fileName: 'b.wgx',
    });
    expect(r1.applied).toBe(true);
    const r2 = await owner.api.scanning.importCandidateFile({ roundId: fx.round.id, contentBase64: cFile.contentBase64 });
    expect(r2.counts.find((x) => x.table === 'candidates')?.added).toBe(1);
    const r3 = await owner.api.scanning.importCandidateFile({ roundId: fx.round.id, contentBase64: dFile.contentBase64 });
    expect(r3.renumbered).toEqual(['2027H1-04']);

    const round = await owner.api.scanning.getRound({ id: fx.round.id });
    expect(round.candidates.map((x) => `${x.reference} ${x.title}`)).toEqual([
      '2027H1-01 Online fraud against older people',
      '2027H1-02 Drones and everyday security',
      '2027H1-03 Youth violence in shopping centres',
      '2027H1-04 Scams targeting older people online',
    ]);
    const drones = await owner.api.scanning.getCandidate({ id: round.candidates[1]!.id });
    expect(drones.participants.map((p) => p.abbreviation)).toEqual(['Traficom']);
    expect(drones.proposerName).toBe('Bea Member');
    // The duplicate topic is found, ready to merge.
    const hits = await owner.api.scanning.similar({
      title: 'Scams targeting older people online',
      excludeId: round.candidates[3]!.id,
    });
    expect(hits[0]?.id).toBe(round.candidates[0]!.id);
    await owner.api.scanning.merge({ candidateIds: [round.candidates[0]!.id, round.candidates[3]!.id] });

    // A file for another round is refused and changes nothing.
    const other = await owner.api.scanning.createRound({
      groupId: fx.network.id,
      label: '2027 A1',
      lane: 'adhoc',
      timeline: (await owner.api.scanning.proposeRound({ lane: 'adhoc', startDate: '2027-02-01' })).timeline,
      proposalCap: null,
    });
    const wrong = await fails(owner.api.scanning.importCandidateFile({ roundId: other.id, contentBase64: dFile.contentBase64 }));
    expect(wrong.code).toBe('validation');
    expect(wrong.key).toBe('exchange.wrongRound');
  });
});
