/**
 * CSV that Dutch Excel opens correctly with a double click: semicolon
 * separated (Excel in a Dutch locale expects ';' because ',' is the decimal
 * separator), a UTF-8 byte-order mark so ë and é are read as UTF-8, CRLF line
 * ends, and RFC 4180 quoting (a field with a separator, quote or line break is
 * quoted, quotes doubled). A field that starts with = + - @ or a tab would be
 * run as a formula by a spreadsheet (CSV injection from a hostile member), so
 * it gets a leading apostrophe, which spreadsheets show as text.
 */

export const CSV_SEPARATOR = ';';
export const CSV_BOM = '\uFEFF';
export const CSV_MIME_TYPE = 'text/csv;charset=utf-8';

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvField(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[;"\r\n]/.test(safe) || safe !== safe.trim() ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A whole file: BOM, header row, data rows. */
export function toCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return CSV_BOM + [header, ...rows].map((row) => row.map(csvField).join(CSV_SEPARATOR)).join('\r\n') + '\r\n';
}
