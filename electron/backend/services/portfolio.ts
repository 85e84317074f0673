import type { Input } from '../../../shared/contract';
import type { HandlersFor } from '../../../shared/contract/core';
import type { portfolioContract } from '../../../shared/contract/portfolio';
import type { Group } from '../../../shared/domain/groups';
import type { Organisation } from '../../../shared/domain/organisations';
import type { Person } from '../../../shared/domain/people';
import type {
  Indicator,
  IndicatorValue,
  Lifecycle,
  Measure,
  MeasureDetail,
  MeasureOrganisation,
  TermReview,
  TermReviewDetail,
  TermReviewItem,
} from '../../../shared/domain/portfolio';
import { ACTIVE_STATUSES, allowedTransitions } from '../../../shared/portfolio/lifecycle';
import type { Ctx } from '../context';
import { notFound } from '../db/store';
import { userError } from '../errors';
import {
  activePriorities,
  findIndicatorValue,
  findMeasureOrganisation,
  homeView,
  linkableItems,
  listReviews,
  measureDetail,
  nextMeasurePosition,
  groupIndicators,
  groupMeasures,
  portfolioRows,
  reviewDetail,
  statusHistory,
} from '../repositories/portfolio';
import { searchEverything } from '../repositories/search';
import { deleteSetting, readSetting, writeSettings } from '../repositories/settings';
import { buildReport } from './report';
import { changeGroupStatus } from './groups';
import { setMeasureLink } from './meetings';
import { today as todayOf } from '../clock';

function lifecycle(ctx: Ctx, groupId: string): Lifecycle {
  const group = ctx.store.require<Group>('work_groups', groupId, 'group');
  return {
    groupId,
    status: group.status,
    statusDate: group.statusDate,
    transferredTo: group.transferredTo,
    allowed: allowedTransitions(group.status),
    history: statusHistory(ctx.store, groupId),
  };
}

function requireMeasure(ctx: Ctx, id: string): MeasureDetail {
  const m = measureDetail(ctx.store, id);
  if (!m) throw notFound('measure');
  return m;
}

function assertOrganisation(ctx: Ctx, id: string | null | undefined) {
  if (id) ctx.store.require<Organisation>('organisations', id, 'organisation');
}

function requireOpenReview(ctx: Ctx, id: string): TermReview {
  const review = ctx.store.get<TermReview>('term_reviews', id);
  if (!review || review.deleted) throw userError('not_found', 'portfolio.errors.reviewNotFound');
  return review;
}

function readMe(ctx: Ctx): { personId: string; personName: string } | null {
  const personId = (readSetting(ctx, 'me') as string | null | undefined) ?? null;
  if (!personId) return null;
  const person = ctx.store.get<Person>('people', personId);
  return person && !person.deleted ? { personId, personName: person.name } : null;
}

/** The one place a measure is created (the API and the example loader): the group and organisation must exist. */
export function createMeasure(ctx: Ctx, input: Input<'portfolio.createMeasure'>): MeasureDetail {
  ctx.store.require<Group>('work_groups', input.groupId, 'group');
  assertOrganisation(ctx, input.responsibleOrganisationId);
  const position = nextMeasurePosition(ctx.store, input.groupId);
  const measure = ctx.store.insert<Measure>('measures', { ...input, position });
  return requireMeasure(ctx, measure.id);
}

/** An organisation's commitment to a measure; setting it again updates the same row. */
export function setCommitment(ctx: Ctx, input: Input<'portfolio.setCommitment'>): MeasureOrganisation {
  requireMeasure(ctx, input.measureId);
  ctx.store.require<Organisation>('organisations', input.organisationId, 'organisation');
  const values = {
    commitmentStatus: input.commitmentStatus,
    decisionDate: input.decisionDate,
    decisionReference: input.decisionReference,
  };
  const existing = findMeasureOrganisation(ctx.store, input.measureId, input.organisationId);
  const row = existing
    ? ctx.store.update<MeasureOrganisation>('measure_organisations', existing.id, { ...values, deleted: false })
    : ctx.store.insert<MeasureOrganisation>('measure_organisations', {
        measureId: input.measureId,
        organisationId: input.organisationId,
        role: 'participant',
        ...values,
      });
  return requireMeasure(ctx, input.measureId).organisations.find((o) => o.id === row.id)!;
}

export function createIndicator(ctx: Ctx, input: Input<'portfolio.createIndicator'>): Indicator {
  ctx.store.require<Group>('work_groups', input.groupId, 'group');
  return ctx.store.insert<Indicator>('indicators', input);
}

/** One value per period: entering a period again corrects it rather than adding a second point. */
export function setIndicatorValue(ctx: Ctx, input: Input<'portfolio.setIndicatorValue'>): IndicatorValue {
  const indicator = ctx.store.require<Indicator>('indicators', input.indicatorId, 'indicator');
  if (indicator.deleted) throw notFound('indicator');
  const existing = findIndicatorValue(ctx.store, input.indicatorId, input.period);
  if (existing) {
    return ctx.store.update<IndicatorValue>('indicator_values', existing.id, {
      value: input.value,
      note: input.note,
      deleted: false,
    });
  }
  return ctx.store.insert<IndicatorValue>('indicator_values', input);
}

export const portfolioHandlers: HandlersFor<typeof portfolioContract, Ctx> = {
  'portfolio.lifecycle': ({ groupId }, ctx) => lifecycle(ctx, groupId),

  'portfolio.changeStatus': (input, ctx) =>
    ctx.tx(() => {
      changeGroupStatus(ctx, input);
      return lifecycle(ctx, input.groupId);
    }),

  'portfolio.plan': ({ groupId }, ctx) => {
    ctx.store.require<Group>('work_groups', groupId, 'group');
    return {
      groupId,
      measures: groupMeasures(ctx.store, groupId),
      indicators: groupIndicators(ctx.store, groupId),
      linkable: linkableItems(ctx.store, groupId),
    };
  },

  'portfolio.createMeasure': (input, ctx) => ctx.tx(() => createMeasure(ctx, input)),

  'portfolio.updateMeasure': ({ id, patch }, ctx) =>
    ctx.tx(() => {
      const current = requireMeasure(ctx, id);
      assertOrganisation(ctx, patch.responsibleOrganisationId);
      const startDate = patch.startDate === undefined ? current.startDate : patch.startDate;
      const dueDate = patch.dueDate === undefined ? current.dueDate : patch.dueDate;
      if (startDate && dueDate && startDate > dueDate) throw userError('validation', 'validation.dateOrder');
      ctx.store.update<Measure>('measures', id, patch);
      return requireMeasure(ctx, id);
    }),

  'portfolio.archiveMeasure': ({ id }, ctx) =>
    ctx.tx(() => {
      requireMeasure(ctx, id);
      return ctx.store.archive<Measure>('measures', id);
    }),

  'portfolio.setCommitment': (input, ctx) => ctx.tx(() => setCommitment(ctx, input)),

  'portfolio.removeCommitment': ({ id }, ctx) =>
    ctx.tx(() => {
      ctx.store.require<MeasureOrganisation>('measure_organisations', id, 'measure');
      return ctx.store.archive<MeasureOrganisation>('measure_organisations', id);
    }),

  'portfolio.linkToMeasure': ({ kind, id, measureId }, ctx) =>
    ctx.tx(() => {
      const table = kind === 'action_item' ? 'action_items' : 'decisions';
      const row = ctx.store.require<{ groupId: string }>(table, id, kind === 'action_item' ? 'actionItem' : 'decision');
      if (measureId) {
        const measure = requireMeasure(ctx, measureId);
        if (measure.groupId !== row.groupId) throw userError('validation', 'portfolio.errors.measureOfOtherGroup');
      }
      setMeasureLink(ctx, kind, id, measureId);
      return { id, measureId };
    }),

  'portfolio.createIndicator': (input, ctx) => ctx.tx(() => createIndicator(ctx, input)),

  'portfolio.updateIndicator': ({ id, patch }, ctx) =>
    ctx.tx(() => {
      ctx.store.require<Indicator>('indicators', id, 'indicator');
      return ctx.store.update<Indicator>('indicators', id, patch);
    }),

  'portfolio.archiveIndicator': ({ id }, ctx) =>
    ctx.tx(() => {
      ctx.store.require<Indicator>('indicators', id, 'indicator');
      return ctx.store.archive<Indicator>('indicators', id);
    }),

  'portfolio.setIndicatorValue': (input, ctx) => ctx.tx(() => setIndicatorValue(ctx, input)),

  'portfolio.removeIndicatorValue': ({ id }, ctx) =>
    ctx.tx(() => {
      ctx.store.require<IndicatorValue>('indicator_values', id, 'indicator');
      return ctx.store.archive<IndicatorValue>('indicator_values', id);
    }),

  'portfolio.view': (_input, ctx) => {
    const today = todayOf(ctx);
    const rows = portfolioRows(ctx.store, today);
    return {
      today,
      rows,
      measuringImpact: rows.filter((r) => r.measuresImpact).length,
      measuringAnything: rows.filter((r) => r.indicators.length > 0).length,
    };
  },

  'portfolio.home': (_input, ctx) => homeView(ctx.store, todayOf(ctx), readMe(ctx)),

  'portfolio.setMe': ({ personId }, ctx) =>
    ctx.tx(() => {
      if (personId) {
        const person = ctx.store.require<Person>('people', personId, 'person');
        if (person.deleted) throw notFound('person');
        writeSettings(ctx, { me: personId });
      } else {
        deleteSetting(ctx, 'me');
      }
      return { personId };
    }),

  'portfolio.search': ({ query, perKind }, ctx) => searchEverything(ctx.store, query, perKind),

  'portfolio.reviews': (_input, ctx) => listReviews(ctx.store),

  'portfolio.startReview': (input, ctx) =>
    ctx.tx(() => {
      const review = ctx.store.insert<TermReview>('term_reviews', { ...input, note: input.note, status: 'open' });
      for (const group of activePriorities(ctx.store, ACTIVE_STATUSES)) {
        ctx.store.insert('term_review_items', { reviewId: review.id, groupId: group.id });
      }
      return reviewDetail(ctx.store, review.id)!;
    }),

  'portfolio.review': ({ id }, ctx) => {
    requireOpenReview(ctx, id);
    return reviewDetail(ctx.store, id)!;
  },

  'portfolio.recordReviewDecision': (input, ctx) =>
    ctx.tx(() => {
      const item = ctx.store.get<TermReviewItem>('term_review_items', input.itemId);
      if (!item || item.deleted) throw userError('not_found', 'portfolio.errors.reviewNotFound');
      const review = requireOpenReview(ctx, item.reviewId);
      if (review.status === 'closed') throw userError('conflict', 'portfolio.errors.reviewClosed');
      let mergeInto: string | null = null;
      if (input.decision === 'merge') {
        if (input.mergeIntoGroupId === item.groupId) throw userError('validation', 'portfolio.errors.mergeIntoSelf');
        ctx.store.require<Group>('work_groups', input.mergeIntoGroupId!, 'group');
        mergeInto = input.mergeIntoGroupId;
      }
      return ctx.store.update<TermReviewItem>('term_review_items', item.id, {
        decision: input.decision,
        rationale: input.rationale,
        mergeIntoGroupId: mergeInto,
      });
    }),

  'portfolio.closeReview': ({ id }, ctx) =>
    ctx.tx(() => {
      const review = requireOpenReview(ctx, id);
      if (review.status === 'closed') throw userError('conflict', 'portfolio.errors.reviewClosed');
      const detail = reviewDetail(ctx.store, id)!;
      const undecided = detail.items.filter((i) => !i.decision).length;
      if (undecided > 0) throw userError('validation', 'portfolio.errors.reviewUndecided', { count: undecided });
      ctx.store.update<TermReview>('term_reviews', id, { status: 'closed' });
      return reviewDetail(ctx.store, id) as TermReviewDetail;
    }),

  'portfolio.report': (input, ctx) => buildReport(ctx, input),
};
