import type { RotationMemberRef, RotationView } from '../../../shared/domain/rotation';
import type { Names } from '../../ui/names';

/**
 * The rotation's members in the UI language: for a rotation of organisations, each member's label is the
 * organisation's abbreviation and its detail the full name (shared/domain/names.ts); people keep theirs.
 * Applied where a view arrives, so every label on the schedule, the timeline and the dialogs follows.
 */
export function membersIn(members: RotationMemberRef[], unit: RotationView['rotation']['unit'], names: Names) {
  if (unit !== 'organisations') return members;
  return members.map((m) => ({
    ...m,
    label: names.orgShort(m.id, m.label),
    detail: names.org(m.id, m.detail ?? '') || m.detail,
  }));
}

export function viewIn(view: RotationView, names: Names): RotationView {
  return {
    ...view,
    groupName: names.groupTitle(view.rotation.groupId, view.groupName),
    members: membersIn(view.members, view.rotation.unit, names),
  };
}
