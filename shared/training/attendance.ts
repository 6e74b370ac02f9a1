import { z } from 'zod';
import { SyncMetaSchema } from '../sync/ops';
import { err, ok, type Result } from '../result';
import { IdSchema, InstantSchema, trimmed } from './common';
import type { RegistrationLike } from './registration';
import { sessionInterval, type Session } from './session';

export const ATTENDANCE_MARKS = ['present', 'late', 'excused', 'absent'] as const;
export type AttendanceMark = (typeof ATTENDANCE_MARKS)[number];

/**
 * One mark, never edited: a correction is a newer record. Append-only records
 * merge by union when devices sync, so two trainers marking the same door
 * never overwrite each other; the latest mark is the one that counts.
 */
export const AttendanceRecordSchema = z.object({
  ...SyncMetaSchema.shape,
  sessionId: IdSchema,
  registrationId: IdSchema,
  mark: z.enum(ATTENDANCE_MARKS),
  takenBy: IdSchema,
  at: InstantSchema,
  note: trimmed(500).default(''),
});
export type AttendanceRecord = z.output<typeof AttendanceRecordSchema>;
export type AttendanceDraft = Omit<AttendanceRecord, 'stamps' | 'deleted'>;
export type AttendanceLike = Pick<AttendanceRecord, 'id' | 'sessionId' | 'registrationId' | 'mark' | 'at'> & { deleted?: 0 | 1 };

/** Attendance can be taken from this long before the start, for people arriving early. */
export const ATTENDANCE_OPENS_MINUTES_BEFORE = 120;

/** Whether a registration can be marked now, with the reason if not. */
export function canMark(session: Pick<Session, 'id' | 'status' | 'startLocal' | 'timeZone' | 'durationMinutes'>, registration: RegistrationLike | undefined, nowMs: number): Result<true> {
  if (!registration || registration.deleted === 1) return err('not_found', 'That attendee is not on this roster.');
  if (registration.sessionId !== session.id) return err('invalid_request', 'That attendee is registered for a different session.');
  if (session.status === 'cancelled') return err('conflict', 'This session is cancelled; attendance cannot be taken.');
  if (registration.status === 'waitlisted') return err('conflict', 'This person is on the wait list. Register them first (the trainer can seat them past capacity).');
  if (registration.status === 'invited') return err('conflict', 'This person was invited but never registered. Register them first.');
  if (registration.status === 'cancelled') return err('conflict', 'This registration was cancelled. Register them again first.');
  const when = sessionInterval(session);
  if (!when.ok) return when;
  if (nowMs < when.value.startMs - ATTENDANCE_OPENS_MINUTES_BEFORE * 60_000) {
    return err('conflict', 'Attendance opens two hours before the session starts.');
  }
  return ok(true);
}

/** A new attendance record, if the registration can be marked. */
export function markAttendance(input: {
  session: Pick<Session, 'id' | 'status' | 'startLocal' | 'timeZone' | 'durationMinutes'>;
  registration: RegistrationLike | undefined;
  mark: AttendanceMark;
  takenBy: string;
  now: string;
  newId: () => string;
  note?: string;
}): Result<AttendanceDraft> {
  const nowMs = Date.parse(input.now);
  if (Number.isNaN(nowMs)) return err('invalid_request', 'The current time is not a valid date.');
  if (!(ATTENDANCE_MARKS as readonly string[]).includes(input.mark)) return err('invalid_request', `"${input.mark}" is not an attendance mark.`);
  if (!input.takenBy) return err('invalid_request', 'Who took attendance is required.', { takenBy: 'Required' });
  const allowed = canMark(input.session, input.registration, nowMs);
  if (!allowed.ok) return allowed;
  return ok({
    id: input.newId(),
    sessionId: input.session.id,
    registrationId: input.registration!.id,
    mark: input.mark,
    takenBy: input.takenBy,
    at: new Date(nowMs).toISOString(),
    note: (input.note ?? '').trim().slice(0, 500),
  });
}

/**
 * The mark that counts for each registration: the latest by `at`, then by id
 * (UUIDv7 ids sort by creation), so every device picks the same one.
 */
export function effectiveMarks<A extends AttendanceLike>(records: readonly A[]): Map<string, A> {
  const latest = new Map<string, A>();
  for (const r of records) {
    if (r.deleted === 1) continue;
    const cur = latest.get(r.registrationId);
    if (!cur || r.at > cur.at || (r.at === cur.at && r.id > cur.id)) latest.set(r.registrationId, r);
  }
  return latest;
}

export interface AttendanceCounts {
  present: number;
  late: number;
  excused: number;
  absent: number;
  unmarked: number;
  /** Registered attendees: everyone expected. */
  expected: number;
  /** Present or late. */
  attended: number;
}

/** Counts over the registered roster; marks of people no longer registered don't count. */
export function summarizeAttendance(session: Pick<Session, 'id'>, registrations: readonly RegistrationLike[], records: readonly AttendanceLike[]): AttendanceCounts {
  const roster = registrations.filter((r) => r.sessionId === session.id && r.deleted !== 1 && r.status === 'registered');
  const marks = effectiveMarks(records.filter((r) => r.sessionId === session.id));
  const counts: AttendanceCounts = { present: 0, late: 0, excused: 0, absent: 0, unmarked: 0, expected: roster.length, attended: 0 };
  for (const reg of roster) {
    const m = marks.get(reg.id)?.mark;
    if (m) counts[m] += 1;
    else counts.unmarked += 1;
  }
  counts.attended = counts.present + counts.late;
  return counts;
}
