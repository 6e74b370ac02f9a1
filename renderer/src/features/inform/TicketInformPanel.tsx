import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { fillPlaceholders, firstNameOf, insertSnippet, matchSnippets, snippetTrigger, unfilledPlaceholders, type CannedResponse } from '../../../../shared/inform/canned';
import { LABELS } from '../../../../shared/tickets/enums';
import type { Ticket } from '../../../../shared/tickets/schema';
import { platform } from '../../platform/bridge';
import { useInform } from './KnowledgeScreen';
import './inform.css';

interface Props {
  ticket: Ticket;
  requester: { id: string; name: string; email?: string } | null;
  assigneeName: string | null;
}

/**
 * On a ticket: compose an update to the requester (a canned response or
 * scratch; `/` and a name inserts a snippet; placeholders without a value are
 * flagged and block sending), handed to the mail program as a draft and
 * recorded in the work log; and the documents suggested for the ticket's
 * system and words, each of which can be the one it was resolved with.
 */
export function TicketInformPanel({ ticket, requester, assigneeName }: Props) {
  const inform = useInform();
  const canned = useLiveQuery(() => inform.canned.list(), [inform]) ?? [];
  const suggestions = useLiveQuery(() => inform.documents.suggestFor(ticket), [inform, ticket.title, ticket.description, ticket.systemId]) ?? [];
  const linked = useLiveQuery(() => inform.documents.documentsOf(ticket.id), [inform, ticket.id]) ?? [];
  const [text, setText] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [menu, setMenu] = useState<CannedResponse[]>([]);
  const box = useRef<HTMLTextAreaElement>(null);
  const values = useMemo(
    () => ({ 'requester.firstName': firstNameOf(requester?.name), 'ticket.number': ticket.number, 'ticket.status': LABELS.status[ticket.status], 'assignee.name': assigneeName, expectedDate: null }),
    [requester?.name, ticket.number, ticket.status, assigneeName],
  );
  // "Compose update" from the Needs-an-update view opens the ticket with `?compose`: the box takes focus.
  const [fromView] = useState(() => /\?compose\b/.test(location.hash));
  useEffect(() => {
    if (!fromView) return;
    box.current?.scrollIntoView({ block: 'center' });
    box.current?.focus();
  }, [fromView]);
  const left = unfilledPlaceholders(text);
  const subject = `${ticket.number}: ${ticket.title}`;

  function insertCanned(c: CannedResponse) {
    const filled = fillPlaceholders(c.body, values).text;
    const el = box.current;
    const caret = el?.selectionStart ?? text.length;
    const trigger = snippetTrigger(text, caret);
    const next = trigger ? insertSnippet(text, caret, trigger, filled) : { text: text + filled, caret: text.length + filled.length };
    setText(next.text);
    setMenu([]);
    requestAnimationFrame(() => el?.setSelectionRange(next.caret, next.caret));
  }
  function onInput(value: string, caret: number) {
    setText(value);
    const trigger = snippetTrigger(value, caret);
    setMenu(trigger ? matchSnippets(trigger.query, canned) : []);
  }
  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (menu.length > 0 && (e.key === 'Enter' || e.key === 'Tab')) {
      e.preventDefault();
      insertCanned(menu[0]!);
    } else if (e.key === 'Escape' && menu.length > 0) {
      e.preventDefault();
      e.stopPropagation();
      setMenu([]);
    }
  }
  async function send() {
    if (!requester?.email) return setMessage('The requester has no e-mail address: add one in People first.');
    if (left.length > 0) return setMessage(`Fill in or remove ${left.map((p) => `{${p}}`).join(', ')} first.`);
    const res = await platform.mail.draft({ to: [{ name: requester.name, address: requester.email }], subject, text, attachments: [], as: 'auto' });
    if (!res.ok) return setMessage(res.error.message);
    const logged = await inform.updates.record(ticket.id, { requesterName: requester.name, subject, text });
    if (!logged.ok) return setMessage(`The draft was made, but the work log refused it: ${logged.error.message}`);
    setText('');
    setMessage(res.value.kind === 'eml' ? `Draft ${res.value.name} opened in your mail program; recorded in the work log.` : 'Opened in your mail program; recorded in the work log.');
  }

  return (
    <>
      <section className="panel inform-compose" aria-label="Update the requester">
        <h2>Update the requester</h2>
        <label htmlFor="inform-update">Message (type / and a name for a canned response)</label>
        <textarea
          id="inform-update"
          ref={box}
          rows={6}
          value={text}
          onChange={(e) => onInput(e.target.value, e.target.selectionStart)}
          onKeyDown={onKeyDown}
          aria-describedby={left.length > 0 ? 'inform-unfilled' : undefined}
          disabled={ticket.status === 'cancelled'}
        />
        {menu.length > 0 ? (
          <ul className="snippet-menu" aria-label="Canned responses">
            {menu.map((c) => (
              <li key={c.id}>
                <button type="button" onClick={() => insertCanned(c)}>
                  /{c.name} {c.title ? `— ${c.title}` : ''}
                </button>
              </li>
            ))}
          </ul>
        ) : null}
        {left.length > 0 ? (
          <p id="inform-unfilled" className="form-error" role="alert">
            Needs a value: {left.map((p) => `{${p}}`).join(', ')}
          </p>
        ) : null}
        <div className="form-actions">
          <button type="button" className="primary" onClick={() => void send()} disabled={text.trim() === '' || left.length > 0}>
            Send update as a draft
          </button>
        </div>
        {message ? <p role="status">{message}</p> : null}
        {fromView ? (
          <p>
            <a href="#/tickets">Back to the tickets needing an update</a>
          </p>
        ) : null}
      </section>
      <section className="panel" aria-label="Suggested documents">
        <h2>Suggested documents</h2>
        {suggestions.length === 0 ? (
          <p className="muted">No published document matches this ticket's system or words.</p>
        ) : (
          <ul>
            {suggestions.map((s) => {
              const used = linked.some((l) => l.materialId === s.doc.id && l.relation === 'resolvedWith');
              return (
                <li key={s.doc.id}>
                  <a href="#/knowledge">{s.doc.title}</a> {s.system ? '(its system)' : ''}{' '}
                  <button type="button" disabled={used} onClick={() => void inform.documents.link(ticket.id, s.doc.id)}>
                    {used ? 'Resolved with this' : `Resolve with “${s.doc.title}”`}
                  </button>
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </>
  );
}
