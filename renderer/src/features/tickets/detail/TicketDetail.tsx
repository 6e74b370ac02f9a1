import { useEffect } from 'react';
import type { Ticket } from '../../../../../shared/tickets/schema';
import { LABELS } from '../../../../../shared/tickets/enums';
import type { HistoryLookups } from '../../../../../shared/tickets/history-format';
import { Field } from '../../../ui/Field';
import { draftKey } from '../../../ui/drafts';
import { EmptyState } from '../../../ui/EmptyState';
import { ErrorBoundary } from '../../../ui/ErrorBoundary';
import { useSaveOnLeave } from '../../../ui/useDraft';
import { formatWhen, RESOLUTION_LABELS } from '../labels';
import { focusJustLeftForm, isControl, isEditable, leaveField } from '../../../app/key-guard';
import { goToList, goToTicket } from '../route';
import type { Desk } from '../useDesk';
import { TicketInformPanel } from '../../inform/TicketInformPanel';
import { Actions } from './Actions';
import { FieldsPanel } from './FieldsPanel';
import { AttachmentsPanel, LinksPanel } from './LinksAndFiles';
import { SlaPanel } from './SlaPanel';
import { useTicketCommands } from './ticket-commands';
import { Timeline } from './Timeline';
import { useTicketDetail } from './useTicketDetail';
import { PlannedWorkWarnings } from '../../operations/PlannedWorkWarnings';

/** One ticket: title and fields edited in place, actions, SLA, links, files and one timeline. */
export function TicketDetail({ desk, id }: { desk: Desk; id: string }) {
  const data = useTicketDetail(desk, id);
  useTicketCommands(desk, data?.ticket);

  // Esc closes only what is open: a dialog or an action's form closes itself (and marks the key handled);
  // in a field or on a control, Esc leaves it for the page (a field saves as it is left); on the page, Esc goes back to the list.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented || document.querySelector('dialog[open]')) return;
      e.preventDefault();
      if (isControl(e.target) || isEditable(e.target) || focusJustLeftForm()) return leaveField(e.target as HTMLElement);
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
  const lookups: HistoryLookups = {
    person: (pid) => data.people.get(pid) ?? desk.names.get(pid) ?? (pid === data.requester?.id ? data.requester.name : undefined),
    catalog: (kind, cid) => data.catalogNames[kind].get(cid)?.name,
    catalogRenamedAt: (kind, cid) => data.catalogNames[kind].get(cid)?.renamedAt,
    ticketNumber: (tid) => (tid === t.id ? t.number : data.numbers.get(tid)),
    linkSide: (tid, other, kind) => {
      const link = data.allLinks.find((l) => l.kind === kind && ((l.fromId === tid && l.toId === other) || (l.fromId === other && l.toId === tid)));
      return link ? (link.fromId === tid ? 'from' : 'to') : undefined;
    },
    time: formatWhen,
  };

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
      {t.type === 'maintenance' ? <PlannedWorkWarnings ticketId={t.id} systemId={t.systemId} /> : null}
      <TitleField desk={desk} ticket={t} readOnly={readOnly} />
      <p className="muted requester-line">
        Requested by <strong>{data.requester?.name ?? 'unknown'}</strong>
        {data.requester?.email ? ` · ${data.requester.email}` : ''}
        {data.requester?.phone ? ` · ${data.requester.phone}` : ''} · via {LABELS.channel[t.channel]} · created {formatWhen(t.createdAt)} ·{' '}
        <a href={`#/access/new?${new URLSearchParams({ ticket: t.id, person: t.requesterId, ...(t.systemId ? { system: t.systemId } : {}) }).toString()}`}>Request access</a>
      </p>
      {t.resolution ? (
        <p className="notice">
          <strong>Resolution ({RESOLUTION_LABELS[t.resolution.code]}):</strong> {t.resolution.text}
          {t.resolution.rootCause ? ` Root cause: ${t.resolution.rootCause}` : ''}
        </p>
      ) : null}
      <div className="detail-grid">
        <div className="detail-main">
          <ErrorBoundary name="Ticket actions">
            <Actions desk={desk} ticket={t} />
          </ErrorBoundary>
          <ErrorBoundary name="Ticket fields">
            <FieldsPanel desk={desk} ticket={t} readOnly={readOnly} />
          </ErrorBoundary>
          <ErrorBoundary name="Work log and history">
            <Timeline desk={desk} ticketId={t.id} entries={data.workLog} history={data.history} names={names} lookups={lookups} readOnly={t.status === 'cancelled'} />
          </ErrorBoundary>
        </div>
        <aside className="detail-side">
          <ErrorBoundary name="SLA">
            <SlaPanel ticket={t} policy={data.policy} calendar={data.calendar} />
          </ErrorBoundary>
          <ErrorBoundary name="Update the requester">
            <TicketInformPanel ticket={t} requester={data.requester} assigneeName={t.assigneeId ? names(t.assigneeId) : null} />
          </ErrorBoundary>
          <ErrorBoundary name="Linked tickets">
            <LinksPanel desk={desk} ticketId={t.id} links={data.links} numbers={data.numbers} readOnly={readOnly} />
          </ErrorBoundary>
          <ErrorBoundary name="Attachments">
            <AttachmentsPanel desk={desk} ticketId={t.id} attachments={data.attachments} readOnly={t.status === 'cancelled'} />
          </ErrorBoundary>
        </aside>
      </div>
    </div>
  );
}

/** The title, edited in place and saved when left (like every text field of the ticket). */
function TitleField({ desk, ticket, readOnly }: { desk: Desk; ticket: Ticket; readOnly: boolean }) {
  const title = useSaveOnLeave({
    key: draftKey('ticket.title', ticket.id),
    saved: ticket.title,
    disabled: readOnly,
    save: async (value) => {
      const r = await desk.repos.tickets.edit(ticket.id, { title: value });
      return r.ok || r.error.message === 'Nothing changed.' ? { ok: true } : { ok: false, message: r.error.fields?.title ?? r.error.message };
    },
  });
  return (
    <Field
      label="Title"
      className="title-input"
      value={title.value}
      onChange={title.onChange}
      onBlur={title.onBlur}
      disabled={readOnly}
      error={title.error || undefined}
      onKeyDown={(e) => e.key === 'Enter' && void title.commit()}
    />
  );
}
