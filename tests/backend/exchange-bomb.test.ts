/**
 * Zip bombs (docs/exchange-format.md, "Zip safety"): a ~300 KB exchange file whose manifest and
 * zip headers honestly declare 300 MiB of highly compressible table entries must be refused after
 * inflating only a little of it, in a process whose peak memory stays within 100 MB of its baseline.
 * The import runs in a child process so its peak resident memory is its own.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from 'vite';
import { databaseContent, startTestBackend, tempDir } from '../helpers/backend';
import { MAX_LINE_CHARS } from '../../electron/backend/exchange/format';

const root = path.resolve(__dirname, '../..');
const outDir = path.join(root, '.tmp', `exchange-bomb-${process.pid}`);
const MB = 1024 * 1024;
let worker: string;
let work: string;

beforeAll(async () => {
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
        input: { worker: path.join(root, 'tests/backend/exchange-memory-worker.ts') },
        output: { format: 'es', entryFileNames: '[name].mjs' },
      },
    },
  });
  worker = path.join(outDir, 'worker.mjs');
  work = tempDir('painopiste-bomb-');
}, 120_000);

afterAll(() => {
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.rmSync(work, { recursive: true, force: true });
});

interface Entry {
  name: string;
  /** Uncompressed bytes (hashed and CRC'd honestly). */
  data: Uint8Array;
}

/** A zip with deflated entries whose headers tell the truth about sizes and CRCs. */
function honestZip(entries: Entry[]): Uint8Array {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const body = zlib.deflateRawSync(e.data, { level: 9 });
    const crc = zlib.crc32(e.data) >>> 0;
    const local = Buffer.alloc(30 + name.length);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(e.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    name.copy(local, 30);
    const cen = Buffer.alloc(46 + name.length);
    cen.writeUInt32LE(0x02014b50, 0);
    cen.writeUInt16LE(20, 4);
    cen.writeUInt16LE(20, 6);
    cen.writeUInt16LE(0x0800, 8);
    cen.writeUInt16LE(8, 10);
    cen.writeUInt32LE(crc, 16);
    cen.writeUInt32LE(body.length, 20);
    cen.writeUInt32LE(e.data.length, 24);
    cen.writeUInt16LE(name.length, 28);
    cen.writeUInt32LE(offset, 42);
    name.copy(cen, 46);
    parts.push(local, body);
    central.push(cen);
    offset += local.length + body.length;
  }
  const cdSize = central.reduce((n, c) => n + c.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cdSize, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...parts, ...central, end]));
}

/** A Painopiste file whose tables are `body(i)` each, with an honest manifest (sizes, hashes, rows). */
function bombFile(tables: string[], body: (i: number) => Uint8Array, rows: number): Uint8Array {
  const entries: Entry[] = tables.map((t, i) => ({ name: `tables/${t}.ndjson`, data: body(i) }));
  const manifest = {
    format: 'painopiste-exchange',
    formatMajor: 1,
    formatMinor: 0,
    minReaderVersion: '0.1.0',
    schemaVersion: 1,
    scope: { kind: 'database' },
    exportId: '11111111-2222-4333-8444-555555555555',
    replicaId: 'bomb',
    exportedAt: '2026-01-01T00:00:00.000Z',
    clockSummary: {},
    entries: entries.map((e, i) => ({
      name: e.name,
      table: tables[i],
      size: e.data.length,
      sha256: createHash('sha256').update(e.data).digest('hex'),
      rows,
    })),
  };
  return honestZip([{ name: 'manifest.json', data: Buffer.from(JSON.stringify(manifest)) }, ...entries]);
}

interface Outcome {
  preview: { key: string; reason: string | null } | 'accepted';
  imported: { key: string; reason: string | null } | 'accepted';
  baseline: number;
  baselineMax: number;
  peak: number;
}

function runWorker(dataDir: string, file: string): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', worker, dataDir, file], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0) resolve(JSON.parse(out.trim().split('\n').pop()!) as Outcome);
      else reject(new Error(`worker failed (${code}): ${err}`));
    });
  });
}

const TABLES = ['organisations', 'people', 'work_groups', 'meetings', 'agenda_items'];

describe('a zip bomb', () => {
  it.each([
    // One endless line per entry: stopped when the line passes MAX_LINE_CHARS.
    ['one endless line', () => new Uint8Array(60 * MB).fill(0x61), 1],
    // Endless empty lines: stopped at the first (it is not a row).
    ['endless empty lines', () => new Uint8Array(60 * MB).fill(0x0a), 60 * MB],
    // Endless copies of one row (100 MiB in all, compressing less well): stopped at the second.
    [
      'one row repeated',
      () => {
        const line = Buffer.from(
          `${JSON.stringify({ id: '00000000-0000-4000-8000-000000000001', created_at: '2026-01-01T00:00:00.000Z', updated_at: '2026-01-01T00:00:00.000Z', hlc: '0001767225600000-0000-bomb', field_hlc: '{"*":"0001767225600000-0000-bomb"}', deleted: 0 })}\n`,
        );
        const n = Math.floor((20 * MB) / line.length);
        const out = Buffer.alloc(n * line.length);
        for (let i = 0; i < n; i++) line.copy(out, i * line.length);
        return out;
      },
      0,
    ],
  ] as const)(
    'of %s (a few hundred KB declaring 100–300 MiB) is refused in bounded memory, changing nothing',
    async (_, body, rows) => {
      const data = body();
      const n = rows === 0 ? Math.floor(data.length / (data.indexOf(0x0a) + 1)) : rows;
      const bytes = bombFile(TABLES, () => data, n);
      expect(bytes.length).toBeLessThan(512 * 1024);
      const file = path.join(work, 'bomb.wgx');
      fs.writeFileSync(file, bytes);
      const dataDir = tempDir('painopiste-bomb-db-');
      try {
        // Opened and closed once first, so the stored clock exists as it will after the worker's run.
        (await startTestBackend({ dataDir, backupOnStart: false })).close();
        const before = await startTestBackend({ dataDir, backupOnStart: false });
        const content = databaseContent(before.backend);
        before.close();
        const outcome = await runWorker(dataDir, file);
        expect(outcome.preview).not.toBe('accepted');
        expect(outcome.imported).toEqual(outcome.preview);
        expect((outcome.preview as { key: string }).key).toBe('exchange.invalidRow');
        const after = await startTestBackend({ dataDir, backupOnStart: false });
        expect(databaseContent(after.backend)).toBe(content);
        after.close();
        // Peak resident memory of the whole process (startup included) against the resident memory just
        // before the import: an upper bound on what the import added.
        const above = (outcome.peak - outcome.baseline) / MB;
        console.info(
          `zip bomb (${_}): file ${bytes.length} B, peak ${above.toFixed(1)} MB above baseline`,
          JSON.stringify(outcome),
        );
        expect(above).toBeLessThan(100);
      } finally {
        fs.rmSync(dataDir, { recursive: true, force: true });
      }
    },
    120_000,
  );

  it('keeps a line limit above the largest row the API can write', () => {
    // Three long texts of 100 000 characters, each character six bytes as a JSON escape at worst.
    expect(MAX_LINE_CHARS).toBeGreaterThan(3 * 100_000 * 6);
  });
});
