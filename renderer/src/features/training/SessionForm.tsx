import { useId, useMemo, useState, type FormEvent } from 'react';
import { DraftNotice } from '../../ui/DraftNotice';
import { draftKey, drafts } from '../../ui/drafts';
import { useDraft } from '../../ui/useDraft';
import type { Person } from '../../../../shared/people/schema';
import type { Result } from '../../../../shared/result';
import type { Course } from '../../../../shared/training/course';
import { overlapsFor } from '../../../../shared/training/overlap';
import { SessionInputSchema, type Session, type SessionInput } from '../../../../shared/training/session';
import { ErrorSummary, useErrorSummary } from '../../ui/ErrorSummary';
import { Field } from '../../ui/Field';
import { allZones, COMMON_ZONES, localZone } from './time-zones';

interface Values {
  courseId: string;
  startLocal: string;
  timeZone: string;
  durationMinutes: string;
  capacity: string;
  location: string;
  onlineUrl: string;
  trainerIds: string[];
  notes: string;
}

const toValues = (s: Session | undefined, courses: Course[]): Values => ({
  courseId: s?.courseId ?? courses[0]?.id ?? '',
  startLocal: s?.startLocal ?? '',
  timeZone: s?.timeZone ?? localZone(),
  durationMinutes: String(s?.durationMinutes ?? 180),
  capacity: String(s?.capacity ?? 20),
  location: s?.location ?? '',
  onlineUrl: s?.onlineUrl ?? '',
  trainerIds: s?.trainerIds ?? [],
  notes: s?.notes ?? '',
});

/** The draft of a session's form: `id` for an edit, none for a new session. */
export const sessionDraftKey = (id: string | undefined) => draftKey('training.session', id);
/** Is a form of this session left unsaved? Its screen opens the form again, so the draft is in view. */
export const hasSessionDraft = (id: string | undefined) => drafts.get(sessionDraftKey(id)) !== undefined;

/** An empty number field stays NaN, so the schema's own message ("Enter a number of seats") shows. */
const num = (v: string) => (v.trim() === '' ? Number.NaN : Number(v));

const toInput = (v: Values): SessionInput => ({ ...v, durationMinutes: num(v.durationMinutes), capacity: num(v.capacity) });

/**
 * Schedule or edit a session. Messages come from the shared schema, beside
 * each field; a trainer booked twice is a warning shown while typing, not a block.
 */
export function SessionForm({
  initial,
  courses,
  people,
  sessions,
  onSubmit,
  onCancel,
}: {
  initial?: Session;
  courses: Course[];
  people: Person[];
  sessions: Session[];
  onSubmit: (input: SessionInput) => Promise<Result<unknown>>;
  onCancel: () => void;
}) {
  // Until it is saved, what is typed is a draft of this session (or of the new one): leaving keeps it, Cancel drops it.
  const draft = useDraft(sessionDraftKey(initial?.id), toValues(initial, courses));
  const values = draft.values;
  const setValues = draft.set;
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const summary = useErrorSummary();
  const ids = useId();
  const zones = useMemo(() => allZones(), []);
  const staff = people.filter((p) => p.kind === 'staff' || values.trainerIds.includes(p.id));
  const set = (k: keyof Values) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [k]: e.target.value }));

  const warnings = useMemo(() => {
    const parsed = SessionInputSchema.safeParse(toInput(values));
    if (!parsed.success || parsed.data.trainerIds.length === 0) return [];
    const names = new Map(people.map((p) => [p.id, p.name]));
    return overlapsFor({ ...parsed.data, id: initial?.id ?? 'draft' }, sessions, (id) => names.get(id) ?? 'A trainer').map((w) => w.message);
  }, [values, sessions, people, initial]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaving(true);
    // Saved: the draft goes, unless more was typed while it saved.
    const res = await draft.save((v) => onSubmit(toInput(v)));
    setSaving(false);
    if (!res.ok) {
      setErrors(res.error.fields ?? { _: res.error.message });
      summary.failed();
    }
  };

  const title = initial ? 'Edit session' : 'Schedule a session';
  return (
    <form className="panel" onSubmit={submit} noValidate aria-label={title}>
      <h2>{title}</h2>
      <DraftNotice restoredAt={draft.restoredAt} onDiscard={draft.discard} what="session details" />
      <ErrorSummary errors={errors} attempt={summary.attempt} />
      <div className="form-grid">
        <div className={`field${errors.courseId ? ' field-invalid' : ''}`}>
          <label htmlFor={`${ids}-course`}>Course</label>
          <select id={`${ids}-course`} value={values.courseId} onChange={set('courseId')} aria-invalid={errors.courseId ? true : undefined} aria-describedby={errors.courseId ? `${ids}-course-error` : undefined}>
            {courses.length === 0 ? <option value="">No courses yet</option> : null}
            {courses.map((c) => (
              <option key={c.id} value={c.id}>
                {c.title} ({c.system})
              </option>
            ))}
          </select>
          {errors.courseId ? (
            <p className="field-error" id={`${ids}-course-error`} role="alert">
              {errors.courseId}
            </p>
          ) : null}
        </div>
        <Field label="Starts" type="datetime-local" value={values.startLocal} onChange={set('startLocal')} error={errors.startLocal} hint="Local time where the class meets" />
        <div className={`field${errors.timeZone ? ' field-invalid' : ''}`}>
          <label htmlFor={`${ids}-zone`}>Time zone</label>
          <select id={`${ids}-zone`} value={values.timeZone} onChange={set('timeZone')} aria-invalid={errors.timeZone ? true : undefined} aria-describedby={errors.timeZone ? `${ids}-zone-error` : undefined}>
            <optgroup label="Common">
              {COMMON_ZONES.map((z) => (
                <option key={z} value={z}>
                  {z}
                </option>
              ))}
            </optgroup>
            <optgroup label="All time zones">
              {zones.map((z) => (
                <option key={z} value={z}>
                  {z}
                </option>
              ))}
            </optgroup>
          </select>
          {errors.timeZone ? (
            <p className="field-error" id={`${ids}-zone-error`} role="alert">
              {errors.timeZone}
            </p>
          ) : null}
        </div>
        <Field label="Length (minutes)" type="number" min={5} max={1440} step={5} value={values.durationMinutes} onChange={set('durationMinutes')} error={errors.durationMinutes} />
        <Field label="Seats" type="number" min={1} max={1000} value={values.capacity} onChange={set('capacity')} error={errors.capacity} />
        <Field label="Location" value={values.location} onChange={set('location')} error={errors.location} hint="Building and room, or leave empty for online" />
        <Field label="Online meeting link" type="url" value={values.onlineUrl} onChange={set('onlineUrl')} error={errors.onlineUrl} placeholder="https://" />
      </div>
      <fieldset className="trainers">
        <legend>Trainers</legend>
        {staff.length === 0 ? <p className="field-hint">Add trainers to the directory as staff (People) to assign them here.</p> : null}
        {staff.map((p) => (
          <label key={p.id} className="check">
            <input
              type="checkbox"
              checked={values.trainerIds.includes(p.id)}
              onChange={(e) => setValues((v) => ({ ...v, trainerIds: e.target.checked ? [...v.trainerIds, p.id] : v.trainerIds.filter((t) => t !== p.id) }))}
            />
            {p.name}
          </label>
        ))}
        {errors.trainerIds ? <p className="field-error">{errors.trainerIds}</p> : null}
      </fieldset>
      <div className="field">
        <label htmlFor={`${ids}-notes`}>Notes</label>
        <textarea id={`${ids}-notes`} rows={2} value={values.notes} onChange={set('notes')} />
      </div>
      {warnings.length > 0 ? (
        <div className="warning" role="status" aria-label="Scheduling warnings">
          {warnings.map((w) => (
            <p key={w}>{w}</p>
          ))}
          <p>You can still save: co-taught or deliberately double-booked sessions are your call.</p>
        </div>
      ) : null}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={saving}>
          {saving ? 'Saving…' : initial ? 'Save session' : 'Schedule'}
        </button>
        <button type="button" onClick={() => (draft.discard(), onCancel())}>
          Cancel
        </button>
      </div>
    </form>
  );
}
