import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HlcClock, compareHlc, formatHlc, isHlc, parseHlc } from '../../shared/hlc';

describe('hybrid logical clock', () => {
  it('formats and parses stamps', () => {
    const s = formatHlc({ wall: 1_700_000_000_000, counter: 42, replica: 'abc-1' });
    expect(isHlc(s)).toBe(true);
    expect(parseHlc(s)).toEqual({ wall: 1_700_000_000_000, counter: 42, replica: 'abc-1' });
    expect(isHlc('nonsense')).toBe(false);
  });

  it('issues strictly increasing stamps even when the wall clock stands still or goes back', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 2_000_000_000_000 }), { minLength: 1, maxLength: 200 }), (walls) => {
        let i = 0;
        const clock = new HlcClock('r1', () => walls[Math.min(i++, walls.length - 1)]!);
        let last = '';
        for (let k = 0; k < walls.length; k++) {
          const s = clock.tick();
          expect(s > last).toBe(true);
          last = s;
        }
      }),
    );
  });

  it('orders a stamp after every stamp it has observed (causality), whatever the clocks say', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2_000_000_000_000 }),
        fc.integer({ min: 0, max: 2_000_000_000_000 }),
        fc.integer({ min: 0, max: 1000 }),
        (wallA, wallB, counter) => {
          const remote = formatHlc({ wall: wallA, counter, replica: 'a' });
          const b = new HlcClock('b', () => wallB);
          b.observe(remote);
          expect(compareHlc(b.tick(), remote)).toBe(1);
        },
      ),
    );
  });

  it('string order equals (wall, counter, replica) order', () => {
    const part = fc.record({
      wall: fc.integer({ min: 0, max: 999_999_999_999_999 }),
      counter: fc.integer({ min: 0, max: 36 ** 5 - 1 }),
      replica: fc.constantFrom('a', 'b', 'c'),
    });
    fc.assert(
      fc.property(part, part, (x, y) => {
        const tuple =
          Math.sign(x.wall - y.wall) ||
          Math.sign(x.counter - y.counter) ||
          (x.replica < y.replica ? -1 : x.replica > y.replica ? 1 : 0);
        expect(compareHlc(formatHlc(x), formatHlc(y))).toBe(tuple);
      }),
    );
  });
});
