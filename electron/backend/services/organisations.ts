import type { HandlersFor } from '../../../shared/contract/core';
import type { organisationsContract, peopleContract } from '../../../shared/contract/organisations';
import type { Organisation } from '../../../shared/domain/organisations';
import type { Person } from '../../../shared/domain/people';
import type { Ctx } from '../context';
import { userError } from '../errors';
import { findOrganisationByAbbreviation, listOrganisations, listPeople } from '../repositories/organisations';

function assertUniqueAbbreviation(ctx: Ctx, abbreviation: string, exceptId?: string) {
  const existing = findOrganisationByAbbreviation(ctx.store, abbreviation);
  if (existing && existing.id !== exceptId) {
    throw userError('conflict', 'errors.duplicateAbbreviation', { abbreviation });
  }
}

type OfficialNameField = 'nameFi' | 'nameSv' | 'nameEn' | 'abbreviationFi' | 'abbreviationSv' | 'abbreviationEn';

function assertOrganisationExists(ctx: Ctx, id: string | null | undefined) {
  if (id) ctx.store.require<Organisation>('organisations', id, 'organisation');
}

/** The one place an organisation is created (the API and the example loader): abbreviations stay unique. */
export function createOrganisation(
  ctx: Ctx,
  input: Omit<Parameters<(typeof organisationHandlers)['organisations.create']>[0], OfficialNameField> &
    Partial<Pick<Organisation, OfficialNameField>>,
): Organisation {
  assertUniqueAbbreviation(ctx, input.abbreviation);
  return ctx.store.insert<Organisation>('organisations', {
    nameFi: null,
    nameSv: null,
    nameEn: null,
    abbreviationFi: null,
    abbreviationSv: null,
    abbreviationEn: null,
    ...input,
  });
}

export const organisationHandlers: HandlersFor<typeof organisationsContract, Ctx> = {
  'organisations.list': (input, ctx) => listOrganisations(ctx.store, input),
  'organisations.get': ({ id }, ctx) => ctx.store.require<Organisation>('organisations', id, 'organisation'),
  'organisations.create': (input, ctx) => ctx.tx(() => createOrganisation(ctx, input)),
  'organisations.update': ({ id, patch }, ctx) =>
    ctx.tx(() => {
      ctx.store.require<Organisation>('organisations', id, 'organisation');
      if (patch.abbreviation) assertUniqueAbbreviation(ctx, patch.abbreviation, id);
      return ctx.store.update<Organisation>('organisations', id, patch);
    }),
  'organisations.archive': ({ id }, ctx) =>
    ctx.tx(() => {
      ctx.store.require<Organisation>('organisations', id, 'organisation');
      return ctx.store.archive<Organisation>('organisations', id);
    }),
  'organisations.restore': ({ id }, ctx) =>
    ctx.tx(() => {
      const org = ctx.store.require<Organisation>('organisations', id, 'organisation');
      assertUniqueAbbreviation(ctx, org.abbreviation, id);
      return ctx.store.restore<Organisation>('organisations', id);
    }),
};

export const peopleHandlers: HandlersFor<typeof peopleContract, Ctx> = {
  'people.list': (input, ctx) => listPeople(ctx.store, input),
  'people.get': ({ id }, ctx) => ctx.store.require<Person>('people', id, 'person'),
  'people.create': (input, ctx) =>
    ctx.tx(() => {
      assertOrganisationExists(ctx, input.organisationId);
      return ctx.store.insert<Person>('people', input);
    }),
  'people.update': ({ id, patch }, ctx) =>
    ctx.tx(() => {
      ctx.store.require<Person>('people', id, 'person');
      assertOrganisationExists(ctx, patch.organisationId);
      return ctx.store.update<Person>('people', id, patch);
    }),
  'people.archive': ({ id }, ctx) =>
    ctx.tx(() => {
      ctx.store.require<Person>('people', id, 'person');
      return ctx.store.archive<Person>('people', id);
    }),
  'people.restore': ({ id }, ctx) =>
    ctx.tx(() => {
      ctx.store.require<Person>('people', id, 'person');
      return ctx.store.restore<Person>('people', id);
    }),
};
