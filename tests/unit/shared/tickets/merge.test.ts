import { describe, expect, it } from 'vitest';
import { TicketSchema, type Ticket } from '../../../../shared/tickets/schema';
import { followMergeChain, planMerge, type MergeContext } from '../../../../shared/tickets/merge';
import { applyTransition } from '../../../../shared/tickets/transitions';
import { HistoryEventSchema } from '../../../../shared/tickets/history';
import { TicketLinkSchema } from '../../../../shared/tickets/links';
import { timeTotals, WorkLogEntrySchema, type WorkLogEntry } from '../../../../shared/tickets/worklog';
import { ids, makeTicket } from './fixtures';

const now = '2025-01-14T18:00:00.000Z';
const ctx = (): MergeContext => ({ now, by: 'staff-1', device: 'dev-1', newId: ids() });

const target = makeTicket({ title: 'Jury portal down' }, { id: 'T', number: 'KX7Q-00041' });
const dup = makeTicket({ title: 'Cannot reach jury portal' }, { id: 'D', number: 'KX7Q-00042', now: '2025-01-13T17:30:00.000Z' });

const entry = (id: string, over: Partial<WorkLogEntry> = {}): WorkLogEntry =>
  WorkLogEntrySchema.parse({
    id,
    ticketId: 'D',
    kind: 'phone_call',
    authorId: 'staff-2',
    at: '2025-01-13T18:00:00.000Z',
    minutes: 20,
    body: `Call ${id}`,
    createdAt: '2025-01-13T18:00:00.000Z',
    ...over,
  });

function plan(d: Ticket, t: Ticket, entries: WorkLogEntry[] = [], c: MergeContext = ctx()) {
  return planMerge(d, t, entries, c);
}

describe('planMerge', () => {
  it('closes the duplicate with a pointer and a resolution, copies its entries, links and records history', () => {
    const entries = [entry('e2', { at: '2025-01-13T19:00:00.000Z' }), entry('e1')];
    const r = plan(dup, target, entries);
    if (!r.ok) throw new Error(r.error.message);
    const p = r.value;
    expect(p.duplicate).toMatchObject({ status: 'closed', closedAt: now, mergedInto: 'T', resolution: { code: 'duplicate', text: 'Duplicate of KX7Q-00041' } });
    expect(TicketSchema.safeParse(p.duplicate).success).toBe(true);
    // Copies are new append-only entries on the target, oldest first, pointing at their originals.
    const copies = p.newEntries.filter((e) => e.copiedFrom);
    expect(copies.map((e) => [e.ticketId, e.copiedFrom?.entryId, e.body, e.minutes])).toEqual([
      ['T', 'e1', 'Call e1', 20],
      ['T', 'e2', 'Call e2', 20],
    ]);
    expect(new Set(copies.map((e) => e.id)).size).toBe(2);
    expect(copies.some((e) => entries.some((o) => o.id === e.id))).toBe(false);
    const note = p.newEntries.find((e) => !e.copiedFrom);
    expect(note?.body).toMatch(/Merged KX7Q-00042/);
    for (const e of p.newEntries) expect(WorkLogEntrySchema.safeParse(e).success).toBe(true);
    expect(timeTotals(p.newEntries).totalMinutes).toBe(40);
    expect(p.link).toMatchObject({ fromId: 'D', toId: 'T', kind: 'duplicate' });
    expect(TicketLinkSchema.safeParse(p.link).success).toBe(true);
    expect(p.history.map((h) => `${h.ticketId}:${h.field}`)).toEqual(['D:status', 'D:closedAt', 'D:resolution', 'D:mergedInto', 'T:mergedFrom']);
    for (const h of p.history) expect(HistoryEventSchema.safeParse(h).success).toBe(true);
    // Original entries are untouched.
    expect(entries[0]?.ticketId).toBe('D');
  });

  it('closes a pending duplicate’s pause', () => {
    const pending = applyTransition(dup, 'pending', { at: '2025-01-13T18:00:00.000Z', pendingReason: 'waiting_on_requester' });
    if (!pending.ok) throw new Error('setup');
    const r = plan(pending.value, target);
    expect(r.ok && r.value.duplicate.pauses[0]?.to).toBe(now);
    expect(r.ok && TicketSchema.safeParse(r.value.duplicate).success).toBe(true);
  });

  it('refuses merging into itself, into a closed, cancelled or merged ticket', () => {
    const reason = (r: ReturnType<typeof planMerge>) => (r.ok ? null : r.error.message);
    expect(reason(plan(dup, dup))).toBe('A ticket cannot be merged into itself');
    const cancelled = applyTransition(target, 'cancelled', { at: now });
    if (!cancelled.ok) throw new Error('setup');
    expect(reason(plan(dup, cancelled.value))).toBe('KX7Q-00041 is cancelled; merge into a ticket that is still being worked');
    const merged = { ...target, status: 'closed' as const, closedAt: now, mergedInto: 'X' };
    expect(reason(plan(dup, merged))).toBe('KX7Q-00041 was itself merged; merge into the ticket it points to');
    const alreadyMerged = plan(dup, target);
    if (!alreadyMerged.ok) throw new Error('setup');
    expect(reason(plan(alreadyMerged.value.duplicate, target))).toBe('KX7Q-00042 has already been merged');
  });

  it('refuses a merge that would close a loop, using the latest pointers', () => {
    // Another device merged T into D since our copy of T was read.
    const r = plan(dup, target, [], { ...ctx(), mergedIntoOf: (id) => (id === 'T' ? 'D' : null) });
    expect(!r.ok && r.error.message).toBe('KX7Q-00041 was merged into KX7Q-00042; merging back would make a loop');
  });

  it('refuses entries that belong to another ticket', () => {
    const r = plan(dup, target, [entry('e1', { ticketId: 'OTHER' })]);
    expect(!r.ok && r.error.message).toBe('Work-log entry e1 does not belong to KX7Q-00042');
  });
});

describe('followMergeChain', () => {
  it('follows pointers to the surviving ticket and reports loops', () => {
    const map: Record<string, string | null> = { a: 'b', b: 'c', c: null };
    expect(followMergeChain('a', (id) => map[id] ?? null)).toEqual({ ok: true, value: 'c' });
    const loop: Record<string, string> = { a: 'b', b: 'a' };
    expect(followMergeChain('a', (id) => loop[id] ?? null).ok).toBe(false);
  });
});
