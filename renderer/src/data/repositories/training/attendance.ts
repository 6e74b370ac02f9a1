import { err, ok, type Result } from '../../../../../shared/result';
import { AttendanceRecordSchema, markAttendance, type AttendanceMark, type AttendanceRecord } from '../../../../../shared/training/attendance';
import { planCompletions } from '../../../../../shared/training/completion';
import type { Completion } from '../../../../../shared/training/completion';
import { parseWith } from '../../../../../shared/validation';
import { type RepoContext } from './tables';

/**
 * Attendance marks (append-only: a correction is a newer record) and the
 * completions that follow from them. The only writer of `attendance` and `completions`.
 */
export function attendanceRepository({ db, t, now, newId }: RepoContext) {
  return {
    async mark(input: { registrationId: string; mark: AttendanceMark; takenBy: string; note?: string }): Promise<Result<AttendanceRecord>> {
      return db.transaction('rw', [t.sessions, t.registrations, t.attendance], async () => {
        const registration = await t.registrations.get(input.registrationId);
        if (!registration || registration.deleted) return err('not_found', 'That attendee is not on this roster.');
        const session = await t.sessions.get(registration.sessionId);
        if (!session || session.deleted) return err('not_found', 'That session no longer exists.');
        const draft = markAttendance({ session, registration, mark: input.mark, takenBy: input.takenBy, now: now(), newId, ...(input.note ? { note: input.note } : {}) });
        if (!draft.ok) return draft;
        const record = parseWith(AttendanceRecordSchema, { ...draft.value, stamps: {}, deleted: 0 }, 'attendance');
        if (!record.ok) return record;
        await t.attendance.add(record.value);
        return ok(record.value);
      });
    },

    async forSession(sessionId: string): Promise<AttendanceRecord[]> {
      return (await t.attendance.where('sessionId').equals(sessionId).toArray()).filter((a) => !a.deleted);
    },

    /**
     * Record who completed the course from the latest marks: adds the missing
     * completions and tombstones those whose attendee is no longer marked
     * present, all in one transaction.
     */
    async recordCompletions(sessionId: string, options: { issueCertificates: boolean }): Promise<Result<{ created: number; removed: number }>> {
      return db.transaction('rw', [t.sessions, t.registrations, t.attendance, t.completions], async () => {
        const session = await t.sessions.get(sessionId);
        if (!session || session.deleted) return err('not_found', 'That session no longer exists.');
        const [registrations, attendance, existing] = await Promise.all([
          t.registrations.where('sessionId').equals(sessionId).toArray(),
          t.attendance.where('sessionId').equals(sessionId).toArray(),
          t.completions.where('sessionId').equals(sessionId).toArray(),
        ]);
        const at = now();
        const plan = planCompletions({ session, registrations, attendance, existing, now: at, newId, issueCertificates: options.issueCertificates });
        if (!plan.ok) return plan;
        const records: Completion[] = plan.value.create.map((c) => ({ ...c, createdAt: at, updatedAt: at, stamps: {}, deleted: 0 }));
        if (records.length) await t.completions.bulkAdd(records);
        for (const id of plan.value.remove) {
          const c = await t.completions.get(id);
          if (c) await t.completions.put({ ...c, deleted: 1, updatedAt: at });
        }
        return ok({ created: records.length, removed: plan.value.remove.length });
      });
    },

    async completions(sessionId: string): Promise<Completion[]> {
      return (await t.completions.where('sessionId').equals(sessionId).toArray()).filter((c) => !c.deleted);
    },
  };
}
export type AttendanceRepository = ReturnType<typeof attendanceRepository>;
