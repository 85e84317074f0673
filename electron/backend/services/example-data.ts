import example from '../../../resources/example/cooperation-model.json';
import { contract, type Contract, type Input, type Output } from '../../../shared/contract';
import type { HandlersFor } from '../../../shared/contract/core';
import type { Group } from '../../../shared/domain/groups';
import type { Meeting } from '../../../shared/domain/meetings';
import type { Organisation, OrganisationKind } from '../../../shared/domain/organisations';
import type { Person } from '../../../shared/domain/people';
import type { Round } from '../../../shared/domain/scanning';
import type { RoundTimeline } from '../../../shared/domain/scanning';
import { addDays, isoWeekday } from '../../../shared/meetings/time';
import { semiannualTimeline } from '../../../shared/scanning/rounds';
import type { Ctx } from '../context';
import { today } from '../clock';
import { formatDay } from '../documents/dates';
import { createGroup, groupHandlers, setGroupOrganisation } from './groups';
import { createOrganisation, peopleHandlers } from './organisations';
import { meetingHandlers } from './meetings';
import { rotationHandlers } from './rotation';
import { scanningHandlers } from './scanning';
import { loadExamplePlans, type ExampleRefs } from './example-plans';
import { TITLES, emailOf, fictionalName } from './example/people';
import {
  LATER_THEMES,
  QUARTERLY_2020,
  QUARTERLY_ROUNDS,
  RHYTHM,
  STORY_MEETINGS,
  TOPICS,
  type StoryCandidate,
  type StoryItem,
  type StoryMeeting,
} from './example/story';

interface ExampleGroup {
  key: string;
  kind: Group['kind'];
  name: string;
  nameFi?: string;
  nameSv?: string;
  nameEn?: string;
  shortName?: string;
  shortNameFi?: string;
  shortNameSv?: string;
  shortNameEn?: string;
  description?: string;
  parent?: string;
  priorityNumber?: number;
  status: Group['status'];
  statusNote?: string;
  statusDate?: string;
  transferredTo?: string;
  lead: string[];
  participants: string[];
  rotation?: { name: string; unit: 'organisations'; mode: 'per_meeting'; effectiveFrom: string; members: string[] };
}

/** A group's official names in fi, sv and en as the example file gives them (null where it gives none). */
const officialNames = (g: ExampleGroup) => ({
  nameFi: g.nameFi ?? null,
  nameSv: g.nameSv ?? null,
  nameEn: g.nameEn ?? null,
  shortNameFi: g.shortNameFi ?? null,
  shortNameSv: g.shortNameSv ?? null,
  shortNameEn: g.shortNameEn ?? null,
});

/** Groups the example does not create from the file: the scanning approval of cybercrime creates priority 9. */
const CREATED_BY_SCANNING = 'p9';

/** The history is told in full up to the interim report (May 2022), then for the months before the day of loading. */
const REPORT_END = '2022-06-15';
const RECENT_DAYS = 150;
/** Days from today to the cooperation group's next meeting (the scanning round's decision meeting). */
const CG_NEXT = 15;

// ---------------------------------------------------------------------------------------------------
// Calling the owners: every row goes through a contract method's handler, its input checked by the
// contract's own schema, as an API call would be. Only the synchronous handlers are used, so the whole
// example is one SQLite transaction.

type Owned = typeof groupHandlers &
  typeof peopleHandlers &
  typeof meetingHandlers &
  typeof rotationHandlers &
  typeof scanningHandlers;
type OwnedName = keyof Owned & keyof Contract & string;
const owners: Partial<HandlersFor<Contract, Ctx>> = {
  ...groupHandlers,
  ...peopleHandlers,
  ...meetingHandlers,
  ...rotationHandlers,
  ...scanningHandlers,
};

function call<M extends OwnedName>(ctx: Ctx, method: M, input: Input<M>): Output<M> {
  const parsed: unknown = contract[method].input.parse(input);
  const handler = owners[method] as (input: unknown, ctx: Ctx) => unknown;
  const out = handler(parsed, ctx);
  if (out instanceof Promise) throw new Error(`Example data: ${method} is not synchronous`);
  return out as Output<M>;
}

/** The context as it was on `date` (at midday in Helsinki): history, approvals and decisions carry that date. */
function on(ctx: Ctx, date: string): Ctx {
  const instant = new Date(`${date}T10:00:00Z`);
  return { ...ctx, now: () => instant };
}

// ---------------------------------------------------------------------------------------------------
// Small deterministic helpers

/** A stable pseudo-random number in [0, 1) from a string (the example is the same on every load). */
function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return ((h >>> 0) % 10000) / 10000;
}

/** Move a date to the nearest Tuesday–Thursday (meetings are held mid-week). */
function midweek(date: string): string {
  const wd = isoWeekday(date);
  if (wd === 1) return addDays(date, 1);
  if (wd === 5) return addDays(date, -1);
  if (wd === 6) return addDays(date, -2);
  if (wd === 7) return addDays(date, 2);
  return date;
}

// ---------------------------------------------------------------------------------------------------

interface MeetingPlan {
  key: string;
  group: string;
  date: string;
  items: StoryItem[];
  /** past: held with approved minutes; review: held last week, minutes in review; planned: coming. */
  phase: 'past' | 'review' | 'planned';
}

/**
 * Load the cooperation model of the 2022 interim report (resources/example and services/example):
 * organisations, people and members, the groups with their responsible and participating organisations,
 * meetings 2019–2022 at the report's rhythm with agendas, attendance, approved minutes, decisions and
 * action items, the scanning rounds (quarterly in 2020–2021, then every half-year), priority 7's rotating
 * chair, and the present relative to the day it is loaded: meetings coming up, one whose minutes await
 * approval, open and overdue actions, a scanning round in assessment. Everything in one transaction,
 * through the same handlers the API calls.
 */
export function loadExampleData(ctx: Ctx): void {
  ctx.tx(() => {
    const now = today(ctx);
    const orgs = new Map<string, Organisation>();
    for (const o of example.organisations) {
      orgs.set(o.abbreviation, createOrganisation(ctx, { notes: null, ...o, kind: o.kind as OrganisationKind }));
    }
    const org = (abbreviation: string) => {
      const found = orgs.get(abbreviation);
      if (!found) throw new Error(`Example data names an unknown organisation: ${abbreviation}`);
      return found;
    };
    const specs = example.groups as ExampleGroup[];
    const spec = (key: string) => specs.find((g) => g.key === key)!;

    // Groups (priority 9 comes from the scanning decision below).
    const groups = new Map<string, Group>();
    for (const g of specs) {
      if (g.key === CREATED_BY_SCANNING) continue;
      const parent = g.parent ? groups.get(g.parent) : undefined;
      const group = createGroup(
        ctx,
        {
          kind: g.kind,
          name: g.name,
          shortName: g.shortName ?? null,
          ...officialNames(g),
          description: g.description ?? null,
          parentId: parent?.id ?? null,
          status: g.status,
          statusDate: g.statusDate ?? null,
          transferredTo: g.transferredTo ?? null,
          priorityNumber: g.priorityNumber ?? null,
          timeZone: 'Europe/Helsinki',
        },
        {
          date: g.statusDate ?? '2022-05-24',
          note: g.statusNote ?? null,
          detail: g.transferredTo ? { transferredTo: g.transferredTo } : null,
        },
      );
      groups.set(g.key, group);
      for (const abbreviation of g.lead) {
        setGroupOrganisation(ctx, { groupId: group.id, organisationId: org(abbreviation).id, role: 'lead' });
      }
      for (const abbreviation of g.participants) {
        setGroupOrganisation(ctx, { groupId: group.id, organisationId: org(abbreviation).id, role: 'participant' });
      }
    }
    const group = (key: string) => {
      const found = groups.get(key);
      if (!found) throw new Error(`Example data names an unknown group: ${key}`);
      return found;
    };

    // People and members.
    const people = new Map<string, Person>();
    const conveners = new Map<string, Person>();
    const membersOf = new Map<string, { person: Person; org: string; role: string }[]>();
    let n = 0;
    const person = (key: string, abbreviation: string): Person => {
      const existing = people.get(key);
      if (existing) return existing;
      const { first, last } = fictionalName(n);
      const kind = org(abbreviation).kind as keyof typeof TITLES;
      const titles = TITLES[kind] ?? TITLES.other;
      const created = call(ctx, 'people.create', {
        name: `${first} ${last}`,
        organisationId: org(abbreviation).id,
        email: emailOf(first, last, abbreviation),
        phone: `+358 50 ${String(1000000 + n * 7919).slice(-7, -4)} ${String(1000 + n * 37).slice(-4)}`,
        title: titles[n % titles.length]!,
      });
      n++;
      people.set(key, created);
      return created;
    };
    const member = (
      groupKey: string,
      p: Person,
      abbreviation: string,
      role: Input<'groups.addMember'>['role'],
      fromDate: string,
    ) => {
      call(ctx, 'groups.addMember', { groupId: group(groupKey).id, personId: p.id, role, fromDate, untilDate: null });
      const list = membersOf.get(groupKey) ?? [];
      list.push({ person: p, org: abbreviation, role });
      membersOf.set(groupKey, list);
      if (role === 'convener') conveners.set(groupKey, p);
    };

    // The cooperation group: chaired by the Ministry of the Interior, members from the ministries and agencies.
    const cgFrom = '2019-10-01';
    member('cooperation-group', person('cg-chair', 'SM'), 'SM', 'chair', cgFrom);
    member('cooperation-group', person('cg-secretary', 'SM'), 'SM', 'secretary', cgFrom);
    for (const a of ['VNK', 'OKM', 'STM', 'OM', 'TEM', 'YM', 'VM', 'POHA', 'Rajavartiolaitos', 'Kuntaliitto', 'SPEK']) {
      member('cooperation-group', person(`cg-${a}`, a), a, 'member', cgFrom);
    }
    for (const a of ['STM', 'OM']) member('cooperation-group', person(`cg-${a}-sub`, a), a, 'substitute', cgFrom);
    conveners.set('cooperation-group', people.get('cg-chair')!);

    // Priority groups: a convener from the responsible organisation, a member from every organisation, a few substitutes.
    const fromOf = (key: string) => (RHYTHM[key]?.from ?? '2020-01-15').slice(0, 8) + '01';
    for (const g of specs) {
      if (g.key === 'cooperation-group' || g.key === 'expert-network' || g.key === CREATED_BY_SCANNING) continue;
      const from = fromOf(g.key);
      if (g.kind === 'subgroup') {
        const lead = g.lead[0]!;
        member(g.key, person(`${g.key}-lead`, lead), lead, 'convener', from);
        const parent = spec(g.parent!);
        const pick =
          g.key === 'p5-residential'
            ? ['YM', 'VAV Asunnot Oy', 'Kuntaliitto', 'Helsingin muistiyhdistys']
            : ['STM', 'VALLI ry', 'SM', 'OM'];
        for (const a of pick.filter((x) => parent.lead.includes(x) || parent.participants.includes(x))) {
          member(g.key, person(`${parent.key}-${a}`, a), a, 'member', from);
        }
        continue;
      }
      const convenerOrg = g.key === 'p5' ? 'YM' : g.lead[0]!;
      member(g.key, person(`${g.key}-convener`, convenerOrg), convenerOrg, 'convener', from);
      if (g.key !== 'p7') member(g.key, person(`${g.key}-secretary`, convenerOrg), convenerOrg, 'secretary', from);
      for (const a of [...g.lead, ...g.participants]) {
        if (a === convenerOrg) continue;
        member(g.key, person(`${g.key}-${a}`, a), a, 'member', from);
      }
      for (const a of g.participants.slice(0, 2)) member(g.key, person(`${g.key}-${a}-sub`, a), a, 'substitute', from);
    }
    // In p1 the Prime Minister's Office joined as responsible from 2022.
    // The expert network: the convener from SM, members from the responsible bodies; two conveners of priorities sit in it.
    member('expert-network', person('en-convener', 'SM'), 'SM', 'convener', '2019-09-01');
    for (const a of ['POHA', 'THL', 'Kuntaliitto', 'SPEK', 'STM', 'Rajavartiolaitos', 'TEM']) {
      member('expert-network', person(`en-${a}`, a), a, 'member', '2019-09-01');
    }
    member('expert-network', people.get('p2-convener')!, 'OKM', 'member', '2019-09-01');
    member('expert-network', people.get('p6-convener')!, 'OM', 'member', '2019-09-01');
    const assessors = membersOf.get('expert-network')!.map((m) => m.person);

    // ------------------------------------------------------------------------------------------------
    // Meetings: the story, the rhythm, and the present around `now`.
    const aliveFrom = addDays(now, -14);
    const recentFrom = addDays(now, -RECENT_DAYS) > REPORT_END ? addDays(now, -RECENT_DAYS) : REPORT_END;
    const plans: MeetingPlan[] = [];
    const storyDates = new Map<string, string[]>();
    for (const s of STORY_MEETINGS) storyDates.set(s.group, [...(storyDates.get(s.group) ?? []), s.date]);
    for (const s of STORY_MEETINGS as StoryMeeting[]) if (s.date < aliveFrom) plans.push({ ...s, phase: 'past' });
    for (const [key, r] of Object.entries(RHYTHM)) {
      const step = Math.round(365 / r.perYear);
      const until = r.until && r.until < aliveFrom ? r.until : aliveFrom;
      const topics = TOPICS[key] ?? TOPICS['cooperation-group']!;
      let i = 0;
      for (let d = r.from; d < until; d = addDays(d, step)) {
        const date = midweek(d);
        // The report's period in full, then the recent months before today (the years between are not told).
        if (date >= REPORT_END && date < recentFrom) continue;
        // July is the holiday month; story meetings replace the rhythm's meeting near them.
        if (date.slice(5, 7) === '07') continue;
        if ((storyDates.get(key) ?? []).some((s) => Math.abs(Date.parse(s) - Date.parse(date)) < 40 * 86400000)) continue;
        plans.push({ key: `${key}-${date}`, group: key, date, items: [topics[i++ % topics.length]!], phase: 'past' });
      }
    }
    // p8 met in 2020 only: its story meetings; the rhythm does not include it.
    // The present: one meeting last week whose minutes are in review, and meetings in the coming weeks.
    const alive: { group: string; offset: number; phase: MeetingPlan['phase']; topic?: number }[] = [
      { group: 'p3', offset: -7, phase: 'review' },
      { group: 'p6', offset: -6, phase: 'review' },
      { group: 'p6', offset: 22, phase: 'planned' },
      { group: 'p7', offset: 10, phase: 'planned' },
      { group: 'p7', offset: 52, phase: 'planned' },
      // The cooperation group decides on the candidate list of the round now in assessment.
      { group: 'cooperation-group', offset: CG_NEXT, phase: 'planned', topic: 1 },
      { group: 'p2', offset: 4, phase: 'planned' },
      { group: 'p4', offset: 18, phase: 'planned' },
      { group: 'p5-emergencies', offset: 8, phase: 'planned' },
      { group: 'expert-network', offset: 7, phase: 'planned' },
    ];
    for (const a of alive) {
      const date = midweek(addDays(now, a.offset));
      const topics = TOPICS[a.group] ?? TOPICS['cooperation-group']!;
      plans.push({
        key: `${a.group}-${a.phase}-${a.offset}`,
        group: a.group,
        date,
        items: [topics[Math.abs(a.offset) % topics.length]!],
        phase: a.phase,
      });
    }
    plans.sort((x, y) => x.date.localeCompare(y.date) || x.key.localeCompare(y.key));

    const meetings = new Map<string, Meeting>();
    const p7 = spec('p7').rotation!;
    let rotationCreated = false;
    const nameOf = (key: string) => {
      const g = spec(key);
      return g.shortName ?? (g.priorityNumber ? `Priority ${g.priorityNumber}` : g.name);
    };
    const pendingActions: { id: string; due: string; done: boolean }[] = [];
    // A topic is decided once per group: when the rhythm brings a decided topic round again, the
    // meeting follows up the earlier decision as an information item (no second decision of the same text).
    const decided = new Map<string, string>();
    const topicOf = (plan: MeetingPlan, item: StoryItem): StoryItem => {
      if (!item.decision) return item;
      const key = `${plan.group}|${item.title}`;
      const earlier = decided.get(key);
      if (earlier === undefined) {
        if (plan.phase !== 'planned') decided.set(key, plan.date);
        return item;
      }
      return {
        title: `Follow-up of the earlier decision: ${item.title}`,
        type: 'information',
        minutes: `The group followed up its decision of ${formatDay(earlier, 'en')}: ${item.decision}`,
      };
    };

    for (const plan of plans) {
      // Priority 7 becomes a network with a rotating chair from autumn 2021 (the rotation service writes the chairs).
      if (!rotationCreated && plan.date >= p7.effectiveFrom) {
        call(on(ctx, addDays(p7.effectiveFrom, -14)), 'rotation.create', {
          groupId: group('p7').id,
          name: p7.name,
          unit: p7.unit,
          mode: p7.mode,
          effectiveFrom: p7.effectiveFrom,
          members: p7.members.map((a) => org(a).id),
          startIndex: 0,
          handoverNoticeWeeks: 4,
        });
        rotationCreated = true;
      }
      // Actions due before this meeting are completed on time (most of the past is done).
      for (const a of pendingActions.filter((x) => !x.done && x.due <= plan.date && x.due < aliveFrom)) {
        a.done = true;
        call(on(ctx, a.due), 'meetings.setActionStatus', { id: a.id, status: 'done', completedDate: addDays(a.due, -2) });
      }
      const when = plan.phase === 'planned' ? ctx : on(ctx, addDays(plan.date, -21));
      const year = plan.date.slice(0, 4);
      // Numbered by the meeting's place in the group's yearly rhythm (4/2026 is the year's fourth slot).
      const perYear = RHYTHM[plan.group]?.perYear ?? 4;
      const dayOfYear = (Date.parse(plan.date) - Date.parse(`${year}-01-01`)) / 86400000;
      const count = Math.min(perYear, Math.floor((dayOfYear * perYear) / 365) + 1);
      const members = membersOf.get(plan.group) ?? [];
      const convener = conveners.get(plan.group) ?? null;
      const secretary = members.find((m) => m.role === 'secretary')?.person ?? null;
      const rotating = plan.group === 'p7' && plan.date >= p7.effectiveFrom;
      const cg = plan.group === 'cooperation-group';
      const meeting = call(when, 'meetings.create', {
        groupId: group(plan.group).id,
        title: `${nameOf(plan.group)} ${count}/${year}`,
        date: plan.date,
        startTime: cg ? '09:00' : plan.group === 'p6' ? '14:00' : '13:00',
        endTime: cg ? '11:00' : plan.group === 'p6' ? '15:30' : '15:00',
        timeZone: 'Europe/Helsinki',
        place: plan.date < '2020-03-15' || cg ? 'Ministry of the Interior, meeting room Kirkko' : null,
        onlineLink: plan.date >= '2020-03-15' ? `https://meet.example/${plan.group}` : null,
        chairPersonId: rotating ? null : (convener?.id ?? null),
        chairOrganisationId: null,
        secretaryPersonId: secretary?.id ?? null,
        notes: null,
      });
      meetings.set(plan.key, meeting);
      const owner = (abbreviation: string) =>
        members.find((m) => m.org === abbreviation && m.role !== 'substitute')?.person ?? convener;
      for (const item of plan.items.map((x) => topicOf(plan, x))) {
        const added = call(when, 'meetings.addAgendaItem', {
          meetingId: meeting.id,
          parentId: null,
          type: item.type ?? 'discussion',
          title: item.title,
          description: null,
          presenterPersonId: convener?.id ?? null,
          presenterOrganisationId: null,
          durationMinutes: 30,
        });
        if (plan.phase === 'planned') continue;
        const held = on(ctx, plan.date);
        if (item.minutes) call(held, 'meetings.saveMinutes', { agendaItemId: added.id, minutes: item.minutes });
        if (item.decision)
          call(held, 'meetings.addDecision', { meetingId: meeting.id, agendaItemId: added.id, text: item.decision });
        const action =
          item.action ??
          (count % 2 === 0 || plan.phase === 'review'
            ? {
                title: `Follow-up: ${item.title.toLowerCase()}`,
                owner: members[1 + (count % Math.max(1, members.length - 1))]?.org ?? '',
                dueDays: 35,
              }
            : undefined);
        if (action) {
          const who = owner(action.owner);
          const due = addDays(plan.date, action.dueDays);
          const created = call(held, 'meetings.addAction', {
            groupId: group(plan.group).id,
            meetingId: meeting.id,
            agendaItemId: added.id,
            title: action.title,
            description: null,
            ownerPersonId: who?.id ?? null,
            ownerOrganisationId: null,
            dueDate: due,
          });
          pendingActions.push({ id: created.id, due, done: false });
        }
      }
      if (plan.phase === 'planned') continue;
      // Attendance: most present or remote, some excused with a substitute in their place.
      const held = on(ctx, plan.date);
      const subs = members.filter((m) => m.role === 'substitute');
      for (const m of members) {
        if (m.role === 'substitute') continue;
        const r = hash(`${plan.key}:${m.person.name}`);
        const remote = plan.date >= '2020-03-15' && r < 0.45;
        const status = r > 0.9 ? 'excused' : remote ? 'remote' : 'present';
        call(held, 'meetings.setAttendance', {
          meetingId: meeting.id,
          personId: m.person.id,
          status,
          substituteForPersonId: null,
          organisationId: null,
        });
        const sub = status === 'excused' ? subs.find((s) => s.org === m.org) : undefined;
        if (sub) {
          call(held, 'meetings.setAttendance', {
            meetingId: meeting.id,
            personId: sub.person.id,
            status: 'present',
            substituteForPersonId: m.person.id,
            organisationId: null,
          });
        }
      }
      if (plan.phase === 'review') {
        call(held, 'meetings.setStatus', { id: meeting.id, status: 'held' });
        const reviewers = members
          .filter((m) => m.role === 'member')
          .slice(0, 2)
          .map((m) => m.person.id);
        call(held, 'meetings.setMinutesReviewers', { id: meeting.id, personIds: reviewers });
        call(on(ctx, addDays(plan.date, 2)), 'meetings.sendForReview', { id: meeting.id });
        if (reviewers[0])
          call(on(ctx, addDays(plan.date, 3)), 'meetings.approveAsReviewer', { id: meeting.id, personId: reviewers[0] });
        continue;
      }
      call(on(ctx, addDays(plan.date, 7)), 'meetings.sendForReview', { id: meeting.id });
      const approved = call(on(ctx, addDays(plan.date, 14)), 'meetings.approveMinutes', { id: meeting.id });
      meetings.set(plan.key, approved);
    }

    // Open work today: a few recent actions overdue, some in progress, some due soon.
    const open = pendingActions.filter((a) => !a.done);
    open.forEach((a, i) => {
      if (i % 3 === 1) call(ctx, 'meetings.setActionStatus', { id: a.id, status: 'in_progress' });
    });
    const soon = [
      { group: 'p2', title: 'Send the regional MOPA training dates to the members', days: 6, org: 'OKM' },
      { group: 'p6', title: 'Comment on the draft study on own-initiative information exchange', days: 9, org: 'POHA' },
      { group: 'p7', title: 'Collect the member organisations’ self-assessments', days: -5, org: 'TEM' },
      { group: 'cooperation-group', title: 'Prepare the situation review of the priorities', days: 12, org: 'SM' },
      { group: 'p4', title: 'Report on the pilot villages of local preparedness centres', days: -12, org: 'Suomen Kylät ry' },
    ];
    for (const s of soon) {
      const who = (membersOf.get(s.group) ?? []).find((m) => m.org === s.org)?.person ?? conveners.get(s.group) ?? null;
      call(on(ctx, addDays(now, Math.min(-20, s.days - 30))), 'meetings.addAction', {
        groupId: group(s.group).id,
        meetingId: null,
        agendaItemId: null,
        title: s.title,
        description: null,
        ownerPersonId: who?.id ?? null,
        ownerOrganisationId: null,
        dueDate: addDays(now, s.days),
      });
    }

    // ------------------------------------------------------------------------------------------------
    // Scanning: quarterly rounds in 2020–2021, semiannual from the second half of 2021, one in assessment now.
    const network = group('expert-network');
    const quarterly = (start: string): RoundTimeline => ({
      callOpens: start,
      submissionDeadline: addDays(start, 28),
      screeningEnds: addDays(start, 35),
      assessmentOpens: addDays(start, 35),
      assessmentCloses: addDays(start, 49),
      networkMeeting: addDays(start, 56),
      listFreeze: addDays(start, 63),
      decisionMeeting: addDays(start, 80),
    });
    interface RoundPlan {
      label: string;
      lane: 'semiannual' | 'adhoc';
      timeline: RoundTimeline;
      candidates: StoryCandidate[];
      current?: boolean;
    }
    const roundPlans: RoundPlan[] = [...QUARTERLY_2020, ...QUARTERLY_ROUNDS].map((r) => ({
      label: r.label,
      lane: 'adhoc' as const,
      timeline: quarterly(r.start),
      candidates: r.candidates,
    }));
    const outcomes: StoryCandidate['outcome'][] = ['deferred', 'folded', 'rejected', 'not_shortlisted'];
    const folds = ['p3', 'p4', 'p6', 'p2', 'p5'];
    let theme = 0;
    for (let year = 2021, half: 1 | 2 = 2; ; half === 1 ? (half = 2) : ((half = 1), year++)) {
      const timeline = semiannualTimeline(year, half);
      const current = timeline.decisionMeeting >= now;
      const t: RoundTimeline = current
        ? {
            callOpens: addDays(now, -50),
            submissionDeadline: addDays(now, -30),
            screeningEnds: addDays(now, -20),
            assessmentOpens: addDays(now, -12),
            assessmentCloses: addDays(now, 5),
            networkMeeting: midweek(addDays(now, 7)),
            listFreeze: addDays(now, 10),
            decisionMeeting: midweek(addDays(now, CG_NEXT)),
          }
        : timeline;
      const count = current ? 4 : 2;
      const candidates: StoryCandidate[] = [];
      for (let i = 0; i < count; i++) {
        const th = LATER_THEMES[theme++ % LATER_THEMES.length]!;
        const outcome = outcomes[(theme + i) % outcomes.length]!;
        const foldInto = folds[theme % folds.length]!;
        candidates.push({
          ...th,
          outcome,
          reason:
            outcome === 'folded'
              ? `Handled within priority ${foldInto.slice(1)}.`
              : outcome === 'rejected'
                ? 'Covered by the ministries’ own programmes.'
                : outcome === 'deferred'
                  ? 'Prepared further for the next round.'
                  : undefined,
          foldInto,
        });
      }
      roundPlans.push({ label: `${year} H${half}`, lane: 'semiannual', timeline: t, candidates, current });
      if (current) break;
    }

    const rounds = new Map<string, Round>();
    const createRound = (p: RoundPlan) => {
      const made = call(on(ctx, addDays(p.timeline.callOpens, -14)), 'scanning.createRound', {
        groupId: network.id,
        label: p.label,
        lane: p.lane,
        timeline: p.timeline,
        proposalCap: null,
      });
      rounds.set(p.label, made);
      return made;
    };
    roundPlans.forEach((p, index) => {
      const round = rounds.get(p.label) ?? createRound(p);
      const t = p.timeline;
      call(on(ctx, t.callOpens), 'scanning.setRoundStatus', { id: round.id, status: 'open', note: null });
      p.candidates.forEach((c, i) =>
        call(on(ctx, addDays(t.callOpens, 3 + i)), 'scanning.createCandidate', {
          roundId: round.id,
          title: c.title,
          phenomenon: c.phenomenon,
          submit: true,
          leadOrganisationId: org(c.lead).id,
          leadStatus: 'confirmed',
          proposerPersonId: assessors[(index + i) % assessors.length]!.id,
          proposerOrganisationId: null,
          participants: [],
        }),
      );
      call(on(ctx, t.submissionDeadline), 'scanning.setRoundStatus', { id: round.id, status: 'screening', note: null });
      call(on(ctx, t.assessmentOpens), 'scanning.setRoundStatus', { id: round.id, status: 'assessment', note: null });
      const detail = call(ctx, 'scanning.getRound', { id: round.id });
      const inAssessment = detail.candidates.filter((c) => c.status === 'in_assessment');
      const criteria = detail.criteria;
      // Blind scores by the expert network's members (in the open round, only some have scored yet).
      const scorers = assessors.slice(0, p.current ? 4 : 3);
      for (const c of inAssessment) {
        const quality = p.candidates.find((x) => x.title === c.title)?.quality ?? 3;
        for (const [a, assessor] of scorers.entries()) {
          if (p.current && hash(`${c.id}${a}`) < 0.3) continue;
          call(on(ctx, addDays(t.assessmentOpens, 2 + a)), 'scanning.saveScores', {
            candidateId: c.id,
            assessorId: assessor.id,
            conflictOfInterest: false,
            entries: criteria.map((k, j) => ({
              criterionId: k.id,
              value: Math.min(5, Math.max(1, Math.round(quality + (hash(`${c.title}${a}${j}`) - 0.5) * 2))),
              confidence: 2,
              comment: null,
            })),
          });
        }
      }
      if (p.current) return;
      call(on(ctx, t.assessmentCloses), 'scanning.setRoundStatus', { id: round.id, status: 'consolidation', note: null });
      const assessed = call(ctx, 'scanning.getRound', { id: round.id }).candidates;
      for (const c of assessed) {
        const story = p.candidates.find((x) => x.title === c.title);
        const status = !story || story.outcome === 'not_shortlisted' ? 'not_shortlisted' : 'shortlisted';
        if (c.status === 'assessed')
          call(on(ctx, t.networkMeeting), 'scanning.setCandidateStatus', { id: c.id, status, note: null });
      }
      call(on(ctx, t.listFreeze), 'scanning.setRoundStatus', { id: round.id, status: 'list_submitted', note: null });
      // The next semiannual round is planned by the time the cooperation group decides (a deferred theme is carried into it).
      const next = roundPlans[index + 1];
      if (next && next.lane === 'semiannual' && !rounds.has(next.label)) createRound(next);
      const decided = on(ctx, t.decisionMeeting);
      for (const c of call(ctx, 'scanning.getRound', { id: round.id }).candidates) {
        if (c.status !== 'proposed') continue;
        const story = p.candidates.find((x) => x.title === c.title)!;
        const outcome = story.outcome === 'not_shortlisted' ? 'rejected' : story.outcome;
        if (outcome === 'approved') {
          const p9 = spec(CREATED_BY_SCANNING);
          const decision = call(decided, 'scanning.decide', {
            candidateId: c.id,
            outcome,
            decidedOn: t.decisionMeeting,
            reason: 'The cooperation group decided to start preparing a new priority.',
            conditions: null,
            targetGroupId: null,
            groupName: p9.name,
          });
          const createdId = decision.createdGroupId!;
          call(decided, 'groups.update', {
            id: createdId,
            patch: { shortName: p9.shortName ?? null, ...officialNames(p9), description: p9.description ?? null },
          });
          groups.set(CREATED_BY_SCANNING, call(ctx, 'groups.get', { id: createdId }));
          member(CREATED_BY_SCANNING, person('p9-convener', 'POHA'), 'POHA', 'convener', t.decisionMeeting);
        } else {
          call(decided, 'scanning.decide', {
            candidateId: c.id,
            outcome,
            decidedOn: t.decisionMeeting,
            reason: story.reason ?? 'Not taken forward.',
            conditions: null,
            targetGroupId: outcome === 'folded' ? group(story.foldInto!).id : null,
          });
        }
      }
      call(decided, 'scanning.setRoundStatus', { id: round.id, status: 'decided', note: null });
      call(on(ctx, addDays(t.decisionMeeting, 7)), 'scanning.setRoundStatus', { id: round.id, status: 'closed', note: null });
    });

    const refs: ExampleRefs = { groups, organisations: orgs, people, conveners, meetings, today: now };
    loadExamplePlans(ctx, refs);
  });
}
