import { z } from 'zod';
import {
  CHANNELS,
  LEVEL_BY_NUMBER,
  LEVELS,
  PAUSE_REASONS,
  PENDING_REASONS,
  PRIORITIES,
  RESOLUTION_CODES,
  STATUSES,
  TICKET_TYPES,
  type Level,
} from './enums';
import { idField, instant, LIMITS, syncMeta, TagsSchema, text } from './fields';
import { TICKET_NUMBER_RE } from './numbering';

/**
 * The ticket record and the inputs that create and edit it.
 *
 * Status, priority override, escalation, resolution and merge are not part of
 * the edit input: each has its own rule (transitions.ts, priority.ts,
 * escalation.ts, merge.ts) that checks it and keeps the related fields in step,
 * so an edit can never, say, resolve a ticket without a resolution.
 */

const level = (label: string) =>
  z.union(
    [
      z.enum(LEVELS),
      z.union([z.literal(1), z.literal(2), z.literal(3)]).transform((n): Level => LEVEL_BY_NUMBER[n]),
    ],
    { error: `${label} must be high, medium or low (or 1, 2, 3)` },
  );

const nullableId = (label: string) => idField(label).nullable();

export const TicketTypeSchema = z.enum(TICKET_TYPES, { error: 'Type must be incident, service request, access, training or maintenance' });
export const ChannelSchema = z.enum(CHANNELS, { error: 'Channel must be phone, e-mail, walk-in or site visit' });
export const StatusSchema = z.enum(STATUSES, { error: 'Status must be new, open, pending, resolved, closed or cancelled' });
export const PendingReasonSchema = z.enum(PENDING_REASONS, {
  error: 'Pending reason must be waiting on requester, waiting on vendor, change window or other',
});
export const PrioritySchema = z.enum(PRIORITIES, { error: 'Priority must be P1, P2, P3 or P4' });
export const ImpactSchema = level('Impact');
export const UrgencySchema = level('Urgency');

export const PriorityOverrideSchema = z.object({
  priority: PrioritySchema,
  by: idField('Who overrode the priority'),
  reason: text('Reason for the priority override', LIMITS.reason, { required: true, multiline: true }),
  at: instant('Override time'),
});
export type PriorityOverride = z.output<typeof PriorityOverrideSchema>;

export const EscalationSchema = z.object({
  level: z.number().int().min(0).max(3),
  reason: text('Escalation reason', LIMITS.reason, { required: true, multiline: true }),
  by: idField('Who escalated'),
  at: instant('Escalation time'),
});
export type Escalation = z.output<typeof EscalationSchema>;

export const ResolutionSchema = z.object({
  code: z.enum(RESOLUTION_CODES, { error: 'Pick a resolution code' }),
  text: text('Resolution', LIMITS.resolutionText, { required: true, multiline: true }),
  rootCause: text('Root cause', LIMITS.rootCause, { multiline: true }).default(''),
});
export type Resolution = z.output<typeof ResolutionSchema>;
export type ResolutionInput = z.input<typeof ResolutionSchema>;

/**
 * An interval during which the SLA clock stood still. `to` is null while the
 * ticket is still pending. The ticket carries its own pauses (rather than
 * deriving them from history) so that due times and SLA flags can be computed
 * from the one record the list already has in hand.
 */
export const PauseSchema = z.object({
  from: instant('Pause start'),
  to: instant('Pause end').nullable(),
  reason: z.enum(PAUSE_REASONS),
});
export type Pause = z.output<typeof PauseSchema>;

const MAX_PAUSES = 500;

/** Fields a person supplies when creating a ticket. */
const createFields = {
  type: TicketTypeSchema.default('incident'),
  title: text('Title', LIMITS.title, { required: true }),
  description: text('Description', LIMITS.description, { multiline: true }).default(''),
  requesterId: idField('Requester'),
  siteId: nullableId('Site').default(null),
  systemId: nullableId('System').default(null),
  category: text('Category', LIMITS.category).default(''),
  channel: ChannelSchema.default('phone'),
  tags: TagsSchema.default([]),
  impact: ImpactSchema.default('medium'),
  urgency: UrgencySchema.default('medium'),
  teamId: nullableId('Team').default(null),
  assigneeId: nullableId('Assignee').default(null),
};

export const TicketCreateSchema = z.strictObject(createFields, {
  error: (iss) => (iss.code === 'unrecognized_keys' ? `Unknown field: ${iss.keys.join(', ')}` : 'Ticket must be an object'),
});
export type TicketCreateInput = z.input<typeof TicketCreateSchema>;
export type TicketCreate = z.output<typeof TicketCreateSchema>;

/** The edit input: any subset of the editable fields, nothing else. */
export const EDITABLE_FIELDS = [
  'type',
  'title',
  'description',
  'requesterId',
  'siteId',
  'systemId',
  'category',
  'channel',
  'tags',
  'impact',
  'urgency',
  'teamId',
  'assigneeId',
] as const;
export type EditableField = (typeof EDITABLE_FIELDS)[number];

export const TicketPatchSchema = z
  .strictObject(
    {
      type: TicketTypeSchema.optional(),
      title: text('Title', LIMITS.title, { required: true }).optional(),
      description: text('Description', LIMITS.description, { multiline: true }).optional(),
      requesterId: idField('Requester').optional(),
      siteId: nullableId('Site').optional(),
      systemId: nullableId('System').optional(),
      category: text('Category', LIMITS.category).optional(),
      channel: ChannelSchema.optional(),
      tags: TagsSchema.optional(),
      impact: ImpactSchema.optional(),
      urgency: UrgencySchema.optional(),
      teamId: nullableId('Team').optional(),
      assigneeId: nullableId('Assignee').optional(),
    },
    {
      error: (iss) =>
        iss.code === 'unrecognized_keys'
          ? `${iss.keys.join(', ')} cannot be changed by an edit (status, priority override, escalation, resolution and merge have their own actions)`
          : 'An edit must be an object',
    },
  );
export type TicketPatchInput = z.input<typeof TicketPatchSchema>;
export type TicketPatch = z.output<typeof TicketPatchSchema>;

const TicketObject = z.object({
  id: idField('Id'),
  number: z.string().regex(TICKET_NUMBER_RE, 'Ticket number must look like KX7Q-00042'),
  ...createFields,
  priority: PrioritySchema,
  priorityOverride: PriorityOverrideSchema.nullable().default(null),
  status: StatusSchema,
  pendingReason: PendingReasonSchema.nullable().default(null),
  escalationLevel: z.number().int().min(0, 'Escalation level is 0 to 3').max(3, 'Escalation level is 0 to 3').default(0),
  escalation: EscalationSchema.nullable().default(null),
  firstResponseDue: instant('First response due').nullable().default(null),
  resolutionDue: instant('Resolution due').nullable().default(null),
  firstRespondedAt: instant('First responded').nullable().default(null),
  resolvedAt: instant('Resolved').nullable().default(null),
  closedAt: instant('Closed').nullable().default(null),
  pauses: z.array(PauseSchema).max(MAX_PAUSES, `At most ${MAX_PAUSES} pauses`).default([]),
  reopenCount: z.number().int().min(0).default(0),
  resolution: ResolutionSchema.nullable().default(null),
  mergedInto: nullableId('Merged into').default(null),
  createdBy: idField('Created by'),
  createdAt: instant('Created'),
  updatedAt: instant('Updated'),
  /**
   * Derived search words (search.ts) kept on the record for a multi-entry
   * index. Recomputed locally on every write; never worth syncing.
   */
  words: z.array(z.string()).default([]),
  ...syncMeta,
});

/** The stored ticket, with the invariants that tie its fields together. */
export const TicketSchema = TicketObject.superRefine((t, ctx) => {
  const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
  if (t.status === 'pending' && !t.pendingReason) issue('pendingReason', 'A pending ticket needs a pending reason');
  if (t.status !== 'pending' && t.pendingReason) issue('pendingReason', 'Only a pending ticket has a pending reason');
  if ((t.status === 'resolved' || t.status === 'closed') && !t.resolution && !t.mergedInto)
    issue('resolution', 'A resolved or closed ticket needs a resolution');
  if (t.status === 'resolved' && !t.resolvedAt) issue('resolvedAt', 'A resolved ticket needs a resolved time');
  if ((t.status === 'closed' || t.status === 'cancelled') && !t.closedAt) issue('closedAt', 'A closed or cancelled ticket needs a closed time');
  if (t.mergedInto && t.status !== 'closed') issue('mergedInto', 'Only a closed ticket can be merged into another');
  if (t.mergedInto && t.mergedInto === t.id) issue('mergedInto', 'A ticket cannot be merged into itself');
  if (t.escalation && t.escalation.level !== t.escalationLevel) issue('escalationLevel', 'Escalation level does not match the last escalation');
  if (t.updatedAt < t.createdAt) issue('updatedAt', 'Updated time is before created time');
  const open = t.pauses.filter((p) => p.to === null).length;
  if (open > 1 || (open === 1 && t.status !== 'pending')) issue('pauses', 'Only a pending ticket has an open pause');
});
export type Ticket = z.output<typeof TicketSchema>;
export type TicketRecordInput = z.input<typeof TicketSchema>;
