import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Heading, Paragraph } from 'suomifi-ui-components';
import { ATTENDANCE_STATUSES, type AttendanceStatus } from '../../../shared/meetings';
import { actionInput, actionPatch, meetingsContract } from '../../../shared/contract/meetings';
import type { ActionItem, Decision, MeetingDetail } from '../../../shared/domain/meetings';
import { api } from '../../api';
import { to, useApp } from '../../store/app';
import { formatDate } from '../../ui/dates';
import { describeError, fieldErrorsOf, validateWith, type FieldErrors } from '../../ui/errors';
import { SelectField, TextAreaField, TextField } from '../../ui/fields';
import { RouteLink } from '../../ui/RouteLink';
import { useLoad } from '../../ui/useLoad';
import { NativeField, titleOf } from './common';
import { useNames } from '../../ui/names';

const decisionUpdateInput = meetingsContract['meetings.updateDecision'].input;

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
  const names = useNames();
  const notify = useApp((s) => s.notify);
  const people = useLoad(() => api.people.list({}), []);
  const [personId, setPersonId] = useState('');
  const [forId, setForId] = useState('');
  const [status, setStatus] = useState<AttendanceStatus>('present');
  const name = (id: string | null) => (id ? (m.peopleNames[id] ?? people.data?.find((p) => p.id === id)?.name ?? '') : '');
  const org = (id: string | null) => (id ? names.orgShort(id, m.organisations.find((o) => o.id === id)?.abbreviation) : '');
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
            {!locked && <th scope="col">{t('meetings.attendance.actions')}</th>}
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
                <td>
                  {member?.organisationId
                    ? names.orgShort(member.organisationId, member.organisationAbbreviation ?? '')
                    : (member?.organisationAbbreviation ?? org(a?.organisationId ?? null))}
                </td>
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
                {!locked && (
                  <td>
                    {a && (
                      <button
                        type="button"
                        className="link-button"
                        onClick={() =>
                          void api.meetings
                            .removeAttendance({ id: a.id })
                            .then(onChange, (e: unknown) => notify('error', describeError(t, e)))
                        }
                      >
                        {t('meetings.attendance.clear')}
                        <span className="visually-hidden"> ({name(pid)})</span>
                      </button>
                    )}
                  </td>
                )}
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
            if (personId)
              void set(personId, status, forId || null).then(() => (setPersonId(''), setForId(''), setStatus('present')));
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
                .map(
                  (p) =>
                    `${name(p.personId)}${p.standsInFor ? ` (${t('meetings.attendance.standingInFor', { name: name(p.standsInFor) })})` : ''} – ${t(`meetings.attendance.status.${p.status}`)}`,
                ),
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
  const [editing, setEditing] = useState<string | null>(null);
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
              {editing === d.id ? (
                <DecisionEditor
                  decision={d}
                  onDone={() => {
                    setEditing(null);
                    onChange();
                  }}
                />
              ) : (
                <>
                  <strong>{d.number}</strong> {!itemId && d.agendaItemId ? `(${itemTitle(d.agendaItemId)}) ` : ''}
                  {d.text}{' '}
                  {!locked && (
                    <>
                      <button type="button" className="link-button" onClick={() => setEditing(d.id)}>
                        {t('meetings.decisions.edit', { number: d.number ?? '' })}
                      </button>{' '}
                      <button
                        type="button"
                        className="link-button"
                        onClick={() =>
                          void api.meetings.removeDecision({ id: d.id }).then(
                            () => {
                              notify('success', t('meetings.decisions.removed', { number: d.number ?? '' }));
                              onChange();
                            },
                            (e: unknown) => notify('error', describeError(t, e)),
                          )
                        }
                      >
                        {t('meetings.decisions.remove', { number: d.number ?? '' })}
                      </button>
                    </>
                  )}
                </>
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

function DecisionEditor({ decision, onDone }: { decision: Decision; onDone: () => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState(decision.text);
  const [error, setError] = useState<string>();
  const label = t('meetings.decisions.edit', { number: decision.number ?? '' });
  return (
    <form
      aria-label={label}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const v = validateWith(t, decisionUpdateInput, { id: decision.id, text });
        if (!v.ok) return setError(v.errors.text);
        void api.meetings.updateDecision(v.data).then(onDone, (err: unknown) => setError(describeError(t, err)));
      }}
    >
      <TextAreaField
        label={`${t('meetings.decisions.text')} ${decision.number ?? ''}`}
        value={text}
        onChange={setText}
        error={error}
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

type Picker = { id: string; label: string };

/** People and organisations to choose an owner from (loaded once per panel). */
function useOwnerPickers() {
  const people = useLoad(() => api.people.list({}), []);
  const organisations = useLoad(() => api.organisations.list({}), []);
  const names = useNames();
  return {
    people: (people.data ?? []).map((p): Picker => ({ id: p.id, label: p.name })),
    organisations: (organisations.data ?? []).map((o): Picker => ({ id: o.id, label: names.orgOption(o) })),
  };
}

type ActionFields = { title: string; ownerPersonId: string; ownerOrganisationId: string; dueDate: string; description: string };

function ActionFieldsGrid(props: {
  values: ActionFields;
  set: (p: Partial<ActionFields>) => void;
  errors: FieldErrors;
  pickers: { people: Picker[]; organisations: Picker[] };
  children?: React.ReactNode;
}) {
  const { t } = useTranslation();
  const { values, set, errors, pickers } = props;
  return (
    <>
      <div className="form-grid">
        <TextField
          label={t('meetings.actions.fields.title')}
          value={values.title}
          onChange={(v) => set({ title: v })}
          error={errors.title}
        />
        {props.children}
        <SelectField
          label={t('meetings.actions.fields.ownerPerson')}
          value={values.ownerPersonId}
          onChange={(v) => set({ ownerPersonId: v })}
          options={pickers.people.map((p) => ({ value: p.id, label: p.label }))}
          emptyLabel={t('common.none')}
          error={errors.ownerPersonId}
        />
        <SelectField
          label={t('meetings.actions.fields.ownerOrganisation')}
          value={values.ownerOrganisationId}
          onChange={(v) => set({ ownerOrganisationId: v })}
          options={pickers.organisations.map((o) => ({ value: o.id, label: o.label }))}
          emptyLabel={t('common.none')}
          error={errors.ownerOrganisationId}
        />
        <NativeField
          label={t('meetings.actions.fields.due')}
          type="date"
          value={values.dueDate}
          onChange={(v) => set({ dueDate: v })}
          error={errors.dueDate}
        />
      </div>
      <TextAreaField
        label={t('meetings.actions.fields.description')}
        value={values.description}
        onChange={(v) => set({ description: v })}
        optional={t('common.optional')}
        error={errors.description}
      />
    </>
  );
}

/** Edit an action item's title, owners, due date and description (only the changed fields are sent). */
export function ActionEditor({
  action,
  pickers,
  onDone,
  onCancel,
}: {
  action: ActionItem;
  pickers: { people: Picker[]; organisations: Picker[] };
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const initial: ActionFields = {
    title: action.title,
    ownerPersonId: action.ownerPersonId ?? '',
    ownerOrganisationId: action.ownerOrganisationId ?? '',
    dueDate: action.dueDate ?? '',
    description: action.description ?? '',
  };
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string>();
  const save = async () => {
    const patch: Record<string, unknown> = {};
    for (const k of Object.keys(initial) as Array<keyof ActionFields>) {
      if (values[k] !== initial[k]) patch[k] = k === 'title' ? values[k] : values[k] || null;
    }
    const v = validateWith(t, actionPatch, patch);
    if (!v.ok) return setErrors(v.errors);
    try {
      if (Object.keys(v.data).length) await api.meetings.updateAction({ id: action.id, patch: v.data });
      onDone();
    } catch (e) {
      setErrors(fieldErrorsOf(t, e));
      setFormError(describeError(t, e));
    }
  };
  return (
    <form
      aria-label={t('meetings.actions.edit', { title: action.title })}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <ActionFieldsGrid values={values} set={(p) => setValues((v) => ({ ...v, ...p }))} errors={errors} pickers={pickers} />
      {formError && (
        <p role="alert" className="field-error">
          {formError}
        </p>
      )}
      <div className="form-actions">
        <Button type="submit">{t('common.actions.save')}</Button>
        <Button type="button" variant="secondary" onClick={onCancel}>
          {t('common.actions.cancel')}
        </Button>
      </div>
    </form>
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
  const names = useNames();
  const notify = useApp((s) => s.notify);
  const pickers = useOwnerPickers();
  const fresh = (): ActionFields => ({
    title: '',
    ownerPersonId: '',
    ownerOrganisationId: '',
    dueDate: m.nextMeeting?.date ?? '',
    description: '',
  });
  const [values, setValues] = useState<ActionFields>(fresh);
  const [forItem, setForItem] = useState(itemId ?? '');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string>();
  const [editing, setEditing] = useState<string | null>(null);
  const [removing, setRemoving] = useState<string | null>(null);
  const list = m.actions.filter((a) => !itemId || a.agendaItemId === itemId);
  const owner = (a: { ownerPersonId: string | null; ownerOrganisationId: string | null }) =>
    [
      a.ownerPersonId ? (m.peopleNames[a.ownerPersonId] ?? '') : '',
      a.ownerOrganisationId
        ? names.orgShort(a.ownerOrganisationId, m.organisations.find((o) => o.id === a.ownerOrganisationId)?.abbreviation)
        : '',
    ]
      .filter(Boolean)
      .join(', ');
  const add = async () => {
    const v = validateWith(t, actionInput, {
      groupId: m.groupId,
      meetingId: m.id,
      agendaItemId: (itemId ?? forItem) || null,
      title: values.title,
      description: values.description || null,
      ownerPersonId: values.ownerPersonId || null,
      ownerOrganisationId: values.ownerOrganisationId || null,
      dueDate: values.dueDate || null,
    });
    if (!v.ok) return setErrors(v.errors);
    try {
      await api.meetings.addAction(v.data);
      // The next action starts clean: no owner carried over. The agenda item and due date stay, as the
      // next action usually belongs to the same item and the same follow-up meeting.
      setValues((old) => ({ ...fresh(), dueDate: old.dueDate }));
      setErrors({});
      setFormError(undefined);
      notify('success', t('meetings.actions.added', { title: v.data.title }));
      onChange();
    } catch (e) {
      setErrors(fieldErrorsOf(t, e));
      setFormError(describeError(t, e));
    }
  };
  const remove = (a: ActionItem) =>
    void api.meetings.removeAction({ id: a.id }).then(
      () => {
        setRemoving(null);
        notify('success', t('meetings.actions.removed', { title: a.title }));
        onChange();
      },
      (e: unknown) => notify('error', describeError(t, e)),
    );
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
              {t(`meetings.actions.status.${a.status}`)}){a.description && <div className="muted">{a.description}</div>}
              {!locked && editing !== a.id && (
                <span className="toolbar-inline">
                  {' '}
                  <button type="button" className="link-button" onClick={() => setEditing(a.id)}>
                    {t('meetings.actions.edit', { title: a.title })}
                  </button>{' '}
                  {removing === a.id ? (
                    <>
                      <span className="field-error">{t('meetings.actions.removeConfirm', { title: a.title })} </span>
                      <button type="button" className="link-button" onClick={() => remove(a)}>
                        {t('meetings.actions.removeYes', { title: a.title })}
                      </button>{' '}
                      <button type="button" className="link-button" onClick={() => setRemoving(null)}>
                        {t('meetings.agenda.removeNo')}
                      </button>
                    </>
                  ) : (
                    <button type="button" className="link-button" onClick={() => setRemoving(a.id)}>
                      {t('meetings.actions.remove', { title: a.title })}
                    </button>
                  )}
                </span>
              )}
              {editing === a.id && (
                <ActionEditor
                  action={a}
                  pickers={pickers}
                  onCancel={() => setEditing(null)}
                  onDone={() => {
                    setEditing(null);
                    notify('success', t('meetings.saved'));
                    onChange();
                  }}
                />
              )}
            </li>
          ))}
        </ul>
      )}
      {!locked && (
        <form
          aria-label={t('meetings.actions.add')}
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void add();
          }}
        >
          <ActionFieldsGrid values={values} set={(p) => setValues((v) => ({ ...v, ...p }))} errors={errors} pickers={pickers}>
            {!itemId && (
              <SelectField
                label={t('meetings.agenda.item')}
                value={forItem}
                onChange={setForItem}
                options={m.agenda.map((a) => ({ value: a.id, label: titleOf(t, a) }))}
                emptyLabel={t('common.none')}
              />
            )}
          </ActionFieldsGrid>
          {formError && (
            <p role="alert" className="field-error">
              {formError}
            </p>
          )}
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
  const names = useNames();
  if (m.openActions.length === 0) return <p className="muted">{t('meetings.agenda.noOpenActions')}</p>;
  return (
    <ul aria-label={t('meetings.agenda.openActions')}>
      {m.openActions.map((a) => (
        <li key={a.id}>
          {a.title}
          {a.ownerName
            ? ` — ${a.ownerPersonId || !a.ownerOrganisationId ? a.ownerName : names.orgShort(a.ownerOrganisationId, a.ownerName)}`
            : ''}
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
