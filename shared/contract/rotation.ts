import type { ContractShape } from './core';

/** The rotation feature's API methods (filled in by its issue). */
export const rotationContract = {} satisfies ContractShape;
