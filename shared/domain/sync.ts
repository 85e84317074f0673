/** Types of shared sync folders (docs/sync-folder.md). */
import type { TableCounts } from './exchange';

/**
 * - active: exchanging; paused: the user paused it; locked: the passphrase is needed (browser mode asks
 *   once per session); unreachable: the folder is not there (a drive not mounted, a sync client
 *   stopped); removed: another laptop removed this one from the folder.
 */
export type SyncState = 'active' | 'paused' | 'locked' | 'unreachable' | 'removed';

export interface SyncProblem {
  key: string;
  params?: Record<string, string | number>;
}

export interface SyncPeer {
  replicaId: string;
  laptopName: string;
  firstSeenAt: string;
  lastSeenAt: string;
  lastAppliedAt: string | null;
  /** Files of this laptop listed in its index that have not arrived whole yet. */
  waitingFiles: number;
  left: boolean;
  removed: boolean;
}

export interface SyncStatus {
  groupId: string;
  groupName: string;
  folder: string;
  laptopName: string;
  replicaId: string;
  state: SyncState;
  /** The passphrase is kept by the operating system's keychain (desktop app). */
  remembered: boolean;
  linkedAt: string;
  lastExchangeAt: string | null;
  /** Other laptops exchanging through the folder (not removed, not left). */
  laptops: number;
  peers: SyncPeer[];
  waiting: Array<{ replicaId: string; laptopName: string; files: number }>;
  filesWritten: number;
  lastProblem: SyncProblem | null;
}

export type SyncLogKind = 'applied' | 'written' | 'snapshot' | 'refused' | 'pruned' | 'laptopRemoved' | 'linked' | 'unlinked';

export interface SyncLogEntry {
  id: string;
  at: string;
  kind: SyncLogKind;
  replicaId: string | null;
  laptopName: string | null;
  fileName: string | null;
  exportId: string | null;
  /** Rows in a written file; the import's counts for an applied one. */
  rows: number | null;
  totals: Omit<TableCounts, 'table'> | null;
  counts: TableCounts[];
  /** What came in, record by record (as in the import preview): table, row id and label. */
  records: Array<{ table: string; rowId: string; label: string; change: string }>;
  conflicts: Array<{ table: string; rowId: string; field: string; label: string }>;
  flags: number;
  problem: SyncProblem | null;
}
