import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { computeRunState, formatTimer, overLimitMs, speakersOf, speakingMs } from '../../../shared/meetings';
import { useRunShare } from './runShare';

/**
 * The second screen (projector, a second tab in browser mode): what run mode shows the room, large and
 * read-only. It follows run mode through the shared run state (runShare.ts), so it needs no controls.
 */
export function PresentationView({ id }: { id: string }) {
  const { t } = useTranslation();
  const [share] = useRunShare(id);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const view = share.view;
  if (!view) {
    return (
      <main className="presentation" id="main">
        <h1>{t('meetings.present.waiting')}</h1>
      </main>
    );
  }
  const state = computeRunState(
    view.items.map((i) => ({ id: i.id, allottedMinutes: i.allottedMinutes })),
    view.runEvents,
    now,
  );
  const index = view.items.findIndex((i) => i.id === view.currentItemId);
  const current = view.items[index];
  const next = view.items[index + 1];
  const cs = state.items.find((s) => s.id === current?.id);
  const speakers = current ? speakersOf(share.speakers, current.id) : null;
  const speaking = current ? speakingMs(share.speakers, current.id, now) : null;
  const over = current ? overLimitMs(share.speakers, current.id, now) : 0;
  const limit = share.speakers.limitSeconds;
  return (
    <main className="presentation" id="main">
      <p className="presentation-meeting">{view.meetingTitle}</p>
      {current ? (
        <>
          <h1 className="presentation-item">
            {current.number}. {current.title}
          </h1>
          <p role="timer" aria-live="off" className={cs && cs.overrunMs > 0 ? 'presentation-timer over' : 'presentation-timer'}>
            {formatTimer(cs?.elapsedMs ?? 0)}
            <span className="presentation-of"> / {formatTimer(cs?.allottedMs ?? 0)}</span>
          </p>
          {speakers?.current && (
            <p className={over > 0 ? 'presentation-speaker over' : 'presentation-speaker'}>
              {t('meetings.speakers.speakingNow', { name: speakers.current.name })} {formatTimer(speaking ?? 0)}
              {limit !== null ? ` / ${formatTimer(limit * 1000)}` : ''}
            </p>
          )}
          {speakers && speakers.queue.length > 0 && (
            <div className="presentation-queue">
              <h2>{t('meetings.speakers.queue')}</h2>
              <ol>
                {speakers.queue.slice(0, 5).map((q) => (
                  <li key={q.id}>{q.name}</li>
                ))}
              </ol>
            </div>
          )}
          <p className="presentation-next">
            {next ? t('meetings.run.nextUp', { title: `${next.number}. ${next.title}` }) : t('meetings.run.lastItem')}
          </p>
        </>
      ) : (
        <h1>{t('meetings.present.waiting')}</h1>
      )}
    </main>
  );
}
