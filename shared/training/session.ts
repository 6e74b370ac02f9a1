import { z } from 'zod';
import { err, ok, type Result } from '../result';
import { HttpsUrlSchema, IdSchema, SyncedRecordFields, trimmed } from './common';
import { checkTimeZone, LOCAL_DATE_TIME_RE, zonedToEpoch } from './zonedTime';

export const SESSION_STATUSES = ['scheduled', 'completed', 'cancelled'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

export const MAX_SESSION_MINUTES = 24 * 60;
export const MAX_CAPACITY = 1000;

const SessionFields = z.object({
  courseId: IdSchema,
  /** Wall-clock start where the class meets, `YYYY-MM-DDTHH:mm`; see zonedTime.ts for why not UTC. */
  startLocal: z.string().trim().regex(LOCAL_DATE_TIME_RE, 'Use the form 2026-03-10T09:00'),
  timeZone: z.string().trim().min(1, 'Choose a time zone'),
  durationMinutes: z
    .number({ message: 'Enter a length in minutes' })
    .int('Whole minutes only')
    .min(5, 'A session lasts at least 5 minutes')
    .max(MAX_SESSION_MINUTES, 'A session lasts at most 24 hours; schedule each day separately'),
  location: trimmed(300).default(''),
  onlineUrl: z.union([z.literal(''), HttpsUrlSchema]).default(''),
  trainerIds: z.array(IdSchema).max(20, 'At most 20 trainers').default([]),
  capacity: z.number({ message: 'Enter a number of seats' }).int('Whole seats only').min(1, 'At least 1 seat').max(MAX_CAPACITY, `At most ${MAX_CAPACITY} seats`),
  status: z.enum(SESSION_STATUSES).default('scheduled'),
  notes: trimmed(5000).default(''),
  ticketIds: z.array(IdSchema).max(50, 'At most 50 linked tickets').default([]),
});

/** Cross-field checks: a real instant in a real zone, and somewhere to go. */
function refineSession(s: { startLocal: string; timeZone: string; location: string; onlineUrl: string }, ctx: z.RefinementCtx): void {
  const zone = checkTimeZone(s.timeZone);
  if (!zone.ok) {
    ctx.addIssue({ code: 'custom', path: ['timeZone'], message: zone.error.message });
    return;
  }
  const start = zonedToEpoch(s.startLocal, s.timeZone);
  if (!start.ok) ctx.addIssue({ code: 'custom', path: ['startLocal'], message: start.error.message });
  if (s.location === '' && s.onlineUrl === '') {
    ctx.addIssue({ code: 'custom', path: ['location'], message: 'Give a location or an online meeting link' });
  }
}

export const SessionInputSchema = SessionFields.superRefine(refineSession);
export type SessionInput = z.input<typeof SessionInputSchema>;

export const SessionSchema = SessionFields.extend(SyncedRecordFields).superRefine(refineSession);
export type Session = z.output<typeof SessionSchema>;

/** The part of a session the rules below need, so callers can pass drafts too. */
export type SessionTiming = Pick<Session, 'startLocal' | 'timeZone' | 'durationMinutes'>;

export interface Interval {
  startMs: number;
  endMs: number;
}

/** When a session runs, as UTC milliseconds. */
export function sessionInterval(s: SessionTiming): Result<Interval> {
  const start = zonedToEpoch(s.startLocal, s.timeZone);
  if (!start.ok) return start;
  if (!Number.isInteger(s.durationMinutes) || s.durationMinutes <= 0) {
    return err('invalid_request', 'A session needs a length in whole minutes.', { durationMinutes: 'Required' });
  }
  return ok({ startMs: start.value, endMs: start.value + s.durationMinutes * 60_000 });
}
