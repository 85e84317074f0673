import { openBackend } from '../../electron/backend';

/**
 * The crash-safety worker: opens the real backend on a data folder and writes forever, printing one
 * `ack` line after each write has committed. The test SIGKILLs it at a random moment and checks that
 * the database is intact and holds every acknowledged write.
 *
 *   node crash-worker.js <dataDir> <run> [--demo]
 *
 * Lines: `ready`, `ack org <id> <seq>`, `ack rename <id> <seq>`, `ack group <id> <seq>`,
 * `ack bulk <marker> <count>`, `ack backup <fileName>`.
 */
const [dataDir, run = '0', flag] = process.argv.slice(2);
if (!dataDir) throw new Error('usage: crash-worker <dataDir> <run> [--demo]');

const print = (line: string) => process.stdout.write(`${line}\n`);

async function main() {
  const backend = await openBackend({ dataDir: dataDir!, host: 'memory', demo: flag === '--demo' });
  print('ready');
  const ctx = backend.ctx;
  const orgs: string[] = [];
  let seq = 0;
  for (;;) {
    seq++;
    const step = seq % 7;
    if (step === 0 || orgs.length === 0) {
      const r = await backend.call('organisations.create', {
        abbreviation: `R${run}-${seq}`,
        name: `Organisation ${run}-${seq}`,
        kind: 'agency',
      });
      if (!r.ok) throw new Error(r.error.message);
      const id = (r.value as { id: string }).id;
      orgs.push(id);
      print(`ack org ${id} ${seq}`);
    } else if (step <= 3) {
      const id = orgs[seq % orgs.length]!;
      const r = await backend.call('organisations.update', { id, patch: { name: `Renamed ${run} ${seq}` } });
      if (!r.ok) throw new Error(r.error.message);
      print(`ack rename ${id} ${run}:${seq}`);
    } else if (step === 4) {
      const r = await backend.call('groups.create', {
        kind: 'expert_network',
        name: `Group ${run}-${seq}`,
        status: 'active',
        description: `Description ${seq} `.repeat(50),
      });
      if (!r.ok) throw new Error(r.error.message);
      print(`ack group ${(r.value as { id: string }).id} ${seq}`);
    } else if (step === 5) {
      // A bulk insert: 300 people in one transaction, all or none.
      const marker = `bulk-${run}-${seq}`;
      ctx.tx(() => {
        for (let i = 0; i < 300; i++) ctx.store.insert('people', { name: `${marker} #${i}`, title: marker });
      });
      print(`ack bulk ${marker} 300`);
    } else {
      const r = await backend.call('exchange.backupNow', {});
      if (!r.ok) throw new Error(r.error.message);
      print(`ack backup ${(r.value as { backup: { fileName: string } }).backup.fileName}`);
    }
  }
}

main().catch((e: unknown) => {
  print(`error ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
