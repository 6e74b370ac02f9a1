import { describe, expect, it } from 'vitest';
import { deEscalate, escalate } from '../../../../shared/tickets/escalation';
import { TicketSchema } from '../../../../shared/tickets/schema';
import { applyTransition } from '../../../../shared/tickets/transitions';
import { makeTicket } from './fixtures';

const at = '2025-01-13T18:00:00.000Z';
const by = 'staff-1';

describe('escalation', () => {
  it('steps up one level with reason, who and when, optionally handing to a team', () => {
    const r = escalate(makeTicket(), { reason: 'Vendor ticket needed', by, at, teamId: 'team-tier2' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toMatchObject({ escalationLevel: 1, escalation: { level: 1, reason: 'Vendor ticket needed', by, at }, teamId: 'team-tier2' });
    expect(TicketSchema.safeParse(r.value).success).toBe(true);
  });

  it('can jump to a level, but not past 3 or below the current level', () => {
    const t = makeTicket();
    const two = escalate(t, { reason: 'Outage', by, at, toLevel: 2 });
    expect(two.ok && two.value.escalationLevel).toBe(2);
    const four = escalate(t, { reason: 'x', by, at, toLevel: 4 });
    expect(!four.ok && four.error.message).toBe('Escalation level must be 1 to 3');
    if (!two.ok) return;
    const same = escalate(two.value, { reason: 'x', by, at, toLevel: 2 });
    expect(!same.ok && same.error.message).toBe('Escalating must raise the level above 2');
    const three = escalate(two.value, { reason: 'x', by, at });
    if (!three.ok) throw new Error('setup');
    const beyond = escalate(three.value, { reason: 'x', by, at });
    expect(!beyond.ok && beyond.error.message).toBe('The ticket is already at the highest escalation level (3)');
  });

  it('needs a reason', () => {
    const r = escalate(makeTicket(), { reason: '', by, at });
    expect(!r.ok && r.error.fields?.reason).toBe('Escalation reason is required');
  });

  it('de-escalates down to 0 and not below', () => {
    const up = escalate(makeTicket(), { reason: 'x', by, at, toLevel: 2 });
    if (!up.ok) throw new Error('setup');
    const down = deEscalate(up.value, { reason: 'Workaround in place', by, at: '2025-01-13T19:00:00.000Z' });
    expect(down.ok && down.value.escalation).toEqual({ level: 1, reason: 'Workaround in place', by, at: '2025-01-13T19:00:00.000Z' });
    const zero = deEscalate(up.value, { reason: 'Fixed', by, at, toLevel: 0 });
    expect(zero.ok && zero.value.escalationLevel).toBe(0);
    const notEscalated = deEscalate(makeTicket(), { reason: 'x', by, at });
    expect(!notEscalated.ok && notEscalated.error.message).toBe('The ticket is not escalated');
  });

  it('is refused on resolved tickets', () => {
    const resolved = applyTransition(makeTicket(), 'resolved', { at, resolution: { code: 'fixed', text: 'ok' } });
    if (!resolved.ok) throw new Error('setup');
    const r = escalate(resolved.value, { reason: 'x', by, at });
    expect(!r.ok && r.error.message).toBe('A resolved ticket cannot be escalated or de-escalated');
  });
});
