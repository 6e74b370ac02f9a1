import { useLiveQuery } from 'dexie-react-hooks';
import { useState, type FormEvent } from 'react';
import { MATERIAL_KIND_LABELS, MATERIAL_KINDS, type MaterialKind } from '../../../../shared/training/material';
import { EmptyState } from '../../ui/EmptyState';
import { ErrorSummary, useErrorSummary } from '../../ui/ErrorSummary';
import { Field } from '../../ui/Field';
import { drafts } from '../../ui/drafts';
import { dropFormDrafts, fieldDraftKey, useDraftState } from '../../ui/useDraft';
import { goTo, trainingHref } from './training-route';
import { useMayWrite } from '../../sync/useRole';
import { useTrainingRepos } from './useTraining';

export const KIND_LABEL: Record<MaterialKind, string> = MATERIAL_KIND_LABELS;

const NEW_HANDOUT = 'training.handout-new';

/** The library of handouts and work instructions, grouped by system. */
export function HandoutsView() {
  const repos = useTrainingRepos();
  const materials = useLiveQuery(() => repos.materials.list(), [repos]);
  // A new handout's title left half typed is a draft: the form opens again with it.
  const [creating, setCreating] = useState(() => drafts.get(fieldDraftKey(NEW_HANDOUT, 'new', 'fields')) !== undefined);
  const [draft, setDraft] = useDraftState(NEW_HANDOUT, 'new', 'fields', { title: '', system: '', kind: 'handout' as MaterialKind });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const mayEdit = useMayWrite('materials');
  const summary = useErrorSummary();
  if (!materials) return <p role="status">Loading handouts…</p>;

  const systems = [...new Set(materials.map((m) => m.system))].sort((a, b) => a.localeCompare(b));
  const create = async (e: FormEvent) => {
    e.preventDefault();
    const res = await repos.materials.create({ ...draft, body: `# ${draft.title.trim()}\n\n1. First step\n2. Next step\n` });
    if (!res.ok) {
      setErrors(res.error.fields ?? { _: res.error.message });
      return summary.failed();
    }
    dropFormDrafts(NEW_HANDOUT, 'new');
    goTo({ view: 'handout', id: res.value.id });
  };

  return (
    <section aria-label="Handout library">
      {mayEdit ? (
        <div className="toolbar view-toolbar">
          <button type="button" className="primary" onClick={() => setCreating(true)} disabled={creating}>
            New handout
          </button>
        </div>
      ) : (
        <p className="muted" data-testid="role-note">
          Handouts are written by training coordinators and admins; your role can read and print them.
        </p>
      )}
      {creating && mayEdit ? (
        <form className="panel" onSubmit={create} noValidate aria-label="New handout">
          <h2>New handout</h2>
          <ErrorSummary errors={errors} attempt={summary.attempt} />
          <div className="form-grid">
            <Field label="Handout title" value={draft.title} onChange={(e) => setDraft((d) => ({ ...d, title: e.target.value }))} error={errors.title} autoFocus />
            <Field label="System" value={draft.system} onChange={(e) => setDraft((d) => ({ ...d, system: e.target.value }))} error={errors.system} />
            <div className="field">
              <label htmlFor="new-handout-kind">Kind</label>
              <select id="new-handout-kind" value={draft.kind} onChange={(e) => setDraft((d) => ({ ...d, kind: e.target.value as MaterialKind }))}>
                {MATERIAL_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {KIND_LABEL[k]}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <div className="form-actions">
            <button type="submit" className="primary">
              Create and edit
            </button>
            <button type="button" onClick={() => (dropFormDrafts(NEW_HANDOUT, 'new'), setDraft({ title: '', system: '', kind: 'handout' }), setCreating(false))}>
              Cancel
            </button>
          </div>
        </form>
      ) : null}
      {materials.length === 0 && !creating ? (
        <EmptyState
          title="No handouts yet"
          action={
            mayEdit ? (
              <button type="button" className="primary" onClick={() => setCreating(true)}>
                Write the first handout
              </button>
            ) : undefined
          }
        >
          <p>Write step-by-step work instructions with screenshots, print them for class, and reuse them for every session on that system.</p>
        </EmptyState>
      ) : null}
      {systems.map((system) => (
        <section key={system} className="library-group" aria-label={`${system} handouts`}>
          <h2>{system}</h2>
          <div className="table-scroll">
            <table className="data-table" aria-label={`Handouts for ${system}`}>
              <thead>
                <tr>
                  <th scope="col">Title</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Version</th>
                  <th scope="col">Images</th>
                  <th scope="col">Updated</th>
                </tr>
              </thead>
              <tbody>
                {materials
                  .filter((m) => m.system === system)
                  .map((m) => (
                    <tr key={m.id}>
                      <th scope="row">
                        <a href={trainingHref({ view: 'handout', id: m.id })}>{m.title}</a>
                      </th>
                      <td>{KIND_LABEL[m.kind]}</td>
                      <td>{m.version > 0 ? `Version ${m.version}` : 'Draft'}</td>
                      <td>{m.images.length}</td>
                      <td>{new Date(m.updatedAt).toLocaleDateString()}</td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </section>
  );
}
