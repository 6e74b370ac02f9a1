import { err, ok, type Result } from '../result';
import { parseWith } from '../validation';
import type { CalendarSpec } from './calendar';
import { LABELS, type PendingReason, type Status } from './enums';
import { PendingReasonSchema, ResolutionSchema, type Pause, type ResolutionInput, type Ticket } from './schema';
import { withDueTimes, type SlaPolicy } from './sla';

/**
 * The one rule for status changes.
 *
 *     new ──► open ──► pending ──► open
 *      │        │         │
 *      ├────────┴─────────┴──► resolved ──► closed
 *      │                          │
 *      │                          └──► open   (reopen)
 *      └──► cancelled  (also from open and pending)
 *
 * closed and cancelled are final: a problem that comes back after closure is a
 * new ticket linked to the old one, so the closed record stays what was
 * reported and audited.
 */
export const TRANSITIONS: Readonly<Record<Status, readonly Status[]>> = {
  new: ['open', 'pending', 'resolved', 'cancelled'],
  open: ['pending', 'resolved', 'cancelled'],
  pending: ['open', 'resolved', 'cancelled'],
  resolved: ['open', 'closed'],
  closed: [],
  cancelled: [],
};

const label = (s: Status) => LABELS.status[s].toLowerCase();

export function canTransition(from: Status, to: Status): Result<true> {
  if (from === to) return err('conflict', `The ticket is already ${label(to)}`);
  if (TRANSITIONS[from].includes(to)) return ok(true);
  if (from === 'closed' || from === 'cancelled')
    return err('conflict', `A ${label(from)} ticket is final; open a new ticket and link it to this one`);
  if (from === 'resolved' && to === 'pending') return err('conflict', 'Reopen the ticket before setting it to pending');
  if (from === 'resolved' && to === 'cancelled') return err('conflict', 'A resolved ticket cannot be cancelled; close it or reopen it');
  if (to === 'new') return err('conflict', 'A ticket cannot go back to new once it has been worked on');
  if (to === 'closed') return err('conflict', 'Resolve the ticket before closing it');
  return err('conflict', `A ticket cannot move from ${label(from)} to ${label(to)}`);
}

/** The statuses a ticket can move to next, for menus and buttons. */
export const nextStatuses = (from: Status): readonly Status[] => TRANSITIONS[from];

export interface TransitionContext {
  /** When the change happens (ISO, UTC). */
  at: string;
  /** Required when moving to pending. */
  pendingReason?: PendingReason;
  /** Required when moving to resolved. */
  resolution?: ResolutionInput;
  /** When both are given, the stored due times are recomputed after the change. */
  policy?: SlaPolicy | null;
  calendar?: CalendarSpec | null;
}

function closeOpenPause(pauses: readonly Pause[], at: string): Pause[] {
  return pauses.map((p) => (p.to === null ? { ...p, to: at < p.from ? p.from : at } : p));
}

/**
 * Move the ticket to `to`, keeping every dependent field in step: pending
 * opens an SLA pause and needs a reason; leaving pending closes the pause;
 * resolving needs a resolution and records resolvedAt (and counts as the first
 * response if there was none); reopening clears resolvedAt and the resolution
 * and pauses the clock for the time it sat resolved; closing and cancelling
 * record closedAt.
 */
export function applyTransition(ticket: Ticket, to: Status, ctx: TransitionContext): Result<Ticket> {
  const allowed = canTransition(ticket.status, to);
  if (!allowed.ok) return allowed;
  const at = ctx.at;
  if (at < ticket.createdAt) return err('invalid_request', 'The change cannot be dated before the ticket was created');

  let next: Ticket = { ...ticket, status: to, updatedAt: at };
  if (ticket.status === 'pending') next = { ...next, pendingReason: null, pauses: closeOpenPause(ticket.pauses, at) };

  switch (to) {
    case 'pending': {
      const reason = parseWith(PendingReasonSchema, ctx.pendingReason, 'pending reason');
      if (!reason.ok) return err('invalid_request', 'Choose why the ticket is pending', { pendingReason: 'Choose a pending reason' });
      next = { ...next, pendingReason: reason.value, pauses: [...next.pauses, { from: at, to: null, reason: reason.value }] };
      break;
    }
    case 'resolved': {
      if (ctx.resolution === undefined)
        return err('invalid_request', 'Describe the resolution before resolving', { resolution: 'A resolution is required' });
      const resolution = parseWith(ResolutionSchema, ctx.resolution, 'resolution');
      if (!resolution.ok) return resolution;
      next = { ...next, resolution: resolution.value, resolvedAt: at, firstRespondedAt: ticket.firstRespondedAt ?? at };
      break;
    }
    case 'open': {
      if (ticket.status === 'resolved') {
        const resolvedAt = ticket.resolvedAt ?? at;
        next = {
          ...next,
          resolvedAt: null,
          resolution: null,
          reopenCount: ticket.reopenCount + 1,
          pauses: resolvedAt < at ? [...next.pauses, { from: resolvedAt, to: at, reason: 'resolved' }] : next.pauses,
        };
      }
      break;
    }
    case 'closed':
    case 'cancelled':
      next = { ...next, closedAt: at };
      break;
    case 'new':
      break;
  }
  return ok(withDueTimes(next, ctx.policy ?? null, ctx.calendar ?? null));
}
