import type { Database } from 'better-sqlite3';

/**
 * Schema changes of the meetings feature.
 * - meeting_run_events: the run-mode timer (start/stop per agenda item). Local, never travels: the
 *   timer is the chair's own bookkeeping during the meeting; the minutes, decisions and actions travel.
 * - meetings.original_date: the date a series rule generated an occurrence for (its identity in the
 *   series, iCalendar RECURRENCE-ID), kept when that one occurrence is moved.
 * - action_items.ics_sequence: the VTODO SEQUENCE, raised when an action's title, due date or status changes.
 * - action_items_due / action_items_group_due: the action list sorts by due date (undated last) over
 *   every group or one group, a page at a time, straight from these indexes; the filter columns are in
 *   them too, so counting and filtering never touch the table rows.
 */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE meeting_run_events (
      seq INTEGER PRIMARY KEY,
      meeting_id TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('start', 'stop')),
      agenda_item_id TEXT,
      at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX meeting_run_events_meeting ON meeting_run_events (meeting_id, seq);
    ALTER TABLE meetings ADD COLUMN original_date TEXT;
    ALTER TABLE action_items ADD COLUMN ics_sequence INTEGER NOT NULL DEFAULT 0;
    CREATE INDEX action_items_due ON action_items (coalesce(due_date, '9999-12-31'), id, status, group_id, owner_person_id, owner_organisation_id)
      WHERE deleted = 0;
    CREATE INDEX action_items_group_due ON action_items (group_id, coalesce(due_date, '9999-12-31'), id, status, completed_date, meeting_id)
      WHERE deleted = 0;
    CREATE INDEX decisions_group_meeting ON decisions (group_id, meeting_id);
  `);
}
