import type { Database } from 'better-sqlite3';

export interface Migration {
  version: number;
  name: string;
  up: (db: Database) => void;
}

/**
 * Every file `NNNN-name.ts` beside this one is a migration exporting `up(db)`. They are numbered,
 * forward-only and applied in order, each in its own transaction (see `migrate`).
 */
const modules = import.meta.glob<{ up: Migration['up'] }>('./[0-9][0-9][0-9][0-9]-*.ts', { eager: true });

export const MIGRATIONS: Migration[] = Object.entries(modules)
  .map(([path, mod]) => {
    const m = /\/(\d{4})-([^/]+)\.ts$/.exec(path);
    if (!m) throw new Error(`Migration file name not understood: ${path}`);
    return { version: Number(m[1]), name: m[2]!, up: mod.up };
  })
  .sort((a, b) => a.version - b.version);

export const SCHEMA_VERSION = MIGRATIONS.at(-1)?.version ?? 0;
