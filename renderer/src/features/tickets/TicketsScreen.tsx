import { EmptyState } from '../../ui/EmptyState';

export function TicketsScreen() {
  return (
    <div className="screen">
      <header className="screen-header">
        <h1>Tickets</h1>
      </header>
      <EmptyState title="No tickets yet">
        <p>Requests you take by phone, email, walk-in or site visit will be listed here with their priority, status and SLA. Everything works offline.</p>
      </EmptyState>
    </div>
  );
}
