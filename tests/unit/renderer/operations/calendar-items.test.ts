import { describe, expect, it } from 'vitest';
import { calendarItems, forSystem, itemsByDay } from '../../../../renderer/src/features/operations/calendar-items';
import { occurrenceId } from '../../../../shared/operations/ids';
import { ChangeSchema, MaintenanceWindowSchema, OccurrenceSchema, OutputJobSchema, OutputRunSchema, ScheduleSchema, type Schedule } from '../../../../shared/operations/schemas';

const AT = '2026-01-01T00:00:00.000Z';
const meta = { createdAt: AT, updatedAt: AT, stamps: {}, deleted: 0 as const };
const UTC = 'UTC';

const schedule = ScheduleSchema.parse({ id: 's1', kind: 'maintenance', name: 'Patch Tuesday', timeZone: UTC, shift: 'none', rule: { freq: 'monthly', by: 'nth', nth: 2, nthWeekday: 'tue', start: '2026-01-01', time: '06:00' }, template: { title: 'x' }, ...meta }) as Schedule;

describe('calendar items', () => {
  it('a saved status report that repeats runs on each date of its rule; one due and not run since is flagged; a system filter leaves reports out', () => {
    const src = {
      schedules: [],
      occurrences: [],
      jobs: [],
      runs: [],
      windows: [],
      changes: [],
      calendars: new Map(),
      reports: [
        { id: 'rep1', name: 'Eastside weekly', repeat: { freq: 'weekly' as const, interval: 1, weekdays: ['mon' as const], start: '2026-01-01', time: '09:00' }, lastRunAt: '2026-01-05T17:00:00.000Z' },
        { id: 'rep2', name: 'One-off', repeat: null, lastRunAt: null },
        { id: 'rep3', name: 'Deleted', repeat: { freq: 'weekly' as const, interval: 1, weekdays: ['mon' as const], start: '2026-01-01', time: '09:00' }, lastRunAt: null, deleted: 1 },
      ],
    } as unknown as Parameters<typeof calendarItems>[0];
    const items = calendarItems(src, '2026-01-01', '2026-01-31', Date.parse('2026-01-14T00:00:00Z'), UTC);
    expect(items.map((i) => [i.day, i.kind, i.label, i.alert ?? '', i.href])).toEqual([
      ['2026-01-05', 'report', 'Status report: Eastside weekly', '', '#/reports/status/rep1'],
      ['2026-01-12', 'report', 'Status report: Eastside weekly', 'Due, not run', '#/reports/status/rep1'],
      ['2026-01-19', 'report', 'Status report: Eastside weekly', '', '#/reports/status/rep1'],
      ['2026-01-26', 'report', 'Status report: Eastside weekly', '', '#/reports/status/rep1'],
    ]);
    expect(calendarItems(forSystem(src, 'cms'), '2026-01-01', '2026-01-31', 0, UTC)).toEqual([]);
  });

  it('shows made occurrences once, projects the rest, and flags late and failed runs', () => {
    const src = {
      schedules: [schedule],
      occurrences: [OccurrenceSchema.parse({ id: occurrenceId('s1', '2026-01-13'), scheduleId: 's1', kind: 'maintenance', date: '2026-01-13', plannedAt: '2026-01-13T06:00:00.000Z', ticketId: 'mt:s1:2026-01-13', ...meta })],
      jobs: [OutputJobSchema.parse({ id: 'j1', name: 'Payroll register', ...meta })],
      runs: [
        OutputRunSchema.parse({ id: 'r1', jobId: 'j1', date: '2026-01-05', expectedAt: '2026-01-05T15:00:00.000Z', ...meta }),
        OutputRunSchema.parse({ id: 'r2', jobId: 'j1', date: '2026-01-06', expectedAt: '2026-01-06T15:00:00.000Z', receivedAt: '2026-01-06T15:00:00.000Z', status: 'failed', ...meta }),
      ],
      windows: [MaintenanceWindowSchema.parse({ id: 'w1', kind: 'freeze', name: 'Year end', systemIds: ['cms'], timeZone: UTC, rule: { freq: 'once', start: '2026-01-30', time: '00:00' }, durationMinutes: 60, ...meta })],
      changes: [ChangeSchema.parse({ id: 'c1', title: 'Upgrade e-filing', plannedStart: '2026-01-20T06:00:00.000Z', ...meta }), ChangeSchema.parse({ id: 'c2', title: 'Cancelled one', status: 'cancelled', plannedStart: '2026-01-21T06:00:00.000Z', ...meta })],
      calendars: new Map(),
    };
    const items = calendarItems(src, '2026-01-01', '2026-02-28', Date.parse('2026-01-10T00:00:00Z'), UTC);
    expect(items.map((i) => [i.day, i.kind, i.label, i.alert ?? ''])).toEqual([
      ['2026-01-05', 'run', 'Payroll register', 'Late'],
      ['2026-01-06', 'run', 'Payroll register', 'Failed verification'],
      ['2026-01-13', 'maintenance', 'Patch Tuesday', ''],
      ['2026-01-20', 'change', 'Upgrade e-filing', ''],
      ['2026-01-30', 'freeze', 'Year end', ''],
      ['2026-02-10', 'planned', 'Patch Tuesday (planned)', ''],
    ]);
    expect(items.find((i) => i.kind === 'maintenance')!.href).toBe('#/tickets/mt%3As1%3A2026-01-13');
    expect([...itemsByDay(items).keys()]).toHaveLength(6);
    // A freeze of three days is on each of them.
    const long = { ...src, windows: [{ ...src.windows[0]!, durationMinutes: 3 * 24 * 60 }] };
    expect(calendarItems(long, '2026-01-29', '2026-02-03', 0, UTC).filter((i) => i.kind === 'freeze').map((i) => [i.day, i.label])).toEqual([
      ['2026-01-30', 'Year end'],
      ['2026-01-31', 'Year end (continues)'],
      ['2026-02-01', 'Year end (continues)'],
    ]);
  });

  it('draws the next expected date of an after-completion schedule once the last one is completed, and none while one is open', () => {
    const every45 = ScheduleSchema.parse({ id: 's2', kind: 'maintenance', name: 'Index rebuild', mode: 'after_completion', afterDays: 45, timeZone: UTC, shift: 'none', rule: { freq: 'once', start: '2026-01-01', time: '07:00' }, template: { title: 'x' }, ...meta }) as Schedule;
    const occ = (date: string, extra: Record<string, unknown>) => OccurrenceSchema.parse({ id: occurrenceId('s2', date), scheduleId: 's2', kind: 'maintenance', date, plannedAt: `${date}T07:00:00.000Z`, ticketId: `mt:s2:${date}`, ...meta, ...extra });
    const base = { schedules: [every45], jobs: [], runs: [], windows: [], changes: [], calendars: new Map() };
    const now = Date.parse('2026-01-20T00:00:00Z');
    // Completed on 10 January: the next is 45 days later, 24 February.
    const done = calendarItems({ ...base, occurrences: [occ('2026-01-05', { status: 'done', completedAt: '2026-01-10T18:00:00.000Z' })] }, '2026-01-01', '2026-03-31', now, UTC);
    expect(done.filter((i) => i.kind === 'planned').map((i) => [i.day, i.label, i.href])).toEqual([['2026-02-24', 'Index rebuild (expected, 45 days after the last)', '#/schedule/schedules/s2']]);
    // Still open: the next date is not known yet.
    const open = calendarItems({ ...base, occurrences: [occ('2026-01-05', {})] }, '2026-01-01', '2026-03-31', now, UTC);
    expect(open.filter((i) => i.kind === 'planned')).toEqual([]);
    // Never run: its start, or today once that is past.
    expect(calendarItems({ ...base, occurrences: [] }, '2026-01-01', '2026-03-31', now, UTC).filter((i) => i.kind === 'planned').map((i) => i.day)).toEqual(['2026-01-20']);
    // Paused: nothing.
    expect(calendarItems({ ...base, schedules: [{ ...every45, active: false }], occurrences: [] }, '2026-01-01', '2026-03-31', now, UTC)).toEqual([]);
  });
});

describe('the calendar of one system', () => {
  it('keeps the system’s schedules and their occurrences, its jobs’ runs, and the windows, freezes and changes naming it', () => {
    const on = (id: string, systemId: string | null) => ScheduleSchema.parse({ ...schedule, id, name: `Patch ${id}`, systemId }) as Schedule;
    const src = {
      schedules: [on('s-cms', 'cms'), on('s-jury', 'jury')],
      occurrences: [
        OccurrenceSchema.parse({ id: occurrenceId('s-cms', '2026-01-13'), scheduleId: 's-cms', kind: 'maintenance', date: '2026-01-13', plannedAt: '2026-01-13T06:00:00.000Z', ticketId: null, ...meta }),
        OccurrenceSchema.parse({ id: occurrenceId('s-jury', '2026-01-13'), scheduleId: 's-jury', kind: 'maintenance', date: '2026-01-13', plannedAt: '2026-01-13T06:00:00.000Z', ticketId: null, ...meta }),
      ],
      jobs: [OutputJobSchema.parse({ id: 'j-cms', name: 'Docket', systemId: 'cms', ...meta }), OutputJobSchema.parse({ id: 'j-jury', name: 'Jury list', systemId: 'jury', ...meta })],
      runs: [
        OutputRunSchema.parse({ id: 'r-cms', jobId: 'j-cms', date: '2026-01-05', expectedAt: '2026-01-05T15:00:00.000Z', ...meta }),
        OutputRunSchema.parse({ id: 'r-jury', jobId: 'j-jury', date: '2026-01-05', expectedAt: '2026-01-05T15:00:00.000Z', ...meta }),
      ],
      windows: [
        MaintenanceWindowSchema.parse({ id: 'w-both', kind: 'freeze', name: 'Year end', systemIds: ['cms', 'jury'], timeZone: UTC, rule: { freq: 'once', start: '2026-01-30', time: '00:00' }, durationMinutes: 60, ...meta }),
        MaintenanceWindowSchema.parse({ id: 'w-jury', kind: 'window', name: 'Jury nights', systemIds: ['jury'], timeZone: UTC, rule: { freq: 'once', start: '2026-01-29', time: '22:00' }, durationMinutes: 60, ...meta }),
      ],
      changes: [ChangeSchema.parse({ id: 'c-cms', title: 'Upgrade CMS', systemIds: ['cms'], plannedStart: '2026-01-20T06:00:00.000Z', ...meta }), ChangeSchema.parse({ id: 'c-jury', title: 'Upgrade jury', systemIds: ['jury'], plannedStart: '2026-01-21T06:00:00.000Z', ...meta })],
      calendars: new Map(),
    };
    const labels = (systemId: string | null) => calendarItems(forSystem(src, systemId), '2026-01-01', '2026-01-31', Date.parse('2026-01-01T00:00:00Z'), UTC).map((i) => i.label);
    expect(labels('cms')).toEqual(['Docket', 'Patch s-cms', 'Upgrade CMS', 'Year end']);
    expect(labels('jury')).toEqual(['Jury list', 'Patch s-jury', 'Upgrade jury', 'Jury nights', 'Year end']);
    expect(labels(null)).toHaveLength(8);
    expect(forSystem(src, null)).toBe(src);
  });
});
