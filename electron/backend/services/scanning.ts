import type { HandlersFor } from '../../../shared/contract/core';
import type { scanningContract } from '../../../shared/contract/scanning';
import type { Ctx } from '../context';

export const scanningHandlers: HandlersFor<typeof scanningContract, Ctx> = {};
