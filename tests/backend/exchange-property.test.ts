/**
 * Three real backends (SQLite files in temp folders) make random edits and exchange files in random
 * order; after everyone has heard from everyone they hold identical content.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { exportFrom, importInto, replica, seedGroup, travellingContent, type Replica } from './exchange-helpers';

type Op =
  | { kind: 'edit'; who: number; target: number; value: number; wait: number }
  | { kind: 'archive'; who: number; target: number; wait: number }
  | { kind: 'restore'; who: number; target: number; wait: number }
  | { kind: 'exchange'; from: number; to: number; database: boolean };

const who = fc.integer({ min: 0, max: 2 });
const wait = fc.integer({ min: 0, max: 5000 });
const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('edit' as const),
      who,
      target: fc.integer({ min: 0, max: 5 }),
      value: fc.integer({ min: 0, max: 3 }),
      wait,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('archive' as const), who, target: fc.integer({ min: 0, max: 5 }), wait }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('restore' as const), who, target: fc.integer({ min: 0, max: 5 }), wait }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('exchange' as const), from: who, to: who, database: fc.boolean() }) },
);

const created: Replica[] = [];
afterAll(() => {
  for (const r of created) r.cleanup();
});

describe('three replicas exchanging files', () => {
  it('converge to identical content whatever the edits and the order of exchange', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 25 }), async (ops) => {
        // Clocks a few seconds apart, as on real laptops.
        const rs = [
          await replica(),
          await replica(Date.UTC(2027, 0, 4, 8, 0, 3)),
          await replica(Date.UTC(2027, 0, 4, 7, 59, 58)),
        ];
        created.push(...rs);
        try {
          const s = await seedGroup(rs[0]!);
          const scope = { kind: 'group' as const, groupId: s.group.id };
          const first = exportFrom(rs[0]!, scope);
          await importInto(rs[1]!, first);
          await importInto(rs[2]!, first);
          // Targets: [table, id, column, values].
          const targets: Array<[string, string, string, string[]]> = [
            ['meetings', s.meeting.id, 'place', ['Helsinki', 'Turku', 'Oulu', 'Vaasa']],
            ['meetings', s.meeting.id, 'title', ['K1', 'K2', 'K3', 'K4']],
            ['agenda_items', s.item.id, 'minutes', ['m1', 'm2', 'm3', 'm4']],
            ['organisations', s.org.id, 'name', ['SM', 'Sisäministeriö', 'Inrikesministeriet', 'Ministry']],
            ['people', s.person.id, 'email', ['a@x.fi', 'b@x.fi', 'c@x.fi', 'd@x.fi']],
            ['meetings', s.subMeeting.id, 'place', ['Espoo', 'Vantaa', 'Kuopio', 'Lahti']],
          ];
          for (const o of ops) {
            if (o.kind === 'exchange') {
              if (o.from === o.to) continue;
              await importInto(rs[o.to]!, exportFrom(rs[o.from]!, o.database ? { kind: 'database' } : scope));
              continue;
            }
            const r = rs[o.who]!;
            r.tick(o.wait + 1);
            const [table, id, column, values] = targets[o.target]!;
            const ctx = r.backend.ctx;
            if (o.kind === 'edit') ctx.tx(() => ctx.store.update(table, id, { [column]: values[o.value] }));
            else if (o.kind === 'archive') ctx.tx(() => ctx.store.archive(table, id));
            else ctx.tx(() => ctx.store.restore(table, id));
          }
          // Everyone hears from everyone (two rounds so news relayed through a third arrives).
          for (let round = 0; round < 2; round++) {
            for (const from of [0, 1, 2]) {
              for (const to of [0, 1, 2]) if (from !== to) await importInto(rs[to]!, exportFrom(rs[from]!, { kind: 'database' }));
            }
          }
          const c0 = travellingContent(rs[0]!);
          expect(travellingContent(rs[1]!)).toEqual(c0);
          expect(travellingContent(rs[2]!)).toEqual(c0);
          for (const r of rs) expect(r.backend.ctx.db.pragma('foreign_key_check')).toEqual([]);
        } finally {
          for (const r of rs) r.cleanup();
          created.length = 0;
        }
      }),
      { numRuns: 12 },
    );
  });
});
