import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openBackend, memoryApi, type Backend, type BackendOptions } from '../../electron/backend';
import type { TypedApi } from '../../shared/contract/client';

/** A fresh temporary data folder, removed by `cleanup()`. */
export function tempDir(prefix = 'painopiste-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export interface TestBackend {
  backend: Backend;
  api: TypedApi;
  dataDir: string;
  close(): void;
  cleanup(): void;
}

/** The real backend on a real SQLite file in a temp folder, called through the contract. */
export async function startTestBackend(opts: Partial<BackendOptions> = {}): Promise<TestBackend> {
  const dataDir = opts.dataDir ?? tempDir();
  const backend = await openBackend({ host: 'memory', ...opts, dataDir });
  return {
    backend,
    api: memoryApi(backend),
    dataDir,
    close: () => backend.close(),
    cleanup: () => {
      backend.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Every row of every table (the search index's shadow tables included), for "nothing changed"
 * assertions. Rows are compared as sorted JSON so tables without a rowid work too.
 */
export function databaseContent(backend: Pick<Backend, 'ctx'>): string {
  const db = backend.ctx.db;
  const tables = db
    .prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
    .pluck()
    .all() as string[];
  return JSON.stringify(
    tables.map((t) => [t, (db.prepare(`SELECT * FROM ${t}`).all() as unknown[]).map((r) => JSON.stringify(r)).sort()]),
  );
}
