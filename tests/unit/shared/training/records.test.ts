import { describe, expect, it } from 'vitest';
import { parseWith } from '../../../../shared/validation';
import { AttendanceRecordSchema } from '../../../../shared/training/attendance';
import { CompletionSchema } from '../../../../shared/training/completion';
import { CourseSchema } from '../../../../shared/training/course';
import { MaterialSchema, MaterialVersionSchema } from '../../../../shared/training/material';
import { RegistrationSchema } from '../../../../shared/training/registration';
import { SessionSchema } from '../../../../shared/training/session';

const meta = { stamps: { title: '001767225600000:000000:dev-1' }, deleted: 0 as const };
const times = { createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-02T00:00:00.000Z' };

describe('synced training records', () => {
  it.each([
    ['course', CourseSchema, { id: 'c1', ...meta, ...times, title: 'Odyssey basics', system: 'Odyssey' }],
    ['session', SessionSchema, { id: 's1', ...meta, ...times, courseId: 'c1', startLocal: '2026-03-10T09:00', timeZone: 'America/Los_Angeles', durationMinutes: 90, location: 'Room 1', capacity: 12 }],
    ['registration', RegistrationSchema, { id: 'r1', ...meta, ...times, sessionId: 's1', attendee: { kind: 'walkIn', name: 'Maria Garcia' }, status: 'registered', statusChangedAt: times.createdAt }],
    ['attendance', AttendanceRecordSchema, { id: 'a1', ...meta, sessionId: 's1', registrationId: 'r1', mark: 'late', takenBy: 'staff-1', at: '2026-03-10T16:05:00.000Z' }],
    ['completion', CompletionSchema, { id: 'k1', ...meta, ...times, sessionId: 's1', courseId: 'c1', registrationId: 'r1', personId: null, completedAt: '2026-03-10T17:30:00.000Z' }],
    ['material', MaterialSchema, { id: 'm1', ...meta, ...times, title: 'Filing', system: 'Odyssey', body: '# Hi' }],
    ['material version', MaterialVersionSchema, { id: 'v1', ...meta, materialId: 'm1', version: 1, title: 'Filing', system: 'Odyssey', publishedAt: times.createdAt, publishedBy: 'u1' }],
  ] as const)('accepts a full %s record', (_name, schema, record) => {
    const r = parseWith(schema, record);
    expect(r.ok ? 'ok' : r.error.message).toBe('ok');
  });

  it('rejects records that break the rules, with the field named', () => {
    expect(parseWith(AttendanceRecordSchema, { id: 'a', ...meta, sessionId: 's', registrationId: 'r', mark: 'asleep', takenBy: 'x', at: '2026-03-10T16:05:00.000Z' })).toMatchObject({ ok: false, error: { fields: { mark: expect.any(String) } } });
    expect(parseWith(RegistrationSchema, { id: 'r', ...meta, ...times, sessionId: 's', attendee: { kind: 'walkIn', name: ' ', email: 'nope' }, status: 'registered', statusChangedAt: times.createdAt })).toMatchObject({
      ok: false,
      error: { fields: { 'attendee.name': 'Name is required', 'attendee.email': 'Not a valid email address' } },
    });
    expect(parseWith(AttendanceRecordSchema, { id: 'a', stamps: {}, deleted: 2, sessionId: 's', registrationId: 'r', mark: 'present', takenBy: 'x', at: 'yesterday' }).ok).toBe(false);
  });
});
