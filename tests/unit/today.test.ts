import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { localDate, todayIn } from '../../shared/today';

describe('todayIn (remembers the date of the last minute asked for)', () => {
  it('turns the date at the second midnight falls on, even inside one minute under an offset with seconds', () => {
    // Helsinki kept +1:39:49 until 1921: midnight was at 22:20:11 UTC.
    expect(todayIn('Europe/Helsinki', new Date('1900-01-01T22:20:05Z'))).toBe('1900-01-01');
    expect(todayIn('Europe/Helsinki', new Date('1900-01-01T22:20:10Z'))).toBe('1900-01-01');
    expect(todayIn('Europe/Helsinki', new Date('1900-01-01T22:20:11Z'))).toBe('1900-01-02');
    expect(todayIn('Europe/Helsinki', new Date('1900-01-01T22:20:05Z'))).toBe('1900-01-01');
    // Today's zones: the minute before midnight, then midnight, then the same minute again.
    expect(todayIn('Europe/Helsinki', new Date('2026-12-03T21:59:59.999Z'))).toBe('2026-12-03');
    expect(todayIn('Europe/Helsinki', new Date('2026-12-03T22:00:00Z'))).toBe('2026-12-04');
    expect(todayIn('Europe/Helsinki', new Date('2026-12-03T22:00:59Z'))).toBe('2026-12-04');
    expect(todayIn('UTC', new Date('2026-12-03T22:00:59Z'))).toBe('2026-12-03');
    expect(() => todayIn('Europe/Helsinki', new Date(Number.NaN))).toThrow(RangeError);
  });

  it('always gives the same date as formatting the instant itself', () => {
    const zones = ['Europe/Helsinki', 'Europe/Stockholm', 'UTC', 'Asia/Kolkata', 'America/St_Johns', 'Pacific/Chatham'];
    const instant = fc.oneof(
      fc.integer({ min: Date.UTC(1880, 0, 1), max: Date.UTC(2100, 0, 1) }),
      // Near local midnights, where a cached minute could be wrong.
      fc
        .tuple(fc.integer({ min: -40_000, max: 50_000 }), fc.integer({ min: -90_000, max: 90_000 }))
        .map(([day, ms]) => day * 86_400_000 - 2 * 3_600_000 + ms),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...zones), instant), { minLength: 1, maxLength: 20 }), (asks) => {
        for (const [zone, ms] of asks) {
          // The same minute asked twice in a row (the second answer comes from the cache).
          expect(todayIn(zone, new Date(ms))).toBe(localDate(ms, zone));
          expect(todayIn(zone, new Date(ms + 1))).toBe(localDate(ms + 1, zone));
        }
      }),
    );
  });
});
