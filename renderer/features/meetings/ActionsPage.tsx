import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useVirtualizer } from '@tanstack/react-virtual';
import { Button, Checkbox, Heading, Paragraph } from 'suomifi-ui-components';
import { ACTION_SORTS } from '../../../shared/contract/meetings';
import { ACTION_STATUSES, type ActionItemRow, type ActionStatus } from '../../../shared/domain/meetings';
import { api } from '../../api';
import { to, useApp } from '../../store/app';
import { formatDate } from '../../ui/dates';
import { describeError } from '../../ui/errors';
import { SelectField } from '../../ui/fields';
import { RouteLink } from '../../ui/RouteLink';
import { useLoad } from '../../ui/useLoad';
import { downloadGenerated, NativeField, titleOf, uiLang } from './common';

const PAGE = 200;
const ROW_HEIGHT = 64;
type Sort = (typeof ACTION_SORTS)[number];
type StatusFilter = ActionStatus | 'active';

/**
 * `#/actions`: every group's action items. The list is virtualised and loaded a page at a time, so a
 * hundred thousand items cost as much as the few dozen on screen.
 */
export function ActionsPage(_props: { params: string[] }) {
  const { t } = useTranslation();
  const notify = useApp((s) => s.notify);
  const [groupId, setGroupId] = useState('');
  const [ownerPersonId, setPerson] = useState('');
  const [ownerOrganisationId, setOrg] = useState('');
  const [status, setStatus] = useState<StatusFilter | ''>('active');
  const [overdue, setOverdue] = useState(false);
  const [dueWithin, setDueWithin] = useState('');
  const [sort, setSort] = useState<Sort>('due');
  const [descending, setDescending] = useState(false);
  const groups = useLoad(() => api.groups.list({}), []);
  const people = useLoad(() => api.people.list({}), []);
  const organisations = useLoad(() => api.organisations.list({}), []);
  const [total, setTotal] = useState<number | null>(null);
  const [rows, setRows] = useState<Map<number, ActionItemRow>>(new Map());
  const loading = useRef(new Set<number>());
  const generation = useRef(0);

  const filters = {
    ...(groupId ? { groupId } : {}),
    ...(ownerPersonId ? { ownerPersonId } : {}),
    ...(ownerOrganisationId ? { ownerOrganisationId } : {}),
    ...(status ? { status } : {}),
    ...(overdue ? { overdue } : {}),
    ...(dueWithin !== '' && Number.isInteger(Number(dueWithin)) ? { dueWithinDays: Number(dueWithin) } : {}),
    sort,
    descending,
  };
  const key = JSON.stringify(filters);

  const loadPage = useCallback(
    (page: number) => {
      if (loading.current.has(page)) return;
      loading.current.add(page);
      const mine = generation.current;
      api.meetings.listActions({ ...(JSON.parse(key) as typeof filters), offset: page * PAGE, limit: PAGE }).then(
        (r) => {
          if (mine !== generation.current) return;
          setTotal(r.total);
          setRows((prev) => {
            const next = new Map(prev);
            r.rows.forEach((row, i) => next.set(r.offset + i, row));
            return next;
          });
        },
        (e: unknown) => notify('error', describeError(t, e)),
      );
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [key],
  );
  const reset = useCallback(() => {
    generation.current++;
    loading.current = new Set();
    setRows(new Map());
    setTotal(null);
    loadPage(0);
  }, [loadPage]);
  useEffect(reset, [reset]);

  const parent = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: total ?? 0,
    getScrollElement: () => parent.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  });
  const items = virtualizer.getVirtualItems();
  useEffect(() => {
    for (const v of items) if (!rows.has(v.index)) loadPage(Math.floor(v.index / PAGE));
  }, [items, rows, loadPage]);

  const changeStatus = async (row: ActionItemRow, next: ActionStatus) => {
    try {
      await api.meetings.setActionStatus({ id: row.id, status: next });
      reset();
    } catch (e) {
      notify('error', describeError(t, e));
    }
  };

  return (
    <>
      <Heading variant="h1">{t('meetings.actions.title')}</Heading>
      <Paragraph mt="s">{t('meetings.actions.intro')}</Paragraph>
      <div className="toolbar" role="search">
        <SelectField
          label={t('meetings.actions.fields.group')}
          value={groupId}
          onChange={setGroupId}
          options={(groups.data ?? []).map((g) => ({ value: g.id, label: g.name }))}
          emptyLabel={t('meetings.filters.allGroups')}
        />
        <SelectField
          label={t('meetings.actions.fields.ownerPerson')}
          value={ownerPersonId}
          onChange={setPerson}
          options={(people.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
          emptyLabel={t('meetings.actions.filters.anyOwner')}
        />
        <SelectField
          label={t('meetings.actions.fields.ownerOrganisation')}
          value={ownerOrganisationId}
          onChange={setOrg}
          options={(organisations.data ?? []).map((o) => ({ value: o.id, label: o.abbreviation }))}
          emptyLabel={t('meetings.actions.filters.anyOwner')}
        />
        <SelectField<StatusFilter>
          label={t('meetings.actions.fields.status')}
          value={status}
          onChange={setStatus}
          options={(['active', ...ACTION_STATUSES] as const).map((s) => ({ value: s, label: t(`meetings.actions.status.${s}`) }))}
          emptyLabel={t('meetings.filters.allStatuses')}
        />
        <NativeField
          label={t('meetings.actions.filters.dueWithin')}
          type="number"
          min={0}
          max={3650}
          value={dueWithin}
          onChange={setDueWithin}
        />
        <SelectField<Sort>
          label={t('meetings.actions.filters.sort')}
          value={sort}
          onChange={(v) => v && setSort(v)}
          options={ACTION_SORTS.map((s) => ({ value: s, label: t(`meetings.actions.sort.${s}`) }))}
        />
        <Checkbox checked={descending} onClick={({ checkboxState }) => setDescending(checkboxState)}>
          {t('meetings.actions.filters.descending')}
        </Checkbox>
        <Checkbox checked={overdue} onClick={({ checkboxState }) => setOverdue(checkboxState)}>
          {t('meetings.actions.filters.overdue')}
        </Checkbox>
      </div>
      <div className="toolbar">
        <Button
          variant="secondary"
          onClick={() =>
            void api.meetings
              .actionsCalendar({ ...(groupId ? { groupId } : {}), lang: uiLang() })
              .then(downloadGenerated)
              .catch((e: unknown) => notify('error', describeError(t, e)))
          }
        >
          {t('meetings.actions.exportCalendar')}
        </Button>
        <span role="status">{total === null ? t('common.loading') : t('meetings.actions.total', { count: total })}</span>
      </div>
      <div
        ref={parent}
        style={{ height: '60vh', overflow: 'auto', border: '1px solid #c8cdd0' }}
        tabIndex={0}
        role="region"
        aria-label={t('meetings.actions.title')}
      >
        <div role="list" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((v) => {
            const row = rows.get(v.index);
            return (
              <div
                role="listitem"
                key={v.key}
                aria-posinset={v.index + 1}
                aria-setsize={total ?? 0}
                style={{
                  position: 'absolute',
                  top: 0,
                  left: 0,
                  right: 0,
                  height: ROW_HEIGHT,
                  transform: `translateY(${v.start}px)`,
                  padding: '4px 8px',
                  borderBottom: '1px solid #e5e5e5',
                  display: 'flex',
                  gap: 12,
                  alignItems: 'center',
                }}
              >
                {!row ? (
                  <span className="muted">{t('common.loading')}</span>
                ) : (
                  <>
                    <div style={{ flex: 3 }}>
                      <strong>{row.title}</strong>
                      {row.overdue && <span className="badge"> {t('meetings.actions.overdue')}</span>}
                      <div className="muted">
                        {row.groupName}
                        {row.meetingId && (
                          <>
                            {' · '}
                            <RouteLink to={to('meetings', row.meetingId)}>
                              {row.meetingTitle} {formatDate(row.meetingDate)}
                              {row.agendaItemId
                                ? ` / ${titleOf(t, { title: row.agendaItemTitle, standingKey: row.agendaItemKey })}`
                                : ''}
                            </RouteLink>
                          </>
                        )}
                      </div>
                    </div>
                    <div style={{ flex: 1 }}>{row.ownerName}</div>
                    <div style={{ flex: 1 }}>
                      {formatDate(row.dueDate)}
                      {row.completedDate && (
                        <div className="muted">
                          {t('meetings.actions.fields.completed')}: {formatDate(row.completedDate)}
                        </div>
                      )}
                    </div>
                    <select
                      className="native-select"
                      style={{ flex: 1 }}
                      aria-label={t('meetings.actions.changeStatus', { title: row.title })}
                      value={row.status}
                      onChange={(e) => void changeStatus(row, e.target.value as ActionStatus)}
                    >
                      {ACTION_STATUSES.map((s) => (
                        <option key={s} value={s}>
                          {t(`meetings.actions.status.${s}`)}
                        </option>
                      ))}
                    </select>
                  </>
                )}
              </div>
            );
          })}
        </div>
      </div>
    </>
  );
}
