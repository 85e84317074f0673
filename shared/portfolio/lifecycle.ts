import type { GroupStatus } from '../domain/groups';

/**
 * The priority lifecycle: proposed → preparing → plan drafting → implementing → concluded, or
 * transferred elsewhere, or paused on the way. Standing bodies (cooperation group, expert network) use
 * `active`. Concluded and transferred are final: a priority that comes back is a new proposal, so the
 * history of the old one stays readable.
 */
export const LIFECYCLE_TRANSITIONS: Record<GroupStatus, readonly GroupStatus[]> = {
  proposed: ['preparing', 'paused', 'concluded'],
  preparing: ['plan_drafting', 'paused', 'concluded', 'transferred'],
  plan_drafting: ['implementing', 'preparing', 'paused', 'concluded', 'transferred'],
  implementing: ['plan_drafting', 'paused', 'concluded', 'transferred'],
  paused: ['preparing', 'plan_drafting', 'implementing', 'concluded', 'transferred'],
  active: ['paused', 'concluded'],
  concluded: [],
  transferred: [],
};

/** Statuses that count as "active" work for the government-term review. */
export const ACTIVE_STATUSES: readonly GroupStatus[] = [
  'proposed',
  'preparing',
  'plan_drafting',
  'implementing',
  'paused',
  'active',
];

export function allowedTransitions(from: GroupStatus): GroupStatus[] {
  return [...(LIFECYCLE_TRANSITIONS[from] ?? [])];
}

export interface TransitionRequest {
  from: GroupStatus;
  to: GroupStatus;
  date: string;
  transferredTo?: string | null;
  /** The current status's date: a change cannot be dated before it. */
  currentDate?: string | null;
}

/** Why a change is refused, as an i18n key and its parameters; null = allowed. */
export function checkTransition(r: TransitionRequest): { key: string; params?: Record<string, string> } | null {
  if (r.from === r.to) return { key: 'portfolio.errors.sameStatus', params: { status: r.to } };
  if (!(LIFECYCLE_TRANSITIONS[r.from] ?? []).includes(r.to)) {
    return { key: 'portfolio.errors.illegalTransition', params: { from: r.from, to: r.to } };
  }
  if (r.to === 'transferred' && !r.transferredTo?.trim()) return { key: 'portfolio.errors.transferNeedsTarget' };
  if (r.currentDate && r.date < r.currentDate)
    return { key: 'portfolio.errors.dateBeforeCurrent', params: { date: r.currentDate } };
  return null;
}
