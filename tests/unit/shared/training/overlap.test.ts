import { describe, expect, it } from 'vitest';
import { overlapsFor, trainerOverlaps, type SessionForOverlap } from '../../../../shared/training/overlap';

const s = (id: string, startLocal: string, durationMinutes: number, trainerIds: string[], extra: Partial<SessionForOverlap> = {}): SessionForOverlap => ({
  id,
  startLocal,
  durationMinutes,
  trainerIds,
  timeZone: 'America/Los_Angeles',
  status: 'scheduled',
  ...extra,
});

describe('trainer overlaps', () => {
  it('warns when one trainer is booked twice at once, naming them', () => {
    const w = trainerOverlaps([s('a', '2026-03-10T09:00', 180, ['t1']), s('b', '2026-03-10T11:00', 60, ['t1', 't2'])], (id) => (id === 't1' ? 'Pat Trainer' : id));
    expect(w).toHaveLength(1);
    expect(w[0]).toMatchObject({ trainerId: 't1', sessionIds: ['a', 'b'] });
    expect(w[0]!.message).toMatch(/^Pat Trainer is booked for two sessions at once: one from Mar 10, 9:00\sAM PDT and one from Mar 10, 11:00\sAM PDT\.$/);
  });

  it('does not warn for back-to-back sessions, other trainers, or cancelled and deleted sessions', () => {
    expect(
      trainerOverlaps([
        s('a', '2026-03-10T09:00', 120, ['t1']),
        s('b', '2026-03-10T11:00', 60, ['t1']),
        s('c', '2026-03-10T09:30', 60, ['t2']),
        s('d', '2026-03-10T09:30', 60, ['t1'], { status: 'cancelled' }),
        s('e', '2026-03-10T09:30', 60, ['t1'], { deleted: 1 }),
      ]),
    ).toEqual([]);
  });

  it('compares real instants across time zones', () => {
    const la = s('la', '2026-03-10T09:00', 60, ['t1']);
    const ny = s('ny', '2026-03-10T12:30', 60, ['t1'], { timeZone: 'America/New_York' }); // 9:30 in LA
    expect(trainerOverlaps([la, ny]).map((w) => w.sessionIds)).toEqual([['la', 'ny']]);
  });

  it('skips sessions with an invalid time instead of failing', () => {
    expect(trainerOverlaps([s('a', '2026-03-08T02:30', 60, ['t1']), s('b', '2026-03-08T01:00', 240, ['t1'])])).toEqual([]);
  });

  it('reports only the warnings that involve the session being edited', () => {
    const others = [s('a', '2026-03-10T09:00', 60, ['t1']), s('b', '2026-03-10T09:30', 60, ['t1']), s('draft', '2026-03-01T09:00', 60, ['t1'])];
    const draft = s('draft', '2026-03-10T09:45', 30, ['t1']);
    expect(overlapsFor(draft, others).map((w) => w.sessionIds)).toEqual([
      ['a', 'draft'],
      ['b', 'draft'],
    ]);
  });
});
