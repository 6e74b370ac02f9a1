/**
 * Spreadsheet cells hold wall-clock times with no time zone, while FieldDesk
 * stores instants. Export turns an instant into the wall-clock time of one
 * named zone (the exporting person's, recorded in the About sheet) and import
 * turns it back, so both directions use the same zone.
 *
 * A "wall-clock ms" value is an epoch-ms number whose UTC fields read as the
 * local date and time: Date.UTC(2024, 2, 5, 14, 30) for 5 March 2024 14:30 local.
 */

const MINUTE = 60_000;
const BUCKET = 15 * MINUTE; // zone offsets and their transitions fall on quarter hours
const CACHE_LIMIT = 100_000;

const formatters = new Map<string, Intl.DateTimeFormat>();
const offsets = new Map<string, number>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The zone of the running process: the person's own zone on a desktop. */
export function localTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** Offset (wall clock minus UTC) in ms at an instant. Cached per quarter hour: formatToParts is slow and 100,000 rows call this several times each. */
export function zoneOffsetMs(instantMs: number, timeZone: string): number {
  if (timeZone === 'UTC' || timeZone === 'Etc/UTC') return 0;
  const bucket = Math.floor(instantMs / BUCKET);
  const key = `${timeZone}|${bucket}`;
  const cached = offsets.get(key);
  if (cached !== undefined) return cached;
  const at = bucket * BUCKET;
  const parts: Record<string, number> = {};
  for (const p of formatterFor(timeZone).formatToParts(new Date(at))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  const wall = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  const offset = wall - at;
  if (offsets.size >= CACHE_LIMIT) offsets.clear();
  offsets.set(key, offset);
  return offset;
}

export function instantToWallClock(instantMs: number, timeZone: string): number {
  return instantMs + zoneOffsetMs(instantMs, timeZone);
}

/** For a wall-clock time that happens twice (autumn) the earlier offset wins; one that never happens (spring) moves forward. */
export function wallClockToInstant(wallMs: number, timeZone: string): number {
  const first = wallMs - zoneOffsetMs(wallMs, timeZone);
  return wallMs - zoneOffsetMs(first, timeZone);
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `YYYY-MM-DD` of a wall-clock value. */
export function formatWallDate(wallMs: number): string {
  const d = new Date(wallMs);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** `YYYY-MM-DD HH:mm:ss`: the form spreadsheet programs recognise as a date and time when they open a CSV. */
export function formatWallDateTime(wallMs: number): string {
  const d = new Date(wallMs);
  return `${formatWallDate(wallMs)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}
