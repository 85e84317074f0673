import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startTestBackend, type TestBackend } from '../helpers/backend';

/**
 * One owner per aggregate (README, "Who writes which table"): each table is written by the modules of
 * one area only. A static scan of electron/backend finds every write with a literal table name — the
 * RowStore's insert/update/archive/restore and SQL INSERT/UPDATE/DELETE — and fails when a module
 * outside the owner writes it. Keep this map and the README's in step.
 */
const ROOT = path.resolve(__dirname, '../..');
const B = 'electron/backend/';

interface Owner {
  /** The owner's modules (paths under electron/backend/, a trailing / = a folder). */
  modules: string[];
  tables: string[];
}

const OWNERS: Record<string, Owner> = {
  'organisations and people': {
    modules: ['services/organisations.ts', 'repositories/organisations.ts'],
    tables: ['organisations', 'people'],
  },
  'group, its organisations and memberships': {
    modules: ['services/groups.ts', 'repositories/groups.ts'],
    tables: ['work_groups', 'group_organisations', 'memberships'],
  },
  'status history (one writer for every lifecycle)': {
    modules: ['services/status-history.ts'],
    tables: ['status_history'],
  },
  'meeting with agenda, attendance, minutes, decisions and action items': {
    modules: ['services/meetings.ts', 'services/meetings-documents.ts', 'repositories/meetings.ts'],
    tables: [
      'meeting_series',
      'meetings',
      'agenda_templates',
      'agenda_template_items',
      'agenda_items',
      'attendance',
      'decisions',
      'action_items',
      'meeting_run_events',
    ],
  },
  rotation: {
    modules: ['services/rotation.ts', 'services/rotation-chairs.ts', 'services/rotation-export.ts', 'repositories/rotation.ts'],
    tables: ['rotations', 'rotation_versions', 'rotation_slots', 'rotation_exceptions'],
  },
  'scanning round with candidates, criteria, scores and decisions': {
    modules: [
      'services/scanning.ts',
      'services/scanning-files.ts',
      'services/scanning-criteria.ts',
      'services/scanning-results.ts',
      'services/scanning-document.ts',
      'repositories/scanning.ts',
    ],
    tables: [
      'scanning_rounds',
      'candidates',
      'candidate_organisations',
      'candidate_groups',
      'criteria',
      'scores',
      'candidate_decisions',
    ],
  },
  'measures, indicators and the government-term review': {
    modules: ['services/portfolio.ts', 'services/report.ts', 'repositories/portfolio.ts'],
    tables: ['measures', 'measure_organisations', 'indicators', 'indicator_values', 'term_reviews', 'term_review_items'],
  },
  settings: { modules: ['services/app.ts', 'repositories/settings.ts'], tables: ['settings'] },
  'exchange files, handovers and conflicts': {
    modules: ['services/exchange.ts', 'exchange/', 'repositories/exchange.ts'],
    tables: ['handovers', 'conflicts', 'exchange_log'],
  },
  'meeting materials and invitation replies': {
    modules: ['services/materials.ts', 'services/invitations.ts', 'repositories/materials.ts'],
    tables: ['blobs', 'attachments', 'meeting_replies'],
  },
  'sync folders': { modules: ['sync/', 'repositories/sync.ts'], tables: ['sync_peers', 'sync_links', 'sync_files', 'sync_log'] },
  'the database file itself': { modules: ['db/', 'backup.ts'], tables: ['meta', 'backup_log'] },
};

/**
 * Writes outside the owner that are allowed, each with its reason. (Not listed because the scan cannot
 * see them and they are generic by design: the exchange merge and the backup restore write every
 * travelling table through the RowStore by name from db/tables.ts; migrations shape the schema.)
 */
const ALLOWED: Array<{ file: string; table: string; why: string }> = [
  {
    file: 'services/rotation-chairs.ts',
    table: 'meetings',
    why:
      'the rotation writes the chair columns (chair_organisation_id, chair_person_id, chair_source) of planned ' +
      'meetings; the meetings service calls it after every change to a group’s meetings, in its transaction',
  },
];

const TABLE_OWNER = new Map(Object.entries(OWNERS).flatMap(([area, o]) => o.tables.map((t) => [t, area] as const)));

function sources(): string[] {
  return fs
    .readdirSync(path.join(ROOT, B), { recursive: true, encoding: 'utf8' })
    .map((f) => f.split(path.sep).join('/'))
    .filter((f) => /\.ts$/.test(f) && !f.startsWith('db/migrations/'));
}

const ROW_STORE_WRITE = /\.(?:insert|update|archive|restore)(?:<[^>]*>)?\(\s*'([a-z_0-9]+)'/g;
const SQL_WRITE = /\b(?:INSERT(?:\s+OR\s+\w+)?\s+INTO|REPLACE\s+INTO|UPDATE|DELETE\s+FROM)\s+([a-z_0-9]+)\b/g;

/** Every (file, table) write with a literal table name that names a table we know. */
function writesIn(file: string, text: string): Array<{ file: string; table: string; line: number }> {
  const out: Array<{ file: string; table: string; line: number }> = [];
  for (const re of [ROW_STORE_WRITE, SQL_WRITE])
    for (const m of text.matchAll(re))
      if (TABLE_OWNER.has(m[1]!)) out.push({ file, table: m[1]!, line: text.slice(0, m.index).split('\n').length });
  return out;
}

const owns = (area: string, file: string) =>
  OWNERS[area]!.modules.some((m) => (m.endsWith('/') ? file.startsWith(m) : file === m));

let t: TestBackend | undefined;
afterAll(() => t?.cleanup());

describe('one owner per table', () => {
  it('every table of the schema has exactly one owner', async () => {
    t = await startTestBackend();
    const tables = (
      t.backend.ctx.db
        .prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
        .pluck()
        .all() as string[]
    ).filter((name) => !name.startsWith('search')); // the FTS index and its shadow tables (kept by triggers)
    expect(tables.filter((name) => !TABLE_OWNER.has(name))).toEqual([]);
    const listed = Object.values(OWNERS).flatMap((o) => o.tables);
    expect(listed.length).toBe(new Set(listed).size);
    expect(listed.filter((name) => !tables.includes(name))).toEqual([]);
  });

  it('no module writes a table it does not own (INSERT/UPDATE/DELETE or RowStore calls)', () => {
    const offenders = sources()
      .flatMap((f) => writesIn(f, fs.readFileSync(path.join(ROOT, B, f), 'utf8')))
      .filter((w) => !owns(TABLE_OWNER.get(w.table)!, w.file))
      .filter((w) => !ALLOWED.some((a) => a.file === w.file && a.table === w.table))
      .map((w) => `${B}${w.file}:${w.line} writes ${w.table} (owner: ${TABLE_OWNER.get(w.table)})`);
    expect(offenders).toEqual([]);
  });

  it('the scan sees each form of write, and the allow-list has no stale entries', () => {
    const found = writesIn(
      'x.ts',
      [
        `ctx.store.insert<Group>('work_groups', {})`,
        `ctx.store.update('memberships', id, {})`,
        `store.archive<Person>(\n 'people', id)`,
        'db.prepare(`INSERT OR IGNORE INTO settings (key) VALUES (?)`)',
        'db.prepare(`UPDATE conflicts SET x = 1`)',
        'db.prepare(`DELETE FROM backup_log`)',
        `hash.update('sha256')`,
      ].join('\n'),
    ).map((w) => w.table);
    expect(found).toEqual(['work_groups', 'memberships', 'people', 'settings', 'conflicts', 'backup_log']);
    const all = sources().flatMap((f) => writesIn(f, fs.readFileSync(path.join(ROOT, B, f), 'utf8')));
    for (const a of ALLOWED)
      expect(
        all.some((w) => w.file === a.file && w.table === a.table),
        `${a.file} ${a.table}`,
      ).toBe(true);
  });
});
