/**
 * RFC 4180 output: fields that contain a comma, a quote or a line break are
 * quoted, quotes are doubled, and records end with CRLF.
 */
const NEEDS_QUOTES = /[",\r\n]/;

export function escapeCsvField(text: string): string {
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRecord(fields: readonly string[]): string {
  let line = '';
  for (let i = 0; i < fields.length; i++) {
    if (i > 0) line += ',';
    line += escapeCsvField(fields[i]!);
  }
  return `${line}\r\n`;
}

/** Spreadsheet programs only read a CSV as UTF-8 when it starts with this. */
export const UTF8_BOM = '\uFEFF';
