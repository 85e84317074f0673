import type { Database } from 'better-sqlite3';

/**
 * An index on every foreign-key column that had none (found by comparing pragma_foreign_key_list with
 * pragma_index_list over all tables at version 6). Without one, SQLite scans the whole child table
 * whenever it must look for rows referencing a parent: on deleting or re-keying a parent, and on every
 * parent insert while a deferred foreign-key violation is outstanding (an exchange import writing a
 * child before its parent). docs/performance.md, "Whole-database import", measured that scan as a
 * quadratic import. Named `<table>_<column>_fk`.
 */
const UNINDEXED_FOREIGN_KEYS: ReadonlyArray<readonly [table: string, column: string]> = [
  ['memberships', 'substitute_for_id'],
  ['memberships', 'organisation_id'],
  ['meeting_series', 'group_id'],
  ['meetings', 'secretary_person_id'],
  ['meetings', 'chair_organisation_id'],
  ['meetings', 'chair_person_id'],
  ['agenda_items', 'presenter_organisation_id'],
  ['agenda_items', 'presenter_person_id'],
  ['agenda_items', 'parent_id'],
  ['attendance', 'substitute_for_person_id'],
  ['attendance', 'organisation_id'],
  ['attendance', 'person_id'],
  ['measures', 'responsible_organisation_id'],
  ['measure_organisations', 'organisation_id'],
  ['decisions', 'agenda_item_id'],
  ['action_items', 'agenda_item_id'],
  ['rotation_slots', 'successor_person_id'],
  ['rotation_slots', 'successor_organisation_id'],
  ['rotation_slots', 'person_id'],
  ['rotation_slots', 'organisation_id'],
  ['rotation_exceptions', 'person_id'],
  ['rotation_exceptions', 'organisation_id'],
  ['rotation_exceptions', 'other_meeting_id'],
  ['rotation_exceptions', 'meeting_id'],
  ['handovers', 'to_person_id'],
  ['handovers', 'from_person_id'],
  ['handovers', 'to_organisation_id'],
  ['handovers', 'from_organisation_id'],
  ['candidates', 'lead_organisation_id'],
  ['candidates', 'proposer_organisation_id'],
  ['candidates', 'proposer_person_id'],
  ['candidate_organisations', 'organisation_id'],
  ['candidate_groups', 'group_id'],
  ['scores', 'assessor_person_id'],
  ['candidate_decisions', 'meeting_id'],
  ['term_review_items', 'merge_into_group_id'],
  ['term_review_items', 'group_id'],
];

export function up(db: Database): void {
  for (const [table, column] of UNINDEXED_FOREIGN_KEYS) {
    db.exec(`CREATE INDEX ${table}_${column}_fk ON ${table} (${column})`);
  }
}
