import { describe, expect, it } from 'vitest';
import { aggregatesVisible, scoreVisibility } from '../../shared/scanning/blind';
import { ROUND_STATUSES } from '../../shared/scanning/status';

interface Row {
  candidateId: string;
  criterionId: string;
  assessorId: string;
  value: number;
  comment: string;
}
const rows: Row[] = [
  { candidateId: 'X', criterionId: 'A', assessorId: 'anna', value: 5, comment: 'tärkeä' },
  { candidateId: 'X', criterionId: 'B', assessorId: 'anna', value: 3, comment: '' },
  { candidateId: 'X', criterionId: 'A', assessorId: 'bertil', value: 2, comment: 'oklart' },
  { candidateId: 'Y', criterionId: 'A', assessorId: 'chris', value: 4, comment: '' },
];

describe('blind scoring visibility', () => {
  it('during assessment an assessor sees only their own rows and no aggregates', () => {
    const v = scoreVisibility({ viewerId: 'anna', viewerRole: 'assessor', roundStatus: 'assessment', scores: rows });
    expect(v.aggregatesVisible).toBe(false);
    expect(v.scores.map((s) => s.assessorId)).toEqual(['anna', 'anna']);
    expect(v.scores[0]?.comment).toBe('tärkeä'); // own rows pass through whole
    expect(v.progress).toBeNull();
    expect(v.reasonKey).toBe('scanning.blind.ownOnly');
  });

  it('an assessor with no scores yet sees nothing', () => {
    const v = scoreVisibility({ viewerId: 'dora', viewerRole: 'assessor', roundStatus: 'assessment', scores: rows });
    expect(v.scores).toEqual([]);
  });

  it('the round owner sees progress counts but no values while blind', () => {
    const v = scoreVisibility({ viewerId: 'owner-1', viewerRole: 'owner', roundStatus: 'assessment', scores: rows });
    expect(v.scores).toEqual([]);
    expect(v.aggregatesVisible).toBe(false);
    expect(v.progress).toEqual([
      { assessorId: 'anna', scoreCount: 2 },
      { assessorId: 'bertil', scoreCount: 1 },
      { assessorId: 'chris', scoreCount: 1 },
    ]);
    expect(v.reasonKey).toBe('scanning.blind.progressOnly');
    // An owner who also assesses keeps their own rows.
    const own = scoreVisibility({ viewerId: 'bertil', viewerRole: 'owner', roundStatus: 'assessment', scores: rows });
    expect(own.scores.map((s) => s.value)).toEqual([2]);
  });

  it('observers see nothing while blind', () => {
    const v = scoreVisibility({ viewerId: 'anna', viewerRole: 'viewer', roundStatus: 'assessment', scores: rows });
    expect(v).toEqual({ scores: [], aggregatesVisible: false, progress: null, reasonKey: 'scanning.blind.hidden' });
  });

  it('after the window closes everyone sees all rows and aggregates', () => {
    for (const status of ['consolidation', 'list_submitted', 'decided', 'closed'] as const)
      for (const role of ['assessor', 'owner', 'viewer'] as const) {
        const v = scoreVisibility({ viewerId: 'dora', viewerRole: role, roundStatus: status, scores: rows });
        expect(v.aggregatesVisible).toBe(true);
        expect(v.scores).toHaveLength(4);
        expect(v.reasonKey).toBe('scanning.blind.open');
      }
  });

  it('is blind in every status up to and including assessment (also when reopened)', () => {
    expect(ROUND_STATUSES.filter(aggregatesVisible)).toEqual(['consolidation', 'list_submitted', 'decided', 'closed']);
    for (const status of ['planned', 'open', 'screening', 'assessment'] as const) {
      const v = scoreVisibility({ viewerId: 'anna', viewerRole: 'assessor', roundStatus: status, scores: rows });
      expect(v.scores.every((s) => s.assessorId === 'anna')).toBe(true);
      expect(v.aggregatesVisible).toBe(false);
    }
  });

  it('does not mutate the input', () => {
    const copy = structuredClone(rows);
    scoreVisibility({ viewerId: 'anna', viewerRole: 'assessor', roundStatus: 'consolidation', scores: rows }).scores.pop();
    expect(rows).toEqual(copy);
  });
});
