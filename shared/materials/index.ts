/**
 * Meeting materials: what may be stored and how a file's type is decided (pure; used by the
 * materials service for every add and by the exchange import for every blob that arrives).
 *
 * The type is sniffed from the bytes, never taken from the sender: the name's extension only picks
 * between formats that share a container (a DOCX and an XLSX are both zip files). Anything not on the
 * list (programs, scripts, archives of unknown content, HTML that a browser would run) is refused.
 */

/** One material at most 25 MiB: what ministries' mail servers accept as one attachment. */
export const MAX_MATERIAL_BYTES = 25 * 1024 * 1024;
/** At most 100 materials on one meeting (its items included). */
export const MAX_MATERIALS_PER_MEETING = 100;
/** Longest file name kept (characters). */
export const MAX_MATERIAL_NAME = 200;

export interface MaterialType {
  mimeType: string;
  /** The extension the stored name ends with (the sniffed type's, whatever the name said). */
  extension: string;
}

const OOXML: Record<string, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
};
const ODF: Record<string, string> = {
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  odp: 'application/vnd.oasis.opendocument.presentation',
};
const OLE: Record<string, string> = {
  doc: 'application/msword',
  xls: 'application/vnd.ms-excel',
  ppt: 'application/vnd.ms-powerpoint',
};
const TEXT: Record<string, string> = {
  txt: 'text/plain',
  csv: 'text/csv',
  md: 'text/markdown',
};

/** Every type a material may have (for the file dialog's filter and the documentation). */
export const MATERIAL_EXTENSIONS = [
  'pdf',
  'png',
  'jpg',
  'gif',
  'webp',
  ...Object.keys(OOXML),
  ...Object.keys(ODF),
  ...Object.keys(OLE),
  ...Object.keys(TEXT),
];

const startsWith = (b: Uint8Array, sig: number[], at = 0) => sig.every((x, i) => b[at + i] === x);
const ascii = (b: Uint8Array, from: number, to: number) => String.fromCharCode(...b.subarray(from, Math.min(to, b.length)));

export function extensionOf(name: string): string {
  const m = /\.([A-Za-z0-9]{1,10})$/.exec(name);
  return m ? m[1]!.toLowerCase() : '';
}

function isUtf8Text(b: Uint8Array): boolean {
  if (b.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(b);
    return true;
  } catch {
    return false;
  }
}

/** The names of the entries of a zip's central directory (enough to tell OOXML from ODF). */
function zipNames(b: Uint8Array): string {
  // The first local header's name: ODF puts "mimetype" first, OOXML "[Content_Types].xml" or "_rels/".
  const n = b[26]! | (b[27]! << 8);
  const first = ascii(b, 30, 30 + n);
  const odfType = first === 'mimetype' ? ascii(b, 30 + n + (b[28]! | (b[29]! << 8)), 30 + n + 80) : '';
  return `${first}\n${odfType}`;
}

/**
 * The type of a material from its bytes (and, for zip- and OLE-based office files, its name), or
 * null when it is not a type materials may have.
 */
export function sniffMaterial(bytes: Uint8Array, name: string): MaterialType | null {
  const ext = extensionOf(name);
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return { mimeType: 'application/pdf', extension: 'pdf' };
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { mimeType: 'image/png', extension: 'png' };
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return { mimeType: 'image/jpeg', extension: 'jpg' };
  if (ascii(bytes, 0, 6) === 'GIF87a' || ascii(bytes, 0, 6) === 'GIF89a') return { mimeType: 'image/gif', extension: 'gif' };
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return { mimeType: 'image/webp', extension: 'webp' };
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) && bytes.length > 30) {
    const names = zipNames(bytes);
    if (names.startsWith('mimetype\n')) {
      const odf = Object.entries(ODF).find(([, mime]) => names.includes(mime));
      return odf ? { mimeType: odf[1], extension: odf[0] } : null;
    }
    // OOXML: the container does not say which application; the name does. A zip with another name is refused.
    if (OOXML[ext]) return { mimeType: OOXML[ext], extension: ext };
    return null;
  }
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    return OLE[ext] ? { mimeType: OLE[ext], extension: ext } : null;
  }
  if (TEXT[ext] && isUtf8Text(bytes)) return { mimeType: TEXT[ext], extension: ext };
  return null;
}

/**
 * The name a material is stored and offered under: the last path segment only (a name is never a
 * path), no control or reserved characters, at most MAX_MATERIAL_NAME characters, ending with the
 * sniffed type's extension. Null when nothing usable is left.
 */
export function safeMaterialName(name: string, type: MaterialType): string | null {
  const last = name.split(/[\\/]/).pop() ?? '';
  let base = last
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '')
    .replace(/^[\s.]+|[\s.]+$/g, '');
  const ext = extensionOf(base);
  const sameFamily = ext === type.extension || (type.extension === 'jpg' && ext === 'jpeg');
  if (sameFamily) base = base.slice(0, base.length - ext.length - 1).replace(/[\s.]+$/, '');
  if (!base) return null;
  const suffix = `.${sameFamily ? ext : type.extension}`;
  return base.slice(0, MAX_MATERIAL_NAME - suffix.length) + suffix;
}
