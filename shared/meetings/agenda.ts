/**
 * Agenda: ordering, timing, reordering, templates and carry-over (pure, no I/O).
 *
 * An agenda item has `parentId` (null = top level; otherwise the id of its section, one level only),
 * `position` (integer within its sibling group) and `durationMinutes`. A section is any top-level item
 * that has children.
 *
 * Decisions
 * - A section's time = its own duration + the sum of its children. Its own minutes come first (an
 *   introduction, or 0), then its children in order. So a section can be timed as a whole or per child.
 * - Positions are dense integers 1..n per sibling group, ordered by (position, id). A move renumbers
 *   only the items whose number actually changes (a keyboard step = 2 rows, a drag over k items = k+1
 *   rows). Gaps or duplicates left by deletes or by merging two replicas are tolerated when reading
 *   and healed by the next move in that group (or `normalizePositions`).
 * - Invalid nesting in stored data (unknown parent, self parent, a child of a child) is read as top
 *   level so nothing disappears; `validateAgenda` reports it. Moves refuse to create it.
 * - Agenda times are wall-clock 'HH:MM' from the meeting's start; past-midnight agendas wrap the clock.
 *
 * API
 *   orderAgenda(items): OrderedAgendaItem[]                   display order, depth 0/1, number '2.1'
 *   validateAgenda(items): Array<{ id, key }>                  i18n keys 'meetings.agenda.*'
 *   computeAgendaTimes(meetingStart, items, meeting?: { endTime?, lengthMinutes? }): AgendaTiming
 *   moveItem(items, id, to: 'up'|'down'|'indent'|'outdent'|index, parentId?): MoveResult
 *   normalizePositions(items): PositionUpdate[]
 *   nextPosition(items, parentId): number                      for appending a new item
 *   placeNewItem(items, id): PositionUpdate[]                   a new top-level item goes before the closing items
 *   STANDARD_ITEM_KEYS, STANDARD_TEMPLATE, standardTitleKey(key)
 *   buildAgendaFromTemplate(template, carryOver: { openActions, continuedItems }, makeId?): AgendaDraftItem[]
 */
import { addMinutesWall, durationMinutes, isWallTime, MeetingsInputError, type CalendarDate, type WallTime } from './time';

export interface AgendaNode {
  id: string;
  parentId: string | null;
  position: number;
  durationMinutes: number;
}

export interface OrderedAgendaItem<T extends AgendaNode = AgendaNode> {
  item: T;
  /** The parent as read (null when the stored parent is invalid). */
  parentId: string | null;
  depth: 0 | 1;
  /** Display number: '3' for a top-level item, '3.2' for a child. */
  number: string;
  hasChildren: boolean;
}

const bySlot = (a: AgendaNode, b: AgendaNode): number => a.position - b.position || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The parent an item is read under: only an existing top-level item can be a section. */
function effectiveParents(items: readonly AgendaNode[]): Map<string, string | null> {
  const byId = new Map(items.map((i) => [i.id, i]));
  const isTop = (i: AgendaNode): boolean => i.parentId === null || i.parentId === i.id || !byId.has(i.parentId);
  const out = new Map<string, string | null>();
  for (const i of items) {
    const p = i.parentId === null ? undefined : byId.get(i.parentId);
    out.set(i.id, p && p.id !== i.id && isTop(p) ? p.id : null);
  }
  return out;
}

function siblingGroups<T extends AgendaNode>(items: readonly T[], parents: Map<string, string | null>): Map<string | null, T[]> {
  const groups = new Map<string | null, T[]>();
  for (const i of items) {
    const p = parents.get(i.id) ?? null;
    const list = groups.get(p) ?? [];
    list.push(i);
    groups.set(p, list);
  }
  for (const list of groups.values()) list.sort(bySlot);
  return groups;
}

export function orderAgenda<T extends AgendaNode>(items: readonly T[]): OrderedAgendaItem<T>[] {
  const parents = effectiveParents(items);
  const groups = siblingGroups(items, parents);
  const out: OrderedAgendaItem<T>[] = [];
  (groups.get(null) ?? []).forEach((top, i) => {
    const children = groups.get(top.id) ?? [];
    out.push({ item: top, parentId: null, depth: 0, number: String(i + 1), hasChildren: children.length > 0 });
    children.forEach((child, j) => {
      out.push({ item: child, parentId: top.id, depth: 1, number: `${i + 1}.${j + 1}`, hasChildren: false });
    });
  });
  return out;
}

const MAX_ITEM_MINUTES = 24 * 60;
const validDuration = (m: unknown): m is number =>
  typeof m === 'number' && Number.isInteger(m) && m >= 0 && m <= MAX_ITEM_MINUTES;

export function validateAgenda(items: readonly AgendaNode[]): Array<{ id: string; key: string }> {
  const byId = new Map(items.map((i) => [i.id, i]));
  const problems: Array<{ id: string; key: string }> = [];
  for (const i of items) {
    if (!validDuration(i.durationMinutes)) problems.push({ id: i.id, key: 'meetings.agenda.invalidDuration' });
    if (i.parentId === null) continue;
    const p = byId.get(i.parentId);
    if (i.parentId === i.id) problems.push({ id: i.id, key: 'meetings.agenda.invalidParent' });
    else if (!p) problems.push({ id: i.id, key: 'meetings.agenda.unknownParent' });
    else if (p.parentId !== null) problems.push({ id: i.id, key: 'meetings.agenda.tooDeep' });
  }
  return problems;
}

// ───────────────────────────── timing ─────────────────────────────

export interface AgendaItemTiming {
  id: string;
  depth: 0 | 1;
  number: string;
  start: WallTime;
  end: WallTime;
  /** Minutes from the meeting's start. */
  startOffset: number;
  endOffset: number;
  /** The item's own minutes (a section's introduction). */
  ownMinutes: number;
  /** Own + children's minutes (equals ownMinutes for a plain item). */
  totalMinutes: number;
  /** Ends after the meeting's planned end. */
  pastMeetingEnd: boolean;
}

export interface AgendaTiming {
  items: AgendaItemTiming[];
  /** Sum over the whole agenda. */
  totalMinutes: number;
  /** Planned length of the meeting, null when not given. */
  meetingMinutes: number | null;
  /** max(0, total − meeting length). */
  overrunMinutes: number;
  /** The agenda does not fit the meeting: show a warning. */
  overrun: boolean;
  /** Wall time at which the agenda ends. */
  end: WallTime;
}

export interface MeetingLength {
  endTime?: WallTime | null;
  lengthMinutes?: number | null;
}

export function computeAgendaTimes(
  meetingStart: WallTime,
  items: readonly AgendaNode[],
  meeting: MeetingLength = {},
): AgendaTiming {
  if (!isWallTime(meetingStart)) throw new MeetingsInputError(['meetings.time.invalidStart']);
  const meetingMinutes =
    meeting.lengthMinutes != null
      ? meeting.lengthMinutes
      : meeting.endTime != null
        ? durationMinutes(meetingStart, meeting.endTime)
        : null;
  // Bad durations (negative, NaN) count as 0 so one bad row cannot corrupt every later time.
  const own = (i: AgendaNode): number => (validDuration(i.durationMinutes) ? i.durationMinutes : 0);

  const ordered = orderAgenda(items);
  const sectionTotal = new Map<string, number>();
  for (const o of ordered) {
    const key = o.parentId ?? o.item.id;
    sectionTotal.set(key, (sectionTotal.get(key) ?? 0) + own(o.item));
  }

  const timings: AgendaItemTiming[] = [];
  let cursor = 0;
  for (const o of ordered) {
    const ownMinutes = own(o.item);
    const totalMinutes = o.hasChildren ? (sectionTotal.get(o.item.id) ?? ownMinutes) : ownMinutes;
    const startOffset = cursor;
    const endOffset = startOffset + totalMinutes;
    // A section's own minutes run first; its children follow from there.
    cursor = startOffset + ownMinutes;
    timings.push({
      id: o.item.id,
      depth: o.depth,
      number: o.number,
      start: addMinutesWall(meetingStart, startOffset),
      end: addMinutesWall(meetingStart, endOffset),
      startOffset,
      endOffset,
      ownMinutes,
      totalMinutes,
      pastMeetingEnd: meetingMinutes !== null && endOffset > meetingMinutes,
    });
  }
  const total = cursor;
  const overrunMinutes = meetingMinutes === null ? 0 : Math.max(0, total - meetingMinutes);
  return {
    items: timings,
    totalMinutes: total,
    meetingMinutes,
    overrunMinutes,
    overrun: overrunMinutes > 0,
    end: addMinutesWall(meetingStart, total),
  };
}

// ───────────────────────────── reordering ─────────────────────────────

export interface PositionUpdate {
  id: string;
  position: number;
  parentId: string | null;
}

export type MoveTarget = 'up' | 'down' | 'indent' | 'outdent' | number;

export type MoveResult<T extends AgendaNode> = { ok: true; updates: PositionUpdate[]; items: T[] } | { ok: false; error: string };

/** Position for a new item appended to a sibling group. */
export function nextPosition(items: readonly AgendaNode[], parentId: string | null): number {
  const parents = effectiveParents(items);
  const siblings = items.filter((i) => (parents.get(i.id) ?? null) === parentId);
  return siblings.reduce((max, i) => Math.max(max, Number.isFinite(i.position) ? i.position : 0), 0) + 1;
}

/** Renumbers groups to 1..n in their current order; returns only rows that change. */
export function normalizePositions(items: readonly AgendaNode[]): PositionUpdate[] {
  const parents = effectiveParents(items);
  const updates: PositionUpdate[] = [];
  for (const [parentId, list] of siblingGroups(items, parents)) {
    list.forEach((item, i) => {
      if (item.position !== i + 1 || item.parentId !== parentId) updates.push({ id: item.id, position: i + 1, parentId });
    });
  }
  return updates;
}

/**
 * Moves an item and returns the rows to update.
 * - 'up' / 'down': one step among its siblings (no-op at either end).
 * - 'indent': becomes the last child of the top-level item above it.
 * - 'outdent': a child becomes the top-level item right after its section.
 * - index (0-based, clamped): position among the siblings in `parentId` (default: its current group);
 *   passing `parentId` moves it into that section (or to the top level with null).
 * Refused with an i18n key when the move would nest deeper than one level.
 */
export function moveItem<T extends AgendaNode>(
  items: readonly T[],
  id: string,
  to: MoveTarget,
  parentId?: string | null,
): MoveResult<T> {
  const byId = new Map(items.map((i) => [i.id, i]));
  const item = byId.get(id);
  if (!item) return { ok: false, error: 'meetings.agenda.unknownItem' };
  const parents = effectiveParents(items);
  const groups = siblingGroups(items, parents);
  const currentParent = parents.get(id) ?? null;
  const hasChildren = (groups.get(id)?.length ?? 0) > 0;
  const siblings = groups.get(currentParent) ?? [];
  const index = siblings.findIndex((s) => s.id === id);

  let targetParent: string | null = currentParent;
  let targetIndex: number; // index among the target group's items without the moved one

  if (to === 'up' || to === 'down') {
    targetIndex = to === 'up' ? Math.max(0, index - 1) : Math.min(siblings.length - 1, index + 1);
  } else if (to === 'indent') {
    if (currentParent !== null || hasChildren) return { ok: false, error: 'meetings.agenda.tooDeep' };
    const above = siblings[index - 1];
    if (!above) return { ok: false, error: 'meetings.agenda.noSectionAbove' };
    targetParent = above.id;
    targetIndex = groups.get(above.id)?.length ?? 0;
  } else if (to === 'outdent') {
    if (currentParent === null) return { ok: true, updates: [], items: [...items] };
    const top = groups.get(null) ?? [];
    targetParent = null;
    targetIndex = top.findIndex((s) => s.id === currentParent) + 1;
  } else {
    if (!Number.isFinite(to)) return { ok: false, error: 'meetings.agenda.invalidIndex' };
    if (parentId !== undefined && parentId !== currentParent) {
      if (parentId !== null) {
        const parent = byId.get(parentId);
        if (!parent) return { ok: false, error: 'meetings.agenda.unknownParent' };
        if (parentId === id) return { ok: false, error: 'meetings.agenda.invalidParent' };
        if ((parents.get(parentId) ?? null) !== null || hasChildren) return { ok: false, error: 'meetings.agenda.tooDeep' };
      }
      targetParent = parentId;
    }
    const targetSize = (groups.get(targetParent) ?? []).filter((s) => s.id !== id).length;
    targetIndex = Math.max(0, Math.min(targetSize, Math.trunc(to)));
  }

  // Build the new order of the affected groups and renumber them 1..n, keeping only real changes.
  const oldGroup = siblings.filter((s) => s.id !== id);
  const newGroup = targetParent === currentParent ? oldGroup : [...(groups.get(targetParent) ?? [])];
  newGroup.splice(targetIndex, 0, item);
  const updates: PositionUpdate[] = [];
  const renumber = (list: readonly T[], parent: string | null): void => {
    list.forEach((s, i) => {
      if (s.position !== i + 1 || s.parentId !== parent) updates.push({ id: s.id, position: i + 1, parentId: parent });
    });
  };
  renumber(newGroup, targetParent);
  if (targetParent !== currentParent) renumber(oldGroup, currentParent);

  const changed = new Map(updates.map((u) => [u.id, u]));
  const next = items.map((i) => {
    const u = changed.get(i.id);
    return u ? { ...i, position: u.position, parentId: u.parentId } : i;
  });
  return { ok: true, updates, items: next };
}

/** The standing items that close a meeting; new items belong before them. */
export const CLOSING_ITEM_KEYS = ['other_business', 'next_meeting', 'closing'] as const;

/**
 * Where a new top-level item goes: just before the closing block — the run of "other business",
 * "next meeting" and "closing" items that ends the agenda — or at the end when there is none.
 * `items` includes the new item (appended with nextPosition); returns the rows to update.
 * Closing items moved elsewhere by the user are not chased: only the trailing block counts.
 */
export function placeNewItem<T extends AgendaNode & { standingKey?: string | null }>(
  items: readonly T[],
  id: string,
): PositionUpdate[] {
  const top = orderAgenda(items)
    .filter((o) => o.depth === 0 && o.item.id !== id)
    .map((o) => o.item);
  let index = top.length;
  while (index > 0 && (CLOSING_ITEM_KEYS as readonly string[]).includes(top[index - 1]!.standingKey ?? '')) index--;
  if (index === top.length) return [];
  const moved = moveItem(items, id, index, null);
  return moved.ok ? moved.updates : [];
}

// ───────────────────────────── templates and carry-over ─────────────────────────────

export const STANDARD_ITEM_KEYS = [
  'opening',
  'agenda_approval',
  'previous_minutes',
  'open_actions_review',
  'other_business',
  'next_meeting',
  'closing',
] as const;
export type StandardItemKey = (typeof STANDARD_ITEM_KEYS)[number];

export const AGENDA_ITEM_TYPES = ['information', 'discussion', 'decision'] as const;
export type AgendaItemType = (typeof AGENDA_ITEM_TYPES)[number];

export type Presenter = { kind: 'person' | 'organisation'; id: string };

export interface TemplateItem {
  /** Standing item key; null for a group's own item. */
  key: StandardItemKey | null;
  type: AgendaItemType;
  /** Own title; null = the standard item's translated title (standardTitleKey). */
  title: string | null;
  description?: string | null;
  durationMinutes: number;
  /** One level of sub-items (a template section). */
  children?: TemplateItem[];
}

export const standardTitleKey = (key: StandardItemKey): string => `meetings.agenda.standard.${key}`;

/** The standing items every new group's template starts with (50 minutes in all). */
export const STANDARD_TEMPLATE: readonly TemplateItem[] = Object.freeze([
  { key: 'opening', type: 'information', title: null, durationMinutes: 5 },
  { key: 'agenda_approval', type: 'decision', title: null, durationMinutes: 5 },
  { key: 'previous_minutes', type: 'decision', title: null, durationMinutes: 5 },
  { key: 'open_actions_review', type: 'discussion', title: null, durationMinutes: 15 },
  { key: 'other_business', type: 'discussion', title: null, durationMinutes: 10 },
  { key: 'next_meeting', type: 'decision', title: null, durationMinutes: 5 },
  { key: 'closing', type: 'information', title: null, durationMinutes: 5 },
] satisfies TemplateItem[]);

export interface OpenActionRef {
  id: string;
  dueDate: CalendarDate | null;
}

/** An item of an earlier agenda marked "continue next time". */
export interface ContinuedItemRef extends AgendaNode {
  key?: StandardItemKey | null;
  type: AgendaItemType;
  title: string | null;
  description?: string | null;
  presenter?: Presenter | null;
}

export interface CarryOver {
  openActions: readonly OpenActionRef[];
  continuedItems: readonly ContinuedItemRef[];
}

export interface AgendaDraftItem extends AgendaNode {
  key: StandardItemKey | null;
  type: AgendaItemType;
  title: string | null;
  /** Translated title to show when `title` is null. */
  titleKey: string | null;
  description: string | null;
  presenter: Presenter | null;
  continueNextTime: false;
  /** The earlier agenda item this one continues. */
  continuedFromId: string | null;
  /** For the open-actions review item: the open actions, earliest due first (undated last). */
  actionItemIds: string[];
}

const OPEN_ACTIONS_REVIEW: TemplateItem = { key: 'open_actions_review', type: 'discussion', title: null, durationMinutes: 15 };

/**
 * A new meeting's agenda from the group's template plus carry-over:
 * - the 'open_actions_review' item lists every open action (inserted before the carried-over items
 *   when the template lacks it and there is something to review);
 * - items marked "continue next time" come back, in their earlier order and nesting, just before
 *   'other_business' (else before 'next_meeting', else before 'closing', else at the end). A carried
 *   child whose section is not carried comes back at the top level, ordered by its own position
 *   (as orderAgenda reads it). Carried standing items whose key
 *   the template already has are dropped, so "other business" is never doubled.
 */
export function buildAgendaFromTemplate(
  template: readonly TemplateItem[],
  carryOver: CarryOver,
  makeId: () => string = () => globalThis.crypto.randomUUID(),
): AgendaDraftItem[] {
  const draft = (t: TemplateItem, parentId: string | null, position: number): AgendaDraftItem => ({
    id: makeId(),
    parentId,
    position,
    durationMinutes: t.durationMinutes,
    key: t.key,
    type: t.type,
    title: t.title,
    titleKey: t.title === null && t.key !== null ? standardTitleKey(t.key) : null,
    description: t.description ?? null,
    presenter: null,
    continueNextTime: false,
    continuedFromId: null,
    actionItemIds: [],
  });

  const templateKeys = new Set(template.map((t) => t.key).filter((k): k is StandardItemKey => k !== null));
  const openActionIds = carryOver.openActions
    .map((a, i) => ({ a, i }))
    .sort((x, y) => {
      const dx = x.a.dueDate;
      const dy = y.a.dueDate;
      if (dx !== dy) return dx === null ? 1 : dy === null ? -1 : dx < dy ? -1 : 1;
      return x.i - y.i;
    })
    .map(({ a }) => a.id);

  const insertAt = (() => {
    for (const key of ['other_business', 'next_meeting', 'closing'] as const) {
      const i = template.findIndex((t) => t.key === key);
      if (i >= 0) return i;
    }
    return template.length;
  })();

  const out: AgendaDraftItem[] = [];
  let top = 0;
  const addTemplate = (t: TemplateItem): void => {
    const d = draft(t, null, ++top);
    if (t.key === 'open_actions_review') d.actionItemIds = [...openActionIds];
    out.push(d);
    (t.children ?? []).forEach((c, j) => out.push(draft(c, d.id, j + 1)));
  };

  const addCarried = (): void => {
    if (!templateKeys.has('open_actions_review') && openActionIds.length > 0) addTemplate(OPEN_ACTIONS_REVIEW);
    const carried = carryOver.continuedItems.filter((c) => !(c.key && templateKeys.has(c.key)));
    const newIds = new Map<string, string>();
    for (const o of orderAgenda(carried)) {
      const c = o.item;
      const parent = o.parentId === null ? null : (newIds.get(o.parentId) ?? null);
      const id = makeId();
      newIds.set(c.id, id);
      out.push({
        id,
        parentId: parent,
        position: parent === null ? ++top : o.number.split('.').map(Number)[1]!,
        durationMinutes: validDuration(c.durationMinutes) ? c.durationMinutes : 0,
        key: c.key ?? null,
        type: c.type,
        title: c.title,
        titleKey: c.title === null && c.key ? standardTitleKey(c.key) : null,
        description: c.description ?? null,
        presenter: c.presenter ?? null,
        continueNextTime: false,
        continuedFromId: c.id,
        actionItemIds: [],
      });
    }
  };

  template.forEach((t, i) => {
    if (i === insertAt) addCarried();
    addTemplate(t);
  });
  if (insertAt === template.length) addCarried();
  return out;
}
