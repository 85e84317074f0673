/**
 * The membership rule, pure so that the API (electron/backend/services/groups.ts) and the import
 * (electron/backend/exchange) apply the same one: a person holds a role in a group at most once at any
 * time. Two memberships of the same person in the same group with the same role may not have
 * overlapping periods; an open end (null) reaches to the beginning or the end of time, and both ends are
 * inclusive (one that ends on the 31st and one that starts on the 31st overlap by that day).
 */
export interface MembershipSpan {
  id?: string;
  groupId: string;
  personId: string;
  role: string;
  fromDate: string | null;
  untilDate: string | null;
  deleted?: boolean;
}

/** Whether two periods share at least one day (null = open end). */
export function periodsOverlap(
  a: Pick<MembershipSpan, 'fromDate' | 'untilDate'>,
  b: Pick<MembershipSpan, 'fromDate' | 'untilDate'>,
): boolean {
  const aFrom = a.fromDate ?? '0000-01-01';
  const aUntil = a.untilDate ?? '9999-12-31';
  const bFrom = b.fromDate ?? '0000-01-01';
  const bUntil = b.untilDate ?? '9999-12-31';
  return aFrom <= bUntil && bFrom <= aUntil;
}

/**
 * The live membership `candidate` would duplicate (same group, person and role, overlapping period),
 * or undefined. `candidate.id` (when editing) and archived memberships are never counted.
 */
export function duplicateMembership<T extends MembershipSpan>(candidate: MembershipSpan, others: Iterable<T>): T | undefined {
  for (const other of others) {
    if (other.deleted) continue;
    if (candidate.id !== undefined && other.id === candidate.id) continue;
    if (other.groupId !== candidate.groupId || other.personId !== candidate.personId || other.role !== candidate.role) continue;
    if (periodsOverlap(candidate, other)) return other;
  }
  return undefined;
}

/** Every pair of live memberships in `rows` that break the rule (for checking a whole import at once). */
export function duplicateMemberships<T extends MembershipSpan>(rows: readonly T[]): Array<[T, T]> {
  const byKey = new Map<string, T[]>();
  for (const r of rows) {
    if (r.deleted) continue;
    const key = `${r.groupId}\u0000${r.personId}\u0000${r.role}`;
    const list = byKey.get(key);
    if (list) list.push(r);
    else byKey.set(key, [r]);
  }
  const out: Array<[T, T]> = [];
  for (const list of byKey.values()) {
    list.forEach((a, i) => {
      for (const b of list.slice(i + 1)) if (periodsOverlap(a, b)) out.push([a, b]);
    });
  }
  return out;
}
