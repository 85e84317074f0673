import type { Db } from './open';

/**
 * How the columns of each travelling table are stored: booleans as 0/1, structured values as JSON
 * text, and which long texts (minutes, notes) keep both versions when edited on two laptops at once.
 * Column lists themselves are read from the schema (PRAGMA table_info), never written twice.
 */
export interface TableCodec {
  bool?: readonly string[];
  json?: readonly string[];
  longText?: readonly string[];
}

export const TABLE_CODECS: Record<string, TableCodec> = {
  organisations: { longText: ['notes'] },
  people: {},
  work_groups: { json: ['quorum_rule', 'settings'], longText: ['description'] },
  group_organisations: {},
  memberships: {},
  status_history: { json: ['detail'] },
  meeting_series: { json: ['rule'] },
  meetings: { bool: ['detached'], longText: ['notes'] },
  agenda_templates: {},
  agenda_template_items: {},
  agenda_items: { bool: ['continue_next'], longText: ['minutes', 'description'] },
  attendance: {},
  attachments: {},
  meeting_replies: { longText: ['note'] },
  measures: { longText: ['description', 'progress_note'] },
  measure_organisations: {},
  decisions: { longText: ['text'] },
  action_items: { longText: ['description'] },
  indicators: { longText: ['description'] },
  indicator_values: {},
  rotations: {},
  rotation_versions: {},
  rotation_slots: {},
  rotation_exceptions: {},
  handovers: { json: ['checklist'], longText: ['note'] },
  scanning_rounds: { bool: ['criteria_locked'] },
  candidates: {
    json: ['evidence', 'tags'],
    longText: ['phenomenon', 'rationale', 'consensus_rationale'],
  },
  candidate_organisations: {},
  candidate_groups: {},
  criteria: {},
  scores: { bool: ['conflict_of_interest'], longText: ['comment'] },
  candidate_decisions: { longText: ['reason', 'conditions'] },
  term_reviews: { longText: ['note'] },
  term_review_items: { longText: ['rationale'] },
};

export const META_COLUMNS = ['id', 'created_at', 'updated_at', 'hlc', 'field_hlc', 'deleted'] as const;

/** The tables whose rows travel: every table with an `hlc` column. */
export function travellingTables(db: Db): string[] {
  const tables = db
    .prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
    .pluck()
    .all() as string[];
  return tables.filter((t) => columnsOf(db, t).includes('hlc'));
}

const columnCache = new WeakMap<Db, Map<string, string[]>>();

export function columnsOf(db: Db, table: string): string[] {
  let perDb = columnCache.get(db);
  if (!perDb) columnCache.set(db, (perDb = new Map()));
  let cols = perDb.get(table);
  if (!cols) {
    cols = db.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(table) as string[];
    perDb.set(table, cols);
  }
  return cols;
}

/** Forget cached column lists (after a migration adds columns). */
export function forgetColumns(db: Db): void {
  columnCache.delete(db);
}

// Column names are few and fixed: each conversion is computed once (a regex per column per row was a
// measurable part of every list call, issue #19).
const camelNames = new Map<string, string>();
const snakeNames = new Map<string, string>();
export const snakeToCamel = (s: string): string => {
  let v = camelNames.get(s);
  if (v === undefined) {
    v = s.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
    if (camelNames.size < 10_000) camelNames.set(s, v);
  }
  return v;
};
export const camelToSnake = (s: string): string => {
  let v = snakeNames.get(s);
  if (v === undefined) {
    v = s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
    if (snakeNames.size < 10_000) snakeNames.set(s, v);
  }
  return v;
};
