import { err, ok, type Result } from '../../../../../shared/result';
import { AttendeeSchema, type AttendeeInput, type Registration } from '../../../../../shared/training/registration';
import { cancelRegistration, registerAttendee, waitlistOrder, type RegisterOutcome } from '../../../../../shared/training/waitlist';
import { parseWith } from '../../../../../shared/validation';
import { atomically, orRollback, writeRegistrationChanges } from './apply-changes';
import { type RepoContext } from './tables';

export interface CancelOutcome {
  cancelled: Registration;
  /** Who moved up from the wait list into the freed seat. */
  promoted: Registration[];
}

/** Who is coming: registrations and the wait list. The only writer of `registrations`. */
export function registrationsRepository({ db, t, now, newId }: RepoContext) {
  const liveSession = async (sessionId: string) => {
    const s = await t.sessions.get(sessionId);
    return s && !s.deleted ? s : undefined;
  };

  return {
    /**
     * Register someone from the directory or a walk-in. A full session puts
     * them on the wait list (unless the trainer seats them past capacity).
     */
    async register(sessionId: string, attendee: AttendeeInput, options: { allowOverCapacity?: boolean; inviteOnly?: boolean } = {}): Promise<Result<RegisterOutcome>> {
      const parsed = parseWith(AttendeeSchema, attendee, 'attendee');
      if (!parsed.ok) return parsed;
      return atomically(() =>
        db.transaction('rw', [t.sessions, t.registrations, db.people], async () => {
          const session = await liveSession(sessionId);
          if (!session) return err('not_found', 'That session no longer exists.');
          if (parsed.value.kind === 'person') {
            const person = await db.people.get(parsed.value.personId);
            if (!person || person.deleted) return err('not_found', 'That person is no longer in the directory.');
          }
          const regs = await t.registrations.where('sessionId').equals(sessionId).toArray();
          const at = now();
          const outcome = registerAttendee({ session, registrations: regs, attendee: parsed.value, now: at, newId, ...options });
          if (!outcome.ok) return outcome;
          orRollback(await writeRegistrationChanges(t, outcome.value.changes, at));
          return ok(outcome.value);
        }),
      );
    },

    /** Cancel a registration; the first person waiting moves up, in the same transaction. */
    async cancel(registrationId: string): Promise<Result<CancelOutcome>> {
      return atomically(() =>
        db.transaction('rw', [t.sessions, t.registrations], async () => {
          const reg = await t.registrations.get(registrationId);
          if (!reg || reg.deleted) return err('not_found', 'That registration no longer exists.');
          const session = await liveSession(reg.sessionId);
          if (!session) return err('not_found', 'That session no longer exists.');
          const regs = await t.registrations.where('sessionId').equals(reg.sessionId).toArray();
          const at = now();
          const planned = cancelRegistration({ session, registrations: regs, registrationId, now: at });
          if (!planned.ok) return planned;
          const written = orRollback(await writeRegistrationChanges(t, planned.value.changes, at));
          const promoted = planned.value.changes.flatMap((c, i) => (c.kind === 'update' && c.reason === 'promoted' ? [written[i]!] : []));
          return ok({ cancelled: written[0]!, promoted });
        }),
      );
    },

    /** Seat someone from the wait list now, past capacity: they turned up and the trainer lets them in. */
    async seat(registrationId: string): Promise<Result<Registration>> {
      return db.transaction('rw', [t.sessions, t.registrations], async () => {
        const reg = await t.registrations.get(registrationId);
        if (!reg || reg.deleted) return err('not_found', 'That registration no longer exists.');
        const session = await liveSession(reg.sessionId);
        if (!session) return err('not_found', 'That session no longer exists.');
        if (session.status === 'cancelled') return err('conflict', 'This session is cancelled.');
        if (reg.status === 'registered') return err('conflict', 'Already registered.');
        const at = now();
        const next: Registration = { ...reg, status: 'registered', waitlistedAt: null, statusChangedAt: at, updatedAt: at };
        await t.registrations.put(next);
        return ok(next);
      });
    },

    async forSession(sessionId: string): Promise<Registration[]> {
      return (await t.registrations.where('sessionId').equals(sessionId).toArray()).filter((r) => !r.deleted);
    },

    /** The wait list in order, first in line first. */
    async waitlist(sessionId: string): Promise<Registration[]> {
      return waitlistOrder({ id: sessionId }, await t.registrations.where('sessionId').equals(sessionId).toArray());
    },
  };
}
export type RegistrationsRepository = ReturnType<typeof registrationsRepository>;
