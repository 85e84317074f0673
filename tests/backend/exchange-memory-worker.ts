/**
 * Child process of the zip-bomb test: opens the backend on a data folder, then previews and imports
 * one file, printing one JSON line: the refusal's key and reason, the resident memory just before
 * (after a garbage collection) and the process's peak resident memory afterwards. Built with Vite by
 * the test and run by plain Node with --expose-gc, so nothing else shares its memory.
 */
import fs from 'node:fs';
import { openBackend } from '../../electron/backend';
import { applyImport, previewImport } from '../../electron/backend/exchange/service';

function refusal(e: unknown): { key: string; reason: string | null } {
  const err = e as { key?: unknown; params?: Record<string, unknown> };
  return { key: String(err.key ?? e), reason: err.params?.reason === undefined ? null : String(err.params.reason) };
}

function resetPeak(): boolean {
  try {
    fs.writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

function peakSinceReset(): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'));
  return m ? Number(m[1]) * 1024 : process.resourceUsage().maxRSS * 1024;
}

async function main() {
  const [dataDir, file] = process.argv.slice(2) as [string, string];
  const backend = await openBackend({ dataDir, host: 'memory', backupOnStart: false });
  const bytes = fs.readFileSync(file);
  (globalThis as { gc?: () => void }).gc?.();
  const baseline = process.memoryUsage().rss;
  const baselineMax = process.resourceUsage().maxRSS * 1024;
  // On Linux the peak (VmHWM) can be reset, so the peak measured is the import's own.
  const resettable = resetPeak();
  let preview: ReturnType<typeof refusal> | 'accepted' = 'accepted';
  let imported: ReturnType<typeof refusal> | 'accepted' = 'accepted';
  try {
    await previewImport(backend.ctx, bytes);
  } catch (e) {
    preview = refusal(e);
  }
  try {
    await applyImport(backend.ctx, bytes);
  } catch (e) {
    imported = refusal(e);
  }
  const peak = resettable ? peakSinceReset() : process.resourceUsage().maxRSS * 1024;
  process.stdout.write(`${JSON.stringify({ preview, imported, baseline, baselineMax, peak })}\n`);
  backend.close();
}

void main();
