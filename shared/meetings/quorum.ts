/**
 * Attendance and quorum (pure, no I/O).
 *
 * Inputs
 *   members: the group's memberships at the meeting date, { personId, organisationId, role } with the
 *     roles of the group model (convener, chair, secretary, member, substitute). Several rows for one
 *     person (chair and member) are merged.
 *   attendance: { personId, status: present | remote | excused | absent, standsInFor?, organisationId? }
 *     — `standsInFor` = the member a substitute stands in for (the substitute need not be a registered
 *     group substitute); `organisationId` only matters for guests. No record = not attending.
 *
 * Decisions
 * - Attending = present or remote; remote counts fully (groups meet hybrid).
 * - Who counts towards a members quorum: roles convener, chair and member (`countedRoles` to change).
 *   The secretary usually is not a member of these groups; a registered substitute counts only while
 *   standing in for a member. A member and their stand-in both present count once.
 * - An organisation is represented when any of its people in the group (any role) attends, or anyone
 *   attends standing in for one of its members (the stand-in represents the member's organisation,
 *   whatever their own). Guests (no membership, not standing in) are listed but never count.
 * - Organisations for the organisations quorum: `organisationIds` (the group's participating
 *   organisations) when given, else those of the members.
 * - Thresholds: 'at_least' (default; ≥ fraction, as "at least half of the members") or 'more_than'
 *   (> fraction, "more than half"). Required counts are whole people/organisations: ceil(f·total)
 *   (or floor(f·total)+1 for 'more_than'), with a tolerance so 0.5 · 4 is 2, not 2.0000001.
 *
 * API
 *   validateQuorumRule(rule): string[]                          i18n keys 'meetings.quorum.*'
 *   evaluateQuorum(rule, members, attendance, options?): QuorumResult   { met, counted, required, total }
 *   quorumMet(rule, members, attendance, options?): boolean
 *   organisationAttendance(members, attendance, options?): OrganisationAttendance[]
 *   isAttending(status)
 */
import type { MemberRole } from '../domain/groups';

export const ATTENDANCE_STATUSES = ['present', 'remote', 'excused', 'absent'] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];

export type QuorumComparison = 'at_least' | 'more_than';

export type QuorumRule =
  | { kind: 'none' }
  | { kind: 'members_fraction'; fraction: number; comparison?: QuorumComparison }
  | { kind: 'organisations_fraction'; fraction: number; comparison?: QuorumComparison }
  | { kind: 'min_members'; n: number };

export interface QuorumMember {
  personId: string;
  organisationId: string | null;
  role: MemberRole;
}

export interface AttendanceRecord {
  personId: string;
  status: AttendanceStatus;
  /** The member this person stands in for. */
  standsInFor?: string | null;
  /** A guest's organisation (members' organisations come from `members`). */
  organisationId?: string | null;
}

export interface QuorumOptions {
  countedRoles?: readonly MemberRole[];
  organisationIds?: readonly string[];
}

export interface QuorumResult {
  kind: QuorumRule['kind'];
  met: boolean;
  /** Members (or organisations) represented. */
  counted: number;
  required: number;
  /** Members (or organisations) that could be counted. */
  total: number;
}

export const DEFAULT_COUNTED_ROLES: readonly MemberRole[] = ['convener', 'chair', 'member'];

export const isAttending = (status: AttendanceStatus | null | undefined): boolean => status === 'present' || status === 'remote';

export function validateQuorumRule(rule: QuorumRule | null): string[] {
  if (rule === null) return [];
  switch (rule.kind) {
    case 'none':
      return [];
    case 'members_fraction':
    case 'organisations_fraction': {
      const errors: string[] = [];
      if (!(typeof rule.fraction === 'number' && rule.fraction > 0 && rule.fraction <= 1)) {
        errors.push('meetings.quorum.invalidFraction');
      }
      if (rule.comparison !== undefined && rule.comparison !== 'at_least' && rule.comparison !== 'more_than') {
        errors.push('meetings.quorum.invalidComparison');
      }
      return errors;
    }
    case 'min_members':
      return Number.isInteger(rule.n) && rule.n >= 1 ? [] : ['meetings.quorum.invalidMinimum'];
    default:
      return ['meetings.quorum.invalidKind'];
  }
}

interface Indexed {
  /** personId → organisation (first non-null of their membership rows). */
  orgOf: Map<string, string | null>;
  /** personId → roles */
  roles: Map<string, Set<MemberRole>>;
  /** personId → the attendance record (the last one wins if duplicated). */
  record: Map<string, AttendanceRecord>;
}

function index(members: readonly QuorumMember[], attendance: readonly AttendanceRecord[]): Indexed {
  const orgOf = new Map<string, string | null>();
  const roles = new Map<string, Set<MemberRole>>();
  for (const m of members) {
    if (!orgOf.get(m.personId)) orgOf.set(m.personId, m.organisationId);
    const set = roles.get(m.personId) ?? new Set<MemberRole>();
    set.add(m.role);
    roles.set(m.personId, set);
  }
  const record = new Map<string, AttendanceRecord>();
  for (const a of attendance) record.set(a.personId, a);
  return { orgOf, roles, record };
}

/** Members represented: attending themselves or through someone standing in for them. */
function representedMembers(ix: Indexed, counted: readonly MemberRole[]): { total: string[]; represented: Set<string> } {
  const total = [...ix.roles].filter(([, rs]) => counted.some((r) => rs.has(r))).map(([p]) => p);
  const totalSet = new Set(total);
  const represented = new Set<string>();
  for (const a of ix.record.values()) {
    if (!isAttending(a.status)) continue;
    if (totalSet.has(a.personId)) represented.add(a.personId);
    if (a.standsInFor && totalSet.has(a.standsInFor)) represented.add(a.standsInFor);
  }
  return { total, represented };
}

function representedOrganisations(ix: Indexed): Set<string> {
  const out = new Set<string>();
  for (const a of ix.record.values()) {
    if (!isAttending(a.status)) continue;
    const own = ix.orgOf.get(a.personId);
    if (own) out.add(own);
    const forOrg = a.standsInFor ? ix.orgOf.get(a.standsInFor) : null;
    if (forOrg) out.add(forOrg);
  }
  return out;
}

const EPS = 1e-9;
function requiredCount(fraction: number, total: number, comparison: QuorumComparison): number {
  const exact = fraction * total;
  return comparison === 'more_than' ? Math.floor(exact + EPS) + 1 : Math.ceil(exact - EPS);
}

export function evaluateQuorum(
  rule: QuorumRule | null,
  members: readonly QuorumMember[],
  attendance: readonly AttendanceRecord[],
  options: QuorumOptions = {},
): QuorumResult {
  const ix = index(members, attendance);
  const counted = options.countedRoles ?? DEFAULT_COUNTED_ROLES;
  if (rule === null || rule.kind === 'none') {
    const { total, represented } = representedMembers(ix, counted);
    return { kind: 'none', met: true, counted: represented.size, required: 0, total: total.length };
  }
  if (validateQuorumRule(rule).length > 0) {
    // A broken rule must not silently pass; it shows as not met until fixed.
    return { kind: rule.kind, met: false, counted: 0, required: 0, total: 0 };
  }
  switch (rule.kind) {
    case 'members_fraction': {
      const { total, represented } = representedMembers(ix, counted);
      const required = requiredCount(rule.fraction, total.length, rule.comparison ?? 'at_least');
      return {
        kind: rule.kind,
        met: total.length > 0 && represented.size >= required,
        counted: represented.size,
        required,
        total: total.length,
      };
    }
    case 'min_members': {
      const { total, represented } = representedMembers(ix, counted);
      return {
        kind: rule.kind,
        met: represented.size >= rule.n,
        counted: represented.size,
        required: rule.n,
        total: total.length,
      };
    }
    case 'organisations_fraction': {
      const orgs = new Set(options.organisationIds ?? [...ix.orgOf.values()].filter((o): o is string => o !== null));
      const present = [...representedOrganisations(ix)].filter((o) => orgs.has(o));
      const required = requiredCount(rule.fraction, orgs.size, rule.comparison ?? 'at_least');
      return {
        kind: rule.kind,
        met: orgs.size > 0 && present.length >= required,
        counted: present.length,
        required,
        total: orgs.size,
      };
    }
  }
}

export function quorumMet(
  rule: QuorumRule | null,
  members: readonly QuorumMember[],
  attendance: readonly AttendanceRecord[],
  options: QuorumOptions = {},
): boolean {
  return evaluateQuorum(rule, members, attendance, options).met;
}

export interface PersonAttendance {
  personId: string;
  roles: MemberRole[];
  /** null = no attendance recorded. */
  status: AttendanceStatus | null;
  /** Someone attending in this member's place. */
  standIns: Array<{ personId: string; status: AttendanceStatus }>;
  /** The member this person attends for (a substitute of the same organisation), or null. */
  standsInFor: string | null;
}

export interface OrganisationAttendance {
  organisationId: string;
  represented: boolean;
  /** The organisation's people in the group. */
  people: PersonAttendance[];
  /** Attending in place of one of this organisation's members, not listed among its people. */
  standingIn: Array<{ personId: string; forPersonId: string; status: AttendanceStatus }>;
  /** Attendees of this organisation without a membership who stand in for no one. */
  guests: Array<{ personId: string; status: AttendanceStatus }>;
}

/**
 * Per-organisation attendance for the run screen and the minutes. Listed organisations: `organisationIds`
 * when given (so an organisation nobody came from still shows), plus any organisation seen in the data.
 */
export function organisationAttendance(
  members: readonly QuorumMember[],
  attendance: readonly AttendanceRecord[],
  options: Pick<QuorumOptions, 'organisationIds'> = {},
): OrganisationAttendance[] {
  const ix = index(members, attendance);
  const represented = representedOrganisations(ix);
  const byOrg = new Map<string, OrganisationAttendance>();
  const get = (org: string): OrganisationAttendance => {
    let entry = byOrg.get(org);
    if (!entry) {
      entry = { organisationId: org, represented: represented.has(org), people: [], standingIn: [], guests: [] };
      byOrg.set(org, entry);
    }
    return entry;
  };
  for (const org of options.organisationIds ?? []) get(org);

  const standInsFor = new Map<string, Array<{ personId: string; status: AttendanceStatus }>>();
  for (const a of ix.record.values()) {
    if (a.standsInFor && ix.roles.has(a.standsInFor)) {
      const list = standInsFor.get(a.standsInFor) ?? [];
      list.push({ personId: a.personId, status: a.status });
      standInsFor.set(a.standsInFor, list);
    }
  }
  for (const [personId, roles] of ix.roles) {
    const org = ix.orgOf.get(personId);
    if (!org) continue;
    get(org).people.push({
      personId,
      roles: [...roles],
      status: ix.record.get(personId)?.status ?? null,
      standIns: standInsFor.get(personId) ?? [],
      standsInFor: ix.record.get(personId)?.standsInFor ?? null,
    });
  }
  for (const a of ix.record.values()) {
    const ownOrg = ix.orgOf.get(a.personId) ?? null;
    const forOrg = a.standsInFor && ix.roles.has(a.standsInFor) ? (ix.orgOf.get(a.standsInFor) ?? null) : null;
    // Listed once: a member of the same organisation shows under people (with standsInFor), anyone else here.
    if (forOrg && !(ix.roles.has(a.personId) && ownOrg === forOrg))
      get(forOrg).standingIn.push({ personId: a.personId, forPersonId: a.standsInFor!, status: a.status });
    if (!ix.roles.has(a.personId) && !forOrg && a.organisationId)
      get(a.organisationId).guests.push({ personId: a.personId, status: a.status });
  }
  return [...byOrg.values()];
}
