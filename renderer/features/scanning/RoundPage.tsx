import { Fragment, useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Heading, Paragraph } from 'suomifi-ui-components';
import type {
  CandidateSummary,
  Criterion,
  DecisionOutcome,
  RoundDetail,
  RoundResults,
  ScoresView,
} from '../../../shared/domain/scanning';
import { DECISION_OUTCOMES } from '../../../shared/domain/scanning';
import {
  assertCandidateTransitionInRound,
  CANDIDATE_STATUSES,
  isAssessmentClosed,
  nextStatuses,
  ROUND_STATUSES,
  type CandidateStatus,
  type RoundStatus,
} from '../../../shared/scanning/status';
import { TIMELINE_ORDER } from '../../../shared/scanning/rounds';
import type { ImportPreview } from '../../../shared/domain/exchange';
import { api } from '../../api';
import { to, useApp } from '../../store/app';
import { RouteLink } from '../../ui/RouteLink';
import { describeError, validateWith, type FieldErrors } from '../../ui/errors';
import { decisionInput } from '../../../shared/contract/scanning';
import { SelectField, TextAreaField, TextField } from '../../ui/fields';
import { formatDate } from '../../ui/dates';
import { pickFile, saveFile, savePdf, base64ToBytes } from '../../ui/files';
import { useLoad } from '../../ui/useLoad';
import { MatrixChart } from './MatrixChart';
import {
  CandidateStatusBadge,
  CollapsiblePanel,
  DL_STYLE,
  InputField,
  PanelContext,
  RoundStatusBadge,
  fmt,
  useActingAs,
  usePanelState,
  type ActingAs,
} from './parts';
import { NowCard, PhaseStepper } from './RoundPhases';
import { useNames } from '../../ui/names';

/** Candidate moves offered as buttons; merging, proposing and decisions have their own controls. */
const MANUAL: CandidateStatus[] = [
  'submitted',
  'draft',
  'screening',
  'screened_out',
  'withdrawn',
  'shortlisted',
  'not_shortlisted',
  'assessed',
];

function useNotifyError() {
  const { t } = useTranslation();
  const notify = useApp((s) => s.notify);
  return (e: unknown) => notify('error', describeError(t, e));
}

function StatusMoves({ round, onChange }: { round: RoundDetail; onChange: () => void }) {
  const { t } = useTranslation();
  const notify = useApp((s) => s.notify);
  const onError = useNotifyError();
  const move = async (status: RoundDetail['status']) => {
    try {
      await api.scanning.setRoundStatus({ id: round.id, status });
      notify('success', t('scanning.round.moved', { status: t(`scanning.statusNames.round.${status}`) }));
      onChange();
    } catch (e) {
      onError(e);
    }
  };
  if (round.nextStatuses.length === 0) return null;
  return (
    <div className="toolbar" role="group" aria-label={t('scanning.round.moves')}>
      {round.nextStatuses.map((s, i) => (
        <Button key={s} variant={i === 0 ? 'default' : 'secondary'} onClick={() => void move(s)}>
          {t('scanning.round.moveTo', { status: t(`scanning.statusNames.round.${s}`) })}
        </Button>
      ))}
    </div>
  );
}

function ActingAsPicker({ acting, setActing }: { acting: ActingAs; setActing: (a: ActingAs) => void }) {
  const { t } = useTranslation();
  const people = useLoad(() => api.people.list({}), []);
  return (
    <CollapsiblePanel panel="acting" id="acting-as" title={t('scanning.acting.title')}>
      <Paragraph>{t('scanning.acting.help')}</Paragraph>
      <div className="toolbar">
        <div style={{ minWidth: 260 }}>
          <SelectField
            label={t('scanning.acting.person')}
            value={acting.personId}
            onChange={(v) => setActing({ ...acting, personId: v })}
            emptyLabel={t('common.none')}
            options={(people.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
          />
        </div>
        <div style={{ minWidth: 200 }}>
          <SelectField<ActingAs['role']>
            label={t('scanning.acting.role')}
            value={acting.role}
            onChange={(v) => v && setActing({ ...acting, role: v })}
            options={(['assessor', 'owner', 'viewer'] as const).map((r) => ({
              value: r,
              label: t(`scanning.acting.roles.${r}`),
            }))}
          />
        </div>
      </div>
    </CollapsiblePanel>
  );
}

function CriteriaSection({ round, onChange }: { round: RoundDetail; onChange: () => void }) {
  const { t } = useTranslation();
  const onError = useNotifyError();
  const locked = round.criteriaLocked || !['planned', 'open', 'screening'].includes(round.status);
  const [weights, setWeights] = useState<Record<string, string>>({});
  const [name, setName] = useState('');
  const [weight, setWeight] = useState('1');
  const [axis, setAxis] = useState<'impact' | 'feasibility' | ''>('');
  const saveWeight = async (c: Criterion) => {
    const v = Number(weights[c.id]);
    try {
      await api.scanning.updateCriterion({ id: c.id, patch: { weight: v } });
      onChange();
    } catch (e) {
      onError(e);
    }
  };
  const add = async () => {
    try {
      await api.scanning.addCriterion({ roundId: round.id, name, weight: Number(weight), axis: axis || null });
      setName('');
      onChange();
    } catch (e) {
      onError(e);
    }
  };
  return (
    <CollapsiblePanel panel="criteria" id="criteria-title" title={t('scanning.criteria.title')}>
      <Paragraph>{locked ? t('scanning.criteria.locked') : t('scanning.criteria.scale')}</Paragraph>
      <table className="data">
        <thead>
          <tr>
            <th scope="col">{t('scanning.criteria.name')}</th>
            <th scope="col">{t('scanning.criteria.weight')}</th>
            <th scope="col">{t('scanning.criteria.axis')}</th>
            {!locked && (
              <th scope="col">
                <span className="visually-hidden">{t('common.actionsColumn')}</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {round.criteria.map((c) => (
            <tr key={c.id}>
              <td>{c.name}</td>
              <td>
                {locked ? (
                  fmt(c.weight, 1)
                ) : (
                  <input
                    className="native-select"
                    type="number"
                    min={0.1}
                    step={0.5}
                    aria-label={t('scanning.criteria.weightOf', { name: c.name })}
                    value={weights[c.id] ?? String(c.weight)}
                    onChange={(e) => setWeights({ ...weights, [c.id]: e.target.value })}
                    onBlur={() => weights[c.id] !== undefined && void saveWeight(c)}
                    style={{ width: 90 }}
                  />
                )}
              </td>
              <td>{t(`scanning.criteria.axes.${c.axis ?? 'none'}`)}</td>
              {!locked && (
                <td>
                  <button
                    type="button"
                    className="link-button"
                    aria-label={t('common.actions.removeNamed', { name: c.name })}
                    onClick={() => void api.scanning.removeCriterion({ id: c.id }).then(onChange, onError)}
                  >
                    {t('common.actions.remove')}
                  </button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {!locked && (
        <form
          className="toolbar"
          aria-label={t('scanning.criteria.add')}
          onSubmit={(e) => {
            e.preventDefault();
            void add();
          }}
        >
          <TextField label={t('scanning.criteria.name')} value={name} onChange={setName} />
          <InputField
            label={t('scanning.criteria.weight')}
            type="number"
            min={0.1}
            step={0.5}
            value={weight}
            onChange={setWeight}
          />
          <SelectField
            label={t('scanning.criteria.axis')}
            value={axis}
            onChange={(v) => setAxis(v as typeof axis)}
            emptyLabel={t('scanning.criteria.axes.none')}
            options={(['impact', 'feasibility'] as const).map((a) => ({ value: a, label: t(`scanning.criteria.axes.${a}`) }))}
          />
          <Button type="submit">{t('scanning.criteria.add')}</Button>
        </form>
      )}
    </CollapsiblePanel>
  );
}

/**
 * "Show": the candidates of one state, each state with its count (Decidim's filters). Only the states the
 * round has are offered, plus the chosen one if it has emptied, so the choice never silently changes.
 */
function StateFilter({
  candidates,
  show,
  onShow,
}: {
  candidates: readonly CandidateSummary[];
  show: CandidateStatus | null;
  onShow: (s: CandidateStatus | null) => void;
}) {
  const { t } = useTranslation();
  const counts = new Map<CandidateStatus, number>();
  for (const c of candidates) counts.set(c.status, (counts.get(c.status) ?? 0) + 1);
  const offered = CANDIDATE_STATUSES.filter((s) => counts.has(s) || s === show);
  const id = 'candidate-state-filter';
  return (
    <div className="toolbar state-filter">
      <div>
        <label className="field-label" htmlFor={id}>
          {t('scanning.roundPage.show')}
        </label>
        <select
          id={id}
          className="native-select"
          value={show ?? ''}
          onChange={(e) => onShow((e.target.value || null) as CandidateStatus | null)}
        >
          <option value="">{t('scanning.roundPage.showAll', { count: candidates.length })}</option>
          {offered.map((s) => (
            <option key={s} value={s}>
              {t('scanning.roundPage.showStatus', {
                status: t(`scanning.statusNames.candidate.${s}`),
                count: counts.get(s) ?? 0,
              })}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}

function CandidatesSection({
  round,
  onChange,
  acting,
  show,
  onShow,
}: {
  round: RoundDetail;
  onChange: () => void;
  acting: ActingAs;
  show: CandidateStatus | null;
  onShow: (s: CandidateStatus | null) => void;
}) {
  const { t } = useTranslation();
  const names = useNames();
  const notify = useApp((s) => s.notify);
  const onError = useNotifyError();
  const [selected, setSelected] = useState<string[]>([]);
  const [mergeTitle, setMergeTitle] = useState('');
  const canMerge = ['open', 'screening'].includes(round.status);
  const shown = show ? round.candidates.filter((c) => c.status === show) : round.candidates;
  const move = async (c: CandidateSummary, status: CandidateStatus) => {
    try {
      await api.scanning.setCandidateStatus({ id: c.id, status });
      onChange();
    } catch (e) {
      onError(e);
    }
  };
  const merge = async () => {
    try {
      const merged = await api.scanning.merge({ candidateIds: selected, title: mergeTitle || null });
      notify('success', t('scanning.merge.done', { reference: merged.reference }));
      setSelected([]);
      setMergeTitle('');
      onChange();
    } catch (e) {
      onError(e);
    }
  };
  const moves = (c: CandidateSummary) =>
    nextStatuses('candidate', c.status).filter(
      (s) =>
        MANUAL.includes(s) &&
        !(s === 'assessed' && c.status === 'in_assessment') &&
        assertCandidateTransitionInRound(round.status, c.status, s).ok,
    );
  return (
    <CollapsiblePanel panel="candidates" id="candidates-title" title={t('scanning.candidates.title')}>
      {round.status === 'open' && (
        <Paragraph>
          <RouteLink to={to('scanning', round.id, 'new')}>{t('scanning.candidates.new')}</RouteLink>
        </Paragraph>
      )}
      {round.candidates.length === 0 ? (
        <Paragraph>{t('scanning.candidates.empty')}</Paragraph>
      ) : (
        <>
          <StateFilter candidates={round.candidates} show={show} onShow={onShow} />
          <p className="muted" aria-live="polite">
            {show !== null && t('scanning.roundPage.shown', { count: shown.length, total: round.candidates.length })}
          </p>
          <table className="data">
            <thead>
              <tr>
                {canMerge && <th scope="col">{t('scanning.merge.select')}</th>}
                <th scope="col">{t('scanning.fields.reference')}</th>
                <th scope="col">{t('scanning.fields.title')}</th>
                <th scope="col">{t('scanning.fields.status')}</th>
                <th scope="col">{t('scanning.fields.lead')}</th>
                <th scope="col">{t('common.actionsColumn')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((c) => (
                <tr key={c.id}>
                  {canMerge && (
                    <td>
                      <input
                        type="checkbox"
                        aria-label={t('scanning.merge.selectOne', { reference: c.reference })}
                        checked={selected.includes(c.id)}
                        disabled={!['submitted', 'screening'].includes(c.status)}
                        onChange={(e) => setSelected(e.target.checked ? [...selected, c.id] : selected.filter((x) => x !== c.id))}
                      />
                    </td>
                  )}
                  <td style={{ whiteSpace: 'nowrap' }}>
                    <RouteLink to={to('scanning', 'candidate', c.id)}>{c.reference}</RouteLink>
                  </td>
                  <td>
                    {c.title}
                    {c.deferralCount > 0 && (
                      <span className="badge">{t('scanning.candidates.deferred', { count: c.deferralCount })}</span>
                    )}
                  </td>
                  <td>
                    <CandidateStatusBadge status={c.status} />
                  </td>
                  <td>{c.leadAbbreviation ? names.orgShort(c.leadOrganisationId, c.leadAbbreviation) : ''}</td>
                  <td>
                    {moves(c).map((s) => (
                      <button
                        key={s}
                        type="button"
                        className="link-button"
                        style={{ marginRight: 12 }}
                        // The accessible name starts with the visible label (WCAG 2.5.3), then says which candidate.
                        aria-label={`${t(`scanning.candidates.moves.${s}`)} ${c.reference}`}
                        onClick={() => void move(c, s)}
                      >
                        {t(`scanning.candidates.moves.${s}`)}
                      </button>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {canMerge && (
        <form
          className="toolbar"
          aria-label={t('scanning.merge.title')}
          onSubmit={(e) => {
            e.preventDefault();
            void merge();
          }}
        >
          <TextField
            label={t('scanning.merge.newTitle')}
            value={mergeTitle}
            onChange={setMergeTitle}
            optional={t('common.optional')}
          />
          <Button type="submit" disabled={selected.length < 2}>
            {t('scanning.merge.action', { count: selected.length })}
          </Button>
        </form>
      )}
      <CandidateFiles round={round} acting={acting} onChange={onChange} />
    </CollapsiblePanel>
  );
}

/** "Export my candidates as a file" and "import candidate files from members" (each previewed, then merged). */
function CandidateFiles({ round, acting, onChange }: { round: RoundDetail; acting: ActingAs; onChange: () => void }) {
  const { t } = useTranslation();
  const notify = useApp((s) => s.notify);
  const onError = useNotifyError();
  const [pending, setPending] = useState<{ name: string; contentBase64: string; preview: ImportPreview } | null>(null);
  const exportMine = async () => {
    try {
      const file = await api.scanning.exportCandidates({
        roundId: round.id,
        ...(acting.personId ? { proposerPersonId: acting.personId } : {}),
      });
      await saveFile(file.fileName, file.contentBase64, file.mimeType, [{ name: 'Painopiste', extensions: ['wgx'] }]);
      notify('success', t('scanning.files.exported', { count: file.count }));
    } catch (e) {
      onError(e);
    }
  };
  const choose = async () => {
    const picked = await pickFile([{ name: 'Painopiste', extensions: ['wgx'] }]);
    if (!picked) return;
    try {
      const preview = await api.scanning.previewCandidateFile({
        roundId: round.id,
        contentBase64: picked.contentBase64,
        fileName: picked.name,
      });
      setPending({ ...picked, preview });
    } catch (e) {
      onError(e);
    }
  };
  const apply = async () => {
    if (!pending) return;
    try {
      const r = await api.scanning.importCandidateFile({
        roundId: round.id,
        contentBase64: pending.contentBase64,
        fileName: pending.name,
      });
      notify('success', t('scanning.files.imported', { name: pending.name, renumbered: r.renumbered.join(', ') || '–' }));
      setPending(null);
      onChange();
    } catch (e) {
      onError(e);
    }
  };
  const counts = pending?.preview.counts.find((c) => c.table === 'candidates');
  return (
    <div aria-labelledby="files-title">
      <Heading variant="h3" id="files-title">
        {t('scanning.files.title')}
      </Heading>
      <Paragraph>{t('scanning.files.help')}</Paragraph>
      <div className="toolbar">
        <Button variant="secondary" onClick={() => void exportMine()}>
          {acting.personId ? t('scanning.files.exportMine') : t('scanning.files.exportAll')}
        </Button>
        <Button variant="secondary" onClick={() => void choose()}>
          {t('scanning.files.import')}
        </Button>
      </div>
      {pending && (
        <div className="panel" role="region" aria-label={t('scanning.files.previewTitle', { name: pending.name })}>
          <Paragraph>
            {t('scanning.files.preview', {
              name: pending.name,
              added: counts?.added ?? 0,
              updated: counts?.updated ?? 0,
              unchanged: counts?.unchanged ?? 0,
            })}
          </Paragraph>
          {pending.preview.alreadyImportedAt && <Paragraph>{t('scanning.files.already')}</Paragraph>}
          <div className="toolbar">
            <Button onClick={() => void apply()}>{t('scanning.files.apply')}</Button>
            <Button variant="secondary" onClick={() => setPending(null)}>
              {t('common.actions.cancel')}
            </Button>
          </div>
        </div>
      )}
    </div>
  );
}

function ScoringSection({ round, acting, onChange }: { round: RoundDetail; acting: ActingAs; onChange: () => void }) {
  const { t } = useTranslation();
  const [view, setView] = useState<ScoresView | null>(null);
  const [error, setError] = useState<string>();
  const load = () =>
    api.scanning
      .scores({ roundId: round.id, viewerId: acting.personId || null, viewerRole: acting.role })
      .then(setView, (e: unknown) => setError(describeError(t, e)));
  useEffect(() => {
    void load();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [round.id, round.status, acting.personId, acting.role]);
  const assessing = round.candidates.filter((c) => c.status === 'in_assessment');
  return (
    <CollapsiblePanel panel="scoring" id="scoring-title" title={t('scanning.scoring.title')}>
      {view && <Paragraph>{t(view.reasonKey)}</Paragraph>}
      {error && <p className="field-error">{error}</p>}
      {view?.progress && (
        <table className="data">
          <caption>{t('scanning.scoring.progress')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('scanning.results.assessors')}</th>
              <th scope="col">{t('scanning.scoring.count')}</th>
            </tr>
          </thead>
          <tbody>
            {view.progress.map((p) => (
              <tr key={p.assessorId}>
                <td>{p.assessorName}</td>
                <td>{p.scoreCount}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {round.status === 'assessment' && acting.role === 'assessor' && !acting.personId && (
        <Paragraph>{t('scanning.scoring.choosePerson')}</Paragraph>
      )}
      {round.status === 'assessment' &&
        acting.role === 'assessor' &&
        acting.personId &&
        view &&
        assessing.map((c) => (
          <ScoreForm
            key={`${c.id}-${acting.personId}`}
            round={round}
            candidate={c}
            acting={acting}
            view={view}
            onSaved={(v) => {
              setView(v);
              // The round's "2 of 3 have scored" counts this save.
              onChange();
            }}
          />
        ))}
    </CollapsiblePanel>
  );
}

function ScoreForm(props: {
  round: RoundDetail;
  candidate: CandidateSummary;
  acting: ActingAs;
  view: ScoresView;
  onSaved: (v: ScoresView) => void;
}) {
  const { t } = useTranslation();
  const notify = useApp((s) => s.notify);
  const own = props.view.scores.filter((s) => s.candidateId === props.candidate.id && s.assessorId === props.acting.personId);
  const [rows, setRows] = useState<Record<string, { value: string; confidence: string; comment: string }>>(() =>
    Object.fromEntries(
      props.round.criteria.map((c) => {
        const s = own.find((x) => x.criterionId === c.id);
        return [
          c.id,
          { value: s?.value ? String(s.value) : '', confidence: String(s?.confidence ?? 2), comment: s?.comment ?? '' },
        ];
      }),
    ),
  );
  const [coi, setCoi] = useState(own.some((s) => s.conflictOfInterest));
  const [error, setError] = useState<string>();
  const save = async () => {
    try {
      const entries = props.round.criteria
        .filter((c) => rows[c.id]?.value)
        .map((c) => ({
          criterionId: c.id,
          value: Number(rows[c.id]!.value),
          confidence: Number(rows[c.id]!.confidence),
          comment: rows[c.id]!.comment || null,
        }));
      const v = await api.scanning.saveScores({
        candidateId: props.candidate.id,
        assessorId: props.acting.personId,
        conflictOfInterest: coi,
        entries,
      });
      setError(undefined);
      props.onSaved(v);
      notify('success', t('scanning.scoring.saved', { reference: props.candidate.reference }));
    } catch (e) {
      setError(describeError(t, e));
    }
  };
  const id = `score-${props.candidate.id}`;
  return (
    <form
      className="panel"
      aria-labelledby={id}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <Heading variant="h3" id={id}>
        {`${props.candidate.reference} ${props.candidate.title}`}
      </Heading>
      <table className="data">
        <thead>
          <tr>
            <th scope="col">{t('scanning.criteria.name')}</th>
            <th scope="col">{t('scanning.scoring.value')}</th>
            <th scope="col">{t('scanning.scoring.confidence')}</th>
            <th scope="col">{t('scanning.scoring.comment')}</th>
          </tr>
        </thead>
        <tbody>
          {props.round.criteria.map((c) => (
            <tr key={c.id}>
              <th scope="row">{c.name}</th>
              <td>
                <select
                  className="native-select"
                  aria-label={t('scanning.scoring.valueOf', { criterion: c.name, reference: props.candidate.reference })}
                  value={rows[c.id]?.value ?? ''}
                  onChange={(e) => setRows({ ...rows, [c.id]: { ...rows[c.id]!, value: e.target.value } })}
                >
                  <option value="">–</option>
                  {[1, 2, 3, 4, 5].map((v) => (
                    <option key={v} value={v}>
                      {v}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                <select
                  className="native-select"
                  aria-label={t('scanning.scoring.confidenceOf', { criterion: c.name, reference: props.candidate.reference })}
                  value={rows[c.id]?.confidence ?? '2'}
                  onChange={(e) => setRows({ ...rows, [c.id]: { ...rows[c.id]!, confidence: e.target.value } })}
                >
                  {[1, 2, 3].map((v) => (
                    <option key={v} value={v}>
                      {t(`scanning.scoring.confidenceLevels.${v}`)}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                <input
                  className="native-select"
                  aria-label={t('scanning.scoring.commentOf', { criterion: c.name, reference: props.candidate.reference })}
                  value={rows[c.id]?.comment ?? ''}
                  onChange={(e) => setRows({ ...rows, [c.id]: { ...rows[c.id]!, comment: e.target.value } })}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <label style={{ display: 'inline-flex', gap: 6, alignItems: 'center', marginTop: 8 }}>
        <input type="checkbox" checked={coi} onChange={(e) => setCoi(e.target.checked)} />
        {t('scanning.scoring.conflict')}
      </label>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="form-actions">
        <Button type="submit" aria-label={t('scanning.scoring.saveNamed', { reference: props.candidate.reference })}>
          {t('scanning.scoring.save')}
        </Button>
      </div>
    </form>
  );
}

function ResultsSection({ round }: { round: RoundDetail }) {
  const { t } = useTranslation();
  const [weights, setWeights] = useState<Record<string, string>>({});
  const base = useLoad(
    () => api.scanning.results({ roundId: round.id, sensitivityPct: 20 }),
    [round.id, round.status, round.updatedAt, round.candidates.map((c) => c.consensusScore).join()],
  );
  const overridden = round.criteria.some((c) => weights[c.id] !== undefined && Number(weights[c.id]) !== c.weight);
  const custom = useLoad<RoundResults | null>(
    () =>
      overridden
        ? api.scanning.results({
            roundId: round.id,
            weights: Object.fromEntries(round.criteria.map((c) => [c.id, Number(weights[c.id] ?? c.weight) || 0])),
          })
        : Promise.resolve(null),
    [JSON.stringify(weights), overridden],
  );
  if (base.error !== undefined) return <p className="field-error">{describeError(t, base.error)}</p>;
  const r = base.data;
  if (!r) return <Paragraph>{t('common.loading')}</Paragraph>;
  const byId = new Map(round.candidates.map((c) => [c.id, c]));
  const customRank = new Map((custom.data?.ranking ?? []).map((a) => [a.candidateId, a.rank]));
  return (
    <>
      {r.ranking.length === 0 ? (
        <Paragraph>{t('scanning.results.noScores')}</Paragraph>
      ) : (
        <table className="data">
          <caption className="visually-hidden">{t('scanning.results.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('scanning.results.rank')}</th>
              <th scope="col">{t('scanning.fields.reference')}</th>
              <th scope="col">{t('scanning.fields.title')}</th>
              <th scope="col">{t('scanning.results.weighted')}</th>
              <th scope="col">{t('scanning.results.median')}</th>
              <th scope="col">{t('scanning.results.spread')}</th>
              <th scope="col">{t('scanning.results.consensus')}</th>
              <th scope="col">{t('scanning.results.assessors')}</th>
              <th scope="col">{t('scanning.fields.status')}</th>
            </tr>
          </thead>
          <tbody>
            {r.ranking.map((a) => (
              <tr key={a.candidateId}>
                <td>{a.rank}</td>
                <td style={{ whiteSpace: 'nowrap' }}>
                  <RouteLink to={to('scanning', 'candidate', a.candidateId)}>{a.reference}</RouteLink>
                </td>
                <td>{r.titles[a.candidateId] ?? ''}</td>
                <td>{fmt(a.weightedScore)}</td>
                <td>{fmt(a.assessorMedian)}</td>
                <td>{fmt(a.disagreement)}</td>
                <td>{fmt(a.consensusScore)}</td>
                <td>{a.assessorCount}</td>
                <td>{byId.get(a.candidateId) && <CandidateStatusBadge status={byId.get(a.candidateId)!.status} />}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <SubSection id="matrix-title" title={t('scanning.results.matrix')}>
        <MatrixChart points={r.matrix} />
      </SubSection>
      <SubSection id="sensitivity-title" title={t('scanning.sensitivity.title')}>
        <Paragraph>{t('scanning.sensitivity.help')}</Paragraph>
        <div className="toolbar">
          {round.criteria.map((c) => (
            <div key={c.id} style={{ maxWidth: 200 }}>
              <InputField
                label={t('scanning.sensitivity.weightOf', { name: c.name })}
                type="number"
                min={0}
                max={100}
                step={0.5}
                value={weights[c.id] ?? String(c.weight)}
                onChange={(v) => setWeights({ ...weights, [c.id]: v })}
              />
            </div>
          ))}
          <Button variant="secondary" onClick={() => setWeights({})}>
            {t('scanning.sensitivity.reset')}
          </Button>
        </div>
        <table className="data">
          <caption>{t('scanning.sensitivity.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('scanning.fields.reference')}</th>
              <th scope="col">{t('scanning.sensitivity.baseRank')}</th>
              <th scope="col">{t('scanning.sensitivity.newRank')}</th>
              <th scope="col">{t('scanning.sensitivity.newScore')}</th>
            </tr>
          </thead>
          <tbody>
            {(custom.data?.ranking ?? r.ranking).map((a) => {
              const baseRank = r.ranking.find((x) => x.candidateId === a.candidateId)?.rank;
              return (
                <tr key={a.candidateId}>
                  <td>{a.reference}</td>
                  <td>{baseRank}</td>
                  <td>{customRank.get(a.candidateId) ?? baseRank}</td>
                  <td>{fmt(a.rankingScore)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <Paragraph>
          {t('scanning.sensitivity.robust', {
            changes: r.sensitivity.filter((s) => s.changes.length > 0).length,
            total: r.sensitivity.length,
          })}
        </Paragraph>
      </SubSection>
    </>
  );
}

function SubSection(props: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={props.id}>
      <Heading variant="h3" id={props.id}>
        {props.title}
      </Heading>
      {props.children}
    </section>
  );
}

function ConsensusForm({ round, onChange }: { round: RoundDetail; onChange: () => void }) {
  const { t } = useTranslation();
  const notify = useApp((s) => s.notify);
  const onError = useNotifyError();
  const eligible = round.candidates.filter((c) => ['assessed', 'shortlisted', 'not_shortlisted'].includes(c.status));
  const [candidateId, setCandidateId] = useState('');
  const [score, setScore] = useState('');
  const [rationale, setRationale] = useState('');
  const save = async () => {
    try {
      await api.scanning.setConsensus({ candidateId, score: score ? Number(score) : null, rationale: rationale || null });
      notify('success', t('scanning.consensusForm.saved'));
      setScore('');
      setRationale('');
      onChange();
    } catch (e) {
      onError(e);
    }
  };
  return (
    <form
      aria-labelledby="consensus-title"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <Paragraph>{t('scanning.consensusForm.help')}</Paragraph>
      <div className="form-grid">
        <SelectField
          label={t('scanning.consensusForm.candidate')}
          value={candidateId}
          onChange={(v) => {
            setCandidateId(v);
            const c = round.candidates.find((x) => x.id === v);
            setScore(c?.consensusScore != null ? String(c.consensusScore) : '');
            setRationale(c?.consensusRationale ?? '');
          }}
          emptyLabel={t('common.choose')}
          options={eligible.map((c) => ({ value: c.id, label: `${c.reference} ${c.title}` }))}
        />
        <InputField
          label={t('scanning.consensusForm.score')}
          type="number"
          min={1}
          max={5}
          step={0.1}
          value={score}
          onChange={setScore}
        />
        <TextAreaField label={t('scanning.consensusForm.rationale')} value={rationale} onChange={setRationale} />
      </div>
      <div className="form-actions">
        <Button type="submit" disabled={!candidateId}>
          {t('scanning.consensusForm.save')}
        </Button>
      </div>
    </form>
  );
}

function DocumentSection({ round }: { round: RoundDetail }) {
  const { t, i18n } = useTranslation();
  const onError = useNotifyError();
  const lang = (['fi', 'sv', 'en'].includes(i18n.language) ? i18n.language : 'en') as 'fi' | 'sv' | 'en';
  const make = async (format: 'pdf' | 'docx' | 'md') => {
    try {
      const file = await api.scanning.candidateList({ roundId: round.id, format: format === 'pdf' ? 'html' : format, lang });
      if (format === 'pdf') {
        const html = new TextDecoder().decode(base64ToBytes(file.contentBase64));
        await savePdf(file.fileName.replace(/\.html$/, '.pdf'), html);
      } else await saveFile(file.fileName, file.contentBase64, file.mimeType);
    } catch (e) {
      onError(e);
    }
  };
  return (
    <CollapsiblePanel panel="document" id="document-title" title={t('scanning.document.title')}>
      <Paragraph>{t('scanning.document.help')}</Paragraph>
      <div className="toolbar">
        <Button onClick={() => void make('pdf')}>{t('scanning.document.pdf')}</Button>
        <Button variant="secondary" onClick={() => void make('docx')}>
          {t('scanning.document.docx')}
        </Button>
        <Button variant="secondary" onClick={() => void make('md')}>
          {t('scanning.document.md')}
        </Button>
      </div>
    </CollapsiblePanel>
  );
}

function DecisionForm({ candidate, onChange }: { candidate: CandidateSummary; onChange: () => void }) {
  const { t } = useTranslation();
  const names = useNames();
  const notify = useApp((s) => s.notify);
  const groups = useLoad(() => api.groups.list({ kind: 'priority_group' }), []);
  const [outcome, setOutcome] = useState<DecisionOutcome | ''>('');
  const [reason, setReason] = useState('');
  const [conditions, setConditions] = useState('');
  const [targetGroupId, setTargetGroupId] = useState('');
  const [groupName, setGroupName] = useState(candidate.title);
  const [error, setError] = useState<string>();
  const [errors, setErrors] = useState<FieldErrors>({});
  const id = `decide-${candidate.id}`;
  const save = async () => {
    const input = {
      candidateId: candidate.id,
      outcome,
      reason: reason || null,
      conditions: conditions || null,
      targetGroupId: targetGroupId || null,
      ...(outcome === 'approved' ? { groupName: groupName || null } : {}),
    };
    const checked = validateWith(t, decisionInput, input);
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setErrors({});
    try {
      await api.scanning.decide(checked.data);
      notify('success', t('scanning.decisions.saved', { reference: candidate.reference }));
      onChange();
    } catch (e) {
      setError(describeError(t, e));
    }
  };
  return (
    <form
      className="panel"
      aria-labelledby={id}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <Heading variant="h3" id={id}>
        {`${candidate.reference} ${candidate.title}`}
      </Heading>
      <div className="form-grid">
        <SelectField<DecisionOutcome>
          label={t('scanning.decisions.outcome')}
          value={outcome}
          onChange={setOutcome}
          emptyLabel={t('common.choose')}
          options={DECISION_OUTCOMES.map((o) => ({ value: o, label: t(`scanning.outcomes.${o}`) }))}
          error={errors.outcome}
        />
        {outcome === 'approved' && (
          <TextField
            label={t('scanning.decisions.groupName')}
            value={groupName}
            onChange={setGroupName}
            error={errors.groupName}
          />
        )}
        {outcome === 'folded' && (
          <SelectField
            label={t('scanning.decisions.targetGroup')}
            value={targetGroupId}
            onChange={setTargetGroupId}
            emptyLabel={t('common.choose')}
            options={(groups.data ?? []).map((g) => ({ value: g.id, label: names.group(g) }))}
            error={errors.targetGroupId}
          />
        )}
        <TextAreaField label={t('scanning.decisions.reason')} value={reason} onChange={setReason} error={errors.reason} />
        {outcome === 'deferred' && (
          <TextAreaField label={t('scanning.decisions.conditions')} value={conditions} onChange={setConditions} />
        )}
      </div>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="form-actions">
        <Button type="submit" aria-label={t('scanning.decisions.saveNamed', { reference: candidate.reference })}>
          {t('scanning.decisions.save')}
        </Button>
      </div>
    </form>
  );
}

function DecisionsSection({ round, onChange }: { round: RoundDetail; onChange: () => void }) {
  const { t } = useTranslation();
  const proposed = round.candidates.filter((c) => c.status === 'proposed');
  const decided = round.candidates.filter((c) => ['approved', 'rejected', 'deferred', 'folded'].includes(c.status));
  return (
    <CollapsiblePanel panel="decisions" id="decisions-title" title={t('scanning.decisions.title')}>
      {proposed.length === 0 && <Paragraph>{t('scanning.decisions.none')}</Paragraph>}
      {proposed.map((c) => (
        <DecisionForm key={c.id} candidate={c} onChange={onChange} />
      ))}
      {decided.length > 0 && (
        <ul>
          {decided.map((c) => (
            <li key={c.id}>
              <RouteLink to={to('scanning', 'candidate', c.id)}>{`${c.reference} ${c.title}`}</RouteLink> –{' '}
              <CandidateStatusBadge status={c.status} />
            </li>
          ))}
        </ul>
      )}
      {round.nextRound && decided.some((c) => c.status === 'deferred') && (
        <Paragraph>
          {t('scanning.decisions.carriedTo')}{' '}
          <RouteLink to={to('scanning', round.nextRound.id)}>{round.nextRound.label}</RouteLink>
        </Paragraph>
      )}
    </CollapsiblePanel>
  );
}

function TimelineSection({ round, onChange }: { round: RoundDetail; onChange: () => void }) {
  const { t } = useTranslation();
  const notify = useApp((s) => s.notify);
  const [editing, setEditing] = useState(false);
  const [timeline, setTimeline] = useState(round.timeline);
  const [cap, setCap] = useState(round.proposalCap === null ? '' : String(round.proposalCap));
  const [error, setError] = useState<string>();
  const save = async () => {
    try {
      await api.scanning.updateRound({ id: round.id, patch: { timeline, proposalCap: cap ? Number(cap) : null } });
      notify('success', t('scanning.round.saved'));
      setEditing(false);
      setError(undefined);
      onChange();
    } catch (e) {
      setError(describeError(t, e));
    }
  };
  return (
    <CollapsiblePanel panel="timeline" id="timeline-title" title={t('scanning.timeline.title')}>
      {editing ? (
        <form
          aria-label={t('scanning.round.editTimeline')}
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <div className="form-grid">
            {TIMELINE_ORDER.map((k) => (
              <InputField
                key={k}
                label={t(`scanning.timeline.${k}`)}
                type="date"
                value={timeline[k]}
                onChange={(v) => setTimeline({ ...timeline, [k]: v })}
              />
            ))}
            <InputField label={t('scanning.rounds.cap')} type="number" min={1} max={100} value={cap} onChange={setCap} />
          </div>
          {error && (
            <p className="field-error" role="alert">
              {error}
            </p>
          )}
          <div className="form-actions">
            <Button type="submit">{t('common.actions.save')}</Button>
            <Button variant="secondary" onClick={() => setEditing(false)}>
              {t('common.actions.cancel')}
            </Button>
          </div>
        </form>
      ) : (
        <>
          <dl style={DL_STYLE}>
            {TIMELINE_ORDER.map((k) => (
              <div key={k} style={{ display: 'contents' }}>
                <dt>{t(`scanning.timeline.${k}`)}</dt>
                <dd>{formatDate(round.timeline[k])}</dd>
              </div>
            ))}
          </dl>
          {round.status !== 'closed' && (
            <Button
              variant="secondary"
              onClick={() => {
                setTimeline(round.timeline);
                setCap(round.proposalCap === null ? '' : String(round.proposalCap));
                setEditing(true);
              }}
            >
              {t('scanning.round.editTimeline')}
            </Button>
          )}
        </>
      )}
    </CollapsiblePanel>
  );
}

/** The round page's panels, as they are named in the address (`#/scanning/<round>/<panel>`). */
export const ROUND_PANELS = [
  'candidates',
  'acting',
  'scoring',
  'results',
  'consensus',
  'decisions',
  'document',
  'criteria',
  'timeline',
  'history',
] as const;
export type RoundPanel = (typeof ROUND_PANELS)[number];

const HEADING_IDS: Record<RoundPanel, string> = {
  candidates: 'candidates-title',
  acting: 'acting-as',
  scoring: 'scoring-title',
  results: 'results-title',
  consensus: 'consensus-title',
  decisions: 'decisions-title',
  document: 'document-title',
  criteria: 'criteria-title',
  timeline: 'timeline-title',
  history: 'round-history',
};

/**
 * The work of each phase: these panels are open by default and come first, in this order; every other
 * panel follows collapsed. Planned: set the timeline and criteria. Open: intake. Screening: screen and
 * merge, last changes to the criteria. Assessment: who is scoring, then the scores. Consolidation: the
 * results, the agreed scores, the shortlist. On the list and after: the decisions (and the document).
 */
export const PHASE_WORK: Readonly<Record<RoundStatus, readonly RoundPanel[]>> = {
  planned: ['timeline', 'criteria'],
  open: ['candidates'],
  screening: ['candidates', 'criteria'],
  assessment: ['acting', 'scoring'],
  consolidation: ['results', 'consensus', 'candidates'],
  list_submitted: ['decisions', 'document'],
  decided: ['decisions'],
  closed: ['decisions', 'results'],
};

/** Panels that exist only from some phase on (scores from assessment, results once the window closed…). */
function available(panel: RoundPanel, status: RoundStatus): boolean {
  switch (panel) {
    case 'scoring':
      return ROUND_STATUSES.indexOf(status) >= ROUND_STATUSES.indexOf('assessment');
    case 'results':
    case 'document':
      return isAssessmentClosed(status);
    case 'consensus':
      return status === 'consolidation';
    case 'decisions':
      return ['list_submitted', 'decided', 'closed'].includes(status);
    default:
      return true;
  }
}

const isPanel = (v: string | undefined): v is RoundPanel => (ROUND_PANELS as readonly string[]).includes(v ?? '');
const isCandidateStatus = (v: string | undefined): v is CandidateStatus =>
  (CANDIDATE_STATUSES as readonly string[]).includes(v ?? '');

/**
 * `#/scanning/<roundId>` the round; `…/<panel>` opens that panel and moves there; `…/candidates/<state>`
 * shows the candidates of one state.
 */
export function RoundPage({ roundId, place, show }: { roundId: string; place?: string; show?: string }) {
  const { t } = useTranslation();
  const names = useNames();
  const navigate = useApp((s) => s.navigate);
  const [acting, setActing] = useActingAs();
  const round = useLoad(() => api.scanning.getRound({ id: roundId }), [roundId]);
  const status = round.data?.status ?? 'planned';
  const panels = usePanelState(roundId, status, PHASE_WORK[status]);
  const filter = place === 'candidates' && isCandidateStatus(show) ? show : null;
  // The filter writes the address itself; that change must not move focus away from the filter.
  const ownNavigation = useRef(false);
  const loaded = round.data !== undefined;
  useEffect(() => {
    if (!loaded || !isPanel(place)) return;
    if (ownNavigation.current) {
      ownNavigation.current = false;
      return;
    }
    panels.open(place);
    const timer = setTimeout(() => {
      const button = document.querySelector<HTMLButtonElement>(`#${HEADING_IDS[place]} button`);
      button?.focus();
      button?.scrollIntoView?.({ block: 'start' });
    });
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [loaded, place, show, roundId]);
  if (round.error !== undefined) return <p className="field-error">{describeError(t, round.error)}</p>;
  const r = round.data;
  if (!r) return <Paragraph>{t('common.loading')}</Paragraph>;
  const onShow = (s: CandidateStatus | null) => {
    ownNavigation.current = true;
    navigate(to('scanning', r.id, 'candidates', ...(s ? [s] : [])));
  };
  const panel = (p: RoundPanel): ReactNode => {
    switch (p) {
      case 'acting':
        return <ActingAsPicker acting={acting} setActing={setActing} />;
      case 'candidates':
        return <CandidatesSection round={r} onChange={round.reload} acting={acting} show={filter} onShow={onShow} />;
      case 'criteria':
        return <CriteriaSection round={r} onChange={round.reload} />;
      case 'timeline':
        return <TimelineSection round={r} onChange={round.reload} />;
      case 'scoring':
        return <ScoringSection round={r} acting={acting} onChange={round.reload} />;
      case 'results':
        return (
          <CollapsiblePanel panel="results" id="results-title" title={t('scanning.results.title')}>
            <ResultsSection round={r} />
          </CollapsiblePanel>
        );
      case 'consensus':
        return (
          <CollapsiblePanel panel="consensus" id="consensus-title" title={t('scanning.consensusForm.title')}>
            <ConsensusForm round={r} onChange={round.reload} />
          </CollapsiblePanel>
        );
      case 'document':
        return <DocumentSection round={r} />;
      case 'decisions':
        return <DecisionsSection round={r} onChange={round.reload} />;
      case 'history':
        return (
          <CollapsiblePanel panel="history" id="round-history" title={t('scanning.round.history')}>
            <ul>
              {r.history.map((h) => (
                <li key={h.id}>
                  {formatDate(h.date)} – {t(`scanning.statusNames.round.${h.status}`)}
                  {h.note ? ` (${h.note})` : ''}
                </li>
              ))}
            </ul>
          </CollapsiblePanel>
        );
    }
  };
  const work = PHASE_WORK[r.status].filter((p) => available(p, r.status));
  const rest = ROUND_PANELS.filter((p) => !work.includes(p) && available(p, r.status));
  return (
    <PanelContext.Provider value={panels}>
      <div className="page-header">
        <Heading variant="h1">{t('scanning.round.title', { label: r.label })}</Heading>
        <RoundStatusBadge status={r.status} />
      </div>
      <Paragraph>
        <RouteLink to={to('scanning')}>{t('scanning.round.back')}</RouteLink>
        {' · '}
        {t(`scanning.lanes.${r.lane}`)} · {names.group(r.groupId, r.groupName)}
        {r.proposalCap !== null && ` · ${t('scanning.round.capIs', { cap: r.proposalCap })}`}
      </Paragraph>
      <PhaseStepper round={r} />
      <NowCard round={r} moves={<StatusMoves round={r} onChange={round.reload} />} />
      {[...work, ...rest].map((p) => (
        <Fragment key={p}>{panel(p)}</Fragment>
      ))}
    </PanelContext.Provider>
  );
}
