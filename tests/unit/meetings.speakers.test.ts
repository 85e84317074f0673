import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addSpeaker,
  emptySpeakers,
  endTurn,
  moveSpeaker,
  nextSpeaker,
  overLimitMs,
  removeSpeaker,
  setLimit,
  speakersOf,
  speakingMs,
} from '../../shared/meetings/speakers';

let n = 0;
const ids = () => `s${++n}`;

describe('speaker queue', () => {
  it('queues, gives the floor in order, times the turn and keeps who spoke for how long', () => {
    let s = emptySpeakers();
    s = addSpeaker(s, 'item', { name: 'Aino' }, ids);
    s = addSpeaker(s, 'item', { name: 'Bertil', personId: 'p2' }, ids);
    s = addSpeaker(s, 'item', { name: '  ' }, ids); // nothing to add
    expect(speakersOf(s, 'item').queue.map((q) => q.name)).toEqual(['Aino', 'Bertil']);
    s = nextSpeaker(s, 'item', 1_000);
    expect(speakersOf(s, 'item').current).toMatchObject({ name: 'Aino', since: 1_000 });
    expect(speakingMs(s, 'item', 31_000)).toBe(30_000);
    s = nextSpeaker(s, 'item', 61_000);
    expect(speakersOf(s, 'item').current).toMatchObject({ name: 'Bertil', personId: 'p2' });
    expect(speakersOf(s, 'item').spoken).toEqual([expect.objectContaining({ name: 'Aino', ms: 60_000 })]);
    s = endTurn(s, 'item', 50_000); // clock stepped back: never negative
    expect(speakersOf(s, 'item').spoken[1]!.ms).toBe(0);
    expect(speakersOf(s, 'other').queue).toEqual([]); // each item has its own queue
  });

  it('removes and reorders queued speakers; removing the current speaker ends the turn', () => {
    let s = emptySpeakers();
    for (const name of ['A', 'B', 'C']) s = addSpeaker(s, 'i', { name }, ids);
    const [a, b, c] = speakersOf(s, 'i').queue;
    s = moveSpeaker(s, 'i', c!.id, 'up');
    s = moveSpeaker(s, 'i', a!.id, 'up'); // already first: no change
    expect(speakersOf(s, 'i').queue.map((q) => q.name)).toEqual(['A', 'C', 'B']);
    s = removeSpeaker(s, 'i', b!.id);
    s = nextSpeaker(s, 'i', 0);
    s = removeSpeaker(s, 'i', a!.id);
    expect(speakersOf(s, 'i')).toMatchObject({ current: null, queue: [{ name: 'C' }] });
  });

  it('an optional speaking-time limit says how far over the current speaker is', () => {
    let s = addSpeaker(emptySpeakers(), 'i', { name: 'A' }, ids);
    s = nextSpeaker(s, 'i', 0);
    expect(overLimitMs(s, 'i', 500_000)).toBe(0); // no limit
    s = setLimit(s, 120);
    expect(overLimitMs(s, 'i', 100_000)).toBe(0);
    expect(overLimitMs(s, 'i', 130_000)).toBe(10_000);
    expect(setLimit(s, -1).limitSeconds).toBeNull();
  });

  it('never loses or duplicates a speaker, whatever the operations', () => {
    const op = fc.oneof(
      fc.record({ k: fc.constant('add' as const), name: fc.string({ minLength: 1, maxLength: 3 }) }),
      fc.record({ k: fc.constantFrom('next' as const, 'end' as const) }),
      fc.record({ k: fc.constantFrom('remove' as const, 'up' as const, 'down' as const), at: fc.nat(5) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
        let s = emptySpeakers();
        let added = 0;
        let removed = 0;
        let t = 0;
        for (const o of ops) {
          t += 1000;
          const item = speakersOf(s, 'i');
          if (o.k === 'add') {
            const before = item.queue.length;
            s = addSpeaker(s, 'i', { name: o.name }, ids);
            added += speakersOf(s, 'i').queue.length - before;
          } else if (o.k === 'next') s = nextSpeaker(s, 'i', t);
          else if (o.k === 'end') s = endTurn(s, 'i', t);
          else if ('at' in o) {
            const target = item.queue[o.at % Math.max(1, item.queue.length)];
            if (!target) continue;
            if (o.k === 'remove') {
              s = removeSpeaker(s, 'i', target.id);
              removed++;
            } else s = moveSpeaker(s, 'i', target.id, o.k);
          }
        }
        const item = speakersOf(s, 'i');
        const all = [...item.queue, ...item.spoken, ...(item.current ? [item.current] : [])].map((x) => x.id);
        expect(new Set(all).size).toBe(all.length);
        expect(all.length).toBe(added - removed);
      }),
    );
  });
});
