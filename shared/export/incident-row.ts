import { RESOLUTION_LABELS } from '../tickets/history-format';
import { LABELS } from '../tickets/enums';
import type { Ticket } from '../tickets/schema';
import type { WorkLogEntry } from '../tickets/worklog';

/** Display names for the ids a ticket points at; exports show names, never ids. */
export interface IncidentLookups {
  person(id: string | null): { name: string; agency: string; email?: string; phone?: string } | undefined;
  team(id: string | null): string | undefined;
  site(id: string | null): string | undefined;
  system(id: string | null): string | undefined;
}

/** Who a work-log entry or an assignment names when the directory does not know them: never their id. */
export const UNKNOWN_PERSON = 'Someone not in the directory';

const breached = (due: string | null, doneAt: string | null, now: string): boolean | null => (due ? (doneAt ?? now) > due : null);
const labelOf = <K extends string>(labels: Record<K, string>, code: K | null | undefined): string => (code ? (labels[code] ?? code) : '');

/**
 * One incident-log row (INCIDENT_LOG_COLUMNS keys) from a ticket and its work
 * log. Times stay ISO strings; the writer turns them into spreadsheet dates.
 * Codes are written as the labels the screens show ("Service request",
 * "Waiting on requester", "Medium"; import reads them back). Breach flags
 * compare the stored due times with when the work was done (or now, while it
 * is still open).
 */
export function incidentRow(ticket: Ticket, workLog: readonly WorkLogEntry[], lookups: IncidentLookups, now: string): Record<string, unknown> {
  const live = workLog.filter((e) => !e.deleted);
  const lastPublic = live.filter((e) => e.kind === 'public_update').sort((a, b) => (a.at < b.at ? 1 : -1))[0];
  const requester = lookups.person(ticket.requesterId);
  return {
    number: ticket.number,
    createdAt: ticket.createdAt,
    updatedAt: ticket.updatedAt,
    type: labelOf(LABELS.type, ticket.type),
    title: ticket.title,
    description: ticket.description,
    channel: labelOf(LABELS.channel, ticket.channel),
    requester: requester?.name ?? UNKNOWN_PERSON,
    requesterEmail: requester?.email ?? '',
    requesterPhone: requester?.phone ?? '',
    agency: requester?.agency ?? '',
    site: lookups.site(ticket.siteId) ?? '',
    system: lookups.system(ticket.systemId) ?? '',
    category: ticket.category,
    priority: ticket.priority,
    impact: labelOf(LABELS.level, ticket.impact),
    urgency: labelOf(LABELS.level, ticket.urgency),
    status: labelOf(LABELS.status, ticket.status),
    pendingReason: labelOf(LABELS.pendingReason, ticket.pendingReason),
    team: ticket.teamId ? (lookups.team(ticket.teamId) ?? 'A team not on this device') : '',
    assignee: ticket.assigneeId ? (lookups.person(ticket.assigneeId)?.name ?? UNKNOWN_PERSON) : '',
    escalationLevel: ticket.escalationLevel,
    firstResponseDueAt: ticket.firstResponseDue,
    firstResponseAt: ticket.firstRespondedAt,
    firstResponseBreached: breached(ticket.firstResponseDue, ticket.firstRespondedAt, now),
    resolutionDueAt: ticket.resolutionDue,
    resolvedAt: ticket.resolvedAt,
    resolutionBreached: breached(ticket.resolutionDue, ticket.resolvedAt ?? ticket.closedAt, now),
    closedAt: ticket.closedAt,
    timeSpentMinutes: live.reduce((sum, e) => sum + e.minutes, 0),
    tags: ticket.tags,
    resolutionCode: ticket.resolution ? (RESOLUTION_LABELS[ticket.resolution.code] ?? ticket.resolution.code) : '',
    resolutionText: ticket.resolution?.text ?? '',
    lastPublicUpdate: lastPublic?.body ?? '',
    workLogCount: live.length,
  };
}

/** One row of the work-log sheet (WORK_LOG_COLUMNS keys). */
export function workLogRow(entry: WorkLogEntry, ticketNumber: string, lookups: IncidentLookups): Record<string, unknown> {
  return {
    ticketNumber,
    at: entry.at,
    author: lookups.person(entry.authorId)?.name ?? UNKNOWN_PERSON,
    visibility: entry.kind === 'internal_note' ? 'Internal' : 'Public',
    minutes: entry.minutes,
    text: entry.body,
  };
}
