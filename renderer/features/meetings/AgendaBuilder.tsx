import { useState, type DragEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Heading, Paragraph } from 'suomifi-ui-components';
import { agendaItemInput, agendaItemPatch } from '../../../shared/contract/meetings';
import { AGENDA_ITEM_TYPES, computeAgendaTimes, orderAgenda, type AgendaItemType } from '../../../shared/meetings';
import type { AgendaItem, MeetingDetail } from '../../../shared/domain/meetings';
import { api } from '../../api';
import { useApp } from '../../store/app';
import { describeError, fieldErrorsOf, validateWith, type FieldErrors } from '../../ui/errors';
import { SelectField, TextAreaField, TextField } from '../../ui/fields';
import { NativeField, titleOf } from './common';
import { OpenActionsList } from './parts';
import { useNames } from '../../ui/names';

/** The form's number field as the schema sees it: empty is "missing", not zero. */
const minutesOf = (s: string): number | undefined => (s.trim() === '' ? undefined : Number(s));

type ItemFields = {
  title: string;
  type: AgendaItemType;
  duration: string;
  presenterPersonId: string;
  presenterOrganisationId: string;
  description: string;
};

const EMPTY: ItemFields = {
  title: '',
  type: 'discussion',
  duration: '10',
  presenterPersonId: '',
  presenterOrganisationId: '',
  description: '',
};

/** The fields an agenda item is added or edited with (one set, so both forms say the same). */
function ItemFieldsGrid(props: {
  m: MeetingDetail;
  values: ItemFields;
  set: (patch: Partial<ItemFields>) => void;
  errors: FieldErrors;
  children?: React.ReactNode;
}) {
  const { t } = useTranslation();
  const names = useNames();
  const { m, values, set, errors } = props;
  return (
    <>
      <div className="form-grid">
        <TextField
          label={t('meetings.agenda.itemTitle')}
          value={values.title}
          onChange={(v) => set({ title: v })}
          error={errors.title}
        />
        <SelectField<AgendaItemType>
          label={t('meetings.agenda.type')}
          value={values.type}
          onChange={(v) => v && set({ type: v })}
          options={AGENDA_ITEM_TYPES.map((x) => ({ value: x, label: t(`meetings.agenda.types.${x}`) }))}
          error={errors.type}
        />
        <NativeField
          label={t('meetings.agenda.duration')}
          type="number"
          min={0}
          max={1440}
          value={values.duration}
          onChange={(v) => set({ duration: v })}
          error={errors.durationMinutes}
        />
        {props.children}
        <SelectField
          label={t('meetings.agenda.presenterPerson')}
          value={values.presenterPersonId}
          onChange={(v) => set({ presenterPersonId: v })}
          options={m.members.map((x) => ({ value: x.personId, label: x.personName }))}
          emptyLabel={t('common.none')}
          error={errors.presenterPersonId}
        />
        <SelectField
          label={t('meetings.agenda.presenterOrganisation')}
          value={values.presenterOrganisationId}
          onChange={(v) => set({ presenterOrganisationId: v })}
          options={m.organisations.map((o) => ({ value: o.id, label: names.orgShort(o.id, o.abbreviation) }))}
          emptyLabel={t('common.none')}
          error={errors.presenterOrganisationId}
        />
      </div>
      <TextAreaField
        label={t('meetings.agenda.description')}
        value={values.description}
        onChange={(v) => set({ description: v })}
        optional={t('common.optional')}
        error={errors.description}
      />
    </>
  );
}

export function AgendaBuilder({ m, onChange, locked }: { m: MeetingDetail; onChange: () => void; locked: boolean }) {
  const { t } = useTranslation();
  const names = useNames();
  const notify = useApp((s) => s.notify);
  const [values, setValues] = useState<ItemFields>(EMPTY);
  const [parentId, setParentId] = useState('');
  const [editing, setEditing] = useState<string | null>(null);
  const [removing, setRemoving] = useState<string | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string>();
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
    const input = {
      meetingId: m.id,
      parentId: parentId || null,
      type: values.type,
      title: values.title,
      durationMinutes: minutesOf(values.duration),
      presenterPersonId: values.presenterPersonId || null,
      presenterOrganisationId: values.presenterOrganisationId || null,
      description: values.description || null,
    };
    const v = validateWith(t, agendaItemInput, input);
    if (!v.ok) {
      setErrors(v.errors);
      setFormError(undefined);
      return;
    }
    try {
      const added = await api.meetings.addAgendaItem(v.data);
      // A clean form for the next item; the section stays, as the user is filling that section.
      setValues(EMPTY);
      setErrors({});
      setFormError(undefined);
      setAnnounce(t('meetings.agenda.added', { title: added.title }));
      onChange();
    } catch (e) {
      setErrors(fieldErrorsOf(t, e));
      setFormError(describeError(t, e));
    }
  };
  const remove = (item: AgendaItem) =>
    void api.meetings.removeAgendaItem({ id: item.id }).then(
      () => {
        setRemoving(null);
        notify('success', t('meetings.agenda.removed', { title: titleOf(t, item) }));
        onChange();
      },
      (err: unknown) => notify('error', describeError(t, err)),
    );
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
        <ol className="agenda-list">
          {ordered.map((o) => {
            const item = o.item;
            const tm = timeOf.get(item.id);
            const name = titleOf(t, item);
            const hidden = <span className="visually-hidden"> ({name})</span>;
            return (
              <li
                key={item.id}
                draggable={!locked}
                onDragStart={() => setDragId(item.id)}
                onDragOver={(e) => e.preventDefault()}
                onDrop={(e) => onDrop(e, item, o.parentId)}
                onKeyDown={(e) => onKey(e, item)}
                style={{ marginLeft: o.depth * 24 }}
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
                        item.presenterOrganisationId
                          ? names.orgShort(
                              item.presenterOrganisationId,
                              m.organisations.find((x) => x.id === item.presenterOrganisationId)?.abbreviation,
                            )
                          : '',
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
                    <button type="button" className="link-button" onClick={() => void move(item, 'up')}>
                      <span aria-hidden="true">↑ </span>
                      {t('meetings.agenda.up')}
                      {hidden}
                    </button>
                    <button type="button" className="link-button" onClick={() => void move(item, 'down')}>
                      <span aria-hidden="true">↓ </span>
                      {t('meetings.agenda.down')}
                      {hidden}
                    </button>
                    {o.depth === 0 ? (
                      <button type="button" className="link-button" onClick={() => void move(item, 'indent')}>
                        <span aria-hidden="true">→ </span>
                        {t('meetings.agenda.intoSection')}
                        {hidden}
                      </button>
                    ) : (
                      <button type="button" className="link-button" onClick={() => void move(item, 'outdent')}>
                        <span aria-hidden="true">← </span>
                        {t('meetings.agenda.outOfSection')}
                        {hidden}
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
                      {hidden}
                    </label>
                    <button
                      type="button"
                      className="link-button"
                      aria-expanded={editing === item.id}
                      onClick={() => setEditing(editing === item.id ? null : item.id)}
                    >
                      {t('meetings.agenda.edit', { title: name })}
                    </button>
                    {removing === item.id ? (
                      <span role="group" aria-label={t('meetings.agenda.removeConfirm', { title: name })}>
                        <span className="field-error">{t('meetings.agenda.removeConfirm', { title: name })} </span>
                        <button type="button" className="link-button" onClick={() => remove(item)}>
                          {t('meetings.agenda.removeYes', { title: name })}
                        </button>{' '}
                        <button type="button" className="link-button" onClick={() => setRemoving(null)}>
                          {t('meetings.agenda.removeNo')}
                        </button>
                      </span>
                    ) : (
                      <button type="button" className="link-button" onClick={() => setRemoving(item.id)}>
                        {t('meetings.agenda.remove', { title: name })}
                      </button>
                    )}
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
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void add();
          }}
        >
          <ItemFieldsGrid m={m} values={values} set={(p) => setValues((v) => ({ ...v, ...p }))} errors={errors}>
            <SelectField
              label={t('meetings.agenda.section')}
              value={parentId}
              onChange={setParentId}
              options={ordered
                .filter((o) => o.depth === 0)
                .map((o) => ({ value: o.item.id, label: `${o.number}. ${titleOf(t, o.item)}` }))}
              emptyLabel={t('meetings.agenda.topLevel')}
              error={errors.parentId}
            />
          </ItemFieldsGrid>
          {formError && (
            <p role="alert" className="field-error">
              {formError}
            </p>
          )}
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
  const initial: ItemFields = {
    title: titleOf(t, item),
    type: item.type,
    duration: String(item.durationMinutes),
    description: item.description ?? '',
    presenterPersonId: item.presenterPersonId ?? '',
    presenterOrganisationId: item.presenterOrganisationId ?? '',
  };
  const [values, setValues] = useState<ItemFields>(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string>();
  const save = async () => {
    // Only the changed fields: a standing item keeps its translated title unless the user renames it.
    const patch: Record<string, unknown> = {};
    if (values.title !== initial.title) patch.title = values.title;
    if (values.type !== initial.type) patch.type = values.type;
    if (values.duration !== initial.duration) patch.durationMinutes = minutesOf(values.duration);
    if (values.description !== initial.description) patch.description = values.description || null;
    if (values.presenterPersonId !== initial.presenterPersonId) patch.presenterPersonId = values.presenterPersonId || null;
    if (values.presenterOrganisationId !== initial.presenterOrganisationId)
      patch.presenterOrganisationId = values.presenterOrganisationId || null;
    const v = validateWith(t, agendaItemPatch, patch);
    if (!v.ok) return setErrors(v.errors);
    try {
      if (Object.keys(v.data).length) await api.meetings.updateAgendaItem({ id: item.id, patch: v.data });
      onDone();
    } catch (e) {
      setErrors(fieldErrorsOf(t, e));
      setFormError(describeError(t, e));
    }
  };
  return (
    <form
      aria-label={t('meetings.agenda.edit', { title: titleOf(t, item) })}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <ItemFieldsGrid m={m} values={values} set={(p) => setValues((v) => ({ ...v, ...p }))} errors={errors} />
      {formError && (
        <p role="alert" className="field-error">
          {formError}
        </p>
      )}
      <div className="form-actions">
        <Button type="submit">{t('common.actions.save')}</Button>
        <Button type="button" variant="secondary" onClick={onDone}>
          {t('common.actions.cancel')}
        </Button>
      </div>
    </form>
  );
}
