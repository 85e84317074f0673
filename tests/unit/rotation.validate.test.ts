import { describe, expect, it } from 'vitest';
import { computeSchedule, validateRotation, type Rotation, type RotationVersion } from '../../shared/rotation';

const v = (extra: Partial<RotationVersion> = {}): RotationVersion => ({
  id: 'v0',
  effectiveFrom: '2026-01-01',
  mode: 'per_meeting',
  members: ['A', 'B'],
  startIndex: 0,
  ...extra,
});
const rot = (extra: Partial<Rotation> = {}): Rotation => ({
  id: 'r',
  groupId: 'g',
  unit: 'organisations',
  cancelledRule: 'hold',
  versions: [v()],
  exceptions: [],
  departures: [],
  ...extra,
});
const keys = (r: Rotation) => validateRotation(r).map((p) => p.key);

describe('validateRotation', () => {
  it('accepts a valid rotation', () => {
    expect(validateRotation(rot())).toEqual([]);
    expect(validateRotation(rot({ versions: [v({ mode: 'term_months', termLength: 6, anchorDate: '2026-01-31' })] }))).toEqual(
      [],
    );
  });

  it('refuses a rotation with no members, with the version in the params', () => {
    expect(validateRotation(rot({ versions: [v({ members: [] })] }))).toEqual([
      { key: 'rotation.noMembers', params: { versionId: 'v0' } },
    ]);
    const s = computeSchedule({
      rotation: rot({ versions: [v({ members: [] })] }),
      meetings: [{ id: 'm', date: '2026-02-01', status: 'planned' }],
    });
    expect(s).toMatchObject({ valid: false, meetings: [], handovers: [] });
    expect(s.problems[0]!.key).toBe('rotation.noMembers');
  });

  it('refuses a rotation without versions', () => {
    expect(keys(rot({ versions: [] }))).toEqual(['rotation.noVersions']);
  });

  it('checks versions', () => {
    expect(keys(rot({ versions: [v({ startIndex: 2 })] }))).toEqual(['rotation.startIndexOutOfRange']);
    expect(keys(rot({ versions: [v({ startIndex: -1 })] }))).toEqual(['rotation.startIndexOutOfRange']);
    expect(keys(rot({ versions: [v({ effectiveFrom: '2026-02-30' })] }))).toEqual(['rotation.effectiveFromInvalid']);
    expect(keys(rot({ versions: [v({ editedOn: 'today' })] }))).toEqual(['rotation.editedOnInvalid']);
    expect(keys(rot({ versions: [v({ members: ['A', ''] })] }))).toEqual(['rotation.memberInvalid']);
    expect(keys(rot({ versions: [v({ mode: 'term_weeks' })] }))).toEqual([
      'rotation.termLengthInvalid',
      'rotation.anchorInvalid',
    ]);
    expect(keys(rot({ versions: [v({ mode: 'term_months', termLength: 0, anchorDate: '2026-01-01' })] }))).toEqual([
      'rotation.termLengthInvalid',
    ]);
    expect(keys(rot({ versions: [v({ mode: 'term_months', termLength: 1.5, anchorDate: '2026-01-01' })] }))).toEqual([
      'rotation.termLengthInvalid',
    ]);
    expect(keys(rot({ versions: [v({ mode: 'yearly' as never })] }))).toEqual(['rotation.modeInvalid']);
    expect(keys(rot({ unit: 'teams' as never, cancelledRule: 'maybe' as never }))).toEqual([
      'rotation.unitInvalid',
      'rotation.cancelledRuleInvalid',
    ]);
  });

  it('refuses two versions on one date and a switch between per-meeting and per-term', () => {
    expect(keys(rot({ versions: [v(), v({ id: 'v1' })] }))).toEqual(['rotation.duplicateEffectiveFrom']);
    expect(
      keys(
        rot({
          versions: [
            v(),
            v({ id: 'v1', effectiveFrom: '2026-06-01', mode: 'term_months', termLength: 1, anchorDate: '2026-06-01' }),
          ],
        }),
      ),
    ).toEqual(['rotation.modeFamilyChanged']);
    // Months ↔ weeks is only a grid change: allowed.
    expect(
      keys(
        rot({
          versions: [
            v({ mode: 'term_months', termLength: 1, anchorDate: '2026-01-01' }),
            v({ id: 'v1', effectiveFrom: '2026-06-01', mode: 'term_weeks', termLength: 2, anchorDate: '2026-06-01' }),
          ],
        }),
      ),
    ).toEqual([]);
  });

  it('checks departures', () => {
    expect(keys(rot({ departures: [{ id: 'd', memberId: 'A', from: '2026-03-01', action: 'succeed' }] }))).toEqual([
      'rotation.successorMissing',
    ]);
    expect(
      keys(rot({ departures: [{ id: 'd', memberId: 'A', from: '2026-03-01', action: 'succeed', successorId: 'A' }] })),
    ).toEqual(['rotation.successorIsSelf']);
    expect(
      keys(
        rot({
          departures: [
            { id: 'd1', memberId: 'A', from: '2026-03-01', action: 'skip' },
            { id: 'd2', memberId: 'A', from: 'x', action: 'skip' },
          ],
        }),
      ),
    ).toEqual(['rotation.departureDateInvalid', 'rotation.duplicateDeparture']);
  });

  it('checks exceptions', () => {
    expect(
      keys(
        rot({ exceptions: [{ kind: 'swap', id: 's', createdAt: '1', first: { meetingId: 'm' }, second: { meetingId: 'm' } }] }),
      ),
    ).toEqual(['rotation.swapSameTarget']);
    expect(
      keys(
        rot({
          exceptions: [{ kind: 'swap', id: 's', createdAt: '1', first: { meetingId: 'm' }, second: { termStart: '2026-01-01' } }],
        }),
      ),
    ).toEqual(['rotation.swapMixedTargets']);
    expect(
      keys(
        rot({ exceptions: [{ kind: 'override', id: 'o', createdAt: '1', target: { termStart: '2026-02-31' }, memberId: 'A' }] }),
      ),
    ).toEqual(['rotation.exceptionTargetInvalid']);
    expect(
      keys(rot({ exceptions: [{ kind: 'override', id: 'o', createdAt: '1', target: { meetingId: 'm' }, memberId: '' }] })),
    ).toEqual(['rotation.exceptionMemberMissing']);
    expect(
      keys(
        rot({
          exceptions: [
            { kind: 'skip', id: 'x', createdAt: '1', target: { meetingId: 'm' }, memberId: 'A' },
            { kind: 'skip', id: 'x', createdAt: '2', target: { meetingId: 'n' }, memberId: 'A' },
          ],
        }),
      ),
    ).toEqual(['rotation.duplicateException']);
  });

  it('every problem key is namespaced for i18n', () => {
    const all = validateRotation(rot({ versions: [v({ members: [], mode: 'term_weeks' }), v()] }));
    expect(all.length).toBeGreaterThan(0);
    expect(all.every((p) => p.key.startsWith('rotation.'))).toBe(true);
  });
});
