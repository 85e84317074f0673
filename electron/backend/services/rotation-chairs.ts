import type { Ctx } from '../context';

/**
 * Recompute the chair of every planned meeting of a group from its rotation (if it has one) and write
 * it on the meetings (chair_organisation_id / chair_person_id, chair_source 'rotation' | 'override' | 'swap').
 * Held meetings keep their chair. The meetings service calls this after any change to a group's
 * meetings; the rotation service after any change to a rotation. Implemented by the rotation feature.
 */
export function refreshRotationChairs(_ctx: Ctx, _groupId: string): void {}
