import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { Person } from '../../../../shared/people/schema';
import type { Result } from '../../../../shared/result';
import type { AttendeeInput } from '../../../../shared/training/registration';
import type { RegisterOutcome } from '../../../../shared/training/waitlist';
import { ErrorSummary, useErrorSummary } from '../../ui/ErrorSummary';
import { Field } from '../../ui/Field';
import { useDraftState } from '../../ui/useDraft';

type Register = (attendee: AttendeeInput, options: { allowOverCapacity?: boolean }) => Promise<Result<RegisterOutcome>>;

const outcomeText = (name: string, o: RegisterOutcome) =>
  o.status === 'waitlisted' ? `The session is full: ${name} is number ${o.waitlistPosition} on the wait list.` : `${name} is registered.`;

/**
 * Add people from the directory with a type-ahead (arrows and Enter), or a
 * walk-in by name. A full session puts them on the wait list and says so.
 */
export function AddAttendees({ sessionId, people, registeredPersonIds, register }: { sessionId?: string; people: Person[]; registeredPersonIds: Set<string>; register: Register }) {
  const id = useId();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [message, setMessage] = useState<{ error: boolean; waiting?: boolean; text: string } | null>(null);
  // A walk-in half typed (someone at the door, then a phone call) is a draft of this session's form.
  const [walkIn, setWalkIn] = useDraftState('training.walk-in', sessionId, 'walkIn', { name: '', agency: '', email: '' });
  const [seatWalkIn, setSeatWalkIn] = useState(true);
  const [walkInErrors, setWalkInErrors] = useState<Record<string, string>>({});
  const walkInSummary = useErrorSummary();

  const q = query.trim().toLowerCase();
  const matches = q
    ? people.filter((p) => !registeredPersonIds.has(p.id) && `${p.name} ${p.email} ${p.agency}`.toLowerCase().includes(q)).slice(0, 8)
    : [];
  const open = matches.length > 0;

  const add = async (p: Person) => {
    const res = await register({ kind: 'person', personId: p.id }, {});
    setMessage(res.ok ? { error: false, waiting: res.value.status === 'waitlisted', text: outcomeText(p.name, res.value) } : { error: true, text: `${p.name}: ${res.error.message}` });
    if (res.ok) {
      setQuery('');
      setActive(0);
    }
  };

  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' && open) {
      e.preventDefault();
      setActive((a) => (a + 1) % matches.length);
    } else if (e.key === 'ArrowUp' && open) {
      e.preventDefault();
      setActive((a) => (a - 1 + matches.length) % matches.length);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const p = matches[Math.min(active, matches.length - 1)];
      if (p) void add(p);
      else if (q) setMessage({ error: true, text: `No one in the directory matches “${query}”. Add them as a walk-in below.` });
    } else if (e.key === 'Escape') {
      setQuery('');
    }
  };

  const submitWalkIn = async (e: FormEvent) => {
    e.preventDefault();
    const res = await register({ kind: 'walkIn', ...walkIn }, { allowOverCapacity: seatWalkIn });
    if (!res.ok) {
      setWalkInErrors(res.error.fields ?? { _: res.error.message });
      walkInSummary.failed();
      return;
    }
    setWalkInErrors({});
    setMessage({ error: false, waiting: res.value.status === 'waitlisted', text: outcomeText(walkIn.name.trim(), res.value) });
    setWalkIn({ name: '', agency: '', email: '' });
  };

  return (
    <section className="panel add-attendees" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Add attendees</h2>
      <div className="add-grid">
        <div className="field combo">
          <label htmlFor={`${id}-find`}>Add from the directory</label>
          <input
            id={`${id}-find`}
            role="combobox"
            aria-expanded={open}
            aria-controls={`${id}-list`}
            aria-autocomplete="list"
            aria-activedescendant={open ? `${id}-opt-${Math.min(active, matches.length - 1)}` : undefined}
            autoComplete="off"
            placeholder="Type a name, email or agency"
            value={query}
            onChange={(e) => {
              setQuery(e.target.value);
              setActive(0);
            }}
            onKeyDown={onKey}
          />
          <ul id={`${id}-list`} role="listbox" aria-label="Matching people" className="combo-list" hidden={!open}>
            {matches.map((p, i) => (
              <li
                key={p.id}
                id={`${id}-opt-${i}`}
                role="option"
                aria-selected={i === active}
                className={i === active ? 'active' : undefined}
                onMouseDown={(e) => {
                  e.preventDefault();
                  void add(p);
                }}
              >
                {p.name}
                {p.agency ? <span className="muted"> · {p.agency}</span> : null}
              </li>
            ))}
          </ul>
          <p className="field-hint">↑ ↓ to choose, Enter to add.</p>
        </div>
        <form onSubmit={submitWalkIn} noValidate aria-label="Add a walk-in" className="walk-in">
          <ErrorSummary errors={walkInErrors} attempt={walkInSummary.attempt} />
          <Field label="Walk-in name" value={walkIn.name} onChange={(e) => setWalkIn((w) => ({ ...w, name: e.target.value }))} error={walkInErrors.name} />
          <Field label="Walk-in agency or office" value={walkIn.agency} onChange={(e) => setWalkIn((w) => ({ ...w, agency: e.target.value }))} error={walkInErrors.agency} />
          <Field label="Walk-in email (optional)" type="email" value={walkIn.email} onChange={(e) => setWalkIn((w) => ({ ...w, email: e.target.value }))} error={walkInErrors.email} />
          <label className="check">
            <input type="checkbox" checked={seatWalkIn} onChange={(e) => setSeatWalkIn(e.target.checked)} />
            Seat them even if the session is full (they are here)
          </label>
          <button type="submit">Add walk-in</button>
        </form>
      </div>
      {message ? (
        <p role={message.error ? 'alert' : 'status'} className={message.error ? 'form-error' : message.waiting ? 'warn-text' : 'ok-text'} data-testid="attendee-message">
          {message.text}
        </p>
      ) : null}
    </section>
  );
}
