/**
 * CSV for spreadsheets, the one way every feature writes CSV: RFC 4180 quoting (also of semicolons,
 * the separator Finnish and Swedish spreadsheets expect), CRLF line ends, a
 * UTF-8 byte-order mark (so Excel reads ä/ö/å), and a guard against formula injection — a cell that
 * starts with = + - @ tab or CR is prefixed with an apostrophe so a spreadsheet shows it as text
 * instead of running it (`=cmd|' /C calc'!A0`, `=HYPERLINK(...)`). See OWASP "CSV Injection".
 */
export type CsvCell = string | number | boolean | null | undefined;

/** Characters that make a spreadsheet treat a cell as a formula (or hide its start). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One cell as text. Numbers stay numbers (a negative number is not a formula); any string that could
 * start a formula is defused, even when it looks numeric, because it came from a person.
 */
export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  let text: string;
  if (typeof value === 'number') text = Number.isFinite(value) ? String(value) : '';
  else if (typeof value === 'boolean') text = value ? 'true' : 'false';
  else text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",;\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(cells: readonly CsvCell[]): string {
  return cells.map(csvCell).join(',');
}

/** A whole file: header row, then rows; CRLF after every record (RFC 4180). */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return [header, ...rows].map((r) => `${csvRow(r)}\r\n`).join('');
}

/** The file's bytes, with the BOM spreadsheets need to recognise UTF-8. */
export function csvBytes(header: readonly string[], rows: readonly (readonly CsvCell[])[]): Uint8Array {
  return new TextEncoder().encode(`\uFEFF${toCsv(header, rows)}`);
}

export const CSV_MIME_TYPE = 'text/csv;charset=utf-8';
