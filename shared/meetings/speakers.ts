/**
 * The speaker queue of run mode (pure, no I/O): per agenda item, who has asked to speak, who speaks
 * now and since when, and who has spoken for how long.
 *
 * Decisions
 * - The queue is a run aid, not part of the record: run mode keeps it on this computer (local storage)
 *   and shares it with the presentation view; the minutes stay the record of what was said.
 * - One queue per agenda item, so moving back to an item finds its queue as it was left.
 * - "Next speaker" ends the current turn (its time goes to `spoken`) and gives the floor to the first in
 *   the queue; with an empty queue it only ends the current turn.
 * - The speaking-time limit is optional and meeting-wide (seconds, null = none); over the limit is shown,
 *   never enforced.
 * - Times are epoch milliseconds supplied by the caller; a clock stepping backwards never gives a
 *   negative time.
 *
 * API
 *   emptySpeakers(): SpeakerState
 *   addSpeaker(state, itemId, { name, personId? }, makeId?)     to the end of the item's queue
 *   removeSpeaker(state, itemId, entryId)                      from the queue, or ends the current turn
 *   moveSpeaker(state, itemId, entryId, 'up' | 'down')
 *   nextSpeaker(state, itemId, now)                            the first in the queue takes the floor
 *   endTurn(state, itemId, now)                                the current speaker stops
 *   setLimit(state, seconds | null)
 *   speakingMs(state, itemId, now): number | null              the current speaker's time
 *   overLimitMs(state, itemId, now): number                    > 0 when over the limit
 */

export interface QueuedSpeaker {
  id: string;
  name: string;
  personId: string | null;
}

export interface ItemSpeakers {
  queue: QueuedSpeaker[];
  current: (QueuedSpeaker & { since: number }) | null;
  spoken: Array<QueuedSpeaker & { ms: number }>;
}

export interface SpeakerState {
  items: Record<string, ItemSpeakers>;
  /** Speaking-time limit in seconds; null = none. */
  limitSeconds: number | null;
}

export const emptySpeakers = (): SpeakerState => ({ items: {}, limitSeconds: null });

const itemOf = (s: SpeakerState, itemId: string): ItemSpeakers => s.items[itemId] ?? { queue: [], current: null, spoken: [] };

const withItem = (s: SpeakerState, itemId: string, item: ItemSpeakers): SpeakerState => ({
  ...s,
  items: { ...s.items, [itemId]: item },
});

export function addSpeaker(
  s: SpeakerState,
  itemId: string,
  speaker: { name: string; personId?: string | null },
  makeId: () => string = () => globalThis.crypto.randomUUID(),
): SpeakerState {
  const name = speaker.name.trim();
  if (!name) return s;
  const item = itemOf(s, itemId);
  return withItem(s, itemId, { ...item, queue: [...item.queue, { id: makeId(), name, personId: speaker.personId ?? null }] });
}

export function endTurn(s: SpeakerState, itemId: string, now: number): SpeakerState {
  const item = itemOf(s, itemId);
  if (!item.current) return s;
  const { since, ...who } = item.current;
  return withItem(s, itemId, { ...item, current: null, spoken: [...item.spoken, { ...who, ms: Math.max(0, now - since) }] });
}

export function removeSpeaker(s: SpeakerState, itemId: string, entryId: string): SpeakerState {
  const item = itemOf(s, itemId);
  if (item.current?.id === entryId) return withItem(s, itemId, { ...item, current: null });
  return withItem(s, itemId, { ...item, queue: item.queue.filter((q) => q.id !== entryId) });
}

export function moveSpeaker(s: SpeakerState, itemId: string, entryId: string, direction: 'up' | 'down'): SpeakerState {
  const item = itemOf(s, itemId);
  const i = item.queue.findIndex((q) => q.id === entryId);
  const j = direction === 'up' ? i - 1 : i + 1;
  if (i < 0 || j < 0 || j >= item.queue.length) return s;
  const queue = [...item.queue];
  [queue[i], queue[j]] = [queue[j]!, queue[i]!];
  return withItem(s, itemId, { ...item, queue });
}

export function nextSpeaker(s: SpeakerState, itemId: string, now: number): SpeakerState {
  const ended = endTurn(s, itemId, now);
  const item = itemOf(ended, itemId);
  const [first, ...rest] = item.queue;
  if (!first) return ended;
  return withItem(ended, itemId, { ...item, queue: rest, current: { ...first, since: now } });
}

export function setLimit(s: SpeakerState, seconds: number | null): SpeakerState {
  const valid = seconds !== null && Number.isFinite(seconds) && seconds > 0 ? Math.round(seconds) : null;
  return { ...s, limitSeconds: valid };
}

export function speakingMs(s: SpeakerState, itemId: string, now: number): number | null {
  const current = itemOf(s, itemId).current;
  return current ? Math.max(0, now - current.since) : null;
}

export function overLimitMs(s: SpeakerState, itemId: string, now: number): number {
  const ms = speakingMs(s, itemId, now);
  if (ms === null || s.limitSeconds === null) return 0;
  return Math.max(0, ms - s.limitSeconds * 1000);
}

export const speakersOf = itemOf;
