import { describe, expect, it } from 'vitest';
import { applyTransition } from '../../../../shared/tickets/transitions';
import {
  computeDueTimes,
  dueWithPauses,
  pausedBusinessMinutes,
  pickPolicy,
  slaState,
  SlaPolicySchema,
} from '../../../../shared/tickets/sla';
import type { Ticket } from '../../../../shared/tickets/schema';
import { makeTicket, pacific, policy } from './fixtures';

const ctx = { policy, calendar: pacific };

function ok<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe('due times', () => {
  it('come from createdAt, the priority and the calendar', () => {
    // Mon 13 Jan 09:00 PST, P2 (impact high, urgency medium): 60 and 480 business minutes
    const t = makeTicket({ impact: 'high', urgency: 'medium' });
    expect(t.priority).toBe('P2');
    expect(t.firstResponseDue).toBe('2025-01-13T18:00:00.000Z');
    expect(t.resolutionDue).toBe('2025-01-14T01:00:00.000Z'); // 17:00 PST the same day
  });

  it('a pending interval over a weekend pushes the due time by the business time paused', () => {
    // Created Thu 16 Jan 09:00 PST, P3: 960 business minutes on 9-hour days,
    // so 480 on Thursday and 480 on Friday: due Fri 16:00 PST without a pause.
    let t = makeTicket({ impact: 'medium', urgency: 'medium' }, { now: '2025-01-16T17:00:00.000Z' });
    expect(t.resolutionDue).toBe('2025-01-18T00:00:00.000Z');
    // Pending Fri 10:00 PST → Mon 20 Jan 10:00 PST: 420 + 120 business minutes paused.
    t = ok(applyTransition(t, 'pending', { at: '2025-01-17T18:00:00.000Z', pendingReason: 'waiting_on_requester', ...ctx }));
    expect(t.resolutionDue).toBeNull();
    t = ok(applyTransition(t, 'open', { at: '2025-01-20T18:00:00.000Z', ...ctx }));
    // 600 used before the pause, 360 left from Mon 10:00: Mon 16:00 PST.
    expect(t.resolutionDue).toBe('2025-01-21T00:00:00.000Z');
    expect(pausedBusinessMinutes(t, pacific, '2025-01-21T00:00:00.000Z')).toBe(540);
  });

  it('a pause that ends after the due time would have passed still only delays by the pause', () => {
    const start = Date.parse('2025-01-13T17:00:00Z'); // Mon 09:00 PST
    const due = dueWithPauses(start, 60 * 60_000, [{ from: '2025-01-13T17:30:00.000Z', to: '2025-01-14T17:30:00.000Z', reason: 'other' }], pacific);
    // 30 minutes before the pause, 30 after it (Tue 09:30 PST): Tue 10:00 PST
    expect(new Date(due ?? 0).toISOString()).toBe('2025-01-14T18:00:00.000Z');
  });

  it('a pause after the due time changes nothing; overlapping pauses are not counted twice', () => {
    const start = Date.parse('2025-01-13T17:00:00Z');
    const late = dueWithPauses(start, 60 * 60_000, [{ from: '2025-01-13T19:00:00.000Z', to: null, reason: 'other' }], pacific);
    expect(new Date(late ?? 0).toISOString()).toBe('2025-01-13T18:00:00.000Z');
    const overlapping = dueWithPauses(
      start,
      120 * 60_000,
      [
        { from: '2025-01-13T17:30:00.000Z', to: '2025-01-13T18:30:00.000Z', reason: 'other' },
        { from: '2025-01-13T18:00:00.000Z', to: '2025-01-13T18:45:00.000Z', reason: 'waiting_on_vendor' },
      ],
      pacific,
    );
    // 30 before, 75 paused, 90 after 10:45 PST: 12:15 PST
    expect(new Date(overlapping ?? 0).toISOString()).toBe('2025-01-13T20:15:00.000Z');
  });

  it('time spent resolved before a reopen does not count', () => {
    let t = makeTicket({ impact: 'high', urgency: 'high' }); // P1, 240 minutes
    t = ok(applyTransition(t, 'resolved', { at: '2025-01-13T18:00:00.000Z', resolution: { code: 'fixed', text: 'Reset cache' }, ...ctx }));
    t = ok(applyTransition(t, 'open', { at: '2025-01-13T22:00:00.000Z', ...ctx }));
    // 60 used before the resolve; reopened at 14:00 PST with 180 left: 17:00 PST that day
    // (without the pause it would have been due at 13:00 PST).
    expect(t.resolutionDue).toBe('2025-01-14T01:00:00.000Z');
    expect(t.pauses).toEqual([{ from: '2025-01-13T18:00:00.000Z', to: '2025-01-13T22:00:00.000Z', reason: 'resolved' }]);
  });

  it('computeDueTimes follows a priority change', () => {
    const t = makeTicket({ impact: 'low', urgency: 'low' });
    expect(computeDueTimes({ ...t, priority: 'P1' }, policy, pacific).firstResponseDue).toBe('2025-01-13T17:30:00.000Z');
  });
});

describe('slaState', () => {
  const p1 = () => makeTicket({ impact: 'high', urgency: 'high' }); // FR 30, resolution 240 from Mon 09:00 PST

  it('is running, not at risk, early on', () => {
    const s = slaState(p1(), policy, pacific, '2025-01-13T17:10:00.000Z');
    expect(s.firstResponse).toMatchObject({ elapsedMinutes: 10, remainingMinutes: 20, met: false, breached: false, atRisk: false, paused: false });
  });

  it('is at risk when less than a quarter of the target is left', () => {
    const s = slaState(p1(), policy, pacific, '2025-01-13T17:25:00.000Z');
    expect(s.firstResponse.atRisk).toBe(true);
    expect(s.firstResponse.remainingMinutes).toBe(5);
    expect(s.resolution.atRisk).toBe(false);
  });

  it('is breached past the target, with negative remaining time', () => {
    const s = slaState(p1(), policy, pacific, '2025-01-13T17:31:00.000Z');
    expect(s.firstResponse).toMatchObject({ breached: true, atRisk: false, remainingMinutes: -1 });
  });

  it('counts only business time: a ticket logged Friday evening is not breached on Saturday', () => {
    const t = makeTicket({ impact: 'high', urgency: 'high' }, { now: '2025-01-18T02:00:00.000Z' }); // Fri 18:00 PST
    const s = slaState(t, policy, pacific, '2025-01-18T20:00:00.000Z');
    expect(s.firstResponse.elapsedMinutes).toBe(0);
    expect(s.firstResponse.due).toBe('2025-01-20T16:30:00.000Z');
  });

  it('is met when the first response came in time, and stays met afterwards', () => {
    const t: Ticket = { ...p1(), firstRespondedAt: '2025-01-13T17:20:00.000Z' };
    const s = slaState(t, policy, pacific, '2025-01-14T23:00:00.000Z');
    expect(s.firstResponse).toMatchObject({ met: true, breached: false, stoppedAt: '2025-01-13T17:20:00.000Z', elapsedMinutes: 20 });
    expect(s.resolution.breached).toBe(true);
  });

  it('a late response is breached, not met', () => {
    const t: Ticket = { ...p1(), firstRespondedAt: '2025-01-13T18:00:00.000Z' };
    expect(slaState(t, policy, pacific, '2025-01-13T18:00:00.000Z').firstResponse).toMatchObject({ met: false, breached: true });
  });

  it('is paused while pending, with no due time and no risk', () => {
    const t = ok(applyTransition(p1(), 'pending', { at: '2025-01-13T17:20:00.000Z', pendingReason: 'waiting_on_vendor', ...ctx }));
    const s = slaState(t, policy, pacific, '2025-01-14T23:00:00.000Z');
    expect(s.firstResponse).toMatchObject({ paused: true, due: null, atRisk: false, breached: false, elapsedMinutes: 20 });
  });

  it('does not apply to cancelled tickets', () => {
    const t = ok(applyTransition(p1(), 'cancelled', { at: '2025-01-15T17:20:00.000Z' }));
    const s = slaState(t, policy, pacific, '2025-01-16T17:20:00.000Z');
    expect(s.resolution).toMatchObject({ applicable: false, breached: false, met: false, atRisk: false });
  });

  it('the resolution clock of a resolved ticket stops at resolvedAt', () => {
    const t = ok(applyTransition(p1(), 'resolved', { at: '2025-01-13T19:00:00.000Z', resolution: { code: 'fixed', text: 'Done' } }));
    const s = slaState(t, policy, pacific, '2025-02-13T19:00:00.000Z');
    expect(s.resolution).toMatchObject({ met: true, elapsedMinutes: 120, stoppedAt: '2025-01-13T19:00:00.000Z' });
    // Resolving counts as the first response when nobody had responded.
    expect(s.firstResponse).toMatchObject({ met: false, breached: true, stoppedAt: '2025-01-13T19:00:00.000Z' });
  });
});

describe('policies', () => {
  it('a site policy wins over the default', () => {
    const court = SlaPolicySchema.parse({ ...policy, id: 'pol-court', isDefault: false, siteIds: ['site-hoj'] });
    expect(pickPolicy({ siteId: 'site-hoj' }, [policy, court])?.id).toBe('pol-court');
    expect(pickPolicy({ siteId: 'site-other' }, [policy, court])?.id).toBe('pol-default');
    expect(pickPolicy({ siteId: null }, [court])).toBeNull();
  });

  it('rejects a first-response target longer than the resolution target', () => {
    const r = SlaPolicySchema.safeParse({ ...policy, targets: { ...policy.targets, P1: { firstResponseMinutes: 500, resolutionMinutes: 240 } } });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toMatch(/first-response target cannot be longer/);
  });

  it('rejects fractional and zero targets with a message', () => {
    const r = SlaPolicySchema.safeParse({ ...policy, targets: { ...policy.targets, P2: { firstResponseMinutes: 0.5, resolutionMinutes: 0 } } });
    expect(r.success).toBe(false);
    const messages = r.error?.issues.map((i) => i.message);
    expect(messages).toContain('First-response target must be whole minutes');
    expect(messages).toContain('Resolution target must be at least 1 minute');
  });
});
