/** Rotation: the pure schedule engine on a 10-year input, and the schedule through the contract. */
import {
  addCalendarDays,
  computeSchedule,
  computeTerms,
  type MeetingInput,
  type Rotation,
  type RotationException,
} from '../../shared/rotation';
import { defineCase, notLanded, type BenchCase } from '../harness';
import { mulberry32 } from '../generate';
import { queryCase } from './foundation';

const MEMBERS = ['SM', 'TEM', 'STM', 'OM', 'UM', 'VM'];

function exceptions(count: number, target: (i: number) => { meetingId: string } | { termStart: string }): RotationException[] {
  return Array.from({ length: count }, (_, i): RotationException => {
    const createdAt = `2026-01-01T00:00:${String(i).padStart(2, '0')}Z`;
    if (i % 3 === 0) return { kind: 'override', id: `o${i}`, createdAt, target: target(i * 19), memberId: 'X' };
    if (i % 3 === 1) return { kind: 'swap', id: `s${i}`, createdAt, first: target(i * 19), second: target(i * 19 + 7) };
    return { kind: 'skip', id: `k${i}`, createdAt, target: target(i * 19), memberId: 'SM' };
  });
}

/** 10 years, 1 000 meetings, 50 exceptions, 3 versions and a departure: the engine's stated budget. */
export function perMeetingInput(): { rotation: Rotation; meetings: MeetingInput[] } {
  const rnd = mulberry32(7);
  const meetings: MeetingInput[] = Array.from({ length: 1000 }, (_, i) => ({
    id: `m${i}`,
    date: addCalendarDays('2026-01-01', Math.floor(i * 3.65)),
    time: '10:00',
    status: rnd() < 0.025 ? 'cancelled' : i < 100 ? 'held' : 'planned',
    ...(i < 100 ? { frozenChair: 'SM' } : {}),
  }));
  const rotation: Rotation = {
    id: 'r',
    groupId: 'g',
    unit: 'organisations',
    cancelledRule: 'advance',
    versions: [
      { id: 'v0', effectiveFrom: '2026-01-01', mode: 'per_meeting', members: MEMBERS.slice(0, 3), startIndex: 0 },
      { id: 'v1', effectiveFrom: '2028-06-01', editedOn: '2028-06-01', mode: 'per_meeting', members: MEMBERS, startIndex: 2 },
      {
        id: 'v2',
        effectiveFrom: '2031-01-01',
        editedOn: '2031-02-01',
        mode: 'per_meeting',
        members: [...MEMBERS].reverse(),
        startIndex: 1,
      },
    ],
    exceptions: exceptions(50, (i) => ({ meetingId: `m${i % 1000}` })),
    departures: [{ id: 'd', memberId: 'UM', from: '2032-01-01', action: 'succeed', successorId: 'LVM' }],
  };
  return { rotation, meetings };
}

function weeklyRotation(): Rotation {
  return {
    id: 'r',
    groupId: 'g',
    unit: 'people',
    cancelledRule: 'hold',
    versions: [
      {
        id: 'v0',
        effectiveFrom: '2026-01-05',
        mode: 'term_weeks',
        termLength: 1,
        anchorDate: '2026-01-05',
        members: MEMBERS,
        startIndex: 0,
      },
    ],
    exceptions: exceptions(50, (i) => ({ termStart: addCalendarDays('2026-01-05', 7 * i) })),
    departures: [],
  };
}

export const rotationCases: BenchCase[] = [
  defineCase<ReturnType<typeof perMeetingInput>>({
    name: 'computeSchedule per meeting (10 y, 1 000 meetings, 50 exceptions)',
    area: 'rotation',
    scales: ['W'],
    kind: 'compute',
    target: { max: 16, label: '< 16 ms' },
    runs: 30,
    warmup: 3,
    setup: perMeetingInput,
    run: (_env, input) => {
      const r = computeSchedule(input);
      if (r.meetings.length !== 1000) throw new Error('schedule lost meetings');
    },
  }),
  defineCase<Rotation>({
    name: 'computeTerms weekly (10 y, 50 exceptions)',
    area: 'rotation',
    scales: ['W'],
    kind: 'compute',
    target: { max: 16, label: '< 16 ms' },
    runs: 30,
    warmup: 3,
    setup: weeklyRotation,
    run: (_env, rotation) => {
      computeTerms(rotation, '2026-01-01', '2035-12-31');
    },
  }),
  // A group's rotation with its schedule (100 meetings at every scale) through the contract.
  queryCase(
    'rotation',
    'rotation.forGroup (schedule view)',
    'rotation.forGroup',
    (env) => ({ groupId: env.generated.ids.groups[0] }),
    notLanded(['rotation.forGroup']),
  ),
  queryCase('rotation', 'rotation.list', 'rotation.list', () => ({}), notLanded(['rotation.list'])),
];
