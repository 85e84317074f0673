import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { RRule, type Options as RRuleOptions } from 'rrule';
import {
  generateOccurrences,
  MAX_OCCURRENCES,
  occurrenceInstants,
  validateRule,
  validateSeries,
  type IsoWeekday,
  type NthWeekday,
  type RecurrenceRule,
  type SeriesRange,
} from '../../shared/meetings/recurrence';
import { addDays, fromInstant, isoWeekday, MeetingsInputError } from '../../shared/meetings/time';

describe('generateOccurrences', () => {
  it('weekly: first matching weekday on or after the start date', () => {
    // 2025-01-01 is a Wednesday.
    expect(generateOccurrences({ freq: 'weekly', interval: 1, weekday: 1 }, { startDate: '2025-01-01', count: 3 })).toEqual([
      '2025-01-06',
      '2025-01-13',
      '2025-01-20',
    ]);
    expect(generateOccurrences({ freq: 'weekly', weekday: 3 }, { startDate: '2025-01-01', count: 2 })).toEqual([
      '2025-01-01',
      '2025-01-08',
    ]);
  });

  it('every 2 weeks, until inclusive', () => {
    expect(
      generateOccurrences({ freq: 'weekly', interval: 2, weekday: 4 }, { startDate: '2025-01-02', until: '2025-02-27' }),
    ).toEqual(['2025-01-02', '2025-01-16', '2025-01-30', '2025-02-13', '2025-02-27']);
    expect(
      generateOccurrences({ freq: 'weekly', interval: 2, weekday: 4 }, { startDate: '2025-01-02', until: '2025-02-26' }),
    ).toEqual(['2025-01-02', '2025-01-16', '2025-01-30', '2025-02-13']);
  });

  it('every 2 weeks counts from the first occurrence, not from the start date’s week', () => {
    // Start on a Wednesday, meet on Mondays: the first meeting is the following Monday.
    expect(generateOccurrences({ freq: 'weekly', interval: 2, weekday: 1 }, { startDate: '2025-01-08', count: 3 })).toEqual([
      '2025-01-13',
      '2025-01-27',
      '2025-02-10',
    ]);
  });

  it('monthly on the nth weekday: 2nd Tuesday and last Friday', () => {
    expect(
      generateOccurrences({ freq: 'monthly_nth_weekday', nth: 2, weekday: 2 }, { startDate: '2025-01-01', count: 4 }),
    ).toEqual(['2025-01-14', '2025-02-11', '2025-03-11', '2025-04-08']);
    expect(
      generateOccurrences({ freq: 'monthly_nth_weekday', nth: -1, weekday: 5 }, { startDate: '2025-01-01', count: 4 }),
    ).toEqual(['2025-01-31', '2025-02-28', '2025-03-28', '2025-04-25']);
  });

  it('monthly on the 5th Monday skips months without one', () => {
    expect(
      generateOccurrences({ freq: 'monthly_nth_weekday', nth: 5, weekday: 1 }, { startDate: '2025-01-01', until: '2025-12-31' }),
    ).toEqual(['2025-03-31', '2025-06-30', '2025-09-29', '2025-12-29']);
    // Skipped months do not count towards `count`.
    expect(
      generateOccurrences({ freq: 'monthly_nth_weekday', nth: 5, weekday: 1 }, { startDate: '2025-01-01', count: 2 }),
    ).toEqual(['2025-03-31', '2025-06-30']);
  });

  it('the last weekday equals the 4th or 5th, whichever is last', () => {
    const last = generateOccurrences(
      { freq: 'monthly_nth_weekday', nth: -1, weekday: 1 },
      { startDate: '2025-01-01', count: 12 },
    );
    for (const d of last) {
      expect(isoWeekday(d)).toBe(1);
      expect(addDays(d, 7).slice(5, 7)).not.toBe(d.slice(5, 7));
    }
  });

  it('monthly on the 31st clamps to the month end (leap year February included) and returns to the 31st', () => {
    expect(generateOccurrences({ freq: 'monthly_day', day: 31 }, { startDate: '2024-01-01', count: 6 })).toEqual([
      '2024-01-31',
      '2024-02-29',
      '2024-03-31',
      '2024-04-30',
      '2024-05-31',
      '2024-06-30',
    ]);
    expect(generateOccurrences({ freq: 'monthly_day', day: 30 }, { startDate: '2025-02-01', count: 2 })).toEqual([
      '2025-02-28',
      '2025-03-30',
    ]);
  });

  it('monthly every 2 months counts from the first occurrence on/after the start', () => {
    // 1st Monday of January 2025 (the 6th) is before the start; the first is 3 February.
    expect(
      generateOccurrences(
        { freq: 'monthly_nth_weekday', interval: 2, nth: 1, weekday: 1 },
        { startDate: '2025-01-20', count: 3 },
      ),
    ).toEqual(['2025-02-03', '2025-04-07', '2025-06-02']);
  });

  it('count and until are alternatives with the same result', () => {
    const rule: RecurrenceRule = { freq: 'weekly', interval: 1, weekday: 2 };
    const byCount = generateOccurrences(rule, { startDate: '2025-01-01', count: 10 });
    const byUntil = generateOccurrences(rule, { startDate: '2025-01-01', until: byCount[9]! });
    expect(byUntil).toEqual(byCount);
  });
});

describe('series and DST in Europe/Helsinki', () => {
  it('a weekly 10:00 meeting stays at 10:00 local over the spring change; the instants are 1 h closer', () => {
    const occ = occurrenceInstants(
      { freq: 'weekly', interval: 1, weekday: 1 },
      { startDate: '2025-03-24', count: 2 },
      { startTime: '10:00', endTime: '11:30', zone: 'Europe/Helsinki' },
    );
    expect(occ.map((o) => o.start.toISOString())).toEqual(['2025-03-24T08:00:00.000Z', '2025-03-31T07:00:00.000Z']);
    expect(occ.map((o) => fromInstant(o.start).time)).toEqual(['10:00', '10:00']);
    expect(occ[1]!.start.getTime() - occ[0]!.start.getTime()).toBe(7 * 86_400_000 - 3_600_000);
    expect(occ[1]!.end!.toISOString()).toBe('2025-03-31T08:30:00.000Z');
  });

  it('and over the autumn change the instants are 1 h further apart', () => {
    const occ = occurrenceInstants({ freq: 'weekly', weekday: 1 }, { startDate: '2025-10-20', count: 2 }, { startTime: '10:00' });
    expect(occ.map((o) => o.start.toISOString())).toEqual(['2025-10-20T07:00:00.000Z', '2025-10-27T08:00:00.000Z']);
    expect(occ[1]!.start.getTime() - occ[0]!.start.getTime()).toBe(7 * 86_400_000 + 3_600_000);
    expect(occ[0]!.zone).toBe('Europe/Helsinki');
    expect(occ[0]!.end).toBeNull();
  });

  it('a Sunday 03:30 occurrence on the spring change day is shifted to 04:30; in autumn it is the first 03:30', () => {
    const occ = occurrenceInstants(
      { freq: 'monthly_nth_weekday', nth: -1, weekday: 7 },
      { startDate: '2025-03-01', count: 8 },
      { startTime: '03:30' },
    );
    expect(occ[0]!.date).toBe('2025-03-30');
    expect(fromInstant(occ[0]!.start).time).toBe('04:30');
    expect(occ[7]!.date).toBe('2025-10-26');
    expect(occ[7]!.start.toISOString()).toBe('2025-10-26T00:30:00.000Z');
  });

  it('every occurrence over two years reads its wall time back (outside the gap)', () => {
    const occ = occurrenceInstants(
      { freq: 'weekly', weekday: 7 },
      { startDate: '2025-01-01', count: 104 },
      { startTime: '10:00' },
    );
    expect(occ.every((o) => fromInstant(o.start).time === '10:00' && fromInstant(o.start).date === o.date)).toBe(true);
  });
});

describe('validation', () => {
  const weekly: RecurrenceRule = { freq: 'weekly', interval: 1, weekday: 1 };

  it('accepts up to MAX_OCCURRENCES and refuses more, by count or by until', () => {
    expect(validateSeries(weekly, { startDate: '2025-01-06', count: MAX_OCCURRENCES })).toEqual([]);
    expect(generateOccurrences(weekly, { startDate: '2025-01-06', count: MAX_OCCURRENCES })).toHaveLength(500);
    expect(validateSeries(weekly, { startDate: '2025-01-06', count: 501 })).toEqual(['meetings.series.countTooLarge']);
    expect(validateSeries(weekly, { startDate: '2025-01-06', until: '2040-01-01' })).toEqual([
      'meetings.series.tooManyOccurrences',
    ]);
  });

  it('requires exactly one of until and count', () => {
    expect(validateSeries(weekly, { startDate: '2025-01-06' })).toEqual(['meetings.series.endRequired']);
    expect(validateSeries(weekly, { startDate: '2025-01-06', until: null, count: null })).toEqual([
      'meetings.series.endRequired',
    ]);
    expect(validateSeries(weekly, { startDate: '2025-01-06', until: '2025-03-01', count: 3 })).toEqual([
      'meetings.series.untilAndCount',
    ]);
  });

  it('reports bad dates, counts and an empty range', () => {
    expect(validateSeries(weekly, { startDate: '2025-02-30', count: 2 })).toEqual(['meetings.series.invalidStartDate']);
    expect(validateSeries(weekly, { startDate: '2025-01-06', until: '2025-01-01' })).toEqual([
      'meetings.series.untilBeforeStart',
    ]);
    expect(validateSeries(weekly, { startDate: '2025-01-06', count: 0 })).toEqual(['meetings.series.invalidCount']);
    expect(validateSeries(weekly, { startDate: '2025-01-06', count: 2.5 })).toEqual(['meetings.series.invalidCount']);
    expect(validateSeries(weekly, { startDate: '2025-01-07', until: '2025-01-12' })).toEqual(['meetings.series.noOccurrences']);
    expect(generateOccurrences(weekly, { startDate: '2025-01-07', until: '2025-01-12' })).toEqual([]);
  });

  it('reports bad rules with i18n keys', () => {
    expect(validateRule({ freq: 'weekly', interval: 0, weekday: 1 })).toEqual(['meetings.series.invalidInterval']);
    expect(validateRule({ freq: 'weekly', weekday: 8 as IsoWeekday })).toEqual(['meetings.series.invalidWeekday']);
    expect(validateRule({ freq: 'monthly_nth_weekday', nth: 0 as NthWeekday, weekday: 1 })).toEqual([
      'meetings.series.invalidNth',
    ]);
    expect(validateRule({ freq: 'monthly_nth_weekday', nth: 6 as NthWeekday, weekday: 1 })).toEqual([
      'meetings.series.invalidNth',
    ]);
    expect(validateRule({ freq: 'monthly_day', day: 32 })).toEqual(['meetings.series.invalidDay']);
    expect(validateRule({ freq: 'daily' } as unknown as RecurrenceRule)).toEqual(['meetings.series.invalidFrequency']);
  });

  it('generateOccurrences throws the keys for an invalid series', () => {
    let keys: string[] = [];
    try {
      generateOccurrences(weekly, { startDate: '2025-01-06', count: 9999 });
    } catch (e) {
      expect(e).toBeInstanceOf(MeetingsInputError);
      keys = (e as MeetingsInputError).keys;
    }
    expect(keys).toEqual(['meetings.series.countTooLarge']);
  });
});

// ───────────── cross-check against rrule (RFC 5545), on dates at 00:00 UTC ─────────────

const RR_DAYS = [RRule.MO, RRule.TU, RRule.WE, RRule.TH, RRule.FR, RRule.SA, RRule.SU];
const utc = (date: string): Date => new Date(`${date}T00:00:00Z`);
const ymd = (d: Date): string => d.toISOString().slice(0, 10);

function rruleOptions(rule: RecurrenceRule): Partial<RRuleOptions> {
  switch (rule.freq) {
    case 'weekly':
      return { freq: RRule.WEEKLY, byweekday: [RR_DAYS[rule.weekday - 1]!], wkst: RRule.MO };
    case 'monthly_nth_weekday':
      return { freq: RRule.MONTHLY, byweekday: [RR_DAYS[rule.weekday - 1]!.nth(rule.nth)] };
    case 'monthly_day': {
      // Clamp to month end = the last existing day among min(day, 28)..day.
      if (rule.day <= 28) return { freq: RRule.MONTHLY, bymonthday: [rule.day] };
      const days: number[] = [];
      for (let d = 28; d <= rule.day; d++) days.push(d);
      return { freq: RRule.MONTHLY, bymonthday: days, bysetpos: [-1] };
    }
  }
}

/** Our anchor rule: the first match on/after start; then RFC 5545 with DTSTART at that anchor. */
function viaRRule(rule: RecurrenceRule, range: SeriesRange): string[] {
  const base = rruleOptions(rule);
  const first = new RRule({ ...base, interval: 1, dtstart: utc(range.startDate), count: 1 }).all()[0];
  if (!first) return [];
  const opts: Partial<RRuleOptions> = { ...base, interval: rule.interval ?? 1, dtstart: first };
  if (range.count != null) opts.count = range.count;
  if (range.until != null) opts.until = utc(range.until);
  return new RRule(opts).all().map(ymd);
}

const weekdayArb = fc.integer({ min: 1, max: 7 }) as fc.Arbitrary<IsoWeekday>;
const ruleArb: fc.Arbitrary<RecurrenceRule> = fc.oneof(
  fc.record({ freq: fc.constant('weekly' as const), interval: fc.integer({ min: 1, max: 6 }), weekday: weekdayArb }),
  fc.record({
    freq: fc.constant('monthly_nth_weekday' as const),
    interval: fc.integer({ min: 1, max: 12 }),
    nth: fc.constantFrom<NthWeekday>(1, 2, 3, 4, 5, -1),
    weekday: weekdayArb,
  }),
  fc.record({
    freq: fc.constant('monthly_day' as const),
    interval: fc.integer({ min: 1, max: 4 }),
    day: fc.integer({ min: 1, max: 31 }),
  }),
);
const startArb = fc.integer({ min: 0, max: 40 * 365 }).map((n) => addDays('1995-01-01', n));
const rangeArb: fc.Arbitrary<SeriesRange> = fc.oneof(
  fc.record({ startDate: startArb, count: fc.integer({ min: 1, max: 60 }) }),
  fc
    .tuple(startArb, fc.integer({ min: 0, max: 1500 }))
    .map(([startDate, span]) => ({ startDate, until: addDays(startDate, span) })),
);

describe('cross-check against rrule', () => {
  it('agrees with rrule for random rules and ranges', () => {
    fc.assert(
      fc.property(ruleArb, rangeArb, (rule, range) => {
        expect(generateOccurrences(rule, range)).toEqual(viaRRule(rule, range));
      }),
      { numRuns: 1500 },
    );
  });

  it('produces strictly increasing dates on the rule’s weekday, all within the range', () => {
    fc.assert(
      fc.property(ruleArb, rangeArb, (rule, range) => {
        const dates = generateOccurrences(rule, range);
        for (let i = 0; i < dates.length; i++) {
          const d = dates[i]!;
          expect(d >= range.startDate).toBe(true);
          if (range.until) expect(d <= range.until).toBe(true);
          if (i > 0) expect(d > dates[i - 1]!).toBe(true);
          if (rule.freq !== 'monthly_day') expect(isoWeekday(d)).toBe(rule.weekday);
        }
        if (range.count != null) expect(dates.length).toBeLessThanOrEqual(range.count);
      }),
      { numRuns: 500 },
    );
  });
});
