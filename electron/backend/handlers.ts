import type { Contract } from '../../shared/contract';
import type { HandlersFor } from '../../shared/contract/core';
import type { Ctx } from './context';
import { appHandlers } from './services/app';
import { groupHandlers } from './services/groups';
import { organisationHandlers, peopleHandlers } from './services/organisations';

/** One handler per contract method; the type makes a missing or extra one a compile error. */
export const handlers: HandlersFor<Contract, Ctx> = {
  ...appHandlers,
  ...organisationHandlers,
  ...peopleHandlers,
  ...groupHandlers,
};
