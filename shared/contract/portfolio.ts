import { z } from 'zod';
import { method, type ContractShape } from './core';
import { byId, id, isoDate, language, LIMITS, omitFields, optionalText, patchOf, requiredText } from './schemas';
import { GROUP_STATUSES } from '../domain/groups';
import {
  COMMITMENT_STATUSES,
  INDICATOR_KINDS,
  MEASURE_STATUSES,
  REPORT_FORMATS,
  REVIEW_DECISIONS,
  type HomeView,
  type Indicator,
  type IndicatorValue,
  type Lifecycle,
  type Measure,
  type MeasureDetail,
  type MeasureOrganisation,
  type Portfolio,
  type PriorityPlan,
  type ReportFile,
  type SearchResult,
  type TermReview,
  type TermReviewDetail,
  type TermReviewItem,
} from '../domain/portfolio';

const nullableDate = isoDate.nullish().transform((v) => v ?? null);
const longOptional = optionalText(LIMITS.longText);

/** A reporting period of an indicator value: a year, half, quarter or month (2024, 2024-H1, 2024-Q3, 2024-05). */
export const period = z
  .string()
  .trim()
  .regex(/^\d{4}(-(H[12]|Q[1-4]|0[1-9]|1[0-2]))?$/, { error: 'validation.format' });

const datesInOrder = (v: { startDate?: string | null; dueDate?: string | null }) =>
  !v.startDate || !v.dueDate || v.startDate <= v.dueDate;

const measureFields = z.object({
  title: requiredText(),
  description: longOptional,
  responsibleOrganisationId: id.nullish().transform((v) => v ?? null),
  startDate: nullableDate,
  dueDate: nullableDate,
  status: z.enum(MEASURE_STATUSES, { error: 'validation.choice' }).default('not_started'),
  progressNote: longOptional,
});

export const measureInput = measureFields
  .extend({ groupId: id })
  .strict()
  .refine(datesInOrder, { error: 'validation.dateOrder', path: ['dueDate'] });

export const measurePatch = patchOf(measureFields.shape);

export const commitmentInput = z
  .object({
    measureId: id,
    organisationId: id,
    commitmentStatus: z.enum(COMMITMENT_STATUSES, { error: 'validation.choice' }).default('none'),
    decisionDate: nullableDate,
    decisionReference: optionalText(LIMITS.shortText),
  })
  .strict()
  // A decided commitment is only as good as its date (the chain must be traceable).
  .refine((v) => v.commitmentStatus !== 'decided' || !!v.decisionDate, { error: 'validation.required', path: ['decisionDate'] });

const finite = z.number({ error: 'validation.invalid_type' }).finite({ error: 'validation.invalid_type' });

export const indicatorInput = z
  .object({
    groupId: id,
    name: requiredText(),
    kind: z.enum(INDICATOR_KINDS, { error: 'validation.choice' }),
    unit: optionalText(60),
    source: optionalText(LIMITS.shortText),
    targetValue: finite.nullish().transform((v) => v ?? null),
    targetDate: nullableDate,
    description: longOptional,
  })
  .strict();

export const indicatorPatch = patchOf(omitFields(indicatorInput.shape, ['groupId']));

export const indicatorValueInput = z
  .object({ indicatorId: id, period, value: finite, note: optionalText(LIMITS.shortText) })
  .strict();

export const statusChangeInput = z
  .object({
    groupId: id,
    status: z.enum(GROUP_STATUSES, { error: 'validation.choice' }),
    date: isoDate,
    note: optionalText(LIMITS.longText),
    transferredTo: optionalText(),
  })
  .strict();

export const reviewInput = z.object({ label: requiredText(), date: isoDate, note: longOptional }).strict();

export const reviewDecisionInput = z
  .object({
    itemId: id,
    decision: z.enum(REVIEW_DECISIONS, { error: 'validation.choice' }),
    rationale: optionalText(LIMITS.longText),
    mergeIntoGroupId: id.nullish().transform((v) => v ?? null),
  })
  .strict()
  .refine((v) => v.decision !== 'merge' || v.mergeIntoGroupId !== null, {
    error: 'validation.required',
    path: ['mergeIntoGroupId'],
  });

export const reportInput = z
  .object({
    lang: language,
    format: z.enum(REPORT_FORMATS, { error: 'validation.choice' }),
    from: isoDate,
    to: isoDate,
  })
  .strict()
  .refine((v) => v.from <= v.to, { error: 'validation.dateOrder', path: ['to'] });

export const portfolioContract = {
  /** A group's lifecycle: status, history (newest first) and the statuses it may move to. */
  'portfolio.lifecycle': method(z.object({ groupId: id }).strict()).returns<Lifecycle>(),
  /** Change the lifecycle status with a date and a note; illegal moves are refused with a sentence. */
  'portfolio.changeStatus': method(statusChangeInput).returns<Lifecycle>(),
  'portfolio.plan': method(z.object({ groupId: id }).strict()).returns<PriorityPlan>(),
  'portfolio.createMeasure': method(measureInput).returns<MeasureDetail>(),
  'portfolio.updateMeasure': method(z.object({ id, patch: measurePatch }).strict()).returns<MeasureDetail>(),
  'portfolio.archiveMeasure': method(byId).returns<Measure>(),
  /** Add an organisation to a measure or change its commitment (internal decision, date, reference). */
  'portfolio.setCommitment': method(commitmentInput).returns<MeasureOrganisation>(),
  'portfolio.removeCommitment': method(byId).returns<MeasureOrganisation>(),
  /** Link an action item or a decision to a measure of the same group (null unlinks). */
  'portfolio.linkToMeasure': method(
    z
      .object({
        kind: z.enum(['action_item', 'decision'], { error: 'validation.choice' }),
        id,
        measureId: id.nullable(),
      })
      .strict(),
  ).returns<{ id: string; measureId: string | null }>(),
  'portfolio.createIndicator': method(indicatorInput).returns<Indicator>(),
  'portfolio.updateIndicator': method(z.object({ id, patch: indicatorPatch }).strict()).returns<Indicator>(),
  'portfolio.archiveIndicator': method(byId).returns<Indicator>(),
  /** Record the value of a period (replaces that period's earlier value). */
  'portfolio.setIndicatorValue': method(indicatorValueInput).returns<IndicatorValue>(),
  'portfolio.removeIndicatorValue': method(byId).returns<IndicatorValue>(),
  'portfolio.view': method(z.object({}).strict()).returns<Portfolio>(),
  'portfolio.home': method(z.object({}).strict()).returns<HomeView>(),
  /** "Who am I": the person whose meetings Home shows as mine (no login; stored in settings). */
  'portfolio.setMe': method(z.object({ personId: id.nullable() }).strict()).returns<{ personId: string | null }>(),
  'portfolio.search': method(
    z
      .object({
        query: z.string().max(LIMITS.shortText, { error: 'validation.too_long' }),
        perKind: z.number().int().min(1).max(50).default(8),
      })
      .strict(),
  ).returns<SearchResult>(),
  'portfolio.reviews': method(z.object({}).strict()).returns<TermReview[]>(),
  /** Start a government-term review: one item for every active priority. */
  'portfolio.startReview': method(reviewInput).returns<TermReviewDetail>(),
  'portfolio.review': method(byId).returns<TermReviewDetail>(),
  'portfolio.recordReviewDecision': method(reviewDecisionInput).returns<TermReviewItem>(),
  'portfolio.closeReview': method(byId).returns<TermReviewDetail>(),
  /** The interim progress report for a period, in a language and format. */
  'portfolio.report': method(reportInput).returns<ReportFile>(),
} satisfies ContractShape;
