import type { HandlersFor } from '../../../shared/contract/core';
import type { rotationContract } from '../../../shared/contract/rotation';
import type { Ctx } from '../context';

export const rotationHandlers: HandlersFor<typeof rotationContract, Ctx> = {};
