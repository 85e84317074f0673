import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Heading, Paragraph } from 'suomifi-ui-components';
import type { RoundDetail } from '../../../shared/domain/scanning';
import { roundPhases, type RoundPhase } from '../../../shared/scanning/rounds';
import { to } from '../../store/app';
import { formatDate, formatDateRangeParts } from '../../ui/dates';
import { RouteLink } from '../../ui/RouteLink';
import { useToday } from '../../ui/today';
import { useNames } from '../../ui/names';

/**
 * The top of the round page: every phase of the round with its dates (Decidim's phases), and a card that
 * says what to do in the current phase, by when, and how far the assessors are (Loomio's poll card).
 */

function phaseDates(t: (k: string, o?: Record<string, unknown>) => string, p: RoundPhase): string {
  if (p.start && p.end) {
    if (p.start === p.end) return formatDate(p.start);
    return t('scanning.roundPage.range', formatDateRangeParts(p.start, p.end));
  }
  if (p.end) return t('scanning.roundPage.until', { date: formatDate(p.end) });
  if (p.start) return t('scanning.roundPage.from', { date: formatDate(p.start) });
  return '';
}

export function PhaseStepper({ round }: { round: RoundDetail }) {
  const { t } = useTranslation();
  const phases = roundPhases(
    round.status,
    round.timeline,
    round.history.map((h) => h.status),
  );
  return (
    // role="list": the steps keep their list semantics where list-style: none would drop them (Safari).
    <ol className="phase-stepper" role="list" aria-label={t('scanning.roundPage.phases')}>
      {phases.map((p, i) => (
        <li key={p.status} className={`phase phase-${p.state}`} aria-current={p.state === 'current' ? 'step' : undefined}>
          <span className="phase-marker" aria-hidden="true">
            {p.state === 'done' ? '✓' : i + 1}
          </span>
          <span className="phase-text">
            <span className="phase-name">{t(`scanning.roundPage.phaseNames.${p.status}`)}</span>
            {p.state !== 'upcoming' && (
              <span className="visually-hidden">{`, ${t(`scanning.roundPage.phaseStates.${p.state}`)}`}</span>
            )}
            {phaseDates(t, p) && <span className="phase-dates">{phaseDates(t, p)}</span>}
          </span>
        </li>
      ))}
    </ol>
  );
}

const DAY_MS = 86_400_000;
const dayNumber = (iso: string) =>
  Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / DAY_MS;

/** "in 3 days", "today", "2 days ago" from the configured time zone's today. */
function useWhen() {
  const { t } = useTranslation();
  const today = useToday();
  return (date: string) => {
    const days = Math.round(dayNumber(date) - dayNumber(today));
    if (days === 0) return t('scanning.roundPage.dueToday');
    return days > 0 ? t('scanning.roundPage.dueIn', { count: days }) : t('scanning.roundPage.duePast', { count: -days });
  };
}

/** "2 of 3 have scored" with a bar; counts only (the round read's completion, blind.ts). */
function AssessorProgress({ round }: { round: RoundDetail }) {
  const { t } = useTranslation();
  const names = useNames();
  const c = round.completion;
  if (!c) return null;
  if (c.cellsPerAssessor === 0) return <Paragraph>{t('scanning.roundPage.nothingToScore')}</Paragraph>;
  const id = `completion-${round.id}`;
  return (
    <div className="round-progress">
      <p id={id} className="round-progress-count">
        {t('scanning.roundPage.scored', { count: c.done, total: c.total })}
      </p>
      {c.total > 0 && <progress value={c.done} max={c.total} aria-labelledby={id} />}
      {c.started > 0 && <p className="muted">{t('scanning.roundPage.started', { count: c.started })}</p>}
      <p className="muted">
        {c.total === 0
          ? t('scanning.roundPage.noAssessors', { group: names.group(round.groupId, round.groupName) })
          : t('scanning.roundPage.assessorsFrom', { group: names.group(round.groupId, round.groupName) })}
      </p>
      {c.total === 0 && (
        <p>
          <RouteLink to={to('groups', round.groupId)}>
            {t('scanning.roundPage.openGroup', { group: names.group(round.groupId, round.groupName) })}
          </RouteLink>
        </p>
      )}
    </div>
  );
}

/** On the list: how many of its candidates have a decision. */
function DecisionProgress({ round }: { round: RoundDetail }) {
  const { t } = useTranslation();
  const decided = round.candidates.filter((c) => ['approved', 'rejected', 'deferred', 'folded'].includes(c.status)).length;
  const waiting = round.candidates.filter((c) => c.status === 'proposed').length;
  if (decided + waiting === 0) return null;
  return (
    <p className="round-progress-count">{t('scanning.roundPage.decidedCount', { count: decided, total: decided + waiting })}</p>
  );
}

export function NowCard({ round, moves }: { round: RoundDetail; moves: ReactNode }) {
  const { t } = useTranslation();
  const when = useWhen();
  const phase = roundPhases(round.status, round.timeline).find((p) => p.status === round.status);
  const phaseName = t(`scanning.roundPage.phaseNames.${round.status}`);
  return (
    <section className="panel now-card" aria-labelledby="now-title">
      <Heading variant="h2" id="now-title">
        {t('scanning.roundPage.now', { phase: phaseName })}
      </Heading>
      <Paragraph>{t(`scanning.roundPage.todo.${round.status}`)}</Paragraph>
      {phase && phase.milestones.length > 0 && (
        <ul className="now-dates">
          {phase.milestones.map((m) => (
            <li key={m.key}>
              <strong>{t(`scanning.timeline.${m.key}`)}</strong>
              {`: ${formatDate(m.date)} (${when(m.date)})`}
            </li>
          ))}
        </ul>
      )}
      {round.status === 'assessment' && <AssessorProgress round={round} />}
      {['list_submitted', 'decided'].includes(round.status) && <DecisionProgress round={round} />}
      {moves}
    </section>
  );
}
