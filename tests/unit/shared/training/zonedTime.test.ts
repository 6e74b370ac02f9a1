import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkTimeZone, epochToZoned, offsetMinutesAt, parseLocalDateTime, zonedToEpoch } from '../../../../shared/training/zonedTime';

const utc = (ms: number) => new Date(ms).toISOString();

describe('time zones', () => {
  it('accepts IANA names and rejects unknown ones with a message', () => {
    expect(checkTimeZone('America/Los_Angeles')).toEqual({ ok: true, value: 'America/Los_Angeles' });
    const bad = checkTimeZone('Pacific/Sacramento');
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_request', fields: { timeZone: 'Unknown time zone' } } });
    if (!bad.ok) expect(bad.error.message).toContain('"Pacific/Sacramento" is not a time zone');
    expect(checkTimeZone('').ok).toBe(false);
  });

  it.each([
    ['2026-02-30T09:00', /that month has 28 days/],
    ['2026-13-01T09:00', /no month 13/],
    ['2026-03-10T25:00', /not a time of day/],
    ['2026-03-10 09:00', /Use the form/],
    ['tomorrow', /Use the form/],
  ])('rejects %s', (value, message) => {
    const r = parseLocalDateTime(value);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(message);
  });

  it('converts wall-clock time in a zone to UTC, in winter and summer', () => {
    expect(zonedToEpoch('2026-01-15T09:00', 'America/Los_Angeles')).toEqual({ ok: true, value: Date.parse('2026-01-15T17:00:00Z') });
    expect(zonedToEpoch('2026-07-15T09:00', 'America/Los_Angeles')).toEqual({ ok: true, value: Date.parse('2026-07-15T16:00:00Z') });
    expect(zonedToEpoch('2026-07-15T09:00', 'Asia/Kolkata')).toEqual({ ok: true, value: Date.parse('2026-07-15T03:30:00Z') });
    expect(offsetMinutesAt(Date.parse('2026-07-15T16:00:00Z'), 'America/Los_Angeles')).toBe(-420);
  });

  it('refuses a time skipped by the spring clock change', () => {
    const r = zonedToEpoch('2026-03-08T02:30', 'America/Los_Angeles');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/does not exist in America\/Los_Angeles: the clocks skip that hour/);
  });

  it('takes the first of a repeated autumn time, as RFC 5545 does', () => {
    const r = zonedToEpoch('2026-11-01T01:30', 'America/Los_Angeles');
    expect(r.ok && utc(r.value)).toBe('2026-11-01T08:30:00.000Z');
  });

  it('round-trips any existing wall-clock time', () => {
    const zones = ['America/Los_Angeles', 'America/New_York', 'America/Phoenix', 'Pacific/Honolulu', 'Europe/London', 'Australia/Lord_Howe'];
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2030, 0, 1) }), fc.constantFrom(...zones), (ms, zone) => {
        const instant = Math.floor(ms / 60_000) * 60_000;
        const local = epochToZoned(instant, zone);
        const back = zonedToEpoch(local, zone);
        expect(back.ok).toBe(true);
        // Repeated hours resolve to the first occurrence, so compare wall clocks, not instants.
        if (back.ok) expect(epochToZoned(back.value, zone)).toBe(local);
      }),
      { numRuns: 300 },
    );
  });
});
