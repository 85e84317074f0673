// Property through the real service and SQLite: once a meeting is held, no later rotation change (edits,
// overrides, swaps, skips, departures, the cancelled rule) changes its stored chair or even its clock stamp.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { startTestBackend } from '../helpers/backend';
import { addMeeting, refresh, setStatus, setUpGroup, storedMeetings } from './rotation-helpers';

type Op =
  | { kind: 'edit'; members: number[]; day: number }
  | { kind: 'override'; meeting: number; member: number }
  | { kind: 'swap'; a: number; b: number }
  | { kind: 'skip'; meeting: number }
  | { kind: 'leave'; member: number; succeed: boolean; successor: number; day: number }
  | { kind: 'rule' }
  | { kind: 'hold'; meeting: number }
  | { kind: 'remove'; which: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant('edit' as const),
    members: fc.array(fc.nat(3), { minLength: 1, maxLength: 5 }),
    day: fc.nat(300),
  }),
  fc.record({ kind: fc.constant('override' as const), meeting: fc.nat(9), member: fc.nat(3) }),
  fc.record({ kind: fc.constant('swap' as const), a: fc.nat(9), b: fc.nat(9) }),
  fc.record({ kind: fc.constant('skip' as const), meeting: fc.nat(9) }),
  fc.record({
    kind: fc.constant('leave' as const),
    member: fc.nat(3),
    succeed: fc.boolean(),
    successor: fc.nat(3),
    day: fc.nat(300),
  }),
  fc.record({ kind: fc.constant('rule' as const) }),
  fc.record({ kind: fc.constant('hold' as const), meeting: fc.nat(9) }),
  fc.record({ kind: fc.constant('remove' as const), which: fc.nat(5) }),
);

const dayOf = (n: number) => new Date(Date.UTC(2027, 0, 1 + n)).toISOString().slice(0, 10);

describe('held meetings', () => {
  it('never change chair under any later rotation change, and planned meetings carry the schedule’s chair', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 12 }), async (ops) => {
        let now = new Date('2027-01-01T09:00:00Z');
        const t = await startTestBackend({ now: () => now, backupOnStart: false });
        try {
          const { orgs, groupId } = await setUpGroup(t.api, ['SM', 'TEM', 'STM', 'OM']);
          const members = Object.values(orgs);
          const meetings = Array.from({ length: 10 }, (_, i) => addMeeting(t.backend, groupId, dayOf(5 + i * 30)));
          const view = await t.api.rotation.create({
            groupId,
            name: 'Chair',
            unit: 'organisations',
            mode: 'per_meeting',
            effectiveFrom: '2027-01-01',
            members: members.slice(0, 3),
          });
          const rotationId = view.rotation.id;
          const held = new Map<string, unknown>();
          const hold = (id: string) => {
            if (held.has(id)) return;
            setStatus(t.backend, id, 'held');
            held.set(
              id,
              storedMeetings(t.backend, groupId).find((m) => m.id === id),
            );
          };
          hold(meetings[0]!);
          for (const o of ops) {
            // Refusals are fine (a skip that is not someone's turn, a swap with itself …); changes are what matter.
            await (async () => {
              switch (o.kind) {
                case 'edit':
                  now = new Date(`${dayOf(o.day)}T09:00:00Z`);
                  return t.api.rotation.edit({
                    rotationId,
                    effectiveFrom: dayOf(o.day),
                    members: o.members.map((i) => members[i]!),
                  });
                case 'override':
                  return t.api.rotation.addOverride({
                    rotationId,
                    target: { meetingId: meetings[o.meeting]! },
                    memberId: members[o.member]!,
                  });
                case 'swap':
                  return t.api.rotation.addSwap({
                    rotationId,
                    first: { meetingId: meetings[o.a]! },
                    second: { meetingId: meetings[o.b]! },
                  });
                case 'skip': {
                  const v = (await t.api.rotation.forGroup({ groupId }))!;
                  const e = v.schedule.find((x) => x.meetingId === meetings[o.meeting]);
                  if (!e?.baseChairId) return;
                  return t.api.rotation.addSkip({
                    rotationId,
                    target: { meetingId: meetings[o.meeting]! },
                    memberId: e.baseChairId,
                  });
                }
                case 'leave':
                  return t.api.rotation.setDeparture({
                    rotationId,
                    memberId: members[o.member]!,
                    from: dayOf(o.day),
                    action: o.succeed ? 'succeed' : 'skip',
                    successorId: o.succeed ? members[o.successor]! : null,
                  });
                case 'rule': {
                  const v = (await t.api.rotation.forGroup({ groupId }))!;
                  return t.api.rotation.updateSettings({
                    rotationId,
                    cancelledRule: v.rotation.cancelledRule === 'hold' ? 'advance' : 'hold',
                  });
                }
                case 'hold':
                  return hold(meetings[o.meeting]!);
                case 'remove': {
                  const v = (await t.api.rotation.forGroup({ groupId }))!;
                  const e = v.exceptions[o.which % Math.max(1, v.exceptions.length)];
                  if (e) return t.api.rotation.removeException({ id: e.id });
                  return undefined;
                }
              }
            })().catch(() => undefined);
            refresh(t.backend, groupId);
            const stored = storedMeetings(t.backend, groupId);
            for (const [id, before] of held) expect(stored.find((m) => m.id === id)).toEqual(before);
            // Every planned meeting carries exactly the chair the schedule shows.
            const v = (await t.api.rotation.forGroup({ groupId }))!;
            for (const m of stored.filter((x) => x.status === 'planned')) {
              const entry = v.schedule.find((e) => e.meetingId === m.id);
              if (entry) expect(m.chair_organisation_id).toBe(entry.chairId);
            }
          }
        } finally {
          t.cleanup();
        }
      }),
      { numRuns: 25 },
    );
  });
});
