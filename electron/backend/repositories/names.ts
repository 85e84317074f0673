import type { Group } from '../../../shared/domain/groups';
import type { Organisation } from '../../../shared/domain/organisations';
import { abbreviationIn, byAbbreviation, groupTitle, nameIn, shortOrNameIn } from '../../../shared/domain/names';
import type { Lng } from '../../../shared/i18n/resources';
import type { RowStore } from '../db/store';
import { listOrganisations } from './organisations';

/**
 * Names of groups and organisations for a document in one language (issue #16 item 6). The rule
 * (own language → as written → fi → sv → en) is shared/domain/names.ts; this only reads the rows, once
 * per id, so a document that names the same organisation a hundred times reads it once.
 */
export interface NamesIn {
  lang: Lng;
  /** The group's name in the language ('' for an unknown id). */
  group(id: string | null | undefined): string;
  /** The group as people name it: priorities with their number ("7. Polarisation, …"). */
  groupTitle(id: string | null | undefined): string;
  /** The group's short name in the language, else its name. */
  groupShort(id: string | null | undefined): string;
  /** The organisation's abbreviation in the language (SM / IM / MoI; '' for an unknown id). */
  abbreviation(id: string | null | undefined): string;
  /** The organisation's full name in the language. */
  organisation(id: string | null | undefined): string;
  /** An abbreviation as written (what the portfolio's queries return) in the language. */
  abbreviationOf(asWritten: string): string;
}

export function namesIn(store: RowStore, lang: Lng): NamesIn {
  const groups = new Map<string, Group | undefined>();
  const orgs = new Map<string, Organisation | undefined>();
  let abbreviations: Map<string, Organisation> | undefined;
  const group = (id: string) => {
    if (!groups.has(id)) groups.set(id, store.get<Group>('work_groups', id));
    return groups.get(id);
  };
  const org = (id: string) => {
    if (!orgs.has(id)) orgs.set(id, store.get<Organisation>('organisations', id));
    return orgs.get(id);
  };
  return {
    lang,
    group: (id) => {
      const g = id ? group(id) : undefined;
      return g ? nameIn(g, lang) : '';
    },
    groupTitle: (id) => {
      const g = id ? group(id) : undefined;
      return g ? groupTitle(nameIn(g, lang), g.priorityNumber) : '';
    },
    groupShort: (id) => {
      const g = id ? group(id) : undefined;
      return g ? shortOrNameIn(g, lang) : '';
    },
    abbreviation: (id) => {
      const o = id ? org(id) : undefined;
      return o ? abbreviationIn(o, lang) : '';
    },
    organisation: (id) => {
      const o = id ? org(id) : undefined;
      return o ? nameIn(o, lang) : '';
    },
    abbreviationOf: (asWritten) => {
      abbreviations ??= byAbbreviation(listOrganisations(store, { includeArchived: true }));
      const o = abbreviations.get(asWritten);
      return o ? abbreviationIn(o, lang) : asWritten;
    },
  };
}
