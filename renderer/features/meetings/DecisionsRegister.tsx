import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Heading, Paragraph } from 'suomifi-ui-components';
import { api } from '../../api';
import { to, useApp } from '../../store/app';
import { formatDate } from '../../ui/dates';
import { describeError } from '../../ui/errors';
import { TextField } from '../../ui/fields';
import { RouteLink } from '../../ui/RouteLink';
import { useLoad } from '../../ui/useLoad';
import { downloadGenerated, titleOf, uiLang } from './common';

/** `#/meetings/decisions/<groupId>`: every decision of a group, searchable, each linked to its meeting. */
export function DecisionsRegister({ groupId }: { groupId: string }) {
  const { t } = useTranslation();
  const notify = useApp((s) => s.notify);
  const [query, setQuery] = useState('');
  const group = useLoad(() => api.groups.get({ id: groupId }), [groupId]);
  const rows = useLoad(() => api.meetings.decisions({ groupId, ...(query ? { query } : {}) }), [groupId, query]);
  const download = (format: 'docx' | 'md' | 'html') =>
    void api.meetings
      .decisionsDocument({ groupId, format, lang: uiLang() })
      .then(downloadGenerated)
      .catch((e: unknown) => notify('error', describeError(t, e)));
  return (
    <>
      <RouteLink to={to('groups', groupId)}>{group.data?.name ?? ''}</RouteLink>
      <Heading variant="h1">
        {t('meetings.decisions.registerTitle')}
        {group.data ? `: ${group.data.name}` : ''}
      </Heading>
      <div className="toolbar" role="search">
        <TextField label={t('meetings.decisions.search')} value={query} onChange={setQuery} />
      </div>
      <div className="toolbar">
        <Button variant="secondary" onClick={() => download('docx')}>
          {t('meetings.documents.docx', { doc: t('meetings.decisions.registerTitle') })}
        </Button>
        <Button variant="secondary" onClick={() => download('md')}>
          {t('meetings.documents.md', { doc: t('meetings.decisions.registerTitle') })}
        </Button>
        <Button variant="secondary" onClick={() => download('html')}>
          HTML
        </Button>
      </div>
      {rows.error !== undefined && <p role="alert">{describeError(t, rows.error)}</p>}
      {(rows.data ?? []).length === 0 ? (
        <Paragraph>{t('meetings.decisions.none')}</Paragraph>
      ) : (
        <table className="data">
          <thead>
            <tr>
              <th scope="col">{t('meetings.decisions.number')}</th>
              <th scope="col">{t('meetings.fields.date')}</th>
              <th scope="col">{t('meetings.decisions.meeting')}</th>
              <th scope="col">{t('meetings.decisions.text')}</th>
            </tr>
          </thead>
          <tbody>
            {(rows.data ?? []).map((d) => (
              <tr key={d.id}>
                <td>{d.number}</td>
                <td>{formatDate(d.meetingDate)}</td>
                <td>
                  {d.meetingId && <RouteLink to={to('meetings', d.meetingId)}>{d.meetingTitle ?? ''}</RouteLink>}
                  {d.agendaItemId ? ` / ${titleOf(t, { title: d.agendaItemTitle, standingKey: d.agendaItemKey })}` : ''}
                </td>
                <td style={{ whiteSpace: 'pre-wrap' }}>{d.text}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
