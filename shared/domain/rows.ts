/**
 * The domain schema of every table whose rows travel in exchange files: one rule per stored column,
 * keyed by the column's storage name (snake_case), plus the rules that span columns of one row.
 *
 * There is one definition of each rule. Where the API has an input for the column, the rule IS the
 * contract's field schema (`organisationInput.shape.name`, …): the same zod object the API validates
 * calls with, so a limit, enum or date check is written once, in `shared/contract` or
 * `shared/contract/schemas.ts`. Columns the API never takes as input (statuses set by the owner's
 * state machine, `ics_sequence`, positions, computed fields) get their rule here, built from the same
 * building blocks (LIMITS, isoDate, the enums in `shared/domain/*`).
 *
 * The import (electron/backend/exchange/service.ts) checks every row it would write — the merged
 * result, not only the incoming text — against `rowProblem`, and tests check every row the API wrote
 * against it too (tests/backend/exchange-rows.test.ts), so the two cannot drift apart.
 *
 * References between rows (foreign keys) and parent cycles are checked by the import against the
 * database; the meta columns (id, stamps, tombstone) by the exchange format.
 */
import { z } from 'zod';
import { LIMITS, id, isoDate, longText, optionalText, requiredText, timeZone } from '../contract/schemas';
import { groupInput, groupOrganisationInput, membershipInput } from '../contract/groups';
import { organisationInput, personInput } from '../contract/organisations';
import {
  actionInput,
  agendaItemInput,
  meetingInput,
  quorumRule,
  recurrenceRule,
  seriesInput,
  templateInput,
} from '../contract/meetings';
import { commitmentInput, indicatorInput, indicatorValueInput, measureInput, reviewInput } from '../contract/portfolio';
import { overrideInput, rotationCreateInput } from '../contract/rotation';
import { candidateFields, criterionInput, evidenceInput, roundInput, scoreEntry } from '../contract/scanning';
import { ACTION_STATUSES, MEETING_STATUSES, MINUTES_STATUSES, ROTATION_CHAIR_SOURCES } from './meetings';
import { GROUP_STATUSES, ORGANISATION_ROLES } from './groups';
import { REVIEW_DECISIONS } from './portfolio';
import { CANCELLED_RULES, LEAVE_ACTIONS } from './rotation';
import { CONFIDENTIALITY, DECISION_OUTCOMES, ORG_RESPONSES, ROUND_LANES } from './scanning';
import { ATTENDANCE_STATUSES, STANDARD_ITEM_KEYS } from '../meetings';
import { CANDIDATE_STATUSES, ROUND_STATUSES } from '../scanning/status';
import { MAX_MATERIAL_BYTES, MAX_MATERIAL_NAME } from '../materials';
import { REPLY_RESPONSES, REPLY_SOURCES } from './materials';

/** The things whose status changes `status_history` keeps (electron/backend/services/status-history.ts). */
export const STATUS_ENTITIES = ['group', 'round', 'candidate', 'minutes', 'decision', 'action', 'rotation'] as const;

/** A stored row: column name → SQLite value. */
export type StoredRow = Record<string, unknown>;

/** A column's rule applies to the stored value, decoded: JSON columns parsed, 0/1 columns as booleans. */
interface ColumnRule {
  schema: z.ZodType;
  /** Stored as JSON text. */
  json?: boolean;
  /** Stored as 0/1. */
  bool?: boolean;
}

/** A rule over several columns of one row: the column to blame and the validation key, or null. */
type RowRule = (row: StoredRow) => { field: string; problem: string } | null;

export interface TableRules {
  columns: Record<string, ColumnRule>;
  rows?: RowRule[];
}

const choice = <T extends readonly [string, ...string[]]>(values: T) => z.enum(values, { error: 'validation.choice' });
const nullable = <S extends z.ZodType>(s: S) => s.nullable();
const count = (max: number) => z.number({ error: 'validation.invalid_type' }).int({ error: 'validation.format' }).min(0).max(max);
/** ISO 8601 instants as the backend writes them (`toISOString`). */
const instant = z
  .string()
  .refine((s) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/.test(s) && !Number.isNaN(Date.parse(s)), {
    error: 'validation.date',
  });
/** A position in an ordered list (agenda, template, measures, rotation members). */
const position = count(100_000);
/** Calendar SEQUENCE of a meeting or action: rises by one per change (RFC 5545 needs a non-negative integer). */
const icsSequence = count(1_000_000);
/** A stored text a standing agenda item may leave empty (its title is then translated when shown). */
const titleOrStanding = z.string().max(LIMITS.name, { error: 'validation.too_long' });

const col = (schema: z.ZodType): ColumnRule => ({ schema });
const json = (schema: z.ZodType): ColumnRule => ({ schema, json: true });
const bool: ColumnRule = { schema: z.boolean(), bool: true };
const snake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** The API's field schemas as column rules (camelCase field → snake_case column). */
function fromShape(shape: Record<string, z.ZodType>, only?: readonly string[]): Record<string, ColumnRule> {
  const out: Record<string, ColumnRule> = {};
  for (const [key, schema] of Object.entries(shape)) if (!only || only.includes(key)) out[snake(key)] = col(schema);
  return out;
}

const before =
  (a: string, b: string, problem: string, strict = false): RowRule =>
  (row) => {
    const x = row[a];
    const y = row[b];
    if (typeof x !== 'string' || typeof y !== 'string') return null;
    return (strict ? y > x : y >= x) ? null : { field: b, problem };
  };

/** Every travelling table's rules. A table listed here with no column rules still gets its references checked. */
export const ROW_RULES: Record<string, TableRules> = {
  organisations: { columns: fromShape(organisationInput.shape) },
  people: { columns: fromShape(personInput.shape) },
  work_groups: {
    columns: {
      ...fromShape(groupInput.shape),
      status: col(choice(GROUP_STATUSES)),
      status_date: col(nullable(isoDate)),
      transferred_to: col(optionalText()),
      quorum_rule: json(quorumRule.nullable()),
      settings: json(z.record(z.string(), z.unknown())),
    },
  },
  group_organisations: { columns: fromShape(groupOrganisationInput.shape) },
  memberships: {
    columns: { ...fromShape(membershipInput.shape), organisation_id: col(nullable(id)), substitute_for_id: col(nullable(id)) },
    rows: [before('from_date', 'until_date', 'validation.dateOrder')],
  },
  status_history: {
    columns: {
      entity_type: col(choice(STATUS_ENTITIES)),
      entity_id: col(id),
      status: col(requiredText(60)),
      date: col(isoDate),
      note: col(optionalText(LIMITS.longText)),
      detail: json(z.unknown()),
    },
  },
  meeting_series: {
    columns: {
      ...fromShape(seriesInput.shape),
      rule: json(recurrenceRule),
      time_zone: col(timeZone),
    },
    rows: [
      before('start_time', 'end_time', 'validation.timeOrder', true),
      before('start_date', 'until_date', 'validation.dateOrder'),
    ],
  },
  meetings: {
    columns: {
      ...fromShape(meetingInput.shape),
      time_zone: col(timeZone),
      series_id: col(nullable(id)),
      detached: bool,
      status: col(choice(MEETING_STATUSES)),
      moved_to_date: col(nullable(isoDate)),
      original_date: col(nullable(isoDate)),
      chair_source: col(nullable(choice(['manual', ...ROTATION_CHAIR_SOURCES] as const))),
      minutes_status: col(choice(MINUTES_STATUSES)),
      minutes_approved_at: col(nullable(instant)),
      ics_sequence: col(icsSequence),
    },
    rows: [before('start_time', 'end_time', 'validation.timeOrder', true)],
  },
  agenda_templates: { columns: fromShape(templateInput.shape, ['name']) },
  agenda_template_items: {
    columns: {
      ...fromShape(templateInput.shape.items.element.shape),
      title: col(titleOrStanding),
      position: col(position),
    },
    rows: [(r) => (r.title === '' && r.standing_key == null ? { field: 'title', problem: 'validation.required' } : null)],
  },
  agenda_items: {
    columns: {
      ...fromShape(agendaItemInput.shape),
      title: col(titleOrStanding),
      position: col(position),
      minutes: col(nullable(longText)),
      continue_next: bool,
      carried_from_id: col(nullable(id)),
      standing_key: col(nullable(choice(STANDARD_ITEM_KEYS))),
    },
    rows: [(r) => (r.title === '' && r.standing_key == null ? { field: 'title', problem: 'validation.required' } : null)],
  },
  attendance: {
    columns: {
      person_id: col(nullable(id)),
      organisation_id: col(nullable(id)),
      status: col(choice(ATTENDANCE_STATUSES)),
      substitute_for_person_id: col(nullable(id)),
      note: col(optionalText(LIMITS.longText)),
    },
  },
  // Meeting materials (#17): the bytes' own checks (hash, sniffed type, name) are the materials owner's
  // (services/materials.ts, checkIncomingMaterials); these are the stored columns' shapes.
  attachments: {
    columns: {
      meeting_id: col(id),
      agenda_item_id: col(nullable(id)),
      name: col(requiredText(MAX_MATERIAL_NAME)),
      mime_type: col(z.string().min(1).max(200)),
      size: col(count(MAX_MATERIAL_BYTES)),
      sha256: col(z.string().regex(/^[0-9a-f]{64}$/, { error: 'validation.format' })),
    },
  },
  meeting_replies: {
    columns: {
      meeting_id: col(id),
      person_id: col(id),
      response: col(choice(REPLY_RESPONSES)),
      source: col(choice(REPLY_SOURCES)),
      note: col(optionalText(LIMITS.shortText)),
      responded_at: col(nullable(instant)),
    },
  },
  measures: {
    columns: { ...fromShape(measureInput.shape), position: col(position) },
    rows: [before('start_date', 'due_date', 'validation.dateOrder')],
  },
  measure_organisations: {
    columns: { ...fromShape(commitmentInput.shape), role: col(choice(ORGANISATION_ROLES)) },
  },
  decisions: {
    columns: { number: col(optionalText(LIMITS.shortText)), text: col(requiredText(LIMITS.longText)) },
  },
  action_items: {
    columns: {
      ...fromShape(actionInput.shape),
      status: col(choice(ACTION_STATUSES)),
      completed_date: col(nullable(isoDate)),
      measure_id: col(nullable(id)),
      ics_sequence: col(icsSequence),
    },
  },
  indicators: { columns: fromShape(indicatorInput.shape) },
  indicator_values: { columns: fromShape(indicatorValueInput.shape) },
  rotations: {
    columns: {
      ...fromShape(rotationCreateInput.shape, ['groupId', 'name', 'unit', 'handoverNoticeWeeks']),
      cancelled_rule: col(choice(CANCELLED_RULES)),
    },
  },
  rotation_versions: {
    columns: {
      effective_from: col(rotationCreateInput.shape.effectiveFrom),
      ...fromShape(rotationCreateInput.shape, ['mode', 'termLength', 'anchorDate']),
      start_index: col(position),
      edited_on: col(nullable(isoDate)),
    },
  },
  rotation_slots: {
    columns: { position: col(position), left_from: col(nullable(isoDate)), leave_rule: col(nullable(choice(LEAVE_ACTIONS))) },
  },
  rotation_exceptions: {
    columns: {
      kind: col(choice(['override', 'swap', 'skip'] as const)),
      term_start: col(nullable(isoDate)),
      other_term_start: col(nullable(isoDate)),
      reason: col(overrideInput.shape.reason),
    },
  },
  handovers: {
    columns: {
      date: col(isoDate),
      note: col(optionalText(LIMITS.longText)),
      checklist: json(z.unknown()),
      export_id: col(nullable(id)),
    },
  },
  scanning_rounds: {
    columns: {
      label: col(roundInput.shape.label),
      lane: col(choice(ROUND_LANES)),
      status: col(choice(ROUND_STATUSES)),
      call_opens: col(nullable(isoDate)),
      submission_deadline: col(nullable(isoDate)),
      screening_date: col(nullable(isoDate)),
      assessment_opens: col(nullable(isoDate)),
      assessment_closes: col(nullable(isoDate)),
      network_meeting: col(nullable(isoDate)),
      list_freeze: col(nullable(isoDate)),
      decision_meeting: col(nullable(isoDate)),
      proposal_cap: col(roundInput.shape.proposalCap),
      criteria_locked: bool,
    },
  },
  candidates: {
    columns: {
      ...fromShape(candidateFields.shape, [
        'title',
        'phenomenon',
        'rationale',
        'timeHorizon',
        'proposerPersonId',
        'proposerOrganisationId',
        'leadOrganisationId',
        'leadStatus',
        'existingGroupHandling',
        'existingGroupReason',
      ]),
      number: col(z.number().int().min(1).max(1_000_000)),
      evidence: json(z.array(evidenceInput).max(200)),
      // Free tags and STEEP categories together, each as the API's tag rule.
      tags: json(z.array(candidateFields.shape.tags.unwrap().element).max(100)),
      confidentiality: col(choice(CONFIDENTIALITY)),
      status: col(choice(CANDIDATE_STATUSES)),
      merged_into_id: col(nullable(id)),
      carried_from_id: col(nullable(id)),
      deferral_count: col(count(1000)),
      consensus_score: col(nullable(z.number().min(0).max(100))),
      consensus_rationale: col(optionalText(LIMITS.longText)),
    },
  },
  candidate_organisations: { columns: { status: col(choice(ORG_RESPONSES)) } },
  candidate_groups: { columns: {} },
  criteria: {
    columns: {
      ...fromShape(criterionInput.shape),
      scale_min: col(z.number().int().min(0).max(100)),
      scale_max: col(z.number().int().min(1).max(100)),
      position: col(position),
    },
    rows: [
      (r) =>
        typeof r.scale_min === 'number' && typeof r.scale_max === 'number' && r.scale_max <= r.scale_min
          ? { field: 'scale_max', problem: 'validation.too_small' }
          : null,
    ],
  },
  scores: {
    columns: {
      value: col(nullable(scoreEntry.shape.value)),
      confidence: col(nullable(scoreEntry.shape.confidence.unwrap())),
      comment: col(optionalText(LIMITS.longText)),
      conflict_of_interest: bool,
    },
  },
  candidate_decisions: {
    columns: {
      outcome: col(choice(DECISION_OUTCOMES)),
      reason: col(optionalText(LIMITS.longText)),
      conditions: col(optionalText(LIMITS.longText)),
      decided_on: col(isoDate),
    },
  },
  term_reviews: { columns: { ...fromShape(reviewInput.shape), status: col(choice(['open', 'closed'] as const)) } },
  term_review_items: {
    columns: { decision: col(nullable(choice(REVIEW_DECISIONS))), rationale: col(optionalText(LIMITS.longText)) },
  },
};

/** Columns whose references form a tree within their own table: following them must never loop. */
export const PARENT_COLUMNS: Record<string, string> = {
  work_groups: 'parent_id',
  agenda_items: 'parent_id',
  candidates: 'merged_into_id',
  memberships: 'substitute_for_id',
};

export interface RowProblem {
  field: string;
  /** A validation key (`validation.date`, `validation.too_long`, …). */
  problem: string;
}

/**
 * Stored values already found valid, per column rule: most columns repeat a few values (statuses,
 * dates, times, zones, parent ids), and a whole-database import checks hundreds of thousands of rows.
 * Only short values are kept, at most VALID_CACHE_SIZE per column.
 */
const validValues = new WeakMap<ColumnRule, Set<unknown>>();
const VALID_CACHE_SIZE = 4096;
const cacheable = (v: unknown) => v === null || typeof v === 'number' || (typeof v === 'string' && v.length <= 64);

/** One column's rule as the checker walks it: the rule with its column name and its set of values found valid. */
interface CheckedColumn {
  column: string;
  rule: ColumnRule;
  seen: Set<unknown>;
}

/**
 * Each table's rules as flat lists, made once per table on first use: a whole-database import checks
 * every row, and walking the rules' record and looking each rule's cache up per value cost as much as
 * the schemas themselves. The rules are ROW_RULES' own objects: nothing is copied but their order.
 */
const checkedTables = new Map<string, { columns: CheckedColumn[]; rows: RowRule[] } | null>();
function checkedTable(table: string): { columns: CheckedColumn[]; rows: RowRule[] } | null {
  let t = checkedTables.get(table);
  if (t !== undefined) return t;
  const rules = Object.hasOwn(ROW_RULES, table) ? ROW_RULES[table] : undefined;
  t = rules
    ? {
        columns: Object.entries(rules.columns).map(([column, rule]) => {
          let seen = validValues.get(rule);
          if (!seen) validValues.set(rule, (seen = new Set()));
          return { column, rule, seen };
        }),
        rows: rules.rows ?? [],
      }
    : null;
  checkedTables.set(table, t);
  return t;
}

/** Why `stored`, the value of `column`, breaks its rule, or null (the value is then remembered if short). */
function valueProblem(c: CheckedColumn, stored: unknown): RowProblem | null {
  const { rule, column } = c;
  let value = stored;
  if (rule.json && typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return { field: column, problem: 'validation.format' };
    }
  } else if (rule.bool) {
    if (value !== 0 && value !== 1) return { field: column, problem: 'validation.invalid_type' };
    value = value === 1;
  }
  const parsed = rule.schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const message = issue?.message ?? '';
    return { field: column, problem: message.startsWith('validation.') ? message : `validation.${issue?.code ?? 'invalid'}` };
  }
  if (cacheable(stored) && c.seen.size < VALID_CACHE_SIZE) c.seen.add(stored);
  return null;
}

/**
 * Why a stored row of `table` breaks its domain rules, or null. Tombstones are checked too: a
 * deleted row can be restored, and must then be readable. A table without rules is not checked here.
 */
export function rowProblem(table: string, row: StoredRow): RowProblem | null {
  const t = checkedTable(table);
  if (!t) return null;
  for (const c of t.columns) {
    const stored = row[c.column];
    if (stored === undefined && !(c.column in row)) continue;
    // Only a value that could have been remembered is looked for: hashing a long text to find it
    // absent cost more than all the schemas together.
    if (cacheable(stored) && c.seen.has(stored)) continue;
    const p = valueProblem(c, stored);
    if (p) return p;
  }
  for (const rule of t.rows) {
    const p = rule(row);
    if (p) return p;
  }
  return null;
}
