import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addCalendarDays,
  computeSchedule,
  computeTerms,
  meetingsBeforeDecide,
  proposeVersion,
  type MeetingInput,
  type MeetingStatus,
  type MemberDeparture,
  type Rotation,
  type RotationException,
  type RotationVersion,
} from '../../shared/rotation';

// Property tests over random rotations, meetings, exceptions and edits.

const POOL = ['A', 'B', 'C', 'D', 'E'];
const START = '2026-01-01';

const arbMembers = fc.array(fc.constantFrom(...POOL), { minLength: 1, maxLength: 6 });

const arbVersion = arbMembers.chain((members) =>
  fc
    .nat({ max: members.length - 1 })
    .map((startIndex): RotationVersion => ({ id: 'v0', effectiveFrom: START, mode: 'per_meeting', members, startIndex })),
);

/** Meetings at random gaps (several may share a date) from START. */
const arbMeetings = (statuses: MeetingStatus[]) =>
  fc
    .array(
      fc.record({ gap: fc.nat({ max: 45 }), status: fc.constantFrom(...statuses), time: fc.constantFrom('09:00', '13:00') }),
      { minLength: 1, maxLength: 40 },
    )
    .map((rows) => {
      let day = 0;
      return rows.map((r, i): MeetingInput => {
        day += r.gap;
        return { id: `m${i}`, date: addCalendarDays(START, day), time: r.time, status: r.status };
      });
    });

const arbDay = fc.nat({ max: 1200 }).map((d) => addCalendarDays(START, d));

function arbExceptions(meetingCount: number, kinds: RotationException['kind'][]) {
  const meetingId = fc.nat({ max: meetingCount + 1 }).map((i) => `m${i}`); // may point past the last meeting
  const one = fc.record({
    kind: fc.constantFrom(...kinds),
    a: meetingId,
    b: meetingId,
    member: fc.constantFrom(...POOL, 'Z'),
    at: fc.nat({ max: 1000 }),
  });
  return fc.array(one, { maxLength: 8 }).map((rows) =>
    rows.flatMap((r, i): RotationException[] => {
      const createdAt = String(r.at).padStart(4, '0');
      if (r.kind === 'swap') {
        return r.a === r.b
          ? []
          : [{ kind: 'swap', id: `x${i}`, createdAt, first: { meetingId: r.a }, second: { meetingId: r.b } }];
      }
      return [{ kind: r.kind, id: `x${i}`, createdAt, target: { meetingId: r.a }, memberId: r.member }];
    }),
  );
}

/** Departures of pool members; successors come from outside the pool and never leave. */
const arbDepartures = fc
  .uniqueArray(
    fc.record({
      memberId: fc.constantFrom(...POOL),
      from: arbDay,
      succeed: fc.boolean(),
      successor: fc.constantFrom('S1', 'S2'),
    }),
    {
      selector: (d) => d.memberId,
      maxLength: 3,
    },
  )
  .map((rows) =>
    rows.map((r, i): MemberDeparture =>
      r.succeed
        ? { id: `d${i}`, memberId: r.memberId, from: r.from, action: 'succeed', successorId: r.successor }
        : { id: `d${i}`, memberId: r.memberId, from: r.from, action: 'skip' },
    ),
  );

const rotation = (versions: RotationVersion[], extra: Partial<Rotation> = {}): Rotation => ({
  id: 'r',
  groupId: 'g',
  unit: 'organisations',
  cancelledRule: 'hold',
  versions,
  exceptions: [],
  departures: [],
  ...extra,
});

const arbCase = (statuses: MeetingStatus[], kinds: RotationException['kind'][]) =>
  fc
    .record({
      version: arbVersion,
      meetings: arbMeetings(statuses),
      rule: fc.constantFrom<'hold' | 'advance'>('hold', 'advance'),
    })
    .chain((c) =>
      fc.record({ exceptions: arbExceptions(c.meetings.length, kinds), departures: arbDepartures }).map((x) => ({ ...c, ...x })),
    );

describe('rotation properties', () => {
  it('without exceptions or departures, meeting k (counting turn-consuming meetings) is members[(start + k) mod n]', () => {
    fc.assert(
      fc.property(
        arbVersion,
        arbMeetings(['planned', 'moved', 'cancelled']),
        fc.constantFrom<'hold' | 'advance'>('hold', 'advance'),
        (v, meetings, rule) => {
          const s = computeSchedule({ rotation: rotation([v], { cancelledRule: rule }), meetings });
          let k = 0;
          for (const m of s.meetings) {
            if (m.status === 'cancelled') {
              expect(m.chair).toBeNull();
              if (rule === 'advance') k++;
              continue;
            }
            expect(m.chair).toBe(v.members[(v.startIndex + k) % v.members.length]);
            k++;
          }
        },
      ),
    );
  });

  it('every non-skipped, non-cancelled meeting has exactly one chair', () => {
    fc.assert(
      fc.property(arbCase(['planned', 'moved', 'cancelled', 'held'], ['override', 'swap', 'skip']), (c) => {
        // Keep someone who never leaves in the order, so "nobody available" cannot happen.
        const version = { ...c.version, members: [...c.version.members, 'S1'] };
        const s = computeSchedule({
          rotation: rotation([version], { cancelledRule: c.rule, exceptions: c.exceptions, departures: c.departures }),
          meetings: c.meetings,
        });
        expect(s.valid).toBe(true);
        expect(s.meetings).toHaveLength(c.meetings.length);
        expect(new Set(s.meetings.map((m) => m.meetingId)).size).toBe(c.meetings.length);
        for (const m of s.meetings) {
          if (m.status === 'cancelled') expect(m.chair).toBeNull();
          else if (m.chair === null) expect(m.source).toBe('skip');
          else expect(typeof m.chair).toBe('string');
        }
      }),
    );
  });

  it('held meetings never change chair under any later sequence of edits, exceptions and departures', () => {
    const arbEdit = fc.oneof(
      fc.record({ type: fc.constant('version' as const), members: arbMembers, from: arbDay, editedOn: arbDay }),
      fc.record({ type: fc.constant('exception' as const), ex: arbExceptions(40, ['override', 'swap', 'skip']) }),
      fc.record({ type: fc.constant('removeException' as const), index: fc.nat() }),
      fc.record({ type: fc.constant('departure' as const), deps: arbDepartures }),
    );
    fc.assert(
      fc.property(
        arbCase(['planned', 'moved', 'cancelled'], ['override', 'swap', 'skip']),
        fc.nat(),
        fc.array(arbEdit, { maxLength: 6 }),
        (c, cutSeed, edits) => {
          let rot = rotation([c.version], { cancelledRule: c.rule, exceptions: c.exceptions, departures: c.departures });
          const first = computeSchedule({ rotation: rot, meetings: c.meetings });
          // Hold the meetings before a random cut, freezing the chair they had.
          const cut = cutSeed % (first.meetings.length + 1);
          const frozen = new Map(
            first.meetings
              .slice(0, cut)
              .filter((m) => m.chair !== null)
              .map((m) => [m.meetingId, m.chair!]),
          );
          const meetings = c.meetings.map((m): MeetingInput =>
            frozen.has(m.id) ? { ...m, status: 'held', frozenChair: frozen.get(m.id)! } : m,
          );
          edits.forEach((e, i) => {
            if (e.type === 'version') {
              if (rot.versions.some((v) => v.effectiveFrom === e.from)) return;
              const v = proposeVersion(rot, meetings, {
                id: `v${i + 1}`,
                effectiveFrom: e.from,
                editedOn: e.editedOn,
                members: e.members,
              });
              rot = { ...rot, versions: [...rot.versions, v] };
            } else if (e.type === 'exception') {
              rot = { ...rot, exceptions: [...rot.exceptions, ...e.ex.map((x) => ({ ...x, id: `${x.id}-${i}` }))] };
            } else if (e.type === 'removeException') {
              rot = { ...rot, exceptions: rot.exceptions.filter((_, j) => j !== e.index % Math.max(1, rot.exceptions.length)) };
            } else {
              const known = new Set(rot.departures.map((d) => d.memberId));
              rot = {
                ...rot,
                departures: [
                  ...rot.departures,
                  ...e.deps.filter((d) => !known.has(d.memberId)).map((d) => ({ ...d, id: `${d.id}-${i}` })),
                ],
              };
            }
          });
          const after = computeSchedule({ rotation: rot, meetings });
          expect(after.valid).toBe(true);
          for (const m of after.meetings) {
            if (frozen.has(m.meetingId))
              expect({ id: m.meetingId, chair: m.chair, source: m.source }).toEqual({
                id: m.meetingId,
                chair: frozen.get(m.meetingId),
                source: 'frozen',
              });
          }
        },
      ),
    );
  });

  it('an edit keeps every earlier meeting and the current and next chair (per meeting)', () => {
    fc.assert(
      fc.property(
        arbCase(['planned', 'moved', 'cancelled'], ['override', 'skip']),
        arbMembers,
        fc.nat({ max: 1200 }),
        fc.nat({ max: 400 }),
        (c, members, editDay, back) => {
          const rot = rotation([c.version], { cancelledRule: c.rule, exceptions: c.exceptions, departures: c.departures });
          const editedOn = addCalendarDays(START, editDay + 1);
          const effectiveFrom = addCalendarDays(START, Math.max(1, editDay + 1 - back)); // often in the past
          const before = computeSchedule({ rotation: rot, meetings: c.meetings });
          const v1 = proposeVersion(rot, c.meetings, { id: 'v1', effectiveFrom, editedOn, members });
          const after = computeSchedule({ rotation: { ...rot, versions: [c.version, v1] }, meetings: c.meetings });
          let kept = 0;
          for (let i = 0; i < before.meetings.length; i++) {
            const b = before.meetings[i]!;
            if (b.date >= editedOn) {
              if (kept === 2) break;
              if (b.status !== 'cancelled' || c.rule === 'advance') kept++;
            }
            expect(after.meetings[i]!.chair).toBe(b.chair);
          }
        },
      ),
    );
  });

  it('an edit keeps every earlier term and the current and next term (term modes)', () => {
    const arbTermVersion = fc
      .record({
        members: arbMembers,
        mode: fc.constantFrom<'term_months' | 'term_weeks'>('term_months', 'term_weeks'),
        n: fc.integer({ min: 1, max: 6 }),
        anchor: fc.nat({ max: 60 }).map((d) => addCalendarDays(START, d)),
      })
      .chain((r) =>
        fc.nat({ max: r.members.length - 1 }).map((startIndex): RotationVersion => ({
          id: 'v0',
          effectiveFrom: START,
          mode: r.mode,
          termLength: r.n,
          anchorDate: r.anchor,
          members: r.members,
          startIndex,
        })),
      );
    fc.assert(
      fc.property(
        arbTermVersion,
        arbMembers,
        fc.nat({ max: 900 }),
        fc.option(
          fc.record({
            n: fc.integer({ min: 1, max: 6 }),
            mode: fc.constantFrom<'term_months' | 'term_weeks'>('term_months', 'term_weeks'),
          }),
        ),
        arbDepartures,
        (v0, members, editDay, gridChange, departures) => {
          const rot = rotation([v0], { departures });
          const editedOn = addCalendarDays(START, editDay + 1);
          const to = addCalendarDays(editedOn, 800);
          const before = computeTerms(rot, START, to);
          const v1 = proposeVersion(rot, [], {
            id: 'v1',
            effectiveFrom: editedOn,
            editedOn,
            members,
            ...(gridChange ? { mode: gridChange.mode, termLength: gridChange.n } : {}),
          });
          const after = computeTerms({ ...rot, versions: [v0, v1] }, START, to);
          const current = before.findIndex((t) => t.start <= editedOn && editedOn < t.end);
          if (current < 0) return; // the edit is before the first term: nothing to keep
          const keptUntil = before[current + 1]?.end ?? to;
          for (const t of before) {
            if (t.start >= keptUntil) break;
            const same = after.find((a) => a.start === t.start);
            expect(same).toMatchObject({ end: t.end, chair: t.chair });
          }
          // Terms tile the time line: no gaps, no overlaps.
          for (let i = 1; i < after.length; i++) expect(after[i]!.start).toBe(after[i - 1]!.end);
        },
      ),
    );
  });

  it('swaps only permute chairs: the multiset of chairs is unchanged', () => {
    fc.assert(
      fc.property(arbCase(['planned', 'moved'], ['swap']), (c) => {
        const base = computeSchedule({
          rotation: rotation([c.version], { cancelledRule: c.rule, departures: c.departures }),
          meetings: c.meetings,
        });
        const swapped = computeSchedule({
          rotation: rotation([c.version], { cancelledRule: c.rule, departures: c.departures, exceptions: c.exceptions }),
          meetings: c.meetings,
        });
        const sorted = (xs: (string | null)[]) => [...xs].map(String).sort();
        expect(sorted(swapped.meetings.map((m) => m.chair))).toEqual(sorted(base.meetings.map((m) => m.chair)));
      }),
    );
  });
});

describe('meetings before a date deciding their own chairs (the list of rotations, #19)', () => {
  it('gives every meeting before the date the entry it gets over all meetings, whenever the engine says so', () => {
    let decided = 0;
    fc.assert(
      fc.property(
        fc.oneof(
          arbCase(['planned', 'moved', 'cancelled', 'held'], ['override', 'skip']),
          arbCase(['planned', 'moved', 'cancelled', 'held'], ['override', 'swap', 'skip']),
        ),
        fc.array(fc.record({ members: arbMembers, from: arbDay, editedOn: arbDay }), { maxLength: 3 }),
        arbDay,
        (c, edits, cut) => {
          let rot = rotation([c.version], { cancelledRule: c.rule, exceptions: c.exceptions, departures: c.departures });
          edits.forEach((e, i) => {
            if (rot.versions.some((v) => v.effectiveFrom === e.from)) return;
            const v = proposeVersion(rot, c.meetings, {
              id: `v${i + 1}`,
              effectiveFrom: e.from,
              editedOn: e.editedOn,
              members: e.members,
            });
            rot = { ...rot, versions: [...rot.versions, v] };
          });
          const before = c.meetings.filter((m) => m.date < cut);
          if (!meetingsBeforeDecide(rot, before)) return;
          decided++;
          const all = computeSchedule({ rotation: rot, meetings: c.meetings });
          const part = computeSchedule({ rotation: rot, meetings: before });
          expect(part.valid).toBe(all.valid);
          expect(part.meetings).toEqual(all.meetings.filter((m) => m.date < cut));
        },
      ),
      { numRuns: 300 },
    );
    // Coverage guard only: how many of the 300 random cases the engine lets decide varies with the seed (20–40 seen).
    expect(decided).toBeGreaterThan(10);
  });
});
