import { err, ok, type Result } from '../../../../../shared/result';
import { overlapsFor, type OverlapWarning } from '../../../../../shared/training/overlap';
import { SessionInputSchema, SessionSchema, type Session, type SessionInput, type SessionStatus } from '../../../../../shared/training/session';
import { changeCapacity } from '../../../../../shared/training/waitlist';
import { parseWith } from '../../../../../shared/validation';
import { atomically, orRollback, writeRegistrationChanges } from './apply-changes';
import { alive, type RepoContext } from './tables';

export interface SavedSession {
  session: Session;
  /** A trainer booked twice at once: saved anyway, but the scheduler should know. */
  warnings: OverlapWarning[];
  /** People moved up from the wait list because seats were added. */
  promoted: number;
}

/** Scheduled runs of a course. The only writer of `sessions`. */
export function sessionsRepository(ctx: RepoContext) {
  const { db, t, now, newId } = ctx;

  const trainerName = async () => {
    const people = await db.people.toArray();
    const names = new Map(people.map((p) => [p.id, p.name]));
    return (id: string) => names.get(id) ?? 'A trainer';
  };

  const warningsFor = async (session: Session): Promise<OverlapWarning[]> =>
    overlapsFor(session, alive(await t.sessions.toArray()), await trainerName());

  const courseExists = async (courseId: string) => {
    const course = await t.courses.get(courseId);
    return Boolean(course && !course.deleted);
  };

  return {
    async create(input: SessionInput): Promise<Result<SavedSession>> {
      const parsed = parseWith(SessionInputSchema, input, 'session');
      if (!parsed.ok) return parsed;
      return db.transaction('rw', [t.sessions, t.courses, db.people], async () => {
        if (!(await courseExists(parsed.value.courseId))) return err('not_found', 'Choose a course from the library.', { courseId: 'Choose a course' });
        const at = now();
        const record = parseWith(SessionSchema, { ...parsed.value, id: newId(), createdAt: at, updatedAt: at, stamps: {}, deleted: 0 }, 'session');
        if (!record.ok) return record;
        await t.sessions.add(record.value);
        return ok({ session: record.value, warnings: await warningsFor(record.value), promoted: 0 });
      });
    },

    /** Edit a session. More seats pull people off the wait list in the same transaction. */
    async update(id: string, patch: Partial<SessionInput>): Promise<Result<SavedSession>> {
      return atomically(() =>
        db.transaction('rw', [t.sessions, t.courses, t.registrations, db.people], async () => {
          const current = await t.sessions.get(id);
          if (!current || current.deleted) return err('not_found', 'That session no longer exists.');
          const parsed = parseWith(SessionInputSchema, { ...current, ...patch }, 'session');
          if (!parsed.ok) return parsed;
          if (parsed.value.courseId !== current.courseId && !(await courseExists(parsed.value.courseId))) {
            return err('not_found', 'Choose a course from the library.', { courseId: 'Choose a course' });
          }
          const at = now();
          const next: Session = { ...current, ...parsed.value, updatedAt: at };
          await t.sessions.put(next);
          let promoted = 0;
          if (next.capacity !== current.capacity && next.status !== 'cancelled') {
            const regs = await t.registrations.where('sessionId').equals(id).toArray();
            const planned = orRollback(changeCapacity({ session: next, registrations: regs, capacity: next.capacity, now: at }));
            orRollback(await writeRegistrationChanges(t, planned.changes, at));
            promoted = planned.changes.length;
          }
          return ok({ session: next, warnings: await warningsFor(next), promoted });
        }),
      );
    },

    async setStatus(id: string, status: SessionStatus): Promise<Result<Session>> {
      return db.transaction('rw', t.sessions, async () => {
        const current = await t.sessions.get(id);
        if (!current || current.deleted) return err('not_found', 'That session no longer exists.');
        const next: Session = { ...current, status, updatedAt: now() };
        await t.sessions.put(next);
        return ok(next);
      });
    },

    async remove(id: string): Promise<Result<{ id: string }>> {
      return db.transaction('rw', t.sessions, async () => {
        const current = await t.sessions.get(id);
        if (!current || current.deleted) return err('not_found', 'That session no longer exists.');
        await t.sessions.put({ ...current, deleted: 1, updatedAt: now() });
        return ok({ id });
      });
    },

    async get(id: string): Promise<Session | undefined> {
      const s = await t.sessions.get(id);
      return s && !s.deleted ? s : undefined;
    },

    async list(): Promise<Session[]> {
      return alive(await t.sessions.orderBy('startLocal').toArray());
    },
  };
}
export type SessionsRepository = ReturnType<typeof sessionsRepository>;
