import { useLiveQuery } from 'dexie-react-hooks';
import { daysLeft, grantState } from '../../../../shared/access/rules';
import type { AccessRequest, Grant } from '../../../../shared/access/schema';
import type { System } from '../../../../shared/tickets/catalog';
import { useData } from '../../app/data-context';
import { accessTables } from '../../data/repositories/access/tables';
import { accessHref } from './route';
import { formatDate, useToday } from './useAccess';

/** Requests still in progress: not yet a grant, not refused or withdrawn. */
const OPEN_REQUESTS: readonly AccessRequest['status'][] = ['draft', 'submitted', 'approved', 'provisioning'];
const REQUEST_LABEL: Record<AccessRequest['status'], string> = {
  draft: 'Draft',
  submitted: 'Waiting for approval',
  approved: 'Approved, to provision',
  denied: 'Denied',
  provisioning: 'Provisioning',
  active: 'Active',
  cancelled: 'Cancelled',
};
const GRANT_LABEL: Record<string, string> = { active: 'Active', expiring: 'Expiring', revoking: 'Being revoked' };

/**
 * A person's access, for their page in the directory: the grants they hold
 * now (active, expiring or being revoked) with system, entitlement and last
 * day; their requests still in progress; and the distribution lists they are
 * on. Everything by name, each linking to its page in the Access screen.
 */
export function PersonAccess({ personId }: { personId: string }) {
  const { db } = useData();
  const today = useToday();
  const data = useLiveQuery(async () => {
    const t = accessTables(db);
    const [grants, requests, memberships] = await Promise.all([
      t.grants.where('personId').equals(personId).toArray(),
      t.requests.where('forPersonId').equals(personId).toArray(),
      t.memberships.where('personId').equals(personId).toArray(),
    ]);
    const held = grants.filter((g) => !g.deleted && (g.status === 'active' || g.status === 'revoking'));
    const open = requests.filter((r) => !r.deleted && OPEN_REQUESTS.includes(r.status));
    const member = memberships.filter((m) => !m.deleted && m.status === 'member');
    const systemIds = [...new Set([...held.map((g) => g.systemId), ...open.map((r) => r.systemId)])];
    const entitlementIds = [...new Set([...held.map((g) => g.entitlementId), ...open.flatMap((r) => r.entitlementIds)])];
    const listIds = [...new Set(member.map((m) => m.listId))];
    const [systems, entitlements, lists] = await Promise.all([
      db.table<System, string>('systems').bulkGet(systemIds),
      t.entitlements.bulkGet(entitlementIds),
      t.lists.bulkGet(listIds),
    ]);
    const nameMap = (rows: ({ id: string; name: string } | undefined)[]) => new Map(rows.flatMap((r) => (r ? [[r.id, r.name] as const] : [])));
    return {
      grants: held.sort((a, b) => ((a.until ?? '9999') < (b.until ?? '9999') ? -1 : 1)),
      requests: open.sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : -1)),
      memberships: member,
      systems: nameMap(systems),
      entitlements: nameMap(entitlements),
      lists: new Map(lists.flatMap((l) => (l && !l.deleted ? [[l.id, l] as const] : []))),
    };
  }, [db, personId]);

  if (data === undefined) return null;
  const system = (id: string) => data.systems.get(id) ?? 'A system not on this device';
  const entitlement = (id: string) => data.entitlements.get(id) ?? 'An entitlement not on this device';
  const until = (g: Grant) => {
    if (g.until === null) return 'No end date';
    const left = daysLeft(g.until, today);
    return `${formatDate(g.until)}${left !== null && left >= 0 && left <= 14 ? ` (${left === 0 ? 'last day today' : `${left} day${left === 1 ? '' : 's'} left`})` : ''}`;
  };

  return (
    <section className="panel" aria-labelledby="person-access">
      <h2 id="person-access">Access</h2>
      <h3>Access they hold ({data.grants.length})</h3>
      {data.grants.length === 0 ? (
        <p className="muted">No active access on this device.</p>
      ) : (
        <table className="data-table" aria-label="Access they hold">
          <thead>
            <tr>
              <th scope="col">System</th>
              <th scope="col">Entitlement</th>
              <th scope="col">Until</th>
              <th scope="col">State</th>
            </tr>
          </thead>
          <tbody>
            {data.grants.map((g) => {
              const state = grantState(g, today);
              return (
                <tr key={g.id}>
                  <td>{system(g.systemId)}</td>
                  <td>
                    <a href={accessHref({ view: 'grant', id: g.id })}>{entitlement(g.entitlementId)}</a>
                  </td>
                  <td>{until(g)}</td>
                  <td>{GRANT_LABEL[state] ?? state}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <h3>Open requests ({data.requests.length})</h3>
      {data.requests.length === 0 ? (
        <p className="muted">No access requests in progress on this device.</p>
      ) : (
        <ul aria-label="Their open access requests">
          {data.requests.map((r) => (
            <li key={r.id}>
              <a href={accessHref({ view: 'request', id: r.id })}>
                {system(r.systemId)}: {r.entitlementIds.map(entitlement).join(', ')}
              </a>{' '}
              — {REQUEST_LABEL[r.status]}
            </li>
          ))}
        </ul>
      )}
      <h3>Distribution lists ({data.memberships.length})</h3>
      {data.memberships.length === 0 ? (
        <p className="muted">On no distribution list on this device.</p>
      ) : (
        <ul aria-label="Distribution lists they are on">
          {data.memberships.map((m) => {
            const list = data.lists.get(m.listId);
            return (
              <li key={m.id}>
                {list ? <a href={accessHref({ view: 'list', id: list.id })}>{list.name}</a> : 'A list not on this device'}
                {list?.address ? ` (${list.address})` : ''}
                {m.endDate ? `, until ${formatDate(m.endDate)}` : ''}
              </li>
            );
          })}
        </ul>
      )}
      <p>
        <a href={accessHref({ view: 'new', person: personId })}>Request access for them…</a>
      </p>
    </section>
  );
}
