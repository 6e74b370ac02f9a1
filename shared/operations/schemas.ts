import { z } from 'zod';
import { isValidTimeZone } from '../tickets/calendar';
import { idField, instant, isoDate, LIMITS, syncMeta, text } from '../tickets/fields';
import { RecurrenceSchema, SHIFTS } from './recurrence';

/**
 * The records of scheduled work and incident reviews. Each stored schema is
 * loose (a newer app may add a field) and is what the server and the app
 * validate synced records with (sync-tables.ts); the input schemas are what
 * forms and repositories accept.
 */

const LONG = 20_000;
const ids = (label: string, max = 50) => z.array(idField(label)).max(max, `At most ${max} entries`).overwrite((a) => [...new Set(a)]).default([]);
const nullableId = (label: string) => idField(label).nullable().default(null);
const multiline = (label: string, max = LONG) => text(label, max, { multiline: true }).default('');
const timeZone = z
  .string()
  .trim()
  .min(1, 'Time zone is required')
  .max(64)
  .refine(isValidTimeZone, 'Time zone must be an IANA zone name such as America/Los_Angeles');

export const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;
export type OpsPriority = (typeof PRIORITIES)[number];

const record = { id: idField('Id'), createdAt: instant('Created'), updatedAt: instant('Updated'), ...syncMeta };

// ---------------------------------------------------------------------------
// Checklists

export const ChecklistItemSchema = z.object({
  id: idField('Checklist item id'),
  text: text('Checklist item', LIMITS.shortText, { required: true }),
});
export type ChecklistItem = z.output<typeof ChecklistItemSchema>;

// ---------------------------------------------------------------------------
// Schedules

export const SCHEDULE_KINDS = ['maintenance', 'output'] as const;
export type ScheduleKind = (typeof SCHEDULE_KINDS)[number];
export const SCHEDULE_MODES = ['fixed', 'after_completion'] as const;

export const TemplateSchema = z.object({
  title: text('Ticket title', LIMITS.title, { required: true }),
  description: multiline('Description'),
  teamId: nullableId('Team'),
  assigneeId: nullableId('Assignee'),
  /** Maintenance tickets need a requester: the person the work is done for (often the coordinator). */
  requesterId: nullableId('Requester'),
  priority: z.enum(PRIORITIES).default('P3'),
  checklist: z.array(ChecklistItemSchema).max(100, 'At most 100 checklist items').default([]),
});
export type Template = z.output<typeof TemplateSchema>;

const scheduleFields = {
  kind: z.enum(SCHEDULE_KINDS, { error: 'Pick maintenance or output' }),
  name: text('Schedule name', LIMITS.name, { required: true }),
  systemId: nullableId('System'),
  timeZone,
  calendarId: nullableId('Calendar'),
  shift: z.enum(SHIFTS).default('working_day'),
  rule: RecurrenceSchema,
  mode: z.enum(SCHEDULE_MODES).default('fixed'),
  /** after_completion: days after the last completed occurrence. */
  afterDays: z.int().min(1, 'At least 1 day').max(3660).default(30),
  /** How many days ahead each occurrence is created. */
  leadDays: z.int('Lead days must be a whole number').min(0, 'Lead days cannot be negative').max(90, 'At most 90 days ahead').default(7),
  template: TemplateSchema,
  active: z.boolean().default(true),
};

export const ScheduleInputSchema = z.object(scheduleFields);
export type ScheduleInput = z.input<typeof ScheduleInputSchema>;
export const ScheduleSchema = z.looseObject({ ...scheduleFields, ...record });
export type Schedule = z.output<typeof ScheduleSchema>;

// ---------------------------------------------------------------------------
// Occurrences: one per schedule and rule date (ids.ts), or an extra "Run now"

export const OccurrenceSchema = z.looseObject({
  ...record,
  scheduleId: idField('Schedule'),
  kind: z.enum(SCHEDULE_KINDS),
  /** The rule's date (the identity); plannedAt is where it landed after moving off holidays. */
  date: isoDate('Occurrence date'),
  plannedAt: instant('Planned time'),
  ticketId: nullableId('Ticket'),
  runId: nullableId('Run'),
  extra: z.boolean().default(false),
  status: z.enum(['created', 'done', 'skipped']).default('created'),
  completedAt: instant('Completed').nullable().default(null),
});
export type Occurrence = z.output<typeof OccurrenceSchema>;

// ---------------------------------------------------------------------------
// Maintenance windows and freezes

export const WINDOW_KINDS = ['window', 'freeze'] as const;
export type WindowKind = (typeof WINDOW_KINDS)[number];

const windowFields = {
  kind: z.enum(WINDOW_KINDS, { error: 'Pick window or freeze' }),
  name: text('Name', LIMITS.name, { required: true }),
  systemIds: ids('System').refine((a) => a.length > 0, 'Pick at least one system'),
  timeZone,
  /** freq 'once' for a one-off; the rule's start and time are the first start. */
  rule: RecurrenceSchema,
  durationMinutes: z.int().min(1, 'Duration must be at least a minute').max(60 * 24 * 366, 'At most a year'),
  note: multiline('Note', 2000),
};
export const WindowInputSchema = z.object(windowFields);
export type WindowInput = z.input<typeof WindowInputSchema>;
export const MaintenanceWindowSchema = z.looseObject({ ...windowFields, ...record });
export type MaintenanceWindow = z.output<typeof MaintenanceWindowSchema>;

// ---------------------------------------------------------------------------
// Changes, fixes and patches

export const CHANGE_TYPES = ['standard', 'normal', 'emergency'] as const;
export const RISKS = ['low', 'medium', 'high'] as const;
export const CHANGE_STATUSES = ['draft', 'approved', 'in_progress', 'done', 'failed', 'cancelled'] as const;
export type ChangeStatus = (typeof CHANGE_STATUSES)[number];
export const OUTCOMES = ['successful', 'partial', 'backed_out', 'failed'] as const;

const changeFields = {
  title: text('What', LIMITS.title, { required: true }),
  reason: multiline('Why'),
  type: z.enum(CHANGE_TYPES).default('normal'),
  systemIds: ids('System'),
  risk: z.enum(RISKS).default('low'),
  implementationPlan: multiline('Implementation plan'),
  testPlan: multiline('Test plan'),
  testResult: multiline('Test result'),
  backoutPlan: multiline('Back-out plan'),
  plannedStart: instant('Planned start').nullable().default(null),
  plannedEnd: instant('Planned end').nullable().default(null),
  status: z.enum(CHANGE_STATUSES).default('draft'),
  approvedBy: nullableId('Approved by'),
  approvedAt: instant('Approved at').nullable().default(null),
  outcome: z.enum(OUTCOMES).nullable().default(null),
  outcomeNote: multiline('Outcome'),
  ticketIds: ids('Ticket', 200),
  ownerId: nullableId('Owner'),
};
export const ChangeInputSchema = z
  .object(changeFields)
  .refine((c) => !c.plannedStart || !c.plannedEnd || c.plannedEnd > c.plannedStart, { error: 'The planned end must be after the start', path: ['plannedEnd'] });
export type ChangeInput = z.input<typeof ChangeInputSchema>;
export const ChangeSchema = z.looseObject({ ...changeFields, ...record });
export type Change = z.output<typeof ChangeSchema>;

// ---------------------------------------------------------------------------
// Output jobs and runs

export const CHECK_KINDS = ['check', 'count', 'amount', 'pages', 'not_blank'] as const;
export type CheckKind = (typeof CHECK_KINDS)[number];

export const VerificationItemSchema = z.object({
  id: idField('Check id'),
  label: text('Check', LIMITS.shortText, { required: true }),
  /** check: a yes/no; count/amount/pages: a control total compared with `expected`; not_blank: output is not empty. */
  kind: z.enum(CHECK_KINDS).default('check'),
  expected: z.number().finite().nullable().default(null),
  critical: z.boolean().default(false),
});
export type VerificationItem = z.output<typeof VerificationItemSchema>;

const jobFields = {
  name: text('Job name', LIMITS.name, { required: true }),
  systemId: nullableId('System'),
  scheduleId: nullableId('Schedule'),
  customerIds: ids('Customer', 200),
  /**
   * Access management's distribution lists it goes to, as well as the people
   * above: a run proposes their current members. Defaulted, so a job written
   * before lists (or by an older device) stays valid.
   */
  listIds: ids('Distribution list', 50),
  /** Local wall time the output is expected, in the schedule's zone. */
  expectedTime: z.string().regex(/^([01]\d|2[0-3]):([0-5]\d)$/, 'Expected time must be such as 07:30').default('08:00'),
  teamId: nullableId('Team'),
  checklist: z.array(VerificationItemSchema).max(100, 'At most 100 checks').default([]),
  active: z.boolean().default(true),
};
export const OutputJobInputSchema = z.object(jobFields);
export type OutputJobInput = z.input<typeof OutputJobInputSchema>;
export const OutputJobSchema = z.looseObject({ ...jobFields, ...record });
export type OutputJob = z.output<typeof OutputJobSchema>;

export const ITEM_RESULTS = ['pending', 'pass', 'fail', 'na'] as const;
export type ItemResult = (typeof ITEM_RESULTS)[number];

export const RunItemSchema = VerificationItemSchema.extend({
  actual: z.number().finite().nullable().default(null),
  result: z.enum(ITEM_RESULTS).default('pending'),
  note: multiline('Note', 2000),
});
export type RunItem = z.output<typeof RunItemSchema>;

export const RUN_STATUSES = ['waiting', 'received', 'verified', 'failed', 'distributed'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export const OutputRunSchema = z.looseObject({
  ...record,
  jobId: idField('Job'),
  occurrenceId: nullableId('Occurrence'),
  /** The rule date of the occurrence (or the day of an extra run). */
  date: isoDate('Run date'),
  expectedAt: instant('Expected'),
  receivedAt: instant('Received').nullable().default(null),
  verifiedBy: nullableId('Verified by'),
  verifiedAt: instant('Verified').nullable().default(null),
  items: z.array(RunItemSchema).max(100).default([]),
  override: z
    .object({ reason: text('Override reason', LIMITS.reason, { required: true, multiline: true }), by: idField('Overridden by'), at: instant('Overridden at') })
    .nullable()
    .default(null),
  status: z.enum(RUN_STATUSES).default('waiting'),
  distributedAt: instant('Distributed').nullable().default(null),
  distributedBy: nullableId('Distributed by'),
  distributedTo: ids('Recipient', 200),
  /** Outside addresses (list members not in the directory) it went to, by name and address as they were then. */
  distributedToOutside: z
    .array(z.object({ name: text('Recipient name', LIMITS.name).default(''), email: z.string().trim().max(254).pipe(z.email('Not a valid email address')) }))
    .max(500, 'At most 500 outside recipients')
    .default([]),
  ticketId: nullableId('Ticket'),
  extra: z.boolean().default(false),
});
export type OutputRun = z.output<typeof OutputRunSchema>;

// ---------------------------------------------------------------------------
// Post-incident reviews and action items

export const REVIEW_STATUSES = ['draft', 'in_review', 'final'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

export const TimelineEntrySchema = z.object({
  id: idField('Entry id'),
  at: instant('Time'),
  text: text('Timeline entry', 5000, { required: true, multiline: true }),
  source: z.enum(['history', 'worklog', 'manual']).default('manual'),
  /** The history event or work-log entry it was picked from. */
  sourceId: nullableId('Source'),
  ticketId: nullableId('Ticket'),
});
export type TimelineEntry = z.output<typeof TimelineEntrySchema>;

const reviewFields = {
  title: text('Review title', LIMITS.title, { required: true }),
  incidentIds: ids('Incident', 20),
  status: z.enum(REVIEW_STATUSES).default('draft'),
  ownerId: nullableId('Owner'),
  reviewDate: isoDate('Review date').nullable().default(null),
  attendeeIds: ids('Attendee', 100),
  summary: multiline('Summary'),
  impactWho: multiline('Who was affected', 2000),
  impactCount: multiline('How many', 500),
  impactDuration: multiline('How long', 500),
  trigger: multiline('Trigger'),
  rootCauses: multiline('Root causes'),
  contributing: multiline('Contributing factors'),
  detection: multiline('Detection'),
  resolution: multiline('Resolution'),
  wentWell: multiline('What went well'),
  wentWrong: multiline('What went wrong'),
  gotLucky: multiline('Where we got lucky'),
  timeline: z.array(TimelineEntrySchema).max(1000, 'At most 1,000 timeline entries').default([]),
};
export const ReviewInputSchema = z.object(reviewFields);
export type ReviewInput = z.input<typeof ReviewInputSchema>;
export const ReviewSchema = z.looseObject({ ...reviewFields, ...record });
export type Review = z.output<typeof ReviewSchema>;

export const ACTION_TYPES = ['mitigate', 'prevent', 'process'] as const;
export const ACTION_STATUSES = ['open', 'done', 'wont_do'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

const actionFields = {
  reviewId: idField('Review'),
  title: text('Action', LIMITS.title, { required: true }),
  ownerId: nullableId('Owner'),
  due: isoDate('Due date').nullable().default(null),
  type: z.enum(ACTION_TYPES).default('prevent'),
  status: z.enum(ACTION_STATUSES).default('open'),
  link: z.object({ kind: z.enum(['ticket', 'change']), id: idField('Linked record') }).nullable().default(null),
};
export const ActionItemInputSchema = z.object(actionFields);
export type ActionItemInput = z.input<typeof ActionItemInputSchema>;
export const ActionItemSchema = z.looseObject({ ...actionFields, ...record });
export type ActionItem = z.output<typeof ActionItemSchema>;

export const LABELS = {
  kind: { maintenance: 'Maintenance', output: 'Output' },
  windowKind: { window: 'Maintenance window', freeze: 'Freeze' },
  changeStatus: { draft: 'Draft', approved: 'Approved', in_progress: 'In progress', done: 'Done', failed: 'Failed', cancelled: 'Cancelled' },
  risk: { low: 'Low', medium: 'Medium', high: 'High' },
  changeType: { standard: 'Standard', normal: 'Normal', emergency: 'Emergency' },
  outcome: { successful: 'Successful', partial: 'Partly successful', backed_out: 'Backed out', failed: 'Failed' },
  runStatus: { waiting: 'Waiting', received: 'Received', verified: 'Verified', failed: 'Failed verification', distributed: 'Distributed' },
  itemResult: { pending: 'Not checked', pass: 'Pass', fail: 'Fail', na: 'Not applicable' },
  checkKind: { check: 'Check', count: 'Record count', amount: 'Amount', pages: 'Pages', not_blank: 'Not blank' },
  reviewStatus: { draft: 'Draft', in_review: 'In review', final: 'Final' },
  actionType: { mitigate: 'Mitigate', prevent: 'Prevent', process: 'Process' },
  actionStatus: { open: 'Open', done: 'Done', wont_do: "Won't do" },
  shift: { none: 'Keep the date', working_day: 'Next working day', working_hours: 'Next working hours' },
} as const;
