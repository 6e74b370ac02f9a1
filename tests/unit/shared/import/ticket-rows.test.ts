import { describe, expect, it } from 'vitest';
import { INCIDENT_LOG_COLUMNS } from '../../../../shared/export/columns';
import { IMPORT_DATASETS } from '../../../../shared/import/datasets';
import { checkMapping, suggestMapping } from '../../../../shared/import/mapping';
import { validateRow, type RowPlan } from '../../../../shared/import/row-validation';
import { buildImportedTicket, TICKET_IMPORT_FIELDS, TicketImportRowSchema, type TicketImportRow } from '../../../../shared/import/ticket-rows';

const HEADERS = INCIDENT_LOG_COLUMNS.map((c) => c.header);
const mapping = suggestMapping(HEADERS, TICKET_IMPORT_FIELDS);
const plan: RowPlan<typeof TicketImportRowSchema> = { fields: TICKET_IMPORT_FIELDS, mapping, headers: HEADERS, schema: TicketImportRowSchema, cell: { timeZone: 'America/Los_Angeles', source: 'csv' } };

/** A row of the incident log as the CSV export writes it (header → text). */
function csvRow(over: Record<string, string> = {}): string[] {
  const base: Record<string, string> = {
    Number: 'KX7Q-00042',
    Created: '2025-03-03 09:15:00',
    Updated: '2025-03-04 10:00:00',
    Type: 'service_request',
    Title: 'E-filing rejects PDFs',
    Requester: 'Ana Méndez',
    'Agency/Court': 'Superior Court of Fresno',
    Site: 'Fresno Main',
    System: 'E-filing',
    Category: 'Upload',
    Priority: 'P3',
    Impact: 'medium',
    Urgency: 'medium',
    Status: 'open',
    Team: 'Apps',
    Assignee: 'Jordan Avila',
    'Escalation level': '1',
    'First response due': '2025-03-03 13:15:00',
    'First response at': '2025-03-03 10:00:00',
    'First response breached': 'false',
    'Time spent (minutes)': '25',
    Tags: 'pdf; efiling',
    'Work-log entries': '2',
  };
  const merged = { ...base, ...over };
  return HEADERS.map((h) => merged[h] ?? '');
}

const messages = (r: ReturnType<typeof validateRow>) => (r.ok ? [] : r.errors.map((e) => `${e.column}: ${e.message}`));

describe('tickets import dataset', () => {
  it('maps every column of an exported incident log onto its field, by header alone', () => {
    const byKey = Object.fromEntries(INCIDENT_LOG_COLUMNS.map((c, i) => [c.key, i]));
    expect(mapping).toEqual({
      number: byKey.number,
      createdAt: byKey.createdAt,
      updatedAt: byKey.updatedAt,
      type: byKey.type,
      title: byKey.title,
      description: byKey.description,
      channel: byKey.channel,
      requester: byKey.requester,
      agency: byKey.agency,
      site: byKey.site,
      system: byKey.system,
      category: byKey.category,
      priority: byKey.priority,
      impact: byKey.impact,
      urgency: byKey.urgency,
      status: byKey.status,
      pendingReason: byKey.pendingReason,
      team: byKey.team,
      assignee: byKey.assignee,
      escalationLevel: byKey.escalationLevel,
      firstResponseDueAt: byKey.firstResponseDueAt,
      firstResponseAt: byKey.firstResponseAt,
      resolutionDueAt: byKey.resolutionDueAt,
      resolvedAt: byKey.resolvedAt,
      closedAt: byKey.closedAt,
      tags: byKey.tags,
      resolutionCode: byKey.resolutionCode,
      resolutionText: byKey.resolutionText,
    });
    expect(checkMapping(mapping, HEADERS, TICKET_IMPORT_FIELDS)).toEqual([]);
    expect(IMPORT_DATASETS.tickets.fields).toBe(TICKET_IMPORT_FIELDS);
    expect(IMPORT_DATASETS.tickets.unique.fields).toEqual(['number']);
  });

  it('finds the columns of another help desk’s export by their aliases', () => {
    const headers = ['Ticket #', 'Short description', 'Caller', 'Assignment group', 'Assigned to', 'State', 'Opened'];
    expect(suggestMapping(headers, TICKET_IMPORT_FIELDS)).toMatchObject({ number: 0, title: 1, requester: 2, team: 3, assignee: 4, status: 5, createdAt: 6 });
  });

  it('turns an exported row into a typed record: instants in UTC, enums, tags as a list, derived columns ignored', () => {
    const r = validateRow(csvRow(), plan);
    expect(messages(r)).toEqual([]);
    expect(r.ok && r.record).toEqual({
      number: 'KX7Q-00042',
      createdAt: '2025-03-03T17:15:00.000Z',
      updatedAt: '2025-03-04T18:00:00.000Z',
      type: 'service_request',
      title: 'E-filing rejects PDFs',
      requester: 'Ana Méndez',
      agency: 'Superior Court of Fresno',
      site: 'Fresno Main',
      system: 'E-filing',
      category: 'Upload',
      priority: 'P3',
      impact: 'medium',
      urgency: 'medium',
      status: 'open',
      team: 'Apps',
      assignee: 'Jordan Avila',
      escalationLevel: 1,
      firstResponseDueAt: '2025-03-03T21:15:00.000Z',
      firstResponseAt: '2025-03-03T18:00:00.000Z',
      tags: ['pdf', 'efiling'],
    });
  });

  it('accepts labels and spreadsheet spellings of the vocabularies', () => {
    const r = validateRow(csvRow({ Type: 'Service request', Status: 'Pending', 'Pending reason': 'Waiting on requester', Priority: 'p2', Impact: 'High', Urgency: '2' }), plan);
    expect(messages(r)).toEqual([]);
    expect(r.ok && r.record).toMatchObject({ type: 'service_request', status: 'pending', pendingReason: 'waiting_on_requester', priority: 'P2', impact: 'high', urgency: 'medium' });
  });

  it('lists every problem of a bad row against its column: missing fields, bad dates, unknown priority and status', () => {
    const r = validateRow(csvRow({ Title: '', Requester: ' ', Created: '2025-02-30 10:00', Priority: 'P9', Status: 'doing', 'Escalation level': '7', Number: 'not-a-number' }), plan);
    expect(messages(r)).toEqual([
      'Created: Not a date and time: "2025-02-30 10:00" (use YYYY-MM-DD HH:MM)',
      'Number: Ticket number must look like KX7Q-00042 (leave it blank to number the ticket on this device)',
      'Title: Missing Title',
      'Requester: Missing Requester',
      'Priority: Unknown priority "P9"; expected one of: P1, P2, P3, P4',
      'Status: Unknown status "doing"; expected one of: new, open, pending, resolved, closed, cancelled',
      'Escalation level: Escalation level is 0 to 3',
    ]);
  });

  it('checks the ticket’s own rules: pending needs a reason, resolved needs a resolution and a time, updated after created', () => {
    expect(messages(validateRow(csvRow({ Status: 'pending' }), plan))).toEqual(['Pending reason: A pending ticket needs a pending reason']);
    expect(messages(validateRow(csvRow({ Status: 'open', 'Pending reason': 'other' }), plan))).toEqual(['Pending reason: Only a pending ticket has a pending reason']);
    expect(messages(validateRow(csvRow({ Status: 'resolved' }), plan))).toEqual(['Resolution code: A resolved or closed ticket needs a resolution', 'Resolved at: A resolved ticket needs a resolved time']);
    expect(messages(validateRow(csvRow({ Status: 'resolved', 'Resolved at': '2025-03-04 09:00', 'Resolution code': 'fixed' }), plan))).toEqual(['Resolution: Resolution is required']);
    expect(messages(validateRow(csvRow({ 'Resolution code': 'magic', 'Resolution': 'Did it' }), plan))).toEqual([
      'Resolution code: Unknown resolution code "magic"; expected one of: fixed, workaround, configuration_change, access_granted, training_provided, user_error, vendor_fix, no_fault_found, duplicate, not_reproducible, wont_fix',
    ]);
    expect(messages(validateRow(csvRow({ Updated: '2025-03-01 08:00' }), plan))).toEqual(['Updated: Updated time is before created time']);
  });

  it('builds the ticket: priority off the matrix becomes an override, a pending ticket’s clock is paused, blanks take defaults', () => {
    const row = TicketImportRowSchema.parse({ title: 'Printer jam', requester: 'Ana', priority: 'P1', status: 'pending', pendingReason: 'other', updatedAt: '2025-03-04T18:00:00.000Z' }) as TicketImportRow;
    const built = buildImportedTicket(row, { id: 't1', number: 'KX7Q-00001', requesterId: 'p1', requesterName: 'Ana', siteId: null, systemId: null, teamId: null, assigneeId: null, actorId: 'me', now: '2025-05-01T00:00:00.000Z' });
    if (!built.ok) throw new Error(built.error.message);
    expect(built.value).toMatchObject({
      number: 'KX7Q-00001',
      type: 'incident',
      impact: 'medium',
      urgency: 'medium',
      priority: 'P1',
      priorityOverride: { priority: 'P1', by: 'me' },
      createdAt: '2025-03-04T18:00:00.000Z',
      pauses: [{ from: '2025-03-04T18:00:00.000Z', to: null, reason: 'other' }],
      createdBy: 'me',
      channel: 'phone',
    });
    expect(built.value.words).toEqual(expect.arrayContaining(['printer', 'ana']));
    const plain = buildImportedTicket(TicketImportRowSchema.parse({ title: 'x', requester: 'Ana', impact: 'high', urgency: 'high', priority: 'P1' }), { id: 't2', number: 'KX7Q-00002', requesterId: 'p1', requesterName: 'Ana', siteId: null, systemId: null, teamId: null, assigneeId: null, actorId: 'me', now: '2025-05-01T00:00:00.000Z' });
    expect(plain.ok && plain.value.priorityOverride).toBeNull();
    expect(plain.ok && plain.value.createdAt).toBe('2025-05-01T00:00:00.000Z');
  });
});
