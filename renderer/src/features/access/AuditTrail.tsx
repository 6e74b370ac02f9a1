import { useLiveQuery } from 'dexie-react-hooks';
import { useAccessRepos, useLookups, formatWhen } from './useAccess';

/** The append-only trail of a request or a grant: who did what, when, from which device. */
export function AuditTrail({ requestId, grantId }: { requestId?: string; grantId?: string }) {
  const repos = useAccessRepos();
  const names = useLookups();
  const entries = useLiveQuery(async () => {
    const byRequest = requestId ? await repos.tables.audit.where('requestId').equals(requestId).toArray() : [];
    const byGrant = grantId ? await repos.tables.audit.where('grantId').equals(grantId).toArray() : [];
    const seen = new Set<string>();
    return [...byRequest, ...byGrant].filter((e) => !seen.has(e.id) && seen.add(e.id)).sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
  }, [repos, requestId, grantId]);
  if (!entries || !names) return null;
  return (
    <section aria-labelledby="trail-title">
      <h3 id="trail-title">Audit trail</h3>
      {entries.length === 0 ? (
        <p className="muted">Nothing recorded yet.</p>
      ) : (
        <table className="data-table" aria-label="Audit trail">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">What</th>
              <th scope="col">Details</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id}>
                <td>{formatWhen(e.at)}</td>
                <td>{names.person(e.actor)}</td>
                <td>{e.action.replace(/[._]/g, ' ')}</td>
                <td>{e.summary}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
