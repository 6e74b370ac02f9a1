import { describe, expect, it } from 'vitest';
import { CannedResponseInputSchema, fillPlaceholders, firstNameOf, groupByCategory, insertSnippet, matchSnippets, snippetTrigger, unfilledPlaceholders } from '../../../../shared/inform/canned';
import { businessDaysSince, lastContactAt, lastContactByTicket, needsUpdate, requesterUpdateEntry, workingDayAfter, DEFAULT_CADENCE } from '../../../../shared/inform/updates';
import { makeWorkLogEntry } from '../../../../shared/tickets/worklog';
import { parseWith } from '../../../../shared/validation';

const hours = [{ start: '08:00', end: '17:00' }];
/** Mon–Fri, Pacific, with Thanksgiving 2026-11-26 and the day after off. */
const CAL = { timeZone: 'America/Los_Angeles', week: { sun: [], mon: hours, tue: hours, wed: hours, thu: hours, fri: hours, sat: [] }, holidays: ['2026-11-26', '2026-11-27'] };

describe('canned responses', () => {
  const body = 'Hi {requester.firstName}, ticket {ticket.number} is {ticket.status}. {assignee.name} expects it by {expectedDate}.';

  it('fills every placeholder it has a value for', () => {
    const f = fillPlaceholders(body, { 'requester.firstName': 'Ana', 'ticket.number': 'KX7Q-00042', 'ticket.status': 'open', 'assignee.name': 'Lee Park', expectedDate: 'Friday' });
    expect(f).toEqual({ text: 'Hi Ana, ticket KX7Q-00042 is open. Lee Park expects it by Friday.', missing: [], unknown: [], canSend: true });
  });

  it('flags a placeholder with no value (or a blank one) and leaves it as written, never blank', () => {
    const f = fillPlaceholders(body, { 'requester.firstName': 'Ana', 'ticket.number': 'KX7Q-00042', 'ticket.status': 'open', 'assignee.name': '  ', expectedDate: null });
    expect(f.canSend).toBe(false);
    expect(f.missing).toEqual(['assignee.name', 'expectedDate']);
    expect(f.text).toContain('{assignee.name} expects it by {expectedDate}.');
    expect(unfilledPlaceholders(f.text)).toEqual(['assignee.name', 'expectedDate']);
  });

  it('flags names in braces that are not placeholders', () => {
    const f = fillPlaceholders('Dear {requester.lastName}', {});
    expect(f).toMatchObject({ unknown: ['requester.lastName'], canSend: false, text: 'Dear {requester.lastName}' });
  });

  it('validates names typed after /', () => {
    expect(parseWith(CannedResponseInputSchema, { name: 'Reset-PW', body: 'x' })).toMatchObject({ ok: true, value: { name: 'reset-pw', category: '' } });
    expect(parseWith(CannedResponseInputSchema, { name: 'reset pw', body: 'x' }).ok).toBe(false);
    expect(parseWith(CannedResponseInputSchema, { name: 'ok', body: '   ' }).ok).toBe(false);
  });

  it('finds the /name being typed and inserts the snippet in its place', () => {
    const text = 'Hello /res';
    const t = snippetTrigger(text, text.length);
    expect(t).toEqual({ start: 6, query: 'res' });
    expect(snippetTrigger('path a/b', 8)).toBeNull();
    expect(snippetTrigger('no slash', 8)).toBeNull();
    expect(snippetTrigger('/', 1)).toEqual({ start: 0, query: '' });
    const out = insertSnippet(text, text.length, t!, 'Resolved: {ticket.number}');
    expect(out).toEqual({ text: 'Hello Resolved: {ticket.number}', caret: 31 });
    const list = [
      { name: 'reset-password', title: 'Password reset', category: 'Access' },
      { name: 'resolved', title: 'Resolved', category: '' },
      { name: 'visit', title: 'Site visit: resolution', category: 'Visits' },
    ];
    expect(matchSnippets('res', list).map((r) => r.name)).toEqual(['reset-password', 'resolved', 'visit']);
    expect(groupByCategory(list).map((g) => g.category)).toEqual(['Access', 'General', 'Visits']);
  });

  it('takes the first name of a full name', () => {
    expect(firstNameOf('Maria de la Cruz')).toBe('Maria');
    expect(firstNameOf('Cruz, Maria')).toBe('Maria');
    expect(firstNameOf('  ')).toBeNull();
  });
});

describe('requester updates', () => {
  it('are work-log entries that reach the requester', () => {
    const input = requesterUpdateEntry({ requesterName: 'Ana Ruiz', subject: 'KX7Q-00042: printer', text: 'We ordered the part.' });
    const entry = makeWorkLogEntry(input, { id: 'w1', ticket: { id: 't1', status: 'open', createdAt: '2026-11-02T16:00:00.000Z' }, authorId: 'p1', now: '2026-11-03T16:00:00.000Z' });
    expect(entry.ok).toBe(true);
    if (!entry.ok) return;
    expect(entry.value.kind).toBe('email');
    expect(entry.value.body).toBe('Update sent to Ana Ruiz (mail draft): KX7Q-00042: printer\n\nWe ordered the part.');
    expect(lastContactAt([entry.value], 't1')).toBe('2026-11-03T16:00:00.000Z');
    // An internal note does not count as contact.
    expect(lastContactAt([{ ...entry.value, kind: 'internal_note' }], 't1')).toBeNull();
    expect(lastContactByTicket([entry.value, { ...entry.value, id: 'w0', at: '2026-11-02T17:00:00.000Z' }]).get('t1')).toBe('2026-11-03T16:00:00.000Z');
  });
});

describe('the needs-an-update clock', () => {
  it('counts working days, skipping weekends and holidays, in the calendar’s zone', () => {
    // Monday 2026-11-23 10:00 Pacific → Wednesday: 2 business days.
    expect(businessDaysSince('2026-11-23T18:00:00.000Z', '2026-11-25T18:00:00.000Z', CAL)).toBe(2);
    // Wednesday → next Monday across Thanksgiving (Thu, Fri) and the weekend: 1.
    expect(businessDaysSince('2026-11-25T18:00:00.000Z', '2026-11-30T18:00:00.000Z', CAL)).toBe(1);
    // Friday 20:00 Pacific is Saturday 04:00 UTC: still Friday where the desk is; Monday is 1 day later.
    expect(businessDaysSince('2026-11-21T04:00:00.000Z', '2026-11-23T18:00:00.000Z', CAL)).toBe(1);
    expect(businessDaysSince('2026-11-23T18:00:00.000Z', '2026-11-23T20:00:00.000Z', CAL)).toBe(0);
    expect(workingDayAfter('2026-11-25T18:00:00.000Z', 2, CAL)).toBe('2026-12-01');
  });

  it('lists open tickets silent for their priority’s number of business days, longest overdue first', () => {
    const base = { status: 'open' as const, pendingReason: null, createdAt: '2026-11-16T17:00:00.000Z' };
    const tickets = [
      { ...base, id: 'p1-quiet', priority: 'P1' as const },
      { ...base, id: 'p4-recent', priority: 'P4' as const },
      { ...base, id: 'p3-contacted', priority: 'P3' as const },
      { ...base, id: 'waiting', priority: 'P1' as const, status: 'pending' as const, pendingReason: 'waiting_on_requester' as const },
      { ...base, id: 'done', priority: 'P1' as const, status: 'resolved' as const },
    ];
    const lastContact = new Map([['p3-contacted', '2026-11-24T17:00:00.000Z'], ['p1-quiet', '2026-11-24T17:00:00.000Z']]);
    const rows = needsUpdate({ tickets, lastContact, cadence: DEFAULT_CADENCE, calendar: CAL, now: '2026-11-30T18:00:00.000Z' });
    // p1: Tue → Mon (Wed, Mon) = 2 ≥ 1. p3: 2 < 5. p4: created Mon 16th: 17,18,19,20,23,24,25,30 = 8 < 10.
    expect(rows.map((r) => r.ticket.id)).toEqual(['p1-quiet']);
    expect(rows[0]).toMatchObject({ businessDaysSilent: 2, limit: 1, lastContact: '2026-11-24T17:00:00.000Z', dueDate: '2026-11-25' });
    const later = needsUpdate({ tickets, lastContact, cadence: { ...DEFAULT_CADENCE, P4: 8 }, calendar: CAL, now: '2026-11-30T18:00:00.000Z' });
    expect(later.map((r) => r.ticket.id)).toEqual(['p1-quiet', 'p4-recent']);
    expect(later[1]!.lastContact).toBeNull();
  });
});
