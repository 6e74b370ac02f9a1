import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { dropFormDrafts, useDraftState } from '../../ui/useDraft';
import { doneSteps, stageProgress } from '../../../../shared/access/rules';
import { APPROVAL_METHODS, type AccessRequest, type ApprovalMethod } from '../../../../shared/access/schema';
import type { PaperSize } from '../../../../shared/print/pageSetup';
import { useUi } from '../../app/ui-store';
import { platform } from '../../platform/bridge';
import { EmptyState } from '../../ui/EmptyState';
import { REQUEST_STATUS_LABELS } from './AccessScreen';
import { AuditTrail } from './AuditTrail';
import { accessHref } from './route';
import { formatDate, formatWhen, useAccessRepos, useLookups, useMe, type Lookups } from './useAccess';

export const METHOD_LABELS: Record<ApprovalMethod, string> = { signed_form: 'Signed form', email: 'E-mail', in_person: 'In person' };

/** One request: its details, files, stage decisions, provisioning checklist, printed form and trail. */
export function RequestPage({ id }: { id: string }) {
  const repos = useAccessRepos();
  const names = useLookups();
  const me = useMe();
  const announce = useUi((s) => s.announce);
  const data = useLiveQuery(async () => {
    const request = await repos.tables.requests.get(id);
    if (!request || request.deleted) return { request: null };
    const [approvals, attachments, ticks, grants, ticket] = await Promise.all([
      repos.tables.approvals.where('requestId').equals(id).toArray(),
      repos.tables.attachments.where('requestId').equals(id).toArray(),
      repos.tables.ticks.where('parentId').equals(id).toArray(),
      repos.tables.grants.where('requestId').equals(id).toArray(),
      request.ticketId ? (repos.ctx.db.table('tickets').get(request.ticketId) as Promise<{ id: string; number: string; title: string } | undefined>) : Promise.resolve(undefined),
    ]);
    return { request, approvals: approvals.sort((a, b) => a.at.localeCompare(b.at)), attachments: attachments.filter((a) => !a.deleted), ticks, grants, ticket };
  }, [repos, id]);
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  if (!data || !names || !me) return <p role="status">Opening the request…</p>;
  if (!data.request)
    return (
      <EmptyState title="Request not found" action={<a href={accessHref({ view: 'waiting' })}>Back to requests</a>}>
        <p>It may not have reached this device yet.</p>
      </EmptyState>
    );
  const r = data.request;
  const progress = stageProgress(r.stages, data.approvals);
  const done = doneSteps(data.ticks);
  const say = (res: { ok: true } | { ok: false; error: { message: string } }, success: string) => {
    if (res.ok) {
      setMessage({ error: false, text: success });
      announce(success);
    } else setMessage({ error: true, text: res.error.message });
  };

  const attach = async (kind: 'signed_form' | 'evidence') => {
    const picked = await platform.attachments.add({});
    if (!picked.ok) return setMessage({ error: true, text: `No file was attached: ${picked.error.message}` });
    for (const f of picked.value.stored) {
      const res = await repos.requests.attach(r.id, f, kind);
      if (!res.ok) return setMessage({ error: true, text: res.error.message });
    }
    const refused = picked.value.refused.map((f) => `${f.name}: ${f.message}`).join('; ');
    if (picked.value.stored.length) say({ ok: true }, `Attached ${picked.value.stored.map((f) => f.name).join(', ')}${refused ? `. Refused: ${refused}` : ''}`);
    else if (refused) setMessage({ error: true, text: `Refused: ${refused}` });
  };

  return (
    <article aria-labelledby="request-title">
      <nav aria-label="Breadcrumb">
        <a href={accessHref({ view: r.status === 'approved' || r.status === 'provisioning' ? 'provisioning' : 'waiting' })}>← Requests</a>
      </nav>
      <h2 id="request-title">
        Access for {names.person(r.forPersonId)}: {names.system(r.systemId)}
      </h2>
      <p>
        <span className="badge" data-testid="request-status">
          {REQUEST_STATUS_LABELS[r.status]}
        </span>{' '}
        {names.departed.has(r.forPersonId) ? <span className="badge warn">Departed</span> : null}
      </p>
      {message ? (
        <p role={message.error ? 'alert' : 'status'} className={message.error ? 'form-error' : 'ok-text'}>
          {message.text}
        </p>
      ) : null}
      <dl className="detail-grid">
        <dt>Entitlements</dt>
        <dd>{r.entitlementIds.map(names.entitlement).join(', ')}</dd>
        <dt>Requested by</dt>
        <dd>{names.person(r.requestedBy)}</dd>
        <dt>Entered by</dt>
        <dd>{names.person(r.createdBy)}</dd>
        <dt>Dates</dt>
        <dd>
          {formatDate(r.startDate)} – {formatDate(r.endDate)}
        </dd>
        <dt>Justification</dt>
        <dd>{r.justification || <em>None yet</em>}</dd>
        {data.ticket ? (
          <>
            <dt>Ticket</dt>
            <dd>
              <a href={`#/tickets/${data.ticket.id}`}>
                {data.ticket.number}: {data.ticket.title}
              </a>
            </dd>
          </>
        ) : null}
        {r.grantId ? (
          <>
            <dt>Extends</dt>
            <dd>
              <a href={accessHref({ view: 'grant', id: r.grantId })}>the current grant</a>
            </dd>
          </>
        ) : null}
        {data.grants.length ? (
          <>
            <dt>Grants</dt>
            <dd>
              {data.grants.map((g) => (
                <a key={g.id} href={accessHref({ view: 'grant', id: g.id })}>
                  {names.entitlement(g.entitlementId)} ({g.status}){' '}
                </a>
              ))}
            </dd>
          </>
        ) : null}
      </dl>
      {r.sodConflicts.length ? (
        <div className="sod" role="note" aria-label="Separation-of-duties conflicts">
          <strong>Separation-of-duties conflict</strong>
          <ul>
            {r.sodConflicts.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
        </div>
      ) : null}

      <div className="toolbar wrap">
        {r.status === 'draft' ? (
          <button type="button" className="primary" onClick={async () => say(await repos.requests.submit(r.id), 'Request submitted')}>
            Submit request
          </button>
        ) : null}
        <button type="button" onClick={() => void attach('signed_form')}>
          Attach signed form…
        </button>
        <PrintForm request={r} names={names} approvals={data.approvals} ticket={data.ticket} onMessage={setMessage} />
        {['draft', 'submitted', 'approved', 'provisioning'].includes(r.status) ? <CancelRequest id={r.id} onDone={say} /> : null}
      </div>

      <section aria-labelledby="files-title">
        <h3 id="files-title">Files</h3>
        {r.signedFormRequired && !data.attachments.some((a) => a.kind === 'signed_form') ? <p className="badge warn">A signed form is required for this access.</p> : null}
        {data.attachments.length === 0 ? (
          <p className="muted">No files yet. Attach the signed access form (scanned or photographed) here.</p>
        ) : (
          <ul>
            {data.attachments.map((a) => (
              <li key={a.id}>
                <button type="button" className="link-button" onClick={() => void platform.attachments.open({ sha256: a.sha256, name: a.name })}>
                  {a.name}
                </button>{' '}
                <span className="muted">
                  {a.kind === 'signed_form' ? 'Signed form' : 'Evidence'} · {names.person(a.addedBy)} · {formatWhen(a.addedAt)}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="stages-title">
        <h3 id="stages-title">Approval stages</h3>
        {r.stages.length === 0 ? <p className="muted">Stages are set when the request is submitted, from the catalog.</p> : null}
        <ol className="stage-list">
          {r.stages.map((s, i) => {
            const entries = data.approvals.filter((a) => a.stageIndex === i);
            return (
              <li key={i}>
                <strong>{s.label}</strong>
                {entries.length === 0 ? <span className="muted"> — not decided</span> : null}
                {entries.map((a) => (
                  <div key={a.id}>
                    {a.decision === 'approved' ? 'Approved' : 'Denied'} by {names.person(a.decidedBy)} ({METHOD_LABELS[a.method]}), {formatWhen(a.decidedAt)}; recorded by {names.person(a.recordedBy)}
                    {a.evidenceIds.length ? ` · evidence: ${a.evidenceIds.map((eid) => data.attachments.find((x) => x.id === eid)?.name ?? 'a file').join(', ')}` : ''}
                    {a.sodAccepted ? ` · SoD conflict accepted: ${a.sodReason}` : ''}
                    {a.note ? ` · ${a.note}` : ''}
                  </div>
                ))}
              </li>
            );
          })}
        </ol>
        {r.status === 'submitted' && progress.kind === 'pending' ? <DecisionForm key={`${r.id}-${progress.index}`} request={r} stageIndex={progress.index} stageLabel={progress.stage.label} names={names} attachments={data.attachments} onDone={say} /> : null}
      </section>

      {r.status === 'approved' || r.status === 'provisioning' || r.status === 'active' ? (
        <section aria-labelledby="steps-title">
          <h3 id="steps-title">Provisioning checklist</h3>
          {r.steps.length === 0 ? (
            r.status === 'active' ? null : (
              <button type="button" className="primary" onClick={async () => say(await repos.requests.complete(r.id), 'Access granted')}>
                Grant access (no steps)
              </button>
            )
          ) : (
            <ul className="checklist">
              {r.steps.map((s) => {
                const last = data.ticks.filter((t) => t.stepId === s.id).sort((a, b) => a.at.localeCompare(b.at)).at(-1);
                return (
                  <li key={s.id}>
                    <label className="check">
                      <input type="checkbox" checked={done.has(s.id)} disabled={r.status === 'active'} onChange={async (e) => {
                        // Read before the await: React puts a controlled box back until the stored tick arrives.
                        const checked = e.target.checked;
                        say(await repos.requests.tick(r.id, s.id, checked), checked ? `Done: ${s.text}` : `Not done: ${s.text}`);
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
          )}
        </section>
      ) : null}
      <AuditTrail requestId={r.id} />
    </article>
  );
}

function CancelRequest({ id, onDone }: { id: string; onDone: (res: { ok: true } | { ok: false; error: { message: string } }, text: string) => void }) {
  const repos = useAccessRepos();
  const [open, setOpen] = useDraftState('access.cancelRequest', id, 'open', false);
  const [why, setWhy] = useDraftState('access.cancelRequest', id, 'why', '');
  const close = () => {
    setOpen(false);
    setWhy('');
  };
  if (!open)
    return (
      <button type="button" className="danger" onClick={() => setOpen(true)}>
        Cancel request…
      </button>
    );
  return (
    <form
      onSubmit={async (e) => {
        e.preventDefault();
        const res = await repos.requests.cancel(id, why);
        onDone(res, 'Request cancelled');
        if (res.ok) close();
      }}
    >
      <label>
        Why cancel? <input value={why} required autoFocus onChange={(e) => setWhy(e.target.value)} />
      </label>{' '}
      <button type="submit" className="danger">
        Cancel the request
      </button>{' '}
      <button type="button" onClick={close}>
        Keep it
      </button>
    </form>
  );
}

/** Record one stage's decision on the approver's behalf: who, when, how, the evidence, and an accepted SoD conflict. */
function DecisionForm({
  request,
  stageIndex,
  stageLabel,
  names,
  attachments,
  onDone,
}: {
  request: AccessRequest;
  stageIndex: number;
  stageLabel: string;
  names: Lookups;
  attachments: { id: string; name: string; kind: string }[];
  onDone: (res: { ok: true } | { ok: false; error: { message: string } }, text: string) => void;
}) {
  const repos = useAccessRepos();
  // What is typed for this stage is a draft until the decision is recorded (per request and stage).
  const form = 'access.approval';
  const at = `${request.id}-${stageIndex}`;
  const [decidedBy, setDecidedBy] = useDraftState(form, at, 'decidedBy', '');
  const [decision, setDecision] = useDraftState<'approved' | 'denied'>(form, at, 'decision', 'approved');
  const [method, setMethod] = useDraftState<ApprovalMethod>(form, at, 'method', 'signed_form');
  const [decidedOn, setDecidedOn] = useDraftState(form, at, 'decidedOn', () => new Date().toISOString().slice(0, 10));
  const [evidence, setEvidence] = useState<string[]>(() => attachments.filter((a) => a.kind === 'signed_form').map((a) => a.id));
  const [sodAccepted, setSodAccepted] = useDraftState(form, at, 'sodAccepted', false);
  const [sodReason, setSodReason] = useDraftState(form, at, 'sodReason', '');
  const [note, setNote] = useDraftState(form, at, 'note', '');
  const [error, setError] = useState('');
  const submit = async () => {
    if (!decidedBy) return setError('Choose who decided.');
    const res = await repos.requests.recordDecision(request.id, {
      stageIndex,
      decision,
      decidedBy,
      decidedAt: new Date(`${decidedOn}T12:00:00`).toISOString(),
      method,
      evidenceIds: evidence,
      sodAccepted,
      sodReason,
      note,
    });
    if (!res.ok) return setError(res.error.message);
    setError('');
    dropFormDrafts(form, at);
    onDone(res, `${stageLabel}: ${decision} recorded`);
  };
  return (
    <form
      className="panel"
      aria-labelledby="decision-title"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h4 id="decision-title">Record decision: {stageLabel}</h4>
      <div className="two-col">
        <div className="field">
          <label htmlFor="dec-by">Decided by</label>
          <select id="dec-by" value={decidedBy} onChange={(e) => setDecidedBy(e.target.value)}>
            <option value="">Choose the approver…</option>
            {names.people
              .filter((p) => p.id !== request.forPersonId)
              .map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
          </select>
        </div>
        <fieldset className="field">
          <legend>Decision</legend>
          <label className="check">
            <input type="radio" name="decision" checked={decision === 'approved'} onChange={() => setDecision('approved')} /> Approved
          </label>
          <label className="check">
            <input type="radio" name="decision" checked={decision === 'denied'} onChange={() => setDecision('denied')} /> Denied
          </label>
        </fieldset>
        <div className="field">
          <label htmlFor="dec-how">How</label>
          <select id="dec-how" value={method} onChange={(e) => setMethod(e.target.value as ApprovalMethod)}>
            {APPROVAL_METHODS.map((m) => (
              <option key={m} value={m}>
                {METHOD_LABELS[m]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="dec-on">Decided on</label>
          <input id="dec-on" type="date" value={decidedOn} onChange={(e) => setDecidedOn(e.target.value)} />
        </div>
      </div>
      {attachments.length ? (
        <fieldset className="field">
          <legend>Evidence</legend>
          {attachments.map((a) => (
            <label key={a.id} className="check">
              <input type="checkbox" checked={evidence.includes(a.id)} onChange={(e) => setEvidence(e.target.checked ? [...evidence, a.id] : evidence.filter((x) => x !== a.id))} />
              {a.name}
            </label>
          ))}
        </fieldset>
      ) : (
        <p className="muted">No files attached; attach the signed form or the e-mail first to keep it as evidence.</p>
      )}
      {request.sodConflicts.length ? (
        <div className="sod">
          <label className="check">
            <input type="checkbox" checked={sodAccepted} onChange={(e) => setSodAccepted(e.target.checked)} /> Accept the separation-of-duties conflict
          </label>
          <div className="field">
            <label htmlFor="dec-sod">Reason for accepting</label>
            <input id="dec-sod" value={sodReason} onChange={(e) => setSodReason(e.target.value)} />
          </div>
        </div>
      ) : null}
      <div className="field">
        <label htmlFor="dec-note">Note</label>
        <input id="dec-note" value={note} onChange={(e) => setNote(e.target.value)} />
      </div>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      <button type="submit" className="primary">
        Record decision
      </button>
    </form>
  );
}

function PrintForm({
  request,
  names,
  approvals,
  ticket,
  onMessage,
}: {
  request: AccessRequest;
  names: Lookups;
  approvals: { stageIndex: number; decision: string; decidedBy: string; decidedAt: string; method: ApprovalMethod }[];
  ticket: { number: string; title: string } | undefined;
  onMessage: (m: { error: boolean; text: string }) => void;
}) {
  const [paper, setPaper] = useState<PaperSize>('Letter');
  const person = names.people.find((p) => p.id === request.forPersonId);
  const stages = request.stages.length ? request.stages : request.entitlementIds.flatMap((id) => names.entitlementById.get(id)?.stages ?? []);
  const print = async () => {
    const res = await platform.access.printPdf({
      paper,
      document: {
        kind: 'accessRequestForm',
        reference: request.id.slice(-8).toUpperCase(),
        forPerson: names.person(request.forPersonId),
        forPersonDetail: [person?.title, person?.agency, person?.email].filter(Boolean).join(', '),
        requestedBy: names.person(request.requestedBy),
        system: names.system(request.systemId),
        entitlements: request.entitlementIds.map(names.entitlement),
        justification: request.justification,
        startDate: formatDate(request.startDate),
        endDate: request.endDate ? formatDate(request.endDate) : '',
        ticket: ticket ? `${ticket.number}: ${ticket.title}` : '',
        status: REQUEST_STATUS_LABELS[request.status],
        sodConflicts: request.sodConflicts,
        stages: (stages.length ? stages : [{ label: 'Approver' }]).map((s, i) => {
          const a = approvals.filter((x) => x.stageIndex === i).at(-1);
          return { label: s.label, recorded: a ? `${a.decision} by ${names.person(a.decidedBy)} (${METHOD_LABELS[a.method]}), ${formatWhen(a.decidedAt)}` : '' };
        }),
        printedOn: new Date().toLocaleDateString(undefined, { dateStyle: 'long' }),
      },
    });
    if (!res.ok) onMessage({ error: true, text: `The form was not saved: ${res.error.message}` });
    else if (!res.value.cancelled) onMessage({ error: false, text: `Saved the access request form as ${res.value.path.split(/[\\/]/).pop()}${res.value.pages ? ` (${res.value.pages} page${res.value.pages === 1 ? '' : 's'})` : ''}.` });
  };
  return (
    <span className="inline-field">
      <label htmlFor="form-paper">Paper</label>
      <select id="form-paper" value={paper} onChange={(e) => setPaper(e.target.value as PaperSize)}>
        <option value="Letter">Letter</option>
        <option value="A4">A4</option>
      </select>
      <button type="button" onClick={() => void print()}>
        Print request form (PDF)
      </button>
    </span>
  );
}
