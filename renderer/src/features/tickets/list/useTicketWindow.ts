import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { PAGE, planWindow, queryKey, type QueryPlan, type TicketQuery, type TicketWindow } from '../../../data/repositories/tickets/query';
import type { FilterContext } from '../../../../../shared/tickets/views';
import type { Desk } from '../useDesk';

interface Shown {
  key: string;
  win: TicketWindow | null;
  /** Rows known to exist in a broad view of unknown size (it grows as pages are read). */
  known: number;
}

/**
 * The rows of the list the screen can see, and how many rows there are.
 * The plan (which ids, or "walk the index") is a live query of its own; the
 * visible window is another, so scrolling reads one page and an edit anywhere
 * re-reads only what is on screen. The last window stays on screen while the
 * next one loads, so rows never flash empty.
 */
export function useTicketWindow(desk: Desk, q: TicketQuery, ctx: FilterContext, range: { start: number; end: number }) {
  const key = queryKey(q, ctx);
  const minute = ctx.now.slice(0, 16);
  const { queries } = desk.repos;
  const plan = useLiveQuery(() => queries.plan(q, ctx), [queries, key, minute]) as QueryPlan | undefined;
  // A broad view's size is counted beside the first screen, not before it.
  const counted = useLiveQuery(() => (plan?.mode === 'broad' && plan.countable ? queries.count(q, ctx) : null), [plan]) ?? null;
  const win = useLiveQuery(
    () => (!plan ? undefined : planWindow(queries, plan, q, ctx, range.start, range.end)),
    [plan, range.start, range.end],
  ) as TicketWindow | undefined;

  // Derived state kept across renders (React's "adjust state while rendering" pattern).
  const [shown, setShown] = useState<Shown>({ key, win: null, known: 0 });
  const seenEnd = win ? win.start + win.rows.length + (win.hasMore ? PAGE : 0) : 0;
  if (shown.key !== key) setShown({ key, win: win ?? null, known: seenEnd });
  else if (win && win !== shown.win) setShown({ key, win, known: Math.max(shown.known, seenEnd) });

  const current = shown.key === key ? shown : null;
  const total = plan?.total ?? counted;
  const count = plan ? (total ?? Math.max(current?.known ?? 0, seenEnd)) : 0;
  const newestFirst = plan?.mode === 'search';
  return { plan, win: current?.win ?? null, count, exact: total !== null, loading: !plan, newestFirst };
}

/** Page-aligned range around the visible rows, so small scrolls do not re-query. */
export function pageRange(first: number, last: number): { start: number; end: number } {
  const start = Math.floor(Math.max(0, first) / PAGE) * PAGE;
  const end = (Math.floor(Math.max(first, last) / PAGE) + 1) * PAGE;
  return { start, end };
}
