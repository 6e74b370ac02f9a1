import { effectiveMarks, type AttendanceLike, type AttendanceRecord } from './attendance';
import type { Attendee, RegistrationLike } from './registration';

/**
 * Rows for the printouts and the attendance export, from registrations and
 * attendance records plus lookups into the directory (passed in, so this
 * stays pure and the caller decides how a missing person reads).
 */
export interface PersonLookup {
  name(personId: string): string | undefined;
  agency?(personId: string): string | undefined;
  /** Their email in the directory, for the attendance export and the sheets. */
  email?(personId: string): string | undefined;
}

export interface RosterRow {
  registrationId: string;
  name: string;
  agency: string;
  email: string;
  walkIn: boolean;
  mark: AttendanceRecord['mark'] | null;
  /** Who took the effective mark (a name when `staffName` is given, otherwise the id). */
  takenBy: string;
  at: string;
}

export function attendeeDisplay(a: Attendee, people: PersonLookup): { name: string; agency: string; email: string } {
  if (a.kind === 'walkIn') return { name: a.name, agency: a.agency, email: a.email };
  return { name: people.name(a.personId) ?? 'Unknown person (removed from the directory)', agency: people.agency?.(a.personId) ?? '', email: people.email?.(a.personId) ?? '' };
}

/** The registered roster of a session with each attendee's effective mark, sorted by name. */
export function rosterRows(input: {
  sessionId: string;
  registrations: readonly RegistrationLike[];
  attendance: readonly (AttendanceLike & { takenBy?: string })[];
  people: PersonLookup;
  staffName?: (id: string) => string | undefined;
  locale?: string;
}): RosterRow[] {
  const marks = effectiveMarks(input.attendance.filter((a) => a.sessionId === input.sessionId));
  return input.registrations
    .filter((r) => r.sessionId === input.sessionId && r.deleted !== 1 && r.status === 'registered')
    .map((r) => {
      const m = marks.get(r.id);
      const who = m?.takenBy ?? '';
      return {
        registrationId: r.id,
        ...attendeeDisplay(r.attendee, input.people),
        walkIn: r.attendee.kind === 'walkIn',
        mark: m?.mark ?? null,
        takenBy: who ? (input.staffName?.(who) ?? who) : '',
        at: m?.at ?? '',
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name, input.locale ?? 'en-US', { sensitivity: 'base' }) || a.registrationId.localeCompare(b.registrationId));
}
