import type { ApiResult } from '../../shared/contract/core';
import { isReadMethod } from '../../shared/contract/calls';
import { BackendChild, type BackendEvent, type CallOpts, type ChildChannel, type ChildOptions, type ChildRole } from './protocol';

/**
 * The backend as the hosts see it: a writer child (the only connection that writes, migrates and
 * backs up) and a reader child (a read-only connection to the same WAL database). Reads go to the
 * reader, so a whole-database import, an export, a backup or a restore on the writer never makes a
 * read wait. Both children run the same entry (child.ts) and speak the same protocol (protocol.ts).
 */
export interface BackendService {
  call(method: string, input: unknown, opts?: CallOpts): Promise<ApiResult<unknown>>;
  close(): Promise<void>;
}

export interface PoolOptions {
  options: ChildOptions;
  /** Start one child: a worker thread (browser mode) or an Electron utility process (desktop). */
  spawn: (role: ChildRole) => ChildChannel;
  log: (message: string) => void;
  onEvent?: (event: BackendEvent) => void;
  /** Without a reader every call goes to the writer (the in-process comparison in the bench). */
  reader?: boolean;
}

export interface BackendPool extends BackendService {
  writer: BackendChild;
  reader: BackendChild | undefined;
}

export async function startBackendPool(opts: PoolOptions): Promise<BackendPool> {
  const events = { log: opts.log, ...(opts.onEvent ? { onEvent: opts.onEvent } : {}) };
  const writer = new BackendChild('writer', () => opts.spawn('writer'), opts.options, events);
  // The writer first: it creates and migrates the database the reader then opens.
  await writer.start();
  let reader: BackendChild | undefined;
  if (opts.reader !== false) {
    reader = new BackendChild('reader', () => opts.spawn('reader'), opts.options, events);
    try {
      await reader.start();
    } catch (e) {
      await writer.stop();
      throw e;
    }
  }

  async function call(method: string, input: unknown, callOpts: CallOpts = {}): Promise<ApiResult<unknown>> {
    if (reader && isReadMethod(method)) {
      let result = await reader.call(method, input, callOpts);
      // A read is safe to repeat: once on the restarted reader if the reader died under it.
      if (!result.ok && result.error.code === 'unavailable' && result.error.key === 'errors.backendRestarted') {
        result = await reader.call(method, input, callOpts);
      }
      // The replica refused a write: the method is not a pure read after all; the writer runs it.
      if (!result.ok && result.error.key === 'errors.readOnlyReplica') return writer.call(method, input, callOpts);
      return result;
    }
    const result = await writer.call(method, input, callOpts);
    // A restore replaced the database file: the reader opens the new one.
    if (reader && result.ok && method === 'exchange.restoreBackup') await reader.stop(true);
    return result;
  }

  return {
    writer,
    reader,
    call,
    close: async () => {
      await Promise.all([reader?.stop(), writer.stop()]);
    },
  };
}
