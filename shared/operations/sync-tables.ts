import type { SyncTableSpec, TableWriteRule, WriteRuleContext } from '../sync/tables-spec';
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
  const parsed = OutputRunSchema.safeParse(ctx.after);
  if (!parsed.success) return 'The run is not valid';
  const gate = distributionGate({ ...(parsed.data as OutputRun), status: 'verified' });
  return gate.ok ? null : gate.error.message;
}

/** A final review needs an owner (its action items' owners are checked on the device, which holds them). */
function reviewCheck(ctx: WriteRuleContext): string | null {
  return ctx.after.status === 'final' && !ctx.after.ownerId ? 'A final review needs an owner' : null;
}

export const OPERATIONS_SYNC_TABLES = {
  schedules: { merge: 'lww', schema: ScheduleSchema, rule: setupRule('Maintenance and output schedules') },
  outputJobs: { merge: 'lww', schema: OutputJobSchema, rule: setupRule('Output jobs') },
  maintenanceWindows: { merge: 'lww', schema: MaintenanceWindowSchema, rule: setupRule('Maintenance windows and freezes') },
  occurrences: { merge: 'lww', schema: OccurrenceSchema, rule: { roles: 'any', summary: 'Schedule occurrences: every role (ids derived from schedule and date)' } },
  outputRuns: {
    merge: 'lww',
    schema: OutputRunSchema,
    rule: { roles: 'any', check: runCheck, summary: 'Output runs: every role; distributed only past the verification gate' },
  },
  changes: {
    merge: 'lww',
    schema: ChangeSchema,
    rule: { roles: 'any', fields: { approvedBy: SETUP, approvedAt: SETUP }, summary: 'Changes: every role; approval by coordinators and admins' },
  },
  reviews: { merge: 'lww', schema: ReviewSchema, rule: { roles: 'any', check: reviewCheck, summary: 'Post-incident reviews: every role; final needs an owner' } },
  actionItems: { merge: 'lww', schema: ActionItemSchema, rule: { roles: 'any', summary: 'Review action items: every role' } },
} as const satisfies Record<string, SyncTableSpec>;
