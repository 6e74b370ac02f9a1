import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import type { Comparison } from '../../../../shared/inform/documents';
import { DOCUMENT_STATES, MATERIAL_KIND_LABELS, MATERIAL_KINDS, type DocumentState, type MaterialKind, type MaterialVersion } from '../../../../shared/training/material';
import { useData } from '../../app/data-context';
import { informRepositories, type DocRecord } from '../../data/repositories/inform';
import { ticketRepositories } from '../../data/repositories/tickets';
import { EmptyState } from '../../ui/EmptyState';
import { Field } from '../../ui/Field';
import './inform.css';

/** The repositories of this feature over the app's database. */
export function useInform() {
  const { db } = useData();
  return useMemo(() => informRepositories(db, { tickets: ticketRepositories(db) }), [db]);
}

const today = () => new Date().toISOString().slice(0, 10);

/**
 * Knowledge: the one document library (training's materials) with types and
 * states, offline search over titles and text, the documents past their
 * review-by date, and each document's history: every save is a version, two
 * versions side by side, and restoring an old one as a new version.
 */
export function KnowledgeScreen() {
  const inform = useInform();
  const [query, setQuery] = useState('');
  const [kind, setKind] = useState<MaterialKind | ''>('');
  const [state, setState] = useState<DocumentState | ''>('');
  const [reviewOnly, setReviewOnly] = useState(false);
  const [selected, setSelected] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const docs = useLiveQuery(async () => {
    const list = reviewOnly ? await inform.documents.needsReview(today()) : query.trim() ? await inform.documents.search(query) : await inform.documents.list();
    return list.filter((d) => (!kind || d.kind === kind) && (!state || d.state === state));
  }, [inform, query, kind, state, reviewOnly]);

  return (
    <div className="screen knowledge-screen">
      <header className="screen-header">
        <h1>Knowledge</h1>
        <div className="toolbar view-toolbar" role="toolbar" aria-label="Document library">
          <label>
            Search documents <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder="Words of the title or text" />
          </label>
          <label>
            Type{' '}
            <select value={kind} onChange={(e) => setKind(e.target.value as MaterialKind | '')}>
              <option value="">All types</option>
              {MATERIAL_KINDS.map((k) => (
                <option key={k} value={k}>
                  {MATERIAL_KIND_LABELS[k]}
                </option>
              ))}
            </select>
          </label>
          <label>
            State{' '}
            <select value={state} onChange={(e) => setState(e.target.value as DocumentState | '')}>
              <option value="">All states</option>
              {DOCUMENT_STATES.map((s) => (
                <option key={s} value={s}>
                  {s[0]!.toUpperCase() + s.slice(1)}
                </option>
              ))}
            </select>
          </label>
          <label>
            <input type="checkbox" checked={reviewOnly} onChange={(e) => setReviewOnly(e.target.checked)} /> Needs review
          </label>
          <button type="button" className="primary" onClick={() => setCreating(true)}>
            New document
          </button>
        </div>
      </header>
      {creating ? <NewDocument onDone={(id) => (setCreating(false), id && setSelected(id))} /> : null}
      {docs === undefined ? null : docs.length === 0 ? (
        <EmptyState title={query || kind || state || reviewOnly ? 'No documents match' : 'No documents yet'}>
          <p>{reviewOnly ? 'Nothing is past its review-by date.' : 'Work instructions, how-tos, known errors, manual sections, newsletters, memos and handouts live here, offline.'}</p>
        </EmptyState>
      ) : (
        <div className="table-scroll">
          <table className="data-table" aria-label="Documents">
            <thead>
              <tr>
                <th scope="col">Title</th>
                <th scope="col">Type</th>
                <th scope="col">System</th>
                <th scope="col">State</th>
                <th scope="col">Version</th>
                <th scope="col">Review by</th>
              </tr>
            </thead>
            <tbody>
              {docs.map((d) => (
                <tr key={d.id} aria-selected={selected === d.id}>
                  <td>
                    <button type="button" className="link" onClick={() => setSelected(d.id)}>
                      {d.title}
                    </button>
                  </td>
                  <td>{MATERIAL_KIND_LABELS[d.kind]}</td>
                  <td>{d.system}</td>
                  <td>{d.state}</td>
                  <td>{d.version}</td>
                  <td>{d.reviewBy ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {selected ? <DocumentPanel id={selected} /> : null}
    </div>
  );
}

function NewDocument({ onDone }: { onDone: (id: string | null) => void }) {
  const inform = useInform();
  const [title, setTitle] = useState('');
  const [system, setSystem] = useState('');
  const [kind, setKind] = useState<MaterialKind>('workInstruction');
  const [error, setError] = useState<string | null>(null);
  async function create(e: FormEvent) {
    e.preventDefault();
    const r = await inform.documents.create({ title, system, kind, body: '' });
    if (!r.ok) return setError(r.error.message);
    onDone(r.value.material.id);
  }
  return (
    <form className="panel" onSubmit={create} aria-label="New document" noValidate>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      <Field label="Title" value={title} onChange={(e) => setTitle(e.target.value)} required autoFocus />
      <Field label="System" value={system} onChange={(e) => setSystem(e.target.value)} required />
      <label>
        Type{' '}
        <select value={kind} onChange={(e) => setKind(e.target.value as MaterialKind)}>
          {MATERIAL_KINDS.map((k) => (
            <option key={k} value={k}>
              {MATERIAL_KIND_LABELS[k]}
            </option>
          ))}
        </select>
      </label>
      <div className="form-actions">
        <button type="submit" className="primary">
          Create draft
        </button>
        <button type="button" onClick={() => onDone(null)}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function DocumentPanel({ id }: { id: string }) {
  const inform = useInform();
  const doc = useLiveQuery(() => inform.documents.get(id), [inform, id]);
  const versions = useLiveQuery(() => inform.documents.versions(id), [inform, id]);
  if (!doc || !versions) return null;
  return <DocumentEditor key={doc.id} doc={doc} versions={versions} />;
}

function DocumentEditor({ doc, versions }: { doc: DocRecord; versions: MaterialVersion[] }) {
  const inform = useInform();
  const [body, setBody] = useState(doc.body);
  // A new saved text (this save, a restore, another device) replaces the box only when nothing typed would be lost.
  const shown = useRef(doc.body);
  useEffect(() => {
    setBody((typed) => (typed === shown.current ? doc.body : typed));
    shown.current = doc.body;
  }, [doc.body]);
  const [note, setNote] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [picked, setPicked] = useState<string[]>([]);
  const [comparison, setComparison] = useState<{ c: Comparison; left: number; right: number } | null>(null);
  const solved = useLiveQuery(() => inform.documents.ticketsSolvedBy(doc.id), [inform, doc.id]);

  async function save(e: FormEvent) {
    e.preventDefault();
    const r = await inform.documents.save(doc.id, { body }, note);
    setMessage(r.ok ? `Saved as version ${r.value.version.version}` : r.error.message);
    if (r.ok) setNote('');
  }
  async function compare() {
    const [a, b] = picked.map((p) => versions.find((v) => v.id === p)!).sort((x, y) => x.version - y.version);
    if (!a || !b) return;
    const r = await inform.documents.compare(a.id, b.id);
    if (r.ok) setComparison({ c: r.value, left: a.version, right: b.version });
  }
  async function restore(v: MaterialVersion) {
    const r = await inform.documents.restore(doc.id, v.id);
    setMessage(r.ok ? `Version ${v.version} restored as version ${r.value.version.version}` : r.error.message);
  }
  async function setState(state: DocumentState) {
    const r = await inform.documents.setState(doc.id, state);
    setMessage(r.ok ? `Now ${state}` : r.error.message);
  }
  const toggle = (vid: string) => setPicked((p) => (p.includes(vid) ? p.filter((x) => x !== vid) : [...p.slice(-1), vid]));

  return (
    <section className="panel document-panel" aria-label={`Document: ${doc.title}`}>
      <h2>{doc.title}</h2>
      <p>
        {MATERIAL_KIND_LABELS[doc.kind]} · {doc.system} · {doc.state} · version {doc.version}
      </p>
      {message ? <p role="status">{message}</p> : null}
      <form onSubmit={save} aria-label="Edit document">
        <label htmlFor="doc-body">Text (Markdown)</label>
        <textarea id="doc-body" value={body} onChange={(e) => setBody(e.target.value)} rows={12} />
        <Field label="Change note" value={note} onChange={(e) => setNote(e.target.value)} />
        <div className="form-actions">
          <button type="submit" className="primary" disabled={body === doc.body}>
            Save as new version
          </button>
          {doc.state !== 'published' ? (
            <button type="button" onClick={() => void setState('published')}>
              Publish
            </button>
          ) : null}
          {doc.state !== 'retired' ? (
            <button type="button" onClick={() => void setState('retired')}>
              Retire
            </button>
          ) : null}
        </div>
      </form>
      <h3>History</h3>
      <div className="table-scroll">
        <table className="data-table" aria-label="Versions">
          <thead>
            <tr>
              <th scope="col">Compare</th>
              <th scope="col">Version</th>
              <th scope="col">Saved</th>
              <th scope="col">Note</th>
              <th scope="col">Restore</th>
            </tr>
          </thead>
          <tbody>
            {versions.map((v) => (
              <tr key={v.id}>
                <td>
                  <input type="checkbox" aria-label={`Compare version ${v.version}`} checked={picked.includes(v.id)} onChange={() => toggle(v.id)} />
                </td>
                <td>{v.version}</td>
                <td>{new Date(v.publishedAt).toLocaleString()}</td>
                <td>{v.changeNote}</td>
                <td>
                  <button type="button" onClick={() => void restore(v)} disabled={v.version === doc.version}>
                    Restore version {v.version}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <button type="button" onClick={() => void compare()} disabled={picked.length !== 2}>
        Compare selected versions
      </button>
      {comparison ? (
        <div className="table-scroll">
          <table className="data-table diff-table" aria-label={`Version ${comparison.left} and version ${comparison.right} side by side`}>
            <thead>
              <tr>
                <th scope="col">Version {comparison.left}</th>
                <th scope="col">Version {comparison.right}</th>
              </tr>
            </thead>
            <tbody>
              {comparison.c.fields.map((f) => (
                <tr key={f.field} data-kind="changed">
                  <td>
                    {f.field}: {f.left}
                  </td>
                  <td>
                    {f.field}: {f.right}
                  </td>
                </tr>
              ))}
              {comparison.c.rows.map((r, i) => (
                <tr key={i} data-kind={r.kind}>
                  <td>{r.left === null ? '' : r.kind === 'same' ? r.left : <del>{r.left}</del>}</td>
                  <td>{r.right === null ? '' : r.kind === 'same' ? r.right : <ins>{r.right}</ins>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <h3>Tickets solved with it</h3>
      {solved && solved.length > 0 ? (
        <ul>
          {solved.map((t) => (
            <li key={t.id}>
              {t.number} — {t.title}
            </li>
          ))}
        </ul>
      ) : (
        <p>No ticket has been resolved with this document yet.</p>
      )}
    </section>
  );
}
