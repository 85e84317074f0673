import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Heading, Paragraph } from 'suomifi-ui-components';
import type { RoundLane } from '../../../shared/domain/scanning';
import { TIMELINE_ORDER, type RoundTimeline } from '../../../shared/scanning/rounds';
import { api } from '../../api';
import { to, useApp } from '../../store/app';
import { RouteLink } from '../../ui/RouteLink';
import { describeError, fieldErrorsOf, type FieldErrors } from '../../ui/errors';
import { SelectField, TextField } from '../../ui/fields';
import { formatDate } from '../../ui/dates';
import { useLoad } from '../../ui/useLoad';
import { CandidatePage } from './CandidatePage';
import { RoundPage } from './RoundPage';
import { InputField, RoundStatusBadge } from './parts';

/**
 * `#/scanning` rounds and statistics over time; `#/scanning/<roundId>` one round;
 * `#/scanning/candidate/<candidateId>` a candidate (`#/scanning/<roundId>/new` a new one);
 * `#/scanning/<roundId>/<panel>` a part of the round, `#/scanning/<roundId>/candidates/<state>` its
 * candidates of one state.
 */
export function ScanningPage({ params }: { params: string[] }) {
  if (params[0] === 'candidate' && params[1]) return <CandidatePage candidateId={params[1]} />;
  if (params[0] && params[1] === 'new') return <CandidatePage roundId={params[0]} />;
  if (params[0]) return <RoundPage roundId={params[0]} place={params[1]} show={params[2]} />;
  return <RoundsOverview />;
}

function NewRoundForm({ onDone }: { onDone: (id: string | null) => void }) {
  const { t } = useTranslation();
  const [lane, setLane] = useState<RoundLane>('semiannual');
  const [startDate, setStartDate] = useState('');
  const proposal = useLoad(() => api.scanning.proposeRound({ lane, ...(startDate ? { startDate } : {}) }), [lane, startDate]);
  const [label, setLabel] = useState<string | null>(null);
  const [timeline, setTimeline] = useState<Partial<RoundTimeline>>({});
  const [cap, setCap] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<string>();
  const p = proposal.data;
  const effective = (key: keyof RoundTimeline) => timeline[key] ?? p?.timeline[key] ?? '';

  const save = async () => {
    if (!p?.groupId) {
      setError(t('scanning.rounds.noNetwork'));
      return;
    }
    try {
      const full = Object.fromEntries(TIMELINE_ORDER.map((k) => [k, effective(k)])) as unknown as RoundTimeline;
      const round = await api.scanning.createRound({
        groupId: p.groupId,
        label: label ?? p.label,
        lane,
        timeline: full,
        proposalCap: cap ? Number(cap) : null,
      });
      onDone(round.id);
    } catch (e) {
      setErrors(fieldErrorsOf(t, e));
      setError(describeError(t, e));
    }
  };

  return (
    <form
      className="panel"
      aria-labelledby="new-round-title"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <Heading variant="h2" id="new-round-title">
        {t('scanning.rounds.new')}
      </Heading>
      <div className="form-grid">
        <SelectField<RoundLane>
          label={t('scanning.rounds.lane')}
          value={lane}
          onChange={(v) => {
            if (v) {
              setLane(v);
              setLabel(null);
              setTimeline({});
            }
          }}
          options={(['semiannual', 'adhoc'] as const).map((l) => ({ value: l, label: t(`scanning.lanes.${l}`) }))}
        />
        {lane === 'adhoc' && (
          <InputField label={t('scanning.rounds.startDate')} type="date" value={startDate} onChange={setStartDate} />
        )}
        <TextField label={t('scanning.rounds.label')} value={label ?? p?.label ?? ''} onChange={setLabel} error={errors.label} />
        <InputField
          label={t('scanning.rounds.cap')}
          type="number"
          min={1}
          max={100}
          value={cap}
          onChange={setCap}
          error={errors.proposalCap}
        />
        {TIMELINE_ORDER.map((key) => (
          <InputField
            key={key}
            label={t(`scanning.timeline.${key}`)}
            type="date"
            value={effective(key)}
            onChange={(v) => setTimeline({ ...timeline, [key]: v })}
          />
        ))}
      </div>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="form-actions">
        <Button type="submit">{t('scanning.rounds.create')}</Button>
        <Button variant="secondary" onClick={() => onDone(null)}>
          {t('common.actions.cancel')}
        </Button>
      </div>
    </form>
  );
}

function RoundsOverview() {
  const { t } = useTranslation();
  const navigate = useApp((s) => s.navigate);
  const [creating, setCreating] = useState(false);
  const rounds = useLoad(() => api.scanning.listRounds({}), []);
  const stats = useLoad(() => api.scanning.statistics({}), []);
  return (
    <>
      <div className="page-header">
        <Heading variant="h1">{t('scanning.title')}</Heading>
        <Button onClick={() => setCreating(true)}>{t('scanning.rounds.new')}</Button>
      </div>
      <Paragraph>{t('scanning.intro')}</Paragraph>
      {creating && (
        <NewRoundForm
          onDone={(id) => {
            setCreating(false);
            if (id) navigate(to('scanning', id));
          }}
        />
      )}
      <section className="panel" aria-labelledby="rounds-title">
        <Heading variant="h2" id="rounds-title">
          {t('scanning.rounds.title')}
        </Heading>
        {rounds.error !== undefined && <p className="field-error">{describeError(t, rounds.error)}</p>}
        {rounds.data && rounds.data.length === 0 && <Paragraph>{t('scanning.rounds.empty')}</Paragraph>}
        {rounds.data && rounds.data.length > 0 && (
          <table className="data">
            <thead>
              <tr>
                <th scope="col">{t('scanning.rounds.label')}</th>
                <th scope="col">{t('scanning.rounds.lane')}</th>
                <th scope="col">{t('scanning.fields.status')}</th>
                <th scope="col">{t('scanning.timeline.callOpens')}</th>
                <th scope="col">{t('scanning.timeline.decisionMeeting')}</th>
                <th scope="col">{t('scanning.stats.total')}</th>
              </tr>
            </thead>
            <tbody>
              {rounds.data.map((r) => (
                <tr key={r.id}>
                  <td>
                    <RouteLink to={to('scanning', r.id)}>{r.label}</RouteLink>
                  </td>
                  <td>{t(`scanning.lanes.${r.lane}`)}</td>
                  <td>
                    <RoundStatusBadge status={r.status} />
                  </td>
                  <td>{formatDate(r.timeline.callOpens)}</td>
                  <td>{formatDate(r.timeline.decisionMeeting)}</td>
                  <td>{r.counts.total}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="panel" aria-labelledby="stats-title">
        <Heading variant="h2" id="stats-title">
          {t('scanning.stats.title')}
        </Heading>
        {stats.data && stats.data.length > 0 ? (
          <table className="data">
            <caption className="visually-hidden">{t('scanning.stats.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('scanning.rounds.label')}</th>
                {(['total', 'shortlisted', 'approved', 'deferred', 'folded', 'rejected'] as const).map((k) => (
                  <th scope="col" key={k}>
                    {t(`scanning.stats.${k}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {stats.data.map((s) => (
                <tr key={s.roundId}>
                  <th scope="row">{s.label}</th>
                  <td>{s.counts.total}</td>
                  <td>{s.counts.shortlisted}</td>
                  <td>{s.counts.approved}</td>
                  <td>{s.counts.deferred}</td>
                  <td>{s.counts.folded}</td>
                  <td>{s.counts.rejected}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <Paragraph>{t('scanning.stats.empty')}</Paragraph>
        )}
      </section>
    </>
  );
}
