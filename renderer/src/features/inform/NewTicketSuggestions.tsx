import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import { useInform } from './KnowledgeScreen';
import './inform.css';

interface Props {
  title: string;
  description: string;
  systemId: string;
}

/** Words typed settle for this long before the suggestions are looked up again. */
const SETTLE_MS = 250;

/**
 * While a ticket is being created: the published documents for the chosen
 * system and the words typed so far (the same rule as on a ticket,
 * `suggestDocuments`). A plain list beside the form: it never takes focus,
 * and each document's text opens in place (a disclosure), so reading it does
 * not leave the form. The count is announced politely as it changes.
 */
export function NewTicketSuggestions({ title, description, systemId }: Props) {
  const inform = useInform();
  const [typed, setTyped] = useState({ title, description });
  useEffect(() => {
    const t = setTimeout(() => setTyped({ title, description }), SETTLE_MS);
    return () => clearTimeout(t);
  }, [title, description]);
  const suggestions = useLiveQuery(
    () => inform.documents.suggestFor({ title: typed.title, description: typed.description, systemId: systemId || null }),
    [inform, typed.title, typed.description, systemId],
  );
  if (!suggestions) return null;
  return (
    <section className="new-ticket-suggestions" aria-labelledby="new-ticket-suggestions-heading">
      <h2 id="new-ticket-suggestions-heading">Suggested documents</h2>
      <p role="status" className="muted">
        {suggestions.length === 0
          ? 'No published document matches the system or the words typed yet.'
          : `${suggestions.length} ${suggestions.length === 1 ? 'document matches' : 'documents match'} this ticket`}
      </p>
      {suggestions.length > 0 ? (
        <ul>
          {suggestions.map((s) => (
            <li key={s.doc.id}>
              <details>
                <summary>
                  {s.doc.title}
                  {s.system ? ' (its system)' : ''}
                </summary>
                <div className="suggestion-body">{s.doc.body || 'This document has no text yet.'}</div>
              </details>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
