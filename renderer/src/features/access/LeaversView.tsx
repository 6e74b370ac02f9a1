import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { useUi } from '../../app/ui-store';
import type { LeaverSummary } from '../../data/repositories/access/grants';
import { EmptyState } from '../../ui/EmptyState';
import { accessHref } from './route';
import { formatDate, useAccessRepos, useLookups, useToday } from './useAccess';

/** Leavers: mark a person departed, which starts revocation of every active grant and removes them from every list. */
export function LeaversView() {
  const repos = useAccessRepos();
  const names = useLookups();
  const today = useToday();
  const announce = useUi((s) => s.announce);
  const departures = useLiveQuery(async () => (await repos.tables.departures.toArray()).filter((d) => !d.deleted).sort((a, b) => b.createdAt.localeCompare(a.createdAt)), [repos]);
  const [personId, setPersonId] = useState('');
  const [on, setOn] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [summary, setSummary] = useState<LeaverSummary | null>(null);
  const [error, setError] = useState('');
  if (!departures || !names) return <p role="status">Loading leavers…</p>;
  const candidates = names.people.filter((p) => !names.departed.has(p.id));
  const mark = async () => {
    const res = await repos.grants.markLeaver(personId, on || today);
    setConfirming(false);
    if (!res.ok) return setError(res.error.message);
    setError('');
    setSummary(res.value);
    setPersonId('');
    announce(`${names.person(res.value.departure.personId)} marked as departed: ${res.value.revoked.length} revocation(s) started, removed from ${res.value.removedFrom.length} list(s)`);
  };
  return (
    <section aria-label="Leavers">
      <form
        className="panel"
        aria-labelledby="leaver-title"
        onSubmit={(e) => {
          e.preventDefault();
          if (!personId) return setError('Choose the person who left.');
          setConfirming(true);
        }}
      >
        <h2 id="leaver-title">Mark a person as departed</h2>
        <p className="muted">Starts revocation of every active grant (reason: left the agency) and removes them from every distribution list, in one step.</p>
        <div className="two-col">
          <div className="field">
            <label htmlFor="leaver-person">Person</label>
            <select id="leaver-person" value={personId} onChange={(e) => (setPersonId(e.target.value), setConfirming(false))}>
              <option value="">Choose a person…</option>
              {candidates.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                  {p.agency ? ` (${p.agency})` : ''}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="leaver-on">Last day</label>
            <input id="leaver-on" type="date" value={on || today} onChange={(e) => setOn(e.target.value)} />
          </div>
        </div>
        {error ? (
          <p className="form-error" role="alert">
            {error}
          </p>
        ) : null}
        {confirming ? (
          <div role="alertdialog" aria-labelledby="leaver-confirm">
            <p id="leaver-confirm">
              Mark <strong>{names.person(personId)}</strong> as departed on {formatDate(on || today)}? This starts revocation of all their access and removes them from every list.
            </p>
            <button type="button" className="danger" onClick={() => void mark()} autoFocus>
              Mark departed
            </button>{' '}
            <button type="button" onClick={() => setConfirming(false)}>
              Not now
            </button>
          </div>
        ) : (
          <button type="submit" className="primary">
            Mark departed…
          </button>
        )}
      </form>
      {summary ? (
        <section className="panel" aria-labelledby="leaver-summary" role="status">
          <h3 id="leaver-summary">What was done for {names.person(summary.departure.personId)}</h3>
          {summary.revoked.length === 0 && summary.alreadyRevoking.length === 0 ? <p>No active access to revoke.</p> : null}
          <ul>
            {summary.revoked.map((r) => (
              <li key={r.grantId}>
                <a href={accessHref({ view: 'grant', id: r.grantId })}>
                  {names.system(r.system)}: {r.entitlement}
                </a>{' '}
                — {r.done ? 'revoked (no deprovisioning steps)' : 'revocation started: deprovisioning checklist to work'}
              </li>
            ))}
            {summary.alreadyRevoking.map((gid) => (
              <li key={gid}>
                <a href={accessHref({ view: 'grant', id: gid })}>A grant</a> was already being revoked
              </li>
            ))}
            {summary.removedFrom.map((m) => (
              <li key={m.membershipId}>Removed from the list “{m.list}”</li>
            ))}
            {summary.removedFrom.length === 0 ? <li>Was on no distribution list.</li> : null}
          </ul>
        </section>
      ) : null}
      <h2>Departed</h2>
      {departures.length === 0 ? (
        <EmptyState title="No leavers recorded">
          <p>People marked as departed show here with what their departure removed.</p>
        </EmptyState>
      ) : (
        <table className="data-table" aria-label="Departed people">
          <thead>
            <tr>
              <th scope="col">Person</th>
              <th scope="col">Last day</th>
              <th scope="col">Revocations</th>
              <th scope="col">Lists left</th>
              <th scope="col">Recorded by</th>
            </tr>
          </thead>
          <tbody>
            {departures.map((d) => (
              <tr key={d.id}>
                <td>
                  <span data-row tabIndex={0}>
                    {names.person(d.personId)}
                  </span>
                </td>
                <td>{formatDate(d.departedOn)}</td>
                <td>{d.revocationIds.length}</td>
                <td>{d.removedMembershipIds.length}</td>
                <td>{names.person(d.recordedBy)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
