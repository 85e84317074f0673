// Documents name groups and organisations in their own language (issue #16 item 6): the agenda and
// minutes, the decisions register, the calendars, the rotation export, the printable handover
// checklist. Through the real backend and contract, on the example (fi/sv/en names for everything) and
// on a group someone named in Finnish only, which every language falls back to.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Group } from '../../shared/domain/groups';
import type { Organisation } from '../../shared/domain/organisations';
import { startTestBackend, type TestBackend } from '../helpers/backend';
import { addMeeting } from './rotation-helpers';
import { listedRound } from './scanning-fixture';

const NOW = () => new Date('2026-12-02T08:00:00Z');
const LANGS = ['fi', 'sv', 'en'] as const;
type L = (typeof LANGS)[number];

const decode = (f: { contentBase64: string }) => Buffer.from(f.contentBase64, 'base64').toString('utf8');
/** A Markdown document's subtitle: the line under its title. */
const subtitleOf = (md: string) => md.split('\n').filter(Boolean)[1];
/** Visible text of an HTML document: no tags, no styles, single spaces. */
const visible = (html: string) =>
  html
    .replace(/<style[\s\S]*?<\/style>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
/** iCalendar text with its folded lines joined and its escapes undone. */
const unfold = (ics: string) =>
  ics
    .replace(/\r\n[ \t]/g, '')
    .replace(/\\,/g, ',')
    .replace(/\\;/g, ';');

const own = (row: Group, lang: L) => ({ fi: row.nameFi, sv: row.nameSv, en: row.nameEn })[lang]!;
const abbr = (row: Organisation, lang: L) => ({ fi: row.abbreviationFi, sv: row.abbreviationSv, en: row.abbreviationEn })[lang]!;

describe('documents of the example in fi, sv and en', () => {
  let t: TestBackend;
  let p7: Group;
  let orgs: Map<string, Organisation>;
  let held: string;
  beforeAll(async () => {
    t = await startTestBackend({ now: NOW, demo: true });
    const [rotation] = await t.api.rotation.list({});
    p7 = (await t.api.groups.list({})).find((g) => g.id === rotation!.groupId)!;
    orgs = new Map((await t.api.organisations.list({})).map((o) => [o.abbreviation, o]));
    held = (await t.api.meetings.list({ groupId: p7.id, status: 'held' })).at(-1)!.id;
  }, 60_000);
  afterAll(() => t.cleanup());

  it('the example names priority 7 and its rotating ministries in three languages', () => {
    expect(p7.priorityNumber).toBe(7);
    expect([p7.nameFi, p7.nameSv, p7.nameEn]).toEqual([
      'Polarisaatio, konfliktinratkaisu ja häirintä',
      'Polarisering, konfliktlösning och trakasserier',
      'Polarisation, conflict resolution and harassment',
    ]);
    expect(['SM', 'TEM', 'STM'].map((a) => abbr(orgs.get(a)!, 'sv'))).toEqual(['IM', 'ANM', 'SHM']);
  });

  it.each(LANGS)(
    'agenda and minutes (%s): the group by its own name, the attending organisations by their abbreviations',
    async (lang) => {
      const others = LANGS.filter((l) => l !== lang);
      for (const kind of ['agenda', 'minutes'] as const) {
        const file = await t.api.meetings.document({ id: held, kind, format: 'md', lang });
        const md = decode(file);
        expect(subtitleOf(md), `${kind} ${lang}`).toBe(own(p7, lang));
        expect(md).toContain(`:** ${own(p7, lang)}`);
        for (const l of others) expect(md).not.toContain(own(p7, l));
        expect(file.fileName).toContain(own(p7, lang).slice(0, 12));
        // The chair is the rotating ministry: SM / IM / MoI.
        expect(md).toMatch(new RegExp(`:\\*\\* ${abbr(orgs.get('SM')!, lang)}\\n`));
      }
      const minutes = decode(await t.api.meetings.document({ id: held, kind: 'minutes', format: 'md', lang }));
      const cells = [...minutes.matchAll(/^\| ([^|]+) \| [^|]+ \|$/gm)].map((m) => m[1]!.trim());
      for (const a of ['SM', 'TEM', 'STM', 'OKM']) expect(cells, `${a} in ${lang}`).toContain(abbr(orgs.get(a)!, lang));
      if (lang !== 'fi') for (const a of ['SM', 'TEM', 'STM', 'OKM']) expect(cells).not.toContain(a);
    },
  );

  it.each(LANGS)('decisions register and meeting calendar (%s) name the group in the language', async (lang) => {
    const register = decode(await t.api.meetings.decisionsDocument({ groupId: p7.id, format: 'md', lang }));
    expect(subtitleOf(register)).toBe(own(p7, lang));
    const ics = unfold(decode(await t.api.meetings.calendar({ meetingId: held, lang })));
    expect(ics).toContain(`DESCRIPTION:${own(p7, lang)}\r\n`);
    const todos = unfold(decode(await t.api.meetings.actionsCalendar({ groupId: p7.id, lang })));
    for (const line of todos.split('\r\n').filter((l) => l.startsWith('DESCRIPTION:')))
      expect(line.startsWith(`DESCRIPTION:${own(p7, lang)}`), line).toBe(true);
  });

  it.each(LANGS)('rotation export (%s): heading, chair order and calendar in the language', async (lang) => {
    const [sm, tem, stm] = ['SM', 'TEM', 'STM'].map((a) => abbr(orgs.get(a)!, lang));
    const html = await t.api.rotation.export({ groupId: p7.id, format: 'html', lang });
    const text = visible(html.html!);
    expect(html.fileName).toContain(`7. ${own(p7, lang)}`.slice(0, 20));
    expect(text).toContain(`7. ${own(p7, lang)}`);
    expect(text).toContain(`${sm} → ${tem} → ${stm}`);
    const csv = decode(await t.api.rotation.export({ groupId: p7.id, format: 'csv', lang }));
    const chairs = new Set(
      csv
        .split('\n')
        .slice(1)
        .map((r) => r.split(/[;,]/)[3]?.replace(/"/g, ''))
        .filter(Boolean),
    );
    expect(
      [...chairs].every((c) => [sm, tem, stm].includes(c!)),
      [...chairs].join(' '),
    ).toBe(true);
    const ics = unfold(decode(await t.api.rotation.export({ groupId: p7.id, format: 'ics', lang })));
    const summaries = ics.split('\r\n').filter((l) => l.startsWith('SUMMARY:'));
    expect(summaries.length).toBeGreaterThan(0);
    for (const s of summaries) expect(s).toContain(own(p7, lang));
    expect(summaries.some((s) => s.includes(tem!))).toBe(true);
    if (lang === 'sv') expect(text).not.toMatch(/\b(SM|TEM|STM)\b/);
  });

  it.each(LANGS)('printable handover checklist (%s): the group and the receiving organisation in the language', async (lang) => {
    const stm = orgs.get('STM')!;
    const doc = await t.api.exchange.checklistDocument({ groupId: p7.id, toOrganisationId: stm.id, lang });
    const text = visible(doc.html);
    expect(text).toContain(`7. ${own(p7, lang)}`);
    const stmName = ({ fi: stm.nameFi, sv: stm.nameSv, en: stm.nameEn } as const)[lang]!;
    expect(text).toContain(`${abbr(stm, lang)} – ${stmName}`);
    // The wizard's data (no language) keeps the names as written.
    const data = await t.api.exchange.checklist({ groupId: p7.id, toOrganisationId: stm.id });
    expect(data.groupName).toBe(`7. ${p7.name}`);
    expect(data.recipient?.name).toBe(`STM – ${stm.name}`);
  });
});

describe('a group and organisations named in Finnish only', () => {
  let t: TestBackend;
  let groupId: string;
  let meetingId: string;
  beforeAll(async () => {
    t = await startTestBackend({ now: NOW });
    const api = t.api;
    const ids: string[] = [];
    for (const a of ['SM', 'TEM']) {
      const o = await api.organisations.create({ abbreviation: a, name: `${a}-virasto`, kind: 'ministry' });
      ids.push(o.id);
    }
    const g = await api.groups.create({ kind: 'network', name: 'Vain suomeksi nimetty verkosto', status: 'active' });
    groupId = g.id;
    for (const id of ids) await api.groups.setOrganisation({ groupId, organisationId: id, role: 'participant' });
    meetingId = t.backend.ctx.tx(() => addMeeting(t.backend, groupId, '2026-12-10'));
    addMeeting(t.backend, groupId, '2027-01-14');
    await api.rotation.create({
      groupId,
      name: 'Puheenjohtajuus',
      unit: 'organisations',
      mode: 'per_meeting',
      effectiveFrom: '2026-12-01',
      members: ids,
    });
  }, 60_000);
  afterAll(() => t.cleanup());

  it.each(LANGS)('every document in %s falls back to the Finnish name and abbreviation', async (lang) => {
    const name = 'Vain suomeksi nimetty verkosto';
    const agenda = decode(await t.api.meetings.document({ id: meetingId, kind: 'agenda', format: 'md', lang }));
    expect(subtitleOf(agenda)).toBe(name);
    expect(agenda).toMatch(/:\*\* SM\n/);
    expect(decode(await t.api.meetings.decisionsDocument({ groupId, format: 'md', lang }))).toContain(name);
    expect(unfold(decode(await t.api.meetings.calendar({ meetingId, lang })))).toContain(`DESCRIPTION:${name}\r\n`);
    const rotation = visible((await t.api.rotation.export({ groupId, format: 'html', lang })).html!);
    expect(rotation).toContain(name);
    expect(rotation).toContain('SM → TEM');
    const checklist = visible((await t.api.exchange.checklistDocument({ groupId, lang })).html);
    expect(checklist).toContain(name);
  });
});

describe('the candidate list in fi, sv and en', () => {
  let t: TestBackend;
  let roundId: string;
  beforeAll(async () => {
    t = await startTestBackend({ now: NOW });
    const fx = await listedRound(t.api);
    roundId = fx.round.id;
    await t.api.groups.update({ id: fx.network.id, patch: { nameFi: 'Asiantuntijaverkosto', nameSv: 'Expertnätverket' } });
    await t.api.organisations.update({ id: fx.sm.id, patch: { abbreviationSv: 'IM', abbreviationEn: 'MoI' } });
  }, 60_000);
  afterAll(() => t.cleanup());

  it.each(LANGS)('names the owning network and the lead organisation in %s', async (lang) => {
    const md = decode(await t.api.scanning.candidateList({ roundId, format: 'md', lang }));
    // English has no own name for the network: it falls back to the name as written.
    expect(md).toContain(`:** ${{ fi: 'Asiantuntijaverkosto', sv: 'Expertnätverket', en: 'Expert network' }[lang]}\n`);
    const lead = { fi: 'SM', sv: 'IM', en: 'MoI' }[lang];
    expect(md).toMatch(new RegExp(`:\\*\\* ${lead} \\(`));
  });
});
