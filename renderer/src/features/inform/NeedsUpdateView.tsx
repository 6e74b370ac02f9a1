import { useRef } from 'react';
import { formatLocalDate, needsUpdateCountText, overdueText, silenceText } from '../../../../shared/inform/needs-update-view';
import { LABELS } from '../../../../shared/tickets/enums';
import { useUi } from '../../app/ui-store';
import { EmptyState } from '../../ui/EmptyState';
import { FilterBar } from '../tickets/list/FilterBar';
import { usePeopleNames, type Desk } from '../tickets/useDesk';
import { composeUpdateHash, useNeedsUpdate } from './NeedsUpdateTab';
import './inform.css';

/** The list screen while "Needs an update" is chosen: the views and filters above, these tickets below. */
export function NeedsUpdateListing({ desk }: { desk: Desk }) {
  const searchRef = useRef<HTMLInputElement>(null);
  const list = useNeedsUpdate();
  const names = usePeopleNames(list ? list.rows.map((r) => r.ticket.requesterId) : [], desk);
  const navigate = useUi((s) => s.navigate);
  const rows = list?.rows;
  return (
    <>
      <FilterBar desk={desk} searchRef={searchRef} />
      <p className="list-count" role="status" aria-live="polite">
        {rows === undefined ? 'Finding tickets…' : needsUpdateCountText(rows.length)}
        {list ? (
          <span className="muted">
            {' '}
            · cadence P1 {list.cadence.P1}, P2 {list.cadence.P2}, P3 {list.cadence.P3}, P4 {list.cadence.P4} business days ·{' '}
            {list.calendarName ? `by the calendar ${list.calendarName}` : 'no business calendar yet: counting Monday to Friday'}
          </span>
        ) : null}
      </p>
      {rows === undefined ? null : rows.length === 0 ? (
        <EmptyState
          title="Every requester is up to date"
          action={
            <button type="button" onClick={() => navigate('settings')}>
              Change the cadence in Settings
            </button>
          }
        >
          <p>An open ticket shows up here when its requester has heard nothing for the number of business days set for its priority. Tickets waiting on the requester are left out.</p>
        </EmptyState>
      ) : (
        <div className="table-scroll">
          <table className="data-table needs-update-table" aria-label="Tickets needing an update">
            <thead>
              <tr>
                <th scope="col">Number</th>
                <th scope="col">Title</th>
                <th scope="col">Priority</th>
                <th scope="col">Requester</th>
                <th scope="col">Since the last update</th>
                <th scope="col">Update due</th>
                <th scope="col">
                  <span className="visually-hidden">Action</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.ticket.id} data-testid="needs-update-row">
                  <td className="mono">
                    <a href={`#/tickets/${encodeURIComponent(r.ticket.id)}`}>{r.ticket.number}</a>
                  </td>
                  <td>
                    {r.ticket.title}
                    <span className="muted"> · {LABELS.status[r.ticket.status]}</span>
                  </td>
                  <td>
                    <span className={`prio prio-${r.ticket.priority}`}>{r.ticket.priority}</span>
                  </td>
                  <td>{names.get(r.ticket.requesterId) ?? '…'}</td>
                  <td title={r.lastContact ? `Last update ${new Date(r.lastContact).toLocaleString()}` : `Opened ${new Date(r.ticket.createdAt).toLocaleString()}`}>{silenceText(r)}</td>
                  <td title={`Due ${formatLocalDate(r.dueDate)}`}>{overdueText(r)}</td>
                  <td>
                    <button type="button" onClick={() => (location.hash = composeUpdateHash(r.ticket.id))} aria-label={`Compose update for ${r.ticket.number}`}>
                      Compose update
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
