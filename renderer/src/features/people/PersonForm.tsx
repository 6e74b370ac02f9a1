import { useState, type FormEvent } from 'react';
import type { Person, PersonInput } from '../../../../shared/people/schema';
import type { Result } from '../../../../shared/result';
import { useMayWrite } from '../../sync/useRole';
import { DraftNotice } from '../../ui/DraftNotice';
import { draftKey } from '../../ui/drafts';
import { ErrorSummary, useErrorSummary } from '../../ui/ErrorSummary';
import { Field } from '../../ui/Field';
import { useDraft } from '../../ui/useDraft';

export const personDraftKey = (id: string | undefined) => draftKey('person', id);
const pickInput = (p: Person): PersonInput => ({ name: p.name, email: p.email, phone: p.phone, agency: p.agency, site: p.site, title: p.title, kind: p.kind });

const EMPTY: PersonInput = { name: '', email: '', phone: '', agency: '', site: '', title: '', kind: 'requester' };

/** Create or edit a person. Messages come from the shared schema, shown beside each field. */
export function PersonForm({
  initial,
  onSubmit,
  onCancel,
}: {
  initial?: Person;
  onSubmit: (input: PersonInput) => Promise<Result<Person>>;
  onCancel: () => void;
}) {
  // What is typed stays a draft of this person (or of the new one) until saved; Cancel drops it.
  const draft = useDraft(personDraftKey(initial?.id), initial ? pickInput(initial) : EMPTY);
  const values = draft.values;
  const setValues = draft.set;
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  // Who is staff is for coordinators and admins to say (a courtesy: the server decides).
  const mayChangeKind = useMayWrite('people', 'kind');
  const summary = useErrorSummary();
  const set = (k: keyof PersonInput) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [k]: e.target.value }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaving(true);
    // Saved: the draft goes, unless more was typed while it saved.
    const res = await draft.save(onSubmit);
    setSaving(false);
    if (!res.ok) {
      setErrors(res.error.fields ?? { _: res.error.message });
      summary.failed();
    }
  };

  return (
    <form className="panel person-form" onSubmit={submit} noValidate aria-label={initial ? `Edit ${initial.name}` : 'Add a person'}>
      <h2>{initial ? `Edit ${initial.name}` : 'Add a person'}</h2>
      <DraftNotice restoredAt={draft.restoredAt} onDiscard={draft.discard} what="details of this person" />
      <ErrorSummary errors={errors} attempt={summary.attempt} />
      <div className="form-grid">
        <Field label="Name" value={values.name} onChange={set('name')} error={errors.name} autoFocus required />
        <Field label="Email" type="email" value={values.email} onChange={set('email')} error={errors.email} />
        <Field label="Phone" type="tel" value={values.phone} onChange={set('phone')} error={errors.phone} />
        <Field label="Agency or court" value={values.agency} onChange={set('agency')} error={errors.agency} />
        <Field label="Site" value={values.site} onChange={set('site')} error={errors.site} />
        <Field label="Job title" value={values.title} onChange={set('title')} error={errors.title} />
        <div className="field">
          <label htmlFor="person-kind">Kind</label>
          <select id="person-kind" value={values.kind} onChange={set('kind')} disabled={!mayChangeKind} aria-describedby={mayChangeKind ? undefined : 'person-kind-note'}>
            <option value="requester">Requester</option>
            <option value="staff">Staff</option>
          </select>
          {mayChangeKind ? null : (
            <p className="hint" id="person-kind-note">
              Only coordinators and admins can make someone staff.
            </p>
          )}
        </div>
      </div>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={saving}>
          {saving ? 'Saving…' : 'Save'}
        </button>
        <button type="button" onClick={() => (draft.discard(), onCancel())}>
          Cancel
        </button>
      </div>
    </form>
  );
}
