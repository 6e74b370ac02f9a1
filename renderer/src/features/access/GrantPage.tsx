import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { daysLeft, doneSteps, grantState } from '../../../../shared/access/rules';
import { REVOCATION_REASONS, type RevocationReason } from '../../../../shared/access/schema';
import { useUi } from '../../app/ui-store';
import { REVOCATION_REASON_LABELS } from '../../data/repositories/access/grants';
import { EmptyState } from '../../ui/EmptyState';
import { useDraftState } from '../../ui/useDraft';
import { ExtendButton } from './AccessScreen';
import { AccountCheckNote } from './AccountCheckNote';
import { AuditTrail } from './AuditTrail';
import { METHOD_LABELS } from './RequestPage';
import { accessHref } from './route';
import { formatDate, formatWhen, useAccessRepos, useLookups, useToday } from './useAccess';

const STATE_LABELS: Record<string, string> = { active: 'Active', expiring: 'Expiring', expired: 'Expired', revoked: 'Revoked', revoking: 'Being revoked' };

/** One grant: who has what since when, the approvals behind it, its revocation checklist and trail. */
export function GrantPage({ id }: { id: string }) {
  const repos = useAccessRepos();
  const names = useLookups();
  const today = useToday();
  const announce = useUi((s) => s.announce);
  const data = useLiveQuery(async () => {
    const grant = await repos.tables.grants.get(id);
    if (!grant || grant.deleted) return { grant: null };
    const [approvals, revocation, ticks] = await Promise.all([
      repos.tables.approvals.bulkGet(grant.approvalIds),
      grant.revocationId ? repos.tables.revocations.get(grant.revocationId) : Promise.resolve(undefined),
      grant.revocationId ? repos.tables.ticks.where('parentId').equals(grant.revocationId).toArray() : Promise.resolve([]),
    ]);
    return { grant, approvals: approvals.filter((a) => !!a), revocation, ticks };
  }, [repos, id]);
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  // The revocation form is a draft (open or not, reason, note) until it is recorded or the person keeps the access.
  const [reason, setReason] = useDraftState<RevocationReason>('access.revocation', id, 'reason', 'changed_role');
  const [note, setNote] = useDraftState('access.revocation', id, 'note', '');
  const [revoking, setRevoking] = useDraftState('access.revocation', id, 'open', false);
  const closeRevoke = () => {
    setRevoking(false);
    setNote('');
    setReason('changed_role');
  };
  if (!data || !names) return <p role="status">Opening the grant…</p>;
  if (!data.grant)
    return (
      <EmptyState title="Grant not found" action={<a href={accessHref({ view: 'active' })}>Back to active access</a>}>
        <p>It may not have reached this device yet.</p>
      </EmptyState>
    );
  const g = data.grant;
  const state = grantState(g, today);
  const left = daysLeft(g.until, today);
  const done = doneSteps(data.ticks);
  const say = (res: { ok: true } | { ok: false; error: { message: string } }, text: string) => {
    setMessage(res.ok ? { error: false, text } : { error: true, text: res.error.message });
    if (res.ok) announce(text);
  };
  return (
    <article aria-labelledby="grant-title">
      <nav aria-label="Breadcrumb">
        <a href={accessHref({ view: 'active' })}>← Active access</a>
      </nav>
      <h2 id="grant-title">
        {names.person(g.personId)}: {names.system(g.systemId)}, {names.entitlement(g.entitlementId)}
      </h2>
      <p>
        <span className="badge" data-testid="grant-status">
          {STATE_LABELS[state] ?? state}
        </span>{' '}
        {state === 'expiring' && left !== null ? <span className={`badge${left <= 1 ? ' warn' : ''}`}>{left <= 0 ? 'Last day' : `${left} day${left === 1 ? '' : 's'} left`}</span> : null}
        {names.departed.has(g.personId) ? <span className="badge warn">Departed</span> : null}
      </p>
      {message ? (
        <p role={message.error ? 'alert' : 'status'} className={message.error ? 'form-error' : 'ok-text'}>
          {message.text}
        </p>
      ) : null}
      <dl className="detail-grid">
        <dt>From</dt>
        <dd>{formatDate(g.from)}</dd>
        <dt>Until</dt>
        <dd>{formatDate(g.until)}</dd>
        <dt>Request</dt>
        <dd>{g.requestId ? <a href={accessHref({ view: 'request', id: g.requestId })}>Open the request</a> : 'None'}</dd>
        <dt>Approvals</dt>
        <dd>
          {data.approvals.length === 0
            ? 'None recorded'
            : data.approvals.map((a) => (
                <div key={a!.id}>
                  {a!.stageLabel}: {a!.decision} by {names.person(a!.decidedBy)} ({METHOD_LABELS[a!.method]}), {formatWhen(a!.decidedAt)}
                </div>
              ))}
        </dd>
        <dt>Last review</dt>
        <dd>{g.lastReviewedAt ? formatWhen(g.lastReviewedAt) : 'Never reviewed'}</dd>
        <dt>Account in the system</dt>
        <dd>
          <AccountCheckNote check={g.accountCheck} />
        </dd>
      </dl>
      {g.status === 'active' ? (
        <div className="toolbar wrap">
          <ExtendButton grantId={g.id} label={`${names.person(g.personId)}, ${names.entitlement(g.entitlementId)}`} />
          {!revoking ? (
            <button type="button" className="danger" onClick={() => setRevoking(true)}>
              Revoke…
            </button>
          ) : null}
        </div>
      ) : null}
      {revoking && g.status === 'active' ? (
        <form
          className="panel"
          aria-labelledby="revoke-title"
          onSubmit={async (e) => {
            e.preventDefault();
            const res = await repos.grants.revoke(g.id, reason, note);
            say(res, res.ok && res.value.status === 'done' ? 'Access revoked' : 'Revocation started: work the deprovisioning checklist');
            if (res.ok) closeRevoke();
          }}
        >
          <h3 id="revoke-title">Revoke this access</h3>
          <div className="field">
            <label htmlFor="rev-reason">Reason</label>
            <select id="rev-reason" value={reason} onChange={(e) => setReason(e.target.value as RevocationReason)}>
              {REVOCATION_REASONS.map((r) => (
                <option key={r} value={r}>
                  {REVOCATION_REASON_LABELS[r]}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="rev-note">Note</label>
            <input id="rev-note" value={note} onChange={(e) => setNote(e.target.value)} />
          </div>
          <button type="submit" className="danger">
            Start revocation
          </button>{' '}
          <button type="button" onClick={closeRevoke}>
            Keep access
          </button>
        </form>
      ) : null}
      {data.revocation ? (
        <section aria-labelledby="deprov-title">
          <h3 id="deprov-title">Deprovisioning checklist</h3>
          <p>
            {REVOCATION_REASON_LABELS[data.revocation.reason]}
            {data.revocation.note ? `: ${data.revocation.note}` : ''} · recorded by {names.person(data.revocation.recordedBy)} · {data.revocation.status === 'done' ? `done ${formatWhen(data.revocation.doneAt)}` : 'open: access ends when every step is ticked'}
          </p>
          <ul className="checklist">
            {data.revocation.steps.map((s) => {
              const last = data.ticks.filter((t) => t.stepId === s.id).sort((a, b) => a.at.localeCompare(b.at)).at(-1);
              return (
                <li key={s.id}>
                  <label className="check">
                    <input type="checkbox" checked={done.has(s.id)} disabled={data.revocation!.status === 'done'} onChange={async (e) => {
                        // Read before the await: React puts a controlled box back until the stored tick arrives.
                        const checked = e.target.checked;
                        say(await repos.grants.tick(data.revocation!.id, s.id, checked), checked ? `Done: ${s.text}` : `Not done: ${s.text}`);
                      }} />
                    {s.text}
                  </label>
                  {last ? (
                    <span className="muted">
                      {' '}
                      — {last.done ? 'ticked' : 'unticked'} by {names.person(last.by)}, {formatWhen(last.at)}
                    </span>
                  ) : null}
                </li>
              );
            })}
          </ul>
        </section>
      ) : null}
      <AuditTrail grantId={g.id} {...(g.requestId ? { requestId: g.requestId } : {})} />
    </article>
  );
}
