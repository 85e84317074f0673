import { todayIn } from '../../shared/today';
import type { Ctx } from './context';
import { settingOf } from './repositories/settings';

/** The configured time zone (settings; default Europe/Helsinki). */
export function configuredTimeZone(ctx: Pick<Ctx, 'store'>): string {
  return settingOf(ctx, 'timeZone');
}

/**
 * The backend's one "today": the calendar date of `ctx.now()` in the configured time zone. Overdue
 * marks, Home, scanning deadlines, reports, documents and status-history dates all use it; nothing in
 * the backend takes the UTC date.
 */
export function today(ctx: Pick<Ctx, 'store' | 'now'>): string {
  return todayIn(configuredTimeZone(ctx), ctx.now());
}
