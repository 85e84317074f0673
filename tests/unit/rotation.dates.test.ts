import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { RRule } from 'rrule';
import { TermGrid, addCalendarDays, isIsoDate, localDateOf } from '../../shared/rotation';
import { dayNumber, fromDayNumber } from '../../shared/rotation/dates';

const starts = (grid: TermGrid, count: number, from = 0) => Array.from({ length: count }, (_, k) => grid.start(from + k));

// Run in the group's own zone so that any accidental use of local time would show up around DST.
const originalTz = process.env.TZ;
beforeAll(() => {
  process.env.TZ = 'Europe/Helsinki';
});
afterAll(() => {
  if (originalTz === undefined) delete process.env.TZ;
  else process.env.TZ = originalTz;
});

describe('month-end anchors: clamp from the anchor each time, never cumulative', () => {
  it('31st', () => {
    expect(starts(new TermGrid('months', 1, '2026-01-31'), 6)).toEqual([
      '2026-01-31',
      '2026-02-28',
      '2026-03-31',
      '2026-04-30',
      '2026-05-31',
      '2026-06-30',
    ]);
    expect(new TermGrid('months', 1, '2028-01-31').start(1)).toBe('2028-02-29');
  });

  it('30th', () => {
    expect(starts(new TermGrid('months', 1, '2026-01-30'), 4)).toEqual(['2026-01-30', '2026-02-28', '2026-03-30', '2026-04-30']);
  });

  it('29th, in a common and in a leap year', () => {
    expect(starts(new TermGrid('months', 1, '2027-01-29'), 3)).toEqual(['2027-01-29', '2027-02-28', '2027-03-29']);
    expect(starts(new TermGrid('months', 1, '2028-01-29'), 3)).toEqual(['2028-01-29', '2028-02-29', '2028-03-29']);
  });

  it('29 February', () => {
    expect(starts(new TermGrid('months', 12, '2028-02-29'), 5)).toEqual([
      '2028-02-29',
      '2029-02-28',
      '2030-02-28',
      '2031-02-28',
      '2032-02-29',
    ]);
    expect(starts(new TermGrid('months', 1, '2028-02-29'), 3)).toEqual(['2028-02-29', '2028-03-29', '2028-04-29']);
  });

  it('N-month terms across a year end (5 months from 30 November lands on 29 Feb 2028)', () => {
    expect(starts(new TermGrid('months', 5, '2026-11-30'), 5)).toEqual([
      '2026-11-30',
      '2027-04-30',
      '2027-09-30',
      '2028-02-29',
      '2028-07-30',
    ]);
    expect(starts(new TermGrid('months', 3, '2026-10-01'), 3)).toEqual(['2026-10-01', '2027-01-01', '2027-04-01']);
  });

  it('indexOf finds the term of a date, also right before and on a clamped start', () => {
    const g = new TermGrid('months', 1, '2026-01-31');
    expect(g.indexOf('2026-02-27')).toBe(0);
    expect(g.indexOf('2026-02-28')).toBe(1);
    expect(g.indexOf('2026-03-30')).toBe(1);
    expect(g.indexOf('2026-03-31')).toBe(2);
    expect(g.indexOf('2025-12-31')).toBe(-1);
    expect(g.firstStartOnOrAfter('2026-03-01')).toBe('2026-03-31');
    expect(g.firstStartOnOrAfter('2026-03-31')).toBe('2026-03-31');
  });
});

describe('weeks and DST (Europe/Helsinki: last Sunday of March and of October)', () => {
  it('weekly and two-weekly terms starting on both DST Sundays of 2026 keep their calendar length', () => {
    // 29 March and 25 October 2026 are the change days; 30 weeks after 29 March is 25 October, so one
    // weekly grid starts terms on both.
    const g = new TermGrid('weeks', 1, '2026-03-29');
    expect(g.start(30)).toBe('2026-10-25');
    for (let k = -2; k < 40; k++) expect(dayNumber(g.start(k + 1)) - dayNumber(g.start(k))).toBe(7);
    const two = new TermGrid('weeks', 2, '2026-03-15');
    expect(starts(two, 3)).toEqual(['2026-03-15', '2026-03-29', '2026-04-12']);
    expect(two.indexOf('2026-03-28')).toBe(0);
    expect(two.indexOf('2026-03-29')).toBe(1);
  });

  it('weekly boundaries across the October change do not move', () => {
    const g = new TermGrid('weeks', 1, '2026-10-19');
    expect(starts(g, 3)).toEqual(['2026-10-19', '2026-10-26', '2026-11-02']);
    expect(g.indexOf('2026-10-25')).toBe(0);
    expect(g.indexOf('2026-10-26')).toBe(1);
  });

  it('localDateOf gives the Helsinki calendar date on both DST nights', () => {
    // Spring: 01:00Z on 29 March is 03:00 EET → 04:00 EEST.
    expect(localDateOf('2026-03-28T21:59:00Z')).toBe('2026-03-28');
    expect(localDateOf('2026-03-28T22:30:00Z')).toBe('2026-03-29');
    expect(localDateOf('2026-03-29T21:30:00Z')).toBe('2026-03-30'); // 00:30 EEST
    // Autumn: 01:00Z on 25 October is 04:00 EEST → 03:00 EET; the evening is UTC+2 again.
    expect(localDateOf('2026-10-24T21:30:00Z')).toBe('2026-10-25'); // 00:30 EEST
    expect(localDateOf('2026-10-25T21:30:00Z')).toBe('2026-10-25'); // 23:30 EET
    expect(localDateOf('2026-10-25T22:30:00Z')).toBe('2026-10-26'); // 00:30 EET
    expect(localDateOf('2026-10-25T22:30:00Z', 'UTC')).toBe('2026-10-25');
  });
});

describe('calendar dates', () => {
  it('validates ISO dates', () => {
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2027-02-29')).toBe(false);
    expect(isIsoDate('2026-13-01')).toBe(false);
    expect(isIsoDate('2026-1-01')).toBe(false);
    expect(isIsoDate(20260101)).toBe(false);
  });

  it('adds days across DST and year ends', () => {
    expect(addCalendarDays('2026-03-28', 1)).toBe('2026-03-29');
    expect(addCalendarDays('2026-03-29', 1)).toBe('2026-03-30');
    expect(addCalendarDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(fromDayNumber(dayNumber('2026-10-25'))).toBe('2026-10-25');
  });
});

// ───── Independent cross-check against the rrule package ─────

const isoOf = (d: Date) => d.toISOString().slice(0, 10);
const utc = (iso: string) => new Date(`${iso}T00:00:00Z`);

/** An arbitrary calendar date in 1990–2060. */
const arbDate = fc
  .record({ y: fc.integer({ min: 1990, max: 2060 }), m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 31 }) })
  .map(({ y, m, d }) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`)
  .filter(isIsoDate);

function rruleMonthly(anchor: string, n: number, count: number): string[] {
  const day = Number(anchor.slice(8, 10));
  // rrule skips months that lack BYMONTHDAY; "the last of 28..day that exists" is the clamp we use.
  const options =
    day <= 28 ? { bymonthday: [day] } : { bymonthday: Array.from({ length: day - 27 }, (_, i) => 28 + i), bysetpos: [-1] };
  const rule = new RRule({ freq: RRule.MONTHLY, interval: n, dtstart: utc(anchor), count, ...options });
  return rule.all().map(isoOf);
}

describe('term boundaries agree with rrule (property)', () => {
  it('N-month grids, any anchor including the 29th–31st and 29 February', () => {
    fc.assert(
      fc.property(arbDate, fc.integer({ min: 1, max: 24 }), (anchor, n) => {
        const count = 30;
        expect(starts(new TermGrid('months', n, anchor), count)).toEqual(rruleMonthly(anchor, n, count));
      }),
      { numRuns: 300 },
    );
  });

  it('month-end anchors specifically', () => {
    const monthEnd = fc
      .record({
        y: fc.integer({ min: 1990, max: 2060 }),
        m: fc.integer({ min: 1, max: 12 }),
        d: fc.integer({ min: 29, max: 31 }),
      })
      .map(({ y, m, d }) => `${y}-${String(m).padStart(2, '0')}-${d}`)
      .filter(isIsoDate);
    fc.assert(
      fc.property(monthEnd, fc.integer({ min: 1, max: 13 }), (anchor, n) => {
        expect(starts(new TermGrid('months', n, anchor), 40)).toEqual(rruleMonthly(anchor, n, 40));
      }),
      { numRuns: 200 },
    );
  });

  it('N-week grids', () => {
    fc.assert(
      fc.property(arbDate, fc.integer({ min: 1, max: 12 }), (anchor, n) => {
        const rule = new RRule({ freq: RRule.WEEKLY, interval: n, dtstart: utc(anchor), count: 60 });
        expect(starts(new TermGrid('weeks', n, anchor), 60)).toEqual(rule.all().map(isoOf));
      }),
      { numRuns: 300 },
    );
  });

  it('indexOf is consistent with start for any date', () => {
    fc.assert(
      fc.property(
        arbDate,
        fc.integer({ min: 1, max: 24 }),
        fc.constantFrom<'months' | 'weeks'>('months', 'weeks'),
        arbDate,
        (anchor, n, unit, date) => {
          const g = new TermGrid(unit, n, anchor);
          const k = g.indexOf(date);
          expect(g.start(k) <= date).toBe(true);
          expect(g.start(k + 1) > date).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });
});
