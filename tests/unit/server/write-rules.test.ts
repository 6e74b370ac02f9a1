import { describe, expect, it } from 'vitest';
import { checkWrite, DEFAULT_WRITE_RULES, type WriteRules } from '../../../server/sync/write-rules';

const rules: WriteRules = {
  ...DEFAULT_WRITE_RULES,
  access_records: { fields: { approvedBy: ['coordinator', 'admin'], revokedAt: ['coordinator', 'admin'] } },
  settings: { roles: ['admin'] },
};

describe('checkWrite', () => {
  it('lets every role write a table without a rule', () => {
    expect(checkWrite(rules, 'technician', 'people', ['name'])).toEqual({ ok: true });
  });
  it('limits fields to the roles named for them', () => {
    expect(checkWrite(rules, 'technician', 'access_records', ['system', 'approvedBy'])).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(checkWrite(rules, 'technician', 'access_records', ['system'])).toEqual({ ok: true });
    expect(checkWrite(rules, 'coordinator', 'access_records', ['approvedBy', 'revokedAt'])).toEqual({ ok: true });
  });
  it('limits whole tables to roles', () => {
    expect(checkWrite(rules, 'coordinator', 'settings', ['x']).ok).toBe(false);
    expect(checkWrite(rules, 'admin', 'settings', ['x']).ok).toBe(true);
  });
  it('lets clients only dismiss server-made conflicts', () => {
    expect(checkWrite(rules, 'admin', '_conflicts', ['deleted']).ok).toBe(true);
    expect(checkWrite(rules, 'admin', '_conflicts', ['value']).ok).toBe(false);
  });
  it('is not fooled by prototype names', () => {
    expect(checkWrite(rules, 'technician', 'constructor', ['x'])).toEqual({ ok: true });
    expect(checkWrite(rules, 'technician', 'access_records', ['toString'])).toEqual({ ok: true });
  });
});
