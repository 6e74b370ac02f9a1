import { useState } from 'react';
import { ACCOUNT_FIELDS, accountRows, type AccountFile } from '../../../../shared/access/account-import';
import { accountChecks, reconcile, type Reconciliation } from '../../../../shared/access/rules';
import type { ColumnMapping } from '../../../../shared/import/mapping';
import { useUi } from '../../app/ui-store';
import { platform } from '../../platform/bridge';
import { accessHref } from './route';
import { useAccessRepos, useLookups } from './useAccess';

/**
 * Reconciliation against a system's own account list: read its user export
 * (CSV or XLSX, read by main), confirm which column holds what, and match it to the system's active
 * grants. Grants with no account can be revoked from here; an account with a
 * different role opens a change request for its grant, prefilled (a correction).
 */
export function ReconcilePanel() {
  const repos = useAccessRepos();
  const names = useLookups();
  const announce = useUi((s) => s.announce);
  const [systemId, setSystemId] = useState('');
  const [file, setFile] = useState<(AccountFile & { fileName: string }) | null>(null);
  const [mapping, setMapping] = useState<ColumnMapping>({});
  const [result, setResult] = useState<Reconciliation | null>(null);
  const [error, setError] = useState('');
  const [revoked, setRevoked] = useState<Set<string>>(new Set());
  if (!names) return null;

  // Main reads the file (CSV, or an XLSX workbook's first sheet with exceljs) and suggests the mapping.
  const load = async () => {
    const read = await platform.access.readAccounts({});
    if (!read.ok) return setError(`The file was not read: ${read.error.message}`);
    if ('cancelled' in read.value) return;
    setResult(null);
    setError('');
    setFile({ headers: read.value.headers, rows: read.value.rows, mapping: read.value.mapping, fileName: read.value.fileName });
    setMapping(read.value.mapping);
  };
  const run = async () => {
    if (!file || !systemId) return setError('Choose the system and its account export first.');
    const rows = accountRows(file, mapping);
    if (!rows.ok) return setError(rows.error.message);
    const grants = (await repos.tables.grants.where('systemId').equals(systemId).toArray()).filter((g) => !g.deleted && g.status === 'active');
    const people = new Map(names.people.map((p) => [p.id, p]));
    setError('');
    const found = reconcile(rows.value, grants.map((g) => ({ grantId: g.id, personId: g.personId, personName: people.get(g.personId)?.name ?? '', email: people.get(g.personId)?.email ?? '', entitlementName: names.entitlement(g.entitlementId) })));
    setResult(found);
    // Each grant keeps what the export said of its account, for reviewers (shown on review items and the grant).
    const kept = await repos.grants.recordAccountChecks(accountChecks(found, rows.value, new Date().toISOString(), file.fileName));
    if (!kept.ok) setError(kept.error.message);
    else announce(`Reconciled: ${kept.value.recorded} grants now show what the account list says of them`);
  };
  /** A change request for the person's granted access, prefilled with the entitlement the account holds (when the catalog has one of that name). */
  const correctionHref = (m: Reconciliation['mismatched'][number]) => {
    const g = m.grants[0]!;
    const role = m.account.role.trim().toLowerCase();
    const ent = names.entitlements.find((e) => e.systemId === systemId && e.name.trim().toLowerCase() === role);
    const why = `Reconciliation correction: the account ${m.account.account || m.account.email || m.account.name} holds “${m.account.role}” in ${names.system(systemId)}; granted ${m.grants.map((x) => x.entitlementName).join(', ')}.`;
    return accessHref({ view: 'new', person: g.personId, system: systemId, grant: g.grantId, ...(ent ? { entitlement: ent.id } : {}), why });
  };
  const revoke = async (grantId: string) => {
    const res = await repos.grants.revoke(grantId, 'review', 'Reconciliation: no account in the system’s export');
    if (!res.ok) return setError(res.error.message);
    setRevoked(new Set([...revoked, grantId]));
    announce('Revocation started');
  };

  return (
    <section className="panel" aria-labelledby="reconcile-title">
      <h2 id="reconcile-title">Reconcile with a system’s account list</h2>
      <div className="two-col">
        <div className="field">
          <label htmlFor="rec-system">System</label>
          <select id="rec-system" value={systemId} onChange={(e) => (setSystemId(e.target.value), setResult(null))}>
            <option value="">Choose a system…</option>
            {names.systems.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <span className="label" id="rec-file-label">
            The system’s user export (CSV or XLSX)
          </span>
          <button type="button" aria-describedby="rec-file-label" onClick={() => void load()}>
            {file ? `${file.fileName}: choose another file…` : 'Choose the export file…'}
          </button>
        </div>
      </div>
      {file ? (
        <fieldset className="field">
          <legend>
            Columns of {file.fileName} ({file.rows.length} accounts)
          </legend>
          <div className="toolbar wrap">
            {ACCOUNT_FIELDS.map((f) => (
              <span className="inline-field" key={f.key}>
                <label htmlFor={`rec-map-${f.key}`}>{f.header}</label>
                <select id={`rec-map-${f.key}`} value={mapping[f.key] ?? ''} onChange={(e) => setMapping(e.target.value === '' ? Object.fromEntries(Object.entries(mapping).filter(([k]) => k !== f.key)) : { ...mapping, [f.key]: Number(e.target.value) })}>
                  <option value="">Not in the file</option>
                  {file.headers.map((h, i) => (
                    <option key={i} value={i}>
                      {h}
                    </option>
                  ))}
                </select>
              </span>
            ))}
          </div>
        </fieldset>
      ) : null}
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      <button type="button" className="primary" onClick={() => void run()} disabled={!file || !systemId}>
        Reconcile
      </button>
      {result ? (
        <div role="status">
          <p>
            {result.matched.length} matched · {result.orphans.length} account{result.orphans.length === 1 ? '' : 's'} with no grant · {result.missing.length} grant{result.missing.length === 1 ? '' : 's'} with no account · {result.mismatched.length} with a different role
          </p>
          {result.orphans.length ? (
            <table className="data-table" aria-label="Accounts with no grant">
              <thead>
                <tr>
                  <th scope="col">Account</th>
                  <th scope="col">Name</th>
                  <th scope="col">E-mail</th>
                  <th scope="col">Role</th>
                  <th scope="col">Last used</th>
                </tr>
              </thead>
              <tbody>
                {result.orphans.map((o) => (
                  <tr key={o.row}>
                    <td>{o.account.account}</td>
                    <td>{o.account.name}</td>
                    <td>{o.account.email}</td>
                    <td>{o.account.role}</td>
                    <td>{o.account.lastUsed}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          {result.missing.length ? (
            <table className="data-table" aria-label="Grants with no account">
              <thead>
                <tr>
                  <th scope="col">Person</th>
                  <th scope="col">Entitlement</th>
                  <th scope="col">Action</th>
                </tr>
              </thead>
              <tbody>
                {result.missing.map((g) => (
                  <tr key={g.grantId}>
                    <td>
                      <a href={accessHref({ view: 'grant', id: g.grantId })}>{g.personName}</a>
                    </td>
                    <td>{g.entitlementName}</td>
                    <td>
                      {revoked.has(g.grantId) ? (
                        'Revocation started'
                      ) : (
                        <button type="button" onClick={() => void revoke(g.grantId)} aria-label={`Revoke ${g.personName}, ${g.entitlementName}`}>
                          Revoke
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          {result.mismatched.length ? (
            <table className="data-table" aria-label="Accounts with a different role">
              <thead>
                <tr>
                  <th scope="col">Account</th>
                  <th scope="col">Role in the system</th>
                  <th scope="col">Granted</th>
                  <th scope="col">Action</th>
                </tr>
              </thead>
              <tbody>
                {result.mismatched.map((m) => (
                  <tr key={m.row}>
                    <td>{m.account.account || m.account.email || m.account.name}</td>
                    <td>{m.account.role}</td>
                    <td>{m.grants.map((g) => `${g.personName}: ${g.entitlementName}`).join(', ')}</td>
                    <td>
                      <a href={correctionHref(m)} aria-label={`Request a correction: ${m.grants[0]?.personName ?? ''}, ${m.account.role}`}>
                        Request a correction
                      </a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
