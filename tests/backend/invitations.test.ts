import { unzipSync } from 'fflate';
import ICAL from 'ical.js';
import PostalMime from 'postal-mime';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { databaseContent, startTestBackend, type TestBackend } from '../helpers/backend';
import { b64, invitationFixture, PDF, sha256 } from './materials-helpers';

let t: TestBackend;
let now = new Date('2027-01-10T08:00:00Z');
beforeEach(async () => {
  now = new Date('2027-01-10T08:00:00Z');
  t = await startTestBackend({ now: () => now });
});
afterEach(() => t.cleanup());

const text = (f: { contentBase64: string }) => Buffer.from(f.contentBase64, 'base64').toString('utf8');
const parse = (ics: string) => new ICAL.Component(ICAL.parse(ics));
const failure = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    return e as { code: string; key: string; message: string };
  }
  throw new Error('expected the call to fail');
};

function attendeesOf(ev: ICAL.Component) {
  return ev.getAllProperties('attendee').map((p) => ({
    address: String(p.getFirstValue()).replace(/^mailto:/i, ''),
    cn: p.getParameter('cn'),
    role: p.getParameter('role'),
    partstat: p.getParameter('partstat'),
    rsvp: p.getParameter('rsvp'),
  }));
}

/** A member's answer as Outlook and Thunderbird send it: METHOD:REPLY, the same UID, one ATTENDEE with PARTSTAT. */
function replyFor(request: string, address: string, partstat: string): string {
  const ev = parse(request).getFirstSubcomponent('vevent')!;
  const uid = ev.getFirstPropertyValue('uid');
  const rid = ev.getFirstProperty('recurrence-id');
  return [
    'BEGIN:VCALENDAR',
    'PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN',
    'VERSION:2.0',
    'METHOD:REPLY',
    'BEGIN:VEVENT',
    `UID:${uid}`,
    ...(rid ? [rid.toICALString()] : []),
    `ATTENDEE;PARTSTAT=${partstat};CN=Someone:mailto:${address}`,
    'ORGANIZER:mailto:kaisa@sm.example',
    'DTSTAMP:20270111T090000Z',
    'SEQUENCE:0',
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  ].join('\r\n');
}

describe('invitations: iCalendar REQUEST / CANCEL (read back with ical.js)', () => {
  it('has METHOD:REQUEST, the convener as ORGANIZER, an ATTENDEE per member with an address, a stable UID', async () => {
    const { meeting } = await invitationFixture(t);
    const file = await t.api.invitations.calendar({ meetingId: meeting.id });
    expect(file.fileName).toMatch(/\.ics$/);
    expect(file.mimeType).toContain('method=REQUEST');
    const cal = parse(text(file));
    expect(cal.getFirstPropertyValue('method')).toBe('REQUEST');
    const ev = cal.getFirstSubcomponent('vevent')!;
    expect(ev.getFirstPropertyValue('uid')).toBe(`${meeting.id}@painopiste`);
    expect(String(ev.getFirstPropertyValue('organizer'))).toBe('mailto:kaisa@sm.example');
    expect(ev.getFirstProperty('organizer')!.getParameter('cn')).toBe('Kaisa Koollekutsuja');
    const att = attendeesOf(ev);
    // The member without an address is left out; the substitute only on request.
    expect(att.map((a) => a.address).sort()).toEqual(['anna@sm.example', 'ben@tem.example']);
    expect(att.every((a) => a.role === 'REQ-PARTICIPANT' && a.partstat === 'NEEDS-ACTION' && a.rsvp === 'TRUE')).toBe(true);
    const start = ev.getFirstPropertyValue('dtstart') as ICAL.Time;
    expect(start.toString()).toBe('2027-02-16T09:00:00');
    expect(start.zone?.tzid ?? ev.getFirstProperty('dtstart')!.getParameter('tzid')).toBe('Europe/Helsinki');
    expect(ev.getFirstPropertyValue('location')).toBe('Kirkkokatu 12, Helsinki');
    expect(ev.getFirstPropertyValue('status')).toBe('CONFIRMED');

    const withSubs = parse(text(await t.api.invitations.calendar({ meetingId: meeting.id, includeSubstitutes: true })));
    const subs = attendeesOf(withSubs.getFirstSubcomponent('vevent')!).filter((a) => a.role === 'OPT-PARTICIPANT');
    expect(subs.map((a) => a.address)).toEqual(['sami@tem.example']);
  });

  it('a moved meeting gives an updated REQUEST with the same UID and a higher SEQUENCE; a cancelled one METHOD:CANCEL', async () => {
    const { meeting } = await invitationFixture(t);
    const first = parse(text(await t.api.invitations.calendar({ meetingId: meeting.id }))).getFirstSubcomponent('vevent')!;
    await t.api.meetings.update({ id: meeting.id, patch: { date: '2027-02-18', startTime: '13:00', endTime: '15:00' } });
    const moved = parse(text(await t.api.invitations.calendar({ meetingId: meeting.id })));
    expect(moved.getFirstPropertyValue('method')).toBe('REQUEST');
    const ev = moved.getFirstSubcomponent('vevent')!;
    expect(ev.getFirstPropertyValue('uid')).toBe(first.getFirstPropertyValue('uid'));
    expect(Number(ev.getFirstPropertyValue('sequence'))).toBeGreaterThan(Number(first.getFirstPropertyValue('sequence')));
    expect((ev.getFirstPropertyValue('dtstart') as ICAL.Time).toString()).toBe('2027-02-18T13:00:00');

    await t.api.meetings.setStatus({ id: meeting.id, status: 'cancelled' });
    const cancel = parse(text(await t.api.invitations.calendar({ meetingId: meeting.id })));
    expect(cancel.getFirstPropertyValue('method')).toBe('CANCEL');
    const c = cancel.getFirstSubcomponent('vevent')!;
    expect(c.getFirstPropertyValue('uid')).toBe(first.getFirstPropertyValue('uid'));
    expect(c.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(Number(c.getFirstPropertyValue('sequence'))).toBeGreaterThan(Number(ev.getFirstPropertyValue('sequence')));
  });

  it("a series is one recurring event whose occurrences are the app's; a cancelled occurrence is excluded, a moved one overridden", async () => {
    const { group } = await invitationFixture(t);
    const { series, meetings } = await t.api.meetings.createSeries({
      groupId: group.id,
      title: 'Kuukausikokous',
      rule: { freq: 'monthly_day', day: 31 },
      startDate: '2027-01-01',
      count: 5,
      startTime: '09:00',
      endTime: '10:00',
      timeZone: 'Europe/Helsinki',
    });
    await t.api.meetings.setStatus({ id: meetings[1]!.id, status: 'cancelled' });
    await t.api.meetings.update({ id: meetings[2]!.id, patch: { startTime: '12:00', endTime: '13:00' }, scope: 'this' });
    const cal = parse(text(await t.api.invitations.calendar({ seriesId: series.id })));
    expect(cal.getFirstPropertyValue('method')).toBe('REQUEST');
    const events = cal.getAllSubcomponents('vevent');
    const master = events.find((e) => !e.hasProperty('recurrence-id'))!;
    expect(master.getFirstPropertyValue('uid')).toBe(`series-${series.id}@painopiste`);
    const icalEvent = new ICAL.Event(master, { exceptions: events.filter((e) => e !== master) });
    const it = icalEvent.iterator();
    const got: string[] = [];
    for (let next = it.next(); next && got.length < 20; next = it.next()) {
      const details = icalEvent.getOccurrenceDetails(next);
      got.push(details.startDate.toString());
    }
    const expected = meetings.filter((_, i) => i !== 1).map((m, i) => `${m.date}T${i === 1 ? '12:00' : '09:00'}:00`);
    expect(got).toEqual(expected);
    expect(meetings.map((m) => m.date)).toEqual(['2027-01-31', '2027-02-28', '2027-03-31', '2027-04-30', '2027-05-31']);
    // Every occurrence's invitation on its own is the same event (UID) with its RECURRENCE-ID.
    const one = parse(text(await t.api.invitations.calendar({ meetingId: meetings[3]!.id }))).getFirstSubcomponent('vevent')!;
    expect(one.getFirstPropertyValue('uid')).toBe(`series-${series.id}@painopiste`);
    expect((one.getFirstPropertyValue('recurrence-id') as ICAL.Time).toString()).toBe('2027-04-30T09:00:00');
  });

  it('says what to do when the group has no convener with an address, and changes nothing', async () => {
    const org = await t.api.organisations.create({ abbreviation: 'OM', name: 'Oikeusministeriö', kind: 'ministry' });
    const p = await t.api.people.create({ name: 'Olli', organisationId: org.id });
    const group = await t.api.groups.create({ kind: 'priority_group', name: 'Ryhmä', status: 'active' });
    await t.api.groups.addMember({ groupId: group.id, personId: p.id, role: 'convener' });
    const m = await t.api.meetings.create({
      groupId: group.id,
      title: 'K',
      date: '2027-02-01',
      startTime: '09:00',
      endTime: '10:00',
    });
    const before = databaseContent(t.backend);
    const e = await failure(t.api.invitations.calendar({ meetingId: m.id }));
    expect(e.key).toBe('invitations.errors.noConvener');
    expect(databaseContent(t.backend)).toBe(before);
  });
});

describe('invitations: .eml drafts (read back with postal-mime)', () => {
  it('is addressed to the members, marked unsent, with the agenda and the invitation attached intact', async () => {
    const { meeting } = await invitationFixture(t);
    const file = await t.api.invitations.email({ meetingId: meeting.id, kind: 'invitation', documentFormat: 'docx', lang: 'fi' });
    expect(file.fileName).toMatch(/\.eml$/);
    expect(file.mimeType).toBe('message/rfc822');
    const raw = Buffer.from(file.contentBase64, 'base64');
    const mail = await PostalMime.parse(raw);
    expect(mail.headers.find((h) => h.key === 'x-unsent')?.value).toBe('1');
    expect(mail.from?.address).toBe('kaisa@sm.example');
    expect((mail.to ?? []).map((a) => a.address).sort()).toEqual(['anna@sm.example', 'ben@tem.example']);
    expect(mail.subject).toBe('Kokouskutsu: Kevään kokous 2027-02-16');
    expect(mail.text).toContain('Tervetuloa ryhmän Turvallinen arki kokoukseen');
    expect(mail.attachments.map((a) => a.mimeType).sort()).toEqual([
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'text/calendar',
    ]);
    // Both attachments are exactly what the API produces on its own.
    const agenda = await t.api.meetings.document({ id: meeting.id, kind: 'agenda', format: 'docx', lang: 'fi' });
    const ics = await t.api.invitations.calendar({ meetingId: meeting.id });
    const byType = (type: string) => Buffer.from(mail.attachments.find((a) => a.mimeType === type)!.content as ArrayBuffer);
    const docx = byType('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(docx.subarray(0, 2).toString('latin1')).toBe('PK');
    const cal = byType('text/calendar');
    // postal-mime hands calendar parts back with LF line ends (its documented normalisation); the
    // bytes are otherwise the very invitation the API makes.
    expect(sha256(cal)).toBe(sha256(Buffer.from(text(ics).replace(/\r\n/g, '\n'))));
    expect(mail.attachments.find((a) => a.mimeType === 'text/calendar')?.method).toBe('REQUEST');
    // The DOCX is the agenda the API renders: every part the same by hash (the zip's own timestamps aside).
    const parts = (zip: Uint8Array) =>
      Object.fromEntries(
        Object.entries(unzipSync(zip))
          .filter(([n]) => n !== 'docProps/core.xml')
          .map(([n, b]) => [n, sha256(b)]),
      );
    expect(parts(docx)).toEqual(parts(Buffer.from(agenda.contentBase64, 'base64')));
    expect(Object.keys(parts(docx))).toContain('word/document.xml');
    expect(parse(cal.toString('utf8')).getFirstPropertyValue('method')).toBe('REQUEST');
  });

  it('a PDF agenda: given by the caller in browser mode (checked), made by the host on the desktop', async () => {
    const { meeting } = await invitationFixture(t);
    const e = await failure(t.api.invitations.email({ meetingId: meeting.id, kind: 'invitation', documentFormat: 'pdf' }));
    expect(e.key).toBe('invitations.errors.pdfNeedsFile');
    const notPdf = await failure(
      t.api.invitations.email({ meetingId: meeting.id, kind: 'invitation', documentFormat: 'pdf', pdfBase64: b64('hello') }),
    );
    expect(notPdf.key).toBe('invitations.errors.notPdf');
    const file = await t.api.invitations.email({
      meetingId: meeting.id,
      kind: 'invitation',
      documentFormat: 'pdf',
      pdfBase64: b64(PDF),
      lang: 'sv',
    });
    const mail = await PostalMime.parse(Buffer.from(file.contentBase64, 'base64'));
    const pdf = mail.attachments.find((a) => a.mimeType === 'application/pdf')!;
    expect(sha256(Buffer.from(pdf.content as ArrayBuffer))).toBe(sha256(PDF));
    expect(mail.subject).toBe('Inbjudan: Kevään kokous 2027-02-16');
    t.backend.ctx.hostServices.printToPdf = async () => ({ contentBase64: b64(PDF) });
    const desktop = await t.api.invitations.email({
      meetingId: meeting.id,
      kind: 'invitation',
      documentFormat: 'pdf',
      lang: 'en',
    });
    const mail2 = await PostalMime.parse(Buffer.from(desktop.contentBase64, 'base64'));
    expect(mail2.attachments.some((a) => a.mimeType === 'application/pdf')).toBe(true);
  });

  it('the minutes email needs approved minutes and carries the minutes', async () => {
    const { meeting } = await invitationFixture(t);
    const e = await failure(t.api.invitations.email({ meetingId: meeting.id, kind: 'minutes', documentFormat: 'docx' }));
    expect(e.key).toBe('invitations.errors.minutesNotApproved');
    await t.api.meetings.setStatus({ id: meeting.id, status: 'held' });
    await t.api.meetings.sendForReview({ id: meeting.id });
    await t.api.meetings.approveMinutes({ id: meeting.id });
    const file = await t.api.invitations.email({ meetingId: meeting.id, kind: 'minutes', documentFormat: 'docx', lang: 'en' });
    const mail = await PostalMime.parse(Buffer.from(file.contentBase64, 'base64'));
    expect(mail.subject).toBe('Minutes: Kevään kokous 2027-02-16');
    expect(mail.attachments.map((a) => a.filename)).toEqual([expect.stringMatching(/^Minutes .*\.docx$/)]);
    expect(mail.headers.find((h) => h.key === 'x-unsent')?.value).toBe('1');
  });
});

describe('replies: expected attendance', () => {
  it("a METHOD:REPLY fills the member's expected attendance; by hand too; a second reply replaces the first", async () => {
    const { meeting, anna, ben } = await invitationFixture(t);
    const request = text(await t.api.invitations.calendar({ meetingId: meeting.id }));
    const r = await t.api.invitations.importReply({ contentBase64: b64(replyFor(request, 'ANNA@sm.example', 'ACCEPTED')) });
    expect(r).toMatchObject({
      meetingId: meeting.id,
      recorded: [{ personId: anna.id, response: 'accepted' }],
      unknownAddresses: [],
    });
    await t.api.invitations.setReply({ meetingId: meeting.id, personId: ben.id, response: 'declined' });
    let expected = await t.api.invitations.expected({ meetingId: meeting.id });
    expect(expected.attendees.find((a) => a.personId === anna.id)).toMatchObject({ response: 'accepted', source: 'ics' });
    expect(expected.attendees.find((a) => a.personId === ben.id)).toMatchObject({ response: 'declined', source: 'manual' });
    expect(expected.counts).toEqual({ accepted: 1, declined: 1, tentative: 0, noReply: 3 });
    await t.api.invitations.importReply({
      meetingId: meeting.id,
      contentBase64: b64(replyFor(request, 'anna@sm.example', 'TENTATIVE')),
    });
    expected = await t.api.invitations.expected({ meetingId: meeting.id });
    expect(expected.attendees.find((a) => a.personId === anna.id)?.response).toBe('tentative');
    expect(t.backend.ctx.db.prepare(`SELECT count(*) FROM meeting_replies WHERE deleted = 0`).pluck().get()).toBe(2);
    await t.api.invitations.setReply({ meetingId: meeting.id, personId: ben.id, response: null });
    expected = await t.api.invitations.expected({ meetingId: meeting.id });
    expect(expected.counts.noReply).toBe(4);
  });

  it('refuses a REQUEST, a reply for another meeting and a non-calendar file, changing nothing', async () => {
    const { meeting, group } = await invitationFixture(t);
    const other = await t.api.meetings.create({
      groupId: group.id,
      title: 'Toinen',
      date: '2027-03-01',
      startTime: '09:00',
      endTime: '10:00',
    });
    const request = text(await t.api.invitations.calendar({ meetingId: meeting.id }));
    const before = databaseContent(t.backend);
    expect((await failure(t.api.invitations.importReply({ contentBase64: b64(request) }))).key).toBe(
      'invitations.errors.notReply',
    );
    const reply = replyFor(request, 'anna@sm.example', 'ACCEPTED');
    expect((await failure(t.api.invitations.importReply({ meetingId: other.id, contentBase64: b64(reply) }))).key).toBe(
      'invitations.errors.otherMeeting',
    );
    expect((await failure(t.api.invitations.importReply({ contentBase64: b64('hello') }))).key).toBe(
      'invitations.errors.notCalendar',
    );
    expect(databaseContent(t.backend)).toBe(before);
    const unknown = await t.api.invitations.importReply({
      contentBase64: b64(replyFor(request, 'stranger@x.example', 'DECLINED')),
    });
    expect(unknown.unknownAddresses).toEqual(['stranger@x.example']);
  });

  it('a reply to one occurrence of a series counts for that meeting only', async () => {
    const { group, anna } = await invitationFixture(t);
    now = new Date('2027-01-02T08:00:00Z');
    const { meetings } = await t.api.meetings.createSeries({
      groupId: group.id,
      title: 'Viikko',
      rule: { freq: 'weekly', weekday: 2 },
      startDate: '2027-01-04',
      count: 3,
      startTime: '09:00',
      endTime: '10:00',
      timeZone: 'Europe/Helsinki',
    });
    const request = text(await t.api.invitations.calendar({ meetingId: meetings[1]!.id }));
    await t.api.invitations.importReply({ contentBase64: b64(replyFor(request, 'anna@sm.example', 'DECLINED')) });
    const answers = await Promise.all(meetings.map((m) => t.api.invitations.expected({ meetingId: m.id })));
    expect(answers.map((a) => a.attendees.find((x) => x.personId === anna.id)?.response ?? null)).toEqual([
      null,
      'declined',
      null,
    ]);
  });
});
