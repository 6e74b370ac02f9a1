import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect } from 'react';
import { HomeNotices } from '../operations/HomeNotices';
import { EmptyState } from '../../ui/EmptyState';
import { ErrorBoundary } from '../../ui/ErrorBoundary';
import { CreateTicket } from './create/CreateTicket';
import { TicketDetail } from './detail/TicketDetail';
import { TicketList } from './list/TicketList';
import { ImportTickets } from './ImportTickets';
import { letterShortcutAllowed } from '../../app/key-guard';
import { goToNew, useTicketsRoute } from './route';
import { SampleDataButton } from './SampleDataButton';
import { useTicketsUi } from './store';
import { useDesk } from './useDesk';
import { NeedsUpdateListing } from '../inform/NeedsUpdateView';
import { NEEDS_UPDATE_VIEW } from '../inform/NeedsUpdateTab';
import './tickets.css';

/** Help-desk tickets: the list (`#/tickets`), a ticket (`#/tickets/<id>`) and the create form (`#/tickets/new`). */
export function TicketsScreen() {
  const desk = useDesk();
  const route = useTicketsRoute();
  const any = useLiveQuery(async () => (await desk.repos.tables.tickets.limit(1).count()) > 0, [desk.repos]);
  const onList = route.kind === 'list';
  const sampleLoading = useTicketsUi((s) => s.sampleLoading);
  const needsUpdate = useTicketsUi((s) => s.viewId === NEEDS_UPDATE_VIEW.id);
  // c creates a ticket from the list, empty or not (not in a form, not under a dialog).
  useEffect(() => {
    if (!onList) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'c' || !letterShortcutAllowed(e)) return;
      e.preventDefault();
      goToNew();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onList]);

  if (route.kind === 'new')
    return (
      <ErrorBoundary name="New ticket">
        <CreateTicket desk={desk} />
      </ErrorBoundary>
    );
  if (route.kind === 'detail')
    return (
      <ErrorBoundary key={route.id} name="Ticket details">
        <TicketDetail desk={desk} id={route.id} />
      </ErrorBoundary>
    );
  return (
    <div className="screen tickets-screen">
      <header className="screen-header">
        <h1>Tickets</h1>
        <div className="toolbar">
          <button type="button" className="primary" onClick={goToNew} aria-keyshortcuts="c">
            New ticket <kbd>c</kbd>
          </button>
          <ErrorBoundary name="Import tickets">
            <ImportTickets desk={desk} />
          </ErrorBoundary>
        </div>
      </header>
      {/* The screen people land on: what operations asks of them (overdue actions, failed runs for their team); nothing when nothing. */}
      <ErrorBoundary name="Needs your attention">
        <HomeNotices />
      </ErrorBoundary>
      {any === false || sampleLoading ? (
        <EmptyState title="No tickets yet" action={<SampleDataButton desk={desk} />}>
          <p>Requests you take by phone, email, walk-in or site visit will be listed here with their priority, status and SLA. Everything works offline.</p>
          <p>
            Press <kbd>c</kbd> to take the first one, or load sample agencies, sites, people and tickets to explore.
          </p>
        </EmptyState>
      ) : any ? (
        needsUpdate ? (
          <ErrorBoundary name="Tickets needing an update">
            <NeedsUpdateListing desk={desk} />
          </ErrorBoundary>
        ) : (
          <ErrorBoundary name="Ticket list">
            <TicketList desk={desk} />
          </ErrorBoundary>
        )
      ) : null}
    </div>
  );
}
