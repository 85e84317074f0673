import type { Group } from '../../../shared/domain/groups';
import type { Organisation } from '../../../shared/domain/organisations';
import type { Person } from '../../../shared/domain/people';
import type { Meeting } from '../../../shared/domain/meetings';
import type { GroupStatus } from '../../../shared/domain/groups';
import type { CommitmentStatus, IndicatorKind, MeasureStatus } from '../../../shared/domain/portfolio';
import { commitmentInput, indicatorInput, indicatorValueInput, measureInput } from '../../../shared/contract/portfolio';
import plans from '../../../resources/example/plans.json';
import type { Ctx } from '../context';
import { recordGroupNote } from './groups';
import { createIndicator, createMeasure, setCommitment, setIndicatorValue } from './portfolio';

/**
 * What the example loader (example-data.ts) has created when it calls `loadExamplePlans`, inside its one
 * transaction, after every organisation, person, group, membership, meeting and scanning round exists.
 */
export interface ExampleRefs {
  /** Groups by their key in resources/example/cooperation-model.json: 'cooperation-group', 'expert-network', 'p1'…'p9', 'p5-residential', 'p5-emergencies'. */
  groups: ReadonlyMap<string, Group>;
  /** Organisations by abbreviation ('SM', 'OKM', 'Kuntaliitto', …). */
  organisations: ReadonlyMap<string, Organisation>;
  /** People by their key in the example's people file (e.g. 'p2-convener'); see example-data.ts. */
  people: ReadonlyMap<string, Person>;
  /** The convener of each group by group key (for priority 5: the leads of 'p5-residential' and 'p5-emergencies'). */
  conveners: ReadonlyMap<string, Person>;
  /** Meetings by their key in the example's meetings (e.g. 'cg-2019-12', 'cg-2022-05-24', 'p8-2020-09-30'). */
  meetings: ReadonlyMap<string, Meeting>;
  /** The day the example is loaded (YYYY-MM-DD in the configured zone, `today(ctx)`): "alive" dates are offsets from it. */
  today: string;
}

interface ExamplePlan {
  notes: Array<{ date: string; status?: string; note: string }>;
  measures: Array<{
    title: string;
    description?: string;
    responsible?: string;
    startDate?: string;
    dueDate?: string;
    status: string;
    progressNote?: string;
    commitments: Array<{ organisation: string; status: string; date?: string; reference?: string }>;
  }>;
  indicators: Array<{
    name: string;
    kind: string;
    unit?: string;
    source?: string;
    targetValue?: number;
    targetDate?: string;
    values: Array<{ period: string; value: number; note?: string }>;
  }>;
}

/**
 * Plans, measures, commitments, indicators and status notes of the report's section 2.3 (issue #16 item 3),
 * from resources/example/plans.json. Everything is written through the owners (groups: `recordGroupNote`;
 * portfolio: `createMeasure`, `setCommitment`, `createIndicator`, `setIndicatorValue`), with every input
 * parsed by the contract's own schemas first, so the example obeys the rules a user's input does.
 */
export function loadExamplePlans(ctx: Ctx, refs: ExampleRefs): void {
  const group = (key: string) => {
    const g = refs.groups.get(key);
    if (!g) throw new Error(`Example plans name an unknown group: ${key}`);
    return g;
  };
  const org = (abbreviation: string) => {
    const o = refs.organisations.get(abbreviation);
    if (!o) throw new Error(`Example plans name an unknown organisation: ${abbreviation}`);
    return o;
  };
  for (const [key, plan] of Object.entries(plans.priorities as Record<string, ExamplePlan>)) {
    const groupId = group(key).id;
    for (const n of plan.notes) {
      recordGroupNote(ctx, { groupId, date: n.date, note: n.note, status: n.status as GroupStatus | undefined });
    }
    for (const m of plan.measures) {
      const measure = createMeasure(
        ctx,
        measureInput.parse({
          groupId,
          title: m.title,
          description: m.description ?? null,
          responsibleOrganisationId: m.responsible ? org(m.responsible).id : null,
          startDate: m.startDate ?? null,
          dueDate: m.dueDate ?? null,
          status: m.status as MeasureStatus,
          progressNote: m.progressNote ?? null,
        }),
      );
      for (const c of m.commitments) {
        setCommitment(
          ctx,
          commitmentInput.parse({
            measureId: measure.id,
            organisationId: org(c.organisation).id,
            commitmentStatus: c.status as CommitmentStatus,
            decisionDate: c.date ?? null,
            decisionReference: c.reference ?? null,
          }),
        );
      }
    }
    for (const i of plan.indicators) {
      const indicator = createIndicator(
        ctx,
        indicatorInput.parse({
          groupId,
          name: i.name,
          kind: i.kind as IndicatorKind,
          unit: i.unit ?? null,
          source: i.source ?? null,
          targetValue: i.targetValue ?? null,
          targetDate: i.targetDate ?? null,
          description: null,
        }),
      );
      for (const v of i.values) {
        setIndicatorValue(
          ctx,
          indicatorValueInput.parse({ indicatorId: indicator.id, period: v.period, value: v.value, note: v.note ?? null }),
        );
      }
    }
  }
}
