import { describe, expect, it } from 'vitest';
import { STATUSES, type Status } from '../../../../shared/tickets/enums';
import { TicketSchema, type Ticket } from '../../../../shared/tickets/schema';
import { applyTransition, canTransition, TRANSITIONS } from '../../../../shared/tickets/transitions';
import { makeTicket, pacific, policy } from './fixtures';

const resolution = { code: 'fixed' as const, text: 'Cleared the e-filing queue', rootCause: 'Stuck batch job' };

function step(t: Ticket, to: Status, at: string, extra: object = {}): Ticket {
  const r = applyTransition(t, to, { at, policy, calendar: pacific, ...extra });
  if (!r.ok) throw new Error(r.error.message);
  expect(TicketSchema.safeParse(r.value).success).toBe(true);
  return r.value;
}

describe('canTransition', () => {
  it('allows exactly the documented moves', () => {
    const allowed = STATUSES.flatMap((from) => STATUSES.filter((to) => canTransition(from, to).ok).map((to) => `${from}>${to}`));
    expect(allowed).toEqual([
      'new>open', 'new>pending', 'new>resolved', 'new>cancelled',
      'open>pending', 'open>resolved', 'open>cancelled',
      'pending>open', 'pending>resolved', 'pending>cancelled',
      'resolved>open', 'resolved>closed',
    ]);
    expect(Object.values(TRANSITIONS).flat()).toHaveLength(allowed.length);
  });

  it('explains refusals', () => {
    const reason = (from: Status, to: Status) => {
      const r = canTransition(from, to);
      return r.ok ? null : r.error.message;
    };
    expect(reason('open', 'open')).toBe('The ticket is already open');
    expect(reason('closed', 'open')).toBe('A closed ticket is final; open a new ticket and link it to this one');
    expect(reason('cancelled', 'new')).toBe('A cancelled ticket is final; open a new ticket and link it to this one');
    expect(reason('resolved', 'pending')).toBe('Reopen the ticket before setting it to pending');
    expect(reason('open', 'closed')).toBe('Resolve the ticket before closing it');
    expect(reason('open', 'new')).toBe('A ticket cannot go back to new once it has been worked on');
  });
});

describe('applyTransition', () => {
  it('walks create → open → pending → open → resolve → reopen → resolve → close', () => {
    let t = makeTicket();
    t = step(t, 'open', '2025-01-13T17:05:00.000Z');
    expect(t.status).toBe('open');
    t = step(t, 'pending', '2025-01-13T18:00:00.000Z', { pendingReason: 'waiting_on_requester' });
    expect(t.pendingReason).toBe('waiting_on_requester');
    expect(t.pauses).toEqual([{ from: '2025-01-13T18:00:00.000Z', to: null, reason: 'waiting_on_requester' }]);
    t = step(t, 'open', '2025-01-14T18:00:00.000Z');
    expect(t.pendingReason).toBeNull();
    expect(t.pauses[0]?.to).toBe('2025-01-14T18:00:00.000Z');
    t = step(t, 'resolved', '2025-01-14T19:00:00.000Z', { resolution });
    expect(t).toMatchObject({ resolvedAt: '2025-01-14T19:00:00.000Z', resolution, firstRespondedAt: '2025-01-14T19:00:00.000Z' });
    t = step(t, 'open', '2025-01-15T19:00:00.000Z');
    expect(t).toMatchObject({ resolvedAt: null, resolution: null, reopenCount: 1 });
    t = step(t, 'resolved', '2025-01-15T20:00:00.000Z', { resolution });
    t = step(t, 'closed', '2025-01-18T20:00:00.000Z');
    expect(t).toMatchObject({ status: 'closed', closedAt: '2025-01-18T20:00:00.000Z', resolvedAt: '2025-01-15T20:00:00.000Z' });
    expect(t.updatedAt).toBe('2025-01-18T20:00:00.000Z');
  });

  it('requires a pending reason', () => {
    const r = applyTransition(makeTicket(), 'pending', { at: '2025-01-13T18:00:00.000Z' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.fields).toEqual({ pendingReason: 'Choose a pending reason' });
  });

  it('requires a valid resolution', () => {
    const none = applyTransition(makeTicket(), 'resolved', { at: '2025-01-13T18:00:00.000Z' });
    expect(!none.ok && none.error.fields).toEqual({ resolution: 'A resolution is required' });
    const empty = applyTransition(makeTicket(), 'resolved', { at: '2025-01-13T18:00:00.000Z', resolution: { code: 'fixed', text: ' ' } });
    expect(!empty.ok && empty.error.fields?.text).toBe('Resolution is required');
    const badCode = applyTransition(makeTicket(), 'resolved', { at: '2025-01-13T18:00:00.000Z', resolution: { code: 'magic', text: 'x' } as never });
    expect(!badCode.ok && badCode.error.fields?.code).toBe('Pick a resolution code');
  });

  it('keeps an earlier first response when resolving', () => {
    const t = { ...makeTicket(), firstRespondedAt: '2025-01-13T17:10:00.000Z' };
    expect(step(t, 'resolved', '2025-01-13T19:00:00.000Z', { resolution }).firstRespondedAt).toBe('2025-01-13T17:10:00.000Z');
  });

  it('cancelling records the closing time and ends any pause', () => {
    let t = step(makeTicket(), 'pending', '2025-01-13T18:00:00.000Z', { pendingReason: 'change_window' });
    t = step(t, 'cancelled', '2025-01-13T19:00:00.000Z');
    expect(t).toMatchObject({ closedAt: '2025-01-13T19:00:00.000Z', pendingReason: null });
    expect(t.pauses[0]?.to).toBe('2025-01-13T19:00:00.000Z');
  });

  it('refuses a change dated before the ticket existed', () => {
    const r = applyTransition(makeTicket(), 'open', { at: '2024-12-31T00:00:00.000Z' });
    expect(r.ok).toBe(false);
  });

  it('refuses a disallowed move without changing anything', () => {
    const t = makeTicket();
    const r = applyTransition(t, 'closed', { at: '2025-01-13T19:00:00.000Z' });
    expect(r).toEqual({ ok: false, error: { code: 'conflict', message: 'Resolve the ticket before closing it' } });
    expect(t.status).toBe('new');
  });
});
