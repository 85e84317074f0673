/**
 * Child process of the crash test: opens the backend on a data folder and imports one file, saying
 * "start" just before. Built with Vite by the test (the backend uses import.meta.glob) and run by
 * plain Node, so the parent can SIGKILL it at any point.
 */
import fs from 'node:fs';
import { openBackend } from '../../electron/backend';
import { applyImport } from '../../electron/backend/exchange/service';

async function main() {
  const [dataDir, file] = process.argv.slice(2) as [string, string];
  const backend = await openBackend({ dataDir, host: 'memory', backupOnStart: false });
  const bytes = fs.readFileSync(file);
  process.stdout.write('start\n');
  await applyImport(backend.ctx, bytes);
  process.stdout.write('done\n');
  backend.close();
}

void main();
