import { useCallback, useEffect, useState } from 'react';
import { emptySpeakers, type RunEvent, type SpeakerState } from '../../../shared/meetings';
import { hashFromRoute, to } from '../../store/app';

/** What the presentation view shows, as run mode last published it. */
export interface PresentationSnapshot {
  meetingTitle: string;
  items: Array<{ id: string; number: string; title: string; allottedMinutes: number }>;
  /** The item on screen in run mode (may differ from the one whose clock runs, while browsing). */
  currentItemId: string | null;
  runEvents: RunEvent[];
}

/** Run mode's shared state for one meeting: the speaker queues and the presentation snapshot. */
export interface RunShare {
  speakers: SpeakerState;
  view: PresentationSnapshot | null;
}

const KEY = (meetingId: string) => `painopiste.run.${meetingId}`;

function read(meetingId: string): RunShare {
  try {
    const raw = localStorage.getItem(KEY(meetingId));
    if (raw) {
      const parsed = JSON.parse(raw) as Partial<RunShare>;
      return { speakers: parsed.speakers ?? emptySpeakers(), view: parsed.view ?? null };
    }
  } catch {
    // A damaged entry (hand-edited, another version): start afresh rather than break run mode.
  }
  return { speakers: emptySpeakers(), view: null };
}

/**
 * Run mode and the presentation view share state through local storage: a write here raises a
 * `storage` event in every other window or tab of the app (browser tabs, Electron windows), so the
 * presentation follows the run without a server round trip, and a reload keeps the queue.
 */
export function useRunShare(meetingId: string): [RunShare, (change: (s: RunShare) => RunShare) => void] {
  const [share, setShare] = useState<RunShare>(() => read(meetingId));
  useEffect(() => {
    setShare(read(meetingId));
    const onStorage = (e: StorageEvent) => {
      if (e.key === KEY(meetingId)) setShare(read(meetingId));
    };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, [meetingId]);
  const update = useCallback(
    (change: (s: RunShare) => RunShare) => {
      const next = change(read(meetingId));
      localStorage.setItem(KEY(meetingId), JSON.stringify(next));
      setShare(next);
    },
    [meetingId],
  );
  return [share, update];
}

/** The presentation view for a second screen: a second tab (browser mode) or window that follows the run. */
export function openPresentation(meetingId: string): void {
  window.open(hashFromRoute(to('meetings', meetingId, 'present')), `painopiste-presentation-${meetingId}`);
}
