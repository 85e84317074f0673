import type { Database } from 'better-sqlite3';

/**
 * Schema changes of the scanning feature.
 * - One live score per (candidate, criterion, assessor): the service upserts, the index makes a second row
 *   impossible even if two code paths race. Partial (deleted = 0) so an archived row never blocks a new one.
 * - Candidate numbers are NOT unique per round on purpose: members number candidates in their own copies
 *   and exchange files merge them; the reference shows the round and number, the UUID is the identity.
 * - Lookups the round screens and decisions need: candidates by status within a round, decisions by group.
 * - hlc indexes make the similarity index's change check (count + newest clock) an index lookup instead of
 *   a table scan on every keystroke.
 */
export function up(db: Database): void {
  db.exec(`
    CREATE UNIQUE INDEX scores_one_per_assessor ON scores (candidate_id, criterion_id, assessor_person_id) WHERE deleted = 0;
    CREATE INDEX candidates_carried_from ON candidates (carried_from_id);
    CREATE INDEX candidates_merged_into ON candidates (merged_into_id);
    CREATE INDEX candidate_decisions_target ON candidate_decisions (target_group_id);
    CREATE INDEX candidate_decisions_created ON candidate_decisions (created_group_id);
    CREATE INDEX candidates_round_status ON candidates (round_id, status, deleted);
    CREATE INDEX candidates_hlc ON candidates (hlc);
    CREATE INDEX work_groups_hlc ON work_groups (hlc);
  `);
}
