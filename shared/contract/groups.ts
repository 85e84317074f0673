import { z } from 'zod';
import { method } from './core';
import { byId, id, isoDate, listOptions, optionalText, patchOf, requiredText, timeZone, LIMITS } from './schemas';
import {
  GROUP_KINDS,
  GROUP_STATUSES,
  MEMBER_ROLES,
  ORGANISATION_ROLES,
  type Group,
  type GroupDetail,
  type GroupOrganisation,
  type GroupSummary,
  type Membership,
} from '../domain/groups';

export const groupInput = z
  .object({
    kind: z.enum(GROUP_KINDS, { error: 'validation.choice' }),
    name: requiredText(),
    shortName: optionalText(60),
    nameFi: optionalText(),
    nameSv: optionalText(),
    nameEn: optionalText(),
    shortNameFi: optionalText(60),
    shortNameSv: optionalText(60),
    shortNameEn: optionalText(60),
    description: optionalText(LIMITS.longText),
    parentId: id.nullish().transform((v) => v ?? null),
    status: z.enum(GROUP_STATUSES, { error: 'validation.choice' }),
    priorityNumber: z
      .number()
      .int()
      .min(1)
      .max(999)
      .nullish()
      .transform((v) => v ?? null),
    timeZone: timeZone.default('Europe/Helsinki'),
  })
  .strict();

export const groupPatch = patchOf(groupInput.shape);

const datesInOrder = (v: { fromDate?: string | null; untilDate?: string | null }) =>
  !v.fromDate || !v.untilDate || v.fromDate <= v.untilDate;

const membershipFields = {
  groupId: id,
  personId: id,
  role: z.enum(MEMBER_ROLES, { error: 'validation.choice' }),
  fromDate: isoDate.nullish().transform((v) => v ?? null),
  untilDate: isoDate.nullish().transform((v) => v ?? null),
};

export const membershipInput = z
  .object(membershipFields)
  .strict()
  .refine(datesInOrder, { error: 'validation.dateOrder', path: ['untilDate'] });

export const membershipPatch = patchOf({
  role: membershipFields.role,
  fromDate: membershipFields.fromDate,
  untilDate: membershipFields.untilDate,
});

export const groupOrganisationInput = z
  .object({
    groupId: id,
    organisationId: id,
    role: z.enum(ORGANISATION_ROLES, { error: 'validation.choice' }),
  })
  .strict();

export type GroupInput = z.input<typeof groupInput>;

export const groupsContract = {
  'groups.list': method(listOptions.extend({ kind: z.enum(GROUP_KINDS).optional(), parentId: id.optional() }).strict()).returns<
    GroupSummary[]
  >(),
  'groups.get': method(byId).returns<GroupDetail>(),
  'groups.create': method(groupInput).returns<Group>(),
  'groups.update': method(z.object({ id, patch: groupPatch }).strict()).returns<Group>(),
  'groups.archive': method(byId).returns<Group>(),
  'groups.restore': method(byId).returns<Group>(),
  'groups.setOrganisation': method(groupOrganisationInput).returns<GroupOrganisation>(),
  'groups.removeOrganisation': method(byId).returns<GroupOrganisation>(),
  'groups.addMember': method(membershipInput).returns<Membership>(),
  'groups.updateMember': method(z.object({ id, patch: membershipPatch }).strict()).returns<Membership>(),
  'groups.removeMember': method(byId).returns<Membership>(),
};
