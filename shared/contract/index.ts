import { appContract } from './app';
import { groupsContract } from './groups';
import { organisationsContract, peopleContract } from './organisations';
import { meetingsContract } from './meetings';
import { materialsContract } from './materials';
import { invitationsContract } from './invitations';
import { rotationContract } from './rotation';
import { exchangeContract } from './exchange';
import { scanningContract } from './scanning';
import { portfolioContract } from './portfolio';
import { syncContract } from './sync';
import type { ContractShape, InputOf, OutputOf } from './core';

/**
 * The one API contract. Each feature adds its methods in its own file and spreads them in here;
 * every transport and the typed client derive from this object.
 */
export const contract = {
  ...appContract,
  ...organisationsContract,
  ...peopleContract,
  ...groupsContract,
  ...meetingsContract,
  ...materialsContract,
  ...invitationsContract,
  ...rotationContract,
  ...exchangeContract,
  ...scanningContract,
  ...portfolioContract,
  ...syncContract,
} satisfies ContractShape;

export type Contract = typeof contract;
export type MethodName = keyof Contract & string;
export type Input<M extends MethodName> = InputOf<Contract[M]>;
export type Output<M extends MethodName> = OutputOf<Contract[M]>;

export const METHOD_NAMES = Object.keys(contract) as MethodName[];

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(contract, name);
}

export * from './core';
