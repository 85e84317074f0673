import type { GroupDetail } from '../../../shared/domain/groups';

/** What the portfolio feature shows on a group's page (nothing yet). */
export function GroupPanel(_props: { group: GroupDetail }) {
  return null;
}
