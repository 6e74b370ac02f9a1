import { err, ok, type Result } from '../result';
import { parseWith } from '../validation';
import type { CalendarSpec } from './calendar';
import { isActive } from './enums';
import { effectivePriority } from './priority';
import { EDITABLE_FIELDS, TicketPatchSchema, type Ticket } from './schema';
import { withDueTimes, type SlaPolicy } from './sla';

export interface EditContext {
  now: string;
  policy?: SlaPolicy | null;
  calendar?: CalendarSpec | null;
}

export interface Edited {
  ticket: Ticket;
  /** The fields whose value actually changed; empty means nothing to write. */
  changed: string[];
}

/**
 * Apply an edit. Closed and cancelled tickets are read-only (the record of
 * what was done). A change of impact or urgency recomputes the priority unless
 * it is overridden, and a priority change recomputes the due times, since the
 * targets depend on it. `words` is left to the caller, which knows the
 * requester's name and the work log.
 */
export function applyEdit(ticket: Ticket, patch: unknown, ctx: EditContext): Result<Edited> {
  const parsed = parseWith(TicketPatchSchema, patch, 'edit');
  if (!parsed.ok) return parsed;
  if (ticket.status === 'closed' || ticket.status === 'cancelled') return err('conflict', `A ${ticket.status} ticket cannot be edited`);
  const p = parsed.value;
  const changed: string[] = [];
  const next: Ticket = { ...ticket };
  const target = next as Record<string, unknown>;
  for (const field of EDITABLE_FIELDS) {
    const value = p[field];
    if (value === undefined) continue;
    const before = ticket[field];
    const same = Array.isArray(value) && Array.isArray(before) ? value.join('\u0000') === before.join('\u0000') : value === before;
    if (same) continue;
    target[field] = value;
    changed.push(field);
  }
  if (changed.length === 0) return ok({ ticket, changed });
  if ((changed.includes('impact') || changed.includes('urgency')) && !isActive(ticket.status)) {
    // A resolved ticket's priority is what it was resolved under; re-rating it afterwards must not move its SLA.
    return err('conflict', 'Reopen the ticket before changing its impact or urgency');
  }
  next.priority = effectivePriority(next);
  if (next.priority !== ticket.priority) changed.push('priority');
  next.updatedAt = ctx.now;
  const withDue = next.priority !== ticket.priority ? withDueTimes(next, ctx.policy ?? null, ctx.calendar ?? null) : next;
  return ok({ ticket: withDue, changed });
}
