import { isManager, isOwnPerson, storedSchema, withMeta } from '../sync/stored-schema';
import type { SyncTableSpec, TableWriteRule, WriteRuleContext } from '../sync/tables-spec';
import { parseOccurrenceId } from './ids';
import { distributionGate } from './rules';
import {
  ActionItemSchema,
  ChangeSchema,
  MaintenanceWindowSchema,
  OccurrenceSchema,
  OutputJobSchema,
  OutputRunSchema,
  ReviewSchema,
  ScheduleSchema,
  type OutputRun,
} from './schemas';

/**
 * Scheduled work and reviews. Coordinators and admins set up what repeats
 * (schedules, output jobs, windows and freezes); every role works what comes
 * of it (occurrences, runs, changes, reviews and their action items).
 * Occurrences (and the tickets and runs they create) have ids derived from the
 * schedule and date, so two devices creating one merge field by field into one.
 */
const SETUP = ['coordinator', 'admin'] as const;

const setupRule = (what: string): TableWriteRule => ({ roles: SETUP, summary: `${what}: coordinators and admins` });

/** A run marked distributed must pass its gate on the merged record (critical checks passed or overridden with a reason). */
function runCheck(ctx: WriteRuleContext): string | null {
  if (!ctx.changed.includes('status') || ctx.after.status !== 'distributed') return null;
  // The merged record is `{ ...fields }` without id and stamps: fill them in as the stored schema does.
  const parsed = OutputRunSchema.safeParse(withMeta({ ...ctx.after, id: ctx.id }));
  if (!parsed.success) return 'The run is not valid';
  const gate = distributionGate({ ...(parsed.data as OutputRun), status: 'verified' });
  return gate.ok ? null : gate.error.message;
}

/**
 * An occurrence is what its id says: a derived id (schedule and rule date)
 * holds that schedule's occurrence of that date, so a device cannot park
 * another schedule's or date's occurrence in it; and the identity never
 * changes once made.
 */
function occurrenceCheck(ctx: WriteRuleContext): string | null {
  if (ctx.before !== null && (ctx.changed.includes('scheduleId') || ctx.changed.includes('date'))) return 'An occurrence’s schedule and date never change';
  const derived = parseOccurrenceId(ctx.id);
  if (derived && (ctx.after.scheduleId !== derived.scheduleId || ctx.after.date !== derived.date)) return 'An occurrence’s schedule and date must be the ones its id is derived from';
  return null;
}

/**
 * A final review needs an owner, and a review made final (status changed to
 * final, or a final review restored) has no action item without an owner: the
 * rule reads the review's action items as stored, with this batch's earlier
 * changes (`reads`: every action item whose `reviewId` is the review's id).
 */
function reviewCheck(ctx: WriteRuleContext): string | null {
  if (ctx.after.status !== 'final' || ctx.after.deleted === 1) return null;
  if (!ctx.after.ownerId) return 'A final review needs an owner';
  const becomingFinal = ctx.before === null || ctx.changed.includes('status') || ctx.changed.includes('deleted');
  if (!becomingFinal || !ctx.relatedBy) return null;
  const unowned = ctx.relatedBy('actionItems', 'reviewId', ctx.id).filter((a) => a.deleted !== 1 && !a.ownerId);
  if (unowned.length === 0) return null;
  const titles = unowned.slice(0, 3).map((a) => `“${typeof a.title === 'string' ? a.title : String(a.id)}”`);
  const more = unowned.length > 3 ? ` and ${unowned.length - 3} more` : '';
  return `A review cannot be final while an action item has no owner: ${titles.join(', ')}${more} ${unowned.length === 1 ? 'has' : 'have'} none. Give each action an owner first.`;
}

/**
 * The converse: an action item of a final review (as stored) cannot be made,
 * moved there, restored or left without an owner.
 */
function actionCheck(ctx: WriteRuleContext): string | null {
  if (ctx.after.deleted === 1 || ctx.after.ownerId) return null;
  const id = ctx.after.reviewId;
  const review = typeof id === 'string' ? (ctx.related?.('reviews', id) ?? null) : null;
  return review && review.deleted !== 1 && review.status === 'final' ? 'An action of a final review needs an owner' : null;
}

/**
 * A change is approved by a coordinator or admin, who records themselves as
 * the approver. (Checked on values, not as role-limited fields: every new
 * change carries `approvedBy: null`, which anyone may write.)
 */
function changeCheck(ctx: WriteRuleContext): string | null {
  const approving = (ctx.changed.includes('status') && ctx.after.status === 'approved') || (ctx.changed.includes('approvedBy') && ctx.after.approvedBy != null) || (ctx.changed.includes('approvedAt') && ctx.after.approvedAt != null);
  if (approving && !isManager(ctx)) return 'Only coordinators and admins approve a change';
  if (!isManager(ctx) && ctx.before !== null && (ctx.changed.includes('approvedBy') || ctx.changed.includes('approvedAt'))) return 'Only coordinators and admins change a change’s approval';
  if (ctx.changed.includes('approvedBy') && ctx.after.approvedBy != null && !isOwnPerson(ctx, ctx.after.approvedBy)) return 'A change’s approver is the signed-in user';
  return null;
}

export const OPERATIONS_SYNC_TABLES = {
  schedules: { merge: 'lww', schema: storedSchema(ScheduleSchema), rule: setupRule('Maintenance and output schedules') },
  outputJobs: { merge: 'lww', schema: storedSchema(OutputJobSchema), rule: setupRule('Output jobs') },
  maintenanceWindows: { merge: 'lww', schema: storedSchema(MaintenanceWindowSchema), rule: setupRule('Maintenance windows and freezes') },
  occurrences: {
    merge: 'lww',
    schema: storedSchema(OccurrenceSchema),
    rule: { roles: 'any', check: occurrenceCheck, summary: 'Schedule occurrences: every role; a derived id holds that schedule’s occurrence of that date, and neither ever changes' },
  },
  outputRuns: {
    merge: 'lww',
    schema: storedSchema(OutputRunSchema),
    rule: { roles: 'any', check: runCheck, summary: 'Output runs: every role; distributed only past the verification gate' },
  },
  changes: {
    merge: 'lww',
    schema: storedSchema(ChangeSchema),
    rule: { roles: 'any', check: changeCheck, summary: 'Changes: every role; approval (status approved, approver and time) by coordinators and admins, as themselves' },
  },
  reviews: {
    merge: 'lww',
    schema: storedSchema(ReviewSchema),
    rule: {
      roles: 'any',
      // Only a final review needs its action items read.
      reads: (after, id) => (after.status === 'final' && id ? [{ table: 'actionItems', field: 'reviewId', equals: id }] : []),
      check: reviewCheck,
      summary: 'Post-incident reviews: every role; final needs an owner, and is refused while any of its action items (`reviewId`, as stored) has no owner',
    },
  },
  actionItems: {
    merge: 'lww',
    schema: storedSchema(ActionItemSchema),
    rule: {
      roles: 'any',
      reads: (after) => (typeof after.reviewId === 'string' ? [{ table: 'reviews', id: after.reviewId }] : []),
      check: actionCheck,
      summary: 'Review action items: every role; an action of a final review needs an owner',
    },
  },
} as const satisfies Record<string, SyncTableSpec>;
