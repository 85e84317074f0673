import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { startBackendPool } from './backend-host/pool';
import { workerChannel } from './backend-host/channels';
import { parseLaunchArgs } from './cli';
import { startServer } from './server';
import { APP_VERSION } from './version';

/** Browser mode entry: `node dist/node/browser.js [--data-dir DIR] [--port N] [--demo]`. */
async function main() {
  let opts;
  try {
    opts = parseLaunchArgs(process.argv.slice(2));
  } catch (e) {
    console.error((e as Error).message);
    process.exit(2);
  }
  const here = path.dirname(fileURLToPath(import.meta.url));
  const rendererDir = path.resolve(here, '..', 'renderer');
  // The backend runs in worker threads (a writer and a read-only reader), so this thread only serves
  // HTTP and always answers, whatever the backend is doing.
  const entry = path.join(here, 'backend.js');
  const backend = await startBackendPool({
    options: { dataDir: opts.dataDir, host: 'browser', demo: opts.demo, version: APP_VERSION },
    spawn: (role) => workerChannel(entry, `painopiste-${role}`),
    log: (m) => console.error(m),
  });
  const token = randomBytes(24).toString('base64url');
  const server = await startServer({ backend, rendererDir, token, port: opts.port });
  console.log(`Painopiste is running at ${server.url}#token=${token}`);
  console.log(`Data: ${opts.dataDir}`);

  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    await server.close();
    await backend.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
}

main().catch((e: unknown) => {
  console.error(`Painopiste could not start: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
