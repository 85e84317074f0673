import type { HandlersFor } from '../../../shared/contract/core';
import type { groupsContract } from '../../../shared/contract/groups';
import type { Group, GroupOrganisation, GroupStatus, Membership } from '../../../shared/domain/groups';
import type { Organisation } from '../../../shared/domain/organisations';
import type { Person } from '../../../shared/domain/people';
import type { Ctx } from '../context';
import { userError } from '../errors';
import { duplicateMembership, type MembershipSpan } from '../../../shared/groups/memberships';
import { checkTransition } from '../../../shared/portfolio/lifecycle';
import { today } from '../clock';
import { ancestors, findGroupOrganisation, groupDetail, listGroups, membershipsOfPerson } from '../repositories/groups';
import { statusHistory } from '../repositories/portfolio';
import { recordStatus } from './status-history';

/** A subgroup needs a parent, and no group may end up inside itself. */
function assertParent(ctx: Ctx, groupId: string | null, kind: string, parentId: string | null) {
  if (kind === 'subgroup' && !parentId) throw userError('validation', 'errors.subgroupNeedsParent');
  if (!parentId) return;
  ctx.store.require<Group>('work_groups', parentId, 'group');
  if (groupId && (parentId === groupId || ancestors(ctx.store, parentId).includes(groupId))) {
    throw userError('validation', 'errors.groupCycle');
  }
}

/** What a new group needs; the rest takes the table's defaults. */
export type NewGroup = Pick<Group, 'kind' | 'name' | 'status'> &
  Partial<
    Pick<
      Group,
      | 'shortName'
      | 'nameFi'
      | 'nameSv'
      | 'nameEn'
      | 'shortNameFi'
      | 'shortNameSv'
      | 'shortNameEn'
      | 'description'
      | 'parentId'
      | 'statusDate'
      | 'transferredTo'
      | 'priorityNumber'
      | 'timeZone'
    >
  >;

/**
 * The one place a group is created: `groups.create`, scanning's approval and the example loader all
 * call it, so every group gets the parent rule and its first status-history row. `history` overrides the
 * history row's date (default: the status date, else today), note and detail.
 */
export function createGroup(
  ctx: Ctx,
  input: NewGroup,
  history: { date?: string; note?: string | null; detail?: unknown } = {},
): Group {
  assertParent(ctx, null, input.kind, input.parentId ?? null);
  const group = ctx.store.insert<Group>('work_groups', { ...input, parentId: input.parentId ?? null });
  recordStatus(ctx, {
    entityType: 'group',
    entityId: group.id,
    status: group.status,
    date: history.date ?? group.statusDate ?? today(ctx),
    note: history.note,
    detail: history.detail,
  });
  return group;
}

export interface StatusChange {
  groupId: string;
  status: GroupStatus;
  date: string;
  transferredTo?: string | null;
  note?: string | null;
}

/**
 * The one owner of a group's lifecycle: checks the transition (shared/portfolio/lifecycle.ts), moves the
 * group and records the history. `portfolio.changeStatus` and a status change through `groups.update`
 * both come here, so concluded → proposed is refused on every path and the history never runs backwards.
 */
export function changeGroupStatus(ctx: Ctx, change: StatusChange): Group {
  const group = ctx.store.require<Group>('work_groups', change.groupId, 'group');
  const problem = checkTransition({
    from: group.status,
    to: change.status,
    date: change.date,
    transferredTo: change.transferredTo,
    currentDate: group.statusDate,
  });
  if (problem) throw userError('validation', problem.key, problem.params);
  const transferredTo = change.status === 'transferred' ? (change.transferredTo ?? null) : null;
  const updated = ctx.store.update<Group>('work_groups', group.id, {
    status: change.status,
    statusDate: change.date,
    transferredTo,
  });
  recordStatus(ctx, {
    entityType: 'group',
    entityId: group.id,
    status: change.status,
    date: change.date,
    note: change.note,
    detail: transferredTo ? { transferredTo } : null,
  });
  return updated;
}

/**
 * A dated progress note on a group that does not change its lifecycle (what the report's progress
 * narrative reads). It is filed under the status the group had on that date (the latest history entry up
 * to it), or under `status` when the caller knows the history better (the example loader, which writes
 * 2019–2022 notes on groups created in their 2022 state). The note must say something.
 */
export function recordGroupNote(ctx: Ctx, input: { groupId: string; date: string; note: string; status?: GroupStatus }): void {
  const group = ctx.store.require<Group>('work_groups', input.groupId, 'group');
  const note = input.note.trim();
  if (!note) throw userError('validation', 'validation.required');
  // statusHistory is newest-recorded first; the last entry dated up to the note is the one in effect.
  const inEffect = statusHistory(ctx.store, group.id)
    .reverse()
    .filter((h) => h.date <= input.date)
    .sort((a, b) => a.date.localeCompare(b.date))
    .at(-1)?.status;
  recordStatus(ctx, {
    entityType: 'group',
    entityId: group.id,
    status: input.status ?? inEffect ?? group.status,
    date: input.date,
    note,
  });
}

/**
 * A person holds a role in a group once at a time (shared/groups/memberships.ts, the rule the import
 * applies too): refuse a membership that would overlap another with the same person, group and role.
 */
function assertNoDuplicateMembership(ctx: Ctx, candidate: MembershipSpan) {
  const clash = duplicateMembership(candidate, membershipsOfPerson(ctx.store, candidate.groupId, candidate.personId));
  if (!clash) return;
  const person = ctx.store.get<Person>('people', candidate.personId);
  throw userError('conflict', 'groups.errors.duplicateMembership', {
    person: person?.name ?? '',
    role: candidate.role,
    from: clash.fromDate ?? '…',
    until: clash.untilDate ?? '…',
  });
}

/** Link an organisation to a group in a role (setting it again changes the role; a removed link comes back). */
export function setGroupOrganisation(
  ctx: Ctx,
  input: { groupId: string; organisationId: string; role: GroupOrganisation['role'] },
): GroupOrganisation {
  ctx.store.require<Group>('work_groups', input.groupId, 'group');
  ctx.store.require<Organisation>('organisations', input.organisationId, 'organisation');
  const existing = findGroupOrganisation(ctx.store, input.groupId, input.organisationId);
  if (existing) {
    return ctx.store.update<GroupOrganisation>('group_organisations', existing.id, { role: input.role, deleted: false });
  }
  return ctx.store.insert<GroupOrganisation>('group_organisations', input);
}

/** Store a group's quorum rule (the meetings feature validates its shape first); null = no rule. */
export function setGroupQuorumRule(ctx: Ctx, groupId: string, rule: unknown): void {
  ctx.store.update<Group>('work_groups', groupId, { quorumRule: rule });
}

export const groupHandlers: HandlersFor<typeof groupsContract, Ctx> = {
  'groups.list': (input, ctx) => listGroups(ctx.store, input),
  'groups.get': ({ id }, ctx) => {
    const detail = groupDetail(ctx.store, id);
    if (!detail) throw userError('not_found', 'errors.notFound', { entity: 'group' });
    return detail;
  },
  'groups.create': (input, ctx) => ctx.tx(() => createGroup(ctx, input)),
  'groups.update': ({ id, patch }, ctx) =>
    ctx.tx(() => {
      const current = ctx.store.require<Group>('work_groups', id, 'group');
      assertParent(ctx, id, patch.kind ?? current.kind, patch.parentId === undefined ? current.parentId : patch.parentId);
      const { status, ...rest } = patch;
      // A status change is a lifecycle step: the lifecycle owner checks and records it (dated today).
      if (status !== undefined && status !== current.status) changeGroupStatus(ctx, { groupId: id, status, date: today(ctx) });
      return Object.keys(rest).length
        ? ctx.store.update<Group>('work_groups', id, rest)
        : ctx.store.require<Group>('work_groups', id, 'group');
    }),
  'groups.archive': ({ id }, ctx) =>
    ctx.tx(() => {
      ctx.store.require<Group>('work_groups', id, 'group');
      return ctx.store.archive<Group>('work_groups', id);
    }),
  'groups.restore': ({ id }, ctx) =>
    ctx.tx(() => {
      ctx.store.require<Group>('work_groups', id, 'group');
      return ctx.store.restore<Group>('work_groups', id);
    }),
  'groups.setOrganisation': (input, ctx) => ctx.tx(() => setGroupOrganisation(ctx, input)),
  'groups.removeOrganisation': ({ id }, ctx) =>
    ctx.tx(() => {
      ctx.store.require<GroupOrganisation>('group_organisations', id, 'groupOrganisation');
      return ctx.store.archive<GroupOrganisation>('group_organisations', id);
    }),
  'groups.addMember': (input, ctx) =>
    ctx.tx(() => {
      ctx.store.require<Group>('work_groups', input.groupId, 'group');
      const person = ctx.store.require<Person>('people', input.personId, 'person');
      assertNoDuplicateMembership(ctx, input);
      return ctx.store.insert<Membership>('memberships', { ...input, organisationId: person.organisationId });
    }),
  'groups.updateMember': ({ id, patch }, ctx) =>
    ctx.tx(() => {
      const current = ctx.store.require<Membership>('memberships', id, 'membership');
      const fromDate = patch.fromDate === undefined ? current.fromDate : patch.fromDate;
      const untilDate = patch.untilDate === undefined ? current.untilDate : patch.untilDate;
      if (fromDate && untilDate && fromDate > untilDate) throw userError('validation', 'validation.dateOrder');
      assertNoDuplicateMembership(ctx, { ...current, role: patch.role ?? current.role, fromDate, untilDate });
      return ctx.store.update<Membership>('memberships', id, patch);
    }),
  'groups.removeMember': ({ id }, ctx) =>
    ctx.tx(() => {
      ctx.store.require<Membership>('memberships', id, 'membership');
      return ctx.store.archive<Membership>('memberships', id);
    }),
};
