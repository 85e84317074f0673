import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Heading } from 'suomifi-ui-components';
import { meetingPatch } from '../../../shared/contract/meetings';
import { orderAgenda } from '../../../shared/meetings';
import { MEETING_STATUSES, type MeetingDetail, type MeetingStatusName } from '../../../shared/domain/meetings';
import { api } from '../../api';
import { to, useApp } from '../../store/app';
import { formatDate } from '../../ui/dates';
import { describeError, validateWith, type FieldErrors } from '../../ui/errors';
import { SelectField, TextField } from '../../ui/fields';
import { PageTabs } from '../../ui/PageTabs';
import { RouteLink } from '../../ui/RouteLink';
import { useLoad } from '../../ui/useLoad';
import { AgendaBuilder } from './AgendaBuilder';
import { downloadGenerated, downloadMeetingPdf, NativeField, titleOf, uiLang } from './common';
import { MinutesLifecycle } from './MinutesLifecycle';
import { ActionsPanel, AttendancePanel, DecisionsPanel, MinutesEditor } from './parts';
import { openPresentation } from './runShare';
import { ReplacedByImportSign } from '../exchange/ReplacedSign';
import { today } from '../../ui/today';
import { useNames } from '../../ui/names';

/** The parts of a meeting page; each has its own address `#/meetings/<id>/<tab>` so Back and links work. */
export const MEETING_TABS = ['details', 'agenda', 'attendance', 'minutes', 'actions', 'documents'] as const;
export type MeetingTab = (typeof MEETING_TABS)[number];

export const isMeetingTab = (s: string | undefined): s is MeetingTab => (MEETING_TABS as readonly string[]).includes(s ?? '');

/**
 * Other features add their part of a meeting page here (e.g. materials under Documents), so the page
 * keeps one structure: `extraParts.documents.push(Component)`.
 */
export const extraParts: Record<MeetingTab, Array<(props: { m: MeetingDetail; reload: () => void }) => ReactNode>> = {
  details: [],
  agenda: [],
  attendance: [],
  minutes: [],
  actions: [],
  documents: [],
};

export function MeetingView({ id, tab = 'details' }: { id: string; tab?: MeetingTab }) {
  const { t } = useTranslation();
  const meeting = useLoad(() => api.meetings.get({ id }), [id]);
  if (meeting.error !== undefined) return <p role="alert">{describeError(t, meeting.error)}</p>;
  // Until this meeting's own data has arrived, show nothing of the previous one (no stale forms).
  if (!meeting.data || meeting.data.id !== id) return <p>{t('common.loading')}</p>;
  const m = meeting.data;
  // Keyed by the meeting: every form below starts from this meeting's values, however the user came here.
  return <MeetingPage key={m.id} m={m} tab={tab} reload={meeting.reload} />;
}

function MeetingPage({ m, tab, reload }: { m: MeetingDetail; tab: MeetingTab; reload: () => void }) {
  const { t } = useTranslation();
  const names = useNames();
  const locked = m.minutesStatus === 'approved';
  const counts: Partial<Record<MeetingTab, number>> = {
    agenda: m.agenda.length,
    attendance: m.attendance.filter((a) => a.status === 'present' || a.status === 'remote').length,
    actions: m.actions.length,
  };
  return (
    <>
      <RouteLink to={to('meetings')}>{t('meetings.backToMeetings')}</RouteLink>
      <Heading variant="h1">{m.title}</Heading>
      <p className="meeting-summary">
        <RouteLink to={to('groups', m.groupId)}>{names.group(m.groupId, m.groupName)}</RouteLink> · {formatDate(m.date)}{' '}
        {m.startTime}–{m.endTime} ({m.timeZone}){m.place ? ` · ${m.place}` : ''} ·{' '}
        <span className="badge">{t(`meetings.status.${m.status}`)}</span>{' '}
        <span className="badge">{t(`meetings.minutes.status.${m.minutesStatus}`)}</span>
      </p>
      <ReplacedByImportSign meetingId={m.id} />
      <div className="toolbar">
        <RouteLink to={to('meetings', m.id, 'run')}>{t('meetings.run.open')}</RouteLink>
        <button type="button" className="link-button" onClick={() => openPresentation(m.id)}>
          {t('meetings.present.open')}
        </button>
        <RouteLink to={to('meetings', 'decisions', m.groupId)}>{t('meetings.decisions.register')}</RouteLink>
      </div>
      <PageTabs
        label={t('meetings.tabs.label')}
        current={tab}
        tabs={MEETING_TABS.map((k) => ({
          key: k,
          label: `${t(`meetings.tabs.${k}`)}${counts[k] !== undefined ? ` (${counts[k]})` : ''}`,
          to: to('meetings', m.id, k),
        }))}
      />
      {locked && (
        <p role="status" className="panel">
          {t('meetings.minutes.locked')}
        </p>
      )}
      {tab === 'details' && <DetailsPanel m={m} onChange={reload} />}
      {tab === 'agenda' && <AgendaBuilder m={m} onChange={reload} locked={locked} />}
      {tab === 'attendance' && <AttendancePanel m={m} onChange={reload} locked={locked} />}
      {tab === 'minutes' && (
        <>
          <MinutesLifecycle m={m} onChange={reload} />
          <section className="panel" aria-labelledby="minutes-heading">
            <Heading variant="h2" id="minutes-heading">
              {t('meetings.minutes.title')}
            </Heading>
            {orderAgenda(m.agenda).map((o) => (
              <MinutesEditor
                key={`${o.item.id}-${locked}`}
                itemId={o.item.id}
                title={`${o.number}. ${titleOf(t, o.item)}`}
                initial={o.item.minutes ?? ''}
                locked={locked}
              />
            ))}
          </section>
          <DecisionsPanel m={m} onChange={reload} locked={locked} />
        </>
      )}
      {tab === 'actions' && <ActionsPanel m={m} onChange={reload} locked={locked} />}
      {tab === 'documents' && <Documents m={m} />}
      {extraParts[tab].map((Part, i) => (
        <Part key={i} m={m} reload={reload} />
      ))}
    </>
  );
}

function DetailsPanel({ m, onChange }: { m: MeetingDetail; onChange: () => void }) {
  const { t } = useTranslation();
  const names = useNames();
  const notify = useApp((s) => s.notify);
  const navigate = useApp((s) => s.navigate);
  const people = useLoad(() => api.people.list({}), []);
  const organisations = useLoad(() => api.organisations.list({}), []);
  const [title, setTitle] = useState(m.title);
  const [date, setDate] = useState(m.date);
  const [startTime, setStart] = useState(m.startTime);
  const [endTime, setEnd] = useState(m.endTime);
  const [place, setPlace] = useState(m.place ?? '');
  const [scope, setScope] = useState<'this' | 'following'>('this');
  const [status, setStatus] = useState<MeetingStatusName>(m.status);
  const [chairPerson, setChairPerson] = useState(m.chairPersonId ?? '');
  const [chairOrg, setChairOrg] = useState(m.chairOrganisationId ?? '');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [confirmArchive, setConfirmArchive] = useState(false);
  const run = async (f: () => Promise<unknown>) => {
    try {
      await f();
      notify('success', t('meetings.saved'));
      onChange();
    } catch (e) {
      notify('error', describeError(t, e));
    }
  };
  const save = () => {
    // Only what the user changed travels: an untouched field stays as it is (and keeps its clock).
    const values = { title, date, startTime, endTime, place: place || null };
    const patch = Object.fromEntries(
      Object.entries(values).filter(([k, v]) => v !== ((m as unknown as Record<string, unknown>)[k] ?? null)),
    );
    const v = validateWith(t, meetingPatch, patch);
    if (!v.ok) return setErrors(v.errors);
    setErrors({});
    void run(() => api.meetings.update({ id: m.id, patch: v.data, scope }));
  };
  const chairName = [
    m.chairPersonId ? m.peopleNames[m.chairPersonId] : '',
    m.chairOrganisationId
      ? names.orgShort(m.chairOrganisationId, m.organisations.find((o) => o.id === m.chairOrganisationId)?.abbreviation)
      : '',
  ]
    .filter(Boolean)
    .join(', ');
  return (
    <section className="panel" aria-labelledby="details-heading">
      <Heading variant="h2" id="details-heading">
        {t('meetings.details.title')}
      </Heading>
      {m.series && <p className="muted">{m.detached ? t('meetings.series.detached') : t('meetings.series.partOf')}</p>}
      <form
        aria-labelledby="details-heading"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          save();
        }}
      >
        <div className="form-grid">
          <TextField label={t('meetings.fields.title')} value={title} onChange={setTitle} error={errors.title} />
          <NativeField label={t('meetings.fields.date')} type="date" value={date} onChange={setDate} error={errors.date} />
          <NativeField
            label={t('meetings.fields.startTime')}
            type="time"
            value={startTime}
            onChange={setStart}
            error={errors.startTime}
          />
          <NativeField
            label={t('meetings.fields.endTime')}
            type="time"
            value={endTime}
            onChange={setEnd}
            error={errors.endTime}
          />
          <TextField label={t('meetings.fields.place')} value={place} onChange={setPlace} error={errors.place} />
          {m.seriesId && (
            <SelectField<'this' | 'following'>
              label={t('meetings.series.scope')}
              value={scope}
              onChange={(v) => v && setScope(v)}
              options={[
                { value: 'this', label: t('meetings.series.scopeThis') },
                { value: 'following', label: t('meetings.series.scopeFollowing') },
              ]}
            />
          )}
        </div>
        <div className="form-actions">
          <Button type="submit">{t('meetings.details.save')}</Button>
        </div>
      </form>
      <form
        className="toolbar"
        aria-label={t('meetings.fields.status')}
        onSubmit={(e) => {
          e.preventDefault();
          // A meeting marked held keeps its chair for good (rotation): a date still ahead asks first (#15).
          if (status === 'held' && m.date > today() && !window.confirm(t('rotation.heldAhead', { date: formatDate(m.date) })))
            return;
          void run(() => api.meetings.setStatus({ id: m.id, status, movedToDate: status === 'moved' ? date : null }));
        }}
      >
        <SelectField<MeetingStatusName>
          label={t('meetings.fields.status')}
          value={status}
          onChange={(v) => v && setStatus(v)}
          options={MEETING_STATUSES.map((s) => ({ value: s, label: t(`meetings.status.${s}`) }))}
        />
        <Button type="submit" variant="secondary">
          {t('meetings.details.saveStatus')}
        </Button>
      </form>
      <p>
        <strong>{t('meetings.fields.chair')}: </strong>
        {chairName || t('meetings.chair.none')} {m.chairFromRotation && `(${t('meetings.chair.fromRotation')})`}
      </p>
      {!m.chairFromRotation && m.status !== 'held' && (
        <form
          className="toolbar"
          aria-label={t('meetings.chair.choose')}
          onSubmit={(e) => {
            e.preventDefault();
            void run(() =>
              api.meetings.setChair({ id: m.id, chairPersonId: chairPerson || null, chairOrganisationId: chairOrg || null }),
            );
          }}
        >
          <SelectField
            label={t('meetings.chair.person')}
            value={chairPerson}
            onChange={setChairPerson}
            options={(people.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
            emptyLabel={t('common.none')}
          />
          <SelectField
            label={t('meetings.chair.organisation')}
            value={chairOrg}
            onChange={setChairOrg}
            options={(organisations.data ?? []).map((o) => ({ value: o.id, label: names.orgShort(o) }))}
            emptyLabel={t('common.none')}
          />
          <Button type="submit" variant="secondary">
            {t('meetings.chair.choose')}
          </Button>
        </form>
      )}
      {m.status !== 'held' && (
        <div className="toolbar">
          {confirmArchive ? (
            <>
              <span role="alert">{t('meetings.details.archiveConfirm', { title: m.title })}</span>
              <Button
                variant="secondary"
                onClick={() =>
                  void api.meetings.archive({ id: m.id }).then(
                    () => {
                      notify('success', t('meetings.details.archived', { title: m.title }));
                      navigate(to('groups', m.groupId));
                    },
                    (e: unknown) => notify('error', describeError(t, e)),
                  )
                }
              >
                {t('meetings.details.archiveYes')}
              </Button>
              <Button variant="secondary" onClick={() => setConfirmArchive(false)}>
                {t('common.actions.cancel')}
              </Button>
            </>
          ) : (
            <Button variant="secondary" onClick={() => setConfirmArchive(true)}>
              {t('meetings.details.archive')}
            </Button>
          )}
        </div>
      )}
    </section>
  );
}

function Documents({ m }: { m: MeetingDetail }) {
  const { t } = useTranslation();
  const notify = useApp((s) => s.notify);
  const go = (f: () => Promise<unknown>) => void f().catch((e: unknown) => notify('error', describeError(t, e)));
  const doc = (kind: 'agenda' | 'minutes', format: 'docx' | 'md') =>
    go(async () => downloadGenerated(await api.meetings.document({ id: m.id, kind, format, lang: uiLang() })));
  return (
    <section className="panel" aria-labelledby="documents-heading">
      <Heading variant="h2" id="documents-heading">
        {t('meetings.documents.title')}
      </Heading>
      {(['agenda', 'minutes'] as const).map((kind) => {
        const name = t(kind === 'agenda' ? 'meetings.documents.agendaTitle' : 'meetings.documents.minutesTitle');
        return (
          <div className="toolbar" key={kind}>
            <Button variant="secondary" onClick={() => go(() => downloadMeetingPdf(m.id, kind))}>
              {t('meetings.documents.pdf', { doc: name })}
            </Button>
            <Button variant="secondary" onClick={() => doc(kind, 'docx')}>
              {t('meetings.documents.docx', { doc: name })}
            </Button>
            <Button variant="secondary" onClick={() => doc(kind, 'md')}>
              {t('meetings.documents.md', { doc: name })}
            </Button>
          </div>
        );
      })}
      <div className="toolbar">
        <Button
          variant="secondary"
          onClick={() => go(async () => downloadGenerated(await api.meetings.calendar({ meetingId: m.id, lang: uiLang() })))}
        >
          {t('meetings.documents.ics')}
        </Button>
        {m.seriesId && (
          <Button
            variant="secondary"
            onClick={() =>
              go(async () => downloadGenerated(await api.meetings.calendar({ seriesId: m.seriesId!, lang: uiLang() })))
            }
          >
            {t('meetings.series.export')}
          </Button>
        )}
      </div>
    </section>
  );
}
