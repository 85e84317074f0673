import {
  SCHEDULE_MONTHS,
  TIMELINE_PAST_MONTHS,
  type ChairNowView,
  type RotationTimeline,
  type TimelineMeeting,
  type TimelineSegment,
} from '../../../shared/domain/rotation';
import { addCalendarDays, addCalendarMonths, computeTerms } from '../../../shared/rotation';
import { meetingDate } from '../repositories/rotation';
import type { GroupSchedule } from './rotation-chairs';

/**
 * "Rotation at a glance": who chairs now and until when, and the timeline of terms (or, per meeting,
 * runs of meetings with one chair) from a year back to the end of the schedule. Read from the same
 * computed schedule the schedule table and the meetings' chairs come from, so they cannot disagree.
 */

interface Run {
  chairId: string;
  from: string;
  /** The run's last meeting. */
  lastMeeting: string;
}

/** Per meeting: consecutive meetings (not cancelled, with a chair) with the same chair. */
function meetingRuns(found: GroupSchedule, until: string): Run[] {
  const runs: Run[] = [];
  for (const m of found.schedule.meetings) {
    if (m.date >= until) break;
    if (m.status === 'cancelled' || m.chair === null) continue;
    const last = runs.at(-1);
    if (last && last.chairId === m.chair) last.lastMeeting = m.date;
    else runs.push({ chairId: m.chair, from: m.date, lastMeeting: m.date });
  }
  return runs;
}

function whenOf(from: string, lastDay: string, today: string): TimelineSegment['when'] {
  return lastDay < today ? 'past' : from > today ? 'coming' : 'current';
}

export function rotationGlance(found: GroupSchedule): { chairNow: ChairNowView; timeline: RotationTimeline } {
  const { rotation, today } = found;
  const until = addCalendarMonths(today, SCHEDULE_MONTHS);
  const firstStart = [...rotation.versions].map((v) => v.effectiveFrom).sort()[0] ?? today;
  const back = addCalendarMonths(today, -TIMELINE_PAST_MONTHS);
  const from = firstStart > back ? firstStart : back;
  const termMode = rotation.versions.some((v) => v.mode !== 'per_meeting');

  const titles = new Map(found.meetings.map((m) => [m.id, { title: m.title, date: meetingDate(m) }]));
  const timelineMeetings: TimelineMeeting[] = found.schedule.meetings
    .filter((m) => m.date < until)
    .map((m) => ({
      meetingId: m.meetingId,
      title: titles.get(m.meetingId)?.title ?? '',
      date: m.date,
      status: m.status,
      chairId: m.status === 'cancelled' ? null : m.chair,
    }));
  // The engine gives the meetings in date order, so a stretch's meetings are one slice of them, found by
  // binary search (filtering every meeting for every stretch grew with meetings × stretches).
  const sorted = timelineMeetings.every((m, i) => i === 0 || timelineMeetings[i - 1]!.date <= m.date);
  const firstOnOrAfter = (date: string, strict: boolean) => {
    let lo = 0;
    let hi = timelineMeetings.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const d = timelineMeetings[mid]!.date;
      if (d < date || (strict && d === date)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const meetingsIn = (a: string, b: string) =>
    sorted
      ? timelineMeetings.slice(firstOnOrAfter(a, false), firstOnOrAfter(b, true))
      : timelineMeetings.filter((m) => m.date >= a && m.date <= b);

  // Every stretch up to the schedule's end (the current one may start before the timeline does).
  let all: Array<Omit<TimelineSegment, 'when' | 'handover' | 'meetings'>>;
  if (termMode) {
    all = computeTerms(rotation, from < today ? from : today, addCalendarDays(until, -1)).map((term) => ({
      key: `term:${term.start}`,
      kind: 'term' as const,
      chairId: term.chair,
      from: term.start,
      lastDay: term.lastDay,
    }));
  } else {
    const runs = meetingRuns(found, until);
    all = runs.map((r, i) => {
      const next = runs[i + 1];
      return {
        key: `run:${r.from}`,
        kind: 'run' as const,
        chairId: r.chairId,
        from: r.from,
        // The last run holds until a meeting with another chair is planned: at least until today.
        lastDay: next ? addCalendarDays(next.from, -1) : r.lastMeeting > today ? r.lastMeeting : today,
      };
    });
  }
  // A stretch's meetings are listed only where the timeline shows it (it ends on or after `from`).
  const segments: TimelineSegment[] = all.map((s, i) => ({
    ...s,
    when: whenOf(s.from, s.lastDay, today),
    handover: i > 0 && all[i - 1]!.chairId !== s.chairId && s.chairId !== null,
    meetings: s.lastDay >= from ? meetingsIn(s.from, s.lastDay) : [],
  }));

  // Chair now: the stretch containing today; until = the last day before the chair changes.
  const nowIndex = segments.findIndex((s) => s.when === 'current');
  let chairNow: ChairNowView;
  if (nowIndex < 0 || segments[nowIndex]!.chairId === null) {
    const first = segments.find((s) => s.from > today && s.chairId !== null);
    chairNow = { chairId: null, since: null, until: null, handover: first?.from ?? null, nextChairId: first?.chairId ?? null };
  } else {
    const current = segments[nowIndex]!;
    let since = current.from;
    for (let i = nowIndex - 1; i >= 0 && segments[i]!.chairId === current.chairId; i--) since = segments[i]!.from;
    const next = segments.slice(nowIndex + 1).find((s) => s.chairId !== current.chairId && s.chairId !== null);
    chairNow = {
      chairId: current.chairId,
      since,
      until: next ? addCalendarDays(next.from, -1) : null,
      handover: next?.from ?? null,
      nextChairId: next?.chairId ?? null,
    };
  }

  // The timeline shows where there is something to show: from the first stretch (at most a year back)
  // to the last one, and always today.
  const shown = segments.filter((s) => s.lastDay >= from);
  const first = shown[0]?.from ?? today;
  const last = shown.at(-1)?.lastDay ?? today;
  const start = first < from ? from : first < today ? first : today;
  const end = last > today ? last : today;
  return { chairNow, timeline: { from: start, to: end, today, segments: shown } };
}
