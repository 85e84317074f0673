import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { contract, isMethodName } from '../../shared/contract';
import { typedApi, type TypedApi } from '../../shared/contract/client';
import { ApiError, type ApiResult } from '../../shared/contract/core';
import type { Ctx, HostKind, HostServices } from './context';
import { backupDatabase } from './backup';
import { DATABASE_FILE, getMeta, migrate, openDatabase, replicaId, schemaVersion, setMeta } from './db/open';
import { RowStore } from './db/store';
import { userError, validationError } from './errors';
import { isUnicodeText } from '../../shared/unicode';
import { handlers } from './handlers';
import { runInCall, type CallOptions } from './call';
import { loadExampleData } from './services/example-data';
import { syncManager, type SyncManager, type SyncOptions } from './sync/manager';

export interface BackendOptions {
  dataDir: string;
  host: HostKind;
  hostServices?: HostServices;
  /** Load the example cooperation model on first run (the `--demo` flag). */
  demo?: boolean;
  /** Injectable clock for tests. */
  now?: () => Date;
  version?: string;
  /** Back the database up before opening it (on by default; tests of other things turn it off). */
  backupOnStart?: boolean;
  log?: (message: string) => void;
  /** Shared sync folders: the scheduler runs for the desktop and browser hosts unless `auto` is false. */
  sync?: SyncOptions;
}

export type { CallOptions } from './call';

export interface Backend {
  /** Validate, run and wrap one API call. Never throws. */
  call(method: string, input: unknown, opts?: CallOptions): Promise<ApiResult<unknown>>;
  ctx: Ctx;
  /** The sync folder scheduler (sync/manager.ts); only the writer has one. */
  sync: SyncManager;
  close(): void;
}

/** Open the database in `dataDir` (backing it up and migrating it) and return the API. */
export async function openBackend(opts: BackendOptions): Promise<Backend> {
  fs.mkdirSync(opts.dataDir, { recursive: true, mode: 0o700 });
  // The folder holds the groups' working material: private to the user even when it existed before
  // (a --data-dir made by hand, a folder another program created).
  if (process.platform !== 'win32' && (fs.statSync(opts.dataDir).mode & 0o077) !== 0) fs.chmodSync(opts.dataDir, 0o700);
  const databasePath = path.join(opts.dataDir, DATABASE_FILE);
  const backupDir = path.join(opts.dataDir, 'backups');
  const existed = fs.existsSync(databasePath);
  const db = openDatabase(databasePath);
  const now = opts.now ?? (() => new Date());
  const log = opts.log ?? (() => {});
  try {
    if (existed && schemaVersion(db) > 0 && opts.backupOnStart !== false) {
      await backupDatabase(db, backupDir, 'startup', now());
    }
    migrate(db);
  } catch (e) {
    db.close();
    throw e;
  }
  const store = new RowStore(db, replicaId(db), now);
  const ctx: Ctx = {
    db,
    store,
    dataDir: opts.dataDir,
    databasePath,
    backupDir,
    host: opts.host,
    hostServices: opts.hostServices ?? {},
    version: opts.version ?? '0.0.0',
    now,
    // Through ctx.db, not the local: restoring a backup swaps the connection (exchange/backups.ts).
    tx: (fn) => (ctx.db.inTransaction ? fn() : ctx.db.transaction(fn)()),
  };
  if (opts.demo && getMeta(db, 'start_chosen') === undefined) {
    ctx.tx(() => {
      loadExampleData(ctx);
      setMeta(db, 'start_chosen', 'example');
    });
  }

  // Shared sync folders: the scheduler lives here, in the writer (docs/sync-folder.md).
  const sync = syncManager(ctx, { auto: opts.host !== 'memory', log, ...opts.sync });
  sync.start();

  return {
    call: dispatcher(ctx, log, false, () => sync.changed()),
    ctx,
    sync,
    close: () => {
      sync.stop();
      if (ctx.db.open) {
        ctx.store.saveClock();
        ctx.db.close();
      }
    },
  };
}

/** A SQLite error that says this connection may not write (the read-only replica). */
const READONLY_ERROR_KEY = 'errors.readOnlyReplica';

/**
 * Whether every string (and key) in a call's input is well-formed Unicode. A lone surrogate — what a
 * JSON escape such as "\ud800" or a buggy caller sends — has no UTF-8 form: SQLite would store bytes
 * that are not UTF-8, so the call is refused like invalid UTF-8 in an HTTP body (electron/server.ts).
 */
function wellFormed(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return isUnicodeText(value);
  if (value === null || typeof value !== 'object') return true;
  if (depth > 64) return false;
  if (Array.isArray(value)) return value.every((v) => wellFormed(v, depth + 1));
  return Object.entries(value).every(([k, v]) => isUnicodeText(k) && wellFormed(v, depth + 1));
}

/** The one call path: look the method up, validate its input, run its handler, wrap the outcome. */
function dispatcher(ctx: Ctx, log: (m: string) => void, readOnly = false, onChange?: () => void) {
  return async function call(method: string, input: unknown, opts: CallOptions = {}): Promise<ApiResult<unknown>> {
    if (!isMethodName(method)) {
      return { ok: false, error: userError('not_found', 'errors.unknownMethod', { method: method.slice(0, 80) }).toJSON() };
    }
    if (!wellFormed(input)) return { ok: false, error: userError('validation', 'errors.invalidEncoding').toJSON() };
    const parsed = contract[method].input.safeParse(input ?? {});
    if (!parsed.success) return { ok: false, error: validationError(parsed.error).toJSON() };
    try {
      const handler = handlers[method] as (input: unknown, ctx: Ctx) => unknown;
      const clock = ctx.store.clock.last();
      const value = await runInCall(opts, () => handler(parsed.data, ctx));
      // A local change: the sync folders get a change file once edits are quiet (debounced).
      if (onChange && ctx.store.clock.last() !== clock && !method.startsWith('sync.')) onChange();
      return { ok: true, value };
    } catch (e) {
      const code = (e as { code?: unknown }).code;
      if (readOnly && typeof code === 'string' && code.startsWith('SQLITE_READONLY')) {
        return { ok: false, error: { code: 'unsupported', key: READONLY_ERROR_KEY, message: 'This connection only reads.' } };
      }
      return { ok: false, error: toApiError(e, method, log).toJSON() };
    }
  };
}

/** Whether a result says "run this on the writer": the replica refused a write. */
export function isReadOnlyRefusal(result: ApiResult<unknown>): boolean {
  return !result.ok && result.error.key === READONLY_ERROR_KEY;
}

/**
 * A second, read-only connection to the same database (WAL: it reads the last committed state while
 * the writer holds a long transaction). No backup, no migration, no host services; the writer opened
 * and migrated the file first.
 */
export function openReadReplica(
  opts: Pick<BackendOptions, 'dataDir' | 'host' | 'now' | 'version' | 'log'>,
): Omit<Backend, 'sync'> {
  const databasePath = path.join(opts.dataDir, DATABASE_FILE);
  const db = new Database(databasePath, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  db.pragma('query_only = ON');
  const now = opts.now ?? (() => new Date());
  const ctx: Ctx = {
    db,
    store: new RowStore(db, replicaId(db), now),
    dataDir: opts.dataDir,
    databasePath,
    backupDir: path.join(opts.dataDir, 'backups'),
    host: opts.host,
    hostServices: {},
    version: opts.version ?? '0.0.0',
    now,
    // One read transaction per call: every query of a call sees the same committed state.
    tx: (fn) => (ctx.db.inTransaction ? fn() : ctx.db.transaction(fn)()),
  };
  return {
    call: dispatcher(ctx, opts.log ?? (() => {}), true),
    ctx,
    close: () => {
      if (ctx.db.open) ctx.db.close();
    },
  };
}

/** Errors we expect become sentences; anything else is logged and reported without internals. */
function toApiError(e: unknown, method: string, log: (m: string) => void): ApiError {
  if (e instanceof ApiError) return e;
  const code = (e as { code?: unknown }).code;
  if (typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT')) {
    if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY') return userError('validation', 'errors.unknownReference');
    return userError('conflict', 'errors.constraint');
  }
  if (code === 'SQLITE_FULL' || code === 'SQLITE_IOERR') return userError('internal', 'errors.diskProblem');
  log(`${method} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  return userError('internal', 'errors.internal');
}

/** A typed client over a backend in the same process: the in-memory transport tests use. */
export function memoryApi(backend: Pick<Backend, 'call'>): TypedApi {
  return typedApi((method, input) => backend.call(method, input));
}
