import type { ContractShape } from './core';

/** The scanning feature's API methods (filled in by its issue). */
export const scanningContract = {} satisfies ContractShape;
