import { describe, expect, it } from 'vitest';
import type { AttendanceLike } from '../../../../shared/training/attendance';
import { certificateNumber, completionDateText, planCompletions } from '../../../../shared/training/completion';
import type { RegistrationLike } from '../../../../shared/training/registration';

const session = { id: 's1', courseId: 'c1', status: 'scheduled' as const, startLocal: '2026-03-10T09:00', timeZone: 'America/Los_Angeles', durationMinutes: 180 };
const AFTER = '2026-03-10T20:00:00.000Z';
const reg = (id: string, walkIn = false): RegistrationLike => ({
  id,
  sessionId: 's1',
  attendee: walkIn ? { kind: 'walkIn', name: 'W', agency: '', email: '' } : { kind: 'person', personId: `p-${id}` },
  status: 'registered',
  waitlistedAt: null,
  statusChangedAt: '2026-03-01T00:00:00.000Z',
});
const mark = (id: string, registrationId: string, m: AttendanceLike['mark'], at = '2026-03-10T16:05:00.000Z'): AttendanceLike => ({ id, sessionId: 's1', registrationId, mark: m, at });
let n = 0;
const newId = () => `0190c0de-0000-7000-8000-00000000${String(++n).padStart(4, '0')}`;

describe('completion from attendance', () => {
  const regs = [reg('r1'), reg('r2'), reg('r3'), reg('r4'), reg('r5', true)];
  const attendance = [mark('a1', 'r1', 'present'), mark('a2', 'r2', 'late'), mark('a3', 'r3', 'absent'), mark('a4', 'r4', 'excused'), mark('a5', 'r5', 'present')];

  it('completes those present or late, with certificates when asked', () => {
    const r = planCompletions({ session, registrations: regs, attendance, existing: [], now: AFTER, newId, issueCertificates: true });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.remove).toEqual([]);
    expect(r.value.create.map((c) => [c.registrationId, c.personId])).toEqual([
      ['r1', 'p-r1'],
      ['r2', 'p-r2'],
      ['r5', null],
    ]);
    for (const c of r.value.create) {
      expect(c).toMatchObject({ courseId: 'c1', completedAt: '2026-03-10T19:00:00.000Z', certificateIssuedAt: AFTER });
      expect(c.certificateNumber).toMatch(/^FD-20260310-[0-9A-F]{6}$/);
    }
  });

  it('is idempotent, and removes a completion when attendance is corrected', () => {
    const existing = [
      { id: 'c-r1', sessionId: 's1', registrationId: 'r1' },
      { id: 'c-r2', sessionId: 's1', registrationId: 'r2' },
      { id: 'c-r5', sessionId: 's1', registrationId: 'r5' },
    ];
    const same = planCompletions({ session, registrations: regs, attendance, existing, now: AFTER, newId, issueCertificates: false });
    expect(same).toEqual({ ok: true, value: { create: [], remove: [] } });
    const corrected = [...attendance, mark('a6', 'r2', 'absent', '2026-03-10T18:00:00.000Z')];
    expect(planCompletions({ session, registrations: regs, attendance: corrected, existing, now: AFTER, newId, issueCertificates: false })).toEqual({ ok: true, value: { create: [], remove: ['c-r2'] } });
  });

  it('waits until the session has ended, unless it is marked completed', () => {
    const during = '2026-03-10T17:00:00.000Z';
    expect(planCompletions({ session, registrations: regs, attendance, existing: [], now: during, newId, issueCertificates: false })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(planCompletions({ session: { ...session, status: 'completed' }, registrations: regs, attendance, existing: [], now: during, newId, issueCertificates: false }).ok).toBe(true);
    expect(planCompletions({ session: { ...session, status: 'cancelled' }, registrations: regs, attendance, existing: [], now: AFTER, newId, issueCertificates: false }).ok).toBe(false);
  });

  it('formats certificate numbers and dates', () => {
    expect(certificateNumber('0190c0de-0000-7000-8000-00000abc12ef', session)).toBe('FD-20260310-BC12EF');
    // 11 pm in Los Angeles is already the next day in UTC; the certificate shows the local date.
    expect(completionDateText('2026-03-11T06:00:00.000Z', 'America/Los_Angeles')).toBe('March 10, 2026');
  });
});
