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
    case 'cannedResponses':
      return { name: 'part-ordered', title: 'Part ordered', category: 'Hardware', body: 'Hi {requester.firstName}, the part is ordered.', ...stamps, deleted: 0 };
    case 'reportDefinitions':
      return { name: 'Eastside monthly', scope: 'agency', scopeId: 'agency-1', period: 'lastMonth', from: null, to: null, sections: ['open', 'resolved'], paper: 'letter', recipients: [], ownerId: who.personId, lastRunAt: null, ...stamps, deleted: 0 };
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
  cannedResponses: { body: 'Hello {requester.firstName}', category: 'General' },
  reportDefinitions: { name: 'Eastside weekly', period: 'lastWeek' },
  ticketDocuments: { relation: 'referenced' },
  informSettings: { cadence: { P1: 2, P2: 3, P3: 5, P4: 10 } },
};
