import type { Settings } from '../../../shared/contract/app';
import { DEFAULT_TIME_ZONE } from '../../../shared/today';
import type { Statement } from 'better-sqlite3';
import type { Db } from '../db/open';

const DEFAULT_SETTINGS: Settings = { language: 'en', timeZone: DEFAULT_TIME_ZONE };

/**
 * The settings' statements, prepared once per database: `today(ctx)` reads the time zone on every call
 * that needs a date, and preparing the statement each time was a fixed cost of every such call (#19).
 */
const prepared = new WeakMap<Db, Map<string, Statement>>();
function statement(db: Db, sql: string) {
  let byDb = prepared.get(db);
  if (!byDb) prepared.set(db, (byDb = new Map()));
  let s = byDb.get(sql);
  if (!s) byDb.set(sql, (s = db.prepare(sql)));
  return s;
}

/** The user's settings (language, time zone, "who am I"), with defaults for what was never set. */
export function readSettings(ctx: { db: Db }): Settings {
  const rows = statement(ctx.db, `SELECT key, value FROM settings`).all() as Array<{ key: string; value: string }>;
  const out: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  for (const r of rows) out[r.key] = JSON.parse(r.value);
  return out as unknown as Settings;
}

/** One setting's stored value (JSON-decoded), or undefined when it was never set. */
export function readSetting(ctx: { db: Db }, key: string): unknown {
  const raw = ctx.db.prepare(`SELECT value FROM settings WHERE key = ?`).pluck().get(key) as string | undefined;
  return raw === undefined ? undefined : JSON.parse(raw);
}

/** Store settings (absent values are left untouched). */
export function writeSettings(ctx: { db: Db }, values: Record<string, unknown>): void {
  const stmt = ctx.db.prepare(
    `INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
  );
  for (const [key, value] of Object.entries(values)) if (value !== undefined) stmt.run(key, JSON.stringify(value));
}

/** Forget a setting (it falls back to its default). */
export function deleteSetting(ctx: { db: Db }, key: string): void {
  ctx.db.prepare(`DELETE FROM settings WHERE key = ?`).run(key);
}
