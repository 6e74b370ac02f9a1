import { useState } from 'react';
import type { Ticket } from '../../../../../shared/tickets/schema';
import { formatWhen } from '../labels';

/**
 * A typed number that names several tickets: two devices once numbered with
 * one code (a backup restored on a second laptop, say), and numbers already
 * issued are never changed, since people have written them down. The person
 * picks the ticket they mean by what they can recognise: title and opening.
 */
export function NumberChoice({ tickets, action, onPick, onCancel }: { tickets: Ticket[]; action: string; onPick: (ticket: Ticket) => void; onCancel: () => void }) {
  const number = tickets[0]?.number ?? '';
  return (
    <div className="number-choice" role="group" aria-label={`Tickets numbered ${number}`}>
      <p>
        {tickets.length} tickets carry the number <span className="mono">{number}</span> (two devices once numbered with the same code). Choose the one you mean:
      </p>
      <ul className="plain-list">
        {tickets.map((t) => (
          <li key={t.id}>
            <button type="button" onClick={() => onPick(t)}>
              {action} “{t.title}”, opened {formatWhen(t.createdAt)}
            </button>
          </li>
        ))}
      </ul>
      <button type="button" className="link-button" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}

/**
 * Look up a typed number and act on the ticket it names: none is reported,
 * one is acted on at once, several are offered (`choices`) until one is
 * picked or the choice cancelled.
 */
export function useNumberChoice(find: (number: string) => Promise<Ticket[]>, act: (ticket: Ticket) => unknown, notFound: (number: string) => void) {
  const [choices, setChoices] = useState<Ticket[]>([]);
  const lookUp = async (number: string) => {
    const found = await find(number);
    setChoices(found.length > 1 ? found : []);
    if (found.length === 0) notFound(number);
    else if (found.length === 1) await act(found[0]!);
  };
  const pick = (ticket: Ticket) => {
    setChoices([]);
    void act(ticket);
  };
  return { choices, lookUp, pick, cancel: () => setChoices([]) };
}
