import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Heading } from 'suomifi-ui-components';
import { GROUP_KINDS, type GroupKind } from '../../../shared/domain/groups';
import { api } from '../../api';
import { to, useApp } from '../../store/app';
import { RouteLink } from '../../ui/RouteLink';
import { RowActions } from '../../ui/ArchiveButtons';
import { describeError } from '../../ui/errors';
import { SelectField } from '../../ui/fields';
import { ListToolbar } from '../../ui/ListToolbar';
import { useLoad } from '../../ui/useLoad';
import { useArchiveToggle } from '../../ui/useArchiveToggle';
import { useNames } from '../../ui/names';
import { GroupForm } from './GroupForm';

export function GroupsPage() {
  const { t } = useTranslation();
  const names = useNames();
  const navigate = useApp((s) => s.navigate);
  const notify = useApp((s) => s.notify);
  const [query, setQuery] = useState('');
  const [kind, setKind] = useState<GroupKind | ''>('');
  const [includeArchived, setIncludeArchived] = useState(false);
  const [creating, setCreating] = useState(false);
  const list = useLoad(
    () => api.groups.list({ query, includeArchived, ...(kind ? { kind } : {}) }),
    [query, includeArchived, kind],
  );

  const toggleArchived = useArchiveToggle('groups', list.reload);

  return (
    <>
      <div className="page-header">
        <Heading variant="h1">{t('groups.title')}</Heading>
        <Button onClick={() => setCreating(true)}>{t('groups.new')}</Button>
      </div>
      {creating && (
        <GroupForm
          onDone={(saved) => {
            setCreating(false);
            if (saved) {
              notify('success', t('common.saved', { name: names.group(saved) }));
              navigate(to('groups', saved.id));
            }
          }}
        />
      )}
      <ListToolbar
        searchLabel={t('groups.search')}
        query={query}
        onQuery={setQuery}
        includeArchived={includeArchived}
        onIncludeArchived={setIncludeArchived}
      >
        <div style={{ minWidth: 220 }}>
          <SelectField<GroupKind>
            label={t('groups.fields.kind')}
            value={kind}
            onChange={setKind}
            options={GROUP_KINDS.map((k) => ({ value: k, label: t(`groups.kinds.${k}`) }))}
            emptyLabel={t('groups.allKinds')}
          />
        </div>
      </ListToolbar>
      {list.error ? (
        <p role="alert">{describeError(t, list.error)}</p>
      ) : list.data && list.data.length === 0 ? (
        <p>{t('groups.empty')}</p>
      ) : (
        <table className="data">
          <caption>{t('groups.count', { count: list.data?.length ?? 0 })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('groups.fields.name')}</th>
              <th scope="col">{t('groups.fields.kind')}</th>
              <th scope="col">{t('groups.lead')}</th>
              <th scope="col">{t('groups.fields.status')}</th>
              <th scope="col">{t('groups.size')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('common.actionsColumn')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.data?.map((g) => (
              <tr key={g.id} className={g.deleted ? 'archived' : undefined}>
                <td>
                  <RouteLink to={to('groups', g.id)}>
                    {g.priorityNumber ? `${g.priorityNumber}. ` : ''}
                    {names.group(g)}
                  </RouteLink>
                  {g.parentName && (
                    <div className="muted">{t('groups.partOf', { name: names.group(g.parentId, g.parentName) })}</div>
                  )}
                  {g.deleted && <span className="badge">{t('common.archivedBadge')}</span>}
                </td>
                <td>{t(`groups.kinds.${g.kind}`)}</td>
                <td>{g.leadAbbreviations.map(names.orgShortOf).join(', ')}</td>
                <td>{t(`groups.statuses.${g.status}`)}</td>
                <td>{t('groups.sizeValue', { organisations: g.organisationCount, members: g.memberCount })}</td>
                <td>
                  <RowActions
                    name={names.group(g)}
                    archived={g.deleted}
                    onToggleArchived={() => void toggleArchived(g, names.group(g))}
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
