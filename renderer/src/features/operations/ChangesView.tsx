import { useLiveQuery } from 'dexie-react-hooks';
import { useState, type FormEvent } from 'react';
import { planWarnings } from '../../../../shared/operations/rules';
import { CHANGE_TYPES, LABELS, OUTCOMES, RISKS, type Change, type ChangeInput, type ChangeStatus } from '../../../../shared/operations/schemas';
import { useUi } from '../../app/ui-store';
import { DraftNotice } from '../../ui/DraftNotice';
import { draftKey } from '../../ui/drafts';
import { EmptyState } from '../../ui/EmptyState';
import { useDraft } from '../../ui/useDraft';
import { goOps, opsHref } from './ops-route';
import { Labelled, PersonSelect } from './SchedulesView';
import { formatInstant, useNames, useOpsRepos } from './useOps';

/** A datetime-local value (this computer's zone) from an instant and back. */
const toLocalInput = (iso: string | null | undefined) => {
  if (!iso) return '';
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
};
const fromLocalInput = (v: string) => (v ? new Date(v).toISOString() : null);

/** Planned changes, fixes and patches. */
export function ChangesView() {
  const repos = useOpsRepos();
  const names = useNames();
  const changes = useLiveQuery(() => repos.changes.list(), [repos]);
  if (!changes || !names) return <p role="status">Loading changes…</p>;
  return (
    <section aria-label="Changes">
      <div className="toolbar">
        <a className="button primary" href={opsHref({ view: 'change', id: 'new' })}>
          New change
        </a>
      </div>
      {changes.length === 0 ? (
        <EmptyState title="No changes recorded" action={<a href={opsHref({ view: 'change', id: 'new' })}>Record a change</a>}>
          <p>A change records what will change and why, its risk, plans, planned window, approval and outcome, and the tickets it resolves.</p>
        </EmptyState>
      ) : (
        <div className="table-scroll">
          <table className="data-table">
            <caption>Changes</caption>
            <thead>
              <tr>
                <th scope="col">What</th>
                <th scope="col">Systems</th>
                <th scope="col">Planned</th>
                <th scope="col">Risk</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {[...changes].sort((a, b) => (b.plannedStart ?? '').localeCompare(a.plannedStart ?? '')).map((c) => (
                <tr key={c.id}>
                  <th scope="row">
                    <a href={opsHref({ view: 'change', id: c.id })}>{c.title}</a>
                  </th>
                  <td>{c.systemIds.map(names.system).join(', ') || '—'}</td>
                  <td>{formatInstant(c.plannedStart)}</td>
                  <td>{LABELS.risk[c.risk]}</td>
                  <td>{LABELS.changeStatus[c.status]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

const blank = (): ChangeInput => ({ title: '', reason: '', type: 'normal', systemIds: [], risk: 'low', implementationPlan: '', testPlan: '', testResult: '', backoutPlan: '', plannedStart: null, plannedEnd: null, outcome: null, outcomeNote: '', ticketIds: [], ownerId: null });

/** The draft of a change's editor: the record's id, or 'new'. */
export const changeDraftKey = (id: string) => draftKey('ops.change', id === 'new' ? undefined : id);

export function ChangeEditor({ id }: { id: string }) {
  const repos = useOpsRepos();
  const stored = useLiveQuery(async () => (id === 'new' ? null : ((await repos.tables.changes.get(id)) ?? null)), [repos, id]);
  if (id !== 'new' && stored === null) return <EmptyState title="Change not found">{<p>It may have been removed on another device.</p>}</EmptyState>;
  if (id !== 'new' && !stored) return <p role="status">Loading the change…</p>;
  return <ChangeForm key={id} id={id} stored={stored ?? null} />;
}

function ChangeForm({ id, stored }: { id: string; stored: Change | null }) {
  const repos = useOpsRepos();
  const names = useNames();
  const announce = useUi((s) => s.announce);
  const context = useLiveQuery(async () => ({ windows: await repos.windows.list(), changes: await repos.changes.list() }), [repos]);
  // What is typed is a draft until saved: leaving the change keeps it, and it opens with it.
  const [start] = useState<ChangeInput>(() => (stored ? { ...stored } : blank()));
  const kept = useDraft(changeDraftKey(id), start);
  const draft = kept.values;
  const setDraft = (v: ChangeInput) => kept.set(v);
  const [ticketText, setTicketText] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState('');
  if (!names || !context) return <p role="status">Loading the change…</p>;
  const set = (p: Partial<ChangeInput>) => setDraft({ ...draft, ...p });
  const warnings =
    draft.plannedStart && (draft.systemIds ?? []).length
      ? planWarnings({ start: Date.parse(draft.plannedStart), end: Date.parse(draft.plannedEnd ?? draft.plannedStart), systemIds: draft.systemIds ?? [], changeId: id }, context.windows, context.changes, names.system)
      : [];
  const area = (label: string, key: keyof ChangeInput) => (
    <Labelled label={label} error={errors[key]}>
      {(fid) => <textarea id={fid} rows={3} value={(draft[key] as string) ?? ''} onChange={(e) => set({ [key]: e.target.value })} />}
    </Labelled>
  );

  async function save(e: FormEvent) {
    e.preventDefault();
    const saving = kept.saving();
    const r = id === 'new' ? await repos.changes.create(saving) : await repos.changes.update(id, saving);
    if (!r.ok) {
      setErrors(r.error.fields ?? {});
      setMessage(r.error.message);
      return;
    }
    kept.done(saving);
    setErrors({});
    setMessage('');
    announce('Change saved');
    if (id === 'new') goOps({ view: 'change', id: r.value.id });
  }
  const act = async (p: Promise<{ ok: boolean; error?: { message: string } }>, done: string) => {
    const r = await p;
    if (r.ok) {
      setMessage('');
      announce(done);
    } else setMessage(r.error!.message);
  };

  return (
    <form className="ops-form" onSubmit={save} aria-label={id === 'new' ? 'New change' : `Change ${draft.title}`}>
      <h2>{id === 'new' ? 'New change' : draft.title}</h2>
      <DraftNotice restoredAt={kept.restoredAt} onDiscard={kept.discard} what="change" />
      {stored ? (
        <p>
          <strong>{LABELS.changeStatus[stored.status]}</strong>
          {stored.approvedBy ? ` · approved by ${names.person(stored.approvedBy)} ${formatInstant(stored.approvedAt)}` : ' · not approved'}
        </p>
      ) : null}
      {message ? (
        <p className="form-error" role="alert">
          {message}
        </p>
      ) : null}
      <div className="form-row">
        <Labelled label="What" error={errors.title}>
          {(fid) => <input id={fid} value={draft.title} onChange={(e) => set({ title: e.target.value })} />}
        </Labelled>
        <Labelled label="Type">
          {(fid) => (
            <select id={fid} value={draft.type ?? 'normal'} onChange={(e) => set({ type: e.target.value as 'normal' })}>
              {CHANGE_TYPES.map((t) => (
                <option key={t} value={t}>
                  {LABELS.changeType[t]}
                </option>
              ))}
            </select>
          )}
        </Labelled>
        <Labelled label="Risk">
          {(fid) => (
            <select id={fid} value={draft.risk ?? 'low'} onChange={(e) => set({ risk: e.target.value as 'low' })}>
              {RISKS.map((r) => (
                <option key={r} value={r}>
                  {LABELS.risk[r]}
                </option>
              ))}
            </select>
          )}
        </Labelled>
        <PersonSelect label="Owner" names={names} staffOnly value={draft.ownerId ?? null} onChange={(v) => set({ ownerId: v })} />
      </div>
      {area('Why', 'reason')}
      <fieldset>
        <legend>Systems</legend>
        {names.systems.length === 0 ? <p className="muted">No systems in the catalog yet (Settings).</p> : null}
        {names.systems.map((s) => (
          <label key={s.id} className="check">
            <input type="checkbox" checked={(draft.systemIds ?? []).includes(s.id)} onChange={(e) => set({ systemIds: e.target.checked ? [...(draft.systemIds ?? []), s.id] : (draft.systemIds ?? []).filter((x) => x !== s.id) })} /> {s.name}
          </label>
        ))}
      </fieldset>
      <div className="form-row">
        <Labelled label="Planned start" error={errors.plannedStart}>
          {(fid) => <input id={fid} type="datetime-local" value={toLocalInput(draft.plannedStart)} onChange={(e) => set({ plannedStart: fromLocalInput(e.target.value) })} />}
        </Labelled>
        <Labelled label="Planned end" error={errors.plannedEnd}>
          {(fid) => <input id={fid} type="datetime-local" value={toLocalInput(draft.plannedEnd)} onChange={(e) => set({ plannedEnd: fromLocalInput(e.target.value) })} />}
        </Labelled>
      </div>
      {warnings.length > 0 ? (
        <ul className="ops-warnings" aria-label="Warnings">
          {warnings.map((w) => (
            <li key={w.message}>{w.message}</li>
          ))}
        </ul>
      ) : null}
      {area('Implementation plan', 'implementationPlan')}
      {area('Test plan', 'testPlan')}
      {area('Test result', 'testResult')}
      {area('Back-out plan', 'backoutPlan')}
      <div className="form-row">
        <Labelled label="Outcome">
          {(fid) => (
            <select id={fid} value={draft.outcome ?? ''} onChange={(e) => set({ outcome: (e.target.value || null) as ChangeInput['outcome'] })}>
              <option value="">Not yet</option>
              {OUTCOMES.map((o) => (
                <option key={o} value={o}>
                  {LABELS.outcome[o]}
                </option>
              ))}
            </select>
          )}
        </Labelled>
      </div>
      {area('Outcome notes', 'outcomeNote')}
      <fieldset>
        <legend>Tickets it resolves</legend>
        <ul>
          {(draft.ticketIds ?? []).map((t) => (
            <li key={t}>
              <a href={`#/tickets/${encodeURIComponent(t)}`}>{names.ticket(t)}</a>{' '}
              <button type="button" onClick={() => set({ ticketIds: (draft.ticketIds ?? []).filter((x) => x !== t) })} aria-label={`Unlink ${names.ticket(t)}`}>
                Unlink
              </button>
            </li>
          ))}
        </ul>
        <TicketPicker value={ticketText} onChange={setTicketText} onPick={(tid) => set({ ticketIds: [...new Set([...(draft.ticketIds ?? []), tid])] })} />
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="primary">
          Save change
        </button>
        {stored && stored.status === 'draft' ? (
          <button type="button" onClick={() => void act(repos.changes.approve(id), 'Change approved')}>
            Record approval
          </button>
        ) : null}
        {stored
          ? (['in_progress', 'done', 'failed', 'cancelled'] as ChangeStatus[])
              .filter((s) => s !== stored.status)
              .map((s) => (
                <button key={s} type="button" onClick={() => void act(repos.changes.setStatus(id, s), `Change ${LABELS.changeStatus[s].toLowerCase()}`)}>
                  Mark {LABELS.changeStatus[s].toLowerCase()}
                </button>
              ))
          : null}
      </div>
    </form>
  );
}

/** Find a ticket by number or title words and pick it. */
export function TicketPicker({ value, onChange, onPick, label = 'Link a ticket (number or title)' }: { value: string; onChange: (v: string) => void; onPick: (id: string) => void; label?: string }) {
  const repos = useOpsRepos();
  const found = useLiveQuery(async () => {
    const q = value.trim().toLowerCase();
    if (q.length < 2) return [];
    const rows = await repos.tickets.tables.tickets.filter((t) => !t.deleted && (t.number.toLowerCase().includes(q) || t.title.toLowerCase().includes(q))).limit(8).toArray();
    return rows.map((t) => ({ id: t.id, text: `${t.number} ${t.title}` }));
  }, [repos, value]);
  return (
    <div className="ops-picker">
      <Labelled label={label}>{(fid) => <input id={fid} type="search" value={value} onChange={(e) => onChange(e.target.value)} />}</Labelled>
      {found && found.length > 0 ? (
        <ul aria-label="Matching tickets">
          {found.map((t) => (
            <li key={t.id}>
              <button type="button" onClick={() => (onPick(t.id), onChange(''))}>
                {t.text}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
