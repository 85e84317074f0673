/** Helpers for the exchange tests: replicas on real SQLite files, a few rows, content comparison. */
import { createHash } from 'node:crypto';
import { normaliseRow, type Row } from '../../shared/exchange/merge';
import { TABLE_CODECS, travellingTables } from '../../electron/backend/db/tables';
import { applyImport, exportScope, type ImportOptions, type Scope } from '../../electron/backend/exchange/service';
import { buildExchangeFile, readExchangeFile } from '../../electron/backend/exchange/format';
import { formatHlc } from '../../shared/hlc';
import type { Backend } from '../../electron/backend';
import type { TestBackend } from '../helpers/backend';
import { databaseContent, startTestBackend } from '../helpers/backend';

/** Fast scrypt for tests that encrypt many files (files for people use the defaults). */
export const FAST_SCRYPT = { N: 2 ** 10, r: 8, p: 1, maxmem: 32 * 1024 * 1024 };

export interface Replica extends TestBackend {
  /** Milliseconds since the start of the test clock. */
  tick(ms?: number): void;
}

/** A backend whose clock the test moves. */
export async function replica(startMs = Date.UTC(2027, 0, 4, 8)): Promise<Replica> {
  let t = startMs;
  const b = await startTestBackend({ now: () => new Date(t), backupOnStart: false });
  return Object.assign(b, {
    tick(ms = 1000) {
      t += ms;
    },
  });
}

/** All travelling rows in canonical form (what two converged replicas must share). */
export function travellingContent(r: TestBackend, skipTables: string[] = []): Record<string, Row[]> {
  const backend: Backend = r.backend;
  const db = backend.ctx.db;
  const out: Record<string, Row[]> = {};
  for (const t of travellingTables(db)) {
    if (skipTables.includes(t)) continue;
    const rows = db.prepare(`SELECT * FROM ${t} ORDER BY id`).all() as Row[];
    if (rows.length) out[t] = rows.map((r) => normaliseRow(r, { longTextFields: TABLE_CODECS[t]?.longText ?? [] }));
  }
  return out;
}

export function contentHash(backend: Backend): string {
  return createHash('sha256').update(databaseContent(backend)).digest('hex');
}

export function exportFrom(r: TestBackend, scope: Scope, passphrase?: string): Uint8Array {
  return exportScope(r.backend.ctx, scope, { passphrase, build: { scrypt: FAST_SCRYPT } }).bytes;
}

export function importInto(r: TestBackend, bytes: Uint8Array, opts: ImportOptions = {}) {
  return applyImport(r.backend.ctx, bytes, opts);
}

/** A group with an organisation, a person as its chair, and one meeting with minutes. */
export async function seedGroup(r: TestBackend) {
  const org = await r.api.organisations.create({ abbreviation: 'SM', name: 'Sisäministeriö', kind: 'ministry' });
  const person = await r.api.people.create({ name: 'Aino Virtanen', organisationId: org.id, email: 'aino@example.fi' });
  const group = await r.api.groups.create({ kind: 'priority_group', name: 'Kyberturvallisuus', status: 'active' });
  const sub = await r.api.groups.create({ kind: 'subgroup', name: 'Alatyöryhmä', status: 'active', parentId: group.id });
  const membership = await r.api.groups.addMember({ groupId: group.id, personId: person.id, role: 'chair' });
  const ctx = r.backend.ctx;
  const meeting = ctx.tx(() =>
    ctx.store.insert<{ id: string }>('meetings', {
      groupId: group.id,
      title: 'Kokous 1',
      date: '2027-02-01',
      startTime: '09:00',
      endTime: '11:00',
      timeZone: 'Europe/Helsinki',
      status: 'planned',
      place: 'Helsinki',
      chairPersonId: person.id,
    }),
  );
  const item = ctx.tx(() =>
    ctx.store.insert<{ id: string }>('agenda_items', {
      meetingId: meeting.id,
      position: 1,
      type: 'discussion',
      title: 'Tilannekuva',
      minutes: 'Alkuperäinen pöytäkirja.',
    }),
  );
  const subMeeting = ctx.tx(() =>
    ctx.store.insert<{ id: string }>('meetings', {
      groupId: sub.id,
      title: 'Alaryhmän kokous',
      date: '2027-01-10',
      startTime: '13:00',
      endTime: '14:00',
      timeZone: 'Europe/Helsinki',
      status: 'held',
    }),
  );
  return { org, person, group, sub, membership, meeting, item, subMeeting };
}

/**
 * A database with every kind of travelling row, built through the contract as a user would: two
 * priority groups (one with a subgroup), members, a meeting series and single meetings with agenda,
 * minutes, attendance, decisions and actions, a rotation, measures with commitments, an indicator
 * with values, a status change, and a scanning round with criteria, a candidate and scores.
 */
export async function seedRich(r: TestBackend, tag = 'X') {
  const api = r.api;
  const sm = await api.organisations.create({ abbreviation: `SM${tag}`, name: 'Sisäministeriö', kind: 'ministry' });
  const thl = await api.organisations.create({ abbreviation: `THL${tag}`, name: 'Terveyden ja hyvinvoinnin laitos', kind: 'research' });
  const spek = await api.organisations.create({ abbreviation: `SPEK${tag}`, name: 'Pelastusalan keskusjärjestö', kind: 'ngo' });
  const aino = await api.people.create({ name: 'Aino Virtanen', organisationId: sm.id, email: 'aino@example.fi' });
  const bertil = await api.people.create({ name: 'Bertil Berg', organisationId: thl.id });
  const cecilia = await api.people.create({ name: 'Cecilia Koski', organisationId: spek.id, phone: '+358 40 123' });
  const group = await api.groups.create({ kind: 'priority_group', name: 'Kyberturvallisuus', status: 'implementing', priorityNumber: 3 });
  const sub = await api.groups.create({ kind: 'subgroup', name: 'Alatyöryhmä', status: 'active', parentId: group.id });
  const other = await api.groups.create({ kind: 'priority_group', name: 'Ikääntyneiden asumisturvallisuus', status: 'active' });
  for (const g of [group, other]) {
    await api.groups.setOrganisation({ groupId: g.id, organisationId: sm.id, role: 'lead' });
    await api.groups.setOrganisation({ groupId: g.id, organisationId: thl.id, role: 'participant' });
    await api.groups.addMember({ groupId: g.id, personId: aino.id, role: 'chair' });
    await api.groups.addMember({ groupId: g.id, personId: bertil.id, role: 'secretary', fromDate: '2026-01-01' });
  }
  await api.groups.addMember({ groupId: sub.id, personId: cecilia.id, role: 'member' });
  const meetings: Array<{ id: string; groupId: string }> = [];
  for (const g of [group, sub, other]) {
    const m = await api.meetings.create({
      groupId: g.id,
      title: `Kokous ${g.name}`,
      date: '2027-02-01',
      startTime: '09:00',
      endTime: '11:00',
      place: 'Helsinki',
      chairPersonId: aino.id,
    });
    meetings.push({ id: m.id, groupId: g.id });
    const item = await api.meetings.addAgendaItem({
      meetingId: m.id,
      parentId: null,
      type: 'decision',
      title: 'Tilannekuva',
      durationMinutes: 20,
    });
    await api.meetings.addAgendaItem({ meetingId: m.id, parentId: item.id, type: 'information', title: 'Alakohta', durationMinutes: 5 });
    await api.meetings.saveMinutes({ agendaItemId: item.id, minutes: 'Käsiteltiin tilannekuva.' });
    await api.meetings.setAttendance({ meetingId: m.id, personId: aino.id, status: 'present' });
    await api.meetings.setAttendance({ meetingId: m.id, personId: bertil.id, status: 'excused' });
    await api.meetings.addDecision({ meetingId: m.id, agendaItemId: item.id, text: 'Hyväksyttiin tilannekuva.' });
    await api.meetings.addAction({
      groupId: g.id,
      meetingId: m.id,
      agendaItemId: item.id,
      title: 'Laaditaan selvitys',
      ownerPersonId: bertil.id,
      dueDate: '2027-03-01',
    });
  }
  await api.meetings.createSeries({
    groupId: group.id,
    title: 'Kuukausikokous',
    rule: { freq: 'monthly_nth_weekday', nth: 2, weekday: 2 },
    startDate: '2027-03-01',
    count: 3,
    untilDate: null,
    startTime: '13:00',
    endTime: '14:30',
  } as never);
  await api.meetings.sendForReview({ id: meetings[0]!.id });
  await api.rotation.create({
    groupId: group.id,
    name: 'Puheenjohtajuus',
    unit: 'organisations',
    mode: 'per_meeting',
    effectiveFrom: '2027-01-01',
    members: [sm.id, thl.id],
  });
  const measure = await api.portfolio.createMeasure({ groupId: group.id, title: 'Selvitys', startDate: '2027-01-01', dueDate: '2027-06-30' });
  await api.portfolio.setCommitment({ measureId: measure.id, organisationId: sm.id, commitmentStatus: 'pending' });
  const indicator = await api.portfolio.createIndicator({ groupId: group.id, name: 'Tapahtumat', kind: 'output', unit: 'kpl' });
  await api.portfolio.setIndicatorValue({ indicatorId: indicator.id, period: '2026-H2', value: 12 });
  await api.portfolio.changeStatus({ groupId: other.id, status: 'paused', date: '2027-01-15', note: 'Tauko' });
  const network = await api.groups.create({ kind: 'expert_network', name: 'Asiantuntijaverkosto', status: 'active' });
  const proposal = await api.scanning.proposeRound({ lane: 'semiannual', startDate: '2026-12-01' });
  const round = await api.scanning.createRound({
    groupId: network.id,
    label: proposal.label,
    lane: 'semiannual',
    timeline: proposal.timeline,
    proposalCap: null,
  });
  await api.scanning.setRoundStatus({ id: round.id, status: 'open' });
  await api.scanning.createCandidate({
    roundId: round.id,
    submit: true,
    title: 'Hybridiuhat',
    phenomenon: 'Kasvava ilmiö',
    proposerPersonId: aino.id,
    relatedGroupIds: [group.id],
    tags: ['kyber'],
  } as never);
  return { sm, thl, spek, aino, bertil, cecilia, group, sub, other, meetings, measure, indicator, network, round };
}

/**
 * The same exchange file with its rows changed by `mutate` (tables keyed by name, rows as stored),
 * rebuilt with the original header, so its manifest, hashes and clock summary are consistent: what a
 * hostile or broken exporter could send.
 */
export function rebuildFile(
  bytes: Uint8Array,
  mutate: (tables: Record<string, Row[]>) => void,
  opts: { exportId?: string } = {},
): Uint8Array {
  const file = readExchangeFile(bytes);
  const tables: Record<string, Row[]> = Object.fromEntries(
    Object.entries(file.tables).map(([t, rows]) => [t, rows.map((r) => ({ ...r }))]),
  );
  mutate(tables);
  const m = file.manifest;
  return buildExchangeFile({
    tables,
    minReaderVersion: m.minReaderVersion,
    schemaVersion: m.schemaVersion,
    scope: m.scope,
    exportId: opts.exportId ?? m.exportId,
    replicaId: m.replicaId,
    exportedAt: m.exportedAt,
  });
}

/** `row` edited as a newer change of `field`s by `replica` at `wallMs` (what an exporter would send). */
export function editedRow(row: Row, patch: Record<string, unknown>, wallMs: number, replicaId = 'remote-replica'): Row {
  const stamp = formatHlc({ wall: wallMs, counter: 0, replica: replicaId });
  const clocks = JSON.parse(row.field_hlc as string) as Record<string, string>;
  for (const k of Object.keys(patch)) clocks[k] = stamp;
  return { ...row, ...patch, field_hlc: JSON.stringify(clocks), hlc: stamp > (row.hlc as string) ? stamp : row.hlc };
}
