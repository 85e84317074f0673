import type { HandlersFor } from '../../../shared/contract/core';
import type { portfolioContract } from '../../../shared/contract/portfolio';
import type { Ctx } from '../context';

export const portfolioHandlers: HandlersFor<typeof portfolioContract, Ctx> = {};
