import { z } from 'zod';
import { err, ok, type Result } from '../result';
import { parseWith } from '../validation';
import { isActive, type Level, type Priority } from './enums';
import { idField, instant, LIMITS, text } from './fields';
import { PrioritySchema, type PriorityOverride, type Ticket } from './schema';

/**
 * Priority from impact × urgency.
 *
 * Impact is how much of the agency is hurt (high: a courthouse or a district
 * cannot work; low: one person is inconvenienced). Urgency is how soon the harm
 * grows (high: a calendar call or payroll run is hours away; low: it can wait
 * for the next week). The matrix is symmetric and each step down either axis
 * lowers priority by one:
 *
 *                     urgency high   urgency medium   urgency low
 *     impact high         P1              P2              P3
 *     impact medium       P2              P3              P4
 *     impact low          P3              P4              P4
 *
 * i.e. the rank sum (high 1, medium 2, low 3) of 2 is P1, 3 is P2, 4 is P3 and
 * 5 or 6 is P4, so P1 is reserved for the one cell where both are high.
 */
export const PRIORITY_MATRIX: Readonly<Record<Level, Readonly<Record<Level, Priority>>>> = {
  high: { high: 'P1', medium: 'P2', low: 'P3' },
  medium: { high: 'P2', medium: 'P3', low: 'P4' },
  low: { high: 'P3', medium: 'P4', low: 'P4' },
};

export function priorityFor(impact: Level, urgency: Level): Priority {
  return PRIORITY_MATRIX[impact][urgency];
}

/** The priority the ticket should have: an override wins over the matrix. */
export function effectivePriority(t: Pick<Ticket, 'impact' | 'urgency' | 'priorityOverride'>): Priority {
  return t.priorityOverride?.priority ?? priorityFor(t.impact, t.urgency);
}

/** P1 sorts first. */
export const priorityRank = (p: Priority): number => Number(p.slice(1));

export const PriorityOverrideInputSchema = z.object({
  priority: PrioritySchema,
  by: idField('Who overrode the priority'),
  reason: text('Reason for the priority override', LIMITS.reason, { required: true, multiline: true }),
  at: instant('Override time'),
});
export type PriorityOverrideInput = z.input<typeof PriorityOverrideInputSchema>;

/**
 * Override the matrix. A reason is required: an override is a judgement call
 * (a judge's calendar at 9 a.m. makes a "medium" printer fault P1) and the
 * next person needs to know why.
 */
export function overridePriority(ticket: Ticket, input: PriorityOverrideInput): Result<Ticket> {
  if (!isActive(ticket.status)) return err('conflict', `The priority of a ${ticket.status} ticket cannot be changed`);
  const parsed = parseWith(PriorityOverrideInputSchema, input, 'priority override');
  if (!parsed.ok) return parsed;
  const override: PriorityOverride = parsed.value;
  return ok({ ...ticket, priorityOverride: override, priority: override.priority, updatedAt: override.at });
}

/** Remove the override: the matrix decides again. */
export function clearPriorityOverride(ticket: Ticket, at: string): Result<Ticket> {
  if (!ticket.priorityOverride) return err('conflict', 'The priority is not overridden');
  if (!isActive(ticket.status)) return err('conflict', `The priority of a ${ticket.status} ticket cannot be changed`);
  return ok({ ...ticket, priorityOverride: null, priority: priorityFor(ticket.impact, ticket.urgency), updatedAt: at });
}
