import { WEEKDAYS, type BusinessCalendar, type Weekday } from '../../../../../shared/tickets/calendar';
import { distinctCategories } from '../../../../../shared/tickets/catalog-names';

/**
 * What people type into the help-desk settings forms, and how it is shown back:
 * SLA targets as business time ("4h", "1h 30m", or plain minutes) and a day's
 * working hours ("08:00-12:00, 13:00-17:00"); a system's categories, one a
 * line or separated by commas. Parsing only splits the text;
 * the shared schemas judge the numbers and times.
 */

const DURATION = /^(?:(\d+(?:[.,]\d+)?)\s*h(?:ours?|rs?)?)?\s*(?:(\d+)\s*m(?:in(?:utes?|s)?)?)?$/i;

/** Minutes from "30m", "4h", "1h 30m", "1.5h" or "90"; NaN when the text is not a duration. */
export function parseDuration(input: string): number {
  const s = input.trim();
  if (/^\d+$/.test(s)) return Number(s);
  const m = DURATION.exec(s);
  if (!s || !m || (m[1] === undefined && m[2] === undefined)) return Number.NaN;
  const hours = m[1] === undefined ? 0 : Number(m[1].replace(',', '.'));
  return Math.round(hours * 60 * 1000) / 1000 + (m[2] === undefined ? 0 : Number(m[2]));
}

export const DURATION_HINT = 'Business time, such as 30m, 4h or 1h 30m';
export const DURATION_ERROR = 'Write a time such as 30m, 4h or 1h 30m';

export function formatDuration(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m}m`;
  return m === 0 ? `${h}h` : `${h}h ${m}m`;
}

export type Hours = BusinessCalendar['week'][Weekday];

/** Intervals from "08:00-17:00" or "08:00-12:00, 13:00-17:00"; null when a part has no dash. Empty text is a closed day. */
export function parseHours(input: string): Hours | null {
  const parts = input
    .split(/[,;]/)
    .map((p) => p.trim())
    .filter(Boolean);
  const out: Hours = [];
  for (const part of parts) {
    const m = /^(\S+)\s*(?:-|–|—|to)\s*(\S+)$/i.exec(part);
    if (!m) return null;
    out.push({ start: padTime(m[1]!), end: padTime(m[2]!) });
  }
  return out;
}

/** "8:00" → "08:00", so people need not type the leading zero. */
const padTime = (t: string): string => (/^\d:\d\d$/.test(t) ? `0${t}` : t);

export const HOURS_ERROR = 'Write hours such as 08:00-17:00, or leave empty when closed';

export const formatHours = (hours: Hours): string => hours.map((h) => `${h.start}-${h.end}`).join(', ');

export const DAY_NAMES: Record<Weekday, string> = { sun: 'Sunday', mon: 'Monday', tue: 'Tuesday', wed: 'Wednesday', thu: 'Thursday', fri: 'Friday', sat: 'Saturday' };

/** Monday first, as people read a working week. */
export const WEEK_ORDER: readonly Weekday[] = [...WEEKDAYS.slice(1), WEEKDAYS[0]];

/** "Mon–Fri 08:00-17:00; Sat 09:00-12:00": runs of days with the same hours. */
export function summariseWeek(week: BusinessCalendar['week']): string {
  const runs: { from: Weekday; to: Weekday; hours: string }[] = [];
  for (const day of WEEK_ORDER) {
    const hours = formatHours(week[day]);
    const last = runs[runs.length - 1];
    if (last && last.hours === hours) last.to = day;
    else runs.push({ from: day, to: day, hours });
  }
  const short = (d: Weekday) => DAY_NAMES[d].slice(0, 3);
  const open = runs.filter((r) => r.hours !== '');
  if (open.length === 0) return 'Closed every day';
  return open.map((r) => `${r.from === r.to ? short(r.from) : `${short(r.from)}–${short(r.to)}`} ${r.hours}`).join('; ');
}

/** A system's categories from text, one a line or separated by commas (people paste either); each once. */
export const parseCategories = (input: string): string[] => distinctCategories(input.split(/[,\r\n]+/));

/** One a line, so a long list reads down the box and each line is one category to edit. */
export const formatCategories = (categories: readonly string[]): string => categories.join('\n');
