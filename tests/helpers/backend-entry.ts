import fs from 'node:fs';
import path from 'node:path';
import { build } from 'vite';

/**
 * Build THE backend entry (electron/backend-host/child.ts) the way `npm run build` does, into a
 * folder inside the project (so it resolves better-sqlite3 from node_modules), for tests that run it
 * in real worker threads and real child processes.
 */
export async function buildBackendEntry(tag: string): Promise<{ entry: string; remove(): void }> {
  const root = path.resolve(__dirname, '../..');
  const outDir = path.join(root, '.tmp', `backend-entry-${tag}-${process.pid}`);
  await build({
    configFile: false,
    root,
    logLevel: 'silent',
    build: {
      ssr: true,
      outDir,
      emptyOutDir: true,
      target: 'node20',
      rollupOptions: {
        input: { backend: path.join(root, 'electron/backend-host/child.ts') },
        output: { format: 'es', entryFileNames: '[name].mjs' },
      },
    },
  });
  return { entry: path.join(outDir, 'backend.mjs'), remove: () => fs.rmSync(outDir, { recursive: true, force: true }) };
}
