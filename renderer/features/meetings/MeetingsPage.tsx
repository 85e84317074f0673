import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Heading, Paragraph } from 'suomifi-ui-components';
import { MEETING_STATUSES, type MeetingStatusName } from '../../../shared/domain/meetings';
import { api } from '../../api';
import { to } from '../../store/app';
import { formatDate } from '../../ui/dates';
import { describeError } from '../../ui/errors';
import { SelectField, TextField } from '../../ui/fields';
import { RouteLink } from '../../ui/RouteLink';
import { useLoad } from '../../ui/useLoad';
import { NativeField } from './common';
import { DecisionsRegister } from './DecisionsRegister';
import { MeetingForm } from './MeetingForm';
import { extraParts, isMeetingTab, MeetingView } from './MeetingView';
import { PresentationView } from './PresentationView';
import { InvitationsPanel } from './Invitations';
import { MaterialsPanel } from './Materials';

// Materials and invitations live in the meeting's Documents part (issue #17).
extraParts.documents.push(MaterialsPanel, InvitationsPanel);
import { RunMode } from './RunMode';
import { useNames } from '../../ui/names';

/**
 * `#/meetings` the list across groups; `#/meetings/<id>[/<tab>]` one meeting, on one of its parts
 * (details, agenda, attendance, minutes, actions, documents); `#/meetings/<id>/run` run mode;
 * `#/meetings/<id>/present` the presentation view for a second screen (shown without the app's frame);
 * `#/meetings/decisions/<groupId>` a group's decisions register.
 */
export function MeetingsPage({ params }: { params: string[] }) {
  if (params[0] === 'decisions' && params[1]) return <DecisionsRegister groupId={params[1]} />;
  if (params[0] && params[1] === 'run') return <RunMode id={params[0]} />;
  if (params[0] && params[1] === 'present') return <PresentationView id={params[0]} />;
  if (params[0]) return <MeetingView id={params[0]} tab={isMeetingTab(params[1]) ? params[1] : 'details'} />;
  return <MeetingList />;
}

function MeetingList() {
  const { t } = useTranslation();
  const names = useNames();
  const [groupId, setGroupId] = useState('');
  const [status, setStatus] = useState<MeetingStatusName | ''>('');
  const [from, setFrom] = useState('');
  const [until, setUntil] = useState('');
  const [query, setQuery] = useState('');
  const [form, setForm] = useState<'meeting' | 'series' | null>(null);
  const groups = useLoad(() => api.groups.list({}), []);
  const meetings = useLoad(
    () =>
      api.meetings.list({
        ...(groupId ? { groupId } : {}),
        ...(status ? { status } : {}),
        ...(from ? { from } : {}),
        ...(until ? { to: until } : {}),
        ...(query ? { query } : {}),
      }),
    [groupId, status, from, until, query],
  );
  return (
    <>
      <Heading variant="h1">{t('meetings.title')}</Heading>
      <Paragraph mt="s">{t('meetings.intro')}</Paragraph>
      <div className="toolbar">
        <Button onClick={() => setForm('meeting')}>{t('meetings.newMeeting')}</Button>
        <Button variant="secondary" onClick={() => setForm('series')}>
          {t('meetings.newSeries')}
        </Button>
        <RouteLink to={to('actions')}>{t('meetings.actions.title')}</RouteLink>
      </div>
      {form && (
        <MeetingForm
          groups={groups.data ?? []}
          series={form === 'series'}
          onDone={() => {
            setForm(null);
            meetings.reload();
          }}
          onCancel={() => setForm(null)}
        />
      )}
      <div className="toolbar" role="search">
        <SelectField
          label={t('meetings.filters.group')}
          value={groupId}
          onChange={setGroupId}
          options={(groups.data ?? []).map((g) => ({ value: g.id, label: names.group(g) }))}
          emptyLabel={t('meetings.filters.allGroups')}
        />
        <SelectField<MeetingStatusName>
          label={t('meetings.filters.status')}
          value={status}
          onChange={setStatus}
          options={MEETING_STATUSES.map((s) => ({ value: s, label: t(`meetings.status.${s}`) }))}
          emptyLabel={t('meetings.filters.allStatuses')}
        />
        <NativeField label={t('meetings.filters.from')} type="date" value={from} onChange={setFrom} />
        <NativeField label={t('meetings.filters.to')} type="date" value={until} onChange={setUntil} />
        <TextField label={t('meetings.filters.search')} value={query} onChange={setQuery} />
      </div>
      {meetings.error !== undefined && <p role="alert">{describeError(t, meetings.error)}</p>}
      <MeetingTable rows={meetings.data ?? []} showGroup />
    </>
  );
}

export function MeetingTable(props: {
  rows: Array<{
    id: string;
    title: string;
    date: string;
    startTime: string;
    endTime: string;
    status: MeetingStatusName;
    groupId?: string;
    groupName?: string;
    place: string | null;
  }>;
  showGroup?: boolean;
  caption?: string;
  /** What to say when there are no rows (default: nothing matches the filters). */
  empty?: string;
}) {
  const { t } = useTranslation();
  const names = useNames();
  if (props.rows.length === 0) return <Paragraph mt="s">{props.empty ?? t('meetings.empty')}</Paragraph>;
  return (
    <table className="data" style={{ marginTop: 12 }}>
      {props.caption && <caption>{props.caption}</caption>}
      <thead>
        <tr>
          <th scope="col">{t('meetings.fields.date')}</th>
          <th scope="col">{t('meetings.fields.time')}</th>
          <th scope="col">{t('meetings.fields.title')}</th>
          {props.showGroup && <th scope="col">{t('meetings.fields.group')}</th>}
          <th scope="col">{t('meetings.fields.place')}</th>
          <th scope="col">{t('meetings.fields.status')}</th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map((m) => (
          <tr key={m.id}>
            <td>{formatDate(m.date)}</td>
            <td>
              {m.startTime}–{m.endTime}
            </td>
            <td>
              <RouteLink to={to('meetings', m.id)}>{m.title}</RouteLink>
            </td>
            {props.showGroup && <td>{names.group(m.groupId, m.groupName)}</td>}
            <td>{m.place}</td>
            <td>
              <span className="badge">{t(`meetings.status.${m.status}`)}</span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
