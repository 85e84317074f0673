import type { HandlersFor } from '../../../shared/contract/core';
import type { exchangeContract } from '../../../shared/contract/exchange';
import type { Ctx } from '../context';

export const exchangeHandlers: HandlersFor<typeof exchangeContract, Ctx> = {};
