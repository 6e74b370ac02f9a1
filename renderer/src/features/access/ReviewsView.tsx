import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useRef, useState } from 'react';
import { itemVerdict, type ItemVerdict } from '../../../../shared/access/rules';
import type { ReviewDecisionKind } from '../../../../shared/access/schema';
import { useUi } from '../../app/ui-store';
import type { CloseResult } from '../../data/repositories/access/reviews';
import { EmptyState } from '../../ui/EmptyState';
import { platform } from '../../platform/bridge';
import { useRowKeys } from './keys';
import { ReconcilePanel } from './ReconcilePanel';
import { accessHref, goToAccess } from './route';
import { formatDate, formatWhen, useAccessRepos, useLookups, useMe, useToday } from './useAccess';

const DECISION_LABELS: Record<ReviewDecisionKind, string> = { keep: 'Keep', revoke: 'Revoke', change: 'Change', dont_know: 'Don’t know' };

/** Review campaigns: open ones first, with how far each has got. */
export function ReviewsView({ query }: { query: string }) {
  const repos = useAccessRepos();
  const names = useLookups();
  const today = useToday();
  const data = useLiveQuery(async () => {
    const [campaigns, items, decisions] = await Promise.all([repos.tables.campaigns.toArray(), repos.tables.items.toArray(), repos.tables.decisions.toArray()]);
    return { campaigns: campaigns.filter((c) => !c.deleted), items, decided: new Set(decisions.map((d) => d.itemId)) };
  }, [repos]);
  const [creating, setCreating] = useState(false);
  const [form, setForm] = useState({ name: '', systemIds: [] as string[], reviewer: 'systemOwner' as 'systemOwner' | 'supervisor', fallbackPersonId: '', dueDate: '', defaultAction: 'keep_flag' as 'keep_flag' | 'revoke', maxRemovalShare: '25', recurrence: 'none' as 'none' | 'quarterly' | 'yearly' });
  const [error, setError] = useState('');
  if (!data || !names) return <p role="status">Loading reviews…</p>;
  const create = async () => {
    const res = await repos.reviews.create({ ...form, fallbackPersonId: form.fallbackPersonId || null, dueDate: form.dueDate || today, maxRemovalShare: Number(form.maxRemovalShare) / 100 });
    if (!res.ok) return setError(res.error.message);
    goToAccess({ view: 'campaign', id: res.value.campaign.id });
  };
  const shown = data.campaigns.filter((c) => c.name.toLowerCase().includes(query.toLowerCase())).sort((a, b) => (a.status === b.status ? a.dueDate.localeCompare(b.dueDate) : a.status === 'open' ? -1 : 1));
  return (
    <section aria-label="Access reviews">
      <div className="toolbar">
        <button type="button" onClick={() => setCreating(true)} disabled={creating}>
          New review campaign
        </button>
      </div>
      {creating ? (
        <form
          className="panel"
          aria-labelledby="campaign-title"
          onSubmit={(e) => {
            e.preventDefault();
            void create();
          }}
        >
          <h2 id="campaign-title">New review campaign</h2>
          <div className="two-col">
            <div className="field">
              <label htmlFor="camp-name">Name</label>
              <input id="camp-name" required autoFocus value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
            </div>
            <div className="field">
              <label htmlFor="camp-due">Due</label>
              <input id="camp-due" type="date" value={form.dueDate || today} onChange={(e) => setForm({ ...form, dueDate: e.target.value })} />
            </div>
            <fieldset className="field">
              <legend>Systems (none: all)</legend>
              {names.systems.map((s) => (
                <label key={s.id} className="check">
                  <input type="checkbox" checked={form.systemIds.includes(s.id)} onChange={(e) => setForm({ ...form, systemIds: e.target.checked ? [...form.systemIds, s.id] : form.systemIds.filter((x) => x !== s.id) })} />
                  {s.name}
                </label>
              ))}
            </fieldset>
            <div className="field">
              <label htmlFor="camp-reviewer">Reviewer</label>
              <select id="camp-reviewer" value={form.reviewer} onChange={(e) => setForm({ ...form, reviewer: e.target.value as 'systemOwner' | 'supervisor' })}>
                <option value="systemOwner">The entitlement’s owner</option>
                <option value="supervisor">The person’s supervisor</option>
              </select>
            </div>
            <div className="field">
              <label htmlFor="camp-fallback">Fallback reviewer</label>
              <select id="camp-fallback" value={form.fallbackPersonId} onChange={(e) => setForm({ ...form, fallbackPersonId: e.target.value })}>
                <option value="">None</option>
                {names.people.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="camp-default">If nobody decides by the due date</label>
              <select id="camp-default" value={form.defaultAction} onChange={(e) => setForm({ ...form, defaultAction: e.target.value as 'keep_flag' | 'revoke' })}>
                <option value="keep_flag">Keep and flag for a coordinator</option>
                <option value="revoke">Revoke</option>
              </select>
            </div>
            <div className="field">
              <label htmlFor="camp-share">Ask a coordinator before removing more than (% of a system’s grants)</label>
              <input id="camp-share" type="number" min={0} max={100} value={form.maxRemovalShare} onChange={(e) => setForm({ ...form, maxRemovalShare: e.target.value })} />
            </div>
            <div className="field">
              <label htmlFor="camp-recur">Recurrence</label>
              <select id="camp-recur" value={form.recurrence} onChange={(e) => setForm({ ...form, recurrence: e.target.value as 'none' | 'quarterly' | 'yearly' })}>
                <option value="none">Once</option>
                <option value="quarterly">Quarterly</option>
                <option value="yearly">Yearly</option>
              </select>
            </div>
          </div>
          {error ? (
            <p className="form-error" role="alert">
              {error}
            </p>
          ) : null}
          <button type="submit" className="primary">
            Start campaign
          </button>{' '}
          <button type="button" onClick={() => setCreating(false)}>
            Cancel
          </button>
        </form>
      ) : null}
      {data.campaigns.length === 0 && !creating ? (
        <EmptyState title="No review campaigns yet">
          <p>A campaign asks each grant’s owner (or the person’s supervisor) to keep, change or revoke it. Decisions work offline; two reviewers who disagree are both kept and flagged.</p>
        </EmptyState>
      ) : null}
      {shown.length ? (
        <table className="data-table" aria-label="Review campaigns">
          <thead>
            <tr>
              <th scope="col">Campaign</th>
              <th scope="col">Due</th>
              <th scope="col">Decided</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((c) => {
              const items = data.items.filter((i) => i.campaignId === c.id);
              return (
                <tr key={c.id}>
                  <td>
                    <a data-row href={accessHref({ view: 'campaign', id: c.id })}>
                      {c.name}
                    </a>
                  </td>
                  <td>{formatDate(c.dueDate)}</td>
                  <td>
                    {items.filter((i) => data.decided.has(i.id)).length} of {items.length}
                  </td>
                  <td>{c.status === 'open' ? 'Open' : `Closed ${formatWhen(c.closedAt)}`}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
      <ReconcilePanel />
    </section>
  );
}

const verdictText = (v: ItemVerdict, person: (id: string) => string) =>
  v.kind === 'undecided' ? 'Not decided' : v.kind === 'decided' ? `${DECISION_LABELS[v.decision]} (${person(v.by)})` : `Conflict: ${v.decisions.map((d) => `${DECISION_LABELS[d.decision]} by ${person(d.by)}`).join(' / ')}`;

/** A campaign's items, decided by keyboard: a keep, r revoke (asks why), c change, d don't know. */
export function CampaignPage({ id }: { id: string }) {
  const repos = useAccessRepos();
  const names = useLookups();
  const me = useMe();
  const announce = useUi((s) => s.announce);
  const root = useRef<HTMLElement>(null);
  const data = useLiveQuery(async () => {
    const campaign = await repos.tables.campaigns.get(id);
    if (!campaign) return { campaign: null };
    const [items, decisions] = await Promise.all([repos.tables.items.where('campaignId').equals(id).toArray(), repos.tables.decisions.where('campaignId').equals(id).toArray()]);
    const grants = await repos.tables.grants.bulkGet(items.map((i) => i.grantId));
    return { campaign, items: items.filter((i) => !i.deleted), decisions, grants: new Map(grants.filter((g) => !!g).map((g) => [g!.id, g!])) };
  }, [repos, id]);
  const [revoking, setRevoking] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const [held, setHeld] = useState<Extract<CloseResult, { closed: false }>['needsConfirmation'] | null>(null);
  const decide = async (itemId: string, decision: ReviewDecisionKind, why = '') => {
    const res = await repos.reviews.decide(itemId, decision, why);
    setMessage(res.ok ? { error: false, text: `${DECISION_LABELS[decision]} recorded` } : { error: true, text: res.error.message });
    if (res.ok) announce(`${DECISION_LABELS[decision]} recorded`);
  };
  const actions = useMemo(
    () => ({
      a: (row: HTMLElement | null) => row?.dataset.item && void decide(row.dataset.item, 'keep'),
      c: (row: HTMLElement | null) => row?.dataset.item && void decide(row.dataset.item, 'change'),
      d: (row: HTMLElement | null) => row?.dataset.item && void decide(row.dataset.item, 'dont_know'),
      r: (row: HTMLElement | null) => {
        if (!row?.dataset.item) return;
        setRevoking(row.dataset.item);
        setReason('');
      },
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [repos],
  );
  useRowKeys(root, actions);
  if (!data || !names || !me) return <p role="status">Opening the campaign…</p>;
  if (!data.campaign) return <EmptyState title="Campaign not found">{<p>It may not have reached this device yet.</p>}</EmptyState>;
  const c = data.campaign;
  const verdicts = new Map(data.items.map((i) => [i.id, itemVerdict(data.decisions.filter((d) => d.itemId === i.id))]));
  const close = async (confirmed: string[] = []) => {
    const res = await repos.reviews.close(c.id, confirmed);
    if (!res.ok) return setMessage({ error: true, text: res.error.message });
    if (!res.value.closed) return setHeld(res.value.needsConfirmation);
    setHeld(null);
    setMessage({ error: false, text: `Campaign closed: ${res.value.revoked} revocation(s) started, ${res.value.flagged} flagged for a coordinator.` });
  };
  const exportReport = async () => {
    const items = data.items.map((i) => {
      const g = data.grants.get(i.grantId);
      const v = verdicts.get(i.id)!;
      return [names.person(i.personId), names.system(i.systemId), names.entitlement(i.entitlementId), g?.from ?? '', g?.until ?? '', i.reviewerPersonId ? names.person(i.reviewerPersonId) : '', verdictText(v, names.person), v.kind === 'conflict' ? 'yes' : '', i.outcome ?? '', i.outcomeNote];
    });
    const decisions = [...data.decisions]
      .sort((x, y) => x.at.localeCompare(y.at))
      .map((d) => {
        const i = data.items.find((x) => x.id === d.itemId);
        return [names.person(d.personId), i ? names.system(i.systemId) : '', i ? names.entitlement(i.entitlementId) : '', DECISION_LABELS[d.decision], names.person(d.decidedBy), d.at, d.reason, d.device];
      });
    const res = await platform.access.saveXlsx({
      defaultName: `${c.name} review report`,
      sheets: [
        { name: 'Items', columns: ['Person', 'System', 'Entitlement', 'From', 'Until', 'Reviewer', 'Decision', 'Conflict', 'Outcome', 'Outcome note'], rows: items },
        { name: 'Decisions', columns: ['Person', 'System', 'Entitlement', 'Decision', 'Decided by', 'At (UTC)', 'Reason', 'Device'], rows: decisions },
      ],
    });
    if (!res.ok) setMessage({ error: true, text: `The report was not saved: ${res.error.message}` });
    else if (!res.value.cancelled) setMessage({ error: false, text: `Saved the report as ${res.value.path.split(/[\\/]/).pop()} (${data.items.length} items, ${data.decisions.length} decisions).` });
  };
  const printSummary = async () => {
    const count = (k: ReviewDecisionKind) => [...verdicts.values()].filter((v) => v.kind === 'decided' && v.decision === k).length;
    const rows = data.items.flatMap((i) => {
      const v = verdicts.get(i.id)!;
      const access = `${names.system(i.systemId)}: ${names.entitlement(i.entitlementId)}`;
      const person = names.person(i.personId);
      if (v.kind === 'undecided') return [{ person, access, decision: i.outcome === 'flagged' ? 'Undecided (flagged)' : 'Undecided', by: '', at: '', reason: '' }];
      if (v.kind === 'conflict') return v.decisions.map((d) => ({ person, access, decision: `Conflict: ${DECISION_LABELS[d.decision]}`, by: names.person(d.by), at: formatWhen(d.at), reason: d.reason }));
      if (v.decision === 'keep') return [];
      return [{ person, access, decision: DECISION_LABELS[v.decision], by: names.person(v.by), at: formatWhen(v.at), reason: v.reason }];
    });
    const res = await platform.access.printPdf({
      paper: 'Letter',
      document: {
        kind: 'campaignSummary',
        name: c.name,
        due: formatDate(c.dueDate),
        status: c.status === 'open' ? 'Open' : `Closed ${formatWhen(c.closedAt)}`,
        defaultAction: c.defaultAction === 'revoke' ? 'revoke' : 'keep and flag',
        counts: { items: data.items.length, keep: count('keep'), revoke: count('revoke'), change: count('change'), dontKnow: count('dont_know'), conflicts: [...verdicts.values()].filter((v) => v.kind === 'conflict').length, undecided: [...verdicts.values()].filter((v) => v.kind === 'undecided').length },
        rows,
        printedOn: new Date().toLocaleDateString(undefined, { dateStyle: 'long' }),
      },
    });
    if (!res.ok) setMessage({ error: true, text: `The summary was not saved: ${res.error.message}` });
    else if (!res.value.cancelled) setMessage({ error: false, text: `Saved the summary as ${res.value.path.split(/[\\/]/).pop()}.` });
  };
  return (
    <article aria-labelledby="camp-title" ref={root}>
      <nav aria-label="Breadcrumb">
        <a href={accessHref({ view: 'reviews' })}>← Reviews</a>
      </nav>
      <h2 id="camp-title">{c.name}</h2>
      <p>
        Due {formatDate(c.dueDate)} · default if undecided: {c.defaultAction === 'revoke' ? 'revoke' : 'keep and flag'} · {c.status === 'open' ? 'open' : `closed ${formatWhen(c.closedAt)}`}
      </p>
      <div className="toolbar">
        <button type="button" onClick={() => void exportReport()}>
          Export report (XLSX)
        </button>
        <button type="button" onClick={() => void printSummary()}>
          Print summary (PDF)
        </button>
      </div>
      {c.status === 'open' ? <p className="muted">Move with j/k; decide with a (keep), r (revoke, asks why), c (change), d (don’t know).</p> : null}
      {message ? (
        <p role={message.error ? 'alert' : 'status'} className={message.error ? 'form-error' : 'ok-text'}>
          {message.text}
        </p>
      ) : null}
      {revoking ? (
        <form
          className="panel"
          onSubmit={async (e) => {
            e.preventDefault();
            await decide(revoking, 'revoke', reason);
            setRevoking(null);
          }}
        >
          <label htmlFor="rev-why">Why revoke?</label> <input id="rev-why" value={reason} onChange={(e) => setReason(e.target.value)} required autoFocus />{' '}
          <button type="submit" className="danger">
            Record revoke
          </button>{' '}
          <button type="button" onClick={() => setRevoking(null)}>
            Cancel
          </button>
        </form>
      ) : null}
      <table className="data-table" aria-label="Review items">
        <thead>
          <tr>
            <th scope="col">Person</th>
            <th scope="col">Access</th>
            <th scope="col">Since</th>
            <th scope="col">Last review</th>
            <th scope="col">Reviewer</th>
            <th scope="col">Decision</th>
            <th scope="col">Outcome</th>
          </tr>
        </thead>
        <tbody>
          {data.items.map((i) => {
            const g = data.grants.get(i.grantId);
            const v = verdicts.get(i.id)!;
            return (
              <tr key={i.id}>
                <td>
                  <span data-row data-item={i.id} tabIndex={0} aria-label={`${names.person(i.personId)}, ${names.entitlement(i.entitlementId)}`}>
                    {names.person(i.personId)}
                  </span>
                  {names.departed.has(i.personId) ? <span className="badge warn"> departed</span> : null}
                </td>
                <td>
                  {names.system(i.systemId)}: {names.entitlement(i.entitlementId)}
                </td>
                <td>{g ? formatDate(g.from) : ''}</td>
                <td>{g?.lastReviewedAt ? formatWhen(g.lastReviewedAt) : 'Never'}</td>
                <td>{i.reviewerPersonId ? names.person(i.reviewerPersonId) : 'Unassigned'}</td>
                <td>{v.kind === 'conflict' ? <span className="badge warn">{verdictText(v, names.person)}</span> : verdictText(v, names.person)}</td>
                <td>{i.outcome ?? ''}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {c.status === 'open' ? (
        held ? (
          <div className="panel" role="alertdialog" aria-labelledby="held-title">
            <h3 id="held-title">The default would remove a large share of access</h3>
            <ul>
              {held.map((h) => (
                <li key={h.systemId}>
                  {names.system(h.systemId)}: {h.wouldRevoke} of {h.grants} grants ({Math.round(h.share * 100)}%)
                </li>
              ))}
            </ul>
            <button type="button" className="danger" onClick={() => void close(held.map((h) => h.systemId))}>
              Confirm and close
            </button>{' '}
            <button type="button" onClick={() => setHeld(null)}>
              Not now
            </button>
          </div>
        ) : (
          <button type="button" onClick={() => void close()}>
            Close campaign
          </button>
        )
      ) : null}
    </article>
  );
}
