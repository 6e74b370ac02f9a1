import * as rrulePackage from 'rrule';
import type { Options as RRuleOptions, RRule as RRuleType, Weekday as RRuleWeekday } from 'rrule';
import { z } from 'zod';
import { dayOfIsoDate, isoDateOfDay, localToUtc, WEEKDAYS, weekdayOfDay, type CalendarSpec, type Weekday } from '../tickets/calendar';
import { isoDate } from '../tickets/fields';

// rrule ships an ES module (which bundlers and vitest load) and a CommonJS bundle (which Node's own ESM loader
// loads, the server and the e2e runner, with the names only on its default export): take them from either.
const rrule = ((rrulePackage as { default?: typeof rrulePackage }).default?.RRule ? (rrulePackage as unknown as { default: typeof rrulePackage }).default : rrulePackage) as typeof rrulePackage;
const { Frequency, RRule } = rrule;

/**
 * The recurrence engine of schedules and maintenance windows.
 *
 * A rule is the part of RFC 5545 people actually use ("every 2 weeks on Mon
 * and Thu", "the 10th", "2nd Tuesday", "last Friday", "every March 1st"),
 * stored as fields a form can edit and turned into an RRULE for the `rrule`
 * library, which does the calendar arithmetic (nth weekday through BYDAY with
 * an ordinal or BYSETPOS, month ends through BYMONTHDAY=-1, COUNT and UNTIL).
 *
 * Expansion is in *floating* local dates: rrule is given a UTC date whose
 * fields are the local date, so it never sees a zone and DST cannot move a
 * date. Each local date and the rule's wall-clock time then become an instant
 * in the schedule's IANA zone through the business-calendar conversion
 * (tickets/calendar.ts localToUtc): 09:00 is 09:00 in winter and in summer,
 * and a time that does not exist on the spring-forward night is read as the
 * time after the gap.
 */

export const FREQUENCIES = ['once', 'daily', 'weekly', 'monthly', 'yearly'] as const;
export type Freq = (typeof FREQUENCIES)[number];
export const NTH = [1, 2, 3, 4, -1] as const;
export type Nth = (typeof NTH)[number];

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;

export const RecurrenceSchema = z
  .object({
    freq: z.enum(FREQUENCIES, { error: 'Pick how often it repeats' }),
    interval: z.int('Interval must be a whole number').min(1, 'Interval must be at least 1').max(99, 'Interval must be at most 99').default(1),
    /** Weekly: the weekdays (none means the start date's weekday). */
    weekdays: z.array(z.enum(WEEKDAYS)).max(7).default([]),
    /** Monthly and yearly: on a day of the month, or on the nth weekday. */
    by: z.enum(['day', 'nth']).default('day'),
    /** 1..31, or -1 for the last day of the month. */
    monthDay: z
      .int()
      .min(-1)
      .max(31)
      .refine((d) => d !== 0, 'Day of the month must be 1 to 31, or last')
      .default(1),
    nth: z.union(NTH.map((n) => z.literal(n)) as [z.ZodLiteral<1>, z.ZodLiteral<2>, z.ZodLiteral<3>, z.ZodLiteral<4>, z.ZodLiteral<-1>], { error: 'Pick first, second, third, fourth or last' }).default(1),
    nthWeekday: z.enum(WEEKDAYS).default('mon'),
    /** Yearly: the month (1..12). */
    month: z.int().min(1).max(12).default(1),
    start: isoDate('Start date'),
    time: z.string().regex(HHMM, 'Time must be such as 09:00').default('09:00'),
    until: isoDate('End date').nullable().default(null),
    count: z.int('Count must be a whole number').min(1, 'Count must be at least 1').max(1000, 'At most 1,000 occurrences').nullable().default(null),
  })
  .refine((r) => r.until === null || r.until >= r.start, { error: 'The end date must not be before the start date', path: ['until'] });
export type Recurrence = z.output<typeof RecurrenceSchema>;
export type RecurrenceInput = z.input<typeof RecurrenceSchema>;

const RRULE_DAYS: Record<Weekday, RRuleWeekday> = {
  sun: RRule.SU,
  mon: RRule.MO,
  tue: RRule.TU,
  wed: RRule.WE,
  thu: RRule.TH,
  fri: RRule.FR,
  sat: RRule.SA,
};

const DAY_MS = 86_400_000;

// Date.parse and toISOString are slow next to the rest of placing a date, and a year of 500 schedules places
// tens of thousands of dates on a few hundred distinct days: both directions are memoised (bounded).
const MAX_MEMO = 50_000;
const dayMemo = new Map<string, number>();
const isoMemo = new Map<number, string>();
function dayOf(date: string): number {
  let d = dayMemo.get(date);
  if (d === undefined) {
    d = dayOfIsoDate(date);
    if (dayMemo.size >= MAX_MEMO) dayMemo.clear();
    dayMemo.set(date, d);
  }
  return d;
}
function isoOf(day: number): string {
  let s = isoMemo.get(day);
  if (s === undefined) {
    s = isoDateOfDay(day);
    if (isoMemo.size >= MAX_MEMO) isoMemo.clear();
    isoMemo.set(day, s);
  }
  return s;
}
/** localToUtc, memoised per zone on (day, minute): the same local times recur across schedules. */
const instantMemo = new Map<string, Map<number, number>>();
function zonedMs(timeZone: string, day: number, minute: number): number {
  let m = instantMemo.get(timeZone);
  if (!m) instantMemo.set(timeZone, (m = new Map()));
  const key = day * 1440 + minute;
  let v = m.get(key);
  if (v === undefined) {
    v = localToUtc(timeZone, day, minute);
    if (m.size >= MAX_MEMO) m.clear();
    m.set(key, v);
  }
  return v;
}
const FAR_FUTURE = new Date(Date.UTC(2200, 0, 1));
const floating = (date: string): Date => new Date(dayOfIsoDate(date) * DAY_MS);

/** The rrule options of a rule, in floating dates (no zone). */
export function rruleOptions(r: Recurrence): Partial<RRuleOptions> {
  const base: Partial<RRuleOptions> = {
    dtstart: floating(r.start),
    interval: r.interval,
    wkst: RRule.MO,
    ...(r.until ? { until: floating(r.until) } : {}),
    ...(r.count ? { count: r.count } : {}),
  };
  switch (r.freq) {
    case 'once':
      return { ...base, freq: Frequency.DAILY, count: 1, interval: 1 };
    case 'daily':
      return { ...base, freq: Frequency.DAILY };
    case 'weekly':
      return {
        ...base,
        freq: Frequency.WEEKLY,
        byweekday: (r.weekdays.length ? r.weekdays : [WEEKDAYS[weekdayOfDay(dayOfIsoDate(r.start))]!]).map((d) => RRULE_DAYS[d]),
      };
    case 'monthly':
    case 'yearly': {
      const freq = r.freq === 'monthly' ? Frequency.MONTHLY : Frequency.YEARLY;
      const month = r.freq === 'yearly' ? { bymonth: [r.month] } : {};
      return r.by === 'nth'
        ? { ...base, freq, ...month, byweekday: [RRULE_DAYS[r.nthWeekday].nth(r.nth)] }
        : { ...base, freq, ...month, bymonthday: [r.monthDay] };
    }
  }
}

export function toRRule(r: Recurrence): RRuleType {
  return new RRule(rruleOptions(r));
}

/** The RFC 5545 text of the rule (RRULE line, floating DTSTART), for display and export. */
export function rruleText(r: Recurrence): string {
  return toRRule(r).toString();
}

/**
 * The local dates (YYYY-MM-DD) the rule falls on from `from` to `to`, both
 * inclusive, in order. The rule's own COUNT counts from its start, not from `from`.
 */
export function localDatesBetween(r: Recurrence, from: string, to: string): string[] {
  if (to < from) return [];
  const lo = Math.max(dayOf(from), dayOf(r.start));
  const hi = r.until ? Math.min(dayOf(to), dayOf(r.until)) : dayOf(to);
  if (hi < lo) return [];
  if (r.freq === 'once') return lo <= dayOf(r.start) && dayOf(r.start) <= hi ? [r.start] : [];
  if (r.freq === 'daily' && !r.count) {
    // Every N days needs no library: the days are start + k·N (and this is the hot path of windows).
    const s = dayOf(r.start);
    const out: string[] = [];
    for (let d = lo + ((((s - lo) % r.interval) + r.interval) % r.interval); d <= hi; d += r.interval) out.push(isoOf(d));
    return out;
  }
  const options = rruleOptions(r);
  // Without COUNT, the rule may start iterating at any whole period (of `interval` weeks, months or years)
  // from its start: rrule walks from DTSTART, so a schedule started years ago would cost a walk of years.
  if (!r.count) options.dtstart = new Date(alignedStart(r, lo) * DAY_MS);
  return new RRule(options)
    .between(new Date(lo * DAY_MS), new Date(hi * DAY_MS), true)
    .map((d) => isoOf(Math.floor(d.getTime() / DAY_MS)));
}

/**
 * The latest day on or before `day` that begins a period of the rule in phase with its start (a Monday
 * `interval`·k weeks after the start's week, the 1st of a month `interval`·k months after the start's,
 * 1 January `interval`·k years after), or the start itself when no whole period has passed. Starting
 * there gives the same dates from `day` on, since every by-rule is relative to its period.
 */
function alignedStart(r: Recurrence, day: number): number {
  const start = dayOfIsoDate(r.start);
  if (day <= start) return start;
  if (r.freq === 'weekly') {
    const monday = (d: number) => d - ((weekdayOfDay(d) + 6) % 7);
    const weeks = Math.floor((monday(day) - monday(start)) / 7);
    const k = Math.floor(weeks / r.interval) * r.interval;
    return k > 0 ? monday(start) + k * 7 : start;
  }
  if (r.freq === 'monthly' || r.freq === 'yearly') {
    const a = new Date(start * DAY_MS);
    const b = new Date(day * DAY_MS);
    const step = r.freq === 'monthly' ? r.interval : r.interval * 12;
    const months = (b.getUTCFullYear() - a.getUTCFullYear()) * 12 + (b.getUTCMonth() - a.getUTCMonth());
    const k = Math.floor(months / step) * step;
    if (k <= 0) return start;
    const first = r.freq === 'monthly' ? Date.UTC(a.getUTCFullYear(), a.getUTCMonth() + k, 1) : Date.UTC(a.getUTCFullYear() + k / 12, 0, 1);
    return Math.floor(first / DAY_MS);
  }
  return start;
}

/** The next `n` local dates on or after `from`. */
export function nextLocalDates(r: Recurrence, from: string, n: number): string[] {
  if (n <= 0) return [];
  if (r.freq === 'once') return r.start >= from ? [r.start] : [];
  const after = new Date(Math.max(dayOfIsoDate(from), dayOfIsoDate(r.start)) * DAY_MS);
  const out = toRRule(r)
    .between(after, FAR_FUTURE, true, (_d, i) => i < n)
    .map((d) => isoDateOfDay(Math.floor(d.getTime() / DAY_MS)));
  return out.slice(0, n);
}

export const minuteOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
export const hhmmOf = (minute: number): string => `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

/** The instant of a local date and wall time in an IANA zone. */
export function zonedInstant(date: string, time: string, timeZone: string): number {
  return localToUtc(timeZone, dayOfIsoDate(date), minuteOf(time));
}

// ---------------------------------------------------------------------------
// Moving off holidays and non-working time

/**
 * What happens when a date falls where no one works:
 * - `none`: it stays;
 * - `working_day`: a holiday or a day without working hours moves to the next working day, same time;
 * - `working_hours`: also a time outside the day's hours moves to the next opening (the same day's opening
 *   when it is before it, else the next working day's).
 */
export const SHIFTS = ['none', 'working_day', 'working_hours'] as const;
export type Shift = (typeof SHIFTS)[number];

export interface Placed {
  /** The date the rule gave (the occurrence's identity). */
  date: string;
  /** Where it lands after moving off non-working time. */
  plannedDate: string;
  plannedTime: string;
  /** The instant, as a UTC ISO string. */
  at: string;
  moved: boolean;
}

const MAX_DAYS_SEARCHED = 366;

interface CompiledCalendar {
  holidays: ReadonlySet<number>;
  /** Working intervals (minutes) per weekday, sorted. */
  week: ReadonlyArray<ReadonlyArray<readonly [number, number]>>;
}
const compiled = new WeakMap<CalendarSpec, CompiledCalendar>();

/** Holidays as day numbers and hours as minutes, once per calendar object (placing a year of dates reads them thousands of times). */
function compileCalendar(cal: CalendarSpec): CompiledCalendar {
  let c = compiled.get(cal);
  if (!c) {
    c = {
      holidays: new Set(cal.holidays.map(dayOfIsoDate)),
      week: WEEKDAYS.map((d) => (cal.week[d] ?? []).map((h) => [minuteOf(h.start), h.end === '24:00' ? 1440 : minuteOf(h.end)] as const).sort((a, b) => a[0] - b[0])),
    };
    compiled.set(cal, c);
  }
  return c;
}

/**
 * Place a rule's local date in the calendar: the planned local date and time
 * after moving off holidays (and, by `shift`, off non-working hours), and its
 * instant in `timeZone` (the schedule's zone; the calendar's hours are read as
 * wall-clock times of the same local day).
 */
export function place(date: string, time: string, timeZone: string, shift: Shift, cal: CalendarSpec | null): Placed {
  let day = dayOf(date);
  let minute = minuteOf(time);
  let moved = false;
  if (cal && shift !== 'none') {
    const c = compileCalendar(cal);
    const hoursOf = (d: number) => (c.holidays.has(d) ? [] : c.week[weekdayOfDay(d)]!);
    for (let i = 0; i < MAX_DAYS_SEARCHED; i++) {
      const hours = hoursOf(day);
      if (shift === 'working_day') {
        if (hours.length > 0) break;
        day++;
        moved = true;
        continue;
      }
      if (hours.some(([s, e]) => minute >= s && minute < e)) break;
      const later = hours.find(([s]) => s > minute);
      moved = true;
      if (later) {
        minute = later[0];
        break;
      }
      day++;
      minute = -1; // the next day's first opening
    }
  }
  const plannedDate = moved ? isoOf(day) : date;
  const plannedTime = moved ? hhmmOf(Math.max(0, minute)) : time;
  return { date, plannedDate, plannedTime, at: new Date(zonedMs(timeZone, day, Math.max(0, minute))).toISOString(), moved };
}

export interface PlaceOptions {
  timeZone: string;
  shift: Shift;
  calendar: CalendarSpec | null;
}

/** The rule's occurrences with their rule date in [from, to], placed. */
export function occurrencesBetween(r: Recurrence, from: string, to: string, opts: PlaceOptions): Placed[] {
  return localDatesBetween(r, from, to).map((d) => place(d, r.time, opts.timeZone, opts.shift, opts.calendar));
}

/** The next `n` occurrences on or after the local date `from`, placed: the preview a schedule shows before saving. */
export function previewNext(r: Recurrence, from: string, n: number, opts: PlaceOptions): Placed[] {
  return nextLocalDates(r, from, n).map((d) => place(d, r.time, opts.timeZone, opts.shift, opts.calendar));
}

/** "N days after the last one was completed": the next rule date from a completion's local date. */
export function afterCompletionDate(lastCompletedLocalDate: string | null, afterDays: number, start: string): string {
  if (!lastCompletedLocalDate) return start;
  const next = isoDateOfDay(dayOfIsoDate(lastCompletedLocalDate) + afterDays);
  return next < start ? start : next;
}

/** The local date (YYYY-MM-DD) of an instant in a zone. */
export function localDateOf(instantMs: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(instantMs));
  return parts;
}

export const addDays = (date: string, n: number): string => isoDateOfDay(dayOfIsoDate(date) + n);

const WEEKDAY_NAMES: Record<Weekday, string> = { sun: 'Sunday', mon: 'Monday', tue: 'Tuesday', wed: 'Wednesday', thu: 'Thursday', fri: 'Friday', sat: 'Saturday' };
const ORDINAL: Record<Nth, string> = { 1: '1st', 2: '2nd', 3: '3rd', 4: '4th', [-1]: 'last' } as Record<Nth, string>;
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const ordinalDay = (d: number): string => (d === -1 ? 'last day' : `${d}${d % 10 === 1 && d !== 11 ? 'st' : d % 10 === 2 && d !== 12 ? 'nd' : d % 10 === 3 && d !== 13 ? 'rd' : 'th'}`);

/** A plain-English description: "Monthly on the 2nd Tuesday at 09:00". */
export function describeRecurrence(r: Recurrence): string {
  const every = (unit: string) => (r.interval === 1 ? '' : ` every ${r.interval} ${unit}`);
  let s: string;
  switch (r.freq) {
    case 'once':
      s = `Once on ${r.start}`;
      break;
    case 'daily':
      s = r.interval === 1 ? 'Daily' : `Every ${r.interval} days`;
      break;
    case 'weekly':
      s = `${r.interval === 1 ? 'Weekly' : `Every ${r.interval} weeks`} on ${(r.weekdays.length ? r.weekdays : [WEEKDAYS[weekdayOfDay(dayOfIsoDate(r.start))]!]).map((d) => WEEKDAY_NAMES[d]).join(', ')}`;
      break;
    case 'monthly':
      s = `Monthly${every('months')} on the ${r.by === 'nth' ? `${ORDINAL[r.nth]} ${WEEKDAY_NAMES[r.nthWeekday]}` : ordinalDay(r.monthDay)}`;
      break;
    case 'yearly':
      s = `Yearly${every('years')} on the ${r.by === 'nth' ? `${ORDINAL[r.nth]} ${WEEKDAY_NAMES[r.nthWeekday]} of ${MONTHS[r.month - 1]}` : `${ordinalDay(r.monthDay)} of ${MONTHS[r.month - 1]}`}`;
      break;
  }
  s += ` at ${r.time}`;
  if (r.freq !== 'once') {
    if (r.count) s += `, ${r.count} times`;
    if (r.until) s += `, until ${r.until}`;
  }
  return s;
}
