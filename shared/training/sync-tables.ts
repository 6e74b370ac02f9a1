import { documentCheck } from '../inform/sync-tables';
import { isManager, isOwnPerson, MANAGERS, storedSchema } from '../sync/stored-schema';
import type { SyncTableSpec, TableWriteRule, WriteRuleContext } from '../sync/tables-spec';
import { AttendanceRecordSchema } from './attendance';
import { CompletionSchema } from './completion';
import { CourseSchema } from './course';
import { MaterialSchema, MaterialVersionSchema } from './material';
import { RegistrationSchema } from './registration';
import { SessionSchema } from './session';

/**
 * Training's synced tables. Attendance and material versions are append-only records.
 *
 * Write rules: the catalogue (courses, materials and their published
 * versions) is for coordinators and admins; a session, its roster,
 * attendance and completions are for the session's trainers (a trainer is a
 * person id in `trainerIds`) and coordinators and admins.
 */

const trainerIdsOf = (session: Readonly<Record<string, unknown>> | null | undefined): readonly unknown[] =>
  session && Array.isArray(session.trainerIds) ? (session.trainerIds as unknown[]) : [];

const trainsIt = (ctx: WriteRuleContext, session: Readonly<Record<string, unknown>> | null | undefined): boolean => trainerIdsOf(session).some((p) => isOwnPerson(ctx, p));

/** A session: a trainer of it as stored (or, when the op creates it, as created), or a manager. */
function sessionCheck(ctx: WriteRuleContext): string | null {
  if (isManager(ctx)) return null;
  if (trainsIt(ctx, ctx.before ?? ctx.after)) return null;
  return 'Only a trainer of this session, a coordinator or an admin may change it';
}

const sessionOf = (after: Readonly<Record<string, unknown>>) => (typeof after.sessionId === 'string' ? [{ table: 'sessions', id: after.sessionId }] : []);

/** A record of a session (roster, attendance, completion): the session's trainer, or a manager. */
function ofSessionCheck(ctx: WriteRuleContext): string | null {
  if (isManager(ctx)) return null;
  const sessionId = ctx.after.sessionId;
  const session = typeof sessionId === 'string' ? (ctx.related?.('sessions', sessionId) ?? null) : null;
  if (trainsIt(ctx, session)) return null;
  return 'Only a trainer of the session, a coordinator or an admin may change its roster, attendance and completions';
}

const bySessionTrainer = (summary: string, extra: Partial<TableWriteRule> = {}): TableWriteRule => ({ roles: 'any', reads: sessionOf, check: ofSessionCheck, summary, ...extra });

const catalogue: TableWriteRule = { roles: MANAGERS, summary: 'Coordinators and admins.' };

export const TRAINING_SYNC_TABLES = {
  courses: { merge: 'lww', schema: storedSchema(CourseSchema), rule: catalogue },
  sessions: {
    merge: 'lww',
    schema: storedSchema(SessionSchema),
    rule: { roles: 'any', check: sessionCheck, summary: 'A trainer of the session (`trainerIds` holds the user’s person id; for a new session, as created), coordinators and admins.' },
  },
  registrations: { merge: 'lww', schema: storedSchema(RegistrationSchema), rule: bySessionTrainer('A trainer of the registration’s session, coordinators and admins.') },
  attendance: {
    merge: 'append',
    schema: storedSchema(AttendanceRecordSchema),
    rule: bySessionTrainer('A trainer of the session, coordinators and admins. Append-only; `takenBy` is the signed-in user.', { authorship: { actorField: 'takenBy' } }),
  },
  completions: { merge: 'lww', schema: storedSchema(CompletionSchema), rule: bySessionTrainer('A trainer of the completion’s session, coordinators and admins.') },
  // The document library (shared/inform): every role drafts; coordinators and admins publish, retire and change what is published.
  materials: {
    merge: 'lww',
    // Search words (shared/inform/documents.ts), derived on each device.
    localFields: ['words'],
    schema: storedSchema(MaterialSchema),
    rule: { roles: 'any', check: documentCheck, summary: 'Every role while a draft (`state` draft); publishing, retiring and changing a published or retired document: coordinators and admins.' },
  },
  materialVersions: {
    merge: 'append',
    schema: storedSchema(MaterialVersionSchema),
    rule: {
      roles: 'any',
      check: documentCheck,
      authorship: { actorField: 'publishedBy' },
      summary: 'Every role for a draft version; a published or retired one: coordinators and admins. Append-only; `publishedBy` is the signed-in user.',
    },
  },
} as const satisfies Record<string, SyncTableSpec>;
