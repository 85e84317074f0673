import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  generateOccurrences,
  periodKey,
  planFollowingEdit,
  planOccurrenceEdit,
  splitSeries,
  type IsoWeekday,
  type MeetingStatus,
  type SeriesDefinition,
  type SeriesEditPlan,
  type SeriesOccurrence,
} from '../../shared/meetings/recurrence';

const series = (over: Partial<SeriesDefinition> = {}): SeriesDefinition => ({
  rule: { freq: 'weekly', interval: 1, weekday: 1 },
  startDate: '2025-01-06',
  count: 8,
  until: null,
  startTime: '10:00',
  endTime: '12:00',
  zone: 'Europe/Helsinki',
  ...over,
});

/** Occurrences o1..oN of a series, planned and attached unless overridden. */
function occurrencesOf(def: SeriesDefinition, over: Record<number, Partial<SeriesOccurrence>> = {}): SeriesOccurrence[] {
  return generateOccurrences(def.rule, def).map((date, i) => ({
    id: `o${i + 1}`,
    originalDate: date,
    date,
    startTime: def.startTime,
    endTime: def.endTime,
    zone: def.zone,
    status: 'planned' as MeetingStatus,
    detached: false,
    ...over[i + 1],
  }));
}

function mustPlan(result: ReturnType<typeof planFollowingEdit>): SeriesEditPlan {
  if (!result.ok) throw new Error(result.errors.join());
  return result.plan;
}

describe('splitSeries', () => {
  it('turns a count into until for the head and the remaining count for the tail', () => {
    const { head, tail } = splitSeries(series(), '2025-02-03');
    expect(head).toMatchObject({ until: '2025-02-02', count: null, startDate: '2025-01-06' });
    expect(tail).toMatchObject({ startDate: '2025-02-03', count: 4, until: null });
    expect(generateOccurrences(head!.rule, head!)).toHaveLength(4);
    expect(generateOccurrences(tail!.rule, tail!)).toEqual(['2025-02-03', '2025-02-10', '2025-02-17', '2025-02-24']);
  });

  it('keeps an every-2-weeks phase when split on a date between occurrences', () => {
    const def = series({ rule: { freq: 'weekly', interval: 2, weekday: 1 }, count: null, until: '2025-03-31' });
    const { head, tail } = splitSeries(def, '2025-01-08');
    expect(head).toMatchObject({ until: '2025-01-19' });
    expect(tail).toMatchObject({ startDate: '2025-01-20', until: '2025-03-31', count: null });
    const whole = generateOccurrences(def.rule, def);
    expect([...generateOccurrences(head!.rule, head!), ...generateOccurrences(tail!.rule, tail!)]).toEqual(whole);
  });

  it('has no head when split at or before the first occurrence, no tail after the last', () => {
    expect(splitSeries(series(), '2025-01-06').head).toBeNull();
    expect(splitSeries(series(), '2025-01-01').head).toBeNull();
    const { head, tail } = splitSeries(series(), '2025-06-01');
    expect(tail).toBeNull();
    expect(head).toMatchObject({ until: '2025-02-24' });
  });

  it('head and tail always partition the series', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 7 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: -10, max: 250 }),
        (weekday, interval, count, splitOffset) => {
          const def = series({ rule: { freq: 'weekly', interval, weekday: weekday as IsoWeekday }, count });
          const split = new Date(Date.UTC(2025, 0, 6 + splitOffset)).toISOString().slice(0, 10);
          const { head, tail } = splitSeries(def, split);
          const parts = [
            ...(head ? generateOccurrences(head.rule, head) : []),
            ...(tail ? generateOccurrences(tail.rule, tail) : []),
          ];
          expect(parts).toEqual(generateOccurrences(def.rule, def));
        },
      ),
    );
  });
});

describe('planOccurrenceEdit ("this occurrence")', () => {
  const [o1] = occurrencesOf(series());

  it('changes only what differs and detaches the occurrence', () => {
    const r = planOccurrenceEdit(o1!, { date: '2025-01-07', startTime: '10:00', endTime: '13:00' });
    expect(r).toEqual({ ok: true, plan: { id: 'o1', changes: { date: '2025-01-07', endTime: '13:00', detached: true } } });
  });

  it('never changes the original date (its identity in the series)', () => {
    const r = planOccurrenceEdit(o1!, { originalDate: '2025-02-01', status: 'cancelled' });
    expect(r).toEqual({ ok: true, plan: { id: 'o1', changes: { status: 'cancelled', detached: true } } });
  });

  it('refuses to move a held meeting and bad times', () => {
    expect(planOccurrenceEdit({ ...o1!, status: 'held' }, { startTime: '09:00' })).toEqual({
      ok: false,
      errors: ['meetings.series.heldUnchangeable'],
    });
    expect(planOccurrenceEdit(o1!, { startTime: '12:30' })).toEqual({ ok: false, errors: ['meetings.time.endNotAfterStart'] });
    expect(planOccurrenceEdit(o1!, { date: '2025-02-30' })).toEqual({ ok: false, errors: ['meetings.time.invalidDate'] });
  });
});

describe('planFollowingEdit ("this and following")', () => {
  const def = series();
  // o1..o8: Mondays 6 Jan … 24 Feb 2025.

  it('a new time from o4 updates the planned ones and leaves held, detached and earlier ones alone', () => {
    const existing = occurrencesOf(def, {
      2: { status: 'held' },
      5: { status: 'held' },
      6: { detached: true, date: '2025-02-12', startTime: '14:00', endTime: '15:00' },
    });
    const { tail } = splitSeries(def, '2025-01-27');
    const plan = mustPlan(planFollowingEdit(existing, '2025-01-27', { ...tail!, startTime: '13:00', endTime: '15:00' }));
    expect(plan.create).toEqual([]);
    expect(plan.cancel).toEqual([]);
    expect(plan.update).toEqual(['o4', 'o7', 'o8'].map((id) => ({ id, changes: { startTime: '13:00', endTime: '15:00' } })));
    expect(plan.keep).toEqual([
      { id: 'o5', reason: 'held' },
      { id: 'o6', reason: 'detached' },
    ]);
  });

  it('an unchanged tail is a no-op', () => {
    const existing = occurrencesOf(def);
    const { tail } = splitSeries(def, '2025-01-27');
    expect(mustPlan(planFollowingEdit(existing, '2025-01-27', tail))).toEqual({ create: [], update: [], cancel: [], keep: [] });
  });

  it('moving the weekday moves each meeting within its week (ids and agendas survive)', () => {
    const existing = occurrencesOf(def, { 6: { status: 'held' } });
    const { tail } = splitSeries(def, '2025-01-27');
    const plan = mustPlan(
      planFollowingEdit(existing, '2025-01-27', { ...tail!, rule: { freq: 'weekly', interval: 1, weekday: 2 } }),
    );
    expect(plan.update).toEqual([
      { id: 'o4', changes: { originalDate: '2025-01-28', date: '2025-01-28' } },
      { id: 'o5', changes: { originalDate: '2025-02-04', date: '2025-02-04' } },
      { id: 'o7', changes: { originalDate: '2025-02-18', date: '2025-02-18' } },
      { id: 'o8', changes: { originalDate: '2025-02-25', date: '2025-02-25' } },
    ]);
    // The held Monday 10 Feb is that week's meeting: no Tuesday is added beside it.
    expect(plan.create).toEqual([]);
    expect(plan.cancel).toEqual([]);
    expect(plan.keep).toEqual([{ id: 'o6', reason: 'held' }]);
  });

  it('weekly → every 2 weeks cancels the meetings in between', () => {
    const existing = occurrencesOf(def);
    const { tail } = splitSeries(def, '2025-01-27');
    const plan = mustPlan(
      planFollowingEdit(existing, '2025-01-27', {
        ...tail!,
        rule: { freq: 'weekly', interval: 2, weekday: 1 },
        count: null,
        until: '2025-03-24',
      }),
    );
    expect(plan.update).toEqual([]);
    expect(plan.cancel).toEqual(['o5', 'o7']);
    expect(plan.create.map((c) => c.date)).toEqual(['2025-03-10', '2025-03-24']);
    expect(plan.create[0]).toEqual({
      originalDate: '2025-03-10',
      date: '2025-03-10',
      startTime: '10:00',
      endTime: '12:00',
      zone: 'Europe/Helsinki',
      status: 'planned',
      detached: false,
    });
  });

  it('extending a series creates the new dates and re-plans a cancelled one the rule produces again', () => {
    const existing = occurrencesOf(def, { 8: { status: 'cancelled' } });
    const { tail } = splitSeries(def, '2025-02-17');
    const plan = mustPlan(planFollowingEdit(existing, '2025-02-17', { ...tail!, count: 4 }));
    expect(plan.update).toEqual([{ id: 'o8', changes: { status: 'planned' } }]);
    expect(plan.create.map((c) => c.date)).toEqual(['2025-03-03', '2025-03-10']);
  });

  it('ending the series cancels planned meetings only', () => {
    const existing = occurrencesOf(def, { 5: { status: 'held' }, 6: { detached: true }, 7: { status: 'cancelled' } });
    const plan = mustPlan(planFollowingEdit(existing, '2025-01-27', null));
    expect(plan.cancel).toEqual(['o4', 'o8']);
    expect(plan.update).toEqual([]);
    expect(plan.create).toEqual([]);
    expect(plan.keep.map((k) => k.id)).toEqual(['o5', 'o6']);
  });

  it('monthly: 2nd Tuesday → 3rd Thursday moves within the month', () => {
    const m = series({ rule: { freq: 'monthly_nth_weekday', nth: 2, weekday: 2 }, startDate: '2025-01-01', count: 4 });
    const existing = occurrencesOf(m); // 14 Jan, 11 Feb, 11 Mar, 8 Apr
    const { tail } = splitSeries(m, '2025-02-01');
    const plan = mustPlan(
      planFollowingEdit(existing, '2025-02-01', { ...tail!, rule: { freq: 'monthly_nth_weekday', nth: 3, weekday: 4 } }),
    );
    expect(plan.update.map((u) => [u.id, u.changes.date])).toEqual([
      ['o2', '2025-02-20'],
      ['o3', '2025-03-20'],
      ['o4', '2025-04-17'],
    ]);
    expect(plan.create).toEqual([]);
  });

  it('refuses an invalid tail with i18n keys', () => {
    const existing = occurrencesOf(def);
    const { tail } = splitSeries(def, '2025-01-27');
    expect(planFollowingEdit(existing, '2025-01-27', { ...tail!, startTime: '12:00', endTime: '11:00' })).toEqual({
      ok: false,
      errors: ['meetings.time.endNotAfterStart'],
    });
    expect(planFollowingEdit(existing, '2025-01-27', { ...tail!, startDate: '2025-01-20' })).toEqual({
      ok: false,
      errors: ['meetings.series.tailStartsBeforeSplit'],
    });
    expect(planFollowingEdit(existing, '2025-01-27', { ...tail!, count: 600 })).toEqual({
      ok: false,
      errors: ['meetings.series.countTooLarge'],
    });
  });

  it('property: held/detached/earlier never touched; each new date covered exactly once', () => {
    const flagArb = fc.record({
      status: fc.constantFrom<MeetingStatus>('planned', 'planned', 'held', 'cancelled', 'moved'),
      detached: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc.array(flagArb, { minLength: 12, maxLength: 12 }),
        fc.integer({ min: 0, max: 11 }),
        fc.integer({ min: 1, max: 7 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 15 }),
        fc.boolean(),
        (flags, splitIndex, weekday, interval, count, end) => {
          const base = series({ count: 12 });
          const existing = occurrencesOf(base, Object.fromEntries(flags.map((f, i) => [i + 1, f])));
          const fromDate = existing[splitIndex]!.originalDate;
          const { tail } = splitSeries(base, fromDate);
          const newTail = end
            ? null
            : {
                ...tail!,
                rule: { freq: 'weekly' as const, interval, weekday: weekday as IsoWeekday },
                count,
                startTime: '09:00',
              };
          const plan = mustPlan(planFollowingEdit(existing, fromDate, newTail));

          const frozen = new Set(
            existing.filter((o) => o.originalDate < fromDate || o.status === 'held' || o.detached).map((o) => o.id),
          );
          for (const id of [...plan.cancel, ...plan.update.map((u) => u.id)]) expect(frozen.has(id)).toBe(false);

          // Apply the plan and look at the result.
          const after = existing.map((o) => {
            const u = plan.update.find((x) => x.id === o.id);
            const next = u ? { ...o, ...u.changes } : o;
            return plan.cancel.includes(o.id) ? { ...next, status: 'cancelled' as MeetingStatus } : next;
          });
          const newDates = newTail ? generateOccurrences(newTail.rule, newTail) : [];
          const followersLive = after.filter((o) => !frozen.has(o.id) && o.status !== 'cancelled');
          const covered = [...followersLive.map((o) => o.originalDate), ...plan.create.map((c) => c.date)];
          expect(new Set(covered).size).toBe(covered.length); // no date twice
          for (const d of covered) expect(newDates).toContain(d);
          for (const o of followersLive) expect(o.startTime).toBe('09:00');
          const kept = existing.filter((o) => o.originalDate >= fromDate && (o.status === 'held' || o.detached));
          for (const d of newDates) {
            const byDate = covered.includes(d) || kept.some((k) => k.originalDate === d);
            const byPeriod = kept.some((k) => periodKey(newTail!.rule, k.originalDate) === periodKey(newTail!.rule, d));
            expect(byDate || byPeriod).toBe(true);
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});
