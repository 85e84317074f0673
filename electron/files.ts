import fs from 'node:fs';
import path from 'node:path';

/**
 * File helpers of the desktop host, free of Electron so tests can run them directly.
 */

// Atomic writes live with the backend (sync folder, exports), which may not import the host.
export { writeFileAtomic } from './backend/files';

/** The exchange file extension the installers associate with the app. */
export const EXCHANGE_EXTENSION = '.wgx';
/** Exchange files larger than this are not read when the OS hands one to the app. */
export const MAX_OPENED_FILE_BYTES = 512 * 1024 * 1024;

/**
 * The exchange file among command-line arguments (Windows and Linux pass a double-clicked file as an
 * argument; a second launch forwards its argv). Only an existing regular `.wgx` file counts; flags and
 * everything else are ignored, so an argument can never make the app read an arbitrary file.
 */
export function exchangeFileFromArgs(argv: readonly string[]): string | undefined {
  for (const arg of argv) {
    if (arg.startsWith('-')) continue;
    if (isOpenableExchangeFile(arg)) return path.resolve(arg);
  }
  return undefined;
}

export function isOpenableExchangeFile(file: string): boolean {
  if (typeof file !== 'string' || file.includes('\0') || path.extname(file).toLowerCase() !== EXCHANGE_EXTENSION) {
    return false;
  }
  try {
    const stat = fs.statSync(file);
    return stat.isFile() && stat.size <= MAX_OPENED_FILE_BYTES;
  } catch {
    return false;
  }
}

/**
 * The in-app route of the import wizard for a file the OS opened with the app: the file's name only,
 * never its path. The bytes reach the wizard once, through host.openFile (see app-setup.ts).
 */
export function importRouteFor(file: string): string {
  return `#/exchange/import/${encodeURIComponent(path.basename(file))}`;
}
