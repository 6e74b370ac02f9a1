import { isOwnPerson, storedSchema } from '../sync/stored-schema';
import type { RecordRef, RuleRole, SyncTableSpec, WriteRuleContext } from '../sync/tables-spec';
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

/**
 * Why the session's person may not decide on this request (or null): it is
 * for them, or they asked for it or entered it. Judged on the request as
 * stored (`request`), never on copies a client sent along.
 */
function selfInterest(ctx: WriteRuleContext, ...requests: (Readonly<Record<string, unknown>> | null)[]): string | null {
  for (const request of requests) {
    if (!request) continue;
    if (isOwnPerson(ctx, request.forPersonId)) return 'Nobody approves a request that grants them access.';
    if (isOwnPerson(ctx, request.requestedBy) || isOwnPerson(ctx, request.createdBy)) return 'Nobody approves a request they made.';
  }
  return null;
}

/** The request an approval, tick or grant names, as the server stores it. */
const requestRef = (field: string) => (after: Readonly<Record<string, unknown>>): readonly RecordRef[] => {
  const id = after[field];
  return typeof id === 'string' && id.length > 0 ? [{ table: 'accessRequests', id }] : [];
};
const storedRequest = (ctx: WriteRuleContext, field: string): Readonly<Record<string, unknown>> | null => {
  const id = ctx.after[field];
  if (typeof id !== 'string') return null;
  const r = ctx.related?.('accessRequests', id) ?? null;
  return r && r.deleted !== 1 ? r : null;
};

/** The people a request is about: fixed once it is entered (a changed requester or subject is a new request). */
const REQUEST_PEOPLE = ['forPersonId', 'requestedBy', 'createdBy'];

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
  if (ctx.before === null && !isOwnPerson(ctx, ctx.after.createdBy)) return 'A request names the person who entered it (the session).';
  if (ctx.before === null) return after === 'draft' || after === 'submitted' ? null : 'A new request starts as a draft or submitted.';
  if (ctx.changed.includes('createdBy')) return 'Who entered a request never changes.';
  if (ctx.changed.includes('deleted') && !isLead(ctx) && before !== 'draft') return 'Only a draft request is deleted by a technician: cancel it instead.';
  if (before !== 'draft' && ctx.changed.some((f) => REQUEST_PEOPLE.includes(f))) return 'Once submitted, a request’s person and requester are fixed: enter a new request.';
  if (!ctx.changed.includes('status') || before === after) return null;
  if (after === 'approved' || after === 'denied') {
    if (!isLead(ctx)) return 'Only coordinators and admins record approvals.';
    return selfInterest(ctx, ctx.before, ctx.after);
  }
  if (isLead(ctx)) return null;
  if (before === null || !(TECHNICIAN_REQUEST_MOVES[before] ?? []).includes(after ?? '')) return `A technician cannot move a request from ${before} to ${after}.`;
  return null;
}

export function checkApproval(ctx: WriteRuleContext): string | null {
  if (ctx.before !== null) return 'Approvals are never changed: record a newer decision.';
  const request = storedRequest(ctx, 'requestId');
  if (!request) return 'An approval must name a request that exists.';
  const self = selfInterest(ctx, request);
  if (self) return self;
  if (str(ctx.after, 'decidedBy') === str(request, 'forPersonId')) return 'A person cannot approve their own access.';
  for (const f of REQUEST_PEOPLE) if (ctx.after[f] !== request[f]) return `The approval’s ${f} must be the request’s.`;
  if (ctx.after.sodAccepted === true && (str(ctx.after, 'sodReason') ?? '').trim() === '') return 'Accepting a separation-of-duties conflict needs a reason.';
  return null;
}

const GRANT_TERMS = ['personId', 'systemId', 'entitlementId', 'from', 'until'];

export function checkGrant(ctx: WriteRuleContext): string | null {
  if (ctx.before === null && isOwnPerson(ctx, ctx.after.personId)) return 'Nobody grants themselves access.';
  if (isLead(ctx)) return null;
  if (ctx.before !== null && ctx.changed.includes('deleted')) return 'Only coordinators and admins delete a grant: access ends through a revocation.';
  if (ctx.before === null) {
    // A technician's grant comes from provisioning an approved request for that person and entitlement.
    const request = storedRequest(ctx, 'requestId');
    if (!request) return 'A grant comes from an approved request: only coordinators and admins enter one without it.';
    if (!['approved', 'provisioning', 'active'].includes(str(request, 'status') ?? '')) return 'A grant comes from an approved request.';
    if (request.forPersonId !== ctx.after.personId || !Array.isArray(request.entitlementIds) || !request.entitlementIds.includes(ctx.after.entitlementId)) {
      return 'A grant gives what its request asked for, to the person it was for.';
    }
  }
  if (ctx.before !== null && ctx.changed.some((f) => GRANT_TERMS.includes(f))) return 'Only coordinators and admins change a grant’s person, entitlement or dates; an extension is a new request.';
  const status = str(ctx.after, 'status');
  if (ctx.changed.includes('status') && (status === 'revoked' || status === 'revoking')) {
    // The revocation must exist (as stored) and be of this grant.
    const rid = ctx.after.revocationId;
    const revocation = typeof rid === 'string' ? (ctx.related?.('revocations', rid) ?? null) : null;
    if (!revocation || revocation.deleted === 1 || revocation.grantId !== ctx.id) return 'A grant is revoked through a revocation a coordinator recorded.';
  }
  return null;
}

/** A record that names who recorded it names the session's person. */
const recordedBySession = (field: string) => (ctx: WriteRuleContext): string | null =>
  ctx.before === null && !isOwnPerson(ctx, ctx.after[field]) ? `${ctx.table}.${field} must be the signed-in user.` : ctx.before !== null && ctx.changed.includes(field) ? `${ctx.table}.${field} never changes.` : null;

export function checkRevocation(ctx: WriteRuleContext): string | null {
  if (isLead(ctx)) return recordedBySession('recordedBy')(ctx);
  if (ctx.before === null) return 'Only coordinators and admins record revocations.';
  // Technicians finish the deprovisioning checklist; the revocation's substance is the coordinator's.
  if (ctx.changed.some((f) => f !== 'status' && f !== 'doneAt' && f !== 'updatedAt')) return 'A technician may only mark a revocation done.';
  if (str(ctx.after, 'status') !== 'done') return 'A technician may only mark a revocation done.';
  return null;
}

export function checkReviewDecision(ctx: WriteRuleContext): string | null {
  if (ctx.before !== null) return 'Review decisions are never changed: record a newer one.';
  const id = ctx.after.itemId;
  const item = typeof id === 'string' ? (ctx.related?.('reviewItems', id) ?? null) : null;
  if (!item || item.deleted === 1) return 'A review decision must name a review item that exists.';
  if (isOwnPerson(ctx, item.personId) || isOwnPerson(ctx, ctx.after.personId)) return 'Nobody reviews their own access.';
  if (ctx.after.personId !== item.personId || ctx.after.campaignId !== item.campaignId) return 'A review decision’s person and campaign must be its item’s.';
  if (str(ctx.after, 'decision') === 'revoke' && (str(ctx.after, 'reason') ?? '').trim() === '') return 'A reason is required to revoke.';
  return null;
}

const appendOnly = (ctx: WriteRuleContext) => (ctx.before !== null ? 'Entries are never changed: record a newer one.' : null);

export const ACCESS_SYNC_TABLES = {
  entitlements: {
    merge: 'lww',
    schema: storedSchema(EntitlementSchema),
    rule: { roles: LEADS, summary: 'Coordinators and admins edit the access catalog.' },
  },
  sodRules: {
    merge: 'lww',
    schema: storedSchema(SodRuleSchema),
    rule: { roles: LEADS, summary: 'Coordinators and admins edit separation-of-duties rules.' },
  },
  accessRequests: {
    merge: 'lww',
    schema: storedSchema(AccessRequestSchema),
    rule: {
      roles: 'any',
      check: checkAccessRequest,
      summary: 'Anyone drafts, submits, cancels and provisions a request (entered by the session’s person); only coordinators and admins approve or deny, never on a request they made or that grants them access.',
    },
  },
  approvals: {
    merge: 'append',
    schema: storedSchema(ApprovalSchema),
    rule: {
      roles: LEADS,
      authorship: { actorField: 'recordedBy', deviceField: 'device' },
      reads: requestRef('requestId'),
      check: checkApproval,
      summary: 'Coordinators and admins record stage decisions as themselves, never on a request they made, entered or that grants them access (judged on the stored request); an accepted SoD conflict needs a reason.',
    },
  },
  grants: {
    merge: 'lww',
    schema: storedSchema(GrantSchema),
    rule: {
      roles: 'any',
      reads: (after) => [...requestRef('requestId')(after), ...(typeof after.revocationId === 'string' ? [{ table: 'revocations', id: after.revocationId }] : [])],
      check: checkGrant,
      summary: 'A technician’s grant comes from an approved request (stored) for that person and entitlement; only leads change its terms; revoked only through a revocation; nobody grants themselves access.',
    },
  },
  provisioningSteps: {
    merge: 'append',
    schema: storedSchema(StepTickSchema),
    rule: { roles: 'any', authorship: { actorField: 'by', deviceField: 'device' }, check: appendOnly, summary: 'Anyone ticks a procedure step, as themselves.' },
  },
  revocations: {
    merge: 'lww',
    schema: storedSchema(RevocationSchema),
    rule: { roles: 'any', check: checkRevocation, summary: 'Coordinators and admins record revocations; technicians mark them done when the checklist is.' },
  },
  departures: {
    merge: 'lww',
    schema: storedSchema(DepartureSchema),
    rule: { roles: LEADS, check: recordedBySession('recordedBy'), summary: 'Coordinators and admins mark leavers, as themselves.' },
  },
  accessAudit: {
    merge: 'append',
    schema: storedSchema(AccessAuditSchema),
    rule: { roles: 'any', authorship: { actorField: 'actor', deviceField: 'device' }, check: appendOnly, summary: 'Audit entries carry the session’s actor and device.' },
  },
  accessAttachments: {
    merge: 'lww',
    schema: storedSchema(AccessAttachmentSchema),
    rule: { roles: 'any', summary: 'Anyone attaches a signed form or evidence to a request.' },
  },
  reviewCampaigns: {
    merge: 'lww',
    schema: storedSchema(ReviewCampaignSchema),
    rule: { roles: LEADS, check: recordedBySession('createdBy'), summary: 'Coordinators and admins set up and close review campaigns, as themselves.' },
  },
  reviewItems: {
    merge: 'lww',
    schema: storedSchema(ReviewItemSchema),
    rule: { roles: LEADS, summary: 'Coordinators and admins create review items and resolve their outcome.' },
  },
  reviewDecisions: {
    merge: 'append',
    schema: storedSchema(ReviewDecisionSchema),
    rule: {
      roles: 'any',
      authorship: { actorField: 'decidedBy', deviceField: 'device' },
      reads: (after) => (typeof after.itemId === 'string' ? [{ table: 'reviewItems', id: after.itemId }] : []),
      check: checkReviewDecision,
      summary: 'Reviewers decide as themselves, never on their own access (judged on the stored item); revoking needs a reason.',
    },
  },
  distributionLists: {
    merge: 'lww',
    schema: storedSchema(DistributionListSchema),
    rule: { roles: 'any', summary: 'Anyone maintains distribution lists.' },
  },
  listMemberships: {
    merge: 'lww',
    schema: storedSchema(ListMembershipSchema),
    rule: { roles: 'any', summary: 'Anyone maintains list members.' },
  },
  listLog: {
    merge: 'append',
    schema: storedSchema(ListLogSchema),
    rule: { roles: 'any', authorship: { actorField: 'actor', deviceField: 'device' }, check: appendOnly, summary: 'Join and leave entries carry the session’s actor.' },
  },
} as const satisfies Record<string, SyncTableSpec>;
