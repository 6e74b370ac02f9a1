import { describe, expect, it } from 'vitest';
import { AUDITED_FIELDS, diffForHistory, HistoryEventSchema, withIds } from '../../../../shared/tickets/history';
import { applyTransition } from '../../../../shared/tickets/transitions';
import { ids, makeTicket } from './fixtures';

const at = '2025-01-13T18:00:00.000Z';

describe('diffForHistory', () => {
  it('a new ticket is one created event', () => {
    const t = makeTicket();
    expect(diffForHistory(null, t, 'staff-1', 'dev-1', at)).toEqual([
      { ticketId: t.id, field: 'created', old: null, new: 'KX7Q-00042', by: 'staff-1', device: 'dev-1', at },
    ]);
  });

  it('one event per changed audited field, with old and new', () => {
    const before = makeTicket();
    const after = { ...before, assigneeId: 'staff-2', title: 'New title', updatedAt: at, words: ['x'], resolutionDue: at };
    const events = diffForHistory(before, after, 'staff-1', 'dev-1', at);
    expect(events.map((e) => [e.field, e.old, e.new])).toEqual([
      ['title', before.title, 'New title'],
      ['assigneeId', null, 'staff-2'],
    ]);
  });

  it('records a transition as its status and dependent field changes', () => {
    const before = makeTicket();
    const r = applyTransition(before, 'resolved', { at, resolution: { code: 'fixed', text: 'Done' } });
    if (!r.ok) throw new Error('setup');
    const fields = diffForHistory(before, r.value, 'staff-1', 'dev-1', at).map((e) => e.field);
    expect(fields).toEqual(['status', 'firstRespondedAt', 'resolvedAt', 'resolution']);
  });

  it('treats re-ordered tags as no change, but a changed tag as one', () => {
    const before = { ...makeTicket(), tags: ['vpn', 'printer'] };
    expect(diffForHistory(before, { ...before, tags: ['printer', 'vpn'] }, 's', 'd', at)).toEqual([]);
    expect(diffForHistory(before, { ...before, tags: ['printer'] }, 's', 'd', at)).toHaveLength(1);
  });

  it('compares objects by value, not identity', () => {
    const before = { ...makeTicket(), escalation: { level: 1, reason: 'r', by: 's', at } };
    expect(diffForHistory(before, { ...before, escalation: { at, by: 's', reason: 'r', level: 1 } }, 's', 'd', at)).toEqual([]);
  });

  it('audits every field a person decides and leaves out derived ones', () => {
    expect(AUDITED_FIELDS).toContain('status');
    expect(AUDITED_FIELDS).toContain('priorityOverride');
    expect(AUDITED_FIELDS).not.toContain('updatedAt');
    expect(AUDITED_FIELDS).not.toContain('words');
  });

  it('events get ids and validate', () => {
    const events = withIds(diffForHistory(makeTicket(), { ...makeTicket(), category: 'Filing' }, 's', 'd', at), ids());
    expect(events[0]?.id).toBe('id-0001');
    expect(HistoryEventSchema.safeParse(events[0]).success).toBe(true);
  });
});
