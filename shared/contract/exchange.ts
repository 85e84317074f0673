import type { ContractShape } from './core';

/** The exchange feature's API methods (filled in by its issue). */
export const exchangeContract = {} satisfies ContractShape;
