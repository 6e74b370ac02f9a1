import { z } from 'zod';
import { IdSchema, InstantSchema, SyncedRecordFields, trimmed } from './common';

export const REGISTRATION_STATUSES = ['invited', 'registered', 'waitlisted', 'cancelled'] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];

/** Someone from the directory. */
export const PersonAttendeeSchema = z.object({ kind: z.literal('person'), personId: IdSchema });

/** Someone who turned up without being in the directory; the sheet is all we know of them. */
export const WalkInAttendeeSchema = z.object({
  kind: z.literal('walkIn'),
  name: trimmed(200).min(1, 'Name is required'),
  agency: trimmed(200).default(''),
  email: z.union([z.literal(''), z.string().trim().max(254).pipe(z.email('Not a valid email address'))]).default(''),
});

export const AttendeeSchema = z.discriminatedUnion('kind', [PersonAttendeeSchema, WalkInAttendeeSchema]);
export type Attendee = z.output<typeof AttendeeSchema>;
export type AttendeeInput = z.input<typeof AttendeeSchema>;

const RegistrationFields = z.object({
  sessionId: IdSchema,
  attendee: AttendeeSchema,
  status: z.enum(REGISTRATION_STATUSES),
  /**
   * When the attendee joined the wait list; null unless wait-listed. The queue
   * is ordered by this time (then id), not by a stored position number, so two
   * devices editing the list offline never write conflicting positions.
   */
  waitlistedAt: InstantSchema.nullable().default(null),
  statusChangedAt: InstantSchema,
});

export const RegistrationInputSchema = RegistrationFields;
export const RegistrationSchema = RegistrationFields.extend(SyncedRecordFields);
export type Registration = z.output<typeof RegistrationSchema>;

/** What the rules read from a registration; drafts and full records both fit. */
export type RegistrationLike = Pick<Registration, 'id' | 'sessionId' | 'attendee' | 'status' | 'waitlistedAt' | 'statusChangedAt'> & {
  deleted?: 0 | 1;
};

/**
 * A key for "the same attendee", or null when we cannot tell: two walk-ins
 * named Maria Garcia without an email may well be two people.
 */
export function attendeeKey(a: Attendee): string | null {
  if (a.kind === 'person') return `person:${a.personId}`;
  const email = a.email.trim().toLocaleLowerCase('en-US');
  return email ? `email:${email}` : null;
}
