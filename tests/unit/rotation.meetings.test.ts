import { describe, expect, it } from 'vitest';
import {
  computeSchedule,
  proposeVersion,
  type MeetingInput,
  type Rotation,
  type RotationException,
  type RotationVersion,
  type Schedule,
} from '../../shared/rotation';

// Per-meeting rotations. Meetings m1…mN are monthly on the 15th from January 2026.

function version(members: string[], startIndex = 0, extra: Partial<RotationVersion> = {}): RotationVersion {
  return { id: 'v0', effectiveFrom: '2026-01-01', mode: 'per_meeting', members, startIndex, ...extra };
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

function monthly(count: number, overrides: Record<string, Partial<MeetingInput>> = {}): MeetingInput[] {
  return Array.from({ length: count }, (_, i) => {
    const id = `m${i + 1}`;
    const date = `2026-${String(i + 1).padStart(2, '0')}-15`;
    return { id, date, status: 'planned' as const, ...overrides[id] };
  });
}

function chairs(s: Schedule): (string | null)[] {
  return s.meetings.map((m) => m.chair);
}

function byId(s: Schedule, id: string) {
  const m = s.meetings.find((x) => x.meetingId === id);
  if (!m) throw new Error(`no meeting ${id}`);
  return m;
}

const swap = (id: string, a: string, b: string, createdAt = '2026-01-02T00:00:00Z'): RotationException => ({
  kind: 'swap',
  id,
  createdAt,
  first: { meetingId: a },
  second: { meetingId: b },
});
const override = (id: string, meetingId: string, memberId: string, createdAt = '2026-01-02T00:00:00Z'): RotationException => ({
  kind: 'override',
  id,
  createdAt,
  target: { meetingId },
  memberId,
});
const skip = (id: string, meetingId: string, memberId: string): RotationException => ({
  kind: 'skip',
  id,
  createdAt: '2026-01-02T00:00:00Z',
  target: { meetingId },
  memberId,
});

describe('per-meeting base order', () => {
  it('starts at startIndex and advances one member per meeting', () => {
    const s = computeSchedule({ rotation: rotation([version(['A', 'B', 'C'], 1)]), meetings: monthly(6) });
    expect(s.valid).toBe(true);
    expect(chairs(s)).toEqual(['B', 'C', 'A', 'B', 'C', 'A']);
    expect(s.meetings.every((m) => m.source === 'base' && m.versionId === 'v0')).toBe(true);
  });

  it('gives a duplicated member each of its positions', () => {
    const s = computeSchedule({ rotation: rotation([version(['A', 'B', 'A', 'C'])]), meetings: monthly(6) });
    expect(chairs(s)).toEqual(['A', 'B', 'A', 'C', 'A', 'B']);
  });

  it('orders meetings by date, then time, then id, whatever the input order', () => {
    const meetings: MeetingInput[] = [
      { id: 'z', date: '2026-02-01', time: '09:00', status: 'planned' },
      { id: 'y', date: '2026-02-01', time: '13:00', status: 'planned' },
      { id: 'x', date: '2026-01-20', status: 'planned' },
    ];
    const s = computeSchedule({ rotation: rotation([version(['A', 'B', 'C'])]), meetings });
    expect(s.meetings.map((m) => [m.meetingId, m.chair])).toEqual([
      ['x', 'A'],
      ['z', 'B'],
      ['y', 'C'],
    ]);
  });

  it('gives meetings before the first version no chair', () => {
    const meetings: MeetingInput[] = [{ id: 'early', date: '2025-12-15', status: 'planned' }, ...monthly(2)];
    const s = computeSchedule({ rotation: rotation([version(['A', 'B'])]), meetings });
    expect(byId(s, 'early')).toMatchObject({ chair: null, source: 'none', versionId: null });
    expect(chairs(s).slice(1)).toEqual(['A', 'B']);
  });

  it('reports handovers where the chair changes, with the outgoing chair’s last meeting', () => {
    const s = computeSchedule({ rotation: rotation([version(['A', 'A', 'B'])]), meetings: monthly(4) });
    expect(chairs(s)).toEqual(['A', 'A', 'B', 'A']);
    expect(s.handovers).toEqual([
      { date: '2026-03-15', from: 'A', to: 'B', meetingId: 'm3', previousMeetingId: 'm2' },
      { date: '2026-04-15', from: 'B', to: 'A', meetingId: 'm4', previousMeetingId: 'm3' },
    ]);
  });
});

describe('held meetings', () => {
  it('keep their frozen chair without shifting later turns', () => {
    const meetings = monthly(4, { m1: { status: 'held', frozenChair: 'X' } });
    const s = computeSchedule({ rotation: rotation([version(['A', 'B', 'C'])]), meetings });
    expect(byId(s, 'm1')).toMatchObject({ chair: 'X', source: 'frozen', baseChair: 'A' });
    // The held meeting consumed exactly one turn, as it would have if A had chaired it.
    expect(chairs(s)).toEqual(['X', 'B', 'C', 'A']);
  });

  it('beat overrides and swaps created afterwards', () => {
    const meetings = monthly(3, { m1: { status: 'held', frozenChair: 'A' } });
    const rot = rotation([version(['A', 'B', 'C'])], { exceptions: [override('o', 'm1', 'Z'), swap('s', 'm1', 'm3')] });
    const s = computeSchedule({ rotation: rot, meetings });
    expect(byId(s, 'm1')).toMatchObject({ chair: 'A', source: 'frozen' });
    expect(byId(s, 'm3').chair).toBe('A'); // the other half still receives m1's turn
  });

  it('without a frozen chair are computed like planned ones', () => {
    const s = computeSchedule({ rotation: rotation([version(['A', 'B'])]), meetings: monthly(2, { m1: { status: 'held' } }) });
    expect(byId(s, 'm1')).toMatchObject({ chair: 'A', source: 'base' });
  });
});

describe('cancelled meetings', () => {
  const meetings = monthly(6, { m3: { status: 'cancelled' } });

  it("'hold': the member keeps the turn for the next meeting", () => {
    const s = computeSchedule({ rotation: rotation([version(['A', 'B', 'C'])], { cancelledRule: 'hold' }), meetings });
    expect(chairs(s)).toEqual(['A', 'B', null, 'C', 'A', 'B']);
    expect(byId(s, 'm3')).toMatchObject({ source: 'cancelled', baseChair: 'C' });
  });

  it("'advance': the turn is consumed", () => {
    const s = computeSchedule({ rotation: rotation([version(['A', 'B', 'C'])], { cancelledRule: 'advance' }), meetings });
    expect(chairs(s)).toEqual(['A', 'B', null, 'A', 'B', 'C']);
    expect(byId(s, 'm3')).toMatchObject({ source: 'cancelled', baseChair: 'C' });
  });

  it('have no chair even with an override, and make a swap inert', () => {
    const rot = rotation([version(['A', 'B', 'C'])], { exceptions: [override('o', 'm3', 'Z'), swap('s', 'm3', 'm4')] });
    const s = computeSchedule({ rotation: rot, meetings });
    expect(byId(s, 'm3').chair).toBeNull();
    expect(byId(s, 'm4')).toMatchObject({ chair: 'C', source: 'base' });
    expect(s.notices).toContainEqual({ key: 'rotation.swapTargetCancelled', params: { exceptionId: 's' } });
  });

  it('are not handovers', () => {
    const s = computeSchedule({
      rotation: rotation([version(['A', 'B', 'C'])]),
      meetings: monthly(4, { m2: { status: 'cancelled' } }),
    });
    expect(s.handovers.map((h) => [h.from, h.to, h.meetingId])).toEqual([
      ['A', 'B', 'm3'],
      ['B', 'C', 'm4'],
    ]);
  });
});

describe('moved meetings', () => {
  it('take the turn of their new position; exceptions follow the meeting', () => {
    const meetings = monthly(5, { m3: { status: 'moved', date: '2026-04-20' } });
    const rot = rotation([version(['A', 'B', 'C'])], { exceptions: [override('o', 'm3', 'Z')] });
    const plain = computeSchedule({ rotation: rotation([version(['A', 'B', 'C'])]), meetings });
    expect(plain.meetings.map((m) => `${m.meetingId}:${m.chair}`)).toEqual(['m1:A', 'm2:B', 'm4:C', 'm3:A', 'm5:B']);
    const s = computeSchedule({ rotation: rot, meetings });
    expect(byId(s, 'm3')).toMatchObject({ chair: 'Z', date: '2026-04-20', source: 'override' });
  });
});

describe('swaps', () => {
  const base = () => rotation([version(['A', 'B', 'C', 'D'])]);

  it('exchange two meetings’ chairs; deleting the swap restores both halves', () => {
    const rot = { ...base(), exceptions: [swap('s1', 'm2', 'm4')] };
    const s = computeSchedule({ rotation: rot, meetings: monthly(4) });
    expect(chairs(s)).toEqual(['A', 'D', 'C', 'B']);
    expect(byId(s, 'm2')).toMatchObject({ source: 'swap', exceptionId: 's1', baseChair: 'B' });
    const after = computeSchedule({ rotation: { ...rot, exceptions: [] }, meetings: monthly(4) });
    expect(chairs(after)).toEqual(['A', 'B', 'C', 'D']);
  });

  it('chain in creation order: A↔B then B↔C', () => {
    // Base m1=A, m2=B, m3=C. s1: m1↔m2 → B,A,C. s2: m2↔m3 → B,C,A.
    const exceptions = [swap('s2', 'm2', 'm3', '2026-01-03T00:00:00Z'), swap('s1', 'm1', 'm2', '2026-01-02T00:00:00Z')];
    const s = computeSchedule({ rotation: { ...base(), exceptions }, meetings: monthly(4) });
    expect(chairs(s)).toEqual(['B', 'C', 'A', 'D']);
    expect(s.meetings.map((m) => m.exceptionId)).toEqual(['s1', 's2', 's2', undefined]);
    // The other creation order gives the other composition: s2 first → A,C,B; then s1 → C,A,B.
    const reversed = [swap('s2', 'm2', 'm3', '2026-01-02T00:00:00Z'), swap('s1', 'm1', 'm2', '2026-01-03T00:00:00Z')];
    expect(chairs(computeSchedule({ rotation: { ...base(), exceptions: reversed }, meetings: monthly(4) }))).toEqual([
      'C',
      'A',
      'B',
      'D',
    ]);
  });

  it('a swap with a meeting that does not exist is inert and reported', () => {
    const s = computeSchedule({ rotation: { ...base(), exceptions: [swap('s', 'm1', 'gone')] }, meetings: monthly(2) });
    expect(chairs(s)).toEqual(['A', 'B']);
    expect(s.notices).toContainEqual({ key: 'rotation.exceptionTargetMissing', params: { exceptionId: 's' } });
  });
});

describe('overrides', () => {
  it('beat swaps and the base order', () => {
    const rot = rotation([version(['A', 'B', 'C'])], { exceptions: [swap('s', 'm1', 'm2'), override('o', 'm1', 'Z')] });
    const s = computeSchedule({ rotation: rot, meetings: monthly(3) });
    expect(s.meetings.map((m) => [m.chair, m.source])).toEqual([
      ['Z', 'override'],
      ['A', 'swap'],
      ['C', 'base'],
    ]);
  });

  it('overlapping overrides on one meeting: the latest created wins, whatever the array order', () => {
    const exceptions = [
      override('late', 'm2', 'Y', '2026-02-01T10:00:00Z'),
      override('early', 'm2', 'X', '2026-01-05T10:00:00Z'),
    ];
    const s = computeSchedule({ rotation: rotation([version(['A', 'B'])], { exceptions }), meetings: monthly(2) });
    expect(byId(s, 'm2')).toMatchObject({ chair: 'Y', exceptionId: 'late' });
  });

  it('do not change the turn counting', () => {
    const s = computeSchedule({
      rotation: rotation([version(['A', 'B', 'C'])], { exceptions: [override('o', 'm1', 'Z')] }),
      meetings: monthly(4),
    });
    expect(chairs(s)).toEqual(['Z', 'B', 'C', 'A']);
  });

  it('with a missing meeting are reported', () => {
    const s = computeSchedule({
      rotation: rotation([version(['A'])], { exceptions: [override('o', 'nope', 'Z')] }),
      meetings: monthly(1),
    });
    expect(s.notices).toContainEqual({ key: 'rotation.exceptionTargetMissing', params: { exceptionId: 'o' } });
  });
});

describe('skips', () => {
  it('pass the meeting to the next member; the rotation continues after that member', () => {
    const s = computeSchedule({
      rotation: rotation([version(['A', 'B', 'C'])], { exceptions: [skip('k', 'm2', 'B')] }),
      meetings: monthly(6),
    });
    expect(chairs(s)).toEqual(['A', 'C', 'A', 'B', 'C', 'A']);
    expect(byId(s, 'm2')).toMatchObject({ source: 'skip', exceptionId: 'k', baseChair: 'C' });
  });

  it('skip over a duplicate of the skipped member', () => {
    const s = computeSchedule({
      rotation: rotation([version(['A', 'A', 'B'])], { exceptions: [skip('k', 'm1', 'A')] }),
      meetings: monthly(4),
    });
    expect(chairs(s)).toEqual(['B', 'A', 'A', 'B']);
  });

  it('leave no chair when nobody else is in the order', () => {
    const s = computeSchedule({
      rotation: rotation([version(['A'])], { exceptions: [skip('k', 'm1', 'A')] }),
      meetings: monthly(2),
    });
    expect(byId(s, 'm1')).toMatchObject({ chair: null, source: 'skip' });
    expect(byId(s, 'm2').chair).toBe('A');
  });

  it('are inert when it is not that member’s turn', () => {
    const s = computeSchedule({
      rotation: rotation([version(['A', 'B', 'C'])], { exceptions: [skip('k', 'm2', 'C')] }),
      meetings: monthly(3),
    });
    expect(chairs(s)).toEqual(['A', 'B', 'C']);
    expect(s.notices).toContainEqual({ key: 'rotation.skipNotTheirTurn', params: { exceptionId: 'k', memberId: 'C' } });
  });

  it('rank below swaps and overrides (they act on the skipped result)', () => {
    const exceptions = [skip('k', 'm1', 'A'), swap('s', 'm1', 'm3')];
    const s = computeSchedule({ rotation: rotation([version(['A', 'B', 'C'])], { exceptions }), meetings: monthly(3) });
    // Skip: m1=B, m2=C, m3=A. Swap m1↔m3: A, C, B.
    expect(chairs(s)).toEqual(['A', 'C', 'B']);
  });
});

describe('members leaving', () => {
  const meetings = monthly(6);

  it("'skip': the member’s positions are passed over from the date", () => {
    const rot = rotation([version(['A', 'B', 'C'])], {
      departures: [{ id: 'd', memberId: 'B', from: '2026-03-01', action: 'skip' }],
    });
    expect(chairs(computeSchedule({ rotation: rot, meetings }))).toEqual(['A', 'B', 'C', 'A', 'C', 'A']);
  });

  it("'succeed': the successor takes the member’s positions from the date", () => {
    const rot = rotation([version(['A', 'B', 'C'])], {
      departures: [{ id: 'd', memberId: 'B', from: '2026-03-01', action: 'succeed', successorId: 'D' }],
    });
    expect(chairs(computeSchedule({ rotation: rot, meetings }))).toEqual(['A', 'B', 'C', 'A', 'D', 'C']);
  });

  it('successions chain, and a successor can leave too', () => {
    const rot = rotation([version(['A', 'B', 'C'])], {
      departures: [
        { id: 'd1', memberId: 'B', from: '2026-01-20', action: 'succeed', successorId: 'D' },
        { id: 'd2', memberId: 'D', from: '2026-05-01', action: 'skip' },
      ],
    });
    expect(chairs(computeSchedule({ rotation: rot, meetings }))).toEqual(['A', 'D', 'C', 'A', 'C', 'A']);
  });

  it('a leaving member’s held meetings keep their chair', () => {
    const rot = rotation([version(['A', 'B', 'C'])], {
      departures: [{ id: 'd', memberId: 'B', from: '2026-01-01', action: 'skip' }],
    });
    const s = computeSchedule({ rotation: rot, meetings: monthly(3, { m2: { status: 'held', frozenChair: 'B' } }) });
    expect(byId(s, 'm2')).toMatchObject({ chair: 'B', source: 'frozen' });
  });

  it('when everybody has left there is no chair', () => {
    const rot = rotation([version(['A'])], { departures: [{ id: 'd', memberId: 'A', from: '2026-02-01', action: 'skip' }] });
    expect(chairs(computeSchedule({ rotation: rot, meetings: monthly(3) }))).toEqual(['A', null, null]);
  });
});

describe('rotation edits (versions) while someone chairs', () => {
  // m1 (Jan) and m2 (Feb) are held. The edit is made on 20 Feb: current = m3 (C), next = m4 (A).
  const meetings = monthly(8, { m1: { status: 'held', frozenChair: 'A' }, m2: { status: 'held', frozenChair: 'B' } });
  const v0 = version(['A', 'B', 'C']);
  const before = computeSchedule({ rotation: rotation([v0]), meetings });

  function edit(members: string[], effectiveFrom = '2026-02-20', editedOn = '2026-02-20') {
    const rot = rotation([v0]);
    const v1 = proposeVersion(rot, meetings, { id: 'v1', effectiveFrom, editedOn, members });
    return { v1, schedule: computeSchedule({ rotation: { ...rot, versions: [v0, v1] }, meetings }) };
  }

  it('baseline', () => {
    expect(chairs(before)).toEqual(['A', 'B', 'C', 'A', 'B', 'C', 'A', 'B']);
  });

  it('adding a member: current and next stay, then the order continues with the new member in it', () => {
    const { v1, schedule } = edit(['A', 'B', 'C', 'D']);
    expect(v1.startIndex).toBe(1);
    expect(chairs(schedule)).toEqual(['A', 'B', 'C', 'A', 'B', 'C', 'D', 'A']);
    expect(schedule.meetings.map((m) => m.versionId)).toEqual(['v0', 'v0', 'v0', 'v0', 'v1', 'v1', 'v1', 'v1']);
  });

  it('removing a member', () => {
    const { v1, schedule } = edit(['A', 'C']);
    expect(v1.startIndex).toBe(1); // B would have been next after A → B is gone → C
    expect(chairs(schedule)).toEqual(['A', 'B', 'C', 'A', 'C', 'A', 'C', 'A']);
  });

  it('removing the member who chairs next does not take the announced meeting away', () => {
    const { schedule } = edit(['B', 'C']);
    expect(chairs(schedule)).toEqual(['A', 'B', 'C', 'A', 'B', 'C', 'B', 'C']);
  });

  it('reordering members', () => {
    const { v1, schedule } = edit(['C', 'B', 'A']);
    expect(v1.startIndex).toBe(1);
    expect(chairs(schedule)).toEqual(['A', 'B', 'C', 'A', 'B', 'A', 'C', 'B']);
  });

  it('continues from the right occurrence of a duplicated member', () => {
    const v0d = version(['A', 'B', 'A', 'C']);
    const rot = rotation([v0d]);
    // m1..m4 = A,B,A,C; edit on 20 Feb keeps m3 (A, second occurrence) and m4 (C): next is A (first).
    const v1 = proposeVersion(rot, meetings, {
      id: 'v1',
      effectiveFrom: '2026-02-20',
      editedOn: '2026-02-20',
      members: ['A', 'B', 'A', 'C', 'D'],
    });
    expect(v1.startIndex).toBe(0);
    const v1b = proposeVersion(rot, monthly(8), {
      id: 'v1',
      effectiveFrom: '2026-01-20',
      editedOn: '2026-01-20',
      members: ['A', 'B', 'A', 'D', 'C'],
    });
    // Keeps m2 (B) and m3 (A, second occurrence); continues with C → index 4.
    expect(v1b.startIndex).toBe(4);
  });

  it('an effectiveFrom in the past keeps held meetings and the current and next chair as of the edit day', () => {
    const { schedule } = edit(['C', 'B', 'A'], '2026-01-10', '2026-02-20');
    expect(chairs(schedule)).toEqual(['A', 'B', 'C', 'A', 'B', 'A', 'C', 'B']);
    // The version is in force since 1 January, but its order takes over only after the kept meetings.
    expect(schedule.meetings[4]!.versionId).toBe('v1');
  });

  it('an effectiveFrom in the past without editedOn keeps held meetings anyway', () => {
    const rot = rotation([v0, version(['C', 'B', 'A'], 0, { id: 'v1', effectiveFrom: '2026-01-01' })].slice(1));
    // Only v1 in force from 1 Jan: nothing to keep; m1 and m2 are frozen.
    const s = computeSchedule({ rotation: rot, meetings });
    expect(chairs(s)).toEqual(['A', 'B', 'A', 'C', 'B', 'A', 'C', 'B']);
    const both = computeSchedule({
      rotation: rotation([v0, version(['C', 'B', 'A'], 0, { id: 'v1', effectiveFrom: '2026-01-10' })]),
      meetings,
    });
    // Kept from 10 Jan: m1 and m2 (held anyway) → the new order starts at m3.
    expect(chairs(both)).toEqual(['A', 'B', 'C', 'B', 'A', 'C', 'B', 'A']);
  });

  it('past meetings that were never marked held keep the old order too', () => {
    const planned = monthly(8);
    const rot = rotation([v0]);
    const v1 = proposeVersion(rot, planned, {
      id: 'v1',
      effectiveFrom: '2026-01-10',
      editedOn: '2026-03-20',
      members: ['C', 'B', 'A'],
    });
    const s = computeSchedule({ rotation: { ...rot, versions: [v0, v1] }, meetings: planned });
    // Kept: m4 (A) and m5 (B); continue with C → C,B,A order from index 0.
    expect(chairs(s)).toEqual(['A', 'B', 'C', 'A', 'B', 'C', 'B', 'A']);
  });

  it('two successive edits each keep the then current and next chair', () => {
    const rot = rotation([v0]);
    const v1 = proposeVersion(rot, meetings, {
      id: 'v1',
      effectiveFrom: '2026-02-20',
      editedOn: '2026-02-20',
      members: ['A', 'B', 'C', 'D'],
    });
    const rot1 = { ...rot, versions: [v0, v1] };
    const s1 = computeSchedule({ rotation: rot1, meetings });
    const v2 = proposeVersion(rot1, meetings, {
      id: 'v2',
      effectiveFrom: '2026-04-20',
      editedOn: '2026-04-20',
      members: ['D', 'C', 'B', 'A'],
    });
    const s2 = computeSchedule({ rotation: { ...rot, versions: [v0, v1, v2] }, meetings });
    expect(chairs(s1)).toEqual(['A', 'B', 'C', 'A', 'B', 'C', 'D', 'A']);
    // Kept after the second edit: m5 (B) and m6 (C); continue after C → D in [D,C,B,A] is index 0.
    expect(chairs(s2)).toEqual(['A', 'B', 'C', 'A', 'B', 'C', 'D', 'C']);
    expect(v2.startIndex).toBe(0);
  });

  it('an edit with the date of an existing version replaces it', () => {
    const rot = rotation([v0, version(['B', 'A'], 0, { id: 'v1', effectiveFrom: '2026-02-20', editedOn: '2026-02-20' })]);
    const v1b = proposeVersion(rot, meetings, {
      id: 'v1b',
      effectiveFrom: '2026-02-20',
      editedOn: '2026-02-20',
      members: ['C', 'A'],
    });
    const s = computeSchedule({ rotation: { ...rot, versions: [v0, v1b] }, meetings });
    expect(chairs(s)).toEqual(['A', 'B', 'C', 'A', 'C', 'A', 'C', 'A']);
  });

  it('cancelled meetings under "hold" are not counted as the kept current/next', () => {
    const ms = monthly(8, { m3: { status: 'cancelled' } });
    const rot = rotation([v0]);
    const v1 = proposeVersion(rot, ms, {
      id: 'v1',
      effectiveFrom: '2026-02-20',
      editedOn: '2026-02-20',
      members: ['C', 'B', 'A'],
    });
    const s = computeSchedule({ rotation: { ...rot, versions: [v0, v1] }, meetings: ms });
    // Before: A,B,–,C,A,B,C,A. Kept: m4 (C) and m5 (A). Continue after A → B.
    expect(chairs(s)).toEqual(['A', 'B', null, 'C', 'A', 'B', 'A', 'C']);
  });
});

describe('a swap followed by a rotation edit', () => {
  const meetings = monthly(8);
  const v0 = version(['A', 'B', 'C']);

  it('a swap of the current and next meeting survives the edit unchanged', () => {
    const rot = rotation([v0], { exceptions: [swap('s', 'm3', 'm4')] });
    const v1 = proposeVersion(rot, meetings, {
      id: 'v1',
      effectiveFrom: '2026-02-20',
      editedOn: '2026-02-20',
      members: ['A', 'B', 'C', 'D'],
    });
    const s = computeSchedule({ rotation: { ...rot, versions: [v0, v1] }, meetings });
    expect(chairs(s)).toEqual(['A', 'B', 'A', 'C', 'B', 'C', 'D', 'A']);
    expect(s.notices).toEqual([]);
  });

  it('a swap of two meetings after the edit exchanges the new order’s chairs', () => {
    const rot = rotation([v0], { exceptions: [swap('s', 'm6', 'm7')] });
    const v1 = proposeVersion(rot, meetings, {
      id: 'v1',
      effectiveFrom: '2026-02-20',
      editedOn: '2026-02-20',
      members: ['A', 'B', 'C', 'D'],
    });
    const s = computeSchedule({ rotation: { ...rot, versions: [v0, v1] }, meetings });
    // New base from m5: B, C, D, A → swap m6↔m7 → B, D, C, A.
    expect(chairs(s)).toEqual(['A', 'B', 'C', 'A', 'B', 'D', 'C', 'A']);
  });

  it('a swap between a kept meeting and a later one follows the new order and is reported', () => {
    const rot = rotation([v0], { exceptions: [swap('s', 'm4', 'm7')] });
    const v1 = proposeVersion(rot, meetings, {
      id: 'v1',
      effectiveFrom: '2026-02-20',
      editedOn: '2026-02-20',
      members: ['A', 'B', 'C', 'D'],
    });
    const s = computeSchedule({ rotation: { ...rot, versions: [v0, v1] }, meetings });
    expect(byId(s, 'm4').chair).toBe('D');
    expect(byId(s, 'm7').chair).toBe('A');
    expect(s.notices).toContainEqual({ key: 'rotation.swapAcrossEdit', params: { exceptionId: 's' } });
  });
});
