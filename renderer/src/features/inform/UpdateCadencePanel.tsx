import { useLiveQuery } from 'dexie-react-hooks';
import { useState, type FormEvent } from 'react';
import { parseCadenceForm } from '../../../../shared/inform/needs-update-view';
import { PRIORITIES, type Priority } from '../../../../shared/tickets/enums';
import { useMayWrite } from '../../sync/useRole';
import { ErrorSummary, useErrorSummary } from '../../ui/ErrorSummary';
import { Field } from '../../ui/Field';
import { dropFormDrafts, useDraftState } from '../../ui/useDraft';
import { useNotice } from '../settings/helpdesk/common';
import { useInform } from './KnowledgeScreen';

type FormValues = Record<Priority, string>;

/**
 * Settings → Help desk → Requester updates: after how many business days
 * without news (per priority) an open ticket lists under "Needs an update".
 * Stored in the synced `informSettings` record, which like the rest of the
 * help-desk configuration only coordinators and admins may change; what is
 * typed and not saved is a draft.
 */
export function UpdateCadencePanel() {
  const inform = useInform();
  const cadence = useLiveQuery(() => inform.settings.cadence(), [inform]);
  const mayEdit = useMayWrite('informSettings');
  const [edited, setEdited] = useDraftState<FormValues | null>('settings.update-cadence', 'default', 'form', null);
  const notice = useNotice();
  const { attempt, failed } = useErrorSummary();
  const [errors, setErrors] = useState<Partial<Record<Priority, string>>>({});
  if (!cadence) return null;
  const values: FormValues = edited ?? { P1: String(cadence.P1), P2: String(cadence.P2), P3: String(cadence.P3), P4: String(cadence.P4) };

  async function submit(e: FormEvent) {
    e.preventDefault();
    const parsed = parseCadenceForm(values);
    if (!parsed.ok) {
      setErrors(parsed.fields);
      notice.say(false, 'Check the fields marked below; nothing was saved.');
      failed();
      return;
    }
    const res = await inform.settings.setCadence(parsed.value);
    if (!res.ok) {
      setErrors((res.error.fields ?? {}) as Partial<Record<Priority, string>>);
      notice.say(false, res.error.message);
      failed();
      return;
    }
    setErrors({});
    setEdited(null);
    dropFormDrafts('settings.update-cadence', 'default');
    notice.say(true, `Saved: an update is due after ${PRIORITIES.map((p) => `${p} ${res.value[p]}`).join(', ')} business days`);
  }

  return (
    <section className="panel" aria-labelledby="hd-cadence-title">
      <h3 id="hd-cadence-title">Requester updates</h3>
      <p className="muted">
        An open ticket is listed under Tickets → “Needs an update” when its requester has heard nothing for this many business days (by the default SLA policy’s calendar). Tickets waiting on the requester are left out.
      </p>
      {notice.view}
      <form onSubmit={(e) => void submit(e)} noValidate aria-label="Update cadence">
        <ErrorSummary errors={errors} attempt={attempt} />
        <fieldset disabled={!mayEdit} className="inline-fields">
          <legend>Business days without an update, by priority</legend>
          {PRIORITIES.map((p) => (
            <Field
              key={p}
              label={p}
              inputMode="numeric"
              value={values[p]}
              onChange={(e) => setEdited({ ...values, [p]: e.target.value })}
              error={errors[p]}
              size={4}
            />
          ))}
        </fieldset>
        {mayEdit ? (
          <div className="form-actions">
            <button type="submit" className="primary">
              Save cadence
            </button>
            {edited ? (
              <button type="button" onClick={() => (setEdited(null), setErrors({}), dropFormDrafts('settings.update-cadence', 'default'))}>
                Discard changes
              </button>
            ) : null}
          </div>
        ) : (
          <p className="muted">Only coordinators and admins can change the cadence.</p>
        )}
      </form>
    </section>
  );
}
