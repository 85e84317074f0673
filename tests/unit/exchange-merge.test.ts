import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatHlc, HlcClock, type Hlc } from '../../shared/hlc';
import {
  applyLocalEdit,
  createRow,
  fieldClock,
  mergeRow,
  mergeTable,
  normaliseRow,
  successorStamp,
  type MergeOptions,
  type Row,
} from '../../shared/exchange/merge';

const opts: MergeOptions = { longTextFields: ['notes', 'minutes'] };
const ID = '6f1c2b9e-0000-4000-8000-000000000001';
const T0 = 1_700_000_000_000;

function st(replica: string, ms: number, counter = 0): Hlc {
  return formatHlc({ wall: T0 + ms, counter, replica });
}

function base(): Row {
  return createRow(ID, { title: 'Kokous', place: 'Oulu', notes: 'Alku', minutes: null }, st('A', 0));
}

/** Applies a merge's result the way the import service will: write it, or keep the local row. */
function apply(local: Row | undefined, remote: Row): Row {
  const m = mergeRow(local, remote, opts);
  return m.result ?? local!;
}

describe('mergeRow: field by field', () => {
  it('takes a remote row that does not exist locally', () => {
    const m = mergeRow(undefined, base(), opts);
    expect(m.result).toMatchObject({ id: ID, title: 'Kokous', deleted: 0 });
    expect(m.changedFields.sort()).toEqual(['deleted', 'minutes', 'notes', 'place', 'title']);
  });

  it('keeps edits of different fields of one row from both sides', () => {
    const a = applyLocalEdit(base(), { title: 'Kokous 2' }, st('A', 10));
    const b = applyLocalEdit(base(), { place: 'Kemi' }, st('B', 20));
    const ab = apply(a, b);
    const ba = apply(b, a);
    expect(ab).toMatchObject({ title: 'Kokous 2', place: 'Kemi' });
    expect(normaliseRow(ab, opts)).toEqual(normaliseRow(ba, opts));
    expect(mergeRow(a, b, opts).changedFields).toEqual(['place']);
  });

  it('lets the newer clock win a field and ignores an older one', () => {
    const a = applyLocalEdit(base(), { title: 'A:n' }, st('A', 10));
    const b = applyLocalEdit(base(), { title: 'B:n' }, st('B', 20));
    expect(mergeRow(a, b, opts).result?.title).toBe('B:n');
    const older = mergeRow(b, a, opts);
    expect(older.result).toBeUndefined();
    expect(older.changedFields).toEqual([]);
  });

  it('changes nothing for equal stamps, and importing the same row twice is a no-op', () => {
    const a = applyLocalEdit(base(), { title: 'x' }, st('A', 10));
    expect(mergeRow(a, { ...a }, opts).result).toBeUndefined();
    const b = applyLocalEdit(base(), { place: 'Kemi' }, st('B', 20));
    const once = apply(a, b);
    expect(mergeRow(once, b, opts).result).toBeUndefined();
    expect(mergeRow(once, a, opts).result).toBeUndefined();
  });

  it('keeps the merged field clocks as the per-field maximum', () => {
    const a = applyLocalEdit(base(), { title: 'x' }, st('A', 10));
    const b = applyLocalEdit(base(), { place: 'y' }, st('B', 20));
    const m = apply(a, b);
    expect(fieldClock(m, 'title')).toBe(st('A', 10));
    expect(fieldClock(m, 'place')).toBe(st('B', 20));
    expect(fieldClock(m, 'minutes')).toBe(st('A', 0));
    expect(m.hlc).toBe(st('B', 20));
  });

  it('a column only one side has is kept (schema drift does not lose data)', () => {
    const a = base();
    const b = applyLocalEdit({ ...base(), extra: 'v' }, { title: 'z' }, st('B', 5));
    const m = apply(a, b);
    expect(m).toMatchObject({ extra: 'v', title: 'z' });
    expect(normaliseRow(apply(b, a), opts)).toEqual(normaliseRow(m, opts));
  });
});

describe('mergeRow: deletes and edits', () => {
  it('a delete travels as a tombstone and wins over older, already seen state', () => {
    const a = applyLocalEdit(base(), { deleted: 1 }, st('A', 30));
    const m = mergeRow(base(), a, opts);
    expect(m.result?.deleted).toBe(1);
    expect(m.flags).toEqual([]);
    expect(mergeRow(a, base(), opts).result).toBeUndefined();
  });

  it('an edit newer than the other side’s delete keeps the row alive with the edit, flagged, both ways', () => {
    const del = applyLocalEdit(base(), { deleted: 1 }, st('A', 30));
    const edit = applyLocalEdit(base(), { title: 'still needed' }, st('B', 40));
    const onA = mergeRow(del, edit, opts);
    const onB = mergeRow(edit, del, opts);
    expect(onA.result).toMatchObject({ deleted: 0, title: 'still needed' });
    expect(onA.flags).toEqual(['edit_vs_delete']);
    expect(onB.result).toMatchObject({ deleted: 0, title: 'still needed' });
    expect(onB.flags).toEqual(['edit_vs_delete']);
    expect(fieldClock(onA.result!, 'deleted')).toBe(successorStamp(st('A', 30)));
    expect(normaliseRow(onA.result!, opts)).toEqual(normaliseRow(onB.result!, opts));
    // Repeat imports change nothing and flag nothing.
    expect(mergeRow(onA.result, edit, opts)).toMatchObject({ result: undefined, flags: [] });
    expect(mergeRow(onB.result, del, opts)).toMatchObject({ result: undefined, flags: [] });
  });

  it('a delete made after seeing the edit wins without a flag', () => {
    const edit = applyLocalEdit(base(), { title: 'seen' }, st('B', 10));
    const del = applyLocalEdit(edit, { deleted: 1 }, st('A', 30));
    const m = mergeRow(edit, del, opts);
    expect(m.result).toMatchObject({ deleted: 1, title: 'seen' });
    expect(m.flags).toEqual([]);
  });

  it('a concurrent edit older than the delete lands in the tombstone and is flagged', () => {
    const edit = applyLocalEdit(base(), { place: 'Kemi' }, st('B', 10));
    const del = applyLocalEdit(base(), { deleted: 1 }, st('A', 30));
    const m = mergeRow(del, edit, opts);
    expect(m.result).toMatchObject({ deleted: 1, place: 'Kemi' });
    expect(m.flags).toEqual(['edit_vs_delete']);
  });

  it('an explicit undelete newer than the delete restores without a flag', () => {
    const del = applyLocalEdit(base(), { deleted: 1 }, st('A', 30));
    const undel = applyLocalEdit(del, { deleted: 0 }, st('B', 40));
    const m = mergeRow(del, undel, opts);
    expect(m.result?.deleted).toBe(0);
    expect(m.flags).toEqual([]);
  });

  it('editing a tombstone locally does not revive it', () => {
    const del = applyLocalEdit(base(), { deleted: 1 }, st('A', 30));
    const edited = applyLocalEdit(del, { title: 'archived fix' }, st('A', 40));
    expect(normaliseRow(edited, opts).deleted).toBe(1);
    expect(mergeRow(del, edited, opts).result).toMatchObject({ deleted: 1, title: 'archived fix' });
  });
});

describe('mergeRow: long text', () => {
  it('concurrent edits of the same long text keep both versions: winner stored, conflict returned', () => {
    const a = applyLocalEdit(base(), { notes: 'A version' }, st('A', 10));
    const b = applyLocalEdit(base(), { notes: 'B version' }, st('B', 20));
    const onA = mergeRow(a, b, opts);
    expect(onA.result?.notes).toBe('B version');
    expect(onA.conflicts).toEqual([
      { field: 'notes', localValue: 'A version', remoteValue: 'B version', localHlc: st('A', 10), remoteHlc: st('B', 20) },
    ]);
    const onB = mergeRow(b, a, opts);
    expect(onB.result?.notes).toBe('B version'); // clocks only: the vector now covers A's version
    expect(onB.conflicts).toHaveLength(1);
    expect(onB.conflicts[0]).toMatchObject({ localValue: 'B version', remoteValue: 'A version' });
    // Once merged, a repeat import reports nothing.
    expect(mergeRow(onA.result, b, opts)).toMatchObject({ result: undefined, conflicts: [] });
    expect(mergeRow(onB.result, a, opts)).toMatchObject({ result: undefined, conflicts: [] });
    expect(normaliseRow(onA.result!, opts)).toEqual(normaliseRow(onB.result!, opts));
  });

  it('sequential edits of long text (each written on top of the other) are not conflicts', () => {
    const a1 = applyLocalEdit(base(), { notes: 'v1' }, st('A', 10));
    let b = apply(base(), a1);
    b = applyLocalEdit(b, { notes: 'v2' }, st('B', 20));
    b = applyLocalEdit(b, { notes: 'v3' }, st('B', 30));
    const onA = mergeRow(a1, b, opts);
    expect(onA.result?.notes).toBe('v3');
    expect(onA.conflicts).toEqual([]);
    const a2 = applyLocalEdit(onA.result!, { notes: 'v4' }, st('A', 40));
    expect(mergeRow(b, a2, opts).conflicts).toEqual([]);
  });

  it('a text lost on a third replica’s path is still found (version vectors, not a single base)', () => {
    const l = applyLocalEdit(base(), { notes: 'L' }, st('L', 10));
    const m = applyLocalEdit(base(), { notes: 'M' }, st('M', 20));
    const r = applyLocalEdit(apply(base(), m), { notes: 'R on top of M' }, st('R', 30));
    const onL = mergeRow(l, r, opts);
    expect(onL.result?.notes).toBe('R on top of M');
    expect(onL.conflicts.map((c) => c.localValue)).toEqual(['L']);
  });

  it('a resolution written after the conflict travels without a new conflict', () => {
    const a = applyLocalEdit(base(), { notes: 'A' }, st('A', 10));
    const b = applyLocalEdit(base(), { notes: 'B' }, st('B', 20));
    const merged = apply(a, b);
    const resolved = applyLocalEdit(merged, { notes: 'A + B' }, st('A', 30));
    expect(mergeRow(b, resolved, opts)).toMatchObject({ conflicts: [], result: { notes: 'A + B' } });
  });

  it('equal texts are not conflicts, and short fields never are', () => {
    const a = applyLocalEdit(base(), { notes: 'same', title: 'A' }, st('A', 10));
    const b = applyLocalEdit(base(), { notes: 'same', title: 'B' }, st('B', 20));
    expect(mergeRow(a, b, opts).conflicts).toEqual([]);
  });
});

describe('mergeTable', () => {
  it('counts added, updated, deleted, restored and unchanged rows for the preview', () => {
    const id = (n: number) => `6f1c2b9e-0000-4000-8000-00000000000${n}`;
    const mk = (n: number) => createRow(id(n), { title: `t${n}` }, st('A', n));
    const local = new Map<string, Row>([
      [id(1), mk(1)],
      [id(2), mk(2)],
      [id(3), mk(3)],
      [id(4), applyLocalEdit(mk(4), { deleted: 1 }, st('A', 50))],
    ]);
    const remote = [
      applyLocalEdit(mk(1), { title: 'new' }, st('B', 60)), // updated
      applyLocalEdit(mk(2), { deleted: 1 }, st('B', 60)), // deleted
      mk(3), // unchanged
      applyLocalEdit(mk(4), { title: 'revived' }, st('B', 60)), // restored by an edit newer than the delete
      mk(5), // added
      applyLocalEdit(mk(6), { deleted: 1 }, st('B', 60)), // a tombstone for a row never seen here
    ];
    const r = mergeTable(local, remote, opts);
    expect(r).toMatchObject({ added: 1, updated: 1, deleted: 1, restored: 1, unchanged: 2 });
    expect(r.writes.map((w) => w.id).sort()).toEqual([id(1), id(2), id(4), id(5), id(6)]);
    expect(r.flagged).toEqual([{ id: id(4), flag: 'edit_vs_delete' }]);
    // Also accepts a lookup function and a plain object.
    expect(mergeTable((k) => local.get(k), remote, opts).writes).toHaveLength(5);
    expect(mergeTable(Object.fromEntries(local), remote, opts).writes).toHaveLength(5);
  });

  it('writes rows new here in the canonical form mergeRow gives them, never-edited ones as they are', () => {
    const id = (n: number) => `6f1c2b9e-0000-4000-8000-00000000010${n}`;
    const plain = createRow(id(1), { title: 'uusi', notes: 'teksti' }, st('A', 1));
    const rows = [
      plain,
      applyLocalEdit(createRow(id(2), { title: 'a', notes: 'b' }, st('A', 2)), { notes: 'c' }, st('B', 3)),
      applyLocalEdit(createRow(id(3), { title: 'poistettu' }, st('A', 4)), { deleted: 1 }, st('A', 5)),
      // Same clocks as a never-edited row, written with other keys order / spacing: normalised.
      { ...createRow(id(4), { title: 'x' }, st('A', 6)), field_hlc: `{ "*": "${st('A', 6)}" }` },
      // A creation stamp older than the row stamp without a column clock: normalised too.
      { ...createRow(id(5), { title: 'y' }, st('A', 7)), hlc: st('A', 8) },
    ];
    const r = mergeTable(new Map(), rows, opts);
    expect(r.writes).toEqual(rows.map((row) => mergeRow(undefined, row, opts).result));
    expect(r.writes[0]).toBe(plain);
    expect(normaliseRow(plain, opts)).toBe(plain);
    expect(r.writes[3]!.field_hlc).toBe(JSON.stringify({ '*': st('A', 6) }));
    expect(r).toMatchObject({ added: 4, updated: 0, deleted: 0, restored: 0, unchanged: 1, conflicts: [], flagged: [] });
  });
});

// ---------------------------------------------------------------------------------------------
// Property: three replicas editing at random and exchanging rows in random order converge.

type Op =
  | { k: 'create'; r: number }
  | { k: 'edit'; r: number; pick: number; field: 'title' | 'place' | 'notes'; value: string }
  | { k: 'delete' | 'restore'; r: number; pick: number }
  | { k: 'sync'; from: number; to: number; seed: number }
  | { k: 'advance'; ms: number };

const rep = fc.integer({ min: 0, max: 2 });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ k: fc.constant('create' as const), r: rep }),
  fc.record({
    k: fc.constant('edit' as const),
    r: rep,
    pick: fc.nat(20),
    field: fc.constantFrom('title' as const, 'place' as const, 'notes' as const),
    value: fc.constantFrom('a', 'b', 'c', 'd'),
  }),
  fc.record({ k: fc.constantFrom('delete' as const, 'restore' as const), r: rep, pick: fc.nat(20) }),
  fc.record({ k: fc.constant('sync' as const), from: rep, to: rep, seed: fc.nat() }),
  fc.record({ k: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 5000 }) }),
);

interface Replica {
  name: string;
  clock: HlcClock;
  rows: Map<string, Row>;
}

function shuffled<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let s = seed | 1;
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1103515245) + 12345) & 0x7fffffff;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

function sync(from: Replica, to: Replica, seed: number) {
  const rows = shuffled([...from.rows.values()], seed);
  for (const row of rows) to.clock.observe(row.hlc);
  const r = mergeTable(to.rows, rows, opts);
  for (const w of r.writes) to.rows.set(w.id, w);
  return r;
}

function content(r: Replica) {
  return [...r.rows.values()].map((row) => normaliseRow(row, opts)).sort((a, b) => (a.id < b.id ? -1 : 1));
}

function simulate(ops: Op[], skews: number[]) {
  let now = T0;
  let nextId = 1;
  const replicas: Replica[] = ['A', 'B', 'C'].map((name, i) => ({
    name,
    clock: new HlcClock(name, () => now + skews[i]!),
    rows: new Map(),
  }));
  const pickRow = (r: Replica, pick: number) => {
    const ids = [...r.rows.keys()].sort();
    return ids.length ? r.rows.get(ids[pick % ids.length]!) : undefined;
  };
  for (const op of ops) {
    if (op.k === 'advance') now += op.ms;
    else if (op.k === 'sync') {
      if (op.from !== op.to) sync(replicas[op.from]!, replicas[op.to]!, op.seed);
    } else if (op.k === 'create') {
      const r = replicas[op.r]!;
      const id = `00000000-0000-4000-8000-${String(nextId++).padStart(12, '0')}`;
      r.rows.set(id, createRow(id, { title: 't', place: null, notes: '' }, r.clock.tick()));
    } else {
      const r = replicas[op.r]!;
      const row = pickRow(r, op.pick);
      if (!row) continue;
      const change = op.k === 'edit' ? { [op.field]: `${op.value}${r.name}` } : { deleted: op.k === 'delete' ? 1 : 0 };
      r.rows.set(row.id, applyLocalEdit(row, change, r.clock.tick()));
    }
  }
  return replicas;
}

describe('convergence (property)', () => {
  it('three replicas applying random edits and exchanging rows in random order converge', () => {
    fc.assert(
      fc.property(
        fc.array(opArb, { minLength: 1, maxLength: 80 }),
        fc.array(fc.integer({ min: -3_600_000, max: 3_600_000 }), { minLength: 3, maxLength: 3 }),
        fc.array(fc.nat(), { minLength: 12, maxLength: 12 }),
        (ops, skews, seeds) => {
          const replicas = simulate(ops, skews);
          // Two full rounds over every ordered pair, in a random order each time.
          const pairs: Array<[number, number]> = [
            [0, 1],
            [0, 2],
            [1, 0],
            [1, 2],
            [2, 0],
            [2, 1],
          ];
          for (let round = 0; round < 2; round++) {
            for (const [i, [from, to]] of shuffled(pairs, seeds[round]!).entries()) {
              sync(replicas[from]!, replicas[to]!, seeds[round * 6 + i]!);
            }
          }
          const [a, b, c] = replicas.map(content);
          expect(b).toEqual(a);
          expect(c).toEqual(a);
          // Idempotent: once converged, exchanging again writes nothing and reports nothing.
          for (const [from, to] of pairs) {
            const r = sync(replicas[from]!, replicas[to]!, 7);
            expect(r.writes).toEqual([]);
            expect(r.conflicts).toEqual([]);
            expect(r.flagged).toEqual([]);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('mergeRow is commutative, associative and idempotent on rows the simulation produces', () => {
    fc.assert(
      fc.property(
        fc.array(opArb, { minLength: 1, maxLength: 60 }),
        fc.array(fc.integer({ min: -60_000, max: 60_000 }), { minLength: 3, maxLength: 3 }),
        (ops, skews) => {
          const [ra, rb, rc] = simulate(ops, skews);
          const merge = (x: Row, y: Row) => mergeRow(x, y, opts).result ?? x;
          const norm = (x: Row) => normaliseRow(x, opts);
          for (const [id, a] of ra!.rows) {
            const b = rb!.rows.get(id) ?? a;
            const c = rc!.rows.get(id) ?? a;
            expect(norm(merge(a, b))).toEqual(norm(merge(b, a)));
            expect(norm(merge(merge(a, b), c))).toEqual(norm(merge(a, merge(b, c))));
            expect(mergeRow(merge(a, b), b, opts).result).toBeUndefined();
            expect(norm(merge(a, a))).toEqual(norm(a));
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
