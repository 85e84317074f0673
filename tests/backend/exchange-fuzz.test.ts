/**
 * Mutated exchange files against a real database: every case is either imported validly or refused
 * with a sentence, and a refusal leaves the database byte-for-byte as it was.
 */
import { createHash, randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/contract/core';
import { translate } from '../../electron/backend/i18n';
import { applyImport } from '../../electron/backend/exchange/service';
import { packEntries, unpackEntries } from '../../electron/backend/exchange/zip';
import { contentHash, exportFrom, importInto, replica, seedGroup, type Replica } from './exchange-helpers';

let a: Replica;
let b: Replica;
let valid: Uint8Array;
let entries: Map<string, Uint8Array>;
const enc = new TextEncoder();
const dec = new TextDecoder();

beforeAll(async () => {
  a = await replica();
  b = await replica();
  const s = await seedGroup(a);
  valid = exportFrom(a, { kind: 'group', groupId: s.group.id });
  entries = unpackEntries(valid);
  // B already holds the data: a mutated-but-valid file mostly changes nothing, so the cases stay cheap.
  await importInto(b, valid);
});
afterAll(() => {
  a.cleanup();
  b.cleanup();
});

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Re-pack entries; `fixManifest` keeps sizes and hashes right so row checks are reached. */
function repack(files: Map<string, Uint8Array>, fixManifest: boolean, newExportId: boolean): Uint8Array {
  const manifest = JSON.parse(dec.decode(files.get('manifest.json'))) as {
    exportId: string;
    entries: Array<{ name: string; size: number; sha256: string; rows: number }>;
  };
  if (fixManifest) {
    for (const e of manifest.entries) {
      const data = files.get(e.name);
      if (!data) continue;
      e.size = data.length;
      e.sha256 = sha(data);
      e.rows = dec.decode(data).split('\n').length - 1;
    }
  }
  if (newExportId) manifest.exportId = randomUUID();
  files.set('manifest.json', enc.encode(JSON.stringify(manifest)));
  return packEntries(files);
}

/** A small seeded generator (mulberry32), so every case is reproducible from its seed. */
class Rng {
  constructor(private state: number) {}
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  nextInt(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  nextBoolean(): boolean {
    return this.next() < 0.5;
  }
}

type Mutation = (rng: Rng) => Uint8Array;
let bomb: Uint8Array | undefined;
const tableNames = () => [...entries.keys()].filter((n) => n !== 'manifest.json');

const MUTATIONS: Record<string, Mutation> = {
  bitFlip: (rng) => {
    const out = valid.slice();
    const flips = rng.nextInt(1, 4);
    for (let i = 0; i < flips; i++) {
      const at = rng.nextInt(0, out.length - 1);
      out[at] = out[at]! ^ (1 << rng.nextInt(0, 7));
    }
    return out;
  },
  truncate: (rng) => valid.slice(0, rng.nextInt(0, valid.length - 1)),
  appendGarbage: (rng) => {
    const extra = Uint8Array.from({ length: rng.nextInt(1, 64) }, () => rng.nextInt(0, 255));
    return new Uint8Array([...valid, ...extra]);
  },
  renameTraversal: (rng) => {
    // The writer refuses unsafe names, so pack a placeholder of the same length and patch the bytes.
    const files = new Map(entries);
    const names = tableNames();
    const name = names[rng.nextInt(0, names.length - 1)]!;
    const data = files.get(name)!;
    files.delete(name);
    const evil = ['../', '..\\', '/ab', 'C:/', '//x'][rng.nextInt(0, 4)]! + name;
    const placeholder = 'zz/' + name;
    files.set(placeholder, data);
    const bytes = packEntries(files);
    const from = enc.encode(placeholder);
    const to = enc.encode(evil);
    for (let i = 0; i + from.length <= bytes.length; i++) {
      if (from.every((c, j) => bytes[i + j] === c)) bytes.set(to, i);
    }
    return bytes;
  },
  duplicateEntry: (rng) => {
    const files = new Map(entries);
    const names = tableNames();
    const name = names[rng.nextInt(0, names.length - 1)]!;
    const twin = name.replace('tables/', 'tablez/');
    files.set(twin, files.get(name)!);
    const bytes = packEntries(files);
    const from = enc.encode(twin);
    const to = enc.encode(name);
    for (let i = 0; i + from.length <= bytes.length; i++) {
      if (from.every((c, j) => bytes[i + j] === c)) bytes.set(to, i);
    }
    return bytes;
  },
  extraEntry: (rng) => {
    const files = new Map(entries);
    files.set(`tables/extra${rng.nextInt(0, 9)}.ndjson`, enc.encode('{}\n'));
    return packEntries(files);
  },
  oversized: () => {
    // An entry inflating past the 256 MiB cap (built once: it compresses to a few hundred kB).
    if (!bomb) {
      const files = new Map(entries);
      files.set('tables/meetings.ndjson', new Uint8Array(257 * 1024 * 1024));
      bomb = repack(files, false, true);
    }
    return bomb;
  },
  manifestEdit: (rng) => {
    const files = new Map(entries);
    const m = JSON.parse(dec.decode(files.get('manifest.json'))) as Record<string, unknown>;
    const keys = Object.keys(m);
    const key = keys[rng.nextInt(0, keys.length - 1)]!;
    const values: unknown[] = [null, 0, -1, 2, 99, '', 'x', [], {}, true, '../../etc', { kind: 'group' }, 'painopiste-exchange'];
    if (rng.nextInt(0, 3) === 0) delete m[key];
    else m[key] = values[rng.nextInt(0, values.length - 1)];
    files.set('manifest.json', enc.encode(JSON.stringify(m)));
    return packEntries(files);
  },
  invalidRow: (rng) => {
    const files = new Map(entries);
    const names = tableNames().filter((n) => files.get(n)!.length > 0);
    const name = names[rng.nextInt(0, names.length - 1)]!;
    const lines = dec.decode(files.get(name)).split('\n').filter(Boolean);
    const i = rng.nextInt(0, lines.length - 1);
    const row = JSON.parse(lines[i]!) as Record<string, unknown>;
    const cols = Object.keys(row);
    const col = cols[rng.nextInt(0, cols.length - 1)]!;
    const choice = rng.nextInt(0, 6);
    if (choice === 0) delete row[col];
    else if (choice === 1) row[col] = null;
    else if (choice === 2) row[col] = { nested: true };
    else if (choice === 3) row[`unknown_${col}`] = 1;
    else if (choice === 4) row[col] = typeof row[col] === 'string' ? 42.5 : 'text';
    else if (choice === 5) row[col] = randomUUID();
    else lines.push(lines[i]!);
    lines[i] = JSON.stringify(row);
    files.set(name, enc.encode(lines.join('\n') + '\n'));
    return repack(files, rng.nextInt(0, 3) !== 0, rng.nextBoolean());
  },
  badJson: (rng) => {
    const files = new Map(entries);
    const names = tableNames();
    const name = names[rng.nextInt(0, names.length - 1)]!;
    files.set(name, enc.encode(['{', '[]\n', 'null\n', '"x"\n', '{}\n', '\ufeff{}\n', '{"id":1}\n'][rng.nextInt(0, 6)]!));
    return repack(files, true, false);
  },
};

describe('fuzzing the importer with mutated files', () => {
  it('imports validly or refuses with a sentence, leaving the database unchanged', async () => {
    let hash = contentHash(b.backend);
    const seen: Record<string, number> = {};
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...Object.keys(MUTATIONS)), fc.integer(), async (kind, seed) => {
        const bytes = MUTATIONS[kind]!(new Rng(seed));
        try {
          await applyImport(b.backend.ctx, bytes);
          accepted++;
          // Accepted: the database must still be whole.
          expect(b.backend.ctx.db.pragma('foreign_key_check')).toEqual([]);
          hash = contentHash(b.backend);
        } catch (e) {
          expect(e).toBeInstanceOf(ApiError);
          const err = e as ApiError;
          expect(err.key.startsWith('exchange.') || err.key.startsWith('errors.')).toBe(true);
          expect(translate(err.key, err.params)).not.toBe(err.key.split('.').pop());
          expect(err.key).not.toBe('errors.internal');
          seen[err.key] = (seen[err.key] ?? 0) + 1;
          expect(contentHash(b.backend)).toBe(hash);
        }
      }),
      { numRuns: 2000 },
    );
    // The mutations reach many different refusals, not one early check.
    expect(Object.keys(seen).length).toBeGreaterThanOrEqual(8);
    expect(accepted).toBeLessThan(2000);
  });
});
