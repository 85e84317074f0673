/**
 * Deterministic benchmark data: fills a migrated database with a cooperation model at scale W
 * (100× the real one) or a fraction of it. The same seed and scale give byte-identical rows.
 *
 * Rows are written the way RowStore writes them (id, created_at, updated_at, hlc, field_hlc {"*": stamp},
 * deleted) so they are valid travelling rows: exchange export and import see them as real data.
 * Every table is written with one prepared statement inside one transaction — the same path as the
 * raw-insert baseline, so the generator's own cost is only building the rows.
 */
import type { Database } from 'better-sqlite3';
import { GROUP_STATUSES } from '../shared/domain/groups';
import { formatHlc } from '../shared/hlc';

export type ScaleName = 'W' | 'W/10' | 'W/100';
export const SCALES: readonly ScaleName[] = ['W/100', 'W/10', 'W'];
export const SCALE_DIVISOR: Record<ScaleName, number> = { W: 1, 'W/10': 10, 'W/100': 100 };

/** The counts at W that the issue names; everything else is derived per parent row. */
export const W_COUNTS = {
  organisations: 300,
  people: 2000,
  groups: 200,
  meetings: 20_000,
  agendaItemsPerMeeting: 10,
  actionItemsPerMeeting: 5,
  decisionsPerMeeting: 1,
  attendancePerMeeting: 5,
  candidates: 5000,
  scoringRounds: 10,
  criteriaPerRound: 5,
  /** 2 assessors × 5 criteria per candidate: 50 000 scores at W. */
  assessorsPerCandidate: 2,
  rotations: 50,
  organisationsPerGroup: 5,
  membersPerGroup: 15,
  measuresPerGroup: 10,
  indicatorsPerGroup: 2,
  valuesPerIndicator: 10,
} as const;

/** A small fast PRNG (mulberry32): deterministic across platforms, good enough for test data. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface GenerateOptions {
  scale: ScaleName | number;
  seed?: number;
}

export interface GeneratedIds {
  organisations: string[];
  people: string[];
  groups: string[];
  /** Meetings of the first group, in date order. */
  firstGroupMeetings: string[];
  rotations: string[];
  rounds: string[];
  /** The priority group with the most data (used by group-scoped cases). */
  busyGroup: string;
}

export interface GenerateResult {
  counts: Record<string, number>;
  ids: GeneratedIds;
}

/** The replica that "wrote" the generated rows; a valid replica id that no real install uses. */
export const GENERATOR_REPLICA = 'bench-generator';
const BASE_WALL = Date.UTC(2026, 0, 1);
const BASE_DAY = Date.UTC(2020, 0, 6);

const WORDS = [
  'turvallisuus',
  'arjen',
  'kyber',
  'nuoret',
  'ikääntyneet',
  'asuminen',
  'liikenne',
  'valmius',
  'huoltovarmuus',
  'viestintä',
  'kotoutuminen',
  'väkivalta',
  'lähisuhde',
  'rikollisuus',
  'alueellinen',
  'paikallinen',
  'yhteistyö',
  'tilannekuva',
  'ennakointi',
  'koulutus',
  'trygghet',
  'samarbete',
  'beredskap',
  'security',
  'resilience',
];

function divisorOf(scale: ScaleName | number): number {
  return typeof scale === 'number' ? scale : SCALE_DIVISOR[scale];
}

const scaled = (n: number, divisor: number) => Math.max(1, Math.round(n / divisor));

/** Generate into `db` (already migrated, empty travelling tables) in one transaction. */
export function generate(db: Database, opts: GenerateOptions): GenerateResult {
  const divisor = divisorOf(opts.scale);
  const rnd = mulberry32(opts.seed ?? 20261128);
  const int = (n: number) => Math.floor(rnd() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  const words = (n: number) => Array.from({ length: n }, () => pick(WORDS)).join(' ');
  const hex = (n: number) => {
    let s = '';
    for (let i = 0; i < n; i++) s += '0123456789abcdef'[int(16)];
    return s;
  };
  const uuid = () => `${hex(8)}-${hex(4)}-4${hex(3)}-${'89ab'[int(4)]}${hex(3)}-${hex(12)}`;
  const day = (n: number) => new Date(BASE_DAY + n * 86_400_000).toISOString().slice(0, 10);

  let seq = 0;
  const counts: Record<string, number> = {};
  const statements = new Map<string, import('better-sqlite3').Statement>();

  /** Writes one row with RowStore's meta columns; `values` are snake_case column values. */
  function put(table: string, values: Record<string, unknown>): string {
    const n = seq++;
    const stamp = formatHlc({ wall: BASE_WALL + Math.floor(n / 1000), counter: n % 1000, replica: GENERATOR_REPLICA });
    const at = new Date(BASE_WALL + Math.floor(n / 1000)).toISOString();
    const id = uuid();
    const row: Record<string, unknown> = {
      id,
      created_at: at,
      updated_at: at,
      hlc: stamp,
      // An archived row carries the clock of its delete as RowStore.archive leaves it.
      field_hlc: JSON.stringify(values.deleted === 1 ? { '*': stamp, deleted: stamp } : { '*': stamp }),
      deleted: 0,
      ...values,
    };
    const names = Object.keys(row);
    const key = `${table}:${names.join(',')}`;
    let stmt = statements.get(key);
    if (!stmt) {
      stmt = db.prepare(`INSERT INTO ${table} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`);
      statements.set(key, stmt);
    }
    stmt.run(Object.values(row));
    counts[table] = (counts[table] ?? 0) + 1;
    return id;
  }

  const ORG_KINDS = ['ministry', 'agency', 'regional', 'municipal', 'ngo', 'research', 'business', 'other'];
  // The statuses a working priority group can be in, from the domain's own list (a value outside it is
  // refused by the import's row rules, which made the whole-database import cases fail at W).
  const GROUP_STATUSES_BY_KIND = GROUP_STATUSES.filter((s) => !['proposed', 'concluded', 'transferred'].includes(s));

  const result = db.transaction((): GenerateResult => {
    const organisations: string[] = [];
    const people: string[] = [];
    const personOrg: string[] = [];
    const groups: string[] = [];
    const nOrgs = scaled(W_COUNTS.organisations, divisor);
    for (let i = 0; i < nOrgs; i++) {
      organisations.push(
        put('organisations', {
          abbreviation: `ORG${i + 1}`,
          name: `Organisaatio ${i + 1} ${words(2)}`,
          kind: ORG_KINDS[i % ORG_KINDS.length],
          notes: i % 5 === 0 ? words(12) : null,
        }),
      );
    }
    const nPeople = scaled(W_COUNTS.people, divisor);
    for (let i = 0; i < nPeople; i++) {
      const org = organisations[i % organisations.length]!;
      personOrg.push(org);
      people.push(
        put('people', {
          name: `Henkilö ${i + 1} ${pick(['Virtanen', 'Korhonen', 'Nieminen', 'Mäkinen', 'Lindqvist', 'Hämäläinen'])}`,
          organisation_id: org,
          email: `person${i + 1}@example.fi`,
          phone: null,
          title: pick(['erityisasiantuntija', 'johtaja', 'neuvotteleva virkamies', 'suunnittelija']),
        }),
      );
    }
    const nGroups = scaled(W_COUNTS.groups, divisor);
    for (let i = 0; i < nGroups; i++) {
      // The first group is the cooperation group; the next tenth are priority groups; the rest their subgroups.
      const kind = i === 0 ? 'cooperation_group' : i <= Math.max(1, nGroups / 10) ? 'priority_group' : 'subgroup';
      const parent = kind === 'subgroup' ? (groups[1 + (i % Math.max(1, Math.floor(nGroups / 10)))] ?? null) : null;
      groups.push(
        put('work_groups', {
          kind,
          name: `${kind === 'cooperation_group' ? 'Yhteistyöryhmä' : 'Ryhmä'} ${i + 1}: ${words(3)}`,
          short_name: `R${i + 1}`,
          description: words(30),
          parent_id: parent,
          status: kind === 'priority_group' ? pick(GROUP_STATUSES_BY_KIND) : 'active',
          status_date: null,
          transferred_to: null,
          priority_number: kind === 'priority_group' ? i : null,
          time_zone: 'Europe/Helsinki',
          quorum_rule: null,
          settings: '{}',
        }),
      );
    }
    for (let g = 0; g < groups.length; g++) {
      for (let k = 0; k < Math.min(W_COUNTS.organisationsPerGroup, organisations.length); k++) {
        put('group_organisations', {
          group_id: groups[g],
          organisation_id: organisations[(g * 7 + k) % organisations.length],
          role: k === 0 ? 'lead' : 'participant',
        });
      }
      for (let k = 0; k < Math.min(W_COUNTS.membersPerGroup, people.length); k++) {
        const p = (g * 13 + k) % people.length;
        put('memberships', {
          group_id: groups[g],
          person_id: people[p],
          organisation_id: personOrg[p],
          role: k === 0 ? 'convener' : k === 1 ? 'secretary' : k < 12 ? 'member' : 'substitute',
          substitute_for_id: null,
          from_date: day(int(400)),
          until_date: null,
        });
      }
    }

    // Measures and indicators per group (portfolio).
    const measuresByGroup: string[][] = [];
    for (let g = 0; g < groups.length; g++) {
      const ms: string[] = [];
      for (let k = 0; k < W_COUNTS.measuresPerGroup; k++) {
        const m = put('measures', {
          group_id: groups[g],
          title: `Toimenpide ${k + 1}: ${words(4)}`,
          description: words(20),
          responsible_organisation_id: organisations[(g + k) % organisations.length],
          start_date: day(int(1000)),
          due_date: day(1000 + int(1500)),
          status: pick(['not_started', 'under_way', 'under_way', 'done']),
          progress_note: null,
          position: k,
        });
        ms.push(m);
        for (let j = 0; j < 2; j++) {
          put('measure_organisations', {
            measure_id: m,
            organisation_id: organisations[(g + k + j) % organisations.length],
            role: 'participant',
            commitment_status: j === 0 ? 'decided' : pick(['none', 'pending']),
            decision_date: j === 0 ? day(int(1000)) : null,
            decision_reference: null,
          });
        }
      }
      measuresByGroup.push(ms);
      for (let k = 0; k < W_COUNTS.indicatorsPerGroup; k++) {
        const ind = put('indicators', {
          group_id: groups[g],
          name: `Mittari ${k + 1}: ${words(3)}`,
          kind: k === 0 ? 'outcome' : 'process',
          unit: k === 0 ? '%' : null,
          source: 'Tilastokeskus',
          target_value: 50,
          target_date: day(2000),
          description: null,
        });
        for (let v = 0; v < W_COUNTS.valuesPerIndicator; v++) {
          put('indicator_values', { indicator_id: ind, period: String(2020 + v), value: int(100), note: null });
        }
      }
    }

    // Meetings spread over 2020–2034 per group, each with agenda, attendance, actions and a decision.
    const nMeetings = scaled(W_COUNTS.meetings, divisor);
    const perGroup = Math.max(1, Math.floor(nMeetings / groups.length));
    const meetingsByGroup: string[][] = groups.map(() => []);
    for (let i = 0; i < nMeetings; i++) {
      const g = Math.min(groups.length - 1, Math.floor(i / perGroup));
      const k = meetingsByGroup[g]!.length;
      const date = day(Math.floor((k * 5400) / perGroup) + int(7));
      const past = date < '2026-11-01';
      const meeting = put('meetings', {
        group_id: groups[g],
        series_id: null,
        detached: 0,
        title: `Kokous ${k + 1}`,
        date,
        start_time: '09:00',
        end_time: '11:00',
        time_zone: 'Europe/Helsinki',
        place: 'Kirkkokatu 12, Helsinki',
        online_link: null,
        status: past ? (k % 40 === 0 ? 'cancelled' : 'held') : 'planned',
        moved_to_date: null,
        chair_person_id: people[(g + k) % people.length],
        chair_organisation_id: organisations[(g + k) % organisations.length],
        chair_source: 'rotation',
        secretary_person_id: people[(g * 13 + 1) % people.length],
        minutes_status: past ? 'approved' : 'draft',
        minutes_approved_at: null,
        notes: null,
        ics_sequence: 0,
      });
      meetingsByGroup[g]!.push(meeting);
      const items: string[] = [];
      for (let a = 0; a < W_COUNTS.agendaItemsPerMeeting; a++) {
        items.push(
          put('agenda_items', {
            meeting_id: meeting,
            parent_id: null,
            position: a,
            type: a === 0 ? 'information' : pick(['information', 'discussion', 'decision']),
            title: `${a + 1}. ${words(4)}`,
            description: a % 3 === 0 ? words(25) : null,
            presenter_person_id: people[(g + a) % people.length],
            presenter_organisation_id: null,
            duration_minutes: 5 + int(25),
            minutes: past ? words(40) : null,
            continue_next: 0,
            carried_from_id: null,
            standing_key: a === 0 ? 'opening' : null,
          }),
        );
      }
      for (let a = 0; a < W_COUNTS.attendancePerMeeting; a++) {
        const p = (g * 13 + a) % people.length;
        put('attendance', {
          meeting_id: meeting,
          person_id: people[p],
          organisation_id: personOrg[p],
          status: past ? pick(['present', 'present', 'remote', 'excused']) : 'present',
          substitute_for_person_id: null,
          note: null,
        });
      }
      for (let a = 0; a < W_COUNTS.actionItemsPerMeeting; a++) {
        const p = (g * 13 + a + k) % people.length;
        const status = past ? pick(['done', 'done', 'open', 'in_progress']) : 'open';
        put('action_items', {
          group_id: groups[g],
          meeting_id: meeting,
          agenda_item_id: items[1 + (a % (items.length - 1 || 1))] ?? items[0],
          title: `Tehtävä: ${words(5)}`,
          description: a % 2 === 0 ? words(15) : null,
          owner_person_id: people[p],
          owner_organisation_id: personOrg[p],
          due_date: day(Math.floor((k * 5400) / perGroup) + 30 + int(60)),
          status,
          completed_date: status === 'done' ? date : null,
          measure_id: a === 0 ? (measuresByGroup[g]![k % W_COUNTS.measuresPerGroup] ?? null) : null,
          // One in fifty archived, so list filters and exports meet tombstones as in real use.
          deleted: (k * W_COUNTS.actionItemsPerMeeting + a) % 50 === 49 ? 1 : 0,
        });
      }
      for (let a = 0; a < W_COUNTS.decisionsPerMeeting; a++) {
        put('decisions', {
          group_id: groups[g],
          meeting_id: meeting,
          agenda_item_id: items[items.length - 1],
          number: `${k + 1}/${date.slice(0, 4)}`,
          text: `Päätettiin ${words(12)}`,
          measure_id: null,
        });
      }
    }

    // Rotations on the first groups: one version, six slots, two exceptions each.
    const rotations: string[] = [];
    const nRotations = Math.min(groups.length, scaled(W_COUNTS.rotations, divisor));
    for (let r = 0; r < nRotations; r++) {
      const rotation = put('rotations', {
        group_id: groups[r],
        name: 'Puheenjohtajuus',
        unit: 'organisations',
        cancelled_rule: 'hold',
        handover_notice_weeks: 4,
      });
      rotations.push(rotation);
      const version = put('rotation_versions', {
        rotation_id: rotation,
        effective_from: '2020-01-01',
        mode: r % 2 === 0 ? 'per_meeting' : 'term_months',
        term_length: r % 2 === 0 ? null : 6,
        anchor_date: r % 2 === 0 ? null : '2020-01-01',
        start_index: 0,
      });
      for (let s = 0; s < 6; s++) {
        put('rotation_slots', {
          version_id: version,
          position: s,
          organisation_id: organisations[(r + s) % organisations.length],
          person_id: null,
          left_from: null,
          leave_rule: null,
          successor_organisation_id: null,
          successor_person_id: null,
        });
      }
      const ms = meetingsByGroup[r]!;
      for (let e = 0; e < 2; e++) {
        put('rotation_exceptions', {
          rotation_id: rotation,
          kind: 'override',
          meeting_id: ms[(e * 37) % ms.length] ?? null,
          other_meeting_id: null,
          term_start: null,
          other_term_start: null,
          organisation_id: organisations[(r + 3) % organisations.length],
          person_id: null,
          reason: 'Sovittu kokouksessa',
        });
      }
    }

    // Scanning: rounds on the cooperation group, candidates with criteria and blind scores.
    const rounds: string[] = [];
    const nRounds = scaled(W_COUNTS.scoringRounds, divisor);
    const nCandidates = scaled(W_COUNTS.candidates, divisor);
    const criteriaByRound: string[][] = [];
    for (let r = 0; r < nRounds; r++) {
      const year = 2022 + Math.floor(r / 2);
      const round = put('scanning_rounds', {
        group_id: groups[0],
        label: `${year}H${(r % 2) + 1}`,
        lane: 'semiannual',
        // The newest round is being assessed (its results are refused); the others are closed.
        status: r === nRounds - 1 && nRounds > 1 ? 'assessment' : 'closed',
        call_opens: `${year}-0${(r % 2) * 6 + 1}-01`,
        submission_deadline: null,
        screening_date: null,
        assessment_opens: null,
        assessment_closes: null,
        network_meeting: null,
        list_freeze: null,
        decision_meeting: null,
        proposal_cap: null,
        criteria_locked: 1,
      });
      rounds.push(round);
      const cs: string[] = [];
      for (let c = 0; c < W_COUNTS.criteriaPerRound; c++) {
        cs.push(
          put('criteria', {
            round_id: round,
            name: `Kriteeri ${c + 1}`,
            description: null,
            weight: 1 + c,
            scale_min: 1,
            scale_max: 5,
            axis: c === W_COUNTS.criteriaPerRound - 1 ? 'feasibility' : 'impact',
            position: c,
          }),
        );
      }
      criteriaByRound.push(cs);
    }
    const perRound = Math.ceil(nCandidates / nRounds);
    for (let i = 0; i < nCandidates; i++) {
      const r = Math.floor(i / perRound);
      const p = i % people.length;
      const candidate = put('candidates', {
        round_id: rounds[r],
        number: (i % perRound) + 1,
        title: `Ilmiö: ${words(4)}`,
        phenomenon: words(30),
        rationale: words(20),
        evidence: '[]',
        tags: JSON.stringify([pick(WORDS), pick(WORDS)]),
        time_horizon: pick(['short', 'medium', 'long']),
        proposer_person_id: people[p],
        proposer_organisation_id: personOrg[p],
        lead_organisation_id: null,
        lead_status: null,
        existing_group_handling: null,
        existing_group_reason: null,
        confidentiality: 'public',
        status: 'assessed',
        merged_into_id: null,
        carried_from_id: null,
        deferral_count: 0,
        consensus_score: null,
        consensus_rationale: null,
      });
      for (let a = 0; a < W_COUNTS.assessorsPerCandidate; a++) {
        const assessor = people[(i + a * 7) % people.length];
        for (const criterion of criteriaByRound[r]!) {
          put('scores', {
            candidate_id: candidate,
            criterion_id: criterion,
            assessor_person_id: assessor,
            value: 1 + int(5),
            confidence: 1 + int(3),
            comment: null,
            conflict_of_interest: 0,
          });
        }
      }
    }

    db.prepare(
      `INSERT INTO meta (key, value) VALUES ('start_chosen', 'generated') ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
    ).run();

    const busyGroup = groups[Math.min(1, groups.length - 1)]!;
    return {
      counts,
      ids: {
        organisations,
        people,
        groups,
        firstGroupMeetings: meetingsByGroup[0] ?? [],
        rotations,
        rounds,
        busyGroup,
      },
    };
  })();
  return result;
}
