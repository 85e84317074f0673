import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Heading, Paragraph } from 'suomifi-ui-components';
import {
  MEMBER_ROLES,
  ORGANISATION_ROLES,
  type GroupDetail,
  type MemberRole,
  type OrganisationRole,
} from '../../../shared/domain/groups';
import { api } from '../../api';
import { to, useApp } from '../../store/app';
import { RouteLink } from '../../ui/RouteLink';
import { GROUP_PANELS, GROUP_TABS, isGroupTab, type GroupTab } from './panels';
import { PageTabs } from '../../ui/PageTabs';
import { formatDate } from '../../ui/dates';
import { describeError, fieldErrorsOf, validateWith, type FieldErrors } from '../../ui/errors';
import { membershipPatch } from '../../../shared/contract/groups';
import { SelectField, TextField } from '../../ui/fields';
import { useLoad } from '../../ui/useLoad';
import { useArchiveToggle } from '../../ui/useArchiveToggle';
import { useNames } from '../../ui/names';
import { GroupForm } from './GroupForm';

function OrganisationsSection({ group, onChange }: { group: GroupDetail; onChange: () => void }) {
  const { t } = useTranslation();
  const notify = useApp((s) => s.notify);
  const names = useNames();
  const organisations = useLoad(() => api.organisations.list({}), []);
  const [organisationId, setOrganisationId] = useState('');
  const [role, setRole] = useState<OrganisationRole>('participant');
  const [error, setError] = useState<string | undefined>();

  const add = async () => {
    if (!organisationId) {
      setError(t('validation.required'));
      return;
    }
    try {
      await api.groups.setOrganisation({ groupId: group.id, organisationId, role });
      setOrganisationId('');
      setError(undefined);
      onChange();
    } catch (e) {
      setError(describeError(t, e));
    }
  };
  const remove = async (id: string, name: string) => {
    try {
      await api.groups.removeOrganisation({ id });
      notify('success', t('groups.organisations.removed', { name }));
      onChange();
    } catch (e) {
      notify('error', describeError(t, e));
    }
  };

  return (
    <section className="panel" aria-labelledby="group-organisations">
      <Heading variant="h2" id="group-organisations">
        {t('groups.organisations.title')}
      </Heading>
      {group.organisations.length === 0 ? (
        <Paragraph mt="s">{t('groups.organisations.empty')}</Paragraph>
      ) : (
        <table className="data" style={{ marginTop: 12 }}>
          <thead>
            <tr>
              <th scope="col">{t('organisations.fields.abbreviation')}</th>
              <th scope="col">{t('organisations.fields.name')}</th>
              <th scope="col">{t('groups.organisations.role')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('common.actionsColumn')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {group.organisations.map((o) => (
              <tr key={o.id}>
                <td>{names.orgShort(o.organisationId, o.abbreviation)}</td>
                <td>{names.org(o.organisationId, o.organisationName)}</td>
                <td>
                  <span className={o.role === 'lead' ? 'badge lead' : 'badge'}>{t(`groups.organisationRoles.${o.role}`)}</span>
                </td>
                <td>
                  <button
                    className="link-button"
                    type="button"
                    onClick={() => void remove(o.id, names.orgShort(o.organisationId, o.abbreviation))}
                    aria-label={t('common.actions.removeNamed', { name: names.orgShort(o.organisationId, o.abbreviation) })}
                  >
                    {t('common.actions.remove')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form
        className="toolbar"
        aria-label={t('groups.organisations.add')}
        onSubmit={(e) => {
          e.preventDefault();
          void add();
        }}
      >
        <div style={{ minWidth: 280 }}>
          <SelectField
            label={t('groups.organisations.organisation')}
            value={organisationId}
            onChange={setOrganisationId}
            options={(organisations.data ?? []).map((o) => ({ value: o.id, label: names.orgOption(o) }))}
            emptyLabel={t('common.choose')}
            error={error}
          />
        </div>
        <div style={{ minWidth: 200 }}>
          <SelectField<OrganisationRole>
            label={t('groups.organisations.role')}
            value={role}
            onChange={(v) => v && setRole(v)}
            options={ORGANISATION_ROLES.map((r) => ({ value: r, label: t(`groups.organisationRoles.${r}`) }))}
          />
        </div>
        <Button type="submit">{t('groups.organisations.add')}</Button>
      </form>
    </section>
  );
}

/** A member's role and period: only what changed is sent. */
function MemberEditor(props: { member: GroupDetail['members'][number]; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const m = props.member;
  const [role, setRole] = useState<MemberRole>(m.role);
  const [fromDate, setFromDate] = useState(m.fromDate ?? '');
  const [untilDate, setUntilDate] = useState(m.untilDate ?? '');
  const [errors, setErrors] = useState<FieldErrors>({});
  const save = async () => {
    const patch = {
      ...(role !== m.role ? { role } : {}),
      ...(fromDate !== (m.fromDate ?? '') ? { fromDate: fromDate || null } : {}),
      ...(untilDate !== (m.untilDate ?? '') ? { untilDate: untilDate || null } : {}),
    };
    const v = validateWith(t, membershipPatch, patch);
    if (!v.ok) return setErrors(v.errors);
    try {
      await api.groups.updateMember({ id: m.id, patch: v.data });
      props.onDone();
    } catch (e) {
      const fields = fieldErrorsOf(t, e);
      setErrors(Object.keys(fields).length ? fields : { role: describeError(t, e) });
    }
  };
  return (
    <form
      aria-label={t('groups.members.edit', { name: m.personName })}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <SelectField<MemberRole>
        label={t('groups.members.role')}
        value={role}
        onChange={(v) => v && setRole(v)}
        options={MEMBER_ROLES.map((r) => ({ value: r, label: t(`groups.memberRoles.${r}`) }))}
        error={errors.role}
      />
      <TextField
        label={t('groups.members.from')}
        hint={t('common.dateHint')}
        value={fromDate}
        onChange={setFromDate}
        error={errors.fromDate}
        optional={t('common.optional')}
      />
      <TextField
        label={t('groups.members.until')}
        hint={t('common.dateHint')}
        value={untilDate}
        onChange={setUntilDate}
        error={errors.untilDate}
        optional={t('common.optional')}
      />
      <div className="form-actions">
        <Button type="submit">{t('common.actions.save')}</Button>
        <Button type="button" variant="secondary" onClick={props.onCancel}>
          {t('common.actions.cancel')}
        </Button>
      </div>
    </form>
  );
}

function MembersSection({ group, onChange }: { group: GroupDetail; onChange: () => void }) {
  const { t } = useTranslation();
  const notify = useApp((s) => s.notify);
  const names = useNames();
  const people = useLoad(() => api.people.list({}), []);
  const [personId, setPersonId] = useState('');
  const [role, setRole] = useState<MemberRole>('member');
  const [fromDate, setFromDate] = useState('');
  const [untilDate, setUntilDate] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [editing, setEditing] = useState<string | null>(null);

  const add = async () => {
    if (!personId) {
      setErrors({ personId: t('validation.required') });
      return;
    }
    try {
      await api.groups.addMember({ groupId: group.id, personId, role, fromDate: fromDate || null, untilDate: untilDate || null });
      setPersonId('');
      setFromDate('');
      setUntilDate('');
      setErrors({});
      onChange();
    } catch (e) {
      const fields = fieldErrorsOf(t, e);
      setErrors(Object.keys(fields).length ? fields : { personId: describeError(t, e) });
    }
  };
  const remove = async (id: string, name: string) => {
    try {
      await api.groups.removeMember({ id });
      notify('success', t('groups.members.removed', { name }));
      onChange();
    } catch (e) {
      notify('error', describeError(t, e));
    }
  };

  return (
    <section className="panel" aria-labelledby="group-members">
      <Heading variant="h2" id="group-members">
        {t('groups.members.title')}
      </Heading>
      {group.members.length === 0 ? (
        <Paragraph mt="s">{t('groups.members.empty')}</Paragraph>
      ) : (
        <table className="data" style={{ marginTop: 12 }}>
          <thead>
            <tr>
              <th scope="col">{t('people.fields.name')}</th>
              <th scope="col">{t('people.fields.organisation')}</th>
              <th scope="col">{t('groups.members.role')}</th>
              <th scope="col">{t('groups.members.period')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('common.actionsColumn')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {group.members.map((m) => (
              <tr key={m.id}>
                <td>{m.personName}</td>
                <td>{m.organisationAbbreviation ? names.orgShortOf(m.organisationAbbreviation) : ''}</td>
                <td>{t(`groups.memberRoles.${m.role}`)}</td>
                <td>{m.fromDate || m.untilDate ? `${formatDate(m.fromDate)} – ${formatDate(m.untilDate)}` : ''}</td>
                <td>
                  <button
                    className="link-button"
                    type="button"
                    aria-expanded={editing === m.id}
                    onClick={() => setEditing(editing === m.id ? null : m.id)}
                  >
                    {t('groups.members.edit', { name: m.personName })}
                  </button>{' '}
                  <button
                    className="link-button"
                    type="button"
                    onClick={() => void remove(m.id, m.personName)}
                    aria-label={t('common.actions.removeNamed', { name: m.personName })}
                  >
                    {t('common.actions.remove')}
                  </button>
                  {editing === m.id && (
                    <MemberEditor
                      member={m}
                      onDone={() => {
                        setEditing(null);
                        notify('success', t('groups.members.saved', { name: m.personName }));
                        onChange();
                      }}
                      onCancel={() => setEditing(null)}
                    />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form
        aria-label={t('groups.members.add')}
        onSubmit={(e) => {
          e.preventDefault();
          void add();
        }}
      >
        <div className="form-grid" style={{ marginTop: 16 }}>
          <SelectField
            label={t('groups.members.person')}
            value={personId}
            onChange={setPersonId}
            options={(people.data ?? []).map((p) => ({
              value: p.id,
              label: p.organisationAbbreviation
                ? `${p.name} (${names.orgShort(p.organisationId, p.organisationAbbreviation)})`
                : p.name,
            }))}
            emptyLabel={t('common.choose')}
            error={errors.personId}
          />
          <SelectField<MemberRole>
            label={t('groups.members.role')}
            value={role}
            onChange={(v) => v && setRole(v)}
            options={MEMBER_ROLES.map((r) => ({ value: r, label: t(`groups.memberRoles.${r}`) }))}
          />
          <TextField
            label={t('groups.members.from')}
            hint={t('common.dateHint')}
            value={fromDate}
            onChange={setFromDate}
            error={errors.fromDate}
            optional={t('common.optional')}
          />
          <TextField
            label={t('groups.members.until')}
            hint={t('common.dateHint')}
            value={untilDate}
            onChange={setUntilDate}
            error={errors.untilDate}
            optional={t('common.optional')}
          />
        </div>
        <div className="form-actions">
          <Button type="submit">{t('groups.members.add')}</Button>
        </div>
      </form>
    </section>
  );
}

export function GroupPage({ id, tab: tabParam }: { id: string; tab?: string }) {
  const { t } = useTranslation();
  const names = useNames();
  const notify = useApp((s) => s.notify);
  const [editing, setEditing] = useState(false);
  const group = useLoad(() => api.groups.get({ id }), [id]);
  const toggleArchived = useArchiveToggle('groups', group.reload);
  const firstTab = useRef<{ id: string; tab: GroupTab } | null>(null);

  if (group.error) return <p role="alert">{describeError(t, group.error)}</p>;
  const g = group.data;
  if (!g) return <p aria-busy="true">{t('common.loading')}</p>;
  // Without a part in the address: a new group (no organisations, no members) opens on them, any other on
  // its meetings; chosen when the group is first shown, so adding its first organisation does not move the page.
  const opened: GroupTab =
    firstTab.current?.id === g.id
      ? firstTab.current.tab
      : g.organisations.length === 0 && g.members.length === 0
        ? 'members'
        : 'meetings';
  firstTab.current = { id: g.id, tab: opened };
  const tab = isGroupTab(tabParam) ? tabParam : opened;

  return (
    <>
      <p>
        <RouteLink to={to('groups')}>{t('groups.backToList')}</RouteLink>
      </p>
      <div className="page-header">
        <div>
          <Heading variant="h1">
            {g.priorityNumber ? `${g.priorityNumber}. ` : ''}
            {names.group(g)}
          </Heading>
          <p className="muted">
            {t(`groups.kinds.${g.kind}`)} · {t(`groups.statuses.${g.status}`)}
            {g.parentName && ` · ${t('groups.partOf', { name: names.group(g.parentId, g.parentName) })}`}
            {g.deleted && ` · ${t('common.archivedBadge')}`}
          </p>
        </div>
        <div style={{ display: 'flex', gap: 12 }}>
          <Button variant="secondary" onClick={() => setEditing(true)}>
            {t('common.actions.edit')}
          </Button>
          <Button variant="secondary" onClick={() => void toggleArchived(g, names.group(g))}>
            {t(g.deleted ? 'common.actions.restore' : 'common.actions.archive')}
          </Button>
        </div>
      </div>
      {editing && (
        <GroupForm
          initial={g}
          onDone={(saved) => {
            setEditing(false);
            if (saved) {
              notify('success', t('common.saved', { name: names.group(saved) }));
              group.reload();
            }
          }}
        />
      )}
      {g.description && <Paragraph mb="m">{g.description}</Paragraph>}
      {g.conveners.length > 0 && (
        <p>
          <strong>{t('groups.conveners')}:</strong> {g.conveners.map((c) => c.personName).join(', ')}
        </p>
      )}
      {g.subgroups.length > 0 && (
        <p>
          <strong>{t('groups.subgroups')}:</strong>{' '}
          {g.subgroups.map((sub, i) => (
            <span key={sub.id}>
              {i > 0 && ', '}
              <RouteLink to={to('groups', sub.id)}>{names.group(sub.id, sub.name)}</RouteLink>{' '}
              <span className="muted">({t(`groups.statuses.${sub.status}`)})</span>
            </span>
          ))}
        </p>
      )}
      <PageTabs
        label={t('groups.tabs.label')}
        current={tab}
        tabs={GROUP_TABS.map((k) => ({ key: k, label: t(`groups.tabs.${k}`), to: to('groups', g.id, k) }))}
      />
      {GROUP_PANELS[tab].map((Panel, i) => (
        <Panel key={`${tab}-${i}`} group={g} />
      ))}
      {tab === 'members' && (
        <>
          <OrganisationsSection group={g} onChange={group.reload} />
          <MembersSection group={g} onChange={group.reload} />
        </>
      )}
    </>
  );
}
