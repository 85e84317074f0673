import type { Database } from 'better-sqlite3';

/**
 * What the search covers: per kind, the source table and how its text becomes a title and a body.
 * Each kind has its own FTS5 table `search_<kind>` whose rowid is the source row's rowid, so a trigger
 * replaces exactly its own entry, and a search in one kind never walks the postings of another (a rare
 * kind stays fast while a common word fills another). `ref_id` is the row's UUID; searches look rows up
 * by it and keep only entries whose rowid still matches, so an entry can never outlive or misname its row.
 */
export const SEARCH_SOURCES = [
  {
    kind: 'group',
    table: 'work_groups',
    title: `new.name`,
    body: `coalesce(new.short_name, '') || ' ' || coalesce(new.description, '')`,
    columns: ['name', 'short_name', 'description'],
  },
  {
    kind: 'meeting',
    table: 'meetings',
    title: `new.title`,
    body: `coalesce(new.place, '') || ' ' || coalesce(new.notes, '')`,
    columns: ['title', 'place', 'notes'],
  },
  {
    kind: 'agenda_item',
    table: 'agenda_items',
    title: `new.title`,
    body: `coalesce(new.description, '') || ' ' || coalesce(new.minutes, '')`,
    columns: ['title', 'description', 'minutes'],
  },
  {
    kind: 'decision',
    table: 'decisions',
    title: `coalesce(new.number, '')`,
    body: `new.text`,
    columns: ['number', 'text'],
  },
  {
    kind: 'action_item',
    table: 'action_items',
    title: `new.title`,
    body: `coalesce(new.description, '')`,
    columns: ['title', 'description'],
  },
  {
    kind: 'measure',
    table: 'measures',
    title: `new.title`,
    body: `coalesce(new.description, '') || ' ' || coalesce(new.progress_note, '')`,
    columns: ['title', 'description', 'progress_note'],
  },
  {
    kind: 'candidate',
    table: 'candidates',
    title: `new.title`,
    body: `coalesce(new.phenomenon, '') || ' ' || coalesce(new.rationale, '')`,
    columns: ['title', 'phenomenon', 'rationale'],
  },
] as const;

/**
 * The indexes: FTS5, diacritics folded so "ä" and "a" both match, and prefix indexes so prefix queries
 * stream (keep in step with PREFIX_LENGTHS in shared/portfolio/search.ts).
 */
export function up(db: Database): void {
  for (const s of SEARCH_SOURCES) {
    const index = `search_${s.kind}`;
    db.exec(`CREATE VIRTUAL TABLE ${index} USING fts5(
      ref_id UNINDEXED, title, body, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3 4 6 8'
    );`);
    const insert = `INSERT INTO ${index} (rowid, ref_id, title, body) VALUES (new.rowid, new.id, ${s.title}, ${s.body});`;
    db.exec(`
      CREATE TRIGGER ${index}_insert AFTER INSERT ON ${s.table} BEGIN ${insert} END;
      CREATE TRIGGER ${index}_update AFTER UPDATE OF ${s.columns.join(', ')} ON ${s.table}
      WHEN ${s.columns.map((c) => `old.${c} IS NOT new.${c}`).join(' OR ')} BEGIN
        DELETE FROM ${index} WHERE rowid = old.rowid;
        ${insert}
      END;
      CREATE TRIGGER ${index}_delete AFTER DELETE ON ${s.table} BEGIN
        DELETE FROM ${index} WHERE rowid = old.rowid;
      END;
    `);
  }
  // Linking action items and decisions to measures: the plan counts them per measure.
  db.exec(`
    CREATE INDEX portfolio_action_items_measure ON action_items (measure_id) WHERE measure_id IS NOT NULL;
    CREATE INDEX portfolio_decisions_measure ON decisions (measure_id) WHERE measure_id IS NOT NULL;
    -- The portfolio's per-group figures read these without touching the rows.
    CREATE INDEX portfolio_action_items_open ON action_items (status, group_id, due_date) WHERE deleted = 0;
    CREATE INDEX portfolio_attendance_status ON attendance (meeting_id, status) WHERE deleted = 0;
    CREATE INDEX portfolio_meetings_status ON meetings (group_id, status, date) WHERE deleted = 0;
  `);
  rebuildSearchIndex(db);
}

/** Fill the indexes from scratch (after this migration, or if rowids ever changed, e.g. after VACUUM). */
export function rebuildSearchIndex(db: Database): void {
  for (const s of SEARCH_SOURCES) {
    const title = s.title.replace(/new\./g, '');
    const body = s.body.replace(/new\./g, '');
    db.exec(`DELETE FROM search_${s.kind};`);
    db.exec(`INSERT INTO search_${s.kind} (rowid, ref_id, title, body) SELECT rowid, id, ${title}, ${body} FROM ${s.table};`);
  }
}
