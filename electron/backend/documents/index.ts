// The document engine: features build a `Doc` (model.ts) and call `renderDocument`; calendars go through
// `renderCalendar` / `renderCalendarFile`.

import { renderDocx } from './docx';
import { renderHtml } from './html';
import { renderMarkdown } from './markdown';
import { renderCalendar, type CalendarInput } from './ics';
import { oneLine, type Doc } from './model';

export * from './model';
export { formatDay } from './dates';
export { renderHtml, sanitizeSvg, escapeHtml, HTML_CSP } from './html';
export { renderDocx, buildDocxDocument } from './docx';
export { renderMarkdown, escapeMarkdownLine } from './markdown';
export {
  renderCalendar,
  buildVTimezone,
  icsText,
  DEFAULT_TIME_ZONE,
  type CalendarInput,
  type CalendarEventInput,
  type CalendarTodoInput,
  type CalendarDateTime,
} from './ics';

export type DocumentFormat = 'html' | 'docx' | 'md';

export interface RenderedFile {
  bytes: Uint8Array;
  mimeType: string;
  /** Without the dot. */
  extension: string;
}

export const DOCUMENT_TYPES: Record<DocumentFormat | 'ics', { mimeType: string; extension: string }> = {
  html: { mimeType: 'text/html; charset=utf-8', extension: 'html' },
  docx: { mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extension: 'docx' },
  md: { mimeType: 'text/markdown; charset=utf-8', extension: 'md' },
  ics: { mimeType: 'text/calendar; charset=utf-8', extension: 'ics' },
};

const utf8 = (text: string) => new TextEncoder().encode(text);

export async function renderDocument(doc: Doc, format: DocumentFormat): Promise<RenderedFile> {
  const type = DOCUMENT_TYPES[format];
  switch (format) {
    case 'html':
      return { bytes: utf8(renderHtml(doc)), ...type };
    case 'md':
      return { bytes: utf8(renderMarkdown(doc)), ...type };
    case 'docx':
      return { bytes: await renderDocx(doc), ...type };
    default:
      throw new RangeError(`documents: unknown format ${String(format)}`);
  }
}

export function renderCalendarFile(input: CalendarInput): RenderedFile {
  return { bytes: utf8(renderCalendar(input)), ...DOCUMENT_TYPES.ics };
}

// Windows forbids these in file names, plus names like CON or LPT1 (with any extension).
const RESERVED_NAME = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;

/**
 * A file name for saving/downloading a document, from user text (e.g. "Pöytäkirja 3/2025 – Itä-Uusimaa"):
 * keeps letters incl. å ä ö, drops path separators and characters Windows or macOS reject.
 */
export function documentFileName(title: string, extension: string): string {
  let base = oneLine(title)
    .normalize('NFC')
    .replace(/[<>:"/\\|?*]+/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[.\s-]+|[.\s]+$/g, '');
  // Stay well under 255 bytes once the extension is added (å is two bytes in UTF-8).
  while (new TextEncoder().encode(base).length > 150) base = [...base].slice(0, -1).join('');
  if (base === '' || RESERVED_NAME.test(base)) base = `document${base ? `-${base}` : ''}`;
  return `${base}.${extension.replace(/[^a-z0-9]/gi, '')}`;
}

/** A file as an API method hands it to the renderer, which saves it with `saveFile`. */
export interface DownloadFile {
  fileName: string;
  mimeType: string;
  contentBase64: string;
}

/** A rendered file named after `title` (its extension added), ready to return from an API method. */
export function toDownload(file: RenderedFile, title: string): DownloadFile {
  return {
    fileName: documentFileName(title, file.extension),
    mimeType: file.mimeType,
    contentBase64: Buffer.from(file.bytes).toString('base64'),
  };
}
