import { describe, expect, it } from 'vitest';
import type { Ticket } from '../../../../shared/tickets/schema';
import { slaState } from '../../../../shared/tickets/sla';
import { BUILT_IN_VIEWS, compareTickets, matchesFilter, sameListing, siteView, TicketFilterSchema, type FilterContext } from '../../../../shared/tickets/views';
import { makeTicket, pacific, policy } from './fixtures';

const ctx: FilterContext = { meId: 'me', now: '2025-01-13T20:00:00.000Z', endOfToday: '2025-01-14T08:00:00.000Z' };
const view = (id: string) => BUILT_IN_VIEWS.find((v) => v.id === id)!.filter;

let seq = 0;
function t(over: Partial<Ticket>, input: Parameters<typeof makeTicket>[0] = {}): Ticket {
  seq++;
  return makeTicket(input, { id: `t${seq}`, number: `KX7Q-${String(seq).padStart(5, '0')}` }, over);
}

describe('built-in views', () => {
  it('My open: assigned to me and still active', () => {
    expect(matchesFilter(t({ assigneeId: 'me', status: 'open' }), view('my-open'), ctx)).toBe(true);
    expect(matchesFilter(t({ assigneeId: 'other', status: 'open' }), view('my-open'), ctx)).toBe(false);
    expect(matchesFilter(t({ assigneeId: 'me', status: 'resolved' }), view('my-open'), ctx)).toBe(false);
  });

  it('Unassigned', () => {
    expect(matchesFilter(t({}), view('unassigned'), ctx)).toBe(true);
    expect(matchesFilter(t({ assigneeId: 'me' }), view('unassigned'), ctx)).toBe(false);
  });

  it('Breaching today: a due time before the end of the local day, clock running', () => {
    expect(matchesFilter(t({ resolutionDue: '2025-01-14T01:00:00.000Z', firstRespondedAt: '2025-01-13T17:05:00.000Z' }), view('breaching-today'), ctx)).toBe(true);
    expect(matchesFilter(t({ resolutionDue: '2025-01-15T01:00:00.000Z', firstRespondedAt: '2025-01-13T17:05:00.000Z' }), view('breaching-today'), ctx)).toBe(false);
    // First response still owed and due today, even though resolution is later.
    expect(matchesFilter(t({ firstResponseDue: '2025-01-13T21:00:00.000Z', resolutionDue: '2025-01-20T01:00:00.000Z' }), view('breaching-today'), ctx)).toBe(true);
    expect(matchesFilter(t({ status: 'pending', pendingReason: 'other', resolutionDue: null }), view('breaching-today'), ctx)).toBe(false);
  });

  it('Waiting on requester', () => {
    expect(matchesFilter(t({ status: 'pending', pendingReason: 'waiting_on_requester' }), view('waiting-on-requester'), ctx)).toBe(true);
    expect(matchesFilter(t({ status: 'pending', pendingReason: 'waiting_on_vendor' }), view('waiting-on-requester'), ctx)).toBe(false);
  });

  it('By site', () => {
    const v = siteView({ id: 'site-hoj', name: 'Hall of Justice' });
    expect(v.name).toBe('Site: Hall of Justice');
    expect(matchesFilter(t({}, { siteId: 'site-hoj' }), v.filter, ctx)).toBe(true);
    expect(matchesFilter(t({}, { siteId: 'site-annex' }), v.filter, ctx)).toBe(false);
  });

  it('every built-in view is a valid stored filter', () => {
    for (const v of BUILT_IN_VIEWS) expect(TicketFilterSchema.safeParse(v.filter).success).toBe(true);
  });
});

describe('matchesFilter', () => {
  it('combines conditions with AND and treats an empty list as no condition', () => {
    const x = t({ priority: 'P2', tags: ['vpn', 'remote'], teamId: 'team-a' }, { systemId: 'sys-1' });
    expect(matchesFilter(x, { priorities: ['P1', 'P2'], tags: ['VPN'], teamIds: ['team-a'], systemIds: ['sys-1'], statuses: [] }, ctx)).toBe(true);
    expect(matchesFilter(x, { priorities: ['P1'] }, ctx)).toBe(false);
    expect(matchesFilter(x, { tags: ['vpn', 'printer'] }, ctx)).toBe(false);
    expect(matchesFilter(x, { assignee: ['a', 'b'] }, ctx)).toBe(false);
    expect(matchesFilter(x, { escalated: true }, ctx)).toBe(false);
  });

  it('filters on created and updated ranges', () => {
    const x = t({ createdAt: '2025-01-10T00:00:00.000Z', updatedAt: '2025-01-12T00:00:00.000Z' });
    expect(matchesFilter(x, { createdFrom: '2025-01-09T00:00:00.000Z', createdTo: '2025-01-11T00:00:00.000Z' }, ctx)).toBe(true);
    expect(matchesFilter(x, { updatedFrom: '2025-01-12T00:00:00.001Z' }, ctx)).toBe(false);
  });

  it('filters on SLA state, from the stored due time or a supplied SLA', () => {
    const late = t({ firstRespondedAt: '2025-01-13T17:05:00.000Z', resolutionDue: '2025-01-13T19:00:00.000Z' });
    const fine = t({ firstRespondedAt: '2025-01-13T17:05:00.000Z', resolutionDue: '2025-01-13T23:00:00.000Z' });
    expect(matchesFilter(late, { sla: 'breached' }, ctx)).toBe(true);
    expect(matchesFilter(fine, { sla: 'breached' }, ctx)).toBe(false);
    // With the SLA engine: a P1 created 09:00 PST with 240 minutes; at 12:30 PST 30 are left, under 25 %.
    const p1 = t({ firstRespondedAt: '2025-01-13T17:05:00.000Z' }, { impact: 'high', urgency: 'high' });
    const withSla = { ...ctx, sla: (x: Ticket) => slaState(x, policy, pacific, '2025-01-13T20:30:00.000Z') };
    expect(matchesFilter(p1, { sla: 'at_risk' }, withSla)).toBe(true);
    expect(matchesFilter(p1, { sla: 'at_risk' }, ctx)).toBe(false);
  });

  it('applies a text query to the search words', () => {
    const x = t({}, { title: 'Jury management login loop' });
    expect(matchesFilter(x, { text: 'jury log' }, ctx)).toBe(true);
    expect(matchesFilter(x, { text: 'jury payroll' }, ctx)).toBe(false);
  });

  it('never shows deleted tickets', () => {
    expect(matchesFilter(t({ deleted: 1 }), {}, ctx)).toBe(false);
  });
});

describe('compareTickets', () => {
  it('sorts by priority then due time, missing due times last, ties stable by createdAt and id', () => {
    const a = t({ priority: 'P2', resolutionDue: '2025-01-14T00:00:00.000Z', firstRespondedAt: '2025-01-13T17:05:00.000Z' });
    const b = t({ priority: 'P1', resolutionDue: null, firstResponseDue: null });
    const c = t({ priority: 'P1', resolutionDue: '2025-01-15T00:00:00.000Z', firstResponseDue: null });
    const d = t({ priority: 'P1', resolutionDue: '2025-01-14T00:00:00.000Z', firstResponseDue: null });
    const sorted = [a, b, c, d].sort(compareTickets([{ key: 'priority', dir: 'asc' }, { key: 'due', dir: 'asc' }]));
    expect(sorted.map((x) => x.id)).toEqual([d.id, c.id, b.id, a.id]);
    const desc = [a, b, c, d].sort(compareTickets([{ key: 'due', dir: 'desc' }]));
    expect(desc.at(-1)?.id).toBe(b.id);
  });

  it('sorts numbers numerically and titles without regard to case or accents', () => {
    const n1 = t({ number: 'KX7Q-100000', title: 'éclair' });
    const n2 = t({ number: 'KX7Q-99999', title: 'Apple' });
    expect([n1, n2].sort(compareTickets([{ key: 'number', dir: 'asc' }]))[0]).toBe(n2);
    expect([n1, n2].sort(compareTickets([{ key: 'title', dir: 'desc' }]))[0]).toBe(n1);
  });
});

describe('sameListing', () => {
  const view = { filter: { statuses: ['open' as const, 'new' as const], priorities: ['P1' as const], text: 'kiosk' }, sort: [{ key: 'due' as const, dir: 'asc' as const }] };
  it('ignores empty conditions, the order of choices and spaces around the search text', () => {
    expect(sameListing(view, { filter: { text: ' kiosk ', priorities: ['P1'], statuses: ['new', 'open'], tags: [], escalated: false }, sort: [{ key: 'due', dir: 'asc' }] })).toBe(true);
  });
  it('tells a changed condition, an added one, a changed sort and a reordered sort apart', () => {
    expect(sameListing(view, { ...view, filter: { ...view.filter, priorities: ['P2'] } })).toBe(false);
    expect(sameListing(view, { ...view, filter: { ...view.filter, escalated: true } })).toBe(false);
    expect(sameListing(view, { ...view, filter: { statuses: ['open', 'new'], priorities: ['P1'] } })).toBe(false);
    expect(sameListing(view, { ...view, sort: [{ key: 'due', dir: 'desc' }] })).toBe(false);
    const two = { ...view, sort: [{ key: 'due' as const, dir: 'asc' as const }, { key: 'priority' as const, dir: 'asc' as const }] };
    expect(sameListing(two, { ...two, sort: [...two.sort].reverse() })).toBe(false);
  });
});
