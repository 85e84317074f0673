import { z } from 'zod';
import { method } from './core';
import { byId, email, id, listOptions, optionalText, patchOf, requiredText, LIMITS } from './schemas';
import { ORGANISATION_KINDS, type Organisation } from '../domain/organisations';
import type { Person } from '../domain/people';

export const organisationInput = z
  .object({
    abbreviation: requiredText(40),
    name: requiredText(),
    nameFi: optionalText(),
    nameSv: optionalText(),
    nameEn: optionalText(),
    abbreviationFi: optionalText(40),
    abbreviationSv: optionalText(40),
    abbreviationEn: optionalText(40),
    kind: z.enum(ORGANISATION_KINDS, { error: 'validation.choice' }),
    notes: optionalText(LIMITS.longText),
  })
  .strict();

export const personInput = z
  .object({
    name: requiredText(),
    organisationId: id.nullish().transform((v) => v ?? null),
    email,
    phone: optionalText(60),
    title: optionalText(),
  })
  .strict();

export type OrganisationInput = z.input<typeof organisationInput>;
export type PersonInput = z.input<typeof personInput>;
export type PersonListItem = Person & { organisationAbbreviation: string | null };

export const organisationsContract = {
  'organisations.list': method(listOptions).returns<Organisation[]>(),
  'organisations.get': method(byId).returns<Organisation>(),
  'organisations.create': method(organisationInput).returns<Organisation>(),
  'organisations.update': method(z.object({ id, patch: patchOf(organisationInput.shape) }).strict()).returns<Organisation>(),
  'organisations.archive': method(byId).returns<Organisation>(),
  'organisations.restore': method(byId).returns<Organisation>(),
};

export const peopleContract = {
  'people.list': method(listOptions.extend({ organisationId: id.optional() }).strict()).returns<PersonListItem[]>(),
  'people.get': method(byId).returns<Person>(),
  'people.create': method(personInput).returns<Person>(),
  'people.update': method(z.object({ id, patch: patchOf(personInput.shape) }).strict()).returns<Person>(),
  'people.archive': method(byId).returns<Person>(),
  'people.restore': method(byId).returns<Person>(),
};
