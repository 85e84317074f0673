import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Heading, Paragraph } from 'suomifi-ui-components';
import { candidateInput } from '../../../shared/contract/scanning';
import {
  CONFIDENTIALITY,
  EXISTING_HANDLING,
  ORG_RESPONSES,
  STEEP,
  TIME_HORIZONS,
  type CandidateDetail,
  type Confidentiality,
  type Evidence,
  type ExistingHandling,
  type OrgResponse,
  type SimilarHit,
  type Steep,
  type TimeHorizon,
} from '../../../shared/domain/scanning';
import { api } from '../../api';
import { to, useApp } from '../../store/app';
import { RouteLink } from '../../ui/RouteLink';
import { describeError, fieldErrorsOf, validateWith, type FieldErrors } from '../../ui/errors';
import { SelectField, TextAreaField, TextField } from '../../ui/fields';
import { formatDate } from '../../ui/dates';
import { useLoad } from '../../ui/useLoad';
import { CandidateStatusBadge, CheckboxGroup, DL_STYLE, InputField, Section, fmt } from './parts';
import { useNames } from '../../ui/names';

interface FormState {
  title: string;
  phenomenon: string;
  rationale: string;
  evidence: Array<{ date: string; source: string; url: string }>;
  steep: Steep[];
  tags: string;
  timeHorizon: TimeHorizon | '';
  proposerPersonId: string;
  proposerOrganisationId: string;
  leadOrganisationId: string;
  leadStatus: OrgResponse | '';
  participants: Array<{ organisationId: string; status: OrgResponse }>;
  relatedGroupIds: string[];
  existingGroupHandling: ExistingHandling | '';
  existingGroupReason: string;
  confidentiality: Confidentiality;
}

const EMPTY: FormState = {
  title: '',
  phenomenon: '',
  rationale: '',
  evidence: [],
  steep: [],
  tags: '',
  timeHorizon: '',
  proposerPersonId: '',
  proposerOrganisationId: '',
  leadOrganisationId: '',
  leadStatus: '',
  participants: [],
  relatedGroupIds: [],
  existingGroupHandling: '',
  existingGroupReason: '',
  confidentiality: 'public',
};

function fromDetail(c: CandidateDetail): FormState {
  return {
    title: c.title,
    phenomenon: c.phenomenon ?? '',
    rationale: c.rationale ?? '',
    evidence: c.evidence.map((e: Evidence) => ({ date: e.date, source: e.source, url: e.url ?? '' })),
    steep: c.steep,
    tags: c.tags.join(', '),
    timeHorizon: c.timeHorizon ?? '',
    proposerPersonId: c.proposerPersonId ?? '',
    proposerOrganisationId: c.proposerOrganisationId ?? '',
    leadOrganisationId: c.leadOrganisationId ?? '',
    leadStatus: c.leadStatus ?? '',
    participants: c.participants.map((p) => ({ organisationId: p.organisationId, status: p.status })),
    relatedGroupIds: c.relatedGroups.map((g) => g.id),
    existingGroupHandling: c.existingGroupHandling ?? '',
    existingGroupReason: c.existingGroupReason ?? '',
    confidentiality: c.confidentiality,
  };
}

function toInput(f: FormState) {
  return {
    title: f.title,
    phenomenon: f.phenomenon || null,
    rationale: f.rationale || null,
    evidence: f.evidence.map((e) => ({ date: e.date, source: e.source, url: e.url || null })),
    steep: f.steep,
    tags: f.tags
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    timeHorizon: f.timeHorizon || null,
    proposerPersonId: f.proposerPersonId || null,
    proposerOrganisationId: f.proposerOrganisationId || null,
    leadOrganisationId: f.leadOrganisationId || null,
    leadStatus: f.leadStatus || null,
    participants: f.participants,
    relatedGroupIds: f.relatedGroupIds,
    existingGroupHandling: f.existingGroupHandling || null,
    existingGroupReason: f.existingGroupReason || null,
    confidentiality: f.confidentiality,
  };
}

/** Similar candidates (this and earlier rounds) and existing priority groups, asked for while typing. */
function useSimilar(title: string, description: string, excludeId: string | undefined) {
  const [hits, setHits] = useState<SimilarHit[]>([]);
  useEffect(() => {
    if (title.trim().length < 3) {
      setHits([]);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      api.scanning
        .similar({ title, description, ...(excludeId ? { excludeId } : {}), limit: 6 })
        .then((h) => live && setHits(h))
        .catch(() => live && setHits([]));
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [title, description, excludeId]);
  return hits;
}

function SimilarList({ hits }: { hits: SimilarHit[] }) {
  const { t } = useTranslation();
  return (
    <aside className="panel" aria-labelledby="similar-title" aria-live="polite">
      <Heading variant="h3" id="similar-title">
        {t('scanning.similar.title')}
      </Heading>
      {hits.length === 0 ? (
        <Paragraph>{t('scanning.similar.none')}</Paragraph>
      ) : (
        <ul>
          {hits.map((h) => (
            <li key={h.id}>
              {h.kind === 'candidate' ? (
                <RouteLink to={to('scanning', 'candidate', h.id)}>{`${h.reference ?? ''} ${h.title}`}</RouteLink>
              ) : (
                <RouteLink to={to('groups', h.id)}>{h.title}</RouteLink>
              )}{' '}
              <span className="muted">
                {h.kind === 'candidate'
                  ? t('scanning.similar.candidate', {
                      round: h.roundLabel ?? '',
                      status: t(`scanning.statusNames.candidate.${h.status}`),
                    })
                  : t('scanning.similar.group')}
                {' · '}
                {t('scanning.similar.score', { score: Math.round(h.score * 100) })}
              </span>
            </li>
          ))}
        </ul>
      )}
    </aside>
  );
}

function CandidateForm(props: {
  roundId: string;
  existing?: CandidateDetail;
  onSaved: (id: string) => void;
  onCancel?: () => void;
}) {
  const { t } = useTranslation();
  const [f, setF] = useState<FormState>(props.existing ? fromDetail(props.existing) : EMPTY);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<string>();
  const people = useLoad(() => api.people.list({}), []);
  const organisations = useLoad(() => api.organisations.list({}), []);
  const groups = useLoad(() => api.groups.list({ kind: 'priority_group' }), []);
  const hits = useSimilar(f.title, f.phenomenon, props.existing?.id);
  const set = <K extends keyof FormState>(k: K, v: FormState[K]) => setF((prev) => ({ ...prev, [k]: v }));
  const names = useNames();
  const orgOptions = (organisations.data ?? []).map((o) => ({ value: o.id, label: names.orgOption(o) }));

  const save = async (submit: boolean) => {
    const input = toInput(f);
    const checked = validateWith(t, candidateInput, { ...input, roundId: props.roundId, submit });
    if (!checked.ok) {
      setErrors(checked.errors);
      setError(t('scanning.form.fix'));
      return;
    }
    try {
      const saved = props.existing
        ? await api.scanning.updateCandidate({ id: props.existing.id, patch: input })
        : await api.scanning.createCandidate({ ...input, roundId: props.roundId, submit });
      props.onSaved(saved.id);
    } catch (e) {
      setErrors(fieldErrorsOf(t, e));
      setError(describeError(t, e));
    }
  };

  return (
    <div className="scanning-form-layout">
      <form
        className="panel"
        aria-labelledby="candidate-form-title"
        onSubmit={(e) => {
          e.preventDefault();
          void save(true);
        }}
      >
        <Heading variant="h2" id="candidate-form-title">
          {props.existing ? t('scanning.form.edit', { reference: props.existing.reference }) : t('scanning.form.new')}
        </Heading>
        <div className="form-grid">
          <TextField
            label={t('scanning.fields.title')}
            value={f.title}
            onChange={(v) => set('title', v)}
            error={errors.title}
            name="title"
          />
          <TextAreaField
            label={t('scanning.fields.phenomenon')}
            value={f.phenomenon}
            onChange={(v) => set('phenomenon', v)}
            error={errors.phenomenon}
          />
          <TextAreaField
            label={t('scanning.fields.rationale')}
            value={f.rationale}
            onChange={(v) => set('rationale', v)}
            error={errors.rationale}
          />
        </div>
        <SimilarList hits={hits} />
        <fieldset>
          <legend className="field-label">{t('scanning.fields.evidence')}</legend>
          {f.evidence.map((e, i) => (
            <div className="toolbar" key={i}>
              <InputField
                label={t('scanning.fields.evidenceDate')}
                type="date"
                value={e.date}
                onChange={(v) =>
                  set(
                    'evidence',
                    f.evidence.map((x, j) => (j === i ? { ...x, date: v } : x)),
                  )
                }
                error={errors.evidence}
              />
              <InputField
                label={t('scanning.fields.evidenceSource')}
                value={e.source}
                onChange={(v) =>
                  set(
                    'evidence',
                    f.evidence.map((x, j) => (j === i ? { ...x, source: v } : x)),
                  )
                }
              />
              <InputField
                label={t('scanning.fields.evidenceUrl')}
                value={e.url}
                onChange={(v) =>
                  set(
                    'evidence',
                    f.evidence.map((x, j) => (j === i ? { ...x, url: v } : x)),
                  )
                }
              />
              <button
                type="button"
                className="link-button"
                onClick={() =>
                  set(
                    'evidence',
                    f.evidence.filter((_, j) => j !== i),
                  )
                }
                aria-label={t('scanning.form.removeEvidence', { n: i + 1 })}
              >
                {t('common.actions.remove')}
              </button>
            </div>
          ))}
          <Button variant="secondary" onClick={() => set('evidence', [...f.evidence, { date: '', source: '', url: '' }])}>
            {t('scanning.form.addEvidence')}
          </Button>
        </fieldset>
        <div className="form-grid">
          <CheckboxGroup
            legend={t('scanning.fields.steep')}
            options={STEEP.map((s) => ({ value: s, label: t(`scanning.steep.${s}`) }))}
            value={f.steep}
            onChange={(v) => set('steep', v)}
          />
          <TextField label={t('scanning.fields.freeTags')} value={f.tags} onChange={(v) => set('tags', v)} error={errors.tags} />
          <SelectField<TimeHorizon>
            label={t('scanning.fields.timeHorizon')}
            value={f.timeHorizon}
            onChange={(v) => set('timeHorizon', v)}
            emptyLabel={t('common.choose')}
            options={TIME_HORIZONS.map((h) => ({ value: h, label: t(`scanning.timeHorizons.${h}`) }))}
          />
          <SelectField
            label={t('scanning.fields.proposerPerson')}
            value={f.proposerPersonId}
            onChange={(v) => set('proposerPersonId', v)}
            emptyLabel={t('common.choose')}
            options={(people.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
          />
          <SelectField
            label={t('scanning.fields.proposerOrganisation')}
            value={f.proposerOrganisationId}
            onChange={(v) => set('proposerOrganisationId', v)}
            emptyLabel={t('common.choose')}
            options={orgOptions}
          />
          <SelectField
            label={t('scanning.fields.lead')}
            value={f.leadOrganisationId}
            onChange={(v) => set('leadOrganisationId', v)}
            emptyLabel={t('common.choose')}
            options={orgOptions}
          />
          <SelectField<OrgResponse>
            label={t('scanning.fields.leadStatus')}
            value={f.leadStatus}
            onChange={(v) => set('leadStatus', v)}
            emptyLabel={t('common.choose')}
            options={ORG_RESPONSES.map((r) => ({ value: r, label: t(`scanning.orgResponses.${r}`) }))}
          />
        </div>
        <fieldset>
          <legend className="field-label">{t('scanning.fields.participants')}</legend>
          {f.participants.map((p, i) => (
            <div className="toolbar" key={i}>
              <SelectField
                label={t('scanning.form.organisationN', { n: i + 1 })}
                value={p.organisationId}
                onChange={(v) =>
                  set(
                    'participants',
                    f.participants.map((x, j) => (j === i ? { ...x, organisationId: v } : x)),
                  )
                }
                emptyLabel={t('common.choose')}
                options={orgOptions}
              />
              <SelectField<OrgResponse>
                label={t('scanning.form.answerN', { n: i + 1 })}
                value={p.status}
                onChange={(v) =>
                  v &&
                  set(
                    'participants',
                    f.participants.map((x, j) => (j === i ? { ...x, status: v } : x)),
                  )
                }
                options={ORG_RESPONSES.map((r) => ({ value: r, label: t(`scanning.orgResponses.${r}`) }))}
              />
              <button
                type="button"
                className="link-button"
                onClick={() =>
                  set(
                    'participants',
                    f.participants.filter((_, j) => j !== i),
                  )
                }
                aria-label={t('scanning.form.removeParticipant', { n: i + 1 })}
              >
                {t('common.actions.remove')}
              </button>
            </div>
          ))}
          {errors.participants && <div className="field-error">{errors.participants}</div>}
          <Button
            variant="secondary"
            onClick={() => set('participants', [...f.participants, { organisationId: '', status: 'asked' }])}
          >
            {t('scanning.form.addParticipant')}
          </Button>
        </fieldset>
        <div className="form-grid">
          <CheckboxGroup
            legend={t('scanning.fields.relatedGroups')}
            options={(groups.data ?? []).map((g) => ({ value: g.id, label: names.group(g) }))}
            value={f.relatedGroupIds}
            onChange={(v) => set('relatedGroupIds', v)}
          />
          <SelectField<ExistingHandling>
            label={t('scanning.fields.existingGroupHandling')}
            value={f.existingGroupHandling}
            onChange={(v) => set('existingGroupHandling', v)}
            emptyLabel={t('common.choose')}
            options={EXISTING_HANDLING.map((h) => ({ value: h, label: t(`scanning.existingHandling.${h}`) }))}
          />
          <TextAreaField
            label={t('scanning.fields.existingGroupReason')}
            value={f.existingGroupReason}
            onChange={(v) => set('existingGroupReason', v)}
          />
          <SelectField<Confidentiality>
            label={t('scanning.fields.confidentiality')}
            value={f.confidentiality}
            onChange={(v) => v && set('confidentiality', v)}
            options={CONFIDENTIALITY.map((c) => ({ value: c, label: t(`scanning.confidentiality.${c}`) }))}
          />
        </div>
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
        <div className="form-actions">
          {props.existing ? (
            <Button onClick={() => void save(false)}>{t('common.actions.save')}</Button>
          ) : (
            <>
              <Button type="submit">{t('scanning.form.submit')}</Button>
              <Button variant="secondary" onClick={() => void save(false)}>
                {t('scanning.form.saveDraft')}
              </Button>
            </>
          )}
          {props.onCancel && (
            <Button variant="secondary" onClick={props.onCancel}>
              {t('common.actions.cancel')}
            </Button>
          )}
        </div>
      </form>
    </div>
  );
}

function CandidateView({ c }: { c: CandidateDetail }) {
  const { t } = useTranslation();
  const names = useNames();
  const row = (label: string, value: React.ReactNode) => (
    <>
      <dt>{label}</dt>
      <dd>{value || '–'}</dd>
    </>
  );
  return (
    <Section id="candidate-fields" title={t('scanning.form.details')}>
      <dl style={DL_STYLE}>
        {row(t('scanning.fields.status'), <CandidateStatusBadge status={c.status} />)}
        {row(t('scanning.fields.phenomenon'), c.phenomenon)}
        {row(t('scanning.fields.rationale'), c.rationale)}
        {row(
          t('scanning.fields.evidence'),
          c.evidence.length ? (
            <ul>
              {c.evidence.map((e, i) => (
                <li key={i}>
                  {formatDate(e.date)} – {e.source}
                  {e.url ? ` (${e.url})` : ''}
                </li>
              ))}
            </ul>
          ) : null,
        )}
        {row(t('scanning.fields.tags'), [...c.steep.map((s) => t(`scanning.steep.${s}`)), ...c.tags].join(', '))}
        {row(t('scanning.fields.timeHorizon'), c.timeHorizon ? t(`scanning.timeHorizons.${c.timeHorizon}`) : null)}
        {row(
          t('scanning.fields.proposer'),
          [
            c.proposerName,
            c.proposerOrganisationAbbreviation && names.orgShort(c.proposerOrganisationId, c.proposerOrganisationAbbreviation),
          ]
            .filter(Boolean)
            .join(', '),
        )}
        {row(
          t('scanning.fields.lead'),
          c.leadAbbreviation
            ? `${names.orgShort(c.leadOrganisationId, c.leadAbbreviation)} (${t(`scanning.orgResponses.${c.leadStatus ?? 'asked'}`)})`
            : null,
        )}
        {row(
          t('scanning.fields.participants'),
          c.participants
            .map((p) => `${names.orgShort(p.organisationId, p.abbreviation)} (${t(`scanning.orgResponses.${p.status}`)})`)
            .join(', '),
        )}
        {row(
          t('scanning.fields.relatedGroups'),
          c.relatedGroups.length ? (
            <ul>
              {c.relatedGroups.map((g) => (
                <li key={g.id}>
                  <RouteLink to={to('groups', g.id)}>{names.group(g.id, g.name)}</RouteLink>
                </li>
              ))}
            </ul>
          ) : null,
        )}
        {row(
          t('scanning.fields.existingGroupHandling'),
          c.existingGroupHandling
            ? `${t(`scanning.existingHandling.${c.existingGroupHandling}`)}${c.existingGroupReason ? ` – ${c.existingGroupReason}` : ''}`
            : null,
        )}
        {row(t('scanning.fields.confidentiality'), t(`scanning.confidentiality.${c.confidentiality}`))}
        {row(t('scanning.fields.deferrals'), String(c.deferralCount))}
        {c.consensusScore !== null &&
          row(t('scanning.results.consensus'), `${fmt(c.consensusScore)} – ${c.consensusRationale ?? ''}`)}
      </dl>
    </Section>
  );
}

export function CandidatePage(props: { candidateId?: string; roundId?: string }) {
  const { t } = useTranslation();
  const names = useNames();
  const navigate = useApp((s) => s.navigate);
  const notify = useApp((s) => s.notify);
  const [editing, setEditing] = useState(false);
  const detail = useLoad(
    () => (props.candidateId ? api.scanning.getCandidate({ id: props.candidateId }) : Promise.resolve(null)),
    [props.candidateId],
  );
  const round = useLoad(
    () => (props.roundId ? api.scanning.getRound({ id: props.roundId }) : Promise.resolve(null)),
    [props.roundId],
  );

  if (props.roundId) {
    return (
      <>
        <div className="page-header">
          <Heading variant="h1">{t('scanning.form.new')}</Heading>
        </div>
        {round.data && (
          <Paragraph>
            <RouteLink to={to('scanning', props.roundId)}>
              {t('scanning.form.backToRound', { label: round.data.label })}
            </RouteLink>
          </Paragraph>
        )}
        <CandidateForm
          roundId={props.roundId}
          onSaved={(id) => {
            notify('success', t('scanning.form.saved'));
            navigate(to('scanning', 'candidate', id));
          }}
          onCancel={() => navigate(to('scanning', props.roundId!))}
        />
      </>
    );
  }
  if (detail.error !== undefined) return <p className="field-error">{describeError(t, detail.error)}</p>;
  const c = detail.data;
  if (!c) return <Paragraph>{t('common.loading')}</Paragraph>;
  const editable = ['open', 'screening'].includes(c.roundStatus) && ['draft', 'submitted', 'screening'].includes(c.status);
  return (
    <>
      <div className="page-header">
        <Heading variant="h1">{`${c.reference} ${c.title}`}</Heading>
        {editable && !editing && <Button onClick={() => setEditing(true)}>{t('common.actions.edit')}</Button>}
      </div>
      <Paragraph>
        <RouteLink to={to('scanning', c.roundId)}>{t('scanning.form.backToRound', { label: c.roundLabel })}</RouteLink>
      </Paragraph>
      {c.mergedInto && (
        <Paragraph>
          {t('scanning.candidate.mergedInto')}{' '}
          <RouteLink to={to('scanning', 'candidate', c.mergedInto.id)}>{c.mergedInto.reference}</RouteLink>
        </Paragraph>
      )}
      {c.mergedFrom.length > 0 && (
        <Paragraph>
          {t('scanning.candidate.mergedFrom')}{' '}
          {c.mergedFrom.map((m, i) => (
            <span key={m.id}>
              {i > 0 && ', '}
              <RouteLink to={to('scanning', 'candidate', m.id)}>{`${m.reference} ${m.title}`}</RouteLink>
            </span>
          ))}
        </Paragraph>
      )}
      {c.carriedFrom && (
        <section className="panel" aria-labelledby="carried-title">
          <Heading variant="h2" id="carried-title">
            {t('scanning.candidate.carriedTitle')}
          </Heading>
          <Paragraph>
            {t('scanning.candidate.carriedFrom', { round: c.carriedFrom.roundLabel })}{' '}
            <RouteLink to={to('scanning', 'candidate', c.carriedFrom.id)}>{c.carriedFrom.reference}</RouteLink>
          </Paragraph>
          <dl style={DL_STYLE}>
            <dt>{t('scanning.results.weighted')}</dt>
            <dd>{fmt(c.carriedFrom.weightedScore)}</dd>
            <dt>{t('scanning.results.consensus')}</dt>
            <dd>{fmt(c.carriedFrom.consensusScore)}</dd>
            <dt>{t('scanning.results.rank')}</dt>
            <dd>{c.carriedFrom.rank ?? '–'}</dd>
            <dt>{t('scanning.decisions.conditions')}</dt>
            <dd>{c.carriedFrom.conditions ?? '–'}</dd>
          </dl>
        </section>
      )}
      {c.decision && (
        <section className="panel" aria-labelledby="decision-title">
          <Heading variant="h2" id="decision-title">
            {t('scanning.decisions.title')}
          </Heading>
          <Paragraph>
            {t(`scanning.statusNames.candidate.${c.decision.outcome}`)} {formatDate(c.decision.decidedOn)}
            {c.decision.reason ? ` – ${c.decision.reason}` : ''}
          </Paragraph>
          {c.decision.createdGroupId && (
            <Paragraph>
              {t('scanning.decisions.createdGroup')}{' '}
              <RouteLink to={to('groups', c.decision.createdGroupId)}>
                {names.group(c.decision.createdGroupId, c.decision.createdGroupName ?? '')}
              </RouteLink>
            </Paragraph>
          )}
          {c.decision.targetGroupId && (
            <Paragraph>
              {t('scanning.decisions.foldedInto')}{' '}
              <RouteLink to={to('groups', c.decision.targetGroupId)}>
                {names.group(c.decision.targetGroupId, c.decision.targetGroupName ?? '')}
              </RouteLink>
            </Paragraph>
          )}
        </section>
      )}
      {editing ? (
        <CandidateForm
          roundId={c.roundId}
          existing={c}
          onSaved={() => {
            setEditing(false);
            notify('success', t('scanning.form.saved'));
            detail.reload();
          }}
          onCancel={() => setEditing(false)}
        />
      ) : (
        <CandidateView c={c} />
      )}
      <Section id="candidate-history" title={t('scanning.candidate.history')}>
        <table className="data">
          <thead>
            <tr>
              <th scope="col">{t('scanning.fields.reference')}</th>
              <th scope="col">{t('scanning.fields.status')}</th>
              <th scope="col">{t('scanning.candidate.date')}</th>
              <th scope="col">{t('scanning.candidate.note')}</th>
            </tr>
          </thead>
          <tbody>
            {c.history.map((h) => (
              <tr key={h.id}>
                <td>{h.reference}</td>
                <td>{t(`scanning.statusNames.candidate.${h.status}`)}</td>
                <td>{formatDate(h.date)}</td>
                <td>{h.note ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>
    </>
  );
}
