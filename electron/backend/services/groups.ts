import type { HandlersFor } from '../../../shared/contract/core';
import type { groupsContract } from '../../../shared/contract/groups';
import type { Group, GroupOrganisation, Membership } from '../../../shared/domain/groups';
import type { Organisation } from '../../../shared/domain/organisations';
import type { Person } from '../../../shared/domain/people';
import type { Ctx } from '../context';
import { userError } from '../errors';
import { ancestors, findGroupOrganisation, groupDetail, listGroups } from '../repositories/groups';

/** A subgroup needs a parent, and no group may end up inside itself. */
function assertParent(ctx: Ctx, groupId: string | null, kind: string, parentId: string | null) {
  if (kind === 'subgroup' && !parentId) throw userError('validation', 'errors.subgroupNeedsParent');
  if (!parentId) return;
  ctx.store.require<Group>('work_groups', parentId, 'group');
  if (groupId && (parentId === groupId || ancestors(ctx.store, parentId).includes(groupId))) {
    throw userError('validation', 'errors.groupCycle');
  }
}

/** Recording the lifecycle keeps the history the portfolio and the progress report read. */
function recordStatus(ctx: Ctx, groupId: string, status: string) {
  ctx.store.insert('status_history', {
    entityType: 'group',
    entityId: groupId,
    status,
    date: ctx.now().toISOString().slice(0, 10),
  });
}

export const groupHandlers: HandlersFor<typeof groupsContract, Ctx> = {
  'groups.list': (input, ctx) => listGroups(ctx.store, input),
  'groups.get': ({ id }, ctx) => {
    const detail = groupDetail(ctx.store, id);
    if (!detail) throw userError('not_found', 'errors.notFound', { entity: 'group' });
    return detail;
  },
  'groups.create': (input, ctx) =>
    ctx.tx(() => {
      assertParent(ctx, null, input.kind, input.parentId);
      const group = ctx.store.insert<Group>('work_groups', input);
      recordStatus(ctx, group.id, group.status);
      return group;
    }),
  'groups.update': ({ id, patch }, ctx) =>
    ctx.tx(() => {
      const current = ctx.store.require<Group>('work_groups', id, 'group');
      assertParent(ctx, id, patch.kind ?? current.kind, patch.parentId === undefined ? current.parentId : patch.parentId);
      const updated = ctx.store.update<Group>('work_groups', id, patch);
      if (updated.status !== current.status) recordStatus(ctx, id, updated.status);
      return updated;
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
  'groups.setOrganisation': (input, ctx) =>
    ctx.tx(() => {
      ctx.store.require<Group>('work_groups', input.groupId, 'group');
      ctx.store.require<Organisation>('organisations', input.organisationId, 'organisation');
      const existing = findGroupOrganisation(ctx.store, input.groupId, input.organisationId);
      if (existing) {
        return ctx.store.update<GroupOrganisation>('group_organisations', existing.id, { role: input.role, deleted: false });
      }
      return ctx.store.insert<GroupOrganisation>('group_organisations', input);
    }),
  'groups.removeOrganisation': ({ id }, ctx) =>
    ctx.tx(() => {
      ctx.store.require<GroupOrganisation>('group_organisations', id, 'groupOrganisation');
      return ctx.store.archive<GroupOrganisation>('group_organisations', id);
    }),
  'groups.addMember': (input, ctx) =>
    ctx.tx(() => {
      ctx.store.require<Group>('work_groups', input.groupId, 'group');
      const person = ctx.store.require<Person>('people', input.personId, 'person');
      return ctx.store.insert<Membership>('memberships', { ...input, organisationId: person.organisationId });
    }),
  'groups.updateMember': ({ id, patch }, ctx) =>
    ctx.tx(() => {
      const current = ctx.store.require<Membership>('memberships', id, 'membership');
      const fromDate = patch.fromDate === undefined ? current.fromDate : patch.fromDate;
      const untilDate = patch.untilDate === undefined ? current.untilDate : patch.untilDate;
      if (fromDate && untilDate && fromDate > untilDate) throw userError('validation', 'validation.dateOrder');
      return ctx.store.update<Membership>('memberships', id, patch);
    }),
  'groups.removeMember': ({ id }, ctx) =>
    ctx.tx(() => {
      ctx.store.require<Membership>('memberships', id, 'membership');
      return ctx.store.archive<Membership>('memberships', id);
    }),
};
