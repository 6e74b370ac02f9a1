import { RecurrenceSchema, occurrencesBetween, toRRule, type RecurrenceInput } from '../../shared/operations/recurrence';
import { ChangeSchema, MaintenanceWindowSchema, OccurrenceSchema, OutputJobSchema, OutputRunSchema, ScheduleSchema, type Schedule } from '../../shared/operations/schemas';
import type { CalendarSpec } from '../../shared/tickets/calendar';
import { calendarItems, itemsByDay } from '../../renderer/src/features/operations/calendar-items';
import { numberArg } from '../lib/args';
import { median, result, type BenchResult } from '../lib/result';

/**
 * `npm run bench -- operations [--schedules N] [--items N] [--runs R]`
 * 1. A year of occurrences for N schedules (a mix of weekly, nth-weekday, day-of-month, every-N-days and
 *    yearly rules, in four zones, half of them moved off holidays by a business calendar), expanded and
 *    placed as the generator and calendar do. Baseline: rrule's own expansion of the same rules, unplaced.
 * 2. The month calendar's items with about N items in the month (made occurrences, planned ones from the
 *    rules, runs, windows, freezes and changes), grouped by day: what the calendar computes when it opens
 *    (React's render of the cells is not in this figure). Baseline: sorting and grouping N ready-made items.
 */
const ZONES = ['America/Los_Angeles', 'America/New_York', 'America/Chicago', 'America/Denver'];
const hours = [{ start: '08:00', end: '17:00' }];
const calendar: CalendarSpec = {
  timeZone: 'America/Los_Angeles',
  week: { sun: [], mon: hours, tue: hours, wed: hours, thu: hours, fri: hours, sat: [] },
  holidays: ['2026-01-01', '2026-01-19', '2026-02-16', '2026-05-25', '2026-07-03', '2026-09-07', '2026-10-12', '2026-11-11', '2026-11-26', '2026-11-27', '2026-12-25'],
};
const AT = '2026-01-01T00:00:00.000Z';
const meta = { createdAt: AT, updatedAt: AT, stamps: {}, deleted: 0 as const };

function ruleFor(i: number): RecurrenceInput {
  const start = '2025-06-01';
  switch (i % 5) {
    case 0:
      return { freq: 'weekly', weekdays: (['mon', 'wed', 'fri'] as const).slice(0, 1 + (i % 3)), start, time: '06:00' };
    case 1:
      return { freq: 'monthly', by: 'nth', nth: ([1, 2, 3, 4, -1] as const)[i % 5]!, nthWeekday: 'tue', start, time: '07:30' };
    case 2:
      return { freq: 'monthly', monthDay: i % 3 === 0 ? -1 : 1 + (i % 28), start, time: '22:00' };
    case 3:
      return { freq: 'daily', interval: 1 + (i % 10), start, time: '05:00' };
    default:
      return { freq: 'yearly', month: 1 + (i % 12), monthDay: 1 + (i % 28), start, time: '09:00' };
  }
}

function schedules(n: number): Schedule[] {
  return Array.from({ length: n }, (_, i) =>
    ScheduleSchema.parse({ id: `s${i}`, kind: 'maintenance', name: `Schedule ${i}`, timeZone: ZONES[i % ZONES.length], calendarId: i % 2 ? 'cal' : null, shift: i % 2 ? 'working_day' : 'none', rule: ruleFor(i), template: { title: 'x' }, ...meta }) as Schedule,
  );
}

export async function run(args: string[]): Promise<BenchResult[]> {
  const n = numberArg(args, 'schedules', 500);
  const items = numberArg(args, 'items', 2000);
  const runs = numberArg(args, 'runs', 15);
  const list = schedules(n);
  const time = (fn: () => unknown) => {
    const t0 = performance.now();
    fn();
    return performance.now() - t0;
  };

  // 1. A year of occurrences.
  let count = 0;
  const year = () => {
    count = 0;
    for (const s of list) count += occurrencesBetween(s.rule, '2026-01-01', '2026-12-31', { timeZone: s.timeZone, shift: s.shift, calendar: s.calendarId ? calendar : null }).length;
  };
  const bare = () => {
    for (const s of list) toRRule(RecurrenceSchema.parse(s.rule)).between(new Date('2026-01-01T00:00:00Z'), new Date('2026-12-31T00:00:00Z'), true);
  };
  year();
  bare();
  const yearTimes: number[] = [];
  const bareTimes: number[] = [];
  for (let r = 0; r < runs; r++) {
    yearTimes.push(time(year));
    bareTimes.push(time(bare));
  }
  console.log(`${n} schedules: ${count} occurrences in 2026`);

  // 2. The month calendar with ~`items` items in March 2026.
  const day = (k: number) => `2026-03-${String(1 + (k % 31)).padStart(2, '0')}`;
  const share = Math.floor(items / 4);
  const few = list.slice(0, 20); // projected from rules: about 100 items in the month
  const src = {
    schedules: few,
    occurrences: Array.from({ length: share }, (_, k) => OccurrenceSchema.parse({ id: `o${k}`, scheduleId: few[k % few.length]!.id, kind: 'maintenance', date: day(k), plannedAt: `${day(k)}T${String(8 + (k % 9)).padStart(2, '0')}:00:00.000Z`, ticketId: `t${k}`, ...meta })),
    runs: Array.from({ length: share }, (_, k) => OutputRunSchema.parse({ id: `r${k}`, jobId: `j${k % 10}`, date: day(k), expectedAt: `${day(k)}T15:30:00.000Z`, status: k % 7 ? 'distributed' : 'failed', ...meta })),
    jobs: Array.from({ length: 10 }, (_, k) => OutputJobSchema.parse({ id: `j${k}`, name: `Job ${k}`, ...meta })),
    changes: Array.from({ length: share }, (_, k) => ChangeSchema.parse({ id: `c${k}`, title: `Change ${k}`, systemIds: ['cms'], plannedStart: `${day(k)}T06:00:00.000Z`, plannedEnd: `${day(k)}T08:00:00.000Z`, ...meta })),
    windows: Array.from({ length: Math.ceil(share / 31) }, (_, k) =>
      MaintenanceWindowSchema.parse({ id: `w${k}`, kind: k % 5 ? 'window' : 'freeze', name: `Window ${k}`, systemIds: ['cms'], timeZone: ZONES[k % 4], rule: { freq: 'daily', start: '2026-01-01', time: '22:00' }, durationMinutes: 240, ...meta }),
    ),
    calendars: new Map([['cal', calendar]]),
  };
  const month = () => itemsByDay(calendarItems(src as never, '2026-03-01', '2026-04-04', Date.parse('2026-03-15T00:00:00Z')));
  const shown = [...month().values()].reduce((a, l) => a + l.length, 0);
  const ready = [...month().values()].flat();
  const baseline = () => itemsByDay([...ready].sort((a, b) => a.at - b.at || (a.key < b.key ? -1 : 1)));
  const monthTimes: number[] = [];
  const baseTimes: number[] = [];
  for (let r = 0; r < runs; r++) {
    monthTimes.push(time(month));
    baseTimes.push(time(baseline));
  }
  console.log(`month calendar: ${shown} items`);

  return [
    result(`year of occurrences, ${n} schedules (${count})`, median(yearTimes), 'ms', 'rrule expansion alone, unplaced', median(bareTimes), '≤ 200 ms'),
    result(`month calendar items (${shown})`, median(monthTimes), 'ms', 'sort and group ready-made items', median(baseTimes), '≤ 100 ms'),
  ];
}
