import type { Settings } from '../../../shared/contract/app';
import { DEFAULT_TIME_ZONE } from '../../../shared/today';
import type { RowStore } from '../db/store';
import type { Db } from '../db/open';

const DEFAULT_SETTINGS: Settings = { language: 'en', timeZone: DEFAULT_TIME_ZONE };

/** The user's settings (language, time zone, "who am I"), with defaults for what was never set. */
export function readSettings(ctx: { store: RowStore }): Settings {
  // Through the store's cached statements: settings are read on many calls (today's date needs the time zone).
  const rows = ctx.store.prepare(`SELECT key, value FROM settings`).all() as Array<{ key: string; value: string }>;
  const out: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  for (const r of rows) out[r.key] = JSON.parse(r.value);
  return out as unknown as Settings;
}

/** One setting's stored value (JSON-decoded), or undefined when it was never set. */
export function readSetting(ctx: { store: RowStore }, key: string): unknown {
  const raw = ctx.store.prepare(`SELECT value FROM settings WHERE key = ?`).pluck().get(key) as string | undefined;
  return raw === undefined ? undefined : JSON.parse(raw);
}

/** One of the settings, as readSettings would give it (its default when never set), without reading the others. */
export function settingOf<K extends keyof Settings>(ctx: { store: RowStore }, key: K): Settings[K] {
  const value = readSetting(ctx, key);
  return value === undefined ? DEFAULT_SETTINGS[key] : (value as Settings[K]);
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
