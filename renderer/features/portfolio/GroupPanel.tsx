import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Heading, Paragraph } from 'suomifi-ui-components';
import {
  commitmentInput,
  indicatorInput,
  indicatorPatch,
  indicatorValueInput,
  measureInput,
  statusChangeInput,
} from '../../../shared/contract/portfolio';
import type { GroupDetail, GroupStatus } from '../../../shared/domain/groups';
import {
  COMMITMENT_STATUSES,
  INDICATOR_KINDS,
  MEASURE_STATUSES,
  type CommitmentStatus,
  type IndicatorDetail,
  type IndicatorKind,
  type LinkableItem,
  type MeasureDetail,
  type MeasureStatus,
} from '../../../shared/domain/portfolio';
import { api } from '../../api';
import { useApp } from '../../store/app';
import { formatDate } from '../../ui/dates';
import { describeError, fieldErrorsOf, validateWith, type FieldErrors } from '../../ui/errors';
import { SelectField, TextAreaField, TextField } from '../../ui/fields';
import { useLoad } from '../../ui/useLoad';
import { IndicatorChart } from './IndicatorChart';
import { today } from '../../ui/today';
import { useNames } from '../../ui/names';

/** Form errors from a failed call: field messages when there are any, else one sentence on `fallbackField`. */
function errorsOf(t: ReturnType<typeof useTranslation>['t'], e: unknown, fallbackField: string): FieldErrors {
  const fields = fieldErrorsOf(t, e);
  return Object.keys(fields).length ? fields : { [fallbackField]: describeError(t, e) };
}

function LifecycleSection({ group }: { group: GroupDetail }) {
  const { t } = useTranslation();
  const notify = useApp((s) => s.notify);
  const life = useLoad(() => api.portfolio.lifecycle({ groupId: group.id }), [group.id, group.status]);
  const [status, setStatus] = useState<GroupStatus | ''>('');
  const [date, setDate] = useState(today());
  const [note, setNote] = useState('');
  const [transferredTo, setTransferredTo] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});

  const l = life.data;
  const submit = async () => {
    const checked = validateWith(t, statusChangeInput, { groupId: group.id, status, date, note, transferredTo });
    if (!checked.ok) return setErrors(checked.errors);
    try {
      await api.portfolio.changeStatus(checked.data);
      setErrors({});
      setStatus('');
      setNote('');
      setTransferredTo('');
      notify('success', t('portfolio.lifecycle.changed', { status: t(`groups.statuses.${checked.data.status}`) }));
      life.reload();
    } catch (e) {
      setErrors(errorsOf(t, e, 'status'));
    }
  };

  return (
    <section className="panel" aria-labelledby="portfolio-lifecycle">
      <Heading variant="h2" id="portfolio-lifecycle">
        {t('portfolio.lifecycle.title')}
      </Heading>
      {life.error ? <p role="alert">{describeError(t, life.error)}</p> : null}
      {l && (
        <>
          <p>
            <strong>{t('portfolio.lifecycle.current')}:</strong> <span className="badge">{t(`groups.statuses.${l.status}`)}</span>
            {l.statusDate && <> {t('portfolio.lifecycle.since', { date: formatDate(l.statusDate) })}</>}
            {l.transferredTo && (
              <>
                {' · '}
                {t('portfolio.lifecycle.transferredTo')}: {l.transferredTo}
              </>
            )}
          </p>
          {l.allowed.length === 0 ? (
            <Paragraph>{t('portfolio.lifecycle.final')}</Paragraph>
          ) : (
            <form
              aria-label={t('portfolio.lifecycle.change')}
              onSubmit={(e) => {
                e.preventDefault();
                void submit();
              }}
            >
              <div className="form-grid">
                <SelectField<GroupStatus>
                  label={t('portfolio.lifecycle.newStatus')}
                  value={status}
                  onChange={setStatus}
                  options={l.allowed.map((s) => ({ value: s, label: t(`groups.statuses.${s}`) }))}
                  emptyLabel={t('common.choose')}
                  error={errors.status}
                />
                <TextField
                  label={t('portfolio.lifecycle.date')}
                  hint={t('common.dateHint')}
                  value={date}
                  onChange={setDate}
                  error={errors.date}
                />
                {status === 'transferred' && (
                  <TextField
                    label={t('portfolio.lifecycle.transferredTo')}
                    hint={t('portfolio.lifecycle.transferredToHint')}
                    value={transferredTo}
                    onChange={setTransferredTo}
                    error={errors.transferredTo}
                  />
                )}
              </div>
              <TextAreaField
                label={t('portfolio.lifecycle.note')}
                value={note}
                onChange={setNote}
                error={errors.note}
                optional={t('common.optional')}
              />
              <div className="form-actions">
                <Button type="submit">{t('portfolio.lifecycle.change')}</Button>
              </div>
            </form>
          )}
          <Heading variant="h3" as="h3">
            {t('portfolio.lifecycle.history')}
          </Heading>
          {l.history.length === 0 ? (
            <Paragraph>{t('portfolio.lifecycle.noHistory')}</Paragraph>
          ) : (
            <ol className="status-history" aria-label={t('portfolio.lifecycle.history')}>
              {l.history.map((h) => (
                <li key={h.id}>
                  <strong>{formatDate(h.date)}</strong> · {t(`groups.statuses.${h.status}`)}
                  {h.transferredTo && ` → ${h.transferredTo}`}
                  {h.note && <span className="muted"> — {h.note}</span>}
                </li>
              ))}
            </ol>
          )}
        </>
      )}
    </section>
  );
}

interface MeasureValues {
  title: string;
  description: string;
  responsibleOrganisationId: string;
  startDate: string;
  dueDate: string;
  status: MeasureStatus;
  progressNote: string;
}

const emptyMeasure: MeasureValues = {
  title: '',
  description: '',
  responsibleOrganisationId: '',
  startDate: '',
  dueDate: '',
  status: 'not_started',
  progressNote: '',
};

function MeasureForm(props: {
  label: string;
  initial: MeasureValues;
  organisations: Array<{ value: string; label: string }>;
  onSave: (values: MeasureValues) => Promise<FieldErrors | null>;
  onCancel?: () => void;
}) {
  const { t } = useTranslation();
  const [v, setV] = useState(props.initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const set = (patch: Partial<MeasureValues>) => setV((cur) => ({ ...cur, ...patch }));
  return (
    <form
      aria-label={props.label}
      onSubmit={(e) => {
        e.preventDefault();
        void props.onSave(v).then((problems) => {
          setErrors(problems ?? {});
          if (!problems && !props.onCancel) setV(emptyMeasure);
        });
      }}
    >
      <div className="form-grid">
        <TextField
          label={t('portfolio.measure.title')}
          value={v.title}
          onChange={(title) => set({ title })}
          error={errors.title}
        />
        <SelectField
          label={t('portfolio.measure.responsible')}
          value={v.responsibleOrganisationId}
          onChange={(responsibleOrganisationId) => set({ responsibleOrganisationId })}
          options={props.organisations}
          emptyLabel={t('common.none')}
          error={errors.responsibleOrganisationId}
        />
        <TextField
          label={t('portfolio.measure.start')}
          hint={t('common.dateHint')}
          value={v.startDate}
          onChange={(startDate) => set({ startDate })}
          error={errors.startDate}
          optional={t('common.optional')}
        />
        <TextField
          label={t('portfolio.measure.due')}
          hint={t('common.dateHint')}
          value={v.dueDate}
          onChange={(dueDate) => set({ dueDate })}
          error={errors.dueDate}
          optional={t('common.optional')}
        />
        <SelectField<MeasureStatus>
          label={t('portfolio.measure.status')}
          value={v.status}
          onChange={(status) => status && set({ status })}
          options={MEASURE_STATUSES.map((s) => ({ value: s, label: t(`portfolio.measureStatuses.${s}`) }))}
        />
      </div>
      <TextAreaField
        label={t('portfolio.measure.description')}
        value={v.description}
        onChange={(description) => set({ description })}
        error={errors.description}
        optional={t('common.optional')}
      />
      <TextAreaField
        label={t('portfolio.measure.progressNote')}
        value={v.progressNote}
        onChange={(progressNote) => set({ progressNote })}
        error={errors.progressNote}
        optional={t('common.optional')}
      />
      <div className="form-actions">
        <Button type="submit">{props.onCancel ? t('common.actions.save') : t('portfolio.plan.addMeasure')}</Button>
        {props.onCancel && (
          <Button type="button" variant="secondary" onClick={props.onCancel}>
            {t('common.actions.cancel')}
          </Button>
        )}
      </div>
    </form>
  );
}

function CommitmentForm({
  measure,
  organisations,
  onSaved,
}: {
  measure: MeasureDetail;
  organisations: Array<{ value: string; label: string }>;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const names = useNames();
  const notify = useApp((s) => s.notify);
  const [organisationId, setOrganisationId] = useState('');
  const [status, setStatus] = useState<CommitmentStatus>('decided');
  const [decisionDate, setDecisionDate] = useState('');
  const [decisionReference, setDecisionReference] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const submit = async () => {
    const checked = validateWith(t, commitmentInput, {
      measureId: measure.id,
      organisationId,
      commitmentStatus: status,
      decisionDate: decisionDate || null,
      decisionReference,
    });
    if (!checked.ok) return setErrors(checked.errors);
    try {
      const saved = await api.portfolio.setCommitment(checked.data);
      setErrors({});
      setOrganisationId('');
      setDecisionDate('');
      setDecisionReference('');
      notify(
        'success',
        t('portfolio.measure.commitmentSaved', { name: names.orgShort(saved.organisationId, saved.abbreviation) }),
      );
      onSaved();
    } catch (e) {
      setErrors(errorsOf(t, e, 'organisationId'));
    }
  };
  return (
    <form
      aria-label={`${t('portfolio.measure.addCommitment')}: ${measure.title}`}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <div className="form-grid">
        <SelectField
          label={t('portfolio.measure.organisation')}
          value={organisationId}
          onChange={setOrganisationId}
          options={organisations}
          emptyLabel={t('common.choose')}
          error={errors.organisationId}
        />
        <SelectField<CommitmentStatus>
          label={t('portfolio.measure.commitment')}
          value={status}
          onChange={(s) => s && setStatus(s)}
          options={COMMITMENT_STATUSES.map((s) => ({ value: s, label: t(`portfolio.commitmentStatuses.${s}`) }))}
        />
        <TextField
          label={t('portfolio.measure.decisionDate')}
          hint={t('common.dateHint')}
          value={decisionDate}
          onChange={setDecisionDate}
          error={errors.decisionDate}
          optional={t('common.optional')}
        />
        <TextField
          label={t('portfolio.measure.decisionReference')}
          value={decisionReference}
          onChange={setDecisionReference}
          error={errors.decisionReference}
          optional={t('common.optional')}
        />
      </div>
      <div className="form-actions">
        <Button type="submit" variant="secondary">
          {t('portfolio.measure.addCommitment')}
        </Button>
      </div>
    </form>
  );
}

function MeasureLinks({
  measure,
  linkable,
  onChange,
}: {
  measure: MeasureDetail;
  linkable: LinkableItem[];
  onChange: () => void;
}) {
  const { t } = useTranslation();
  const notify = useApp((s) => s.notify);
  const [choice, setChoice] = useState('');
  const [error, setError] = useState<string | undefined>();
  const linked = linkable.filter((i) => i.measureId === measure.id);
  const label = (i: LinkableItem) =>
    t(i.kind === 'action_item' ? 'portfolio.measure.actionOption' : 'portfolio.measure.decisionOption', { name: i.title });
  const setLink = async (item: LinkableItem, measureId: string | null) => {
    try {
      await api.portfolio.linkToMeasure({ kind: item.kind, id: item.id, measureId });
      notify('success', t(measureId ? 'portfolio.measure.linkedDone' : 'portfolio.measure.unlinkedDone', { name: item.title }));
      setChoice('');
      setError(undefined);
      onChange();
    } catch (e) {
      setError(describeError(t, e));
    }
  };
  const candidates = linkable.filter((i) => i.measureId !== measure.id);
  if (linked.length === 0 && candidates.length === 0) return null;
  return (
    <div className="measure-links">
      {linked.length > 0 && (
        <>
          <p>
            <strong>{t('portfolio.measure.linkTitle')}</strong>
          </p>
          <ul>
            {linked.map((i) => (
              <li key={i.id}>
                {label(i)}{' '}
                <button
                  type="button"
                  className="link-button"
                  onClick={() => void setLink(i, null)}
                  aria-label={t('portfolio.measure.unlinkNamed', { name: i.title })}
                >
                  {t('portfolio.measure.unlink')}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      {candidates.length > 0 && (
        <form
          className="toolbar"
          aria-label={`${t('portfolio.measure.link')}: ${measure.title}`}
          onSubmit={(e) => {
            e.preventDefault();
            const item = candidates.find((i) => i.id === choice);
            if (!item) return setError(t('validation.required'));
            void setLink(item, measure.id);
          }}
        >
          <div style={{ minWidth: 320 }}>
            <SelectField
              label={t('portfolio.measure.linkLabel')}
              value={choice}
              onChange={setChoice}
              options={candidates.map((i) => ({ value: i.id, label: label(i) }))}
              emptyLabel={t('common.choose')}
              error={error}
            />
          </div>
          <Button type="submit" variant="secondary">
            {t('portfolio.measure.link')}
          </Button>
        </form>
      )}
    </div>
  );
}

function MeasureCard({
  measure,
  organisations,
  linkable,
  onChange,
}: {
  measure: MeasureDetail;
  organisations: Array<{ value: string; label: string }>;
  linkable: LinkableItem[];
  onChange: () => void;
}) {
  const { t } = useTranslation();
  const names = useNames();
  const notify = useApp((s) => s.notify);
  const [editing, setEditing] = useState(false);
  const headingId = `measure-${measure.id}`;
  const save = async (v: MeasureValues): Promise<FieldErrors | null> => {
    const checked = validateWith(t, measureInput, {
      groupId: measure.groupId,
      ...v,
      responsibleOrganisationId: v.responsibleOrganisationId || null,
      startDate: v.startDate || null,
      dueDate: v.dueDate || null,
    });
    if (!checked.ok) return checked.errors;
    try {
      const { groupId: _g, ...patch } = checked.data;
      await api.portfolio.updateMeasure({ id: measure.id, patch });
      notify('success', t('portfolio.measure.saved', { name: patch.title }));
      setEditing(false);
      onChange();
      return null;
    } catch (e) {
      return errorsOf(t, e, 'title');
    }
  };
  const archive = async () => {
    try {
      await api.portfolio.archiveMeasure({ id: measure.id });
      notify('success', t('portfolio.measure.archived', { name: measure.title }));
      onChange();
    } catch (e) {
      notify('error', describeError(t, e));
    }
  };
  return (
    <article className="measure-card" aria-labelledby={headingId}>
      <Heading variant="h4" as="h4" id={headingId}>
        {measure.title}
      </Heading>
      <p>
        <span className="badge">{t(`portfolio.measureStatuses.${measure.status}`)}</span>
        {measure.responsibleAbbreviation && (
          <>
            {' · '}
            {t('portfolio.measure.responsible')}:{' '}
            {names.orgShort(measure.responsibleOrganisationId, measure.responsibleAbbreviation)}
          </>
        )}
        {(measure.startDate || measure.dueDate) && (
          <>
            {' · '}
            {formatDate(measure.startDate)} – {formatDate(measure.dueDate)}
          </>
        )}
        {(measure.linkedActions > 0 || measure.linkedDecisions > 0) && (
          <span className="muted">
            {' '}
            · {t('portfolio.measure.linked', { actions: measure.linkedActions, decisions: measure.linkedDecisions })}
          </span>
        )}
      </p>
      {measure.description && <Paragraph>{measure.description}</Paragraph>}
      {measure.progressNote && (
        <p>
          <strong>{t('portfolio.measure.progressNote')}:</strong> {measure.progressNote}
        </p>
      )}
      {measure.organisations.length === 0 ? (
        <p className="muted">{t('portfolio.measure.noCommitments')}</p>
      ) : (
        <table className="data">
          <caption>{t('portfolio.measure.commitments')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('portfolio.measure.organisation')}</th>
              <th scope="col">{t('portfolio.measure.commitment')}</th>
              <th scope="col">{t('portfolio.measure.decisionDate')}</th>
              <th scope="col">{t('portfolio.measure.decisionReference')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('common.actionsColumn')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {measure.organisations.map((o) => (
              <tr key={o.id}>
                <td>{names.orgShort(o.organisationId, o.abbreviation)}</td>
                <td>{t(`portfolio.commitmentStatuses.${o.commitmentStatus}`)}</td>
                <td>{formatDate(o.decisionDate)}</td>
                <td>{o.decisionReference ?? ''}</td>
                <td>
                  <button
                    type="button"
                    className="link-button"
                    onClick={() =>
                      void api.portfolio.removeCommitment({ id: o.id }).then(
                        () => {
                          notify(
                            'success',
                            t('portfolio.measure.commitmentRemoved', { name: names.orgShort(o.organisationId, o.abbreviation) }),
                          );
                          onChange();
                        },
                        (e: unknown) => notify('error', describeError(t, e)),
                      )
                    }
                  >
                    {t('common.actions.remove')}
                    <span className="visually-hidden"> ({names.orgShort(o.organisationId, o.abbreviation)})</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <CommitmentForm measure={measure} organisations={organisations} onSaved={onChange} />
      <MeasureLinks measure={measure} linkable={linkable} onChange={onChange} />
      {editing ? (
        <MeasureForm
          label={t('portfolio.measure.edit', { name: measure.title })}
          initial={{
            title: measure.title,
            description: measure.description ?? '',
            responsibleOrganisationId: measure.responsibleOrganisationId ?? '',
            startDate: measure.startDate ?? '',
            dueDate: measure.dueDate ?? '',
            status: measure.status,
            progressNote: measure.progressNote ?? '',
          }}
          organisations={organisations}
          onSave={save}
          onCancel={() => setEditing(false)}
        />
      ) : (
        <div className="form-actions">
          <Button
            variant="secondary"
            onClick={() => setEditing(true)}
            aria-label={t('portfolio.measure.edit', { name: measure.title })}
          >
            {t('common.actions.edit')}
          </Button>
          <Button
            variant="secondary"
            onClick={() => void archive()}
            aria-label={t('common.actions.archiveNamed', { name: measure.title })}
          >
            {t('common.actions.archive')}
          </Button>
        </div>
      )}
    </article>
  );
}

function IndicatorCard({ indicator, onChange }: { indicator: IndicatorDetail; onChange: () => void }) {
  const { t } = useTranslation();
  const notify = useApp((s) => s.notify);
  const [period, setPeriod] = useState('');
  const [value, setValue] = useState('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [editing, setEditing] = useState(false);
  const headingId = `indicator-${indicator.id}`;
  const submit = async () => {
    const number = value.trim() === '' ? undefined : Number(value.trim().replace(',', '.'));
    const checked = validateWith(t, indicatorValueInput, { indicatorId: indicator.id, period, value: number, note });
    if (!checked.ok) return setErrors(checked.errors);
    try {
      await api.portfolio.setIndicatorValue(checked.data);
      setErrors({});
      setPeriod('');
      setValue('');
      setNote('');
      notify('success', t('portfolio.indicator.valueSaved', { period: checked.data.period }));
      onChange();
    } catch (e) {
      setErrors(errorsOf(t, e, 'period'));
    }
  };
  const unit = indicator.unit ? ` ${indicator.unit}` : '';
  return (
    <article className="indicator-card" aria-labelledby={headingId}>
      <Heading variant="h4" as="h4" id={headingId}>
        {indicator.name}
      </Heading>
      <p>
        <span className={indicator.kind === 'outcome' ? 'badge lead' : 'badge'}>
          {t(`portfolio.indicatorKinds.${indicator.kind}`)}
        </span>
        {indicator.targetValue !== null && (
          <>
            {' · '}
            {t('portfolio.indicator.target')}: {indicator.targetValue}
            {unit}
            {indicator.targetDate && ` (${formatDate(indicator.targetDate)})`}
          </>
        )}
        {indicator.source && (
          <>
            {' · '}
            {t('portfolio.indicator.source')}: {indicator.source}
          </>
        )}
      </p>
      <IndicatorChart indicator={indicator} />
      {editing ? (
        <IndicatorEditForm
          indicator={indicator}
          onDone={() => {
            setEditing(false);
            onChange();
          }}
          onCancel={() => setEditing(false)}
        />
      ) : (
        <div className="toolbar">
          <Button variant="secondary" onClick={() => setEditing(true)}>
            {t('portfolio.indicator.edit', { name: indicator.name })}
          </Button>
          <Button
            variant="secondary"
            onClick={() =>
              void api.portfolio.archiveIndicator({ id: indicator.id }).then(
                () => {
                  notify('success', t('common.archived', { name: indicator.name }));
                  onChange();
                },
                (e: unknown) => notify('error', describeError(t, e)),
              )
            }
          >
            {t('portfolio.indicator.archive', { name: indicator.name })}
          </Button>
        </div>
      )}
      {indicator.values.length === 0 ? (
        <p className="muted">{t('portfolio.indicator.noValues')}</p>
      ) : (
        <table className="data">
          <caption>{t('portfolio.indicator.valuesOf', { name: indicator.name })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('portfolio.indicator.period')}</th>
              <th scope="col">{t('portfolio.indicator.value')}</th>
              <th scope="col">{t('portfolio.indicator.note')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('common.actionsColumn')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {indicator.values.map((v) => (
              <tr key={v.id}>
                <td>{v.period}</td>
                <td>
                  {v.value}
                  {unit}
                </td>
                <td>{v.note ?? ''}</td>
                <td>
                  <button
                    type="button"
                    className="link-button"
                    onClick={() =>
                      void api.portfolio.removeIndicatorValue({ id: v.id }).then(
                        () => {
                          notify('success', t('portfolio.indicator.valueRemoved', { period: v.period }));
                          onChange();
                        },
                        (e: unknown) => notify('error', describeError(t, e)),
                      )
                    }
                  >
                    {t('common.actions.remove')}
                    <span className="visually-hidden"> ({v.period})</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form
        aria-label={`${t('portfolio.indicator.addValue')}: ${indicator.name}`}
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <div className="form-grid">
          <TextField
            label={t('portfolio.indicator.period')}
            hint={t('portfolio.indicator.periodHint')}
            value={period}
            onChange={setPeriod}
            error={errors.period}
          />
          <TextField label={t('portfolio.indicator.value')} value={value} onChange={setValue} error={errors.value} />
          <TextField
            label={t('portfolio.indicator.note')}
            value={note}
            onChange={setNote}
            error={errors.note}
            optional={t('common.optional')}
          />
        </div>
        <div className="form-actions">
          <Button type="submit" variant="secondary">
            {t('portfolio.indicator.addValue')}
          </Button>
        </div>
      </form>
    </article>
  );
}

/** An indicator's name, kind, unit, target and source; only the changed fields are sent. */
function IndicatorEditForm(props: { indicator: IndicatorDetail; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const notify = useApp((s) => s.notify);
  const i = props.indicator;
  const initial = {
    name: i.name,
    kind: i.kind,
    unit: i.unit ?? '',
    source: i.source ?? '',
    target: i.targetValue === null ? '' : String(i.targetValue),
  };
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const set = (p: Partial<typeof initial>) => setValues((v) => ({ ...v, ...p }));
  const submit = async () => {
    const patch = {
      ...(values.name !== initial.name ? { name: values.name } : {}),
      ...(values.kind !== initial.kind ? { kind: values.kind } : {}),
      ...(values.unit !== initial.unit ? { unit: values.unit } : {}),
      ...(values.source !== initial.source ? { source: values.source } : {}),
      ...(values.target !== initial.target
        ? { targetValue: values.target.trim() === '' ? null : Number(values.target.trim().replace(',', '.')) }
        : {}),
    };
    const checked = validateWith(t, indicatorPatch, patch);
    if (!checked.ok) return setErrors(checked.errors);
    try {
      const saved = await api.portfolio.updateIndicator({ id: i.id, patch: checked.data });
      notify('success', t('portfolio.indicator.saved', { name: saved.name }));
      props.onDone();
    } catch (e) {
      setErrors(errorsOf(t, e, 'name'));
    }
  };
  return (
    <form
      aria-label={t('portfolio.indicator.edit', { name: i.name })}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <div className="form-grid">
        <TextField
          label={t('portfolio.indicator.name')}
          value={values.name}
          onChange={(v) => set({ name: v })}
          error={errors.name}
        />
        <SelectField<IndicatorKind>
          label={t('portfolio.indicator.kind')}
          value={values.kind}
          onChange={(v) => v && set({ kind: v })}
          options={INDICATOR_KINDS.map((k) => ({ value: k, label: t(`portfolio.indicatorKinds.${k}`) }))}
          error={errors.kind}
        />
        <TextField
          label={t('portfolio.indicator.unit')}
          value={values.unit}
          onChange={(v) => set({ unit: v })}
          error={errors.unit}
          optional={t('common.optional')}
        />
        <TextField
          label={t('portfolio.indicator.target')}
          value={values.target}
          onChange={(v) => set({ target: v })}
          error={errors.targetValue}
          optional={t('common.optional')}
        />
        <TextField
          label={t('portfolio.indicator.source')}
          value={values.source}
          onChange={(v) => set({ source: v })}
          error={errors.source}
          optional={t('common.optional')}
        />
      </div>
      <div className="form-actions">
        <Button type="submit">{t('common.actions.save')}</Button>
        <Button type="button" variant="secondary" onClick={props.onCancel}>
          {t('common.actions.cancel')}
        </Button>
      </div>
    </form>
  );
}

function NewIndicatorForm({ groupId, onSaved }: { groupId: string; onSaved: () => void }) {
  const { t } = useTranslation();
  const notify = useApp((s) => s.notify);
  const [name, setName] = useState('');
  const [kind, setKind] = useState<IndicatorKind | ''>('');
  const [unit, setUnit] = useState('');
  const [source, setSource] = useState('');
  const [target, setTarget] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const submit = async () => {
    const targetValue = target.trim() === '' ? null : Number(target.trim().replace(',', '.'));
    const checked = validateWith(t, indicatorInput, { groupId, name, kind, unit, source, targetValue });
    if (!checked.ok) return setErrors(checked.errors);
    try {
      const saved = await api.portfolio.createIndicator(checked.data);
      setErrors({});
      setName('');
      setKind('');
      setUnit('');
      setSource('');
      setTarget('');
      notify('success', t('portfolio.indicator.saved', { name: saved.name }));
      onSaved();
    } catch (e) {
      setErrors(errorsOf(t, e, 'name'));
    }
  };
  return (
    <form
      aria-label={t('portfolio.plan.addIndicator')}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <div className="form-grid">
        <TextField label={t('portfolio.indicator.name')} value={name} onChange={setName} error={errors.name} />
        <SelectField<IndicatorKind>
          label={t('portfolio.indicator.kind')}
          value={kind}
          onChange={setKind}
          options={INDICATOR_KINDS.map((k) => ({ value: k, label: t(`portfolio.indicatorKinds.${k}`) }))}
          emptyLabel={t('common.choose')}
          error={errors.kind}
        />
        <TextField
          label={t('portfolio.indicator.unit')}
          value={unit}
          onChange={setUnit}
          error={errors.unit}
          optional={t('common.optional')}
        />
        <TextField
          label={t('portfolio.indicator.target')}
          value={target}
          onChange={setTarget}
          error={errors.targetValue}
          optional={t('common.optional')}
        />
        <TextField
          label={t('portfolio.indicator.source')}
          value={source}
          onChange={setSource}
          error={errors.source}
          optional={t('common.optional')}
        />
      </div>
      <div className="form-actions">
        <Button type="submit">{t('portfolio.plan.addIndicator')}</Button>
      </div>
    </form>
  );
}

function PlanSection({ group }: { group: GroupDetail }) {
  const { t } = useTranslation();
  const notify = useApp((s) => s.notify);
  const plan = useLoad(() => api.portfolio.plan({ groupId: group.id }), [group.id]);
  const orgs = useLoad(() => api.organisations.list({}), []);
  const names = useNames();
  const organisations = (orgs.data ?? []).map((o) => ({ value: o.id, label: names.orgOption(o) }));
  const p = plan.data;

  const create = async (v: MeasureValues): Promise<FieldErrors | null> => {
    const checked = validateWith(t, measureInput, {
      groupId: group.id,
      ...v,
      responsibleOrganisationId: v.responsibleOrganisationId || null,
      startDate: v.startDate || null,
      dueDate: v.dueDate || null,
    });
    if (!checked.ok) return checked.errors;
    try {
      const saved = await api.portfolio.createMeasure(checked.data);
      notify('success', t('portfolio.measure.saved', { name: saved.title }));
      plan.reload();
      return null;
    } catch (e) {
      return errorsOf(t, e, 'title');
    }
  };

  return (
    <>
      <section className="panel" aria-labelledby="portfolio-plan">
        <Heading variant="h2" id="portfolio-plan">
          {t('portfolio.plan.title')}
        </Heading>
        {plan.error ? <p role="alert">{describeError(t, plan.error)}</p> : null}
        <Heading variant="h3" as="h3">
          {t('portfolio.plan.measures')}
        </Heading>
        {p && p.measures.length === 0 && <Paragraph>{t('portfolio.plan.noMeasures')}</Paragraph>}
        {p?.measures.map((m) => (
          <MeasureCard key={m.id} measure={m} organisations={organisations} linkable={p.linkable} onChange={plan.reload} />
        ))}
        <Heading variant="h3" as="h3">
          {t('portfolio.plan.addMeasure')}
        </Heading>
        <MeasureForm
          label={t('portfolio.plan.addMeasure')}
          initial={emptyMeasure}
          organisations={organisations}
          onSave={create}
        />
      </section>
      <section className="panel" aria-labelledby="portfolio-indicators">
        <Heading variant="h2" id="portfolio-indicators">
          {t('portfolio.plan.indicators')}
        </Heading>
        {p && p.indicators.length === 0 && <Paragraph>{t('portfolio.plan.noIndicators')}</Paragraph>}
        {p?.indicators.map((i) => (
          <IndicatorCard key={i.id} indicator={i} onChange={plan.reload} />
        ))}
        <Heading variant="h3" as="h3">
          {t('portfolio.plan.addIndicator')}
        </Heading>
        <NewIndicatorForm groupId={group.id} onSaved={plan.reload} />
      </section>
    </>
  );
}

/** The portfolio's sections on a group's page: lifecycle, priority plan (measures, commitments) and indicators. */
export function GroupPanel({ group }: { group: GroupDetail }) {
  const hasPlan =
    group.kind === 'priority_group' || group.kind === 'network' || group.kind === 'subgroup' || group.priorityNumber !== null;
  return (
    <>
      <LifecycleSection group={group} />
      {hasPlan && <PlanSection group={group} />}
    </>
  );
}
