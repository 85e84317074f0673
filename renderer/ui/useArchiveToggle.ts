import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { useApp } from '../store/app';
import { describeError } from './errors';

/** Archive a live row or restore an archived one, tell the user, and reload the view. */
export function useArchiveToggle(area: 'organisations' | 'people' | 'groups', reload: () => void) {
  const { t } = useTranslation();
  const notify = useApp((s) => s.notify);
  return async (row: { id: string; deleted: boolean }, name: string) => {
    try {
      if (row.deleted) await api[area].restore({ id: row.id });
      else await api[area].archive({ id: row.id });
      notify('success', t(row.deleted ? 'common.restored' : 'common.archived', { name }));
      reload();
    } catch (e) {
      notify('error', describeError(t, e));
    }
  };
}
