import type { RowMeta } from './base';

export const GROUP_KINDS = ['cooperation_group', 'expert_network', 'priority_group', 'subgroup', 'network'] as const;
export type GroupKind = (typeof GROUP_KINDS)[number];

/** Lifecycle of a group. Priority groups use the full priority lifecycle; standing bodies are `active`. */
export const GROUP_STATUSES = [
  'proposed',
  'preparing',
  'plan_drafting',
  'implementing',
  'active',
  'paused',
  'concluded',
  'transferred',
] as const;
export type GroupStatus = (typeof GROUP_STATUSES)[number];

export const ORGANISATION_ROLES = ['lead', 'participant'] as const;
export type OrganisationRole = (typeof ORGANISATION_ROLES)[number];

export const MEMBER_ROLES = ['convener', 'chair', 'secretary', 'member', 'substitute'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

export interface Group extends RowMeta {
  kind: GroupKind;
  /** As written: the fallback when a language's own name is missing (shared/domain/names.ts). */
  name: string;
  shortName: string | null;
  nameFi: string | null;
  nameSv: string | null;
  nameEn: string | null;
  shortNameFi: string | null;
  shortNameSv: string | null;
  shortNameEn: string | null;
  description: string | null;
  parentId: string | null;
  status: GroupStatus;
  /** When the current status took effect (e.g. the date a priority was transferred elsewhere). */
  statusDate: string | null;
  /** Where a transferred priority's work went. */
  transferredTo: string | null;
  priorityNumber: number | null;
  timeZone: string;
  /** Quorum rule for meetings (the meetings feature defines its shape); null = no rule. */
  quorumRule: unknown;
  /** Per-group settings owned by features (e.g. rotation handover notice). */
  settings: Record<string, unknown>;
}

export interface GroupOrganisation extends RowMeta {
  groupId: string;
  organisationId: string;
  role: OrganisationRole;
}

export interface Membership extends RowMeta {
  groupId: string;
  personId: string;
  role: MemberRole;
  fromDate: string | null;
  untilDate: string | null;
}

/** A group as the list shows it. */
export interface GroupSummary extends Group {
  parentName: string | null;
  leadAbbreviations: string[];
  organisationCount: number;
  memberCount: number;
}

/** A group with everything its page shows. */
export interface GroupDetail extends Group {
  parentName: string | null;
  subgroups: Array<Pick<Group, 'id' | 'name' | 'kind' | 'status'>>;
  organisations: Array<GroupOrganisation & { abbreviation: string; organisationName: string }>;
  members: Array<Membership & { personName: string; organisationAbbreviation: string | null }>;
  conveners: Array<{ personId: string; personName: string }>;
}
