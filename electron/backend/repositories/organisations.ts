import type { Organisation } from '../../../shared/domain/organisations';
import type { Person } from '../../../shared/domain/people';
import type { PersonListItem } from '../../../shared/contract/organisations';
import type { RowStore, RawRow } from '../db/store';
import { likePattern } from './search';

/** The official names of organisation `o` as camelCase columns, for queries that name organisations. */
export const ORGANISATION_NAMES = ['name', 'abbreviation']
  .flatMap((k) => ['fi', 'sv', 'en'].map((l) => `o.${k}_${l} AS ${k}${l[0]!.toUpperCase()}${l[1]}`))
  .join(', ');

export function listOrganisations(store: RowStore, opts: { query?: string; includeArchived?: boolean }): Organisation[] {
  const rows = store
    .prepare(
      `SELECT * FROM organisations
       WHERE (@all = 1 OR deleted = 0)
         AND (@q IS NULL OR abbreviation LIKE @q ESCAPE '\\' OR name LIKE @q ESCAPE '\\')
       ORDER BY abbreviation COLLATE NOCASE`,
    )
    .all({ all: opts.includeArchived ? 1 : 0, q: opts.query ? likePattern(opts.query) : null }) as RawRow[];
  return rows.map((r) => store.decode<Organisation>('organisations', r));
}

export function findOrganisationByAbbreviation(store: RowStore, abbreviation: string): Organisation | undefined {
  const row = store
    .prepare(`SELECT * FROM organisations WHERE deleted = 0 AND abbreviation = ? COLLATE NOCASE`)
    .get(abbreviation) as RawRow | undefined;
  return row ? store.decode<Organisation>('organisations', row) : undefined;
}

export function listPeople(
  store: RowStore,
  opts: { query?: string; includeArchived?: boolean; organisationId?: string },
): PersonListItem[] {
  const rows = store
    .prepare(
      `SELECT p.*, o.abbreviation AS organisation_abbreviation FROM people p
       LEFT JOIN organisations o ON o.id = p.organisation_id
       WHERE (@all = 1 OR p.deleted = 0)
         AND (@org IS NULL OR p.organisation_id = @org)
         AND (@q IS NULL OR p.name LIKE @q ESCAPE '\\' OR p.email LIKE @q ESCAPE '\\' OR o.abbreviation LIKE @q ESCAPE '\\')
       ORDER BY p.name COLLATE NOCASE`,
    )
    .all({
      all: opts.includeArchived ? 1 : 0,
      org: opts.organisationId ?? null,
      q: opts.query ? likePattern(opts.query) : null,
    }) as RawRow[];
  return rows.map((r) => store.decode<Person & { organisationAbbreviation: string | null }>('people', r));
}
