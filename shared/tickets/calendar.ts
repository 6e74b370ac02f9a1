import { z } from 'zod';
import { idField, isoDate, LIMITS, syncMeta, text } from './fields';

/**
 * Business calendars: when the support desk counts time for SLAs.
 *
 * Working hours are wall-clock times in one fixed IANA zone (a court in
 * Sacramento works 8:00–17:00 Pacific in winter and in summer), so the engine
 * converts each local working day to UTC instants through Intl.DateTimeFormat,
 * which every runtime FieldDesk runs in provides, and DST falls out of that
 * conversion instead of being special-cased.
 *
 * All arithmetic is on integer milliseconds, so adding minutes and measuring
 * them back is exact (the property tests rely on this).
 */

export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$|^24:00$/;
const toMinute = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

export const isValidTimeZone = (tz: string): boolean => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

const HoursSchema = z
  .object({
    start: z.string().regex(HHMM, 'Start must be a time such as 08:00'),
    end: z.string().regex(HHMM, 'End must be a time such as 17:00 (24:00 for midnight)'),
  })
  .refine((h) => toMinute(h.end) > toMinute(h.start), { error: 'End must be after start', path: ['end'] });

const dayHours = z.array(HoursSchema).max(8, 'At most 8 working intervals a day').default([]);

export const BusinessCalendarSchema = z
  .object({
    id: idField('Id'),
    name: text('Calendar name', LIMITS.name, { required: true }),
    timeZone: z
      .string()
      .trim()
      .min(1, 'Time zone is required')
      .max(64)
      .refine(isValidTimeZone, 'Time zone must be an IANA zone name such as America/Los_Angeles'),
    week: z.object({
      sun: dayHours,
      mon: dayHours,
      tue: dayHours,
      wed: dayHours,
      thu: dayHours,
      fri: dayHours,
      sat: dayHours,
    }),
    holidays: z.array(isoDate('Holiday')).max(2000, 'At most 2,000 holidays').default([]),
    ...syncMeta,
  })
  .refine((c) => WEEKDAYS.some((d) => c.week[d].length > 0), {
    error: 'The calendar needs working hours on at least one day of the week',
    path: ['week'],
  });
export type BusinessCalendar = z.output<typeof BusinessCalendarSchema>;
export type BusinessCalendarInput = z.input<typeof BusinessCalendarSchema>;

/** The hours and zone that matter to the engine; records satisfy it directly. */
export type CalendarSpec = Pick<BusinessCalendar, 'timeZone' | 'week' | 'holidays'>;

// ---------------------------------------------------------------------------
// Zone conversion

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(tz, f);
  }
  return f;
}

/**
 * Offsets are cached per zone and UTC day: when the offset is the same at both
 * ends of the day (no zone changes offset twice within 24 hours), it holds for
 * the whole day. A day with a transition is cached in 15-minute buckets
 * instead: every offset in use since 1970 is a multiple of 15 minutes and
 * changes on a quarter hour, so a transition falls on a bucket boundary (only
 * the local-mean-time offsets of the 1800s are finer, and tickets never reach
 * back that far). formatToParts costs microseconds and every SLA computation
 * needs several, so without the cache it dominated.
 */
const DAY_BUCKET_MS = 86_400_000;
const FINE_BUCKET_MS = 15 * 60_000;
const MAX_CACHED_OFFSETS = 100_000;

interface ZoneCache {
  /** Offset for the whole UTC day, or null when the day has a transition. */
  days: Map<number, number | null>;
  fine: Map<number, number>;
}
const offsetCache = new Map<string, ZoneCache>();

/** The zone's offset from UTC at an instant, in ms (Pacific winter: -8 h). */
export function zoneOffsetMs(tz: string, utcMs: number): number {
  let cache = offsetCache.get(tz);
  if (!cache) {
    cache = { days: new Map(), fine: new Map() };
    offsetCache.set(tz, cache);
  }
  const day = Math.floor(utcMs / DAY_BUCKET_MS);
  let whole = cache.days.get(day);
  if (whole === undefined) {
    const start = computeOffset(tz, day * DAY_BUCKET_MS);
    const end = computeOffset(tz, (day + 1) * DAY_BUCKET_MS - FINE_BUCKET_MS);
    whole = start === end ? start : null;
    if (cache.days.size >= MAX_CACHED_OFFSETS) cache.days.clear();
    cache.days.set(day, whole);
  }
  if (whole !== null) return whole;
  const bucket = Math.floor(utcMs / FINE_BUCKET_MS);
  let fine = cache.fine.get(bucket);
  if (fine === undefined) {
    fine = computeOffset(tz, bucket * FINE_BUCKET_MS);
    if (cache.fine.size >= MAX_CACHED_OFFSETS) cache.fine.clear();
    cache.fine.set(bucket, fine);
  }
  return fine;
}

function computeOffset(tz: string, utcMs: number): number {
  let y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  for (const p of formatterFor(tz).formatToParts(new Date(utcMs))) {
    switch (p.type) {
      case 'year': y = Number(p.value); break;
      case 'month': mo = Number(p.value); break;
      case 'day': d = Number(p.value); break;
      case 'hour': h = Number(p.value) % 24; break;
      case 'minute': mi = Number(p.value); break;
      case 'second': s = Number(p.value); break;
    }
  }
  return Date.UTC(y, mo - 1, d, h, mi, s) - utcMs;
}

/** Days since 1970-01-01 of the local date at an instant. */
export function localDayOf(tz: string, utcMs: number): number {
  return Math.floor((utcMs + zoneOffsetMs(tz, utcMs)) / DAY_MS);
}

/**
 * The instant at which a local wall-clock time occurs. When the time occurs
 * twice (clocks go back) the earlier is taken; when it does not occur at all
 * (clocks go forward) the time is read with the offset from before the gap,
 * i.e. 02:30 on the spring-forward night becomes 03:30 — the same rule as
 * Temporal's 'compatible' disambiguation.
 */
export function localToUtc(tz: string, day: number, minuteOfDay: number): number {
  const wall = day * DAY_MS + minuteOfDay * MINUTE_MS;
  const before = zoneOffsetMs(tz, wall - DAY_MS);
  const after = zoneOffsetMs(tz, wall + DAY_MS);
  let best = Number.POSITIVE_INFINITY;
  for (const o of before === after ? [before] : [before, after]) {
    const t = wall - o;
    if (zoneOffsetMs(tz, t) === o && t < best) best = t;
  }
  return Number.isFinite(best) ? best : wall - before;
}

export function isoDateOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function dayOfIsoDate(date: string): number {
  return Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}

/** 1970-01-01 was a Thursday. */
export const weekdayOfDay = (day: number): number => (((day % 7) + 7 + 4) % 7);

/** The instant the local day containing `utcMs` ends (next local midnight). */
export function endOfLocalDay(tz: string, utcMs: number): number {
  return localToUtc(tz, localDayOf(tz, utcMs) + 1, 0);
}

// ---------------------------------------------------------------------------
// Compiled calendars: working intervals per local day, as UTC instants, cached.

interface Compiled {
  tz: string;
  week: ReadonlyArray<ReadonlyArray<readonly [number, number]>>;
  holidays: ReadonlySet<number>;
  days: Map<number, ReadonlyArray<readonly [number, number]>>;
}

const byObject = new WeakMap<CalendarSpec, Compiled>();
const byContent = new Map<string, Compiled>();
const MAX_CACHED_CALENDARS = 64;
const MAX_CACHED_DAYS = 20_000;

function mergeIntervals(list: Array<[number, number]>): Array<[number, number]> {
  list.sort((a, b) => a[0] - b[0]);
  const out: Array<[number, number]> = [];
  for (const [s, e] of list) {
    const last = out[out.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else if (e > s) out.push([s, e]);
  }
  return out;
}

/**
 * Calendars are treated as immutable values: the compiled form is cached per
 * object and per content, because records read from the database are new
 * objects every time and recompiling (and re-deriving every day's intervals)
 * on each list row would dominate the cost of the SLA columns.
 */
function compile(cal: CalendarSpec): Compiled {
  const hit = byObject.get(cal);
  if (hit) return hit;
  const key = `${cal.timeZone}|${JSON.stringify(cal.week)}|${cal.holidays.join(',')}`;
  let c = byContent.get(key);
  if (!c) {
    c = {
      tz: cal.timeZone,
      week: WEEKDAYS.map((d) => mergeIntervals((cal.week[d] ?? []).map((h) => [toMinute(h.start), toMinute(h.end)]))),
      holidays: new Set(cal.holidays.map(dayOfIsoDate)),
      days: new Map(),
    };
    if (byContent.size >= MAX_CACHED_CALENDARS) byContent.clear();
    byContent.set(key, c);
  }
  byObject.set(cal, c);
  return c;
}

function intervalsOfDay(c: Compiled, day: number): ReadonlyArray<readonly [number, number]> {
  let list = c.days.get(day);
  if (list) return list;
  if (c.holidays.has(day)) list = [];
  else {
    list = (c.week[weekdayOfDay(day)] ?? [])
      .map(([s, e]) => [localToUtc(c.tz, day, s), localToUtc(c.tz, day, e)] as const)
      .filter(([s, e]) => e > s);
  }
  if (c.days.size >= MAX_CACHED_DAYS) c.days.clear();
  c.days.set(day, list);
  return list;
}

// A validated calendar has working hours every week and at most 2,000
// holidays, so a run longer than this means the input was not validated.
const MAX_DAYS_SEARCHED = 366 * 40;

/** The instant at which `ms` of business time has elapsed after `startMs`. */
export function addBusinessMs(startMs: number, ms: number, cal: CalendarSpec): number {
  if (!Number.isFinite(startMs) || !Number.isFinite(ms) || ms < 0) throw new RangeError('addBusinessMs needs a finite start and a non-negative duration');
  if (ms === 0) return startMs;
  const c = compile(cal);
  let remaining = ms;
  let day = localDayOf(c.tz, startMs);
  for (let i = 0; i < MAX_DAYS_SEARCHED; i++, day++) {
    for (const [s, e] of intervalsOfDay(c, day)) {
      if (e <= startMs) continue;
      const from = Math.max(s, startMs);
      const available = e - from;
      if (remaining <= available) return from + remaining;
      remaining -= available;
    }
  }
  throw new RangeError('The calendar has no working hours in the next 40 years');
}

/** Business time between two instants; 0 when b is not after a. */
export function businessMsBetween(aMs: number, bMs: number, cal: CalendarSpec): number {
  if (!(bMs > aMs)) return 0;
  const c = compile(cal);
  let total = 0;
  const last = localDayOf(c.tz, bMs);
  for (let day = localDayOf(c.tz, aMs); day <= last; day++) {
    for (const [s, e] of intervalsOfDay(c, day)) {
      const from = Math.max(s, aMs);
      const to = Math.min(e, bMs);
      if (to > from) total += to - from;
    }
  }
  return total;
}

/** Is the instant inside working hours? */
export function isBusinessTime(ms: number, cal: CalendarSpec): boolean {
  const c = compile(cal);
  return intervalsOfDay(c, localDayOf(c.tz, ms)).some(([s, e]) => ms >= s && ms < e);
}

export function addBusinessMinutes(startIso: string, minutes: number, cal: CalendarSpec): string {
  return new Date(addBusinessMs(Date.parse(startIso), Math.round(minutes * MINUTE_MS), cal)).toISOString();
}

/** Business minutes between two instants (fractional when they are not on whole minutes). */
export function businessMinutesBetween(aIso: string, bIso: string, cal: CalendarSpec): number {
  return businessMsBetween(Date.parse(aIso), Date.parse(bIso), cal) / MINUTE_MS;
}
