import example from '../../../resources/example/cooperation-model.json';
import type { Group } from '../../../shared/domain/groups';
import type { Organisation, OrganisationKind } from '../../../shared/domain/organisations';
import type { Ctx } from '../context';
import { today } from '../clock';
import { createGroup, setGroupOrganisation } from './groups';
import { createOrganisation } from './organisations';
import { loadExamplePlans } from './example-plans';

interface ExampleGroup {
  key: string;
  kind: Group['kind'];
  name: string;
  shortName?: string;
  description?: string;
  parent?: string;
  priorityNumber?: number;
  status: Group['status'];
  statusNote?: string;
  statusDate?: string;
  transferredTo?: string;
  lead: string[];
  participants: string[];
  rotation?: { name: string; unit: 'organisations'; mode: 'per_meeting'; effectiveFrom: string; members: string[] };
}

/**
 * Load the cooperation model of the 2022 interim report (resources/example): the cooperation group,
 * the expert network, the nine priorities with their responsible and participating organisations,
 * priority 5's two subgroups, and priority 7's chair rotating among SM, TEM and STM.
 */
export function loadExampleData(ctx: Ctx): void {
  ctx.tx(() => {
    const orgs = new Map<string, Organisation>();
    for (const o of example.organisations) {
      orgs.set(o.abbreviation, createOrganisation(ctx, { notes: null, ...o, kind: o.kind as OrganisationKind }));
    }
    const org = (abbreviation: string) => {
      const found = orgs.get(abbreviation);
      if (!found) throw new Error(`Example data names an unknown organisation: ${abbreviation}`);
      return found;
    };
    const groups = new Map<string, Group>();
    for (const g of example.groups as ExampleGroup[]) {
      const parent = g.parent ? groups.get(g.parent) : undefined;
      const group = createGroup(
        ctx,
        {
          kind: g.kind,
          name: g.name,
          shortName: g.shortName ?? null,
          description: g.description ?? null,
          parentId: parent?.id ?? null,
          status: g.status,
          statusDate: g.statusDate ?? null,
          transferredTo: g.transferredTo ?? null,
          priorityNumber: g.priorityNumber ?? null,
          timeZone: 'Europe/Helsinki',
        },
        {
          date: g.statusDate ?? '2022-05-24',
          note: g.statusNote ?? null,
          detail: g.transferredTo ? { transferredTo: g.transferredTo } : null,
        },
      );
      groups.set(g.key, group);
      for (const abbreviation of g.lead) {
        setGroupOrganisation(ctx, { groupId: group.id, organisationId: org(abbreviation).id, role: 'lead' });
      }
      for (const abbreviation of g.participants) {
        setGroupOrganisation(ctx, { groupId: group.id, organisationId: org(abbreviation).id, role: 'participant' });
      }
      if (g.rotation) {
        const rotation = ctx.store.insert<{ id: string }>('rotations', {
          groupId: group.id,
          name: g.rotation.name,
          unit: g.rotation.unit,
          cancelledRule: 'hold',
        });
        const version = ctx.store.insert<{ id: string }>('rotation_versions', {
          rotationId: rotation.id,
          effectiveFrom: g.rotation.effectiveFrom,
          mode: g.rotation.mode,
          startIndex: 0,
        });
        g.rotation.members.forEach((abbreviation, position) => {
          ctx.store.insert('rotation_slots', { versionId: version.id, position, organisationId: org(abbreviation).id });
        });
      }
    }
    loadExamplePlans(ctx, {
      groups,
      organisations: orgs,
      people: new Map(),
      conveners: new Map(),
      meetings: new Map(),
      today: today(ctx),
    });
  });
}
