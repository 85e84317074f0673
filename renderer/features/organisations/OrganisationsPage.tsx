import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Heading } from 'suomifi-ui-components';
import { organisationInput } from '../../../shared/contract/organisations';
import { ORGANISATION_KINDS, type Organisation, type OrganisationKind } from '../../../shared/domain/organisations';
import { api } from '../../api';
import { useApp } from '../../store/app';
import { describeError } from '../../ui/errors';
import { SelectField, TextAreaField, TextField } from '../../ui/fields';
import { ListToolbar } from '../../ui/ListToolbar';
import { RowActions } from '../../ui/ArchiveButtons';
import { useLoad } from '../../ui/useLoad';
import { FormPanel, changedFields, useFormSubmit } from '../../ui/forms';
import { refreshNames, useNames } from '../../ui/names';
import { OtherLanguageNames, otherLanguageValues, type OtherLanguageValues } from '../../ui/OtherLanguageNames';
import { useArchiveToggle } from '../../ui/useArchiveToggle';

const NAME_KEYS = ['name', 'abbreviation'] as const;
type Draft = { abbreviation: string; name: string; kind: OrganisationKind | ''; notes: string } & OtherLanguageValues<
  (typeof NAME_KEYS)[number]
>;
const EMPTY: Draft = { abbreviation: '', name: '', kind: '', notes: '', ...otherLanguageValues(NAME_KEYS, undefined) };

function OrganisationForm(props: { initial?: Organisation; onDone: (saved?: Organisation) => void }) {
  const { t } = useTranslation();
  const names = useNames();
  const [draft, setDraft] = useState<Draft>(
    props.initial
      ? {
          abbreviation: props.initial.abbreviation,
          name: props.initial.name,
          kind: props.initial.kind,
          notes: props.initial.notes ?? '',
          ...otherLanguageValues(NAME_KEYS, props.initial),
        }
      : EMPTY,
  );
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));

  const { errors, formError, submit } = useFormSubmit(
    organisationInput,
    async (data) => {
      if (!props.initial) return api.organisations.create(data);
      const patch = changedFields(data, props.initial);
      return Object.keys(patch).length ? api.organisations.update({ id: props.initial.id, patch }) : props.initial;
    },
    (saved) => {
      refreshNames();
      props.onDone(saved);
    },
  );

  return (
    <FormPanel
      id={props.initial ? 'organisation-edit-title' : 'organisation-new-title'}
      title={
        props.initial
          ? t('organisations.form.editTitle', { name: names.orgShort(props.initial) })
          : t('organisations.form.newTitle')
      }
      error={formError}
      onSubmit={() => void submit(draft)}
      onCancel={() => props.onDone()}
    >
      <div className="form-grid" style={{ marginTop: 16 }}>
        <TextField
          label={t('organisations.fields.abbreviation')}
          value={draft.abbreviation}
          onChange={(v) => set({ abbreviation: v })}
          error={errors.abbreviation}
          name="abbreviation"
        />
        <TextField
          label={t('organisations.fields.name')}
          value={draft.name}
          onChange={(v) => set({ name: v })}
          error={errors.name}
          name="name"
        />
        <SelectField<OrganisationKind>
          label={t('organisations.fields.kind')}
          value={draft.kind}
          onChange={(v) => set({ kind: v })}
          options={ORGANISATION_KINDS.map((k) => ({ value: k, label: t(`organisations.kinds.${k}`) }))}
          emptyLabel={t('common.choose')}
          error={errors.kind}
          name="kind"
        />
      </div>
      <div style={{ marginTop: 16 }}>
        <TextAreaField
          label={t('organisations.fields.notes')}
          value={draft.notes}
          onChange={(v) => set({ notes: v })}
          optional={t('common.optional')}
          error={errors.notes}
          name="notes"
        />
      </div>
      <OtherLanguageNames keys={NAME_KEYS} values={draft} onChange={set} errors={errors} />
    </FormPanel>
  );
}

export function OrganisationsPage() {
  const { t } = useTranslation();
  const names = useNames();
  const notify = useApp((s) => s.notify);
  const [query, setQuery] = useState('');
  const [includeArchived, setIncludeArchived] = useState(false);
  const [editing, setEditing] = useState<Organisation | 'new' | null>(null);
  const list = useLoad(() => api.organisations.list({ query, includeArchived }), [query, includeArchived]);

  const toggleArchived = useArchiveToggle('organisations', list.reload);

  return (
    <>
      <div className="page-header">
        <Heading variant="h1">{t('organisations.title')}</Heading>
        <Button onClick={() => setEditing('new')}>{t('organisations.new')}</Button>
      </div>
      {editing && (
        <OrganisationForm
          key={editing === 'new' ? 'new' : editing.id}
          {...(editing !== 'new' ? { initial: editing } : {})}
          onDone={(saved) => {
            setEditing(null);
            if (saved) {
              notify('success', t('common.saved', { name: names.orgShort(saved) }));
              list.reload();
            }
          }}
        />
      )}
      <ListToolbar
        searchLabel={t('organisations.search')}
        query={query}
        onQuery={setQuery}
        includeArchived={includeArchived}
        onIncludeArchived={setIncludeArchived}
      />
      {list.error ? (
        <p role="alert">{describeError(t, list.error)}</p>
      ) : (
        <table className="data">
          <caption>{t('organisations.count', { count: list.data?.length ?? 0 })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('organisations.fields.abbreviation')}</th>
              <th scope="col">{t('organisations.fields.name')}</th>
              <th scope="col">{t('organisations.fields.kind')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('common.actionsColumn')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.data?.map((o) => (
              <tr key={o.id} className={o.deleted ? 'archived' : undefined}>
                <td>{names.orgShort(o)}</td>
                <td>
                  {names.org(o)} {o.deleted && <span className="badge">{t('common.archivedBadge')}</span>}
                </td>
                <td>{t(`organisations.kinds.${o.kind}`)}</td>
                <td>
                  <RowActions
                    name={names.orgShort(o)}
                    archived={o.deleted}
                    onEdit={() => setEditing(o)}
                    onToggleArchived={() => void toggleArchived(o, names.orgShort(o))}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
