import { z } from 'zod';
import { err, ok, type Result } from '../result';
import { parseWith } from '../validation';
import { isActive, MAX_ESCALATION } from './enums';
import { idField, instant, LIMITS, text } from './fields';
import type { Ticket } from './schema';

/**
 * Escalation: level 0 is "handled by the desk"; 1–3 are successive tiers
 * (application specialist, vendor or state support, management). Every move
 * records who, why and when; the previous values live in history.
 */
export const EscalationInputSchema = z.object({
  reason: text('Escalation reason', LIMITS.reason, { required: true, multiline: true }),
  by: idField('Who escalated'),
  at: instant('Escalation time'),
  /** Target level; default one step up (escalate) or down (de-escalate). */
  toLevel: z.number({ error: 'Escalation level must be a number' }).int('Escalation level must be a whole number').optional(),
  /** Escalating often hands the ticket to another queue at the same time. */
  teamId: idField('Team').nullable().optional(),
});
export type EscalationInput = z.input<typeof EscalationInputSchema>;

function move(ticket: Ticket, input: EscalationInput, direction: 1 | -1): Result<Ticket> {
  const parsed = parseWith(EscalationInputSchema, input, 'escalation');
  if (!parsed.ok) return parsed;
  const { reason, by, at, teamId } = parsed.value;
  if (!isActive(ticket.status)) return err('conflict', `A ${ticket.status} ticket cannot be escalated or de-escalated`);
  if (at < ticket.createdAt) return err('invalid_request', 'The escalation cannot be dated before the ticket was created');
  const current = ticket.escalationLevel;
  const toLevel = parsed.value.toLevel ?? current + direction;
  if (direction === 1) {
    if (current >= MAX_ESCALATION) return err('conflict', `The ticket is already at the highest escalation level (${MAX_ESCALATION})`);
    if (toLevel < 1 || toLevel > MAX_ESCALATION)
      return err('invalid_request', `Escalation level must be 1 to ${MAX_ESCALATION}`, { toLevel: `Choose a level from 1 to ${MAX_ESCALATION}` });
    if (toLevel <= current) return err('invalid_request', `Escalating must raise the level above ${current}`, { toLevel: `Choose a level above ${current}` });
  } else {
    if (current === 0) return err('conflict', 'The ticket is not escalated');
    if (toLevel < 0 || toLevel >= current)
      return err('invalid_request', `De-escalating must lower the level below ${current}`, { toLevel: `Choose a level from 0 to ${current - 1}` });
  }
  return ok({
    ...ticket,
    escalationLevel: toLevel,
    escalation: { level: toLevel, reason, by, at },
    teamId: teamId === undefined ? ticket.teamId : teamId,
    updatedAt: at,
  });
}

export const escalate = (ticket: Ticket, input: EscalationInput): Result<Ticket> => move(ticket, input, 1);
export const deEscalate = (ticket: Ticket, input: EscalationInput): Result<Ticket> => move(ticket, input, -1);
