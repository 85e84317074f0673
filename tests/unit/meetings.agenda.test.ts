import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  buildAgendaFromTemplate,
  computeAgendaTimes,
  moveItem,
  nextPosition,
  normalizePositions,
  orderAgenda,
  placeNewItem,
  STANDARD_ITEM_KEYS,
  STANDARD_TEMPLATE,
  validateAgenda,
  type AgendaNode,
  type ContinuedItemRef,
  type MoveTarget,
  type TemplateItem,
} from '../../shared/meetings/agenda';

const node = (id: string, position: number, durationMinutes: number, parentId: string | null = null): AgendaNode => ({
  id,
  parentId,
  position,
  durationMinutes,
});

// 1 A (10) · 2 S section (5 own) with 2.1 S1 (15), 2.2 S2 (20) · 3 B (10) — stored out of order.
const agenda: AgendaNode[] = [
  node('S2', 2, 20, 'S'),
  node('B', 3, 10),
  node('S', 2, 5),
  node('A', 1, 10),
  node('S1', 1, 15, 'S'),
];

const ids = (items: readonly AgendaNode[]): string[] => orderAgenda(items).map((o) => o.item.id);

describe('orderAgenda / validateAgenda', () => {
  it('orders by position within each level and numbers sections', () => {
    expect(orderAgenda(agenda).map((o) => [o.item.id, o.number, o.depth])).toEqual([
      ['A', '1', 0],
      ['S', '2', 0],
      ['S1', '2.1', 1],
      ['S2', '2.2', 1],
      ['B', '3', 0],
    ]);
  });

  it('breaks position ties by id (as after merging two replicas)', () => {
    expect(ids([node('b', 1, 5), node('a', 1, 5), node('c', 0, 5)])).toEqual(['c', 'a', 'b']);
  });

  it('reads invalid nesting as top level and reports it', () => {
    const bad = [node('A', 1, 5), node('X', 2, 5, 'missing'), node('C', 1, 5, 'A'), node('G', 1, 5, 'C'), node('L', 3, -5, 'L')];
    expect(orderAgenda(bad).map((o) => [o.item.id, o.depth])).toEqual([
      ['A', 0],
      ['C', 1],
      ['G', 0],
      ['X', 0],
      ['L', 0],
    ]);
    expect(validateAgenda(bad)).toEqual([
      { id: 'X', key: 'meetings.agenda.unknownParent' },
      { id: 'G', key: 'meetings.agenda.tooDeep' },
      { id: 'L', key: 'meetings.agenda.invalidDuration' },
      { id: 'L', key: 'meetings.agenda.invalidParent' },
    ]);
    expect(validateAgenda(agenda)).toEqual([]);
  });
});

describe('computeAgendaTimes', () => {
  it('times items and sections (own minutes first, then children) against the meeting', () => {
    const t = computeAgendaTimes('09:00', agenda, { endTime: '10:00' });
    expect(t.items.map((i) => [i.id, i.start, i.end, i.totalMinutes])).toEqual([
      ['A', '09:00', '09:10', 10],
      ['S', '09:10', '09:50', 40],
      ['S1', '09:15', '09:30', 15],
      ['S2', '09:30', '09:50', 20],
      ['B', '09:50', '10:00', 10],
    ]);
    expect(t).toMatchObject({ totalMinutes: 60, meetingMinutes: 60, overrunMinutes: 0, overrun: false, end: '10:00' });
    expect(t.items.some((i) => i.pastMeetingEnd)).toBe(false);
  });

  it('warns when the agenda overruns and marks the items past the end', () => {
    const longer = agenda.map((i) => (i.id === 'B' ? { ...i, durationMinutes: 25 } : i));
    const t = computeAgendaTimes('09:00', longer, { lengthMinutes: 60 });
    expect(t).toMatchObject({ totalMinutes: 75, overrunMinutes: 15, overrun: true, end: '10:15' });
    expect(t.items.filter((i) => i.pastMeetingEnd).map((i) => i.id)).toEqual(['B']);
  });

  it('a section with no own minutes is the sum of its children; no meeting length = no warning', () => {
    const t = computeAgendaTimes('13:30', [node('S', 1, 0), node('c1', 1, 30, 'S'), node('c2', 2, 45, 'S')]);
    expect(t.items[0]).toMatchObject({ id: 'S', start: '13:30', end: '14:45', ownMinutes: 0, totalMinutes: 75 });
    expect(t).toMatchObject({ totalMinutes: 75, meetingMinutes: null, overrun: false, overrunMinutes: 0 });
  });

  it('counts a bad duration as zero and an empty agenda as zero', () => {
    const t = computeAgendaTimes('09:00', [node('A', 1, Number.NaN), node('B', 2, 10)]);
    expect(t.items.map((i) => i.start)).toEqual(['09:00', '09:00']);
    expect(computeAgendaTimes('09:00', [], { endTime: '10:00' })).toMatchObject({ totalMinutes: 0, items: [], end: '09:00' });
  });

  it('section totals always add up to the agenda total', () => {
    fc.assert(
      fc.property(arbAgenda, (items) => {
        const t = computeAgendaTimes('08:00', items);
        const topTotal = t.items.filter((i) => i.depth === 0).reduce((s, i) => s + i.totalMinutes, 0);
        expect(topTotal).toBe(t.totalMinutes);
        expect(t.totalMinutes).toBe(items.reduce((s, i) => s + i.durationMinutes, 0));
      }),
    );
  });
});

// Random valid agendas: top-level items t0..tn, some with children.
const arbAgenda: fc.Arbitrary<AgendaNode[]> = fc
  .array(fc.tuple(fc.integer({ min: 0, max: 60 }), fc.array(fc.integer({ min: 0, max: 30 }), { maxLength: 3 })), {
    minLength: 1,
    maxLength: 8,
  })
  .chain((tops) => {
    const items: AgendaNode[] = [];
    tops.forEach(([minutes, children], i) => {
      items.push(node(`t${i}`, i + 1, minutes));
      children.forEach((m, j) => items.push(node(`t${i}c${j}`, j + 1, m, `t${i}`)));
    });
    return fc.shuffledSubarray(items, { minLength: items.length, maxLength: items.length });
  });

describe('moveItem', () => {
  const flat = ['a', 'b', 'c', 'd', 'e'].map((id, i) => node(id, i + 1, 5));
  const apply = (items: AgendaNode[], to: MoveTarget, id: string, parentId?: string | null) => {
    const r = moveItem(items, id, to, parentId);
    if (!r.ok) throw new Error(r.error);
    return r;
  };

  it('a keyboard step swaps two rows; the ends are no-ops', () => {
    const r = apply(flat, 'up', 'c');
    expect(r.updates).toEqual([
      { id: 'c', position: 2, parentId: null },
      { id: 'b', position: 3, parentId: null },
    ]);
    expect(ids(r.items)).toEqual(['a', 'c', 'b', 'd', 'e']);
    expect(apply(flat, 'up', 'a').updates).toEqual([]);
    expect(apply(flat, 'down', 'e').updates).toEqual([]);
  });

  it('a drag renumbers only the rows between the old and new place', () => {
    const r = apply(flat, 3, 'a');
    expect(ids(r.items)).toEqual(['b', 'c', 'd', 'a', 'e']);
    expect(r.updates.map((u) => u.id).sort()).toEqual(['a', 'b', 'c', 'd']);
    expect(ids(apply(flat, 99, 'b').items)).toEqual(['a', 'c', 'd', 'e', 'b']);
    expect(ids(apply(flat, -3, 'e').items)).toEqual(['e', 'a', 'b', 'c', 'd']);
  });

  it('moves into and out of a section', () => {
    const into = apply(agenda, 0, 'B', 'S');
    expect(orderAgenda(into.items).map((o) => o.number + o.item.id)).toEqual(['1A', '2S', '2.1B', '2.2S1', '2.3S2']);
    expect(into.updates).toEqual([
      { id: 'B', position: 1, parentId: 'S' },
      { id: 'S1', position: 2, parentId: 'S' },
      { id: 'S2', position: 3, parentId: 'S' },
    ]);
    const out = apply(agenda, 0, 'S2', null);
    expect(orderAgenda(out.items).map((o) => o.number + o.item.id)).toEqual(['1S2', '2A', '3S', '3.1S1', '4B']);
  });

  it('indent and outdent by keyboard', () => {
    const indented = apply(agenda, 'indent', 'B');
    expect(orderAgenda(indented.items).map((o) => o.number + o.item.id)).toEqual(['1A', '2S', '2.1S1', '2.2S2', '2.3B']);
    expect(indented.updates).toEqual([{ id: 'B', position: 3, parentId: 'S' }]);
    const outdented = apply(agenda, 'outdent', 'S1');
    expect(orderAgenda(outdented.items).map((o) => o.number + o.item.id)).toEqual(['1A', '2S', '2.1S2', '3S1', '4B']);
    expect(apply(agenda, 'outdent', 'A').updates).toEqual([]);
  });

  it('refuses to nest deeper than one level', () => {
    expect(moveItem(agenda, 'S', 0, 'A')).toEqual({ ok: false, error: 'meetings.agenda.tooDeep' }); // a section
    expect(moveItem(agenda, 'A', 0, 'S1')).toEqual({ ok: false, error: 'meetings.agenda.tooDeep' }); // under a child
    expect(moveItem(agenda, 'S1', 'indent')).toEqual({ ok: false, error: 'meetings.agenda.tooDeep' });
    expect(moveItem(agenda, 'S', 'indent')).toEqual({ ok: false, error: 'meetings.agenda.tooDeep' });
    expect(moveItem(agenda, 'A', 'indent')).toEqual({ ok: false, error: 'meetings.agenda.noSectionAbove' });
    expect(moveItem(agenda, 'A', 0, 'A')).toEqual({ ok: false, error: 'meetings.agenda.invalidParent' });
    expect(moveItem(agenda, 'A', 0, 'nope')).toEqual({ ok: false, error: 'meetings.agenda.unknownParent' });
    expect(moveItem(agenda, 'nope', 'up')).toEqual({ ok: false, error: 'meetings.agenda.unknownItem' });
  });

  it('heals gaps and duplicates in the group it touches; normalizePositions heals all', () => {
    const messy = [node('a', 10, 5), node('b', 10, 5), node('c', 30, 5)];
    const r = apply(messy, 'down', 'a');
    expect(ids(r.items)).toEqual(['b', 'a', 'c']);
    expect(r.items.map((i) => i.position).sort()).toEqual([1, 2, 3]);
    expect(normalizePositions(messy)).toEqual([
      { id: 'a', position: 1, parentId: null },
      { id: 'b', position: 2, parentId: null },
      { id: 'c', position: 3, parentId: null },
    ]);
    expect(normalizePositions(flat)).toEqual([]);
    expect(nextPosition(agenda, null)).toBe(4);
    expect(nextPosition(agenda, 'S')).toBe(3);
  });

  it('property: a move to an index is an array move; positions stay a permutation of 1..n', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }).chain((n) =>
          fc.tuple(
            fc.shuffledSubarray(
              Array.from({ length: n }, (_, i) => i + 1),
              { minLength: n, maxLength: n },
            ),
            fc.integer({ min: 0, max: n - 1 }),
            fc.integer({ min: 0, max: n - 1 }),
          ),
        ),
        ([positions, from, to]) => {
          const items = positions.map((p, i) => node(`i${i}`, p, 5));
          const before = ids(items);
          const moving = before[from]!;
          const expected = before.filter((x) => x !== moving);
          expected.splice(to, 0, moving);
          const r = apply(items, to, moving);
          expect(ids(r.items)).toEqual(expected);
          expect(r.items.map((i) => i.position).sort((a, b) => a - b)).toEqual(positions.slice().sort((a, b) => a - b));
          expect(r.updates.length).toBeLessThanOrEqual(Math.abs(from - to) + 1);
          expect(r.updates.length).toBe(r.items.filter((it, k) => it.position !== items[k]!.position).length);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('property: any sequence of moves keeps one level of nesting, every item, and dense positions', () => {
    const moveArb = fc.tuple(
      fc.nat(),
      fc.oneof(fc.constantFrom<MoveTarget>('up', 'down', 'indent', 'outdent'), fc.integer({ min: -1, max: 12 })),
      fc.option(fc.nat(), { nil: undefined }),
    );
    fc.assert(
      fc.property(arbAgenda, fc.array(moveArb, { maxLength: 25 }), (start, moves) => {
        let items = start;
        for (const [pick, to, parentPick] of moves) {
          const id = items[pick % items.length]!.id;
          const parentId =
            parentPick === undefined ? undefined : parentPick % 3 === 0 ? null : items[parentPick % items.length]!.id;
          const r = moveItem(items, id, to, typeof to === 'number' ? parentId : undefined);
          if (!r.ok) continue;
          // Applying the updates to the old rows gives exactly the returned rows.
          const patched = items.map((i) => {
            const u = r.updates.find((x) => x.id === i.id);
            return u ? { ...i, position: u.position, parentId: u.parentId } : i;
          });
          expect(patched).toEqual(r.items);
          items = r.items;
          expect(validateAgenda(items)).toEqual([]);
          expect(items).toHaveLength(start.length);
          const groups = new Map<string | null, number[]>();
          for (const i of items) groups.set(i.parentId, [...(groups.get(i.parentId) ?? []), i.position]);
          for (const ps of groups.values()) {
            expect(ps.slice().sort((a, b) => a - b)).toEqual(ps.map((_, k) => k + 1));
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('templates and carry-over', () => {
  let n = 0;
  const makeId = () => `new${++n}`;

  it('the standard template has every standing item once, with types and durations', () => {
    expect(STANDARD_TEMPLATE.map((t) => t.key)).toEqual([...STANDARD_ITEM_KEYS]);
    expect(STANDARD_TEMPLATE.find((t) => t.key === 'agenda_approval')?.type).toBe('decision');
    expect(STANDARD_TEMPLATE.reduce((s, t) => s + t.durationMinutes, 0)).toBe(50);
    expect(Object.isFrozen(STANDARD_TEMPLATE)).toBe(true);
  });

  it('lists open actions (earliest due first) and brings back continued items before other business', () => {
    n = 0;
    const continued: ContinuedItemRef[] = [
      {
        id: 'y',
        parentId: null,
        position: 5,
        durationMinutes: 10,
        type: 'discussion',
        title: 'Budget',
        description: 'Q3',
        presenter: { kind: 'organisation', id: 'org1' },
      },
      { id: 'y1', parentId: 'y', position: 1, durationMinutes: 15, type: 'decision', title: 'Budget: travel' },
      { id: 'z', parentId: 'w-not-carried', position: 2, durationMinutes: 20, type: 'information', title: 'Situation picture' },
      { id: 'x', parentId: null, position: 3, durationMinutes: 5, type: 'information', title: 'Exercise plan' },
      { id: 'ob', parentId: null, position: 9, durationMinutes: 5, type: 'discussion', title: null, key: 'other_business' },
    ];
    const draft = buildAgendaFromTemplate(
      STANDARD_TEMPLATE,
      {
        openActions: [
          { id: 'a', dueDate: '2025-05-01' },
          { id: 'b', dueDate: null },
          { id: 'c', dueDate: '2025-04-01' },
          { id: 'd', dueDate: '2025-05-01' },
        ],
        continuedItems: continued,
      },
      makeId,
    );
    const ordered = orderAgenda(draft);
    expect(ordered.map((o) => `${o.number} ${o.item.key ?? o.item.title}`)).toEqual([
      '1 opening',
      '2 agenda_approval',
      '3 previous_minutes',
      '4 open_actions_review',
      // The orphaned child (its section was not carried) is read at the top level by its own position.
      '5 Situation picture',
      '6 Exercise plan',
      '7 Budget',
      '7.1 Budget: travel',
      '8 other_business',
      '9 next_meeting',
      '10 closing',
    ]);
    const review = draft.find((d) => d.key === 'open_actions_review')!;
    expect(review.actionItemIds).toEqual(['c', 'a', 'd', 'b']);
    expect(review.titleKey).toBe('meetings.agenda.standard.open_actions_review');
    const budget = draft.find((d) => d.title === 'Budget')!;
    expect(budget).toMatchObject({
      continuedFromId: 'y',
      description: 'Q3',
      presenter: { kind: 'organisation', id: 'org1' },
      continueNextTime: false,
      titleKey: null,
    });
    expect(draft.find((d) => d.title === 'Budget: travel')!.parentId).toBe(budget.id);
    expect(new Set(draft.map((d) => d.id)).size).toBe(draft.length);
    expect(validateAgenda(draft)).toEqual([]);
    expect(computeAgendaTimes('09:00', draft).totalMinutes).toBe(50 + 5 + 10 + 15 + 20);
  });

  it('adds the open-actions review when the template lacks it, only if there are open actions', () => {
    const template: TemplateItem[] = [
      { key: 'opening', type: 'information', title: null, durationMinutes: 5 },
      {
        key: null,
        type: 'information',
        title: 'Reports',
        durationMinutes: 0,
        children: [{ key: null, type: 'information', title: 'Police', durationMinutes: 10 }],
      },
      { key: 'closing', type: 'information', title: null, durationMinutes: 5 },
    ];
    const withActions = buildAgendaFromTemplate(
      template,
      { openActions: [{ id: 'a', dueDate: null }], continuedItems: [] },
      makeId,
    );
    expect(orderAgenda(withActions).map((o) => o.item.key ?? o.item.title)).toEqual([
      'opening',
      'Reports',
      'Police',
      'open_actions_review',
      'closing',
    ]);
    const without = buildAgendaFromTemplate(template, { openActions: [], continuedItems: [] }, makeId);
    expect(orderAgenda(without).map((o) => o.item.key ?? o.item.title)).toEqual(['opening', 'Reports', 'Police', 'closing']);
    // Nothing to insert before → at the end.
    const bare = buildAgendaFromTemplate([], { openActions: [{ id: 'a', dueDate: null }], continuedItems: [] }, makeId);
    expect(bare.map((d) => d.key)).toEqual(['open_actions_review']);
  });

  it('uses random UUIDs by default', () => {
    const draft = buildAgendaFromTemplate(STANDARD_TEMPLATE, { openActions: [], continuedItems: [] });
    expect(draft[0]!.id).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('placeNewItem', () => {
  const std = (id: string, position: number, standingKey: string | null) => ({ ...node(id, position, 5), standingKey });
  const apply = (items: ReturnType<typeof std>[], id: string) => {
    const updates = new Map(placeNewItem(items, id).map((u) => [u.id, u]));
    return ids(items.map((i) => ({ ...i, ...(updates.get(i.id) ?? {}) })));
  };

  it('puts a new item before the closing block (other business, next meeting, closing)', () => {
    const items = [
      std('open', 1, 'opening'),
      std('own', 2, null),
      std('other', 3, 'other_business'),
      std('next', 4, 'next_meeting'),
      std('close', 5, 'closing'),
      std('new', 6, null),
    ];
    expect(apply(items, 'new')).toEqual(['open', 'own', 'new', 'other', 'next', 'close']);
  });

  it('appends when the agenda has no closing block, and only the trailing block counts', () => {
    expect(placeNewItem([std('a', 1, null), std('new', 2, null)], 'new')).toEqual([]);
    const moved = [std('other', 1, 'other_business'), std('a', 2, null), std('close', 3, 'closing'), std('new', 4, null)];
    expect(apply(moved, 'new')).toEqual(['other', 'a', 'new', 'close']);
  });
});
