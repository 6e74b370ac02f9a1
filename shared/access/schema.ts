import { z } from 'zod';
import { SyncMetaSchema } from '../sync/ops';

/**
 * The access feature's records: a catalog of what can be granted (entitlements
 * and separation-of-duties rules), requests and their recorded approvals,
 * grants, provisioning and deprovisioning ticks, revocations, leavers, review
 * campaigns and distribution lists. Decisions, ticks and audit entries are
 * append-only (never edited; a correction is a newer entry), so two offline
 * devices never overwrite each other's evidence.
 *
 * Schemas are loose objects: a newer app may add a field, and the server and
 * older apps must keep it rather than refuse the record.
 */

export const trimmed = (max: number) => z.string().trim().max(max, `Must be at most ${max} characters`);
export const IdSchema = z.string().min(1, 'Required').max(64);
export const InstantSchema = z.iso.datetime({ message: 'Not a UTC date and time' });
/** A calendar date (YYYY-MM-DD): grants run from a day to a day, in the agency's own calendar. */
export const DateSchema = z.iso.date({ message: 'Not a date (YYYY-MM-DD)' });

const synced = { ...SyncMetaSchema.shape, createdAt: InstantSchema, updatedAt: InstantSchema };
const appended = { ...SyncMetaSchema.shape };

// ── Catalog ──────────────────────────────────────────────────────────────

export const APPROVER_KINDS = ['supervisor', 'systemOwner', 'person'] as const;
export type ApproverKind = (typeof APPROVER_KINDS)[number];

/** One approval stage: who must decide, in order. `person` names a fixed approver. */
export const StageSchema = z.looseObject({
  label: trimmed(120).min(1, 'Stage name is required'),
  approver: z.enum(APPROVER_KINDS),
  personId: IdSchema.nullable().default(null),
});
export type Stage = z.output<typeof StageSchema>;

/** One step of a procedure (provisioning or deprovisioning); `id` is stable so ticks survive edits. */
export const ChecklistStepSchema = z.looseObject({
  id: IdSchema,
  text: trimmed(300).min(1, 'Step text is required'),
});
export type ChecklistStep = z.output<typeof ChecklistStepSchema>;

export const EntitlementInputSchema = z.looseObject({
  systemId: IdSchema,
  name: trimmed(120).min(1, 'Entitlement name is required'),
  description: trimmed(1000).default(''),
  ownerPersonId: IdSchema.nullable().default(null),
  stages: z.array(StageSchema).max(5, 'At most 5 approval stages').default([]),
  defaultDays: z.number().int().min(1).max(3660).nullable().default(365),
  maxDays: z.number().int().min(1).max(3660).nullable().default(null),
  signedFormRequired: z.boolean().default(false),
  provisioning: z.array(ChecklistStepSchema).max(50).default([]),
  deprovisioning: z.array(ChecklistStepSchema).max(50).default([]),
});
export type EntitlementInput = z.input<typeof EntitlementInputSchema>;
export const EntitlementSchema = EntitlementInputSchema.extend(synced).refine((e) => e.maxDays === null || e.defaultDays === null || e.defaultDays <= e.maxDays, {
  message: 'The default duration cannot be longer than the maximum',
  path: ['defaultDays'],
});
export type Entitlement = z.output<typeof EntitlementSchema>;

/** Two entitlements one person should not hold together (e.g. Cashier and Cash reconciliation). */
export const SodRuleSchema = z.looseObject({
  ...synced,
  entitlementA: IdSchema,
  entitlementB: IdSchema,
  reason: trimmed(300).default(''),
});
export type SodRule = z.output<typeof SodRuleSchema>;

// ── Requests, approvals, grants ──────────────────────────────────────────

export const REQUEST_STATUSES = ['draft', 'submitted', 'approved', 'denied', 'provisioning', 'active', 'cancelled'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/** A step of the request's procedure, copied from the catalog when submitted (a later catalog edit does not change it). */
/** A planned step's id is the entitlement's id and the catalog step's id joined, so it can be longer than a record id. */
export const StepIdSchema = z.string().min(1, 'Required').max(160);
export const PlannedStepSchema = z.looseObject({ id: StepIdSchema, entitlementId: IdSchema, text: trimmed(300) });
export type PlannedStep = z.output<typeof PlannedStepSchema>;

export const AccessRequestSchema = z.looseObject({
  ...synced,
  /** For whom (a person in the directory). */
  forPersonId: IdSchema,
  /** Who asked (often the person's supervisor). */
  requestedBy: IdSchema,
  /** Who entered it in FieldDesk (the session's person). */
  createdBy: IdSchema,
  systemId: IdSchema,
  entitlementIds: z.array(IdSchema).min(1, 'Choose at least one entitlement').max(20),
  justification: trimmed(2000).default(''),
  startDate: DateSchema,
  endDate: DateSchema.nullable().default(null),
  ticketId: IdSchema.nullable().default(null),
  /** An extension or change of an existing grant. */
  grantId: IdSchema.nullable().default(null),
  attachmentIds: z.array(IdSchema).max(50).default([]),
  status: z.enum(REQUEST_STATUSES),
  /** Copied from the entitlements at submission. */
  stages: z.array(StageSchema).max(10).default([]),
  steps: z.array(PlannedStepSchema).max(200).default([]),
  signedFormRequired: z.boolean().default(false),
  /** Separation-of-duties conflicts found when submitted (descriptions for people). */
  sodConflicts: z.array(trimmed(300)).max(50).default([]),
  submittedAt: InstantSchema.nullable().default(null),
  decidedAt: InstantSchema.nullable().default(null),
});
export type AccessRequest = z.output<typeof AccessRequestSchema>;

export const APPROVAL_METHODS = ['signed_form', 'email', 'in_person'] as const;
export type ApprovalMethod = (typeof APPROVAL_METHODS)[number];
export const DECISIONS = ['approved', 'denied'] as const;

/**
 * A stage decision, recorded by a coordinator on the approver's behalf.
 * `requestedBy`, `createdBy` and `forPersonId` are the request's, copied for
 * the screens; the server's rule judges self-approval on the stored request
 * and refuses copies that differ from it.
 */
export const ApprovalSchema = z.looseObject({
  ...appended,
  requestId: IdSchema,
  stageIndex: z.number().int().min(0).max(9),
  stageLabel: trimmed(120),
  decision: z.enum(DECISIONS),
  decidedBy: IdSchema,
  decidedAt: InstantSchema,
  method: z.enum(APPROVAL_METHODS),
  evidenceIds: z.array(IdSchema).max(20).default([]),
  sodAccepted: z.boolean().default(false),
  sodReason: trimmed(1000).default(''),
  note: trimmed(1000).default(''),
  forPersonId: IdSchema,
  requestedBy: IdSchema,
  createdBy: IdSchema,
  recordedBy: IdSchema,
  device: trimmed(64).default(''),
  at: InstantSchema,
});
export type Approval = z.output<typeof ApprovalSchema>;

export const GRANT_STATUSES = ['active', 'revoking', 'revoked', 'expired'] as const;
export type GrantStatus = (typeof GRANT_STATUSES)[number];

/**
 * What the last reconciliation found for a grant in its system's own account
 * list: the account that holds it (or '' when the export had none), the role
 * the system names, when it was last used as the export says, the file and
 * when it was read. Shown to reviewers ("what helps decide").
 */
export const AccountCheckSchema = z.object({
  at: InstantSchema,
  source: trimmed(200),
  account: trimmed(200),
  role: trimmed(200).default(''),
  lastUsed: trimmed(64).default(''),
  /** The account's role is not the granted entitlement. */
  roleDiffers: z.boolean().default(false),
});
export type AccountCheck = z.output<typeof AccountCheckSchema>;

export const GrantSchema = z.looseObject({
  ...synced,
  personId: IdSchema,
  systemId: IdSchema,
  entitlementId: IdSchema,
  requestId: IdSchema.nullable().default(null),
  approvalIds: z.array(IdSchema).max(20).default([]),
  from: DateSchema,
  until: DateSchema.nullable().default(null),
  status: z.enum(GRANT_STATUSES),
  revocationId: IdSchema.nullable().default(null),
  endedAt: InstantSchema.nullable().default(null),
  lastReviewedAt: InstantSchema.nullable().default(null),
  accountCheck: AccountCheckSchema.nullable().default(null),
});
export type Grant = z.output<typeof GrantSchema>;

export const STEP_KINDS = ['provision', 'deprovision'] as const;
/** A tick (or untick) of one procedure step, append-only: the latest entry per step counts. */
export const StepTickSchema = z.looseObject({
  ...appended,
  kind: z.enum(STEP_KINDS),
  /** The request (provision) or revocation (deprovision) the step belongs to. */
  parentId: IdSchema,
  stepId: StepIdSchema,
  text: trimmed(300),
  done: z.boolean(),
  by: IdSchema,
  device: trimmed(64).default(''),
  at: InstantSchema,
});
export type StepTick = z.output<typeof StepTickSchema>;

export const REVOCATION_REASONS = ['left_agency', 'changed_role', 'review', 'security', 'other'] as const;
export type RevocationReason = (typeof REVOCATION_REASONS)[number];

export const RevocationSchema = z.looseObject({
  ...synced,
  grantId: IdSchema,
  personId: IdSchema,
  reason: z.enum(REVOCATION_REASONS),
  note: trimmed(1000).default(''),
  steps: z.array(PlannedStepSchema).max(100).default([]),
  status: z.enum(['open', 'done']),
  recordedBy: IdSchema,
  doneAt: InstantSchema.nullable().default(null),
});
export type Revocation = z.output<typeof RevocationSchema>;

/** A person marked as having left: the record of what the leaver step did. */
export const DepartureSchema = z.looseObject({
  ...synced,
  personId: IdSchema,
  departedOn: DateSchema,
  recordedBy: IdSchema,
  revocationIds: z.array(IdSchema).max(500).default([]),
  removedMembershipIds: z.array(IdSchema).max(500).default([]),
});
export type Departure = z.output<typeof DepartureSchema>;

/**
 * A file kept with a request (above all the signed access form, scanned or
 * photographed). The bytes are stored content-addressed by main, like ticket
 * attachments; this record says which request they belong to, and syncs.
 */
export const AccessAttachmentSchema = z.looseObject({
  ...appended,
  requestId: IdSchema,
  name: trimmed(255).min(1, 'File name is required'),
  mime: trimmed(255).default('application/octet-stream'),
  size: z.number().int().min(0).max(25 * 1024 * 1024),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'Not a SHA-256 digest'),
  kind: z.enum(['signed_form', 'evidence', 'other']).default('other'),
  addedBy: IdSchema,
  addedAt: InstantSchema,
});
export type AccessAttachment = z.output<typeof AccessAttachmentSchema>;

export const AccessAuditSchema = z.looseObject({
  ...appended,
  actor: IdSchema,
  device: trimmed(64).default(''),
  at: InstantSchema,
  action: trimmed(60),
  subjectTable: trimmed(40),
  subjectId: IdSchema,
  /** The grant or request the entry belongs to, for a grant's trail. */
  grantId: IdSchema.nullable().default(null),
  requestId: IdSchema.nullable().default(null),
  summary: trimmed(500).default(''),
});
export type AccessAudit = z.output<typeof AccessAuditSchema>;

// ── Reviews ──────────────────────────────────────────────────────────────

export const REVIEWER_KINDS = ['systemOwner', 'supervisor'] as const;
export const DEFAULT_ACTIONS = ['keep_flag', 'revoke'] as const;
export type DefaultAction = (typeof DEFAULT_ACTIONS)[number];
export const RECURRENCES = ['none', 'quarterly', 'yearly'] as const;

export const ReviewCampaignSchema = z.looseObject({
  ...synced,
  name: trimmed(200).min(1, 'Campaign name is required'),
  systemIds: z.array(IdSchema).max(100).default([]),
  entitlementIds: z.array(IdSchema).max(500).default([]),
  agencies: z.array(trimmed(200)).max(100).default([]),
  reviewer: z.enum(REVIEWER_KINDS),
  fallbackPersonId: IdSchema.nullable().default(null),
  dueDate: DateSchema,
  recurrence: z.enum(RECURRENCES).default('none'),
  /** A recurring campaign's series: the first campaign's id (null on the first; shared/access/recurrence.ts). */
  seriesId: IdSchema.nullable().default(null),
  defaultAction: z.enum(DEFAULT_ACTIONS).default('keep_flag'),
  /** A default that would revoke more than this share of a system's grants asks a coordinator first. */
  maxRemovalShare: z.number().min(0).max(1).default(0.25),
  status: z.enum(['open', 'closed']),
  createdBy: IdSchema,
  closedAt: InstantSchema.nullable().default(null),
});
export type ReviewCampaign = z.output<typeof ReviewCampaignSchema>;

export const ReviewItemSchema = z.looseObject({
  ...synced,
  campaignId: IdSchema,
  grantId: IdSchema,
  personId: IdSchema,
  systemId: IdSchema,
  entitlementId: IdSchema,
  reviewerPersonId: IdSchema.nullable().default(null),
  /** Set by a coordinator's resolution or the campaign's close. */
  outcome: z.enum(['keep', 'revoke', 'change', 'flagged']).nullable().default(null),
  outcomeNote: trimmed(500).default(''),
});
export type ReviewItem = z.output<typeof ReviewItemSchema>;

export const REVIEW_DECISIONS = ['keep', 'revoke', 'change', 'dont_know'] as const;
export type ReviewDecisionKind = (typeof REVIEW_DECISIONS)[number];

export const ReviewDecisionSchema = z.looseObject({
  ...appended,
  itemId: IdSchema,
  campaignId: IdSchema,
  /** The item's person, copied for the screens; the rule judges on the stored item and refuses a differing copy. */
  personId: IdSchema,
  decision: z.enum(REVIEW_DECISIONS),
  reason: trimmed(1000).default(''),
  decidedBy: IdSchema,
  device: trimmed(64).default(''),
  at: InstantSchema,
});
export type ReviewDecision = z.output<typeof ReviewDecisionSchema>;

// ── Distribution lists ───────────────────────────────────────────────────

export const DistributionListSchema = z.looseObject({
  ...synced,
  name: trimmed(200).min(1, 'List name is required'),
  purpose: trimmed(1000).default(''),
  address: trimmed(254).default(''),
  ownerPersonId: IdSchema.nullable().default(null),
  reviewEveryDays: z.number().int().min(1).max(3660).nullable().default(null),
  lastReviewedAt: InstantSchema.nullable().default(null),
});
export type DistributionList = z.output<typeof DistributionListSchema>;

export const ListMembershipSchema = z.looseObject({
  ...synced,
  listId: IdSchema,
  /** A person in the directory, or null for an outside address. */
  personId: IdSchema.nullable().default(null),
  name: trimmed(200).default(''),
  email: z.union([z.literal(''), z.string().trim().max(254).pipe(z.email('Not a valid email address'))]).default(''),
  endDate: DateSchema.nullable().default(null),
  status: z.enum(['member', 'removed']),
  removedAt: InstantSchema.nullable().default(null),
  removedReason: trimmed(300).default(''),
});
export type ListMembership = z.output<typeof ListMembershipSchema>;

export const ListLogSchema = z.looseObject({
  ...appended,
  listId: IdSchema,
  membershipId: IdSchema,
  action: z.enum(['join', 'leave']),
  who: trimmed(300),
  reason: trimmed(300).default(''),
  actor: IdSchema,
  device: trimmed(64).default(''),
  at: InstantSchema,
});
export type ListLog = z.output<typeof ListLogSchema>;
