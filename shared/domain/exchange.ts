/** Types of the exchange feature: handover files, import previews, conflicts and backups. */

export interface ExchangeScope {
  kind: 'group' | 'database' | 'candidates';
  groupId?: string;
  roundId?: string;
}

export interface ExportSummary {
  exportId: string;
  exportedAt: string;
  scope: ExchangeScope;
  encrypted: boolean;
  sizeBytes: number;
  /** Live (not deleted) rows per table. */
  tables: Record<string, number>;
  /** All rows in the file, tombstones included. */
  rows: number;
}

export interface TableCounts {
  table: string;
  added: number;
  updated: number;
  deleted: number;
  restored: number;
  unchanged: number;
}

/** What a record is about, in a user's words: its group, meeting (with date) and agenda item, and its page. */
export interface RecordWhere {
  group: string | null;
  groupId: string | null;
  meeting: string | null;
  meetingId: string | null;
  /** The meeting's date. */
  date: string | null;
  item: string | null;
  /** The page that shows the record (the renderer's route). */
  route: { page: string; params: string[] } | null;
}

/** One record an import adds, changes, deletes or restores, with the fields that change. */
export interface RecordChange {
  table: string;
  rowId: string;
  action: 'added' | 'updated' | 'deleted' | 'restored';
  label: string;
  /** Columns (snake_case) whose value changes; empty for an added record. */
  fields: string[];
  where: RecordWhere;
}

export interface ImportConflict {
  table: string;
  rowId: string;
  field: string;
  /** A title or name of the row, for people. */
  label: string;
  where?: RecordWhere;
  localValue: string | null;
  remoteValue: string | null;
  localHlc: string;
  remoteHlc: string;
}

export interface ImportFlag {
  table: string;
  rowId: string;
  label: string;
  flag: 'edit_vs_delete';
}

export interface ImportNotApplied {
  table: string;
  rowId: string;
  label: string;
  fields: string[];
}

export interface ImportPreview {
  exportId: string;
  exportedAt: string;
  replicaId: string;
  scope: ExchangeScope;
  groupName: string | null;
  encrypted: boolean;
  /** When this very file (export id) was imported before; a repeat import changes nothing. */
  alreadyImportedAt: string | null;
  /** The file's clocks run this many minutes ahead of ours (a warning, never a refusal). */
  clockSkewMinutes: number | null;
  counts: TableCounts[];
  totals: Omit<TableCounts, 'table'>;
  conflicts: ImportConflict[];
  flags: ImportFlag[];
  /**
   * Rows of a group's file outside that group that this database already has (a parent group, a
   * candidate, an organisation the file would archive, …): a group's file never changes them, so they
   * are kept as they are here; each
   * with the fields the file's version would have changed (docs/exchange-format.md, 11.1).
   */
  notApplied: ImportNotApplied[];
  /**
   * Organisations and people a group's file changes: shared with other groups, so listed apart, each
   * with the fields that change (they are also counted as updated in `counts`).
   */
  sharedChanges: ImportNotApplied[];
  /** The records that change, by name, in user tables (group → meeting → item order); at most 2 000. */
  records?: RecordChange[];
  /** Rows of bookkeeping tables (status history, clocks, links) that change; not listed one by one. */
  bookkeepingRows?: number;
  /** Records beyond the listed ones. */
  moreRecords?: number;
  /** The handover note that travels with the file, when it is a handover. */
  handover: {
    date: string;
    note: string | null;
    /** The outgoing chair (person, else organisation) and the recipient, by name, when known. */
    from: string | null;
    to: string | null;
    checklist: unknown;
  } | null;
}

export interface ImportResult extends ImportPreview {
  applied: boolean;
  backupFileName: string | null;
}

export interface ChecklistAction {
  id: string;
  title: string;
  dueDate: string | null;
  overdue: boolean;
  owner: string | null;
}

export interface ChecklistMeeting {
  id: string;
  title: string;
  date: string;
  startTime: string;
  chair: string | null;
}

export interface ChecklistMinutes {
  id: string;
  title: string;
  date: string;
  minutesStatus: string;
  decisions: number;
}

export interface ChecklistContact {
  personId: string;
  name: string;
  role: string;
  organisation: string | null;
  email: string | null;
  phone: string | null;
}

/** The rotating chair at the handover: who chairs now, until when, and who is next. */
export interface ChecklistRotation {
  name: string;
  unit: 'organisations' | 'people';
  nextChairId: string | null;
  chairNow: string | null;
  until: string | null;
  handover: string | null;
  nextChair: string | null;
}

export interface ChecklistMeasure {
  id: string;
  title: string;
  status: string;
  responsible: string | null;
  dueDate: string | null;
}

export interface ChecklistIndicator {
  id: string;
  name: string;
  kind: string;
  unit: string | null;
  targetValue: number | null;
  targetDate: string | null;
  latest: { period: string; value: number } | null;
}

/** Who the file is for: a person or an organisation (stored on the handover as to_person / to_organisation). */
export interface ChecklistRecipient {
  kind: 'person' | 'organisation';
  id: string;
  name: string;
}

/** Generated from the data when the outgoing chair prepares a handover; travels in `handovers.checklist`. */
export interface HandoverChecklist {
  groupId: string;
  groupName?: string;
  generatedOn: string;
  recipient?: ChecklistRecipient | null;
  /** The group's rotating chair, when it has one. */
  rotation?: ChecklistRotation | null;
  openActions: ChecklistAction[];
  nextMeetings: ChecklistMeeting[];
  /** Held meetings whose minutes are not approved (their decisions are pending approval). */
  pendingMinutes: ChecklistMinutes[];
  contacts: ChecklistContact[];
  /** The plan: the group's measures and its indicators with their latest values. */
  measures?: ChecklistMeasure[];
  indicators?: ChecklistIndicator[];
}

export interface ExchangeLogEntry {
  id: string;
  exportId: string;
  direction: 'export' | 'import';
  at: string;
  fileName: string | null;
  scope: ExchangeScope;
  replicaId: string;
}

export interface ConflictEntry {
  id: string;
  table: string;
  rowId: string;
  field: string;
  kind: 'text' | 'edit_vs_delete';
  label: string;
  where?: RecordWhere;
  /** When and on which laptop (replica id) each version was written, from their clock stamps. */
  currentWritten?: { at: string; replica: string } | null;
  otherWritten?: { at: string; replica: string } | null;
  /** The text stored now (the newer edit) and the other version. */
  currentValue: string | null;
  otherValue: string | null;
  localValue: string | null;
  remoteValue: string | null;
  createdAt: string;
  resolvedAt: string | null;
}

export interface BackupEntry {
  fileName: string;
  at: string;
  reason: 'startup' | 'manual' | 'before-import' | 'before-restore';
  sizeBytes: number;
}
