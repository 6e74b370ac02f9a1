import { formatShort } from './format';
import { sessionInterval, type Session } from './session';

export type SessionForOverlap = Pick<Session, 'id' | 'trainerIds' | 'status' | 'startLocal' | 'timeZone' | 'durationMinutes'> & { deleted?: 0 | 1 };

export interface OverlapWarning {
  trainerId: string;
  sessionIds: [string, string];
  message: string;
}

/**
 * Sessions that book one trainer twice at once. A warning, not an error: a
 * co-taught session or a deliberate double booking is the scheduler's call.
 * Cancelled and deleted sessions free the trainer; sessions with an invalid
 * time are skipped here (the form reports those).
 */
export function trainerOverlaps(sessions: readonly SessionForOverlap[], trainerName: (id: string) => string = (id) => id): OverlapWarning[] {
  const byTrainer = new Map<string, { s: SessionForOverlap; startMs: number; endMs: number }[]>();
  for (const s of sessions) {
    if (s.deleted === 1 || s.status === 'cancelled') continue;
    const when = sessionInterval(s);
    if (!when.ok) continue;
    for (const t of new Set(s.trainerIds)) {
      const list = byTrainer.get(t) ?? [];
      list.push({ s, ...when.value });
      byTrainer.set(t, list);
    }
  }
  const warnings: OverlapWarning[] = [];
  for (const [trainerId, list] of [...byTrainer].sort(([a], [b]) => a.localeCompare(b))) {
    list.sort((a, b) => a.startMs - b.startMs || a.s.id.localeCompare(b.s.id));
    for (let i = 0; i < list.length; i++) {
      const a = list[i]!;
      // Back-to-back sessions (one ends as the next starts) do not overlap.
      for (let j = i + 1; j < list.length && list[j]!.startMs < a.endMs; j++) {
        const b = list[j]!;
        warnings.push({
          trainerId,
          sessionIds: [a.s.id, b.s.id],
          message: `${trainerName(trainerId)} is booked for two sessions at once: one from ${formatShort(a.startMs, a.s.timeZone)} and one from ${formatShort(b.startMs, b.s.timeZone)}.`,
        });
      }
    }
  }
  return warnings;
}

/** Warnings that involve one session, e.g. the draft being edited, against the rest. */
export function overlapsFor(candidate: SessionForOverlap, others: readonly SessionForOverlap[], trainerName?: (id: string) => string): OverlapWarning[] {
  const rest = others.filter((o) => o.id !== candidate.id);
  return trainerOverlaps([candidate, ...rest], trainerName).filter((w) => w.sessionIds.includes(candidate.id));
}
