/**
 * Scanning rounds — labels, default timelines, ad-hoc lane, cap, candidate references (pure, no I/O).
 *
 * API
 *   parseRoundLabel(label): RoundLabel | null        "2027 H1" → { year: 2027, half: 1 }; "2027 A2" → ad hoc
 *   formatRoundLabel(l): string
 *   nextSemiannualLabel(label): string | null        "2027 H1" → "2027 H2" → "2028 H1"
 *   halfOfDate(isoDate): { year, half }
 *   proposeNextRound(lastLabel | null, today): RoundProposal   { label, timeline } (semiannual)
 *   semiannualTimeline(year, half): RoundTimeline
 *   nextAdHocLabel(existingLabels, year): string     "2027 A1", "2027 A2", …
 *   adHocTimeline(startDate): RoundTimeline          short lane, ~2 weeks
 *   checkCap(cap, proposedCount, adding?)            { ok:true, remaining } | { ok:false, key:'scanning.capExceeded', params }
 *   formatCandidateReference(label, n): string       ("2027 H1", 3) → "2027H1-03"
 *   parseCandidateReference(ref): { roundKey, number } | null
 *   nextCandidateNumber(existingReferences, label): number
 *   validateTimeline(t): { key, params }[]           dates must not go backwards
 *   ROUND_PHASES                                     each round status as a phase: which timeline dates bound it
 *   roundPhases(status, timeline, visited?): RoundPhase[]   the phase stepper: dates and done/current/upcoming
 *
 * Dates are ISO calendar dates 'YYYY-MM-DD' (no time, no zone: a deadline is a day in Finland), computed
 * with UTC arithmetic so DST never shifts a day.
 *
 * Default semiannual timeline (decisions). Anchor = 15 January (H1) or 15 August (H2 — July is the Finnish
 * summer holiday, nobody writes proposals then). Offsets from the anchor, each date moved forward to the
 * next working day if it falls on a weekend or a fixed-date holiday (1.1, 6.1, 1.5, 6.12, 24–26.12, 31.12;
 * Easter and Midsummer move, the owner adjusts those by hand):
 *   callOpens            anchor
 *   submissionDeadline   +6 weeks         time to write a proposal with evidence and partners
 *   screeningEnds        +8 weeks         two weeks to screen and merge duplicates
 *   assessmentOpens      = screeningEnds
 *   assessmentCloses     +11 weeks        three-week scoring window
 *   networkMeeting       +12 weeks        expert network consensus meeting
 *   listFreeze           +13 weeks        candidate list frozen and sent
 *   decisionMeeting      +16 weeks        cooperation group meets (four times a year; ~3 weeks' notice)
 *   H1 2027: 15.1 → 26.2 → 12.3 → 2.4 → 9.4 → 16.4 → 7.5. H2 2027: 16.8 (15.8 is a Sunday) → 27.9 → 11.10
 *   → 1.11 → 8.11 → 15.11 → 7.12 (6.12 is Independence Day).
 *
 * Ad-hoc lane (a topical issue outside the cycle): 14 days end to end from the start date —
 *   callOpens = submissionDeadline = start, screeningEnds/assessmentOpens +2 d, assessmentCloses +7 d,
 *   networkMeeting +8 d, listFreeze +9 d, decisionMeeting +14 d (non-working days skipped as above). The
 *   decision may be an extra or e-mail meeting of the cooperation group — the date is a proposal.
 *   Label "YYYY A<n>" (n-th ad-hoc lane of the year) so it never collides with "H1"/"H2".
 *
 * References: `${label without spaces}-${number padded to 2}` ("2027H1-03", "2027A1-01"); numbers ≥ 100 are
 *   printed in full ("2027H1-100"). Deferred candidates get a new reference in the next round and link
 *   back to the old one.
 */

import { ROUND_STATUSES, type RoundStatus } from './status';

export type RoundKind = 'semiannual' | 'adhoc';

export interface RoundLabel {
  year: number;
  kind: RoundKind;
  /** Half (1 | 2) for semiannual, sequence number for ad hoc. */
  seq: number;
}

export interface RoundTimeline {
  callOpens: string;
  submissionDeadline: string;
  screeningEnds: string;
  assessmentOpens: string;
  assessmentCloses: string;
  networkMeeting: string;
  listFreeze: string;
  decisionMeeting: string;
}

export const TIMELINE_ORDER: readonly (keyof RoundTimeline)[] = [
  'callOpens',
  'submissionDeadline',
  'screeningEnds',
  'assessmentOpens',
  'assessmentCloses',
  'networkMeeting',
  'listFreeze',
  'decisionMeeting',
];

export interface RoundProposal {
  label: string;
  timeline: RoundTimeline;
}

const LABEL_RE = /^\s*(\d{4})\s*([HA])(\d{1,3})\s*$/i;

export function parseRoundLabel(label: string): RoundLabel | null {
  const m = LABEL_RE.exec(label);
  if (!m) return null;
  const year = Number(m[1]);
  const kind: RoundKind = (m[2] as string).toUpperCase() === 'H' ? 'semiannual' : 'adhoc';
  const seq = Number(m[3]);
  if (kind === 'semiannual' && seq !== 1 && seq !== 2) return null;
  if (seq < 1) return null;
  return { year, kind, seq };
}

export function formatRoundLabel(l: RoundLabel): string {
  return `${l.year} ${l.kind === 'semiannual' ? 'H' : 'A'}${l.seq}`;
}

export function nextSemiannualLabel(label: string): string | null {
  const l = parseRoundLabel(label);
  if (!l) return null;
  // Ad-hoc lanes are outside the cycle: the caller passes the last SEMIANNUAL label.
  if (l.kind === 'adhoc') return null;
  return l.seq === 1
    ? formatRoundLabel({ year: l.year, kind: 'semiannual', seq: 2 })
    : formatRoundLabel({ year: l.year + 1, kind: 'semiannual', seq: 1 });
}

// ---------------------------------------------------------------------------------------------------
// Date helpers (UTC day arithmetic on ISO dates)

const DAY_MS = 86_400_000;

function parseIsoDate(iso: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return NaN;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
}

function fmt(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Fixed-date Finnish public holidays (MM-DD). Moveable ones (Easter, Midsummer) are left to the owner. */
const FIXED_HOLIDAYS = new Set(['01-01', '01-06', '05-01', '12-06', '12-24', '12-25', '12-26', '12-31']);

/** Move forward to the next working day: weekends and fixed-date holidays are skipped. */
function toWorkingDay(ms: number): number {
  let t = ms;
  for (;;) {
    const d = new Date(t);
    const dow = d.getUTCDay();
    if (dow !== 0 && dow !== 6 && !FIXED_HOLIDAYS.has(d.toISOString().slice(5, 10))) return t;
    t += DAY_MS;
  }
}

function at(anchor: number, days: number): string {
  return fmt(toWorkingDay(anchor + days * DAY_MS));
}

export function halfOfDate(isoDate: string): { year: number; half: 1 | 2 } {
  const ms = parseIsoDate(isoDate);
  const d = new Date(ms);
  return { year: d.getUTCFullYear(), half: d.getUTCMonth() < 6 ? 1 : 2 };
}

export const SEMIANNUAL_OFFSETS_DAYS: Readonly<Record<keyof RoundTimeline, number>> = {
  callOpens: 0,
  submissionDeadline: 42,
  screeningEnds: 56,
  assessmentOpens: 56,
  assessmentCloses: 77,
  networkMeeting: 84,
  listFreeze: 91,
  decisionMeeting: 112,
};

export const AD_HOC_OFFSETS_DAYS: Readonly<Record<keyof RoundTimeline, number>> = {
  callOpens: 0,
  submissionDeadline: 0,
  screeningEnds: 2,
  assessmentOpens: 2,
  assessmentCloses: 7,
  networkMeeting: 8,
  listFreeze: 9,
  decisionMeeting: 14,
};

function timelineFrom(anchor: number, offsets: Readonly<Record<keyof RoundTimeline, number>>): RoundTimeline {
  const t = {} as RoundTimeline;
  for (const key of TIMELINE_ORDER) t[key] = at(anchor, offsets[key]);
  return t;
}

export function semiannualTimeline(year: number, half: 1 | 2): RoundTimeline {
  const anchor = half === 1 ? Date.UTC(year, 0, 15) : Date.UTC(year, 7, 15);
  return timelineFrom(anchor, SEMIANNUAL_OFFSETS_DAYS);
}

export function adHocTimeline(startDate: string): RoundTimeline {
  return timelineFrom(parseIsoDate(startDate), AD_HOC_OFFSETS_DAYS);
}

/**
 * Next semiannual round. With a last semiannual label: the following half. Without one (first round ever,
 * or the last label is unreadable): the current half if its call has not opened yet on `today`, otherwise
 * the next half.
 */
export function proposeNextRound(lastLabel: string | null, today: string): RoundProposal {
  const next = lastLabel ? nextSemiannualLabel(lastLabel) : null;
  let year: number;
  let half: 1 | 2;
  if (next) {
    const l = parseRoundLabel(next) as RoundLabel;
    year = l.year;
    half = l.seq as 1 | 2;
  } else {
    const cur = halfOfDate(today);
    const t = semiannualTimeline(cur.year, cur.half);
    if (today <= t.callOpens) {
      year = cur.year;
      half = cur.half;
    } else if (cur.half === 1) {
      year = cur.year;
      half = 2;
    } else {
      year = cur.year + 1;
      half = 1;
    }
  }
  return { label: formatRoundLabel({ year, kind: 'semiannual', seq: half }), timeline: semiannualTimeline(year, half) };
}

export function nextAdHocLabel(existingLabels: readonly string[], year: number): string {
  let max = 0;
  for (const s of existingLabels) {
    const l = parseRoundLabel(s);
    if (l && l.kind === 'adhoc' && l.year === year && l.seq > max) max = l.seq;
  }
  return formatRoundLabel({ year, kind: 'adhoc', seq: max + 1 });
}

export interface TimelineIssue {
  key: 'scanning.timeline.invalidDate' | 'scanning.timeline.outOfOrder';
  params: { field: string; previous?: string };
}

/** Each date must be a valid ISO date and not before the previous step (equal is allowed). */
export function validateTimeline(t: RoundTimeline): TimelineIssue[] {
  const issues: TimelineIssue[] = [];
  let prevKey: keyof RoundTimeline | null = null;
  for (const key of TIMELINE_ORDER) {
    if (Number.isNaN(parseIsoDate(t[key]))) {
      issues.push({ key: 'scanning.timeline.invalidDate', params: { field: key } });
      continue;
    }
    if (prevKey && t[key] < t[prevKey])
      issues.push({ key: 'scanning.timeline.outOfOrder', params: { field: key, previous: prevKey } });
    prevKey = key;
  }
  return issues;
}

// ---------------------------------------------------------------------------------------------------
// Cap

export type CapResult =
  | { ok: true; remaining: number | null }
  | { ok: false; key: 'scanning.capExceeded'; params: { cap: number; count: number; adding: number } };

/** cap null = no cap. `proposedCount` = candidates already 'proposed' (or beyond) in the round. */
export function checkCap(cap: number | null, proposedCount: number, adding = 1): CapResult {
  if (cap === null) return { ok: true, remaining: null };
  if (proposedCount + adding > cap)
    return { ok: false, key: 'scanning.capExceeded', params: { cap, count: proposedCount, adding } };
  return { ok: true, remaining: cap - proposedCount - adding };
}

// ---------------------------------------------------------------------------------------------------
// Candidate references

function roundKey(label: string): string {
  return label.replace(/\s+/g, '').toUpperCase();
}

export function formatCandidateReference(label: string, n: number): string {
  return `${roundKey(label)}-${String(n).padStart(2, '0')}`;
}

export function parseCandidateReference(ref: string): { roundKey: string; number: number } | null {
  const m = /^(\d{4}[HA]\d{1,3})-(\d{2,})$/.exec(ref.trim().toUpperCase());
  if (!m) return null;
  return { roundKey: m[1] as string, number: Number(m[2]) };
}

/** 1 + the highest number used in this round (gaps left by withdrawn drafts are not reused). */
export function nextCandidateNumber(existingReferences: readonly string[], label: string): number {
  const key = roundKey(label);
  let max = 0;
  for (const r of existingReferences) {
    const p = parseCandidateReference(r);
    if (p && p.roundKey === key && p.number > max) max = p.number;
  }
  return max + 1;
}

// ---------------------------------------------------------------------------------------------------
// Phases (the round page's stepper)

/**
 * Every round status is a phase of the round; the timeline's dates bound them. `from`/`until` name the
 * timeline dates the phase runs between (null: open-ended), `milestones` the dates that fall inside it
 * (what the "now" card lists). Decisions: planned runs until the call opens; screening starts at the
 * submission deadline; consolidation runs from the close of assessment to the list freeze, with the
 * network meeting inside it; the list is with the cooperation group from the freeze to its decision
 * meeting; closed has no date (the owner closes the round when the follow-up is done).
 */
export const ROUND_PHASES: Readonly<
  Record<
    RoundStatus,
    { from: keyof RoundTimeline | null; until: keyof RoundTimeline | null; milestones: readonly (keyof RoundTimeline)[] }
  >
> = {
  planned: { from: null, until: 'callOpens', milestones: ['callOpens'] },
  open: { from: 'callOpens', until: 'submissionDeadline', milestones: ['submissionDeadline'] },
  screening: { from: 'submissionDeadline', until: 'screeningEnds', milestones: ['screeningEnds'] },
  assessment: { from: 'assessmentOpens', until: 'assessmentCloses', milestones: ['assessmentCloses'] },
  consolidation: { from: 'assessmentCloses', until: 'listFreeze', milestones: ['networkMeeting', 'listFreeze'] },
  list_submitted: { from: 'listFreeze', until: 'decisionMeeting', milestones: ['decisionMeeting'] },
  decided: { from: 'decisionMeeting', until: null, milestones: [] },
  closed: { from: null, until: null, milestones: [] },
};

export type PhaseState = 'done' | 'current' | 'upcoming' | 'skipped';

export interface RoundPhase {
  status: RoundStatus;
  /** ISO dates from the round's timeline; null where the phase is open-ended. */
  start: string | null;
  end: string | null;
  milestones: Array<{ key: keyof RoundTimeline; date: string }>;
  state: PhaseState;
}

/**
 * The phases in order with their dates and state. Phases before the current one are done, later ones
 * upcoming. `visited` (the statuses in the round's history) marks as skipped an earlier phase the round
 * never went through — a planned round cancelled straight to closed; without a history (or an empty one)
 * the order alone decides. A round moved back (consolidation → assessment) shows the later phases as
 * upcoming again.
 */
export function roundPhases(status: RoundStatus, timeline: RoundTimeline, visited?: readonly string[]): RoundPhase[] {
  const current = ROUND_STATUSES.indexOf(status);
  const seen = visited && visited.length > 0 ? new Set(visited) : null;
  return ROUND_STATUSES.map((s, i) => {
    const p = ROUND_PHASES[s];
    const state: PhaseState = i === current ? 'current' : i > current ? 'upcoming' : seen && !seen.has(s) ? 'skipped' : 'done';
    return {
      status: s,
      start: p.from ? timeline[p.from] : null,
      end: p.until ? timeline[p.until] : null,
      milestones: p.milestones.map((key) => ({ key, date: timeline[key] })),
      state,
    };
  });
}
