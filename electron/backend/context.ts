import type { Db } from './db/open';
import type { RowStore } from './db/store';
import type { OpenedFile, SavedFile } from '../../shared/contract/app';
import type { Input } from '../../shared/contract';

export type HostKind = 'electron' | 'browser' | 'memory';

/** What only the host can do (native dialogs). The Electron layer supplies these; browser mode does not. */
export interface HostServices {
  saveFile?: (input: Input<'host.saveFile'>) => Promise<SavedFile>;
  openFile?: (input: Input<'host.openFile'>) => Promise<OpenedFile | null>;
  printToPdf?: (input: Input<'host.printToPdf'>) => Promise<{ contentBase64: string }>;
}

/** Everything a handler may use. Handlers get it as their second argument. */
export interface Ctx {
  db: Db;
  store: RowStore;
  dataDir: string;
  databasePath: string;
  backupDir: string;
  host: HostKind;
  hostServices: HostServices;
  version: string;
  now: () => Date;
  /** Run `fn` in one transaction (nested calls join the outer one). */
  tx: <T>(fn: () => T) => T;
}
