import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { Result } from '../../../../../shared/result';
import { VIEW_NAME_MAX } from '../../../../../shared/tickets/view-names';
import { Field } from '../../../ui/Field';
import { trapTab } from '../../../ui/trap-tab';
import { DraftNotice } from '../../../ui/DraftNotice';
import { useDraft } from '../../../ui/useDraft';

export interface ViewNameDialogProps {
  title: string;
  submitLabel: string;
  initialName: string;
  /** The name rule as typed (null: fine), so a message beside the field follows the typing once it is shown. */
  check(name: string): string | null;
  /** Saves; a refusal's message is shown beside the field and the dialog stays open. */
  onSubmit(name: string): Promise<Result<unknown>>;
  /** The dialog has closed (saved, Esc or Cancel): unmount it. */
  onClose(): void;
  /**
   * Where the typed name is kept as a draft (draftKey(...)) until it is saved:
   * Esc or a closed window keeps it, and the dialog opens with it again; only
   * Cancel (an explicit choice) throws it away.
   */
  draftKey?: string;
}

/**
 * Asks for a view's name: Enter saves, Esc cancels. It opens when mounted. A
 * modal <dialog>: the page behind is inert, Tab cycles through the dialog's
 * controls, and the browser returns focus to the button that opened it when
 * it closes.
 */
export function ViewNameDialog({ title, submitLabel, initialName, check, onSubmit, onClose, draftKey = undefined }: ViewNameDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const draft = useDraft(draftKey ?? null, { name: initialName });
  const name = draft.values.name;
  const setName = (v: string) => draft.set({ name: v });
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  // The name as typed now: a refusal that comes back after the name changed is about a name no longer there.
  const typed = useRef(name);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog || dialog.open) return;
    dialog.showModal();
    // showModal focuses the field (the first control); a rename starts with the old name selected, ready to retype.
    dialog.querySelector('input')?.select();
  }, []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    // Saved: the draft goes, unless the name was typed on while it saved (then that stays, a draft).
    const res = await draft.save((v) => onSubmit(v.name));
    setBusy(false);
    if (res.ok) {
      ref.current?.close();
      return;
    }
    if (typed.current !== name) return;
    setError(res.error.fields?.name ?? res.error.message);
    ref.current?.querySelector('input')?.focus();
  };

  return (
    <dialog
      ref={ref}
      className="view-name-dialog"
      aria-labelledby={titleId}
      onKeyDown={trapTab}
      // Esc (cancel) and Cancel both close the dialog natively; the parent learns of it here.
      onClose={(e) => {
        if (e.target === e.currentTarget) onClose();
      }}
    >
      <form onSubmit={(e) => void submit(e)} noValidate>
        <h2 id={titleId}>{title}</h2>
        <DraftNotice restoredAt={draft.restoredAt} onDiscard={draft.discard} what="view name" />
        <Field
          label="View name"
          value={name}
          error={error}
          hint={`Up to ${VIEW_NAME_MAX} characters, unlike any other view’s name.`}
          autoComplete="off"
          spellCheck={false}
          onChange={(e) => {
            setName(e.target.value);
            typed.current = e.target.value;
            // A message already shown follows the typing; a name that grows too long is said at once.
            if (error !== undefined || e.target.value.length > VIEW_NAME_MAX) setError(check(e.target.value) ?? undefined);
          }}
        />
        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy}>
            {submitLabel}
          </button>
          <button
            type="button"
            onClick={() => {
              // Cancel is the person's choice to throw the name away; Esc only closes (the draft stays for next time).
              draft.discard();
              ref.current?.close();
            }}
          >
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  );
}
