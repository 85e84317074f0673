import { useState, type DragEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Heading, Paragraph } from 'suomifi-ui-components';
import { AGENDA_ITEM_TYPES, computeAgendaTimes, orderAgenda, type AgendaItemType } from '../../../shared/meetings';
import { MEETING_STATUSES, type AgendaItem, type MeetingDetail, type MeetingStatusName } from '../../../shared/domain/meetings';
import { api } from '../../api';
import { to, useApp } from '../../store/app';
import { formatDate, formatDateTime } from '../../ui/dates';
import { describeError } from '../../ui/errors';
import { SelectField, TextAreaField, TextField } from '../../ui/fields';
import { RouteLink } from '../../ui/RouteLink';
import { useLoad } from '../../ui/useLoad';
import { downloadGenerated, downloadMeetingPdf, NativeField, titleOf, uiLang } from './common';
import { ActionsPanel, AttendancePanel, DecisionsPanel, MinutesEditor, OpenActionsList } from './parts';

export function MeetingView({ id }: { id: string }) {
  const { t } = useTranslation();
  const meeting = useLoad(() => api.meetings.get({ id }), [id]);
  if (meeting.error !== undefined) return <p role="alert">{describeError(t, meeting.error)}</p>;
  if (!meeting.data) return <p>{t('common.loading')}</p>;
  const m = meeting.data;
  const locked = m.minutesStatus === 'approved';
  return (
    <>
      <RouteLink to={to('meetings')}>{t('meetings.backToMeetings')}</RouteLink>
      <Heading variant="h1">{m.title}</Heading>
      <Paragraph mt="s">
        <RouteLink to={to('groups', m.groupId)}>{m.groupName}</RouteLink> · {formatDate(m.date)} {m.startTime}–{m.endTime} (
        {m.timeZone}){m.place ? ` · ${m.place}` : ''} · <span className="badge">{t(`meetings.status.${m.status}`)}</span>{' '}
        <span className="badge">{t(`meetings.minutes.status.${m.minutesStatus}`)}</span>
      </Paragraph>
      <div className="toolbar">
        <RouteLink to={to('meetings', m.id, 'run')}>{t('meetings.run.open')}</RouteLink>
        <RouteLink to={to('meetings', 'decisions', m.groupId)}>{t('meetings.decisions.register')}</RouteLink>
      </div>
      {locked && (
        <p role="status" className="panel">
          {t('meetings.minutes.locked')}
        </p>
      )}
      <DetailsPanel m={m} onChange={meeting.reload} />
      <AgendaBuilder m={m} onChange={meeting.reload} locked={locked} />
      <AttendancePanel m={m} onChange={meeting.reload} locked={locked} />
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
      <DecisionsPanel m={m} onChange={meeting.reload} locked={locked} />
      <ActionsPanel m={m} onChange={meeting.reload} locked={locked} />
      <Lifecycle m={m} onChange={meeting.reload} />
      <Documents m={m} />
    </>
  );
}

function DetailsPanel({ m, onChange }: { m: MeetingDetail; onChange: () => void }) {
  const { t } = useTranslation();
  const notify = useApp((s) => s.notify);
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
  const run = async (f: () => Promise<unknown>) => {
    try {
      await f();
      notify('success', t('meetings.saved'));
      onChange();
    } catch (e) {
      notify('error', describeError(t, e));
    }
  };
  const chairName = [
    m.chairPersonId ? m.peopleNames[m.chairPersonId] : '',
    m.organisations.find((o) => o.id === m.chairOrganisationId)?.abbreviation,
  ]
    .filter(Boolean)
    .join(', ');
  return (
    <section className="panel" aria-labelledby="details-heading">
      <Heading variant="h2" id="details-heading">
        {t('meetings.fields.title')}
      </Heading>
      {m.series && <p className="muted">{m.detached ? t('meetings.series.detached') : t('meetings.series.partOf')}</p>}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void run(() => api.meetings.update({ id: m.id, patch: { title, date, startTime, endTime, place }, scope }));
        }}
      >
        <div className="form-grid">
          <TextField label={t('meetings.fields.title')} value={title} onChange={setTitle} />
          <NativeField label={t('meetings.fields.date')} type="date" value={date} onChange={setDate} />
          <NativeField label={t('meetings.fields.startTime')} type="time" value={startTime} onChange={setStart} />
          <NativeField label={t('meetings.fields.endTime')} type="time" value={endTime} onChange={setEnd} />
          <TextField label={t('meetings.fields.place')} value={place} onChange={setPlace} />
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
          <Button type="submit">{t('common.actions.save')}</Button>
        </div>
      </form>
      <form
        className="toolbar"
        onSubmit={(e) => {
          e.preventDefault();
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
          {t('common.actions.save')}
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
            options={(organisations.data ?? []).map((o) => ({ value: o.id, label: o.abbreviation }))}
            emptyLabel={t('common.none')}
          />
          <Button type="submit" variant="secondary">
            {t('meetings.chair.choose')}
          </Button>
        </form>
      )}
    </section>
  );
}

function AgendaBuilder({ m, onChange, locked }: { m: MeetingDetail; onChange: () => void; locked: boolean }) {
  const { t } = useTranslation();
  const notify = useApp((s) => s.notify);
  const [title, setTitle] = useState('');
  const [type, setType] = useState<AgendaItemType>('discussion');
  const [duration, setDuration] = useState('10');
  const [parentId, setParentId] = useState('');
  const [presenterPersonId, setPresenter] = useState('');
  const [presenterOrganisationId, setPresenterOrg] = useState('');
  const [description, setDescription] = useState('');
  const [editing, setEditing] = useState<string | null>(null);
  const [error, setError] = useState<string>();
  const [dragId, setDragId] = useState<string | null>(null);
  const [announce, setAnnounce] = useState('');
  const ordered = orderAgenda(m.agenda);
  const timing = computeAgendaTimes(m.startTime, m.agenda, { endTime: m.endTime });
  const timeOf = new Map(timing.items.map((i) => [i.id, i]));

  const move = async (item: AgendaItem, target: 'up' | 'down' | 'indent' | 'outdent' | number, parent?: string | null) => {
    try {
      const items = await api.meetings.moveAgendaItem({
        id: item.id,
        to: target,
        ...(parent !== undefined ? { parentId: parent } : {}),
      });
      const now = orderAgenda(items).find((o) => o.item.id === item.id);
      setAnnounce(t('meetings.agenda.moved', { title: titleOf(t, item), position: now?.number ?? '' }));
      onChange();
    } catch (e) {
      notify('error', describeError(t, e));
    }
  };
  const onKey = (e: KeyboardEvent, item: AgendaItem) => {
    if (!e.altKey || locked) return;
    const map: Record<string, 'up' | 'down' | 'indent' | 'outdent'> = {
      ArrowUp: 'up',
      ArrowDown: 'down',
      ArrowRight: 'indent',
      ArrowLeft: 'outdent',
    };
    const target = map[e.key];
    if (target) {
      e.preventDefault();
      void move(item, target);
    }
  };
  const onDrop = (e: DragEvent, target: AgendaItem, parent: string | null) => {
    e.preventDefault();
    const item = m.agenda.find((a) => a.id === dragId);
    setDragId(null);
    if (!item || item.id === target.id) return;
    const siblings = ordered.filter((o) => o.parentId === parent);
    const index = siblings.findIndex((o) => o.item.id === target.id);
    void move(item, Math.max(0, index), parent);
  };
  const add = async () => {
    try {
      await api.meetings.addAgendaItem({
        meetingId: m.id,
        parentId: parentId || null,
        type,
        title,
        durationMinutes: Number(duration),
        presenterPersonId: presenterPersonId || null,
        presenterOrganisationId: presenterOrganisationId || null,
        description: description || null,
      });
      setTitle('');
      setDescription('');
      setError(undefined);
      onChange();
    } catch (e) {
      setError(describeError(t, e));
    }
  };
  return (
    <section className="panel" aria-labelledby="agenda-heading">
      <Heading variant="h2" id="agenda-heading">
        {t('meetings.agenda.title')}
      </Heading>
      <p className="muted">{t('meetings.agenda.dragHint')}</p>
      <p>{t('meetings.agenda.total', { total: timing.totalMinutes, length: timing.meetingMinutes ?? 0 })}</p>
      {timing.overrun && (
        <p role="alert" className="field-error">
          {t('meetings.agenda.overrun', { minutes: timing.overrunMinutes })}
        </p>
      )}
      <span className="visually-hidden" role="status" aria-live="polite">
        {announce}
      </span>
      {ordered.length === 0 ? (
        <Paragraph>{t('meetings.agenda.empty')}</Paragraph>
      ) : (
        <ol className="agenda-list" style={{ listStyle: 'none', padding: 0 }}>
          {ordered.map((o) => {
            const item = o.item;
            const tm = timeOf.get(item.id);
            const name = titleOf(t, item);
            return (
              <li
                key={item.id}
                draggable={!locked}
                onDragStart={() => setDragId(item.id)}
                onDragOver={(e) => e.preventDefault()}
                onDrop={(e) => onDrop(e, item, o.parentId)}
                onKeyDown={(e) => onKey(e, item)}
                style={{ marginLeft: o.depth * 24, padding: '6px 0', borderBottom: '1px solid #ddd' }}
                aria-label={`${o.number}. ${name}`}
              >
                <strong>
                  {tm?.start} {o.number}. {name}
                </strong>{' '}
                <span className="badge">{t(`meetings.agenda.types.${item.type}`)}</span> {item.durationMinutes} min
                {tm?.pastMeetingEnd && <span className="badge"> {t('meetings.agenda.pastEnd')}</span>}
                {item.carriedFromId && <span className="muted"> · {t('meetings.agenda.carried')}</span>}
                {(item.presenterPersonId || item.presenterOrganisationId) && (
                  <span className="muted">
                    {' · '}
                    {t('meetings.agenda.presenterIs', {
                      name: [
                        item.presenterPersonId ? m.peopleNames[item.presenterPersonId] : '',
                        m.organisations.find((o) => o.id === item.presenterOrganisationId)?.abbreviation,
                      ]
                        .filter(Boolean)
                        .join(', '),
                    })}
                  </span>
                )}
                {item.description && <div className="muted">{item.description}</div>}
                {item.standingKey === 'open_actions_review' && <OpenActionsList m={m} />}
                {!locked && editing === item.id && (
                  <ItemEditor
                    m={m}
                    item={item}
                    onDone={() => {
                      setEditing(null);
                      onChange();
                    }}
                  />
                )}
                {!locked && (
                  <div className="toolbar" style={{ marginTop: 4 }}>
                    <button
                      type="button"
                      className="link-button"
                      aria-label={t('meetings.agenda.moveUp', { title: name })}
                      onClick={() => void move(item, 'up')}
                    >
                      ↑
                    </button>
                    <button
                      type="button"
                      className="link-button"
                      aria-label={t('meetings.agenda.moveDown', { title: name })}
                      onClick={() => void move(item, 'down')}
                    >
                      ↓
                    </button>
                    {o.depth === 0 ? (
                      <button
                        type="button"
                        className="link-button"
                        aria-label={t('meetings.agenda.indent', { title: name })}
                        onClick={() => void move(item, 'indent')}
                      >
                        →
                      </button>
                    ) : (
                      <button
                        type="button"
                        className="link-button"
                        aria-label={t('meetings.agenda.outdent', { title: name })}
                        onClick={() => void move(item, 'outdent')}
                      >
                        ←
                      </button>
                    )}
                    <label>
                      <input
                        type="checkbox"
                        checked={item.continueNext}
                        onChange={(e) =>
                          void api.meetings
                            .updateAgendaItem({ id: item.id, patch: { continueNext: e.target.checked } })
                            .then(onChange, (err: unknown) => notify('error', describeError(t, err)))
                        }
                      />{' '}
                      {t('meetings.agenda.continueNext')}
                      <span className="visually-hidden">: {name}</span>
                    </label>
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => setEditing(editing === item.id ? null : item.id)}
                    >
                      {t('meetings.agenda.edit', { title: name })}
                    </button>
                    <button
                      type="button"
                      className="link-button"
                      onClick={() =>
                        void api.meetings
                          .removeAgendaItem({ id: item.id })
                          .then(onChange, (err: unknown) => notify('error', describeError(t, err)))
                      }
                    >
                      {t('meetings.agenda.remove', { title: name })}
                    </button>
                  </div>
                )}
              </li>
            );
          })}
        </ol>
      )}
      {!locked && (
        <form
          aria-label={t('meetings.agenda.add')}
          onSubmit={(e) => {
            e.preventDefault();
            void add();
          }}
        >
          <div className="form-grid">
            <TextField label={t('meetings.agenda.itemTitle')} value={title} onChange={setTitle} error={error} />
            <SelectField<AgendaItemType>
              label={t('meetings.agenda.type')}
              value={type}
              onChange={(v) => v && setType(v)}
              options={AGENDA_ITEM_TYPES.map((x) => ({ value: x, label: t(`meetings.agenda.types.${x}`) }))}
            />
            <NativeField
              label={t('meetings.agenda.duration')}
              type="number"
              min={0}
              max={1440}
              value={duration}
              onChange={setDuration}
            />
            <SelectField
              label={t('meetings.agenda.section')}
              value={parentId}
              onChange={setParentId}
              options={ordered
                .filter((o) => o.depth === 0)
                .map((o) => ({ value: o.item.id, label: `${o.number}. ${titleOf(t, o.item)}` }))}
              emptyLabel={t('meetings.agenda.topLevel')}
            />
            <SelectField
              label={t('meetings.agenda.presenterPerson')}
              value={presenterPersonId}
              onChange={setPresenter}
              options={m.members.map((x) => ({ value: x.personId, label: x.personName }))}
              emptyLabel={t('common.none')}
            />
            <SelectField
              label={t('meetings.agenda.presenterOrganisation')}
              value={presenterOrganisationId}
              onChange={setPresenterOrg}
              options={m.organisations.map((o) => ({ value: o.id, label: o.abbreviation }))}
              emptyLabel={t('common.none')}
            />
          </div>
          <TextAreaField
            label={t('meetings.agenda.description')}
            value={description}
            onChange={setDescription}
            optional={t('common.optional')}
          />
          <div className="form-actions">
            <Button type="submit">{t('meetings.agenda.add')}</Button>
          </div>
        </form>
      )}
    </section>
  );
}

function ItemEditor({ m, item, onDone }: { m: MeetingDetail; item: AgendaItem; onDone: () => void }) {
  const { t } = useTranslation();
  const [title, setTitle] = useState(titleOf(t, item));
  const [type, setType] = useState<AgendaItemType>(item.type);
  const [duration, setDuration] = useState(String(item.durationMinutes));
  const [description, setDescription] = useState(item.description ?? '');
  const [presenterPersonId, setPresenter] = useState(item.presenterPersonId ?? '');
  const [presenterOrganisationId, setPresenterOrg] = useState(item.presenterOrganisationId ?? '');
  const [error, setError] = useState<string>();
  const save = async () => {
    try {
      await api.meetings.updateAgendaItem({
        id: item.id,
        patch: {
          // A standing item keeps its translated title unless the user actually renames it.
          ...(title !== titleOf(t, item) ? { title } : {}),
          type,
          durationMinutes: Number(duration),
          description: description || null,
          presenterPersonId: presenterPersonId || null,
          presenterOrganisationId: presenterOrganisationId || null,
        },
      });
      onDone();
    } catch (e) {
      setError(describeError(t, e));
    }
  };
  return (
    <form
      aria-label={t('meetings.agenda.edit', { title: titleOf(t, item) })}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <div className="form-grid">
        <TextField label={t('meetings.agenda.itemTitle')} value={title} onChange={setTitle} error={error} />
        <SelectField<AgendaItemType>
          label={t('meetings.agenda.type')}
          value={type}
          onChange={(v) => v && setType(v)}
          options={AGENDA_ITEM_TYPES.map((x) => ({ value: x, label: t(`meetings.agenda.types.${x}`) }))}
        />
        <NativeField
          label={t('meetings.agenda.duration')}
          type="number"
          min={0}
          max={1440}
          value={duration}
          onChange={setDuration}
        />
        <SelectField
          label={t('meetings.agenda.presenterPerson')}
          value={presenterPersonId}
          onChange={setPresenter}
          options={m.members.map((x) => ({ value: x.personId, label: x.personName }))}
          emptyLabel={t('common.none')}
        />
        <SelectField
          label={t('meetings.agenda.presenterOrganisation')}
          value={presenterOrganisationId}
          onChange={setPresenterOrg}
          options={m.organisations.map((o) => ({ value: o.id, label: o.abbreviation }))}
          emptyLabel={t('common.none')}
        />
      </div>
      <TextAreaField
        label={t('meetings.agenda.description')}
        value={description}
        onChange={setDescription}
        optional={t('common.optional')}
      />
      <div className="form-actions">
        <Button type="submit">{t('common.actions.save')}</Button>
        <Button type="button" variant="secondary" onClick={onDone}>
          {t('common.actions.cancel')}
        </Button>
      </div>
    </form>
  );
}

function Lifecycle({ m, onChange }: { m: MeetingDetail; onChange: () => void }) {
  const { t } = useTranslation();
  const notify = useApp((s) => s.notify);
  const [note, setNote] = useState('');
  const run = (f: () => Promise<unknown>) =>
    void f().then(
      () => onChange(),
      (e: unknown) => notify('error', describeError(t, e)),
    );
  return (
    <section className="panel" aria-labelledby="lifecycle-heading">
      <Heading variant="h2" id="lifecycle-heading">
        {t('meetings.minutes.history')}
      </Heading>
      <p>{t(`meetings.minutes.status.${m.minutesStatus}`)}</p>
      <div className="toolbar">
        {m.minutesStatus === 'draft' && (
          <Button onClick={() => run(() => api.meetings.sendForReview({ id: m.id }))}>
            {t('meetings.minutes.sendForReview')}
          </Button>
        )}
        {m.minutesStatus !== 'approved' && (
          <Button onClick={() => run(() => api.meetings.approveMinutes({ id: m.id }))}>{t('meetings.minutes.approve')}</Button>
        )}
      </div>
      {m.minutesStatus === 'approved' && (
        <form
          className="toolbar"
          onSubmit={(e) => {
            e.preventDefault();
            run(() => api.meetings.reopenMinutes({ id: m.id, note }));
          }}
        >
          <TextField label={t('meetings.minutes.reopenNote')} value={note} onChange={setNote} />
          <Button type="submit" variant="secondary">
            {t('meetings.minutes.reopen')}
          </Button>
        </form>
      )}
      <ul>
        {m.minutesHistory.map((h) => (
          <li key={h.id}>
            {formatDateTime(h.at)}: {t(`meetings.minutes.historyStatus.${h.status}`)}
            {h.note ? ` — ${h.note}` : ''}
          </li>
        ))}
      </ul>
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
