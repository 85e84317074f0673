// The round page's pure rules (issue #15, "a round page that says what to do now"): the phase stepper
// (roundPhases in shared/scanning/rounds.ts) and assessors' progress (assessorCompletion in blind.ts).

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assessorCompletion } from '../../shared/scanning/blind';
import { ROUND_PHASES, roundPhases, semiannualTimeline } from '../../shared/scanning/rounds';
import { ROUND_STATUSES } from '../../shared/scanning/status';

const timeline = semiannualTimeline(2027, 1);

describe('the phase stepper', () => {
  it('lists every round status in order with the dates of the round’s timeline', () => {
    const phases = roundPhases('assessment', timeline);
    expect(phases.map((p) => p.status)).toEqual([...ROUND_STATUSES]);
    expect(phases.map((p) => [p.start, p.end])).toEqual([
      [null, '2027-01-15'],
      ['2027-01-15', '2027-02-26'],
      ['2027-02-26', '2027-03-12'],
      ['2027-03-12', '2027-04-02'],
      ['2027-04-02', '2027-04-16'],
      ['2027-04-16', '2027-05-07'],
      ['2027-05-07', null],
      [null, null],
    ]);
    expect(phases[4]!.milestones).toEqual([
      { key: 'networkMeeting', date: '2027-04-09' },
      { key: 'listFreeze', date: '2027-04-16' },
    ]);
  });

  it('marks the earlier phases done, the current one current and the later ones upcoming', () => {
    expect(roundPhases('assessment', timeline).map((p) => p.state)).toEqual([
      'done',
      'done',
      'done',
      'current',
      'upcoming',
      'upcoming',
      'upcoming',
      'upcoming',
    ]);
    expect(roundPhases('planned', timeline)[0]!.state).toBe('current');
    expect(roundPhases('closed', timeline).map((p) => p.state)).toEqual([...Array(7).fill('done'), 'current']);
  });

  it('a round cancelled before it opened shows the phases it never had as skipped', () => {
    const phases = roundPhases('closed', timeline, ['planned', 'closed']);
    expect(phases.map((p) => p.state)).toEqual(['done', ...Array(6).fill('skipped'), 'current']);
    // Without a history the order alone decides.
    expect(roundPhases('closed', timeline, []).every((p) => p.state !== 'skipped')).toBe(true);
  });

  it('a reopened assessment shows consolidation as upcoming again', () => {
    const phases = roundPhases('assessment', timeline, ['planned', 'open', 'screening', 'assessment', 'consolidation']);
    expect(phases.find((p) => p.status === 'consolidation')!.state).toBe('upcoming');
    expect(phases.filter((p) => p.state === 'current').map((p) => p.status)).toEqual(['assessment']);
  });

  it('exactly one phase is current and the phase dates never go backwards (any status, any default timeline)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ROUND_STATUSES),
        fc.integer({ min: 2020, max: 2040 }),
        fc.constantFrom<1 | 2>(1, 2),
        (status, year, half) => {
          const phases = roundPhases(status, semiannualTimeline(year, half));
          expect(phases.filter((p) => p.state === 'current').map((p) => p.status)).toEqual([status]);
          const dates = phases.flatMap((p) => [p.start, p.end]).filter((d): d is string => d !== null);
          expect([...dates].sort()).toEqual(dates);
        },
      ),
    );
  });

  it('every phase’s milestones lie between its own dates', () => {
    for (const status of ROUND_STATUSES) {
      const p = roundPhases(status, timeline).find((x) => x.status === status)!;
      for (const m of p.milestones) {
        if (p.start) expect(m.date >= p.start).toBe(true);
        if (p.end) expect(m.date <= p.end).toBe(true);
      }
      expect(ROUND_PHASES[status]).toBeDefined();
    }
  });
});

const cell = (assessorId: string, candidateId: string, criterionId: string) => ({ assessorId, candidateId, criterionId });

describe('assessors’ progress', () => {
  const base = { assessorIds: ['anna', 'bertil', 'chris'], candidateIds: ['X', 'Y'], criterionIds: ['A', 'B'] };
  const all = (who: string) => ['X', 'Y'].flatMap((c) => ['A', 'B'].map((k) => cell(who, c, k)));

  it('counts who has covered every criterion of every candidate: “2 of 3 have scored”', () => {
    const r = assessorCompletion({ ...base, scores: [...all('anna'), ...all('bertil'), cell('chris', 'X', 'A')] });
    expect(r).toEqual({ total: 3, done: 2, started: 1, cellsPerAssessor: 4 });
  });

  it('nobody has scored yet', () => {
    expect(assessorCompletion({ ...base, scores: [] })).toEqual({ total: 3, done: 0, started: 0, cellsPerAssessor: 4 });
  });

  it('someone outside the roster who scored is counted; rows of withdrawn candidates or removed criteria are not', () => {
    const r = assessorCompletion({
      ...base,
      scores: [...all('dora'), cell('anna', 'Z', 'A'), cell('bertil', 'X', 'C')],
    });
    expect(r).toEqual({ total: 4, done: 1, started: 0, cellsPerAssessor: 4 });
  });

  it('a row given twice counts once; nothing to score means nobody is done', () => {
    const twice = [...all('anna').slice(0, 3), ...all('anna').slice(0, 3)];
    expect(assessorCompletion({ ...base, scores: twice }).done).toBe(0);
    expect(assessorCompletion({ ...base, candidateIds: [], scores: all('anna') })).toEqual({
      total: 3,
      done: 0,
      started: 0,
      cellsPerAssessor: 0,
    });
  });

  it('returns counts only, whatever the values: never who, never a score', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            assessorId: fc.constantFrom('anna', 'bertil', 'chris', 'dora'),
            candidateId: fc.constantFrom('X', 'Y', 'Z'),
            criterionId: fc.constantFrom('A', 'B'),
            value: fc.option(fc.integer({ min: 1, max: 5 })),
            conflictOfInterest: fc.boolean(),
          }),
          { maxLength: 40 },
        ),
        (rows) => {
          const r = assessorCompletion({ ...base, scores: rows });
          expect(Object.keys(r).sort()).toEqual(['cellsPerAssessor', 'done', 'started', 'total']);
          expect(Object.values(r).every((v) => Number.isInteger(v))).toBe(true);
          expect(r.done + r.started).toBeLessThanOrEqual(r.total);
          // The same rows with other values (or a conflict instead of a score) give the same counts.
          const scrambled = rows.map((x) => ({ ...x, value: null, conflictOfInterest: !x.conflictOfInterest }));
          expect(assessorCompletion({ ...base, scores: scrambled })).toEqual(r);
        },
      ),
    );
  });
});
