/**
 * The exchange file layout (docs/exchange-format.md): a zip holding `manifest.json` and one
 * `tables/<table>.ndjson` per table, optionally wrapped in the passphrase envelope (crypto.ts).
 *
 * `readExchangeFile` verifies everything before returning — envelope, zip safety (the manifest is
 * read before any table entry is inflated, and tables are streamed), manifest, versions, hashes,
 * every row's meta fields and the caller's per-table check — so the import service can show a
 * preview and write inside one transaction knowing the input is whole. Every refusal is an
 * ExchangeError with an i18n key; nothing else escapes for any input bytes.
 */
import { createHash, type Hash } from 'node:crypto';
import zlib from 'node:zlib';
import { z } from 'zod';
import { isHlc, type Hlc } from '../../../shared/hlc';
import type { Row } from '../../../shared/exchange/merge';
import { isUnicodeText } from '../../../shared/unicode';
import { decryptBytes, encryptBytes, isEncrypted, type ScryptParams } from './crypto';
import {
  DEFAULT_ZIP_LIMITS,
  ExchangeError,
  entryBytes,
  inflateEntry,
  inflateEntryAsync,
  openZip,
  packPrepared,
  prepareEntry,
  type PreparedEntry,
  type ZipDirectory,
  type ZipLimits,
} from './zip';

export { ExchangeError, isExchangeError, type ExchangeErrorKey, type ZipLimits } from './zip';
export { isEncrypted } from './crypto';

export const FORMAT_NAME = 'painopiste-exchange';
export const FORMAT_MAJOR = 1;
/** 1.1: meeting materials' bytes travel as `blobs/<sha-256>` entries listed in `manifest.blobs`. */
export const FORMAT_MINOR = 1;
export const MANIFEST_ENTRY = 'manifest.json';
/** The manifest is small; a huge one is refused before it is parsed. */
const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;
/** Blob entries one file may hold, on top of the zip reader's entry cap for tables. */
export const MAX_BLOB_ENTRIES = 4096;
const SHA256_HEX = /^[0-9a-f]{64}$/;

const sha256Hex = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** The zip path of a blob: its content's hash, never a name that came with the file. */
export function blobEntryName(sha256: string): string {
  return `blobs/${sha256}`;
}

const TABLE_NAME = /^[a-z][a-z0-9_]{0,62}$/;
const COLUMN_NAME = /^[a-z][a-z0-9_]{0,62}$/;
const FIELD_HLC_KEY = /^(?:\*|[a-z][a-z0-9_]{0,62}(?:@[0-9a-zA-Z-]{1,64})?)$/;
const REPLICA_ID = /^[0-9a-zA-Z-]{1,64}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// ISO 8601 date-time; a space separator (SQLite's own format) is accepted too.
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?$/;
const MAX_FIELD_HLC_CHARS = 64 * 1024;

export type ScopeKind = 'group' | 'database' | 'candidates';

export interface ExchangeScope {
  kind: ScopeKind;
  groupId?: string;
  roundId?: string;
}

export interface ManifestEntry {
  /** Path inside the zip: `tables/<table>.ndjson`. */
  name: string;
  table: string;
  /** Bytes of the (uncompressed) entry. */
  size: number;
  /** Lowercase hex SHA-256 of the entry's bytes. */
  sha256: string;
  rows: number;
}

/** One content-addressed blob (a meeting material's bytes). */
export interface ManifestBlob {
  name: string;
  sha256: string;
  size: number;
}

export interface Manifest {
  format: typeof FORMAT_NAME;
  formatMajor: number;
  formatMinor: number;
  /** Oldest Painopiste version that reads this file (shown to users of older versions). */
  minReaderVersion: string;
  schemaVersion: number;
  scope: ExchangeScope;
  exportId: string;
  replicaId: string;
  exportedAt: string;
  /** Per replica id, the newest stamp from that replica found in the rows. */
  clockSummary: Record<string, Hlc>;
  entries: ManifestEntry[];
  /** Absent in files without materials (and in every 1.0 file). */
  blobs?: ManifestBlob[];
}

const uuid = z.string().regex(UUID);

const manifestSchema = z.object({
  format: z.literal(FORMAT_NAME),
  formatMajor: z.number().int().min(1),
  formatMinor: z.number().int().min(0),
  minReaderVersion: z.string().min(1).max(64),
  schemaVersion: z.number().int().min(0),
  scope: z
    .object({
      kind: z.enum(['group', 'database', 'candidates']),
      groupId: uuid.optional(),
      roundId: uuid.optional(),
    })
    .refine((s) => s.kind !== 'group' || s.groupId !== undefined, { message: 'group scope needs groupId' })
    .refine((s) => s.kind !== 'candidates' || s.roundId !== undefined, { message: 'candidates scope needs roundId' }),
  exportId: uuid,
  replicaId: z.string().regex(REPLICA_ID),
  exportedAt: z.string().regex(TIMESTAMP),
  clockSummary: z.record(z.string().regex(REPLICA_ID), z.string().refine(isHlc)),
  entries: z
    .array(
      z.object({
        name: z.string(),
        table: z.string().regex(TABLE_NAME),
        size: z.number().int().min(0),
        sha256: z.string().regex(/^[0-9a-f]{64}$/),
        rows: z.number().int().min(0),
      }),
    )
    .max(10_000),
  blobs: z
    .array(
      z.object({
        name: z.string(),
        sha256: z.string().regex(SHA256_HEX),
        size: z.number().int().min(0),
      }),
    )
    .max(MAX_BLOB_ENTRIES)
    .optional(),
});

export function tableEntryName(table: string): string {
  return `tables/${table}.ndjson`;
}

/**
 * Why a row's meta fields are invalid, or null. Exported so the builder and tests share the rule.
 * Columns must be snake_case and hold JSON scalars (what SQLite stores).
 */
export function rowMetaProblem(row: unknown): string | null {
  return inspectRow(row, undefined);
}

// Column names already checked: rows of a table repeat the same few names 100 000 times.
const goodColumns = new Set<string>();

/** rowMetaProblem, also handing every stamp of a valid row to `onStamp` (one parse of field_hlc). */
function inspectRow(row: unknown, onStamp: ((stamp: Hlc) => void) | undefined): string | null {
  if (row === null || typeof row !== 'object' || Array.isArray(row)) return 'notAnObject';
  const r = row as Record<string, unknown>;
  if (typeof r.id !== 'string' || !UUID.test(r.id)) return 'id';
  if (typeof r.created_at !== 'string' || !TIMESTAMP.test(r.created_at)) return 'created_at';
  if (typeof r.updated_at !== 'string' || !TIMESTAMP.test(r.updated_at)) return 'updated_at';
  if (!isHlc(r.hlc)) return 'hlc';
  if (r.deleted !== 0 && r.deleted !== 1) return 'deleted';
  const fh = r.field_hlc;
  if (typeof fh !== 'string' || fh.length > MAX_FIELD_HLC_CHARS) return 'field_hlc';
  // Most rows of a file were never edited since they were made: field_hlc is exactly {"*": the row's
  // own stamp}, which JSON.parse would turn into one valid clock under "*" (a stamp holds no character
  // JSON escapes). That text is recognised without parsing it; any other text is parsed and checked.
  const plain = fh === `{"*":"${r.hlc}"}`;
  let c: Record<string, unknown> | undefined;
  if (!plain) {
    let clocks: unknown;
    try {
      clocks = JSON.parse(fh);
    } catch {
      return 'field_hlc';
    }
    if (clocks === null || typeof clocks !== 'object' || Array.isArray(clocks)) return 'field_hlc';
    c = clocks as Record<string, unknown>;
    if (typeof c['*'] !== 'string') return 'field_hlc';
    for (const key in c) {
      const v = c[key];
      if (!isHlc(v) || (!goodColumns.has(key) && key !== '*' && !FIELD_HLC_KEY.test(key))) {
        return 'field_hlc';
      }
    }
  }
  for (const key in r) {
    if (!goodColumns.has(key)) {
      if (!COLUMN_NAME.test(key)) return 'column';
      if (goodColumns.size < 10_000) goodColumns.add(key);
    }
    const v = r[key];
    if (v !== null && typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') return 'value';
    if (typeof v === 'string' && !isUnicodeText(v)) return 'text';
  }
  if (onStamp) {
    onStamp(r.hlc);
    if (c) for (const key in c) onStamp(c[key] as Hlc);
  }
  return null;
}

/**
 * For rows read from this program's own database (written through the row store or verified on
 * import): only what the manifest needs from them — every stamp, for the clock summary — and the
 * stamps' shape. The full check costs about a quarter of the raw read of a whole-database export.
 */
function noteTrustedStamps(hlc: unknown, fieldHlc: unknown, onStamp: (stamp: Hlc) => void): string | null {
  if (!isHlc(hlc)) return 'hlc';
  if (typeof fieldHlc !== 'string') return 'field_hlc';
  let clocks: unknown;
  try {
    clocks = JSON.parse(fieldHlc);
  } catch {
    return 'field_hlc';
  }
  if (clocks === null || typeof clocks !== 'object' || Array.isArray(clocks)) return 'field_hlc';
  const c = clocks as Record<string, unknown>;
  for (const key in c) if (!isHlc(c[key])) return 'field_hlc';
  onStamp(hlc);
  for (const key in c) onStamp(c[key] as Hlc);
  return null;
}

/** Successor stamps (merge.ts) extend a replica id with "-"; they count toward that replica. */
function replicaOfStamp(stamp: Hlc): string {
  const replica = stamp.slice(22);
  return replica.endsWith('-') ? replica.replace(/-+$/, '') : replica;
}

export interface ExchangeFileInput {
  tables: Record<string, readonly Row[]>;
  minReaderVersion: string;
  schemaVersion: number;
  scope: ExchangeScope;
  exportId: string;
  replicaId: string;
  exportedAt: string;
}

export interface BuildOptions {
  /** Only for tests and benchmarks; files for people use the defaults. */
  scrypt?: Partial<ScryptParams>;
  /** zlib level for entries (default 1). */
  compressionLevel?: number;
}

const encoder = new TextEncoder();

/** The file's header fields: everything of ExchangeFileInput but the rows. */
export type ExchangeFileHeader = Omit<ExchangeFileInput, 'tables'>;

/** NDJSON is serialised, hashed and compressed in pieces of at most this many bytes (or one long row). */
const PIECE_BYTES = 1 << 22;

/**
 * Builds an exchange file a table at a time: each table's rows are serialised, hashed and compressed
 * in pieces as they are read, so only the compressed entries are kept — memory stays near one piece
 * plus the finished file, whatever the size of the tables (docs/performance.md, "Export").
 *
 * The entries are the same bytes as ever. A table that fits in one piece is compressed exactly as
 * `packEntries` does; a larger one is a deflate stream of independently compressed pieces
 * (sync-flushed, then one final empty block), which any inflater reads as one stream.
 */
export class ExchangeFileWriter {
  private readonly entries: ManifestEntry[] = [];
  private readonly blobs: ManifestBlob[] = [];
  private readonly prepared: PreparedEntry[] = [];
  private readonly clockSummary: Record<string, Hlc> = {};
  private readonly level: number;
  private readonly tables = new Set<string>();
  private readonly note = (stamp: Hlc) => {
    const replica = replicaOfStamp(stamp);
    const prev = this.clockSummary[replica];
    if (prev === undefined || stamp > prev) this.clockSummary[replica] = stamp;
  };

  constructor(private readonly opts: BuildOptions = {}) {
    this.level = opts.compressionLevel ?? 1;
  }

  /**
   * Adds one table's entry; returns the rows written and how many are not tombstones. A table with
   * no rows gets an empty entry unless `skipEmpty`. `trusted`: rows straight from this program's own
   * database, whose meta fields are not checked again (noteTrustedStamps).
   */
  addTable(
    table: string,
    rows: Iterable<Row>,
    { skipEmpty = false, trusted = false }: { skipEmpty?: boolean; trusted?: boolean } = {},
  ): { rows: number; live: number } {
    return this.addEntry(table, skipEmpty, (emit) => {
      let line = 0;
      for (const row of rows) {
        line++;
        // Refuse to write what a reader would refuse to read (rows of this database were checked when written).
        const problem = trusted ? noteTrustedStamps(row.hlc, row.field_hlc, this.note) : inspectRow(row, this.note);
        if (problem) throw new ExchangeError('exchange.invalidRow', { table, line, problem });
        emit(JSON.stringify(row), row.deleted === 0);
      }
    });
  }

  /**
   * Adds one table's entry from rows this program's database serialised itself (SQLite's
   * `json_object` over the columns, in column order: the same text as JSON.stringify of the row for
   * TEXT and INTEGER columns), each as `[line, hlc, field_hlc, deleted]`. Skips an empty table.
   */
  addSerialisedTable(table: string, rows: Iterable<unknown[]>): { rows: number; live: number } {
    return this.addEntry(table, true, (emit) => {
      let line = 0;
      for (const [json, hlc, fieldHlc, deleted] of rows) {
        line++;
        const problem = typeof json !== 'string' ? 'value' : noteTrustedStamps(hlc, fieldHlc, this.note);
        if (problem) throw new ExchangeError('exchange.invalidRow', { table, line, problem });
        emit(json as string, deleted === 0);
      }
    });
  }

  private addEntry(
    table: string,
    skipEmpty: boolean,
    produce: (emit: (line: string, live: boolean) => void) => void,
  ): { rows: number; live: number } {
    if (!TABLE_NAME.test(table) || this.tables.has(table)) throw new ExchangeError('exchange.unknownTable', { table });
    const name = tableEntryName(table);
    const hash: Hash = createHash('sha256');
    let crc = 0;
    let size = 0;
    let count = 0;
    let live = 0;
    // The first piece waits: if it is the only one, the entry is compressed exactly as packEntries does.
    let first: Buffer | null = null;
    let body: Buffer[] | null = null;
    const deflatePiece = (piece: Buffer) =>
      this.level > 0
        ? zlib.deflateRawSync(piece, { level: this.level, finishFlush: zlib.constants.Z_SYNC_FLUSH })
        : Buffer.from(piece);
    // Lines are encoded straight into one reused buffer; a piece leaves it compressed (or copied).
    let buf = Buffer.allocUnsafe(PIECE_BYTES);
    let used = 0;
    const flush = () => {
      const piece = buf.subarray(0, used);
      used = 0;
      hash.update(piece);
      crc = zlib.crc32(piece, crc);
      size += piece.length;
      if (body) {
        body.push(deflatePiece(piece));
      } else if (first) {
        body = [deflatePiece(first), deflatePiece(piece)];
        first = null;
      } else {
        first = Buffer.from(piece);
      }
    };
    produce((line, isLive) => {
      count++;
      if (isLive) live++;
      // UTF-8 takes at most 3 bytes per UTF-16 code unit, plus the newline.
      const room = line.length * 3 + 1;
      if (used + room > buf.length) {
        if (used > 0) flush();
        if (room > buf.length) buf = Buffer.allocUnsafe(room);
      }
      used += buf.write(line, used, 'utf8');
      buf[used++] = 0x0a;
    });
    if (used > 0) flush();
    if (count === 0 && skipEmpty) return { rows: 0, live: 0 };
    this.tables.add(table);
    const sha256 = hash.digest('hex');
    if (body) {
      const pieces: Buffer[] = body;
      if (this.level > 0) pieces.push(zlib.deflateRawSync(Buffer.alloc(0), { level: this.level }));
      this.prepared.push({ name, method: this.level > 0 ? 8 : 0, crc: crc >>> 0, size, body: pieces });
    } else {
      this.prepared.push(prepareEntry(name, first ?? new Uint8Array(0), this.level));
    }
    this.entries.push({ name, table, size, sha256, rows: count });
    return { rows: count, live };
  }

  /** Adds one blob under its hash (each hash once: the file is deduplicated by content). */
  addBlob(sha256: string, content: Uint8Array): void {
    if (!SHA256_HEX.test(sha256) || sha256Hex(content) !== sha256)
      throw new ExchangeError('exchange.tamperedEntry', { entry: blobEntryName(sha256) });
    if (this.blobs.some((b) => b.sha256 === sha256)) return;
    if (this.blobs.length >= MAX_BLOB_ENTRIES)
      throw new ExchangeError('exchange.tooLarge', { entries: this.blobs.length + 1, max: MAX_BLOB_ENTRIES });
    const name = blobEntryName(sha256);
    this.prepared.push(prepareEntry(name, content, this.level));
    this.blobs.push({ name, sha256, size: content.length });
  }

  /** The file's bytes: the manifest and every table added; encrypted when a passphrase is given. */
  finish(header: ExchangeFileHeader, passphrase?: string): Uint8Array {
    const manifest: Manifest = {
      format: FORMAT_NAME,
      formatMajor: FORMAT_MAJOR,
      formatMinor: FORMAT_MINOR,
      minReaderVersion: header.minReaderVersion,
      schemaVersion: header.schemaVersion,
      scope: header.scope,
      exportId: header.exportId,
      replicaId: header.replicaId,
      exportedAt: header.exportedAt,
      clockSummary: Object.fromEntries(Object.entries(this.clockSummary).sort(([a], [b]) => (a < b ? -1 : 1))),
      entries: [...this.entries].sort((a, b) => (a.table < b.table ? -1 : a.table > b.table ? 1 : 0)),
      ...(this.blobs.length ? { blobs: [...this.blobs].sort((a, b) => (a.sha256 < b.sha256 ? -1 : 1)) } : {}),
    };
    const checked = manifestSchema.safeParse(manifest);
    if (!checked.success) {
      throw new ExchangeError('exchange.invalidManifest', { path: checked.error.issues[0]?.path.join('.') ?? '' });
    }
    const manifestEntry = prepareEntry(MANIFEST_ENTRY, encoder.encode(`${JSON.stringify(manifest, null, 2)}\n`), this.level);
    const zip = packPrepared([manifestEntry, ...this.prepared]);
    this.prepared.length = 0;
    return passphrase ? encryptBytes(zip, passphrase, { scrypt: this.opts.scrypt }) : zip;
  }
}

/** Builds the bytes of an exchange file; encrypted when a passphrase is given. */
export function buildExchangeFile(input: ExchangeFileInput, passphrase?: string, opts: BuildOptions = {}): Uint8Array {
  const writer = new ExchangeFileWriter(opts);
  for (const table of Object.keys(input.tables).sort()) writer.addTable(table, input.tables[table]!);
  const { tables: _rows, ...header } = input;
  return writer.finish(header, passphrase);
}

export interface ReadOptions {
  passphrase?: string;
  /** The highest format major this program reads. */
  readerFormatMajor?: number;
  /** This program's version, for the "newer version needed" message. */
  readerAppVersion?: string;
  /** Tables this program knows; any other table is refused. Omit to accept any well-formed name. */
  knownTables?: readonly string[];
  /** Per-table row check after the meta fields pass; returns a problem (i18n key or short text) or null. */
  rowSchema?: (table: string, row: Row) => string | null;
  /** Refuse a file whose scope is not this (e.g. a handover for another group than the one chosen). */
  expectedScope?: ExchangeScope;
  limits?: ZipLimits;
  /** Largest blob accepted (a material's cap); default the zip reader's entry cap. */
  maxBlobBytes?: number;
}

export interface ExchangeFile {
  manifest: Manifest;
  /** The newest stamp anywhere in the file: the manifest's clock summary, every row's hlc and field clocks. */
  newestStamp: Hlc | null;
  /** Rows per table, in file order; each table listed in the manifest is present (possibly empty). */
  tables: Record<string, Row[]>;
  /** Blobs by SHA-256, each verified against its name, the manifest's size and its hash. */
  blobs: Map<string, Uint8Array>;
}

function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** A reader bug must still surface as a refusal, never as an unexplained crash mid-import. */
function asRefusal(err: unknown): ExchangeError {
  if (err instanceof ExchangeError) return err;
  return new ExchangeError('exchange.damaged', { reason: 'unexpected' }, err instanceof Error ? err.message : String(err));
}

/** Reads and verifies an exchange file completely; throws ExchangeError on anything wrong. */
export function readExchangeFile(input: Uint8Array, opts: ReadOptions = {}): ExchangeFile {
  try {
    const opened = openVerified(input, opts);
    const tables: Record<string, Row[]> = {};
    for (const e of opened.manifest.entries) {
      const reader = tableReader(e, opts.rowSchema, opened.note);
      inflateEntry(opened.zip, opened.zip.byName.get(e.name)!, reader.take);
      tables[e.table] = reader.finish();
    }
    return finishRead(opened, tables);
  } catch (err) {
    throw asRefusal(err);
  }
}

/**
 * `readExchangeFile` with the same checks in the same order and the same refusals, the large table
 * entries inflated by Node's native zlib off the calling thread (`inflateEntryAsync`; the import
 * uses it, the preview the synchronous reader). Memory stays bounded the same way.
 */
export async function readExchangeFileAsync(input: Uint8Array, opts: ReadOptions = {}): Promise<ExchangeFile> {
  try {
    const opened = openVerified(input, opts);
    const tables: Record<string, Row[]> = {};
    for (const e of opened.manifest.entries) {
      const reader = tableReader(e, opts.rowSchema, opened.note);
      await inflateEntryAsync(opened.zip, opened.zip.byName.get(e.name)!, reader.take);
      tables[e.table] = reader.finish();
    }
    return finishRead(opened, tables);
  } catch (err) {
    throw asRefusal(err);
  }
}

/** A file whose envelope, zip structure and manifest are verified; its table entries not yet read. */
interface OpenedFile {
  zip: ZipDirectory;
  manifest: Manifest;
  /** Takes every stamp read, for the file's newest stamp. */
  note: (stamp: Hlc) => void;
  newest: () => Hlc | null;
}

/** Everything a reader checks before inflating a table entry (see readExchangeFile's module comment). */
function openVerified(input: Uint8Array, opts: ReadOptions): OpenedFile {
  const readerMajor = opts.readerFormatMajor ?? FORMAT_MAJOR;
  let bytes = input;
  if (isEncrypted(bytes)) {
    if (!opts.passphrase) throw new ExchangeError('exchange.passphraseRequired');
    bytes = decryptBytes(bytes, opts.passphrase);
  }
  // The structure first (central directory, local headers, declared sizes), inflating nothing. The
  // same reader and caps for every entry; blobs only add to the entry count.
  const zip = openZip(
    bytes,
    opts.limits ?? { ...DEFAULT_ZIP_LIMITS, maxEntries: DEFAULT_ZIP_LIMITS.maxEntries + MAX_BLOB_ENTRIES },
  );

  // Then the manifest alone, capped by its declared size and by MAX_MANIFEST_BYTES.
  const manifestEntry = zip.byName.get(MANIFEST_ENTRY);
  if (!manifestEntry || manifestEntry.isDirectory) throw new ExchangeError('exchange.notAPainopisteFile');
  if (manifestEntry.size > MAX_MANIFEST_BYTES) {
    throw new ExchangeError('exchange.tooLarge', { entry: MANIFEST_ENTRY, size: manifestEntry.size, max: MAX_MANIFEST_BYTES });
  }
  const manifestText = decodeUtf8(entryBytes(zip, manifestEntry));
  let raw: unknown;
  try {
    raw = manifestText === undefined ? undefined : JSON.parse(manifestText);
  } catch {
    raw = undefined;
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ExchangeError('exchange.invalidManifest', { path: '' });
  }
  const loose = raw as Record<string, unknown>;
  if (loose.format !== FORMAT_NAME) throw new ExchangeError('exchange.notAPainopisteFile');
  // The version is judged before the schema: a newer major may have changed everything else.
  if (typeof loose.formatMajor === 'number' && Number.isInteger(loose.formatMajor) && loose.formatMajor > readerMajor) {
    throw new ExchangeError('exchange.newerVersion', {
      needed: typeof loose.minReaderVersion === 'string' ? loose.minReaderVersion.slice(0, 64) : '',
      have: opts.readerAppVersion ?? '',
      formatMajor: loose.formatMajor,
      readerFormatMajor: readerMajor,
    });
  }
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ExchangeError('exchange.invalidManifest', { path: parsed.error.issues[0]?.path.join('.') ?? '' });
  }
  const manifest = parsed.data as Manifest;

  // Entries, still before inflating any of them: each listed once, named after its table, present in
  // the zip with the size the manifest states; nothing unlisted in the zip.
  const listed = new Set<string>();
  const tablesSeen = new Set<string>();
  for (const e of manifest.entries) {
    if (e.name !== tableEntryName(e.table) || listed.has(e.name) || tablesSeen.has(e.table)) {
      throw new ExchangeError('exchange.invalidManifest', { path: 'entries', entry: e.name.slice(0, 80) });
    }
    listed.add(e.name);
    tablesSeen.add(e.table);
    if (opts.knownTables && !opts.knownTables.includes(e.table)) {
      throw new ExchangeError('exchange.unknownTable', { table: e.table });
    }
  }
  const maxBlob = opts.maxBlobBytes ?? (opts.limits ?? DEFAULT_ZIP_LIMITS).maxEntryBytes;
  for (const b of manifest.blobs ?? []) {
    // A blob is named by its hash and nothing else; its declared size is checked before inflating.
    if (b.name !== blobEntryName(b.sha256) || listed.has(b.name)) {
      throw new ExchangeError('exchange.invalidManifest', { path: 'blobs', entry: b.name.slice(0, 80) });
    }
    listed.add(b.name);
    const z = zip.byName.get(b.name);
    if (!z || z.isDirectory) throw new ExchangeError('exchange.missingEntry', { entry: b.name });
    if (z.size > maxBlob) throw new ExchangeError('exchange.tooLarge', { entry: b.name, size: z.size, max: maxBlob });
    if (z.size !== b.size) throw new ExchangeError('exchange.tamperedEntry', { entry: b.name });
  }
  for (const name of zip.byName.keys()) {
    if (name !== MANIFEST_ENTRY && !listed.has(name)) {
      throw new ExchangeError('exchange.unexpectedEntry', { entry: name.slice(0, 80) });
    }
  }
  for (const e of manifest.entries) {
    const z = zip.byName.get(e.name);
    if (!z || z.isDirectory) throw new ExchangeError('exchange.missingEntry', { entry: e.name });
    if (z.size !== e.size) throw new ExchangeError('exchange.tamperedEntry', { entry: e.name });
  }

  if (opts.expectedScope) {
    const want = opts.expectedScope;
    const got = manifest.scope;
    if (
      want.kind !== got.kind ||
      (want.groupId ?? null) !== (got.groupId ?? null) ||
      (want.roundId ?? null) !== (got.roundId ?? null)
    ) {
      // The scanning page expects a candidate file of its round; the import wizard, a chosen group's file.
      const key = want.kind === 'candidates' ? 'exchange.wrongRound' : 'exchange.wrongScope';
      throw new ExchangeError(key, { expected: want.kind, actual: got.kind });
    }
  }

  // Only now the tables (the caller reads them), one at a time, each streamed: inflated piece by
  // piece into the hash and the line reader, so no entry's text is ever held whole.
  let newestStamp: Hlc | null = null;
  const note = (stamp: Hlc) => {
    if (newestStamp === null || stamp > newestStamp) newestStamp = stamp;
  };
  for (const stamp of Object.values(manifest.clockSummary)) note(stamp);
  return { zip, manifest, note, newest: () => newestStamp };
}

/** After the tables, the blobs, each inflated within its declared size and refused unless its bytes are what its name says. */
function finishRead(opened: OpenedFile, tables: Record<string, Row[]>): ExchangeFile {
  const { zip, manifest } = opened;
  const blobs = new Map<string, Uint8Array>();
  for (const b of manifest.blobs ?? []) {
    const data = entryBytes(zip, zip.byName.get(b.name)!);
    if (data.length !== b.size || sha256Hex(data) !== b.sha256)
      throw new ExchangeError('exchange.tamperedEntry', { entry: b.name });
    blobs.set(b.sha256, data);
  }
  return { manifest, tables, newestStamp: opened.newest(), blobs };
}

/**
 * The longest NDJSON line (one row) a reader accepts, in characters: a row holds at most three long
 * texts of LIMITS.longText characters, each at most six characters as a JSON escape (~1.8 M).
 */
export const MAX_LINE_CHARS = 4 * 1024 * 1024;

/**
 * The line reader of one table entry: `take` each piece of the inflated entry in order (it hashes,
 * decodes and checks every row as its line completes, and throws at the first problem), then
 * `finish` for the checks of the whole entry and its rows.
 */
function tableReader(
  entry: ManifestEntry,
  rowSchema: ReadOptions['rowSchema'],
  onStamp: (stamp: Hlc) => void,
): { take: (chunk: Uint8Array) => void; finish: () => Row[] } {
  const table = entry.table;
  const invalid = (line: number, problem: string) => new ExchangeError('exchange.invalidRow', { table, line, problem });
  const rows: Row[] = [];
  const ids = new Set<string>();
  const hash = createHash('sha256');
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let carry = '';
  let lines = 0;
  // The first bad row stops the entry at once (before its CRC and hash are known): a refusal either
  // way, and a crafted entry of endless bad lines costs no more than one good line.
  const parseLine = (text: string, n: number) => {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw invalid(n, 'json');
    }
    const problem = inspectRow(value, onStamp);
    if (problem) throw invalid(n, problem);
    const row = value as Row;
    if (ids.has(row.id)) throw new ExchangeError('exchange.duplicateRow', { table, id: row.id });
    ids.add(row.id);
    if (rowSchema) {
      const p = rowSchema(table, row);
      if (p) throw invalid(n, p);
    }
    rows.push(row);
  };
  const takeLine = (text: string) => {
    lines++;
    if (lines > entry.rows) throw new ExchangeError('exchange.invalidManifest', { path: 'entries', entry: entry.name });
    parseLine(text, lines);
  };
  const take = (chunk: Uint8Array) => {
    hash.update(chunk);
    let text: string;
    try {
      text = decoder.decode(chunk, { stream: true });
    } catch {
      throw invalid(0, 'encoding');
    }
    let from = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', from)) {
      const piece = text.slice(from, nl);
      takeLine(carry ? carry + piece : piece);
      carry = '';
      from = nl + 1;
    }
    if (from < text.length) {
      carry += text.slice(from);
      // A line (one row) may not grow without end.
      if (carry.length > MAX_LINE_CHARS) throw invalid(lines + 1, 'lineTooLong');
    }
  };
  const finish = () => {
    try {
      decoder.decode();
    } catch {
      throw invalid(0, 'encoding');
    }
    if (hash.digest('hex') !== entry.sha256) throw new ExchangeError('exchange.tamperedEntry', { entry: entry.name });
    if (carry.length > 0) throw invalid(0, 'lastLine');
    if (lines !== entry.rows) throw new ExchangeError('exchange.invalidManifest', { path: 'entries', entry: entry.name });
    return rows;
  };
  return { take, finish };
}
