import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState, type FormEvent } from 'react';
import { outsideLabel, REMOVED_LIST } from '../../../../shared/operations/recipients';
import { blockingItems, distributionGate, isLate } from '../../../../shared/operations/rules';
import { CHECK_KINDS, LABELS, type OutputJob, type OutputJobInput, type OutputRun, type RunItem } from '../../../../shared/operations/schemas';
import { useUi } from '../../app/ui-store';
import { DraftNotice } from '../../ui/DraftNotice';
import { draftKey } from '../../ui/drafts';
import { EmptyState } from '../../ui/EmptyState';
import { useDraft } from '../../ui/useDraft';
import { goOps, opsHref } from './ops-route';
import { Labelled } from './SchedulesView';
import { formatInstant, useNames, useOpsRepos } from './useOps';

type RunFilter = 'today' | 'week' | 'late' | 'failed' | 'all';
const FILTERS: { id: RunFilter; label: string }[] = [
  { id: 'today', label: 'Today' },
  { id: 'week', label: 'This week' },
  { id: 'late', label: 'Late' },
  { id: 'failed', label: 'Failed verification' },
  { id: 'all', label: 'All' },
];

const dayMs = 86_400_000;
function matches(r: OutputRun, f: RunFilter, now: number): boolean {
  const at = Date.parse(r.expectedAt);
  const start = new Date(now);
  start.setHours(0, 0, 0, 0);
  const s = start.getTime();
  switch (f) {
    case 'today':
      return at >= s && at < s + dayMs;
    case 'week':
      return at >= s - start.getDay() * dayMs && at < s + (7 - start.getDay()) * dayMs;
    case 'late':
      return isLate(r, now);
    case 'failed':
      return r.status === 'failed';
    case 'all':
      return true;
  }
}

/** Output runs by day, late and failed; the jobs they come from. */
export function RunsView() {
  const repos = useOpsRepos();
  const data = useLiveQuery(async () => ({ runs: (await repos.tables.runs.toArray()).filter((r) => !r.deleted), jobs: await repos.jobs.list() }), [repos]);
  // The status bar's failed-verification notice opens the failed runs.
  const [filter, setFilter] = useState<RunFilter>(() => (window.location.hash.includes('?show=failed') ? 'failed' : 'week'));
  useEffect(() => {
    const onHash = () => {
      if (window.location.hash.includes('?show=failed')) setFilter('failed');
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const [now] = useState(() => Date.now());
  if (!data) return <p role="status">Loading runs…</p>;
  const jobs = new Map(data.jobs.map((j) => [j.id, j]));
  const shown = data.runs.filter((r) => matches(r, filter, now)).sort((a, b) => a.expectedAt.localeCompare(b.expectedAt));
  return (
    <section aria-label="Output runs">
      <div className="toolbar">
        <div role="group" aria-label="Which runs" className="segmented">
          {FILTERS.map((f) => (
            <button key={f.id} type="button" aria-pressed={filter === f.id} onClick={() => setFilter(f.id)}>
              {f.label}
            </button>
          ))}
        </div>
      </div>
      {shown.length === 0 ? (
        <p className="muted">{data.runs.length === 0 ? 'No runs yet. Runs are created from an output job’s schedule, or with “Run now”.' : `No runs in “${FILTERS.find((f) => f.id === filter)!.label}”.`}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table">
            <caption>Runs: {FILTERS.find((f) => f.id === filter)!.label}</caption>
            <thead>
              <tr>
                <th scope="col">Job</th>
                <th scope="col">Expected</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((r) => (
                <tr key={r.id}>
                  <th scope="row">
                    <a href={opsHref({ view: 'run', id: r.id })}>{jobs.get(r.jobId)?.name ?? 'Removed job'}</a>
                    {r.extra ? <span className="muted"> (extra)</span> : null}
                  </th>
                  <td>{formatInstant(r.expectedAt)}</td>
                  <td>
                    {LABELS.runStatus[r.status]}
                    {isLate(r, now) ? <strong className="ops-alert"> · Late</strong> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>Output jobs</h2>
      <div className="toolbar">
        <a className="button" href={opsHref({ view: 'job', id: 'new' })}>
          New output job
        </a>
      </div>
      {data.jobs.length === 0 ? (
        <EmptyState title="No output jobs" action={<a href={opsHref({ view: 'job', id: 'new' })}>Add an output job</a>}>
          <p>An output job is a report or file a system produces on a schedule, with the checks it must pass before it goes to its customers.</p>
        </EmptyState>
      ) : (
        <ul className="ops-list">
          {data.jobs.map((j) => (
            <li key={j.id}>
              <a href={opsHref({ view: 'job', id: j.id })}>{j.name}</a> — {data.runs.filter((r) => r.jobId === j.id).length} runs
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

interface CheckDraft {
  id: string;
  label: string;
  kind: RunItem['kind'];
  expected: string;
  critical: boolean;
}

/** An output job: its schedule, customers, expected time and verification checklist; its run history. */
/** The draft of an output job's editor: the record's id, or 'new'. */
export const jobDraftKey = (id: string) => draftKey('ops.job', id === 'new' ? undefined : id);

export function JobEditor({ id }: { id: string }) {
  const repos = useOpsRepos();
  const stored = useLiveQuery(async () => (id === 'new' ? null : ((await repos.tables.jobs.get(id)) ?? null)), [repos, id]);
  if (id !== 'new' && stored === null) return <EmptyState title="Output job not found">{<p>It may have been removed on another device.</p>}</EmptyState>;
  if (id !== 'new' && !stored) return <p role="status">Loading the job…</p>;
  return <JobForm key={id} id={id} stored={stored ?? null} />;
}

type JobValues = Omit<OutputJobInput, 'checklist'> & { checks: CheckDraft[] };

function JobForm({ id, stored }: { id: string; stored: OutputJob | null }) {
  const repos = useOpsRepos();
  const names = useNames();
  const announce = useUi((s) => s.announce);
  const schedules = useLiveQuery(async () => (await repos.schedules.list()).filter((s) => s.kind === 'output'), [repos]);
  const runs = useLiveQuery(async () => (id === 'new' ? [] : (await repos.tables.runs.where('jobId').equals(id).toArray()).filter((r) => !r.deleted)), [repos, id]);
  const listChoices = useLiveQuery(() => repos.recipients.listChoices(), [repos]);
  // What is typed is a draft until saved: leaving the job keeps it, and it opens with it.
  const [start] = useState<JobValues>(() => {
    if (!stored) return { name: '', systemId: null, scheduleId: null, customerIds: [], listIds: [], expectedTime: '08:00', teamId: null, checks: [], active: true };
    const { checklist, ...rest } = stored;
    return { ...rest, checks: checklist.map((c) => ({ ...c, expected: c.expected === null ? '' : String(c.expected) })) };
  });
  const kept = useDraft(jobDraftKey(id), start);
  const draft = kept.values;
  const setDraft = (v: JobValues) => kept.set(v);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState('');
  if (!names || !schedules || !listChoices) return <p role="status">Loading the job…</p>;
  const set = (p: Partial<typeof draft>) => setDraft({ ...draft, ...p });
  const listIds = draft.listIds ?? [];
  const knownLists = new Set(listChoices.map((l) => l.id));
  // A named list that is gone (deleted, or not readable here) stays visible, so it can be taken off the job.
  const shownLists = [...listChoices, ...listIds.filter((l) => !knownLists.has(l)).map((l) => ({ id: l, name: REMOVED_LIST }))];
  const setCheck = (i: number, p: Partial<CheckDraft>) => set({ checks: draft.checks.map((c, j) => (j === i ? { ...c, ...p } : c)) });

  async function save(e: FormEvent) {
    e.preventDefault();
    const saving = kept.saving();
    const { checks, ...rest } = saving;
    const value: OutputJobInput = { ...rest, checklist: checks.map((c) => ({ id: c.id, label: c.label, kind: c.kind, critical: c.critical, expected: c.expected.trim() === '' ? null : Number(c.expected) })) };
    const r = id === 'new' ? await repos.jobs.create(value) : await repos.jobs.update(id, value);
    if (!r.ok) {
      setErrors(r.error.fields ?? {});
      setMessage(r.error.message);
      return;
    }
    kept.done(saving);
    setErrors({});
    setMessage('');
    announce('Output job saved');
    if (r.value.scheduleId) await repos.generator.generateFor(r.value.scheduleId);
    if (id === 'new') goOps({ view: 'job', id: r.value.id });
  }

  return (
    <div>
      <form className="ops-form" onSubmit={save} aria-label={id === 'new' ? 'New output job' : `Output job ${draft.name}`}>
        <h2>{id === 'new' ? 'New output job' : draft.name}</h2>
        <DraftNotice restoredAt={kept.restoredAt} onDiscard={kept.discard} what="output job" />
        {message ? (
          <p className="form-error" role="alert">
            {message}
          </p>
        ) : null}
        <div className="form-row">
          <Labelled label="Job name" error={errors.name}>
            {(fid) => <input id={fid} value={draft.name} onChange={(e) => set({ name: e.target.value })} />}
          </Labelled>
          <Labelled label="Schedule" hint="An output schedule (Schedules → New schedule, kind Output)">
            {(fid) => (
              <select id={fid} value={draft.scheduleId ?? ''} onChange={(e) => set({ scheduleId: e.target.value || null })}>
                <option value="">No schedule (run by hand)</option>
                {schedules.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
              </select>
            )}
          </Labelled>
          <Labelled label="Expected at" error={errors.expectedTime}>
            {(fid) => <input id={fid} type="time" value={draft.expectedTime ?? '08:00'} onChange={(e) => set({ expectedTime: e.target.value })} />}
          </Labelled>
        </div>
        <fieldset>
          <legend>Customers (who it goes to)</legend>
          <div className="ops-people">
            {names.people.map((p) => (
              <label key={p.id} className="check">
                <input type="checkbox" checked={(draft.customerIds ?? []).includes(p.id)} onChange={(e) => set({ customerIds: e.target.checked ? [...(draft.customerIds ?? []), p.id] : (draft.customerIds ?? []).filter((x) => x !== p.id) })} /> {p.name}
              </label>
            ))}
          </div>
        </fieldset>
        <fieldset>
          <legend>Distribution lists (their current members receive it too)</legend>
          {shownLists.length === 0 ? (
            <p className="muted">
              No distribution lists yet. Make one under <a href="#/access/lists">Access → Lists</a>.
            </p>
          ) : (
            <div className="ops-people" role="group" aria-label="Distribution lists">
              {shownLists.map((l) => (
                <label key={l.id} className="check">
                  <input type="checkbox" checked={listIds.includes(l.id)} onChange={(e) => set({ listIds: e.target.checked ? [...listIds, l.id] : listIds.filter((x) => x !== l.id) })} /> {l.name}
                </label>
              ))}
            </div>
          )}
        </fieldset>
        <fieldset>
          <legend>Verification checklist</legend>
          {draft.checks.length === 0 ? <p className="muted">No checks yet. Add record counts, amounts, pages or a blank-output check.</p> : null}
          {draft.checks.map((c, i) => (
            <div className="form-row" key={c.id} role="group" aria-label={`Check ${i + 1}`}>
              <Labelled label={`Check ${i + 1}`} error={errors[`checklist.${i}.label`]}>
                {(fid) => <input id={fid} value={c.label} onChange={(e) => setCheck(i, { label: e.target.value })} />}
              </Labelled>
              <Labelled label={`Check ${i + 1} kind`}>
                {(fid) => (
                  <select id={fid} value={c.kind} onChange={(e) => setCheck(i, { kind: e.target.value as RunItem['kind'] })}>
                    {CHECK_KINDS.map((k) => (
                      <option key={k} value={k}>
                        {LABELS.checkKind[k]}
                      </option>
                    ))}
                  </select>
                )}
              </Labelled>
              {c.kind === 'count' || c.kind === 'amount' || c.kind === 'pages' ? (
                <Labelled label={`Check ${i + 1} expected`}>
                  {(fid) => <input id={fid} inputMode="decimal" value={c.expected} onChange={(e) => setCheck(i, { expected: e.target.value })} />}
                </Labelled>
              ) : null}
              <label className="check">
                <input type="checkbox" checked={c.critical} onChange={(e) => setCheck(i, { critical: e.target.checked })} /> Critical
              </label>
              <button type="button" onClick={() => set({ checks: draft.checks.filter((_, j) => j !== i) })} aria-label={`Remove check ${i + 1}`}>
                Remove
              </button>
            </div>
          ))}
          <button type="button" onClick={() => set({ checks: [...draft.checks, { id: `k${Date.now().toString(36)}${draft.checks.length}`, label: '', kind: 'count', expected: '', critical: true }] })}>
            Add a check
          </button>
        </fieldset>
        <div className="form-actions">
          <button type="submit" className="primary">
            Save job
          </button>
          {id !== 'new' ? (
            <button
              type="button"
              onClick={async () => {
                const r = await repos.runs.runNow(id);
                if (r.ok) goOps({ view: 'run', id: r.value.id });
                else setMessage(r.error.message);
              }}
            >
              Run now
            </button>
          ) : null}
        </div>
      </form>
      {runs && runs.length > 0 ? (
        <section aria-label="Run history">
          <h3>Run history</h3>
          <ul className="ops-list">
            {[...runs].sort((a, b) => b.expectedAt.localeCompare(a.expectedAt)).map((r) => (
              <li key={r.id}>
                <a href={opsHref({ view: 'run', id: r.id })}>{formatInstant(r.expectedAt)}</a> — {LABELS.runStatus[r.status]}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

function ItemRow({ run, item, onSave, locked }: { run: OutputRun; item: RunItem; onSave: (p: { actual?: number | null; result?: RunItem['result']; note?: string }) => Promise<string | null>; locked: boolean }) {
  const [actual, setActual] = useState(item.actual === null ? '' : String(item.actual));
  const [note, setNote] = useState(item.note);
  const [error, setError] = useState<string | null>(null);
  const numeric = item.kind !== 'check';
  const save = async (p: { actual?: number | null; result?: RunItem['result'] }) => setError(await onSave({ ...p, note }));
  return (
    <tr className={item.result === 'fail' ? 'is-failed' : undefined}>
      <th scope="row">
        {item.label}
        {item.critical ? <span className="ops-critical"> (critical)</span> : null}
        <div className="muted">{LABELS.checkKind[item.kind]}</div>
      </th>
      <td>{numeric && item.kind !== 'not_blank' ? (item.expected ?? '—') : '—'}</td>
      <td>
        {numeric ? (
          <input aria-label={`${item.label} actual`} inputMode="decimal" value={actual} disabled={locked} onChange={(e) => setActual(e.target.value)} />
        ) : (
          <select aria-label={`${item.label} result`} value={item.result} disabled={locked} onChange={(e) => void save({ result: e.target.value as RunItem['result'] })}>
            {(['pending', 'pass', 'fail', 'na'] as const).map((r) => (
              <option key={r} value={r}>
                {LABELS.itemResult[r]}
              </option>
            ))}
          </select>
        )}
      </td>
      <td>
        <input aria-label={`${item.label} note`} value={note} disabled={locked} onChange={(e) => setNote(e.target.value)} />
      </td>
      <td>
        <strong className={`ops-result ops-result-${item.result}`}>{LABELS.itemResult[item.result]}</strong>
        {!locked ? (
          <button type="button" onClick={() => void save(numeric ? { actual: actual.trim() === '' ? null : Number(actual) } : {})} aria-label={`Record ${item.label}`}>
            Record
          </button>
        ) : null}
        {error ? (
          <p className="field-error" role="alert">
            {error}
          </p>
        ) : null}
        <span className="visually-hidden">{run.id}</span>
      </td>
    </tr>
  );
}

/** One run: received, each check with its result and note, the override, distribution. */
export function RunPage({ id }: { id: string }) {
  const repos = useOpsRepos();
  const names = useNames();
  const announce = useUi((s) => s.announce);
  const data = useLiveQuery(async () => {
    const run = await repos.tables.runs.get(id);
    const job = run ? ((await repos.tables.jobs.get(run.jobId)) ?? null) : null;
    return { run: run ?? null, job, proposal: job ? await repos.recipients.forJob(job) : null };
  }, [repos, id]);
  const [reason, setReason] = useState('');
  const [recipients, setRecipients] = useState<string[] | null>(null);
  const [outsideTo, setOutsideTo] = useState<string[] | null>(null);
  const [message, setMessage] = useState('');
  if (!data || !names) return <p role="status">Loading the run…</p>;
  const { run, job, proposal } = data;
  if (!run) return <EmptyState title="Run not found">{<p>It may not have reached this device yet.</p>}</EmptyState>;
  // Proposed: the job's people and its lists' current members; what is ticked is who it went to.
  const proposedPeople = proposal?.people ?? [];
  const proposedOutside = proposal?.outside ?? [];
  const to = recipients ?? (run.distributedTo.length ? run.distributedTo : proposedPeople.map((p) => p.id));
  const outsideChosen = outsideTo ?? proposedOutside.map((o) => o.email);
  const peopleShown = [...proposedPeople, ...to.filter((pid) => !proposedPeople.some((p) => p.id === pid)).map((pid) => ({ id: pid, name: names.person(pid), via: [] as string[] }))];
  const outsideOf = (emails: readonly string[]) => proposedOutside.filter((o) => emails.includes(o.email));
  const wentTo = [...run.distributedTo.map((p) => names.person(p)), ...(run.distributedToOutside ?? []).map(outsideLabel)];
  const locked = run.status === 'distributed';
  const gate = distributionGate(run);
  const report = (r: { ok: true } | { ok: false; error: { message: string } }, done: string) => {
    if (r.ok) {
      setMessage('');
      announce(done);
    } else setMessage(r.error.message);
  };
  return (
    <section aria-label={`Run of ${job?.name ?? 'a removed job'}`} className="ops-run">
      <h2>
        {job?.name ?? 'Removed job'} — {run.date}
      </h2>
      <p>
        <strong>{LABELS.runStatus[run.status]}</strong> · expected {formatInstant(run.expectedAt)} · received {formatInstant(run.receivedAt)}
        {run.verifiedBy ? ` · verified by ${names.person(run.verifiedBy)} ${formatInstant(run.verifiedAt)}` : ''}
      </p>
      {run.ticketId ? (
        <p className="ops-ticket-link">
          Problem ticket: <a href={`#/tickets/${encodeURIComponent(run.ticketId)}`}>{names.ticket(run.ticketId)}</a>
        </p>
      ) : null}
      {message ? (
        <p className="form-error" role="alert">
          {message}
        </p>
      ) : null}
      {!run.receivedAt ? (
        <button type="button" className="primary" onClick={async () => report(await repos.runs.receive(id), 'Marked received')}>
          Mark received
        </button>
      ) : null}
      <div className="table-scroll">
        <table className="data-table ops-checks">
          <caption>Verification checklist</caption>
          <thead>
            <tr>
              <th scope="col">Check</th>
              <th scope="col">Expected</th>
              <th scope="col">Actual</th>
              <th scope="col">Note</th>
              <th scope="col">Result</th>
            </tr>
          </thead>
          <tbody>
            {run.items.map((item) => (
              <ItemRow
                key={`${item.id}:${item.result}:${item.actual}`}
                run={run}
                item={item}
                locked={locked || !run.receivedAt}
                onSave={async (p) => {
                  const r = await repos.runs.recordItem(id, item.id, p);
                  if (r.ok) announce(`${item.label}: ${LABELS.itemResult[r.value.items.find((i) => i.id === item.id)!.result]}`);
                  return r.ok ? null : r.error.message;
                }}
              />
            ))}
          </tbody>
        </table>
      </div>
      {run.items.length === 0 ? <p className="muted">This job has no checks.</p> : null}
      {!locked && blockingItems(run).length > 0 && run.receivedAt ? (
        <div className="ops-override">
          {run.override ? (
            <p>
              Overridden by {names.person(run.override.by)}: {run.override.reason}
            </p>
          ) : (
            <>
              <Labelled label="Override reason">{(fid) => <textarea id={fid} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />}</Labelled>
              <button type="button" onClick={async () => report(await repos.runs.override(id, reason), 'Override recorded')}>
                Override critical checks
              </button>
            </>
          )}
        </div>
      ) : null}
      {locked ? (
        <p>
          Distributed {formatInstant(run.distributedAt)} by {names.person(run.distributedBy)} to {wentTo.join(', ')}.
        </p>
      ) : run.receivedAt ? (
        <fieldset className="ops-distribute">
          <legend>Distribute</legend>
          {proposal && proposal.lists.length > 0 ? (
            <p className="muted">
              Lists: {proposal.lists.map((l) => (l.removed ? l.name : `${l.name} (${l.members} ${l.members === 1 ? 'member' : 'members'})`)).join(', ')}
            </p>
          ) : null}
          {peopleShown.length === 0 && proposedOutside.length === 0 ? <p className="muted">This job names no customers or lists with current members. Add them on the job.</p> : null}
          {peopleShown.map((p) => (
            <label key={p.id} className="check">
              <input type="checkbox" checked={to.includes(p.id)} onChange={(e) => setRecipients(e.target.checked ? [...to, p.id] : to.filter((x) => x !== p.id))} /> {p.name}
              {p.via.length ? <span className="muted"> ({p.via.join(', ')})</span> : null}
            </label>
          ))}
          {proposedOutside.map((o) => (
            <label key={o.email} className="check">
              <input type="checkbox" checked={outsideChosen.includes(o.email)} onChange={(e) => setOutsideTo(e.target.checked ? [...outsideChosen, o.email] : outsideChosen.filter((x) => x !== o.email))} /> {outsideLabel(o)}
              <span className="muted"> ({o.via.join(', ')})</span>
            </label>
          ))}
          {!gate.ok ? <p className="muted">{gate.error.message}</p> : null}
          <button type="button" className="primary" disabled={!gate.ok} onClick={async () => report(await repos.runs.distribute(id, to, outsideOf(outsideChosen)), 'Marked distributed')}>
            Mark distributed
          </button>
        </fieldset>
      ) : null}
      <p>
        <a href={opsHref({ view: 'runs' })}>Back to runs</a>
      </p>
    </section>
  );
}
