/**
 * A partial update never erases what it does not name (issue #20).
 *
 * For every mutating method of the contract that takes a patch, a record is created with every
 * optional field filled; then a patch naming one field is sent (each field in turn, and in random
 * sequences), and every other field must be as it was — read back through the real backend. The list
 * of patch methods is derived from the contract, so a new update method without a case here fails.
 * The same edits are then carried to a second database in an exchange file: the other fields survive
 * there too, and a text emptied on one laptop comes back through Conflicts from a laptop that still has it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { z } from 'zod';
import { contract } from '../../shared/contract';
import type { TypedApi } from '../../shared/contract/client';
import type { Backend } from '../../electron/backend';
import { exportFrom, importInto, replica, type Replica } from './exchange-helpers';

type Snapshot = Record<string, unknown>;

interface PatchCase {
  /** Read the record back through the backend, as the API shows it. */
  read(): Promise<Snapshot>;
  /** Send a patch naming only the given fields. */
  patch(p: Record<string, unknown>): Promise<unknown>;
  /** For each patchable field, values different from the created ones (used in turn). */
  values: Record<string, unknown[]>;
  /** Fields the backend itself derives from a patched one (e.g. the calendar SEQUENCE). */
  derived?: Record<string, string[]>;
}

const META = new Set(['updatedAt', 'hlc']);

/** Methods whose input is `{ id, patch }`, plus the two whose input is itself the patch. */
function patchMethods(): string[] {
  const out: string[] = [];
  for (const [name, spec] of Object.entries(contract)) {
    const input = spec.input as z.ZodType;
    if (input instanceof z.ZodObject && 'patch' in input.shape) out.push(name);
  }
  return [...out, 'settings.update', 'rotation.updateSettings'].sort();
}

function patchFields(name: string): string[] {
  const input = contract[name as keyof typeof contract].input as unknown as z.ZodObject;
  const shape = 'patch' in input.shape ? (input.shape.patch as z.ZodObject).shape : input.shape;
  return Object.keys(shape)
    .filter((k) => k !== 'rotationId')
    .sort();
}

function decoded(backend: Backend, table: string, id: string): Snapshot {
  const raw = backend.ctx.store.getRaw(table, id);
  if (!raw) throw new Error(`${table} ${id} is gone`);
  return backend.ctx.store.decode<Snapshot>(table, raw);
}

/** Every patch method with a record that has every optional field filled. */
async function buildCases(r: Replica): Promise<Record<string, PatchCase>> {
  const api: TypedApi = r.api;
  const b = r.backend;
  const sm = await api.organisations.create({
    abbreviation: 'SM',
    name: 'Sisäministeriö',
    nameFi: 'Sisäministeriö',
    nameSv: 'Inrikesministeriet',
    nameEn: 'Ministry of the Interior',
    abbreviationFi: 'SM',
    abbreviationSv: 'IM',
    abbreviationEn: 'MoI',
    kind: 'ministry',
    notes: 'Ministeriön muistiinpanot',
  });
  const tem = await api.organisations.create({ abbreviation: 'TEM', name: 'Työ- ja elinkeinoministeriö', kind: 'ministry' });
  const aino = await api.people.create({
    name: 'Aino Virtanen',
    organisationId: sm.id,
    email: 'aino@example.fi',
    phone: '0401',
    title: 'Erityisasiantuntija',
  });
  const bertil = await api.people.create({ name: 'Bertil Holm', organisationId: tem.id, email: 'bertil@example.fi' });
  const parent = await api.groups.create({ kind: 'cooperation_group', name: 'Yhteistyöryhmä', status: 'active' });
  const other = await api.groups.create({ kind: 'cooperation_group', name: 'Toinen ryhmä', status: 'active' });
  const group = await api.groups.create({
    kind: 'priority_group',
    name: 'Kyberturvallisuus',
    shortName: 'Kyber',
    nameFi: 'Kyberturvallisuus',
    nameSv: 'Cybersäkerhet',
    nameEn: 'Cyber security',
    shortNameFi: 'Kyber',
    shortNameSv: 'Cyber',
    shortNameEn: 'Cyber',
    description: 'Ryhmän kuvaus, jota ei saa menettää.',
    parentId: parent.id,
    status: 'active',
    priorityNumber: 6,
    timeZone: 'Europe/Helsinki',
  });
  const membership = await api.groups.addMember({
    groupId: group.id,
    personId: aino.id,
    role: 'member',
    fromDate: '2026-01-01',
    untilDate: '2027-12-31',
  });
  const meeting = await api.meetings.create({
    groupId: group.id,
    title: 'Kokous 1',
    date: '2027-02-01',
    startTime: '09:00',
    endTime: '11:00',
    timeZone: 'Europe/Helsinki',
    place: 'Kirkkokatu 12',
    onlineLink: 'https://meet.example.fi/a',
    secretaryPersonId: aino.id,
    notes: 'Kokouksen muistiinpanot, jotka säilyvät.',
  });
  const item = await api.meetings.addAgendaItem({
    meetingId: meeting.id,
    parentId: null,
    type: 'discussion',
    title: 'Tilannekuva',
    description: 'Kohdan kuvaus, joka säilyy.',
    presenterPersonId: aino.id,
    presenterOrganisationId: sm.id,
    durationMinutes: 20,
  });
  const action = await api.meetings.addAction({
    groupId: group.id,
    meetingId: meeting.id,
    agendaItemId: item.id,
    title: 'Selvitä tilanne',
    description: 'Toimenpiteen kuvaus, joka säilyy.',
    ownerPersonId: aino.id,
    ownerOrganisationId: sm.id,
    dueDate: '2027-03-01',
  });
  const measure = await api.portfolio.createMeasure({
    groupId: group.id,
    title: 'Tilannehuone',
    description: 'Toimenpiteen kuvaus.',
    responsibleOrganisationId: sm.id,
    startDate: '2027-01-01',
    dueDate: '2027-12-31',
    status: 'under_way',
    progressNote: 'Edistyminen.',
  });
  const indicator = await api.portfolio.createIndicator({
    groupId: group.id,
    name: 'Koulutetut',
    kind: 'output',
    unit: 'henkilöä',
    source: 'Rekisteri',
    targetValue: 100,
    targetDate: '2027-12-31',
    description: 'Mittarin kuvaus.',
  });
  const network = await api.groups.create({ kind: 'expert_network', name: 'Asiantuntijaverkosto', status: 'active' });
  const proposal = await api.scanning.proposeRound({ lane: 'semiannual', startDate: '2026-12-01' });
  const round = await api.scanning.createRound({
    groupId: network.id,
    label: proposal.label,
    lane: 'semiannual',
    timeline: proposal.timeline,
    proposalCap: 10,
  });
  const criterion = await api.scanning.addCriterion({
    roundId: round.id,
    name: 'Vaikuttavuus',
    description: 'Kriteerin kuvaus.',
    weight: 2,
    axis: 'impact',
  });
  await api.scanning.setRoundStatus({ id: round.id, status: 'open', note: null });
  const candidate = await api.scanning.createCandidate({
    roundId: round.id,
    title: 'Kyberrikollisuus',
    phenomenon: 'Ilmiön kuvaus.',
    rationale: 'Perustelu.',
    evidence: [{ date: '2026-10-01', source: 'Raportti', url: 'https://example.fi/r' }],
    steep: ['technological'],
    tags: ['kyber'],
    timeHorizon: 'medium',
    proposerPersonId: aino.id,
    proposerOrganisationId: sm.id,
    leadOrganisationId: sm.id,
    leadStatus: 'asked',
    participants: [{ organisationId: tem.id, status: 'asked' }],
    relatedGroupIds: [group.id],
    existingGroupHandling: 'partly',
    existingGroupReason: 'Osin käsitelty.',
    confidentiality: 'internal',
  });
  const rotationGroup = await api.groups.create({ kind: 'network', name: 'Verkosto', status: 'active' });
  for (const o of [sm, tem])
    await api.groups.setOrganisation({ groupId: rotationGroup.id, organisationId: o.id, role: 'participant' });
  const rotation = await api.rotation.create({
    groupId: rotationGroup.id,
    name: 'Puheenjohtajuus',
    unit: 'organisations',
    mode: 'per_meeting',
    effectiveFrom: '2027-01-01',
    members: [sm.id, tem.id],
    cancelledRule: 'hold',
  });
  const rotationId = rotation.rotation.id;
  await api.rotation.updateSettings({ rotationId, handoverNoticeWeeks: 6 });
  await api.settings.update({ language: 'fi', timeZone: 'Europe/Helsinki' });

  const withId =
    <I extends { id: string; patch: never }>(call: (i: I) => Promise<unknown>, id: string) =>
    (patch: Record<string, unknown>) =>
      call({ id, patch } as unknown as I);
  const row = (table: string, id: string) => async () => decoded(b, table, id);
  const futureDates = (shift: number) =>
    Object.fromEntries(
      Object.entries(proposal.timeline).map(([k, v]) => {
        const d = new Date(`${v}T00:00:00Z`);
        d.setUTCDate(d.getUTCDate() + shift);
        return [k, d.toISOString().slice(0, 10)];
      }),
    );

  return {
    'organisations.update': {
      read: row('organisations', sm.id),
      patch: withId(api.organisations.update, sm.id),
      values: {
        abbreviation: ['SMX'],
        name: ['Inrikesministeriet'],
        nameFi: ['Sisäasiainministeriö', null],
        nameSv: ['Inrikesministeriet i Finland', null],
        nameEn: ['Interior Ministry', null],
        abbreviationFi: ['SIM', null],
        abbreviationSv: ['INM', null],
        abbreviationEn: ['MI', null],
        kind: ['agency'],
        notes: ['Uudet muistiinpanot', null],
      },
    },
    'people.update': {
      read: row('people', aino.id),
      patch: withId(api.people.update, aino.id),
      values: {
        name: ['Aino Korhonen'],
        organisationId: [tem.id, null],
        email: ['aino.k@example.fi', null],
        phone: ['0402', ''],
        title: ['Johtava asiantuntija', null],
      },
    },
    'groups.update': {
      read: row('work_groups', group.id),
      patch: withId(api.groups.update, group.id),
      // A status change goes through the lifecycle, which dates it.
      derived: { status: ['statusDate'] },
      values: {
        kind: ['network'],
        name: ['Kyberturvallisuus ja verkkorikollisuus'],
        shortName: ['Kyber2', null],
        nameFi: ['Kyberturvallisuus 2', null],
        nameSv: ['Cybersäkerhet 2', null],
        nameEn: ['Cyber security 2', null],
        shortNameFi: ['Kyber3', null],
        shortNameSv: ['Cyber3', null],
        shortNameEn: ['Cyber4', null],
        description: ['Uusi kuvaus', ''],
        parentId: [other.id, null],
        status: ['paused'],
        priorityNumber: [7, null],
        timeZone: ['Europe/Stockholm'],
      },
    },
    'groups.updateMember': {
      read: row('memberships', membership.id),
      patch: withId(api.groups.updateMember, membership.id),
      values: { role: ['secretary'], fromDate: ['2026-02-01', null], untilDate: ['2027-11-30', null] },
    },
    'meetings.update': {
      read: row('meetings', meeting.id),
      patch: withId(api.meetings.update, meeting.id),
      values: {
        title: ['Kokous 1 (siirretty)'],
        date: ['2027-02-03'],
        startTime: ['08:30'],
        endTime: ['12:00'],
        timeZone: ['Europe/Stockholm'],
        place: ['Verkossa', null],
        onlineLink: ['https://meet.example.fi/b', null],
        secretaryPersonId: [bertil.id, null],
        notes: ['Toiset muistiinpanot', ''],
      },
      derived: {
        title: ['icsSequence'],
        date: ['icsSequence', 'originalDate', 'movedToDate'],
        startTime: ['icsSequence'],
        endTime: ['icsSequence'],
        timeZone: ['icsSequence'],
        place: ['icsSequence'],
        onlineLink: ['icsSequence'],
      },
    },
    'meetings.updateAgendaItem': {
      read: row('agenda_items', item.id),
      patch: withId(api.meetings.updateAgendaItem, item.id),
      values: {
        type: ['decision'],
        title: ['Tilannekuva ja ennuste'],
        description: ['Uusi kuvaus', ''],
        presenterPersonId: [bertil.id, null],
        presenterOrganisationId: [tem.id, null],
        durationMinutes: [35, 0],
        continueNext: [true, false],
      },
    },
    'meetings.updateAction': {
      read: row('action_items', action.id),
      patch: withId(api.meetings.updateAction, action.id),
      values: {
        title: ['Selvitä tilanne uudelleen'],
        description: ['Uusi kuvaus', null],
        ownerPersonId: [bertil.id, null],
        ownerOrganisationId: [tem.id, null],
        dueDate: ['2027-04-15', null],
      },
      derived: { title: ['icsSequence'], dueDate: ['icsSequence'], description: ['icsSequence'] },
    },
    'portfolio.updateMeasure': {
      read: row('measures', measure.id),
      patch: withId(api.portfolio.updateMeasure, measure.id),
      values: {
        title: ['Tilannehuone 2'],
        description: ['Uusi kuvaus', null],
        responsibleOrganisationId: [tem.id, null],
        startDate: ['2027-02-01', null],
        dueDate: ['2027-11-30', null],
        status: ['done'],
        progressNote: ['Valmis.', null],
      },
    },
    'portfolio.updateIndicator': {
      read: row('indicators', indicator.id),
      patch: withId(api.portfolio.updateIndicator, indicator.id),
      values: {
        name: ['Koulutetut henkilöt'],
        kind: ['process'],
        unit: ['kpl', null],
        source: ['Kysely', null],
        targetValue: [120, null],
        targetDate: ['2028-06-30', null],
        description: ['Uusi kuvaus', null],
      },
    },
    'scanning.updateRound': {
      read: row('scanning_rounds', round.id),
      patch: withId(api.scanning.updateRound, round.id),
      values: {
        label: [proposal.label.replace(/H(\d)/, (_, h) => `H${h === '1' ? 2 : 1}`)],
        timeline: [futureDates(1)],
        proposalCap: [5, null],
      },
      derived: {
        timeline: [
          'callOpens',
          'submissionDeadline',
          'screeningDate',
          'assessmentOpens',
          'assessmentCloses',
          'networkMeeting',
          'listFreeze',
          'decisionMeeting',
        ],
      },
    },
    'scanning.updateCriterion': {
      read: row('criteria', criterion.id),
      patch: withId(api.scanning.updateCriterion, criterion.id),
      values: { name: ['Toteutettavuus'], description: ['Uusi kuvaus', null], weight: [3], axis: ['feasibility', null] },
    },
    'scanning.updateCandidate': {
      read: async () => {
        const d = await api.scanning.getCandidate({ id: candidate.id });
        return {
          ...d,
          history: undefined,
          // Names shown beside the ids are joins with other records, not the candidate's own fields.
          proposerName: undefined,
          proposerOrganisationAbbreviation: undefined,
          leadAbbreviation: undefined,
          reference: undefined,
          roundLabel: undefined,
          participants: d.participants.map((p) => ({ organisationId: p.organisationId, status: p.status })),
          relatedGroupIds: d.relatedGroups.map((g) => g.id),
          relatedGroups: undefined,
        };
      },
      patch: withId(api.scanning.updateCandidate, candidate.id),

      values: {
        title: ['Verkkorikollisuus'],
        phenomenon: ['Uusi ilmiö', null],
        rationale: ['Uusi perustelu', null],
        evidence: [[{ date: '2026-11-01', source: 'Toinen raportti', url: null }], []],
        steep: [['social', 'political'], []],
        tags: [['verkko'], []],
        timeHorizon: ['long', null],
        proposerPersonId: [bertil.id, null],
        proposerOrganisationId: [tem.id, null],
        leadOrganisationId: [tem.id, null],
        leadStatus: ['confirmed', null],
        participants: [[{ organisationId: sm.id, status: 'confirmed' }], []],
        relatedGroupIds: [[other.id], []],
        existingGroupHandling: ['no', null],
        existingGroupReason: ['Ei käsitelty', null],
        confidentiality: ['public'],
      },
    },
    'settings.update': {
      read: async () => ({ ...(await api.settings.get({})) }),
      patch: (p) => api.settings.update(p),
      values: { language: ['sv'], timeZone: ['Europe/Stockholm'] },
    },
    'rotation.updateSettings': {
      read: row('rotations', rotationId),
      patch: (p) => api.rotation.updateSettings({ rotationId, ...p }),
      values: { name: ['Puheenjohtajakierto'], cancelledRule: ['advance'], handoverNoticeWeeks: [2] },
    },
  };
}

/** The fields that differ between two snapshots. */
function changed(before: Snapshot, after: Snapshot): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((k) => !META.has(k) && JSON.stringify(before[k]) !== JSON.stringify(after[k])).sort();
}

describe('a partial update never erases what it does not name', () => {
  let r: Replica;
  let cases: Record<string, PatchCase>;
  beforeEach(async () => {
    r = await replica();
    cases = await buildCases(r);
  });
  afterEach(() => r.cleanup());

  it('covers every patch method of the contract, and every field of each', () => {
    expect(Object.keys(cases).sort()).toEqual(patchMethods());
    for (const name of patchMethods()) expect(Object.keys(cases[name]!.values).sort(), name).toEqual(patchFields(name));
  });

  it('a patch naming one field changes that field and nothing else (every field of every method)', async () => {
    for (const [name, c] of Object.entries(cases)) {
      for (const [field, values] of Object.entries(c.values)) {
        for (const value of values) {
          const before = await c.read();
          r.tick();
          await c.patch({ [field]: value });
          const after = await c.read();
          const allowed = new Set([field, ...(c.derived?.[field] ?? [])]);
          const others = changed(before, after).filter((k) => !allowed.has(k));
          expect(others, `${name} { ${field}: ${JSON.stringify(value)} } changed other fields`).toEqual([]);
          if (JSON.stringify(before[field]) !== JSON.stringify(value) && c.derived?.[field] === undefined)
            expect(changed(before, after), `${name} ${field} was not written`).toContain(field);
        }
      }
    }
  });

  it('an empty patch changes nothing', async () => {
    for (const [name, c] of Object.entries(cases)) {
      const before = await c.read();
      await c.patch({});
      expect(changed(before, await c.read()), name).toEqual([]);
    }
  });

  it('any sequence of one-field patches leaves exactly the last value of each field (property)', async () => {
    const names = Object.keys(cases);
    const step = fc
      .constantFrom(...names)
      .chain((name) =>
        fc
          .constantFrom(...Object.keys(cases[name]!.values))
          .chain((field) => fc.constantFrom(...cases[name]!.values[field]!).map((value) => ({ name, field, value }))),
      );
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 12 }), async (steps) => {
        const before = new Map<string, Snapshot>();
        for (const n of names) before.set(n, await cases[n]!.read());
        const touched = new Map<string, Set<string>>();
        for (const s of steps) {
          r.tick();
          await cases[s.name]!.patch({ [s.field]: s.value });
          const set = touched.get(s.name) ?? new Set<string>();
          set.add(s.field);
          for (const d of cases[s.name]!.derived?.[s.field] ?? []) set.add(d);
          touched.set(s.name, set);
        }
        for (const n of names) {
          const others = changed(before.get(n)!, await cases[n]!.read()).filter((k) => !touched.get(n)?.has(k));
          // continueNext carries an item into the next meeting; the group's own fields are untouched.
          expect(others, n).toEqual([]);
        }
      }),
      { numRuns: 15 },
    );
  });
});

describe('through an exchange file', () => {
  it('one-field edits on one laptop reach another with every other field intact', async () => {
    const a = await replica();
    const b = await replica(Date.UTC(2027, 0, 4, 9));
    try {
      const cases = await buildCases(a);
      await importInto(b, exportFrom(a, { kind: 'database' }));
      const tables = [
        'organisations',
        'people',
        'work_groups',
        'memberships',
        'meetings',
        'agenda_items',
        'action_items',
        'measures',
        'indicators',
        'scanning_rounds',
        'criteria',
        'candidates',
        'rotations',
      ];
      const snapshot = (x: Replica) =>
        Object.fromEntries(
          tables.map((t) => [
            t,
            (x.backend.ctx.db.prepare(`SELECT * FROM ${t} ORDER BY id`).all() as Snapshot[]).map((row) => {
              const { hlc: _h, field_hlc: _f, updated_at: _u, ...rest } = row;
              return rest;
            }),
          ]),
        );
      // One field of every method, the first alternative value (settings are local and do not travel).
      for (const [name, c] of Object.entries(cases)) {
        if (name === 'settings.update') continue;
        const [field, values] = Object.entries(c.values).find(([f]) => f !== 'continueNext')!;
        a.tick();
        await c.patch({ [field]: values[0] });
      }
      const result = await importInto(b, exportFrom(a, { kind: 'database' }));
      expect(snapshot(b)).toEqual(snapshot(a));
      expect(result.conflicts).toEqual([]);
    } finally {
      a.cleanup();
      b.cleanup();
    }
  });

  it('a text emptied on one laptop comes back from a laptop that still holds it, through Conflicts', async () => {
    const a = await replica();
    const b = await replica(Date.UTC(2027, 0, 4, 9));
    try {
      const org = await a.api.organisations.create({ abbreviation: 'SM', name: 'Sisäministeriö', kind: 'ministry' });
      const group = await a.api.groups.create({ kind: 'priority_group', name: 'Ryhmä', status: 'active' });
      const meeting = await a.api.meetings.create({
        groupId: group.id,
        title: 'Kokous',
        date: '2027-02-01',
        startTime: '09:00',
        endTime: '10:00',
        notes: 'Sanat, jotka eivät saa kadota.',
      });
      void org;
      await importInto(b, exportFrom(a, { kind: 'database' }));
      // B clears the notes (as the old meeting form did without being asked).
      b.tick(60_000);
      await b.api.meetings.update({ id: meeting.id, patch: { notes: null } });
      // A still holds the text; B imports A's file: the clear is newer, but the words are kept.
      a.tick(120_000);
      const imported = await importInto(b, exportFrom(a, { kind: 'database' }));
      expect(imported.conflicts).toHaveLength(1);
      const [conflict] = await b.api.exchange.conflicts({});
      expect(conflict).toMatchObject({ field: 'notes', otherValue: 'Sanat, jotka eivät saa kadota.' });
      // Importing the same file again lists nothing new.
      await importInto(b, exportFrom(a, { kind: 'database' }));
      expect(await b.api.exchange.conflicts({})).toHaveLength(1);
      await b.api.exchange.resolveConflict({ id: conflict!.id, choice: 'other' });
      expect((await b.api.meetings.get({ id: meeting.id })).notes).toBe('Sanat, jotka eivät saa kadota.');
      // And the restored text travels back to A as the newest version.
      await importInto(a, exportFrom(b, { kind: 'database' }));
      expect((await a.api.meetings.get({ id: meeting.id })).notes).toBe('Sanat, jotka eivät saa kadota.');
    } finally {
      a.cleanup();
      b.cleanup();
    }
  });
});
