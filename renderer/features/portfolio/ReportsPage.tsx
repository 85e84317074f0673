import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Heading, Paragraph } from 'suomifi-ui-components';
import { reportInput, reviewDecisionInput, reviewInput } from '../../../shared/contract/portfolio';
import { GROUP_STATUSES, type GroupStatus } from '../../../shared/domain/groups';
import {
  REVIEW_DECISIONS,
  type PortfolioRow,
  type ReviewDecision,
  type TermReviewDetail,
} from '../../../shared/domain/portfolio';
import { monthsBefore } from '../../../shared/portfolio/figures';
import { api } from '../../api';
import { to, useApp } from '../../store/app';
import { formatDate } from '../../ui/dates';
import { describeError, fieldErrorsOf, validateWith, type FieldErrors } from '../../ui/errors';
import { base64ToBytes, saveFile, savePdf } from '../../ui/files';
import { SelectField, TextAreaField, TextField } from '../../ui/fields';
import { RouteLink } from '../../ui/RouteLink';
import { useLoad } from '../../ui/useLoad';
import { today } from '../../ui/today';
import { groupTitle } from '../../../shared/domain/names';
import { useNames } from '../../ui/names';

type SortKey = 'number' | 'lastMeeting' | 'attendance' | 'overdue' | 'progress';
const SORTS: SortKey[] = ['number', 'lastMeeting', 'attendance', 'overdue', 'progress'];

function compareRows(key: SortKey) {
  const progress = (r: PortfolioRow) => (r.measuresTotal ? r.measuresDone / r.measuresTotal : -1);
  return (a: PortfolioRow, b: PortfolioRow) => {
    switch (key) {
      case 'lastMeeting':
        return (b.lastMeeting ?? '').localeCompare(a.lastMeeting ?? '');
      case 'attendance':
        return (b.attendanceRate ?? -1) - (a.attendanceRate ?? -1);
      case 'overdue':
        return b.overdueActions - a.overdueActions;
      case 'progress':
        return progress(b) - progress(a);
      default:
        return (a.priorityNumber ?? 1000) - (b.priorityNumber ?? 1000) || a.name.localeCompare(b.name);
    }
  };
}

function PortfolioTable() {
  const { t } = useTranslation();
  const names = useNames();
  const view = useLoad(() => api.portfolio.view({}), []);
  const [query, setQuery] = useState('');
  const [status, setStatus] = useState<GroupStatus | ''>('');
  const [sort, setSort] = useState<SortKey>('number');
  const rows = useMemo(() => {
    const q = query.trim().toLocaleLowerCase();
    return (view.data?.rows ?? [])
      .filter((r) => !status || r.status === status)
      .filter(
        (r) =>
          !q ||
          [r.name, names.group(r.groupId, r.name), ...r.leads, ...r.leads.map(names.orgShortOf)].some((s) =>
            s.toLocaleLowerCase().includes(q),
          ),
      )
      .sort(compareRows(sort));
  }, [view.data, query, status, sort, names]);

  if (view.error) return <p role="alert">{describeError(t, view.error)}</p>;
  const v = view.data;
  if (!v) return <p aria-busy="true">{t('common.loading')}</p>;
  const percent = (n: number | null) => (n === null ? '—' : `${Math.round(n * 100)} %`);

  return (
    <section className="panel" aria-labelledby="portfolio-table">
      <Heading variant="h2" id="portfolio-table">
        {t('portfolio.portfolio.title')}
      </Heading>
      <Paragraph>{t('portfolio.portfolio.intro')}</Paragraph>
      <p className="impact-summary">
        <strong>
          {t('portfolio.portfolio.impactSummary', { impact: v.measuringImpact, count: v.rows.length, any: v.measuringAnything })}
        </strong>
      </p>
      <div className="toolbar" role="search">
        <TextField label={t('portfolio.portfolio.filterText')} value={query} onChange={setQuery} />
        <SelectField<GroupStatus>
          label={t('portfolio.portfolio.filterStatus')}
          value={status}
          onChange={setStatus}
          options={GROUP_STATUSES.map((s) => ({ value: s, label: t(`groups.statuses.${s}`) }))}
          emptyLabel={t('portfolio.portfolio.allStatuses')}
        />
        <SelectField<SortKey>
          label={t('portfolio.portfolio.sortBy')}
          value={sort}
          onChange={(s) => s && setSort(s)}
          options={SORTS.map((s) => ({ value: s, label: t(`portfolio.portfolio.sort.${s}`) }))}
        />
      </div>
      <p className="muted" aria-live="polite">
        {t('portfolio.portfolio.count', { count: rows.length })}
      </p>
      {rows.length === 0 ? (
        <Paragraph>{t('portfolio.portfolio.empty')}</Paragraph>
      ) : (
        <div className="table-scroll" tabIndex={0} role="group" aria-labelledby="portfolio-table">
          <table className="data portfolio">
            <thead>
              <tr>
                <th scope="col">{t('portfolio.columns.priority')}</th>
                <th scope="col">{t('portfolio.columns.lead')}</th>
                <th scope="col">{t('portfolio.columns.status')}</th>
                <th scope="col">{t('portfolio.columns.lastMeeting')}</th>
                <th scope="col">{t('portfolio.columns.nextMeeting')}</th>
                <th scope="col">{t('portfolio.columns.meetings12')}</th>
                <th scope="col">{t('portfolio.columns.attendance')}</th>
                <th scope="col">{t('portfolio.columns.size')}</th>
                <th scope="col">{t('portfolio.columns.actions')}</th>
                <th scope="col">{t('portfolio.columns.measures')}</th>
                <th scope="col">{t('portfolio.columns.indicators')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.groupId} data-group={r.groupId}>
                  <th scope="row">
                    <RouteLink to={to('groups', r.groupId, 'plan')}>
                      {r.priorityNumber ? `${r.priorityNumber}. ` : ''}
                      {names.group(r.groupId, r.name)}
                    </RouteLink>
                  </th>
                  <td>{r.leads.map(names.orgShortOf).join(', ')}</td>
                  <td>{t(`groups.statuses.${r.status}`)}</td>
                  <td>{formatDate(r.lastMeeting) || '—'}</td>
                  <td>{formatDate(r.nextMeeting) || '—'}</td>
                  <td>{r.meetingsLast12Months}</td>
                  <td>{percent(r.attendanceRate)}</td>
                  <td>{t('portfolio.columns.sizeValue', { members: r.memberCount, organisations: r.organisationCount })}</td>
                  <td>
                    {r.openActions} / {r.overdueActions}
                  </td>
                  <td>
                    {r.measuresDone}/{r.measuresTotal}
                  </td>
                  <td>
                    {r.indicators.length === 0
                      ? '—'
                      : r.indicators.map((i) => (
                          <div key={i.id}>
                            {i.name}: {i.latest ?? '—'}
                            {i.unit ? ` ${i.unit}` : ''}
                            {i.period && <span className="muted"> ({i.period})</span>}
                            {i.kind === 'outcome' && <span className="badge lead">{t('portfolio.indicatorKinds.outcome')}</span>}
                          </div>
                        ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

type ExportFormat = 'pdf' | 'docx' | 'md';

function ReportExport() {
  const { t, i18n } = useTranslation();
  const notify = useApp((s) => s.notify);
  const [lang, setLang] = useState<'fi' | 'sv' | 'en'>((['fi', 'sv', 'en'] as const).find((l) => l === i18n.language) ?? 'fi');
  const [format, setFormat] = useState<ExportFormat>('pdf');
  const [from, setFrom] = useState(monthsBefore(today(), 12));
  const [toDate, setToDate] = useState(today());
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    const checked = validateWith(t, reportInput, { lang, format: format === 'pdf' ? 'html' : format, from, to: toDate });
    if (!checked.ok) return setErrors(checked.errors);
    setBusy(true);
    try {
      const file = await api.portfolio.report(checked.data);
      setErrors({});
      if (format === 'pdf') {
        const html = new TextDecoder().decode(base64ToBytes(file.contentBase64));
        await savePdf(file.fileName.replace(/\.html$/, '.pdf'), html);
      } else {
        await saveFile(file.fileName, file.contentBase64, file.mimeType, [
          { name: t(`portfolio.report.formats.${format}`), extensions: [format] },
        ]);
      }
      notify('success', t('portfolio.report.exported', { name: file.fileName }));
    } catch (e) {
      const fields = fieldErrorsOf(t, e);
      setErrors(Object.keys(fields).length ? fields : { from: describeError(t, e) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="portfolio-report">
      <Heading variant="h2" id="portfolio-report">
        {t('portfolio.report.export')}
      </Heading>
      <form
        aria-label={t('portfolio.report.export')}
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <div className="form-grid">
          <SelectField<'fi' | 'sv' | 'en'>
            label={t('portfolio.report.language')}
            value={lang}
            onChange={(v) => v && setLang(v)}
            options={(['fi', 'sv', 'en'] as const).map((l) => ({ value: l, label: t(`portfolio.report.languages.${l}`) }))}
          />
          <SelectField<ExportFormat>
            label={t('portfolio.report.format')}
            value={format}
            onChange={(v) => v && setFormat(v)}
            options={(['pdf', 'docx', 'md'] as const).map((f) => ({ value: f, label: t(`portfolio.report.formats.${f}`) }))}
          />
          <TextField
            label={t('portfolio.report.from')}
            hint={t('common.dateHint')}
            value={from}
            onChange={setFrom}
            error={errors.from}
          />
          <TextField
            label={t('portfolio.report.to')}
            hint={t('common.dateHint')}
            value={toDate}
            onChange={setToDate}
            error={errors.to}
          />
        </div>
        <div className="form-actions">
          <Button type="submit" disabled={busy}>
            {t('portfolio.report.exportButton')}
          </Button>
        </div>
      </form>
    </section>
  );
}

function ReviewList() {
  const { t } = useTranslation();
  const notify = useApp((s) => s.notify);
  const navigate = useApp((s) => s.navigate);
  const reviews = useLoad(() => api.portfolio.reviews({}), []);
  const [label, setLabel] = useState('');
  const [date, setDate] = useState(today());
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});

  const start = async () => {
    const checked = validateWith(t, reviewInput, { label, date, note });
    if (!checked.ok) return setErrors(checked.errors);
    try {
      const review = await api.portfolio.startReview({ ...checked.data, note: checked.data.note ?? null });
      notify('success', t('portfolio.review.started', { name: review.label }));
      navigate(to('reports', 'review', review.id));
    } catch (e) {
      const fields = fieldErrorsOf(t, e);
      setErrors(Object.keys(fields).length ? fields : { label: describeError(t, e) });
    }
  };

  return (
    <>
      <p>
        <RouteLink to={to('reports')}>{t('portfolio.review.back')}</RouteLink>
      </p>
      <Heading variant="h1">{t('portfolio.review.title')}</Heading>
      <Paragraph mb="m">{t('portfolio.review.intro')}</Paragraph>
      <section className="panel" aria-labelledby="review-list">
        <Heading variant="h2" id="review-list">
          {t('portfolio.review.list')}
        </Heading>
        {reviews.error ? <p role="alert">{describeError(t, reviews.error)}</p> : null}
        {reviews.data && reviews.data.length === 0 && <Paragraph>{t('portfolio.review.noReviews')}</Paragraph>}
        <ul>
          {reviews.data?.map((r) => (
            <li key={r.id}>
              <RouteLink to={to('reports', 'review', r.id)}>{r.label}</RouteLink> · {formatDate(r.date)} ·{' '}
              <span className="badge">{t(`portfolio.review.statuses.${r.status}`)}</span>
            </li>
          ))}
        </ul>
      </section>
      <section className="panel" aria-labelledby="review-start">
        <Heading variant="h2" id="review-start">
          {t('portfolio.review.start')}
        </Heading>
        <form
          aria-label={t('portfolio.review.start')}
          onSubmit={(e) => {
            e.preventDefault();
            void start();
          }}
        >
          <div className="form-grid">
            <TextField label={t('portfolio.review.label')} value={label} onChange={setLabel} error={errors.label} />
            <TextField
              label={t('portfolio.review.date')}
              hint={t('common.dateHint')}
              value={date}
              onChange={setDate}
              error={errors.date}
            />
          </div>
          <TextAreaField
            label={t('portfolio.review.note')}
            value={note}
            onChange={setNote}
            error={errors.note}
            optional={t('common.optional')}
          />
          <div className="form-actions">
            <Button type="submit">{t('portfolio.review.start')}</Button>
          </div>
        </form>
      </section>
    </>
  );
}

function ReviewItemForm({
  review,
  item,
  onSaved,
}: {
  review: TermReviewDetail;
  item: TermReviewDetail['items'][number];
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const names = useNames();
  const notify = useApp((s) => s.notify);
  const [decision, setDecision] = useState<ReviewDecision | ''>(item.decision ?? '');
  const [rationale, setRationale] = useState(item.rationale ?? '');
  const [mergeInto, setMergeInto] = useState(item.mergeIntoGroupId ?? '');
  const [errors, setErrors] = useState<FieldErrors>({});
  const closed = review.status === 'closed';
  const headingId = `review-item-${item.id}`;
  const name = groupTitle(names.group(item.groupId, item.groupName), item.priorityNumber);

  const submit = async () => {
    const checked = validateWith(t, reviewDecisionInput, {
      itemId: item.id,
      decision,
      rationale,
      mergeIntoGroupId: decision === 'merge' ? mergeInto || null : null,
    });
    if (!checked.ok) return setErrors(checked.errors);
    try {
      await api.portfolio.recordReviewDecision(checked.data);
      setErrors({});
      notify('success', t('portfolio.review.recorded', { name: names.group(item.groupId, item.groupName) }));
      onSaved();
    } catch (e) {
      const fields = fieldErrorsOf(t, e);
      setErrors(Object.keys(fields).length ? fields : { decision: describeError(t, e) });
    }
  };

  return (
    <article className="review-item" aria-labelledby={headingId}>
      <Heading variant="h3" as="h3" id={headingId}>
        <RouteLink to={to('groups', item.groupId, 'plan')}>{name}</RouteLink>
      </Heading>
      <p className="muted">
        {t(`groups.statuses.${item.groupStatus}`)} ·{' '}
        {item.decision ? t(`portfolio.review.decisions.${item.decision}`) : t('portfolio.review.undecided')}
      </p>
      {closed ? (
        item.rationale && <Paragraph>{item.rationale}</Paragraph>
      ) : (
        <form
          aria-label={`${t('portfolio.review.record')}: ${name}`}
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <div className="form-grid">
            <SelectField<ReviewDecision>
              label={t('portfolio.review.decision')}
              value={decision}
              onChange={setDecision}
              options={REVIEW_DECISIONS.map((d) => ({ value: d, label: t(`portfolio.review.decisions.${d}`) }))}
              emptyLabel={t('common.choose')}
              error={errors.decision}
            />
            {decision === 'merge' && (
              <SelectField
                label={t('portfolio.review.mergeInto')}
                value={mergeInto}
                onChange={setMergeInto}
                options={review.items
                  .filter((i) => i.groupId !== item.groupId)
                  .map((i) => ({ value: i.groupId, label: names.group(i.groupId, i.groupName) }))}
                emptyLabel={t('common.choose')}
                error={errors.mergeIntoGroupId}
              />
            )}
          </div>
          <TextAreaField
            label={t('portfolio.review.rationale')}
            value={rationale}
            onChange={setRationale}
            error={errors.rationale}
            optional={t('common.optional')}
          />
          <div className="form-actions">
            <Button type="submit" variant="secondary">
              {t('portfolio.review.record')}
            </Button>
          </div>
        </form>
      )}
    </article>
  );
}

function ReviewSession({ id }: { id: string }) {
  const { t } = useTranslation();
  const notify = useApp((s) => s.notify);
  const review = useLoad(() => api.portfolio.review({ id }), [id]);
  if (review.error) return <p role="alert">{describeError(t, review.error)}</p>;
  const r = review.data;
  if (!r) return <p aria-busy="true">{t('common.loading')}</p>;
  const done = r.items.filter((i) => i.decision).length;
  const close = async () => {
    try {
      await api.portfolio.closeReview({ id });
      notify('success', t('portfolio.review.closedMessage'));
      review.reload();
    } catch (e) {
      notify('error', describeError(t, e));
    }
  };
  return (
    <>
      <p>
        <RouteLink to={to('reports', 'review')}>{t('portfolio.review.list')}</RouteLink>
      </p>
      <Heading variant="h1">{r.label}</Heading>
      <p className="muted">
        {formatDate(r.date)} · {t(`portfolio.review.statuses.${r.status}`)} ·{' '}
        {t('portfolio.review.progress', { done, count: r.items.length })}
      </p>
      {r.note && <Paragraph mb="m">{r.note}</Paragraph>}
      <section className="panel" aria-labelledby="review-items">
        <Heading variant="h2" id="review-items">
          {t('portfolio.review.decision')}
        </Heading>
        {r.items.map((item) => (
          <ReviewItemForm key={`${item.id}-${item.hlc}`} review={r} item={item} onSaved={review.reload} />
        ))}
      </section>
      {r.status === 'open' && (
        <div className="form-actions">
          <Button onClick={() => void close()}>{t('portfolio.review.close')}</Button>
        </div>
      )}
    </>
  );
}

/** `#/reports`: the portfolio and the report; `#/reports/review[/<id>]`: the government-term review. */
export function ReportsPage({ params }: { params: string[] }) {
  const { t } = useTranslation();
  if (params[0] === 'review') return params[1] ? <ReviewSession id={params[1]} /> : <ReviewList />;
  return (
    <>
      <div className="page-header">
        <Heading variant="h1">{t('app.nav.reports')}</Heading>
        <RouteLink to={to('reports', 'review')}>{t('portfolio.portfolio.reviewLink')}</RouteLink>
      </div>
      <PortfolioTable />
      <ReportExport />
    </>
  );
}
