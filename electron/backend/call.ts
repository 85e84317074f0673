import { AsyncLocalStorage } from 'node:async_hooks';
import type { CallProgress } from '../../shared/contract/calls';
import { userError } from './errors';

/**
 * What one API call may use besides its input and ctx: a progress sink and a cancel flag. Handlers and
 * services reach them with reportProgress / throwIfCancelled, so no signature in between changes.
 */
export interface CallOptions {
  onProgress?: (p: CallProgress) => void;
  /** Aborted when the caller cancels. */
  signal?: AbortSignal;
  /** A synchronous check that can turn true while JavaScript runs (see liveCancel). */
  cancelled?: () => boolean;
  /**
   * Whether `cancelled()` also turns true while JavaScript runs without yielding (a shared-memory
   * flag, as in a worker thread). Without it a cancel arrives only between steps that await.
   */
  liveCancel?: boolean;
}

const scope = new AsyncLocalStorage<CallOptions>();

export function runInCall<T>(opts: CallOptions, fn: () => T): T {
  return scope.run(opts, fn);
}

/** Tell the caller what is happening. `cancellable` is computed: only when a cancel can still take effect. */
export function reportProgress(phase: CallProgress['phase'], done?: number, total?: number, opts: { safe?: boolean } = {}) {
  const call = scope.getStore();
  if (!call?.onProgress) return;
  const safe = opts.safe ?? true;
  const p: CallProgress = { phase, cancellable: safe && (!!call.signal || !!call.cancelled) };
  if (done !== undefined) p.done = done;
  if (total !== undefined) p.total = total;
  call.onProgress(p);
}

/**
 * Report progress inside a synchronous transaction: cancellable only when the cancel flag is live
 * (otherwise the cancel could not be seen before the commit).
 */
export function reportSyncProgress(phase: CallProgress['phase'], done: number, total: number) {
  reportProgress(phase, done, total, { safe: !!scope.getStore()?.liveCancel });
}

export function isCancelled(): boolean {
  const call = scope.getStore();
  return !!call && (call.signal?.aborted === true || call.cancelled?.() === true);
}

/** Throw the `cancelled` error when the caller cancelled; inside a transaction this rolls it back. */
export function throwIfCancelled(): void {
  if (isCancelled()) throw userError('cancelled', 'errors.cancelled');
}

/** Let the event loop run (a cancel message can arrive) before the next step. */
export function yieldToLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
