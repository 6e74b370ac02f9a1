import { describe, expect, it } from 'vitest';
import { isCurrentMember, NOT_IN_DIRECTORY, outsideLabel, proposedRecipients, REMOVED_LIST, type RecipientsInput } from '../../../../shared/operations/recipients';
import { OutputJobSchema, OutputRunSchema } from '../../../../shared/operations/schemas';
import { OPERATIONS_SYNC_TABLES } from '../../../../shared/operations/sync-tables';

const today = '2026-03-10';
const people = [
  { id: 'p-ana', name: 'Ana Ruiz', email: 'ana@court.example' },
  { id: 'p-carl', name: 'Carl Diaz', email: 'carl@court.example' },
  { id: 'p-dee', name: 'Dee Park', email: 'dee@court.example' },
];
const lists = [
  { id: 'l-east', name: 'Attendance: Eastside', deleted: 0 as const },
  { id: 'l-board', name: 'Board clerks', deleted: 0 as const },
  { id: 'l-gone', name: 'Old list', deleted: 1 as const },
];
const m = (listId: string, p: Partial<RecipientsInput['memberships'][number]>): RecipientsInput['memberships'][number] => ({ listId, personId: null, name: '', email: '', endDate: null, status: 'member', deleted: 0, ...p });
const memberships = [
  m('l-east', { personId: 'p-ana', name: 'Ana Ruiz', email: 'ana@court.example' }),
  m('l-east', { name: 'Vendor Support, Inc.', email: 'support@vendor.example' }),
  m('l-east', { personId: 'p-dee', name: 'Dee Park', email: 'dee@court.example', endDate: '2026-03-09' }), // ended yesterday
  m('l-east', { personId: 'p-carl', name: 'Carl Diaz', status: 'removed' }),
  m('l-east', { name: 'Tombstone', email: 'gone@x.example', deleted: 1 }),
  m('l-board', { personId: 'p-ana', name: 'Ana Ruiz' }),
  m('l-board', { name: 'Vendor again', email: 'SUPPORT@vendor.example', endDate: today }), // ends today: still a member
  m('l-board', { name: 'Carl at home', email: 'carl@court.example' }), // Carl's own address: Carl, once
  m('l-gone', { personId: 'p-dee', name: 'Dee Park' }),
];
const base: RecipientsInput = { customerIds: [], listIds: [], lists, memberships, people, today };

describe('proposedRecipients', () => {
  it('is the people alone when the job names no list (as before lists)', () => {
    const r = proposedRecipients({ ...base, customerIds: ['p-carl'] });
    expect(r).toEqual({ people: [{ id: 'p-carl', name: 'Carl Diaz', via: ['Customer'] }], outside: [], lists: [] });
  });

  it('adds a list’s current members: people by name, outside addresses; ended, removed and deleted members are left out', () => {
    const r = proposedRecipients({ ...base, listIds: ['l-east'] });
    expect(r.people).toEqual([{ id: 'p-ana', name: 'Ana Ruiz', via: ['Attendance: Eastside'] }]);
    expect(r.outside).toEqual([{ name: 'Vendor Support, Inc.', email: 'support@vendor.example', via: ['Attendance: Eastside'] }]);
    expect(r.lists).toEqual([{ id: 'l-east', name: 'Attendance: Eastside', removed: false, members: 2 }]);
  });

  it('is the union of lists and people, each recipient once, saying where they came from', () => {
    const r = proposedRecipients({ ...base, customerIds: ['p-carl', 'p-ana'], listIds: ['l-east', 'l-board'] });
    expect(r.people).toEqual([
      { id: 'p-ana', name: 'Ana Ruiz', via: ['Customer', 'Attendance: Eastside', 'Board clerks'] },
      { id: 'p-carl', name: 'Carl Diaz', via: ['Customer'] },
    ]);
    // The vendor's address differs only in case: one recipient. Carl's own address is Carl.
    expect(r.outside).toEqual([{ name: 'Vendor Support, Inc.', email: 'support@vendor.example', via: ['Attendance: Eastside', 'Board clerks'] }]);
  });

  it('a member whose end date has passed is excluded; one ending today is still in', () => {
    expect(isCurrentMember({ status: 'member', deleted: 0, endDate: '2026-03-09' }, today)).toBe(false);
    expect(isCurrentMember({ status: 'member', deleted: 0, endDate: today }, today)).toBe(true);
    expect(isCurrentMember({ status: 'member', deleted: 0, endDate: null }, today)).toBe(true);
    expect(isCurrentMember({ status: 'removed', deleted: 0, endDate: null }, today)).toBe(false);
    const later = proposedRecipients({ ...base, listIds: ['l-east'], today: '2026-03-01' });
    expect(later.people.map((p) => p.name)).toEqual(['Ana Ruiz', 'Dee Park']);
  });

  it('a deleted list, or one not on this device (not readable here), is "(list removed)" and adds nobody', () => {
    const r = proposedRecipients({ ...base, customerIds: ['p-carl'], listIds: ['l-gone', 'l-unknown'] });
    expect(r.lists).toEqual([
      { id: 'l-gone', name: REMOVED_LIST, removed: true, members: 0 },
      { id: 'l-unknown', name: REMOVED_LIST, removed: true, members: 0 },
    ]);
    expect(r.people.map((p) => p.name)).toEqual(['Carl Diaz']);
    expect(r.outside).toEqual([]);
  });

  it('names a member who left the directory by the name copied onto the membership; an unknown customer as not in the directory', () => {
    const r = proposedRecipients({ ...base, customerIds: ['p-x'], listIds: ['l-board'], memberships: [m('l-board', { personId: 'p-left', name: 'Lee Left' })] });
    expect(r.people).toEqual([
      { id: 'p-left', name: 'Lee Left', via: ['Board clerks'] },
      { id: 'p-x', name: NOT_IN_DIRECTORY, via: ['Customer'] },
    ]);
  });

  it('labels outside recipients by name and address', () => {
    expect(outsideLabel({ name: 'Vendor', email: 'v@x.example' })).toBe('Vendor <v@x.example>');
    expect(outsideLabel({ name: '', email: 'v@x.example' })).toBe('v@x.example');
  });
});

describe('job and run records with lists', () => {
  const stamps = { createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', stamps: {}, deleted: 0 };
  it('a job written before lists (an old device’s record) is still valid, with no lists', () => {
    const old = OutputJobSchema.parse({ id: 'j1', name: 'Payroll register', customerIds: ['p-ana'], ...stamps });
    expect(old.listIds).toEqual([]);
    const stored = OPERATIONS_SYNC_TABLES.outputJobs.schema.safeParse({ id: 'j1', name: 'Payroll register', customerIds: ['p-ana'], createdAt: stamps.createdAt, updatedAt: stamps.updatedAt });
    expect(stored.success).toBe(true);
  });

  it('a job names lists (each once); a run records outside recipients by name and address, and refuses a bad address', () => {
    expect(OutputJobSchema.parse({ id: 'j1', name: 'Payroll', listIds: ['l-east', 'l-east', 'l-board'], ...stamps }).listIds).toEqual(['l-east', 'l-board']);
    const run = { id: 'r1', jobId: 'j1', date: '2026-01-05', expectedAt: '2026-01-05T15:30:00.000Z', ...stamps };
    expect(OutputRunSchema.parse(run).distributedToOutside).toEqual([]);
    expect(OutputRunSchema.parse({ ...run, distributedToOutside: [{ name: 'Vendor', email: 'v@x.example' }] }).distributedToOutside).toEqual([{ name: 'Vendor', email: 'v@x.example' }]);
    expect(OutputRunSchema.safeParse({ ...run, distributedToOutside: [{ name: 'Vendor', email: 'not an address' }] }).success).toBe(false);
    expect(OutputJobSchema.safeParse({ id: 'j1', name: 'Payroll', listIds: ['x'.repeat(5000)], ...stamps }).success).toBe(false);
  });
});
