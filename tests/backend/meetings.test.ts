import { strFromU8, unzipSync } from 'fflate';
import ICAL from 'ical.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { databaseContent, startTestBackend, type TestBackend } from '../helpers/backend';
import { orderAgenda } from '../../shared/meetings';

let t: TestBackend;
let now = new Date('2027-01-10T08:00:00Z');
beforeEach(async () => {
  now = new Date('2027-01-10T08:00:00Z');
  t = await startTestBackend({ now: () => now } as never);
});
afterEach(() => t.cleanup());

async function setup() {
  const org = await t.api.organisations.create({ abbreviation: 'POL', name: 'Police', kind: 'agency' });
  const org2 = await t.api.organisations.create({ abbreviation: 'TEM', name: 'Ministry', kind: 'ministry' });
  const anna = await t.api.people.create({ name: 'Anna Aho', organisationId: org.id });
  const ben = await t.api.people.create({ name: 'Ben Berg', organisationId: org2.id });
  const sub = await t.api.people.create({ name: 'Cai Sub', organisationId: org2.id });
  const group = await t.api.groups.create({ kind: 'priority_group', name: 'Safe schools', status: 'active' });
  await t.api.groups.setOrganisation({ groupId: group.id, organisationId: org.id, role: 'lead' });
  await t.api.groups.setOrganisation({ groupId: group.id, organisationId: org2.id, role: 'participant' });
  await t.api.groups.addMember({ groupId: group.id, personId: anna.id, role: 'chair' });
  await t.api.groups.addMember({ groupId: group.id, personId: ben.id, role: 'member' });
  return { org, org2, anna, ben, sub, group };
}

const series = (groupId: string) => ({
  groupId,
  title: 'Meeting',
  startTime: '09:00',
  endTime: '10:00',
  timeZone: 'Europe/Helsinki',
});
const meeting = (groupId: string, date: string) => ({
  groupId,
  title: 'Meeting',
  date,
  startTime: '09:00',
  endTime: '10:00',
  timeZone: 'Europe/Helsinki',
});

describe('meetings: series', () => {
  it('generates monthly nth-weekday, last-weekday and month-end meetings', async () => {
    const { group } = await setup();
    const second = await t.api.meetings.createSeries({
      ...series(group.id),
      rule: { freq: 'monthly_nth_weekday', nth: 2, weekday: 2 },
      startDate: '2027-01-01',
      count: 4,
    } as never);
    expect(second.meetings.map((m) => m.date)).toEqual(['2027-01-12', '2027-02-09', '2027-03-09', '2027-04-13']);
    const last = await t.api.meetings.createSeries({
      ...series(group.id),
      rule: { freq: 'monthly_nth_weekday', nth: -1, weekday: 5 },
      startDate: '2027-01-01',
      untilDate: '2027-03-31',
    } as never);
    expect(last.meetings.map((m) => m.date)).toEqual(['2027-01-29', '2027-02-26', '2027-03-26']);
    const monthEnd = await t.api.meetings.createSeries({
      ...series(group.id),
      rule: { freq: 'monthly_day', day: 31 },
      startDate: '2028-01-31',
      count: 3,
    } as never);
    expect(monthEnd.meetings.map((m) => m.date)).toEqual(['2028-01-31', '2028-02-29', '2028-03-31']);
    // Every occurrence starts from the group's (standard) template.
    const first = await t.api.meetings.get({ id: second.meetings[0]!.id });
    expect(first.agenda.map((a) => a.standingKey)).toContain('open_actions_review');
  });

  it('keeps weekly meetings at 10:00 local time across the DST change in Europe/Helsinki', async () => {
    const { group } = await setup();
    const s = await t.api.meetings.createSeries({
      ...series(group.id),
      startTime: '10:00',
      endTime: '11:00',
      rule: { freq: 'weekly', weekday: 1, interval: 1 },
      startDate: '2027-03-22',
      count: 2,
    } as never);
    expect(s.meetings.map((m) => [m.date, m.startTime])).toEqual([
      ['2027-03-22', '10:00'],
      ['2027-03-29', '10:00'],
    ]);
    const ics = Buffer.from(
      (await t.api.meetings.calendar({ seriesId: s.series.id, lang: 'en' })).contentBase64,
      'base64',
    ).toString();
    const comp = new ICAL.Component(ICAL.parse(ics));
    const zone = comp.getFirstSubcomponent('vtimezone')!;
    ICAL.TimezoneService.register(zone);
    const starts = comp.getAllSubcomponents('vevent').map((e) => new ICAL.Event(e).startDate.toJSDate().toISOString());
    expect(starts).toEqual(['2027-03-22T08:00:00.000Z', '2027-03-29T07:00:00.000Z']);
  });

  it('edits one occurrence (detached) or this and following', async () => {
    const { group } = await setup();
    const s = await t.api.meetings.createSeries({
      ...series(group.id),
      rule: { freq: 'weekly', weekday: 1, interval: 2 },
      startDate: '2027-02-01',
      count: 4,
    } as never);
    const [a, b, c, d] = s.meetings;
    const one = await t.api.meetings.update({ id: b!.id, patch: { date: '2027-02-16' }, scope: 'this' });
    expect(one.detached).toBe(true);
    expect(one.icsSequence).toBe(1);
    await t.api.meetings.update({ id: c!.id, patch: { startTime: '13:00', endTime: '14:00' }, scope: 'following' });
    const after = await t.api.meetings.list({ groupId: group.id });
    const byId = new Map(after.map((m) => [m.id, m]));
    expect(byId.get(a!.id)!.startTime).toBe('09:00');
    expect(byId.get(b!.id)!.date).toBe('2027-02-16');
    expect(byId.get(c!.id)!.startTime).toBe('13:00');
    expect(byId.get(d!.id)!.startTime).toBe('13:00');
    expect(byId.get(d!.id)!.icsSequence).toBe(1);
  });

  it('refuses invalid input and changes nothing', async () => {
    const { group } = await setup();
    const before = databaseContent(t.backend);
    await expect(t.api.meetings.create({ ...meeting(group.id, '2027-02-30') })).rejects.toMatchObject({ code: 'validation' });
    await expect(t.api.meetings.create({ ...meeting(group.id, '2027-02-03'), endTime: '08:00' })).rejects.toMatchObject({
      code: 'validation',
    });
    await expect(
      t.api.meetings.createSeries({
        ...series(group.id),
        rule: { freq: 'weekly', weekday: 1 },
        startDate: '2027-02-01',
        untilDate: '2040-01-01',
      } as never),
    ).rejects.toMatchObject({ key: 'meetings.series.tooManyOccurrences' });
    expect(databaseContent(t.backend)).toBe(before);
  });
});

describe('meetings: agenda, carry-over, minutes lifecycle', () => {
  it('carries open actions and "continue next time" items into the next meeting', async () => {
    const { group, anna, org2 } = await setup();
    const m1 = await t.api.meetings.create(meeting(group.id, '2027-02-01'));
    const m2 = await t.api.meetings.create(meeting(group.id, '2027-03-01'));
    const item = await t.api.meetings.addAgendaItem({
      meetingId: m1.id,
      parentId: null,
      type: 'discussion',
      title: 'School safety survey',
      durationMinutes: 20,
    });
    await t.api.meetings.addAction({
      groupId: group.id,
      meetingId: m1.id,
      agendaItemId: item.id,
      title: 'Draft survey',
      ownerPersonId: anna.id,
      dueDate: '2027-03-01',
    });
    await t.api.meetings.addAction({
      groupId: group.id,
      meetingId: m1.id,
      agendaItemId: item.id,
      title: 'Ask schools',
      ownerOrganisationId: org2.id,
    });
    await t.api.meetings.updateAgendaItem({ id: item.id, patch: { continueNext: true } });
    const next = await t.api.meetings.get({ id: m2.id });
    expect(next.openActions.map((a) => a.title)).toEqual(['Draft survey', 'Ask schools']);
    const carried = next.agenda.find((a) => a.carriedFromId === item.id)!;
    expect(carried.title).toBe('School safety survey');
    const keys = [...next.agenda].sort((x, y) => x.position - y.position).map((a) => a.standingKey ?? a.title);
    expect(keys.indexOf('School safety survey')).toBe(keys.indexOf('other_business') - 1);
    // A meeting created later picks them up too (from the template, with carry-over).
    const m3 = await t.api.meetings.create(meeting(group.id, '2027-04-05'));
    expect((await t.api.meetings.get({ id: m3.id })).openActions).toHaveLength(2);
  });

  it('moves agenda items and computes times with an overrun', async () => {
    const { group } = await setup();
    const m = await t.api.meetings.create({ ...meeting(group.id, '2027-02-01'), endTime: '09:30' });
    const d = await t.api.meetings.get({ id: m.id });
    const first = [...d.agenda].sort((x, y) => x.position - y.position)[0]!;
    const moved = await t.api.meetings.moveAgendaItem({ id: first.id, to: 'down' });
    expect(moved.find((a) => a.id === first.id)!.position).toBe(2);
    await expect(t.api.meetings.moveAgendaItem({ id: first.id, to: 'outdent' })).resolves.toBeDefined();
  });

  it('locks approved minutes, refuses edits with a sentence, and records the reopen', async () => {
    const { group, anna, ben, sub } = await setup();
    const m = await t.api.meetings.create(meeting(group.id, '2027-02-01'));
    const d = await t.api.meetings.get({ id: m.id });
    const item = d.agenda[0]!;
    await t.api.meetings.setAttendance({ meetingId: m.id, personId: anna.id, status: 'present' });
    await t.api.meetings.setAttendance({ meetingId: m.id, personId: sub.id, status: 'remote', substituteForPersonId: ben.id });
    const withAttendance = await t.api.meetings.get({ id: m.id });
    expect(withAttendance.organisationAttendance.every((o) => o.represented)).toBe(true);
    await t.api.meetings.saveMinutes({ agendaItemId: item.id, minutes: 'Opened at 9.02.' });
    await t.api.meetings.addDecision({ meetingId: m.id, agendaItemId: item.id, text: 'The agenda was approved.' });
    await t.api.meetings.sendForReview({ id: m.id });
    const approved = await t.api.meetings.approveMinutes({ id: m.id });
    expect(approved.minutesStatus).toBe('approved');
    expect(approved.status).toBe('held');
    const before = databaseContent(t.backend);
    const refused = await t.api.meetings.saveMinutes({ agendaItemId: item.id, minutes: 'changed' }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'conflict', key: 'meetings.errors.minutesLocked' });
    expect((refused as Error).message).toMatch(/approved/i);
    await expect(t.api.meetings.addDecision({ meetingId: m.id, agendaItemId: null, text: 'x' })).rejects.toMatchObject({
      code: 'conflict',
    });
    expect(databaseContent(t.backend)).toBe(before);
    await expect(t.api.meetings.reopenMinutes({ id: m.id, note: '' })).rejects.toMatchObject({ code: 'validation' });
    await t.api.meetings.reopenMinutes({ id: m.id, note: 'Typo in item 1' });
    await t.api.meetings.saveMinutes({ agendaItemId: item.id, minutes: 'Opened at 9.03.' });
    const after = await t.api.meetings.get({ id: m.id });
    // The lifecycle, and since issue 14 also the edits and the decision, each recorded once.
    expect(after.minutesHistory.map((h) => [h.entityType, h.status, h.note])).toEqual([
      ['minutes', 'edited', null],
      ['decision', 'created', null],
      ['minutes', 'in_review', null],
      ['minutes', 'approved', null],
      ['minutes', 'reopened', 'Typo in item 1'],
      ['minutes', 'edited', null],
    ]);
    expect(after.agenda.find((a) => a.id === item.id)!.minutes).toBe('Opened at 9.03.');
  });
});

describe('meetings: action items', () => {
  it('filters, sorts, pages and closes actions with a completion date', async () => {
    const { group, anna, org } = await setup();
    const m = await t.api.meetings.create(meeting(group.id, '2027-01-05'));
    for (let i = 0; i < 30; i++) {
      await t.api.meetings.addAction({
        groupId: group.id,
        meetingId: m.id,
        title: `Action ${String(i).padStart(2, '0')}`,
        ownerPersonId: i % 2 ? anna.id : null,
        ownerOrganisationId: i % 2 ? null : org.id,
        dueDate: i < 10 ? '2027-01-01' : '2027-01-15',
      });
    }
    const overdue = await t.api.meetings.listActions({ overdue: true });
    expect(overdue.total).toBe(10);
    expect(overdue.rows.every((r) => r.overdue)).toBe(true);
    expect((await t.api.meetings.listActions({ dueWithinDays: 7 })).total).toBe(20);
    expect((await t.api.meetings.listActions({ ownerPersonId: anna.id })).total).toBe(15);
    const page = await t.api.meetings.listActions({ sort: 'title', descending: true, offset: 5, limit: 5 });
    expect(page.rows.map((r) => r.title)).toEqual(['Action 24', 'Action 23', 'Action 22', 'Action 21', 'Action 20']);
    const done = await t.api.meetings.setActionStatus({ id: overdue.rows[0]!.id, status: 'done' });
    expect(done.completedDate).toBe('2027-01-10');
    expect((await t.api.meetings.listActions({ overdue: true })).total).toBe(9);
    const reopened = await t.api.meetings.setActionStatus({ id: done.id, status: 'in_progress' });
    expect(reopened.completedDate).toBeNull();
    const todos = Buffer.from((await t.api.meetings.actionsCalendar({ lang: 'en' })).contentBase64, 'base64').toString();
    const vtodos = new ICAL.Component(ICAL.parse(todos)).getAllSubcomponents('vtodo');
    expect(vtodos).toHaveLength(30);
    expect(String(vtodos[0]!.getFirstPropertyValue('due'))).toBe('2027-01-01');
    const moved = vtodos.find((v) => v.getFirstPropertyValue('uid') === `action-${done.id}@painopiste`)!;
    expect(moved.getFirstPropertyValue('sequence')).toBe(2);
    expect(moved.getFirstPropertyValue('status')).toBe('IN-PROCESS');
  });
});

describe('meetings: documents', () => {
  it('writes minutes as DOCX with attendees, decisions and actions; ICS UID stable and SEQUENCE rising', async () => {
    const { group, anna } = await setup();
    const m = await t.api.meetings.create({ ...meeting(group.id, '2027-02-01'), place: 'Pasila', chairPersonId: anna.id });
    const d = await t.api.meetings.get({ id: m.id });
    const item = d.agenda.find((a) => a.standingKey === 'agenda_approval')!;
    await t.api.meetings.setAttendance({ meetingId: m.id, personId: anna.id, status: 'present' });
    await t.api.meetings.addDecision({ meetingId: m.id, agendaItemId: item.id, text: 'Agenda approved as proposed.' });
    await t.api.meetings.addAction({
      groupId: group.id,
      meetingId: m.id,
      agendaItemId: item.id,
      title: 'Send the minutes',
      ownerPersonId: anna.id,
    });
    const docx = await t.api.meetings.document({ id: m.id, kind: 'minutes', format: 'docx', lang: 'fi' });
    expect(docx.fileName).toMatch(/\.docx$/);
    const xml = strFromU8(unzipSync(new Uint8Array(Buffer.from(docx.contentBase64, 'base64')))['word/document.xml']!);
    for (const s of [
      'Safe schools',
      'Pasila',
      'Anna Aho',
      'POL',
      'Agenda approved as proposed.',
      'Send the minutes',
      'Esityslistan hyväksyminen',
    ]) {
      expect(xml).toContain(s);
    }
    const md = Buffer.from(
      (await t.api.meetings.document({ id: m.id, kind: 'agenda', format: 'md', lang: 'sv' })).contentBase64,
      'base64',
    ).toString();
    expect(md).toContain('09:05');
    const html = Buffer.from(
      (await t.api.meetings.document({ id: m.id, kind: 'minutes', format: 'html', lang: 'en' })).contentBase64,
      'base64',
    ).toString();
    expect(html).toContain('Agenda approved as proposed.');
    const reg = await t.api.meetings.decisionsDocument({ groupId: group.id, format: 'docx', lang: 'en' });
    expect(strFromU8(unzipSync(new Uint8Array(Buffer.from(reg.contentBase64, 'base64')))['word/document.xml']!)).toContain(
      '1/2027',
    );

    const read = async () => {
      const ics = Buffer.from(
        (await t.api.meetings.calendar({ meetingId: m.id, lang: 'en' })).contentBase64,
        'base64',
      ).toString();
      const ev = new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent('vevent')!;
      return {
        uid: ev.getFirstPropertyValue('uid'),
        seq: Number(ev.getFirstPropertyValue('sequence') ?? 0),
        tzid: ev.getFirstProperty('dtstart')!.getParameter('tzid'),
      };
    };
    const first = await read();
    expect(first).toEqual({ uid: `${m.id}@painopiste`, seq: 0, tzid: 'Europe/Helsinki' });
    await t.api.meetings.update({ id: m.id, patch: { place: 'Kallio' } });
    await t.api.meetings.setStatus({ id: m.id, status: 'cancelled' });
    const second = await read();
    expect(second.uid).toBe(first.uid);
    expect(second.seq).toBe(2);
  });
});

describe('meetings: templates, chairs, quorum', () => {
  it('starts a new meeting from the group template and carries "continue next time" items created before it', async () => {
    const { group } = await setup();
    const tpl = await t.api.meetings.getTemplate({ groupId: group.id });
    expect(tpl.id).toBeNull();
    expect(tpl.items.map((i) => i.standingKey)).toEqual([
      'opening',
      'agenda_approval',
      'previous_minutes',
      'open_actions_review',
      'other_business',
      'next_meeting',
      'closing',
    ]);
    const saved = await t.api.meetings.saveTemplate({
      groupId: group.id,
      name: 'Our agenda',
      items: [
        { type: 'information', title: '', durationMinutes: 5, standingKey: 'opening' },
        { type: 'discussion', title: 'Situation picture', durationMinutes: 20 },
        { type: 'discussion', title: '', durationMinutes: 10, standingKey: 'other_business' },
        { type: 'information', title: '', durationMinutes: 5, standingKey: 'closing' },
      ],
    });
    expect(saved.items).toHaveLength(4);
    const before = databaseContent(t.backend);
    await expect(
      t.api.meetings.saveTemplate({
        groupId: group.id,
        name: 'x',
        items: [{ type: 'discussion', title: '', durationMinutes: 5 }],
      }),
    ).rejects.toMatchObject({ code: 'validation' });
    expect(databaseContent(t.backend)).toBe(before);

    const m1 = await t.api.meetings.create(meeting(group.id, '2027-02-01'));
    const d1 = await t.api.meetings.get({ id: m1.id });
    expect(d1.agenda.map((a) => a.standingKey ?? a.title)).toEqual(['opening', 'Situation picture', 'other_business', 'closing']);
    const situation = d1.agenda.find((a) => a.title === 'Situation picture')!;
    await t.api.meetings.updateAgendaItem({ id: situation.id, patch: { continueNext: true } });
    // Nothing planned after m1 yet: the next meeting created picks the item up, with the review item
    // added because the template lacks one and an action is open.
    await t.api.meetings.addAction({ groupId: group.id, meetingId: m1.id, title: 'Collect figures' });
    const m2 = await t.api.meetings.create(meeting(group.id, '2027-03-01'));
    const d2 = await t.api.meetings.get({ id: m2.id });
    const order = [...d2.agenda]
      .sort((a, b) => a.position - b.position)
      .map((a) => (a.carriedFromId ? 'carried' : (a.standingKey ?? a.title)));
    expect(order).toEqual(['opening', 'Situation picture', 'open_actions_review', 'carried', 'other_business', 'closing']);
    // Unmarking takes the untouched copy back.
    await t.api.meetings.updateAgendaItem({ id: situation.id, patch: { continueNext: false } });
    expect((await t.api.meetings.get({ id: m2.id })).agenda.some((a) => a.carriedFromId)).toBe(false);
  });

  it('lets the user choose a chair unless the rotation wrote it; held meetings keep theirs', async () => {
    const { group, anna, ben, org } = await setup();
    const m = await t.api.meetings.create(meeting(group.id, '2027-02-01'));
    const chosen = await t.api.meetings.setChair({ id: m.id, chairPersonId: ben.id, chairOrganisationId: null });
    expect(chosen).toMatchObject({ chairPersonId: ben.id, chairSource: 'manual' });
    t.backend.ctx.store.update('meetings', m.id, { chairOrganisationId: org.id, chairPersonId: null, chairSource: 'rotation' });
    expect((await t.api.meetings.get({ id: m.id })).chairFromRotation).toBe(true);
    await expect(t.api.meetings.setChair({ id: m.id, chairPersonId: anna.id, chairOrganisationId: null })).rejects.toMatchObject({
      key: 'meetings.errors.chairFromRotation',
    });
    const other = await t.api.meetings.create(meeting(group.id, '2027-03-01'));
    await t.api.meetings.setStatus({ id: other.id, status: 'held' });
    await expect(
      t.api.meetings.setChair({ id: other.id, chairPersonId: anna.id, chairOrganisationId: null }),
    ).rejects.toMatchObject({
      key: 'meetings.errors.heldChair',
    });
    await expect(t.api.meetings.archive({ id: other.id })).rejects.toMatchObject({ key: 'meetings.errors.heldArchive' });
    await expect(t.api.meetings.update({ id: other.id, patch: { date: '2027-03-02' } })).rejects.toMatchObject({
      key: 'meetings.series.heldUnchangeable',
    });
  });

  it('the minutes keep a stand-in who is a member of the same organisation (issue 14, finding 7)', async () => {
    const { group, ben, sub } = await setup();
    await t.api.groups.addMember({ groupId: group.id, personId: sub.id, role: 'substitute' });
    const m = await t.api.meetings.create(meeting(group.id, '2027-02-01'));
    await t.api.meetings.setAttendance({ meetingId: m.id, personId: ben.id, status: 'excused' });
    await t.api.meetings.setAttendance({ meetingId: m.id, personId: sub.id, status: 'present', substituteForPersonId: ben.id });
    const d = await t.api.meetings.get({ id: m.id });
    const tem = d.organisationAttendance.find((o) => o.people.some((p) => p.personId === sub.id))!;
    expect(tem.people.find((p) => p.personId === sub.id)).toMatchObject({ status: 'present', standsInFor: ben.id });
    expect(tem.standingIn).toEqual([]); // listed once, under people
    const md = Buffer.from(
      (await t.api.meetings.document({ id: m.id, kind: 'minutes', format: 'md', lang: 'en' })).contentBase64,
      'base64',
    ).toString('utf8');
    expect(md).toContain('Cai Sub (standing in for Ben Berg, Present)');
    const docx = await t.api.meetings.document({ id: m.id, kind: 'minutes', format: 'docx', lang: 'en' });
    const xml = strFromU8(unzipSync(Buffer.from(docx.contentBase64, 'base64'))['word/document.xml']!);
    expect(xml).toContain('Cai Sub (standing in for Ben Berg, Present)');
  });

  it('a new agenda item goes before the closing items (issue 14, finding 5)', async () => {
    const { group } = await setup();
    const m = await t.api.meetings.create(meeting(group.id, '2027-02-01'));
    await t.api.meetings.addAgendaItem({ meetingId: m.id, type: 'discussion', title: 'Budget', durationMinutes: 10 });
    const order = orderAgenda((await t.api.meetings.get({ id: m.id })).agenda).map((o) => o.item.title || o.item.standingKey);
    expect(order.slice(-4)).toEqual(['Budget', 'other_business', 'next_meeting', 'closing']);
  });

  it('evaluates the group quorum rule from attendance with substitutes, and refuses a broken rule', async () => {
    const { group, anna, ben, sub } = await setup();
    const m = await t.api.meetings.create(meeting(group.id, '2027-02-01'));
    await t.api.meetings.setQuorumRule({ groupId: group.id, rule: { kind: 'members_fraction', fraction: 1 } });
    await t.api.meetings.setAttendance({ meetingId: m.id, personId: anna.id, status: 'present' });
    expect((await t.api.meetings.get({ id: m.id })).quorum).toMatchObject({ met: false, counted: 1, required: 2 });
    await t.api.meetings.setAttendance({ meetingId: m.id, personId: ben.id, status: 'excused' });
    await t.api.meetings.setAttendance({ meetingId: m.id, personId: sub.id, status: 'present', substituteForPersonId: ben.id });
    const d = await t.api.meetings.get({ id: m.id });
    expect(d.quorum).toMatchObject({ met: true, counted: 2, required: 2 });
    expect(d.organisationAttendance.find((o) => o.standingIn.length)?.standingIn[0]).toMatchObject({
      personId: sub.id,
      forPersonId: ben.id,
    });
    const before = databaseContent(t.backend);
    await expect(
      t.api.meetings.setQuorumRule({ groupId: group.id, rule: { kind: 'members_fraction', fraction: 2 } }),
    ).rejects.toMatchObject({
      code: 'validation',
    });
    await expect(
      t.api.meetings.setAttendance({ meetingId: m.id, personId: sub.id, status: 'present', substituteForPersonId: sub.id }),
    ).rejects.toMatchObject({ key: 'meetings.errors.selfSubstitute' });
    expect(databaseContent(t.backend)).toBe(before);
  });

  it('keeps run-mode timer events so the timer survives a restart', async () => {
    const { group } = await setup();
    const m = await t.api.meetings.create(meeting(group.id, '2027-02-01'));
    const first = (await t.api.meetings.get({ id: m.id })).agenda[0]!;
    await t.api.meetings.runEvent({ meetingId: m.id, kind: 'start', agendaItemId: first.id });
    now = new Date(now.getTime() + 90_000);
    const events = await t.api.meetings.runEvent({ meetingId: m.id, kind: 'stop' });
    expect(events.map((e) => e.kind)).toEqual(['start', 'stop']);
    expect(events[1]!.at - events[0]!.at).toBe(90_000);
    await expect(t.api.meetings.runEvent({ meetingId: m.id, kind: 'start' })).rejects.toMatchObject({ code: 'validation' });
  });
});

describe('history that says who, and minutes reviewers (issue 14)', () => {
  it('records who changed the minutes, decisions and action items; minutes wait for each reviewer', async () => {
    const { group, anna, ben } = await setup();
    const m = await t.api.meetings.create(meeting(group.id, '2027-02-01'));
    const item = (await t.api.meetings.get({ id: m.id })).agenda[0]!;
    await t.api.portfolio.setMe({ personId: anna.id });
    await t.api.meetings.saveMinutes({ agendaItemId: item.id, minutes: 'Opened.' });
    await t.api.meetings.saveMinutes({ agendaItemId: item.id, minutes: 'Opened at 9.02.' }); // folded into one entry
    const d = await t.api.meetings.addDecision({ meetingId: m.id, agendaItemId: item.id, text: 'Approved.' });
    await t.api.portfolio.setMe({ personId: ben.id });
    await t.api.meetings.updateDecision({ id: d.id, text: 'Approved as sent.' });
    const a = await t.api.meetings.addAction({ groupId: group.id, meetingId: m.id, title: 'Book the venue' });
    await t.api.meetings.updateAction({ id: a.id, patch: { dueDate: '2027-03-01' } });
    await t.api.meetings.setActionStatus({ id: a.id, status: 'done' });
    await t.api.meetings.saveMinutes({ agendaItemId: item.id, minutes: 'Opened at 9.03.' }); // another person: a new entry
    const history = (await t.api.meetings.get({ id: m.id })).minutesHistory.map((h) => [
      h.entityType,
      h.status,
      h.label,
      h.byName,
    ]);
    expect(history).toEqual([
      ['minutes', 'edited', null, 'Anna Aho'],
      ['decision', 'created', d.number, 'Anna Aho'],
      ['decision', 'edited', d.number, 'Ben Berg'],
      ['action', 'created', 'Book the venue', 'Ben Berg'],
      ['action', 'edited', 'Book the venue', 'Ben Berg'],
      ['action', 'done', 'Book the venue', 'Ben Berg'],
      ['minutes', 'edited', null, 'Ben Berg'],
    ]);

    // Reviewers: approval waits for each; a reopening asks for their approval again.
    await t.api.meetings.setMinutesReviewers({ id: m.id, personIds: [anna.id, ben.id] });
    await t.api.meetings.approveAsReviewer({ id: m.id, personId: anna.id });
    const outsider = await t.api.people.create({ name: 'Olli Outsider' });
    const before = databaseContent(t.backend);
    await expect(t.api.meetings.approveMinutes({ id: m.id })).rejects.toMatchObject({
      key: 'meetings.errors.reviewersPending',
      message: "The minutes wait for their reviewers' approval: Ben Berg.",
    });
    await expect(t.api.meetings.approveAsReviewer({ id: m.id, personId: anna.id })).rejects.toMatchObject({
      key: 'meetings.errors.alreadyApproved',
    });
    await expect(t.api.meetings.approveAsReviewer({ id: m.id, personId: outsider.id })).rejects.toMatchObject({
      key: 'meetings.errors.notReviewer',
    });
    expect(databaseContent(t.backend)).toEqual(before);
    await t.api.meetings.approveAsReviewer({ id: m.id, personId: ben.id });
    await t.api.meetings.approveMinutes({ id: m.id });
    const approved = await t.api.meetings.get({ id: m.id });
    expect(approved.minutesReviewers.map((r) => [r.name, r.approvedAt !== null])).toEqual([
      ['Anna Aho', true],
      ['Ben Berg', true],
    ]);
    const md = Buffer.from(
      (await t.api.meetings.document({ id: m.id, kind: 'minutes', format: 'md', lang: 'fi' })).contentBase64,
      'base64',
    ).toString('utf8');
    expect(md).toContain('Pöytäkirjantarkastaja');
    expect(md).toContain('Anna Aho');
    await t.api.meetings.reopenMinutes({ id: m.id, note: 'Typo in item 1.' });
    expect((await t.api.meetings.get({ id: m.id })).minutesReviewers.every((r) => r.approvedAt === null)).toBe(true);
  });
});
