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
/**
 * Where a view can also be read in sort order from a `[status+key+id]` index,
 * reading every match (narrow) pays only while the matches are few: beyond
 * this many, the ordered walk's first screen is cheaper.
 */
export const SMALL_CAP = 80;
/** Ordered walks read at least this many index keys of a status at a time. */
export const BATCH = 64;
/** Per search term, the most keys read to intersect with the other terms' keys (key-only reads are cheap). */
export const TERM_KEY_LIMIT = 20_000;
export const PAGE = 100;

export interface TicketQuery {
  filter: TicketFilter;
  /** The first key drives the index walk of a broad view; the rest break ties in narrow views. */
  sort: SortSpec[];
}

export type QueryPlan =
  /** `newest`: a search with many matches lists them newest first (by id) instead of reading them all to sort. */
  | { mode: 'narrow'; ids: string[]; total: number; order?: 'newest'; rows?: ReadonlyMap<string, TicketRow> }
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

/** Sort keys with a per-status index in sort order (schema v4). */
const STATUS_SORT_INDEX: Partial<Record<SortSpec['key'], string>> = {
  priority: '[status+priority+id]',
  due: '[status+due+id]',
  createdAt: '[status+createdAt+id]',
  updatedAt: '[status+updatedAt+id]',
};

const sortValue = (key: SortSpec['key'], r: TicketRow): string =>
  key === 'priority' ? r.priority : key === 'due' ? r.due : key === 'createdAt' ? r.createdAt : key === 'number' ? r.number : r.updatedAt;

const indexKey = (index: string, r: TicketRow): unknown =>
  index === 'number' ? r.number : [index === '[priority+id]' ? r.priority : index === '[due+id]' ? r.due : index === '[createdAt+id]' ? r.createdAt : r.updatedAt, r.id];

/** A stable key for caching per query. */
export const queryKey = (q: TicketQuery, ctx: Pick<FilterContext, 'meId'>): string => JSON.stringify([q.filter, q.sort, ctx.meId]);

const cross = <A, B>(as: readonly A[], bs: readonly B[]): [A, B][] => as.flatMap((a) => bs.map((b): [A, B] => [a, b]));

/** Primary keys of a candidate: one collection, or several read side by side (each a getAllKeys, not a cursor). */
type Keys = ((limit: number) => Promise<string[]>) & { statusOnly?: boolean };
const keysOf =
  (make: () => Collection<TicketRow, string>): Keys =>
  (limit) =>
    make().limit(limit).primaryKeys();
const keysOfEach =
  (makes: (() => Collection<TicketRow, string>)[]): Keys =>
  async (limit) =>
    (await Promise.all(makes.map((m) => m().limit(limit).primaryKeys()))).flat();
/** A candidate on status (and due or priority) alone: an ordered walk per status can answer the same view. */
const statusOnly = (k: Keys): Keys => Object.assign(k, { statusOnly: true });
/** Exact matches of `[x+status]` for each pair, read in parallel. */
const pairs = (t: TicketTables, index: string, xs: readonly string[], statuses: readonly string[]): Keys =>
  keysOfEach(cross(xs, statuses).map((p) => () => t.tickets.where(index).equals(p)));

/** Index conditions that can stand in for part of the filter, most selective first (a guess; each is tried with a cap). */
function candidates(t: TicketTables, f: TicketFilter, ctx: FilterContext): Keys[] {
  const out: Keys[] = [];
  const statuses: readonly Status[] = f.statuses?.length ? f.statuses : STATUSES;
  const allActive = statuses.every((s) => (ACTIVE_STATUSES as readonly string[]).includes(s));
  const q = f.text ? parseQuery(f.text) : null;
  if (q) for (const term of [...q.terms].sort((a, b) => b.length - a.length)) out.push(keysOf(() => t.tickets.where('words').startsWith(term)));
  const assignee = f.assignee === 'me' ? [ctx.meId] : f.assignee === 'unassigned' ? [UNASSIGNED] : f.assignee?.length ? f.assignee : null;
  if (assignee) out.push(pairs(t, '[assigneeKey+status]', assignee, statuses));
  if ((f.dueToday || f.sla === 'breached') && allActive) {
    const until = f.sla === 'breached' ? ctx.now : ctx.endOfToday;
    out.push(statusOnly(keysOfEach(statuses.map((s) => () => t.tickets.where('[status+due+id]').between([s, '', Dexie.minKey], [s, until, Dexie.minKey], true, false)))));
  }
  if (f.siteIds?.length) out.push(pairs(t, '[siteId+status]', f.siteIds, statuses));
  if (f.systemIds?.length) out.push(pairs(t, '[systemId+status]', f.systemIds, statuses));
  if (f.teamIds?.length) out.push(pairs(t, '[teamId+status]', f.teamIds, statuses));
  if (f.tags?.length) out.push(keysOf(() => t.tickets.where('tags').equals(f.tags![0]!.trim().toLowerCase())));
  if (f.createdFrom || f.createdTo)
    out.push(keysOf(() => t.tickets.where('[createdAt+id]').between([f.createdFrom ?? '', Dexie.minKey], [f.createdTo ?? '\uffff', Dexie.maxKey], true, true)));
  if (f.updatedFrom || f.updatedTo)
    out.push(keysOf(() => t.tickets.where('[updatedAt+id]').between([f.updatedFrom ?? '', Dexie.minKey], [f.updatedTo ?? '\uffff', Dexie.maxKey], true, true)));
  if (f.priorities?.length)
    out.push(statusOnly(keysOfEach(cross(statuses, f.priorities).map(([s, p]) => () => t.tickets.where('[status+priority+id]').between([s, p, Dexie.minKey], [s, p, Dexie.maxKey])))));
  if (f.statuses?.length) out.push(statusOnly(keysOfEach(f.statuses.map((s) => () => t.tickets.where('status').equals(s)))));
  return out;
}

/** Does the filter hold anything beyond a status list? (Then a broad view's size is unknown without reading every row.) */
const onlyStatuses = (f: TicketFilter): boolean =>
  Object.entries(f).every(([k, v]) => k === 'statuses' || v === undefined || v === false || v === '' || (Array.isArray(v) && v.length === 0));

/** One status's slice of a `[status+key+id]` index, read in sort order as index keys (no records). */
interface Stream {
  status: Status;
  /** Index keys read and not yet merged: [status, sort value, id]. */
  keys: [string, string, string][];
  pos: number;
  done: boolean;
  /** Index key of the last entry read, where the next read starts. */
  last: unknown[] | null;
}

/**
 * How an ordered walk reads: index keys first, then only the records on
 * screen (`keys`), or records in bounded batches per status (`records`,
 * which over-reads but needs no cursor). Kept switchable for the benchmark.
 */
export type OrderedRead = 'keys' | 'records';

export function ticketQueries(
  t: TicketTables,
  { narrowCap = NARROW_CAP, smallCap = Math.min(SMALL_CAP, narrowCap), orderedRead = 'keys' }: { narrowCap?: number; smallCap?: number; orderedRead?: OrderedRead } = {},
) {
  /** Where each page of a broad view starts: query key → page start → index key of the row before it. */
  const checkpoints = new Map<string, Map<number, unknown>>();

  /** Sorted, exactly filtered ids of the records with these keys. */
  async function narrow(keys: readonly string[], q: TicketQuery, ctx: FilterContext): Promise<QueryPlan> {
    const rows = await t.tickets.bulkGet([...new Set(keys)]);
    const hits = (rows.filter(Boolean) as TicketRow[]).filter((r) => matchesFilter(r, q.filter, ctx));
    hits.sort(compareTickets(q.sort));
    const ids = hits.map((r) => r.id);
    // The records were just read: hand them to the window reads. The plan is a live query over these very
    // records, so whenever one changes the plan (and with it these rows) is read again.
    return { mode: 'narrow', ids, total: ids.length, rows: new Map(hits.map((r) => [r.id, r])) };
  }

  /**
   * Two common words ("printer jam") can each match thousands of tickets and
   * still share few: intersect their primary keys (index only, no records).
   * `exact` when every term was intersected (none was too common to read).
   */
  async function textIntersection(text: string): Promise<{ keys: string[]; exact: boolean } | null> {
    const { terms } = parseQuery(text);
    if (terms.length === 0) return null;
    const sets = await Promise.all(terms.map((term) => t.tickets.where('words').startsWith(term).limit(TERM_KEY_LIMIT + 1).primaryKeys()));
    let acc = null as Set<string> | null;
    let exact = true;
    for (const keys of sets.sort((a, b) => a.length - b.length)) {
      if (keys.length > TERM_KEY_LIMIT) {
        exact = false;
        continue;
      }
      acc = acc === null ? new Set(keys) : new Set(keys.filter((k) => acc!.has(k)));
    }
    return acc === null ? null : { keys: [...acc], exact };
  }

  const orderedIndex = (q: TicketQuery): string | null => {
    const key = q.sort[0]?.key ?? 'updatedAt';
    return STATUS_SORT_INDEX[key] ?? null;
  };

  async function plan(q: TicketQuery, ctx: FilterContext): Promise<QueryPlan> {
    const ordered = orderedIndex(q) !== null;
    if (q.filter.text) {
      const hit = await textIntersection(q.filter.text);
      if (hit !== null && hit.keys.length <= Math.max(smallCap, ordered ? 0 : narrowCap)) return narrow(hit.keys, q, ctx);
      // Many matches of a search alone: newest first by id (ids are time-ordered), reading only the rows on screen.
      if (hit !== null && hit.exact && narrowCap > 0 && onlyText(q.filter)) {
        const ids = hit.keys.sort().reverse();
        return { mode: 'narrow', ids, total: ids.length, order: 'newest' };
      }
    }
    for (const keysFor of candidates(t, q.filter, ctx)) {
      const cap = keysFor.statusOnly && ordered ? smallCap : narrowCap;
      const keys = await keysFor(cap + 1);
      if (keys.length > cap) continue;
      // Multi-entry and OR'ed ranges can repeat a key; narrow() reads each once.
      return narrow(keys, q, ctx);
    }
    checkpoints.delete(queryKey(q, ctx));
    if (!onlyStatuses(q.filter)) return { mode: 'broad', total: null };
    const statuses = q.filter.statuses?.length ? q.filter.statuses : null;
    const total = statuses ? (await Promise.all(statuses.map((st) => t.tickets.where('status').equals(st).count()))).reduce((a, b) => a + b, 0) : await t.tickets.count();
    return { mode: 'broad', total };
  }

  /** The bounds of one status's slice of `[status+key+id]`, narrowed by the filter's own range on that key. */
  function bounds(status: Status, key: SortSpec['key'], f: TicketFilter, ctx: FilterContext): [unknown[], unknown[]] {
    let lo = '';
    let hi = '\uffff';
    if (key === 'due' && (f.dueToday || f.sla === 'breached')) hi = f.sla === 'breached' ? ctx.now : ctx.endOfToday;
    if (key === 'createdAt') [lo, hi] = [f.createdFrom ?? lo, f.createdTo ? `${f.createdTo}\uffff` : hi];
    if (key === 'updatedAt') [lo, hi] = [f.updatedFrom ?? lo, f.updatedTo ? `${f.updatedTo}\uffff` : hi];
    return [
      [status, lo, Dexie.minKey],
      [status, hi, Dexie.maxKey],
    ];
  }

  /**
   * Rows of a broad view sorted by a key with a per-status index. Each
   * status's range is read in order as index keys only (cheap: no records),
   * the ranges are merged by (key, id), and only the records that can be on
   * screen are read (bulkGet). The filter is still applied to every record,
   * so the ranges only have to be a superset; if it turns rows down, more keys
   * are merged. `after` is the (key, id) of the row before the first one wanted.
   */
  /** The `records` way of an ordered walk: each status's range read as records, a batch at a time, merged by (key, id). */
  async function orderedRecords(index: string, q: TicketQuery, ctx: FilterContext, after: [string, string] | null, want: number): Promise<TicketRow[]> {
    const spec = q.sort[0]!;
    const desc = spec.dir === 'desc';
    const statuses: readonly Status[] = q.filter.statuses?.length ? q.filter.statuses : STATUSES;
    // A fair share per status first; a status that runs dry while others still have rows reads more.
    let batch = Math.max(16, Math.ceil(want / statuses.length) + 8);
    const streams = statuses.map((status) => ({ status, buf: [] as TicketRow[], pos: 0, done: false, last: (after ? [status, ...after] : null) as unknown[] | null }));
    const fill = async (st: (typeof streams)[number]): Promise<void> => {
      if (st.pos < st.buf.length || st.done) return;
      const [lo, hi] = bounds(st.status, spec.key, q.filter, ctx);
      let coll = t.tickets.where(index).between(desc ? lo : (st.last ?? lo), desc ? (st.last ?? hi) : hi, desc || st.last === null, !desc || st.last === null);
      if (desc) coll = coll.reverse();
      const rows = await coll.limit(batch).toArray();
      st.buf = rows;
      st.pos = 0;
      st.done = rows.length < batch;
      const lastRow = rows[rows.length - 1];
      if (lastRow) st.last = [st.status, sortValue(spec.key, lastRow), lastRow.id];
    };
    const cmp = (a: TicketRow, b: TicketRow): number => {
      const ka = sortValue(spec.key, a);
      const kb = sortValue(spec.key, b);
      const c = ka < kb ? -1 : ka > kb ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
      return desc ? -c : c;
    };
    const out: TicketRow[] = [];
    while (out.length < want) {
      await Promise.all(streams.map(fill));
      batch = Math.max(batch, want - out.length);
      let best: (typeof streams)[number] | null = null;
      for (const st of streams) if (st.pos < st.buf.length && (best === null || cmp(st.buf[st.pos]!, best.buf[best.pos]!) < 0)) best = st;
      if (best === null) break;
      const row = best.buf[best.pos++]!;
      if (matchesFilter(row, q.filter, ctx)) out.push(row);
    }
    return out;
  }

  async function orderedRows(index: string, q: TicketQuery, ctx: FilterContext, after: [string, string] | null, want: number): Promise<TicketRow[]> {
    if (orderedRead === 'records') return orderedRecords(index, q, ctx, after, want);
    const spec = q.sort[0]!;
    const desc = spec.dir === 'desc';
    const statuses: readonly Status[] = q.filter.statuses?.length ? q.filter.statuses : STATUSES;
    const streams: Stream[] = statuses.map((status) => ({ status, keys: [], pos: 0, done: false, last: after ? [status, ...after] : null }));
    // Any one status may hold every row wanted, so each reads that many keys; a key is a few dozen bytes.
    const batch = Math.max(BATCH, want);
    const fill = async (st: Stream): Promise<void> => {
      if (st.pos < st.keys.length || st.done) return;
      const [lo, hi] = bounds(st.status, spec.key, q.filter, ctx);
      const from = desc ? lo : (st.last ?? lo);
      const to = desc ? (st.last ?? hi) : hi;
      let coll = t.tickets.where(index).between(from, to, desc || st.last === null, !desc || st.last === null);
      if (desc) coll = coll.reverse();
      const keys = (await coll.limit(batch).keys()) as unknown as [string, string, string][];
      st.keys = keys;
      st.pos = 0;
      st.done = keys.length < batch;
      if (keys.length) st.last = keys[keys.length - 1]!;
    };
    const cmp = (a: [string, string, string], b: [string, string, string]): number => {
      const c = a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0;
      return desc ? -c : c;
    };
    const out: TicketRow[] = [];
    while (out.length < want) {
      const ids: string[] = [];
      while (ids.length < want - out.length) {
        await Promise.all(streams.map(fill));
        let best: Stream | null = null;
        for (const st of streams) if (st.pos < st.keys.length && (best === null || cmp(st.keys[st.pos]!, best.keys[best.pos]!) < 0)) best = st;
        if (best === null) break;
        ids.push(best.keys[best.pos++]![2]);
      }
      if (ids.length === 0) break;
      for (const row of await t.tickets.bulkGet(ids)) if (row && matchesFilter(row, q.filter, ctx)) out.push(row);
    }
    return out;
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
    const after = marks.get(from);
    const ordered = orderedIndex({ ...q, sort: [spec] });
    let rows: TicketRow[];
    if (ordered) {
      rows = await orderedRows(ordered, { ...q, sort: [spec] }, ctx, (after as [string, string] | null | undefined) ?? null, end - from);
      for (let i = PAGE; i <= rows.length; i += PAGE) marks.set(from + i, [sortValue(spec.key, rows[i - 1]!), rows[i - 1]!.id]);
    } else {
      const index = SORT_INDEX[spec.key] ?? '[updatedAt+id]';
      const desc = spec.dir === 'desc';
      let coll: Collection<TicketRow, string>;
      if (from === 0 || after === null || after === undefined) coll = t.tickets.orderBy(index);
      else coll = desc ? t.tickets.where(index).below(after) : t.tickets.where(index).above(after);
      if (desc) coll = coll.reverse();
      rows = await coll.filter((r) => matchesFilter(r, q.filter, ctx)).limit(end - from).toArray();
      for (let i = PAGE; i <= rows.length; i += PAGE) marks.set(from + i, indexKey(index, rows[i - 1]!));
    }
    return { start, rows: rows.slice(start - from), hasMore: rows.length === end - from };
  }

  /** Rows [start, end) of a narrow view: the sorted ids are in hand, read just those records. */
  async function narrowWindow(ids: readonly string[], start: number, end: number, known?: ReadonlyMap<string, TicketRow>): Promise<TicketWindow> {
    const slice = ids.slice(start, end);
    const read = known && slice.every((id) => known.has(id)) ? slice.map((id) => known.get(id)) : await t.tickets.bulkGet(slice);
    const rows = read.filter((r): r is TicketRow => r !== undefined && r.deleted !== 1);
    return { start, rows, hasMore: end < ids.length };
  }

  return { plan, broadWindow, narrowWindow };
}

/** A filter that is a search and nothing else. */
const onlyText = (f: TicketFilter): boolean =>
  Object.entries(f).every(([k, v]) => k === 'text' || v === undefined || v === false || v === '' || (Array.isArray(v) && v.length === 0));

export type TicketQueries = ReturnType<typeof ticketQueries>;
