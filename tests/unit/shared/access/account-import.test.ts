import { describe, expect, it } from 'vitest';
import { accountRows, readAccountCsv } from '../../../../shared/access/account-import';
import { reconcile } from '../../../../shared/access/rules';

describe('account export import', () => {
  it('reads a CSV export, guesses the columns, and feeds reconciliation', () => {
    const file = readAccountCsv('\uFEFFUsername;Display Name;Mail;Security Role;Last Logon\r\naruiz;Ana Ruiz;ARUIZ@court.example;Clerk;2026-03-01\r\nzz;"Zed, Unknown";;Admin;\r\n');
    if (!file.ok) throw new Error(file.error.message);
    expect(file.value.headers).toEqual(['Username', 'Display Name', 'Mail', 'Security Role', 'Last Logon']);
    expect(file.value.mapping).toEqual({ account: 0, name: 1, email: 2, role: 3, lastUsed: 4 });
    const rows = accountRows(file.value, file.value.mapping);
    if (!rows.ok) throw new Error(rows.error.message);
    expect(rows.value[1]).toEqual({ account: 'zz', email: '', name: 'Zed, Unknown', role: 'Admin', lastUsed: '' });
    const r = reconcile(rows.value, [{ grantId: 'g1', personId: 'p1', personName: 'Ana Ruiz', email: 'aruiz@court.example', entitlementName: 'Clerk' }]);
    expect(r.matched).toEqual([{ row: 0, grantId: 'g1' }]);
    expect(r.orphans.map((o) => o.account.account)).toEqual(['zz']);
  });
  it('refuses an empty file, a header alone, and a mapping with nothing to match on', () => {
    expect(readAccountCsv('').ok).toBe(false);
    expect(readAccountCsv('Login,Role\n').ok).toBe(false);
    expect(readAccountCsv('Login,Role\n"open,x\n').ok).toBe(false);
    expect(accountRows({ rows: [['a']] }, { role: 0 }).ok).toBe(false);
  });
});
