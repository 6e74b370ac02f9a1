import { describe, expect, it } from 'vitest';
import { parseWith } from '../../../../shared/validation';
import { TicketCreateSchema, TicketPatchSchema, TicketSchema } from '../../../../shared/tickets/schema';
import { makeTicket } from './fixtures';

const base = { title: 'Jury summons printer offline', requesterId: 'person-1' };

function fieldMessage(input: unknown, field: string): string | undefined {
  const r = parseWith(TicketCreateSchema, input, 'ticket');
  return r.ok ? undefined : r.error.fields?.[field];
}

describe('create input', () => {
  it('fills defaults and trims', () => {
    const v = TicketCreateSchema.parse({ ...base, title: '  Jury summons printer offline \n', tags: [' VPN', 'vpn', 'Printer '] });
    expect(v).toMatchObject({ title: 'Jury summons printer offline', type: 'incident', channel: 'phone', impact: 'medium', urgency: 'medium', siteId: null });
    expect(v.tags).toEqual(['vpn', 'printer']);
  });

  it('accepts impact and urgency as 1–3', () => {
    const v = TicketCreateSchema.parse({ ...base, impact: 1, urgency: 3 });
    expect([v.impact, v.urgency]).toEqual(['high', 'low']);
    expect(fieldMessage({ ...base, impact: 4 }, 'impact')).toBe('Impact must be high, medium or low (or 1, 2, 3)');
  });

  it('requires a title and a requester, with messages that name them', () => {
    expect(fieldMessage({ ...base, title: '   ' }, 'title')).toBe('Title is required');
    expect(fieldMessage({ title: 'x' }, 'requesterId')).toBe('Requester is required');
  });

  it('rejects unknown fields so a typo cannot silently drop data', () => {
    const r = parseWith(TicketCreateSchema, { ...base, priorty: 'P1' }, 'ticket');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/Unknown field: priorty/);
  });

  it('rejects bad enums with a human message', () => {
    expect(fieldMessage({ ...base, channel: 'fax' }, 'channel')).toBe('Channel must be phone, e-mail, walk-in or site visit');
    expect(fieldMessage({ ...base, type: 'bug' }, 'type')).toMatch(/^Type must be incident/);
  });
});

describe('bad text', () => {
  it('a 10 MB pasted description gets a clear message, quickly, not a crash', () => {
    const huge = 'Case 24CR001234 will not e-file. '.repeat(330_000); // ~10.9 million characters
    const started = performance.now();
    const msg = fieldMessage({ ...base, description: huge }, 'description');
    expect(performance.now() - started).toBeLessThan(1000);
    // The length reported is after trimming, as the field would store it.
    expect(msg).toBe(`Description is too long: ${huge.trim().length.toLocaleString('en-US')} characters, the limit is 100,000`);
  });

  it('a description at the limit is accepted', () => {
    expect(TicketCreateSchema.parse({ ...base, description: 'x'.repeat(100_000) }).description).toHaveLength(100_000);
  });

  it('a long title is refused, naming the limit', () => {
    expect(fieldMessage({ ...base, title: 'a'.repeat(201) }, 'title')).toBe('Title is too long: 201 characters, the limit is 200');
  });

  it('keeps emoji, right-to-left text and combining marks, normalised to NFC', () => {
    const title = 'Impresora 🖨️ rota — طابعة المحكمة لا تعمل — Cafe\u0301';
    const v = TicketCreateSchema.parse({ ...base, title });
    expect(v.title).toBe(title.normalize('NFC'));
    expect(v.title.endsWith('Café')).toBe(true);
  });

  it('refuses NUL and other control characters, naming the code point', () => {
    expect(fieldMessage({ ...base, description: 'before\u0000after' }, 'description')).toBe(
      'Description contains a control character (U+0000) that cannot be stored; remove it',
    );
    expect(fieldMessage({ ...base, title: 'bell\u0007' }, 'title')).toMatch(/U\+0007/);
  });

  it('keeps line breaks and tabs in multi-line text, and folds them to spaces in a title', () => {
    const v = TicketCreateSchema.parse({ ...base, title: 'Line one\r\nline two', description: 'Steps:\n\t1. Log in\r\n\t2. Upload' });
    expect(v.title).toBe('Line one line two');
    expect(v.description).toBe('Steps:\n\t1. Log in\r\n\t2. Upload');
  });

  it('refuses a lone surrogate (broken paste)', () => {
    expect(fieldMessage({ ...base, description: 'ok \uD83D then' }, 'description')).toMatch(/broken character/);
  });

  it('refuses non-text', () => {
    expect(fieldMessage({ ...base, title: 42 }, 'title')).toBe('Title must be text');
    expect(fieldMessage({ ...base, tags: 'vpn' }, 'tags')).toBe('Tags must be a list');
  });

  it('caps tags in number and length', () => {
    expect(fieldMessage({ ...base, tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }, 'tags')).toBe('At most 20 tags');
    expect(fieldMessage({ ...base, tags: ['x'.repeat(41)] }, 'tags.0')).toMatch(/Tag is too long/);
  });
});

describe('edit input', () => {
  it('accepts a subset of editable fields', () => {
    expect(TicketPatchSchema.parse({ title: ' New ', assigneeId: null })).toEqual({ title: 'New', assigneeId: null });
  });

  it('refuses status and other fields that have their own rule', () => {
    const r = parseWith(TicketPatchSchema, { status: 'closed' }, 'edit');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/status cannot be changed by an edit/);
  });
});

describe('stored ticket invariants', () => {
  it('a created ticket validates', () => {
    expect(TicketSchema.safeParse(makeTicket()).success).toBe(true);
  });

  it('pending needs a reason, and only pending has one', () => {
    const t = makeTicket();
    const pendingNoReason = TicketSchema.safeParse({ ...t, status: 'pending', pauses: [{ from: t.createdAt, to: null, reason: 'other' }] });
    expect(pendingNoReason.error?.issues[0]?.message).toBe('A pending ticket needs a pending reason');
    expect(TicketSchema.safeParse({ ...t, pendingReason: 'other' }).error?.issues[0]?.message).toBe('Only a pending ticket has a pending reason');
  });

  it('resolved needs a resolution and a time; merged must be closed', () => {
    const t = makeTicket();
    const messages = TicketSchema.safeParse({ ...t, status: 'resolved' }).error?.issues.map((i) => i.message);
    expect(messages).toEqual(['A resolved or closed ticket needs a resolution', 'A resolved ticket needs a resolved time']);
    expect(TicketSchema.safeParse({ ...t, mergedInto: 'other' }).error?.issues[0]?.message).toBe('Only a closed ticket can be merged into another');
  });

  it('times are canonical UTC strings', () => {
    const t = makeTicket();
    const v = TicketSchema.parse({ ...t, createdAt: '2025-01-13T17:00:00Z', updatedAt: '2025-01-13T17:00:00Z' });
    expect(v.createdAt).toBe('2025-01-13T17:00:00.000Z');
    expect(TicketSchema.safeParse({ ...t, createdAt: '13/01/2025' }).error?.issues[0]?.message).toMatch(/must be a UTC date and time/);
  });
});
