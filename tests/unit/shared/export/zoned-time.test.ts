import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatWallDateTime, instantToWallClock, isValidTimeZone, wallClockToInstant, zoneOffsetMs } from '../../../../shared/export/zoned-time';

describe('zoned time', () => {
  it('knows the offsets of a zone with daylight saving time', () => {
    expect(zoneOffsetMs(Date.UTC(2024, 0, 15, 12), 'America/New_York')).toBe(-5 * 3600_000);
    expect(zoneOffsetMs(Date.UTC(2024, 6, 15, 12), 'America/New_York')).toBe(-4 * 3600_000);
    expect(zoneOffsetMs(Date.UTC(2024, 6, 15, 12), 'Asia/Kolkata')).toBe(5.5 * 3600_000);
  });

  it('switches offset exactly at the transition instant', () => {
    // 2024-03-10 07:00 UTC is 02:00 EST → 03:00 EDT.
    const t = Date.UTC(2024, 2, 10, 7);
    expect(zoneOffsetMs(t - 1, 'America/New_York')).toBe(-5 * 3600_000);
    expect(zoneOffsetMs(t, 'America/New_York')).toBe(-4 * 3600_000);
  });

  it('formats an instant as the wall clock of the zone', () => {
    expect(formatWallDateTime(instantToWallClock(Date.parse('2024-07-01T16:05:09Z'), 'America/Chicago'))).toBe('2024-07-01 11:05:09');
  });

  it('round-trips instant → wall clock → instant (outside the repeated autumn hour)', () => {
    for (const zone of ['America/New_York', 'Europe/Berlin', 'Australia/Adelaide', 'UTC']) {
      fc.assert(
        fc.property(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) }), (ms) => {
          const wall = instantToWallClock(ms, zone);
          const back = wallClockToInstant(wall, zone);
          // In the repeated hour the wall clock is ambiguous; everywhere else it must be exact.
          const ambiguous = zoneOffsetMs(ms - 3600_000, zone) !== zoneOffsetMs(ms, zone) || zoneOffsetMs(ms + 3600_000, zone) !== zoneOffsetMs(ms, zone);
          if (!ambiguous) expect(back).toBe(ms);
        }),
        { numRuns: 300 },
      );
    }
  });

  it('rejects unknown zones', () => {
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
    expect(isValidTimeZone('Europe/Paris')).toBe(true);
  });
});
