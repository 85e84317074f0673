import { useTranslation } from 'react-i18next';
import { Heading, Paragraph } from 'suomifi-ui-components';
import type { GroupDetail } from '../../../shared/domain/groups';
import { api } from '../../api';
import { to } from '../../store/app';
import { RouteLink } from '../../ui/RouteLink';
import { formatDate } from '../../ui/dates';
import { useLoad } from '../../ui/useLoad';

/** On a group's page: the candidate it was created from, and candidates folded into it. */
export function GroupPanel({ group }: { group: GroupDetail }) {
  const { t } = useTranslation();
  const links = useLoad(() => api.scanning.groupLinks({ groupId: group.id }), [group.id]);
  const l = links.data;
  if (!l || (!l.origin && l.folded.length === 0)) return null;
  return (
    <section className="panel" aria-labelledby="group-scanning">
      <Heading variant="h2" id="group-scanning">
        {t('scanning.groupPanel.title')}
      </Heading>
      {l.origin && (
        <Paragraph>
          {t('scanning.groupPanel.origin', { round: l.origin.roundLabel, date: formatDate(l.origin.decidedOn) })}{' '}
          <RouteLink to={to('scanning', 'candidate', l.origin.id)}>{`${l.origin.reference} ${l.origin.title}`}</RouteLink>
        </Paragraph>
      )}
      {l.folded.length > 0 && (
        <>
          <Heading variant="h3">{t('scanning.groupPanel.folded')}</Heading>
          <ul>
            {l.folded.map((f) => (
              <li key={f.id}>
                <RouteLink to={to('scanning', 'candidate', f.id)}>{`${f.reference} ${f.title}`}</RouteLink> –{' '}
                {formatDate(f.decidedOn)}
                {f.reason ? `: ${f.reason}` : ''}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
