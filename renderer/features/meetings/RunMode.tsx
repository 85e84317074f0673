import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Heading, Paragraph } from 'suomifi-ui-components';
import {
  addSpeaker,
  adjacentItemId,
  computeRunState,
  endTurn,
  formatTimer,
  moveSpeaker,
  nextSpeaker,
  orderAgenda,
  overLimitMs,
  removeSpeaker,
  setLimit,
  speakersOf,
  speakingMs,
} from '../../../shared/meetings';
import type { MeetingDetail } from '../../../shared/domain/meetings';
import { api } from '../../api';
import { to, useApp } from '../../store/app';
import { describeError } from '../../ui/errors';
import { SelectField } from '../../ui/fields';
import { RouteLink } from '../../ui/RouteLink';
import { useLoad } from '../../ui/useLoad';
import { NativeField, titleOf } from './common';
import { ExpectedAttendanceSummary } from './Invitations';
import { ActionsPanel, AttendancePanel, DecisionsPanel, MinutesEditor, OpenActionsList } from './parts';
import { openPresentation, useRunShare, type RunShare } from './runShare';

/** The chair's screen during the meeting: keyboard-first (Alt+N, Alt+P, Alt+S; Alt+J next speaker). */
export function RunMode({ id }: { id: string }) {
  const { t } = useTranslation();
  const notify = useApp((s) => s.notify);
  const meeting = useLoad(() => api.meetings.get({ id }), [id]);
  const [share, updateShare] = useRunShare(id);
  const [now, setNow] = useState(() => Date.now());
  const [selected, setSelected] = useState<string | null>(null);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const m = meeting.data && meeting.data.id === id ? meeting.data : undefined;
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

  // Publish what the presentation view shows whenever the run changes (not on every clock tick).
  const published = m
    ? JSON.stringify({
        meetingTitle: m.title,
        items: ordered.map((o) => ({
          id: o.item.id,
          number: o.number,
          title: titleOf(t, o.item),
          allottedMinutes: o.item.durationMinutes,
        })),
        currentItemId: currentId,
        runEvents: m.runEvents,
      })
    : null;
  useEffect(() => {
    if (published) updateShare((s) => ({ ...s, view: JSON.parse(published) as RunShare['view'] }));
  }, [published, updateShare]);

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
  const giveFloor = () => currentId && updateShare((s) => ({ ...s, speakers: nextSpeaker(s.speakers, currentId, Date.now()) }));
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey) return;
      const k = e.key.toLowerCase();
      if (k === 'n') go('next');
      else if (k === 'p') go('previous');
      else if (k === 's') toggle();
      else if (k === 'j') giveFloor();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  if (meeting.error !== undefined) return <p role="alert">{describeError(t, meeting.error)}</p>;
  if (!m || !state) return <p>{t('common.loading')}</p>;
  const locked = m.minutesStatus === 'approved';
  const index = ordered.findIndex((o) => o.item.id === currentId);
  const current = ordered[index];
  const next = ordered[index + 1];
  const cs = state.items.find((s) => s.id === currentId);
  return (
    <div className="run">
      <div className="toolbar">
        <RouteLink to={to('meetings', m.id)}>{t('meetings.run.back')}</RouteLink>
        <button type="button" className="link-button" onClick={() => openPresentation(m.id)}>
          {t('meetings.present.open')}
        </button>
      </div>
      <Heading variant="h1" className="run-title">
        {t('meetings.run.title')}: {m.title}
      </Heading>
      <p className="muted">{t('meetings.run.keys')}</p>
      {!current ? (
        <Paragraph>{t('meetings.run.noItems')}</Paragraph>
      ) : (
        <div className="run-grid">
          <section className="panel run-main" aria-labelledby="current-heading">
            <Heading variant="h2" id="current-heading" className="run-current">
              <span className="run-label">{t('meetings.run.current')}: </span>
              {current.number}. {titleOf(t, current.item)}
            </Heading>
            <p role="timer" aria-live="off" className={cs && cs.overrunMs > 0 ? 'run-timer over' : 'run-timer'}>
              {formatTimer(cs?.elapsedMs ?? 0)}
              <span className="run-timer-of"> / {formatTimer(cs?.allottedMs ?? 0)}</span>
            </p>
            {cs && cs.overrunMs > 0 && (
              <p role="alert" className="field-error">
                {t('meetings.run.overrun', { overrun: formatTimer(cs.overrunMs) })}
              </p>
            )}
            <p className="run-next">
              {next
                ? t('meetings.run.nextUp', { title: `${next.number}. ${titleOf(t, next.item)}` })
                : t('meetings.run.lastItem')}
            </p>
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
            <div className="run-minutes">
              <MinutesEditor
                key={current.item.id}
                itemId={current.item.id}
                title={`${current.number}. ${titleOf(t, current.item)}`}
                initial={current.item.minutes ?? ''}
                locked={locked}
              />
            </div>
            <DecisionsPanel
              key={`d-${current.item.id}`}
              m={m}
              itemId={current.item.id}
              onChange={meeting.reload}
              locked={locked}
            />
            <ActionsPanel key={`a-${current.item.id}`} m={m} itemId={current.item.id} onChange={meeting.reload} locked={locked} />
          </section>
          <div className="run-side">
            <SpeakerQueue m={m} itemId={current.item.id} share={share} update={updateShare} now={now} />
            <nav aria-label={t('meetings.agenda.title')} className="panel">
              <p className="muted">{t('meetings.run.meetingElapsed', { elapsed: formatTimer(state.meetingElapsedMs) })}</p>
              <ol className="run-agenda">
                {ordered.map((o) => {
                  const s = state.items.find((x) => x.id === o.item.id);
                  return (
                    <li key={o.item.id} style={{ marginLeft: o.depth * 16 }}>
                      <button
                        type="button"
                        className="link-button"
                        aria-current={o.item.id === currentId ? 'step' : undefined}
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
          </div>
        </div>
      )}
      <ExpectedAttendanceSummary meetingId={m.id} />
      <AttendancePanel m={m} onChange={meeting.reload} locked={locked} />
    </div>
  );
}

/** Who asks for the floor on this item: add, reorder and remove from the keyboard; the current speaker's time. */
function SpeakerQueue(props: {
  m: MeetingDetail;
  itemId: string;
  share: RunShare;
  update: (change: (s: RunShare) => RunShare) => void;
  now: number;
}) {
  const { t } = useTranslation();
  const { m, itemId, share, update, now } = props;
  const [personId, setPersonId] = useState('');
  const [other, setOther] = useState('');
  const [announce, setAnnounce] = useState('');
  const item = speakersOf(share.speakers, itemId);
  const speaking = speakingMs(share.speakers, itemId, now);
  const over = overLimitMs(share.speakers, itemId, now);
  const limit = share.speakers.limitSeconds;
  const set = (f: (s: RunShare['speakers']) => RunShare['speakers']) => update((s) => ({ ...s, speakers: f(s.speakers) }));
  // Those present first, then the rest of the members: the people likely to ask for the floor.
  const present = new Set(m.attendance.filter((a) => a.status === 'present' || a.status === 'remote').map((a) => a.personId));
  const candidates = [
    ...new Map(
      [
        ...m.attendance.filter((a) => a.personId && present.has(a.personId)).map((a) => a.personId!),
        ...m.members.map((x) => x.personId),
      ].map((pid) => [pid, m.peopleNames[pid] ?? m.members.find((x) => x.personId === pid)?.personName ?? ''] as const),
    ),
  ].filter(([, name]) => name);
  const add = () => {
    const name = personId ? (candidates.find(([pid]) => pid === personId)?.[1] ?? '') : other.trim();
    if (!name) return;
    set((s) => addSpeaker(s, itemId, { name, personId: personId || null }));
    setPersonId('');
    setOther('');
    setAnnounce(t('meetings.speakers.added', { name }));
  };
  return (
    <section className="panel speakers" aria-labelledby="speakers-heading">
      <Heading variant="h2" id="speakers-heading">
        {t('meetings.speakers.title')}
      </Heading>
      <span className="visually-hidden" role="status" aria-live="polite">
        {announce}
      </span>
      {item.current ? (
        <p className="speaker-now">
          {t('meetings.speakers.speakingNow', { name: item.current.name })}{' '}
          <span role="timer" aria-live="off" className={over > 0 ? 'field-error' : ''}>
            {formatTimer(speaking ?? 0)}
            {limit !== null ? ` / ${formatTimer(limit * 1000)}` : ''}
          </span>
        </p>
      ) : (
        <p className="muted">{t('meetings.speakers.nobody')}</p>
      )}
      {over > 0 && (
        <p role="alert" className="field-error">
          {t('meetings.speakers.overLimit', { over: formatTimer(over) })}
        </p>
      )}
      <div className="toolbar">
        <Button onClick={() => set((s) => nextSpeaker(s, itemId, Date.now()))}>{t('meetings.speakers.next')}</Button>
        {item.current && (
          <Button variant="secondary" onClick={() => set((s) => endTurn(s, itemId, Date.now()))}>
            {t('meetings.speakers.endTurn')}
          </Button>
        )}
      </div>
      {item.queue.length === 0 ? (
        <p className="muted">{t('meetings.speakers.empty')}</p>
      ) : (
        <ol aria-label={t('meetings.speakers.queue')} className="speaker-queue">
          {item.queue.map((q, i) => (
            <li key={q.id}>
              {q.name}{' '}
              <button
                type="button"
                className="link-button"
                disabled={i === 0}
                onClick={() => set((s) => moveSpeaker(s, itemId, q.id, 'up'))}
              >
                {t('meetings.agenda.up')}
                <span className="visually-hidden"> ({q.name})</span>
              </button>{' '}
              <button
                type="button"
                className="link-button"
                disabled={i === item.queue.length - 1}
                onClick={() => set((s) => moveSpeaker(s, itemId, q.id, 'down'))}
              >
                {t('meetings.agenda.down')}
                <span className="visually-hidden"> ({q.name})</span>
              </button>{' '}
              <button
                type="button"
                className="link-button"
                onClick={() => {
                  set((s) => removeSpeaker(s, itemId, q.id));
                  setAnnounce(t('meetings.speakers.removed', { name: q.name }));
                }}
              >
                {t('meetings.speakers.remove')}
                <span className="visually-hidden"> ({q.name})</span>
              </button>
            </li>
          ))}
        </ol>
      )}
      <form
        aria-label={t('meetings.speakers.add')}
        onSubmit={(e) => {
          e.preventDefault();
          add();
        }}
      >
        <SelectField
          label={t('meetings.speakers.person')}
          value={personId}
          onChange={setPersonId}
          options={candidates.map(([pid, name]) => ({ value: pid, label: name }))}
          emptyLabel={t('common.choose')}
        />
        <NativeField label={t('meetings.speakers.otherName')} type="text" value={other} onChange={setOther} />
        <div className="form-actions">
          <Button type="submit" variant="secondary">
            {t('meetings.speakers.add')}
          </Button>
        </div>
      </form>
      <NativeField
        label={t('meetings.speakers.limit')}
        type="number"
        min={0}
        max={60}
        value={limit === null ? '' : String(limit / 60)}
        onChange={(v) => set((s) => setLimit(s, v.trim() === '' ? null : Number(v) * 60))}
      />
      {item.spoken.length > 0 && (
        <details>
          <summary>{t('meetings.speakers.spoken', { count: item.spoken.length })}</summary>
          <ul>
            {item.spoken.map((s, i) => (
              <li key={`${s.id}-${i}`}>
                {s.name} {formatTimer(s.ms)}
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
