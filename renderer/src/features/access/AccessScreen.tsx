import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useRef, useState } from 'react';
import { daysLeft, expiryWindow, stageProgress } from '../../../../shared/access/rules';
import type { AccessRequest, Entitlement, Grant, Revocation } from '../../../../shared/access/schema';
import type { System } from '../../../../shared/tickets/catalog';
import { useData } from '../../app/data-context';
import { activeGrantsPage } from '../../data/repositories/access/active-page';
import { EmptyState } from '../../ui/EmptyState';
import { CatalogView } from './CatalogView';
import { GrantPage } from './GrantPage';
import { useRowKeys } from './keys';
import { LeaversView } from './LeaversView';
import { ListPage, ListsView } from './ListsView';
import { RequestForm } from './RequestForm';
import { RequestPage } from './RequestPage';
import { CampaignPage, ReviewsView } from './ReviewsView';
import { dropFormDrafts, useDraftState } from '../../ui/useDraft';
import { ACCESS_VIEWS, accessHref, goToAccess, useAccessRoute, VIEW_LABELS, type AccessView } from './route';
import { formatDate, useAccessRepos, useLookups, useMe, useToday, type Lookups } from './useAccess';
import './access.css';

export const REQUEST_STATUS_LABELS: Record<AccessRequest['status'], string> = {
  draft: 'Draft',
  submitted: 'Submitted',
  approved: 'Approved',
  denied: 'Denied',
  provisioning: 'Provisioning',
  active: 'Active',
  cancelled: 'Cancelled',
};

const tabOf = (view: string): AccessView => (view === 'new' || view === 'request' ? 'waiting' : view === 'grant' ? 'active' : view === 'list' ? 'lists' : view === 'campaign' ? 'reviews' : (view as AccessView));

/** Access: requests and their recorded approvals, provisioning, grants, expiry, revocations, leavers, reviews and distribution lists. */
export function AccessScreen() {
  const route = useAccessRoute();
  const repos = useAccessRepos();
  const [query, setQuery] = useState('');
  const root = useRef<HTMLDivElement>(null);
  // Grants past their end and members past their end date are ended when the screen opens.
  useEffect(() => {
    void repos.grants.expireDue().catch(() => undefined);
    void repos.grants.endDueMemberships().catch(() => undefined);
  }, [repos]);
  const keyActions = useMemo(() => ({ n: () => goToAccess({ view: 'new' }) }), []);
  useRowKeys(root, keyActions);
  const tab = tabOf(route.view);
  const isList = (ACCESS_VIEWS as readonly string[]).includes(route.view) && route.view !== 'catalog' && route.view !== 'leavers';
  return (
    <div className="screen access" ref={root}>
      <header className="screen-header">
        <h1>Access</h1>
        <nav aria-label="Access" className="subnav">
          {ACCESS_VIEWS.map((v) => (
            <a key={v} href={accessHref({ view: v })} aria-current={tab === v ? 'page' : undefined}>
              {VIEW_LABELS[v]}
            </a>
          ))}
        </nav>
      </header>
      {isList ? (
        <div className="toolbar view-toolbar">
          <button type="button" className="primary" onClick={() => goToAccess({ view: 'new' })} aria-keyshortcuts="n">
            Request access
          </button>
          <input type="search" aria-label="Search access" placeholder="Search people, systems, entitlements (/)" value={query} onChange={(e) => setQuery(e.target.value)} />
          <span className="muted">j/k to move, Enter to open</span>
        </div>
      ) : null}
      {route.view === 'waiting' ? <RequestsView query={query} which="waiting" /> : null}
      {route.view === 'provisioning' ? <RequestsView query={query} which="provisioning" /> : null}
      {route.view === 'active' ? query.trim() ? <GrantsView query={query} which="active" /> : <ActiveFirstView /> : null}
      {route.view === 'expiring' ? <GrantsView query={query} which="expiring" /> : null}
      {route.view === 'reviews' ? <ReviewsView query={query} /> : null}
      {route.view === 'lists' ? <ListsView query={query} /> : null}
      {route.view === 'leavers' ? <LeaversView /> : null}
      {route.view === 'catalog' ? <CatalogView /> : null}
      {route.view === 'new' ? <RequestForm key={location.hash} route={route} /> : null}
      {route.view === 'request' ? <RequestPage key={route.id} id={route.id} /> : null}
      {route.view === 'grant' ? <GrantPage key={route.id} id={route.id} /> : null}
      {route.view === 'list' ? <ListPage key={route.id} id={route.id} /> : null}
      {route.view === 'campaign' ? <CampaignPage key={route.id} id={route.id} /> : null}
    </div>
  );
}

const matches = (query: string, ...texts: string[]) => {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const hay = texts.join(' ').toLowerCase();
  return words.every((w) => hay.includes(w));
};

function nextStep(r: AccessRequest, approvalsOf: (id: string) => { id: string; stageIndex: number; decision: 'approved' | 'denied'; at: string }[]): string {
  if (r.status === 'draft') return 'Submit';
  if (r.status === 'submitted') {
    const p = stageProgress(r.stages, approvalsOf(r.id));
    return p.kind === 'pending' ? `Record: ${p.stage.label}` : 'Decided';
  }
  if (r.status === 'approved') return 'Start provisioning';
  if (r.status === 'provisioning') return 'Finish the checklist';
  return REQUEST_STATUS_LABELS[r.status];
}

/** Requests waiting for a decision or a submission, or in provisioning (with revocations being worked). */
function RequestsView({ query, which }: { query: string; which: 'waiting' | 'provisioning' }) {
  const repos = useAccessRepos();
  const names = useLookups();
  const me = useMe();
  const data = useLiveQuery(async () => {
    const statuses = which === 'waiting' ? ['draft', 'submitted'] : ['approved', 'provisioning'];
    const requests = (await repos.tables.requests.where('status').anyOf(statuses).toArray()).filter((r) => !r.deleted);
    const approvals = await repos.tables.approvals.where('requestId').anyOf(requests.map((r) => r.id)).toArray();
    const revocations = which === 'provisioning' ? (await repos.tables.revocations.where('status').equals('open').toArray()).filter((r) => !r.deleted) : [];
    const grants = revocations.length ? await repos.tables.grants.bulkGet(revocations.map((r) => r.grantId)) : [];
    return { requests, approvals, revocations, grants: grants.filter((g): g is Grant => !!g) };
  }, [repos, which]);
  if (!data || !names || !me) return <p role="status">Loading requests…</p>;
  const approvalsOf = (id: string) => data.approvals.filter((a) => a.requestId === id);
  const text = (r: AccessRequest) => [names.person(r.forPersonId), names.person(r.requestedBy), names.system(r.systemId), ...r.entitlementIds.map(names.entitlement), r.justification];
  // Mine to act on: anything I did not ask for and that does not grant me access (I cannot decide those).
  const mine = (r: AccessRequest) => r.forPersonId !== me.id && r.requestedBy !== me.id && (r.status !== 'submitted' || r.createdBy !== me.id);
  const shown = data.requests
    .filter((r) => matches(query, ...text(r)))
    .sort((a, b) => Number(mine(b)) - Number(mine(a)) || (a.submittedAt ?? a.createdAt).localeCompare(b.submittedAt ?? b.createdAt));
  const revs = data.revocations.filter((v) => matches(query, names.person(v.personId), names.entitlement(data.grants.find((g) => g.id === v.grantId)?.entitlementId)));
  if (data.requests.length === 0 && data.revocations.length === 0)
    return (
      <EmptyState
        title={which === 'waiting' ? 'No requests waiting' : 'Nothing to provision or remove'}
        action={
          which === 'waiting' ? (
            <button type="button" className="primary" onClick={() => goToAccess({ view: 'new' })}>
              Request access
            </button>
          ) : undefined
        }
      >
        <p>
          {which === 'waiting'
            ? 'Drafts and submitted requests show here until every approval stage is recorded. Start one with “Request access” (N), or from a ticket.'
            : 'Approved requests show here with their provisioning checklist, and revocations with their deprovisioning checklist, until every step is ticked.'}
        </p>
      </EmptyState>
    );
  return (
    <>
      {shown.length ? (
        <table className="data-table" aria-label={which === 'waiting' ? 'Requests waiting' : 'Requests being provisioned'}>
          <thead>
            <tr>
              <th scope="col">For</th>
              <th scope="col">System and entitlements</th>
              <th scope="col">Requested by</th>
              <th scope="col">Dates</th>
              <th scope="col">Status</th>
              <th scope="col">Next step</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => (
              <tr key={r.id}>
                <td>
                  <a data-row href={accessHref({ view: 'request', id: r.id })}>
                    {names.person(r.forPersonId)}
                  </a>
                  {names.departed.has(r.forPersonId) ? <span className="badge warn"> departed</span> : null}
                </td>
                <td>
                  {names.system(r.systemId)}: {r.entitlementIds.map(names.entitlement).join(', ')}
                  {r.sodConflicts.length ? <span className="badge warn"> SoD conflict</span> : null}
                </td>
                <td>{names.person(r.requestedBy)}</td>
                <td>
                  {formatDate(r.startDate)} – {formatDate(r.endDate)}
                </td>
                <td>{REQUEST_STATUS_LABELS[r.status]}</td>
                <td>{nextStep(r, approvalsOf)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="muted">{query ? 'No request matches the search.' : which === 'waiting' ? 'No requests waiting.' : 'No requests being provisioned.'}</p>
      )}
      {which === 'provisioning' ? <RevocationsTable revocations={revs} grants={data.grants} names={names} /> : null}
    </>
  );
}

function RevocationsTable({ revocations, grants, names }: { revocations: Revocation[]; grants: Grant[]; names: Lookups }) {
  if (revocations.length === 0) return null;
  return (
    <>
      <h2>Revocations to finish</h2>
      <table className="data-table" aria-label="Revocations to finish">
        <thead>
          <tr>
            <th scope="col">Person</th>
            <th scope="col">Access</th>
            <th scope="col">Reason</th>
            <th scope="col">Steps</th>
          </tr>
        </thead>
        <tbody>
          {revocations.map((v) => {
            const g = grants.find((x) => x.id === v.grantId);
            return (
              <tr key={v.id}>
                <td>
                  <a data-row href={accessHref({ view: 'grant', id: v.grantId })}>
                    {names.person(v.personId)}
                  </a>
                </td>
                <td>
                  {names.system(g?.systemId)}: {names.entitlement(g?.entitlementId)}
                </td>
                <td>{v.reason.replace('_', ' ')}</td>
                <td>{v.steps.length}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}

/** Grants in force, or those ending within 14 days, with a one-action extension request. */
function GrantsView({ query, which }: { query: string; which: 'active' | 'expiring' }) {
  const repos = useAccessRepos();
  const names = useLookups();
  const today = useToday();
  const data = useLiveQuery(async () => {
    const grants = (await repos.tables.grants.where('personId').above('').toArray()).filter((g) => !g.deleted && (g.status === 'active' || g.status === 'revoking'));
    const extensions = (await repos.tables.requests.where('grantId').anyOf(grants.map((g) => g.id)).toArray()).filter((r) => !r.deleted && r.status !== 'cancelled' && r.status !== 'denied');
    return { grants, extensions };
  }, [repos]);
  if (!data || !names) return <p role="status">Loading grants…</p>;
  const extended = new Set(data.extensions.map((r) => r.grantId));
  const rows = data.grants
    .filter((g) => (which === 'expiring' ? g.status === 'active' && expiryWindow(g.until, today) !== null && expiryWindow(g.until, today) !== 'expired' : true))
    .filter((g) => matches(query, names.person(g.personId), names.system(g.systemId), names.entitlement(g.entitlementId)))
    .sort((a, b) => (which === 'expiring' ? (a.until ?? '').localeCompare(b.until ?? '') : names.person(a.personId).localeCompare(names.person(b.personId))));
  if (rows.length === 0)
    return (
      <EmptyState title={which === 'expiring' ? 'Nothing expiring in the next 14 days' : query ? 'No grant matches the search' : 'No active access'}>
        <p>{which === 'expiring' ? 'Grants show here 14 days before their last day, and are marked a day before. Extend one with a single action.' : 'Grants appear when a request’s provisioning checklist is done.'}</p>
      </EmptyState>
    );
  return (
    <table className="data-table" aria-label={which === 'expiring' ? 'Expiring grants' : 'Active grants'}>
      <thead>
        <tr>
          <th scope="col">Person</th>
          <th scope="col">System</th>
          <th scope="col">Entitlement</th>
          <th scope="col">From</th>
          <th scope="col">Until</th>
          <th scope="col">Status</th>
          {which === 'expiring' ? <th scope="col">Extension</th> : null}
        </tr>
      </thead>
      <tbody>
        {rows.map((g) => {
          const left = daysLeft(g.until, today);
          return (
            <tr key={g.id}>
              <td>
                <a data-row href={accessHref({ view: 'grant', id: g.id })}>
                  {names.person(g.personId)}
                </a>
                {names.departed.has(g.personId) ? <span className="badge warn"> departed</span> : null}
              </td>
              <td>{names.system(g.systemId)}</td>
              <td>{names.entitlement(g.entitlementId)}</td>
              <td>{formatDate(g.from)}</td>
              <td>
                {formatDate(g.until)}
                {left !== null && left <= 14 ? <span className={`badge${left <= 1 ? ' warn' : ''}`}>{left <= 0 ? ' last day' : ` ${left} day${left === 1 ? '' : 's'} left`}</span> : null}
              </td>
              <td>{g.status === 'revoking' ? 'Being revoked' : 'Active'}</td>
              {which === 'expiring' ? <td>{extended.has(g.id) ? 'Extension requested' : <ExtendButton grantId={g.id} label={`${names.person(g.personId)}, ${names.entitlement(g.entitlementId)}`} />}</td> : null}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/**
 * The Active view without a search: one screen of grants in name order, read by indexes
 * (activeGrantsPage), with names resolved for the rows shown only; "Show more" reads the next screen.
 * A search reads every grant (GrantsView).
 */
function ActiveFirstView() {
  const { db } = useData();
  const repos = useAccessRepos();
  const [limit, setLimit] = useState(ACTIVE_SCREEN);
  const data = useLiveQuery(async () => {
    const page = await activeGrantsPage(db, repos.tables, limit);
    const systemIds = [...new Set(page.rows.map((r) => r.grant.systemId))];
    const entIds = [...new Set(page.rows.map((r) => r.grant.entitlementId))];
    const personIds = [...new Set(page.rows.map((r) => r.grant.personId))];
    const [systems, ents, departures] = await Promise.all([db.table<System, string>('systems').bulkGet(systemIds), repos.tables.entitlements.bulkGet(entIds), repos.tables.departures.where('personId').anyOf(personIds).toArray()]);
    return {
      page,
      system: new Map(systems.filter((x): x is System => !!x).map((x) => [x.id, x.name])),
      ent: new Map(ents.filter((x): x is Entitlement => !!x).map((x) => [x.id, x.name])),
      departed: new Set(departures.filter((d) => !d.deleted).map((d) => d.personId)),
    };
  }, [db, repos, limit]);
  if (!data) return <p role="status">Loading grants…</p>;
  if (data.page.rows.length === 0)
    return (
      <EmptyState title="No active access">
        <p>Grants appear when a request’s provisioning checklist is done.</p>
      </EmptyState>
    );
  return (
    <>
      <table className="data-table" aria-label="Active grants">
        <thead>
          <tr>
            <th scope="col">Person</th>
            <th scope="col">System</th>
            <th scope="col">Entitlement</th>
            <th scope="col">From</th>
            <th scope="col">Until</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {data.page.rows.map(({ grant: g, personName }) => (
            <tr key={g.id}>
              <td>
                <a data-row href={accessHref({ view: 'grant', id: g.id })}>
                  {personName}
                </a>
                {data.departed.has(g.personId) ? <span className="badge warn"> departed</span> : null}
              </td>
              <td>{data.system.get(g.systemId) ?? 'A removed system'}</td>
              <td>{data.ent.get(g.entitlementId) ?? 'A removed entitlement'}</td>
              <td>{formatDate(g.from)}</td>
              <td>{formatDate(g.until)}</td>
              <td>{g.status === 'revoking' ? 'Being revoked' : 'Active'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {data.page.more ? (
        <p>
          <button type="button" onClick={() => setLimit((n) => n + ACTIVE_SCREEN)}>
            Show {ACTIVE_SCREEN} more
          </button>{' '}
          <span className="muted">Showing the first {data.page.rows.length}; search to find anyone.</span>
        </p>
      ) : null}
    </>
  );
}

const ACTIVE_SCREEN = 50;

/** One action: a submitted extension request, with the justification it will carry shown and editable first. */
export function ExtendButton({ grantId, label }: { grantId: string; label: string }) {
  const repos = useAccessRepos();
  // Open or not and the justification are a draft (per grant) until submitted or cancelled.
  const [open, setOpen] = useDraftState('access.extension', grantId, 'open', false);
  const [why, setWhy] = useDraftState('access.extension', grantId, 'why', 'Still needed for the same duties');
  const [error, setError] = useState('');
  const close = () => dropFormDrafts('access.extension', grantId);
  const submit = async () => {
    const res = await repos.requests.requestExtension(grantId, why);
    if (!res.ok) return setError(res.error.message);
    setOpen(false);
    setWhy('Still needed for the same duties');
    close();
  };
  if (!open)
    return (
      <button type="button" onClick={() => setOpen(true)} aria-label={`Request extension: ${label}`}>
        Request extension
      </button>
    );
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <label>
        Justification <input value={why} onChange={(e) => setWhy(e.target.value)} autoFocus required aria-label={`Justification for extending ${label}`} />
      </label>{' '}
      <button type="submit" className="primary">
        Submit extension
      </button>{' '}
      <button
        type="button"
        onClick={() => {
          setOpen(false);
          setWhy('Still needed for the same duties');
          close();
        }}
      >
        Cancel
      </button>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}
