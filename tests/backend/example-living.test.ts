/**
 * The living example (issue #16): people, history 2019–2022 through the owners, scanning rounds, and the
 * present relative to the day it is loaded.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROW_RULES, rowProblem } from '../../shared/domain/rows';
import { travellingTables } from '../../electron/backend/db/tables';
import { loadExampleData } from '../../electron/backend/services/example-data';
import { today } from '../../electron/backend/clock';
import { startTestBackend, databaseContent, type TestBackend } from '../helpers/backend';
import type { Row } from '../../shared/exchange/merge';

/** A fixed instant for the loads (no wall clock): 2 December 2026, 10:00 in Helsinki. */
const NOW = new Date('2026-12-02T08:00:00Z');

let t: TestBackend;
let loadMs = 0;
beforeAll(async () => {
  t = await startTestBackend({ backupOnStart: false, now: () => NOW });
  const started = performance.now();
  await t.api.app.chooseStart({ example: true });
  loadMs = performance.now() - started;
}, 120_000);
afterAll(() => t.cleanup());

const count = (table: string, where = '1') =>
  t.backend.ctx.db.prepare(`SELECT count(*) FROM ${table} WHERE ${where}`).pluck().get() as number;

describe('the living example', () => {
  it('reports its load time and row counts', () => {
    const db = t.backend.ctx.db;
    const counts = Object.fromEntries(travellingTables(db).map((x) => [x, count(x)]));
    console.log(`example load: ${Math.round(loadMs)} ms`, JSON.stringify(counts));
    expect(count('people')).toBeGreaterThan(60);
  });

  it('writes only rows that pass the row rules of travelling tables', () => {
    const db = t.backend.ctx.db;
    const bad: string[] = [];
    for (const table of travellingTables(db)) {
      if (!ROW_RULES[table]) continue;
      for (const row of db.prepare(`SELECT * FROM ${table}`).all() as Row[]) {
        const p = rowProblem(table, row);
        if (p) bad.push(`${table} ${row.id} ${p.field}: ${p.problem} (${JSON.stringify(row[p.field])?.slice(0, 80)})`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('has people with example e-mail addresses, a convener in every priority group and members from every organisation', async () => {
    const people = await t.api.people.list({});
    expect(people.every((p) => p.email && /@[a-z0-9]+\.example$/.test(p.email))).toBe(true);
    expect(new Set(people.map((p) => p.name)).size).toBe(people.length);
    const groups = await t.api.groups.list({});
    for (const g of groups.filter((x) => x.kind === 'priority_group' || x.kind === 'network' || x.kind === 'subgroup')) {
      const detail = await t.api.groups.get({ id: g.id });
      expect(
        detail.members.some((m) => m.role === 'convener'),
        g.name,
      ).toBe(true);
      if (g.kind === 'subgroup') continue;
      const memberOrgs = new Set(detail.members.map((m) => m.organisationAbbreviation));
      for (const o of detail.organisations) expect(memberOrgs.has(o.abbreviation), `${g.name}: ${o.abbreviation}`).toBe(true);
    }
  });

  it('tells the report’s history: the meetings of 12.12.2019, 30.9.2020 and 24.5.2022 with their decisions', async () => {
    const groups = await t.api.groups.list({});
    const cg = groups.find((g) => g.kind === 'cooperation_group')!;
    const decisions = await t.api.meetings.decisions({ groupId: cg.id });
    const on = (date: string) => decisions.filter((d) => d.meetingDate === date).map((d) => d.text);
    expect(on('2019-12-12').join(' ')).toMatch(/approved the first eight priorities/);
    expect(on('2020-09-30').join(' ')).toMatch(/five priority proposals.*action programme against illegal entry and stay/);
    expect(on('2022-05-24').join(' ')).toMatch(/draft interim report/);
    const meetings2020 = await t.api.meetings.list({ groupId: cg.id, from: '2020-01-01', to: '2020-12-31' });
    expect(meetings2020).toHaveLength(4);
    const p6 = groups.find((g) => g.priorityNumber === 6)!;
    const p6in2021 = await t.api.meetings.list({ groupId: p6.id, from: '2021-01-01', to: '2021-12-31' });
    expect(p6in2021.length).toBeGreaterThanOrEqual(10);
    expect(p6in2021.every((m) => m.status === 'held')).toBe(true);
  });

  it('makes each decision once: a decided topic that comes round again is a follow-up, not a second decision', async () => {
    const groups = await t.api.groups.list({});
    let followUps = 0;
    for (const g of groups) {
      const decisions = await t.api.meetings.decisions({ groupId: g.id });
      const texts = decisions.map((d) => d.text);
      expect(new Set(texts).size, `${g.name}: ${texts.length} decisions`).toBe(texts.length);
      const meetings = await t.api.meetings.list({ groupId: g.id, from: '2019-01-01', to: '2030-12-31' });
      for (const m of meetings.slice(0, 40)) {
        const detail = await t.api.meetings.get({ id: m.id });
        followUps += detail.agenda.filter((a) => a.title.startsWith('Follow-up of the earlier decision:')).length;
      }
    }
    expect(followUps).toBeGreaterThan(0);
  });

  it('shows on Today upcoming meetings, overdue and soon-due actions and minutes awaiting approval', async () => {
    const home = await t.api.portfolio.home({});
    expect(home.today).toBe('2026-12-02');
    expect(home.upcomingMeetings.length).toBeGreaterThanOrEqual(4);
    expect(home.overdueActions.length).toBeGreaterThan(0);
    expect(home.soonDueActions.length).toBeGreaterThan(0);
    expect(home.minutesAwaitingApproval.length).toBeGreaterThan(0);
    expect(home.handoversDue.length).toBeGreaterThan(0);
    expect(home.scanningDeadlines.length).toBeGreaterThan(0);
  });

  it('has scanning rounds, quarterly then semiannual, one in assessment today, and cybercrime approved as priority 9', async () => {
    const rounds = await t.api.scanning.listRounds({});
    expect(rounds.filter((r) => r.lane === 'adhoc').map((r) => r.label)).toEqual(
      expect.arrayContaining(['2020 A1', '2020 A2', '2020 A3', '2021 A1', '2021 A2']),
    );
    expect(rounds.some((r) => r.label === '2021 H2')).toBe(true);
    const open = rounds.filter((r) => r.status === 'assessment');
    expect(open).toHaveLength(1);
    expect(open[0]!.timeline.assessmentOpens <= '2026-12-02' && '2026-12-02' <= open[0]!.timeline.assessmentCloses).toBe(true);
    const groups = await t.api.groups.list({});
    const p9 = groups.find((g) => g.priorityNumber === 9)!;
    expect(p9.name).toMatch(/Cybercrime/);
    const links = await t.api.scanning.groupLinks({ groupId: p9.id });
    expect(links.origin?.roundLabel).toBe('2021 A2');
    expect(count('candidate_decisions', "outcome = 'deferred'")).toBeGreaterThan(0);
    expect(count('candidate_decisions', "outcome = 'folded'")).toBeGreaterThan(0);
  });

  it('rotates priority 7’s chair SM → TEM → STM per meeting from autumn 2021, with a handover coming', async () => {
    const groups = await t.api.groups.list({});
    const p7 = groups.find((g) => g.priorityNumber === 7)!;
    const view = (await t.api.rotation.forGroup({ groupId: p7.id }))!;
    expect(view).not.toBeNull();
    const held = (await t.api.meetings.list({ groupId: p7.id, from: '2021-09-01' })).filter((m) => m.status === 'held');
    const orgs = await t.api.organisations.list({});
    const abbr = (id: string | null) => orgs.find((o) => o.id === id)?.abbreviation;
    const chairs = held.map((m) => abbr(m.chairOrganisationId));
    expect(chairs.length).toBeGreaterThanOrEqual(5);
    expect(chairs).toEqual(chairs.map((_, i) => ['SM', 'TEM', 'STM'][i % 3]));
    const home = await t.api.portfolio.home({});
    const handover = home.handoversDue.find((h) => h.groupId === p7.id)!;
    expect(handover.date! > '2026-12-02').toBe(true);
  });
});

describe('the example in an exchange file', () => {
  it('exports and imports into an empty database with every check passing, and importing again changes nothing', async () => {
    const exported = await t.api.exchange.exportDatabase({});
    const other = await startTestBackend({ backupOnStart: false, now: () => NOW });
    try {
      await other.api.app.chooseStart({ example: false });
      const preview = await other.api.exchange.preview({ contentBase64: exported.contentBase64 });
      expect(preview).toBeTruthy();
      await other.api.exchange.import({ contentBase64: exported.contentBase64 });
      const tables = [
        'people',
        'memberships',
        'meetings',
        'agenda_items',
        'attendance',
        'decisions',
        'action_items',
        'scanning_rounds',
        'candidates',
        'scores',
        'rotations',
        'rotation_slots',
      ];
      for (const table of tables) {
        const n = other.backend.ctx.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get();
        expect(n, table).toBe(count(table));
      }
      const once = databaseContent(other.backend);
      await other.api.exchange.import({ contentBase64: exported.contentBase64 });
      const again = databaseContent(other.backend);
      // A second import writes nothing but its own log and backup records.
      const strip = (s: string) =>
        (JSON.parse(s) as [string, string[]][]).filter(([name]) => !/import|backup|log|meta/.test(name));
      expect(strip(again)).toEqual(strip(once));
    } finally {
      other.cleanup();
    }
  }, 120_000);
});

describe('loading the example', () => {
  it('is one transaction: a failure midway leaves the database empty', async () => {
    const fresh = await startTestBackend({ backupOnStart: false, now: () => NOW });
    try {
      const before = databaseContent(fresh.backend);
      const ctx = fresh.backend.ctx;
      let calls = 0;
      const failing = {
        ...ctx,
        store: new Proxy(ctx.store, {
          get(target, prop, receiver) {
            const value = Reflect.get(target, prop, receiver) as unknown;
            if (prop === 'insert' && typeof value === 'function')
              return (...args: unknown[]) => {
                if (++calls === 3000) throw new Error('injected failure');
                return (value as (...a: unknown[]) => unknown).apply(target, args);
              };
            return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
          },
        }),
      };
      expect(() => loadExampleData(failing)).toThrow('injected failure');
      expect(calls).toBe(3000);
      expect(databaseContent(fresh.backend)).toBe(before);
      expect(today(ctx)).toBe('2026-12-02');
    } finally {
      fresh.cleanup();
    }
  });
});
