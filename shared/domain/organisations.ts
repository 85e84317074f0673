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
  abbreviation: string;
  name: string;
  kind: OrganisationKind;
  notes: string | null;
}
