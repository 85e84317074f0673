import type { Database } from 'better-sqlite3';

/**
 * Schema changes of the rotation feature.
 * - rotation_versions.edited_on: the day an edit was made. The engine keeps the current and next chair
 *   as of max(effective_from, edited_on), so a version dated in the past cannot rewrite announced chairs.
 */
export function up(db: Database): void {
  db.exec(`ALTER TABLE rotation_versions ADD COLUMN edited_on TEXT;`);
}
