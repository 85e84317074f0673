import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Heading, Paragraph } from 'suomifi-ui-components';
import { adjacentItemId, computeRunState, formatTimer, orderAgenda } from '../../../shared/meetings';
import { api } from '../../api';
import { to, useApp } from '../../store/app';
import { describeError } from '../../ui/errors';
import { RouteLink } from '../../ui/RouteLink';
import { useLoad } from '../../ui/useLoad';
import { titleOf } from './common';
import { ActionsPanel, AttendancePanel, DecisionsPanel, MinutesEditor, OpenActionsList } from './parts';

/** The chair's screen during the meeting: keyboard-first (Alt+N, Alt+P, Alt+S). */
export function RunMode({ id }: { id: string }) {
  const { t } = useTranslation();
  const notify = useApp((s) => s.notify);
  const meeting = useLoad(() => api.meetings.get({ id }), [id]);
  const [now, setNow] = useState(() => Date.now());
  const [selected, setSelected] = useState<string | null>(null);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const m = meeting.data;
  const ordered = m ? orderAgenda(m.agenda) : [];
  const ids = ordered.map((o) => o.item.id);
  const state = m
    ? computeRunState(
        m.agenda.map((a) => ({ id: a.id, allottedMinutes: a.durationMinutes })),
        m.runEvents,
        now,
      )
    : null;
  const currentId = selected ?? state?.currentItemId ?? ids[0] ?? null;
  const running = state?.runningSince != null && state.currentItemId === currentId;

  const event = async (kind: 'start' | 'stop', itemId?: string) => {
    try {
      await api.meetings.runEvent({ meetingId: id, kind, ...(itemId ? { agendaItemId: itemId } : {}) });
      meeting.reload();
    } catch (e) {
      notify('error', describeError(t, e));
    }
  };
  const go = (direction: 'next' | 'previous') => {
    const target = adjacentItemId(ids, currentId, direction);
    if (!target) return;
    setSelected(target);
    // Moving on while the clock runs starts the next item's clock.
    if (state?.runningSince != null) void event('start', target);
  };
  const toggle = () => {
    if (!currentId) return;
    void event(running ? 'stop' : 'start', running ? undefined : currentId);
  };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey) return;
      const k = e.key.toLowerCase();
      if (k === 'n') go('next');
      else if (k === 'p') go('previous');
      else if (k === 's') toggle();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  if (meeting.error !== undefined) return <p role="alert">{describeError(t, meeting.error)}</p>;
  if (!m || !state) return <p>{t('common.loading')}</p>;
  const locked = m.minutesStatus === 'approved';
  const current = ordered.find((o) => o.item.id === currentId);
  const cs = state.items.find((s) => s.id === currentId);
  return (
    <>
      <RouteLink to={to('meetings', m.id)}>{t('meetings.run.back')}</RouteLink>
      <Heading variant="h1">
        {t('meetings.run.title')}: {m.title}
      </Heading>
      <p className="muted">{t('meetings.run.keys')}</p>
      {!current ? (
        <Paragraph>{t('meetings.run.noItems')}</Paragraph>
      ) : (
        <section className="panel" aria-labelledby="current-heading">
          <Heading variant="h2" id="current-heading">
            {t('meetings.run.current')}: {current.number}. {titleOf(t, current.item)}
          </Heading>
          <p role="timer" aria-live="off" style={{ fontSize: '1.6em' }}>
            {t('meetings.run.elapsed', { elapsed: formatTimer(cs?.elapsedMs ?? 0), allotted: formatTimer(cs?.allottedMs ?? 0) })}
          </p>
          {cs && cs.overrunMs > 0 && (
            <p role="alert" className="field-error">
              {t('meetings.run.overrun', { overrun: formatTimer(cs.overrunMs) })}
            </p>
          )}
          <p className="muted">{t('meetings.run.meetingElapsed', { elapsed: formatTimer(state.meetingElapsedMs) })}</p>
          <div className="toolbar">
            <Button variant="secondary" onClick={() => go('previous')}>
              {t('meetings.run.previous')}
            </Button>
            <Button onClick={toggle}>{running ? t('meetings.run.pause') : t('meetings.run.start')}</Button>
            <Button variant="secondary" onClick={() => go('next')}>
              {t('meetings.run.next')}
            </Button>
          </div>
          {current.item.description && <p>{current.item.description}</p>}
          {current.item.standingKey === 'open_actions_review' && <OpenActionsList m={m} />}
          <MinutesEditor
            key={current.item.id}
            itemId={current.item.id}
            title={`${current.number}. ${titleOf(t, current.item)}`}
            initial={current.item.minutes ?? ''}
            locked={locked}
          />
          <DecisionsPanel key={`d-${current.item.id}`} m={m} itemId={current.item.id} onChange={meeting.reload} locked={locked} />
          <ActionsPanel key={`a-${current.item.id}`} m={m} itemId={current.item.id} onChange={meeting.reload} locked={locked} />
        </section>
      )}
      <nav aria-label={t('meetings.agenda.title')} className="panel">
        <ol style={{ listStyle: 'none', padding: 0 }}>
          {ordered.map((o) => {
            const s = state.items.find((x) => x.id === o.item.id);
            return (
              <li key={o.item.id} style={{ marginLeft: o.depth * 24 }}>
                <button
                  type="button"
                  className="link-button"
                  aria-current={o.item.id === currentId ? 'step' : undefined}
                  aria-label={t('meetings.run.jumpTo', { title: `${o.number}. ${titleOf(t, o.item)}` })}
                  onClick={() => setSelected(o.item.id)}
                >
                  {o.number}. {titleOf(t, o.item)}
                </button>{' '}
                <span className={s && s.overrunMs > 0 ? 'field-error' : 'muted'}>
                  {formatTimer(s?.elapsedMs ?? 0)} / {formatTimer(s?.allottedMs ?? 0)}
                </span>
              </li>
            );
          })}
        </ol>
      </nav>
      <AttendancePanel m={m} onChange={meeting.reload} locked={locked} />
    </>
  );
}
