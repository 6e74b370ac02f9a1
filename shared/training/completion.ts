import { z } from 'zod';
import { err, ok, type Result } from '../result';
import { effectiveMarks, type AttendanceLike, type AttendanceMark } from './attendance';
import { IdSchema, InstantSchema, SyncedRecordFields, trimmed } from './common';
import type { RegistrationLike } from './registration';
import { sessionInterval, type Session } from './session';
import { localPartsAt, pad2 } from './zonedTime';

/**
 * That an attendee completed a course at a session, and optionally the
 * certificate issued for it. Flat fields, so last-writer-wins merges cleanly.
 */
const CompletionFields = z.object({
  sessionId: IdSchema,
  courseId: IdSchema,
  registrationId: IdSchema,
  /** Null for walk-ins, who are not in the directory. */
  personId: IdSchema.nullable(),
  completedAt: InstantSchema,
  certificateNumber: trimmed(40).nullable().default(null),
  certificateIssuedAt: InstantSchema.nullable().default(null),
});
export const CompletionSchema = CompletionFields.extend(SyncedRecordFields);
export type Completion = z.output<typeof CompletionSchema>;
export type CompletionDraft = z.output<typeof CompletionFields> & { id: string };
export type CompletionLike = Pick<Completion, 'id' | 'sessionId' | 'registrationId'> & { deleted?: 0 | 1 };

/** Being there counts; late still counts, because the course was taken. */
export const completesCourse = (mark: AttendanceMark | undefined): boolean => mark === 'present' || mark === 'late';

/**
 * A certificate number people can read out on the phone: session date plus
 * the random tail of the completion id (the head of a UUIDv7 is a timestamp,
 * the same for a whole batch).
 */
export function certificateNumber(completionId: string, session: Pick<Session, 'startLocal'>): string {
  const date = session.startLocal.slice(0, 10).replace(/-/g, '');
  const tail = completionId.replace(/-/g, '').slice(-6).toUpperCase();
  return `FD-${date}-${tail}`;
}

export interface CompletionPlan {
  create: CompletionDraft[];
  /** Existing completions whose attendee is no longer marked as attending: tombstone them. */
  remove: string[];
}

/**
 * Completions that follow from attendance: one for each registered attendee
 * whose latest mark is present or late. Re-running after a correction adds
 * and removes, never duplicates.
 */
export function planCompletions(input: {
  session: Pick<Session, 'id' | 'courseId' | 'status' | 'startLocal' | 'timeZone' | 'durationMinutes'>;
  registrations: readonly RegistrationLike[];
  attendance: readonly AttendanceLike[];
  existing: readonly CompletionLike[];
  now: string;
  newId: () => string;
  issueCertificates: boolean;
}): Result<CompletionPlan> {
  const { session } = input;
  if (session.status === 'cancelled') return err('conflict', 'A cancelled session has no completions.');
  const when = sessionInterval(session);
  if (!when.ok) return when;
  const nowMs = Date.parse(input.now);
  if (session.status !== 'completed' && !(nowMs >= when.value.endMs)) {
    return err('conflict', 'The session has not ended yet; record completions after it ends or mark it completed.');
  }
  const marks = effectiveMarks(input.attendance.filter((a) => a.sessionId === session.id));
  const roster = input.registrations.filter((r) => r.sessionId === session.id && r.deleted !== 1 && r.status === 'registered');
  const have = new Map(input.existing.filter((c) => c.sessionId === session.id && c.deleted !== 1).map((c) => [c.registrationId, c]));

  const create: CompletionDraft[] = [];
  const keep = new Set<string>();
  for (const reg of roster) {
    if (!completesCourse(marks.get(reg.id)?.mark)) continue;
    keep.add(reg.id);
    if (have.has(reg.id)) continue;
    const id = input.newId();
    create.push({
      id,
      sessionId: session.id,
      courseId: session.courseId,
      registrationId: reg.id,
      personId: reg.attendee.kind === 'person' ? reg.attendee.personId : null,
      completedAt: new Date(when.value.endMs).toISOString(),
      certificateNumber: input.issueCertificates ? certificateNumber(id, session) : null,
      certificateIssuedAt: input.issueCertificates ? input.now : null,
    });
  }
  const remove = [...have.values()].filter((c) => !keep.has(c.registrationId)).map((c) => c.id);
  return ok({ create, remove });
}

/** "March 10, 2026" in the session's zone, for certificates. */
export function completionDateText(completedAt: string, timeZone: string, locale = 'en-US'): string {
  const p = localPartsAt(Date.parse(completedAt), timeZone);
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${p.year}-${pad2(p.month)}-${pad2(p.day)}T12:00:00Z`));
}
