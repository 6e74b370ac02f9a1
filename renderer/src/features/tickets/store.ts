import { create } from 'zustand';
import { ACTIVE_STATUSES } from '../../../../shared/tickets/enums';
import { BUILT_IN_VIEWS, type SortSpec, type TicketFilter } from '../../../../shared/tickets/views';

/**
 * UI state of the tickets screen only: which view and filters are chosen, the
 * keyboard cursor and the selected rows. Tickets themselves are read from the
 * database with live queries and never kept here.
 */
export interface ViewChoice {
  id: string;
  name: string;
  filter: TicketFilter;
  sort: SortSpec[];
}

export const ALL_OPEN: ViewChoice = { id: 'all-open', name: 'All open', filter: { statuses: [...ACTIVE_STATUSES] }, sort: [{ key: 'updatedAt', dir: 'desc' }] };
export const EVERYTHING: ViewChoice = { id: 'all', name: 'All tickets', filter: {}, sort: [{ key: 'updatedAt', dir: 'desc' }] };
export const VIEWS: readonly ViewChoice[] = [ALL_OPEN, ...BUILT_IN_VIEWS, EVERYTHING];

interface TicketsUi {
  viewId: string;
  filter: TicketFilter;
  sort: SortSpec[];
  cursor: number;
  selected: ReadonlySet<string>;
  /** Sample data is loading: the empty state (with its progress dialog) stays up until it is done. */
  sampleLoading: boolean;
  setSampleLoading(on: boolean): void;
  chooseView(view: ViewChoice): void;
  setFilter(patch: Partial<TicketFilter>): void;
  setSort(sort: SortSpec[]): void;
  setCursor(i: number): void;
  toggle(id: string): void;
  setSelected(ids: Iterable<string>): void;
}

/** Drop empty values so the query key (and the plan) does not change for nothing. */
function clean(f: TicketFilter): TicketFilter {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(f)) {
    if (v === undefined || v === '' || v === false || (Array.isArray(v) && v.length === 0)) continue;
    out[k] = v;
  }
  return out as TicketFilter;
}

export const useTicketsUi = create<TicketsUi>((set) => ({
  viewId: ALL_OPEN.id,
  filter: ALL_OPEN.filter,
  sort: ALL_OPEN.sort,
  cursor: 0,
  selected: new Set(),
  sampleLoading: false,
  setSampleLoading: (sampleLoading) => set({ sampleLoading }),
  chooseView: (v) => set({ viewId: v.id, filter: v.filter, sort: v.sort, cursor: 0, selected: new Set() }),
  setFilter: (patch) => set((s) => ({ filter: clean({ ...s.filter, ...patch }), viewId: 'custom', cursor: 0 })),
  setSort: (sort) => set({ sort, cursor: 0 }),
  setCursor: (cursor) => set({ cursor: Math.max(0, cursor) }),
  toggle: (id) =>
    set((s) => {
      const next = new Set(s.selected);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return { selected: next };
    }),
  setSelected: (ids) => set({ selected: new Set(ids) }),
}));
