/**
 * Profiling aid (not a bench case): a whole-database import into an empty database through the
 * service, on a generated database copied from `--template DIR`. Run the built file with
 * `node --cpu-prof dist/node/profile-import.js --template DIR [--runs N]` (after `npm run build`;
 * DIR: a folder holding a generated database, e.g. one of the bench cache, /tmp/painopiste-bench-cache/*).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openBackend } from '../electron/backend';
import { DATABASE_FILE } from '../electron/backend/db/open';
import { applyImport, exportScope } from '../electron/backend/exchange/service';

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const template = arg('--template');
if (!template) throw new Error('--template DIR');
const runs = Number(arg('--runs') ?? 2);
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'painopiste-prof-'));
const src = path.join(root, 'src');
fs.mkdirSync(src);
fs.copyFileSync(path.join(template, DATABASE_FILE), path.join(src, DATABASE_FILE));
const source = await openBackend({ dataDir: src, host: 'memory', backupOnStart: false });
const { bytes, summary } = exportScope(source.ctx, { kind: 'database' });
source.close();
console.log(`file ${(bytes.length / 1e6).toFixed(1)} MB, ${summary.rows} rows`);
for (let i = 0; i < runs; i++) {
  const target = await openBackend({ dataDir: path.join(root, `t${i}`), host: 'memory', backupOnStart: false });
  const t0 = performance.now();
  const r = await applyImport(target.ctx, bytes);
  console.log(`import ${i}: ${(performance.now() - t0).toFixed(0)} ms applied=${r.applied}`);
  target.close();
}
fs.rmSync(root, { recursive: true, force: true });
