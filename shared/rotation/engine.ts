/**
 * The rotating-chair engine: pure functions from plain data to plain data (no I/O, no clock).
 * The rules are written out in docs/rotation.md; comments here say why the code is shaped as it is.
 *
 * Pipeline for one slot (a meeting in per_meeting mode, a term in term modes):
 *   1. timeline: which version's order applies from which slot ("takeover", keeps current + next);
 *   2. base: walk the slots in order with one turn counter per version, passing over departed
 *      members, mapping succeeded ones, applying skip exceptions;
 *   3. swaps (in creation order, on the chairs as they stand), then overrides (latest created wins);
 *   4. meetings: frozen chair of a held meeting > cancelled (no chair) > meeting exceptions > term/base.
 * Everything is O(slots + exceptions) after one sort; exceptions are looked up through maps.
 */
import { addCalendarDays, maxDate, TermGrid } from './dates';
import type {
  Handover,
  IsoDate,
  MeetingChair,
  MeetingInput,
  MemberDeparture,
  MemberId,
  Rotation,
  RotationEdit,
  RotationException,
  RotationProblem,
  RotationVersion,
  Schedule,
  ScheduleInput,
  SkipException,
  SlotTarget,
  SwapException,
  OverrideException,
  Term,
} from './types';
import { validateRotation } from './validate';

/** How many slots an edit keeps from the previous order: the current and the next chair. */
export const KEPT_SLOTS = 2;
/** Safety cap on simulated terms (weekly terms for ~190 years). */
export const MAX_TERMS = 10_000;

// ───────────────────────── versions and departures ─────────────────────────

interface Prepared {
  version: RotationVersion;
  /** max(effectiveFrom, editedOn): the moment at which "current" and "next" are read. */
  keepFrom: IsoDate;
  grid: TermGrid | null;
}

function prepareVersions(versions: RotationVersion[]): Prepared[] {
  // Stable sort: equal dates are refused by validation, but keep input order if they slip through.
  return versions
    .map((version, i) => ({ version, i }))
    .sort((a, b) =>
      a.version.effectiveFrom < b.version.effectiveFrom ? -1 : a.version.effectiveFrom > b.version.effectiveFrom ? 1 : a.i - b.i,
    )
    .map(({ version }) => ({
      version,
      keepFrom: version.editedOn ? maxDate(version.effectiveFrom, version.editedOn) : version.effectiveFrom,
      grid:
        version.mode === 'per_meeting'
          ? null
          : new TermGrid(
              version.mode === 'term_months' ? 'months' : 'weeks',
              version.termLength ?? 1,
              version.anchorDate ?? version.effectiveFrom,
            ),
    }));
}

class Departures {
  private readonly byMember = new Map<MemberId, MemberDeparture>();
  constructor(departures: MemberDeparture[]) {
    for (const d of departures) if (!this.byMember.has(d.memberId)) this.byMember.set(d.memberId, d);
  }
  /**
   * Who actually holds a position of `member` on `date`: the member, a successor, or nobody.
   * `before` = true reads `date` as an exclusive bound (a term's end), saving a date computation per term.
   */
  resolve(member: MemberId, date: IsoDate, before = false): MemberId | null {
    if (this.byMember.size === 0) return member;
    let m = member;
    // Succession chains (A→B→C) are followed; the hop limit breaks cycles that validation missed.
    for (let hops = 0; hops <= this.byMember.size; hops++) {
      const d = this.byMember.get(m);
      if (!d || (before ? d.from >= date : d.from > date)) return m;
      if (d.action === 'skip' || !d.successorId) return null;
      m = d.successorId;
    }
    return null;
  }
}

/** The turn counter of one version. `c` grows forever; the position is c mod members.length. */
class TurnCounter {
  c: number;
  constructor(
    readonly version: RotationVersion,
    private readonly departures: Departures,
    /** Terms pass their exclusive end as the date (see Departures.resolve). */
    private readonly exclusiveDates = false,
  ) {
    this.c = version.startIndex;
  }
  get length(): number {
    return this.version.members.length;
  }
  /** First present member at or after counter value `from` (optionally not `exclude`). */
  find(from: number, date: IsoDate, exclude?: MemberId): { c: number; member: MemberId } | null {
    const n = this.length;
    for (let t = 0; t < n; t++) {
      const raw = this.version.members[(from + t) % n];
      if (raw === undefined) continue;
      const member = this.departures.resolve(raw, date, this.exclusiveDates);
      if (member !== null && member !== exclude) return { c: from + t, member };
    }
    return null;
  }
}

interface BaseSlot {
  chair: MemberId | null;
  source: 'base' | 'skip' | 'none';
  versionId: string | null;
  /** Position in the version's member list that produced the chair (for proposeVersion). */
  position: number | null;
  exceptionId?: string;
}

/**
 * One turn-consuming slot. A skip exception for the member whose turn it is passes the slot to the
 * next different present member; the counter then continues after that member, so the skipped member
 * loses this turn and nobody gets two turns in a row because of it.
 */
function takeTurn(
  counter: TurnCounter,
  date: IsoDate,
  skip: SkipException | undefined,
  usedSkips: Set<string>,
  notices: RotationProblem[],
): BaseSlot {
  const versionId = counter.version.id;
  const found = counter.find(counter.c, date);
  if (!found) {
    counter.c++;
    return { chair: null, source: 'none', versionId, position: null };
  }
  counter.c = found.c;
  let result: BaseSlot = { chair: found.member, source: 'base', versionId, position: found.c % counter.length };
  if (skip) {
    usedSkips.add(skip.id);
    if (skip.memberId === found.member) {
      const next = counter.find(found.c + 1, date, found.member);
      if (next) {
        counter.c = next.c;
        result = { chair: next.member, source: 'skip', versionId, position: next.c % counter.length, exceptionId: skip.id };
      } else {
        result = { chair: null, source: 'skip', versionId, position: null, exceptionId: skip.id };
      }
    } else {
      notices.push({ key: 'rotation.skipNotTheirTurn', params: { exceptionId: skip.id, memberId: skip.memberId } });
    }
  }
  counter.c++;
  return result;
}

// ───────────────────────── exceptions ─────────────────────────

interface Exceptions {
  overrides: Map<string, OverrideException>;
  skips: Map<string, SkipException>;
  swaps: SwapException[];
}

function targetKey(t: SlotTarget): string {
  return 'meetingId' in t ? `m:${t.meetingId}` : `t:${t.termStart}`;
}

function byCreation(a: RotationException, b: RotationException): number {
  return a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function indexExceptions(exceptions: RotationException[]): Exceptions {
  const sorted = [...exceptions].sort(byCreation);
  const overrides = new Map<string, OverrideException>();
  const skips = new Map<string, SkipException>();
  const swaps: SwapException[] = [];
  for (const e of sorted) {
    // Later-created replaces earlier on the same target: "latest created wins".
    if (e.kind === 'override') overrides.set(targetKey(e.target), e);
    else if (e.kind === 'skip') skips.set(targetKey(e.target), e);
    else swaps.push(e);
  }
  return { overrides, skips, swaps };
}

/**
 * Applies swaps in creation order to `chairs` (a sparse view over `get`). Each swap exchanges the
 * chairs the two slots have at that point, so A↔B then B↔C composes: A gets B's, B gets C's, C gets A's.
 */
function applySwaps<K>(
  swaps: SwapException[],
  resolve: (t: SlotTarget) => K | undefined,
  get: (k: K) => MemberId | null,
): Map<K, { chair: MemberId | null; swapId: string }> {
  const out = new Map<K, { chair: MemberId | null; swapId: string }>();
  const current = (k: K) => (out.has(k) ? out.get(k)!.chair : get(k));
  for (const s of swaps) {
    const a = resolve(s.first);
    const b = resolve(s.second);
    if (a === undefined || b === undefined || a === b) continue;
    const ca = current(a);
    const cb = current(b);
    out.set(a, { chair: cb, swapId: s.id });
    out.set(b, { chair: ca, swapId: s.id });
  }
  return out;
}

// ───────────────────────── per-meeting mode ─────────────────────────

function compareMeetings(a: MeetingInput, b: MeetingInput): number {
  if (a.date !== b.date) return a.date < b.date ? -1 : 1;
  const ta = a.time ?? '';
  const tb = b.time ?? '';
  if (ta !== tb) return ta < tb ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function lowerBound(ms: MeetingInput[], date: IsoDate): number {
  let lo = 0;
  let hi = ms.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ms[mid]!.date < date) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

interface MeetingSegment {
  prepared: Prepared;
  startPos: number;
  /** First position of the kept window (current + next), for the swap-across-edit notice. */
  keepPos: number;
}

function consumesTurn(m: MeetingInput, rotation: Rotation): boolean {
  return m.status !== 'cancelled' || rotation.cancelledRule === 'advance';
}

/**
 * Where each version's order takes over. A later version takes over at the third turn-consuming
 * meeting on/after its keepFrom date, so the current and the next chair (two meetings) keep the
 * order they were announced under. Without a running order at keepFrom there is nothing to keep.
 */
function meetingTimeline(prepared: Prepared[], ms: MeetingInput[], rotation: Rotation): MeetingSegment[] {
  let segments: MeetingSegment[] = [];
  for (const p of prepared) {
    const keepPos = lowerBound(ms, p.keepFrom);
    const active = segments.length > 0 && segments[0]!.startPos <= keepPos;
    let start: number;
    if (!active) {
      start = lowerBound(ms, p.version.effectiveFrom);
    } else {
      let kept = 0;
      start = keepPos;
      while (start < ms.length) {
        if (consumesTurn(ms[start]!, rotation)) {
          if (kept === KEPT_SLOTS) break;
          kept++;
        }
        start++;
      }
    }
    segments = segments.filter((s) => s.startPos < start);
    segments.push({ prepared: p, startPos: start, keepPos: Math.min(keepPos, start) });
  }
  return segments;
}

function meetingBase(
  ms: MeetingInput[],
  segments: MeetingSegment[],
  rotation: Rotation,
  departures: Departures,
  ex: Exceptions,
  notices: RotationProblem[],
): { base: BaseSlot[]; segmentOf: Int32Array } {
  const base: BaseSlot[] = new Array(ms.length);
  const segmentOf = new Int32Array(ms.length).fill(-1);
  const usedSkips = new Set<string>();
  let seg = -1;
  let counter: TurnCounter | null = null;
  for (let i = 0; i < ms.length; i++) {
    while (seg + 1 < segments.length && segments[seg + 1]!.startPos <= i) {
      seg++;
      counter = new TurnCounter(segments[seg]!.prepared.version, departures);
    }
    const m = ms[i]!;
    segmentOf[i] = seg;
    const skip = ex.skips.get(`m:${m.id}`);
    if (skip && (!counter || m.status === 'cancelled')) {
      // No turn to pass over: before the rotation starts, or the meeting is cancelled.
      usedSkips.add(skip.id);
      notices.push({ key: 'rotation.exceptionInert', params: { exceptionId: skip.id } });
    }
    if (!counter) {
      base[i] = { chair: null, source: 'none', versionId: null, position: null };
      continue;
    }
    if (!consumesTurn(m, rotation)) {
      // 'hold': the turn stays; show whose turn it would have been, without moving the counter.
      const f = counter.find(counter.c, m.date);
      base[i] = {
        chair: f?.member ?? null,
        source: f ? 'base' : 'none',
        versionId: counter.version.id,
        position: f ? f.c % counter.length : null,
      };
      continue;
    }
    base[i] = takeTurn(counter, m.date, m.status === 'cancelled' ? undefined : skip, usedSkips, notices);
  }
  for (const [key, s] of ex.skips) {
    if (!usedSkips.has(s.id)) {
      notices.push({
        key: key.startsWith('t:') ? 'rotation.exceptionTargetMismatch' : 'rotation.exceptionTargetMissing',
        params: { exceptionId: s.id },
      });
    }
  }
  return { base, segmentOf };
}

// ───────────────────────── term modes ─────────────────────────

interface TermSegment {
  prepared: Prepared;
  grid: TermGrid;
  startDate: IsoDate;
  keepFrom: IsoDate;
}

function segmentAt<T extends { startDate: IsoDate }>(segments: T[], date: IsoDate): number {
  let lo = 0;
  let hi = segments.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (segments[mid]!.startDate <= date) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

function termAt(segments: TermSegment[], date: IsoDate): { start: IsoDate; end: IsoDate } | null {
  const i = segmentAt(segments, date);
  if (i < 0) return null;
  const s = segments[i]!;
  const k = s.grid.indexOf(date);
  const next = segments[i + 1];
  let end = s.grid.start(k + 1);
  if (next && next.startDate < end) end = next.startDate;
  return { start: s.grid.start(k), end };
}

/**
 * Where each version's terms take over. The term containing keepFrom (current) and the one after it
 * (next) stay under the previous order; the new version's first term is its first grid start on or
 * after both the end of "next" and its anchor. If the grid changes, the previous order runs on until
 * then, its last term ending early at the new start (never a stub term of the new grid).
 */
function termTimeline(prepared: Prepared[]): TermSegment[] {
  let segments: TermSegment[] = [];
  for (const p of prepared) {
    const grid = p.grid!;
    const anchor = grid.anchor;
    const current = termAt(segments, p.keepFrom);
    let start: IsoDate;
    if (!current) {
      start = grid.firstStartOnOrAfter(maxDate(anchor, p.version.effectiveFrom));
    } else {
      const next = termAt(segments, current.end)!;
      start = grid.firstStartOnOrAfter(maxDate(anchor, next.end));
    }
    segments = segments.filter((s) => s.startDate < start);
    segments.push({ prepared: p, grid, startDate: start, keepFrom: p.keepFrom });
  }
  return segments;
}

interface TermBase extends BaseSlot {
  start: IsoDate;
  end: IsoDate;
  segment: number;
}

function termBase(
  segments: TermSegment[],
  limit: IsoDate,
  departures: Departures,
  ex: Exceptions,
  notices: RotationProblem[],
): TermBase[] {
  const terms: TermBase[] = [];
  const usedSkips = new Set<string>();
  outer: for (let si = 0; si < segments.length; si++) {
    const s = segments[si]!;
    const segEnd = segments[si + 1]?.startDate;
    const counter = new TurnCounter(s.prepared.version, departures, true);
    let k = s.grid.indexOf(s.startDate);
    for (;;) {
      const start = s.grid.start(k);
      if (segEnd !== undefined && start >= segEnd) break;
      if (start > limit || terms.length >= MAX_TERMS) break outer;
      let end = s.grid.start(k + 1);
      if (segEnd !== undefined && end > segEnd) end = segEnd;
      // A departure during a term (from < end) applies to the whole term: someone who has left
      // cannot chair it.
      const slot = takeTurn(counter, end, ex.skips.size > 0 ? ex.skips.get(`t:${start}`) : undefined, usedSkips, notices);
      terms.push({
        chair: slot.chair,
        source: slot.source,
        versionId: slot.versionId,
        position: slot.position,
        exceptionId: slot.exceptionId,
        start,
        end,
        segment: si,
      });
      k++;
    }
  }
  const lastEnd = terms.length > 0 ? terms[terms.length - 1]!.end : '';
  for (const [key, sk] of ex.skips) {
    if (usedSkips.has(sk.id)) continue;
    if (key.startsWith('m:')) notices.push({ key: 'rotation.exceptionTargetMismatch', params: { exceptionId: sk.id } });
    else if (key.slice(2) < lastEnd) notices.push({ key: 'rotation.exceptionTargetMissing', params: { exceptionId: sk.id } });
  }
  return terms;
}

/** Term base → final term chairs (term swaps, then term overrides). */
function finishTerms(base: TermBase[], ex: Exceptions, notices: RotationProblem[]): Term[] {
  const byStart = new Map<IsoDate, number>();
  base.forEach((t, i) => byStart.set(t.start, i));
  const lastEnd = base.length > 0 ? base[base.length - 1]!.end : '';
  const termSwaps = ex.swaps.filter((s) => 'termStart' in s.first && 'termStart' in s.second);
  const resolve = (t: SlotTarget): number | undefined => ('termStart' in t ? byStart.get(t.termStart) : undefined);
  for (const s of termSwaps) {
    for (const t of [s.first, s.second]) {
      if ('termStart' in t && !byStart.has(t.termStart) && t.termStart < lastEnd) {
        notices.push({ key: 'rotation.exceptionTargetMissing', params: { exceptionId: s.id } });
      }
    }
  }
  const swapped = applySwaps(termSwaps, resolve, (i) => base[i]!.chair);
  for (const [key, o] of ex.overrides) {
    if (key.startsWith('t:') && !byStart.has(key.slice(2)) && key.slice(2) < lastEnd) {
      notices.push({ key: 'rotation.exceptionTargetMissing', params: { exceptionId: o.id } });
    }
  }
  return base.map((b, i) => {
    const term: Term = {
      index: i,
      start: b.start,
      end: b.end,
      lastDay: addCalendarDays(b.end, -1),
      chair: b.chair,
      source: b.source,
      baseChair: b.chair,
      versionId: b.versionId!,
    };
    if (b.exceptionId) term.exceptionId = b.exceptionId;
    const sw = swapped.get(i);
    if (sw) {
      term.chair = sw.chair;
      term.source = 'swap';
      term.exceptionId = sw.swapId;
    }
    const ov = ex.overrides.size > 0 ? ex.overrides.get(`t:${b.start}`) : undefined;
    if (ov) {
      term.chair = ov.memberId;
      term.source = 'override';
      term.exceptionId = ov.id;
    }
    return term;
  });
}

function swapTermDates(ex: Exceptions): IsoDate[] {
  const dates: IsoDate[] = [];
  for (const s of ex.swaps) for (const t of [s.first, s.second]) if ('termStart' in t) dates.push(t.termStart);
  return dates;
}

function isTermRotation(rotation: Rotation): boolean {
  return rotation.versions.some((v) => v.mode !== 'per_meeting');
}

// ───────────────────────── public API ─────────────────────────

/**
 * Chairs of a term-mode rotation's terms that overlap [fromDate, toDate] (inclusive calendar dates).
 * Returns [] for a per-meeting rotation or an invalid one (check validateRotation first).
 */
export function computeTerms(rotation: Rotation, fromDate: IsoDate, toDate: IsoDate): Term[] {
  if (!isTermRotation(rotation) || validateRotation(rotation).length > 0) return [];
  const prepared = prepareVersions(rotation.versions);
  const ex = indexExceptions(rotation.exceptions);
  const departures = new Departures(rotation.departures);
  const segments = termTimeline(prepared);
  // Swap partners beyond toDate need their base chair, so simulate up to the furthest of them.
  const limit = swapTermDates(ex).reduce(maxDate, toDate);
  const terms = finishTerms(termBase(segments, limit, departures, ex, []), ex, []);
  return terms.filter((t) => t.start <= toDate && t.end > fromDate);
}

/** Handovers between consecutive terms whose (final) chair differs. */
export function termHandovers(terms: Term[]): Handover[] {
  const out: Handover[] = [];
  let prev: MemberId | null = null;
  for (const t of terms) {
    if (t.chair === null) continue;
    if (prev !== null && t.chair !== prev) out.push({ date: t.start, from: prev, to: t.chair, termStart: t.start });
    prev = t.chair;
  }
  return out;
}

/** Handovers between consecutive chaired meetings whose chair differs (cancelled ones have none). */
export function meetingHandovers(meetings: MeetingChair[]): Handover[] {
  const out: Handover[] = [];
  let prev: MeetingChair | null = null;
  for (const m of meetings) {
    if (m.chair === null) continue;
    if (prev !== null && prev.chair !== m.chair) {
      out.push({ date: m.date, from: prev.chair!, to: m.chair, meetingId: m.meetingId, previousMeetingId: prev.meetingId });
    }
    prev = m;
  }
  return out;
}

/**
 * Whether the meetings dated before some date (`before`: every one of the group's meetings dated before
 * it, at its engine date) decide the chairs of those meetings by themselves: computeSchedule over them
 * then gives each of them the chair it gets over all the group's meetings. Per meeting, a chair depends
 * only on earlier meetings, except through swaps (a partner may lie later) and where a version takes
 * over (the walk past the kept current and next chairs may run past the last meeting given). So: no
 * swaps, and for every version at least KEPT_SLOTS + 1 turn-consuming meetings on or after the date its
 * kept window starts — then every takeover and start position falls inside the meetings given. Notices
 * and handovers may still differ; callers use only the chairs.
 */
export function meetingsBeforeDecide(rotation: Rotation, before: MeetingInput[]): boolean {
  if (isTermRotation(rotation)) return false;
  if (rotation.exceptions.some((e) => e.kind === 'swap')) return false;
  for (const { keepFrom } of prepareVersions(rotation.versions)) {
    let consuming = 0;
    for (const m of before) if (m.date >= keepFrom && consumesTurn(m, rotation)) consuming++;
    if (consuming < KEPT_SLOTS + 1) return false;
  }
  return true;
}

/**
 * The chair of every meeting, the handovers and notices about exceptions that had no effect.
 * Per-meeting: handovers where consecutive chaired meetings change chair. Term modes: handovers at
 * term starts between the first and the last meeting (use computeTerms + termHandovers for any range).
 */
export function computeSchedule(input: ScheduleInput): Schedule {
  const { rotation } = input;
  const problems = validateRotation(rotation);
  if (problems.length > 0) return { valid: false, problems, meetings: [], handovers: [], notices: [] };

  const notices: RotationProblem[] = [];
  const ms = [...input.meetings].sort(compareMeetings);
  const prepared = prepareVersions(rotation.versions);
  const ex = indexExceptions(rotation.exceptions);
  const departures = new Departures(rotation.departures);
  const indexById = new Map<string, number>();
  ms.forEach((m, i) => indexById.set(m.id, i));

  // Pre-meeting-exception chair of each meeting, plus term info in term modes.
  let pre: {
    chair: MemberId | null;
    source: MeetingChair['source'];
    baseChair: MemberId | null;
    versionId: string | null;
    exceptionId?: string;
    termIndex?: number;
    termStart?: IsoDate;
  }[];
  let handoverTerms: Term[] | null = null;
  let keptWindow: (i: number) => number = () => -1;
  let segmentStartOf: (i: number) => number = () => -1;

  if (!isTermRotation(rotation)) {
    const segments = meetingTimeline(prepared, ms, rotation);
    const { base, segmentOf } = meetingBase(ms, segments, rotation, departures, ex, notices);
    keptWindow = (i) => {
      const s = segments[segmentOf[i]! + 1];
      return s && i >= s.keepPos && i < s.startPos ? segmentOf[i]! + 1 : -1;
    };
    segmentStartOf = (i) => segmentOf[i]!;
    for (const [key, o] of ex.overrides) {
      if (key.startsWith('t:')) notices.push({ key: 'rotation.exceptionTargetMismatch', params: { exceptionId: o.id } });
    }
    for (const s of ex.swaps) {
      if ('termStart' in s.first) notices.push({ key: 'rotation.exceptionTargetMismatch', params: { exceptionId: s.id } });
    }
    pre = base.map((b) => ({
      chair: b.chair,
      source: b.source,
      baseChair: b.chair,
      versionId: b.versionId,
      ...(b.exceptionId ? { exceptionId: b.exceptionId } : {}),
    }));
  } else {
    const segments = termTimeline(prepared);
    const last = ms.length > 0 ? ms[ms.length - 1]!.date : (segments[0]?.startDate ?? '0000-01-01');
    const limit = swapTermDates(ex).reduce(maxDate, last);
    const terms = finishTerms(termBase(segments, limit, departures, ex, notices), ex, notices);
    const starts = terms.map((t) => t.start);
    const termOf = (date: IsoDate): number => {
      let lo = 0;
      let hi = terms.length - 1;
      let found = -1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (starts[mid]! <= date) {
          found = mid;
          lo = mid + 1;
        } else hi = mid - 1;
      }
      return found >= 0 && terms[found]!.end > date ? found : -1;
    };
    pre = ms.map((m) => {
      const t = termOf(m.date);
      if (t < 0) return { chair: null, source: 'none' as const, baseChair: null, versionId: null };
      const term = terms[t]!;
      return {
        chair: term.chair,
        source: term.source,
        baseChair: term.baseChair,
        versionId: term.versionId,
        ...(term.exceptionId ? { exceptionId: term.exceptionId } : {}),
        termIndex: term.index,
        termStart: term.start,
      };
    });
    if (ms.length > 0) {
      const first = termOf(ms[0]!.date);
      const lastT = termOf(ms[ms.length - 1]!.date);
      handoverTerms = terms.slice(Math.max(0, first), lastT < 0 ? terms.length : lastT + 1);
    } else handoverTerms = [];
    // Term keep-window: [keepFrom, takeover) of each later segment.
    keptWindow = (i) => {
      const d = ms[i]!.date;
      for (let s = 1; s < segments.length; s++) if (d >= segments[s]!.keepFrom && d < segments[s]!.startDate) return s;
      return -1;
    };
    segmentStartOf = (i) => segmentAt(segments, ms[i]!.date);
  }

  // Meeting swaps: cancelled halves have no chair to exchange, so such a swap is inert.
  const meetingSwaps: SwapException[] = [];
  for (const s of ex.swaps) {
    if (!('meetingId' in s.first) || !('meetingId' in s.second)) continue;
    const a = indexById.get(s.first.meetingId);
    const b = indexById.get(s.second.meetingId);
    if (a === undefined || b === undefined) {
      notices.push({ key: 'rotation.exceptionTargetMissing', params: { exceptionId: s.id } });
      continue;
    }
    if (ms[a]!.status === 'cancelled' || ms[b]!.status === 'cancelled') {
      notices.push({ key: 'rotation.swapTargetCancelled', params: { exceptionId: s.id } });
      continue;
    }
    // A swap between a kept meeting (current/next of an edit) and one under the new order exchanges
    // the new order's turn: said so, because the kept meeting's chair then changes with the edit.
    const ka = keptWindow(a);
    const kb = keptWindow(b);
    if ((ka >= 0 && segmentStartOf(b) >= ka) || (kb >= 0 && segmentStartOf(a) >= kb)) {
      notices.push({ key: 'rotation.swapAcrossEdit', params: { exceptionId: s.id } });
    }
    meetingSwaps.push(s);
  }
  const swapped = applySwaps(
    meetingSwaps,
    (t) => ('meetingId' in t ? indexById.get(t.meetingId) : undefined),
    (i) => pre[i]!.chair,
  );
  for (const [key, o] of ex.overrides) {
    if (key.startsWith('m:') && !indexById.has(key.slice(2))) {
      notices.push({ key: 'rotation.exceptionTargetMissing', params: { exceptionId: o.id } });
    }
  }

  const meetings: MeetingChair[] = ms.map((m, i) => {
    const p = pre[i]!;
    const out: MeetingChair = {
      meetingId: m.id,
      date: m.date,
      status: m.status,
      chair: p.chair,
      source: p.source,
      baseChair: p.baseChair,
      versionId: p.versionId,
    };
    if (p.exceptionId) out.exceptionId = p.exceptionId;
    if (p.termIndex !== undefined) out.termIndex = p.termIndex;
    if (p.termStart !== undefined) out.termStart = p.termStart;
    const set = (chair: MemberId | null, source: MeetingChair['source'], exceptionId?: string) => {
      out.chair = chair;
      out.source = source;
      if (exceptionId) out.exceptionId = exceptionId;
      else delete out.exceptionId;
    };
    if (m.status === 'held' && m.frozenChair) set(m.frozenChair, 'frozen');
    else if (m.status === 'cancelled') set(null, 'cancelled');
    else {
      const ov = ex.overrides.get(`m:${m.id}`);
      const sw = swapped.get(i);
      if (ov) set(ov.memberId, 'override', ov.id);
      else if (sw) set(sw.chair, 'swap', sw.swapId);
    }
    return out;
  });

  const handovers = handoverTerms ? termHandovers(handoverTerms) : meetingHandovers(meetings);
  return { valid: true, problems: [], meetings, handovers, notices };
}

/**
 * Builds the version for an edit, with `startIndex` chosen so the rotation continues naturally:
 * after the kept current and next chair, the new order starts with the member who would have come
 * next in the old order (the first such member still in the new list; same occurrence if the member
 * appears more than once). A version with the same effectiveFrom is replaced, not added.
 * `meetings` are needed for per-meeting rotations (pass [] for term modes).
 */
export function proposeVersion(rotation: Rotation, meetings: MeetingInput[], edit: RotationEdit): RotationVersion {
  const others = rotation.versions.filter((v) => v.effectiveFrom !== edit.effectiveFrom);
  const inForce =
    [...others]
      .sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : 1))
      .filter((v) => v.effectiveFrom <= edit.effectiveFrom)
      .pop() ?? others[0];
  const mode = edit.mode ?? inForce?.mode ?? 'per_meeting';
  const candidate: RotationVersion = {
    id: edit.id,
    effectiveFrom: edit.effectiveFrom,
    editedOn: edit.editedOn,
    mode,
    members: [...edit.members],
    startIndex: 0,
  };
  if (mode !== 'per_meeting') {
    candidate.termLength = edit.termLength ?? inForce?.termLength ?? 1;
    candidate.anchorDate = edit.anchorDate ?? inForce?.anchorDate ?? edit.effectiveFrom;
  }
  const before: Rotation = { ...rotation, versions: others };
  const after: Rotation = { ...rotation, versions: [...others, candidate] };
  if (others.length === 0 || edit.members.length === 0) return candidate;
  if (validateRotation(before).length > 0 || validateRotation(after).length > 0) return candidate;

  const departures = new Departures(rotation.departures);
  const ex = indexExceptions(rotation.exceptions);
  let previous: BaseSlot | undefined;
  if (mode === 'per_meeting') {
    const ms = [...meetings].sort(compareMeetings);
    const newSeg = meetingTimeline(prepareVersions(after.versions), ms, rotation).find((s) => s.prepared.version === candidate);
    if (!newSeg) return candidate;
    const { base } = meetingBase(
      ms,
      meetingTimeline(prepareVersions(before.versions), ms, rotation),
      rotation,
      departures,
      ex,
      [],
    );
    for (let i = Math.min(newSeg.startPos, ms.length) - 1; i >= 0 && !previous; i--) {
      if (consumesTurn(ms[i]!, rotation) && base[i]!.position !== null) previous = base[i];
    }
  } else {
    const newSeg = termTimeline(prepareVersions(after.versions)).find((s) => s.prepared.version === candidate);
    if (!newSeg) return candidate;
    const terms = termBase(termTimeline(prepareVersions(before.versions)), newSeg.startDate, departures, ex, []);
    for (let i = terms.length - 1; i >= 0 && !previous; i--) {
      if (terms[i]!.start < newSeg.startDate && terms[i]!.position !== null) previous = terms[i];
    }
  }
  const oldVersion = previous ? others.find((v) => v.id === previous!.versionId) : undefined;
  if (!previous || previous.position === null || !oldVersion) return candidate;
  candidate.startIndex = continueIndex(oldVersion.members, previous.position + 1, candidate.members);
  return candidate;
}

/** Index in `next` of the first member of `old` (cyclically from `from`) that is still in `next`. */
/**
 * The order as it stands on `date`: members who have left (skip) are gone, a member who was succeeded is
 * replaced by the successor (chains followed), a member named twice stays twice. This is what "Current
 * order" shows; the version itself keeps the members as entered.
 */
export function orderOn(members: MemberId[], departures: MemberDeparture[], date: IsoDate): MemberId[] {
  const d = new Departures(departures);
  return members.map((m) => d.resolve(m, date)).filter((m): m is MemberId => m !== null);
}

export function continueIndex(old: MemberId[], from: number, next: MemberId[]): number {
  for (let t = 0; t < old.length; t++) {
    const p = (from + t) % old.length;
    const member = old[p]!;
    const occurrences: number[] = [];
    next.forEach((m, i) => {
      if (m === member) occurrences.push(i);
    });
    if (occurrences.length === 0) continue;
    // Same occurrence as in the old list, so [A,B,A,C] keeps "the second A" meaning the second A.
    let rank = 0;
    for (let i = 0; i < p; i++) if (old[i] === member) rank++;
    return occurrences[rank] ?? occurrences[0]!;
  }
  return 0;
}
