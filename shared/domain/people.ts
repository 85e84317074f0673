import type { RowMeta } from './base';

export interface Person extends RowMeta {
  name: string;
  organisationId: string | null;
  email: string | null;
  phone: string | null;
  title: string | null;
}
