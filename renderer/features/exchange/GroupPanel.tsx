import { useTranslation } from 'react-i18next';
import { Heading, Paragraph } from 'suomifi-ui-components';
import type { GroupDetail } from '../../../shared/domain/groups';
import { api } from '../../api';
import { to } from '../../store/app';
import { RouteLink } from '../../ui/RouteLink';
import { formatDateTime } from '../../ui/dates';
import { useLoad } from '../../ui/useLoad';

/** On a group's page: the way to the handover wizard, and the last file exchanged for this group. */
export function GroupPanel({ group }: { group: GroupDetail }) {
  const { t } = useTranslation();
  const log = useLoad(() => api.exchange.log({ groupId: group.id }), [group.id]);
  const last = log.data?.[0];
  return (
    <section className="panel" aria-labelledby="group-exchange">
      <Heading variant="h2" id="group-exchange">
        {t('exchange.panel.title')}
      </Heading>
      <Paragraph mt="s">
        {last
          ? t('exchange.panel.last', {
              direction: last.direction === 'export' ? t('exchange.hub.exported') : t('exchange.hub.imported'),
              date: formatDateTime(last.at),
            })
          : t('exchange.panel.none')}
      </Paragraph>
      <Paragraph mt="s">
        <RouteLink to={to('exchange', 'export', group.id)}>{t('exchange.panel.prepare')}</RouteLink>
      </Paragraph>
    </section>
  );
}
