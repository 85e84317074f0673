import type { Group } from '../../../shared/domain/groups';
import type { Organisation } from '../../../shared/domain/organisations';
import type { Person } from '../../../shared/domain/people';
import type { Meeting } from '../../../shared/domain/meetings';
import type { Ctx } from '../context';

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

/** Plans, measures, commitments, indicators and status notes of the report's section 2.3 (issue #16 item 3). */
export function loadExamplePlans(ctx: Ctx, refs: ExampleRefs): void {
  void ctx;
  void refs;
}
