import { useLiveQuery } from 'dexie-react-hooks';
import { useId, useState, type FormEvent } from 'react';
import { DraftNotice } from '../../ui/DraftNotice';
import { draftKey, drafts } from '../../ui/drafts';
import { useDraft } from '../../ui/useDraft';
import type { Result } from '../../../../shared/result';
import type { Course, CourseInput } from '../../../../shared/training/course';
import type { Material } from '../../../../shared/training/material';
import { useUi } from '../../app/ui-store';
import { EmptyState } from '../../ui/EmptyState';
import { ErrorSummary, useErrorSummary } from '../../ui/ErrorSummary';
import { Field } from '../../ui/Field';
import { trainingHref } from './training-route';
import { useMayWrite } from '../../sync/useRole';
import { useTrainingRepos } from './useTraining';

function CourseForm({ initial, materials, onSubmit, onCancel }: { initial?: Course; materials: Material[]; onSubmit: (c: CourseInput) => Promise<Result<unknown>>; onCancel: () => void }) {
  const id = useId();
  // A draft of this course (or the new one) until it is saved; Cancel drops it.
  const draft = useDraft(draftKey('training.course', initial?.id), {
    title: initial?.title ?? '',
    system: initial?.system ?? '',
    audience: initial?.audience ?? '',
    version: initial?.version ?? '1',
    description: initial?.description ?? '',
    materialIds: initial?.materialIds ?? ([] as string[]),
  });
  const v = draft.values;
  const setV = draft.set;
  const [errors, setErrors] = useState<Record<string, string>>({});
  const summary = useErrorSummary();
  const set = (k: 'title' | 'system' | 'audience' | 'version' | 'description') => (e: { target: { value: string } }) => setV((x) => ({ ...x, [k]: e.target.value }));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    // Saved: the draft goes, unless more was typed while it saved.
    const res = await draft.save(onSubmit);
    if (!res.ok) {
      setErrors(res.error.fields ?? { _: res.error.message });
      summary.failed();
    }
  };
  const label = initial ? `Edit ${initial.title}` : 'Add a course';
  return (
    <form className="panel" onSubmit={submit} noValidate aria-label={label}>
      <h2>{label}</h2>
      <DraftNotice restoredAt={draft.restoredAt} onDiscard={draft.discard} what="course details" />
      <ErrorSummary errors={errors} attempt={summary.attempt} />
      <div className="form-grid">
        <Field label="Course title" value={v.title} onChange={set('title')} error={errors.title} autoFocus />
        <Field label="System" value={v.system} onChange={set('system')} error={errors.system} hint="The business system taught, such as Odyssey or Aeries" />
        <Field label="Audience" value={v.audience} onChange={set('audience')} error={errors.audience} />
        <Field label="Course version" value={v.version} onChange={set('version')} error={errors.version} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-desc`}>Description</label>
        <textarea id={`${id}-desc`} rows={3} value={v.description} onChange={set('description')} />
      </div>
      <fieldset className="trainers">
        <legend>Handouts for this course</legend>
        {materials.length === 0 ? <p className="field-hint">No handouts yet: write them under Handouts.</p> : null}
        {materials.map((m) => (
          <label key={m.id} className="check">
            <input
              type="checkbox"
              checked={v.materialIds.includes(m.id)}
              onChange={(e) => setV((x) => ({ ...x, materialIds: e.target.checked ? [...x.materialIds, m.id] : x.materialIds.filter((i) => i !== m.id) }))}
            />
            {m.title} <span className="muted">({m.system})</span>
          </label>
        ))}
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="primary">
          Save course
        </button>
        <button type="button" onClick={() => (draft.discard(), onCancel())}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** The course library: what is taught, on which system, to whom, with which handouts. */
export function CoursesView() {
  const repos = useTrainingRepos();
  const announce = useUi((s) => s.announce);
  const data = useLiveQuery(async () => ({ courses: await repos.courses.list(), materials: await repos.materials.list(), sessions: await repos.sessions.list() }), [repos]);
  // A new course left half typed comes back open.
  const [editing, setEditing] = useState<Course | 'new' | null>(() => (drafts.get(draftKey('training.course', undefined)) ? 'new' : null));
  const [message, setMessage] = useState<string | null>(null);
  // A courtesy: the server refuses course changes from a role that may not make them.
  const mayEdit = useMayWrite('courses');
  if (!data) return <p role="status">Loading courses…</p>;
  const materialTitle = new Map(data.materials.map((m) => [m.id, m.title]));

  return (
    <section aria-label="Course library">
      {mayEdit ? (
        <div className="toolbar view-toolbar">
          <button type="button" className="primary" onClick={() => setEditing('new')} disabled={editing !== null}>
            Add course
          </button>
        </div>
      ) : (
        <p className="muted" data-testid="role-note">
          Courses are kept by training coordinators and admins; your role can read them and schedule sessions.
        </p>
      )}
      {message ? (
        <p className="form-error" role="alert">
          {message}
        </p>
      ) : null}
      {editing ? (
        <CourseForm
          key={editing === 'new' ? 'new' : editing.id}
          initial={editing === 'new' ? undefined : editing}
          materials={data.materials}
          onCancel={() => setEditing(null)}
          onSubmit={async (input) => {
            const res = editing === 'new' ? await repos.courses.create(input) : await repos.courses.update(editing.id, input);
            if (res.ok) {
              setEditing(null);
              announce(`Saved the course ${res.value.title}`);
            }
            return res;
          }}
        />
      ) : null}
      {data.courses.length === 0 && !editing ? (
        <EmptyState
          title="No courses yet"
          action={
            mayEdit ? (
              <button type="button" className="primary" onClick={() => setEditing('new')}>
                Add the first course
              </button>
            ) : undefined
          }
        >
          <p>A course is what you teach — say, “Odyssey case initiation” for court clerks. Sessions are its scheduled runs.</p>
        </EmptyState>
      ) : null}
      {data.courses.length > 0 ? (
        <div className="table-scroll">
          <table className="data-table" aria-label="Courses">
            <thead>
              <tr>
                <th scope="col">Course</th>
                <th scope="col">System</th>
                <th scope="col">Audience</th>
                <th scope="col">Version</th>
                <th scope="col">Handouts</th>
                <th scope="col">Sessions</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {data.courses.map((c) => (
                <tr key={c.id}>
                  <th scope="row">{c.title}</th>
                  <td>{c.system}</td>
                  <td>{c.audience}</td>
                  <td>{c.version}</td>
                  <td>
                    {c.materialIds
                      .map((mid) => materialTitle.get(mid))
                      .filter(Boolean)
                      .map((t, i) => (
                        <a key={i} className="chip" href={trainingHref({ view: 'handout', id: c.materialIds[i]! })}>
                          {t}
                        </a>
                      ))}
                  </td>
                  <td>{data.sessions.filter((s) => s.courseId === c.id).length}</td>
                  <td className="row-actions">
                    <button type="button" onClick={() => setEditing(c)} aria-label={`Edit ${c.title}`}>
                      Edit
                    </button>
                    <button
                      type="button"
                      className="danger"
                      aria-label={`Remove ${c.title}`}
                      onClick={async () => {
                        if (!confirm(`Remove the course ${c.title}?`)) return;
                        const res = await repos.courses.remove(c.id);
                        setMessage(res.ok ? null : res.error.message);
                        if (res.ok) announce(`Removed ${c.title}`);
                      }}
                    >
                      Remove
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
