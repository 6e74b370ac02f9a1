import { useEffect, useState } from 'react';
import { LABELS } from '../../../../../shared/tickets/enums';
import { Field } from '../../../ui/Field';
import { EmptyState } from '../../../ui/EmptyState';
import { formatWhen, RESOLUTION_LABELS } from '../labels';
import { goToList, goToTicket, isTyping } from '../route';
import type { Desk } from '../useDesk';
import { TicketInformPanel } from '../../inform/TicketInformPanel';
import { Actions } from './Actions';
import { FieldsPanel } from './FieldsPanel';
import { AttachmentsPanel, LinksPanel } from './LinksAndFiles';
import { SlaPanel } from './SlaPanel';
import { Timeline } from './Timeline';
import { useTicketDetail } from './useTicketDetail';

/** One ticket: title and fields edited in place, actions, SLA, links, files and one timeline. */
export function TicketDetail({ desk, id }: { desk: Desk; id: string }) {
  const data = useTicketDetail(desk, id);
  const [titleError, setTitleError] = useState('');

  // Esc goes back to the list (a field's own Esc just leaves the field).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || document.querySelector('dialog[open]')) return;
      if (isTyping(e.target)) return (e.target as HTMLElement).blur();
      e.preventDefault();
      goToList();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  if (data === undefined) return <p className="loading" role="status">Opening the ticket…</p>;
  if (data.ticket === null)
    return (
      <div className="screen">
        <EmptyState title="Ticket not found" action={<button onClick={goToList}>Back to tickets</button>}>
          <p>It may not have reached this device yet.</p>
        </EmptyState>
      </div>
    );
  const t = data.ticket;
  const readOnly = t.status === 'closed' || t.status === 'cancelled';
  const names = (pid: string) => data.people.get(pid) ?? desk.names.get(pid) ?? (pid === data.requester?.id ? data.requester.name : 'Someone');

  return (
    <div className="screen ticket-detail">
      <nav aria-label="Breadcrumb" className="crumbs">
        <a href="#/tickets" onClick={(e) => (e.preventDefault(), goToList())}>
          ← Tickets
        </a>{' '}
        <kbd>Esc</kbd>
      </nav>
      <header className="ticket-head">
        <h1>
          <span className="mono">{t.number}</span> <span className="visually-hidden">{t.title}</span>
        </h1>
        <div className="ticket-badges">
          <span className={`status status-${t.status}`} data-testid="ticket-status">
            {LABELS.status[t.status]}
            {t.pendingReason ? ` · ${LABELS.pendingReason[t.pendingReason]}` : ''}
          </span>
          <span className={`prio prio-${t.priority}`}>
            {t.priority}
            {t.priorityOverride ? ' (override)' : ''}
          </span>
          {t.escalationLevel > 0 ? <span className="badge badge-esc">Escalated · level {t.escalationLevel}</span> : null}
          {t.mergedInto ? (
            <a href={`#/tickets/${t.mergedInto}`} onClick={(e) => (e.preventDefault(), goToTicket(t.mergedInto!))}>
              Merged into {data.numbers.get(t.mergedInto) ?? 'another ticket'}
            </a>
          ) : null}
        </div>
      </header>
      <Field
        key={`title-${t.title}`}
        label="Title"
        className="title-input"
        defaultValue={t.title}
        disabled={readOnly}
        error={titleError}
        onBlur={async (e) => {
          if (e.target.value === t.title) return;
          const r = await desk.repos.tickets.edit(t.id, { title: e.target.value });
          setTitleError(r.ok ? '' : (r.error.fields?.title ?? r.error.message));
        }}
        onKeyDown={(e) => e.key === 'Enter' && (e.target as HTMLInputElement).blur()}
      />
      <p className="muted requester-line">
        Requested by <strong>{data.requester?.name ?? 'unknown'}</strong>
        {data.requester?.email ? ` · ${data.requester.email}` : ''}
        {data.requester?.phone ? ` · ${data.requester.phone}` : ''} · via {LABELS.channel[t.channel]} · created {formatWhen(t.createdAt)}
      </p>
      {t.resolution ? (
        <p className="notice">
          <strong>Resolution ({RESOLUTION_LABELS[t.resolution.code]}):</strong> {t.resolution.text}
          {t.resolution.rootCause ? ` Root cause: ${t.resolution.rootCause}` : ''}
        </p>
      ) : null}
      <div className="detail-grid">
        <div className="detail-main">
          <Actions desk={desk} ticket={t} />
          <FieldsPanel key={t.updatedAt} desk={desk} ticket={t} readOnly={readOnly} />
          <Timeline desk={desk} ticketId={t.id} entries={data.workLog} history={data.history} names={names} readOnly={t.status === 'cancelled'} />
        </div>
        <aside className="detail-side">
          <SlaPanel ticket={t} policy={data.policy} calendar={data.calendar} />
          <TicketInformPanel ticket={t} requester={data.requester} assigneeName={t.assigneeId ? names(t.assigneeId) : null} />
          <LinksPanel desk={desk} ticketId={t.id} links={data.links} numbers={data.numbers} readOnly={readOnly} />
          <AttachmentsPanel desk={desk} ticketId={t.id} attachments={data.attachments} readOnly={t.status === 'cancelled'} />
        </aside>
      </div>
    </div>
  );
}
