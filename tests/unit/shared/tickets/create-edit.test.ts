import { describe, expect, it } from 'vitest';
import { createTicket } from '../../../../shared/tickets/create';
import { applyEdit } from '../../../../shared/tickets/edit';
import { overridePriority } from '../../../../shared/tickets/priority';
import { RoutingRuleSchema } from '../../../../shared/tickets/routing';
import { TicketSchema } from '../../../../shared/tickets/schema';
import { applyTransition } from '../../../../shared/tickets/transitions';
import { matchesQuery } from '../../../../shared/tickets/search';
import { makeTicket, pacific, policy } from './fixtures';

const base = { id: 'n1', number: 'KX7Q-00007', now: '2025-01-13T17:00:00.000Z', createdBy: 'staff-1' };
const rules = [RoutingRuleSchema.parse({ id: 'r1', name: 'Jury', systemId: 'sys-jury', teamId: 'team-jury' })];

describe('createTicket', () => {
  it('builds a valid new ticket: status new, priority from the matrix, routed, due times, search words', () => {
    const r = createTicket(
      { title: 'Jury check-in kiosk frozen', requesterId: 'p1', systemId: 'sys-jury', impact: 1, urgency: 1 },
      { ...base, rules, policy, calendar: pacific, requesterName: 'Dana Okafor' },
    );
    if (!r.ok) throw new Error(r.error.message);
    const { ticket, route } = r.value;
    expect(ticket).toMatchObject({ status: 'new', priority: 'P1', teamId: 'team-jury', firstResponseDue: '2025-01-13T17:30:00.000Z' });
    expect(route?.ruleId).toBe('r1');
    expect(matchesQuery(ticket.words, 'okafor kiosk 7')).toBe(false); // one-digit words are not indexed
    expect(matchesQuery(ticket.words, 'okafor kiosk')).toBe(true);
    expect(TicketSchema.safeParse(ticket).success).toBe(true);
  });

  it('a team chosen by the person wins over routing', () => {
    const r = createTicket({ title: 'x', requesterId: 'p1', systemId: 'sys-jury', teamId: 'team-mine' }, { ...base, rules });
    expect(r.ok && [r.value.ticket.teamId, r.value.route]).toEqual(['team-mine', null]);
  });

  it('returns field messages and builds nothing for bad input', () => {
    const r = createTicket({ title: '', requesterId: '' }, base);
    expect(!r.ok && r.error.fields).toEqual({ title: 'Title is required', requesterId: 'Requester is required' });
  });
});

describe('applyEdit', () => {
  const ctx = { now: '2025-01-13T18:00:00.000Z', policy, calendar: pacific };

  it('reports what changed and recomputes priority and due times from impact and urgency', () => {
    const t = makeTicket({ impact: 'low', urgency: 'low' });
    const r = applyEdit(t, { impact: 'high', urgency: 'high', title: t.title }, ctx);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.changed).toEqual(['impact', 'urgency', 'priority']);
    expect(r.value.ticket).toMatchObject({ priority: 'P1', firstResponseDue: '2025-01-13T17:30:00.000Z', updatedAt: ctx.now });
  });

  it('keeps an overridden priority', () => {
    const o = overridePriority(makeTicket(), { priority: 'P1', by: 's', reason: 'Judge waiting', at: ctx.now });
    if (!o.ok) throw new Error('setup');
    const r = applyEdit(o.value, { impact: 'low' }, ctx);
    expect(r.ok && r.value.ticket.priority).toBe('P1');
  });

  it('an edit that changes nothing writes nothing', () => {
    const t = makeTicket({ tags: ['vpn'] });
    const r = applyEdit(t, { title: t.title, tags: ['VPN'] }, ctx);
    expect(r.ok && r.value).toEqual({ ticket: t, changed: [] });
  });

  it('refuses edits to closed tickets and re-rating a resolved one', () => {
    const resolved = applyTransition(makeTicket(), 'resolved', { at: ctx.now, resolution: { code: 'fixed', text: 'ok' } });
    if (!resolved.ok) throw new Error('setup');
    expect(applyEdit(resolved.value, { title: 'Better title' }, ctx).ok).toBe(true);
    const rerate = applyEdit(resolved.value, { urgency: 'high' }, ctx);
    expect(!rerate.ok && rerate.error.message).toBe('Reopen the ticket before changing its impact or urgency');
    const closed = applyTransition(resolved.value, 'closed', { at: ctx.now });
    if (!closed.ok) throw new Error('setup');
    expect(applyEdit(closed.value, { title: 'x' }, ctx).ok).toBe(false);
  });

  it('passes validation messages through', () => {
    const r = applyEdit(makeTicket(), { description: 'a\u0000b' }, ctx);
    expect(!r.ok && r.error.fields?.description).toMatch(/control character \(U\+0000\)/);
  });
});
