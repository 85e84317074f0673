import { describe, expect, it } from 'vitest';
import {
  adHocTimeline,
  checkCap,
  formatCandidateReference,
  nextAdHocLabel,
  nextCandidateNumber,
  nextSemiannualLabel,
  parseCandidateReference,
  parseRoundLabel,
  proposeNextRound,
  semiannualTimeline,
  validateTimeline,
} from '../../shared/scanning/rounds';

describe('round labels', () => {
  it('progresses H1 → H2 → next year H1', () => {
    expect(nextSemiannualLabel('2027 H1')).toBe('2027 H2');
    expect(nextSemiannualLabel('2027 H2')).toBe('2028 H1');
    expect(nextSemiannualLabel('2099 H2')).toBe('2100 H1');
    expect(nextSemiannualLabel('2027H2')).toBe('2028 H1'); // tolerant input, canonical output
  });

  it('parses and rejects', () => {
    expect(parseRoundLabel('2027 H1')).toEqual({ year: 2027, kind: 'semiannual', seq: 1 });
    expect(parseRoundLabel('2027 A2')).toEqual({ year: 2027, kind: 'adhoc', seq: 2 });
    expect(parseRoundLabel('2027 H3')).toBeNull();
    expect(parseRoundLabel('H1 2027')).toBeNull();
    expect(nextSemiannualLabel('garbage')).toBeNull();
    expect(nextSemiannualLabel('2027 A1')).toBeNull();
  });

  it('ad-hoc labels count up within a year', () => {
    expect(nextAdHocLabel([], 2027)).toBe('2027 A1');
    expect(nextAdHocLabel(['2027 H1', '2027 A1', '2027 A2', '2026 A5'], 2027)).toBe('2027 A3');
  });
});

describe('timelines', () => {
  it('H1 2027 default dates (anchor 15.1, documented offsets)', () => {
    expect(semiannualTimeline(2027, 1)).toEqual({
      callOpens: '2027-01-15',
      submissionDeadline: '2027-02-26', // +6 weeks
      screeningEnds: '2027-03-12', // +8 weeks
      assessmentOpens: '2027-03-12',
      assessmentCloses: '2027-04-02', // +11 weeks
      networkMeeting: '2027-04-09',
      listFreeze: '2027-04-16',
      decisionMeeting: '2027-05-07', // +16 weeks
    });
  });

  it('H2 2027: anchor 15.8 is a Sunday → Monday; 6.12 Independence Day → 7.12', () => {
    expect(semiannualTimeline(2027, 2)).toEqual({
      callOpens: '2027-08-16',
      submissionDeadline: '2027-09-27',
      screeningEnds: '2027-10-11',
      assessmentOpens: '2027-10-11',
      assessmentCloses: '2027-11-01',
      networkMeeting: '2027-11-08',
      listFreeze: '2027-11-15',
      decisionMeeting: '2027-12-07',
    });
  });

  it('every default timeline is ordered, on working days and inside its half-year', () => {
    for (let year = 2025; year <= 2040; year++)
      for (const half of [1, 2] as const) {
        const t = semiannualTimeline(year, half);
        expect(validateTimeline(t)).toEqual([]);
        for (const d of Object.values(t)) {
          const day = new Date(`${d}T00:00:00Z`).getUTCDay();
          expect(day === 0 || day === 6, d).toBe(false);
          expect(d.slice(0, 4)).toBe(String(year));
          const month = Number(d.slice(5, 7));
          expect(half === 1 ? month <= 6 : month >= 7, d).toBe(true);
        }
      }
  });

  it('ad-hoc lane: two weeks end to end', () => {
    expect(adHocTimeline('2027-03-10')).toEqual({
      callOpens: '2027-03-10',
      submissionDeadline: '2027-03-10',
      screeningEnds: '2027-03-12',
      assessmentOpens: '2027-03-12',
      assessmentCloses: '2027-03-17',
      networkMeeting: '2027-03-18',
      listFreeze: '2027-03-19',
      decisionMeeting: '2027-03-24',
    });
    // Starting on a Saturday moves the opening to Monday.
    expect(adHocTimeline('2027-03-13').callOpens).toBe('2027-03-15');
  });

  it('validateTimeline reports order and format problems with keys', () => {
    const t = { ...semiannualTimeline(2027, 1), listFreeze: '2027-04-01', decisionMeeting: '7.5.2027' };
    expect(validateTimeline(t)).toEqual([
      { key: 'scanning.timeline.outOfOrder', params: { field: 'listFreeze', previous: 'networkMeeting' } },
      { key: 'scanning.timeline.invalidDate', params: { field: 'decisionMeeting' } },
    ]);
  });
});

describe('proposing the next round', () => {
  it('from the last label', () => {
    expect(proposeNextRound('2027 H1', '2027-05-20')).toEqual({ label: '2027 H2', timeline: semiannualTimeline(2027, 2) });
    expect(proposeNextRound('2027 H2', '2027-12-20').label).toBe('2028 H1');
  });

  it('first round ever: this half if its call has not opened, else the next half (year wrap)', () => {
    expect(proposeNextRound(null, '2027-01-03').label).toBe('2027 H1');
    expect(proposeNextRound(null, '2027-02-01').label).toBe('2027 H2');
    expect(proposeNextRound(null, '2027-08-01').label).toBe('2027 H2');
    expect(proposeNextRound(null, '2027-10-01').label).toBe('2028 H1');
    expect(proposeNextRound('not a label', '2027-10-01').label).toBe('2028 H1');
  });
});

describe('cap', () => {
  it('no cap, within cap, exceeding cap', () => {
    expect(checkCap(null, 10)).toEqual({ ok: true, remaining: null });
    expect(checkCap(3, 1)).toEqual({ ok: true, remaining: 1 });
    expect(checkCap(3, 2)).toEqual({ ok: true, remaining: 0 });
    expect(checkCap(3, 3)).toEqual({ ok: false, key: 'scanning.capExceeded', params: { cap: 3, count: 3, adding: 1 } });
    expect(checkCap(3, 1, 3).ok).toBe(false);
  });
});

describe('candidate references', () => {
  it('formats round key + padded number', () => {
    expect(formatCandidateReference('2027 H1', 3)).toBe('2027H1-03');
    expect(formatCandidateReference('2027 A1', 1)).toBe('2027A1-01');
    expect(formatCandidateReference('2027 H2', 104)).toBe('2027H2-104');
  });

  it('parses and finds the next number per round (gaps not reused)', () => {
    expect(parseCandidateReference('2027H1-03')).toEqual({ roundKey: '2027H1', number: 3 });
    expect(parseCandidateReference('2027 H1-03')).toBeNull();
    const refs = ['2027H1-01', '2027H1-04', '2027H2-09', 'junk'];
    expect(nextCandidateNumber(refs, '2027 H1')).toBe(5);
    expect(nextCandidateNumber(refs, '2028 H1')).toBe(1);
  });

  it('references sort in numeric order up to 99 (ranking tie-break uses them)', () => {
    const refs = [10, 2, 1, 99].map((n) => formatCandidateReference('2027 H1', n));
    expect([...refs].sort()).toEqual(['2027H1-01', '2027H1-02', '2027H1-10', '2027H1-99']);
  });
});
