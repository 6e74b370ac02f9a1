import { ok, type Result } from '../result';
import { parseWith } from '../validation';
import type { CalendarSpec } from './calendar';
import { priorityFor } from './priority';
import { suggestRoute, type RouteSuggestion, type RoutingRule } from './routing';
import { TicketCreateSchema, type Ticket } from './schema';
import { searchWords } from './search';
import { withDueTimes, type SlaPolicy } from './sla';

export interface CreateContext {
  id: string;
  /** From numbering.ts, made by the device creating the ticket. */
  number: string;
  now: string;
  createdBy: string;
  /** Applied when the input names no team. */
  rules?: readonly RoutingRule[];
  policy?: SlaPolicy | null;
  calendar?: CalendarSpec | null;
  /** For the search words. */
  requesterName?: string;
}

export interface Created {
  ticket: Ticket;
  /** The routing rule that chose the team, if one did. */
  route: RouteSuggestion | null;
}

/** Validate create input and build the new ticket: status new, priority from the matrix, routed, due times set. */
export function createTicket(input: unknown, ctx: CreateContext): Result<Created> {
  const parsed = parseWith(TicketCreateSchema, input, 'ticket');
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  const route = v.teamId === null && ctx.rules ? suggestRoute(v, ctx.rules) : null;
  const base: Ticket = {
    ...v,
    id: ctx.id,
    number: ctx.number,
    teamId: v.teamId ?? route?.teamId ?? null,
    priority: priorityFor(v.impact, v.urgency),
    priorityOverride: null,
    status: 'new',
    pendingReason: null,
    escalationLevel: 0,
    escalation: null,
    firstResponseDue: null,
    resolutionDue: null,
    firstRespondedAt: null,
    resolvedAt: null,
    closedAt: null,
    pauses: [],
    reopenCount: 0,
    resolution: null,
    mergedInto: null,
    createdBy: ctx.createdBy,
    createdAt: ctx.now,
    updatedAt: ctx.now,
    words: [],
    stamps: {},
    deleted: 0,
  };
  base.words = searchWords({ number: base.number, title: base.title, description: base.description, requesterName: ctx.requesterName ?? '' });
  return ok({ ticket: withDueTimes(base, ctx.policy ?? null, ctx.calendar ?? null), route });
}
