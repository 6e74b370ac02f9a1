import { describe, expect, it } from 'vitest';
import type { RegistrationLike } from '../../../../shared/training/registration';
import { attendanceExportRows } from '../../../../shared/training/attendance-export';
import { rosterRows } from '../../../../shared/training/roster';

const reg = (id: string, attendee: RegistrationLike['attendee'], status: RegistrationLike['status'] = 'registered'): RegistrationLike => ({
  id,
  sessionId: 's1',
  attendee,
  status,
  waitlistedAt: null,
  statusChangedAt: '2026-03-01T00:00:00.000Z',
});

describe('roster rows', () => {
  it('lists registered attendees by name with their latest mark and who took it', () => {
    const people = { name: (id: string) => ({ p1: 'Zoe Adams', p2: 'Ana Ruiz' })[id], agency: (id: string) => (id === 'p1' ? 'Civil' : undefined) };
    const rows = rosterRows({
      sessionId: 's1',
      registrations: [
        reg('r1', { kind: 'person', personId: 'p1' }),
        reg('r2', { kind: 'person', personId: 'p2' }),
        reg('r3', { kind: 'walkIn', name: 'Mo Walker', agency: 'DA', email: 'mo@example.gov' }),
        reg('r4', { kind: 'person', personId: 'p9' }),
        reg('r5', { kind: 'person', personId: 'p1' }, 'waitlisted'),
      ],
      attendance: [
        { id: 'a1', sessionId: 's1', registrationId: 'r1', mark: 'absent', at: '2026-03-10T16:00:00.000Z', takenBy: 'u1' },
        { id: 'a2', sessionId: 's1', registrationId: 'r1', mark: 'late', at: '2026-03-10T16:10:00.000Z', takenBy: 'u2' },
        { id: 'a3', sessionId: 's2', registrationId: 'r2', mark: 'present', at: '2026-03-10T16:10:00.000Z', takenBy: 'u1' },
      ],
      people,
      staffName: (id) => (id === 'u2' ? 'Pat Trainer' : undefined),
    });
    expect(rows.map((r) => [r.name, r.agency, r.walkIn, r.mark, r.takenBy])).toEqual([
      ['Ana Ruiz', '', false, null, ''],
      ['Mo Walker', 'DA', true, null, ''],
      ['Unknown person (removed from the directory)', '', false, null, ''],
      ['Zoe Adams', 'Civil', false, 'late', 'Pat Trainer'],
    ]);
  });

  it('an attendee picked from the directory has their directory email (the attendance export’s Email column)', () => {
    const people = { name: () => 'Marisol Vega', agency: () => 'Superior Court of Fresno County', email: (id: string) => (id === 'p1' ? 'marisol.vega@fresno.courts.example.gov' : undefined) };
    const rows = rosterRows({ sessionId: 's1', registrations: [reg('r1', { kind: 'person', personId: 'p1' }), reg('r2', { kind: 'person', personId: 'p2' })], attendance: [], people });
    const export_ = attendanceExportRows({ startLocal: '2026-03-10T09:00', timeZone: 'UTC', location: 'Room 1', onlineUrl: '' }, 'Odyssey', rows);
    expect(export_.map((r) => r.email)).toEqual(['marisol.vega@fresno.courts.example.gov', '']);
    expect(export_.map((r) => r.mark)).toEqual(['Not marked', 'Not marked']); // the roster's words, not a code
  });
});
