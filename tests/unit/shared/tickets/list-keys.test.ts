import { describe, expect, it } from 'vitest';
import { listKeys, NO_DUE, UNASSIGNED } from '../../../../shared/tickets/list-keys';
import { makeTicket } from './fixtures';

describe('list keys', () => {
  it('an unassigned ticket keys as "-", and one with no running clock sorts its due time last', () => {
    const t = makeTicket({}, {}, { assigneeId: null, status: 'resolved' });
    expect(listKeys(t)).toMatchObject({ assigneeKey: UNASSIGNED, due: NO_DUE });
  });

  it('`active` is 1 on a new, open or pending ticket and undefined otherwise, so the active-ticket indexes skip it', () => {
    for (const status of ['new', 'open', 'pending'] as const) expect(listKeys(makeTicket({}, {}, { status })).active).toBe(1);
    for (const status of ['resolved', 'closed', 'cancelled'] as const) expect(listKeys(makeTicket({}, {}, { status })).active).toBeUndefined();
  });

  it('spreading the keys over a row that was active clears `active` (the property is always there)', () => {
    const row = { ...makeTicket({}, {}, { status: 'open' }), active: 1 as const };
    const closed = { ...row, status: 'closed' as const };
    const next = { ...closed, ...listKeys(closed) };
    expect('active' in next && next.active).toBe(undefined);
  });
});
