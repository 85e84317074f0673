import type { Ctx } from '../context';
import type { STATUS_ENTITIES } from '../../../shared/domain/rows';

/** The things whose status changes are kept: a group's lifecycle, a scanning round or candidate, minutes,
 * and the changes to a meeting's decisions and action items (who changed what, for the minutes' history). */
export type StatusEntity = (typeof STATUS_ENTITIES)[number];

export interface StatusEntry {
  entityType: StatusEntity;
  entityId: string;
  status: string;
  /** The calendar date the status took effect (callers pass `today(ctx)` when it is now). */
  date: string;
  note?: string | null;
  detail?: unknown;
}

/**
 * The one writer of `status_history`. The lifecycle owners (groups, scanning, meetings' minutes, the
 * example loader through them) call it after they have applied their own rules; nothing else inserts
 * history rows, so the history the portfolio, the report and the minutes panel read has one shape.
 */
export function recordStatus(ctx: Pick<Ctx, 'store'>, entry: StatusEntry): void {
  ctx.store.insert('status_history', {
    entityType: entry.entityType,
    entityId: entry.entityId,
    status: entry.status,
    date: entry.date,
    note: entry.note ?? null,
    detail: entry.detail ?? null,
  });
}
