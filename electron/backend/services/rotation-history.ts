import {
  ROTATION_HISTORY_KINDS,
  type ChairChange,
  type RotationHistoryEntry,
  type RotationHistoryKind,
} from '../../../shared/domain/rotation';
import type { Ctx } from '../context';
import { peopleNames } from '../repositories/meetings';
import { meetingDate, rotationHistoryRows, rotationRowsHistory } from '../repositories/rotation';
import type { GroupSchedule } from './rotation-chairs';

/**
 * The rotation's history, newest first: every change recorded by the rotation service (status_history,
 * entity 'rotation': who, when, what, and the chairs it changed), plus what the rotation's own rows tell
 * about changes made before the history was recorded (versions, overrides, swaps, skips — removed ones
 * too — and departures), so a rotation from an earlier database or the example still has its history.
 */

interface Detail {
  by?: unknown;
  byName?: unknown;
  ref?: unknown;
  memberId?: unknown;
  successorId?: unknown;
  slotDate?: unknown;
  otherSlotDate?: unknown;
  effectiveFrom?: unknown;
  members?: unknown;
  exceptionKind?: unknown;
  changes?: unknown;
}

const kindOf = (v: unknown): RotationHistoryEntry['exceptionKind'] =>
  v === 'override' || v === 'swap' || v === 'skip' ? v : null;
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

function parse(text: string | null): Detail {
  if (!text) return {};
  try {
    const d = JSON.parse(text) as unknown;
    return d && typeof d === 'object' ? (d as Detail) : {};
  } catch {
    return {};
  }
}

function changesOf(v: unknown): ChairChange[] {
  if (!Array.isArray(v)) return [];
  return v.filter(
    (c): c is ChairChange =>
      !!c && typeof c === 'object' && typeof (c as ChairChange).date === 'string' && typeof (c as ChairChange).kind === 'string',
  );
}

export function rotationHistory(ctx: Ctx, found: GroupSchedule): RotationHistoryEntry[] {
  const rotationId = found.record.id;
  const recorded = rotationHistoryRows(ctx.store, rotationId);
  const details = recorded.map((r) => parse(r.detail));
  const names = peopleNames(
    ctx.store,
    details.map((d) => str(d.by)).filter((x): x is string => x !== null),
  );
  // Sorted by time, then by clock stamp (unique and ordered even within one millisecond).
  const stamps = new Map<string, string>();
  const refs = new Set(details.map((d) => str(d.ref)).filter((x): x is string => x !== null));
  // Each detail is parsed once (above), not again per entry.
  const out: RotationHistoryEntry[] = recorded
    .map((r, i) => ({ r, d: details[i]! }))
    .filter(({ r }) => (ROTATION_HISTORY_KINDS as readonly string[]).includes(r.status))
    .map(({ r, d }) => {
      const by = str(d.by);
      stamps.set(r.id, r.stamp);
      return {
        id: r.id,
        kind: r.status as RotationHistoryKind,
        at: r.at,
        date: r.date,
        byName: by ? (names[by] ?? str(d.byName)) : null,
        memberId: str(d.memberId),
        successorId: str(d.successorId),
        slotDate: str(d.slotDate),
        otherSlotDate: str(d.otherSlotDate),
        effectiveFrom: str(d.effectiveFrom),
        members: Array.isArray(d.members) ? d.members.filter((m): m is string => typeof m === 'string') : [],
        exceptionKind: kindOf(d.exceptionKind),
        reason: r.note,
        changes: changesOf(d.changes),
        fromRows: false,
      };
    });

  // Changes the rows show that no recorded entry describes.
  const rows = rotationRowsHistory(
    ctx.store,
    rotationId,
    found.versionRows && found.exceptionRecords ? { versions: found.versionRows, exceptions: found.exceptionRecords } : undefined,
  );
  const meetingDates = new Map(found.meetings.map((m) => [m.id, meetingDate(m)]));
  const dateOf = (meetingId: string | null, termStart: string | null) =>
    meetingId ? (meetingDates.get(meetingId) ?? null) : termStart;
  const blank = {
    byName: null,
    memberId: null,
    successorId: null,
    slotDate: null,
    otherSlotDate: null,
    effectiveFrom: null,
    members: [],
    exceptionKind: null,
    reason: null,
    changes: [],
    fromRows: true,
  };
  const versionMembers = new Map(found.rotation.versions.map((v) => [v.id, v.members]));
  rows.versions.forEach((v, i) => {
    if (refs.has(`version:${v.id}`)) return;
    stamps.set(`version:${v.id}`, v.stamp);
    out.push({
      ...blank,
      id: `version:${v.id}`,
      kind: i === 0 ? 'created' : 'version',
      at: v.at,
      date: v.at.slice(0, 10),
      effectiveFrom: v.effectiveFrom,
      members: versionMembers.get(v.id) ?? [],
    });
  });
  for (const e of rows.exceptions) {
    const slot = {
      memberId: e.memberId,
      slotDate: dateOf(e.meetingId, e.termStart),
      otherSlotDate: dateOf(e.otherMeetingId, e.otherTermStart),
      reason: e.reason,
    };
    stamps.set(`exception:${e.id}`, e.stamp);
    stamps.set(`removed:${e.id}`, e.updatedStamp);
    if (!refs.has(`exception:${e.id}`))
      out.push({ ...blank, ...slot, id: `exception:${e.id}`, kind: e.kind, at: e.at, date: e.at.slice(0, 10) });
    if (e.deleted && !refs.has(`removed:${e.id}`))
      out.push({
        ...blank,
        ...slot,
        reason: null,
        exceptionKind: e.kind,
        id: `removed:${e.id}`,
        kind: 'exceptionRemoved',
        at: e.updatedAt,
        date: e.updatedAt.slice(0, 10),
      });
  }
  for (const d of rows.departures) {
    if (refs.has(`departure:${d.memberId}:${d.from}`)) continue;
    stamps.set(`departure:${d.memberId}:${d.from}`, d.stamp);
    out.push({
      ...blank,
      id: `departure:${d.memberId}:${d.from}`,
      kind: 'departure',
      at: d.at,
      date: d.at.slice(0, 10),
      memberId: d.memberId,
      successorId: d.successorId,
      slotDate: d.from,
    });
  }
  const key = (e: RotationHistoryEntry) => `${e.at}|${stamps.get(e.id) ?? ''}`;
  return out.sort((a, b) => (key(a) < key(b) ? 1 : key(a) > key(b) ? -1 : 0));
}
