import {
  memo,
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type CSSProperties,
  type ReactElement,
  type RefObject,
} from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Checkbox, Heading, Paragraph } from 'suomifi-ui-components';
import { ACTION_SORTS } from '../../../shared/contract/meetings';
import { ACTION_STATUSES, type ActionItemRow, type ActionStatus } from '../../../shared/domain/meetings';
import { api } from '../../api';
import { hashFromRoute, to, useApp } from '../../store/app';
import { formatDate } from '../../ui/dates';
import { describeError } from '../../ui/errors';
import { SelectField } from '../../ui/fields';
import { useLoad } from '../../ui/useLoad';
import { downloadGenerated, NativeField, titleOf, uiLang } from './common';
import { useNames, type Names } from '../../ui/names';

const PAGE = 200;
const ROW_HEIGHT = 64;
/** Rows ahead of the visible ones whose page is fetched before it is reached. */
const PREFETCH = 80;
type Sort = (typeof ACTION_SORTS)[number];
type StatusFilter = ActionStatus | 'active';

/** A row as shown: every string formatted once when its page arrives, not on every render. */
interface ActionView {
  row: ActionItemRow;
  meetingHref: string | null;
  meetingText: string | null;
  due: string;
  completed: string | null;
  statusLabel: string;
}

/** Texts every row shares, translated once per language. */
interface RowTexts {
  loading: string;
  overdue: string;
  completed: string;
  statuses: Array<{ value: ActionStatus; label: string }>;
  /** Group and owner organisation names in the UI language (the row carries them as written). */
  names: Names;
}

const ROW_STYLE: CSSProperties = {
  position: 'absolute',
  top: 0,
  left: 0,
  right: 0,
  height: ROW_HEIGHT,
  padding: '4px 8px',
  borderBottom: '1px solid #e5e5e5',
  display: 'flex',
  gap: 12,
  alignItems: 'center',
  boxSizing: 'border-box',
  overflow: 'hidden',
};
const MAIN_CELL: CSSProperties = { flex: 3, minWidth: 0 };
const CELL: CSSProperties = { flex: 1, minWidth: 0 };

/** One row; memoised, so a page arriving or a scroll step renders only the rows that changed. */
const ActionRowView = memo(function ActionRowView(props: {
  view: ActionView | undefined;
  index: number;
  start: number;
  setSize: number;
  texts: RowTexts;
  onStatus: (row: ActionItemRow, status: ActionStatus) => void;
}) {
  const { view, texts } = props;
  return (
    <div
      role="listitem"
      aria-posinset={props.index + 1}
      aria-setsize={props.setSize}
      style={{ ...ROW_STYLE, transform: `translateY(${props.start}px)` }}
    >
      {!view ? (
        <span className="muted">{texts.loading}</span>
      ) : (
        <>
          <div style={MAIN_CELL}>
            <strong>{view.row.title}</strong>
            {view.row.overdue && <span className="badge"> {texts.overdue}</span>}
            <div className="muted">
              {texts.names.group(view.row.groupId, view.row.groupName)}
              {view.row.meetingId && (
                <>
                  {' · '}
                  {/* A plain link (the hash route): no store subscription per row. */}
                  <a href={view.meetingHref ?? undefined}>{view.meetingText}</a>
                </>
              )}
            </div>
          </div>
          <div style={CELL}>
            {view.row.ownerPersonId || !view.row.ownerOrganisationId
              ? view.row.ownerName
              : texts.names.orgShort(view.row.ownerOrganisationId, view.row.ownerName ?? '')}
          </div>
          <div style={CELL}>
            {view.due}
            {view.completed && (
              <div className="muted">
                {texts.completed}: {view.completed}
              </div>
            )}
          </div>
          <select
            className="native-select"
            style={CELL}
            aria-label={view.statusLabel}
            value={view.row.status}
            onChange={(e) => props.onStatus(view.row, e.target.value as ActionStatus)}
          >
            {texts.statuses.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </select>
        </>
      )}
    </div>
  );
});

/** Rows beyond each edge of the view: they cover a frame's scroll while React renders the next window. */
const OVERSCAN = 6;

/**
 * The window of a list of fixed-height rows: the rows in view plus OVERSCAN on each side, from the
 * scroll element's scrollTop and height, in rows, so the list re-renders only when a row boundary is
 * crossed. Its cost does not depend on the list's length (a general virtualiser measured every one
 * of the 74 890 rows of the default filter at W on the first render: issue #19, docs/performance.md).
 */
function useRowWindow(parent: RefObject<HTMLDivElement | null>, count: number): { first: number; last: number } {
  const [view, setView] = useState({ top: 0, rows: 0 });
  useLayoutEffect(() => {
    const el = parent.current;
    if (!el) return;
    const update = () => {
      const top = Math.floor(el.scrollTop / ROW_HEIGHT);
      const rows = Math.ceil(el.clientHeight / ROW_HEIGHT);
      setView((v) => (v.top === top && v.rows === rows ? v : { top, rows }));
    };
    update();
    el.addEventListener('scroll', update, { passive: true });
    const resize = typeof ResizeObserver === 'undefined' ? undefined : new ResizeObserver(update);
    resize?.observe(el);
    return () => {
      el.removeEventListener('scroll', update);
      resize?.disconnect();
    };
  }, [parent]);
  if (count === 0) return { first: 0, last: -1 };
  const first = Math.max(0, Math.min(count - 1, view.top - OVERSCAN));
  return { first, last: Math.min(count - 1, view.top + view.rows + OVERSCAN) };
}

/**
 * The virtualised list, apart from the page so that scrolling re-renders only the list (and of it only
 * the rows that came into view), never the filters above it.
 */
const ActionList = memo(function ActionList(props: {
  label: string;
  total: number;
  pages: ReadonlyMap<number, ActionView[]>;
  texts: RowTexts;
  onStatus: (row: ActionItemRow, status: ActionStatus) => void;
  onRange: (first: number, last: number, total: number) => void;
}) {
  const { total, pages, onRange } = props;
  const parent = useRef<HTMLDivElement>(null);
  const { first, last } = useRowWindow(parent, total);
  useEffect(() => {
    if (last >= 0) onRange(first, last, total);
  }, [first, last, total, onRange]);
  const rows: ReactElement[] = [];
  for (let index = first; index <= last; index++) {
    rows.push(
      <ActionRowView
        key={index}
        view={pages.get(Math.floor(index / PAGE))?.[index % PAGE]}
        index={index}
        start={index * ROW_HEIGHT}
        setSize={total}
        texts={props.texts}
        onStatus={props.onStatus}
      />,
    );
  }
  return (
    <div
      ref={parent}
      style={{ height: '60vh', overflow: 'auto', border: '1px solid #c8cdd0', contain: 'strict' }}
      tabIndex={0}
      role="region"
      aria-label={props.label}
    >
      <div role="list" style={{ height: total * ROW_HEIGHT, position: 'relative' }}>
        {rows}
      </div>
    </div>
  );
});

/** Owner pickers: loaded when the user reaches for the filters, so the list's first page is not queued behind them. */
function usePickers(wanted: boolean) {
  const groups = useLoad(() => (wanted ? api.groups.list({}) : Promise.resolve(undefined)), [wanted]);
  const people = useLoad(() => (wanted ? api.people.list({}) : Promise.resolve(undefined)), [wanted]);
  const organisations = useLoad(() => (wanted ? api.organisations.list({}) : Promise.resolve(undefined)), [wanted]);
  return { groups: groups.data ?? [], people: people.data ?? [], organisations: organisations.data ?? [] };
}

/**
 * `#/actions`: every group's action items. The list is virtualised and loaded a page at a time (the
 * next page fetched before it is reached), so a hundred thousand items cost as much as the few dozen
 * on screen.
 */
export function ActionsPage(_props: { params: string[] }) {
  const { t, i18n } = useTranslation();
  const notify = useApp((s) => s.notify);
  const [groupId, setGroupId] = useState('');
  const [ownerPersonId, setPerson] = useState('');
  const [ownerOrganisationId, setOrg] = useState('');
  const [status, setStatus] = useState<StatusFilter | ''>('active');
  const [overdue, setOverdue] = useState(false);
  const [dueWithin, setDueWithin] = useState('');
  const [sort, setSort] = useState<Sort>('due');
  const [descending, setDescending] = useState(false);
  const [pickersWanted, setPickersWanted] = useState(false);
  const wantPickers = useCallback(() => setPickersWanted(true), []);
  const { groups, people, organisations } = usePickers(pickersWanted);
  const [total, setTotal] = useState<number | null>(null);
  /** Loaded pages by page number; a new page adds one entry, the rows already shown keep their objects. */
  const [pages, setPages] = useState<ReadonlyMap<number, ActionView[]>>(new Map());
  const loading = useRef(new Set<number>());
  const generation = useRef(0);

  const names = useNames();
  const texts = useMemo<RowTexts>(
    () => ({
      names,
      loading: t('common.loading'),
      overdue: t('meetings.actions.overdue'),
      completed: t('meetings.actions.fields.completed'),
      statuses: ACTION_STATUSES.map((s) => ({ value: s, label: t(`meetings.actions.status.${s}`) })),
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [t, i18n.language, names],
  );

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

  const toView = useCallback(
    (rows: ActionItemRow[]): ActionView[] => {
      // Dates repeat a lot within a page: format each once.
      const dates = new Map<string, string>();
      const date = (d: string | null) => {
        if (!d) return '';
        let s = dates.get(d);
        if (s === undefined) dates.set(d, (s = formatDate(d)));
        return s;
      };
      return rows.map((row) => ({
        row,
        meetingHref: row.meetingId ? hashFromRoute(to('meetings', row.meetingId)) : null,
        meetingText: row.meetingId
          ? `${row.meetingTitle ?? ''} ${date(row.meetingDate)}${
              row.agendaItemId ? ` / ${titleOf(t, { title: row.agendaItemTitle, standingKey: row.agendaItemKey })}` : ''
            }`
          : null,
        due: date(row.dueDate),
        completed: row.completedDate ? date(row.completedDate) : null,
        statusLabel: t('meetings.actions.changeStatus', { title: row.title }),
      }));
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [t, i18n.language],
  );

  const loadPage = useCallback(
    (page: number) => {
      if (loading.current.has(page)) return;
      loading.current.add(page);
      const mine = generation.current;
      // The first page (a new filter) counts the whole filtered set; later pages do not.
      const input = { ...(JSON.parse(key) as typeof filters), offset: page * PAGE, limit: PAGE, count: page === 0 };
      api.meetings.listActions(input).then(
        (r) => {
          if (mine !== generation.current) return;
          if (r.total !== null) setTotal(r.total);
          const view = toView(r.rows);
          setPages((prev) => new Map(prev).set(page, view));
        },
        (e: unknown) => {
          loading.current.delete(page);
          notify('error', describeError(t, e));
        },
      );
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [key, toView],
  );
  const reset = useCallback(() => {
    generation.current++;
    loading.current = new Set();
    setPages(new Map());
    setTotal(null);
    loadPage(0);
  }, [loadPage]);
  useEffect(reset, [reset]);
  const resetRef = useRef(reset);
  resetRef.current = reset;

  const onRange = useCallback(
    (first: number, last: number, count: number) => {
      const end = Math.min(last + PREFETCH, count - 1);
      for (let p = Math.floor(first / PAGE); p <= Math.floor(end / PAGE); p++) loadPage(p);
    },
    [loadPage],
  );

  const changeStatus = useCallback(
    (row: ActionItemRow, next: ActionStatus) => {
      api.meetings.setActionStatus({ id: row.id, status: next }).then(
        () => resetRef.current(),
        (e: unknown) => notify('error', describeError(t, e)),
      );
    },
    [notify, t],
  );

  return (
    <>
      <Heading variant="h1">{t('meetings.actions.title')}</Heading>
      <Paragraph mt="s">{t('meetings.actions.intro')}</Paragraph>
      <div className="toolbar" role="search" onFocus={wantPickers} onPointerEnter={wantPickers}>
        <SelectField
          label={t('meetings.actions.fields.group')}
          value={groupId}
          onChange={setGroupId}
          options={groups.map((g) => ({ value: g.id, label: names.group(g) }))}
          emptyLabel={t('meetings.filters.allGroups')}
        />
        <SelectField
          label={t('meetings.actions.fields.ownerPerson')}
          value={ownerPersonId}
          onChange={setPerson}
          options={people.map((p) => ({ value: p.id, label: p.name }))}
          emptyLabel={t('meetings.actions.filters.anyOwner')}
        />
        <SelectField
          label={t('meetings.actions.fields.ownerOrganisation')}
          value={ownerOrganisationId}
          onChange={setOrg}
          options={organisations.map((o) => ({ value: o.id, label: names.orgShort(o) }))}
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
      <ActionList
        label={t('meetings.actions.title')}
        total={total ?? 0}
        pages={pages}
        texts={texts}
        onStatus={changeStatus}
        onRange={onRange}
      />
    </>
  );
}
