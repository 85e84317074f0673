import { describe, expect, it } from 'vitest';
import {
  computeSchedule,
  computeTerms,
  localDateOf,
  proposeVersion,
  termHandovers,
  type MeetingInput,
  type Rotation,
  type RotationException,
  type RotationVersion,
  type Term,
} from '../../shared/rotation';

// Term rotations. Default: two-month terms from 1 January 2026 among A, B, C:
// Jan–Feb A, Mar–Apr B, May–Jun C, Jul–Aug A, Sep–Oct B, Nov–Dec C, Jan–Feb 2027 A.

function version(members: string[], extra: Partial<RotationVersion> = {}): RotationVersion {
  return {
    id: 'v0',
    effectiveFrom: '2026-01-01',
    mode: 'term_months',
    termLength: 2,
    anchorDate: '2026-01-01',
    members,
    startIndex: 0,
    ...extra,
  };
}

function rotation(versions: RotationVersion[], extra: Partial<Rotation> = {}): Rotation {
  return {
    id: 'r',
    groupId: 'g',
    unit: 'organisations',
    cancelledRule: 'hold',
    versions,
    exceptions: [],
    departures: [],
    ...extra,
  };
}

const meeting = (id: string, date: string, extra: Partial<MeetingInput> = {}): MeetingInput => ({
  id,
  date,
  status: 'planned',
  ...extra,
});

const summary = (terms: Term[]) => terms.map((t) => `${t.start}:${t.chair}`);

const termSwap = (id: string, a: string, b: string, createdAt = '2026-01-02T00:00:00Z'): RotationException => ({
  kind: 'swap',
  id,
  createdAt,
  first: { termStart: a },
  second: { termStart: b },
});

describe('terms', () => {
  const rot = rotation([version(['A', 'B', 'C'])]);

  it('advance one member per term and report start, exclusive end and last day', () => {
    expect(summary(computeTerms(rot, '2026-01-01', '2027-01-01'))).toEqual([
      '2026-01-01:A',
      '2026-03-01:B',
      '2026-05-01:C',
      '2026-07-01:A',
      '2026-09-01:B',
      '2026-11-01:C',
      '2027-01-01:A',
    ]);
    const [t] = computeTerms(rot, '2026-04-30', '2026-04-30');
    expect(t).toMatchObject({
      index: 1,
      start: '2026-03-01',
      end: '2026-05-01',
      lastDay: '2026-04-30',
      chair: 'B',
      source: 'base',
      versionId: 'v0',
    });
  });

  it('N-month terms across a year end', () => {
    const r = rotation([version(['A', 'B'], { termLength: 3, anchorDate: '2026-10-01', effectiveFrom: '2026-10-01' })]);
    expect(summary(computeTerms(r, '2026-10-01', '2027-06-30'))).toEqual(['2026-10-01:A', '2027-01-01:B', '2027-04-01:A']);
    const s = computeSchedule({ rotation: r, meetings: [meeting('dec', '2026-12-31'), meeting('jan', '2027-01-01')] });
    expect(s.meetings.map((m) => m.chair)).toEqual(['A', 'B']);
    expect(s.handovers).toEqual([{ date: '2027-01-01', from: 'A', to: 'B', termStart: '2027-01-01' }]);
  });

  it('month-end anchor: 31 January monthly terms', () => {
    const r = rotation([version(['A', 'B', 'C'], { termLength: 1, anchorDate: '2028-01-31', effectiveFrom: '2028-01-31' })]);
    expect(computeTerms(r, '2028-01-31', '2028-04-30').map((t) => [t.start, t.lastDay, t.chair])).toEqual([
      ['2028-01-31', '2028-02-28', 'A'],
      ['2028-02-29', '2028-03-30', 'B'],
      ['2028-03-31', '2028-04-29', 'C'],
      ['2028-04-30', '2028-05-30', 'A'],
    ]);
  });

  it('returns nothing for a per-meeting rotation or an invalid one', () => {
    expect(
      computeTerms(
        rotation([{ id: 'v', effectiveFrom: '2026-01-01', mode: 'per_meeting', members: ['A'], startIndex: 0 }]),
        '2026-01-01',
        '2027-01-01',
      ),
    ).toEqual([]);
    expect(computeTerms(rotation([version([])]), '2026-01-01', '2027-01-01')).toEqual([]);
  });

  it('a first version effective after its anchor starts at the next term start', () => {
    const r = rotation([version(['A', 'B'], { effectiveFrom: '2026-02-15' })]);
    expect(summary(computeTerms(r, '2026-01-01', '2026-06-30'))).toEqual(['2026-03-01:A', '2026-05-01:B']);
    const s = computeSchedule({ rotation: r, meetings: [meeting('feb', '2026-02-20')] });
    expect(s.meetings[0]).toMatchObject({ chair: null, source: 'none' });
  });
});

describe('meetings in term modes', () => {
  const rot = rotation([version(['A', 'B', 'C'])]);

  it('two meetings in one term have the same chair', () => {
    const s = computeSchedule({
      rotation: rot,
      meetings: [meeting('a', '2026-01-10'), meeting('b', '2026-02-28'), meeting('c', '2026-03-01')],
    });
    expect(s.meetings.map((m) => [m.chair, m.termIndex, m.termStart])).toEqual([
      ['A', 0, '2026-01-01'],
      ['A', 0, '2026-01-01'],
      ['B', 1, '2026-03-01'],
    ]);
  });

  it('a meeting moved into the next term takes that term’s chair', () => {
    const planned = computeSchedule({ rotation: rot, meetings: [meeting('m', '2026-02-20')] });
    const moved = computeSchedule({ rotation: rot, meetings: [meeting('m', '2026-03-05', { status: 'moved' })] });
    expect(planned.meetings[0]!.chair).toBe('A');
    expect(moved.meetings[0]).toMatchObject({ chair: 'B', termIndex: 1 });
  });

  it('a cancelled meeting has no chair and never shifts terms, under both settings', () => {
    for (const cancelledRule of ['hold', 'advance'] as const) {
      const s = computeSchedule({
        rotation: { ...rot, cancelledRule },
        meetings: [meeting('x', '2026-03-10', { status: 'cancelled' }), meeting('y', '2026-04-10'), meeting('z', '2026-05-10')],
      });
      expect(s.meetings.map((m) => m.chair)).toEqual([null, 'B', 'C']);
    }
  });

  it('DST weeks both ways: the meeting’s local date decides its term', () => {
    const r = rotation([
      version(['A', 'B'], { mode: 'term_weeks', termLength: 1, anchorDate: '2026-03-23', effectiveFrom: '2026-03-23' }),
    ]);
    const meetings = [
      meeting('spring-sun', localDateOf('2026-03-29T20:30:00Z')), // 23:30 EEST Sunday 29 March
      meeting('spring-mon', localDateOf('2026-03-29T21:30:00Z')), // 00:30 EEST Monday 30 March
      meeting('autumn-sun', localDateOf('2026-10-25T21:30:00Z')), // 23:30 EET Sunday 25 October
      meeting('autumn-mon', localDateOf('2026-10-25T22:30:00Z')), // 00:30 EET Monday 26 October
    ];
    const s = computeSchedule({ rotation: r, meetings });
    expect(s.meetings.map((m) => [m.meetingId, m.date, m.termStart, m.chair])).toEqual([
      ['spring-sun', '2026-03-29', '2026-03-23', 'A'],
      ['spring-mon', '2026-03-30', '2026-03-30', 'B'],
      ['autumn-sun', '2026-10-25', '2026-10-19', 'A'],
      ['autumn-mon', '2026-10-26', '2026-10-26', 'B'],
    ]);
    const terms = computeTerms(r, '2026-03-23', '2026-11-01');
    expect(terms.every((t) => t.lastDay === localDateOf(new Date(`${t.end}T12:00:00Z`).getTime() - 86_400_000))).toBe(true);
    expect(terms.find((t) => t.start === '2026-10-19')).toMatchObject({ end: '2026-10-26', lastDay: '2026-10-25' });
  });

  it('meeting overrides and meeting swaps act on top of the term chair', () => {
    const meetings = [meeting('j1', '2026-07-10'), meeting('j2', '2026-07-20'), meeting('s1', '2026-09-10')];
    const exceptions: RotationException[] = [
      { kind: 'override', id: 'o', createdAt: '1', target: { meetingId: 'j2' }, memberId: 'Z' },
      { kind: 'swap', id: 'sw', createdAt: '1', first: { meetingId: 'j1' }, second: { meetingId: 's1' } },
    ];
    const s = computeSchedule({ rotation: { ...rot, exceptions }, meetings });
    expect(s.meetings.map((m) => [m.chair, m.source])).toEqual([
      ['B', 'swap'],
      ['Z', 'override'],
      ['A', 'swap'],
    ]);
  });

  it('handovers are term starts where the chair changes, between the first and last meeting', () => {
    const s = computeSchedule({
      rotation: rot,
      meetings: [meeting('a', '2026-01-10'), meeting('b', '2026-03-10'), meeting('c', '2026-05-10')],
    });
    expect(s.handovers.map((h) => [h.date, h.from, h.to])).toEqual([
      ['2026-03-01', 'A', 'B'],
      ['2026-05-01', 'B', 'C'],
    ]);
    expect(termHandovers(computeTerms(rot, '2026-01-01', '2026-12-31'))).toHaveLength(5);
    expect(computeSchedule({ rotation: rot, meetings: [] }).handovers).toEqual([]);
  });

  it('held meetings keep their frozen chair', () => {
    const s = computeSchedule({ rotation: rot, meetings: [meeting('h', '2026-03-10', { status: 'held', frozenChair: 'Q' })] });
    expect(s.meetings[0]).toMatchObject({ chair: 'Q', source: 'frozen', baseChair: 'B' });
  });
});

describe('term exceptions', () => {
  const rot = rotation([version(['A', 'B', 'C'])]);

  it('term swap exchanges two terms; deleting it restores both', () => {
    const r = { ...rot, exceptions: [termSwap('s', '2026-07-01', '2026-11-01')] };
    expect(summary(computeTerms(r, '2026-07-01', '2026-12-31'))).toEqual(['2026-07-01:C', '2026-09-01:B', '2026-11-01:A']);
    expect(summary(computeTerms(rot, '2026-07-01', '2026-12-31'))).toEqual(['2026-07-01:A', '2026-09-01:B', '2026-11-01:C']);
  });

  it('a term swap with a partner outside the asked range still applies', () => {
    const r = { ...rot, exceptions: [termSwap('s', '2026-03-01', '2030-01-01')] };
    const [t] = computeTerms(r, '2026-03-01', '2026-03-31');
    // 2030-01-01 is term 24 → 24 mod 3 = 0 → A.
    expect(t).toMatchObject({ chair: 'A', source: 'swap', exceptionId: 's', baseChair: 'B' });
  });

  it('chained term swaps A↔B then B↔C', () => {
    const r = {
      ...rot,
      exceptions: [termSwap('s1', '2026-01-01', '2026-03-01', '1'), termSwap('s2', '2026-03-01', '2026-05-01', '2')],
    };
    expect(summary(computeTerms(r, '2026-01-01', '2026-06-30'))).toEqual(['2026-01-01:B', '2026-03-01:C', '2026-05-01:A']);
  });

  it('term override beats a term swap; the latest override wins', () => {
    const exceptions: RotationException[] = [
      termSwap('s', '2026-07-01', '2026-09-01'),
      { kind: 'override', id: 'o2', createdAt: '2026-02-01', target: { termStart: '2026-07-01' }, memberId: 'Y' },
      { kind: 'override', id: 'o1', createdAt: '2026-01-01', target: { termStart: '2026-07-01' }, memberId: 'X' },
    ];
    const terms = computeTerms({ ...rot, exceptions }, '2026-07-01', '2026-10-31');
    expect(terms.map((t) => [t.chair, t.source, t.exceptionId])).toEqual([
      ['Y', 'override', 'o2'],
      ['A', 'swap', 's'],
    ]);
  });

  it('term skip passes the term to the next member and the order continues after them', () => {
    const r = {
      ...rot,
      exceptions: [
        { kind: 'skip', id: 'k', createdAt: '1', target: { termStart: '2026-07-01' }, memberId: 'A' } as RotationException,
      ],
    };
    expect(summary(computeTerms(r, '2026-07-01', '2027-01-01'))).toEqual([
      '2026-07-01:B',
      '2026-09-01:C',
      '2026-11-01:A',
      '2027-01-01:B',
    ]);
  });

  it('exceptions that cannot apply are reported', () => {
    const exceptions: RotationException[] = [
      termSwap('bad', '2026-07-15', '2026-09-01'),
      { kind: 'skip', id: 'k', createdAt: '1', target: { meetingId: 'a' }, memberId: 'A' },
      { kind: 'skip', id: 'k2', createdAt: '1', target: { termStart: '2026-03-01' }, memberId: 'A' },
    ];
    const s = computeSchedule({
      rotation: { ...rot, exceptions },
      meetings: [meeting('a', '2026-01-10'), meeting('b', '2026-12-10')],
    });
    expect(s.notices).toEqual(
      expect.arrayContaining([
        { key: 'rotation.exceptionTargetMissing', params: { exceptionId: 'bad' } },
        { key: 'rotation.exceptionTargetMismatch', params: { exceptionId: 'k' } },
        { key: 'rotation.skipNotTheirTurn', params: { exceptionId: 'k2', memberId: 'A' } },
      ]),
    );
  });
});

describe('members leaving in term modes', () => {
  it("'skip' during a term: the next member chairs that whole term", () => {
    const rot = rotation([version(['A', 'B', 'C'])], {
      departures: [{ id: 'd', memberId: 'B', from: '2026-04-15', action: 'skip' }],
    });
    expect(summary(computeTerms(rot, '2026-01-01', '2026-10-31'))).toEqual([
      '2026-01-01:A',
      '2026-03-01:C',
      '2026-05-01:A',
      '2026-07-01:C',
      '2026-09-01:A',
    ]);
    const s = computeSchedule({
      rotation: rot,
      meetings: [meeting('h', '2026-03-10', { status: 'held', frozenChair: 'B' }), meeting('p', '2026-04-20')],
    });
    expect(s.meetings.map((m) => m.chair)).toEqual(['B', 'C']);
  });

  it("'succeed' during a term", () => {
    const rot = rotation([version(['A', 'B', 'C'])], {
      departures: [{ id: 'd', memberId: 'B', from: '2026-04-15', action: 'succeed', successorId: 'D' }],
    });
    expect(summary(computeTerms(rot, '2026-01-01', '2026-10-31'))).toEqual([
      '2026-01-01:A',
      '2026-03-01:D',
      '2026-05-01:C',
      '2026-07-01:A',
      '2026-09-01:D',
    ]);
  });
});

describe('edits in term modes keep the current and the next term', () => {
  const v0 = version(['A', 'B', 'C']);
  const rot = rotation([v0]);
  const edit = (members: string[], extra: Partial<RotationVersion> = {}, editedOn = '2026-03-10', effectiveFrom = editedOn) => {
    const v1 = proposeVersion(rot, [], { id: 'v1', effectiveFrom, editedOn, members, ...extra });
    return { v1, rot: { ...rot, versions: [v0, v1] } };
  };

  it('adding a member', () => {
    const { v1, rot: r } = edit(['A', 'B', 'C', 'D']);
    expect(v1).toMatchObject({ startIndex: 0, mode: 'term_months', termLength: 2, anchorDate: '2026-01-01' });
    expect(summary(computeTerms(r, '2026-01-01', '2027-03-01'))).toEqual([
      '2026-01-01:A',
      '2026-03-01:B', // current
      '2026-05-01:C', // next
      '2026-07-01:A',
      '2026-09-01:B',
      '2026-11-01:C',
      '2027-01-01:D',
      '2027-03-01:A',
    ]);
    expect(computeTerms(r, '2026-06-01', '2026-07-31').map((t) => t.versionId)).toEqual(['v0', 'v1']);
  });

  it('removing a member', () => {
    const { rot: r } = edit(['A', 'C']);
    expect(summary(computeTerms(r, '2026-03-01', '2027-01-01'))).toEqual([
      '2026-03-01:B',
      '2026-05-01:C',
      '2026-07-01:A',
      '2026-09-01:C',
      '2026-11-01:A',
      '2027-01-01:C',
    ]);
  });

  it('reordering members', () => {
    const { v1, rot: r } = edit(['B', 'A', 'C']);
    expect(v1.startIndex).toBe(1);
    expect(summary(computeTerms(r, '2026-03-01', '2027-01-01'))).toEqual([
      '2026-03-01:B',
      '2026-05-01:C',
      '2026-07-01:A',
      '2026-09-01:C',
      '2026-11-01:B',
      '2027-01-01:A',
    ]);
  });

  it('an effectiveFrom in the past keeps the terms current and next on the edit day', () => {
    const { rot: r } = edit(['B', 'A', 'C'], {}, '2026-06-10', '2026-01-15');
    // Edit day 10 June: current May–Jun (C), next Jul–Aug (A); from September the new order B, A, C
    // continues with B (who followed A in the old order).
    expect(summary(computeTerms(r, '2026-01-01', '2027-01-01'))).toEqual([
      '2026-01-01:A',
      '2026-03-01:B',
      '2026-05-01:C',
      '2026-07-01:A',
      '2026-09-01:B',
      '2026-11-01:A',
      '2027-01-01:C',
    ]);
  });

  it('changing the term length on the same anchor', () => {
    const { rot: r } = edit(['A', 'B', 'C'], { termLength: 3 });
    expect(summary(computeTerms(r, '2026-03-01', '2027-04-01'))).toEqual([
      '2026-03-01:B',
      '2026-05-01:C',
      '2026-07-01:A',
      '2026-10-01:B',
      '2027-01-01:C',
      '2027-04-01:A',
    ]);
  });

  it('changing the grid: the old order runs on until the new grid’s first start', () => {
    const { v1, rot: r } = edit(['A', 'B', 'C'], { mode: 'term_weeks', termLength: 4, anchorDate: '2026-07-06' });
    expect(v1.startIndex).toBe(1);
    expect(computeTerms(r, '2026-06-01', '2026-09-30').map((t) => [t.start, t.end, t.chair])).toEqual([
      ['2026-05-01', '2026-07-01', 'C'],
      ['2026-07-01', '2026-07-06', 'A'],
      ['2026-07-06', '2026-08-03', 'B'],
      ['2026-08-03', '2026-08-31', 'C'],
      ['2026-08-31', '2026-09-28', 'A'],
      ['2026-09-28', '2026-10-26', 'B'],
    ]);
  });

  it('a term swap followed by an edit: swaps stay attached to their terms', () => {
    const withSwap = { ...rot, exceptions: [termSwap('s', '2026-03-01', '2026-05-01')] };
    const v1 = proposeVersion(withSwap, [], {
      id: 'v1',
      effectiveFrom: '2026-03-10',
      editedOn: '2026-03-10',
      members: ['A', 'B', 'C', 'D'],
    });
    const r = { ...withSwap, versions: [v0, v1] };
    expect(summary(computeTerms(r, '2026-03-01', '2027-01-01'))).toEqual([
      '2026-03-01:C',
      '2026-05-01:B',
      '2026-07-01:A',
      '2026-09-01:B',
      '2026-11-01:C',
      '2027-01-01:D',
    ]);
  });
});
