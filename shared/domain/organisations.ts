import type { RowMeta } from './base';

export const ORGANISATION_KINDS = [
  'ministry',
  'agency',
  'regional',
  'municipal',
  'ngo',
  'research',
  'business',
  'other',
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export interface Organisation extends RowMeta {
  /** As written: the fallback when a language's own name is missing (shared/domain/names.ts). */
  abbreviation: string;
  name: string;
  nameFi: string | null;
  nameSv: string | null;
  nameEn: string | null;
  abbreviationFi: string | null;
  abbreviationSv: string | null;
  abbreviationEn: string | null;
  kind: OrganisationKind;
  notes: string | null;
}
