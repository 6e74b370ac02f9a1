import type { RecurrenceInput } from '../../shared/operations/recurrence';
import { ChangeSchema, MaintenanceWindowSchema, OccurrenceSchema, OutputJobSchema, OutputRunSchema, ScheduleSchema, type Schedule } from '../../shared/operations/schemas';
import type { CalendarSpec } from '../../shared/tickets/calendar';

/** The bench's records, shared by the Node figures (../index.ts) and the Chromium page (page/bench-page.tsx). */
export const ZONES = ['America/Los_Angeles', 'America/New_York', 'America/Chicago', 'America/Denver'];
const hours = [{ start: '08:00', end: '17:00' }];
export const calendar: CalendarSpec = {
  timeZone: 'America/Los_Angeles',
  week: { sun: [], mon: hours, tue: hours, wed: hours, thu: hours, fri: hours, sat: [] },
  holidays: ['2026-01-01', '2026-01-19', '2026-02-16', '2026-05-25', '2026-07-03', '2026-09-07', '2026-10-12', '2026-11-11', '2026-11-26', '2026-11-27', '2026-12-25'],
};
const AT = '2026-01-01T00:00:00.000Z';
export const meta = { createdAt: AT, updatedAt: AT, stamps: {}, deleted: 0 as const };

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

export function schedules(n: number): Schedule[] {
  return Array.from({ length: n }, (_, i) =>
    ScheduleSchema.parse({ id: `s${i}`, kind: 'maintenance', name: `Schedule ${i}`, timeZone: ZONES[i % ZONES.length], calendarId: i % 2 ? 'cal' : null, shift: i % 2 ? 'working_day' : 'none', rule: ruleFor(i), template: { title: 'x' }, ...meta }) as Schedule,
  );
}

/**
 * About `items` calendar items in the month `month` (YYYY-MM): a quarter each of made occurrences,
 * output runs and changes, windows and freezes every day, and about 100 planned from 20 schedules' rules.
 */
export function monthSource(month: string, items: number) {
  const day = (k: number) => `${month}-${String(1 + (k % 28)).padStart(2, '0')}`;
  const share = Math.floor(items / 4);
  const few = schedules(20);
  return {
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
}
