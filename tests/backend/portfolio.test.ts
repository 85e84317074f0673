import { strFromU8, unzipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import example from '../../resources/example/cooperation-model.json';
import { databaseContent, startTestBackend, type TestBackend } from '../helpers/backend';
import { domainTable } from '../helpers/seed-fixtures';

const NOW = () => new Date('2026-06-15T09:00:00Z');

let t: TestBackend | undefined;
afterEach(() => t?.cleanup());

async function priorityGroup(tb: TestBackend, name = 'Turvallisuusviestintä', status: 'proposed' | 'implementing' = 'proposed') {
  return tb.api.groups.create({ kind: 'priority_group', name, status, priorityNumber: 42 });
}

describe('priority lifecycle', () => {
  it('moves along the lifecycle with dated notes and refuses illegal moves with a sentence, changing nothing', async () => {
    t = await startTestBackend({ now: NOW });
    const g = await priorityGroup(t);
    const before = databaseContent(t.backend);
    await expect(
      t.api.portfolio.changeStatus({ groupId: g.id, status: 'implementing', date: '2026-06-01' }),
    ).rejects.toMatchObject({
      key: 'portfolio.errors.illegalTransition',
      message: expect.stringContaining('cannot move from “Proposed” to “Implementing”'),
    });
    await expect(t.api.portfolio.changeStatus({ groupId: g.id, status: 'proposed', date: '2026-06-01' })).rejects.toMatchObject({
      key: 'portfolio.errors.sameStatus',
    });
    expect(databaseContent(t.backend)).toBe(before);

    let life = await t.api.portfolio.changeStatus({
      groupId: g.id,
      status: 'preparing',
      date: '2026-02-01',
      note: 'Valmistelu alkoi.',
    });
    expect(life.status).toBe('preparing');
    expect(life.statusDate).toBe('2026-02-01');
    expect(life.allowed).toContain('plan_drafting');
    expect(life.allowed).not.toContain('proposed');

    await expect(
      t.api.portfolio.changeStatus({ groupId: g.id, status: 'plan_drafting', date: '2026-01-01' }),
    ).rejects.toMatchObject({
      key: 'portfolio.errors.dateBeforeCurrent',
    });
    await expect(
      t.api.portfolio.changeStatus({ groupId: g.id, status: 'transferred', date: '2026-03-01' }),
    ).rejects.toMatchObject({
      key: 'portfolio.errors.transferNeedsTarget',
    });
    life = await t.api.portfolio.changeStatus({
      groupId: g.id,
      status: 'transferred',
      date: '2026-03-01',
      note: 'Five proposals approved.',
      transferredTo: 'The action programme against illegal entry and stay',
    });
    expect(life.transferredTo).toBe('The action programme against illegal entry and stay');
    expect(life.allowed).toEqual([]);
    expect(life.history.map((h) => [h.status, h.date, h.note])).toEqual([
      ['transferred', '2026-03-01', 'Five proposals approved.'],
      ['preparing', '2026-02-01', 'Valmistelu alkoi.'],
      ['proposed', '2026-06-15', null],
    ]);
    expect(life.history[0]!.transferredTo).toMatch(/illegal entry/);
    const group = await t.api.groups.get({ id: g.id });
    expect(group.status).toBe('transferred');
    // A concluded or transferred priority is final.
    await expect(
      t.api.portfolio.changeStatus({ groupId: g.id, status: 'implementing', date: '2026-04-01' }),
    ).rejects.toMatchObject({
      key: 'portfolio.errors.illegalTransition',
    });
  });
});

describe('priority plan', () => {
  it('keeps measures with organisation commitments, links and indicators with one value per period', async () => {
    t = await startTestBackend({ now: NOW });
    const g = await priorityGroup(t);
    const sm = await t.api.organisations.create({ abbreviation: 'SM', name: 'Sisäministeriö', kind: 'ministry' });
    const okm = await t.api.organisations.create({
      abbreviation: 'OKM',
      name: 'Opetus- ja kulttuuriministeriö',
      kind: 'ministry',
    });
    await expect(
      t.api.portfolio.createMeasure({ groupId: g.id, title: 'Selvitys', startDate: '2026-05-01', dueDate: '2026-01-01' }),
    ).rejects.toMatchObject({ code: 'validation' });
    const m = await t.api.portfolio.createMeasure({
      groupId: g.id,
      title: 'Selvitys syrjäytymisvaarassa olevista nuorista',
      responsibleOrganisationId: okm.id,
      dueDate: '2026-12-31',
    });
    expect(m.status).toBe('not_started');
    expect(m.responsibleAbbreviation).toBe('OKM');
    await expect(
      t.api.portfolio.setCommitment({ measureId: m.id, organisationId: sm.id, commitmentStatus: 'decided' }),
    ).rejects.toMatchObject({ fields: [expect.objectContaining({ path: 'decisionDate' })] });
    await t.api.portfolio.setCommitment({
      measureId: m.id,
      organisationId: sm.id,
      commitmentStatus: 'decided',
      decisionDate: '2026-03-10',
      decisionReference: 'SM/2026/123',
    });
    await t.api.portfolio.setCommitment({ measureId: m.id, organisationId: okm.id, commitmentStatus: 'pending' });
    // Setting again updates the same row rather than adding a second one.
    await t.api.portfolio.setCommitment({
      measureId: m.id,
      organisationId: okm.id,
      commitmentStatus: 'pending',
      decisionReference: 'luonnos',
    });
    const updated = await t.api.portfolio.updateMeasure({
      id: m.id,
      patch: { status: 'under_way', progressNote: 'Kysely lähetetty.' },
    });
    expect(updated.organisations.map((o) => [o.abbreviation, o.commitmentStatus, o.decisionDate, o.decisionReference])).toEqual([
      ['OKM', 'pending', null, 'luonnos'],
      ['SM', 'decided', '2026-03-10', 'SM/2026/123'],
    ]);

    const action = t.backend.ctx.store.insert<{ id: string }>('action_items', {
      groupId: g.id,
      title: 'Kyselyn laatiminen',
      status: 'open',
    });
    await t.api.portfolio.linkToMeasure({ kind: 'action_item', id: action.id, measureId: m.id });
    const other = await priorityGroup(t, 'Muu ryhmä');
    const otherMeasure = await t.api.portfolio.createMeasure({ groupId: other.id, title: 'Muu' });
    await expect(
      t.api.portfolio.linkToMeasure({ kind: 'action_item', id: action.id, measureId: otherMeasure.id }),
    ).rejects.toMatchObject({
      key: 'portfolio.errors.measureOfOtherGroup',
    });

    const ind = await t.api.portfolio.createIndicator({
      groupId: g.id,
      name: 'Koulutetut',
      kind: 'outcome',
      unit: 'hlö',
      targetValue: 300,
    });
    await t.api.portfolio.setIndicatorValue({ indicatorId: ind.id, period: '2025', value: 80 });
    await t.api.portfolio.setIndicatorValue({ indicatorId: ind.id, period: '2026-H1', value: 150 });
    await t.api.portfolio.setIndicatorValue({ indicatorId: ind.id, period: '2025', value: 90, note: 'korjattu' });
    await expect(t.api.portfolio.setIndicatorValue({ indicatorId: ind.id, period: 'last year', value: 1 })).rejects.toMatchObject(
      {
        code: 'validation',
      },
    );
    const plan = await t.api.portfolio.plan({ groupId: g.id });
    expect(plan.measures).toHaveLength(1);
    expect(plan.measures[0]!.linkedActions).toBe(1);
    expect(plan.linkable).toEqual([{ kind: 'action_item', id: action.id, title: 'Kyselyn laatiminen', measureId: m.id }]);
    await t.api.portfolio.linkToMeasure({ kind: 'action_item', id: action.id, measureId: null });
    expect((await t.api.portfolio.plan({ groupId: g.id })).measures[0]!.linkedActions).toBe(0);
    expect(plan.indicators[0]!.values.map((v) => [v.period, v.value, v.note])).toEqual([
      ['2025', 90, 'korjattu'],
      ['2026-H1', 150, null],
    ]);
  });
});

describe('portfolio figures', () => {
  it('match hand-computed attendance rate, group size, meeting counts, actions and measures', async () => {
    t = await startTestBackend({ now: NOW }); // today is 2026-06-15
    const store = t.backend.ctx.store;
    const g = await priorityGroup(t, 'Fixture priority', 'implementing');
    const orgA = await t.api.organisations.create({ abbreviation: 'AA', name: 'A', kind: 'ministry' });
    const orgB = await t.api.organisations.create({ abbreviation: 'BB', name: 'B', kind: 'agency' });
    await t.api.groups.setOrganisation({ groupId: g.id, organisationId: orgA.id, role: 'lead' });
    await t.api.groups.setOrganisation({ groupId: g.id, organisationId: orgB.id, role: 'participant' });
    const people = [];
    for (const name of ['Aino', 'Bertta', 'Cecilia', 'Dan', 'Eero'])
      people.push(await t.api.people.create({ name, organisationId: orgA.id }));
    const [aino, bertta, cecilia, dan, eero] = people as [
      (typeof people)[0],
      (typeof people)[0],
      (typeof people)[0],
      (typeof people)[0],
      (typeof people)[0],
    ];
    await t.api.groups.addMember({ groupId: g.id, personId: aino.id, role: 'convener' });
    await t.api.groups.addMember({ groupId: g.id, personId: aino.id, role: 'member' }); // same person twice: counts once
    await t.api.groups.addMember({ groupId: g.id, personId: bertta.id, role: 'member', fromDate: '2026-01-01' });
    await t.api.groups.addMember({ groupId: g.id, personId: cecilia.id, role: 'secretary', untilDate: '2026-06-15' }); // ends today: still in
    await t.api.groups.addMember({ groupId: g.id, personId: dan.id, role: 'member', untilDate: '2026-06-14' }); // left
    await t.api.groups.addMember({ groupId: g.id, personId: eero.id, role: 'member', fromDate: '2026-07-01' }); // not yet
    // Members today: Aino, Bertta, Cecilia = 3. Organisations: 2.

    const meeting = (date: string, status: string) =>
      store.insert<{ id: string }>('meetings', {
        groupId: g.id,
        title: `Kokous ${date}`,
        date,
        startTime: '09:00',
        endTime: '11:00',
        timeZone: 'Europe/Helsinki',
        status,
      });
    const attend = (meetingId: string, personId: string, status: string) =>
      store.insert('attendance', { meetingId, personId, status });
    const yearAgo = meeting('2025-06-15', 'held'); // exactly 12 months ago: outside the window
    const m1 = meeting('2025-06-16', 'held');
    const m2 = meeting('2026-03-01', 'held');
    const m3 = meeting('2026-06-15', 'held'); // today counts
    meeting('2026-05-01', 'cancelled');
    meeting('2026-07-01', 'planned');
    meeting('2026-09-01', 'planned');
    for (const p of [aino, bertta, cecilia]) attend(yearAgo.id, p.id, 'absent');
    attend(m1.id, aino.id, 'present');
    attend(m1.id, bertta.id, 'present');
    attend(m1.id, cecilia.id, 'absent');
    attend(m2.id, aino.id, 'remote');
    attend(m2.id, bertta.id, 'excused');
    attend(m3.id, aino.id, 'present');
    // Attended 2 + 1 + 1 = 4 of 3 + 2 + 1 = 6 recorded → 4/6.

    const action = (status: string, dueDate: string | null) =>
      store.insert('action_items', { groupId: g.id, title: 'Tehtävä', status, dueDate });
    action('open', '2026-06-01'); // open, overdue
    action('in_progress', '2026-06-20'); // open
    action('open', null); // open
    action('done', '2026-01-01');
    action('cancelled', '2026-01-01');
    // Open 3, overdue 1.

    for (const status of ['done', 'under_way', 'dropped', 'not_started'] as const) {
      await t.api.portfolio.createMeasure({ groupId: g.id, title: `Toimenpide ${status}`, status });
    }
    // Done 1 of 3 (dropped does not count).
    const ind = await t.api.portfolio.createIndicator({ groupId: g.id, name: 'Kokouksia', kind: 'process', targetValue: 10 });
    await t.api.portfolio.setIndicatorValue({ indicatorId: ind.id, period: '2025', value: 4 });
    await t.api.portfolio.setIndicatorValue({ indicatorId: ind.id, period: '2026-Q1', value: 6 });

    const view = await t.api.portfolio.view({});
    expect(view.today).toBe('2026-06-15');
    const row = view.rows.find((r) => r.groupId === g.id)!;
    expect(row).toMatchObject({
      leads: ['AA'],
      meetingsLast12Months: 3,
      lastMeeting: '2026-06-15',
      nextMeeting: '2026-07-01',
      memberCount: 3,
      organisationCount: 2,
      openActions: 3,
      overdueActions: 1,
      measuresDone: 1,
      measuresTotal: 3,
      measuresImpact: false,
    });
    expect(row.attendanceRate).toBeCloseTo(4 / 6, 10);
    expect(row.indicators).toEqual([
      { id: ind.id, name: 'Kokouksia', kind: 'process', unit: null, latest: 6, period: '2026-Q1', target: 10 },
    ]);
    expect(view.measuringImpact).toBe(0);
    expect(view.measuringAnything).toBe(1);

    await t.api.portfolio.createIndicator({ groupId: g.id, name: 'Turvallisuuden tunne', kind: 'outcome' });
    expect((await t.api.portfolio.view({})).measuringImpact).toBe(1);
  });

  it('gives a priority with nothing yet empty figures, and names its leads in abbreviation order', async () => {
    t = await startTestBackend({ now: NOW });
    const store = t.backend.ctx.store;
    const empty = await priorityGroup(t, 'Tyhjä prioriteetti');
    const g = await priorityGroup(t, 'Johdettu prioriteetti');
    for (const abbreviation of ['bb', 'AA', 'Cc', 'DD']) {
      const org = await t.api.organisations.create({ abbreviation, name: abbreviation, kind: 'ministry' });
      const link = await t.api.groups.setOrganisation({ groupId: g.id, organisationId: org.id, role: 'lead' });
      if (abbreviation === 'DD') await t.api.groups.removeOrganisation({ id: link.id });
    }
    const meeting = store.insert<{ id: string }>('meetings', {
      groupId: g.id,
      title: 'Kokous',
      date: '2026-05-01',
      startTime: '09:00',
      endTime: '10:00',
      timeZone: 'Europe/Helsinki',
      status: 'held',
    });
    const person = await t.api.people.create({ name: 'Aino' });
    store.insert('attendance', { meetingId: meeting.id, personId: person.id, status: 'present' });
    const archived = store.insert<{ id: string }>('attendance', { meetingId: meeting.id, personId: person.id, status: 'absent' });
    store.archive('attendance', archived.id);

    const rows = (await t.api.portfolio.view({})).rows;
    expect(rows.find((r) => r.groupId === empty.id)).toMatchObject({
      leads: [],
      lastMeeting: null,
      nextMeeting: null,
      meetingsLast12Months: 0,
      attendanceRate: null,
      memberCount: 0,
      organisationCount: 0,
      openActions: 0,
      overdueActions: 0,
      measuresDone: 0,
      measuresTotal: 0,
      indicators: [],
      measuresImpact: false,
    });
    expect(rows.find((r) => r.groupId === g.id)).toMatchObject({
      leads: ['AA', 'bb', 'Cc'],
      organisationCount: 3,
      lastMeeting: '2026-05-01',
      meetingsLast12Months: 1,
      attendanceRate: 1,
    });
  });

  it('counts how many of the example priorities measure impact, and shows their meetings and attendance', async () => {
    t = await startTestBackend({ now: NOW, demo: true });
    const view = await t.api.portfolio.view({});
    expect(view.rows.map((r) => r.priorityNumber)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(view.rows.find((r) => r.priorityNumber === 2)!.organisationCount).toBe(10);
    expect(view.measuringImpact).toBe(0);
    // The living example's priorities meet: those at work have meetings and attendance in the last 12 months.
    const row = (n: number) => view.rows.find((r) => r.priorityNumber === n)!;
    for (const n of [2, 3, 4, 6, 7]) {
      expect(row(n).meetingsLast12Months, `priority ${n}`).toBeGreaterThan(0);
      expect(row(n).attendanceRate, `priority ${n}`).not.toBeNull();
    }
    // Priority 8 moved into the action programme in 2020; priority 9 has not started.
    for (const n of [8, 9]) expect(row(n).meetingsLast12Months, `priority ${n}`).toBe(0);
  });

  it('reads figures for the priorities only: members, organisations, measures and indicators of subgroups change nothing', async () => {
    t = await startTestBackend({ now: NOW, demo: true });
    const before = await t.api.portfolio.view({});
    const parent = before.rows.find((r) => r.priorityNumber === 2)!;
    const sub = await t.api.groups.create({ kind: 'subgroup', name: 'Alaryhmä', status: 'active', parentId: parent.groupId });
    const person = await t.api.people.create({ name: 'Alaryhmän Jäsen' });
    await t.api.groups.addMember({ groupId: sub.id, personId: person.id, role: 'member' });
    const org = await t.api.organisations.create({ abbreviation: 'AAA', name: 'Alaryhmän virasto', kind: 'ministry' });
    await t.api.groups.setOrganisation({ groupId: sub.id, organisationId: org.id, role: 'lead' });
    await t.api.portfolio.createMeasure({ groupId: sub.id, title: 'Alaryhmän toimenpide', status: 'done' });
    const ind = await t.api.portfolio.createIndicator({ groupId: sub.id, name: 'Alaryhmän mittari', kind: 'outcome' });
    await t.api.portfolio.setIndicatorValue({ indicatorId: ind.id, period: '2026', value: 1 });
    expect(await t.api.portfolio.view({})).toEqual(before);
  });
});

describe('home', () => {
  it('lists upcoming meetings (mine first), overdue and soon-due actions, scanning deadlines and minutes to approve', async () => {
    t = await startTestBackend({ now: NOW });
    const store = t.backend.ctx.store;
    const mine = await priorityGroup(t, 'Oma ryhmä');
    const other = await priorityGroup(t, 'Muu ryhmä');
    const me = await t.api.people.create({ name: 'Minä Itse' });
    await t.api.groups.addMember({ groupId: mine.id, personId: me.id, role: 'convener' });
    const meeting = (groupId: string, date: string, status: string, minutesStatus = 'draft') =>
      store.insert<{ id: string }>('meetings', {
        groupId,
        title: `Kokous ${date}`,
        date,
        startTime: '09:00',
        endTime: '10:00',
        timeZone: 'Europe/Helsinki',
        status,
        minutesStatus,
      });
    meeting(other.id, '2026-06-16', 'planned');
    const own = meeting(mine.id, '2026-06-20', 'planned');
    meeting(mine.id, '2026-08-20', 'planned'); // beyond four weeks
    const held = meeting(mine.id, '2026-06-01', 'held');
    meeting(mine.id, '2026-05-01', 'held', 'approved');
    store.insert('action_items', { groupId: mine.id, title: 'Myöhässä', status: 'open', dueDate: '2026-06-10' });
    store.insert('action_items', { groupId: mine.id, title: 'Pian', status: 'in_progress', dueDate: '2026-06-25' });
    store.insert('action_items', { groupId: other.id, title: 'Muiden', status: 'open', dueDate: '2026-06-10' });
    const round = store.insert<{ id: string }>('scanning_rounds', {
      groupId: other.id,
      label: '2026 H2',
      status: 'open',
      submissionDeadline: '2026-07-01',
      decisionMeeting: '2026-12-01',
    });

    let home = await t.api.portfolio.home({});
    expect(home.me).toBeNull();
    expect(home.upcomingMeetings.map((m) => m.date)).toEqual(['2026-06-16', '2026-06-20']);
    expect(home.overdueActions.map((a) => a.title).sort()).toEqual(['Muiden', 'Myöhässä']);
    expect(home.soonDueActions.map((a) => a.title)).toEqual(['Pian']);
    expect(home.scanningDeadlines).toEqual([
      expect.objectContaining({ id: round.id, date: '2026-07-01', detail: 'submission_deadline' }),
    ]);
    expect(home.minutesAwaitingApproval.map((m) => m.id)).toEqual([held.id]);

    await expect(t.api.portfolio.setMe({ personId: '00000000-0000-4000-8000-000000000000' })).rejects.toMatchObject({
      code: 'not_found',
    });
    await t.api.portfolio.setMe({ personId: me.id });
    home = await t.api.portfolio.home({});
    expect(home.me).toEqual({ personId: me.id, personName: 'Minä Itse' });
    expect(home.upcomingMeetings[0]).toMatchObject({ id: own.id, mine: true });
    expect(home.upcomingMeetings[1]).toMatchObject({ mine: false });
    expect(home.overdueActions.map((a) => a.title)).toEqual(['Myöhässä']);
    await t.api.portfolio.setMe({ personId: null });
    expect((await t.api.portfolio.home({})).me).toBeNull();
  });
});

describe('search', () => {
  it('finds Finnish words by inflection prefixes across kinds, grouped by type, and follows edits and archiving', async () => {
    t = await startTestBackend({ now: NOW });
    const store = t.backend.ctx.store;
    const g = await priorityGroup(t, 'Päätöksenteon tuki');
    const meeting = store.insert<{ id: string }>('meetings', {
      groupId: g.id,
      title: 'Kokous 3/2026',
      date: '2026-06-01',
      startTime: '09:00',
      endTime: '10:00',
      timeZone: 'Europe/Helsinki',
      status: 'held',
    });
    const item = store.insert<{ id: string }>('agenda_items', {
      meetingId: meeting.id,
      position: 1,
      type: 'discussion',
      title: 'Tilannekuva',
      minutes: 'Asiasta keskusteltiin kokouksessa laajasti.',
    });
    store.insert('decisions', { groupId: g.id, meetingId: meeting.id, number: '§ 4', text: 'Päätettiin jatkaa selvitystä.' });
    store.insert('action_items', { groupId: g.id, title: 'Kutsu seuraavaan kokoukseen', status: 'open' });
    const measure = await t.api.portfolio.createMeasure({ groupId: g.id, title: 'Kyläkysely', description: 'Kokoukset kylillä' });
    const round = store.insert<{ id: string }>('scanning_rounds', { groupId: g.id, label: '2027 H1' });
    const candidate = store.insert<{ id: string }>('candidates', {
      roundId: round.id,
      number: 1,
      title: 'Kyberturvallisuus arjessa',
    });
    expect((await t.api.portfolio.search({ query: 'kyberturv' })).groups).toEqual([
      {
        kind: 'candidate',
        hits: [
          expect.objectContaining({
            id: candidate.id,
            groupName: '2027 H1',
            route: { page: 'scanning', params: ['candidate', candidate.id] },
          }),
        ],
      },
    ]);

    const r = await t.api.portfolio.search({ query: 'kokou' });
    const kinds = r.groups.map((x) => x.kind);
    expect(kinds).toEqual(['meeting', 'agenda_item', 'action_item', 'measure']);
    expect(r.groups.find((x) => x.kind === 'meeting')!.hits[0]).toMatchObject({
      id: meeting.id,
      groupName: 'Päätöksenteon tuki',
      route: { page: 'meetings', params: [meeting.id] },
    });
    expect(r.groups.find((x) => x.kind === 'agenda_item')!.hits[0]).toMatchObject({
      id: item.id,
      route: { page: 'meetings', params: [meeting.id] },
    });
    expect(r.total).toBe(4);

    // "kokous" and "kokouksessa" are both found by their common prefix; the full inflected form finds only itself.
    expect((await t.api.portfolio.search({ query: 'kokouksessa' })).groups.map((x) => x.kind)).toEqual(['agenda_item']);
    expect((await t.api.portfolio.search({ query: 'KOKOUS' })).groups.map((x) => x.kind)).toEqual(['meeting']);
    // Diacritics fold: "paatos" finds "Päätöksenteon" and "Päätettiin" by prefix.
    expect((await t.api.portfolio.search({ query: 'paat' })).groups.map((x) => x.kind)).toEqual(['group', 'decision']);
    // Several words: all must match.
    expect((await t.api.portfolio.search({ query: 'kokou kylillä' })).groups.map((x) => x.kind)).toEqual(['measure']);

    store.update('agenda_items', item.id, { minutes: 'Asiasta ei keskusteltu.' });
    expect((await t.api.portfolio.search({ query: 'kokouksessa' })).total).toBe(0);
    await t.api.portfolio.archiveMeasure({ id: measure.id });
    expect((await t.api.portfolio.search({ query: 'kyläkysely' })).total).toBe(0);

    // Operators and quotes in user text are taken literally, never as FTS syntax.
    for (const q of ['"', 'AND OR NOT', 'kokou*', 'title:x', '(', '', '   ', 'NEAR(a b)']) {
      await expect(t.api.portfolio.search({ query: q })).resolves.toMatchObject({ query: q });
    }
  });
});

describe('search ranking', () => {
  it('ranks title matches first among the 4 × perKind newest index entries, leaving out archived rows and cut-prefix lookalikes', async () => {
    t = await startTestBackend({ now: NOW });
    const store = t.backend.ctx.store;
    const g = await priorityGroup(t, 'Valmiusryhmä');
    const action = (title: string, description: string) =>
      store.insert<{ id: string }>('action_items', { groupId: g.id, title, description, status: 'open' }).id;
    // Oldest first (the index is read newest first). "valmius" is cut to the indexed prefix "valmiu",
    // so "valmiuden" is found by the index but is not a hit.
    const outsideWindow = action('Valmiusharjoitus A', 'Vanha.');
    const insideWindow = action('Valmiussuunnitelma B', 'Päivitys.');
    const bodyOnly: string[] = [];
    for (let i = 0; i < 29; i++) {
      const kind = i % 3;
      const id = action(`Tehtävä ${i}`, kind === 0 ? 'Valmiuden arviointi.' : `Valmius ${i}.`);
      if (kind !== 0) bodyOnly.push(id);
    }
    const archived = action('Tehtävä arkistoitu', 'Valmius myös.');
    store.archive('action_items', archived);
    const lastTitle = action('Valmiustaso C', '');

    const hitsOf = async (perKind?: number) =>
      (await t!.api.portfolio.search({ query: 'valmius', perKind })).groups.find((x) => x.kind === 'action_item')!.hits;
    // Default 8 a kind: the window is the 32 newest entries (the archived one counts, the oldest title match is outside).
    const hits = await hitsOf();
    expect(hits.map((h) => h.id)).toEqual([lastTitle, insideWindow, ...bodyOnly.slice(-6).reverse()]);
    expect(hits.map((h) => h.id)).not.toContain(outsideWindow);
    expect(hits[0]).toMatchObject({ title: 'Valmiustaso C', snippet: '', groupName: 'Valmiusryhmä' });
    expect(hits[2]).toMatchObject({ snippet: 'Valmius 28.', route: { page: 'actions', params: [bodyOnly.at(-1)] } });
    // Two a kind: the 8 newest entries; the one title match among them comes first.
    expect((await hitsOf(2)).map((h) => h.id)).toEqual([lastTitle, bodyOnly.at(-1)]);
    // Fifty a kind: everything is in the window, the title matches newest first, then every real body match.
    expect((await hitsOf(50)).map((h) => h.id)).toEqual([lastTitle, insideWindow, outsideWindow, ...[...bodyOnly].reverse()]);
  });
});

describe('government-term review', () => {
  it('walks every active priority, records decisions with rationale and is kept as a dated review', async () => {
    t = await startTestBackend({ now: NOW, demo: true });
    const review = await t.api.portfolio.startReview({ label: 'Vaalikausi 2023–2027', date: '2023-06-20' });
    // Priority 8 was transferred, so it is not reviewed; the other eight are.
    expect(review.items.map((i) => i.priorityNumber)).toEqual([1, 2, 3, 4, 5, 6, 7, 9]);
    expect(review.status).toBe('open');
    const [first, second, ...rest] = review.items;

    const before = databaseContent(t.backend);
    await expect(t.api.portfolio.recordReviewDecision({ itemId: first!.id, decision: 'merge' })).rejects.toMatchObject({
      code: 'validation',
    });
    await expect(
      t.api.portfolio.recordReviewDecision({ itemId: first!.id, decision: 'merge', mergeIntoGroupId: first!.groupId }),
    ).rejects.toMatchObject({ key: 'portfolio.errors.mergeIntoSelf' });
    await expect(t.api.portfolio.closeReview({ id: review.id })).rejects.toMatchObject({
      key: 'portfolio.errors.reviewUndecided',
      message: expect.stringContaining('8 priorities still have no decision'),
    });
    expect(databaseContent(t.backend)).toBe(before);

    await t.api.portfolio.recordReviewDecision({
      itemId: first!.id,
      decision: 'merge',
      rationale: 'Viestintä kuuluu kaikille painopisteille.',
      mergeIntoGroupId: second!.groupId,
    });
    await t.api.portfolio.recordReviewDecision({
      itemId: second!.id,
      decision: 'continue',
      rationale: 'Työ jatkuu yli vaalikauden.',
    });
    for (const item of rest)
      await t.api.portfolio.recordReviewDecision({ itemId: item.id, decision: 'change', rationale: 'Päivitetään.' });
    const closed = await t.api.portfolio.closeReview({ id: review.id });
    expect(closed.status).toBe('closed');
    expect(closed.items[0]).toMatchObject({ decision: 'merge', mergeIntoGroupId: second!.groupId });
    expect(closed.items[1]).toMatchObject({ decision: 'continue', rationale: 'Työ jatkuu yli vaalikauden.' });
    await expect(t.api.portfolio.recordReviewDecision({ itemId: second!.id, decision: 'conclude' })).rejects.toMatchObject({
      key: 'portfolio.errors.reviewClosed',
    });
    const list = await t.api.portfolio.reviews({});
    expect(list.map((r) => [r.label, r.date, r.status])).toEqual([['Vaalikausi 2023–2027', '2023-06-20', 'closed']]);
  });
});

const KNOWN = new Set(example.organisations.map((o) => o.abbreviation));
// "Poliisihallitus" and "POHA" are one organisation (the National Police Board).
const canonical = (s: string) => (s === 'Poliisihallitus' ? 'POHA' : s);

/** Organisations named in a DOMAIN.md cell such as "SM (to end of 2021); SM and VNK (from 2022)". */
function organisationsIn(cell: string): string[] {
  const names = cell
    .split(/[;,()]| and /)
    .map((s) => canonical(s.trim()))
    .filter((s) => KNOWN.has(s));
  return [...new Set(names)].sort();
}

function decodeXml(s: string) {
  return s.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);/gi, (_, e: string) =>
    e === 'amp'
      ? '&'
      : e === 'lt'
        ? '<'
        : e === 'gt'
          ? '>'
          : e === 'quot'
            ? '"'
            : e === 'apos'
              ? "'"
              : String.fromCodePoint(e.startsWith('#x') ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)),
  );
}

/** Text of each w:p of a DOCX, in order. */
function docxParagraphs(base64: string): string[] {
  const files = unzipSync(new Uint8Array(Buffer.from(base64, 'base64')));
  const xml = strFromU8(files['word/document.xml']!);
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) =>
    [...m[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>|<w:br\/>/g)]
      .map((r) => (r[0] === '<w:br/>' ? '\n' : decodeXml(r[1] ?? '')))
      .join(''),
  );
}

describe('interim progress report', () => {
  it('names, for each of the nine example priorities, its responsible and every participating organisation as DOMAIN.md does', async () => {
    t = await startTestBackend({ now: NOW, demo: true });
    const file = await t.api.portfolio.report({ lang: 'en', format: 'docx', from: '2019-01-01', to: '2022-05-24' });
    expect(file.fileName).toMatch(/\.docx$/);
    const paragraphs = docxParagraphs(file.contentBase64);
    const table = domainTable();
    expect(table).toHaveLength(9);
    const valueAfter = (from: number, label: string) => {
      const i = paragraphs.indexOf(label, from);
      expect(i, label).toBeGreaterThan(from);
      return paragraphs[i + 1]!;
    };
    // The English report names organisations by their English abbreviations (SM → MoI, VNK → PMO).
    const english = new Map(
      (await t.api.organisations.list({})).map((o) => [o.abbreviation, o.abbreviationEn ?? o.abbreviation]),
    );
    const inEnglish = (list: string[]) => list.map((a) => english.get(a) ?? a).sort();
    for (const row of table) {
      const start = paragraphs.indexOf(`Priority ${row.number}: ${row.title}`);
      expect(start, `priority ${row.number} heading`).toBeGreaterThan(0);
      // A lead that leads a subgroup is named with it ("SPEK (Help in emergencies)").
      const responsible = valueAfter(start, 'Responsible')
        .replace(/ \([^)]*\)/g, '')
        .split(', ')
        .sort();
      const participants = valueAfter(start, 'Other participants');
      expect(responsible, `priority ${row.number} responsible`).toEqual(inEnglish(organisationsIn(row.responsible)));
      const expected = row.others === '—' ? [] : row.others.split(',').map((s) => canonical(s.trim()));
      const got = participants === '—' ? [] : participants.split(', ');
      expect(got.sort(), `priority ${row.number} participants`).toEqual(inEnglish(expected));
    }
    // The progress narrative is assembled from the status notes (the users' Finnish text, as written).
    expect(paragraphs.some((p) => p.includes('Viisi painopiste-ehdotusta hyväksyttiin 30.9.2020'))).toBe(true);
    expect(paragraphs).toContain('Portfolio summary');
  });

  it('is written in Finnish and Swedish too, as Markdown and printable HTML, with indicator charts', async () => {
    t = await startTestBackend({ now: NOW, demo: true });
    const p2 = (await t.api.groups.list({})).find((g) => g.priorityNumber === 2)!;
    const ind = await t.api.portfolio.createIndicator({
      groupId: p2.id,
      name: 'Koulutetut ammattilaiset',
      kind: 'outcome',
      targetValue: 500,
    });
    await t.api.portfolio.setIndicatorValue({ indicatorId: ind.id, period: '2021', value: 120 });
    await t.api.portfolio.setIndicatorValue({ indicatorId: ind.id, period: '2022-H1', value: 260 });
    await t.api.portfolio.createMeasure({
      groupId: p2.id,
      title: 'Tutkimus 200 000 euroa',
      status: 'under_way',
      startDate: '2022-01-01', // of the report's period (one recorded later without a start date is not)
    });

    const md = Buffer.from(
      (await t.api.portfolio.report({ lang: 'fi', format: 'md', from: '2019-01-01', to: '2022-05-24' })).contentBase64,
      'base64',
    ).toString('utf8');
    expect(md).toContain('Väliraportti');
    expect(md).toContain('Vastuutaho');
    expect(md).toContain('Muut osallistujat');
    expect(md).toContain('Tutkimus 200 000 euroa');
    expect(md).toContain('Käynnissä');

    const html = Buffer.from(
      (await t.api.portfolio.report({ lang: 'sv', format: 'html', from: '2019-01-01', to: '2022-05-24' })).contentBase64,
      'base64',
    ).toString('utf8');
    expect(html).toContain('<html lang="sv">');
    expect(html).toContain('Mellanrapport');
    expect(html).toContain('Övriga deltagare');
    expect(html).toMatch(
      /<svg xmlns="http:\/\/www.w3.org\/2000\/svg" role="img" aria-label="Koulutetut ammattilaiset: 2021: 120/,
    );

    await expect(
      t.api.portfolio.report({ lang: 'fi', format: 'md', from: '2022-01-01', to: '2021-01-01' }),
    ).rejects.toMatchObject({
      code: 'validation',
    });
  });
});
