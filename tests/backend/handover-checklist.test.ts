// Issue #15 "What must exist" 1: the export wizard's handover checklist has the rotation (who chairs now,
// until when, the handover date and the next chair), the plan's measures and indicators, and a recipient
// (printed on the checklist and kept with the handover); the checklist prints as a document.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readExchangeFile } from '../../electron/backend/exchange/format';
import { startTestBackend, type TestBackend } from '../helpers/backend';
import { addMeeting, setStatus, setUpGroup } from './rotation-helpers';

let t: TestBackend;
beforeEach(async () => {
  t = await startTestBackend({ now: () => new Date('2027-03-15T09:00:00Z'), backupOnStart: false });
});
afterEach(() => t.cleanup());

async function groupWithPlan() {
  const { orgs, groupId } = await setUpGroup(t.api, ['SM', 'TEM', 'STM']);
  const ids = ['2027-02-10', '2027-04-10', '2027-05-10'].map((d) => addMeeting(t.backend, groupId, d));
  setStatus(t.backend, ids[0]!, 'held');
  await t.api.rotation.create({
    groupId,
    name: 'Chair',
    unit: 'organisations',
    mode: 'per_meeting',
    effectiveFrom: '2027-01-01',
    members: [orgs.SM!, orgs.TEM!, orgs.STM!],
  });
  await t.api.portfolio.createMeasure({
    groupId,
    title: 'Training for municipal staff',
    responsibleOrganisationId: orgs.TEM!,
    dueDate: '2027-12-31',
    status: 'under_way',
  });
  const indicator = await t.api.portfolio.createIndicator({
    groupId,
    name: 'Trained staff',
    kind: 'output',
    unit: 'people',
    targetValue: 500,
    targetDate: '2027-12-31',
  });
  await t.api.portfolio.setIndicatorValue({ indicatorId: indicator.id, period: '2026', value: 120 });
  await t.api.portfolio.setIndicatorValue({ indicatorId: indicator.id, period: '2027', value: 240 });
  const person = await t.api.people.create({ name: 'Ilkka Incoming', organisationId: orgs.TEM! });
  return { orgs, groupId, person };
}

describe('handover checklist', () => {
  it('has the rotation, the measures and indicators, and the recipient', async () => {
    const { orgs, groupId, person } = await groupWithPlan();
    const checklist = await t.api.exchange.checklist({ groupId, toOrganisationId: orgs.TEM! });
    // SM chaired the held February meeting; TEM takes over at the April meeting.
    expect(checklist.rotation).toEqual({
      name: 'Chair',
      unit: 'organisations',
      nextChairId: orgs.TEM,
      chairNow: 'SM',
      until: '2027-04-09',
      handover: '2027-04-10',
      nextChair: 'TEM',
    });
    expect(checklist.measures).toEqual([
      expect.objectContaining({
        title: 'Training for municipal staff',
        status: 'under_way',
        responsible: 'TEM',
        dueDate: '2027-12-31',
      }),
    ]);
    expect(checklist.indicators).toEqual([
      expect.objectContaining({
        name: 'Trained staff',
        unit: 'people',
        targetValue: 500,
        latest: { period: '2027', value: 240 },
      }),
    ]);
    expect(checklist.recipient).toEqual({ kind: 'organisation', id: orgs.TEM, name: 'TEM – Ministry TEM' });
    expect((await t.api.exchange.checklist({ groupId, toPersonId: person.id })).recipient).toEqual({
      kind: 'person',
      id: person.id,
      name: 'Ilkka Incoming',
    });
    expect((await t.api.exchange.checklist({ groupId })).recipient).toBeNull();
  });

  it('prints: the document names the recipient and has every section, in the chosen language', async () => {
    const { groupId, person } = await groupWithPlan();
    const doc = await t.api.exchange.checklistDocument({ groupId, toPersonId: person.id, lang: 'en' });
    expect(doc.fileName).toMatch(/\.pdf$/);
    const text = doc.html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    expect(text).toContain('Handover checklist: Polarisation network');
    expect(text).toContain('Recipient Ilkka Incoming');
    expect(text).toContain('Chair now SM');
    expect(text).toContain('Handover 10 April 2027');
    expect(text).toContain('Next chair TEM');
    expect(text).toContain('Training for municipal staff');
    expect(text).toContain('240 people (2027)');
    const fi = await t.api.exchange.checklistDocument({ groupId, lang: 'fi' });
    expect(fi.html).toContain('Luovutuksen tarkistuslista');
    expect(fi.html).toContain('Ei nimetty');
  });

  it('the handover in the file names the recipient, and its checklist carries the rotation and the plan', async () => {
    const { orgs, groupId } = await groupWithPlan();
    await expect(
      t.api.exchange.exportGroup({ groupId, toOrganisationId: orgs.TEM!, toPersonId: orgs.TEM! }),
    ).rejects.toMatchObject({ key: 'exchange.errors.oneRecipient' });
    const out = await t.api.exchange.exportGroup({ groupId, toOrganisationId: orgs.TEM!, note: 'Over to you.' });
    const file = readExchangeFile(Buffer.from(out.contentBase64, 'base64'));
    const handover = file.tables.handovers![0]!;
    expect(handover.to_organisation_id).toBe(orgs.TEM);
    const stored = JSON.parse(handover.checklist as string) as { recipient: unknown; rotation: unknown; measures: unknown[] };
    expect(stored.recipient).toMatchObject({ kind: 'organisation', id: orgs.TEM });
    expect(stored.rotation).toMatchObject({ nextChair: 'TEM', handover: '2027-04-10' });
    expect(stored.measures).toHaveLength(1);
  });
  it('the import preview says who handed over to whom', async () => {
    const { orgs, groupId, person } = await groupWithPlan();
    const convener = await t.api.people.create({ name: 'Outi Outgoing', organisationId: orgs.SM! });
    await t.api.groups.addMember({ groupId, personId: convener.id, role: 'convener' });
    const toPerson = await t.api.exchange.exportGroup({ groupId, toPersonId: person.id, note: 'Over to you.' });
    const preview = await t.api.exchange.preview({ contentBase64: toPerson.contentBase64 });
    expect(preview.handover).toMatchObject({ from: 'Outi Outgoing', to: 'Ilkka Incoming', note: 'Over to you.' });
    const toOrganisation = await t.api.exchange.exportGroup({ groupId, toOrganisationId: orgs.TEM! });
    const tem = await t.api.organisations.get({ id: orgs.TEM! });
    expect((await t.api.exchange.preview({ contentBase64: toOrganisation.contentBase64 })).handover).toMatchObject({
      from: 'Outi Outgoing',
      to: tem.name,
    });
  });
});
