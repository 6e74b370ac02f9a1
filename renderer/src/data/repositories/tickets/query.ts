import Dexie, { type Collection } from 'dexie';
import { ACTIVE_STATUSES, STATUSES, type Status } from '../../../../../shared/tickets/enums';
import { parseQuery } from '../../../../../shared/tickets/search';
import { compareTickets, matchesFilter, type FilterContext, type SortSpec, type TicketFilter } from '../../../../../shared/tickets/views';
import { UNASSIGNED, type TicketRow } from './derive';
import type { TicketTables } from './tables';

/**
 * The list screen's queries, answered from indexes so that a view over
 * 100,000 tickets costs about what its first screen of rows costs.
 *
 * Narrow views (a site's open tickets, a search, "Unassigned"): one index
 * condition is selective enough to yield at most NARROW_CAP primary keys; those
 * records are read, filtered exactly (matchesFilter) and sorted
 * (compareTickets) in memory, and the list pages through the sorted ids.
 *
 * Broad views (every open ticket by last update): the sort key's `[key+id]`
 * index is walked in order with the filter applied on the way, stopping once a
 * screen is full. The last row of each page is remembered, so the next page
 * resumes after it (keyset paging) instead of re-reading the rows above.
 */
export const NARROW_CAP = 600;
/** Per search term, the most keys read to intersect with the other terms' keys (key-only reads are cheap). */
export const TERM_KEY_LIMIT = 20_000;
export const PAGE = 100;

export interface TicketQuery {
  filter: TicketFilter;
  /** The first key drives the index walk of a broad view; the rest break ties in narrow views. */
  sort: SortSpec[];
}

export type QueryPlan =
  | { mode: 'narrow'; ids: string[]; total: number }
  | { mode: 'broad'; total: number | null };

export interface TicketWindow {
  start: number;
  rows: TicketRow[];
  /** More matching rows after this window (broad views). */
  hasMore: boolean;
}

/** Sort keys with an index to walk; others are offered only where they are sorted in memory. */
const SORT_INDEX: Partial<Record<SortSpec['key'], string>> = {
  number: 'number',
  priority: '[priority+id]',
  due: '[due+id]',
  createdAt: '[createdAt+id]',
  updatedAt: '[updatedAt+id]',
};
export const INDEXED_SORT_KEYS = Object.keys(SORT_INDEX) as SortSpec['key'][];

const indexKey = (index: string, r: TicketRow): unknown =>
  index === 'number' ? r.number : [index === '[priority+id]' ? r.priority : index === '[due+id]' ? r.due : index === '[createdAt+id]' ? r.createdAt : r.updatedAt, r.id];

/** A stable key for caching per query. */
export const queryKey = (q: TicketQuery, ctx: Pick<FilterContext, 'meId'>): string => JSON.stringify([q.filter, q.sort, ctx.meId]);

const cross = <A, B>(as: readonly A[], bs: readonly B[]): [A, B][] => as.flatMap((a) => bs.map((b): [A, B] => [a, b]));

/** Index conditions that can stand in for part of the filter, most selective first (a guess; each is tried with a cap). */
function candidates(t: TicketTables, f: TicketFilter, ctx: FilterContext): (() => Collection<TicketRow, string>)[] {
  const out: (() => Collection<TicketRow, string>)[] = [];
  const statuses: readonly Status[] = f.statuses?.length ? f.statuses : STATUSES;
  const allActive = statuses.every((s) => (ACTIVE_STATUSES as readonly string[]).includes(s));
  const q = f.text ? parseQuery(f.text) : null;
  if (q) for (const term of [...q.terms].sort((a, b) => b.length - a.length)) out.push(() => t.tickets.where('words').startsWith(term));
  const assignee = f.assignee === 'me' ? [ctx.meId] : f.assignee === 'unassigned' ? [UNASSIGNED] : f.assignee?.length ? f.assignee : null;
  if (assignee) out.push(() => t.tickets.where('[assigneeKey+status]').anyOf(cross(assignee, statuses)));
  if ((f.dueToday || f.sla === 'breached') && allActive) {
    const until = f.sla === 'breached' ? ctx.now : ctx.endOfToday;
    out.push(() => unionRanges(t, statuses.map((s) => [[s, ''], [s, until]] as [[string, string], [string, string]])));
  }
  if (f.siteIds?.length) out.push(() => t.tickets.where('[siteId+status]').anyOf(cross(f.siteIds!, statuses)));
  if (f.systemIds?.length) out.push(() => t.tickets.where('[systemId+status]').anyOf(cross(f.systemIds!, statuses)));
  if (f.teamIds?.length) out.push(() => t.tickets.where('[teamId+status]').anyOf(cross(f.teamIds!, statuses)));
  if (f.tags?.length) out.push(() => t.tickets.where('tags').equals(f.tags![0]!.trim().toLowerCase()));
  if (f.createdFrom || f.createdTo)
    out.push(() => t.tickets.where('[createdAt+id]').between([f.createdFrom ?? '', Dexie.minKey], [f.createdTo ?? '\uffff', Dexie.maxKey], true, true));
  if (f.updatedFrom || f.updatedTo)
    out.push(() => t.tickets.where('[updatedAt+id]').between([f.updatedFrom ?? '', Dexie.minKey], [f.updatedTo ?? '\uffff', Dexie.maxKey], true, true));
  if (f.priorities?.length) out.push(() => t.tickets.where('[status+priority]').anyOf(cross(statuses, f.priorities!)));
  if (f.statuses?.length) out.push(() => t.tickets.where('status').anyOf(f.statuses!));
  return out;
}

function unionRanges(t: TicketTables, ranges: [[string, string], [string, string]][]): Collection<TicketRow, string> {
  const [first, ...rest] = ranges;
  let c = t.tickets.where('[status+due]').between(first![0], first![1], true, false);
  for (const r of rest) c = c.or('[status+due]').between(r[0], r[1], true, false);
  return c;
}

/** Does the filter hold anything beyond a status list? (Then a broad view's size is unknown without reading every row.) */
const onlyStatuses = (f: TicketFilter): boolean =>
  Object.entries(f).every(([k, v]) => k === 'statuses' || v === undefined || v === false || v === '' || (Array.isArray(v) && v.length === 0));

export function ticketQueries(t: TicketTables, { narrowCap = NARROW_CAP }: { narrowCap?: number } = {}) {
  /** Where each page of a broad view starts: query key → page start → index key of the row before it. */
  const checkpoints = new Map<string, Map<number, unknown>>();

  /** Sorted, exactly filtered ids of the records with these keys. */
  async function narrow(keys: readonly string[], q: TicketQuery, ctx: FilterContext): Promise<QueryPlan> {
    const rows = await t.tickets.bulkGet([...new Set(keys)]);
    const hits = (rows.filter(Boolean) as TicketRow[]).filter((r) => matchesFilter(r, q.filter, ctx));
    hits.sort(compareTickets(q.sort));
    const ids = hits.map((r) => r.id);
    return { mode: 'narrow', ids, total: ids.length };
  }

  /**
   * Two common words ("printer jam") can each match thousands of tickets and
   * still share few: intersect their primary keys (index only, no records).
   */
  async function textIntersection(text: string): Promise<string[] | null> {
    const { terms } = parseQuery(text);
    if (terms.length < 2) return null;
    let acc = null as Set<string> | null;
    for (const term of terms) {
      const keys = await t.tickets.where('words').startsWith(term).limit(TERM_KEY_LIMIT + 1).primaryKeys();
      if (keys.length > TERM_KEY_LIMIT) continue;
      const set: Set<string> = new Set(keys);
      acc = acc === null ? set : new Set([...acc].filter((k: string) => set.has(k)));
    }
    return acc === null ? null : [...acc];
  }

  async function plan(q: TicketQuery, ctx: FilterContext): Promise<QueryPlan> {
    if (q.filter.text) {
      const keys = await textIntersection(q.filter.text);
      if (keys !== null && keys.length <= narrowCap) return narrow(keys, q, ctx);
    }
    for (const make of candidates(t, q.filter, ctx)) {
      const keys = await make().limit(narrowCap + 1).primaryKeys();
      if (keys.length > narrowCap) continue;
      // Multi-entry and OR'ed ranges can repeat a key; narrow() reads each once.
      return narrow(keys, q, ctx);
    }
    checkpoints.delete(queryKey(q, ctx));
    if (!onlyStatuses(q.filter)) return { mode: 'broad', total: null };
    const total = q.filter.statuses?.length ? await t.tickets.where('status').anyOf(q.filter.statuses).count() : await t.tickets.count();
    return { mode: 'broad', total };
  }

  /** Rows [start, end) of a broad view, walking the sort index from the nearest remembered page start. */
  async function broadWindow(q: TicketQuery, ctx: FilterContext, start: number, end: number): Promise<TicketWindow> {
    const key = queryKey(q, ctx);
    let marks = checkpoints.get(key);
    if (!marks) {
      if (checkpoints.size > 20) checkpoints.clear();
      marks = new Map([[0, null]]);
      checkpoints.set(key, marks);
    }
    let from = 0;
    for (const s of marks.keys()) if (s <= start && s > from) from = s;
    const spec = q.sort[0] ?? { key: 'updatedAt', dir: 'desc' };
    const index = SORT_INDEX[spec.key] ?? '[updatedAt+id]';
    const desc = spec.dir === 'desc';
    const after = marks.get(from);
    let coll: Collection<TicketRow, string>;
    if (from === 0 || after === null || after === undefined) coll = t.tickets.orderBy(index);
    else coll = desc ? t.tickets.where(index).below(after) : t.tickets.where(index).above(after);
    if (desc) coll = coll.reverse();
    const rows = await coll.filter((r) => matchesFilter(r, q.filter, ctx)).limit(end - from).toArray();
    for (let i = PAGE; i <= rows.length; i += PAGE) marks.set(from + i, indexKey(index, rows[i - 1]!));
    return { start, rows: rows.slice(start - from), hasMore: rows.length === end - from };
  }

  /** Rows [start, end) of a narrow view: the sorted ids are in hand, read just those records. */
  async function narrowWindow(ids: readonly string[], start: number, end: number): Promise<TicketWindow> {
    const rows = (await t.tickets.bulkGet(ids.slice(start, end))).filter((r): r is TicketRow => r !== undefined);
    return { start, rows, hasMore: end < ids.length };
  }

  return { plan, broadWindow, narrowWindow };
}

export type TicketQueries = ReturnType<typeof ticketQueries>;
