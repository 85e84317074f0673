/**
 * Validation of a rotation before it is saved or computed. Returns i18n-ready problems
 * (`{ key, params }`); an empty list means the rotation is valid. computeSchedule/computeTerms refuse
 * (return nothing) when there are problems, so the UI must show these.
 */
import { isIsoDate } from './dates';
import type { Rotation, RotationProblem, RotationVersion, SlotTarget } from './types';

/** Upper bound for N so that a typo (600 instead of 6) is caught and grids stay cheap. */
export const MAX_TERM_LENGTH = 120;

function isTermMode(v: RotationVersion): boolean {
  return v.mode === 'term_months' || v.mode === 'term_weeks';
}

function targetProblem(target: SlotTarget, exceptionId: string): RotationProblem | null {
  if ('meetingId' in target) {
    return typeof target.meetingId === 'string' && target.meetingId !== ''
      ? null
      : { key: 'rotation.exceptionTargetInvalid', params: { exceptionId } };
  }
  return isIsoDate(target.termStart) ? null : { key: 'rotation.exceptionTargetInvalid', params: { exceptionId } };
}

function sameTarget(a: SlotTarget, b: SlotTarget): boolean {
  if ('meetingId' in a && 'meetingId' in b) return a.meetingId === b.meetingId;
  if ('termStart' in a && 'termStart' in b) return a.termStart === b.termStart;
  return false;
}

export function validateRotation(rotation: Rotation): RotationProblem[] {
  const problems: RotationProblem[] = [];
  const add = (key: string, params?: Record<string, string | number>) => problems.push(params ? { key, params } : { key });

  if (rotation.unit !== 'organisations' && rotation.unit !== 'people') add('rotation.unitInvalid');
  if (rotation.cancelledRule !== 'hold' && rotation.cancelledRule !== 'advance') {
    add('rotation.cancelledRuleInvalid');
  }
  if (rotation.versions.length === 0) add('rotation.noVersions');

  const seenDates = new Set<string>();
  let family: 'meeting' | 'term' | null = null;
  for (const v of rotation.versions) {
    const versionId = v.id;
    if (!isIsoDate(v.effectiveFrom)) add('rotation.effectiveFromInvalid', { versionId });
    else if (seenDates.has(v.effectiveFrom)) {
      // Two versions on one date would make "the latest in force" ambiguous: the integration replaces
      // the version with the same date instead of adding another.
      add('rotation.duplicateEffectiveFrom', { versionId, date: v.effectiveFrom });
    } else seenDates.add(v.effectiveFrom);
    if (v.editedOn !== undefined && !isIsoDate(v.editedOn)) add('rotation.editedOnInvalid', { versionId });

    if (v.members.length === 0) add('rotation.noMembers', { versionId });
    if (v.members.some((m) => typeof m !== 'string' || m === '')) add('rotation.memberInvalid', { versionId });
    if (v.members.length > 0 && (!Number.isInteger(v.startIndex) || v.startIndex < 0 || v.startIndex >= v.members.length)) {
      add('rotation.startIndexOutOfRange', { versionId, startIndex: v.startIndex, memberCount: v.members.length });
    }

    if (v.mode !== 'per_meeting' && !isTermMode(v)) add('rotation.modeInvalid', { versionId });
    if (isTermMode(v)) {
      const n = v.termLength;
      if (n === undefined || !Number.isInteger(n) || n < 1 || n > MAX_TERM_LENGTH) {
        add('rotation.termLengthInvalid', { versionId, max: MAX_TERM_LENGTH });
      }
      if (!isIsoDate(v.anchorDate)) add('rotation.anchorInvalid', { versionId });
    }
    // Switching between per-meeting and per-term would need meetings to decide where terms begin;
    // such a change is a new rotation (end this one, start another).
    const f = isTermMode(v) ? 'term' : 'meeting';
    if (family !== null && f !== family) add('rotation.modeFamilyChanged', { versionId });
    family ??= f;
  }

  const departed = new Set<string>();
  for (const d of rotation.departures) {
    if (!isIsoDate(d.from)) add('rotation.departureDateInvalid', { memberId: d.memberId });
    if (departed.has(d.memberId)) add('rotation.duplicateDeparture', { memberId: d.memberId });
    departed.add(d.memberId);
    if (d.action === 'succeed') {
      if (!d.successorId) add('rotation.successorMissing', { memberId: d.memberId });
      else if (d.successorId === d.memberId) add('rotation.successorIsSelf', { memberId: d.memberId });
    } else if (d.action !== 'skip') add('rotation.departureActionInvalid', { memberId: d.memberId });
  }

  const seenExceptions = new Set<string>();
  for (const e of rotation.exceptions) {
    if (seenExceptions.has(e.id)) add('rotation.duplicateException', { exceptionId: e.id });
    seenExceptions.add(e.id);
    if (e.kind === 'swap') {
      for (const t of [e.first, e.second]) {
        const p = targetProblem(t, e.id);
        if (p) problems.push(p);
      }
      if (sameTarget(e.first, e.second)) add('rotation.swapSameTarget', { exceptionId: e.id });
      // A meeting's chair and a term's chair are different things; exchanging them has no meaning.
      if ('meetingId' in e.first !== 'meetingId' in e.second) add('rotation.swapMixedTargets', { exceptionId: e.id });
    } else if (e.kind === 'override' || e.kind === 'skip') {
      const p = targetProblem(e.target, e.id);
      if (p) problems.push(p);
      if (typeof e.memberId !== 'string' || e.memberId === '') {
        add('rotation.exceptionMemberMissing', { exceptionId: e.id });
      }
    } else {
      add('rotation.exceptionKindInvalid', { exceptionId: (e as { id: string }).id });
    }
  }
  return problems;
}
