import { describe, expect, it } from 'vitest';
import { applyTransition } from '../../../../shared/tickets/transitions';
import {
  applyFirstResponse,
  makeWorkLogEntry,
  timeTotals,
  WorkLogEntrySchema,
  type WorkLogEntry,
} from '../../../../shared/tickets/worklog';
import { makeTicket } from './fixtures';

const now = '2025-01-13T18:00:00.000Z';

function entry(over: Partial<WorkLogEntry>): WorkLogEntry {
  return WorkLogEntrySchema.parse({
    id: 'e1',
    ticketId: 'ticket-1',
    kind: 'internal_note',
    authorId: 'staff-1',
    at: now,
    minutes: 10,
    body: 'Checked the queue',
    createdAt: now,
    ...over,
  });
}

describe('makeWorkLogEntry', () => {
  const ctx = { id: 'e9', ticket: makeTicket(), authorId: 'staff-1', now };

  it('builds an entry stamped with author and time', () => {
    const r = makeWorkLogEntry({ kind: 'phone_call', body: 'Called the clerk back', minutes: 15 }, ctx);
    expect(r.ok && r.value).toMatchObject({ id: 'e9', ticketId: 'ticket-1', kind: 'phone_call', at: now, createdAt: now, minutes: 15, copiedFrom: null });
    expect(r.ok && WorkLogEntrySchema.safeParse(r.value).success).toBe(true);
  });

  it('accepts work logged after the fact but not in the future', () => {
    expect(makeWorkLogEntry({ kind: 'site_visit', body: 'Visited', at: '2025-01-13T16:00:00.000Z' }, ctx).ok).toBe(true);
    const future = makeWorkLogEntry({ kind: 'site_visit', body: 'Visited', at: '2025-01-13T19:00:00.000Z' }, ctx);
    expect(!future.ok && future.error.fields).toEqual({ at: 'Cannot be in the future' });
  });

  it('validates minutes and body', () => {
    const r = makeWorkLogEntry({ kind: 'email', body: '', minutes: 1.5 }, ctx);
    expect(!r.ok && r.error.fields).toEqual({ body: 'Entry is required', minutes: 'Minutes must be whole minutes' });
    const long = makeWorkLogEntry({ kind: 'email', body: 'x', minutes: 1441 }, ctx);
    expect(!long.ok && long.error.fields?.minutes).toMatch(/at most 1440 minutes/);
  });

  it('refuses entries on a cancelled ticket', () => {
    const cancelled = applyTransition(makeTicket(), 'cancelled', { at: now });
    if (!cancelled.ok) throw new Error('setup');
    expect(makeWorkLogEntry({ kind: 'internal_note', body: 'x' }, { ...ctx, ticket: cancelled.value }).ok).toBe(false);
  });
});

describe('first response', () => {
  it('the first entry that reaches the requester stops the clock; internal notes do not', () => {
    const t = makeTicket();
    expect(applyFirstResponse(t, { kind: 'internal_note', at: now })).toBe(t);
    const responded = applyFirstResponse(t, { kind: 'email', at: now });
    expect(responded.firstRespondedAt).toBe(now);
    expect(applyFirstResponse(responded, { kind: 'phone_call', at: '2025-01-13T19:00:00.000Z' })).toBe(responded);
  });
});

describe('timeTotals', () => {
  it('sums by kind and author, counting each entry once and skipping tombstones', () => {
    const entries = [
      entry({ id: 'a', kind: 'phone_call', minutes: 15, authorId: 'ana' }),
      entry({ id: 'b', kind: 'site_visit', minutes: 90, authorId: 'ben' }),
      entry({ id: 'c', kind: 'phone_call', minutes: 5, authorId: 'ben' }),
      entry({ id: 'd', kind: 'email', minutes: 999, authorId: 'ana', deleted: 1 }),
    ];
    const totals = timeTotals([...entries, entries[0]!]);
    expect(totals).toEqual({
      count: 3,
      totalMinutes: 110,
      byKind: { public_update: 0, internal_note: 0, phone_call: 20, email: 0, site_visit: 90 },
      byAuthor: { ana: 15, ben: 95 },
    });
  });

  it('is zero for no entries', () => {
    expect(timeTotals([]).totalMinutes).toBe(0);
  });
});
