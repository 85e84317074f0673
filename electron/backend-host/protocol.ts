/**
 * The one message protocol between a host (the browser-mode server, the Electron main process) and
 * the backend running off its thread (a worker thread, or an Electron utility process). Both sides'
 * implementations are here: serveBackend (the child's side) and BackendChild (the host's side).
 * Messages are structured-clone values; nothing here imports Electron or the contract's schemas.
 *
 *   host → child   init { role, options, cancelFlags? }   call { id, method, input }   cancel { id }   close
 *   child → host   ready | fatal { message }   progress { id, progress }   result { id, result }   log { message }
 */
import type { ApiResult } from '../../shared/contract/core';
import type { CallProgress } from '../../shared/contract/calls';

export type ChildRole = 'writer' | 'reader';

/** What the child needs to open its backend (the same as openBackend's options, minus functions). */
export interface ChildOptions {
  dataDir: string;
  host: 'electron' | 'browser' | 'memory';
  demo?: boolean;
  version?: string;
  backupOnStart?: boolean;
}

export type HostMessage =
  | { type: 'init'; role: ChildRole; options: ChildOptions; cancelFlags?: SharedArrayBuffer }
  | { type: 'call'; id: number; method: string; input: unknown }
  | { type: 'cancel'; id: number }
  | { type: 'close' };

export type ChildMessage =
  | { type: 'ready' }
  | { type: 'fatal'; message: string }
  | { type: 'progress'; id: number; progress: CallProgress }
  | { type: 'result'; id: number; result: ApiResult<unknown> }
  | { type: 'log'; message: string };

/** The child's end of the channel, whatever carries it. */
export interface ChildPort {
  post(message: ChildMessage): void;
  onMessage(listener: (message: HostMessage) => void): void;
  /** End the child once the backend is closed. */
  exit(): void;
}

/** The parts of a backend the child serves (openBackend's and openReadReplica's result). */
export interface ServedBackend {
  call(
    method: string,
    input: unknown,
    opts: { onProgress?: (p: CallProgress) => void; signal?: AbortSignal; cancelled?: () => boolean; liveCancel?: boolean },
  ): Promise<ApiResult<unknown>>;
  close(): void;
}

export type OpenServedBackend = (role: ChildRole, options: ChildOptions, log: (m: string) => void) => Promise<ServedBackend>;

/**
 * The child's side: wait for `init`, open the backend, then answer calls (several may be under way:
 * handlers await backups and host dialogs), forward progress, honour cancels and close on request.
 * Cancels arrive two ways: as a message (seen whenever the child's event loop runs) and, when the host
 * shares memory with the child (a worker thread), as the call's id stored in `cancelFlags`, which a
 * synchronous transaction can read between rows.
 */
export function serveBackend(port: ChildPort, open: OpenServedBackend): void {
  let backend: ServedBackend | undefined;
  let flags: Int32Array | undefined;
  const aborts = new Map<number, AbortController>();
  const log = (message: string) => port.post({ type: 'log', message });
  port.onMessage((message) => {
    switch (message.type) {
      case 'init':
        if (backend) return;
        flags = message.cancelFlags ? new Int32Array(message.cancelFlags) : undefined;
        open(message.role, message.options, log).then(
          (b) => {
            backend = b;
            port.post({ type: 'ready' });
          },
          (e: unknown) => {
            port.post({ type: 'fatal', message: e instanceof Error ? e.message : String(e) });
            port.exit();
          },
        );
        return;
      case 'call': {
        const { id, method, input } = message;
        if (!backend) {
          port.post({ type: 'result', id, result: unavailable('The backend is not open yet.') });
          return;
        }
        const live = flags;
        const abort = new AbortController();
        aborts.set(id, abort);
        void backend
          .call(method, input, {
            onProgress: (progress) => port.post({ type: 'progress', id, progress }),
            signal: abort.signal,
            ...(live ? { cancelled: () => Atomics.load(live, 0) === id, liveCancel: true } : {}),
          })
          .then((result) => {
            aborts.delete(id);
            port.post({ type: 'result', id, result });
          });
        return;
      }
      case 'cancel':
        aborts.get(message.id)?.abort();
        return;
      case 'close':
        backend?.close();
        backend = undefined;
        port.exit();
        return;
    }
  });
}

export function unavailable(message: string, key = 'errors.backendRestarted'): ApiResult<never> {
  return { ok: false, error: { code: 'unavailable', key, message } };
}

// ---- the host's side ---------------------------------------------------------------------------------

/** The host's end of the channel to one child process or thread. */
export interface ChildChannel {
  post(message: HostMessage): void;
  onMessage(listener: (message: ChildMessage) => void): void;
  /** Called once when the child has ended, for whatever reason. */
  onExit(listener: (code: number | null) => void): void;
  kill(): void;
  /** Whether the host and the child share memory (worker threads), so a cancel is seen at once. */
  sharedMemory: boolean;
}

export interface CallOpts {
  onProgress?: (p: CallProgress) => void;
  signal?: AbortSignal;
}

export type BackendEvent =
  | { type: 'stopped'; role: ChildRole; code: number | null; sentence: string }
  | { type: 'restarted'; role: ChildRole; sentence: string }
  | { type: 'failed'; role: ChildRole; sentence: string };

interface Pending {
  resolve: (r: ApiResult<unknown>) => void;
  onProgress?: (p: CallProgress) => void;
}

/** Crashes within this window count towards giving up. */
const CRASH_WINDOW_MS = 60_000;
const MAX_CRASHES = 5;

/**
 * The host's side for one child: start it (init → ready), send calls, route progress and results,
 * cancel, and when the child dies unexpectedly answer its calls under way with `unavailable`, say so
 * in a sentence, and start it again on the same database. Calls made while it restarts wait for it.
 */
export class BackendChild {
  private channel: ChildChannel | undefined;
  private nextId = 1;
  private pending = new Map<number, Pending>();
  private waiting: Array<() => void> = [];
  private ready = false;
  private closing = false;
  private failed: string | undefined;
  private crashes: number[] = [];
  private flags: Int32Array | undefined;
  /** Resolves when the current child is ready (rejects with its fatal message). */
  private startup: Promise<void> | undefined;

  constructor(
    readonly role: ChildRole,
    private readonly spawn: () => ChildChannel,
    private readonly options: ChildOptions,
    private readonly events: { log: (m: string) => void; onEvent?: (e: BackendEvent) => void },
  ) {}

  /** Start the child; rejects when it cannot open the database (the sentence it gave). */
  start(): Promise<void> {
    this.startup = this.launch();
    return this.startup;
  }

  private launch(): Promise<void> {
    const channel = this.spawn();
    this.channel = channel;
    this.ready = false;
    const shared = channel.sharedMemory && typeof SharedArrayBuffer === 'function' ? new SharedArrayBuffer(4) : undefined;
    this.flags = shared ? new Int32Array(shared) : undefined;
    return new Promise<void>((resolve, reject) => {
      let settled = false;
      channel.onMessage((m) => {
        if (this.channel !== channel) return;
        switch (m.type) {
          case 'ready':
            this.ready = true;
            settled = true;
            resolve();
            for (const go of this.waiting.splice(0)) go();
            return;
          case 'fatal':
            settled = true;
            reject(new Error(m.message));
            return;
          case 'log':
            this.events.log(m.message);
            return;
          case 'progress':
            this.pending.get(m.id)?.onProgress?.(m.progress);
            return;
          case 'result': {
            const p = this.pending.get(m.id);
            this.pending.delete(m.id);
            p?.resolve(m.result);
            return;
          }
        }
      });
      channel.onExit((code) => {
        if (this.channel !== channel) return;
        this.channel = undefined;
        this.ready = false;
        if (!settled) {
          settled = true;
          reject(new Error(`The backend stopped while starting (exit code ${code ?? 'none'}).`));
          return;
        }
        if (this.closing) return;
        this.crashed(code);
      });
      const init: HostMessage = { type: 'init', role: this.role, options: this.options };
      if (shared) init.cancelFlags = shared;
      channel.post(init);
    });
  }

  private crashed(code: number | null) {
    const stopped = `Painopiste's background process (${this.role}) stopped unexpectedly (exit code ${code ?? 'none'}); starting it again on the same database.`;
    this.events.log(stopped);
    this.events.onEvent?.({ type: 'stopped', role: this.role, code, sentence: stopped });
    for (const [id, p] of this.pending) {
      this.pending.delete(id);
      p.resolve(
        unavailable('The background process stopped while this call ran; it was restarted and the call did not complete.'),
      );
    }
    const now = Date.now();
    this.crashes = [...this.crashes.filter((t) => now - t < CRASH_WINDOW_MS), now];
    if (this.crashes.length > MAX_CRASHES) {
      this.giveUp(
        `Painopiste's background process (${this.role}) stopped ${this.crashes.length} times within a minute; not starting it again. Restart Painopiste.`,
      );
      return;
    }
    this.startup = this.launch().then(
      () => {
        const sentence = `Painopiste's background process (${this.role}) is running again.`;
        this.events.log(sentence);
        this.events.onEvent?.({ type: 'restarted', role: this.role, sentence });
      },
      (e: unknown) =>
        this.giveUp(`Painopiste's background process (${this.role}) could not start again: ${(e as Error).message}`),
    );
  }

  private giveUp(sentence: string) {
    this.failed = sentence;
    this.events.log(sentence);
    this.events.onEvent?.({ type: 'failed', role: this.role, sentence });
    for (const go of this.waiting.splice(0)) go();
  }

  /** One call; never rejects. */
  call(method: string, input: unknown, opts: CallOpts = {}): Promise<ApiResult<unknown>> {
    if (this.closing) return Promise.resolve(unavailable('Painopiste is closing.', 'errors.backendUnavailable'));
    if (this.failed) return Promise.resolve(unavailable(this.failed, 'errors.backendUnavailable'));
    if (!this.ready || !this.channel) {
      return new Promise((resolve) => this.waiting.push(() => void this.call(method, input, opts).then(resolve)));
    }
    if (opts.signal?.aborted) return Promise.resolve({ ok: false, error: cancelledError() });
    const id = this.nextId++;
    const channel = this.channel;
    return new Promise((resolve) => {
      const pending: Pending = { resolve };
      if (opts.onProgress) pending.onProgress = opts.onProgress;
      this.pending.set(id, pending);
      opts.signal?.addEventListener('abort', () => this.cancel(id), { once: true });
      channel.post({ type: 'call', id, method, input });
    });
  }

  private cancel(id: number) {
    if (!this.pending.has(id)) return;
    if (this.flags) Atomics.store(this.flags, 0, id);
    this.channel?.post({ type: 'cancel', id });
  }

  /** Stop the child on purpose (and, with `restart`, start a fresh one: e.g. after a restore). */
  async stop(restart = false): Promise<void> {
    const channel = this.channel;
    if (!restart) this.closing = true;
    if (channel) {
      this.channel = undefined;
      this.ready = false;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          channel.kill();
          resolve();
        }, 5_000);
        channel.onExit(() => {
          clearTimeout(timer);
          resolve();
        });
        channel.post({ type: 'close' });
      });
    }
    for (const [id, p] of this.pending) {
      this.pending.delete(id);
      p.resolve(unavailable('The background process was stopped while this call ran.'));
    }
    if (restart) await this.start();
  }

  /** Kill the child as a crash would (tests, and a host that must not wait). */
  kill(): void {
    this.channel?.kill();
  }
}

export function cancelledError() {
  return { code: 'cancelled' as const, key: 'errors.cancelled', message: 'Cancelled; nothing was changed.' };
}
