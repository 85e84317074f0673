import type { Database } from 'better-sqlite3';

/**
 * Indexes the action-item list (`meetings.listActions`) pages and counts from without touching rows.
 * Each carries `deleted` as a column as well as in its WHERE: SQLite only treats an index as covering
 * when every column the query names is in it, and without it every entry walked reads its table row.
 * - action_items_list_due: the whole list in its default order (undated last); status, overdue and
 *   due-within filters and the text search (rowid) are checked on the entry, so a page at any offset
 *   walks only this index.
 * - action_items_list_person / _organisation: one owner's actions in the same order.
 * - action_items_list_status: counting a status (and due range) filter is a range of this index.
 */
export function up(db: Database): void {
  db.exec(`
    CREATE INDEX action_items_list_due ON action_items (coalesce(due_date, '9999-12-31'), id, status, deleted)
      WHERE deleted = 0;
    CREATE INDEX action_items_list_person ON action_items (owner_person_id, coalesce(due_date, '9999-12-31'), id, status, deleted)
      WHERE deleted = 0 AND owner_person_id IS NOT NULL;
    CREATE INDEX action_items_list_organisation ON action_items (owner_organisation_id, coalesce(due_date, '9999-12-31'), id, status, deleted)
      WHERE deleted = 0 AND owner_organisation_id IS NOT NULL;
    CREATE INDEX action_items_list_status ON action_items (status, coalesce(due_date, '9999-12-31'), deleted)
      WHERE deleted = 0;
  `);
}
