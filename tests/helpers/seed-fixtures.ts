import priorities from '../fixtures/domain-priorities-2022.json';

/**
 * The facts tests compare with, transcribed from the seed (the domain notes of the 2022 interim report)
 * into tests/fixtures, so the repository stands alone: nothing here reads outside it.
 */
export interface DomainPriority {
  number: number;
  title: string;
  responsible: string;
  others: string;
  state2022: string;
}

/** The priorities table of the domain notes (English). */
export function domainTable(): DomainPriority[] {
  return priorities.priorities;
}
