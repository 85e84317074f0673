import { createHash } from 'node:crypto';
import type { TestBackend } from '../helpers/backend';

export const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
export const b64 = (b: Uint8Array | string) => Buffer.from(b).toString('base64');

/** A small but real PDF (one empty page), as a meeting's memo. */
export const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  'latin1',
);
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/** A group with a convener, two members and a substitute (all with addresses) and one planned meeting. */
export async function invitationFixture(t: TestBackend) {
  const org = await t.api.organisations.create({ abbreviation: 'SM', name: 'Sisäministeriö', kind: 'ministry' });
  const org2 = await t.api.organisations.create({ abbreviation: 'TEM', name: 'Työ- ja elinkeinoministeriö', kind: 'ministry' });
  const convener = await t.api.people.create({ name: 'Kaisa Koollekutsuja', organisationId: org.id, email: 'kaisa@sm.example' });
  const anna = await t.api.people.create({ name: 'Anna Aho', organisationId: org.id, email: 'anna@sm.example' });
  const ben = await t.api.people.create({ name: 'Ben Berg', organisationId: org2.id, email: 'ben@tem.example' });
  const noMail = await t.api.people.create({ name: 'Nelli Ei-osoitetta', organisationId: org2.id });
  const sub = await t.api.people.create({ name: 'Sami Sijainen', organisationId: org2.id, email: 'sami@tem.example' });
  const group = await t.api.groups.create({ kind: 'priority_group', name: 'Turvallinen arki', status: 'active' });
  await t.api.groups.setOrganisation({ groupId: group.id, organisationId: org.id, role: 'lead' });
  await t.api.groups.setOrganisation({ groupId: group.id, organisationId: org2.id, role: 'participant' });
  await t.api.groups.addMember({ groupId: group.id, personId: convener.id, role: 'convener' });
  await t.api.groups.addMember({ groupId: group.id, personId: anna.id, role: 'chair' });
  await t.api.groups.addMember({ groupId: group.id, personId: ben.id, role: 'member' });
  await t.api.groups.addMember({ groupId: group.id, personId: noMail.id, role: 'member' });
  await t.api.groups.addMember({ groupId: group.id, personId: sub.id, role: 'substitute' });
  const meeting = await t.api.meetings.create({
    groupId: group.id,
    title: 'Kevään kokous',
    date: '2027-02-16',
    startTime: '09:00',
    endTime: '11:00',
    timeZone: 'Europe/Helsinki',
    place: 'Kirkkokatu 12, Helsinki',
  });
  return { org, org2, convener, anna, ben, noMail, sub, group, meeting };
}
