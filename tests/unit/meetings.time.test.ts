import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addDays,
  addMinutesWall,
  diffDays,
  durationMinutes,
  fromInstant,
  isCalendarDate,
  isoWeekday,
  isTimeZone,
  MeetingsInputError,
  realDurationMinutes,
  todayIn,
  toInstant,
  validateMeetingTime,
} from '../../shared/meetings/time';

const iso = (d: Date): string => d.toISOString();

describe('toInstant / fromInstant', () => {
  it('uses Helsinki winter (UTC+2) and summer (UTC+3) time, Helsinki by default', () => {
    expect(iso(toInstant('2025-01-15', '10:00'))).toBe('2025-01-15T08:00:00.000Z');
    expect(iso(toInstant('2025-07-15', '10:00', 'Europe/Helsinki'))).toBe('2025-07-15T07:00:00.000Z');
    expect(fromInstant(new Date('2025-07-15T07:00:00Z'))).toEqual({ date: '2025-07-15', time: '10:00' });
  });

  it('shifts a wall time in the spring-forward gap forward by the gap (Helsinki, 30 March 2025)', () => {
    expect(iso(toInstant('2025-03-30', '02:59'))).toBe('2025-03-30T00:59:00.000Z');
    expect(iso(toInstant('2025-03-30', '03:00'))).toBe('2025-03-30T01:00:00.000Z');
    expect(iso(toInstant('2025-03-30', '03:30'))).toBe('2025-03-30T01:30:00.000Z');
    expect(fromInstant(toInstant('2025-03-30', '03:30'))).toEqual({ date: '2025-03-30', time: '04:30' });
    expect(iso(toInstant('2025-03-30', '04:00'))).toBe('2025-03-30T01:00:00.000Z');
  });

  it('takes the first (summer-time) occurrence of an ambiguous wall time (Helsinki, 26 October 2025)', () => {
    expect(iso(toInstant('2025-10-26', '02:59'))).toBe('2025-10-25T23:59:00.000Z');
    expect(iso(toInstant('2025-10-26', '03:00'))).toBe('2025-10-26T00:00:00.000Z');
    expect(iso(toInstant('2025-10-26', '03:30'))).toBe('2025-10-26T00:30:00.000Z');
    expect(iso(toInstant('2025-10-26', '04:00'))).toBe('2025-10-26T02:00:00.000Z');
    // Both instants read 03:30 on the wall; we chose the earlier one.
    expect(fromInstant(new Date('2025-10-26T00:30:00Z')).time).toBe('03:30');
    expect(fromInstant(new Date('2025-10-26T01:30:00Z')).time).toBe('03:30');
  });

  it('applies the same rules in other zones, including a 30-minute DST (Lord Howe) and the southern hemisphere', () => {
    expect(iso(toInstant('2025-03-09', '02:30', 'America/New_York'))).toBe('2025-03-09T07:30:00.000Z'); // → 03:30 EDT
    expect(iso(toInstant('2025-11-02', '01:30', 'America/New_York'))).toBe('2025-11-02T05:30:00.000Z'); // EDT, first
    expect(iso(toInstant('2025-04-06', '02:30', 'Australia/Sydney'))).toBe('2025-04-05T15:30:00.000Z'); // AEDT, first
    expect(iso(toInstant('2025-10-05', '02:30', 'Australia/Sydney'))).toBe('2025-10-04T16:30:00.000Z'); // → 03:30 AEDT
    const lh = toInstant('2025-10-05', '02:15', 'Australia/Lord_Howe'); // gap 02:00–02:30
    expect(fromInstant(lh, 'Australia/Lord_Howe')).toEqual({ date: '2025-10-05', time: '02:45' });
    expect(iso(toInstant('2025-06-01', '12:00', 'UTC'))).toBe('2025-06-01T12:00:00.000Z');
  });

  it('round-trips every Helsinki wall time except gap times, which move forward by exactly one hour', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 38 * 366 }), fc.integer({ min: 0, max: 1439 }), (dayOffset, minute) => {
        const date = addDays('2000-01-01', dayOffset);
        const time = `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
        const back = fromInstant(toInstant(date, time));
        if (back.date === date && back.time === time) return;
        // Only the spring gap may differ: last Sunday of March, 03:00–03:59 → +60 min.
        expect(date.slice(5, 7)).toBe('03');
        expect(isoWeekday(date)).toBe(7);
        expect(time.slice(0, 2)).toBe('03');
        expect(back).toEqual({ date, time: addMinutesWall(time, 60) });
      }),
      { numRuns: 3000 },
    );
  });

  it('maps an instant back to itself, or to one hour earlier inside the autumn overlap', () => {
    const start = Date.UTC(2000, 0, 1);
    const end = Date.UTC(2037, 11, 31);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Math.floor((end - start) / 60_000) }), (minutes) => {
        const instant = start + minutes * 60_000;
        const wall = fromInstant(new Date(instant));
        const again = toInstant(wall.date, wall.time).getTime();
        if (again === instant) return;
        expect(again).toBe(instant - 3_600_000);
        expect(wall.date.slice(5, 7)).toBe('10');
        expect(wall.time.slice(0, 2)).toBe('03');
      }),
      { numRuns: 3000 },
    );
  });

  it('checks the edge of the overlap and gap exhaustively for one year', () => {
    // Every minute of the two change days in 2026 (29 March, 25 October).
    for (const date of ['2026-03-29', '2026-10-25']) {
      let previous = -Infinity;
      for (let m = 0; m < 1440; m++) {
        const time = addMinutesWall('00:00', m);
        const t = toInstant(date, time).getTime();
        const inGap = date === '2026-03-29' && time >= '03:00' && time < '04:00';
        if (!inGap) {
          expect(t).toBeGreaterThan(previous);
          previous = t;
        }
      }
    }
  });

  it('refuses malformed input with i18n keys', () => {
    expect(() => toInstant('2025-02-30', '10:00')).toThrow(MeetingsInputError);
    let keys: string[] = [];
    try {
      toInstant('2025-13-01', '24:00', 'Mars/Olympus');
    } catch (e) {
      keys = (e as MeetingsInputError).keys;
    }
    expect(keys).toEqual(['meetings.time.invalidDate', 'meetings.time.invalidTime', 'meetings.time.invalidZone']);
    expect(() => fromInstant(new Date(Number.NaN))).toThrow(MeetingsInputError);
    expect(isTimeZone('Europe/Helsinki')).toBe(true);
    expect(isTimeZone('Europe/Tampere')).toBe(false);
  });
});

describe('wall-clock arithmetic', () => {
  it('adds minutes and wraps past midnight', () => {
    expect(addMinutesWall('09:45', 30)).toBe('10:15');
    expect(addMinutesWall('23:30', 60)).toBe('00:30');
    expect(addMinutesWall('00:10', -20)).toBe('23:50');
  });

  it('measures duration on the wall clock; real duration differs on a DST day', () => {
    expect(durationMinutes('09:00', '11:30')).toBe(150);
    expect(durationMinutes('11:00', '10:00')).toBe(-60);
    expect(durationMinutes('02:00', '05:00')).toBe(180);
    expect(realDurationMinutes('2025-03-30', '02:00', '05:00')).toBe(120);
    expect(realDurationMinutes('2025-10-26', '02:00', '05:00')).toBe(240);
    expect(realDurationMinutes('2025-06-01', '02:00', '05:00')).toBe(180);
  });

  it('gives today in the zone, not in UTC', () => {
    const now = new Date('2025-03-30T22:30:00Z'); // 01:30 on 31 March in Helsinki
    expect(todayIn('Europe/Helsinki', now)).toBe('2025-03-31');
    expect(todayIn('UTC', now)).toBe('2025-03-30');
    expect(todayIn(undefined, now)).toBe('2025-03-31');
  });

  it('does calendar arithmetic on dates without any zone', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-03-29', 2)).toBe('2025-03-31');
    expect(diffDays('2025-01-01', '2026-01-01')).toBe(365);
    expect(isoWeekday('2025-01-06')).toBe(1);
    expect(isoWeekday('2025-01-05')).toBe(7);
    expect(isCalendarDate('2023-02-29')).toBe(false);
    expect(isCalendarDate('2024-02-29')).toBe(true);
  });

  it('validates meeting times with i18n keys', () => {
    expect(validateMeetingTime({ date: '2025-05-05', startTime: '09:00', endTime: '11:00', zone: 'Europe/Helsinki' })).toEqual(
      [],
    );
    expect(validateMeetingTime({ date: '2025-05-05', startTime: '11:00', endTime: '11:00' })).toEqual([
      'meetings.time.endNotAfterStart',
    ]);
    expect(validateMeetingTime({ date: '5.5.2025', startTime: '9:00', endTime: '25:00', zone: 'Helsinki' })).toEqual([
      'meetings.time.invalidDate',
      'meetings.time.invalidStart',
      'meetings.time.invalidEnd',
      'meetings.time.invalidZone',
    ]);
  });
});
