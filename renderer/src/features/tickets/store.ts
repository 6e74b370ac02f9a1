import { create } from 'zustand';
import { ALL_OPEN_VIEW, ALL_TICKETS_VIEW, LIST_VIEWS, type SortSpec, type TicketFilter } from '../../../../shared/tickets/views';

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

export const ALL_OPEN: ViewChoice = ALL_OPEN_VIEW;
export const EVERYTHING: ViewChoice = ALL_TICKETS_VIEW;
export const VIEWS: readonly ViewChoice[] = LIST_VIEWS;

interface TicketsUi {
  viewId: string;
  /** The view the filter and sort on screen came from, still known once they are changed (to offer updating it). */
  basedOn: string;
  /** Counts requests (from the palette) to open the "Save view" dialog. */
  saveViewAsked: number;
  askToSaveView(): void;
  filter: TicketFilter;
  sort: SortSpec[];
  cursor: number;
  selected: ReadonlySet<string>;
  /** Sample data is loading: the empty state (with its progress dialog) stays up until it is done. */
  sampleLoading: boolean;
  setSampleLoading(on: boolean): void;
  chooseView(view: ViewChoice): void;
  /** The chosen view was deleted: its filter and sort stay on screen, as an unsaved ("custom") choice. */
  forgetView(id: string): void;
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
  basedOn: ALL_OPEN.id,
  saveViewAsked: 0,
  askToSaveView: () => set((s) => ({ saveViewAsked: s.saveViewAsked + 1 })),
  filter: ALL_OPEN.filter,
  sort: ALL_OPEN.sort,
  cursor: 0,
  selected: new Set(),
  sampleLoading: false,
  setSampleLoading: (sampleLoading) => set({ sampleLoading }),
  chooseView: (v) => set({ viewId: v.id, basedOn: v.id, filter: v.filter, sort: v.sort, cursor: 0, selected: new Set() }),
  forgetView: (id) => set((s) => ({ ...(s.viewId === id ? { viewId: 'custom' } : {}), ...(s.basedOn === id ? { basedOn: 'custom' } : {}) })),
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
