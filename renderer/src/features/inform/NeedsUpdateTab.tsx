import { useLiveQuery } from 'dexie-react-hooks';
import { ACTIVE_STATUSES } from '../../../../shared/tickets/enums';
import { needsUpdateCountText } from '../../../../shared/inform/needs-update-view';
import { ALL_OPEN, useTicketsUi, type ViewChoice } from '../tickets/store';
import { useInform } from './KnowledgeScreen';

/**
 * "Needs an update": open tickets whose requester has heard nothing for the
 * cadence of their priority (Settings → Help desk → Requester updates), in
 * business days by the desk's calendar. A view of the ticket list, chosen
 * like the built-in ones; not a saved filter, since it reads the work log.
 */
export const NEEDS_UPDATE_VIEW: ViewChoice = { id: 'needs-update', name: 'Needs an update', filter: { statuses: [...ACTIVE_STATUSES] }, sort: ALL_OPEN.sort };

/** Open a ticket with its update box focused (the ticket's own compose flow). */
export const composeUpdateHash = (ticketId: string) => `#/tickets/${encodeURIComponent(ticketId)}?compose`;

/** The view's rows, live: a work-log entry to the requester, a status or priority change or a new cadence moves them. */
export function useNeedsUpdate() {
  const inform = useInform();
  return useLiveQuery(() => inform.updates.needsUpdateList(), [inform]);
}

/** The view's button among the list's views, with its count. */
export function NeedsUpdateTab() {
  const list = useNeedsUpdate();
  const { viewId, chooseView } = useTicketsUi();
  const n = list?.rows.length;
  return (
    <button type="button" aria-pressed={viewId === NEEDS_UPDATE_VIEW.id} onClick={() => chooseView(NEEDS_UPDATE_VIEW)} title={n === undefined ? undefined : needsUpdateCountText(n)}>
      {NEEDS_UPDATE_VIEW.name}
      {n === undefined ? null : (
        <>
          {' '}
          <span className="count-badge">{n}</span>
        </>
      )}
    </button>
  );
}

