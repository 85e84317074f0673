/**
 * Optional passphrase encryption of a whole exchange file (docs/exchange-format.md, "Encryption").
 *
 *   "PPWGXENC" (8 bytes) | header length (uint32 big-endian) | header (UTF-8 JSON) | ciphertext | GCM tag (16)
 *
 * The key comes from scrypt with the parameters written in the header; magic, length and header are
 * the AES-GCM additional data, so changing any of them fails authentication like a wrong passphrase.
 * GCM cannot tell a wrong passphrase from a damaged file, so both are one error key.
 *
 * Parameters read from a header are bounded before use: a crafted header must not make us allocate
 * gigabytes or spin for minutes. An incompatible future envelope gets a new magic, not a new version.
 */
import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';
import { ExchangeError } from './zip';

export const ENVELOPE_MAGIC = 'PPWGXENC';
export const ENVELOPE_FORMAT = 'painopiste-exchange-encrypted';
const MAGIC_BYTES = new TextEncoder().encode(ENVELOPE_MAGIC);
const PREFIX = MAGIC_BYTES.length + 4;
const TAG_BYTES = 16;
const IV_BYTES = 12;
const SALT_BYTES = 16;
const KEY_BYTES = 32;
const MAX_HEADER_BYTES = 4096;

export interface ScryptParams {
  N: number;
  r: number;
  p: number;
  maxmem: number;
}

/**
 * N = 2^17, r = 8 (128 MiB, roughly 0.3–1 s on a laptop): OWASP's scrypt recommendation, affordable
 * once per import/export, expensive per guess. maxmem leaves headroom over the 128·N·r working set.
 */
export const DEFAULT_SCRYPT: ScryptParams = { N: 2 ** 17, r: 8, p: 1, maxmem: 256 * 1024 * 1024 };

/** What a header may ask for. The floor is low enough for tests; the writer never goes below its default unless told. */
export const SCRYPT_BOUNDS = {
  minLogN: 10,
  maxLogN: 20,
  maxR: 16,
  maxP: 4,
  maxMem: 512 * 1024 * 1024,
  /** N·r·p, the work: at most 4× the default, so a crafted header costs seconds, not minutes. */
  maxCost: 2 ** 17 * 8 * 4,
} as const;

interface EnvelopeHeader {
  format: typeof ENVELOPE_FORMAT;
  version: 1;
  kdf: { name: 'scrypt'; N: number; r: number; p: number; maxmem: number; salt: string; keyLength: number };
  cipher: 'aes-256-gcm';
  iv: string;
  tagLength: number;
}

/** Whether the bytes start with the envelope magic (an encrypted exchange file). */
export function isEncrypted(bytes: Uint8Array): boolean {
  if (bytes.length < MAGIC_BYTES.length) return false;
  for (let i = 0; i < MAGIC_BYTES.length; i++) if (bytes[i] !== MAGIC_BYTES[i]) return false;
  return true;
}

/** Scrypt working memory per OpenSSL: 128·r·(N + p + 2) bytes. */
function scryptMemory({ N, r, p }: ScryptParams): number {
  return 128 * r * (N + p + 2);
}

function checkParams(params: ScryptParams): boolean {
  const { N, r, p, maxmem } = params;
  if (![N, r, p, maxmem].every((v) => Number.isSafeInteger(v) && v > 0)) return false;
  const logN = Math.log2(N);
  if (!Number.isInteger(logN) || logN < SCRYPT_BOUNDS.minLogN || logN > SCRYPT_BOUNDS.maxLogN) return false;
  if (r > SCRYPT_BOUNDS.maxR || p > SCRYPT_BOUNDS.maxP || N * r * p > SCRYPT_BOUNDS.maxCost) return false;
  if (maxmem > SCRYPT_BOUNDS.maxMem || scryptMemory(params) > maxmem) return false;
  return true;
}

function deriveKey(passphrase: string, salt: Uint8Array, params: ScryptParams): Buffer {
  // NFC so the same passphrase typed on different keyboards/OSes gives the same key.
  return scryptSync(passphrase.normalize('NFC'), salt, KEY_BYTES, params);
}

function concat(parts: Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

export interface EncryptOptions {
  scrypt?: Partial<ScryptParams>;
}

/** Encrypts `plain` under a passphrase into the envelope. Synchronous: scrypt blocks for its duration. */
export function encryptBytes(plain: Uint8Array, passphrase: string, opts: EncryptOptions = {}): Uint8Array {
  if (!passphrase) throw new ExchangeError('exchange.passphraseRequired');
  const params: ScryptParams = { ...DEFAULT_SCRYPT, ...opts.scrypt };
  if (!checkParams(params)) throw new RangeError('scrypt parameters out of bounds');
  const salt = randomBytes(SALT_BYTES);
  const iv = randomBytes(IV_BYTES);
  const header: EnvelopeHeader = {
    format: ENVELOPE_FORMAT,
    version: 1,
    kdf: { name: 'scrypt', ...params, salt: salt.toString('base64'), keyLength: KEY_BYTES },
    cipher: 'aes-256-gcm',
    iv: iv.toString('base64'),
    tagLength: TAG_BYTES,
  };
  const headerBytes = new TextEncoder().encode(JSON.stringify(header));
  const prefix = new Uint8Array(PREFIX);
  prefix.set(MAGIC_BYTES, 0);
  new DataView(prefix.buffer).setUint32(MAGIC_BYTES.length, headerBytes.length, false);
  const aad = concat([prefix, headerBytes]);

  const key = deriveKey(passphrase, salt, params);
  try {
    const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(aad);
    const body = cipher.update(plain);
    const final = cipher.final();
    return concat([aad, body, final, cipher.getAuthTag()]);
  } finally {
    key.fill(0);
  }
}

const wrongOrDamaged = (detail: string) => new ExchangeError('exchange.wrongPassphraseOrDamaged', {}, detail);

function parseHeader(bytes: Uint8Array): { header: EnvelopeHeader; salt: Buffer; iv: Buffer } {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw wrongOrDamaged('header is not JSON');
  }
  const h = value as Partial<EnvelopeHeader> | null;
  const kdf = h?.kdf;
  if (
    !h ||
    typeof h !== 'object' ||
    h.format !== ENVELOPE_FORMAT ||
    h.version !== 1 ||
    h.cipher !== 'aes-256-gcm' ||
    h.tagLength !== TAG_BYTES ||
    typeof h.iv !== 'string' ||
    !kdf ||
    typeof kdf !== 'object' ||
    kdf.name !== 'scrypt' ||
    kdf.keyLength !== KEY_BYTES ||
    typeof kdf.salt !== 'string'
  ) {
    throw wrongOrDamaged('header fields');
  }
  if (!checkParams({ N: kdf.N, r: kdf.r, p: kdf.p, maxmem: kdf.maxmem })) throw wrongOrDamaged('scrypt parameters');
  const base64 = /^[A-Za-z0-9+/]*={0,2}$/;
  if (!base64.test(kdf.salt) || !base64.test(h.iv)) throw wrongOrDamaged('salt/iv encoding');
  const salt = Buffer.from(kdf.salt, 'base64');
  const iv = Buffer.from(h.iv, 'base64');
  if (salt.length < 16 || salt.length > 64 || iv.length !== IV_BYTES) throw wrongOrDamaged('salt/iv length');
  return { header: h as EnvelopeHeader, salt, iv };
}

/** Decrypts an envelope. Any failure after the framing is 'exchange.wrongPassphraseOrDamaged'. */
export function decryptBytes(bytes: Uint8Array, passphrase: string): Uint8Array {
  if (!isEncrypted(bytes)) throw new ExchangeError('exchange.notAPainopisteFile');
  if (!passphrase) throw new ExchangeError('exchange.passphraseRequired');
  if (bytes.length < PREFIX) throw new ExchangeError('exchange.truncated');
  const headerLength = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(MAGIC_BYTES.length, false);
  if (headerLength > MAX_HEADER_BYTES) throw wrongOrDamaged('header length');
  const bodyStart = PREFIX + headerLength;
  if (bytes.length < bodyStart + TAG_BYTES) throw new ExchangeError('exchange.truncated');
  const { header, salt, iv } = parseHeader(bytes.subarray(PREFIX, bodyStart));
  const kdf = header.kdf;

  let key: Buffer;
  try {
    key = deriveKey(passphrase, salt, { N: kdf.N, r: kdf.r, p: kdf.p, maxmem: kdf.maxmem });
  } catch {
    throw wrongOrDamaged('key derivation');
  }
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(bytes.subarray(0, bodyStart));
    decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
    const body = decipher.update(bytes.subarray(bodyStart, bytes.length - TAG_BYTES));
    const final = decipher.final();
    return final.length ? concat([body, final]) : body;
  } catch {
    throw wrongOrDamaged('authentication failed');
  } finally {
    key.fill(0);
  }
}
