import type { HandlersFor } from '../../../shared/contract/core';
import type { scanningContract } from '../../../shared/contract/scanning';
import type { Group } from '../../../shared/domain/groups';
import type {
  Candidate,
  CandidateDetail,
  Criterion,
  Decision,
  RoundDetail,
  RoundStatistics,
  ScoresView,
  SimilarHit,
} from '../../../shared/domain/scanning';
import {
  adHocTimeline,
  nextAdHocLabel,
  proposeNextRound,
  validateTimeline,
  checkCap,
  parseRoundLabel,
} from '../../../shared/scanning/rounds';
import {
  assertCandidateTransitionInRound,
  assertRoundAllows,
  assertTransition,
  criteriaLocked,
  isAssessmentClosed,
  nextStatuses,
  ROUND_STATUSES,
  type CandidateAction,
  type CandidateStatus,
  type RoundStatus,
} from '../../../shared/scanning/status';
import { computeRound, validateCriteria } from '../../../shared/scanning/scoring';
import { completionFromCounts, scoreVisibility } from '../../../shared/scanning/blind';
import { buildSimilarityIndex, query, type SimilarityIndex } from '../../../shared/scanning/similarity';
import type { Ctx } from '../context';
import { userError } from '../errors';
import { translator } from '../i18n';
import { readSettings } from '../repositories/settings';
import { configuredTimeZone, today } from '../clock';
import { maxPriorityNumber } from '../repositories/groups';
import { createGroup, setGroupOrganisation } from './groups';
import { recordStatus } from './status-history';
import {
  ASSESSED_STATUSES,
  assessorRoster,
  assessorScoreIds,
  candidateSummary,
  candidatesOfRound,
  criteriaOfRound,
  decisionOf,
  encodeTags,
  expertNetworkGroupId,
  foldedInto,
  findScore,
  getRound,
  groupName,
  historyOf,
  listRounds,
  maxCandidateNumber,
  mergedIntoIds,
  originOf,
  participantRows,
  participantsOf,
  relatedGroupRows,
  relatedGroupsOf,
  roundLabels,
  scoredCellsByAssessor,
  scoresOfRound,
  scoringInput,
  shortlistedCount,
  similarityFingerprint,
  similarityItems,
  timelineColumns,
  waitingDeferredIds,
} from '../repositories/scanning';
import { candidateListDocument } from './scanning-document';
import { roundResults } from './scanning-results';
import { DEFAULT_CRITERIA, criteriaInLanguage } from './scanning-criteria';
import { scanningFileHandlers } from './scanning-files';
import type { Round } from '../../../shared/domain/scanning';

function fail(
  result: { ok: true } | { ok: false; key: string; params: Record<string, string | number> },
  code: 'conflict' | 'validation' = 'conflict',
) {
  if (!result.ok) throw userError(code, result.key, result.params);
}

function recordHistory(
  ctx: Ctx,
  entityType: 'round' | 'candidate',
  entityId: string,
  status: string,
  note: string | null = null,
  detail: unknown = null,
) {
  recordStatus(ctx, { entityType, entityId, status, date: today(ctx), note, detail });
}

function requireRound(ctx: Ctx, id: string): Round {
  const round = getRound(ctx.store, id);
  if (!round || round.deleted) throw userError('not_found', 'errors.notFound', { entity: 'round' });
  return round;
}

function requireCandidate(ctx: Ctx, id: string): Candidate {
  const c = candidateSummary(ctx.store, id);
  if (!c || c.deleted) throw userError('not_found', 'errors.notFound', { entity: 'candidate' });
  return c;
}

function requireAllowed(round: Round, action: CandidateAction) {
  fail(assertRoundAllows(round.status, action));
}

/** Move a candidate along its machine (no round-window check: used for moves the round itself causes). */
function moveCandidate(
  ctx: Ctx,
  candidate: Candidate,
  to: CandidateStatus,
  note: string | null = null,
  extra: Record<string, unknown> = {},
) {
  fail(assertTransition('candidate', candidate.status, to));
  ctx.store.update('candidates', candidate.id, { status: to, ...extra });
  recordHistory(ctx, 'candidate', candidate.id, to, note);
}

function moveAll(ctx: Ctx, roundId: string, from: CandidateStatus[], to: CandidateStatus) {
  for (const c of candidatesOfRound(ctx.store, roundId)) if (from.includes(c.status)) moveCandidate(ctx, c, to);
}

function requireRows(ctx: Ctx, table: string, ids: Array<string | null | undefined>, entity: string) {
  for (const id of ids) if (id) ctx.store.require(table, id, entity);
}

function expertNetworkId(ctx: Ctx): string | null {
  return expertNetworkGroupId(ctx.store);
}

/** The semiannual round deferred candidates of `round` go to: the earliest later one still taking candidates. */
function nextRoundFor(ctx: Ctx, round: Round): { id: string; label: string } | null {
  const labels = roundLabels(ctx.store);
  const from = round.timeline.callOpens || round.createdAt;
  const next = labels.find(
    (r) =>
      r.id !== round.id &&
      r.lane === 'semiannual' &&
      ['planned', 'open', 'screening'].includes(r.status) &&
      (r.callOpens ?? r.createdAt) >= from,
  );
  return next ? { id: next.id, label: next.label } : null;
}

/**
 * Carry a deferred candidate into `target`: a new candidate with the same fields, linked back, one more
 * deferral. Scores stay with the original (criteria belong to their round); the new candidate's page shows
 * the earlier result and the whole history through the link.
 */
function carryInto(ctx: Ctx, deferred: Candidate, target: { id: string; label: string }): Candidate {
  const number = maxCandidateNumber(ctx.store, target.id) + 1;
  const raw = ctx.store.getRaw('candidates', deferred.id)!;
  const values: Record<string, unknown> = {};
  for (const key of [
    'title',
    'phenomenon',
    'rationale',
    'timeHorizon',
    'proposerPersonId',
    'proposerOrganisationId',
    'leadOrganisationId',
    'leadStatus',
    'existingGroupHandling',
    'existingGroupReason',
    'confidentiality',
  ] as const)
    values[key] = (deferred as unknown as Record<string, unknown>)[key] ?? null;
  const created = ctx.store.insert<Record<string, unknown>>('candidates', {
    ...values,
    roundId: target.id,
    number,
    evidence: deferred.evidence,
    tags: JSON.parse(raw.tags as string) as unknown,
    // Joins the intake where the next round is: screening already running takes it straight in.
    status: getRound(ctx.store, target.id)?.status === 'screening' ? 'screening' : 'submitted',
    carriedFromId: deferred.id,
    deferralCount: deferred.deferralCount + 1,
  });
  const id = created.id as string;
  for (const p of participantRows(ctx.store, deferred.id))
    if (!p.deleted)
      ctx.store.insert('candidate_organisations', { candidateId: id, organisationId: p.organisationId, status: p.status });
  for (const g of relatedGroupRows(ctx.store, deferred.id))
    if (!g.deleted) ctx.store.insert('candidate_groups', { candidateId: id, groupId: g.groupId });
  const carried = requireCandidate(ctx, id);
  recordHistory(ctx, 'candidate', id, carried.status, deferred.reference, { carriedFrom: deferred.id });
  return carried;
}

/** Deferred candidates (any round) that have not yet been carried anywhere. */
function waitingDeferred(ctx: Ctx, exceptRoundId: string): Candidate[] {
  return waitingDeferredIds(ctx.store, exceptRoundId).map((id) => requireCandidate(ctx, id));
}

function setCandidateLinks(
  ctx: Ctx,
  candidateId: string,
  participants: Array<{ organisationId: string; status: string }> | undefined,
  relatedGroupIds: string[] | undefined,
) {
  if (participants) {
    requireRows(
      ctx,
      'organisations',
      participants.map((p) => p.organisationId),
      'organisation',
    );
    const wanted = new Map(participants.map((p) => [p.organisationId, p.status]));
    const existing = participantRows(ctx.store, candidateId);
    for (const row of existing) {
      const status = wanted.get(row.organisationId);
      if (status === undefined) {
        if (!row.deleted) ctx.store.archive('candidate_organisations', row.id);
      } else {
        ctx.store.update('candidate_organisations', row.id, { status, deleted: false });
        wanted.delete(row.organisationId);
      }
    }
    for (const [organisationId, status] of wanted)
      ctx.store.insert('candidate_organisations', { candidateId, organisationId, status });
  }
  if (relatedGroupIds) {
    requireRows(ctx, 'work_groups', relatedGroupIds, 'group');
    const wanted = new Set(relatedGroupIds);
    for (const row of relatedGroupRows(ctx.store, candidateId)) {
      if (!wanted.has(row.groupId)) {
        if (!row.deleted) ctx.store.archive('candidate_groups', row.id);
      } else {
        if (row.deleted) ctx.store.restore('candidate_groups', row.id);
        wanted.delete(row.groupId);
      }
    }
    for (const groupId of wanted) ctx.store.insert('candidate_groups', { candidateId, groupId });
  }
}

// Similarity index, rebuilt only when candidates or groups changed (fingerprint = count + newest clock).
const similarityCache = new WeakMap<
  object,
  { fingerprint: string; index: SimilarityIndex; meta: Map<string, Omit<SimilarHit, 'score' | 'matchedTerms'>> }
>();

function similarityIndexFor(ctx: Ctx) {
  const fingerprint = similarityFingerprint(ctx.store);
  const cached = similarityCache.get(ctx.db);
  if (cached && cached.fingerprint === fingerprint) return cached;
  const { candidates, groups } = similarityItems(ctx.store);
  const meta = new Map<string, Omit<SimilarHit, 'score' | 'matchedTerms'>>();
  const items = [
    ...candidates.map((c) => {
      const reference = `${c.label.replace(/\s+/g, '').toUpperCase()}-${String(c.number).padStart(2, '0')}`;
      meta.set(c.id, { id: c.id, kind: 'candidate', title: c.title, reference, roundLabel: c.label, status: c.status });
      return { id: c.id, kind: 'candidate' as const, title: c.title, description: c.phenomenon };
    }),
    ...groups.map((g) => {
      meta.set(g.id, { id: g.id, kind: 'group', title: g.name, reference: g.shortName, roundLabel: null, status: g.status });
      return { id: g.id, kind: 'group' as const, title: g.name, description: g.description };
    }),
  ];
  const entry = { fingerprint, index: buildSimilarityIndex(items), meta };
  similarityCache.set(ctx.db, entry);
  return entry;
}

function scoresView(ctx: Ctx, round: Round, viewerId: string | null, viewerRole: 'assessor' | 'owner' | 'viewer'): ScoresView {
  const rows = scoresOfRound(ctx.store, round.id);
  const v = scoreVisibility({ viewerId: viewerId ?? '', viewerRole, roundStatus: round.status, scores: rows });
  const names = new Map(rows.map((r) => [r.assessorId, r.assessorName]));
  return {
    scores: v.scores,
    aggregatesVisible: v.aggregatesVisible,
    progress: v.progress ? v.progress.map((p) => ({ ...p, assessorName: names.get(p.assessorId) ?? '' })) : null,
    reasonKey: v.reasonKey,
  };
}

/**
 * "2 of 3 have scored": from assessment on, the network's members for the window plus anyone who has
 * scored, against every criterion of every candidate that reached assessment. Counts only (blind.ts).
 */
function completionOf(ctx: Ctx, round: Round, criteria: readonly Criterion[], candidates: readonly Candidate[]) {
  if (ROUND_STATUSES.indexOf(round.status) < ROUND_STATUSES.indexOf('assessment')) return null;
  const assessed: readonly string[] = ASSESSED_STATUSES;
  const candidateIds = [...new Set(candidates.filter((c) => assessed.includes(c.status)).map((c) => c.id))];
  const criterionIds = [...new Set(criteria.map((c) => c.id))];
  return completionFromCounts({
    assessorIds: assessorRoster(ctx.store, round.groupId, round.timeline.assessmentOpens, round.timeline.assessmentCloses),
    cellsPerAssessor: candidateIds.length * criterionIds.length,
    cellsByAssessor: scoredCellsByAssessor(ctx.store, candidateIds, criterionIds),
  });
}

export const scanningHandlers: HandlersFor<typeof scanningContract, Ctx> = {
  ...scanningFileHandlers,
  'scanning.listRounds': ({ includeArchived }, ctx) => listRounds(ctx.store, includeArchived ?? false),

  'scanning.proposeRound': ({ lane, startDate }, ctx) => {
    const labels = roundLabels(ctx.store);
    const groupId = expertNetworkId(ctx);
    if (lane === 'adhoc') {
      const start = startDate ?? today(ctx);
      return {
        label: nextAdHocLabel(
          labels.map((l) => l.label),
          Number(start.slice(0, 4)),
        ),
        timeline: adHocTimeline(start),
        groupId,
      };
    }
    const lastSemiannual = [...labels]
      .filter((l) => parseRoundLabel(l.label)?.kind === 'semiannual')
      .map((l) => parseRoundLabel(l.label)!)
      .sort((a, b) => a.year - b.year || a.seq - b.seq)
      .at(-1);
    const proposal = proposeNextRound(
      lastSemiannual ? `${lastSemiannual.year} H${lastSemiannual.seq}` : null,
      startDate ?? today(ctx),
    );
    return { ...proposal, groupId };
  },

  'scanning.createRound': (input, ctx) =>
    ctx.tx(() => {
      const group = ctx.store.require<Group>('work_groups', input.groupId, 'group');
      if (group.kind !== 'expert_network' || group.deleted) throw userError('validation', 'scanning.errors.ownerNotNetwork');
      const parsed = parseRoundLabel(input.label);
      if (!parsed || (parsed.kind === 'adhoc') !== (input.lane === 'adhoc'))
        throw userError('validation', 'scanning.errors.labelLane');
      const label = `${parsed.year} ${parsed.kind === 'semiannual' ? 'H' : 'A'}${parsed.seq}`;
      const issue = validateTimeline(input.timeline)[0];
      if (issue) throw userError('validation', issue.key, { field: issue.params.field, previous: issue.params.previous ?? '' });
      if (roundLabels(ctx.store).some((r) => r.label === label))
        throw userError('conflict', 'scanning.errors.labelTaken', { label });
      const raw = ctx.store.insert<{ id: string }>('scanning_rounds', {
        groupId: group.id,
        label,
        lane: input.lane,
        status: 'planned',
        proposalCap: input.proposalCap,
        ...timelineColumns(input.timeline),
      });
      const t = translator(readSettings(ctx).language);
      DEFAULT_CRITERIA.forEach((c, position) =>
        ctx.store.insert('criteria', {
          roundId: raw.id,
          name: t(`scanning.defaultCriteria.${c.key}`),
          weight: c.weight,
          scaleMin: 1,
          scaleMax: 5,
          axis: c.axis,
          position,
        }),
      );
      recordHistory(ctx, 'round', raw.id, 'planned');
      const round = requireRound(ctx, raw.id);
      if (round.lane === 'semiannual') for (const d of waitingDeferred(ctx, round.id)) carryInto(ctx, d, round);
      return round;
    }),

  'scanning.updateRound': ({ id, patch }, ctx) =>
    ctx.tx(() => {
      const round = requireRound(ctx, id);
      if (round.status === 'closed') throw userError('conflict', 'scanning.errors.roundClosed');
      const values: Record<string, unknown> = {};
      if (patch.label !== undefined) {
        const parsed = parseRoundLabel(patch.label);
        if (!parsed || (parsed.kind === 'adhoc') !== (round.lane === 'adhoc'))
          throw userError('validation', 'scanning.errors.labelLane');
        const label = `${parsed.year} ${parsed.kind === 'semiannual' ? 'H' : 'A'}${parsed.seq}`;
        if (roundLabels(ctx.store).some((r) => r.label === label && r.id !== id))
          throw userError('conflict', 'scanning.errors.labelTaken', { label });
        values.label = label;
      }
      if (patch.timeline) {
        const issue = validateTimeline(patch.timeline)[0];
        if (issue) throw userError('validation', issue.key, { field: issue.params.field, previous: issue.params.previous ?? '' });
        Object.assign(values, timelineColumns(patch.timeline));
      }
      if (patch.proposalCap !== undefined) {
        if (patch.proposalCap !== null) fail(checkCap(patch.proposalCap, shortlistedCount(ctx.store, id), 0));
        values.proposalCap = patch.proposalCap;
      }
      ctx.store.update('scanning_rounds', id, values);
      return requireRound(ctx, id);
    }),

  'scanning.getRound': ({ id }, ctx): RoundDetail => {
    const round = requireRound(ctx, id);
    const criteria = criteriaInLanguage(criteriaOfRound(ctx.store, id), readSettings(ctx).language);
    const candidates = candidatesOfRound(ctx.store, id);
    return {
      ...round,
      groupName: groupName(ctx.store, round.groupId) ?? '',
      criteria,
      candidates,
      history: historyOf(ctx.store, 'round', id, round.label),
      nextStatuses: [...nextStatuses('round', round.status)],
      nextRound: nextRoundFor(ctx, round),
      completion: completionOf(ctx, round, criteria, candidates),
    };
  },

  'scanning.setRoundStatus': ({ id, status, note }, ctx) =>
    ctx.tx(() => {
      const round = requireRound(ctx, id);
      fail(assertTransition('round', round.status, status));
      const from: RoundStatus = round.status;
      const patch: Record<string, unknown> = { status };
      if (status === 'screening' && from === 'open') moveAll(ctx, id, ['submitted'], 'screening');
      if (status === 'assessment' && from === 'screening') {
        const criteria = criteriaOfRound(ctx.store, id);
        const issue = validateCriteria(criteria)[0];
        if (issue) throw userError('conflict', issue.key, issue.params);
        patch.criteriaLocked = true;
        moveAll(ctx, id, ['screening'], 'in_assessment');
      }
      if (status === 'consolidation' && from === 'assessment') moveAll(ctx, id, ['in_assessment'], 'assessed');
      if (status === 'assessment' && from === 'consolidation') {
        moveAll(ctx, id, ['shortlisted', 'not_shortlisted'], 'assessed');
        moveAll(ctx, id, ['assessed'], 'in_assessment');
      }
      if (status === 'list_submitted') {
        const count = shortlistedCount(ctx.store, id);
        if (count === 0) throw userError('conflict', 'scanning.errors.nothingShortlisted');
        fail(checkCap(round.proposalCap, count, 0));
        moveAll(ctx, id, ['shortlisted'], 'proposed');
      }
      if (status === 'consolidation' && from === 'list_submitted') moveAll(ctx, id, ['proposed'], 'shortlisted');
      if (status === 'decided') {
        const open = candidatesOfRound(ctx.store, id).filter((c) => c.status === 'proposed').length;
        if (open > 0) throw userError('conflict', 'scanning.errors.undecided', { count: open });
      }
      ctx.store.update('scanning_rounds', id, patch);
      recordHistory(ctx, 'round', id, status, note);
      return requireRound(ctx, id);
    }),

  'scanning.addCriterion': (input, ctx) =>
    ctx.tx(() => {
      const round = requireRound(ctx, input.roundId);
      if (round.criteriaLocked || criteriaLocked(round.status)) throw userError('conflict', 'scanning.errors.criteriaLocked');
      const position = criteriaOfRound(ctx.store, round.id).length;
      return ctx.store.insert<Criterion>('criteria', { ...input, scaleMin: 1, scaleMax: 5, position });
    }),

  'scanning.updateCriterion': ({ id, patch }, ctx) =>
    ctx.tx(() => {
      const criterion = ctx.store.require<Criterion>('criteria', id, 'criterion');
      const round = requireRound(ctx, criterion.roundId);
      if (round.criteriaLocked || criteriaLocked(round.status)) throw userError('conflict', 'scanning.errors.criteriaLocked');
      return ctx.store.update<Criterion>('criteria', id, patch);
    }),

  'scanning.removeCriterion': ({ id }, ctx) =>
    ctx.tx(() => {
      const criterion = ctx.store.require<Criterion>('criteria', id, 'criterion');
      const round = requireRound(ctx, criterion.roundId);
      if (round.criteriaLocked || criteriaLocked(round.status)) throw userError('conflict', 'scanning.errors.criteriaLocked');
      return ctx.store.archive<Criterion>('criteria', id);
    }),

  'scanning.createCandidate': (input, ctx) =>
    ctx.tx(() => {
      const round = requireRound(ctx, input.roundId);
      requireAllowed(round, 'create');
      requireRows(ctx, 'people', [input.proposerPersonId], 'person');
      requireRows(ctx, 'organisations', [input.proposerOrganisationId, input.leadOrganisationId], 'organisation');
      const { participants, relatedGroupIds, steep, tags, roundId, submit, ...fields } = input;
      const created = ctx.store.insert<{ id: string }>('candidates', {
        ...fields,
        leadStatus: input.leadOrganisationId ? (input.leadStatus ?? 'asked') : null,
        roundId,
        number: maxCandidateNumber(ctx.store, roundId) + 1,
        tags: encodeTags(steep, tags),
        status: 'draft',
      });
      setCandidateLinks(ctx, created.id, participants, relatedGroupIds);
      recordHistory(ctx, 'candidate', created.id, 'draft');
      if (submit) moveCandidate(ctx, requireCandidate(ctx, created.id), 'submitted');
      return requireCandidate(ctx, created.id);
    }),

  'scanning.updateCandidate': ({ id, patch }, ctx) =>
    ctx.tx(() => {
      const candidate = requireCandidate(ctx, id);
      const round = requireRound(ctx, candidate.roundId);
      requireAllowed(round, 'edit');
      if (!['draft', 'submitted', 'screening'].includes(candidate.status))
        throw userError('conflict', 'scanning.errors.notEditable', { status: candidate.status });
      requireRows(ctx, 'people', [patch.proposerPersonId], 'person');
      requireRows(ctx, 'organisations', [patch.proposerOrganisationId, patch.leadOrganisationId], 'organisation');
      const { participants, relatedGroupIds, steep, tags, ...fields } = patch;
      const values: Record<string, unknown> = { ...fields };
      if (steep !== undefined || tags !== undefined) values.tags = encodeTags(steep ?? candidate.steep, tags ?? candidate.tags);
      ctx.store.update('candidates', id, values);
      setCandidateLinks(ctx, id, participants, relatedGroupIds);
      return requireCandidate(ctx, id);
    }),

  'scanning.getCandidate': ({ id }, ctx): CandidateDetail => {
    const c = candidateSummary(ctx.store, id);
    if (!c || c.deleted) throw userError('not_found', 'errors.notFound', { entity: 'candidate' });
    const round = requireRound(ctx, c.roundId);
    const decision = decisionOf(ctx.store, id);
    // History of the whole carry-over chain, oldest round first.
    const chain: Candidate[] = [];
    let prev = c.carriedFromId ? candidateSummary(ctx.store, c.carriedFromId) : undefined;
    while (prev && chain.length < 50) {
      chain.unshift(prev);
      prev = prev.carriedFromId ? candidateSummary(ctx.store, prev.carriedFromId) : undefined;
    }
    const history = [...chain, c].flatMap((x) => historyOf(ctx.store, 'candidate', x.id, x.reference));
    let carriedFrom: CandidateDetail['carriedFrom'] = null;
    const origin = chain.at(-1);
    if (origin) {
      const originRound = requireRound(ctx, origin.roundId);
      const originDecision = decisionOf(ctx.store, origin.id);
      let weightedScore: number | null = null;
      let rank: number | null = null;
      if (isAssessmentClosed(originRound.status)) {
        const result = computeRound(scoringInput(ctx.store, originRound.id, originRound.label));
        const agg = result.aggregates.find((a) => a.candidateId === origin.id);
        weightedScore = agg?.weightedScore ?? null;
        rank = agg?.rank ?? null;
      }
      carriedFrom = {
        id: origin.id,
        reference: origin.reference,
        roundLabel: originRound.label,
        conditions: originDecision?.conditions ?? null,
        reason: originDecision?.reason ?? null,
        weightedScore,
        consensusScore: origin.consensusScore,
        rank,
      };
    }
    const mergedFrom = mergedIntoIds(ctx.store, id).map((mid) => {
      const m = requireCandidate(ctx, mid);
      return { id: m.id, reference: m.reference, title: m.title };
    });
    const into = c.mergedIntoId ? candidateSummary(ctx.store, c.mergedIntoId) : undefined;
    return {
      ...c,
      roundLabel: round.label,
      roundStatus: round.status,
      participants: participantsOf(ctx.store, id),
      relatedGroups: relatedGroupsOf(ctx.store, id),
      decision: decision
        ? {
            ...decision,
            targetGroupName: groupName(ctx.store, decision.targetGroupId),
            createdGroupName: groupName(ctx.store, decision.createdGroupId),
          }
        : null,
      history,
      mergedFrom,
      mergedInto: into ? { id: into.id, reference: into.reference } : null,
      carriedFrom,
    };
  },

  'scanning.setCandidateStatus': ({ id, status, note }, ctx) =>
    ctx.tx(() => {
      const candidate = requireCandidate(ctx, id);
      const round = requireRound(ctx, candidate.roundId);
      if (status === 'merged' || ['approved', 'rejected', 'deferred', 'folded'].includes(status))
        throw userError('validation', 'scanning.errors.useDedicated', { status });
      fail(assertCandidateTransitionInRound(round.status, candidate.status, status));
      if (status === 'shortlisted' && candidate.status === 'assessed')
        fail(checkCap(round.proposalCap, shortlistedCount(ctx.store, round.id), 1));
      moveCandidate(ctx, candidate, status, note);
      return requireCandidate(ctx, id);
    }),

  'scanning.similar': ({ title, description, excludeId, limit }, ctx) => {
    if (!title.trim() && !description?.trim()) return [];
    const { index, meta } = similarityIndexFor(ctx);
    const hits = query(index, { title: title || (description ?? ''), description: description ?? null }, limit, {
      excludeIds: excludeId ? [excludeId] : [],
    });
    return hits.flatMap((h) => {
      const m = meta.get(h.id);
      return m ? [{ ...m, score: h.score, matchedTerms: h.matchedTerms }] : [];
    });
  },

  'scanning.merge': ({ candidateIds, title }, ctx) =>
    ctx.tx(() => {
      const ids = [...new Set(candidateIds)];
      if (ids.length < 2) throw userError('validation', 'scanning.errors.mergeNeedsTwo');
      const originals = ids.map((cid) => requireCandidate(ctx, cid));
      const roundId = originals[0]!.roundId;
      if (originals.some((o) => o.roundId !== roundId)) throw userError('validation', 'scanning.errors.mergeSameRound');
      const round = requireRound(ctx, roundId);
      requireAllowed(round, 'merge');
      for (const o of originals) fail(assertTransition('candidate', o.status, 'merged'));
      const first = originals[0]!;
      const join = (xs: Array<string | null>) => {
        const parts = xs.filter((x): x is string => !!x);
        return parts.length ? [...new Set(parts)].join('\n\n') : null;
      };
      const evidence = originals
        .flatMap((o) => o.evidence)
        .filter((e, i, all) => all.findIndex((x) => x.source === e.source && x.date === e.date) === i);
      const lead = originals.find((o) => o.leadOrganisationId);
      const created = ctx.store.insert<{ id: string }>('candidates', {
        roundId,
        number: maxCandidateNumber(ctx.store, roundId) + 1,
        title: title ?? first.title,
        phenomenon: join(originals.map((o) => o.phenomenon)),
        rationale: join(originals.map((o) => o.rationale)),
        evidence,
        tags: encodeTags(
          originals.flatMap((o) => o.steep),
          originals.flatMap((o) => o.tags),
        ),
        timeHorizon: first.timeHorizon,
        proposerPersonId: first.proposerPersonId,
        proposerOrganisationId: first.proposerOrganisationId,
        leadOrganisationId: lead?.leadOrganisationId ?? null,
        leadStatus: lead?.leadStatus ?? null,
        existingGroupHandling: first.existingGroupHandling,
        existingGroupReason: join(originals.map((o) => o.existingGroupReason)),
        // The strictest confidentiality of the originals.
        confidentiality: originals.some((o) => o.confidentiality === 'confidential')
          ? 'confidential'
          : originals.some((o) => o.confidentiality === 'internal')
            ? 'internal'
            : 'public',
        status: originals.some((o) => o.status === 'screening') ? 'screening' : 'submitted',
      });
      const rank: Record<string, number> = { confirmed: 3, asked: 2, declined: 1 };
      const participants = new Map<string, string>();
      for (const o of originals)
        for (const p of participantsOf(ctx.store, o.id))
          if ((rank[p.status] ?? 0) > (rank[participants.get(p.organisationId) ?? ''] ?? 0))
            participants.set(p.organisationId, p.status);
      const groups = new Set(originals.flatMap((o) => relatedGroupsOf(ctx.store, o.id).map((g) => g.id)));
      setCandidateLinks(
        ctx,
        created.id,
        [...participants].map(([organisationId, status]) => ({ organisationId, status })),
        [...groups],
      );
      const result = requireCandidate(ctx, created.id);
      recordHistory(ctx, 'candidate', created.id, result.status, originals.map((o) => o.reference).join(', '), {
        mergedFrom: ids,
      });
      for (const o of originals) moveCandidate(ctx, o, 'merged', result.reference, { mergedIntoId: created.id });
      return result;
    }),

  'scanning.saveScores': ({ candidateId, assessorId, conflictOfInterest, entries }, ctx) =>
    ctx.tx(() => {
      const candidate = requireCandidate(ctx, candidateId);
      const round = requireRound(ctx, candidate.roundId);
      requireAllowed(round, 'score');
      if (candidate.status !== 'in_assessment') throw userError('conflict', 'scanning.errors.notInAssessment');
      ctx.store.require('people', assessorId, 'person');
      const criteria = new Map(criteriaOfRound(ctx.store, round.id).map((c) => [c.id, c]));
      if (entries.length === 0 && !conflictOfInterest) throw userError('validation', 'scanning.errors.noScores');
      for (const e of entries)
        if (!criteria.has(e.criterionId))
          throw userError('validation', 'scanning.score.unknownCriterion', { criterionId: e.criterionId });
      // A declaration without scores keeps earlier scores (they are excluded, not erased) and records the
      // declaration on empty rows for the criteria not yet scored.
      const rows = entries.length
        ? entries
        : [...criteria.keys()]
            .filter((criterionId) => !findScore(ctx.store, candidateId, criterionId, assessorId))
            .map((criterionId) => ({ criterionId, value: null, confidence: null, comment: null }));
      for (const e of rows) {
        const existing = findScore(ctx.store, candidateId, e.criterionId, assessorId);
        const values = { value: e.value, confidence: e.confidence, comment: e.comment, conflictOfInterest };
        if (existing) ctx.store.update('scores', existing.id, values);
        else ctx.store.insert('scores', { candidateId, criterionId: e.criterionId, assessorPersonId: assessorId, ...values });
      }
      // A conflict taints the assessor's view of the whole candidate: every row of theirs carries the flag.
      const others = assessorScoreIds(ctx.store, candidateId, assessorId);
      for (const sid of others) ctx.store.update('scores', sid, { conflictOfInterest });
      return scoresView(ctx, round, assessorId, 'assessor');
    }),

  'scanning.scores': ({ roundId, viewerId, viewerRole }, ctx) => {
    const round = requireRound(ctx, roundId);
    if (viewerId) ctx.store.require('people', viewerId, 'person');
    return scoresView(ctx, round, viewerId, viewerRole);
  },

  'scanning.results': ({ roundId, weights, sensitivityPct }, ctx) =>
    roundResults(ctx, requireRound(ctx, roundId), weights, sensitivityPct),

  'scanning.setConsensus': ({ candidateId, score, rationale }, ctx) =>
    ctx.tx(() => {
      const candidate = requireCandidate(ctx, candidateId);
      const round = requireRound(ctx, candidate.roundId);
      requireAllowed(round, 'consensus');
      if (!['assessed', 'shortlisted', 'not_shortlisted'].includes(candidate.status))
        throw userError('conflict', 'scanning.errors.notAssessed');
      if (score !== null && !rationale) throw userError('validation', 'scanning.errors.rationaleRequired');
      ctx.store.update('candidates', candidateId, { consensusScore: score, consensusRationale: rationale });
      return requireCandidate(ctx, candidateId);
    }),

  'scanning.decide': (input, ctx) =>
    ctx.tx(() => {
      const candidate = requireCandidate(ctx, input.candidateId) as Candidate & { reference: string };
      const round = requireRound(ctx, candidate.roundId);
      fail(assertCandidateTransitionInRound(round.status, candidate.status, input.outcome));
      const decidedOn = input.decidedOn ?? today(ctx);
      let createdGroupId: string | null = null;
      let targetGroupId: string | null = null;
      if (input.outcome === 'folded') {
        const target = ctx.store.require<Group>('work_groups', input.targetGroupId!, 'group');
        if (target.deleted || !['priority_group', 'subgroup'].includes(target.kind))
          throw userError('validation', 'scanning.errors.foldTarget');
        targetGroupId = target.id;
      }
      if (input.outcome === 'approved') {
        const group = createGroup(
          ctx,
          {
            kind: 'priority_group',
            name: input.groupName ?? candidate.title,
            description: candidate.phenomenon,
            parentId: null,
            status: 'preparing',
            statusDate: decidedOn,
            priorityNumber: maxPriorityNumber(ctx.store) + 1,
            timeZone: configuredTimeZone(ctx),
          },
          { date: decidedOn, note: candidate.reference, detail: { candidateId: candidate.id } },
        );
        if (candidate.leadOrganisationId)
          setGroupOrganisation(ctx, { groupId: group.id, organisationId: candidate.leadOrganisationId, role: 'lead' });
        for (const p of participantsOf(ctx.store, candidate.id))
          if (p.status !== 'declined' && p.organisationId !== candidate.leadOrganisationId)
            setGroupOrganisation(ctx, { groupId: group.id, organisationId: p.organisationId, role: 'participant' });
        createdGroupId = group.id;
      }
      const decision = ctx.store.insert<Decision>('candidate_decisions', {
        candidateId: candidate.id,
        outcome: input.outcome,
        reason: input.reason,
        conditions: input.conditions,
        targetGroupId,
        createdGroupId,
        decidedOn,
      });
      moveCandidate(ctx, candidate, input.outcome, input.reason ?? input.conditions);
      if (input.outcome === 'deferred') {
        const next = nextRoundFor(ctx, round);
        if (next) carryInto(ctx, requireCandidate(ctx, candidate.id), next);
      }
      return decision;
    }),

  'scanning.candidateList': async ({ roundId, format, lang }, ctx) => {
    const round = requireRound(ctx, roundId);
    return candidateListDocument(ctx, round, format, lang);
  },

  'scanning.statistics': (_input, ctx): RoundStatistics[] =>
    listRounds(ctx.store, false)
      .map((r) => ({
        roundId: r.id,
        label: r.label,
        lane: r.lane,
        status: r.status,
        callOpens: r.timeline.callOpens || null,
        counts: r.counts,
      }))
      .reverse(),

  'scanning.groupLinks': ({ groupId }, ctx) => {
    ctx.store.require('work_groups', groupId, 'group');
    const folded = foldedInto(ctx.store, groupId).flatMap((d) => {
      const c = candidateSummary(ctx.store, d.id);
      return c && !c.deleted
        ? [{ id: c.id, reference: c.reference, title: c.title, reason: d.reason, decidedOn: d.decidedOn }]
        : [];
    });
    const originRow = originOf(ctx.store, groupId);
    const c = originRow ? candidateSummary(ctx.store, originRow.id) : undefined;
    const r = c ? getRound(ctx.store, c.roundId) : undefined;
    return {
      folded,
      origin:
        c && r
          ? { id: c.id, reference: c.reference, title: c.title, roundLabel: r.label, decidedOn: originRow!.decidedOn }
          : null,
    };
  },
};
