import { describe, expect, it } from 'vitest';
import {
  CANDIDATE_ACTIONS,
  CANDIDATE_STATUSES,
  CANDIDATE_TRANSITIONS,
  ROUND_STATUSES,
  ROUND_TRANSITIONS,
  actionForCandidateTransition,
  assertCandidateTransitionInRound,
  assertRoundAllows,
  assertTransition,
  canTransition,
  criteriaLocked,
  isAssessmentClosed,
  isTerminal,
  nextStatuses,
  roundAllows,
  type CandidateStatus,
  type RoundStatus,
} from '../../shared/scanning/status';

const legalRound: [RoundStatus, RoundStatus][] = [
  ['planned', 'open'],
  ['planned', 'closed'],
  ['open', 'screening'],
  ['open', 'planned'],
  ['screening', 'assessment'],
  ['screening', 'open'],
  ['assessment', 'consolidation'],
  ['consolidation', 'list_submitted'],
  ['consolidation', 'assessment'],
  ['list_submitted', 'decided'],
  ['list_submitted', 'consolidation'],
  ['decided', 'closed'],
];

const legalCandidate: [CandidateStatus, CandidateStatus][] = [
  ['draft', 'submitted'],
  ['draft', 'withdrawn'],
  ['submitted', 'screening'],
  ['submitted', 'merged'],
  ['submitted', 'withdrawn'],
  ['submitted', 'draft'],
  ['screening', 'in_assessment'],
  ['screening', 'merged'],
  ['screening', 'screened_out'],
  ['screening', 'withdrawn'],
  ['screened_out', 'screening'],
  ['in_assessment', 'assessed'],
  ['in_assessment', 'withdrawn'],
  ['assessed', 'shortlisted'],
  ['assessed', 'not_shortlisted'],
  ['assessed', 'withdrawn'],
  ['assessed', 'in_assessment'],
  ['shortlisted', 'proposed'],
  ['shortlisted', 'withdrawn'],
  ['shortlisted', 'assessed'],
  ['not_shortlisted', 'withdrawn'],
  ['not_shortlisted', 'assessed'],
  ['proposed', 'approved'],
  ['proposed', 'rejected'],
  ['proposed', 'deferred'],
  ['proposed', 'folded'],
  ['proposed', 'shortlisted'],
];

describe('round status machine', () => {
  it('accepts exactly the documented legal transitions', () => {
    for (const [from, to] of legalRound) {
      expect(canTransition('round', from, to), `${from}→${to}`).toBe(true);
      expect(assertTransition('round', from, to)).toEqual({ ok: true });
    }
    const legal = new Set(legalRound.map(([a, b]) => `${a}>${b}`));
    let illegal = 0;
    for (const from of ROUND_STATUSES)
      for (const to of ROUND_STATUSES) {
        if (legal.has(`${from}>${to}`)) continue;
        illegal++;
        expect(assertTransition('round', from, to)).toEqual({
          ok: false,
          key: 'scanning.illegalTransition',
          params: { kind: 'round', from, to },
        });
      }
    expect(illegal).toBe(64 - legalRound.length);
    // The table has no transitions beyond the list above.
    const count = Object.values(ROUND_TRANSITIONS).reduce((n, l) => n + l.length, 0);
    expect(count).toBe(legalRound.length);
  });

  it('refuses skipping steps and reopening screening from assessment', () => {
    expect(canTransition('round', 'open', 'assessment')).toBe(false);
    expect(canTransition('round', 'assessment', 'screening')).toBe(false);
    expect(canTransition('round', 'closed', 'planned')).toBe(false);
    expect(canTransition('round', 'decided', 'list_submitted')).toBe(false);
  });

  it('nextStatuses lists forward moves first', () => {
    expect(nextStatuses('round', 'consolidation')).toEqual(['list_submitted', 'assessment']);
    expect(nextStatuses('round', 'closed')).toEqual([]);
    expect(isTerminal('round', 'closed')).toBe(true);
    expect(isTerminal('round', 'decided')).toBe(false);
  });

  it('the forward path visits every status in order', () => {
    for (let i = 0; i + 1 < ROUND_STATUSES.length; i++) {
      const from = ROUND_STATUSES[i] as RoundStatus;
      expect(nextStatuses('round', from)[0]).toBe(ROUND_STATUSES[i + 1]);
    }
  });
});

describe('candidate status machine', () => {
  it('accepts exactly the documented legal transitions and refuses all others with the key', () => {
    for (const [from, to] of legalCandidate) {
      expect(canTransition('candidate', from, to), `${from}→${to}`).toBe(true);
      expect(assertTransition('candidate', from, to).ok).toBe(true);
    }
    const legal = new Set(legalCandidate.map(([a, b]) => `${a}>${b}`));
    for (const from of CANDIDATE_STATUSES)
      for (const to of CANDIDATE_STATUSES) {
        if (legal.has(`${from}>${to}`)) continue;
        const r = assertTransition('candidate', from, to);
        expect(r.ok, `${from}→${to}`).toBe(false);
        if (!r.ok) expect(r).toEqual({ ok: false, key: 'scanning.illegalTransition', params: { kind: 'candidate', from, to } });
      }
    const count = Object.values(CANDIDATE_TRANSITIONS).reduce((n, l) => n + l.length, 0);
    expect(count).toBe(legalCandidate.length);
  });

  it('a sample of illegal moves', () => {
    const sample: [CandidateStatus, CandidateStatus][] = [
      ['draft', 'approved'],
      ['submitted', 'assessed'],
      ['merged', 'screening'],
      ['withdrawn', 'submitted'],
      ['approved', 'rejected'],
      ['deferred', 'proposed'],
      ['not_shortlisted', 'proposed'],
      ['in_assessment', 'shortlisted'],
      ['screened_out', 'in_assessment'],
      ['folded', 'approved'],
    ];
    for (const [from, to] of sample) expect(canTransition('candidate', from, to), `${from}→${to}`).toBe(false);
  });

  it('terminal statuses', () => {
    const terminal = CANDIDATE_STATUSES.filter((s) => isTerminal('candidate', s));
    expect(terminal.sort()).toEqual(['approved', 'deferred', 'folded', 'merged', 'rejected', 'withdrawn']);
  });

  it('unknown statuses from bad data are refused, not thrown', () => {
    expect(canTransition('candidate', 'bogus' as CandidateStatus, 'draft')).toBe(false);
    expect(nextStatuses('round', 'bogus' as RoundStatus)).toEqual([]);
  });
});

describe('round windows for candidate actions', () => {
  it('scoring only during assessment; criteria locked once assessment opens', () => {
    for (const s of ROUND_STATUSES) {
      expect(roundAllows(s, 'score')).toBe(s === 'assessment');
      expect(criteriaLocked(s)).toBe(ROUND_STATUSES.indexOf(s) >= ROUND_STATUSES.indexOf('assessment'));
    }
    expect(assertRoundAllows('consolidation', 'score')).toEqual({
      ok: false,
      key: 'scanning.actionNotAllowed',
      params: { action: 'score', roundStatus: 'consolidation' },
    });
    expect(assertRoundAllows('screening', 'editCriteria')).toEqual({ ok: true });
    expect(assertRoundAllows('assessment', 'editCriteria').ok).toBe(false);
  });

  it('every action has at least one window; decisions only once the list is submitted', () => {
    for (const a of CANDIDATE_ACTIONS)
      expect(
        ROUND_STATUSES.some((s) => roundAllows(s, a)),
        a,
      ).toBe(true);
    expect(roundAllows('consolidation', 'decide')).toBe(false);
    expect(roundAllows('list_submitted', 'decide')).toBe(true);
    expect(roundAllows('screening', 'create')).toBe(false);
    expect(roundAllows('open', 'create')).toBe(true);
  });

  it('isAssessmentClosed from consolidation on', () => {
    expect(ROUND_STATUSES.filter(isAssessmentClosed)).toEqual(['consolidation', 'list_submitted', 'decided', 'closed']);
  });

  it('every legal candidate transition maps to an action', () => {
    for (const [from, to] of legalCandidate) expect(actionForCandidateTransition(from, to), `${from}→${to}`).not.toBeNull();
    expect(actionForCandidateTransition('draft', 'approved')).toBeNull();
    expect(actionForCandidateTransition('proposed', 'folded')).toBe('decide');
    expect(actionForCandidateTransition('assessed', 'in_assessment')).toBe('score');
  });

  it('combined check: machine first, then round window', () => {
    expect(assertCandidateTransitionInRound('list_submitted', 'proposed', 'approved')).toEqual({ ok: true });
    expect(assertCandidateTransitionInRound('consolidation', 'proposed', 'approved')).toEqual({
      ok: false,
      key: 'scanning.actionNotAllowed',
      params: { action: 'decide', roundStatus: 'consolidation' },
    });
    expect(assertCandidateTransitionInRound('list_submitted', 'draft', 'approved')).toMatchObject({
      ok: false,
      key: 'scanning.illegalTransition',
    });
    expect(assertCandidateTransitionInRound('consolidation', 'in_assessment', 'assessed')).toEqual({ ok: true });
    expect(assertCandidateTransitionInRound('assessment', 'assessed', 'in_assessment')).toEqual({ ok: true });
    expect(assertCandidateTransitionInRound('consolidation', 'assessed', 'shortlisted')).toEqual({ ok: true });
    expect(assertCandidateTransitionInRound('open', 'draft', 'submitted')).toEqual({ ok: true });
    expect(assertCandidateTransitionInRound('screening', 'draft', 'submitted').ok).toBe(false);
  });
});
