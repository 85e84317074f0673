import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Checkbox, Heading, Paragraph } from 'suomifi-ui-components';
import type { HomeItem } from '../../../shared/domain/portfolio';
import { api } from '../../api';
import { to, useApp, type Route } from '../../store/app';
import { formatDate } from '../../ui/dates';
import { describeError } from '../../ui/errors';
import { SelectField } from '../../ui/fields';
import { RouteLink } from '../../ui/RouteLink';
import { useLoad } from '../../ui/useLoad';
import { useNames } from '../../ui/names';

function ItemList(props: {
  id: string;
  title: string;
  empty: string;
  items: HomeItem[];
  route: (item: HomeItem) => Route;
  detail?: (item: HomeItem) => ReactNode;
  extra?: ReactNode;
}) {
  const names = useNames();
  // The item's group in the UI language (the backend sends the name as written; a handover's title is it).
  const groupName = (item: HomeItem) => (item.groupId ? names.group(item.groupId, item.groupName ?? '') : item.groupName);
  const title = (item: HomeItem) => (item.groupId && item.title === item.groupName ? groupName(item) : item.title);
  return (
    <section className="panel" aria-labelledby={props.id}>
      <Heading variant="h2" id={props.id}>
        {props.title}
      </Heading>
      {props.extra}
      {props.items.length === 0 ? (
        <Paragraph>{props.empty}</Paragraph>
      ) : (
        <ul className="home-list">
          {props.items.map((item) => (
            <li key={`${item.id}-${item.detail ?? ''}`}>
              <RouteLink to={props.route(item)}>{title(item)}</RouteLink>
              {item.date && <> · {formatDate(item.date)}</>}
              {props.detail?.(item)}
              {item.groupName && item.groupName !== item.title && <span className="muted"> · {groupName(item)}</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Home ("today"): what needs attention now, each item a link to where it is handled. */
export function HomePage(_props: { params: string[] }) {
  const { t } = useTranslation();
  const names = useNames();
  const notify = useApp((s) => s.notify);
  const home = useLoad(() => api.portfolio.home({}), []);
  const people = useLoad(() => api.people.list({}), []);
  const [onlyMine, setOnlyMine] = useState(false);

  if (home.error) return <p role="alert">{describeError(t, home.error)}</p>;
  const h = home.data;

  const chooseMe = async (personId: string) => {
    try {
      await api.portfolio.setMe({ personId: personId || null });
      const person = people.data?.find((p) => p.id === personId);
      notify('success', person ? t('portfolio.home.meSaved', { name: person.name }) : t('portfolio.home.meCleared'));
      home.reload();
    } catch (e) {
      notify('error', describeError(t, e));
    }
  };

  const meetings = h ? (onlyMine && h.me ? h.upcomingMeetings.filter((m) => m.mine) : h.upcomingMeetings) : [];

  return (
    <>
      <div className="page-header">
        <Heading variant="h1">{t('portfolio.home.title')}</Heading>
        <div style={{ minWidth: 280 }}>
          <SelectField
            label={t('portfolio.home.me')}
            value={h?.me?.personId ?? ''}
            onChange={(v) => void chooseMe(v)}
            options={(people.data ?? []).map((p) => ({
              value: p.id,
              label: p.organisationAbbreviation
                ? `${p.name} (${names.orgShort(p.organisationId, p.organisationAbbreviation)})`
                : p.name,
            }))}
            emptyLabel={t('portfolio.home.meNone')}
          />
          <p className="muted">{t('portfolio.home.meHint')}</p>
        </div>
      </div>
      {!h ? (
        <p aria-busy="true">{t('common.loading')}</p>
      ) : (
        <div className="home-grid">
          <ItemList
            id="home-upcoming"
            title={t('portfolio.home.upcoming')}
            empty={t('portfolio.home.noUpcoming')}
            items={meetings}
            route={(m) => to('meetings', m.id)}
            detail={(m) => (
              <>
                {m.detail && ` ${m.detail}`}
                {'mine' in m && (m as { mine: boolean }).mine && <span className="badge lead"> {t('portfolio.home.mine')}</span>}
              </>
            )}
            extra={
              h.me ? (
                <Checkbox checked={onlyMine} onClick={({ checkboxState }) => setOnlyMine(checkboxState)}>
                  {t('portfolio.home.onlyMine')}
                </Checkbox>
              ) : null
            }
          />
          <ItemList
            id="home-overdue"
            title={t('portfolio.home.overdue')}
            empty={t('portfolio.home.noOverdue')}
            items={h.overdueActions}
            route={(a) => to('actions', a.id)}
            detail={(a) => a.detail && <> · {a.detail}</>}
          />
          <ItemList
            id="home-soon"
            title={t('portfolio.home.soonDue')}
            empty={t('portfolio.home.noSoonDue')}
            items={h.soonDueActions}
            route={(a) => to('actions', a.id)}
            detail={(a) => a.detail && <> · {a.detail}</>}
          />
          <ItemList
            id="home-minutes"
            title={t('portfolio.home.minutes')}
            empty={t('portfolio.home.noMinutes')}
            items={h.minutesAwaitingApproval}
            route={(m) => to('meetings', m.id)}
          />
          <ItemList
            id="home-handovers"
            title={t('portfolio.home.handovers')}
            empty={t('portfolio.home.noHandovers')}
            items={h.handoversDue}
            route={(x) => to('rotation', x.groupId ?? '')}
            // "SM → TEM" as the backend writes it; each chair in the UI language (IM → ANM in Swedish).
            detail={(x) => x.detail && <> · {x.detail.split(' → ').map(names.orgShortOf).join(' → ')}</>}
          />
          <ItemList
            id="home-scanning"
            title={t('portfolio.home.scanning')}
            empty={t('portfolio.home.noScanning')}
            items={h.scanningDeadlines}
            route={(r) => to('scanning', r.id)}
            detail={(r) => r.detail && <> · {t(`portfolio.home.deadlines.${r.detail}`)}</>}
          />
        </div>
      )}
    </>
  );
}
