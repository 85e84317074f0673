import type { Database } from 'better-sqlite3';

/**
 * Official names in the national languages (issue #16 item 6). Finland's bodies have official Finnish
 * and Swedish names, and English ones (Sisäministeriö SM / Inrikesministeriet IM / Ministry of the
 * Interior MoI). Every column is nullable: users may fill one language only. The existing `name`,
 * `abbreviation` and `short_name` stay as the name "as written", the fallback when a language's own
 * name is missing (shared/domain/names.ts). Nothing existing is rewritten. The columns travel like any
 * other: the per-field clocks (field_hlc) cover them through RowStore.
 */
export function up(db: Database): void {
  for (const lang of ['fi', 'sv', 'en']) {
    db.exec(`
      ALTER TABLE organisations ADD COLUMN name_${lang} TEXT;
      ALTER TABLE organisations ADD COLUMN abbreviation_${lang} TEXT;
      ALTER TABLE work_groups ADD COLUMN name_${lang} TEXT;
      ALTER TABLE work_groups ADD COLUMN short_name_${lang} TEXT;
    `);
  }
}
