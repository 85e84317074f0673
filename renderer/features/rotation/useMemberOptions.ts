import type { RotationUnit } from '../../../shared/rotation';
import { api } from '../../api';
import { useLoad } from '../../ui/useLoad';
import type { MemberOption } from './MembersEditor';
import { useNames } from '../../ui/names';

/** Everyone who can be a member of a rotation of this unit: all organisations, or all people. */
export function useMemberOptions(unit: RotationUnit): MemberOption[] {
  const organisations = useLoad(() => (unit === 'organisations' ? api.organisations.list({}) : Promise.resolve([])), [unit]);
  const names = useNames();
  const people = useLoad(() => (unit === 'people' ? api.people.list({}) : Promise.resolve([])), [unit]);
  return unit === 'organisations'
    ? (organisations.data ?? []).map((o) => ({ value: o.id, label: names.orgOption(o) }))
    : (people.data ?? []).map((p) => ({ value: p.id, label: p.name }));
}
