import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { joinList, localDate, reviewText, splitList } from '../../../../shared/inform/document-edit';
import type { Comparison } from '../../../../shared/inform/documents';
import { AUDIENCE_LABELS, STATE_LABELS } from '../../../../shared/inform/print/document';
import { AUDIENCES, DOCUMENT_STATES, MATERIAL_KIND_LABELS, MATERIAL_KINDS, type Audience, type DocumentState, type MaterialKind, type MaterialVersion } from '../../../../shared/training/material';
import type { PaperSize } from '../../../../shared/print/pageSetup';
import { useData } from '../../app/data-context';
import { useUi } from '../../app/ui-store';
import { informRepositories, type DocRecord } from '../../data/repositories/inform';
import { ticketRepositories } from '../../data/repositories/tickets';
import { platform } from '../../platform/bridge';
import { EmptyState } from '../../ui/EmptyState';
import { ErrorSummary, useErrorSummary } from '../../ui/ErrorSummary';
import { Field } from '../../ui/Field';
import { dropFormDrafts, useDraftState } from '../../ui/useDraft';
import { PaperSelect } from '../../ui/print/PaperSelect';
import { useDesk, type Desk } from '../tickets/useDesk';
import { documentPrintData } from './document-print-data';
import { useKnowledgeUi } from './knowledge-ui';
import './inform.css';

/** The repositories of this feature over the app's database. */
export function useInform() {
  const { db } = useData();
  return useMemo(() => informRepositories(db, { tickets: ticketRepositories(db) }), [db]);
}

/** Today's date where the person is (a review-by date is a local date). */
const today = () => localDate(Date.now());
/** The first screen of the library; "Show more" reads further. */
const PAGE = 100;

/**
 * Knowledge: the one document library (training's materials) with types and
 * states, offline search over titles and text, the documents past their
 * review-by date ("Needs review", with its count), and each document's
 * details, history and printout: every save is a version, two versions side
 * by side, restoring an old one as a new version, and Save as PDF.
 */
export function KnowledgeScreen() {
  const inform = useInform();
  const desk = useDesk();
  const [query, setQuery] = useState('');
  const [kind, setKind] = useState<MaterialKind | ''>('');
  const [state, setState] = useState<DocumentState | ''>('');
  const { reviewOnly, setReviewOnly, createAsked } = useKnowledgeUi();
  const [selected, setSelected] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [shown, setShown] = useState(PAGE);
  // "New document" from the palette opens the form here.
  const asked = useRef(createAsked);
  useEffect(() => {
    if (createAsked === asked.current) return;
    asked.current = createAsked;
    setCreating(true);
  }, [createAsked]);
  const reviewCount = useLiveQuery(async () => (await inform.documents.needsReview(today())).length, [inform]);
  const docs = useLiveQuery(async () => {
    const filter = { ...(kind ? { kind } : {}), ...(state ? { state } : {}) };
    if (reviewOnly) return (await inform.documents.needsReview(today())).filter((d) => (!kind || d.kind === kind) && (!state || d.state === state));
    if (query.trim()) return (await inform.documents.search(query, shown)).filter((d) => (!kind || d.kind === kind) && (!state || d.state === state));
    return inform.documents.list(filter, shown + 1);
  }, [inform, query, kind, state, reviewOnly, shown]);
  const more = !reviewOnly && docs !== undefined && docs.length > shown;
  const rows = docs?.slice(0, shown);
  const ownerName = (id: string | null) => (id ? (desk.names.get(id) ?? '') : '');
  const day = today();

  return (
    <div className="screen knowledge-screen">
      <header className="screen-header">
        <h1>Knowledge</h1>
        <div className="toolbar view-toolbar" role="toolbar" aria-label="Document library">
          <label>
            Search documents <input type="search" value={query} onChange={(e) => (setQuery(e.target.value), setShown(PAGE))} placeholder="Words of the title or text" />
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
                  {STATE_LABELS[s]}
                </option>
              ))}
            </select>
          </label>
          <button type="button" aria-pressed={reviewOnly} onClick={() => setReviewOnly(!reviewOnly)}>
            Needs review{reviewCount === undefined ? '' : ` (${reviewCount})`}
          </button>
          <button type="button" className="primary" onClick={() => setCreating(true)}>
            New document
          </button>
        </div>
      </header>
      {creating ? <NewDocument onDone={(id) => (setCreating(false), id && setSelected(id))} /> : null}
      {reviewOnly ? <p className="muted">Documents past their review-by date, oldest first. Open one to review it: set a new review-by date, or retire it.</p> : null}
      {rows === undefined ? null : rows.length === 0 ? (
        <EmptyState title={reviewOnly ? 'Nothing needs review' : query || kind || state ? 'No documents match' : 'No documents yet'}>
          <p>
            {reviewOnly
              ? 'Every document is within its review-by date. A document whose date passes is listed here until someone reviews it.'
              : 'Work instructions, how-tos, known errors, manual sections, newsletters, memos and handouts live here, offline.'}
          </p>
        </EmptyState>
      ) : (
        <div className="table-scroll">
          <table className="data-table" aria-label={reviewOnly ? 'Documents needing review' : 'Documents'}>
            <thead>
              <tr>
                <th scope="col">Title</th>
                <th scope="col">Type</th>
                <th scope="col">System</th>
                <th scope="col">State</th>
                <th scope="col">Owner</th>
                <th scope="col">Version</th>
                <th scope="col">Review by</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((d) => (
                <tr key={d.id} aria-selected={selected === d.id}>
                  <td>
                    <button type="button" className="link" onClick={() => setSelected(d.id)}>
                      {d.title}
                    </button>
                  </td>
                  <td>{MATERIAL_KIND_LABELS[d.kind]}</td>
                  <td>{d.system}</td>
                  <td>{STATE_LABELS[d.state]}</td>
                  <td>{ownerName(d.ownerId) || <span className="muted">Nobody</span>}</td>
                  <td>{d.version}</td>
                  <td>{d.reviewBy === null ? '' : reviewOnly || d.reviewBy < day ? reviewText(d.reviewBy, day) : d.reviewBy}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {more ? (
        <button type="button" onClick={() => setShown((n) => n + PAGE * 5)}>
          Show more documents
        </button>
      ) : null}
      {selected ? <DocumentPanel id={selected} desk={desk} /> : null}
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

function DocumentPanel({ id, desk }: { id: string; desk: Desk }) {
  const inform = useInform();
  const doc = useLiveQuery(() => inform.documents.get(id), [inform, id]);
  const versions = useLiveQuery(() => inform.documents.versions(id), [inform, id]);
  if (!doc || !versions) return null;
  return <DocumentEditor key={doc.id} doc={doc} versions={versions} desk={desk} />;
}

/** The editor's fields as typed: lists as comma-separated text, no review-by as ''. */
interface DocForm {
  title: string;
  kind: MaterialKind;
  system: string;
  body: string;
  ownerId: string;
  audience: Audience;
  systems: string;
  tags: string;
  reviewBy: string;
}

const formOf = (d: DocRecord): DocForm => ({
  title: d.title,
  kind: d.kind,
  system: d.system,
  body: d.body,
  ownerId: d.ownerId ?? '',
  audience: d.audience,
  systems: joinList(d.systems),
  tags: joinList(d.tags),
  reviewBy: d.reviewBy ?? '',
});

const sameForm = (a: DocForm, b: DocForm) => (Object.keys(a) as (keyof DocForm)[]).every((k) => a[k] === b[k]);

function DocumentEditor({ doc, versions, desk }: { doc: DocRecord; versions: MaterialVersion[]; desk: Desk }) {
  const inform = useInform();
  const announce = useUi((s) => s.announce);
  // What is typed and not saved is a draft (back after a reload); a new saved version shows when nothing is typed.
  const [edited, setEdited] = useDraftState<DocForm | null>('knowledge.document', doc.id, 'form', null);
  const saved = formOf(doc);
  const values = edited ?? saved;
  const dirty = edited !== null && !sameForm(edited, saved);
  const set = (patch: Partial<DocForm>) => setEdited({ ...values, ...patch });
  const [note, setNote] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const { attempt, failed } = useErrorSummary();
  const [picked, setPicked] = useState<string[]>([]);
  const [comparison, setComparison] = useState<{ c: Comparison; left: number; right: number } | null>(null);
  const solved = useLiveQuery(() => inform.documents.ticketsSolvedBy(doc.id), [inform, doc.id]);
  const staff = desk.catalog.staff;
  const ownerKnown = !doc.ownerId || staff.some((p) => p.id === doc.ownerId);
  const ownerName = (id: string) => desk.names.get(id) ?? 'Someone not in the directory';

  async function save(e: FormEvent) {
    e.preventDefault();
    const r = await inform.documents.save(
      doc.id,
      {
        title: values.title,
        kind: values.kind,
        system: values.system,
        body: values.body,
        ownerId: values.ownerId || null,
        audience: values.audience,
        systems: splitList(values.systems),
        tags: splitList(values.tags),
        reviewBy: values.reviewBy || null,
      },
      note,
    );
    if (!r.ok) {
      // Messages keyed by field: "systems.2" is the systems box.
      const fields: Record<string, string> = {};
      for (const [k, v] of Object.entries(r.error.fields ?? {})) fields[k.split('.')[0]!] ??= v;
      setErrors(fields);
      setMessage(Object.keys(fields).length ? 'Check the fields marked below; nothing was saved.' : r.error.message);
      failed();
      return;
    }
    setErrors({});
    setEdited(null);
    dropFormDrafts('knowledge.document', doc.id);
    setNote('');
    setMessage(`Saved as version ${r.value.version.version}`);
    announce(`Saved as version ${r.value.version.version}`);
  }
  function discard() {
    setEdited(null);
    setErrors({});
    dropFormDrafts('knowledge.document', doc.id);
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
  const day = today();

  return (
    <section className="panel document-panel" aria-label={`Document: ${doc.title}`}>
      <h2>{doc.title}</h2>
      <p>
        {MATERIAL_KIND_LABELS[doc.kind]} · {doc.system} · {STATE_LABELS[doc.state]} · version {doc.version} · {AUDIENCE_LABELS[doc.audience]} · owner {doc.ownerId ? ownerName(doc.ownerId) : 'nobody'}
        {doc.reviewBy ? ` · ${reviewText(doc.reviewBy, day)}` : ''}
      </p>
      {message ? <p role="status">{message}</p> : null}
      {edited !== null && dirty ? <p className="notice">You have unsaved changes to this document (kept as a draft until you save or discard them).</p> : null}
      <form onSubmit={(e) => void save(e)} aria-label="Edit document" noValidate>
        <ErrorSummary errors={errors} attempt={attempt} />
        <div className="form-grid document-details">
          <Field label="Title" value={values.title} onChange={(e) => set({ title: e.target.value })} error={errors.title} />
          <div className="field">
            <label htmlFor={`doc-kind-${doc.id}`}>Type</label>
            <select id={`doc-kind-${doc.id}`} value={values.kind} onChange={(e) => set({ kind: e.target.value as MaterialKind })}>
              {MATERIAL_KINDS.map((k) => (
                <option key={k} value={k}>
                  {MATERIAL_KIND_LABELS[k]}
                </option>
              ))}
            </select>
          </div>
          <Field label="System" value={values.system} onChange={(e) => set({ system: e.target.value })} error={errors.system} list={`doc-systems-${doc.id}`} />
          <Field
            label="Other systems"
            hint="Separate with commas"
            value={values.systems}
            onChange={(e) => set({ systems: e.target.value })}
            error={errors.systems}
          />
          <datalist id={`doc-systems-${doc.id}`}>
            {desk.catalog.systems.map((s) => (
              <option key={s.id} value={s.name} />
            ))}
          </datalist>
          <Field label="Tags" hint="Separate with commas" value={values.tags} onChange={(e) => set({ tags: e.target.value })} error={errors.tags} />
          <div className={`field${errors.ownerId ? ' field-invalid' : ''}`}>
            <label htmlFor={`doc-owner-${doc.id}`}>Owner</label>
            <select id={`doc-owner-${doc.id}`} value={values.ownerId} onChange={(e) => set({ ownerId: e.target.value })}>
              <option value="">Nobody</option>
              {ownerKnown ? null : <option value={doc.ownerId!}>{ownerName(doc.ownerId!)}</option>}
              {staff.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`doc-audience-${doc.id}`}>Audience</label>
            <select id={`doc-audience-${doc.id}`} value={values.audience} onChange={(e) => set({ audience: e.target.value as Audience })}>
              {AUDIENCES.map((a) => (
                <option key={a} value={a}>
                  {AUDIENCE_LABELS[a]}
                </option>
              ))}
            </select>
          </div>
          <Field label="Review by" type="date" value={values.reviewBy} onChange={(e) => set({ reviewBy: e.target.value })} error={errors.reviewBy} />
        </div>
        <label htmlFor={`doc-body-${doc.id}`}>Text (Markdown)</label>
        <textarea id={`doc-body-${doc.id}`} value={values.body} onChange={(e) => set({ body: e.target.value })} rows={12} aria-invalid={errors.body ? true : undefined} />
        {errors.body ? <p className="field-error">{errors.body}</p> : null}
        <Field label="Change note" value={note} onChange={(e) => setNote(e.target.value)} />
        <div className="form-actions">
          <button type="submit" className="primary" disabled={!dirty}>
            Save as new version
          </button>
          {dirty ? (
            <button type="button" onClick={discard}>
              Discard changes
            </button>
          ) : null}
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
      <DocumentPrint doc={doc} owner={doc.ownerId ? ownerName(doc.ownerId) : ''} unsaved={dirty} />
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

/** Save the document (as saved, not the unsaved edits) as a PDF on Letter or A4, through main's print pipeline. */
function DocumentPrint({ doc, owner, unsaved }: { doc: DocRecord; owner: string; unsaved: boolean }) {
  const announce = useUi((s) => s.announce);
  const [paper, setPaper] = useState<PaperSize>('Letter');
  const [feedback, setFeedback] = useState<{ error: boolean; text: string } | null>(null);
  async function print() {
    setFeedback({ error: false, text: 'Preparing the document…' });
    const res = await platform.documents.printPdf({ document: documentPrintData(doc, owner, new Date()), paper });
    if (!res.ok) return setFeedback({ error: true, text: `The document was not saved as a PDF: ${res.error.message}` });
    if (res.value.cancelled) return setFeedback(null);
    const name = res.value.path.split(/[\\/]/).pop() ?? res.value.path;
    const text = `Saved ${doc.title} as ${name}${res.value.pages ? ` (${res.value.pages} page${res.value.pages === 1 ? '' : 's'})` : ''}.${res.value.warnings.length ? ` Left out: ${res.value.warnings.join('; ')}` : ''}`;
    setFeedback({ error: false, text });
    announce(text);
  }
  return (
    <div className="document-print" role="group" aria-label="Print">
      <PaperSelect value={paper} onChange={setPaper} />
      <button type="button" onClick={() => void print()}>
        Save as PDF
      </button>
      {unsaved ? <span className="muted"> Prints the saved version, not the changes above.</span> : null}
      {feedback ? (
        <span role={feedback.error ? 'alert' : 'status'} data-testid="document-print-feedback">
          {feedback.text}
        </span>
      ) : null}
    </div>
  );
}
