/**
 * What every transport needs to know about a call besides its contract entry, with no run-time import
 * of the contract (the preload and the host's broker stay small): progress events, and which methods
 * only read (safe to send to the read-only connection and to retry after the backend restarts).
 */
import type { MethodName } from './index';

/** A long call's progress, as the backend reports it. `phase` is a key under `common.progress`. */
export interface CallProgress {
  phase: 'reading' | 'checking' | 'backup' | 'writing' | 'exporting' | 'restoring';
  /** Units done and in total (rows, bytes, tables) when known. */
  done?: number;
  total?: number;
  /** Whether cancelling now is safe and takes effect (nothing has been written, or it will be rolled back). */
  cancellable: boolean;
}

/**
 * Methods that never write. A misplaced name costs only a detour: the read-only connection refuses
 * the write and the call runs on the writer (electron/backend-host/pool.ts).
 */
export const READ_METHODS: ReadonlySet<string> = new Set<MethodName>([
  'app.info',
  'settings.get',
  'exchange.checklist',
  'exchange.checklistDocument',
  'exchange.preview',
  'exchange.log',
  'exchange.conflicts',
  'exchange.backups',
  'groups.list',
  'groups.get',
  'meetings.list',
  'meetings.get',
  'meetings.getTemplate',
  'meetings.decisions',
  'meetings.listActions',
  'meetings.document',
  'meetings.decisionsDocument',
  'meetings.calendar',
  'meetings.actionsCalendar',
  'organisations.list',
  'organisations.get',
  'people.list',
  'people.get',
  'portfolio.lifecycle',
  'portfolio.plan',
  'portfolio.view',
  'portfolio.home',
  'portfolio.search',
  'portfolio.reviews',
  'portfolio.review',
  'portfolio.report',
  'rotation.list',
  'rotation.forGroup',
  'rotation.export',
  'scanning.listRounds',
  'scanning.getRound',
  'scanning.getCandidate',
  'scanning.similar',
  'scanning.scores',
  'scanning.results',
  'scanning.candidateList',
  'scanning.statistics',
  'scanning.previewCandidateFile',
  'scanning.groupLinks',
]);

export function isReadMethod(method: string): boolean {
  return READ_METHODS.has(method);
}

/** Methods the host answers itself (native dialogs, printing); the backend never sees them in Electron. */
export function isHostMethod(method: string): boolean {
  return method.startsWith('host.');
}
