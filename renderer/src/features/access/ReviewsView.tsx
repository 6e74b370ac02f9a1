import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useRef, useState } from 'react';
import { describeConflict, type ItemVerdict } from '../../../../shared/access/rules';
import type { ReviewDecisionKind, ReviewItem } from '../../../../shared/access/schema';
import { useUi } from '../../app/ui-store';
import { campaignAll, campaignCounts, campaignPage } from '../../data/repositories/access/campaign-page';
import type { CloseResult } from '../../data/repositories/access/reviews';
import { DraftNotice } from '../../ui/DraftNotice';
import { draftKey } from '../../ui/drafts';
import { useDraft } from '../../ui/useDraft';
import { EmptyState } from '../../ui/EmptyState';
import { platform } from '../../platform/bridge';
import { useMayWrite } from '../../sync/useRole';
import { useRowKeys } from './keys';
import { AccountCheckNote } from './AccountCheckNote';
import { ReconcilePanel } from './ReconcilePanel';
import { accessHref, goToAccess } from './route';
import { formatDate, formatWhen, useAccessRepos, useLookups, useMe, useToday } from './useAccess';

const DECISION_LABELS: Record<ReviewDecisionKind, string> = { keep: 'Keep', revoke: 'Revoke', change: 'Change', dont_know: 'Don’t know' };

type CampaignForm = { name: string; systemIds: string[]; reviewer: 'systemOwner' | 'supervisor'; fallbackPersonId: string; dueDate: string; defaultAction: 'keep_flag' | 'revoke'; maxRemovalShare: string; recurrence: 'none' | 'quarterly' | 'yearly' };
const NEW_CAMPAIGN: CampaignForm = { name: '', systemIds: [], reviewer: 'systemOwner', fallbackPersonId: '', dueDate: '', defaultAction: 'keep_flag', maxRemovalShare: '25', recurrence: 'none' };
const CAMPAIGN_DRAFT = draftKey('access.campaign', 'new');

/**
 * Review campaigns: open ones first, with how far each has got. Opening the
 * view (as a coordinator or admin, who set campaigns up) makes the next
 * campaign of each recurring series whose due date has come.
 */
export function ReviewsView({ query }: { query: string }) {
  const repos = useAccessRepos();
  const names = useLookups();
  const today = useToday();
  const maySetUp = useMayWrite('reviewCampaigns');
  const [made, setMade] = useState('');
  useEffect(() => {
    if (!maySetUp) return;
    void repos.reviews
      .createDueRecurrences(today)
      .then((r) => {
        if (r.ok && r.value.length) setMade(`Started the next campaign of a recurring review: ${r.value.map((c) => c.name).join(', ')}.`);
      })
      .catch(() => undefined);
  }, [repos, today, maySetUp]);
  // The first screen: campaigns and their item counts (index keys only). How many items each open
  // campaign has decided needs its decisions, so it follows in a second read.
  const data = useLiveQuery(async () => {
    const campaigns = (await repos.tables.campaigns.toArray()).filter((c) => !c.deleted);
    const counts = await Promise.all(campaigns.map(async (c) => [c.id, await repos.tables.items.where('campaignId').equals(c.id).count()] as const));
    return { campaigns, counts: new Map(counts) };
  }, [repos]);
  const decided = useLiveQuery(async () => {
    const open = (await repos.tables.campaigns.where('status').equals('open').toArray()).filter((c) => !c.deleted);
    return new Map(await Promise.all(open.map(async (c) => [c.id, new Set((await repos.tables.decisions.where('campaignId').equals(c.id).toArray()).map((d) => d.itemId)).size] as const)));
  }, [repos]);
  const draft = useDraft<CampaignForm>(CAMPAIGN_DRAFT, NEW_CAMPAIGN);
  const form = draft.values;
  const setForm = (next: CampaignForm) => draft.set(next);
  // A campaign set-up left with typed text opens again with it.
  const [creating, setCreating] = useState(() => draft.restoredAt !== null);
  const [error, setError] = useState('');
  if (!data || !names) return <p role="status">Loading reviews…</p>;
  const create = async () => {
    const res = await repos.reviews.create({ ...form, fallbackPersonId: form.fallbackPersonId || null, dueDate: form.dueDate || today, maxRemovalShare: Number(form.maxRemovalShare) / 100 });
    if (!res.ok) return setError(res.error.message);
    draft.discard();
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
      {made ? (
        <p role="status" className="ok-text">
          {made}
        </p>
      ) : null}
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
          <DraftNotice restoredAt={draft.restoredAt} onDiscard={draft.discard} what="campaign set-up" />
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
          <button
            type="button"
            onClick={() => {
              draft.discard();
              setCreating(false);
            }}
          >
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
              const n = data.counts.get(c.id);
              return (
                <tr key={c.id}>
                  <td>
                    <a data-row href={accessHref({ view: 'campaign', id: c.id })}>
                      {c.name}
                    </a>
                    {c.recurrence !== 'none' ? <span className="muted"> ({c.recurrence === 'quarterly' ? 'quarterly' : 'yearly'})</span> : null}
                  </td>
                  <td>{formatDate(c.dueDate)}</td>
                  <td>{c.status !== 'open' ? `${n ?? 0} items` : decided?.has(c.id) ? `${decided.get(c.id)} of ${n ?? 0}` : `… of ${n ?? 0}`}</td>
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

const OUTCOME_LABELS: Record<NonNullable<ReviewItem['outcome']>, string> = { keep: 'Kept', revoke: 'Revoked', change: 'Change', flagged: 'Flagged for a coordinator' };
const outcomeText = (i: ReviewItem) => (i.outcome ? `${OUTCOME_LABELS[i.outcome]}${i.outcomeNote && i.outcome !== 'flagged' ? `: ${i.outcomeNote}` : ''}` : '');
const CAMPAIGN_SCREEN = 50;

/** A campaign's items, decided by keyboard: a keep, r revoke (asks why), c change, d don't know. */
export function CampaignPage({ id }: { id: string }) {
  const repos = useAccessRepos();
  const names = useLookups();
  const me = useMe();
  const announce = useUi((s) => s.announce);
  const root = useRef<HTMLElement>(null);
  const [limit, setLimit] = useState(CAMPAIGN_SCREEN);
  const [only, setOnly] = useState<'all' | 'attention'>('all');
  // The first screen reads the rows shown; the counts (every decision) follow.
  const data = useLiveQuery(() => campaignPage(repos.tables, id, limit, only, false), [repos, id, limit, only]);
  const counts = useLiveQuery(() => campaignCounts(repos.tables, id), [repos, id]);
  // The reason typed for a revoke, and a coordinator's settling note, are drafts until recorded or cancelled.
  const revokeDraft = useDraft<{ itemId: string; reason: string }>(draftKey('access.reviewRevoke', id), { itemId: '', reason: '' });
  const settleDraft = useDraft<{ itemId: string; outcome: 'keep' | 'revoke' | 'change'; note: string }>(draftKey('access.reviewSettle', id), { itemId: '', outcome: 'keep', note: '' });
  const revoking = revokeDraft.values.itemId || null;
  // Settling is the coordinators' (the server refuses a technician's): no Settle button for those who cannot.
  const maySettle = useMayWrite('reviewItems', 'outcome');
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const [held, setHeld] = useState<Extract<CloseResult, { closed: false }>['needsConfirmation'] | null>(null);
  const decide = async (itemId: string, decision: ReviewDecisionKind, why = '') => {
    const res = await repos.reviews.decide(itemId, decision, why);
    setMessage(res.ok ? { error: false, text: `${DECISION_LABELS[decision]} recorded` } : { error: true, text: res.error.message });
    if (res.ok) announce(`${DECISION_LABELS[decision]} recorded`);
    return res.ok;
  };
  const { set: setRevoke } = revokeDraft;
  const actions = useMemo(
    () => ({
      a: (row: HTMLElement | null) => row?.dataset.item && void decide(row.dataset.item, 'keep'),
      c: (row: HTMLElement | null) => row?.dataset.item && void decide(row.dataset.item, 'change'),
      d: (row: HTMLElement | null) => row?.dataset.item && void decide(row.dataset.item, 'dont_know'),
      r: (row: HTMLElement | null) => {
        if (!row?.dataset.item) return;
        const itemId = row.dataset.item;
        setRevoke((v) => ({ itemId, reason: v.reason }));
      },
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [repos, setRevoke],
  );
  useRowKeys(root, actions);
  if (data === undefined || !names || !me) return <p role="status">Opening the campaign…</p>;
  if (!data) return <EmptyState title="Campaign not found">{<p>It may not have reached this device yet.</p>}</EmptyState>;
  const c = data.campaign;
  const close = async (confirmed: string[] = []) => {
    const res = await repos.reviews.close(c.id, confirmed);
    if (!res.ok) return setMessage({ error: true, text: res.error.message });
    if (!res.value.closed) return setHeld(res.value.needsConfirmation);
    setHeld(null);
    setMessage({ error: false, text: `Campaign closed: ${res.value.revoked} revocation(s) started, ${res.value.flagged} flagged for a coordinator.` });
  };
  const settle = async () => {
    const v = settleDraft.saving();
    const res = await repos.reviews.resolve(v.itemId, v.outcome, v.note);
    if (!res.ok) return setMessage({ error: true, text: res.error.message });
    // Cleared for the next item, unless the note was typed on while it saved (then that stays, a draft).
    settleDraft.done(v, { reset: true });
    setMessage({ error: false, text: `Settled: ${OUTCOME_LABELS[v.outcome]}${v.outcome === 'revoke' && c.status === 'closed' ? ' (revocation started)' : ''}.` });
  };
  const exportReport = async () => {
    const all = await campaignAll(repos.tables, c.id);
    const items = all.rows.map(({ item: i, grant: g, verdict: v }) => [names.person(i.personId), names.system(i.systemId), names.entitlement(i.entitlementId), g?.from ?? '', g?.until ?? '', i.reviewerPersonId ? names.person(i.reviewerPersonId) : '', verdictText(v, names.person), v.kind === 'conflict' ? 'yes' : '', i.outcome ?? '', i.outcomeNote]);
    const byId = new Map(all.rows.map((r) => [r.item.id, r.item]));
    const decisions = [...all.decisions]
      .sort((x, y) => x.at.localeCompare(y.at))
      .map((d) => {
        const i = byId.get(d.itemId);
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
    else if (!res.value.cancelled) setMessage({ error: false, text: `Saved the report as ${res.value.path.split(/[\\/]/).pop()} (${all.rows.length} items, ${all.decisions.length} decisions).` });
  };
  const printSummary = async () => {
    const all = await campaignAll(repos.tables, c.id);
    const verdicts = all.rows.map((r) => r.verdict);
    const count = (k: ReviewDecisionKind) => verdicts.filter((v) => v.kind === 'decided' && v.decision === k).length;
    const rows = all.rows.flatMap(({ item: i, verdict: v }) => {
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
        counts: { items: all.rows.length, keep: count('keep'), revoke: count('revoke'), change: count('change'), dontKnow: count('dont_know'), conflicts: verdicts.filter((v) => v.kind === 'conflict').length, undecided: verdicts.filter((v) => v.kind === 'undecided').length },
        rows,
        printedOn: new Date().toLocaleDateString(undefined, { dateStyle: 'long' }),
      },
    });
    if (!res.ok) setMessage({ error: true, text: `The summary was not saved: ${res.error.message}` });
    else if (!res.value.cancelled) setMessage({ error: false, text: `Saved the summary as ${res.value.path.split(/[\\/]/).pop()}.` });
  };
  const settling = settleDraft.values.itemId ? data.rows.find((r) => r.item.id === settleDraft.values.itemId) : undefined;
  const attention = data.attention >= 0 ? data.attention : (counts?.attention ?? 0);
  const shownCount = only === 'attention' ? attention : data.total;
  return (
    <article aria-labelledby="camp-title" ref={root}>
      <nav aria-label="Breadcrumb">
        <a href={accessHref({ view: 'reviews' })}>← Reviews</a>
      </nav>
      <h2 id="camp-title">{c.name}</h2>
      <p>
        Due {formatDate(c.dueDate)} · default if undecided: {c.defaultAction === 'revoke' ? 'revoke' : 'keep and flag'} · {c.recurrence === 'none' ? 'once' : c.recurrence === 'quarterly' ? 'recurs quarterly' : 'recurs yearly'} · {c.status === 'open' ? 'open' : `closed ${formatWhen(c.closedAt)}`}
      </p>
      <p data-testid="campaign-progress">
        {counts ? counts.decided : '…'} of {data.total} decided
        {attention ? (
          <>
            {' · '}
            <strong className="badge warn">
              {attention} {attention === 1 ? 'item needs' : 'items need'} a coordinator
            </strong>
          </>
        ) : null}
      </p>
      <div className="toolbar">
        <button type="button" onClick={() => void exportReport()}>
          Export report (XLSX)
        </button>
        <button type="button" onClick={() => void printSummary()}>
          Print summary (PDF)
        </button>
        <label className="check">
          <input
            type="checkbox"
            checked={only === 'attention'}
            onChange={(e) => {
              setOnly(e.target.checked ? 'attention' : 'all');
              setLimit(CAMPAIGN_SCREEN);
            }}
          />
          Only items that need a coordinator
        </label>
      </div>
      {c.status === 'open' ? <p className="muted">Move with j/k; decide with a (keep), r (revoke, asks why), c (change), d (don’t know).</p> : null}
      {message ? (
        <p role={message.error ? 'alert' : 'status'} className={message.error ? 'form-error' : 'ok-text'}>
          {message.text}
        </p>
      ) : null}
      <DraftNotice restoredAt={revokeDraft.restoredAt} onDiscard={revokeDraft.discard} what="revoke reason" />
      {revoking ? (
        <form
          className="panel"
          aria-label="Revoke: why"
          onSubmit={async (e) => {
            e.preventDefault();
            if (await decide(revoking, 'revoke', revokeDraft.values.reason)) revokeDraft.discard();
          }}
        >
          <label htmlFor="rev-why">Why revoke?</label> <input id="rev-why" value={revokeDraft.values.reason} onChange={(e) => revokeDraft.set({ reason: e.target.value })} required autoFocus />{' '}
          <button type="submit" className="danger">
            Record revoke
          </button>{' '}
          <button type="button" onClick={() => revokeDraft.discard()}>
            Cancel
          </button>
        </form>
      ) : null}
      <DraftNotice restoredAt={settleDraft.restoredAt} onDiscard={settleDraft.discard} what="settling note" />
      {settling ? (
        <form
          className="panel"
          aria-labelledby="settle-title"
          onSubmit={(e) => {
            e.preventDefault();
            void settle();
          }}
        >
          <h3 id="settle-title">
            Settle: {names.person(settling.item.personId)}, {names.system(settling.item.systemId)}: {names.entitlement(settling.item.entitlementId)}
          </h3>
          <p>{verdictText(settling.verdict, names.person)}</p>
          <div className="field">
            <label htmlFor="settle-outcome">Outcome</label>
            <select id="settle-outcome" value={settleDraft.values.outcome} onChange={(e) => settleDraft.set({ outcome: e.target.value as 'keep' | 'revoke' | 'change' })} autoFocus>
              <option value="keep">Keep</option>
              <option value="revoke">Revoke{c.status === 'closed' ? ' (starts the revocation)' : ''}</option>
              <option value="change">Change (request the change from the grant)</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="settle-note">How it was settled (required)</label>
            <input id="settle-note" value={settleDraft.values.note} onChange={(e) => settleDraft.set({ note: e.target.value })} required />
          </div>
          <button type="submit" className="primary">
            Settle
          </button>{' '}
          <button type="button" onClick={() => settleDraft.discard()}>
            Cancel
          </button>
        </form>
      ) : null}
      {data.rows.length === 0 ? (
        <EmptyState title={only === 'attention' ? 'Nothing needs a coordinator' : 'This campaign has no items'}>
          <p>{only === 'attention' ? 'No reviewers disagree, none said they don’t know, and nothing was flagged at close.' : 'No active grants were in its scope when it was made.'}</p>
        </EmptyState>
      ) : (
        <div className="table-scroll">
        <table className="data-table" aria-label="Review items">
          <thead>
            <tr>
              <th scope="col">Person</th>
              <th scope="col">Access</th>
              <th scope="col">Since</th>
              <th scope="col">Last review</th>
              <th scope="col">Approvals</th>
              <th scope="col">Account</th>
              <th scope="col">Reviewer</th>
              <th scope="col">Decision</th>
              <th scope="col">Outcome</th>
            </tr>
          </thead>
          <tbody>
            {data.rows.map(({ item: i, grant: g, verdict: v, conflicts }) => {
              const asks = i.outcome === 'flagged' || (i.outcome === null && (v.kind === 'conflict' || (v.kind === 'decided' && v.decision === 'dont_know')));
              const label = `${names.person(i.personId)}, ${names.entitlement(i.entitlementId)}`;
              return (
                <tr key={i.id}>
                  <td>
                    <span data-row data-item={i.id} tabIndex={0} aria-label={label}>
                      {names.person(i.personId)}
                    </span>
                    {names.departed.has(i.personId) ? <span className="badge warn"> departed</span> : null}
                  </td>
                  <td>
                    {g ? <a href={accessHref({ view: 'grant', id: g.id })}>{`${names.system(i.systemId)}: ${names.entitlement(i.entitlementId)}`}</a> : `${names.system(i.systemId)}: ${names.entitlement(i.entitlementId)}`}
                    {g && g.status !== 'active' ? <span className="muted"> ({g.status})</span> : null}
                  </td>
                  <td>{g ? formatDate(g.from) : ''}</td>
                  <td>{g?.lastReviewedAt ? formatWhen(g.lastReviewedAt) : 'Never'}</td>
                  <td>
                    {g?.approvalIds.length ? `${g.approvalIds.length} recorded` : <span className="badge warn">None on record</span>}
                    {conflicts.map((sod) => (
                      <span key={sod.rule.id} className="badge warn">
                        {' '}
                        SoD: {describeConflict(sod, names.entitlement)}
                      </span>
                    ))}
                  </td>
                  <td>
                    <AccountCheckNote check={g?.accountCheck ?? null} />
                  </td>
                  <td>{i.reviewerPersonId ? names.person(i.reviewerPersonId) : 'Unassigned'}</td>
                  <td>{v.kind === 'conflict' ? <span className="badge warn">{verdictText(v, names.person)}</span> : verdictText(v, names.person)}</td>
                  <td>
                    {outcomeText(i)}
                    {asks && maySettle ? (
                      <>
                        {' '}
                        <button type="button" className="link-button" aria-label={`Settle: ${label}`} onClick={() => settleDraft.set({ itemId: i.id })}>
                          Settle…
                        </button>
                      </>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        </div>
      )}
      {data.rows.length < shownCount ? (
        <p>
          Showing {data.rows.length} of {shownCount}.{' '}
          <button type="button" onClick={() => setLimit((n) => n + CAMPAIGN_SCREEN)}>
            Show {CAMPAIGN_SCREEN} more
          </button>
        </p>
      ) : null}
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

