import type { RuleRole, SyncTableSpec, WriteRuleContext } from '../sync/tables-spec';
import {
  AccessAttachmentSchema,
  AccessAuditSchema,
  AccessRequestSchema,
  ApprovalSchema,
  DepartureSchema,
  DistributionListSchema,
  EntitlementSchema,
  GrantSchema,
  ListLogSchema,
  ListMembershipSchema,
  ReviewCampaignSchema,
  ReviewDecisionSchema,
  ReviewItemSchema,
  RevocationSchema,
  SodRuleSchema,
  StepTickSchema,
} from './schema';

/**
 * Access tables and their write rules, as data the server enforces in the push
 * transaction. Technicians draft and submit requests and tick procedure steps;
 * only coordinators and admins change the catalog, record approvals,
 * revocations, leavers and review campaigns. Nobody approves a request they
 * made, entered, or that grants them access. Append-only entries (approvals,
 * ticks, decisions, list log, audit) name their author, which the server
 * requires to be the session's person.
 */

const LEADS: readonly RuleRole[] = ['coordinator', 'admin'];
const isLead = (ctx: WriteRuleContext) => LEADS.includes(ctx.user.role);
const str = (r: Readonly<Record<string, unknown>> | null, k: string): string | null => (r && typeof r[k] === 'string' ? (r[k] as string) : null);

/** Why the session's person may not decide on this request (or null). */
function selfInterest(ctx: WriteRuleContext, record: Readonly<Record<string, unknown>>): string | null {
  const me = ctx.user.personId;
  if (str(record, 'forPersonId') === me) return 'Nobody approves a request that grants them access.';
  if (str(record, 'requestedBy') === me || str(record, 'createdBy') === me) return 'Nobody approves a request they made.';
  return null;
}

/** Statuses a technician may put a request in (approval and denial are recorded by leads). */
const TECHNICIAN_REQUEST_MOVES: Readonly<Record<string, readonly string[]>> = {
  draft: ['submitted', 'cancelled'],
  submitted: ['cancelled'],
  approved: ['provisioning', 'cancelled'],
  provisioning: ['active', 'cancelled'],
};

export function checkAccessRequest(ctx: WriteRuleContext): string | null {
  const before = str(ctx.before, 'status');
  const after = str(ctx.after, 'status');
  if (ctx.before === null && str(ctx.after, 'createdBy') !== ctx.user.personId) return 'A request names the person who entered it (the session).';
  if (ctx.before === null) return after === 'draft' || after === 'submitted' ? null : 'A new request starts as a draft or submitted.';
  if (!ctx.changed.includes('status') || before === after) return null;
  if (after === 'approved' || after === 'denied') {
    if (!isLead(ctx)) return 'Only coordinators and admins record approvals.';
    return selfInterest(ctx, ctx.after);
  }
  if (isLead(ctx)) return null;
  if (before === null || !(TECHNICIAN_REQUEST_MOVES[before] ?? []).includes(after ?? '')) return `A technician cannot move a request from ${before} to ${after}.`;
  return null;
}

export function checkApproval(ctx: WriteRuleContext): string | null {
  if (ctx.before !== null) return 'Approvals are never changed: record a newer decision.';
  const self = selfInterest(ctx, ctx.after);
  if (self) return self;
  if (str(ctx.after, 'decidedBy') === str(ctx.after, 'forPersonId')) return 'A person cannot approve their own access.';
  if (ctx.after.sodAccepted === true && (str(ctx.after, 'sodReason') ?? '').trim() === '') return 'Accepting a separation-of-duties conflict needs a reason.';
  return null;
}

const GRANT_TERMS = ['personId', 'systemId', 'entitlementId', 'from', 'until'];

export function checkGrant(ctx: WriteRuleContext): string | null {
  if (ctx.before === null && str(ctx.after, 'personId') === ctx.user.personId) return 'Nobody grants themselves access.';
  if (isLead(ctx)) return null;
  if (ctx.before !== null && ctx.changed.some((f) => GRANT_TERMS.includes(f))) return 'Only coordinators and admins change a grant’s person, entitlement or dates; an extension is a new request.';
  const status = str(ctx.after, 'status');
  if (ctx.changed.includes('status') && (status === 'revoked' || status === 'revoking') && !str(ctx.after, 'revocationId')) return 'A grant is revoked through a revocation a coordinator recorded.';
  return null;
}

export function checkRevocation(ctx: WriteRuleContext): string | null {
  if (isLead(ctx)) return null;
  if (ctx.before === null) return 'Only coordinators and admins record revocations.';
  // Technicians finish the deprovisioning checklist; the revocation's substance is the coordinator's.
  if (ctx.changed.some((f) => f !== 'status' && f !== 'doneAt' && f !== 'updatedAt')) return 'A technician may only mark a revocation done.';
  if (str(ctx.after, 'status') !== 'done') return 'A technician may only mark a revocation done.';
  return null;
}

export function checkReviewDecision(ctx: WriteRuleContext): string | null {
  if (ctx.before !== null) return 'Review decisions are never changed: record a newer one.';
  if (str(ctx.after, 'personId') === ctx.user.personId) return 'Nobody reviews their own access.';
  if (str(ctx.after, 'decision') === 'revoke' && (str(ctx.after, 'reason') ?? '').trim() === '') return 'A reason is required to revoke.';
  return null;
}

const appendOnly = (ctx: WriteRuleContext) => (ctx.before !== null ? 'Entries are never changed: record a newer one.' : null);

export const ACCESS_SYNC_TABLES = {
  entitlements: {
    merge: 'lww',
    schema: EntitlementSchema,
    rule: { roles: LEADS, summary: 'Coordinators and admins edit the access catalog.' },
  },
  sodRules: {
    merge: 'lww',
    schema: SodRuleSchema,
    rule: { roles: LEADS, summary: 'Coordinators and admins edit separation-of-duties rules.' },
  },
  accessRequests: {
    merge: 'lww',
    schema: AccessRequestSchema,
    rule: {
      roles: 'any',
      check: checkAccessRequest,
      summary: 'Anyone drafts, submits, cancels and provisions a request (entered by the session’s person); only coordinators and admins approve or deny, never on a request they made or that grants them access.',
    },
  },
  approvals: {
    merge: 'append',
    schema: ApprovalSchema,
    rule: {
      roles: LEADS,
      authorship: { actorField: 'recordedBy', deviceField: 'device' },
      check: checkApproval,
      summary: 'Coordinators and admins record stage decisions, never on a request they made or that grants them access; an accepted SoD conflict needs a reason.',
    },
  },
  grants: {
    merge: 'lww',
    schema: GrantSchema,
    rule: { roles: 'any', check: checkGrant, summary: 'Grants come from provisioning; only leads change their terms; revoked only through a revocation; nobody grants themselves access.' },
  },
  provisioningSteps: {
    merge: 'append',
    schema: StepTickSchema,
    rule: { roles: 'any', authorship: { actorField: 'by', deviceField: 'device' }, check: appendOnly, summary: 'Anyone ticks a procedure step, as themselves.' },
  },
  revocations: {
    merge: 'lww',
    schema: RevocationSchema,
    rule: { roles: 'any', check: checkRevocation, summary: 'Coordinators and admins record revocations; technicians mark them done when the checklist is.' },
  },
  departures: {
    merge: 'lww',
    schema: DepartureSchema,
    rule: { roles: LEADS, summary: 'Coordinators and admins mark leavers.' },
  },
  accessAudit: {
    merge: 'append',
    schema: AccessAuditSchema,
    rule: { roles: 'any', authorship: { actorField: 'actor', deviceField: 'device' }, check: appendOnly, summary: 'Audit entries carry the session’s actor and device.' },
  },
  accessAttachments: {
    merge: 'lww',
    schema: AccessAttachmentSchema,
    rule: { roles: 'any', summary: 'Anyone attaches a signed form or evidence to a request.' },
  },
  reviewCampaigns: {
    merge: 'lww',
    schema: ReviewCampaignSchema,
    rule: { roles: LEADS, summary: 'Coordinators and admins set up and close review campaigns.' },
  },
  reviewItems: {
    merge: 'lww',
    schema: ReviewItemSchema,
    rule: { roles: LEADS, summary: 'Coordinators and admins create review items and resolve their outcome.' },
  },
  reviewDecisions: {
    merge: 'append',
    schema: ReviewDecisionSchema,
    rule: { roles: 'any', authorship: { actorField: 'decidedBy', deviceField: 'device' }, check: checkReviewDecision, summary: 'Reviewers decide as themselves, never on their own access; revoking needs a reason.' },
  },
  distributionLists: {
    merge: 'lww',
    schema: DistributionListSchema,
    rule: { roles: 'any', summary: 'Anyone maintains distribution lists.' },
  },
  listMemberships: {
    merge: 'lww',
    schema: ListMembershipSchema,
    rule: { roles: 'any', summary: 'Anyone maintains list members.' },
  },
  listLog: {
    merge: 'append',
    schema: ListLogSchema,
    rule: { roles: 'any', authorship: { actorField: 'actor', deviceField: 'device' }, check: appendOnly, summary: 'Join and leave entries carry the session’s actor.' },
  },
} as const satisfies Record<string, SyncTableSpec>;
