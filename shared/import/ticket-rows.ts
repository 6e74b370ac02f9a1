import { z } from 'zod';
import { err, ok, type Result } from '../result';
import { LIMITS, instant, text, TagsSchema } from '../tickets/fields';
import { RESOLUTION_CODES, type Level } from '../tickets/enums';
import { priorityFor } from '../tickets/priority';
import {
  ChannelSchema,
  ImpactSchema,
  PendingReasonSchema,
  PrioritySchema,
  StatusSchema,
  TicketSchema,
  TicketTypeSchema,
  UrgencySchema,
  type Ticket,
} from '../tickets/schema';
import { TICKET_NUMBER_RE } from '../tickets/numbering';
import { searchWords } from '../tickets/search';
import type { ImportField } from './mapping';

/**
 * Tickets from a spreadsheet. The fields' headers are the incident log's
 * (shared/export/columns.ts), so a file FieldDesk exported maps onto them
 * without a hand; the aliases catch other help desks' exports. People, teams,
 * sites and systems arrive as names: main validates the row here, and the
 * renderer's importer (renderer/src/data/repositories/tickets/import-tickets.ts)
 * resolves the names to records and builds the ticket with `buildImportedTicket`.
 *
 * Columns of the incident log that are derived (breach flags, time spent, last
 * public update, work-log count) are not fields: importing them would disagree
 * with the record they are derived from.
 */
export const TICKET_IMPORT_FIELDS: readonly ImportField[] = [
  { key: 'number', header: 'Number', type: 'text', width: 12, aliases: ['Ticket number', 'Ticket', 'Ticket #', 'Incident number', 'ID'] },
  { key: 'createdAt', header: 'Created', type: 'datetime', width: 17, aliases: ['Created at', 'Opened', 'Date opened', 'Reported'] },
  { key: 'updatedAt', header: 'Updated', type: 'datetime', width: 17, aliases: ['Updated at', 'Last updated', 'Modified'] },
  { key: 'type', header: 'Type', type: 'text', width: 12, aliases: ['Ticket type', 'Kind'] },
  { key: 'title', header: 'Title', type: 'text', width: 40, required: true, aliases: ['Summary', 'Subject', 'Short description'] },
  { key: 'description', header: 'Description', type: 'text', width: 60, aliases: ['Details', 'Body'] },
  { key: 'requester', header: 'Requester', type: 'text', width: 22, required: true, aliases: ['Requested by', 'Caller', 'Reported by', 'Contact'] },
  { key: 'agency', header: 'Agency/Court', type: 'text', width: 24, aliases: ['Agency', 'Court', 'Organization', 'Office'] },
  { key: 'site', header: 'Site', type: 'text', width: 18, aliases: ['Location', 'Courthouse', 'School'] },
  { key: 'system', header: 'System', type: 'text', width: 18, aliases: ['Application', 'Service', 'Product'] },
  { key: 'category', header: 'Category', type: 'text', width: 18, aliases: ['Subcategory'] },
  { key: 'channel', header: 'Channel', type: 'text', width: 12, aliases: ['Source', 'Contact type'] },
  { key: 'priority', header: 'Priority', type: 'text', width: 10 },
  { key: 'impact', header: 'Impact', type: 'text', width: 10 },
  { key: 'urgency', header: 'Urgency', type: 'text', width: 10 },
  { key: 'status', header: 'Status', type: 'text', width: 12, aliases: ['State'] },
  { key: 'pendingReason', header: 'Pending reason', type: 'text', width: 20, aliases: ['On hold reason', 'Waiting reason'] },
  { key: 'team', header: 'Team', type: 'text', width: 18, aliases: ['Assignment group', 'Queue', 'Group'] },
  { key: 'assignee', header: 'Assignee', type: 'text', width: 20, aliases: ['Assigned to', 'Owner', 'Technician'] },
  { key: 'escalationLevel', header: 'Escalation level', type: 'number', width: 10, aliases: ['Escalation'] },
  { key: 'firstResponseDueAt', header: 'First response due', type: 'datetime', width: 17 },
  { key: 'firstResponseAt', header: 'First response at', type: 'datetime', width: 17, aliases: ['First responded', 'Responded at'] },
  { key: 'resolutionDueAt', header: 'Resolution due', type: 'datetime', width: 17 },
  { key: 'resolvedAt', header: 'Resolved at', type: 'datetime', width: 17, aliases: ['Resolved'] },
  { key: 'closedAt', header: 'Closed at', type: 'datetime', width: 17, aliases: ['Closed'] },
  { key: 'tags', header: 'Tags', type: 'text', width: 20, aliases: ['Labels', 'Keywords'] },
  { key: 'resolutionCode', header: 'Resolution code', type: 'text', width: 16, aliases: ['Close code', 'Closure code'] },
  { key: 'resolutionText', header: 'Resolution', type: 'text', width: 40, aliases: ['Resolution notes', 'Resolution text', 'Close notes'] },
];

/** "Service request", "service-request" and "service_request" are the same value; so are "E-mail" and "email". */
function vocabulary(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  const s = v
    .trim()
    .toLowerCase()
    .replace(/['\u2019]/g, '') // "Won't fix" is wont_fix
    .replace(/[\s-]+/g, '_');
  return s === 'e_mail' ? 'email' : s;
}
const vocab = <S extends z.ZodType>(schema: S) => z.preprocess(vocabulary, schema);

/** "p2", "2" and "P2" are P2. */
const priorityText = (v: unknown): unknown => {
  if (typeof v !== 'string') return v;
  const m = /^\s*p?([1-4])\s*$/i.exec(v);
  return m ? `P${m[1]}` : v.trim();
};
/** Impact and urgency as words (any case) or as 1, 2, 3. */
const levelText = (v: unknown): unknown => {
  if (typeof v !== 'string') return v;
  const s = v.trim().toLowerCase();
  return /^[123]$/.test(s) ? Number(s) : s;
};
/** The incident log joins tags with "; "; other files use commas. */
const tagList = (v: unknown): unknown =>
  typeof v === 'string'
    ? v
        .split(/[;,]/)
        .map((s) => s.trim())
        .filter(Boolean)
    : v;

const name = (label: string) => text(label, LIMITS.name).optional();

const RowObject = z.object({
  number: z
    .string()
    .trim()
    .toUpperCase()
    .regex(TICKET_NUMBER_RE, 'Ticket number must look like KX7Q-00042 (leave it blank to number the ticket on this device)')
    .optional(),
  createdAt: instant('Created').optional(),
  updatedAt: instant('Updated').optional(),
  type: vocab(TicketTypeSchema).optional(),
  title: text('Title', LIMITS.title, { required: true }),
  description: text('Description', LIMITS.description, { multiline: true }).optional(),
  requester: text('Requester', LIMITS.name, { required: true }),
  agency: name('Agency/Court'),
  site: name('Site'),
  system: name('System'),
  category: text('Category', LIMITS.category).optional(),
  channel: vocab(ChannelSchema).optional(),
  priority: z.preprocess(priorityText, PrioritySchema).optional(),
  impact: z.preprocess(levelText, ImpactSchema).optional(),
  urgency: z.preprocess(levelText, UrgencySchema).optional(),
  status: vocab(StatusSchema).optional(),
  pendingReason: vocab(PendingReasonSchema).optional(),
  team: name('Team'),
  assignee: name('Assignee'),
  escalationLevel: z.number().int('Escalation level is a whole number, 0 to 3').min(0, 'Escalation level is 0 to 3').max(3, 'Escalation level is 0 to 3').optional(),
  firstResponseDueAt: instant('First response due').optional(),
  firstResponseAt: instant('First response at').optional(),
  resolutionDueAt: instant('Resolution due').optional(),
  resolvedAt: instant('Resolved at').optional(),
  closedAt: instant('Closed at').optional(),
  tags: z.preprocess(tagList, TagsSchema).optional(),
  resolutionCode: vocab(z.enum(RESOLUTION_CODES)).optional(),
  resolutionText: text('Resolution', LIMITS.resolutionText, { multiline: true }).optional(),
});
export type TicketImportRow = z.output<typeof RowObject>;
/**
 * The row's fields alone, without the whole-ticket check: for callers that
 * build the ticket with `buildImportedTicket` next, which runs that check
 * itself (the importer, 100,000 rows at a time).
 */
export const TicketImportFieldsSchema = RowObject;

/** Where a problem the ticket schema finds with a built ticket shows up in the file. */
const ROW_KEY_OF: Record<string, keyof TicketImportRow> = {
  firstResponseDue: 'firstResponseDueAt',
  resolutionDue: 'resolutionDueAt',
  firstRespondedAt: 'firstResponseAt',
  requesterId: 'requester',
  siteId: 'site',
  systemId: 'system',
  teamId: 'team',
  assigneeId: 'assignee',
  pauses: 'status',
};
export function rowKeyOfTicketPath(path: readonly PropertyKey[]): string {
  const [head, sub] = path.map(String);
  if (head === 'resolution') return sub === 'text' ? 'resolutionText' : 'resolutionCode';
  return head ? (ROW_KEY_OF[head] ?? head) : '';
}

/** What the importer knows besides the row: resolved ids, who imports, and when. */
export interface ImportTicketContext {
  id: string;
  /** The row's own number, or one this device takes for it. */
  number: string;
  requesterId: string;
  requesterName: string;
  siteId: string | null;
  systemId: string | null;
  teamId: string | null;
  assigneeId: string | null;
  /** The person importing (the ticket's createdBy, and who a priority override is by). */
  actorId: string;
  /** The time of the import: stands in for a missing created time. */
  now: string;
}

/**
 * The ticket a valid row describes, checked with the ticket schema (its
 * invariants: a pending ticket has a pending reason, a resolved one a
 * resolution and a resolved time, and so on). Times and due times are kept as
 * the file has them; a priority that is not the impact × urgency matrix's is
 * kept as an override, so a later change of impact does not silently undo it.
 */
export function buildImportedTicket(row: TicketImportRow, c: ImportTicketContext): Result<Ticket> {
  const impact: Level = row.impact ?? 'medium';
  const urgency: Level = row.urgency ?? 'medium';
  const matrix = priorityFor(impact, urgency);
  const priority = row.priority ?? matrix;
  const status = row.status ?? 'new';
  // A file with only an updated time was created then at the latest; with neither, the ticket is new today.
  const createdAt = row.createdAt ?? row.updatedAt ?? c.now;
  const updatedAt = row.updatedAt ?? createdAt;
  const pendingReason = row.pendingReason ?? null;
  const number = c.number;
  const description = row.description ?? '';
  const draft = {
    id: c.id,
    number,
    type: row.type ?? 'incident',
    title: row.title,
    description,
    requesterId: c.requesterId,
    siteId: c.siteId,
    systemId: c.systemId,
    category: row.category ?? '',
    channel: row.channel ?? 'phone',
    tags: row.tags ?? [],
    impact,
    urgency,
    teamId: c.teamId,
    assigneeId: c.assigneeId,
    priority,
    priorityOverride: priority === matrix ? null : { priority, by: c.actorId, reason: 'Priority as imported from a spreadsheet', at: updatedAt },
    status,
    pendingReason,
    escalationLevel: row.escalationLevel ?? 0,
    escalation: null,
    firstResponseDue: row.firstResponseDueAt ?? null,
    resolutionDue: row.resolutionDueAt ?? null,
    firstRespondedAt: row.firstResponseAt ?? null,
    resolvedAt: row.resolvedAt ?? null,
    closedAt: row.closedAt ?? null,
    // A pending ticket's SLA clock is stopped; the file does not say since when, so since its last update.
    pauses: status === 'pending' && pendingReason ? [{ from: updatedAt, to: null, reason: pendingReason }] : [],
    reopenCount: 0,
    resolution: row.resolutionCode || row.resolutionText ? { code: row.resolutionCode, text: row.resolutionText ?? '', rootCause: '' } : null,
    mergedInto: null,
    createdBy: c.actorId,
    createdAt,
    updatedAt,
    words: searchWords({ number, title: row.title, description, requesterName: c.requesterName }),
    stamps: {},
    deleted: 0 as const,
  };
  const parsed = TicketSchema.safeParse(draft);
  if (parsed.success) return ok(parsed.data);
  const fields: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const key = rowKeyOfTicketPath(issue.path);
    fields[key] ??= issue.message;
  }
  return err('invalid_request', Object.values(fields).join('; '), fields);
}

const PLACEHOLDER = 'import-check';

/**
 * A row of a ticket import: each field checked with the ticket's own field
 * schemas, then the ticket it would make checked with TicketSchema, with each
 * problem reported against the column it comes from.
 */
export const TicketImportRowSchema = RowObject.superRefine((row, ctx) => {
  const built = buildImportedTicket(row, {
    id: PLACEHOLDER,
    number: row.number ?? 'AAAA-00001',
    requesterId: PLACEHOLDER,
    requesterName: row.requester,
    siteId: null,
    systemId: null,
    teamId: null,
    assigneeId: null,
    actorId: PLACEHOLDER,
    now: '1970-01-01T00:00:00.000Z',
  });
  if (built.ok) return;
  for (const [path, message] of Object.entries(built.error.fields ?? { '': built.error.message })) {
    ctx.addIssue({ code: 'custom', path: path ? [path] : [], message });
  }
});
