import { useCallback, useId, useState, type FormEvent, type ReactNode, type Ref } from 'react';
import type { Result } from '../../../../../shared/result';
import { useUi } from '../../../app/ui-store';
import { ErrorSummary, useErrorSummary } from '../../../ui/ErrorSummary';
import { useEditing } from './useEditing';

export interface Notice {
  ok: boolean;
  text: string;
}

/** A panel's last outcome, shown in the panel and announced to screen readers. */
export function useNotice() {
  const announce = useUi((s) => s.announce);
  const [notice, setNotice] = useState<Notice | null>(null);
  const say = useCallback(
    (ok: boolean, text: string) => {
      setNotice({ ok, text });
      announce(text);
    },
    [announce],
  );
  const view = notice ? (
    <p className={`notice${notice.ok ? '' : ' error'}`} role={notice.ok ? 'status' : 'alert'}>
      {notice.text}
    </p>
  ) : null;
  return { say, view, clear: () => setNotice(null) };
}

/**
 * Run a write and report it: on success say `done`; on failure return the
 * per-field messages (for the form) and say the message when no field has one.
 */
export async function report<T>(
  write: Promise<Result<T>>,
  say: (ok: boolean, text: string) => void,
  done: (value: T) => string,
): Promise<{ ok: true; value: T } | { ok: false; fields: Record<string, string> }> {
  const res = await write;
  if (res.ok) {
    say(true, done(res.value));
    return { ok: true, value: res.value };
  }
  const fields = res.error.fields ?? {};
  say(false, Object.keys(fields).length ? CHECK_FIELDS : res.error.message);
  return { ok: false, fields };
}

const CHECK_FIELDS = 'Check the fields marked below; nothing was saved.';

/**
 * A panel form's save. `save` (the form's submit) runs the write and reports
 * it; on success `onSaved` runs (the form closes), otherwise the per-field
 * messages stay in `errors` for the form, listed by `summary` (which takes focus).
 * `refuse` shows messages the form found itself, before writing anything.
 */
export function useSaveForm(say: (ok: boolean, text: string) => void) {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const { attempt, failed } = useErrorSummary();
  async function save<T>(e: FormEvent, write: Promise<Result<T>>, done: (value: T) => string, onSaved: (value: T) => void): Promise<void> {
    e.preventDefault();
    const res = await report(write, say, done);
    if (res.ok) onSaved(res.value);
    else {
      setErrors(res.fields);
      failed();
    }
  }
  const refuse = (fields: Record<string, string>) => {
    setErrors(fields);
    say(false, CHECK_FIELDS);
    failed();
  };
  /** The form's error summary, to render first in the form: focused on each refusal. */
  const summary = <ErrorSummary errors={errors} attempt={attempt} />;
  return { errors, save, refuse, summary };
}

/**
 * One settings list: heading, what it is for, the last outcome, the table (or
 * a box saying what goes here and how to start), then the Add button or the
 * open form.
 */
export function ListPanel({
  id,
  title,
  intro,
  notice,
  empty,
  columns,
  rows,
  form,
  children,
}: {
  id: string;
  title: string;
  intro: ReactNode;
  notice: ReactNode;
  /** Shown instead of the table when there are no rows. */
  empty: ReactNode | null;
  columns: ReactNode[];
  rows: ReactNode;
  /** The Add button, or the form when one is open. */
  form: ReactNode;
  children?: ReactNode;
}) {
  return (
    <section className="panel" aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      <p className="muted">{intro}</p>
      {notice}
      {empty ? (
        <div className="helpdesk-empty">{empty}</div>
      ) : (
        <div className="table-scroll">
          <table className="data-table" aria-labelledby={id}>
            <thead>
              <tr>
                {columns.map((c, i) => (
                  <th key={i} scope="col">
                    {c}
                  </th>
                ))}
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>{rows}</tbody>
          </table>
        </div>
      )}
      {form}
      {children}
    </section>
  );
}

/** A panel's Add button; disabled, with the reason beside it, while something it needs is missing. */
export function AddButton({ ref, label, onClick, blockedBy }: { ref: Ref<HTMLButtonElement>; label: string; onClick: () => void; blockedBy?: string | false }) {
  return (
    <div className="form-actions">
      <button type="button" ref={ref} onClick={onClick} disabled={Boolean(blockedBy)}>
        {label}
      </button>
      {blockedBy ? <p className="field-hint">{blockedBy}</p> : null}
    </div>
  );
}

export function Checkbox({ label, checked, onChange, hint }: { label: string; checked: boolean; onChange: (v: boolean) => void; hint?: string }) {
  return (
    <div className="field">
      <label className="checkbox-field">
        <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} /> {label}
      </label>
      {hint ? <p className="field-hint">{hint}</p> : null}
    </div>
  );
}

/**
 * Edit and Remove buttons of a row, named after the row for screen readers.
 * Remove asks first (as removals do elsewhere in the app): it reaches every
 * device at the next sync, and there is no undo here.
 */
export function RowActions({ name, onEdit, onRemove, children }: { name: string; onEdit: () => void; onRemove: () => void; children?: ReactNode }) {
  return (
    <td className="row-actions">
      {children}
      <button type="button" onClick={onEdit} aria-label={`Edit ${name}`}>
        Edit
      </button>
      <button type="button" className="danger" onClick={() => confirm(`Remove the ${name}? This removes it on every device at the next sync.`) && onRemove()} aria-label={`Remove ${name}`}>
        Remove
      </button>
    </td>
  );
}

/** A group of checkboxes choosing some of `options` by id (a policy's sites, a team's members), its message beside it. */
export function CheckList({
  legend,
  options,
  value,
  onChange,
  hint,
  error,
}: {
  legend: string;
  options: readonly { id: string; name: string }[];
  value: readonly string[];
  onChange: (ids: string[]) => void;
  hint?: ReactNode;
  error?: string | undefined;
}) {
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <fieldset className="checks-fieldset" aria-describedby={describedBy}>
      <legend>{legend}</legend>
      {hint ? (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      <div className="checks">
        {options.map((o) => (
          <label key={o.id}>
            <input type="checkbox" checked={value.includes(o.id)} onChange={(e) => onChange(e.target.checked ? [...value, o.id] : value.filter((x) => x !== o.id))} /> {o.name}
          </label>
        ))}
      </div>
      {error ? (
        <p className="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

export function FormButtons({ save, onCancel }: { save: string; onCancel: () => void }) {
  return (
    <div className="form-actions">
      <button type="submit" className="primary">
        {save}
      </button>
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}

/**
 * A settings list's state: its notice, which record its form edits, and
 * removing a record ("Removed the site Fresno Courthouse", or why not).
 */
/** The draft name of a panel's form ('settings.sla-policy'), shared by the panel and its form's fields. */
export const panelDraftForm = (what: string) => `settings.${what.toLowerCase().replace(/\s+/g, '-')}`;

export function useListPanel<T extends { id: string; name: string }>(retire: (id: string) => Promise<Result<unknown>>, what: string) {
  const notice = useNotice();
  const editing = useEditing(panelDraftForm(what));
  const remove = async (item: T) => {
    await report(retire(item.id), notice.say, () => `Removed the ${what} ${item.name}`);
  };
  return { notice, ...editing, remove };
}
