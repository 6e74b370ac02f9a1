import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addBusinessMinutes,
  addBusinessMs,
  BusinessCalendarSchema,
  businessMinutesBetween,
  businessMsBetween,
  endOfLocalDay,
  isBusinessTime,
  localDayOf,
  localToUtc,
  dayOfIsoDate,
  zoneOffsetMs,
} from '../../../../shared/tickets/calendar';
import { allDayLA, CALENDARS, lordHowe, pacific, splitNY } from './fixtures';

const H = 3_600_000;

describe('zone conversion', () => {
  it('knows Pacific standard and daylight offsets', () => {
    expect(zoneOffsetMs('America/Los_Angeles', Date.parse('2025-01-15T12:00:00Z'))).toBe(-8 * H);
    expect(zoneOffsetMs('America/Los_Angeles', Date.parse('2025-07-15T12:00:00Z'))).toBe(-7 * H);
    expect(zoneOffsetMs('Asia/Kolkata', Date.parse('2025-07-15T12:00:00Z'))).toBe(5.5 * H);
  });

  it('reads a wall time that does not exist (spring forward) as the time after the gap', () => {
    const t = localToUtc('America/Los_Angeles', dayOfIsoDate('2025-03-09'), 2 * 60 + 30);
    expect(new Date(t).toISOString()).toBe('2025-03-09T10:30:00.000Z'); // 03:30 PDT
  });

  it('reads a wall time that happens twice (fall back) as the earlier one', () => {
    const t = localToUtc('America/Los_Angeles', dayOfIsoDate('2025-11-02'), 90);
    expect(new Date(t).toISOString()).toBe('2025-11-02T08:30:00.000Z'); // 01:30 PDT, not PST
  });

  it('finds the local day and its end', () => {
    const t = Date.parse('2025-01-15T07:59:00Z'); // 23:59 on the 14th in Los Angeles
    expect(localDayOf('America/Los_Angeles', t)).toBe(dayOfIsoDate('2025-01-14'));
    expect(new Date(endOfLocalDay('America/Los_Angeles', t)).toISOString()).toBe('2025-01-15T08:00:00.000Z');
  });
});

describe('addBusinessMinutes', () => {
  it('adds within a working day', () => {
    expect(addBusinessMinutes('2025-01-14T17:00:00Z', 60, pacific)).toBe('2025-01-14T18:00:00.000Z');
  });

  it('stops at closing time rather than jumping to the next morning', () => {
    expect(addBusinessMinutes('2025-01-15T00:00:00Z', 60, pacific)).toBe('2025-01-15T01:00:00.000Z'); // 16:00 + 60 = 17:00 PST
  });

  it('carries over the night', () => {
    // Tue 16:30 PST + 60 = Wed 08:30 PST
    expect(addBusinessMinutes('2025-01-15T00:30:00Z', 60, pacific)).toBe('2025-01-15T16:30:00.000Z');
  });

  it('skips the weekend', () => {
    // Fri 16:00 PST + 120 = Mon 09:00 PST
    expect(addBusinessMinutes('2025-01-18T00:00:00Z', 120, pacific)).toBe('2025-01-20T17:00:00.000Z');
  });

  it('starts counting on Monday morning when started on a Saturday', () => {
    expect(addBusinessMinutes('2025-01-18T20:00:00Z', 30, pacific)).toBe('2025-01-20T16:30:00.000Z');
  });

  it('skips a holiday', () => {
    // Thu 3 July 16:00 PDT + 120: Friday the 4th is a holiday, so Mon 7 July 09:00 PDT
    expect(addBusinessMinutes('2025-07-03T23:00:00Z', 120, pacific)).toBe('2025-07-07T16:00:00.000Z');
  });

  it('crosses the spring-forward weekend in local time', () => {
    // Fri 7 Mar 16:00 PST + 120 = Mon 10 Mar 09:00 PDT, which is 16:00Z, not 17:00Z
    expect(addBusinessMinutes('2025-03-08T00:00:00Z', 120, pacific)).toBe('2025-03-10T16:00:00.000Z');
    expect(businessMinutesBetween('2025-03-08T00:00:00Z', '2025-03-10T16:00:00Z', pacific)).toBe(120);
  });

  it('crosses the fall-back weekend in local time', () => {
    // Fri 31 Oct 16:00 PDT + 120 = Mon 3 Nov 09:00 PST = 17:00Z
    expect(addBusinessMinutes('2025-10-31T23:00:00Z', 120, pacific)).toBe('2025-11-03T17:00:00.000Z');
  });

  it('uses split shifts and half days', () => {
    // Fri 10 Jan 2025 11:30 EST + 60 = 30 before lunch, 30 after: 13:30 EST
    expect(addBusinessMinutes('2025-01-10T16:30:00Z', 60, splitNY)).toBe('2025-01-10T18:30:00.000Z');
    // Fri 16:00 EST + 120 = 30 on Friday, 90 of Saturday's 09:00–12:00: Sat 10:30 EST
    expect(addBusinessMinutes('2025-01-10T21:00:00Z', 120, splitNY)).toBe('2025-01-11T15:30:00.000Z');
  });

  it('returns the start for zero minutes and refuses negative durations', () => {
    expect(addBusinessMinutes('2025-01-18T20:00:00Z', 0, pacific)).toBe('2025-01-18T20:00:00.000Z');
    expect(() => addBusinessMinutes('2025-01-18T20:00:00Z', -5, pacific)).toThrow(RangeError);
  });
});

describe('businessMinutesBetween', () => {
  it('counts a whole DST day in a 24-hour calendar as 23 or 25 hours', () => {
    expect(businessMinutesBetween('2025-03-09T08:00:00Z', '2025-03-10T07:00:00Z', allDayLA)).toBe(23 * 60);
    expect(businessMinutesBetween('2025-11-02T07:00:00Z', '2025-11-03T08:00:00Z', allDayLA)).toBe(25 * 60);
  });

  it('counts a working week, minus a holiday', () => {
    // Mon 30 Jun 00:00 PDT to Mon 7 Jul 00:00 PDT: four days of 9 hours (the 4th is a holiday)
    expect(businessMinutesBetween('2025-06-30T07:00:00Z', '2025-07-07T07:00:00Z', pacific)).toBe(4 * 9 * 60);
  });

  it('is zero when the end is not after the start', () => {
    expect(businessMinutesBetween('2025-01-14T18:00:00Z', '2025-01-14T17:00:00Z', pacific)).toBe(0);
  });

  it('handles a working interval inside a skipped DST hour and a 30-minute shift', () => {
    // Lord Howe moves from +10:30 to +11 at 02:00 on 5 Oct 2025: Sunday 01:00–03:00 has 90 real minutes.
    expect(businessMinutesBetween('2025-10-04T12:00:00Z', '2025-10-04T18:00:00Z', lordHowe)).toBe(90);
    // And back on 6 Apr 2025 at 02:00 (+11 to +10:30): 01:00–03:00 local lasts 150 minutes.
    expect(businessMinutesBetween('2025-04-05T12:00:00Z', '2025-04-05T18:00:00Z', lordHowe)).toBe(150);
  });
});

describe('calendar schema', () => {
  it('rejects a calendar with no working hours and explains why', () => {
    const r = BusinessCalendarSchema.safeParse({ id: 'c', name: 'Empty', timeZone: 'America/Los_Angeles', week: {} });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toMatch(/working hours on at least one day/);
  });

  it('rejects an unknown zone and an interval that ends before it starts', () => {
    const r = BusinessCalendarSchema.safeParse({
      id: 'c',
      name: 'Bad',
      timeZone: 'Pacific/Atlantis',
      week: { mon: [{ start: '17:00', end: '08:00' }] },
    });
    expect(r.success).toBe(false);
    const messages = r.error?.issues.map((i) => i.message) ?? [];
    expect(messages).toContain('Time zone must be an IANA zone name such as America/Los_Angeles');
    expect(messages).toContain('End must be after start');
  });

  it('rejects a holiday that is not a real date', () => {
    const r = BusinessCalendarSchema.safeParse({ ...pacific, holidays: ['2025-02-30'] });
    expect(r.success).toBe(false);
  });
});

describe('properties', () => {
  const start = fc.integer({ min: Date.parse('2024-01-01T00:00:00Z'), max: Date.parse('2027-01-01T00:00:00Z') });
  const calendar = fc.constantFrom(...CALENDARS);
  const minutes = fc.integer({ min: 0, max: 20_000 });

  it('measuring what was added gives it back exactly', () => {
    fc.assert(
      fc.property(calendar, start, minutes, (cal, s, m) => {
        expect(businessMsBetween(s, addBusinessMs(s, m * 60_000, cal), cal)).toBe(m * 60_000);
      }),
    );
  });

  it('adding in two steps is adding once', () => {
    fc.assert(
      fc.property(calendar, start, minutes, minutes, (cal, s, a, b) => {
        expect(addBusinessMs(addBusinessMs(s, a * 60_000, cal), b * 60_000, cal)).toBe(addBusinessMs(s, (a + b) * 60_000, cal));
      }),
    );
  });

  it('measuring is additive over adjacent intervals', () => {
    const gap = fc.integer({ min: 0, max: 30 * 24 * H });
    fc.assert(
      fc.property(calendar, start, gap, gap, (cal, a, g1, g2) => {
        const b = a + g1;
        const c = b + g2;
        expect(businessMsBetween(a, b, cal) + businessMsBetween(b, c, cal)).toBe(businessMsBetween(a, c, cal));
      }),
    );
  });

  it('adding the measured time never overshoots, and lands exactly inside working hours', () => {
    const gap = fc.integer({ min: 1, max: 20 * 24 * H });
    fc.assert(
      fc.property(calendar, start, gap, (cal, a, g) => {
        const b = a + g;
        const measured = businessMsBetween(a, b, cal);
        const back = addBusinessMs(a, measured, cal);
        expect(back).toBeLessThanOrEqual(b);
        if (measured > 0 && isBusinessTime(b, cal)) expect(back).toBe(b);
      }),
    );
  });

  it('more minutes never means an earlier due time', () => {
    fc.assert(
      fc.property(calendar, start, minutes, minutes, (cal, s, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(addBusinessMs(s, lo * 60_000, cal)).toBeLessThanOrEqual(addBusinessMs(s, hi * 60_000, cal));
      }),
    );
  });
});
