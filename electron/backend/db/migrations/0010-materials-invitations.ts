import type { Database } from 'better-sqlite3';

/**
 * Meeting materials and replies to invitations (issue #17).
 * - blobs: the bytes of every stored material, keyed by their SHA-256 (content-addressed: the same
 *   file attached twice, or arriving in two handover files, is stored once). Local: blobs travel as
 *   their own zip entries beside the rows, never as rows (README, "Meeting materials").
 * - attachments (travelling): one material on a meeting, or on one of its agenda items. Its name,
 *   sniffed type, size and hash; the bytes are in blobs. Removing one sets the tombstone.
 * - meeting_replies (travelling): a member's expected attendance, from an imported iCalendar REPLY or
 *   recorded by hand; one live row per meeting and person.
 */
const META = `
  id TEXT PRIMARY KEY NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  hlc TEXT NOT NULL,
  field_hlc TEXT NOT NULL DEFAULT '{}',
  deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))`;

export function up(db: Database): void {
  db.exec(`
    CREATE TABLE blobs (
      sha256 TEXT PRIMARY KEY NOT NULL CHECK (length(sha256) = 64),
      size INTEGER NOT NULL,
      content BLOB NOT NULL,
      created_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE attachments (${META},
      meeting_id TEXT NOT NULL REFERENCES meetings (id),
      agenda_item_id TEXT REFERENCES agenda_items (id),
      name TEXT NOT NULL,
      mime_type TEXT NOT NULL,
      size INTEGER NOT NULL,
      sha256 TEXT NOT NULL
    ) STRICT;
    CREATE INDEX attachments_meeting ON attachments (meeting_id);
    CREATE INDEX attachments_agenda_item ON attachments (agenda_item_id);
    CREATE INDEX attachments_sha256 ON attachments (sha256);

    CREATE TABLE meeting_replies (${META},
      meeting_id TEXT NOT NULL REFERENCES meetings (id),
      person_id TEXT NOT NULL REFERENCES people (id),
      response TEXT NOT NULL,
      source TEXT NOT NULL,
      note TEXT,
      responded_at TEXT
    ) STRICT;
    CREATE INDEX meeting_replies_meeting ON meeting_replies (meeting_id, person_id);
    CREATE INDEX meeting_replies_person ON meeting_replies (person_id);
  `);
}
