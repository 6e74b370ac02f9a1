import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canMark, effectiveMarks, markAttendance, summarizeAttendance, ATTENDANCE_MARKS, type AttendanceLike } from '../../../../shared/training/attendance';
import type { RegistrationLike } from '../../../../shared/training/registration';

const session = { id: 's1', status: 'scheduled' as const, startLocal: '2026-03-10T09:00', timeZone: 'America/Los_Angeles', durationMinutes: 180 };
const START = Date.parse('2026-03-10T16:00:00Z');
const reg = (id: string, status: RegistrationLike['status'] = 'registered', sessionId = 's1'): RegistrationLike => ({
  id,
  sessionId,
  attendee: { kind: 'person', personId: `p-${id}` },
  status,
  waitlistedAt: null,
  statusChangedAt: '2026-03-01T00:00:00.000Z',
});
const rec = (id: string, registrationId: string, mark: AttendanceLike['mark'], minute: number): AttendanceLike => ({
  id,
  sessionId: 's1',
  registrationId,
  mark,
  at: new Date(START + minute * 60_000).toISOString(),
});

describe('attendance', () => {
  it('lets registered attendees be marked, from two hours before the start', () => {
    expect(canMark(session, reg('r1'), START - 60 * 60_000)).toEqual({ ok: true, value: true });
    expect(canMark(session, reg('r1'), START - 3 * 60 * 60_000)).toMatchObject({ ok: false, error: { message: 'Attendance opens two hours before the session starts.' } });
  });

  it.each([
    ['wait-listed', reg('r1', 'waitlisted'), /wait list/],
    ['invited', reg('r1', 'invited'), /invited but never registered/],
    ['cancelled', reg('r1', 'cancelled'), /was cancelled/],
    ['on another session', reg('r1', 'registered', 's2'), /different session/],
    ['unknown', undefined, /not on this roster/],
  ])('refuses to mark someone %s', (_l, registration, message) => {
    const r = canMark(session, registration, START);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(message);
  });

  it('refuses marks on a cancelled session', () => {
    expect(canMark({ ...session, status: 'cancelled' }, reg('r1'), START)).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('creates an append-only record with who and when', () => {
    const r = markAttendance({ session, registration: reg('r1'), mark: 'late', takenBy: 'staff-1', now: '2026-03-10T16:20:00.000Z', newId: () => 'a1' });
    expect(r).toEqual({ ok: true, value: { id: 'a1', sessionId: 's1', registrationId: 'r1', mark: 'late', takenBy: 'staff-1', at: '2026-03-10T16:20:00.000Z', note: '' } });
    expect(markAttendance({ session, registration: reg('r1'), mark: 'late', takenBy: '', now: '2026-03-10T16:20:00.000Z', newId: () => 'a1' }).ok).toBe(false);
  });

  it('reads the latest mark, ignoring tombstones', () => {
    const records = [rec('a1', 'r1', 'absent', 0), rec('a2', 'r1', 'present', 5), { ...rec('a3', 'r1', 'excused', 9), deleted: 1 as const }];
    expect(effectiveMarks(records).get('r1')?.mark).toBe('present');
  });

  it('picks the same mark on every device, whatever order records synced in', () => {
    const record = fc.record({ id: fc.uuid(), registrationId: fc.constantFrom('r1', 'r2', 'r3'), mark: fc.constantFrom(...ATTENDANCE_MARKS), minute: fc.integer({ min: 0, max: 5 }) });
    fc.assert(
      fc.property(fc.uniqueArray(record, { selector: (r) => r.id, maxLength: 20 }).chain((rs) => fc.tuple(fc.constant(rs), fc.shuffledSubarray(rs, { minLength: rs.length, maxLength: rs.length }))), ([a, b]) => {
        const toRecs = (xs: typeof a) => xs.map((x) => rec(x.id, x.registrationId, x.mark, x.minute));
        const ea = effectiveMarks(toRecs(a));
        const eb = effectiveMarks(toRecs(b));
        expect([...ea].sort()).toEqual([...eb].sort());
      }),
    );
  });

  it('summarizes the registered roster', () => {
    const regs = [reg('r1'), reg('r2'), reg('r3'), reg('r4'), reg('r5'), reg('r6', 'waitlisted')];
    const records = [rec('a1', 'r1', 'present', 0), rec('a2', 'r2', 'absent', 0), rec('a3', 'r2', 'late', 10), rec('a4', 'r3', 'excused', 0), rec('a5', 'r4', 'absent', 0), rec('a6', 'r6', 'present', 0)];
    expect(summarizeAttendance(session, regs, records)).toEqual({ present: 1, late: 1, excused: 1, absent: 1, unmarked: 1, expected: 5, attended: 2 });
  });
});
