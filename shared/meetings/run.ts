/**
 * Run mode: the chair's live timer, computed from stored events (pure, no I/O).
 *
 * The run screen appends events as they happen and saves them at once (so a crash loses nothing);
 * everything shown is recomputed from the events and `now`:
 *   { kind: 'start', itemId, at }   item becomes current and its timer runs (stops any other item)
 *   { kind: 'stop', at }            pause: nothing runs (break, meeting end)
 * `at` is epoch milliseconds. Events are sorted by `at` (stable), so replicas' or out-of-order saves
 * give the same answer; a clock that steps backwards never yields negative time (intervals clamp at 0).
 * An item can be started any number of times (next/previous and back again); its time accumulates.
 *
 * API
 *   computeRunState(items: { id, allottedMinutes }[], events, now): RunState
 *       per item: allottedMs, elapsedMs, remainingMs (≥ 0), overrunMs (≥ 0), running, visited
 *       totals: allottedMs, elapsedMs (sum of item time), overrunMs (sum of per-item overruns),
 *       meetingElapsedMs (first start → last stop, or now while running), currentItemId, runningSince
 *   adjacentItemId(orderIds, currentId, 'next' | 'previous'): string | null
 *   formatTimer(ms): 'M:SS' or 'H:MM:SS', with a leading '−' for negative values (overrun display)
 */

export type RunEvent = { kind: 'start'; itemId: string; at: number } | { kind: 'stop'; at: number };

export interface RunItem {
  id: string;
  allottedMinutes: number;
}

export interface RunItemState {
  id: string;
  allottedMs: number;
  elapsedMs: number;
  remainingMs: number;
  overrunMs: number;
  running: boolean;
  /** Has been current at least once. */
  visited: boolean;
}

export interface RunState {
  items: RunItemState[];
  currentItemId: string | null;
  /** When the current item's timer (re)started; null when paused. */
  runningSince: number | null;
  allottedMs: number;
  elapsedMs: number;
  overrunMs: number;
  /** Wall-clock span of the meeting so far, breaks included. */
  meetingElapsedMs: number;
  /** Started items that are not in `items` (deleted mid-meeting): their time, so it isn't lost. */
  unlistedElapsedMs: number;
}

const MINUTE_MS = 60_000;

export function computeRunState(items: readonly RunItem[], events: readonly RunEvent[], now: number): RunState {
  const sorted = events
    .map((e, i) => ({ e, i }))
    .filter(({ e }) => Number.isFinite(e.at))
    .sort((a, b) => a.e.at - b.e.at || a.i - b.i)
    .map(({ e }) => e);

  const elapsed = new Map<string, number>();
  const visited = new Set<string>();
  let current: string | null = null;
  let since: number | null = null;
  let firstStart: number | null = null;
  let lastStop: number | null = null;

  const close = (at: number): void => {
    if (current !== null && since !== null) {
      elapsed.set(current, (elapsed.get(current) ?? 0) + Math.max(0, at - since));
    }
  };

  for (const e of sorted) {
    close(e.at);
    if (e.kind === 'start') {
      current = e.itemId;
      since = e.at;
      visited.add(e.itemId);
      firstStart ??= e.at;
    } else {
      // The item stays "current" on screen after a pause, but its timer does not run.
      since = null;
      lastStop = e.at;
    }
  }
  const running = since !== null;
  if (running) close(Math.max(now, since!));

  const states: RunItemState[] = items.map((item) => {
    const allottedMs = Math.max(0, Number.isFinite(item.allottedMinutes) ? item.allottedMinutes : 0) * MINUTE_MS;
    const elapsedMs = elapsed.get(item.id) ?? 0;
    return {
      id: item.id,
      allottedMs,
      elapsedMs,
      remainingMs: Math.max(0, allottedMs - elapsedMs),
      overrunMs: Math.max(0, elapsedMs - allottedMs),
      running: running && current === item.id,
      visited: visited.has(item.id),
    };
  });
  const listed = new Set(items.map((i) => i.id));
  let unlistedElapsedMs = 0;
  for (const [id, ms] of elapsed) if (!listed.has(id)) unlistedElapsedMs += ms;

  const sum = (f: (s: RunItemState) => number): number => states.reduce((t, s) => t + f(s), 0);
  const meetingEnd = running ? Math.max(now, since!) : (lastStop ?? firstStart ?? 0);
  return {
    items: states,
    currentItemId: current,
    runningSince: running ? since : null,
    allottedMs: sum((s) => s.allottedMs),
    elapsedMs: sum((s) => s.elapsedMs),
    overrunMs: sum((s) => s.overrunMs),
    meetingElapsedMs: firstStart === null ? 0 : Math.max(0, meetingEnd - firstStart),
    unlistedElapsedMs,
  };
}

/** The item after/before `currentId` in agenda order; the first item when nothing is current. */
export function adjacentItemId(
  orderIds: readonly string[],
  currentId: string | null,
  direction: 'next' | 'previous',
): string | null {
  if (orderIds.length === 0) return null;
  const i = currentId === null ? -1 : orderIds.indexOf(currentId);
  if (i < 0) return orderIds[0] ?? null;
  return orderIds[direction === 'next' ? i + 1 : i - 1] ?? null;
}

/** 'M:SS' below an hour, else 'H:MM:SS'; negative values get a leading minus sign (U+2212). */
export function formatTimer(ms: number): string {
  const sign = ms < 0 ? '\u2212' : '';
  const total = Math.floor(Math.abs(ms) / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${sign}${h}:${String(m).padStart(2, '0')}:${s}` : `${sign}${m}:${s}`;
}
