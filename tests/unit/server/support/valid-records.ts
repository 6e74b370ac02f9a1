import { formatStamp } from '../../../../shared/sync/hlc';

/**
 * One valid record of every synced table (its fields as a device pushes them,
 * without id and stamps), for the rule matrix and the invalid-record property.
 * `who` fills the fields that must name the signed-in user and their device
 * (audit entries), `sessionId` the training session a roster record belongs to.
 */
export interface Who {
  personId: string;
  deviceId: string;
}

const T = '2027-01-15T08:00:00.000Z';
const stamps = { createdAt: T, updatedAt: T };
const target = { firstResponseMinutes: 30, resolutionMinutes: 480 };
const hours = [{ start: '08:00', end: '17:00' }];

/** The request approvals, grants, ticks and attachments name, and the review item decisions name (see PREREQUISITES). */
export const REQUEST_ID = 'request-1';
export const REVIEW_ITEM_ID = 'review-item-1';

/**
 * Records the server must hold before some valid records are writable by
 * anyone: an approved request (entered by person-3, asked for by person-2,
 * for person-1, none of them an account of the tests) and a review item of
 * person-1. Suites store them directly (see storePrerequisites).
 */
export const PREREQUISITES: readonly { table: string; id: string; fields: Record<string, unknown> }[] = [
  {
    table: 'accessRequests',
    id: REQUEST_ID,
    fields: {
      forPersonId: 'person-1', requestedBy: 'person-2', createdBy: 'person-3', systemId: 'system-1', entitlementIds: ['entitlement-1'], justification: 'New clerk', startDate: '2027-01-18', endDate: '2027-12-31',
      ticketId: null, grantId: null, attachmentIds: [], status: 'approved', stages: [], steps: [], signedFormRequired: false, sodConflicts: [], submittedAt: T, decidedAt: T, ...stamps, deleted: 0,
    },
  },
  {
    table: 'reviewItems',
    id: REVIEW_ITEM_ID,
    fields: { campaignId: 'campaign-1', grantId: 'grant-1', personId: 'person-1', systemId: 'system-1', entitlementId: 'entitlement-1', reviewerPersonId: null, outcome: null, outcomeNote: '', ...stamps, deleted: 0 },
  },
];

/** Stores PREREQUISITES (as a server-side write would, stamped by an old device). */
export async function storePrerequisites(db: { query: (sql: string, params: unknown[]) => Promise<unknown> }, wall: number): Promise<void> {
  for (const { table, id, fields } of PREREQUISITES) {
    const stampsOf = Object.fromEntries(Object.keys(fields).map((k) => [k, formatStamp({ wall, counter: 0 }, 'dev-fixture')]));
    await db.query('INSERT INTO records (tbl, id, fields, stamps, server_seq, deleted, updated_at_ms) VALUES ($1, $2, $3, $4, 0, false, $5) ON CONFLICT DO NOTHING', [table, id, JSON.stringify(fields), JSON.stringify(stampsOf), wall]);
  }
}

export function validRecord(table: string, who: Who, sessionId = 'session-1'): Record<string, unknown> {
  switch (table) {
    case 'people':
      return { name: 'Ana Ruiz', email: 'ana@court.example.gov', phone: '555-0100', agency: 'Superior Court', site: 'Hall of Justice', title: 'Clerk', kind: 'requester', ...stamps, deleted: 0 };
    case 'tickets':
      return {
        number: 'KX7Q-00042', type: 'incident', title: 'Printer jams', description: 'Tray 2', requesterId: 'person-1', siteId: null, systemId: null, category: 'Printing', channel: 'phone',
        tags: ['printer'], impact: 'medium', urgency: 'medium', teamId: null, assigneeId: null, priority: 'P3', priorityOverride: null, status: 'open', pendingReason: null,
        escalationLevel: 0, escalation: null, firstResponseDue: null, resolutionDue: null, firstRespondedAt: null, resolvedAt: null, closedAt: null, pauses: [], reopenCount: 0,
        resolution: null, mergedInto: null, createdBy: who.personId, ...stamps, deleted: 0,
      };
    case 'workLog':
      return { ticketId: 'ticket-1', kind: 'phone_call', authorId: who.personId, at: T, minutes: 5, body: 'Called the clerk back', createdAt: T, copiedFrom: null, deleted: 0 };
    case 'ticketHistory':
      return { ticketId: 'ticket-1', field: 'status', old: 'new', new: 'open', by: who.personId, device: who.deviceId, at: T, deleted: 0 };
    case 'ticketLinks':
      return { fromId: 'ticket-1', toId: 'ticket-2', kind: 'related', createdBy: who.personId, createdAt: T, deleted: 0 };
    case 'ticketAttachments':
      return { ticketId: 'ticket-1', name: 'jam.jpg', mime: 'image/jpeg', size: 1024, sha256: 'a'.repeat(64), addedBy: who.personId, addedAt: T, note: '', deleted: 0 };
    case 'agencies':
      return { name: 'Superior Court', kind: 'state_court', code: 'SC', deleted: 0 };
    case 'teams':
      return { name: 'Court desk', description: '', memberIds: [], deleted: 0 };
    case 'sites':
      return { agencyId: 'agency-1', name: 'Hall of Justice', address: '1 Main St', timeZone: 'America/Los_Angeles', deleted: 0 };
    case 'systems':
      return { name: 'Case management', vendor: 'Tyler', categories: ['Printing'], deleted: 0 };
    case 'routingRules':
      return { name: 'Printing', systemId: '*', category: 'Printing', siteId: '*', teamId: 'team-1', order: 100, enabled: true, deleted: 0 };
    case 'slaPolicies':
      return { name: 'Standard', calendarId: 'calendar-1', isDefault: true, siteIds: [], targets: { P1: target, P2: target, P3: target, P4: target }, atRiskFraction: 0.25, deleted: 0 };
    case 'calendars':
      return { name: 'Court hours', timeZone: 'America/Los_Angeles', week: { sun: [], mon: hours, tue: hours, wed: hours, thu: hours, fri: hours, sat: [] }, holidays: ['2027-07-05'], deleted: 0 };
    case 'courses':
      return { title: 'E-filing basics', system: 'E-filing', audience: 'Clerks', version: '1', description: '', materialIds: [], ...stamps, deleted: 0 };
    case 'sessions':
      return {
        courseId: 'course-1', startLocal: '2027-03-10T09:00', timeZone: 'America/Los_Angeles', durationMinutes: 90, location: 'Room 4', onlineUrl: '', trainerIds: [who.personId],
        capacity: 12, status: 'scheduled', notes: '', ticketIds: [], ...stamps, deleted: 0,
      };
    case 'registrations':
      return { sessionId, attendee: { kind: 'person', personId: 'person-1' }, status: 'registered', waitlistedAt: null, statusChangedAt: T, ...stamps, deleted: 0 };
    case 'attendance':
      return { sessionId, registrationId: 'registration-1', mark: 'present', takenBy: who.personId, at: T, note: '', deleted: 0 };
    case 'completions':
      return { sessionId, courseId: 'course-1', registrationId: 'registration-1', personId: 'person-1', completedAt: T, certificateNumber: null, certificateIssuedAt: null, ...stamps, deleted: 0 };
    case 'materials':
      return { kind: 'handout', title: 'E-filing handout', system: 'E-filing', body: '# Steps', images: [], state: 'draft', version: 0, ...stamps, deleted: 0 };
    case 'materialVersions':
      return { materialId: 'material-1', version: 1, kind: 'handout', title: 'E-filing handout', system: 'E-filing', body: '# Steps', images: [], state: 'draft', publishedAt: T, publishedBy: who.personId, changeNote: '', deleted: 0 };
    // Access (issue 21). Approvals, grants by technicians and review decisions name records the server reads: PREREQUISITES.
    case 'entitlements':
      return {
        systemId: 'system-1', name: 'Clerk', description: 'Case entry', ownerPersonId: null, stages: [{ label: 'Supervisor', approver: 'supervisor', personId: null }], defaultDays: 365, maxDays: 730,
        signedFormRequired: true, provisioning: [{ id: 's1', text: 'Create the account in the CMS admin console' }], deprovisioning: [], ...stamps, deleted: 0,
      };
    case 'sodRules':
      return { entitlementA: 'entitlement-1', entitlementB: 'entitlement-2', reason: 'Cashier and cash reconciliation', ...stamps, deleted: 0 };
    case 'accessRequests':
      return {
        forPersonId: 'person-1', requestedBy: 'person-2', createdBy: who.personId, systemId: 'system-1', entitlementIds: ['entitlement-1'], justification: 'New clerk', startDate: '2027-01-18',
        endDate: '2027-12-31', ticketId: null, grantId: null, attachmentIds: [], status: 'submitted', stages: [], steps: [], signedFormRequired: false, sodConflicts: [], submittedAt: T, decidedAt: null, ...stamps, deleted: 0,
      };
    case 'approvals':
      return {
        requestId: REQUEST_ID, stageIndex: 0, stageLabel: 'Supervisor', decision: 'approved', decidedBy: 'person-4', decidedAt: T, method: 'signed_form', evidenceIds: [], sodAccepted: false, sodReason: '', note: '',
        forPersonId: 'person-1', requestedBy: 'person-2', createdBy: 'person-3', recordedBy: who.personId, device: who.deviceId, at: T, deleted: 0,
      };
    case 'grants':
      return { personId: 'person-1', systemId: 'system-1', entitlementId: 'entitlement-1', requestId: REQUEST_ID, approvalIds: [], from: '2027-01-18', until: '2027-12-31', status: 'active', revocationId: null, endedAt: null, lastReviewedAt: null, ...stamps, deleted: 0 };
    case 'provisioningSteps':
      return { kind: 'provision', parentId: REQUEST_ID, stepId: 'entitlement-1:s1', text: 'Create the account', done: true, by: who.personId, device: who.deviceId, at: T, deleted: 0 };
    case 'revocations':
      return { grantId: 'grant-1', personId: 'person-1', reason: 'left_agency', note: '', steps: [], status: 'open', recordedBy: who.personId, doneAt: null, ...stamps, deleted: 0 };
    case 'departures':
      return { personId: 'person-1', departedOn: '2027-01-31', recordedBy: who.personId, revocationIds: [], removedMembershipIds: [], ...stamps, deleted: 0 };
    case 'accessAudit':
      return { actor: who.personId, device: who.deviceId, at: T, action: 'request.submitted', subjectTable: 'accessRequests', subjectId: REQUEST_ID, grantId: null, requestId: REQUEST_ID, summary: 'Submitted', deleted: 0 };
    case 'accessAttachments':
      return { requestId: REQUEST_ID, name: 'form.pdf', mime: 'application/pdf', size: 2048, sha256: 'b'.repeat(64), kind: 'signed_form', addedBy: who.personId, addedAt: T, deleted: 0 };
    case 'reviewCampaigns':
      return {
        name: 'Q1 CMS review', systemIds: ['system-1'], entitlementIds: [], agencies: [], reviewer: 'systemOwner', fallbackPersonId: null, dueDate: '2027-03-31', recurrence: 'quarterly', defaultAction: 'keep_flag',
        maxRemovalShare: 0.25, status: 'open', createdBy: who.personId, closedAt: null, ...stamps, deleted: 0,
      };
    case 'reviewItems':
      return { campaignId: 'campaign-1', grantId: 'grant-1', personId: 'person-1', systemId: 'system-1', entitlementId: 'entitlement-1', reviewerPersonId: null, outcome: null, outcomeNote: '', ...stamps, deleted: 0 };
    case 'reviewDecisions':
      return { itemId: REVIEW_ITEM_ID, campaignId: 'campaign-1', personId: 'person-1', decision: 'keep', reason: '', decidedBy: who.personId, device: who.deviceId, at: T, deleted: 0 };
    case 'distributionLists':
      return { name: 'Monthly attendance: Eastside', purpose: 'Attendance reports', address: 'eastside@county.example.gov', ownerPersonId: null, reviewEveryDays: 90, lastReviewedAt: null, ...stamps, deleted: 0 };
    case 'listMemberships':
      return { listId: 'list-1', personId: 'person-1', name: 'Ana Ruiz', email: 'ana@court.example.gov', endDate: null, status: 'member', removedAt: null, removedReason: '', ...stamps, deleted: 0 };
    case 'listLog':
      return { listId: 'list-1', membershipId: 'membership-1', action: 'join', who: 'Ana Ruiz', reason: '', actor: who.personId, device: who.deviceId, at: T, deleted: 0 };
    // Operations (issue 22).
    case 'schedules':
      return {
        kind: 'maintenance', name: 'Patch Tuesday', systemId: 'system-1', timeZone: 'America/Los_Angeles', calendarId: null, shift: 'working_day',
        rule: { freq: 'monthly', interval: 1, weekdays: [], by: 'nth', monthDay: 1, nth: 2, nthWeekday: 'tue', month: 1, start: '2027-01-01', time: '09:00', until: null, count: null },
        mode: 'fixed', afterDays: 30, leadDays: 7,
        template: { title: 'Apply patches', description: '', teamId: null, assigneeId: null, requesterId: null, priority: 'P3', checklist: [{ id: 'c1', text: 'Back up the database' }] },
        active: true, ...stamps, deleted: 0,
      };
    case 'outputJobs':
      return {
        name: 'Monthly attendance report', systemId: null, scheduleId: null, customerIds: [], expectedTime: '07:30', teamId: null,
        checklist: [{ id: 'v1', label: 'Record count', kind: 'count', expected: 100, critical: true }], active: true, ...stamps, deleted: 0,
      };
    case 'maintenanceWindows':
      return {
        kind: 'window', name: 'Sunday night', systemIds: ['system-1'], timeZone: 'America/Los_Angeles',
        rule: { freq: 'weekly', interval: 1, weekdays: ['sun'], by: 'day', monthDay: 1, nth: 1, nthWeekday: 'mon', month: 1, start: '2027-01-03', time: '22:00', until: null, count: null },
        durationMinutes: 240, note: '', ...stamps, deleted: 0,
      };
    case 'occurrences':
      return { scheduleId: 'schedule-1', kind: 'maintenance', date: '2027-01-12', plannedAt: T, ticketId: null, runId: null, extra: false, status: 'created', completedAt: null, ...stamps, deleted: 0 };
    case 'outputRuns':
      return {
        jobId: 'job-1', occurrenceId: null, date: '2027-01-15', expectedAt: T, receivedAt: null, verifiedBy: null, verifiedAt: null, items: [], override: null, status: 'waiting',
        distributedAt: null, distributedBy: null, distributedTo: [], ticketId: null, extra: false, ...stamps, deleted: 0,
      };
    case 'changes':
      return {
        title: 'Patch CMS', reason: 'Security fix', type: 'normal', systemIds: ['system-1'], risk: 'low', implementationPlan: '', testPlan: '', testResult: '', backoutPlan: '', plannedStart: null, plannedEnd: null,
        status: 'draft', approvedBy: null, approvedAt: null, outcome: null, outcomeNote: '', ticketIds: [], ownerId: null, ...stamps, deleted: 0,
      };
    case 'reviews':
      return {
        title: 'Outage review', incidentIds: ['ticket-1'], status: 'draft', ownerId: null, reviewDate: null, attendeeIds: [], summary: '', impactWho: '', impactCount: '', impactDuration: '', trigger: '',
        rootCauses: '', contributing: '', detection: '', resolution: '', wentWell: '', wentWrong: '', gotLucky: '', timeline: [], ...stamps, deleted: 0,
      };
    case 'actionItems':
      return { reviewId: 'review-1', title: 'Add monitoring', ownerId: 'person-1', due: '2027-02-01', type: 'prevent', status: 'open', link: null, ...stamps, deleted: 0 };
    case 'cannedResponses':
      return { name: 'part-ordered', title: 'Part ordered', category: 'Hardware', body: 'Hi {requester.firstName}, the part is ordered.', ...stamps, deleted: 0 };
    case 'reportDefinitions':
      return { name: 'Eastside monthly', scope: 'agency', scopeId: 'agency-1', period: 'lastMonth', from: null, to: null, sections: ['open', 'resolved'], paper: 'letter', recipients: [], repeat: null, ownerId: who.personId, lastRunAt: null, ...stamps, deleted: 0 };
    case 'ticketDocuments':
      return { ticketId: 'ticket-1', materialId: 'material-1', relation: 'resolvedWith', version: 1, linkedBy: who.personId, linkedAt: T, ...stamps, deleted: 0 };
    case 'informSettings':
      return { cadence: { P1: 1, P2: 2, P3: 5, P4: 10 }, ...stamps, deleted: 0 };
    default:
      throw new Error(`no valid record for ${table}: add one here`);
  }
}

/** A second valid value for some fields of each table: what a field edit in the matrix writes. */
export const FIELD_EDITS: Record<string, Record<string, unknown>> = {
  people: { name: 'Ana María Ruiz', email: 'aruiz@court.example.gov', phone: '555-0101', agency: 'County', site: 'Annex', title: 'Lead clerk' },
  tickets: { title: 'Printer jams daily', description: 'Tray 3', category: 'Hardware', tags: ['printer', 'tray'], urgency: 'high', assigneeId: 'person-2' },
  ticketLinks: { kind: 'duplicate' },
  ticketAttachments: { note: 'photo of the jam', name: 'jam-2.jpg' },
  agencies: { name: 'Superior Court of Lake County', code: 'SCL' },
  teams: { name: 'Court desk north', memberIds: ['person-1'] },
  sites: { name: 'Annex', address: '2 Main St' },
  systems: { name: 'CMS', vendor: 'Other', categories: ['Printing', 'Login'] },
  routingRules: { name: 'Printing north', order: 50, enabled: false },
  slaPolicies: { name: 'Premium', atRiskFraction: 0.5 },
  calendars: { name: 'Court hours (summer)', holidays: ['2027-07-05', '2027-09-06'] },
  courses: { title: 'E-filing advanced', audience: 'Lead clerks' },
  sessions: { location: 'Room 5', capacity: 20, notes: 'Bring laptops' },
  registrations: { status: 'cancelled' },
  completions: { certificateNumber: 'FD-20270310-ABC123' },
  materials: { title: 'E-filing handout v2', body: '# New steps' },
  entitlements: { name: 'Courtroom clerk', maxDays: 900 },
  sodRules: { reason: 'Cashier and reconciliation, per the audit' },
  accessRequests: { justification: 'New clerk, Eastside', endDate: '2027-06-30' },
  grants: { until: '2027-06-30', from: '2027-02-01' },
  revocations: { note: 'Left on Friday', reason: 'changed_role' },
  departures: { departedOn: '2027-02-01' },
  accessAttachments: { name: 'signed-form.pdf', kind: 'evidence' },
  reviewCampaigns: { name: 'Q1 CMS review (clerks)', dueDate: '2027-04-15' },
  reviewItems: { outcome: 'keep', outcomeNote: 'Still a clerk' },
  distributionLists: { name: 'Monthly attendance: Eastside schools', purpose: 'Reports' },
  listMemberships: { endDate: '2027-12-31', name: 'Ana M. Ruiz' },
  schedules: { name: 'Patch Tuesday (CMS)', leadDays: 10 },
  outputJobs: { name: 'Monthly attendance report (Eastside)', expectedTime: '08:30' },
  maintenanceWindows: { name: 'Sunday late night', durationMinutes: 180 },
  occurrences: { status: 'done', completedAt: '2027-01-16T08:00:00.000Z' },
  outputRuns: { receivedAt: '2027-01-15T09:00:00.000Z', status: 'received' },
  changes: { title: 'Patch CMS to 2027.1', risk: 'medium' },
  reviews: { title: 'Outage review: e-filing', summary: 'E-filing was down' },
  actionItems: { title: 'Add monitoring to e-filing', status: 'done' },
  cannedResponses: { body: 'Hello {requester.firstName}', category: 'General' },
  reportDefinitions: { name: 'Eastside weekly', period: 'lastWeek', repeat: { freq: 'weekly', interval: 1, weekdays: ['mon'], by: 'day', monthDay: 1, nth: 1, nthWeekday: 'mon', month: 1, start: '2026-11-02', time: '09:00', until: null, count: null } },
  ticketDocuments: { relation: 'referenced' },
  informSettings: { cadence: { P1: 2, P2: 3, P3: 5, P4: 10 } },
};
