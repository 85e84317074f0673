import { DEFAULT_TIME_ZONE, todayIn } from '../../shared/today';
import { useApp } from '../store/app';

/**
 * The renderer's "today": the same shared/today.ts the backend uses, in the configured time zone from
 * settings (default Europe/Helsinki), never the UTC date and never the browser's own zone.
 */
export function today(): string {
  return todayIn(useApp.getState().settings?.timeZone ?? DEFAULT_TIME_ZONE);
}

/** `today()` for render code: re-renders when the configured time zone changes. */
export function useToday(): string {
  const timeZone = useApp((s) => s.settings?.timeZone) ?? DEFAULT_TIME_ZONE;
  return todayIn(timeZone);
}
