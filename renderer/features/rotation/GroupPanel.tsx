import { useTranslation } from 'react-i18next';
import { Heading, InlineAlert, Paragraph } from 'suomifi-ui-components';
import type { GroupDetail } from '../../../shared/domain/groups';
import { api } from '../../api';
import { to } from '../../store/app';
import { formatDate } from '../../ui/dates';
import { RouteLink } from '../../ui/RouteLink';
import { useLoad } from '../../ui/useLoad';
import { ChairNowLine } from './Glance';
import { useNames } from '../../ui/names';
import { viewIn } from './names';

const NEXT_COUNT = 4;

/** On a group's page: who chairs the next meetings (or terms), an upcoming handover, and the schedule link. */
export function GroupPanel({ group }: { group: GroupDetail }) {
  const { t } = useTranslation();
  const names = useNames();
  const loaded = useLoad(() => api.rotation.forGroup({ groupId: group.id }), [group.id]);
  const view = loaded.data ? viewIn(loaded.data, names) : loaded.data;
  if (view === undefined) return null;
  if (view === null) {
    return (
      <section className="panel" aria-labelledby="rotation-panel">
        <Heading variant="h2" id="rotation-panel">
          {t('rotation.panel.title')}
        </Heading>
        <Paragraph mt="s">
          {t('rotation.panel.none')} <RouteLink to={to('rotation', group.id)}>{t('rotation.panel.setUp')}</RouteLink>
        </Paragraph>
      </section>
    );
  }
  const label = (id: string | null) => (id ? (view.members.find((m) => m.id === id)?.label ?? '?') : '–');
  const termMode = view.current.mode !== 'per_meeting';
  const upcoming = view.schedule
    .filter((e) => (termMode ? e.kind === 'term' : e.kind === 'meeting' && e.status !== 'cancelled'))
    .slice(0, NEXT_COUNT);
  const next = view.nextHandover;
  return (
    <section className="panel" aria-labelledby="rotation-panel">
      <Heading variant="h2" id="rotation-panel">
        {t('rotation.panel.title')}
      </Heading>
      <ChairNowLine view={view} />
      {next?.withinNotice && (
        <InlineAlert status="warning" style={{ marginTop: 12 }}>
          {t('rotation.handovers.upcoming', { date: formatDate(next.date), from: label(next.fromId), to: label(next.toId) })}{' '}
          <RouteLink to={to('exchange', 'export', group.id)}>{t('rotation.handovers.prepare')}</RouteLink>
        </InlineAlert>
      )}
      <Heading variant="h3" style={{ marginTop: 12 }}>
        {t('rotation.panel.next')}
      </Heading>
      {upcoming.length === 0 ? (
        <Paragraph mt="s">{t('rotation.schedule.noEntries')}</Paragraph>
      ) : (
        <ul>
          {upcoming.map((e) => (
            <li key={e.key}>
              {e.kind === 'term' ? `${formatDate(e.date)} – ${formatDate(e.lastDay)}` : `${formatDate(e.date)} ${e.title ?? ''}`}:{' '}
              <strong>{label(e.chairId)}</strong>
              {e.chairAbsent && <span className="field-error"> ({t('rotation.schedule.absentShort')})</span>}
            </li>
          ))}
        </ul>
      )}
      <p>
        <RouteLink to={to('rotation', group.id)}>{t('rotation.panel.openSchedule')}</RouteLink>
      </p>
    </section>
  );
}
