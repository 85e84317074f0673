import type { Database } from 'better-sqlite3';

/**
 * Shared sync folders (docs/sync-folder.md). Local only — none of these tables has an `hlc` column, so
 * none of them travels: which folder a group is linked to, this laptop's name in it and where its own
 * files stand are facts of this computer.
 *
 * - sync_links: one row per linked group. `mark` is this replica's clock when it wrote its last change
 *   file (rows with a newer stamp of this replica go into the next one). The group's passphrase is
 *   never stored here: the backend holds it in memory; the desktop host keeps it protected by the
 *   operating system's keychain (Electron safeStorage, electron/sync-secrets.ts) and hands it back at
 *   start (`remembered` = 1); browser mode asks for it once per session.
 * - sync_peers: the other laptops seen in the folder; `covered_through` is the sequence number up to
 *   which every file of theirs has been applied (or superseded by a snapshot of theirs).
 * - sync_files: the files this laptop wrote into the folder (for its index and for pruning).
 * - sync_log: what came in (per file, with the import's counts and conflicts), what was written, what
 *   was refused and why.
 */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE sync_links (
      group_id TEXT PRIMARY KEY NOT NULL,
      folder TEXT NOT NULL,
      laptop_name TEXT NOT NULL,
      paused INTEGER NOT NULL DEFAULT 0,
      remembered INTEGER NOT NULL DEFAULT 0,
      next_seq INTEGER NOT NULL DEFAULT 1,
      mark TEXT,
      last_snapshot_seq INTEGER,
      last_snapshot_at TEXT,
      linked_at TEXT NOT NULL,
      last_exchange_at TEXT,
      last_problem TEXT
    ) STRICT;

    CREATE TABLE sync_peers (
      group_id TEXT NOT NULL,
      replica_id TEXT NOT NULL,
      laptop_name TEXT NOT NULL DEFAULT '',
      covered_through INTEGER NOT NULL DEFAULT 0,
      first_seen_at TEXT NOT NULL,
      last_seen_at TEXT NOT NULL,
      last_applied_at TEXT,
      left_at TEXT,
      removed_at TEXT,
      PRIMARY KEY (group_id, replica_id)
    ) STRICT;

    CREATE TABLE sync_files (
      group_id TEXT NOT NULL,
      seq INTEGER NOT NULL,
      export_id TEXT NOT NULL,
      snapshot INTEGER NOT NULL,
      sha256 TEXT NOT NULL,
      size INTEGER NOT NULL,
      rows INTEGER NOT NULL,
      written_at TEXT NOT NULL,
      pruned_at TEXT,
      PRIMARY KEY (group_id, seq)
    ) STRICT;

    CREATE TABLE sync_log (
      id TEXT PRIMARY KEY NOT NULL,
      group_id TEXT NOT NULL,
      at TEXT NOT NULL,
      kind TEXT NOT NULL,
      replica_id TEXT,
      file_name TEXT,
      export_id TEXT,
      summary TEXT NOT NULL DEFAULT '{}'
    ) STRICT;
    CREATE INDEX sync_log_group_at ON sync_log (group_id, at);
    CREATE INDEX sync_log_export ON sync_log (export_id);
  `);
}
