import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useState, type FormEvent } from 'react';
import { overdueActions, type TimelineCandidate } from '../../../../shared/operations/rules';
import { ACTION_STATUSES, ACTION_TYPES, LABELS, REVIEW_STATUSES, type ActionItem, type Review, type ReviewInput, type ReviewStatus } from '../../../../shared/operations/schemas';
import { useUi } from '../../app/ui-store';
import { DraftNotice } from '../../ui/DraftNotice';
import { draftKey } from '../../ui/drafts';
import { EmptyState } from '../../ui/EmptyState';
import { useDraft } from '../../ui/useDraft';
import { TicketPicker } from './ChangesView';
import { goOps, opsHref } from './ops-route';
import { useMyIds } from './OpsStatusCounts';
import { ReviewPrintButtons, ReviewsExportButton } from './ReviewPrint';
import { Labelled, PersonSelect } from './SchedulesView';
import { formatInstant, useNames, useOpsRepos, type Names } from './useOps';

const todayLocal = () => new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

/** Post-incident reviews. */
export function ReviewsView() {
  const repos = useOpsRepos();
  const names = useNames();
  const data = useLiveQuery(async () => ({ reviews: await repos.reviews.list(), actions: await repos.reviews.actions.all() }), [repos]);
  const newTitle = useDraft(draftKey('ops.review', undefined), { title: '' });
  const title = newTitle.values.title;
  const setTitle = (t: string) => newTitle.set({ title: t });
  const [error, setError] = useState('');
  if (!data || !names) return <p role="status">Loading reviews…</p>;
  return (
    <section aria-label="Reviews">
      <form
        className="toolbar"
        aria-label="New review"
        onSubmit={async (e) => {
          e.preventDefault();
          const saving = newTitle.saving();
          const r = await repos.reviews.create({ title: saving.title });
          if (!r.ok) return setError(r.error.fields?.title ?? r.error.message);
          // Cleared for the next one, unless the title was typed on while it saved (then that stays, a draft).
          newTitle.done(saving, { reset: true });
          goOps({ view: 'review', id: r.value.id });
        }}
      >
        <Labelled label="New review title" error={error}>
          {(fid) => <input id={fid} value={title} onChange={(e) => setTitle(e.target.value)} placeholder="CMS outage, 13 January" />}
        </Labelled>
        <button type="submit" className="primary">
          Start a review
        </button>
        <ReviewsExportButton />
      </form>
      {data.reviews.length === 0 ? (
        <EmptyState title="No reviews yet">
          <p>A post-incident review records what happened (a timeline picked from the incident’s history and work log), why, and the action items that follow, each with an owner and a due date.</p>
        </EmptyState>
      ) : (
        <div className="table-scroll">
          <table className="data-table">
            <caption>Reviews</caption>
            <thead>
              <tr>
                <th scope="col">Review</th>
                <th scope="col">Status</th>
                <th scope="col">Owner</th>
                <th scope="col">Open actions</th>
              </tr>
            </thead>
            <tbody>
              {[...data.reviews].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)).map((r) => (
                <tr key={r.id}>
                  <th scope="row">
                    <a href={opsHref({ view: 'review', id: r.id })}>{r.title}</a>
                  </th>
                  <td>{LABELS.reviewStatus[r.status]}</td>
                  <td>{names.person(r.ownerId)}</td>
                  <td>{data.actions.filter((a) => a.reviewId === r.id && a.status === 'open').length}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function ActionRow({ a, names, locked }: { a: ActionItem; names: Names; locked: boolean }) {
  const repos = useOpsRepos();
  const [error, setError] = useState('');
  const update = async (p: Partial<ActionItem>) => {
    const r = await repos.reviews.actions.update(a.id, p);
    setError(r.ok ? '' : r.error.message);
  };
  return (
    <tr>
      <th scope="row">{a.title}</th>
      <td>
        <select aria-label={`${a.title} owner`} value={a.ownerId ?? ''} onChange={(e) => void update({ ownerId: e.target.value || null })}>
          {locked && a.ownerId ? null : <option value="">No owner</option>}
          {names.people
            .filter((p) => p.kind === 'staff' || p.id === a.ownerId)
            .map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
        </select>
      </td>
      <td>
        <input aria-label={`${a.title} due`} type="date" value={a.due ?? ''} onChange={(e) => void update({ due: e.target.value || null })} />
      </td>
      <td>{LABELS.actionType[a.type]}</td>
      <td>
        <select aria-label={`${a.title} status`} value={a.status} onChange={(e) => void update({ status: e.target.value as ActionItem['status'] })}>
          {ACTION_STATUSES.map((s) => (
            <option key={s} value={s}>
              {LABELS.actionStatus[s]}
            </option>
          ))}
        </select>
        {error ? (
          <p className="field-error" role="alert">
            {error}
          </p>
        ) : null}
      </td>
      <td>{a.link ? a.link.kind === 'ticket' ? <a href={`#/tickets/${encodeURIComponent(a.link.id)}`}>{names.ticket(a.link.id)}</a> : <a href={opsHref({ view: 'change', id: a.link.id })}>Change</a> : '—'}</td>
    </tr>
  );
}

const SECTIONS: { key: keyof ReviewInput; label: string }[] = [
  { key: 'summary', label: 'Summary' },
  { key: 'impactWho', label: 'Who was affected' },
  { key: 'impactCount', label: 'How many' },
  { key: 'impactDuration', label: 'How long' },
  { key: 'trigger', label: 'Trigger' },
  { key: 'rootCauses', label: 'Root causes' },
  { key: 'contributing', label: 'Contributing factors' },
  { key: 'detection', label: 'Detection' },
  { key: 'resolution', label: 'Resolution' },
  { key: 'wentWell', label: 'What went well' },
  { key: 'wentWrong', label: 'What went wrong' },
  { key: 'gotLucky', label: 'Where we got lucky' },
];

/** The draft of a review's editor (its fields), of its new action item, and of one timeline entry's text. */
export const reviewDraftKey = (id: string) => draftKey('ops.review', id);
const actionDraftKey = (id: string) => draftKey('ops.review.action', id);
const entryDraftKey = (reviewId: string, entryId: string) => draftKey('ops.review.entry', `${reviewId}:${entryId}`);

type ReviewFields = Omit<ReviewInput, 'timeline' | 'status'>;
const reviewFields = (r: Review): ReviewFields => ({
  title: r.title,
  incidentIds: r.incidentIds,
  ownerId: r.ownerId,
  reviewDate: r.reviewDate,
  attendeeIds: r.attendeeIds,
  ...Object.fromEntries(SECTIONS.map((s) => [s.key, r[s.key as keyof Review] ?? ''])),
});

/** One review: incidents, people, the sections, a timeline picked from the incidents, action items, status. */
export function ReviewEditor({ id }: { id: string }) {
  const repos = useOpsRepos();
  const stored = useLiveQuery(async () => (await repos.tables.reviews.get(id)) ?? null, [repos, id]);
  if (stored === null) return <EmptyState title="Review not found">{<p>It may have been removed on another device.</p>}</EmptyState>;
  if (!stored) return <p role="status">Loading the review…</p>;
  return <ReviewForm key={id} id={id} stored={stored} />;
}

function ReviewForm({ id, stored }: { id: string; stored: Review }) {
  const repos = useOpsRepos();
  const names = useNames();
  const announce = useUi((s) => s.announce);
  const actions = useLiveQuery(() => repos.reviews.actions.list(id), [repos, id]);
  // What is typed is a draft until saved: leaving the review keeps it, and it opens with it.
  const initial = useMemo(() => reviewFields(stored), [stored]);
  const kept = useDraft(reviewDraftKey(id), initial);
  const draft = kept.values;
  const [message, setMessage] = useState('');
  const [incidentText, setIncidentText] = useState('');
  const [candidates, setCandidates] = useState<TimelineCandidate[] | null>(null);
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const actionDraft = useDraft(actionDraftKey(id), { title: '', ownerId: null as string | null, due: '', type: 'prevent' as ActionItem['type'], link: '' });
  const action = actionDraft.values;
  const setAction = (v: typeof action) => actionDraft.set(v);
  const [actionError, setActionError] = useState('');
  if (!names || !actions) return <p role="status">Loading the review…</p>;
  const locked = stored.status === 'final';
  const set = (p: Partial<ReviewFields>) => kept.set(p);

  async function save(e?: FormEvent) {
    e?.preventDefault();
    const saving = draft;
    const r = await repos.reviews.update(id, saving);
    if (!r.ok) return setMessage(r.error.message);
    kept.done(saving);
    setMessage('');
    announce('Review saved');
  }
  async function status(to: ReviewStatus) {
    if (!locked) await save();
    const r = await repos.reviews.setStatus(id, to);
    if (!r.ok) return setMessage(r.error.message);
    setMessage('');
    announce(`Review ${LABELS.reviewStatus[to].toLowerCase()}`);
  }
  async function loadCandidates() {
    await save();
    const list = await repos.reviews.candidates(id, { person: (x) => names!.person(x), ticket: (x) => names!.ticket(x).split(' ')[0]! });
    setCandidates(list);
    setPicked(new Set());
  }

  return (
    <div className="ops-review">
      <form className="ops-form" onSubmit={save} aria-label={`Review ${stored.title}`}>
        <h2>{stored.title}</h2>
        <p>
          <strong>{LABELS.reviewStatus[stored.status]}</strong> · last saved {formatInstant(stored.updatedAt)}
        </p>
        {message ? (
          <p className="form-error" role="alert">
            {message}
          </p>
        ) : null}
        <DraftNotice restoredAt={kept.restoredAt} onDiscard={kept.discard} what="review" />
        <div className="form-row">
          <PersonSelect label="Review owner" names={names} staffOnly value={draft.ownerId ?? null} onChange={(v) => set({ ownerId: v })} />
          <Labelled label="Review date">{(fid) => <input id={fid} type="date" disabled={locked} value={draft.reviewDate ?? ''} onChange={(e) => set({ reviewDate: e.target.value || null })} />}</Labelled>
        </div>
        <fieldset>
          <legend>Incidents</legend>
          <ul>
            {(draft.incidentIds ?? []).map((t) => (
              <li key={t}>
                <a href={`#/tickets/${encodeURIComponent(t)}`}>{names.ticket(t)}</a>
              </li>
            ))}
          </ul>
          {!locked ? <TicketPicker label="Add an incident (number or title)" value={incidentText} onChange={setIncidentText} onPick={(tid) => set({ incidentIds: [...new Set([...(draft.incidentIds ?? []), tid])] })} /> : null}
        </fieldset>
        <fieldset>
          <legend>Attendees</legend>
          <div className="ops-people">
            {names.people
              .filter((p) => p.kind === 'staff')
              .map((p) => (
                <label key={p.id} className="check">
                  <input type="checkbox" disabled={locked} checked={(draft.attendeeIds ?? []).includes(p.id)} onChange={(e) => set({ attendeeIds: e.target.checked ? [...(draft.attendeeIds ?? []), p.id] : (draft.attendeeIds ?? []).filter((x) => x !== p.id) })} /> {p.name}
                </label>
              ))}
          </div>
        </fieldset>
        {SECTIONS.map((s) => (
          <Labelled key={s.key} label={s.label}>
            {(fid) => <textarea id={fid} rows={s.key === 'impactCount' || s.key === 'impactDuration' ? 1 : 3} readOnly={locked} value={((draft as Record<string, unknown>)[s.key] as string) ?? ''} onChange={(e) => set({ [s.key]: e.target.value })} />}
          </Labelled>
        ))}
        <div className="form-actions">
          {!locked ? (
            <button type="submit" className="primary">
              Save review
            </button>
          ) : null}
          {REVIEW_STATUSES.filter((s) => s !== stored.status).map((s) => (
            <button key={s} type="button" onClick={() => void status(s)}>
              {s === 'final' ? 'Mark final' : s === 'in_review' ? 'Move to review' : 'Back to draft'}
            </button>
          ))}
          <ReviewPrintButtons reviewId={id} />
        </div>
      </form>

      <section aria-label="Timeline" className="ops-timeline">
        <h3>Timeline</h3>
        {stored.timeline.length === 0 ? <p className="muted">No entries yet. Pick them from the incidents’ history and work log.</p> : null}
        <ol>
          {stored.timeline.map((e) => (
            <TimelineRow key={`${e.id}:${e.text}`} reviewId={id} entry={e} locked={locked} />
          ))}
        </ol>
        {!locked ? (
          <button type="button" onClick={() => void loadCandidates()} disabled={(draft.incidentIds ?? []).length === 0}>
            Pick from the incidents
          </button>
        ) : null}
        {candidates ? (
          <fieldset className="ops-candidates">
            <legend>Events of the incidents</legend>
            {candidates.length === 0 ? <p className="muted">The incidents have no history or work log on this device.</p> : null}
            {candidates.map((c) => (
              <label key={c.key} className="check">
                <input type="checkbox" checked={picked.has(c.key)} onChange={(e) => setPicked((s) => { const n = new Set(s); if (e.target.checked) n.add(c.key); else n.delete(c.key); return n; })} /> {formatInstant(c.at)} — {c.text}
              </label>
            ))}
            <button
              type="button"
              className="primary"
              onClick={async () => {
                const r = await repos.reviews.pick(id, candidates.filter((c) => picked.has(c.key)));
                if (!r.ok) return setMessage(r.error.message);
                announce(`${picked.size} entries added to the timeline`);
                setCandidates(null);
              }}
            >
              Add picked entries
            </button>
          </fieldset>
        ) : null}
      </section>

      <section aria-label="Action items">
        <h3>Action items</h3>
        {actions.length === 0 ? <p className="muted">No action items yet.</p> : null}
        {actions.length > 0 ? (
          <div className="table-scroll">
            <table className="data-table">
              <caption className="visually-hidden">Action items</caption>
              <thead>
                <tr>
                  <th scope="col">Action</th>
                  <th scope="col">Owner</th>
                  <th scope="col">Due</th>
                  <th scope="col">Type</th>
                  <th scope="col">Status</th>
                  <th scope="col">Linked</th>
                </tr>
              </thead>
              <tbody>
                {actions.map((a) => (
                  <ActionRow key={a.id} a={a} names={names} locked={locked} />
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
        <form
          className="ops-form"
          aria-label="New action item"
          onSubmit={async (e) => {
            e.preventDefault();
            const saving = actionDraft.saving();
            const link = saving.link ? { kind: 'ticket' as const, id: saving.link } : null;
            const r = await repos.reviews.actions.create({ reviewId: id, title: saving.title, ownerId: saving.ownerId, due: saving.due || null, type: saving.type, link });
            if (!r.ok) return setActionError(r.error.fields?.title ?? r.error.message);
            setActionError('');
            // Cleared for the next item, unless it was typed into while it saved (then that stays, a draft).
            actionDraft.done(saving, { reset: true });
            announce('Action item added');
          }}
        >
          <div className="form-row">
            <Labelled label="Action" error={actionError}>
              {(fid) => <input id={fid} value={action.title} onChange={(e) => setAction({ ...action, title: e.target.value })} />}
            </Labelled>
            <PersonSelect label="Action owner" names={names} staffOnly value={action.ownerId} onChange={(v) => setAction({ ...action, ownerId: v })} />
            <Labelled label="Action due">{(fid) => <input id={fid} type="date" value={action.due} onChange={(e) => setAction({ ...action, due: e.target.value })} />}</Labelled>
            <Labelled label="Action type">
              {(fid) => (
                <select id={fid} value={action.type} onChange={(e) => setAction({ ...action, type: e.target.value as ActionItem['type'] })}>
                  {ACTION_TYPES.map((t) => (
                    <option key={t} value={t}>
                      {LABELS.actionType[t]}
                    </option>
                  ))}
                </select>
              )}
            </Labelled>
            <Labelled label="Linked ticket">
              {(fid) => (
                <select id={fid} value={action.link} onChange={(e) => setAction({ ...action, link: e.target.value })}>
                  <option value="">None</option>
                  {(draft.incidentIds ?? []).map((t) => (
                    <option key={t} value={t}>
                      {names.ticket(t)}
                    </option>
                  ))}
                </select>
              )}
            </Labelled>
          </div>
          <button type="submit">Add action item</button>
        </form>
      </section>
    </div>
  );
}

function TimelineRow({ reviewId, entry, locked }: { reviewId: string; entry: { id: string; at: string; text: string }; locked: boolean }) {
  const repos = useOpsRepos();
  const kept = useDraft(entryDraftKey(reviewId, entry.id), { text: entry.text });
  const text = kept.values.text;
  const setText = (t: string) => kept.set({ text: t });
  const [error, setError] = useState('');
  return (
    <li>
      <span className="ops-when">{formatInstant(entry.at)}</span>{' '}
      {locked ? (
        <span>{entry.text}</span>
      ) : (
        <>
          <input aria-label={`Timeline entry at ${formatInstant(entry.at)}`} value={text} onChange={(e) => setText(e.target.value)} />
          <button type="button" disabled={text === entry.text} onClick={async () => { const r = await kept.save((v) => repos.reviews.saveEntry(reviewId, { id: entry.id, at: entry.at, text: v.text })); setError(r.ok ? '' : r.error.message); }}>
            Save entry
          </button>
          <button type="button" onClick={() => void repos.reviews.removeEntry(reviewId, entry.id).then(() => kept.discard())} aria-label={`Remove the entry at ${formatInstant(entry.at)}`}>
            Remove
          </button>
          {error ? (
            <span className="field-error" role="alert">
              {error}
            </span>
          ) : null}
        </>
      )}
    </li>
  );
}

/** Open action items past their due date, across reviews, oldest first. */
export function ActionsView() {
  const repos = useOpsRepos();
  const names = useNames();
  const data = useLiveQuery(async () => ({ actions: await repos.reviews.actions.all(), reviews: await repos.reviews.list() }), [repos]);
  const myIds = useMyIds();
  if (!data || !names) return <p role="status">Loading action items…</p>;
  const overdue = overdueActions(data.actions, todayLocal());
  const reviews = new Map(data.reviews.map((r) => [r.id, r]));
  const mine = new Set(myIds ?? []);
  const myOverdue = overdue.filter((a) => a.ownerId !== null && mine.has(a.ownerId));
  return (
    <section aria-label="Overdue action items">
      <section aria-label="My overdue actions" className="ops-mine">
        <h2>My overdue actions</h2>
        {myOverdue.length === 0 ? (
          <p className="muted">None of your action items is overdue.</p>
        ) : (
          <ul>
            {myOverdue.map((a) => (
              <li key={a.id}>
                <a href={opsHref({ view: 'review', id: a.reviewId })}>{a.title}</a> — {reviews.get(a.reviewId)?.title ?? 'Removed review'}, due {a.due}
              </li>
            ))}
          </ul>
        )}
      </section>
      <h2>Everyone’s overdue actions</h2>
      {overdue.length === 0 ? (
        <EmptyState title="No overdue action items">
          <p>Open action items from reviews appear here once their due date has passed.</p>
        </EmptyState>
      ) : (
        <div className="table-scroll">
          <table className="data-table">
            <caption>Overdue action items</caption>
            <thead>
              <tr>
                <th scope="col">Action</th>
                <th scope="col">Review</th>
                <th scope="col">Owner</th>
                <th scope="col">Due</th>
              </tr>
            </thead>
            <tbody>
              {overdue.map((a) => (
                <tr key={a.id}>
                  <th scope="row">{a.title}</th>
                  <td>
                    <a href={opsHref({ view: 'review', id: a.reviewId })}>{reviews.get(a.reviewId)?.title ?? 'Removed review'}</a>
                  </td>
                  <td>{names.person(a.ownerId)}</td>
                  <td>{a.due}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
