import type { ColumnType } from '../export/columns';
import { unguardFormula } from '../export/formula-guard';
import { formatWallDate, wallClockToInstant } from '../export/zoned-time';

/**
 * A cell as a file reader hands it over. CSV gives strings; XLSX gives typed
 * values, where a Date holds the cell's wall-clock time in its UTC fields
 * (ExcelJS reads a serial that way). `problem` marks a cell the reader could
 * not use, such as a formula without a saved result.
 */
export type RawCell = string | number | boolean | Date | null | undefined | { problem: string };

export type CellResult = { ok: true; value: unknown } | { ok: false; message: string };

export type DateOrder = 'ymd' | 'mdy' | 'dmy';

export interface CellParseOptions {
  /** Zone that wall-clock times in the file are in (the exporter's zone for our own files). */
  timeZone: string;
  /** How to read slashed dates such as 03/04/2024; ISO dates are always accepted. Default: ISO only, since guessing swaps day and month silently. */
  dateOrder?: DateOrder;
  /** CSV text may carry the export's formula guard, which is removed. */
  source: 'csv' | 'xlsx';
}

const DAY_MS = 86_400_000;
const EXCEL_EPOCH_OFFSET = 25_569; // days from 1899-12-30 to 1970-01-01

const good = (value: unknown): CellResult => ({ ok: true, value });
const bad = (message: string): CellResult => ({ ok: false, message });
const quote = (s: string) => `"${s.length > 40 ? `${s.slice(0, 40)}…` : s}"`;

/** Excel date serial (1900 system) to wall-clock ms. */
export function excelSerialToWallMs(serial: number): number {
  return Math.round((serial - EXCEL_EPOCH_OFFSET) * DAY_MS);
}

function validDay(y: number, m: number, d: number): number | null {
  const ms = Date.UTC(y, m - 1, d);
  const dt = new Date(ms);
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d ? ms : null;
}

const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;
const WALL = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?)?$/;
const SLASHED = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

/** Wall-clock ms of a date or date-time written as text; null when it is not one. */
function parseWallText(text: string, order: DateOrder | undefined): { ms: number; hasTime: boolean } | null {
  let m = WALL.exec(text);
  if (m) {
    const day = validDay(Number(m[1]), Number(m[2]), Number(m[3]));
    if (day === null) return null;
    const h = Number(m[4] ?? 0);
    const min = Number(m[5] ?? 0);
    const s = Number(m[6] ?? 0);
    if (h > 23 || min > 59 || s > 59) return null;
    return { ms: day + ((h * 60 + min) * 60 + s) * 1000 + Number((m[7] ?? '').padEnd(3, '0') || 0), hasTime: m[4] !== undefined };
  }
  m = SLASHED.exec(text);
  if (m && (order === 'mdy' || order === 'dmy')) {
    const [a, b] = [Number(m[1]), Number(m[2])];
    const day = order === 'mdy' ? validDay(Number(m[3]), a, b) : validDay(Number(m[3]), b, a);
    if (day === null) return null;
    const h = Number(m[4] ?? 0);
    const min = Number(m[5] ?? 0);
    const s = Number(m[6] ?? 0);
    if (h > 23 || min > 59 || s > 59) return null;
    return { ms: day + ((h * 60 + min) * 60 + s) * 1000, hasTime: m[4] !== undefined };
  }
  return null;
}

function dateHint(order: DateOrder | undefined): string {
  return order === 'mdy' ? 'MM/DD/YYYY or YYYY-MM-DD' : order === 'dmy' ? 'DD/MM/YYYY or YYYY-MM-DD' : 'YYYY-MM-DD';
}

function parseNumber(text: string): number | null {
  return /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(text) ? Number(text) : null;
}

/**
 * Turn one cell into the value of a field of the given type. Blank cells give
 * `undefined`, so that the row schema's defaults and "required" messages apply.
 */
export function parseCell(raw: RawCell, type: ColumnType, options: CellParseOptions): CellResult {
  if (raw === null || raw === undefined) return good(undefined);
  if (typeof raw === 'object' && !(raw instanceof Date)) return bad(raw.problem);
  if (typeof raw === 'string' && raw.trim() === '') return good(undefined);
  const text = typeof raw === 'string' ? (options.source === 'csv' ? unguardFormula(raw) : raw) : null;
  switch (type) {
    case 'text': {
      if (text !== null) return good(text);
      if (raw instanceof Date) return good(raw.toISOString().replace('T', ' ').replace(/\.000Z$|Z$/, ''));
      return good(String(raw));
    }
    case 'number': {
      if (typeof raw === 'number') return Number.isFinite(raw) ? good(raw) : bad('Not a number');
      const n = text !== null ? parseNumber(text.trim()) : null;
      return n === null ? bad(`Not a number: ${quote(String(raw))}`) : good(n);
    }
    case 'duration_minutes': {
      let n: number | null = null;
      if (typeof raw === 'number') n = raw;
      else if (text !== null) {
        const t = text.trim();
        const hm = /^(\d+):([0-5]\d)$/.exec(t);
        n = hm ? Number(hm[1]) * 60 + Number(hm[2]) : parseNumber(t);
      }
      if (n === null || !Number.isFinite(n)) return bad(`Not a number of minutes: ${quote(String(raw))}`);
      if (n < 0) return bad('Minutes cannot be negative');
      return good(n);
    }
    case 'boolean': {
      if (typeof raw === 'boolean') return good(raw);
      if (raw === 1 || raw === 0) return good(raw === 1);
      const t = (text ?? '').trim().toLowerCase();
      if (['true', 'yes', 'y', '1'].includes(t)) return good(true);
      if (['false', 'no', 'n', '0'].includes(t)) return good(false);
      return bad(`Not yes/no: ${quote(String(raw))}`);
    }
    case 'date': {
      let wall: number | null = null;
      if (raw instanceof Date) wall = raw.getTime();
      else if (typeof raw === 'number') wall = excelSerialToWallMs(raw);
      else if (text !== null) {
        const t = text.trim();
        if (ISO_WITH_ZONE.test(t)) {
          return bad(`Expected a date without a time: ${quote(t)}`);
        }
        const parsed = parseWallText(t, options.dateOrder);
        if (parsed && parsed.hasTime && parsed.ms % DAY_MS !== 0) return bad(`Expected a date without a time: ${quote(t)}`);
        wall = parsed?.ms ?? null;
      }
      if (wall === null || Number.isNaN(wall)) return bad(`Not a date: ${quote(String(raw))} (use ${dateHint(options.dateOrder)})`);
      return good(formatWallDate(wall));
    }
    case 'datetime': {
      let instant: number | null = null;
      if (raw instanceof Date) instant = wallClockToInstant(raw.getTime(), options.timeZone);
      else if (typeof raw === 'number') instant = wallClockToInstant(excelSerialToWallMs(raw), options.timeZone);
      else if (text !== null) {
        const t = text.trim();
        if (ISO_WITH_ZONE.test(t)) instant = Date.parse(t);
        else {
          const parsed = parseWallText(t, options.dateOrder);
          instant = parsed ? wallClockToInstant(parsed.ms, options.timeZone) : null;
        }
      }
      if (instant === null || Number.isNaN(instant)) return bad(`Not a date and time: ${quote(String(raw))} (use ${dateHint(options.dateOrder)} HH:MM)`);
      return good(new Date(instant).toISOString());
    }
  }
}
