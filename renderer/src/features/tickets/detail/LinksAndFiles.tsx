import { useState, type FormEvent } from 'react';
import { useDraftState } from '../../../ui/useDraft';
import type { Attachment } from '../../../../../shared/tickets/attachments';
import { LINK_KINDS, type LinkKind, type TicketLink } from '../../../../../shared/tickets/links';
import type { Ticket } from '../../../../../shared/tickets/schema';
import { platform } from '../../../platform/bridge';
import { goToTicket } from '../route';
import type { Desk } from '../useDesk';
import { NumberChoice, useNumberChoice } from './NumberChoice';

const KIND_LABEL: Record<LinkKind, string> = { parent: 'Parent of', related: 'Related to', duplicate: 'Duplicate of' };

/** Links to other tickets, with the form to add one by number. */
export function LinksPanel({ desk, ticketId, links, numbers, readOnly }: { desk: Desk; ticketId: string; links: TicketLink[]; numbers: Map<string, string>; readOnly: boolean }) {
  const [kind, setKind] = useState<LinkKind>('related');
  const [number, setNumber] = useDraftState('ticket.link', ticketId, 'number', '');
  const [error, setError] = useState('');
  const describe = (l: TicketLink) => {
    const out = l.fromId === ticketId;
    const other = out ? l.toId : l.fromId;
    const what = l.kind === 'related' ? 'Related to' : l.kind === 'parent' ? (out ? 'Parent of' : 'Child of') : out ? 'Duplicate of' : 'Duplicated by';
    return { other, what };
  };
  const linkTo = async (other: Ticket) => {
    const res = await desk.repos.links.link(ticketId, other.id, kind);
    if (!res.ok) return setError(res.error.message);
    setError('');
    setNumber('');
  };
  const choice = useNumberChoice(
    (n) => desk.repos.links.ticketsNumbered(n, ticketId),
    linkTo,
    (n) => setError(`No ticket ${n.trim() || '(empty)'} on this device.`),
  );
  const add = async (e: FormEvent) => {
    e.preventDefault();
    setError('');
    await choice.lookUp(number);
  };
  return (
    <section className="panel" aria-label="Links">
      <h2>Links</h2>
      {links.length === 0 ? <p className="muted">No linked tickets.</p> : null}
      <ul className="plain-list">
        {links.map((l) => {
          const { other, what } = describe(l);
          return (
            <li key={l.id}>
              {what}{' '}
              <a href={`#/tickets/${other}`} onClick={(e) => (e.preventDefault(), goToTicket(other))} className="mono">
                {numbers.get(other) ?? 'a ticket not on this device'}
              </a>{' '}
              {!readOnly && l.kind !== 'duplicate' ? (
                <button type="button" className="link-button" onClick={() => void desk.repos.links.unlink(l.id)} aria-label={`Remove link to ${numbers.get(other) ?? other}`}>
                  Remove
                </button>
              ) : null}
            </li>
          );
        })}
      </ul>
      {!readOnly ? (
        <form className="inline-fields" aria-label="Add a link" onSubmit={add}>
          <label>
            This ticket is{' '}
            <select value={kind} onChange={(e) => setKind(e.target.value as LinkKind)}>
              {LINK_KINDS.map((k) => (
                <option key={k} value={k}>
                  {KIND_LABEL[k].toLowerCase()}
                </option>
              ))}
            </select>
          </label>
          <input aria-label="Ticket number to link" placeholder="KX7Q-00042" value={number} onChange={(e) => setNumber(e.target.value)} />
          <button type="submit">Link</button>
        </form>
      ) : null}
      {choice.choices.length > 0 ? <NumberChoice tickets={choice.choices} action="Link to" onPick={choice.pick} onCancel={choice.cancel} /> : null}
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}

const size = (n: number) => (n < 1024 ? `${n} B` : n < 1024 * 1024 ? `${(n / 1024).toFixed(0)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`);

/** Files on the ticket: picked and stored by main (content-addressed, 25 MB limit), opened in the OS viewer. */
export function AttachmentsPanel({ desk, ticketId, attachments, readOnly }: { desk: Desk; ticketId: string; attachments: Attachment[]; readOnly: boolean }) {
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const attach = async () => {
    const res = await platform.attachments.add({});
    if (!res.ok) return setMessage({ error: true, text: res.error.message });
    const { stored, refused } = res.value;
    if (stored.length) {
      const saved = await desk.repos.attachments.add(ticketId, stored);
      if (!saved.ok) return setMessage({ error: true, text: saved.error.message });
    }
    const parts = [stored.length ? `Attached ${stored.map((s) => s.name).join(', ')}.` : '', ...refused.map((r) => `${r.name}: ${r.message}`)].filter(Boolean);
    setMessage(parts.length ? { error: refused.length > 0, text: parts.join(' ') } : null);
  };
  const open = async (a: Attachment) => {
    const res = await platform.attachments.open({ sha256: a.sha256, name: a.name });
    if (!res.ok) setMessage({ error: true, text: res.error.message });
  };
  return (
    <section className="panel" aria-label="Attachments">
      <h2>Attachments</h2>
      {attachments.length === 0 ? <p className="muted">No files attached.</p> : null}
      <ul className="plain-list">
        {attachments.map((a) => (
          <li key={a.id}>
            <button type="button" className="link-button" onClick={() => void open(a)}>
              {a.name}
            </button>{' '}
            <span className="muted">{size(a.size)}</span>
          </li>
        ))}
      </ul>
      {!readOnly ? (
        <button type="button" onClick={() => void attach()}>
          Attach files…
        </button>
      ) : null}
      {message ? (
        <p className={message.error ? 'form-error' : 'muted'} role={message.error ? 'alert' : 'status'}>
          {message.text}
        </p>
      ) : null}
    </section>
  );
}
