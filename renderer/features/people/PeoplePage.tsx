import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Heading } from 'suomifi-ui-components';
import { personInput, type PersonListItem } from '../../../shared/contract/organisations';
import { api } from '../../api';
import { useApp } from '../../store/app';
import { RowActions } from '../../ui/ArchiveButtons';
import { describeError } from '../../ui/errors';
import { SelectField, TextField } from '../../ui/fields';
import { ListToolbar } from '../../ui/ListToolbar';
import { useLoad } from '../../ui/useLoad';
import { FormPanel, useFormSubmit } from '../../ui/forms';
import { useArchiveToggle } from '../../ui/useArchiveToggle';
import { useNames } from '../../ui/names';

type Draft = { name: string; organisationId: string; email: string; phone: string; title: string };

function PersonForm(props: { initial?: PersonListItem; onDone: (saved?: { name: string }) => void }) {
  const { t } = useTranslation();
  const p = props.initial;
  const names = useNames();
  const [draft, setDraft] = useState<Draft>({
    name: p?.name ?? '',
    organisationId: p?.organisationId ?? '',
    email: p?.email ?? '',
    phone: p?.phone ?? '',
    title: p?.title ?? '',
  });
  const organisations = useLoad(() => api.organisations.list({}), []);
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));

  const { errors, formError, submit } = useFormSubmit(
    personInput,
    (data) => (p ? api.people.update({ id: p.id, patch: data }) : api.people.create(data)),
    props.onDone,
  );

  return (
    <FormPanel
      id="person-form-title"
      title={p ? t('people.form.editTitle', { name: p.name }) : t('people.form.newTitle')}
      error={formError}
      onSubmit={() => void submit({ ...draft, organisationId: draft.organisationId || null })}
      onCancel={() => props.onDone()}
    >
      <div className="form-grid" style={{ marginTop: 16 }}>
        <TextField
          label={t('people.fields.name')}
          value={draft.name}
          onChange={(v) => set({ name: v })}
          error={errors.name}
          name="name"
        />
        <SelectField
          label={t('people.fields.organisation')}
          value={draft.organisationId}
          onChange={(v) => set({ organisationId: v })}
          options={(organisations.data ?? []).map((o) => ({ value: o.id, label: names.orgOption(o) }))}
          emptyLabel={t('common.none')}
          error={errors.organisationId}
          name="organisationId"
        />
        <TextField
          label={t('people.fields.email')}
          type="email"
          value={draft.email}
          onChange={(v) => set({ email: v })}
          error={errors.email}
          optional={t('common.optional')}
          name="email"
        />
        <TextField
          label={t('people.fields.phone')}
          type="tel"
          value={draft.phone}
          onChange={(v) => set({ phone: v })}
          error={errors.phone}
          optional={t('common.optional')}
          name="phone"
        />
        <TextField
          label={t('people.fields.title')}
          value={draft.title}
          onChange={(v) => set({ title: v })}
          error={errors.title}
          optional={t('common.optional')}
          name="title"
        />
      </div>
    </FormPanel>
  );
}

export function PeoplePage() {
  const { t } = useTranslation();
  const names = useNames();
  const notify = useApp((s) => s.notify);
  const [query, setQuery] = useState('');
  const [includeArchived, setIncludeArchived] = useState(false);
  const [editing, setEditing] = useState<PersonListItem | 'new' | null>(null);
  const list = useLoad(() => api.people.list({ query, includeArchived }), [query, includeArchived]);

  const toggleArchived = useArchiveToggle('people', list.reload);

  return (
    <>
      <div className="page-header">
        <Heading variant="h1">{t('people.title')}</Heading>
        <Button onClick={() => setEditing('new')}>{t('people.new')}</Button>
      </div>
      {editing && (
        <PersonForm
          key={editing === 'new' ? 'new' : editing.id}
          {...(editing !== 'new' ? { initial: editing } : {})}
          onDone={(saved) => {
            setEditing(null);
            if (saved) {
              notify('success', t('common.saved', { name: saved.name }));
              list.reload();
            }
          }}
        />
      )}
      <ListToolbar
        searchLabel={t('people.search')}
        query={query}
        onQuery={setQuery}
        includeArchived={includeArchived}
        onIncludeArchived={setIncludeArchived}
      />
      {list.error ? (
        <p role="alert">{describeError(t, list.error)}</p>
      ) : list.data && list.data.length === 0 ? (
        <p>{t('people.empty')}</p>
      ) : (
        <table className="data">
          <caption>{t('people.count', { count: list.data?.length ?? 0 })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('people.fields.name')}</th>
              <th scope="col">{t('people.fields.organisation')}</th>
              <th scope="col">{t('people.fields.email')}</th>
              <th scope="col">{t('people.fields.title')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('common.actionsColumn')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.data?.map((p) => (
              <tr key={p.id} className={p.deleted ? 'archived' : undefined}>
                <td>
                  {p.name} {p.deleted && <span className="badge">{t('common.archivedBadge')}</span>}
                </td>
                <td>{p.organisationAbbreviation ? names.orgShort(p.organisationId, p.organisationAbbreviation) : ''}</td>
                <td>{p.email ?? ''}</td>
                <td>{p.title ?? ''}</td>
                <td>
                  <RowActions
                    name={p.name}
                    archived={p.deleted}
                    onEdit={() => setEditing(p)}
                    onToggleArchived={() => void toggleArchived(p, p.name)}
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
