/**
 * The import's reader inflates large table entries with Node's native zlib as a stream
 * (zip.ts, `inflateEntryAsync`); the preview's reader with fflate (`inflateEntry`). Both must give the
 * same bytes and refuse the same damage with the same errors, and the stream must hand its output on
 * in bounded pieces whatever the entry holds.
 */
import { describe, expect, it } from 'vitest';
import {
  ExchangeError,
  inflateEntry,
  inflateEntryAsync,
  openZip,
  packEntries,
  type ZipDirectory,
  type ZipEntry,
} from '../../electron/backend/exchange/zip';

const MB = 1024 * 1024;

/** About `bytes` of NDJSON-like text that deflates about as well as real rows (5–10×). */
function text(bytes: number): Uint8Array {
  const words = ['kokous', 'poliisi', 'pelastus', 'tilannekuva', 'Åsa', 'toimenpide', '2026-12-03', '{"id":"', '"}\n'];
  const out = Buffer.alloc(bytes);
  let seed = 7;
  let at = 0;
  while (at < bytes) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    at += out.write(`${words[seed % words.length]}${seed % 1000} `, at);
  }
  return new Uint8Array(out.buffer, out.byteOffset, bytes);
}

const big = text(12 * MB);
const zip = openZip(packEntries({ 'tables/people.ndjson': big }));
const entry = zip.byName.get('tables/people.ndjson')!;

/** Everything one reader gives for an entry: the bytes and the largest piece, or the error's key and reason. */
async function outcome(
  read: 'sync' | 'stream',
  z: ZipDirectory,
  e: ZipEntry,
  sink?: (chunk: Uint8Array) => void,
): Promise<{ bytes?: Buffer; largest?: number; error?: string }> {
  const pieces: Uint8Array[] = [];
  let largest = 0;
  const take = (chunk: Uint8Array) => {
    sink?.(chunk);
    largest = Math.max(largest, chunk.length);
    pieces.push(Uint8Array.from(chunk));
  };
  try {
    if (read === 'sync') inflateEntry(z, e, take);
    else await inflateEntryAsync(z, e, take);
    return { bytes: Buffer.concat(pieces), largest };
  } catch (err) {
    if (!(err instanceof ExchangeError)) throw err;
    return { error: `${err.key} ${String(err.params.reason ?? '')}` };
  }
}

/** The same zip with `edit` applied to a copy of its bytes. */
function damagedZip(edit: (bytes: Uint8Array) => void): ZipDirectory {
  const bytes = Uint8Array.from(zip.bytes);
  edit(bytes);
  return { ...zip, bytes };
}

describe('the streamed inflate of a large entry', () => {
  it('gives the same bytes as the synchronous reader, in pieces of at most 1 MiB', async () => {
    expect(entry.method).toBe(8);
    expect(entry.size).toBeGreaterThan(8 * MB);
    const sync = await outcome('sync', zip, entry);
    const stream = await outcome('stream', zip, entry);
    expect(stream.error).toBeUndefined();
    expect(stream.bytes!.equals(Buffer.from(big))).toBe(true);
    expect(sync.bytes!.equals(stream.bytes!)).toBe(true);
    expect(stream.largest).toBeLessThanOrEqual(MB);
  });

  it.each<[string, () => { z: ZipDirectory; e: ZipEntry }, string]>([
    ['more output than declared', () => ({ z: zip, e: { ...entry, size: entry.size - 1 } }), 'exchange.damaged size'],
    ['less output than declared', () => ({ z: zip, e: { ...entry, size: entry.size + 1 } }), 'exchange.damaged size'],
    ['a wrong CRC', () => ({ z: zip, e: { ...entry, crc: (entry.crc + 1) >>> 0 } }), 'exchange.damaged crc'],
    [
      'a deflate stream cut short',
      () => ({ z: zip, e: { ...entry, compressedSize: Math.floor(entry.compressedSize / 2) } }),
      'exchange.damaged deflate',
    ],
    [
      'a block type that does not exist',
      () => ({ z: damagedZip((b) => (b[entry.dataStart] = 0x07)), e: entry }),
      'exchange.damaged deflate',
    ],
    [
      'garbage in the middle',
      () => ({
        z: damagedZip((b) => b.fill(0xff, entry.dataStart + 1000, entry.dataStart + 3000)),
        e: entry,
      }),
      '',
    ],
  ])('refuses %s with the same error as the synchronous reader', async (_label, make, expected) => {
    const { z, e } = make();
    const sync = await outcome('sync', z, e);
    const stream = await outcome('stream', z, e);
    expect(sync.error).toBeDefined();
    expect(stream.error).toBe(sync.error);
    if (expected) expect(stream.error).toBe(expected);
  });

  it("passes on what the sink throws and stops there (the line reader's refusals)", async () => {
    let calls = 0;
    const refusal = new ExchangeError('exchange.invalidRow', { table: 'people', line: 1, problem: 'json' });
    const sink = () => {
      if (++calls === 2) throw refusal;
    };
    await expect(inflateEntryAsync(zip, entry, sink)).rejects.toBe(refusal);
    expect(calls).toBe(2);
  });
});
