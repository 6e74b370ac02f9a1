import { err, ok, type Result } from '../result';

/**
 * Wall-clock times in a named IANA zone, converted with Intl only: shared/ has
 * no tz database of its own, and every runtime we ship (Chromium, Node 20+)
 * carries ICU's. A session is stored as the local time people agreed on
 * ("9:00 in Sacramento") plus the zone, so a later DST rule change moves the
 * instant, not the meeting.
 */

/** `YYYY-MM-DDTHH:mm`, optionally with `:ss`. No offset: the zone says where. */
export const LOCAL_DATE_TIME_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

export interface LocalParts {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The zone's canonical name, or an error a person can act on. */
export function checkTimeZone(timeZone: string): Result<string> {
  if (typeof timeZone !== 'string' || timeZone.trim() === '') {
    return err('invalid_request', 'Choose a time zone, such as America/Los_Angeles.', { timeZone: 'Required' });
  }
  try {
    const resolved = new Intl.DateTimeFormat('en-US', { timeZone }).resolvedOptions().timeZone;
    return ok(resolved);
  } catch (_e) {
    return err('invalid_request', `"${timeZone}" is not a time zone this computer knows. Use a name such as America/Los_Angeles.`, {
      timeZone: 'Unknown time zone',
    });
  }
}

export const isTimeZone = (timeZone: string): boolean => checkTimeZone(timeZone).ok;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Parse and range-check `YYYY-MM-DDTHH:mm[:ss]` (rejects 2026-02-30, 25:00 …). */
export function parseLocalDateTime(value: string): Result<LocalParts> {
  const m = LOCAL_DATE_TIME_RE.exec(typeof value === 'string' ? value : '');
  if (!m) {
    return err('invalid_request', `"${String(value)}" is not a date and time. Use the form 2026-03-10T09:00.`, { start: 'Not a date and time' });
  }
  const [year, month, day, hour, minute] = [1, 2, 3, 4, 5].map((i) => Number(m[i]));
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const p = { year: year!, month: month!, day: day!, hour: hour!, minute: minute!, second };
  if (p.year < 1970 || p.year > 2200) return err('invalid_request', `The year ${p.year} is out of range.`, { start: 'Year out of range' });
  if (p.month < 1 || p.month > 12) return err('invalid_request', `There is no month ${p.month}.`, { start: 'No such month' });
  if (p.day < 1 || p.day > daysInMonth(p.year, p.month)) {
    return err('invalid_request', `${value.slice(0, 10)} is not a date: that month has ${daysInMonth(p.year, p.month)} days.`, { start: 'No such day' });
  }
  if (p.hour > 23 || p.minute > 59 || p.second > 59) return err('invalid_request', `${value.slice(11)} is not a time of day.`, { start: 'No such time' });
  return ok(p);
}

/** Wall-clock fields of an instant in a zone. */
export function localPartsAt(epochMs: number, timeZone: string): LocalParts {
  const parts = formatterFor(timeZone).formatToParts(new Date(epochMs));
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? '0');
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour') % 24, minute: get('minute'), second: get('second') };
}

const partsAsUtc = (p: LocalParts): number => Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);

/** The zone's offset from UTC at an instant, in minutes (Los Angeles in winter: -480). */
export function offsetMinutesAt(epochMs: number, timeZone: string): number {
  const wholeSecond = Math.floor(epochMs / 1000) * 1000;
  return Math.round((partsAsUtc(localPartsAt(wholeSecond, timeZone)) - wholeSecond) / 60_000);
}

/**
 * The instant a wall-clock time names in a zone. A time skipped by a spring
 * clock change does not exist, and saying so beats silently moving a class an
 * hour; a repeated autumn time resolves to its first occurrence, as RFC 5545
 * (3.3.5) does, so the ICS file and the app agree.
 */
export function zonedToEpoch(local: string, timeZone: string): Result<number> {
  const parsed = parseLocalDateTime(local);
  if (!parsed.ok) return parsed;
  const zone = checkTimeZone(timeZone);
  if (!zone.ok) return zone;
  const asUtc = partsAsUtc(parsed.value);
  // Try both offsets seen within a day of the time; take the earliest that fits.
  const candidates = [...new Set([offsetMinutesAt(asUtc - 86_400_000, zone.value), offsetMinutesAt(asUtc, zone.value), offsetMinutesAt(asUtc + 86_400_000, zone.value)])];
  const fits = candidates
    .map((off) => asUtc - off * 60_000)
    .filter((t) => partsAsUtc(localPartsAt(t, zone.value)) === asUtc)
    .sort((a, b) => a - b);
  if (fits.length === 0) {
    return err('invalid_request', `${local.replace('T', ' ')} does not exist in ${zone.value}: the clocks skip that hour. Choose another time.`, {
      start: 'Skipped by a clock change',
    });
  }
  return ok(fits[0]!);
}

export const pad2 = (n: number): string => String(n).padStart(2, '0');

/** `YYYY-MM-DDTHH:mm:ss` for local parts. */
export function formatLocal(p: LocalParts): string {
  return `${String(p.year).padStart(4, '0')}-${pad2(p.month)}-${pad2(p.day)}T${pad2(p.hour)}:${pad2(p.minute)}:${pad2(p.second)}`;
}

/** The wall-clock time of an instant in a zone, as `YYYY-MM-DDTHH:mm:ss`. */
export const epochToZoned = (epochMs: number, timeZone: string): string => formatLocal(localPartsAt(epochMs, timeZone));
