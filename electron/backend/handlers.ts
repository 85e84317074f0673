import type { Contract } from '../../shared/contract';
import type { HandlersFor } from '../../shared/contract/core';
import type { Ctx } from './context';
import { appHandlers } from './services/app';
import { groupHandlers } from './services/groups';
import { organisationHandlers, peopleHandlers } from './services/organisations';
import { meetingHandlers } from './services/meetings';
import { materialHandlers } from './services/materials';
import { invitationHandlers } from './services/invitations';
import { rotationHandlers } from './services/rotation';
import { exchangeHandlers } from './services/exchange';
import { scanningHandlers } from './services/scanning';
import { portfolioHandlers } from './services/portfolio';
import { syncHandlers } from './services/sync';

/** One handler per contract method; the type makes a missing or extra one a compile error. */
export const handlers: HandlersFor<Contract, Ctx> = {
  ...appHandlers,
  ...organisationHandlers,
  ...peopleHandlers,
  ...groupHandlers,
  ...meetingHandlers,
  ...materialHandlers,
  ...invitationHandlers,
  ...rotationHandlers,
  ...exchangeHandlers,
  ...scanningHandlers,
  ...portfolioHandlers,
  ...syncHandlers,
};
