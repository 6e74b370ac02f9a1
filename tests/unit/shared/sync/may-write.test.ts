import { describe, expect, it } from 'vitest';
import { mayWrite, writeRuleOf } from '../../../../shared/sync/may-write';
import { SYNC_TABLE_NAMES } from '../../../../shared/sync/tables';
import type { SyncTableSpec } from '../../../../shared/sync/tables-spec';

const CONFIG = ['agencies', 'sites', 'systems', 'teams', 'routingRules', 'slaPolicies', 'calendars'];

describe('mayWrite', () => {
  it('a device not signed in may do everything', () => {
    for (const table of SYNC_TABLE_NAMES) expect(mayWrite(null, table)).toBe(true);
    expect(mayWrite(null, 'people', 'kind')).toBe(true);
  });

  it('help-desk configuration and course content: coordinators and admins, not technicians', () => {
    // Documents (materials) are drafted by every role since the document library; publishing is checked per record.
    for (const table of [...CONFIG, 'courses']) {
      expect(mayWrite('technician', table), table).toBe(false);
      expect(mayWrite('coordinator', table), table).toBe(true);
      expect(mayWrite('admin', table), table).toBe(true);
    }
  });

  it('tickets, work log and sessions: every role', () => {
    for (const table of ['tickets', 'workLog', 'ticketLinks', 'ticketAttachments', 'sessions', 'attendance']) expect(mayWrite('technician', table), table).toBe(true);
  });

  it("settling a review item is a coordinator's (the campaign page shows no Settle button to a technician)", () => {
    expect(mayWrite('technician', 'reviewItems', 'outcome')).toBe(false);
    expect(mayWrite('coordinator', 'reviewItems', 'outcome')).toBe(true);
    expect(mayWrite('admin', 'reviewItems', 'outcome')).toBe(true);
  });

  it('a field rule narrows a table every role may write', () => {
    expect(mayWrite('technician', 'people')).toBe(true);
    expect(mayWrite('technician', 'people', 'phone')).toBe(true);
    // Anyone's role is for coordinators and admins (whether a record is staff is a record-level check the server makes).
    expect(mayWrite('technician', 'people', 'role')).toBe(false);
    expect(mayWrite('coordinator', 'people', 'role')).toBe(true);
  });

  it('follows the rule a table spec states, over the fallback', () => {
    const specs: Record<string, SyncTableSpec> = {
      slaPolicies: { merge: 'lww', rule: { roles: 'any', summary: 'open' } },
      tickets: { merge: 'lww', rule: { roles: 'any', fields: { priorityOverride: ['coordinator'] }, writable: ['title', 'priorityOverride'], summary: 'x' } },
      access: { merge: 'lww', rule: { roles: ['admin'], summary: 'admins' } },
    };
    expect(mayWrite('technician', 'slaPolicies', undefined, specs)).toBe(true);
    expect(mayWrite('technician', 'tickets', 'title', specs)).toBe(true);
    expect(mayWrite('technician', 'tickets', 'priorityOverride', specs)).toBe(false);
    expect(mayWrite('coordinator', 'tickets', 'priorityOverride', specs)).toBe(true);
    expect(mayWrite('admin', 'tickets', 'status', specs)).toBe(false); // not writable by clients
    expect(mayWrite('admin', 'access', undefined, specs)).toBe(true);
    expect(mayWrite('coordinator', 'access', undefined, specs)).toBe(false);
  });

  it('a table the app does not know is refused to a signed-in role', () => {
    expect(writeRuleOf('nonsense')).toBeNull();
    expect(mayWrite('admin', 'nonsense')).toBe(false);
  });
});
