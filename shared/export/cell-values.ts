import type { ColumnDef } from './columns';
import { guardFormula } from './formula-guard';
import { formatWallDate, formatWallDateTime, instantToWallClock } from './zoned-time';

/** A value as an XLSX cell: Dates and numbers stay typed so that sorting, filtering and sums work. */
export type XlsxCellValue = string | number | boolean | Date | null;

/** Excel refuses longer cell text (and reports the file as damaged). */
export const XLSX_MAX_TEXT = 32_767;

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Digits `from`..`to` (exclusive) of `s` as a number, or -1 if any is not a digit. */
function digits(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/**
 * `YYYY-MM-DDTHH:mm:ss.sssZ`, the form toISOString writes and the renderer
 * sends, read without the regular expression and Date.parse, which cost more
 * than the rest of an XLSX row's cells. Anything else (or out of range) is left
 * to them: null here. Gives what Date.parse gives (a test compares the two).
 */
function canonicalIsoMs(s: string): number | null {
  if (s.length !== 24 || s.charCodeAt(23) !== 90 || s.charCodeAt(19) !== 46) return null; // Z, .
  if (s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(10) !== 84 || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) return null; // - - T : :
  const year = digits(s, 0, 4);
  const month = digits(s, 5, 7);
  const day = digits(s, 8, 10);
  const hour = digits(s, 11, 13);
  const minute = digits(s, 14, 16);
  const second = digits(s, 17, 19);
  const ms = digits(s, 20, 23);
  // Date.UTC reads years 0-99 as 1900-1999; the rest of the limits are Date.parse's.
  if (year < 1000 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59 || ms < 0) return null;
  return Date.UTC(year, month - 1, day, hour, minute, second, ms);
}

/** An instant from what the renderer may send: a Date, epoch ms, or an ISO string with a zone. */
export function toInstantMs(value: unknown): number | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.getTime();
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string') {
    const canonical = canonicalIsoMs(value);
    if (canonical !== null) return canonical;
    const text = value.trim();
    if (!ISO_INSTANT.test(text)) return null;
    const ms = Date.parse(text);
    return Number.isNaN(ms) ? null : ms;
  }
  return null;
}

/** Wall-clock ms of a calendar day: a `YYYY-MM-DD` string is a day in no zone, an instant is placed in `timeZone` first. */
function toWallDate(value: unknown, timeZone: string): number | null {
  if (typeof value === 'string') {
    const m = DATE_ONLY.exec(value.trim());
    if (m) {
      const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
      return formatWallDate(ms) === value.trim() ? ms : null;
    }
  }
  const instant = toInstantMs(value);
  if (instant === null) return null;
  const wall = instantToWallClock(instant, timeZone);
  return wall - (((wall % 86_400_000) + 86_400_000) % 86_400_000);
}

function toNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim())) return Number(value.trim());
  return null;
}

function toBoolean(value: unknown): boolean | null {
  if (typeof value === 'boolean') return value;
  if (value === 1 || value === 0) return value === 1;
  if (value === 'true' || value === 'false') return value === 'true';
  return null;
}

/** Text for a value of the wrong shape for its column: kept rather than dropped, so nothing is lost silently. */
function asText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(asText).join('; ');
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString();
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function isEmpty(value: unknown): boolean {
  return value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
}

/**
 * The XLSX cell for one value. Datetimes become Date cells holding the
 * wall-clock time in `timeZone` (ExcelJS writes a Date's UTC fields), dates
 * become midnight of that day, durations stay numbers of minutes.
 */
export function toXlsxCell(value: unknown, column: ColumnDef, timeZone: string): XlsxCellValue {
  if (isEmpty(value)) return null;
  switch (column.type) {
    case 'datetime': {
      const instant = toInstantMs(value);
      if (instant !== null) return new Date(instantToWallClock(instant, timeZone));
      break;
    }
    case 'date': {
      const wall = toWallDate(value, timeZone);
      if (wall !== null) return new Date(wall);
      break;
    }
    case 'number':
    case 'duration_minutes': {
      const n = toNumber(value);
      if (n !== null) return n;
      break;
    }
    case 'boolean': {
      const b = toBoolean(value);
      if (b !== null) return b;
      break;
    }
    case 'text':
      break;
  }
  const text = asText(value);
  return text.length > XLSX_MAX_TEXT ? `${text.slice(0, XLSX_MAX_TEXT - 1)}…` : text;
}

/**
 * The CSV field text for one value, before RFC 4180 quoting. Only text that
 * came from a string gets the formula guard: a number or date we formatted
 * ourselves cannot be a formula, and guarding "-5" would turn it into text.
 */
export function toCsvText(value: unknown, column: ColumnDef, timeZone: string): string {
  if (isEmpty(value)) return '';
  switch (column.type) {
    case 'datetime': {
      const instant = toInstantMs(value);
      if (instant !== null) return formatWallDateTime(instantToWallClock(instant, timeZone));
      break;
    }
    case 'date': {
      const wall = toWallDate(value, timeZone);
      if (wall !== null) return formatWallDate(wall);
      break;
    }
    case 'number':
    case 'duration_minutes': {
      const n = toNumber(value);
      if (n !== null) return String(n);
      break;
    }
    case 'boolean': {
      const b = toBoolean(value);
      if (b !== null) return b ? 'TRUE' : 'FALSE';
      break;
    }
    case 'text':
      break;
  }
  return guardFormula(asText(value));
}

/** Number formats for typed XLSX columns. */
export const XLSX_NUM_FMT: Partial<Record<ColumnDef['type'], string>> = {
  datetime: 'yyyy-mm-dd hh:mm',
  date: 'yyyy-mm-dd',
  duration_minutes: '#,##0',
  number: 'General',
};
