import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { changedValues, judgeWrite, onlyDeletes, validateRecord, withConflicts, type JudgeContext } from '../../../server/sync/write-rules';
import type { SyncTableSpec, TableWriteRule } from '../../../shared/sync/tables-spec';
import { CONFLICTS_TABLE } from '../../../shared/sync/protocol';

const user = (role: 'technician' | 'coordinator' | 'admin') => ({ id: `u-${role}`, role, personId: `p-${role}` });
const ctx = (over: Partial<JudgeContext> = {}): JudgeContext => ({ user: user('technician'), table: 't', id: 'r1', before: null, after: {}, changed: [], ...over });

describe('judgeWrite (the rule engine)', () => {
  it('refuses a table without a rule: not open', () => {
    expect(judgeWrite(undefined, ctx())).toMatchObject({ code: 'forbidden', message: expect.stringMatching(/no write rule/) });
  });

  it('limits tables and fields to roles, and clients to writable fields', () => {
    const rule: TableWriteRule = { roles: 'any', fields: { approvedBy: ['coordinator', 'admin'] }, summary: 's' };
    expect(judgeWrite(rule, ctx({ changed: ['system', 'approvedBy'] }))).toMatchObject({ code: 'forbidden', message: expect.stringMatching(/approvedBy/) });
    expect(judgeWrite(rule, ctx({ changed: ['system'] }))).toBeNull();
    expect(judgeWrite(rule, ctx({ user: user('coordinator'), changed: ['approvedBy'] }))).toBeNull();
    expect(judgeWrite({ roles: ['admin'], summary: 's' }, ctx({ user: user('coordinator') }))?.message).toMatch(/coordinator may not change t/);
    expect(judgeWrite({ roles: 'any', writable: ['deleted'], summary: 's' }, ctx({ changed: ['value'] }))?.message).toMatch(/server only/);
  });

  it('is not fooled by prototype names', () => {
    const rule: TableWriteRule = { roles: 'any', fields: {}, summary: 's' };
    expect(judgeWrite(rule, ctx({ changed: ['toString', 'constructor', '__proto__'] }))).toBeNull();
  });

  it('runs the table’s check on the merged record', () => {
    const rule: TableWriteRule = { roles: 'any', check: (c) => (c.after.n === 13 ? 'unlucky' : null), summary: 's' };
    expect(judgeWrite(rule, ctx({ after: { n: 13 } }))).toEqual({ code: 'forbidden', message: 'unlucky' });
    expect(judgeWrite(rule, ctx({ after: { n: 12 } }))).toBeNull();
  });

  it('checks the actor and device of a new audit entry, and leaves receivedAt to the server', () => {
    const rule: TableWriteRule = { roles: 'any', authorship: { actorField: 'by', deviceField: 'device' }, summary: 's' };
    const me = { ...user('technician'), personIds: ['p-technician', 'alias-1', 'dev-1'] };
    const entry = (fields: Record<string, unknown>) => ctx({ user: me, deviceId: 'dev-1', after: fields, changed: Object.keys(fields) });
    expect(judgeWrite(rule, entry({ by: 'p-technician', device: 'dev-1' }))).toBeNull();
    expect(judgeWrite(rule, entry({ by: 'alias-1', device: 'dev-1' }))).toBeNull();
    expect(judgeWrite(rule, entry({ by: 'p-other', device: 'dev-1' }))?.message).toMatch(/by must be the signed-in user/);
    expect(judgeWrite(rule, entry({ by: 'p-technician', device: 'dev-2' }))?.message).toMatch(/device must be this session's device/);
    expect(judgeWrite(rule, entry({ by: 'p-technician', device: 'dev-1', receivedAt: 5 }))?.message).toMatch(/receivedAt is set by the server/);
  });
});

describe('validateRecord', () => {
  const spec: SyncTableSpec = { merge: 'lww', schema: z.object({ id: z.string(), n: z.number().max(10) }), rule: { roles: 'any', summary: 's' } };
  it('names the field and the reason; passes unknown extra fields', () => {
    expect(validateRecord('t', spec, 'r1', { n: 11 })).toEqual({ code: 'invalid_record', message: expect.stringMatching(/^t\.n: /) });
    expect(validateRecord('t', spec, 'r1', { n: 1, addedByNewerApp: { x: 1 } })).toBeNull();
    expect(validateRecord('t', { merge: 'lww' }, 'r1', {})?.message).toMatch(/no schema/);
  });
});

describe('changedValues and onlyDeletes', () => {
  it('counts only fields whose value changes (a new record: all of them)', () => {
    expect(changedValues({ a: 1, b: [1] }, { a: 1, b: [1, 2] }, ['a', 'b'])).toEqual(['b']);
    expect(changedValues(null, { a: 1 }, ['a'])).toEqual(['a']);
  });
  it('knows a delete of an existing record', () => {
    expect(onlyDeletes({ a: 1 }, { a: 1, deleted: 1 }, ['deleted', 'updatedAt'])).toBe(true);
    expect(onlyDeletes(null, { deleted: 1 }, ['deleted'])).toBe(false);
    expect(onlyDeletes({ a: 1 }, { a: 2, deleted: 1 }, ['deleted', 'a'])).toBe(false);
  });
});

describe('the _conflicts rule', () => {
  const tables = withConflicts({
    notes: { merge: 'lww', rule: { roles: 'any', summary: 's' } },
    config: { merge: 'lww', rule: { roles: ['admin'], summary: 's' } },
  });
  const conflict = (table: string) => ({ table, recordId: 'r1', field: 'text', value: 'x', stamp: 's', winnerStamp: 'w', at: 1, deleted: 0 });
  const rule = tables[CONFLICTS_TABLE]!.rule!;
  const judge = (role: 'technician' | 'admin', before: Record<string, unknown> | null, after: Record<string, unknown>, changed: string[]) =>
    judgeWrite(rule, ctx({ user: user(role), table: CONFLICTS_TABLE, before, after, changed, related: () => ({ text: 'y' }) }));

  it('lets a client only dismiss an existing conflict of a record it may write, never create or un-dismiss one', () => {
    expect(judge('admin', null, conflict('notes'), ['table', 'deleted'])?.message).toMatch(/server only/);
    expect(judge('technician', conflict('notes'), { ...conflict('notes'), deleted: 1 }, ['deleted'])).toBeNull();
    expect(judge('technician', conflict('config'), { ...conflict('config'), deleted: 1 }, ['deleted'])?.message).toMatch(/may not dismiss/);
    expect(judge('admin', conflict('config'), { ...conflict('config'), deleted: 1 }, ['deleted'])).toBeNull();
    expect(judge('admin', { ...conflict('notes'), deleted: 1 }, conflict('notes'), ['deleted'])?.message).toMatch(/cannot be restored/);
    expect(judge('admin', conflict('notes'), { ...conflict('notes'), value: 'z' }, ['value'])?.message).toMatch(/server only/);
  });
});
