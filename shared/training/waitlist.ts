import { err, ok, type Result } from '../result';
import { attendeeKey, type Attendee, type RegistrationLike, type RegistrationStatus } from './registration';
import type { Session } from './session';

/**
 * Seats and the wait list, as pure functions over the session's registrations.
 * Each returns the changes to write (never writes), so the repository can put
 * them in one transaction and the UI can show what will happen first.
 */

export type SessionSeats = Pick<Session, 'id' | 'capacity' | 'status'>;

export interface RegistrationDraft {
  id: string;
  sessionId: string;
  attendee: Attendee;
  status: RegistrationStatus;
  waitlistedAt: string | null;
  statusChangedAt: string;
}

export type ChangeReason = 'invited' | 'registered' | 'waitlisted' | 'promoted' | 'cancelled';

export type RegistrationChange =
  | { kind: 'insert'; reason: ChangeReason; record: RegistrationDraft }
  | {
      kind: 'update';
      reason: ChangeReason;
      id: string;
      fields: Pick<RegistrationDraft, 'status' | 'waitlistedAt' | 'statusChangedAt'>;
    };

export interface SeatCounts {
  capacity: number;
  registered: number;
  waitlisted: number;
  invited: number;
  /** Free seats (0 when full or over). */
  available: number;
  /** Registered beyond capacity: walk-ins let in at the door, or two devices filling the last seat offline. */
  overBy: number;
}

const live = (regs: readonly RegistrationLike[], sessionId: string) => regs.filter((r) => r.sessionId === sessionId && r.deleted !== 1);

export function seatCounts(session: SessionSeats, registrations: readonly RegistrationLike[]): SeatCounts {
  const mine = live(registrations, session.id);
  const count = (s: RegistrationStatus) => mine.filter((r) => r.status === s).length;
  const registered = count('registered');
  return {
    capacity: session.capacity,
    registered,
    waitlisted: count('waitlisted'),
    invited: count('invited'),
    available: Math.max(0, session.capacity - registered),
    overBy: Math.max(0, registered - session.capacity),
  };
}

/** The wait list, first in line first: by the time they joined, then id, the same on every device. */
export function waitlistOrder<R extends RegistrationLike>(session: Pick<Session, 'id'>, registrations: readonly R[]): R[] {
  return (live(registrations, session.id) as R[])
    .filter((r) => r.status === 'waitlisted')
    .sort((a, b) => (a.waitlistedAt ?? '').localeCompare(b.waitlistedAt ?? '') || a.id.localeCompare(b.id));
}

/** 1-based place on the wait list, or null if not on it. */
export function waitlistPosition(session: Pick<Session, 'id'>, registrations: readonly RegistrationLike[], registrationId: string): number | null {
  const i = waitlistOrder(session, registrations).findIndex((r) => r.id === registrationId);
  return i < 0 ? null : i + 1;
}

/** Apply changes to a list of registrations (for previews, tests, and optimistic UI). */
export function applyRegistrationChanges<R extends RegistrationLike>(registrations: readonly R[], changes: readonly RegistrationChange[]): (R | RegistrationDraft)[] {
  const out: (R | RegistrationDraft)[] = [...registrations];
  for (const c of changes) {
    if (c.kind === 'insert') out.push(c.record);
    else {
      const i = out.findIndex((r) => r.id === c.id);
      if (i >= 0) out[i] = { ...out[i]!, ...c.fields };
    }
  }
  return out;
}

/** Promote from the wait list, first in line first, while seats are free. */
export function fillSeats(session: SessionSeats, registrations: readonly RegistrationLike[], now: string): RegistrationChange[] {
  if (session.status === 'cancelled') return [];
  const free = seatCounts(session, registrations).available;
  return waitlistOrder(session, registrations)
    .slice(0, free)
    .map((r) => ({ kind: 'update', reason: 'promoted', id: r.id, fields: { status: 'registered', waitlistedAt: null, statusChangedAt: now } }));
}

export interface RegisterInput {
  session: SessionSeats;
  registrations: readonly RegistrationLike[];
  attendee: Attendee;
  now: string;
  newId: () => string;
  /** Let someone in past capacity (a walk-in the trainer seats at the door). */
  allowOverCapacity?: boolean;
  /** Record an invitation instead of a registration: it holds no seat. */
  inviteOnly?: boolean;
}

export interface RegisterOutcome {
  registrationId: string;
  status: RegistrationStatus;
  /** 1-based wait-list place when wait-listed. */
  waitlistPosition: number | null;
  changes: RegistrationChange[];
}

function refuseClosed(session: SessionSeats): Result<never> | null {
  if (session.status === 'cancelled') return err('conflict', 'This session is cancelled; nobody can register for it.');
  return null;
}

/**
 * Register (or invite) an attendee: a free seat makes them registered, a full
 * session puts them at the end of the wait list. Anyone already waiting gets
 * a freed seat before a newcomer does.
 */
export function registerAttendee(input: RegisterInput): Result<RegisterOutcome> {
  const { session, registrations, attendee, now } = input;
  const closed = refuseClosed(session);
  if (closed) return closed;

  const key = attendeeKey(attendee);
  const existing = key === null ? undefined : live(registrations, session.id).find((r) => attendeeKey(r.attendee) === key);
  if (existing && existing.status === 'registered') return err('conflict', 'Already registered for this session.');
  if (existing && existing.status === 'waitlisted') {
    return err('conflict', `Already on the wait list (number ${waitlistPosition(session, registrations, existing.id)}).`);
  }
  if (existing && existing.status === 'invited' && input.inviteOnly) return err('conflict', 'Already invited to this session.');

  // Seat anyone already waiting first, then decide for the newcomer.
  const changes = fillSeats(session, registrations, now);
  const after = applyRegistrationChanges(registrations, changes);
  const { available } = seatCounts(session, after);
  const stillWaiting = waitlistOrder(session, after).length;

  let status: RegistrationStatus;
  if (input.inviteOnly) status = 'invited';
  else if (available > 0 && stillWaiting === 0) status = 'registered';
  else if (input.allowOverCapacity) status = 'registered';
  else status = 'waitlisted';
  const waitlistedAt = status === 'waitlisted' ? now : null;
  const reason: ChangeReason = status === 'invited' ? 'invited' : status === 'registered' ? 'registered' : 'waitlisted';

  // Reuse an earlier invitation or cancelled registration: one record per attendee per session.
  const id = existing ? existing.id : input.newId();
  if (existing) changes.push({ kind: 'update', reason, id, fields: { status, waitlistedAt, statusChangedAt: now } });
  else changes.push({ kind: 'insert', reason, record: { id, sessionId: session.id, attendee, status, waitlistedAt, statusChangedAt: now } });

  const final = applyRegistrationChanges(registrations, changes);
  return ok({ registrationId: id, status, waitlistPosition: status === 'waitlisted' ? waitlistPosition(session, final, id) : null, changes });
}

/** Cancel a registration; if that frees a seat, the first on the wait list moves up. */
export function cancelRegistration(input: {
  session: SessionSeats;
  registrations: readonly RegistrationLike[];
  registrationId: string;
  now: string;
}): Result<{ changes: RegistrationChange[] }> {
  const { session, registrations, registrationId, now } = input;
  const target = live(registrations, session.id).find((r) => r.id === registrationId);
  if (!target) return err('not_found', 'That registration is not on this session.');
  if (target.status === 'cancelled') return err('conflict', 'That registration is already cancelled.');
  const changes: RegistrationChange[] = [
    { kind: 'update', reason: 'cancelled', id: target.id, fields: { status: 'cancelled', waitlistedAt: null, statusChangedAt: now } },
  ];
  changes.push(...fillSeats(session, applyRegistrationChanges(registrations, changes), now));
  return ok({ changes });
}

/** Change a session's capacity; more seats pull people off the wait list, fewer never bump anyone. */
export function changeCapacity(input: {
  session: SessionSeats;
  registrations: readonly RegistrationLike[];
  capacity: number;
  now: string;
}): Result<{ changes: RegistrationChange[]; overBy: number }> {
  const { session, registrations, capacity, now } = input;
  if (!Number.isInteger(capacity) || capacity < 1) return err('invalid_request', 'Capacity must be a whole number of seats, at least 1.', { capacity: 'At least 1' });
  const resized = { ...session, capacity };
  const changes = fillSeats(resized, registrations, now);
  return ok({ changes, overBy: seatCounts(resized, registrations).overBy });
}
