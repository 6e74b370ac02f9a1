import fc from 'fast-check';
import { RRule } from 'rrule';
import { describe, expect, it } from 'vitest';
import type { CalendarSpec } from '../../../../shared/tickets/calendar';
import {
  describeRecurrence,
  localDatesBetween,
  nextLocalDates,
  place,
  previewNext,
  RecurrenceSchema,
  rruleOptions,
  rruleText,
  type RecurrenceInput,
} from '../../../../shared/operations/recurrence';
import { dueOccurrences } from '../../../../shared/operations/rules';
import { occurrenceId, occurrenceTicketId, parseOccurrenceId, extraOccurrenceId } from '../../../../shared/operations/ids';

const rule = (r: Partial<RecurrenceInput> & Pick<RecurrenceInput, 'freq' | 'start'>) => RecurrenceSchema.parse(r);
const LA = 'America/Los_Angeles';

const weekdays8to5 = { start: '08:00', end: '17:00' };
const courts: CalendarSpec = {
  timeZone: LA,
  week: { sun: [], mon: [weekdays8to5], tue: [weekdays8to5], wed: [weekdays8to5], thu: [weekdays8to5], fri: [weekdays8to5], sat: [] },
  holidays: ['2026-10-12', '2026-11-26', '2026-11-27', '2026-12-25'],
};

describe('rule dates: a hand-checked table', () => {
  const table: Array<[string, Partial<RecurrenceInput> & Pick<RecurrenceInput, 'freq' | 'start'>, string, string, string[]]> = [
    ['2nd Tuesday', { freq: 'monthly', by: 'nth', nth: 2, nthWeekday: 'tue', start: '2026-01-01' }, '2026-01-01', '2026-06-30', ['2026-01-13', '2026-02-10', '2026-03-10', '2026-04-14', '2026-05-12', '2026-06-09']],
    ['last Friday', { freq: 'monthly', by: 'nth', nth: -1, nthWeekday: 'fri', start: '2026-01-01' }, '2026-01-01', '2026-05-31', ['2026-01-30', '2026-02-27', '2026-03-27', '2026-04-24', '2026-05-29']],
    ['the 10th', { freq: 'monthly', monthDay: 10, start: '2026-01-15' }, '2026-01-01', '2026-04-30', ['2026-02-10', '2026-03-10', '2026-04-10']],
    ['month end in a leap year', { freq: 'monthly', monthDay: -1, start: '2024-01-01' }, '2024-01-01', '2024-04-30', ['2024-01-31', '2024-02-29', '2024-03-31', '2024-04-30']],
    ['month end in a common year', { freq: 'monthly', monthDay: -1, start: '2025-01-01' }, '2025-02-01', '2025-02-28', ['2025-02-28']],
    ['the 31st skips short months (RFC 5545)', { freq: 'monthly', monthDay: 31, start: '2026-01-01' }, '2026-01-01', '2026-06-30', ['2026-01-31', '2026-03-31', '2026-05-31']],
    ['29 February every year', { freq: 'yearly', month: 2, monthDay: 29, start: '2024-01-01' }, '2024-01-01', '2032-12-31', ['2024-02-29', '2028-02-29', '2032-02-29']],
    ['every 2 weeks on Mon and Thu', { freq: 'weekly', interval: 2, weekdays: ['mon', 'thu'], start: '2026-01-05' }, '2026-01-01', '2026-01-31', ['2026-01-05', '2026-01-08', '2026-01-19', '2026-01-22']],
    ['every 10 days', { freq: 'daily', interval: 10, start: '2026-01-01' }, '2026-01-15', '2026-02-15', ['2026-01-21', '2026-01-31', '2026-02-10']],
    ['3 times only', { freq: 'monthly', by: 'nth', nth: 1, nthWeekday: 'mon', start: '2026-01-01', count: 3 }, '2026-01-01', '2026-12-31', ['2026-01-05', '2026-02-02', '2026-03-02']],
    ['until a date (inclusive)', { freq: 'weekly', weekdays: ['wed'], start: '2026-01-01', until: '2026-01-21' }, '2026-01-01', '2026-12-31', ['2026-01-07', '2026-01-14', '2026-01-21']],
    ['yearly 2nd Monday of March', { freq: 'yearly', by: 'nth', nth: 2, nthWeekday: 'mon', month: 3, start: '2026-01-01' }, '2026-01-01', '2028-12-31', ['2026-03-09', '2027-03-08', '2028-03-13']],
    ['once', { freq: 'once', start: '2026-07-04' }, '2026-01-01', '2026-12-31', ['2026-07-04']],
  ];
  for (const [name, r, from, to, expected] of table) {
    it(name, () => expect(localDatesBetween(rule(r), from, to)).toEqual(expected));
  }

  it('the next dates start at the day asked, not the rule start', () => {
    expect(nextLocalDates(rule({ freq: 'monthly', by: 'nth', nth: 2, nthWeekday: 'tue', start: '2025-01-01' }), '2026-03-11', 2)).toEqual(['2026-04-14', '2026-05-12']);
  });

  it('says the rule in words and in RFC 5545', () => {
    const r = rule({ freq: 'monthly', by: 'nth', nth: 2, nthWeekday: 'tue', start: '2026-01-01', time: '06:00' });
    expect(describeRecurrence(r)).toBe('Monthly on the 2nd Tuesday at 06:00');
    expect(rruleText(r)).toBe('DTSTART:20260101T000000Z\nRRULE:INTERVAL=1;WKST=MO;FREQ=MONTHLY;BYDAY=+2TU');
  });

  it('refuses a day 0 and an end before the start', () => {
    expect(RecurrenceSchema.safeParse({ freq: 'monthly', monthDay: 0, start: '2026-01-01' }).success).toBe(false);
    expect(RecurrenceSchema.safeParse({ freq: 'daily', start: '2026-01-05', until: '2026-01-01' }).success).toBe(false);
  });
});

describe('against rrule itself', () => {
  const WD = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
  const RR = [RRule.MO, RRule.TU, RRule.WE, RRule.TH, RRule.FR, RRule.SA, RRule.SU];
  it('an nth-weekday rule gives what RRule gives for BYSETPOS on the same weekday', () => {
    fc.assert(
      fc.property(fc.constantFrom(1, 2, 3, 4, -1), fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 3000 }), (nth, wd, offset) => {
        const start = new Date(Date.UTC(2020, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10);
        const ours = localDatesBetween(rule({ freq: 'monthly', by: 'nth', nth: nth as 1, nthWeekday: WD[wd]!, start }), start, '2031-12-31');
        // Written the other way round: every weekday of the month, then BYSETPOS picks the nth.
        const theirs = new RRule({ freq: RRule.MONTHLY, byweekday: [RR[wd]!], bysetpos: [nth], dtstart: new Date(`${start}T00:00:00Z`), until: new Date('2031-12-31T00:00:00Z') })
          .all()
          .map((d) => d.toISOString().slice(0, 10));
        expect(ours).toEqual(theirs);
      }),
      { numRuns: 60 },
    );
  });
});

describe('instants in the schedule zone (DST)', () => {
  it('09:00 stays 09:00 across the spring change', () => {
    const r = rule({ freq: 'weekly', weekdays: ['mon'], start: '2026-03-02', time: '09:00' });
    const placed = previewNext(r, '2026-03-01', 2, { timeZone: LA, shift: 'none', calendar: null });
    expect(placed.map((p) => p.at)).toEqual(['2026-03-02T17:00:00.000Z', '2026-03-09T16:00:00.000Z']);
  });

  it('09:00 stays 09:00 across the autumn change, and in another zone', () => {
    expect(place('2026-10-26', '09:00', LA, 'none', null).at).toBe('2026-10-26T16:00:00.000Z');
    expect(place('2026-11-02', '09:00', LA, 'none', null).at).toBe('2026-11-02T17:00:00.000Z');
    expect(place('2026-03-30', '09:00', 'Europe/Berlin', 'none', null).at).toBe('2026-03-30T07:00:00.000Z');
  });

  it('a time that does not exist moves past the gap; a time that happens twice takes the first', () => {
    expect(place('2026-03-08', '02:30', LA, 'none', null).at).toBe('2026-03-08T10:30:00.000Z'); // 03:30 PDT
    expect(place('2026-11-01', '01:30', LA, 'none', null).at).toBe('2026-11-01T08:30:00.000Z'); // 01:30 PDT
  });

  it('any local date and time off the gap reads back as the same wall time', () => {
    const zones = [LA, 'America/New_York', 'Europe/London', 'Australia/Sydney', 'Asia/Kolkata'];
    fc.assert(
      fc.property(fc.constantFrom(...zones), fc.integer({ min: 0, max: 3650 }), fc.integer({ min: 4, max: 23 }), fc.integer({ min: 0, max: 59 }), (tz, d, h, m) => {
        const date = new Date(Date.UTC(2024, 0, 1) + d * 86_400_000).toISOString().slice(0, 10);
        const time = `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
        const at = new Date(place(date, time, tz, 'none', null).at);
        const f = new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
        const parts = Object.fromEntries(f.formatToParts(at).map((p) => [p.type, p.value]));
        expect(`${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`).toBe(`${date} ${time}`);
      }),
      { numRuns: 200 },
    );
  });
});

describe('moving off holidays and non-working time', () => {
  it('a holiday moves to the next working day at the same time, and keeps its rule date', () => {
    const p = place('2026-10-12', '10:00', LA, 'working_day', courts); // 2nd Monday of October is a holiday
    expect(p).toMatchObject({ date: '2026-10-12', plannedDate: '2026-10-13', plannedTime: '10:00', moved: true, at: '2026-10-13T17:00:00.000Z' });
  });

  it('Thanksgiving Thursday and Friday move to Monday', () => {
    expect(place('2026-11-26', '10:00', LA, 'working_day', courts).plannedDate).toBe('2026-11-30');
  });

  it('a weekend date moves to Monday', () => {
    expect(place('2026-01-31', '10:00', LA, 'working_day', courts).plannedDate).toBe('2026-02-02');
  });

  it('working_hours: before opening goes to the opening; after closing to the next working day', () => {
    expect(place('2026-01-13', '07:00', LA, 'working_hours', courts)).toMatchObject({ plannedDate: '2026-01-13', plannedTime: '08:00', moved: true });
    expect(place('2026-01-16', '18:00', LA, 'working_hours', courts)).toMatchObject({ plannedDate: '2026-01-19', plannedTime: '08:00' });
    expect(place('2026-01-13', '10:00', LA, 'working_hours', courts)).toMatchObject({ plannedDate: '2026-01-13', plannedTime: '10:00', moved: false });
  });

  it('none keeps the date even on a holiday', () => {
    expect(place('2026-12-25', '10:00', LA, 'none', courts).moved).toBe(false);
  });
});

describe('occurrence ids', () => {
  const schedule = {
    id: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b',
    rule: rule({ freq: 'monthly', by: 'nth', nth: 2, nthWeekday: 'tue', start: '2026-01-01', time: '06:00' }),
    mode: 'fixed' as const,
    afterDays: 30,
    leadDays: 14,
    timeZone: LA,
    shift: 'working_day' as const,
    active: true,
  };

  it('two devices generating on different days within the lead time derive the same occurrence', () => {
    const laptopA = dueOccurrences(schedule, '2026-01-01', courts);
    const laptopB = dueOccurrences(schedule, '2026-01-05', courts);
    expect(laptopA.map((o) => o.id)).toEqual([occurrenceId(schedule.id, '2026-01-13')]);
    expect(laptopB.map((o) => o.id)).toEqual(laptopA.map((o) => o.id));
    expect(laptopB[0]!.ticketId).toBe(occurrenceTicketId(schedule.id, '2026-01-13'));
    expect(laptopA[0]!.ticketId).toBe(laptopB[0]!.ticketId);
  });

  it('a holiday added later moves the date but not the identity', () => {
    const mondays = { ...schedule, rule: { ...schedule.rule, nthWeekday: 'mon' as const } }; // 12 October 2026
    const before = dueOccurrences(mondays, '2026-10-01', { ...courts, holidays: [] });
    const after = dueOccurrences(mondays, '2026-10-01', courts);
    expect(after[0]!.plannedDate).toBe('2026-10-13');
    expect(before[0]!.plannedDate).not.toBe(after[0]!.plannedDate);
    expect(before[0]!.id).toBe(after[0]!.id);
  });

  it('different schedules or dates never share an id; ids parse back', () => {
    expect(occurrenceId('a', '2026-01-13')).not.toBe(occurrenceId('a', '2026-02-10'));
    expect(occurrenceId('a', '2026-01-13')).not.toBe(occurrenceId('b', '2026-01-13'));
    expect(parseOccurrenceId(occurrenceId(schedule.id, '2026-01-13'))).toEqual({ scheduleId: schedule.id, date: '2026-01-13' });
    expect(parseOccurrenceId(extraOccurrenceId('0190a1b2-c3d4-7e5f-8a9b-000000000000'))).toBeNull();
    expect(occurrenceId(schedule.id, '2026-01-13').length).toBeLessThanOrEqual(64);
    expect(() => occurrenceId('a:b', '2026-01-13')).toThrow();
  });

  it('past dates are not created late; a paused schedule creates nothing', () => {
    expect(dueOccurrences(schedule, '2026-01-14', courts)).toEqual([]);
    expect(dueOccurrences({ ...schedule, active: false }, '2026-01-01', courts)).toEqual([]);
  });

  it('after completion: the next one N days after the last completed, only once the open one is done', () => {
    const s = { ...schedule, mode: 'after_completion' as const, afterDays: 30, leadDays: 7 };
    expect(dueOccurrences(s, '2026-01-01', null).map((o) => o.date)).toEqual(['2026-01-01']);
    expect(dueOccurrences(s, '2026-01-20', null, { lastCompletedDate: '2025-12-25', openOccurrence: true })).toEqual([]);
    expect(dueOccurrences(s, '2026-01-20', null, { lastCompletedDate: '2025-12-25', openOccurrence: false }).map((o) => o.date)).toEqual(['2026-01-24']);
    expect(dueOccurrences(s, '2026-01-10', null, { lastCompletedDate: '2025-12-25', openOccurrence: false })).toEqual([]);
  });
});

describe('starting the walk near the window', () => {
  it('gives the same dates as walking from the rule start (any rule, any window)', () => {
    const WD = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
    const arb = fc.record({
      freq: fc.constantFrom('weekly', 'monthly', 'yearly'),
      interval: fc.integer({ min: 1, max: 5 }),
      weekdays: fc.subarray([...WD]),
      by: fc.constantFrom('day', 'nth'),
      monthDay: fc.constantFrom(1, 10, 28, 29, 30, 31, -1),
      nth: fc.constantFrom(1, 2, 3, 4, -1),
      nthWeekday: fc.constantFrom(...WD),
      month: fc.integer({ min: 1, max: 12 }),
      startOffset: fc.integer({ min: 0, max: 2000 }),
      fromOffset: fc.integer({ min: 0, max: 4000 }),
      span: fc.integer({ min: 0, max: 400 }),
    });
    fc.assert(
      fc.property(arb, (a) => {
        const iso = (d: number) => new Date(Date.UTC(2018, 0, 1) + d * 86_400_000).toISOString().slice(0, 10);
        const r = rule({ freq: a.freq, interval: a.interval, weekdays: a.weekdays, by: a.by, monthDay: a.monthDay, nth: a.nth as 1, nthWeekday: a.nthWeekday, month: a.month, start: iso(a.startOffset) });
        const from = iso(a.fromOffset);
        const to = iso(a.fromOffset + a.span);
        const walked = new RRule({ ...rruleOptions(r) })
          .between(new Date(`${from}T00:00:00Z`), new Date(`${to}T00:00:00Z`), true)
          .map((d) => d.toISOString().slice(0, 10));
        expect(localDatesBetween(r, from, to)).toEqual(walked);
      }),
      { numRuns: 300 },
    );
  });
});
