import type { Ctx } from '../context';

const queues = new WeakMap<Ctx, Promise<unknown>>();

/**
 * Runs imports and restores one at a time per backend: each awaits a backup between planning and
 * writing, and another import or a restore landing in that gap must not interleave.
 */
export function exclusive<T>(ctx: Ctx, fn: () => Promise<T>): Promise<T> {
  const previous = queues.get(ctx) ?? Promise.resolve();
  const next = previous.then(fn, fn);
  queues.set(
    ctx,
    next.catch(() => undefined),
  );
  return next;
}
