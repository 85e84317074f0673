import type { HandlersFor } from '../../../shared/contract/core';
import type { meetingsContract } from '../../../shared/contract/meetings';
import type { Ctx } from '../context';

export const meetingHandlers: HandlersFor<typeof meetingsContract, Ctx> = {};
