import { describe, expect, it } from 'vitest';
import {
  evaluateQuorum,
  organisationAttendance,
  quorumMet,
  validateQuorumRule,
  type AttendanceRecord,
  type QuorumMember,
} from '../../shared/meetings/quorum';

// Organisations: POL (police), RES (rescue), CITY. p3 is chair and member (two rows).
const members: QuorumMember[] = [
  { personId: 'p1', organisationId: 'POL', role: 'member' },
  { personId: 'p2', organisationId: 'POL', role: 'member' },
  { personId: 'p3', organisationId: 'RES', role: 'chair' },
  { personId: 'p3', organisationId: 'RES', role: 'member' },
  { personId: 'p4', organisationId: 'CITY', role: 'member' },
  { personId: 'p5', organisationId: 'CITY', role: 'secretary' },
  { personId: 's1', organisationId: 'RES', role: 'substitute' },
];

const attendance: AttendanceRecord[] = [
  { personId: 'p1', status: 'present' },
  { personId: 'p2', status: 'excused' },
  { personId: 'p3', status: 'absent' },
  { personId: 's1', status: 'remote', standsInFor: 'p3' },
  { personId: 'p4', status: 'absent' },
  { personId: 'p5', status: 'present' },
  { personId: 'g1', status: 'present', organisationId: 'UNI' },
];

describe('quorum', () => {
  it('counts members present or remote, a stand-in for their member, not the secretary or guests', () => {
    // Counted members: p1, p2, p3, p4 (p3 once). Represented: p1, p3 through s1.
    expect(evaluateQuorum({ kind: 'members_fraction', fraction: 0.5 }, members, attendance)).toEqual({
      kind: 'members_fraction',
      met: true,
      counted: 2,
      required: 2,
      total: 4,
    });
    expect(quorumMet({ kind: 'members_fraction', fraction: 0.5, comparison: 'more_than' }, members, attendance)).toBe(false);
    expect(evaluateQuorum({ kind: 'members_fraction', fraction: 2 / 3 }, members, attendance)).toMatchObject({
      required: 3,
      met: false,
    });
  });

  it('the secretary counts when the group says so', () => {
    const r = evaluateQuorum({ kind: 'members_fraction', fraction: 0.5 }, members, attendance, {
      countedRoles: ['chair', 'member', 'secretary'],
    });
    expect(r).toMatchObject({ counted: 3, total: 5, required: 3, met: true });
  });

  it('a member and their stand-in both present count once', () => {
    const both: AttendanceRecord[] = [
      { personId: 'p1', status: 'present' },
      { personId: 'x', status: 'present', standsInFor: 'p1' },
    ];
    expect(evaluateQuorum({ kind: 'min_members', n: 2 }, members, both)).toMatchObject({ counted: 1, met: false });
  });

  it('minimum number of members', () => {
    expect(evaluateQuorum({ kind: 'min_members', n: 2 }, members, attendance)).toEqual({
      kind: 'min_members',
      met: true,
      counted: 2,
      required: 2,
      total: 4,
    });
    expect(quorumMet({ kind: 'min_members', n: 3 }, members, attendance)).toBe(false);
  });

  it('organisations: any of its people in the group or a stand-in for its member represents it', () => {
    // POL via p1, RES via s1 (own and stood-in), CITY via the secretary p5. The guest's UNI is not a group organisation.
    expect(evaluateQuorum({ kind: 'organisations_fraction', fraction: 1 }, members, attendance)).toEqual({
      kind: 'organisations_fraction',
      met: true,
      counted: 3,
      required: 3,
      total: 3,
    });
    const withoutCity = attendance.filter((a) => a.personId !== 'p5');
    expect(
      evaluateQuorum({ kind: 'organisations_fraction', fraction: 0.5, comparison: 'more_than' }, members, withoutCity),
    ).toMatchObject({
      counted: 2,
      required: 2,
      met: true,
    });
  });

  it('a stand-in from another organisation represents the member’s organisation', () => {
    const r = evaluateQuorum({ kind: 'organisations_fraction', fraction: 1 }, members, [
      { personId: 'outsider', status: 'present', standsInFor: 'p4', organisationId: 'UNI' },
    ]);
    expect(r).toMatchObject({ counted: 1, total: 3, met: false });
  });

  it('uses the group’s organisation list when given (an organisation without members still counts in the total)', () => {
    const r = evaluateQuorum({ kind: 'organisations_fraction', fraction: 0.75 }, members, attendance, {
      organisationIds: ['POL', 'RES', 'CITY', 'BORDER'],
    });
    expect(r).toMatchObject({ counted: 3, total: 4, required: 3, met: true });
  });

  it('absent and excused never count; nobody recorded = not met', () => {
    const none = members.map((m) => ({ personId: m.personId, status: 'excused' as const }));
    expect(quorumMet({ kind: 'min_members', n: 1 }, members, none)).toBe(false);
    expect(quorumMet({ kind: 'members_fraction', fraction: 0.1 }, members, [])).toBe(false);
    expect(quorumMet({ kind: 'members_fraction', fraction: 0.5 }, [], [])).toBe(false);
  });

  it('no rule is always met; a broken rule is never met', () => {
    expect(quorumMet(null, members, [])).toBe(true);
    expect(evaluateQuorum({ kind: 'none' }, members, attendance)).toMatchObject({ met: true, counted: 2, total: 4 });
    expect(quorumMet({ kind: 'members_fraction', fraction: 1.5 }, members, attendance)).toBe(false);
  });

  it('validates rules with i18n keys', () => {
    expect(validateQuorumRule({ kind: 'members_fraction', fraction: 0.5 })).toEqual([]);
    expect(validateQuorumRule({ kind: 'members_fraction', fraction: 0 })).toEqual(['meetings.quorum.invalidFraction']);
    expect(validateQuorumRule({ kind: 'organisations_fraction', fraction: 0.5, comparison: 'most' as never })).toEqual([
      'meetings.quorum.invalidComparison',
    ]);
    expect(validateQuorumRule({ kind: 'min_members', n: 0 })).toEqual(['meetings.quorum.invalidMinimum']);
    expect(validateQuorumRule({ kind: 'min_members', n: 2.5 })).toEqual(['meetings.quorum.invalidMinimum']);
    expect(validateQuorumRule({ kind: 'majority' } as never)).toEqual(['meetings.quorum.invalidKind']);
  });
});

describe('organisationAttendance', () => {
  it('summarises each organisation with its people, stand-ins and guests', () => {
    const summary = organisationAttendance(
      members,
      [...attendance, { personId: 'outsider', status: 'present', standsInFor: 'p4', organisationId: 'UNI' }],
      { organisationIds: ['POL', 'RES', 'CITY', 'BORDER'] },
    );
    const byOrg = Object.fromEntries(summary.map((o) => [o.organisationId, o]));
    expect(Object.keys(byOrg)).toEqual(['POL', 'RES', 'CITY', 'BORDER', 'UNI']);
    expect(byOrg.POL).toMatchObject({
      represented: true,
      people: [
        { personId: 'p1', status: 'present', standIns: [] },
        { personId: 'p2', status: 'excused', standIns: [] },
      ],
    });
    expect(byOrg.RES!.people).toEqual([
      {
        personId: 'p3',
        roles: ['chair', 'member'],
        status: 'absent',
        standIns: [{ personId: 's1', status: 'remote' }],
        standsInFor: null,
      },
      { personId: 's1', roles: ['substitute'], status: 'remote', standIns: [], standsInFor: 'p3' },
    ]);
    expect(byOrg.RES!.standingIn).toEqual([]); // s1 is RES's own substitute: listed under people, with standsInFor
    expect(byOrg.CITY).toMatchObject({
      represented: true,
      standingIn: [{ personId: 'outsider', forPersonId: 'p4', status: 'present' }],
    });
    expect(byOrg.BORDER).toEqual({ organisationId: 'BORDER', represented: false, people: [], standingIn: [], guests: [] });
    expect(byOrg.UNI).toMatchObject({ represented: false, guests: [{ personId: 'g1', status: 'present' }] });
  });

  it('an organisation whose people are all absent or excused is not represented', () => {
    const summary = organisationAttendance(members, [
      { personId: 'p1', status: 'absent' },
      { personId: 'p2', status: 'excused' },
    ]);
    expect(summary.find((o) => o.organisationId === 'POL')).toMatchObject({ represented: false });
    expect(summary.find((o) => o.organisationId === 'CITY')!.people.map((p) => p.status)).toEqual([null, null]);
  });
});
