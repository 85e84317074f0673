import { z } from 'zod';
import { method, type ContractShape } from './core';
import { byId, id, isoDate, language, omitFields, optionalText, patchOf, requiredText, LIMITS } from './schemas';
import { CANDIDATE_STATUSES, ROUND_STATUSES } from '../scanning/status';
import {
  CONFIDENTIALITY,
  DECISION_OUTCOMES,
  EXISTING_HANDLING,
  ORG_RESPONSES,
  ROUND_LANES,
  STEEP,
  TIME_HORIZONS,
  VIEWER_ROLES,
  type Candidate,
  type CandidateDetail,
  type Criterion,
  type Decision,
  type GeneratedFile,
  type GroupScanningLinks,
  type Round,
  type RoundDetail,
  type RoundResults,
  type RoundStatistics,
  type RoundSummary,
  type RoundTimeline,
  type ScoresView,
  type SimilarHit,
} from '../domain/scanning';
import type { ImportPreview, ImportResult } from '../domain/exchange';

const choice = <T extends readonly [string, ...string[]]>(values: T) => z.enum(values, { error: 'validation.choice' });
const nullable = <S extends z.ZodType>(s: S) => s.nullish().transform((v) => v ?? null);
const longOptional = z
  .string()
  .trim()
  .max(LIMITS.longText, { error: 'validation.too_long' })
  .nullish()
  .transform((s) => (s ? s : null));

export const timelineInput = z
  .object({
    callOpens: isoDate,
    submissionDeadline: isoDate,
    screeningEnds: isoDate,
    assessmentOpens: isoDate,
    assessmentCloses: isoDate,
    networkMeeting: isoDate,
    listFreeze: isoDate,
    decisionMeeting: isoDate,
  })
  .strict() satisfies z.ZodType<RoundTimeline>;

const cap = nullable(z.number({ error: 'validation.invalid_type' }).int({ error: 'validation.format' }).min(1).max(100));

export const roundInput = z
  .object({
    groupId: id,
    label: requiredText(40).refine((s) => /^\d{4}\s*[HA]\d{1,3}$/i.test(s), { error: 'validation.format' }),
    lane: choice(ROUND_LANES),
    timeline: timelineInput,
    proposalCap: cap,
  })
  .strict();

export const roundPatch = patchOf(omitFields(roundInput.shape, ['groupId', 'lane']));

export const criterionInput = z
  .object({
    roundId: id,
    name: requiredText(),
    description: optionalText(LIMITS.longText),
    weight: z.number({ error: 'validation.invalid_type' }).gt(0, { error: 'validation.too_small' }).max(100),
    axis: nullable(choice(['impact', 'feasibility'] as const)),
  })
  .strict();

export const criterionPatch = patchOf(omitFields(criterionInput.shape, ['roundId']));

export const evidenceInput = z
  .object({
    date: isoDate,
    source: requiredText(1000),
    url: optionalText(2000),
  })
  .strict();

export const participantInput = z.object({ organisationId: id, status: choice(ORG_RESPONSES) }).strict();

const freeTag = requiredText(60);

/** Every field a member or the secretary writes about a candidate. */
export const candidateFields = z
  .object({
    title: requiredText(),
    phenomenon: longOptional,
    rationale: longOptional,
    evidence: z.array(evidenceInput).max(200).default([]),
    steep: z.array(choice(STEEP)).max(STEEP.length).default([]),
    tags: z.array(freeTag).max(50).default([]),
    timeHorizon: nullable(choice(TIME_HORIZONS)),
    proposerPersonId: nullable(id),
    proposerOrganisationId: nullable(id),
    leadOrganisationId: nullable(id),
    leadStatus: nullable(choice(ORG_RESPONSES)),
    participants: z.array(participantInput).max(100).default([]),
    relatedGroupIds: z.array(id).max(100).default([]),
    existingGroupHandling: nullable(choice(EXISTING_HANDLING)),
    existingGroupReason: longOptional,
    confidentiality: choice(CONFIDENTIALITY).default('public'),
  })
  .strict();

export const candidateInput = candidateFields.extend({ roundId: id, submit: z.boolean().default(false) }).strict();

export const candidatePatch = patchOf(candidateFields.shape);

export const scoreEntry = z
  .object({
    criterionId: id,
    value: z.number({ error: 'validation.invalid_type' }).int({ error: 'validation.format' }).min(1).max(5),
    confidence: z.number({ error: 'validation.invalid_type' }).int({ error: 'validation.format' }).min(1).max(3).default(2),
    comment: optionalText(LIMITS.longText),
  })
  .strict();

export const saveScoresInput = z
  .object({
    candidateId: id,
    /** The person acting as assessor (the app has no login; the UI asks who is scoring). */
    assessorId: id,
    conflictOfInterest: z.boolean().default(false),
    entries: z.array(scoreEntry).max(50),
  })
  .strict();

export const decisionInput = z
  .object({
    candidateId: id,
    outcome: choice(DECISION_OUTCOMES),
    decidedOn: isoDate.optional(),
    reason: longOptional,
    conditions: longOptional,
    targetGroupId: nullable(id),
    /** Name of the priority group an approval creates; defaults to the candidate's title. */
    groupName: optionalText(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if ((v.outcome === 'rejected' || v.outcome === 'folded') && !v.reason)
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'validation.required' });
    if (v.outcome === 'folded' && !v.targetGroupId)
      ctx.addIssue({ code: 'custom', path: ['targetGroupId'], message: 'validation.required' });
  });

export const similarInput = z
  .object({
    title: z.string().max(LIMITS.name, { error: 'validation.too_long' }),
    description: z.string().max(LIMITS.longText, { error: 'validation.too_long' }).optional(),
    excludeId: id.optional(),
    limit: z.number().int().min(1).max(20).default(6),
  })
  .strict();

export const documentInput = z.object({ roundId: id, format: choice(['html', 'docx', 'md'] as const), lang: language }).strict();

/** Candidate files travel as base64 (same cap as exchange files). */
const fileContent = z.string().min(1, { error: 'validation.required' }).max(700_000_000);
const filePassphrase = z.string().max(1024, { error: 'validation.too_long' }).optional();

export const exportCandidatesInput = z
  .object({
    roundId: id,
    /** "My candidates": only those this person proposed. */
    proposerPersonId: id.optional(),
    candidateIds: z.array(id).max(5000).optional(),
    passphrase: filePassphrase.refine((v) => !v || v.length >= 8, { error: 'validation.format' }),
  })
  .strict();

export const candidateFileInput = z
  .object({ roundId: id, contentBase64: fileContent, passphrase: filePassphrase, fileName: z.string().max(255).optional() })
  .strict();

export const scanningContract = {
  'scanning.listRounds': method(z.object({ includeArchived: z.boolean().optional() }).strict()).returns<RoundSummary[]>(),
  /** Defaults for a new round: the next semiannual label and timeline, or the next ad-hoc lane. */
  'scanning.proposeRound': method(z.object({ lane: choice(ROUND_LANES), startDate: isoDate.optional() }).strict()).returns<{
    label: string;
    timeline: RoundTimeline;
    groupId: string | null;
  }>(),
  'scanning.createRound': method(roundInput).returns<Round>(),
  'scanning.updateRound': method(z.object({ id, patch: roundPatch }).strict()).returns<Round>(),
  'scanning.getRound': method(byId).returns<RoundDetail>(),
  'scanning.setRoundStatus': method(
    z.object({ id, status: choice(ROUND_STATUSES), note: optionalText(LIMITS.longText) }).strict(),
  ).returns<Round>(),
  'scanning.addCriterion': method(criterionInput).returns<Criterion>(),
  'scanning.updateCriterion': method(z.object({ id, patch: criterionPatch }).strict()).returns<Criterion>(),
  'scanning.removeCriterion': method(byId).returns<Criterion>(),
  'scanning.createCandidate': method(candidateInput).returns<Candidate>(),
  'scanning.updateCandidate': method(z.object({ id, patch: candidatePatch }).strict()).returns<Candidate>(),
  'scanning.getCandidate': method(byId).returns<CandidateDetail>(),
  'scanning.setCandidateStatus': method(
    z.object({ id, status: choice(CANDIDATE_STATUSES), note: optionalText(LIMITS.longText) }).strict(),
  ).returns<Candidate>(),
  'scanning.similar': method(similarInput).returns<SimilarHit[]>(),
  'scanning.merge': method(
    z.object({ candidateIds: z.array(id).min(2, { error: 'validation.too_small' }).max(20), title: optionalText() }).strict(),
  ).returns<Candidate>(),
  'scanning.saveScores': method(saveScoresInput).returns<ScoresView>(),
  /** Score rows the viewer may see (blind rules in shared/scanning/blind.ts). */
  'scanning.scores': method(
    z.object({ roundId: id, viewerId: nullable(id), viewerRole: choice(VIEWER_ROLES) }).strict(),
  ).returns<ScoresView>(),
  /** Aggregates, ranking, matrix, sensitivity; refused while the assessment window is open. */
  'scanning.results': method(
    z
      .object({
        roundId: id,
        weights: z.record(z.string(), z.number().min(0).max(100)).optional(),
        /** With a percentage, also how the ranking shifts when each weight moves by ± that much. */
        sensitivityPct: z.number().min(1).max(90).optional(),
      })
      .strict(),
  ).returns<RoundResults>(),
  'scanning.setConsensus': method(
    z
      .object({
        candidateId: id,
        score: nullable(
          z
            .number({ error: 'validation.invalid_type' })
            .min(1, { error: 'validation.too_small' })
            .max(5, { error: 'validation.too_big' }),
        ),
        rationale: longOptional,
      })
      .strict(),
  ).returns<Candidate>(),
  'scanning.decide': method(decisionInput).returns<Decision>(),
  'scanning.candidateList': method(documentInput).returns<GeneratedFile>(),
  'scanning.statistics': method(z.object({}).strict()).returns<RoundStatistics[]>(),
  /** A member's candidate file (exchange format, scope = this round's candidates). */
  'scanning.exportCandidates': method(exportCandidatesInput).returns<GeneratedFile & { count: number }>(),
  'scanning.previewCandidateFile': method(candidateFileInput).returns<ImportPreview>(),
  /** Merge a member's file; duplicate numbers from members' copies are renumbered (listed in `renumbered`). */
  'scanning.importCandidateFile': method(candidateFileInput).returns<ImportResult & { renumbered: string[] }>(),
  'scanning.groupLinks': method(z.object({ groupId: id }).strict()).returns<GroupScanningLinks>(),
} satisfies ContractShape;
