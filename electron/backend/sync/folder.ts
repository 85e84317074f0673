/**
 * The layout of a shared sync folder (docs/sync-folder.md) and the reading and writing of its files.
 *
 *   <folder>/<replica id>/<sequence>.wgx   exchange files of that laptop (change files and snapshots)
 *   <folder>/<replica id>/laptop.wgxi      that laptop's index: its name, its files with their SHA-256
 *                                          and size, how far it has applied every other laptop's files
 *
 * Every laptop writes only inside its own folder, so a sync engine never meets two writers of one file.
 * Both kinds of file are encrypted with the group's passphrase (the envelope of exchange/crypto.ts):
 * the folder lives in somebody's cloud. The index lists each file's hash so that a file the sync
 * engine has not finished delivering (shorter, or different bytes) is recognised as "not here yet"
 * rather than as damage; the index is itself authenticated by the passphrase, so nobody without it can
 * make a changed file look complete.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { decryptBytes, encryptBytes, type ScryptParams } from '../exchange/crypto';
import { writeFileAtomic } from '../files';

export const INDEX_FILE = 'laptop.wgxi';
const INDEX_FORMAT = 'painopiste-sync-index';
const REPLICA_DIR = /^[0-9a-zA-Z-]{1,64}$/;
const FILE_NAME = /^(\d{8})\.wgx$/;
/** An index is small; anything bigger is not one. */
const MAX_INDEX_BYTES = 4 * 1024 * 1024;

export function fileNameFor(seq: number): string {
  return `${String(seq).padStart(8, '0')}.wgx`;
}

export function seqOfFileName(name: string): number | null {
  const m = FILE_NAME.exec(name);
  return m ? Number(m[1]) : null;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
const replica = z.string().regex(REPLICA_DIR);

const indexSchema = z.object({
  format: z.literal(INDEX_FORMAT),
  version: z.literal(1),
  groupId: uuid,
  replicaId: replica,
  laptopName: z.string().max(200),
  writtenAt: z.string().max(40),
  /** The laptop unlinked the group: its listed files stay valid, it no longer reads any. */
  left: z.boolean(),
  files: z
    .array(
      z.object({
        seq: z.number().int().min(1),
        exportId: uuid,
        /** A whole-group file; `start`: the first after linking (it holds changes no earlier file has). */
        snapshot: z.boolean(),
        start: z.boolean(),
        sha256: z.string().regex(/^[0-9a-f]{64}$/),
        size: z.number().int().min(0),
      }),
    )
    .max(100_000),
  /** Per other laptop: every file of theirs up to this sequence number is applied here. */
  covered: z.record(replica, z.number().int().min(0)),
  /** Laptops this laptop removed from the folder; their files are ignored by everyone. */
  removed: z.array(replica).max(10_000),
});

export type LaptopIndex = z.infer<typeof indexSchema>;
export type IndexedFile = LaptopIndex['files'][number];

export function replicaDir(folder: string, replicaId: string): string {
  return path.join(folder, replicaId);
}

/** Write this laptop's index (encrypted). */
export function writeIndex(folder: string, index: LaptopIndex, passphrase: string, scrypt?: Partial<ScryptParams>): void {
  const dir = replicaDir(folder, index.replicaId);
  fs.mkdirSync(dir, { recursive: true });
  const plain = new TextEncoder().encode(JSON.stringify(index));
  writeFileAtomic(path.join(dir, INDEX_FILE), encryptBytes(plain, passphrase, { scrypt }));
}

export function writeExchangeFile(folder: string, replicaId: string, seq: number, bytes: Uint8Array): string {
  const dir = replicaDir(folder, replicaId);
  fs.mkdirSync(dir, { recursive: true });
  const target = path.join(dir, fileNameFor(seq));
  writeFileAtomic(target, bytes);
  return target;
}

/** The other laptops' folders (replica ids), in name order. Anything else in the folder is ignored. */
export function peerDirs(folder: string, self: string): string[] {
  let names: fs.Dirent[];
  try {
    names = fs.readdirSync(folder, { withFileTypes: true });
  } catch {
    return [];
  }
  return names
    .filter((d) => d.isDirectory() && REPLICA_DIR.test(d.name) && d.name !== self)
    .map((d) => d.name)
    .sort();
}

export type IndexRead =
  | { kind: 'ok'; index: LaptopIndex; sha256: string }
  | { kind: 'missing' }
  /** Not decryptable or not an index: still being synced, written with another passphrase, or damaged. */
  | { kind: 'unreadable'; sha256: string };

/** Reads a laptop's index. `known` skips the decryption when the bytes are those already read. */
export function readIndex(
  folder: string,
  replicaId: string,
  passphrase: string,
  known?: { sha256: string; index: LaptopIndex },
): IndexRead {
  let bytes: Buffer;
  try {
    const file = path.join(replicaDir(folder, replicaId), INDEX_FILE);
    if (fs.statSync(file).size > MAX_INDEX_BYTES) return { kind: 'unreadable', sha256: 'too-large' };
    bytes = fs.readFileSync(file);
  } catch {
    return { kind: 'missing' };
  }
  const sha256 = sha256Hex(bytes);
  if (known && known.sha256 === sha256) return { kind: 'ok', index: known.index, sha256 };
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(decryptBytes(bytes, passphrase));
    const parsed = indexSchema.safeParse(JSON.parse(text));
    if (!parsed.success || parsed.data.replicaId !== replicaId) return { kind: 'unreadable', sha256 };
    return { kind: 'ok', index: parsed.data, sha256 };
  } catch {
    return { kind: 'unreadable', sha256 };
  }
}

export type FileRead =
  | { kind: 'ok'; bytes: Buffer }
  | { kind: 'missing' }
  /** Present, but not the bytes the index names (still arriving, or changed since it was written). */
  | { kind: 'incomplete'; sha256: string; size: number };

/** Reads one listed file and checks it against its index entry. */
export function readListedFile(folder: string, replicaId: string, entry: IndexedFile): FileRead {
  let bytes: Buffer;
  try {
    const file = path.join(replicaDir(folder, replicaId), fileNameFor(entry.seq));
    // A file far larger than listed is not read whole.
    if (fs.statSync(file).size > entry.size) return { kind: 'incomplete', sha256: 'larger', size: fs.statSync(file).size };
    bytes = fs.readFileSync(file);
  } catch {
    return { kind: 'missing' };
  }
  const sha256 = sha256Hex(bytes);
  if (bytes.length !== entry.size || sha256 !== entry.sha256) return { kind: 'incomplete', sha256, size: bytes.length };
  return { kind: 'ok', bytes };
}

export function removeOwnFile(folder: string, replicaId: string, seq: number): void {
  fs.rmSync(path.join(replicaDir(folder, replicaId), fileNameFor(seq)), { force: true });
}

/** Sequence numbers of this laptop's files already in the folder (a re-link continues after them). */
export function ownFileSeqs(folder: string, replicaId: string): number[] {
  try {
    return fs
      .readdirSync(replicaDir(folder, replicaId))
      .map(seqOfFileName)
      .filter((n): n is number => n !== null);
  } catch {
    return [];
  }
}

export function indexExists(folder: string, replicaId: string): boolean {
  return fs.existsSync(path.join(replicaDir(folder, replicaId), INDEX_FILE));
}

export function folderReachable(folder: string): boolean {
  try {
    return fs.statSync(folder).isDirectory();
  } catch {
    return false;
  }
}

export { INDEX_FORMAT };
