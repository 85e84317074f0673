import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Heading, Paragraph } from 'suomifi-ui-components';
import { ATTENDANCE_STATUSES, type AttendanceStatus } from '../../../shared/meetings';
import type { MeetingDetail } from '../../../shared/domain/meetings';
import { api } from '../../api';
import { to, useApp } from '../../store/app';
import { formatDate } from '../../ui/dates';
import { describeError } from '../../ui/errors';
import { SelectField, TextAreaField, TextField } from '../../ui/fields';
import { RouteLink } from '../../ui/RouteLink';
import { useLoad } from '../../ui/useLoad';
import { NativeField, titleOf } from './common';

const DRAFT_KEY = (itemId: string) => `painopiste.minutes.${itemId}`;

/**
 * Minutes of one agenda item, saved as you type: every keystroke goes to local storage at once and to
 * the database after a short pause (and on blur / leaving), so a closed window or a crash loses nothing.
 * A draft left in local storage is written back the next time the item is opened.
 */
export function MinutesEditor(props: { itemId: string; title: string; initial: string; locked: boolean }) {
  const { t } = useTranslation();
  const [text, setText] = useState(() => localStorage.getItem(DRAFT_KEY(props.itemId)) ?? props.initial);
  const [state, setState] = useState<'saved' | 'saving' | 'dirty' | 'error'>('saved');
  const [error, setError] = useState<string>();
  const pending = useRef<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>();

  const flush = async () => {
    clearTimeout(timer.current);
    const value = pending.current;
    if (value === null) return;
    pending.current = null;
    setState('saving');
    try {
      await api.meetings.saveMinutes({ agendaItemId: props.itemId, minutes: value });
      if (pending.current === null) {
        localStorage.removeItem(DRAFT_KEY(props.itemId));
        setState('saved');
      }
      setError(undefined);
    } catch (e) {
      setState('error');
      setError(describeError(t, e));
    }
  };

  useEffect(() => {
    // A draft that never reached the database (crash, closed window): save it now.
    const draft = localStorage.getItem(DRAFT_KEY(props.itemId));
    if (draft !== null && draft !== props.initial && !props.locked) {
      pending.current = draft;
      void flush();
    }
    const onLeave = () => void flush();
    window.addEventListener('pagehide', onLeave);
    return () => {
      window.removeEventListener('pagehide', onLeave);
      void flush();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [props.itemId]);

  const change = (v: string) => {
    setText(v);
    localStorage.setItem(DRAFT_KEY(props.itemId), v);
    pending.current = v;
    setState('dirty');
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void flush(), 500);
  };

  if (props.locked) {
    return (
      <div>
        <div className="field-label">{t('meetings.minutes.text', { title: props.title })}</div>
        <p style={{ whiteSpace: 'pre-wrap' }}>{props.initial}</p>
      </div>
    );
  }
  return (
    <div onBlur={() => void flush()}>
      <TextAreaField label={t('meetings.minutes.text', { title: props.title })} value={text} onChange={change} error={error} />
      <span className="muted" role="status" aria-live="polite">
        {state === 'saving'
          ? t('meetings.minutes.saving')
          : state === 'saved'
            ? t('meetings.minutes.savedAt')
            : state === 'dirty'
              ? t('meetings.minutes.unsaved')
              : ''}
      </span>
    </div>
  );
}

export function AttendancePanel({ m, onChange, locked }: { m: MeetingDetail; onChange: () => void; locked: boolean }) {
  const { t } = useTranslation();
  const notify = useApp((s) => s.notify);
  const people = useLoad(() => api.people.list({}), []);
  const [personId, setPersonId] = useState('');
  const [forId, setForId] = useState('');
  const [status, setStatus] = useState<AttendanceStatus>('present');
  const name = (id: string | null) => (id ? (m.peopleNames[id] ?? people.data?.find((p) => p.id === id)?.name ?? '') : '');
  const org = (id: string | null) => m.organisations.find((o) => o.id === id)?.abbreviation ?? '';
  const byPerson = new Map(m.attendance.filter((a) => a.personId).map((a) => [a.personId!, a]));
  const set = async (pid: string, s: AttendanceStatus, substituteFor: string | null = null) => {
    try {
      await api.meetings.setAttendance({ meetingId: m.id, personId: pid, status: s, substituteForPersonId: substituteFor });
      onChange();
    } catch (e) {
      notify('error', describeError(t, e));
    }
  };
  const memberIds = new Set(m.members.map((x) => x.personId));
  const others = m.attendance.filter((a) => a.personId && !memberIds.has(a.personId));
  return (
    <section className="panel" aria-labelledby="attendance-heading">
      <Heading variant="h2" id="attendance-heading">
        {t('meetings.attendance.title')}
      </Heading>
      <table className="data" style={{ marginTop: 8 }}>
        <thead>
          <tr>
            <th scope="col">{t('meetings.attendance.person')}</th>
            <th scope="col">{t('meetings.attendance.organisation')}</th>
            <th scope="col">{t('meetings.fields.status')}</th>
          </tr>
        </thead>
        <tbody>
          {[...m.members.map((x) => x.personId), ...others.map((a) => a.personId!)].map((pid) => {
            const a = byPerson.get(pid);
            const member = m.members.find((x) => x.personId === pid);
            return (
              <tr key={pid}>
                <th scope="row">
                  {name(pid)}
                  {a?.substituteForPersonId
                    ? ` (${t('meetings.attendance.standingInFor', { name: name(a.substituteForPersonId) })})`
                    : ''}
                </th>
                <td>{member?.organisationAbbreviation ?? org(a?.organisationId ?? null)}</td>
                <td>
                  <select
                    className="native-select"
                    aria-label={`${t('meetings.fields.status')}: ${name(pid)}`}
                    value={a?.status ?? ''}
                    disabled={locked}
                    onChange={(e) =>
                      e.target.value && void set(pid, e.target.value as AttendanceStatus, a?.substituteForPersonId ?? null)
                    }
                  >
                    <option value="">{t('meetings.attendance.notRecorded')}</option>
                    {ATTENDANCE_STATUSES.map((s) => (
                      <option key={s} value={s}>
                        {t(`meetings.attendance.status.${s}`)}
                      </option>
                    ))}
                  </select>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {!locked && (
        <form
          className="toolbar"
          aria-label={t('meetings.attendance.addSubstitute')}
          onSubmit={(e) => {
            e.preventDefault();
            if (personId) void set(personId, status, forId || null).then(() => (setPersonId(''), setForId('')));
          }}
        >
          <SelectField
            label={t('meetings.attendance.person')}
            value={personId}
            onChange={setPersonId}
            options={(people.data ?? []).map((p) => ({
              value: p.id,
              label: p.organisationAbbreviation ? `${p.name} (${p.organisationAbbreviation})` : p.name,
            }))}
            emptyLabel={t('common.choose')}
          />
          <SelectField
            label={t('meetings.attendance.substituteFor')}
            value={forId}
            onChange={setForId}
            options={m.members.map((x) => ({ value: x.personId, label: x.personName }))}
            emptyLabel={t('common.none')}
          />
          <SelectField<AttendanceStatus>
            label={t('meetings.fields.status')}
            value={status}
            onChange={(v) => v && setStatus(v)}
            options={ATTENDANCE_STATUSES.map((s) => ({ value: s, label: t(`meetings.attendance.status.${s}`) }))}
          />
          <Button type="submit">{t('meetings.attendance.add')}</Button>
        </form>
      )}
      <Heading variant="h3" as="h3">
        {t('meetings.attendance.byOrganisation')}
      </Heading>
      <ul>
        {m.organisationAttendance.map((o) => (
          <li key={o.organisationId}>
            <strong>{org(o.organisationId)}</strong>:{' '}
            <span className={o.represented ? 'badge lead' : 'badge'}>
              {o.represented ? t('meetings.attendance.represented') : t('meetings.attendance.notRepresented')}
            </span>{' '}
            {[
              ...o.people
                .filter((p) => p.status)
                .map((p) => `${name(p.personId)} – ${t(`meetings.attendance.status.${p.status}`)}`),
              ...o.standingIn.map(
                (s) => `${name(s.personId)} (${t('meetings.attendance.standingInFor', { name: name(s.forPersonId) })})`,
              ),
            ].join(', ')}
          </li>
        ))}
      </ul>
      <p role="status">
        <strong>{t('meetings.quorum.title')}: </strong>
        {!m.quorumRule || m.quorumRule.kind === 'none'
          ? t('meetings.quorum.noRule')
          : m.quorum.met
            ? t('meetings.quorum.met', { counted: m.quorum.counted, required: m.quorum.required })
            : t('meetings.quorum.notMet', { counted: m.quorum.counted, required: m.quorum.required })}
      </p>
    </section>
  );
}

export function DecisionsPanel({
  m,
  itemId,
  onChange,
  locked,
}: {
  m: MeetingDetail;
  itemId?: string;
  onChange: () => void;
  locked: boolean;
}) {
  const { t } = useTranslation();
  const notify = useApp((s) => s.notify);
  const [text, setText] = useState('');
  const [forItem, setForItem] = useState(itemId ?? '');
  const [error, setError] = useState<string>();
  const list = m.decisions.filter((d) => !itemId || d.agendaItemId === itemId);
  const itemTitle = (id: string | null) => titleOf(t, m.agenda.find((a) => a.id === id) ?? { title: '' });
  const add = async () => {
    try {
      await api.meetings.addDecision({ meetingId: m.id, agendaItemId: (itemId ?? forItem) || null, text });
      setText('');
      setError(undefined);
      onChange();
    } catch (e) {
      setError(describeError(t, e));
    }
  };
  return (
    <section className="panel" aria-labelledby={`decisions-${itemId ?? 'all'}`}>
      <Heading variant="h3" as="h2" id={`decisions-${itemId ?? 'all'}`}>
        {t('meetings.decisions.title')}
      </Heading>
      {list.length === 0 ? (
        <Paragraph>{t('meetings.decisions.none')}</Paragraph>
      ) : (
        <ul>
          {list.map((d) => (
            <li key={d.id}>
              <strong>{d.number}</strong> {!itemId && d.agendaItemId ? `(${itemTitle(d.agendaItemId)}) ` : ''}
              {d.text}{' '}
              {!locked && (
                <button
                  type="button"
                  className="link-button"
                  onClick={() =>
                    void api.meetings
                      .removeDecision({ id: d.id })
                      .then(onChange, (e: unknown) => notify('error', describeError(t, e)))
                  }
                >
                  {t('meetings.decisions.remove', { number: d.number ?? '' })}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {!locked && (
        <form
          aria-label={t('meetings.decisions.add')}
          onSubmit={(e) => {
            e.preventDefault();
            void add();
          }}
        >
          {!itemId && (
            <SelectField
              label={t('meetings.agenda.item')}
              value={forItem}
              onChange={setForItem}
              options={m.agenda.map((a) => ({ value: a.id, label: titleOf(t, a) }))}
              emptyLabel={t('common.none')}
            />
          )}
          <TextAreaField label={t('meetings.decisions.text')} value={text} onChange={setText} error={error} />
          <div className="form-actions">
            <Button type="submit">{t('meetings.decisions.add')}</Button>
          </div>
        </form>
      )}
    </section>
  );
}

export function ActionsPanel({
  m,
  itemId,
  onChange,
  locked,
}: {
  m: MeetingDetail;
  itemId?: string;
  onChange: () => void;
  locked: boolean;
}) {
  const { t } = useTranslation();
  const people = useLoad(() => api.people.list({}), []);
  const organisations = useLoad(() => api.organisations.list({}), []);
  const [title, setTitle] = useState('');
  const [ownerPersonId, setOwnerPerson] = useState('');
  const [ownerOrganisationId, setOwnerOrg] = useState('');
  const [dueDate, setDue] = useState(m.nextMeeting?.date ?? '');
  const [forItem, setForItem] = useState(itemId ?? '');
  const [error, setError] = useState<string>();
  const list = m.actions.filter((a) => !itemId || a.agendaItemId === itemId);
  const owner = (a: { ownerPersonId: string | null; ownerOrganisationId: string | null }) =>
    [
      a.ownerPersonId ? (m.peopleNames[a.ownerPersonId] ?? '') : '',
      m.organisations.find((o) => o.id === a.ownerOrganisationId)?.abbreviation ?? '',
    ]
      .filter(Boolean)
      .join(', ');
  const add = async () => {
    try {
      await api.meetings.addAction({
        groupId: m.groupId,
        meetingId: m.id,
        agendaItemId: (itemId ?? forItem) || null,
        title,
        ownerPersonId: ownerPersonId || null,
        ownerOrganisationId: ownerOrganisationId || null,
        dueDate: dueDate || null,
      });
      setTitle('');
      setError(undefined);
      onChange();
    } catch (e) {
      setError(describeError(t, e));
    }
  };
  return (
    <section className="panel" aria-labelledby={`actions-${itemId ?? 'all'}`}>
      <Heading variant="h3" as="h2" id={`actions-${itemId ?? 'all'}`}>
        {t('meetings.actions.title')}
      </Heading>
      {list.length === 0 ? (
        <Paragraph>{t('meetings.actions.none')}</Paragraph>
      ) : (
        <ul>
          {list.map((a) => (
            <li key={a.id}>
              {a.title} — {owner(a)} {a.dueDate ? t('meetings.actions.dueOn', { date: formatDate(a.dueDate) }) : ''} (
              {t(`meetings.actions.status.${a.status}`)})
            </li>
          ))}
        </ul>
      )}
      {!locked && (
        <form
          aria-label={t('meetings.actions.add')}
          onSubmit={(e) => {
            e.preventDefault();
            void add();
          }}
        >
          <div className="form-grid">
            <TextField label={t('meetings.actions.fields.title')} value={title} onChange={setTitle} error={error} />
            {!itemId && (
              <SelectField
                label={t('meetings.agenda.item')}
                value={forItem}
                onChange={setForItem}
                options={m.agenda.map((a) => ({ value: a.id, label: titleOf(t, a) }))}
                emptyLabel={t('common.none')}
              />
            )}
            <SelectField
              label={t('meetings.actions.fields.ownerPerson')}
              value={ownerPersonId}
              onChange={setOwnerPerson}
              options={(people.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
              emptyLabel={t('common.none')}
            />
            <SelectField
              label={t('meetings.actions.fields.ownerOrganisation')}
              value={ownerOrganisationId}
              onChange={setOwnerOrg}
              options={(organisations.data ?? []).map((o) => ({ value: o.id, label: `${o.abbreviation} – ${o.name}` }))}
              emptyLabel={t('common.none')}
            />
            <NativeField label={t('meetings.actions.fields.due')} type="date" value={dueDate} onChange={setDue} />
          </div>
          <div className="form-actions">
            <Button type="submit">{t('meetings.actions.add')}</Button>
          </div>
        </form>
      )}
    </section>
  );
}

export function OpenActionsList({ m }: { m: MeetingDetail }) {
  const { t } = useTranslation();
  if (m.openActions.length === 0) return <p className="muted">{t('meetings.agenda.noOpenActions')}</p>;
  return (
    <ul aria-label={t('meetings.agenda.openActions')}>
      {m.openActions.map((a) => (
        <li key={a.id}>
          {a.title}
          {a.ownerName ? ` — ${a.ownerName}` : ''}
          {a.dueDate ? ` — ${t('meetings.actions.dueOn', { date: formatDate(a.dueDate) })}` : ''}
          {a.overdue && <span className="badge"> {t('meetings.actions.overdue')}</span>}
          {a.meetingId && (
            <>
              {' '}
              (<RouteLink to={to('meetings', a.meetingId)}>{a.meetingTitle ?? ''}</RouteLink>)
            </>
          )}
        </li>
      ))}
    </ul>
  );
}
