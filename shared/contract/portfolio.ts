import type { ContractShape } from './core';

/** The portfolio feature's API methods (filled in by its issue). */
export const portfolioContract = {} satisfies ContractShape;
