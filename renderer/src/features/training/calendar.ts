/**
 * Calendar arithmetic on plain dates (`YYYY-MM-DD`). A session sits on the
 * day it meets where it meets (its startLocal date), whatever zone the
 * laptop is in: a 9:00 class in Fresno is on the 10th for everyone.
 */
export type CalendarMode = 'month' | 'week' | 'agenda';

const pad = (n: number) => String(n).padStart(2, '0');
const toUtc = (day: string) => Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)));
const fromUtc = (ms: number) => {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
};

export const addDays = (day: string, n: number): string => fromUtc(toUtc(day) + n * 86_400_000);
export const weekday = (day: string): number => new Date(toUtc(day)).getUTCDay();

export function addMonths(day: string, n: number): string {
  const d = new Date(toUtc(day));
  const first = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, 1);
  return fromUtc(first);
}

/** Today on this computer's calendar. */
export function today(now = new Date()): string {
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Sunday-first weeks covering the month of `day`. */
export function monthGrid(day: string): string[][] {
  const first = `${day.slice(0, 7)}-01`;
  let cur = addDays(first, -weekday(first));
  const weeks: string[][] = [];
  do {
    weeks.push(Array.from({ length: 7 }, (_, i) => addDays(cur, i)));
    cur = addDays(cur, 7);
  } while (cur.slice(0, 7) === day.slice(0, 7));
  return weeks;
}

export function weekOf(day: string): string[] {
  const start = addDays(day, -weekday(day));
  return Array.from({ length: 7 }, (_, i) => addDays(start, i));
}

export function byDay<T extends { startLocal: string }>(items: readonly T[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const s of [...items].sort((a, b) => a.startLocal.localeCompare(b.startLocal))) {
    const key = s.startLocal.slice(0, 10);
    map.set(key, [...(map.get(key) ?? []), s]);
  }
  return map;
}

const fmt = (day: string, o: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat('en-US', { ...o, timeZone: 'UTC' }).format(new Date(toUtc(day)));
export const monthTitle = (day: string) => fmt(day, { month: 'long', year: 'numeric' });
export const dayTitle = (day: string) => fmt(day, { weekday: 'long', month: 'long', day: 'numeric', year: 'numeric' });
export const shortDay = (day: string) => fmt(day, { weekday: 'short', month: 'short', day: 'numeric' });
export const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
