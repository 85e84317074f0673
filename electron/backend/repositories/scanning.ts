import type { RawRow, RowStore } from '../db/store';
import { formatCandidateReference, type RoundTimeline } from '../../../shared/scanning/rounds';
import type { ScoringInput } from '../../../shared/scanning/scoring';
import {
  STEEP,
  type Candidate,
  type CandidateParticipant,
  type CandidateSummary,
  type Criterion,
  type Decision,
  type HistoryEntry,
  type Round,
  type RoundCounts,
  type RoundSummary,
  type ScoreRow,
  type Steep,
} from '../../../shared/domain/scanning';

/** Queries of the scanning feature. Rows come back decoded (camelCase) and shaped as the domain types. */

const TIMELINE_COLUMNS: Record<keyof RoundTimeline, string> = {
  callOpens: 'call_opens',
  submissionDeadline: 'submission_deadline',
  screeningEnds: 'screening_date',
  assessmentOpens: 'assessment_opens',
  assessmentCloses: 'assessment_closes',
  networkMeeting: 'network_meeting',
  listFreeze: 'list_freeze',
  decisionMeeting: 'decision_meeting',
};

/** The timeline as camelCase columns of scanning_rounds (for store.insert/update). */
export function timelineColumns(t: RoundTimeline): Record<string, string> {
  return {
    callOpens: t.callOpens,
    submissionDeadline: t.submissionDeadline,
    screeningDate: t.screeningEnds,
    assessmentOpens: t.assessmentOpens,
    assessmentCloses: t.assessmentCloses,
    networkMeeting: t.networkMeeting,
    listFreeze: t.listFreeze,
    decisionMeeting: t.decisionMeeting,
  };
}

const TIMELINE_ENTRIES = Object.entries(TIMELINE_COLUMNS) as Array<[keyof RoundTimeline, string]>;

/**
 * A round row as the domain type, column by column (what store.decode would give for these columns:
 * the two flags as booleans), without decoding the columns it does not use.
 */
export function roundFromRaw(_store: RowStore, raw: RawRow): Round {
  const timeline = {} as RoundTimeline;
  for (const [key, col] of TIMELINE_ENTRIES) timeline[key] = (raw[col] as string) ?? '';
  return {
    id: raw.id as string,
    createdAt: raw.created_at as string,
    updatedAt: raw.updated_at as string,
    hlc: raw.hlc as string,
    deleted: raw.deleted === 1,
    groupId: raw.group_id as string,
    label: raw.label as string,
    lane: raw.lane as Round['lane'],
    status: raw.status as Round['status'],
    timeline,
    proposalCap: (raw.proposal_cap as number | null) ?? null,
    criteriaLocked: raw.criteria_locked === 1,
  };
}

export function getRound(store: RowStore, id: string): Round | undefined {
  const raw = store.getRaw('scanning_rounds', id);
  return raw ? roundFromRaw(store, raw) : undefined;
}

/**
 * The counts from a round's candidates grouped by status (`c.status`, `c.n`): the statuses are counted
 * first through the covering index candidates_round_status, so the sums run over a handful of rows per
 * round instead of one CASE per candidate (at 500 candidates that was most of scanning.listRounds).
 */
const COUNTS_SQL = `
  sum(CASE WHEN c.status NOT IN ('draft', 'merged') THEN c.n ELSE 0 END) AS total,
  sum(CASE WHEN c.status IN ('proposed','approved','rejected','deferred','folded') THEN c.n ELSE 0 END) AS proposed,
  sum(CASE WHEN c.status IN ('shortlisted','proposed','approved','rejected','deferred','folded') THEN c.n ELSE 0 END) AS shortlisted,
  sum(CASE WHEN c.status = 'approved' THEN c.n ELSE 0 END) AS approved,
  sum(CASE WHEN c.status = 'rejected' THEN c.n ELSE 0 END) AS rejected,
  sum(CASE WHEN c.status = 'deferred' THEN c.n ELSE 0 END) AS deferred,
  sum(CASE WHEN c.status = 'folded' THEN c.n ELSE 0 END) AS folded,
  sum(CASE WHEN c.status = 'merged' THEN c.n ELSE 0 END) AS merged`;

function countsOf(raw: RawRow): RoundCounts {
  const n = (k: string) => Number(raw[k] ?? 0);
  return {
    total: n('total'),
    proposed: n('proposed'),
    shortlisted: n('shortlisted'),
    approved: n('approved'),
    rejected: n('rejected'),
    deferred: n('deferred'),
    folded: n('folded'),
    merged: n('merged'),
  };
}

/**
 * Rounds newest first, with the group name and candidate counts. `total` = candidates put forward: drafts
 * are not yet proposals and merged originals live on in their result, so neither is counted.
 */
export function listRounds(store: RowStore, includeArchived: boolean): RoundSummary[] {
  const rows = store
    .prepare(
      `SELECT r.*, g.name AS group_name, ${COUNTS_SQL}
       FROM scanning_rounds r JOIN work_groups g ON g.id = r.group_id
       LEFT JOIN (SELECT round_id, status, count(*) AS n FROM candidates WHERE deleted = 0 GROUP BY round_id, status) c
         ON c.round_id = r.id
       WHERE (@all = 1 OR r.deleted = 0)
       GROUP BY r.id
       ORDER BY coalesce(r.call_opens, r.created_at) DESC, r.label DESC`,
    )
    .all({ all: includeArchived ? 1 : 0 }) as RawRow[];
  return rows.map((raw) => ({ ...roundFromRaw(store, raw), groupName: raw.group_name as string, counts: countsOf(raw) }));
}

export function roundLabels(store: RowStore): Array<{
  id: string;
  label: string;
  lane: string;
  callOpens: string | null;
  status: string;
  createdAt: string;
  groupId: string;
}> {
  return store
    .prepare(
      `SELECT id, label, lane, call_opens AS callOpens, status, created_at AS createdAt, group_id AS groupId
       FROM scanning_rounds WHERE deleted = 0 ORDER BY coalesce(call_opens, created_at), created_at`,
    )
    .all() as Array<{
    id: string;
    label: string;
    lane: string;
    callOpens: string | null;
    status: string;
    createdAt: string;
    groupId: string;
  }>;
}

// ---------------------------------------------------------------------------------------------------

const parseJson = (v: unknown): unknown => {
  if (typeof v !== 'string') return v;
  try {
    return JSON.parse(v) as unknown;
  } catch {
    return null;
  }
};

/**
 * A candidate row as the domain type. Written out column by column rather than through store.decode: the
 * round screen maps hundreds of rows and the generic decoder was most of getRound's time. The meta
 * columns too: a spread (`...meta`) ahead of thirty properties made V8 build each object on its slow
 * path, and getRound took three times its raw SQL (bench, 3 Dec 2026).
 */
export function candidateFromRaw(_store: RowStore, raw: RawRow, roundLabel: string): Candidate {
  const rawTags = parseJson(raw.tags);
  const steep: Steep[] = [];
  const tags: string[] = [];
  if (Array.isArray(rawTags))
    for (const t of rawTags) {
      if (typeof t !== 'string') continue;
      const s = t.startsWith('steep:') ? t.slice(6) : null;
      if (s !== null && (STEEP as readonly string[]).includes(s)) steep.push(s as Steep);
      else tags.push(t);
    }
  const evidence = parseJson(raw.evidence);
  const text = (k: string) => (raw[k] as string | null | undefined) ?? null;
  return {
    id: raw.id as string,
    createdAt: raw.created_at as string,
    updatedAt: raw.updated_at as string,
    hlc: raw.hlc as string,
    deleted: raw.deleted === 1,
    roundId: raw.round_id as string,
    number: raw.number as number,
    reference: formatCandidateReference(roundLabel, raw.number as number),
    title: raw.title as string,
    phenomenon: text('phenomenon'),
    rationale: text('rationale'),
    evidence: Array.isArray(evidence) ? (evidence as Candidate['evidence']) : [],
    steep,
    tags,
    timeHorizon: text('time_horizon') as Candidate['timeHorizon'],
    proposerPersonId: text('proposer_person_id'),
    proposerOrganisationId: text('proposer_organisation_id'),
    leadOrganisationId: text('lead_organisation_id'),
    leadStatus: text('lead_status') as Candidate['leadStatus'],
    existingGroupHandling: text('existing_group_handling') as Candidate['existingGroupHandling'],
    existingGroupReason: text('existing_group_reason'),
    confidentiality: (raw.confidentiality as Candidate['confidentiality']) ?? 'public',
    status: raw.status as Candidate['status'],
    mergedIntoId: text('merged_into_id'),
    carriedFromId: text('carried_from_id'),
    deferralCount: (raw.deferral_count as number | null) ?? 0,
    consensusScore: (raw.consensus_score as number | null) ?? null,
    consensusRationale: text('consensus_rationale'),
  };
}

/** The stored tag list: STEEP categories as `steep:<value>`, then the free tags. */
export function encodeTags(steep: readonly string[], tags: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const t of [...steep.map((s) => `steep:${s}`), ...tags.map((t) => t.trim())]) {
    if (t && !seen.has(t.toLowerCase())) {
      seen.add(t.toLowerCase());
      out.push(t);
    }
  }
  return out;
}

const SUMMARY_SQL = `SELECT c.*, r.label AS round_label, lo.abbreviation AS lead_abbreviation, p.name AS proposer_name,
    po.abbreviation AS proposer_organisation_abbreviation
  FROM candidates c JOIN scanning_rounds r ON r.id = c.round_id
  LEFT JOIN organisations lo ON lo.id = c.lead_organisation_id
  LEFT JOIN people p ON p.id = c.proposer_person_id
  LEFT JOIN organisations po ON po.id = c.proposer_organisation_id`;

function summaryFromRaw(store: RowStore, raw: RawRow): CandidateSummary {
  const { round_label, lead_abbreviation, proposer_name, proposer_organisation_abbreviation, ...rest } = raw;
  return {
    ...candidateFromRaw(store, rest, round_label as string),
    leadAbbreviation: (lead_abbreviation as string | null) ?? null,
    proposerName: (proposer_name as string | null) ?? null,
    proposerOrganisationAbbreviation: (proposer_organisation_abbreviation as string | null) ?? null,
  };
}

/** All candidates of a round with names looked up from small id → name maps (cheaper than joins per row). */
export function candidatesOfRound(store: RowStore, roundId: string): CandidateSummary[] {
  const label =
    (store.prepare(`SELECT label FROM scanning_rounds WHERE id = ?`).pluck().get(roundId) as string | undefined) ?? '';
  const rows = store
    .prepare(`SELECT * FROM candidates WHERE round_id = ? AND deleted = 0 ORDER BY number, created_at`)
    .all(roundId) as RawRow[];
  if (rows.length === 0) return [];
  // Only the organisations and people the round's candidates name (not every row of both tables).
  const named = (sql: string) => new Map(store.prepare(sql).raw().all({ round: roundId }) as Array<[string, string]>);
  const orgs = named(
    `SELECT id, abbreviation FROM organisations WHERE id IN (SELECT lead_organisation_id FROM candidates WHERE round_id = @round
       UNION SELECT proposer_organisation_id FROM candidates WHERE round_id = @round)`,
  );
  const people = named(
    `SELECT id, name FROM people WHERE id IN (SELECT proposer_person_id FROM candidates WHERE round_id = @round)`,
  );
  const name = (m: Map<string, string>, id: unknown) => (typeof id === 'string' ? (m.get(id) ?? null) : null);
  return rows.map((raw) => {
    // The candidate's own object gets the three names (no copy of its thirty fields per row).
    const c = candidateFromRaw(store, raw, label) as CandidateSummary;
    c.leadAbbreviation = name(orgs, raw.lead_organisation_id);
    c.proposerName = name(people, raw.proposer_person_id);
    c.proposerOrganisationAbbreviation = name(orgs, raw.proposer_organisation_id);
    return c;
  });
}

export function candidateSummary(store: RowStore, id: string): CandidateSummary | undefined {
  const raw = store.prepare(`${SUMMARY_SQL} WHERE c.id = ?`).get(id) as RawRow | undefined;
  return raw ? summaryFromRaw(store, raw) : undefined;
}

export function getCandidate(store: RowStore, id: string): Candidate | undefined {
  return candidateSummary(store, id);
}

export function maxCandidateNumber(store: RowStore, roundId: string): number {
  return (
    (store.prepare(`SELECT coalesce(max(number), 0) FROM candidates WHERE round_id = ?`).pluck().get(roundId) as number) ?? 0
  );
}

export function participantsOf(store: RowStore, candidateId: string): CandidateParticipant[] {
  return store
    .prepare(
      `SELECT co.id, co.organisation_id AS organisationId, o.abbreviation, co.status
       FROM candidate_organisations co JOIN organisations o ON o.id = co.organisation_id
       WHERE co.candidate_id = ? AND co.deleted = 0 ORDER BY o.abbreviation COLLATE NOCASE`,
    )
    .all(candidateId) as CandidateParticipant[];
}

export function participantRows(
  store: RowStore,
  candidateId: string,
): Array<{ id: string; organisationId: string; status: string; deleted: number }> {
  return store
    .prepare(`SELECT id, organisation_id AS organisationId, status, deleted FROM candidate_organisations WHERE candidate_id = ?`)
    .all(candidateId) as Array<{ id: string; organisationId: string; status: string; deleted: number }>;
}

export function relatedGroupRows(store: RowStore, candidateId: string): Array<{ id: string; groupId: string; deleted: number }> {
  return store
    .prepare(`SELECT id, group_id AS groupId, deleted FROM candidate_groups WHERE candidate_id = ?`)
    .all(candidateId) as Array<{ id: string; groupId: string; deleted: number }>;
}

export function relatedGroupsOf(store: RowStore, candidateId: string): Array<{ id: string; name: string }> {
  return store
    .prepare(
      `SELECT g.id, g.name FROM candidate_groups cg JOIN work_groups g ON g.id = cg.group_id
       WHERE cg.candidate_id = ? AND cg.deleted = 0 ORDER BY g.name COLLATE NOCASE`,
    )
    .all(candidateId) as Array<{ id: string; name: string }>;
}

export function historyOf(store: RowStore, entityType: string, entityId: string, reference: string): HistoryEntry[] {
  const rows = store
    .prepare(
      `SELECT id, status, date, note FROM status_history
       WHERE entity_type = ? AND entity_id = ? AND deleted = 0 ORDER BY date, hlc`,
    )
    .all(entityType, entityId) as Array<{ id: string; status: string; date: string; note: string | null }>;
  return rows.map((r) => ({ ...r, reference }));
}

export function decisionOf(store: RowStore, candidateId: string): Decision | undefined {
  const raw = store
    .prepare(`SELECT * FROM candidate_decisions WHERE candidate_id = ? AND deleted = 0 ORDER BY hlc DESC LIMIT 1`)
    .get(candidateId) as RawRow | undefined;
  return raw ? store.decode<Decision>('candidate_decisions', raw) : undefined;
}

export function groupName(store: RowStore, id: string | null): string | null {
  if (!id) return null;
  return (store.prepare(`SELECT name FROM work_groups WHERE id = ?`).pluck().get(id) as string | undefined) ?? null;
}

// ---------------------------------------------------------------------------------------------------

export function criteriaOfRound(store: RowStore, roundId: string): Criterion[] {
  const rows = store
    .prepare(`SELECT * FROM criteria WHERE round_id = ? AND deleted = 0 ORDER BY position, created_at`)
    .all(roundId) as RawRow[];
  return rows.map((r) => store.decode<Criterion>('criteria', r));
}

export function scoresOfRound(store: RowStore, roundId: string): ScoreRow[] {
  const rows = store
    .prepare(
      `SELECT s.id, s.candidate_id AS candidateId, s.criterion_id AS criterionId, s.assessor_person_id AS assessorId,
         p.name AS assessorName, s.value, s.confidence, s.comment, s.conflict_of_interest AS coi
       FROM scores s JOIN candidates c ON c.id = s.candidate_id JOIN people p ON p.id = s.assessor_person_id
       WHERE c.round_id = ? AND c.deleted = 0 AND s.deleted = 0
       ORDER BY c.number, p.name, s.criterion_id`,
    )
    .all(roundId) as Array<Omit<ScoreRow, 'conflictOfInterest'> & { coi: number }>;
  return rows.map(({ coi, ...r }) => ({ ...r, conflictOfInterest: coi === 1 }));
}

export function findScore(
  store: RowStore,
  candidateId: string,
  criterionId: string,
  assessorId: string,
): { id: string } | undefined {
  return store
    .prepare(`SELECT id FROM scores WHERE candidate_id = ? AND criterion_id = ? AND assessor_person_id = ? AND deleted = 0`)
    .get(candidateId, criterionId, assessorId) as { id: string } | undefined;
}

/** Candidates that take part in aggregation: everything that reached assessment (not merged/withdrawn/out). */
export const ASSESSED_STATUSES = [
  'in_assessment',
  'assessed',
  'shortlisted',
  'not_shortlisted',
  'proposed',
  'approved',
  'rejected',
  'deferred',
  'folded',
] as const;

/** The input of computeRound, read with three flat queries (the hot path of the results screen). */
export function scoringInput(store: RowStore, roundId: string, label: string): ScoringInput {
  const cands = store
    .prepare(
      `SELECT id, number, consensus_score AS consensus FROM candidates
       WHERE round_id = ? AND deleted = 0 AND status IN (${ASSESSED_STATUSES.map((s) => `'${s}'`).join(',')})
       ORDER BY number`,
    )
    .raw()
    .all(roundId) as Array<[string, number, number | null]>;
  const criteria = store
    .prepare(`SELECT id, weight, scale_min, scale_max, axis FROM criteria WHERE round_id = ? AND deleted = 0 ORDER BY position`)
    .raw()
    .all(roundId) as Array<[string, number, number, number, string | null]>;
  const scores = store
    .prepare(
      `SELECT s.candidate_id, s.criterion_id, s.assessor_person_id, s.value, coalesce(s.confidence, 2), s.conflict_of_interest
       FROM scores s JOIN candidates c ON c.id = s.candidate_id
       WHERE c.round_id = ? AND c.deleted = 0 AND s.deleted = 0 AND s.value IS NOT NULL
       ORDER BY s.candidate_id, s.assessor_person_id`,
    )
    .raw()
    .all(roundId) as Array<[string, string, string, number, number, number]>;
  return {
    candidates: cands.map(([id, number]) => ({ id, reference: formatCandidateReference(label, number) })),
    criteria: criteria.map(([id, weight, scaleMin, scaleMax, axis]) => ({
      id,
      weight,
      scaleMin,
      scaleMax,
      axis: axis === 'impact' || axis === 'feasibility' ? axis : null,
    })),
    scores: scores.map(([candidateId, criterionId, assessorId, value, confidence, coi]) => ({
      candidateId,
      criterionId,
      assessorId,
      value,
      confidence,
      conflictOfInterest: coi === 1,
    })),
    consensus: cands.filter((c) => c[2] !== null).map(([candidateId, , score]) => ({ candidateId, score: score as number })),
  };
}

export function candidateTitles(store: RowStore, roundId: string): Record<string, string> {
  const rows = store.prepare(`SELECT id, title FROM candidates WHERE round_id = ? AND deleted = 0`).raw().all(roundId) as Array<
    [string, string]
  >;
  return Object.fromEntries(rows);
}

/** Everything the similarity index needs: every live candidate (all rounds; merged originals live on in their
 * result) and every priority group. */
export function similarityItems(store: RowStore): {
  candidates: Array<{ id: string; title: string; phenomenon: string | null; number: number; label: string; status: string }>;
  groups: Array<{ id: string; name: string; shortName: string | null; description: string | null; status: string }>;
} {
  const candidates = store
    .prepare(
      `SELECT c.id, c.title, c.phenomenon, c.number, r.label, c.status FROM candidates c
       JOIN scanning_rounds r ON r.id = c.round_id WHERE c.deleted = 0 AND r.deleted = 0 AND c.status <> 'merged'`,
    )
    .all() as Array<{ id: string; title: string; phenomenon: string | null; number: number; label: string; status: string }>;
  const groups = store
    .prepare(
      `SELECT id, name, short_name AS shortName, description, status FROM work_groups
       WHERE deleted = 0 AND kind IN ('priority_group', 'subgroup')`,
    )
    .all() as Array<{ id: string; name: string; shortName: string | null; description: string | null; status: string }>;
  return { candidates, groups };
}

/** A cheap fingerprint of what the similarity index is built from; a change rebuilds it. */
export function similarityFingerprint(store: RowStore): string {
  const c = store.prepare(`SELECT count(*) || ':' || coalesce(max(hlc), '') FROM candidates`).pluck().get() as string;
  const g = store.prepare(`SELECT count(*) || ':' || coalesce(max(hlc), '') FROM work_groups`).pluck().get() as string;
  return `${c}|${g}`;
}

/** The expert network that runs the rounds (the oldest live one), or null. */
export function expertNetworkGroupId(store: RowStore): string | null {
  return (
    (store
      .prepare(`SELECT id FROM work_groups WHERE kind = 'expert_network' AND deleted = 0 ORDER BY created_at LIMIT 1`)
      .pluck()
      .get() as string | undefined) ?? null
  );
}

/** Deferred candidates (any round but `exceptRoundId`) not yet carried into another round. */
export function waitingDeferredIds(store: RowStore, exceptRoundId: string): string[] {
  return store
    .prepare(
      `SELECT c.id FROM candidates c WHERE c.status = 'deferred' AND c.deleted = 0 AND c.round_id <> ?
         AND NOT EXISTS (SELECT 1 FROM candidates n WHERE n.carried_from_id = c.id AND n.deleted = 0)`,
    )
    .pluck()
    .all(exceptRoundId) as string[];
}

/** How many of a round's candidates are on the list (shortlisted or proposed). */
export function shortlistedCount(store: RowStore, roundId: string): number {
  return store
    .prepare(`SELECT count(*) FROM candidates WHERE round_id = ? AND deleted = 0 AND status IN ('shortlisted', 'proposed')`)
    .pluck()
    .get(roundId) as number;
}

/** The candidates merged into `id`, by number. */
export function mergedIntoIds(store: RowStore, id: string): string[] {
  return store
    .prepare(`SELECT id FROM candidates WHERE merged_into_id = ? AND deleted = 0 ORDER BY number`)
    .pluck()
    .all(id) as string[];
}

/** One assessor's live score rows for a candidate. */
export function assessorScoreIds(store: RowStore, candidateId: string, assessorId: string): string[] {
  return store
    .prepare(`SELECT id FROM scores WHERE candidate_id = ? AND assessor_person_id = ? AND deleted = 0`)
    .pluck()
    .all(candidateId, assessorId) as string[];
}

/** Candidates folded into a group (by decision date). */
export function foldedInto(store: RowStore, groupId: string): Array<{ id: string; reason: string | null; decidedOn: string }> {
  return store
    .prepare(
      `SELECT d.candidate_id AS id, d.reason, d.decided_on AS decidedOn FROM candidate_decisions d
       WHERE d.target_group_id = ? AND d.outcome = 'folded' AND d.deleted = 0 ORDER BY d.decided_on`,
    )
    .all(groupId) as Array<{ id: string; reason: string | null; decidedOn: string }>;
}

/** The approval that created a group, if one did. */
export function originOf(store: RowStore, groupId: string): { id: string; decidedOn: string } | undefined {
  return store
    .prepare(
      `SELECT d.candidate_id AS id, d.decided_on AS decidedOn FROM candidate_decisions d
       WHERE d.created_group_id = ? AND d.deleted = 0 LIMIT 1`,
    )
    .get(groupId) as { id: string; decidedOn: string } | undefined;
}

/** A round's live candidates by number (id and number only), for renumbering after an import. */
export function candidateNumbers(store: RowStore, roundId: string): Array<{ id: string; number: number }> {
  return store
    .prepare(`SELECT id, number FROM candidates WHERE round_id = ? AND deleted = 0 ORDER BY number, created_at, id`)
    .all(roundId) as Array<{ id: string; number: number }>;
}

/** A proposer's live candidates in a round. */
export function candidatesOfProposer(store: RowStore, roundId: string, personId: string): string[] {
  return store
    .prepare(`SELECT id FROM candidates WHERE round_id = ? AND proposer_person_id = ? AND deleted = 0`)
    .pluck()
    .all(roundId, personId) as string[];
}

/** Every candidate id of a round, archived ones included. */
export function allCandidateIds(store: RowStore, roundId: string): string[] {
  return store.prepare(`SELECT id FROM candidates WHERE round_id = ?`).pluck().all(roundId) as string[];
}

/**
 * Who is expected to score a round: the owning group's live members for the assessment window (a
 * membership that has not ended before the window opens and does not start after it closes). Chairs,
 * conveners and members score; the secretary runs the round and substitutes stand in, so they count only
 * once they have scored (the completion rule adds every scorer).
 */
export function assessorRoster(store: RowStore, groupId: string, opens: string, closes: string): string[] {
  return store
    .prepare(
      `SELECT DISTINCT m.person_id FROM memberships m JOIN people p ON p.id = m.person_id
       WHERE m.group_id = ? AND m.deleted = 0 AND p.deleted = 0 AND m.role IN ('convener', 'chair', 'member')
         AND (m.until_date IS NULL OR m.until_date >= ?) AND (m.from_date IS NULL OR m.from_date <= ?)
       ORDER BY m.person_id`,
    )
    .pluck()
    .all(groupId, opens, closes) as string[];
}

/**
 * Per assessor, how many cells (candidate × criterion) of the given candidates and criteria they have a
 * live row for: what completion counts (completionFromCounts). Live rows are unique per cell and
 * assessor (the index scores_one_per_assessor), so counting rows counts distinct cells; only one row per
 * assessor leaves SQLite instead of every score of the round.
 */
export function scoredCellsByAssessor(
  store: RowStore,
  candidateIds: readonly string[],
  criterionIds: readonly string[],
): Map<string, number> {
  const rows = store
    .prepare(
      `SELECT s.assessor_person_id, count(*) FROM json_each(@candidates) c
       JOIN scores s ON s.candidate_id = c.value AND s.deleted = 0
       WHERE s.criterion_id IN (SELECT value FROM json_each(@criteria))
       GROUP BY s.assessor_person_id`,
    )
    .raw()
    .all({ candidates: JSON.stringify(candidateIds), criteria: JSON.stringify(criterionIds) }) as Array<[string, number]>;
  return new Map(rows);
}
