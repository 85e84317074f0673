import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { adjacentItemId, computeRunState, formatTimer, type RunEvent } from '../../shared/meetings/run';

const MIN = 60_000;
const T0 = Date.UTC(2025, 4, 5, 7, 0);
const at = (minutes: number): number => T0 + minutes * MIN;
const items = [
  { id: 'A', allottedMinutes: 3 },
  { id: 'B', allottedMinutes: 10 },
  { id: 'C', allottedMinutes: 5 },
];

describe('computeRunState', () => {
  it('nothing started: all time remains', () => {
    const s = computeRunState(items, [], at(0));
    expect(s).toMatchObject({ currentItemId: null, runningSince: null, elapsedMs: 0, allottedMs: 18 * MIN, meetingElapsedMs: 0 });
    expect(s.items[1]).toEqual({
      id: 'B',
      allottedMs: 10 * MIN,
      elapsedMs: 0,
      remainingMs: 10 * MIN,
      overrunMs: 0,
      running: false,
      visited: false,
    });
  });

  it('accumulates item time across switches and a break, and shows overruns', () => {
    const events: RunEvent[] = [
      { kind: 'start', itemId: 'A', at: at(0) },
      { kind: 'start', itemId: 'B', at: at(5) }, // A ran 5 of 3 minutes
      { kind: 'stop', at: at(12) }, // break: B 7 minutes so far
      { kind: 'start', itemId: 'B', at: at(20) },
    ];
    const s = computeRunState(items, events, at(25));
    expect(s.items.map((i) => [i.id, i.elapsedMs / MIN, i.remainingMs / MIN, i.overrunMs / MIN, i.running, i.visited])).toEqual([
      ['A', 5, 0, 2, false, true],
      ['B', 12, 0, 2, true, true],
      ['C', 0, 5, 0, false, false],
    ]);
    expect(s).toMatchObject({
      currentItemId: 'B',
      runningSince: at(20),
      elapsedMs: 17 * MIN,
      overrunMs: 4 * MIN,
      meetingElapsedMs: 25 * MIN, // the break counts on the meeting's clock
    });
  });

  it('a pause keeps the current item but stops its timer', () => {
    const s = computeRunState(
      items,
      [
        { kind: 'start', itemId: 'C', at: at(0) },
        { kind: 'stop', at: at(2) },
      ],
      at(60),
    );
    expect(s.currentItemId).toBe('C');
    expect(s.runningSince).toBeNull();
    expect(s.items[2]).toMatchObject({ elapsedMs: 2 * MIN, remainingMs: 3 * MIN, running: false });
    expect(s.meetingElapsedMs).toBe(2 * MIN);
  });

  it('sorts events saved out of order and never counts negative time', () => {
    const ordered: RunEvent[] = [
      { kind: 'start', itemId: 'A', at: at(0) },
      { kind: 'start', itemId: 'B', at: at(2) },
      { kind: 'stop', at: at(4) },
    ];
    expect(computeRunState(items, [ordered[2]!, ordered[0]!, ordered[1]!], at(9))).toEqual(
      computeRunState(items, ordered, at(9)),
    );
    // `now` before the last start (a clock stepped back): the running interval counts as 0.
    const back = computeRunState(items, [{ kind: 'start', itemId: 'A', at: at(10) }], at(5));
    expect(back.items[0]!.elapsedMs).toBe(0);
  });

  it('keeps the time of an item deleted mid-meeting apart', () => {
    const s = computeRunState(
      items,
      [
        { kind: 'start', itemId: 'gone', at: at(0) },
        { kind: 'start', itemId: 'A', at: at(4) },
      ],
      at(5),
    );
    expect(s.unlistedElapsedMs).toBe(4 * MIN);
    expect(s.elapsedMs).toBe(1 * MIN);
  });

  it('property: item times add up to the running time and elapsed = allotted − remaining + overrun', () => {
    const eventArb: fc.Arbitrary<RunEvent> = fc.oneof(
      fc.record({
        kind: fc.constant('start' as const),
        itemId: fc.constantFrom('A', 'B', 'C'),
        at: fc.integer({ min: 0, max: 3_600_000 }),
      }),
      fc.record({ kind: fc.constant('stop' as const), at: fc.integer({ min: 0, max: 3_600_000 }) }),
    );
    fc.assert(
      fc.property(fc.array(eventArb, { maxLength: 30 }), fc.integer({ min: 3_600_000, max: 7_200_000 }), (events, now) => {
        const s = computeRunState(items, events, now);
        for (const i of s.items) {
          expect(i.elapsedMs - i.overrunMs + i.remainingMs).toBe(i.allottedMs);
          expect(i.remainingMs === 0 || i.overrunMs === 0).toBe(true);
        }
        expect(s.elapsedMs).toBeLessThanOrEqual(s.meetingElapsedMs);
      }),
    );
  });
});

describe('navigation and display', () => {
  it('moves to the next and previous item', () => {
    const order = ['A', 'B', 'C'];
    expect(adjacentItemId(order, null, 'next')).toBe('A');
    expect(adjacentItemId(order, 'A', 'next')).toBe('B');
    expect(adjacentItemId(order, 'C', 'next')).toBeNull();
    expect(adjacentItemId(order, 'A', 'previous')).toBeNull();
    expect(adjacentItemId(order, 'B', 'previous')).toBe('A');
    expect(adjacentItemId([], null, 'next')).toBeNull();
  });

  it('formats a timer', () => {
    expect(formatTimer(0)).toBe('0:00');
    expect(formatTimer(65_400)).toBe('1:05');
    expect(formatTimer(3_600_000 + 2 * MIN + 3000)).toBe('1:02:03');
    expect(formatTimer(-90_000)).toBe('\u22121:30');
  });
});
