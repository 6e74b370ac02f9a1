import { useLiveQuery } from 'dexie-react-hooks';
import { useId, useState } from 'react';
import type { Person } from '../../../../../shared/people/schema';
import { peopleRepository } from '../../../data/repositories/people';
import { draftKey } from '../../../ui/drafts';
import { Field } from '../../../ui/Field';
import { useDraft } from '../../../ui/useDraft';
import type { Desk } from '../useDesk';

/** The look-up's own draft (what is typed, a new requester's details), part of the new ticket's. */
export const REQUESTER_DRAFT = draftKey('ticket.new.requester', 'new');

/**
 * Requester look-up by name (or e-mail) from the people directory, as a
 * combobox: type, arrow to a match, Enter to pick. Someone new is added on
 * the spot, without leaving the form.
 */
export function RequesterPicker({ desk, value, onChange, error }: { desk: Desk; value: Person | null; onChange: (p: Person | null) => void; error?: string | undefined }) {
  const id = useId();
  // What is typed here (a name to look up, a new requester's details) is part of the new ticket's draft.
  const kept = useDraft(REQUESTER_DRAFT, { text: '', adding: false, draft: { name: '', email: '', phone: '' } });
  const [text, setText] = kept.field('text');
  const [adding, setAdding] = kept.field('adding');
  const [draft, setDraft] = kept.field('draft');
  const [active, setActive] = useState(0);
  // Esc closes the list of matches only (the form stays); typing opens it again.
  const [dismissed, setDismissed] = useState(false);
  const [addErrors, setAddErrors] = useState<Record<string, string>>({});
  const matches = useLiveQuery(() => desk.repos.catalog.findPeople(text), [desk.repos, text]) ?? [];
  const open = !value && text.trim().length >= 2 && !adding && !dismissed;

  if (value)
    return (
      <div className="field">
        <span className="field-label" id={`${id}-label`}>
          Requester
        </span>
        <p className="picked" aria-labelledby={`${id}-label`}>
          <strong>{value.name}</strong> <span className="muted">{[value.email, value.agency, value.site].filter(Boolean).join(' · ')}</span>{' '}
          <button type="button" className="link-button" onClick={() => onChange(null)}>
            Change requester
          </button>
        </p>
      </div>
    );

  const add = async () => {
    // Added: the look-up's draft goes, unless its fields were typed into while it saved (then that stays, a draft).
    const res = await kept.save((v) => peopleRepository(desk.db).create({ ...v.draft, kind: 'requester' }));
    if (!res.ok) return setAddErrors(res.error.fields ?? { name: res.error.message });
    onChange(res.value);
  };

  return (
    <div className={`field requester-picker${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>Requester</label>
      <input
        id={id}
        role="combobox"
        autoFocus
        aria-expanded={open}
        aria-controls={`${id}-list`}
        aria-autocomplete="list"
        aria-activedescendant={open && matches[active] ? `${id}-opt-${active}` : undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        placeholder="Type a name or e-mail"
        value={text}
        maxLength={200}
        onChange={(e) => {
          setText(e.target.value);
          setActive(0);
          setDismissed(false);
        }}
        onKeyDown={(e) => {
          if (!open) return;
          if (e.key === 'Escape') setDismissed(true);
          else if (e.key === 'ArrowDown') setActive((a) => Math.min(a + 1, matches.length));
          else if (e.key === 'ArrowUp') setActive((a) => Math.max(a - 1, 0));
          else if (e.key === 'Enter') {
            const pick = matches[active];
            if (pick) {
              kept.done();
              onChange(pick);
            }
            else {
              setDraft({ name: text.trim(), email: '', phone: '' });
              setAdding(true);
            }
          } else return;
          e.preventDefault();
        }}
      />
      {open ? (
        <ul className="picker-list" role="listbox" id={`${id}-list`} aria-label="Matching people">
          {matches.map((p, i) => (
            <li key={p.id} id={`${id}-opt-${i}`} role="option" aria-selected={i === active} onMouseDown={(e) => (e.preventDefault(), kept.done(), onChange(p))}>
              <strong>{p.name}</strong> <span className="muted">{[p.email, p.agency].filter(Boolean).join(' · ')}</span>
            </li>
          ))}
          <li
            id={`${id}-opt-${matches.length}`}
            role="option"
            aria-selected={active === matches.length}
            onMouseDown={(e) => {
              e.preventDefault();
              setDraft({ name: text.trim(), email: '', phone: '' });
              setAdding(true);
            }}
          >
            + Add “{text.trim()}” as a new requester
          </li>
        </ul>
      ) : null}
      {error ? (
        <p className="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      ) : null}
      {adding ? (
        <fieldset
          className="panel new-requester"
          onKeyDown={(e) => {
            // Esc closes this small form only (what was typed stays in the draft until Cancel).
            if (e.key === 'Escape') {
              e.preventDefault();
              setAdding(false);
              requestAnimationFrame(() => document.getElementById(id)?.focus());
            }
          }}
        >
          <legend>New requester</legend>
          <Field label="Name" value={draft.name} error={addErrors.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />
          <Field label="E-mail" type="email" value={draft.email} error={addErrors.email} onChange={(e) => setDraft({ ...draft, email: e.target.value })} />
          <Field label="Phone" value={draft.phone} error={addErrors.phone} onChange={(e) => setDraft({ ...draft, phone: e.target.value })} />
          <div className="form-actions">
            <button type="button" className="primary" onClick={add}>
              Add requester
            </button>
            <button type="button" onClick={() => kept.discard()}>
              Cancel
            </button>
          </div>
        </fieldset>
      ) : null}
    </div>
  );
}
