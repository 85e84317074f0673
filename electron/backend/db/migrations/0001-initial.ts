import type { Database } from 'better-sqlite3';

/**
 * The whole entity list of DESIGN.md, so later features add columns rather than rethink.
 *
 * Travelling rows (those that can go into an exchange file) all carry the same meta columns:
 *   id UUID, created_at / updated_at ISO times, hlc = stamp of the last change,
 *   field_hlc = JSON {"*": stamp at creation, <column>: stamp of its last change},
 *   deleted = tombstone (never hard-deleted).
 * Local rows (settings, logs, conflicts) never travel and have no clocks.
 */
const META = `
  id TEXT PRIMARY KEY NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  hlc TEXT NOT NULL,
  field_hlc TEXT NOT NULL DEFAULT '{}',
  deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))`;

const travelling = (name: string, columns: string) => `CREATE TABLE ${name} (${META},${columns}) STRICT;`;

export function up(db: Database): void {
  db.exec(`
    CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL) STRICT;
    CREATE TABLE settings (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL) STRICT;

    ${travelling(
      'organisations',
      `
      abbreviation TEXT NOT NULL,
      name TEXT NOT NULL,
      kind TEXT NOT NULL,
      notes TEXT`,
    )}
    CREATE INDEX organisations_abbreviation ON organisations (abbreviation COLLATE NOCASE);

    ${travelling(
      'people',
      `
      name TEXT NOT NULL,
      organisation_id TEXT REFERENCES organisations (id),
      email TEXT,
      phone TEXT,
      title TEXT`,
    )}
    CREATE INDEX people_organisation ON people (organisation_id);

    ${travelling(
      'work_groups',
      `
      kind TEXT NOT NULL,
      name TEXT NOT NULL,
      short_name TEXT,
      description TEXT,
      parent_id TEXT REFERENCES work_groups (id),
      status TEXT NOT NULL,
      status_date TEXT,
      transferred_to TEXT,
      priority_number INTEGER,
      time_zone TEXT NOT NULL DEFAULT 'Europe/Helsinki',
      quorum_rule TEXT,
      settings TEXT NOT NULL DEFAULT '{}'`,
    )}
    CREATE INDEX work_groups_parent ON work_groups (parent_id);

    ${travelling(
      'group_organisations',
      `
      group_id TEXT NOT NULL REFERENCES work_groups (id),
      organisation_id TEXT NOT NULL REFERENCES organisations (id),
      role TEXT NOT NULL`,
    )}
    CREATE INDEX group_organisations_group ON group_organisations (group_id);
    CREATE INDEX group_organisations_organisation ON group_organisations (organisation_id);

    ${travelling(
      'memberships',
      `
      group_id TEXT NOT NULL REFERENCES work_groups (id),
      person_id TEXT NOT NULL REFERENCES people (id),
      organisation_id TEXT REFERENCES organisations (id),
      role TEXT NOT NULL,
      substitute_for_id TEXT REFERENCES memberships (id),
      from_date TEXT,
      until_date TEXT`,
    )}
    CREATE INDEX memberships_group ON memberships (group_id);
    CREATE INDEX memberships_person ON memberships (person_id);

    ${travelling(
      'status_history',
      `
      entity_type TEXT NOT NULL,
      entity_id TEXT NOT NULL,
      status TEXT NOT NULL,
      date TEXT NOT NULL,
      note TEXT,
      detail TEXT`,
    )}
    CREATE INDEX status_history_entity ON status_history (entity_type, entity_id);

    ${travelling(
      'meeting_series',
      `
      group_id TEXT NOT NULL REFERENCES work_groups (id),
      title TEXT NOT NULL,
      rule TEXT NOT NULL,
      start_date TEXT NOT NULL,
      until_date TEXT,
      count INTEGER,
      start_time TEXT NOT NULL,
      end_time TEXT NOT NULL,
      time_zone TEXT NOT NULL,
      place TEXT,
      online_link TEXT`,
    )}

    ${travelling(
      'meetings',
      `
      group_id TEXT NOT NULL REFERENCES work_groups (id),
      series_id TEXT REFERENCES meeting_series (id),
      detached INTEGER NOT NULL DEFAULT 0,
      title TEXT NOT NULL,
      date TEXT NOT NULL,
      start_time TEXT NOT NULL,
      end_time TEXT NOT NULL,
      time_zone TEXT NOT NULL,
      place TEXT,
      online_link TEXT,
      status TEXT NOT NULL,
      moved_to_date TEXT,
      chair_person_id TEXT REFERENCES people (id),
      chair_organisation_id TEXT REFERENCES organisations (id),
      chair_source TEXT,
      secretary_person_id TEXT REFERENCES people (id),
      minutes_status TEXT NOT NULL DEFAULT 'draft',
      minutes_approved_at TEXT,
      notes TEXT,
      ics_sequence INTEGER NOT NULL DEFAULT 0`,
    )}
    CREATE INDEX meetings_group_date ON meetings (group_id, date);
    CREATE INDEX meetings_date ON meetings (date);
    CREATE INDEX meetings_series ON meetings (series_id);

    ${travelling(
      'agenda_templates',
      `
      group_id TEXT NOT NULL REFERENCES work_groups (id),
      name TEXT NOT NULL`,
    )}
    CREATE INDEX agenda_templates_group ON agenda_templates (group_id);

    ${travelling(
      'agenda_template_items',
      `
      template_id TEXT NOT NULL REFERENCES agenda_templates (id),
      position INTEGER NOT NULL,
      type TEXT NOT NULL,
      title TEXT NOT NULL,
      description TEXT,
      duration_minutes INTEGER NOT NULL DEFAULT 0,
      standing_key TEXT`,
    )}
    CREATE INDEX agenda_template_items_template ON agenda_template_items (template_id);

    ${travelling(
      'agenda_items',
      `
      meeting_id TEXT NOT NULL REFERENCES meetings (id),
      parent_id TEXT REFERENCES agenda_items (id),
      position INTEGER NOT NULL,
      type TEXT NOT NULL,
      title TEXT NOT NULL,
      description TEXT,
      presenter_person_id TEXT REFERENCES people (id),
      presenter_organisation_id TEXT REFERENCES organisations (id),
      duration_minutes INTEGER NOT NULL DEFAULT 0,
      minutes TEXT,
      continue_next INTEGER NOT NULL DEFAULT 0,
      carried_from_id TEXT,
      standing_key TEXT`,
    )}
    CREATE INDEX agenda_items_meeting ON agenda_items (meeting_id, position);

    ${travelling(
      'attendance',
      `
      meeting_id TEXT NOT NULL REFERENCES meetings (id),
      person_id TEXT REFERENCES people (id),
      organisation_id TEXT REFERENCES organisations (id),
      status TEXT NOT NULL,
      substitute_for_person_id TEXT REFERENCES people (id),
      note TEXT`,
    )}
    CREATE INDEX attendance_meeting ON attendance (meeting_id);

    ${travelling(
      'measures',
      `
      group_id TEXT NOT NULL REFERENCES work_groups (id),
      title TEXT NOT NULL,
      description TEXT,
      responsible_organisation_id TEXT REFERENCES organisations (id),
      start_date TEXT,
      due_date TEXT,
      status TEXT NOT NULL DEFAULT 'not_started',
      progress_note TEXT,
      position INTEGER NOT NULL DEFAULT 0`,
    )}
    CREATE INDEX measures_group ON measures (group_id);

    ${travelling(
      'measure_organisations',
      `
      measure_id TEXT NOT NULL REFERENCES measures (id),
      organisation_id TEXT NOT NULL REFERENCES organisations (id),
      role TEXT NOT NULL DEFAULT 'participant',
      commitment_status TEXT NOT NULL DEFAULT 'none',
      decision_date TEXT,
      decision_reference TEXT`,
    )}
    CREATE INDEX measure_organisations_measure ON measure_organisations (measure_id);

    ${travelling(
      'decisions',
      `
      group_id TEXT NOT NULL REFERENCES work_groups (id),
      meeting_id TEXT REFERENCES meetings (id),
      agenda_item_id TEXT REFERENCES agenda_items (id),
      number TEXT,
      text TEXT NOT NULL,
      measure_id TEXT REFERENCES measures (id)`,
    )}
    CREATE INDEX decisions_group ON decisions (group_id);
    CREATE INDEX decisions_meeting ON decisions (meeting_id);

    ${travelling(
      'action_items',
      `
      group_id TEXT NOT NULL REFERENCES work_groups (id),
      meeting_id TEXT REFERENCES meetings (id),
      agenda_item_id TEXT REFERENCES agenda_items (id),
      title TEXT NOT NULL,
      description TEXT,
      owner_person_id TEXT REFERENCES people (id),
      owner_organisation_id TEXT REFERENCES organisations (id),
      due_date TEXT,
      status TEXT NOT NULL DEFAULT 'open',
      completed_date TEXT,
      measure_id TEXT REFERENCES measures (id)`,
    )}
    CREATE INDEX action_items_group_status ON action_items (group_id, status, due_date);
    CREATE INDEX action_items_status_due ON action_items (status, due_date);
    CREATE INDEX action_items_owner_person ON action_items (owner_person_id);
    CREATE INDEX action_items_owner_organisation ON action_items (owner_organisation_id);
    CREATE INDEX action_items_meeting ON action_items (meeting_id);

    ${travelling(
      'indicators',
      `
      group_id TEXT NOT NULL REFERENCES work_groups (id),
      name TEXT NOT NULL,
      kind TEXT NOT NULL,
      unit TEXT,
      source TEXT,
      target_value REAL,
      target_date TEXT,
      description TEXT`,
    )}
    CREATE INDEX indicators_group ON indicators (group_id);

    ${travelling(
      'indicator_values',
      `
      indicator_id TEXT NOT NULL REFERENCES indicators (id),
      period TEXT NOT NULL,
      value REAL NOT NULL,
      note TEXT`,
    )}
    CREATE INDEX indicator_values_indicator ON indicator_values (indicator_id, period);

    ${travelling(
      'rotations',
      `
      group_id TEXT NOT NULL REFERENCES work_groups (id),
      name TEXT NOT NULL,
      unit TEXT NOT NULL,
      cancelled_rule TEXT NOT NULL DEFAULT 'hold',
      handover_notice_weeks INTEGER NOT NULL DEFAULT 4`,
    )}
    CREATE INDEX rotations_group ON rotations (group_id);

    ${travelling(
      'rotation_versions',
      `
      rotation_id TEXT NOT NULL REFERENCES rotations (id),
      effective_from TEXT NOT NULL,
      mode TEXT NOT NULL,
      term_length INTEGER,
      anchor_date TEXT,
      start_index INTEGER NOT NULL DEFAULT 0`,
    )}
    CREATE INDEX rotation_versions_rotation ON rotation_versions (rotation_id, effective_from);

    ${travelling(
      'rotation_slots',
      `
      version_id TEXT NOT NULL REFERENCES rotation_versions (id),
      position INTEGER NOT NULL,
      organisation_id TEXT REFERENCES organisations (id),
      person_id TEXT REFERENCES people (id),
      left_from TEXT,
      leave_rule TEXT,
      successor_organisation_id TEXT REFERENCES organisations (id),
      successor_person_id TEXT REFERENCES people (id)`,
    )}
    CREATE INDEX rotation_slots_version ON rotation_slots (version_id, position);

    ${travelling(
      'rotation_exceptions',
      `
      rotation_id TEXT NOT NULL REFERENCES rotations (id),
      kind TEXT NOT NULL,
      meeting_id TEXT REFERENCES meetings (id),
      other_meeting_id TEXT REFERENCES meetings (id),
      term_start TEXT,
      other_term_start TEXT,
      organisation_id TEXT REFERENCES organisations (id),
      person_id TEXT REFERENCES people (id),
      reason TEXT`,
    )}
    CREATE INDEX rotation_exceptions_rotation ON rotation_exceptions (rotation_id);

    ${travelling(
      'handovers',
      `
      group_id TEXT NOT NULL REFERENCES work_groups (id),
      date TEXT NOT NULL,
      from_organisation_id TEXT REFERENCES organisations (id),
      to_organisation_id TEXT REFERENCES organisations (id),
      from_person_id TEXT REFERENCES people (id),
      to_person_id TEXT REFERENCES people (id),
      note TEXT,
      checklist TEXT,
      export_id TEXT`,
    )}
    CREATE INDEX handovers_group ON handovers (group_id);

    ${travelling(
      'scanning_rounds',
      `
      group_id TEXT NOT NULL REFERENCES work_groups (id),
      label TEXT NOT NULL,
      lane TEXT NOT NULL DEFAULT 'semiannual',
      status TEXT NOT NULL DEFAULT 'planned',
      call_opens TEXT,
      submission_deadline TEXT,
      screening_date TEXT,
      assessment_opens TEXT,
      assessment_closes TEXT,
      network_meeting TEXT,
      list_freeze TEXT,
      decision_meeting TEXT,
      proposal_cap INTEGER,
      criteria_locked INTEGER NOT NULL DEFAULT 0`,
    )}
    CREATE INDEX scanning_rounds_group ON scanning_rounds (group_id);

    ${travelling(
      'candidates',
      `
      round_id TEXT NOT NULL REFERENCES scanning_rounds (id),
      number INTEGER NOT NULL,
      title TEXT NOT NULL,
      phenomenon TEXT,
      rationale TEXT,
      evidence TEXT NOT NULL DEFAULT '[]',
      tags TEXT NOT NULL DEFAULT '[]',
      time_horizon TEXT,
      proposer_person_id TEXT REFERENCES people (id),
      proposer_organisation_id TEXT REFERENCES organisations (id),
      lead_organisation_id TEXT REFERENCES organisations (id),
      lead_status TEXT,
      existing_group_handling TEXT,
      existing_group_reason TEXT,
      confidentiality TEXT NOT NULL DEFAULT 'public',
      status TEXT NOT NULL DEFAULT 'draft',
      merged_into_id TEXT REFERENCES candidates (id),
      carried_from_id TEXT REFERENCES candidates (id),
      deferral_count INTEGER NOT NULL DEFAULT 0,
      consensus_score REAL,
      consensus_rationale TEXT`,
    )}
    CREATE INDEX candidates_round ON candidates (round_id, number);

    ${travelling(
      'candidate_organisations',
      `
      candidate_id TEXT NOT NULL REFERENCES candidates (id),
      organisation_id TEXT NOT NULL REFERENCES organisations (id),
      status TEXT NOT NULL DEFAULT 'asked'`,
    )}
    CREATE INDEX candidate_organisations_candidate ON candidate_organisations (candidate_id);

    ${travelling(
      'candidate_groups',
      `
      candidate_id TEXT NOT NULL REFERENCES candidates (id),
      group_id TEXT NOT NULL REFERENCES work_groups (id)`,
    )}
    CREATE INDEX candidate_groups_candidate ON candidate_groups (candidate_id);

    ${travelling(
      'criteria',
      `
      round_id TEXT NOT NULL REFERENCES scanning_rounds (id),
      name TEXT NOT NULL,
      description TEXT,
      weight REAL NOT NULL,
      scale_min INTEGER NOT NULL DEFAULT 1,
      scale_max INTEGER NOT NULL DEFAULT 5,
      axis TEXT,
      position INTEGER NOT NULL DEFAULT 0`,
    )}
    CREATE INDEX criteria_round ON criteria (round_id);

    ${travelling(
      'scores',
      `
      candidate_id TEXT NOT NULL REFERENCES candidates (id),
      criterion_id TEXT NOT NULL REFERENCES criteria (id),
      assessor_person_id TEXT NOT NULL REFERENCES people (id),
      value INTEGER,
      confidence INTEGER,
      comment TEXT,
      conflict_of_interest INTEGER NOT NULL DEFAULT 0`,
    )}
    CREATE INDEX scores_candidate ON scores (candidate_id);
    CREATE INDEX scores_criterion ON scores (criterion_id);

    ${travelling(
      'candidate_decisions',
      `
      candidate_id TEXT NOT NULL REFERENCES candidates (id),
      outcome TEXT NOT NULL,
      reason TEXT,
      conditions TEXT,
      target_group_id TEXT REFERENCES work_groups (id),
      created_group_id TEXT REFERENCES work_groups (id),
      decided_on TEXT NOT NULL,
      meeting_id TEXT REFERENCES meetings (id)`,
    )}
    CREATE INDEX candidate_decisions_candidate ON candidate_decisions (candidate_id);

    ${travelling(
      'term_reviews',
      `
      label TEXT NOT NULL,
      date TEXT NOT NULL,
      note TEXT,
      status TEXT NOT NULL DEFAULT 'open'`,
    )}

    ${travelling(
      'term_review_items',
      `
      review_id TEXT NOT NULL REFERENCES term_reviews (id),
      group_id TEXT NOT NULL REFERENCES work_groups (id),
      decision TEXT,
      rationale TEXT,
      merge_into_group_id TEXT REFERENCES work_groups (id)`,
    )}
    CREATE INDEX term_review_items_review ON term_review_items (review_id);

    -- Local only: what was imported or exported, when, and what it changed.
    CREATE TABLE exchange_log (
      id TEXT PRIMARY KEY NOT NULL,
      export_id TEXT NOT NULL,
      direction TEXT NOT NULL,
      at TEXT NOT NULL,
      file_name TEXT,
      scope TEXT NOT NULL,
      replica_id TEXT NOT NULL,
      summary TEXT NOT NULL DEFAULT '{}'
    ) STRICT;
    CREATE INDEX exchange_log_export ON exchange_log (export_id);

    -- Local only: merge conflicts waiting for the user.
    CREATE TABLE conflicts (
      id TEXT PRIMARY KEY NOT NULL,
      table_name TEXT NOT NULL,
      row_id TEXT NOT NULL,
      field TEXT NOT NULL,
      local_value TEXT,
      remote_value TEXT,
      local_hlc TEXT,
      remote_hlc TEXT,
      kind TEXT NOT NULL,
      import_id TEXT,
      created_at TEXT NOT NULL,
      resolved_at TEXT
    ) STRICT;

    -- Local only: automatic and manual backups of the database file.
    CREATE TABLE backup_log (
      id TEXT PRIMARY KEY NOT NULL,
      file_name TEXT NOT NULL,
      at TEXT NOT NULL,
      reason TEXT NOT NULL,
      size_bytes INTEGER NOT NULL
    ) STRICT;
  `);
}
