import type { ContractShape } from './core';

/** The meetings feature's API methods (filled in by its issue). */
export const meetingsContract = {} satisfies ContractShape;
