import { describe, expect, it } from 'vitest';
import { parseWith } from '../../../../shared/validation';
import { SessionInputSchema, sessionInterval } from '../../../../shared/training/session';
import { CourseInputSchema } from '../../../../shared/training/course';

const valid = {
  courseId: 'course-1',
  startLocal: '2026-03-10T09:00',
  timeZone: 'America/Los_Angeles',
  durationMinutes: 180,
  location: 'Hall of Justice, Room 204',
  trainerIds: ['staff-1'],
  capacity: 20,
};

describe('session schema', () => {
  it('accepts a valid session and fills defaults', () => {
    const r = parseWith(SessionInputSchema, valid, 'session');
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value).toMatchObject({ status: 'scheduled', onlineUrl: '', notes: '', ticketIds: [] });
  });

  it('accepts an online-only session with an https link', () => {
    expect(parseWith(SessionInputSchema, { ...valid, location: '', onlineUrl: 'https://teams.microsoft.com/l/meetup-join/abc' }).ok).toBe(true);
  });

  it.each([
    ['http link', { onlineUrl: 'http://zoom.us/j/1' }, 'onlineUrl', /https/],
    ['javascript link', { onlineUrl: 'javascript:alert(1)' }, 'onlineUrl', /https/],
    ['no place', { location: '', onlineUrl: '' }, 'location', /location or an online meeting link/],
    ['unknown zone', { timeZone: 'Mars/Olympus' }, 'timeZone', /not a time zone/],
    ['impossible date', { startLocal: '2026-02-29T09:00' }, 'startLocal', /that month has 28 days/],
    ['skipped hour', { startLocal: '2026-03-08T02:15' }, 'startLocal', /clocks skip that hour/],
    ['bad date format', { startLocal: '03/10/2026 9am' }, 'startLocal', /2026-03-10T09:00/],
    ['zero capacity', { capacity: 0 }, 'capacity', /At least 1 seat/],
    ['too long', { durationMinutes: 25 * 60 }, 'durationMinutes', /at most 24 hours/],
    ['fractional minutes', { durationMinutes: 30.5 }, 'durationMinutes', /Whole minutes/],
  ])('rejects %s with a field message', (_label, patch, field, message) => {
    const r = parseWith(SessionInputSchema, { ...valid, ...patch }, 'session');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.fields?.[field]).toMatch(message);
  });

  it('computes when the session runs in UTC', () => {
    expect(sessionInterval(valid)).toEqual({ ok: true, value: { startMs: Date.parse('2026-03-10T16:00:00Z'), endMs: Date.parse('2026-03-10T19:00:00Z') } });
  });

  it('validates courses', () => {
    expect(parseWith(CourseInputSchema, { title: ' Odyssey basics ', system: 'Odyssey' })).toMatchObject({ ok: true, value: { title: 'Odyssey basics', materialIds: [] } });
    expect(parseWith(CourseInputSchema, { title: '', system: 'Odyssey' })).toMatchObject({ ok: false, error: { fields: { title: 'Title is required' } } });
  });
});
