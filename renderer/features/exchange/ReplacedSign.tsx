import { useTranslation } from 'react-i18next';
import { InlineAlert } from 'suomifi-ui-components';
import { api } from '../../api';
import { to, useApp } from '../../store/app';
import { RouteLink } from '../../ui/RouteLink';
import { useLoad } from '../../ui/useLoad';

/**
 * On a meeting page: an import replaced a text of this meeting (minutes of an item, a decision…) with the
 * other computer's newer version; the version written here is kept under Conflicts until someone chooses.
 */
export function ReplacedByImportSign({ meetingId }: { meetingId: string }) {
  const { t } = useTranslation();
  const own = useApp((s) => s.info?.replicaId);
  const conflicts = useLoad(() => api.exchange.conflicts({}), [meetingId]);
  // Only where the text stored now came from the other computer: then this computer's own edit was replaced.
  const mine = (conflicts.data ?? []).filter(
    (c) =>
      c.where?.meetingId === meetingId && c.currentWritten && own !== undefined && !sameReplica(c.currentWritten.replica, own),
  );
  if (mine.length === 0) return null;
  const items = [...new Set(mine.map((c) => c.where?.item ?? c.label).filter(Boolean))].join(', ');
  return (
    <InlineAlert status="warning" style={{ marginTop: 8 }}>
      {t('exchange.conflicts.replacedSign', { count: mine.length, items })}{' '}
      <RouteLink to={to('exchange', 'conflicts')}>{t('exchange.conflicts.openConflicts')}</RouteLink>
    </InlineAlert>
  );
}

/** A clock stamp carries the replica id (possibly shortened); the app knows its own in full. */
export function sameReplica(stamp: string, own: string): boolean {
  return stamp === own || own.startsWith(stamp) || stamp.startsWith(own);
}
