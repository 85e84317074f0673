import { z } from 'zod';
import { method } from './core';
import { language, patchOf, timeZone } from './schemas';

export interface AppInfo {
  version: string;
  /** Which host runs the backend. */
  host: 'electron' | 'browser' | 'memory';
  dataDir: string;
  databasePath: string;
  replicaId: string;
  schemaVersion: number;
  /** True until the user has chosen to start empty or with the example data. */
  firstRun: boolean;
}

export interface Settings {
  language: 'fi' | 'sv' | 'en';
  timeZone: string;
}

export const settingsPatch = patchOf({ language, timeZone });

export interface SavedFile {
  saved: boolean;
  path: string | null;
}
export interface OpenedFile {
  name: string;
  contentBase64: string;
}

const fileFilter = z
  .object({ name: z.string().max(100), extensions: z.array(z.string().regex(/^[a-z0-9]{1,10}$/)).max(10) })
  .strict();

export const appContract = {
  'app.info': method(z.object({}).strict()).returns<AppInfo>(),
  /** First-run choice: start with an empty database or with the example cooperation model. */
  'app.chooseStart': method(z.object({ example: z.boolean() }).strict()).returns<AppInfo>(),
  'settings.get': method(z.object({}).strict()).returns<Settings>(),
  'settings.update': method(settingsPatch).returns<Settings>(),
  /** Native save dialog (Electron only); browser mode downloads instead and gets `unsupported`. */
  'host.saveFile': method(
    z
      .object({
        suggestedName: z.string().min(1).max(200),
        filters: z.array(fileFilter).max(10).default([]),
        contentBase64: z.string().max(700_000_000),
      })
      .strict(),
  ).returns<SavedFile>(),
  /** Render a printable HTML document to PDF with Electron's printToPDF (desktop only); browser mode
   * prints the same HTML through the browser's print dialog instead. */
  'host.printToPdf': method(z.object({ html: z.string().max(50_000_000) }).strict()).returns<{ contentBase64: string }>(),
  /** Native open dialog (Electron only); browser mode uses a file input instead. */
  'host.openFile': method(z.object({ filters: z.array(fileFilter).max(10).default([]) }).strict()).returns<OpenedFile | null>(),
};
