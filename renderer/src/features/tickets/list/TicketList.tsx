import { useVirtualizer } from '@tanstack/react-virtual';
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useRef, useState } from 'react';
import { LABELS } from '../../../../../shared/tickets/enums';
import { pickPolicy, slaState } from '../../../../../shared/tickets/sla';
import type { FilterContext, SortSpec } from '../../../../../shared/tickets/views';
import type { TicketRow } from '../../../data/repositories/tickets/derive';
import { INDEXED_SORT_KEYS } from '../../../data/repositories/tickets/query';
import { endOfToday, formatWhen } from '../labels';
import { letterShortcutAllowed } from '../../../app/key-guard';
import { goToTicket } from '../route';
import { useTicketsUi } from '../store';
import { usePeopleNames, type Desk } from '../useDesk';
import { BulkBar } from './BulkBar';
import { FilterBar } from './FilterBar';
import { SearchBacklog } from './SearchBacklog';
import { StillArriving } from './StillArriving';
import { SlaCell } from './SlaCell';
import { pageRange, useTicketWindow } from './useTicketWindow';

const ROW_HEIGHT = 37;

const shortDate = (iso: string) => new Date(iso).toLocaleDateString('en-US', { month: 'short', day: 'numeric' });

const SORTABLE: { key: SortSpec['key']; label: string }[] = [
  { key: 'number', label: 'Number' },
  { key: 'priority', label: 'Priority' },
  { key: 'due', label: 'SLA' },
  { key: 'updatedAt', label: 'Updated' },
];

function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const h = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(h);
  }, []);
  return now;
}

/**
 * The ticket list: a virtualized table over an index query. Only the rows in
 * view (plus a page either side) are ever read or rendered, so it behaves the
 * same at 100 tickets and at 100,000.
 */
export function TicketList({ desk }: { desk: Desk }) {
  const { filter, sort, setSort, cursor, setCursor, selected, toggle, setSelected } = useTicketsUi();
  const nowMs = useNow();
  const meId = desk.actor?.id ?? '';
  const meIdsKey = (desk.actor?.ids ?? []).join(',');
  const slaSources = useLiveQuery(async () => ({ policies: await desk.repos.tables.slaPolicies.toArray(), calendars: await desk.repos.tables.calendars.toArray() }), [desk.repos]);
  const ctx: FilterContext = useMemo(() => {
    const now = new Date(nowMs).toISOString();
    const base: FilterContext = { meId, ...(meIdsKey ? { meIds: meIdsKey.split(',') } : {}), now, endOfToday: endOfToday(new Date(nowMs)) };
    if (!filter.sla || !slaSources) return base;
    const cals = new Map(slaSources.calendars.map((c) => [c.id, c]));
    return {
      ...base,
      sla: (t) => {
        const policy = pickPolicy(t, slaSources.policies);
        const cal = policy ? cals.get(policy.calendarId) : undefined;
        return policy && cal ? slaState(t, policy, cal, now) : null;
      },
    };
  }, [meId, meIdsKey, nowMs, filter.sla, slaSources]);

  const scroller = useRef<HTMLDivElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const [range, setRange] = useState({ start: 0, end: 200 });
  const q = useMemo(() => ({ filter, sort }), [filter, sort]);
  const { win, count, exact, loading, newestFirst } = useTicketWindow(desk, q, ctx, range);

  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Virtual hands back a mutable instance and re-renders on scroll itself; nothing here is memoized on it
  const virtual = useVirtualizer({ count, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });
  const items = virtual.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  useEffect(() => {
    const next = pageRange(first, last);
    setRange((r) => (r.start === next.start && r.end === next.end ? r : next));
  }, [first, last]);

  const rowAt = (i: number): TicketRow | undefined => (win && i >= win.start && i < win.start + win.rows.length ? win.rows[i - win.start] : undefined);
  const names = usePeopleNames(win ? win.rows.flatMap((r) => [r.requesterId, r.assigneeId]) : [], desk);

  // Keyboard paths of the list: j/k move, Enter opens, x selects, / searches (c is the screen's).
  // count and rowAt come from the last render; the cursor is read from the store so
  // quick successive presses each see the one before, even before React re-renders.
  const latest = useRef({ count, rowAt });
  latest.current = { count, rowAt };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      // Not while typing, under a dialog, or just after a form control let focus fall to the page.
      if (!letterShortcutAllowed(e)) return;
      const { count: n, rowAt: at } = latest.current;
      const c = useTicketsUi.getState().cursor;
      const move = (to: number) => {
        const i = Math.min(Math.max(0, to), Math.max(0, n - 1));
        setCursor(i);
        virtual.scrollToIndex(i, { align: 'auto' });
      };
      if (e.key === 'j' || e.key === 'ArrowDown') move(c + 1);
      else if (e.key === 'k' || e.key === 'ArrowUp') move(c - 1);
      else if (e.key === 'Enter' && (e.target === document.body || (e.target as HTMLElement).closest?.('.ticket-list'))) {
        const row = at(c);
        if (!row) return;
        goToTicket(row.id);
      } else if (e.key === 'x') {
        const row = at(c);
        if (row) toggle(row.id);
      }
      else if (e.key === '/') searchRef.current?.focus();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [setCursor, toggle, virtual]);

  const activeSort = sort[0];
  const sortBy = (key: SortSpec['key']) => setSort([{ key, dir: activeSort?.key === key && activeSort.dir === 'asc' ? 'desc' : 'asc' }]);
  const loadedIds = win ? win.rows.map((r) => r.id) : [];
  const allLoadedSelected = loadedIds.length > 0 && loadedIds.every((id) => selected.has(id));
  const padTop = items[0]?.start ?? 0;
  const padBottom = items.length ? virtual.getTotalSize() - items[items.length - 1]!.end : 0;

  return (
    <>
      <FilterBar desk={desk} searchRef={searchRef} />
      <BulkBar desk={desk} />
      <p className="list-count" role="status" aria-live="polite">
        <span>{loading ? 'Finding tickets…' : exact ? `${count.toLocaleString('en-US')} ticket${count === 1 ? '' : 's'}` : `${count.toLocaleString('en-US')}+ tickets`}</span>
        {/* Sorting thousands of matches would mean reading them all; narrow the search (or add a filter) to sort by a column. */}
        {newestFirst && !loading ? <span className="muted"> · many matches, newest first — add a word or a filter to sort by column</span> : null}
        <SearchBacklog db={desk.db} searching={Boolean(filter.text)} />
      </p>
      <StillArriving db={desk.db} />
      <div className="ticket-scroller" ref={scroller} tabIndex={0} aria-label="Ticket list, j and k to move, Enter to open, x to select">
        <table className="data-table ticket-list" aria-rowcount={count + 1}>
          <thead>
            <tr>
              <th scope="col" className="col-check">
                <input
                  type="checkbox"
                  aria-label="Select all loaded tickets"
                  checked={allLoadedSelected}
                  onChange={() => setSelected(allLoadedSelected ? [] : loadedIds)}
                />
              </th>
              {[SORTABLE[0]!].map((s) => (
                <SortHeader key={s.key} spec={s} active={activeSort} onSort={sortBy} />
              ))}
              <th scope="col">Title</th>
              <th scope="col">Status</th>
              <SortHeader spec={SORTABLE[1]!} active={activeSort} onSort={sortBy} />
              <SortHeader spec={SORTABLE[2]!} active={activeSort} onSort={sortBy} />
              <th scope="col">Requester</th>
              <th scope="col">Assignee</th>
              <SortHeader spec={SORTABLE[3]!} active={activeSort} onSort={sortBy} />
            </tr>
          </thead>
          <tbody>
            {padTop > 0 ? <tr aria-hidden="true" style={{ height: padTop }} /> : null}
            {items.map((item) => {
              const row = rowAt(item.index);
              const isCursor = item.index === cursor;
              if (!row)
                return (
                  <tr key={item.key} style={{ height: ROW_HEIGHT }} aria-rowindex={item.index + 2}>
                    <td colSpan={9} className="muted">
                      Loading…
                    </td>
                  </tr>
                );
              return (
                <tr
                  key={row.id}
                  style={{ height: ROW_HEIGHT }}
                  aria-rowindex={item.index + 2}
                  aria-current={isCursor ? 'true' : undefined}
                  className={`${isCursor ? 'cursor' : ''}${selected.has(row.id) ? ' selected' : ''}`}
                  data-testid="ticket-row"
                  onClick={() => setCursor(item.index)}
                  onDoubleClick={() => goToTicket(row.id)}
                >
                  <td className="col-check">
                    <input type="checkbox" aria-label={`Select ${row.number}`} checked={selected.has(row.id)} onChange={() => toggle(row.id)} />
                  </td>
                  <td className="mono">
                    <a href={`#/tickets/${row.id}`}>{row.number}</a>
                  </td>
                  <td className="col-title" title={row.title}>
                    {row.escalationLevel > 0 ? <span className="badge badge-esc">L{row.escalationLevel}</span> : null}
                    {row.title}
                  </td>
                  <td>
                    <span className={`status status-${row.status}`}>{LABELS.status[row.status]}</span>
                  </td>
                  <td>
                    <span className={`prio prio-${row.priority}`}>{row.priority}</span>
                  </td>
                  <td>
                    <SlaCell row={row} nowMs={nowMs} />
                  </td>
                  <td>{names.get(row.requesterId) ?? '…'}</td>
                  <td>{row.assigneeId ? (names.get(row.assigneeId) ?? '…') : <span className="muted">Unassigned</span>}</td>
                  <td title={formatWhen(row.updatedAt)}>{shortDate(row.updatedAt)}</td>
                </tr>
              );
            })}
            {padBottom > 0 ? <tr aria-hidden="true" style={{ height: padBottom }} /> : null}
          </tbody>
        </table>
        {!loading && count === 0 ? <p className="muted list-empty">No tickets match this view.</p> : null}
      </div>
    </>
  );
}

function SortHeader({ spec, active, onSort }: { spec: { key: SortSpec['key']; label: string }; active: SortSpec | undefined; onSort: (k: SortSpec['key']) => void }) {
  const on = active?.key === spec.key;
  if (!INDEXED_SORT_KEYS.includes(spec.key)) return <th scope="col">{spec.label}</th>;
  return (
    <th scope="col" aria-sort={on ? (active.dir === 'asc' ? 'ascending' : 'descending') : 'none'}>
      <button type="button" className="sort-button" onClick={() => onSort(spec.key)}>
        {spec.label}
        <span aria-hidden="true">{on ? (active.dir === 'asc' ? ' ▲' : ' ▼') : ''}</span>
      </button>
    </th>
  );
}
