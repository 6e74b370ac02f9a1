import Dexie, { type Collection, type IndexableType } from 'dexie';
import { ACTIVE_STATUSES, STATUSES, type Status } from '../../../../../shared/tickets/enums';
import { parseQuery } from '../../../../../shared/tickets/search';
import { compareTickets, matchesFilter, type FilterContext, type SortSpec, type TicketFilter } from '../../../../../shared/tickets/views';
import { UNASSIGNED, type TicketRow } from './derive';
import type { TicketTables } from './tables';
import { probePositions, type IndexKey } from './index-probe';
import { ACTIVE_SITE_INDEX, ACTIVE_UPDATED_INDEX } from './stores';
import { activeIndexesReady } from './active-keys';
import { WORD_BLOCKS, WORD_BLOCKS_UP_TO, type WordBlockState } from './word-blocks';
import { newestTicketId, WordWalk, wordsStartingWith } from './word-walk';

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
/** Probes per status when an ordered walk looks for its cutoff: over-reading is at most want / PROBES rows per status. */
export const PROBES = 6;
/**
 * A search term (a prefix) is walked in the word index as the union of the
 * words it starts, up to this many; a broader term (a short prefix such as
 * "p") is left to the exact check on the records.
 */
export const WORDS_PER_TERM = 24;
export const PAGE = 100;

export interface TicketQuery {
  filter: TicketFilter;
  /** The first key drives the index walk of a broad view; the rest break ties in narrow views. */
  sort: SortSpec[];
}

export type QueryPlan =
  | { mode: 'narrow'; ids: string[]; total: number; rows?: ReadonlyMap<string, TicketRow> }
  /** `countable`: count() can tell the view's size (its filter is statuses alone). */
  | { mode: 'broad'; total: null; countable: boolean }
  /**
   * A search with many matches, listed newest first (by id: ids are
   * time-ordered) from the word index, a page at a time, instead of reading
   * every match to sort. `first` holds the rows the plan already read;
   * `marks` remembers where each page starts (the id of the row before it).
   */
  | { mode: 'search'; total: null; walk: WordWalk; first: TicketRow[]; marks: Map<number, string> };

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

/**
 * An ordered walk: an index whose first components are one of `parts` (a
 * status; a pending reason; a site and a status), then the sort key, then the id.
 */
interface Ordered {
  index: string;
  /** `active` (1) is a number; every other part is a string. */
  parts: readonly (readonly (string | number)[])[];
}

/** Pending tickets by reason, in order of last update (schema v5). */
const REASON_SORT_INDEX = '[pendingReason+updatedAt+id]';

/** A site's tickets by status, then priority (schema v6): "By site" views read one screen, not every site's rows. */
const SITE_SORT_INDEX = '[siteId+status+priority+id]';
/** An assignee's (or nobody's) tickets by status, then priority (schema v7): "My open" and "Unassigned". */
const ASSIGNEE_SORT_INDEX = '[assigneeKey+status+priority+id]';
/** The view's statuses are exactly the active ones, in any order: the `[active+…]` indexes (schema v12) hold just those tickets. */
const exactlyActive = (statuses: readonly string[]): boolean =>
  new Set(statuses).size === ACTIVE_STATUSES.length && ACTIVE_STATUSES.every((s) => statuses.includes(s));
/** More sites (or assignees) × statuses than this are walked by status instead: each part is a range read and probed on its own. */
const MAX_WALK_PARTS = 12;

/** The `assigneeKey` values an assignee filter stands for, or null when it has none. */
const assigneeKeys = (f: TicketFilter, ctx: Pick<FilterContext, 'meId' | 'meIds'>): readonly string[] | null =>
  f.assignee === 'me' ? (ctx.meIds ?? [ctx.meId]) : f.assignee === 'unassigned' ? [UNASSIGNED] : f.assignee?.length ? f.assignee : null;

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
  index === 'number' ? [r.number, r.id] : [index === '[priority+id]' ? r.priority : index === '[due+id]' ? r.due : index === '[createdAt+id]' ? r.createdAt : r.updatedAt, r.id];

/** A stable key for caching per query. */
export const queryKey = (q: TicketQuery, ctx: Pick<FilterContext, 'meId' | 'meIds'>): string => JSON.stringify([q.filter, q.sort, ctx.meIds ?? ctx.meId]);

const cross = <A, B>(as: readonly A[], bs: readonly B[]): [A, B][] => as.flatMap((a) => bs.map((b): [A, B] => [a, b]));

/** Primary keys of a candidate: one collection, or several read side by side (each a getAllKeys, not a cursor). */
type Keys = ((limit: number) => Promise<string[]>) & {
  statusOnly?: boolean;
  /** The ordered walk indexes that answer the same view (a pair candidate on site or assignee). */
  walkedBy?: readonly string[];
  /** A pair candidate: a subset of the view's statuses' tickets. */
  withinStatuses?: boolean;
  /** The view's statuses alone: a superset of every pair candidate. */
  allOfStatuses?: boolean;
};
const keysOf =
  (make: () => Collection<TicketRow, string>): Keys =>
  (limit) =>
    make().limit(limit).primaryKeys();
const keysOfEach =
  (makes: (() => Collection<TicketRow, string>)[]): Keys =>
  async (limit) =>
    (await Promise.all(makes.map((m) => m().limit(limit).primaryKeys()))).flat();
/** A candidate on status (and due or priority) or pending reason alone: an ordered walk can answer the same view. */
const statusOnly = (k: Keys): Keys => Object.assign(k, { statusOnly: true });
/** Exact matches of `[x+status]` for each pair, read in parallel: a subset of the view's statuses' tickets. */
const pairs = (t: TicketTables, index: string, xs: readonly string[], statuses: readonly string[], walkedBy?: readonly string[]): Keys =>
  Object.assign(keysOfEach(cross(xs, statuses).map((p) => () => t.tickets.where(index).equals(p))), { withinStatuses: true, walkedBy });

/** Whether some tickets' words are kept out of the `words` index (word-blocks.ts): then it answers no search alone. */
const wordsIndexPartial = (t: TicketTables): boolean => (t.tickets.db as unknown as { wordBlockState?: WordBlockState }).wordBlockState?.partial === true;

/** Index conditions that can stand in for part of the filter, most selective first (a guess; each is tried with a cap). */
function candidates(t: TicketTables, f: TicketFilter, ctx: FilterContext): Keys[] {
  const out: Keys[] = [];
  const statuses: readonly Status[] = f.statuses?.length ? f.statuses : STATUSES;
  const allActive = statuses.every((s) => (ACTIVE_STATUSES as readonly string[]).includes(s));
  const q = f.text ? parseQuery(f.text) : null;
  // Where some tickets' words are in the word blocks only, the index would leave them out of a "few matches" answer.
  if (q && !wordsIndexPartial(t)) for (const term of [...q.terms].sort((a, b) => b.length - a.length)) out.push(keysOf(() => t.tickets.where('words').startsWith(term)));
  const assignee = assigneeKeys(f, ctx);
  if (assignee) out.push(pairs(t, '[assigneeKey+status]', assignee, statuses, [ASSIGNEE_SORT_INDEX]));
  if ((f.dueToday || f.sla === 'breached') && allActive) {
    const until = f.sla === 'breached' ? ctx.now : ctx.endOfToday;
    out.push(statusOnly(keysOfEach(statuses.map((s) => () => t.tickets.where('[status+due+id]').between([s, '', Dexie.minKey], [s, until, Dexie.minKey], true, false)))));
  }
  if (f.siteIds?.length) out.push(pairs(t, '[siteId+status]', f.siteIds, statuses, [SITE_SORT_INDEX, ACTIVE_SITE_INDEX]));
  if (f.systemIds?.length) out.push(pairs(t, '[systemId+status]', f.systemIds, statuses));
  if (f.teamIds?.length) out.push(pairs(t, '[teamId+status]', f.teamIds, statuses));
  if (f.tags?.length) out.push(keysOf(() => t.tickets.where('tags').equals(f.tags![0]!.trim().toLowerCase())));
  if (f.createdFrom || f.createdTo)
    out.push(keysOf(() => t.tickets.where('[createdAt+id]').between([f.createdFrom ?? '', Dexie.minKey], [f.createdTo ?? '\uffff', Dexie.maxKey], true, true)));
  if (f.updatedFrom || f.updatedTo)
    out.push(keysOf(() => t.tickets.where('[updatedAt+id]').between([f.updatedFrom ?? '', Dexie.minKey], [f.updatedTo ?? '\uffff', Dexie.maxKey], true, true)));
  if (f.priorities?.length)
    out.push(statusOnly(keysOfEach(cross(statuses, f.priorities).map(([s, p]) => () => t.tickets.where('[status+priority+id]').between([s, p, Dexie.minKey], [s, p, Dexie.maxKey])))));
  if (f.pendingReasons?.length)
    out.push(statusOnly(keysOfEach(f.pendingReasons.map((r) => () => t.tickets.where(REASON_SORT_INDEX).between([r, '', Dexie.minKey], [r, '\uffff', Dexie.maxKey])))));
  if (f.statuses?.length) out.push(Object.assign(statusOnly(keysOfEach(f.statuses.map((s) => () => t.tickets.where('status').equals(s)))), { allOfStatuses: true }));
  return out;
}

const unset = (v: unknown): boolean => v === undefined || v === false || v === '' || (Array.isArray(v) && v.length === 0);

/** Does the filter hold anything beyond a status list? (Then a broad view's size is unknown without reading every row.) */
const onlyStatuses = (f: TicketFilter): boolean => Object.entries(f).every(([k, v]) => k === 'statuses' || unset(v));

/** A site view: sites and statuses only, counted exactly from `[siteId+status]`. */
const onlySitesAndStatuses = (f: TicketFilter): boolean => !unset(f.siteIds) && Object.entries(f).every(([k, v]) => k === 'statuses' || k === 'siteIds' || unset(v));

/** An assignee view ("My open", "Unassigned"): assignee and statuses only, counted exactly from `[assigneeKey+status]`. */
const onlyAssigneeAndStatuses = (f: TicketFilter): boolean => !unset(f.assignee) && Object.entries(f).every(([k, v]) => k === 'statuses' || k === 'assignee' || unset(v));

/** Can count() tell a broad view's size without reading its rows? */
const countable = (f: TicketFilter): boolean => onlyStatuses(f) || onlySitesAndStatuses(f) || onlyAssigneeAndStatuses(f);

/**
 * How an ordered walk reads: the ids at or above a probed cutoff, then those
 * records (`cutoff`, the default; it over-reads up to a probe's step per
 * status); each status's first index keys, merged, then exactly the records
 * on screen (`keys`: no probes and no over-read, but index keys come one by
 * one from a cursor); or records in bounded batches per status (`records`,
 * which over-reads more). At 50,000 tickets `keys` and `cutoff` were within
 * the noise of each other on every view; at 100,000 `keys` was ahead on
 * "Unassigned" and "All open" and behind on a site's view. A whole screen of
 * records per status in one getAll (Chromium 141+ reads a reversed range in
 * one request) was tried and measured slower: at 100,000 tickets three such
 * reads of 25 records took 13 ms against 5 ms for a bulkGet of 50. Records,
 * not requests, are what a first screen pays for. Kept switchable for the benchmark.
 */
export type OrderedRead = 'cutoff' | 'records' | 'keys';

/** Index keys are [...part, key, id]: in sort order by the last two, whatever the part's length. */
const indexKeyOrder =
  (desc: boolean) =>
  (a: readonly unknown[], b: readonly unknown[]): number => {
    const [ka, ia] = a.slice(-2) as [string, string];
    const [kb, ib] = b.slice(-2) as [string, string];
    const c = ka < kb ? -1 : ka > kb ? 1 : ia < ib ? -1 : ia > ib ? 1 : 0;
    return desc ? -c : c;
  };

/** How many entries an ordered walk's next round reads, `got` of `want` rows in hand: more when the filter turned many down. */
const nextNeed = (want: number, got: number, read: number, kept: number): number => Math.min(Math.ceil((want - got) * (kept > 0 ? read / kept : read > 0 ? 8 : 1)), Math.max(want, 1000));

/** One status's slice of an ordered walk's index: its bounds, and its entries in sort order (through Dexie, which a live query watches). */
interface WalkRange {
  lo: unknown[];
  hi: unknown[];
  loOpen: boolean;
  hiOpen: boolean;
  entries: () => Collection<TicketRow, string>;
}

export function ticketQueries(
  t: TicketTables,
  { narrowCap = NARROW_CAP, smallCap = Math.min(SMALL_CAP, narrowCap), orderedRead = 'cutoff' }: { narrowCap?: number; smallCap?: number; orderedRead?: OrderedRead } = {},
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
   * For each search term the exact words it stands for, or null when no term
   * can be walked (each is too broad a prefix). The one-key Dexie read per
   * term is what makes a live plan re-run when a ticket gains or loses a word
   * in that range (Dexie watches the whole range a query names).
   */
  async function termWords(text: string): Promise<{ words: string[][]; exact: boolean; upTo: string | null; newest: string | null } | null> {
    const { terms } = parseQuery(text);
    const idb = t.tickets.db.backendDB();
    const blocks = idb.objectStoreNames.contains(WORD_BLOCKS);
    const [lists, , mark, newest] = await Promise.all([
      Promise.all(terms.map((term) => wordsStartingWith(idb, term, WORDS_PER_TERM, { blocks: blocks && wordsIndexPartial(t) }))),
      Promise.all(terms.map((term) => t.tickets.where('words').startsWith(term).limit(1).primaryKeys())),
      // The word blocks' mark, read once per plan: blocks only grow, so the walk may use it for as long as it lives.
      blocks ? t.tickets.db.table('meta').get(WORD_BLOCKS_UP_TO) : undefined,
      blocks ? newestTicketId(idb) : null,
    ]);
    const walkable = lists.filter((ws) => ws.length <= WORDS_PER_TERM);
    const upTo = typeof mark?.value === 'string' ? mark.value : null;
    return walkable.length === 0 ? null : { words: walkable, exact: walkable.length === lists.length, upTo, newest };
  }

  /**
   * Up to `want` rows of a search, newest first, below the id `below`:
   * candidates from the word walk, read through Dexie and checked exactly
   * (other filters, broad terms left out of the walk, deleted tickets).
   */
  async function searchRows(walk: WordWalk, q: TicketQuery, ctx: FilterContext, below: string | null, want: number): Promise<{ rows: TicketRow[]; done: boolean }> {
    const rows: TicketRow[] = [];
    let batch = want;
    for (;;) {
      const c = await walk.next(below, batch);
      for (const r of await t.tickets.bulkGet(c.ids)) {
        if (!r || !matchesFilter(r, q.filter, ctx)) continue;
        rows.push(r);
        if (rows.length >= want) return { rows, done: false };
      }
      if (c.done || c.ids.length === 0) return { rows, done: true };
      below = c.ids[c.ids.length - 1]!;
      // The check turned candidates down: read more at a time, up to a bound.
      batch = Math.min(batch * 2, 2000);
    }
  }

  /**
   * The index an ordered walk reads, and the values of its first component to
   * walk side by side: the pending reasons of a "waiting on …" view (a small
   * index: only pending tickets have a reason), else the statuses.
   */
  const orderedIndex = (q: TicketQuery, ctx: Pick<FilterContext, 'meId' | 'meIds'>): Ordered | null => {
    const key = q.sort[0]?.key ?? 'updatedAt';
    const f = q.filter;
    if (f.pendingReasons?.length && key === 'updatedAt' && (f.statuses ?? ['pending']).every((s) => s === 'pending')) return { index: REASON_SORT_INDEX, parts: f.pendingReasons.map((r) => [r]) };
    const statuses = f.statuses?.length ? f.statuses : STATUSES;
    // Until tickets stored before v12 all carry their `active` key, the per-status indexes answer (active-keys.ts).
    const active = exactlyActive(statuses) && activeIndexesReady(t.tickets.db);
    if (key === 'priority' && f.siteIds?.length && active && f.siteIds.length <= MAX_WALK_PARTS) return { index: ACTIVE_SITE_INDEX, parts: f.siteIds.map((s) => [s, 1]) };
    if (key === 'priority' && f.siteIds?.length && f.siteIds.length * statuses.length <= MAX_WALK_PARTS) return { index: SITE_SORT_INDEX, parts: cross(f.siteIds, statuses) };
    const assignees = assigneeKeys(f, ctx);
    if (key === 'priority' && assignees && assignees.length * statuses.length <= MAX_WALK_PARTS) return { index: ASSIGNEE_SORT_INDEX, parts: cross(assignees, statuses) };
    if (key === 'updatedAt' && active) return { index: ACTIVE_UPDATED_INDEX, parts: [[1]] };
    const index = STATUS_SORT_INDEX[key];
    return index ? { index, parts: statuses.map((s) => [s]) } : null;
  };

  async function plan(q: TicketQuery, ctx: FilterContext): Promise<QueryPlan> {
    const walk = orderedIndex(q, ctx);
    const ordered = walk !== null;
    const search = q.filter.text ? await termWords(q.filter.text) : null;
    if (search) {
      // Few matches are read whole and sorted by the view's column; many are listed newest first.
      const walk = WordWalk.of(t.tickets.db.backendDB(), search.words, { upTo: search.upTo, newest: search.newest });
      const cap = (ordered ? smallCap : narrowCap) + 1;
      if (search.exact && onlyText(q.filter)) {
        // Every term walked and nothing else to check: the index alone tells few from many, and
        // only the rows on screen are read.
        const c = await walk.next(null, cap);
        return c.done ? narrow(c.ids, q, ctx) : { mode: 'search', total: null, walk, first: [], marks: new Map() };
      }
      const first = await searchRows(walk, q, ctx, null, cap);
      if (first.done) {
        first.rows.sort(compareTickets(q.sort));
        return { mode: 'narrow', ids: first.rows.map((r) => r.id), total: first.rows.length, rows: new Map(first.rows.map((r) => [r.id, r])) };
      }
      return { mode: 'search', total: null, walk, first: first.rows, marks: new Map() };
    }
    // A pair candidate over its cap means its statuses hold more still: no need to read them to find out.
    let statusesOver = false;
    for (const keysFor of candidates(t, q.filter, ctx)) {
      if (keysFor.allOfStatuses && statusesOver) continue;
      // What the ordered walk can answer by itself is read whole only when small: the walk reads one screen.
      const walkable = keysFor.statusOnly || (walk !== null && keysFor.walkedBy?.includes(walk.index) === true);
      const cap = walkable && ordered ? smallCap : narrowCap;
      const keys = await keysFor(cap + 1);
      if (keys.length > cap) {
        statusesOver ||= keysFor.withinStatuses === true;
        continue;
      }
      // Multi-entry and OR'ed ranges can repeat a key; narrow() reads each once.
      return narrow(keys, q, ctx);
    }
    checkpoints.delete(queryKey(q, ctx));
    // Counting thousands of index entries costs more than the first screen: the size comes from count(), separately.
    return { mode: 'broad', total: null, countable: countable(q.filter) };
  }

  /** The number of entries with each of these keys in an index, added up. */
  const countEach = async (index: string, keys: readonly IndexableType[]): Promise<number> =>
    (await Promise.all(keys.map((k) => t.tickets.where(index).equals(k).count()))).reduce((a, b) => a + b, 0);

  /**
   * How many tickets a broad view holds, where the filter is statuses alone, or
   * with sites or an assignee (views that walk their own index for the first
   * screen and are counted beside it); else null: unknown without reading every row.
   */
  async function count(q: TicketQuery, ctx?: Pick<FilterContext, 'meId' | 'meIds'>): Promise<number | null> {
    const f = q.filter;
    const statuses = f.statuses?.length ? f.statuses : STATUSES;
    const assignees = ctx ? assigneeKeys(f, ctx) : null;
    if (assignees && onlyAssigneeAndStatuses(f)) return countEach('[assigneeKey+status]', cross(assignees, statuses));
    if (onlySitesAndStatuses(f)) return countEach('[siteId+status]', cross(f.siteIds!, statuses));
    if (!onlyStatuses(f)) return null;
    return f.statuses?.length ? countEach('status', f.statuses) : t.tickets.count();
  }

  /** The bounds of one part's slice of `[…part+key+id]`, narrowed by the filter's own range on that key. */
  function bounds(part: readonly (string | number)[], key: SortSpec['key'], f: TicketFilter, ctx: FilterContext): [unknown[], unknown[]] {
    let lo = '';
    let hi = '\uffff';
    if (key === 'due' && (f.dueToday || f.sla === 'breached')) hi = f.sla === 'breached' ? ctx.now : ctx.endOfToday;
    if (key === 'createdAt') [lo, hi] = [f.createdFrom ?? lo, f.createdTo ? `${f.createdTo}\uffff` : hi];
    if (key === 'updatedAt') [lo, hi] = [f.updatedFrom ?? lo, f.updatedTo ? `${f.updatedTo}\uffff` : hi];
    return [
      [...part, lo, Dexie.minKey],
      [...part, hi, Dexie.maxKey],
    ];
  }

  /** The `records` way of an ordered walk: each status's range read as records, a batch at a time, merged by (key, id). */
  async function orderedRecords({ index, parts }: Ordered, q: TicketQuery, ctx: FilterContext, after: [string, string] | null, want: number): Promise<TicketRow[]> {
    const spec = q.sort[0]!;
    const desc = spec.dir === 'desc';
    // A fair share per part first; a status that runs dry while others still have rows reads more.
    let batch = Math.max(16, Math.ceil(want / parts.length) + 8);
    const streams = parts.map((part) => ({ part, buf: [] as TicketRow[], pos: 0, done: false, last: (after ? [...part, ...after] : null) as unknown[] | null }));
    const fill = async (st: (typeof streams)[number]): Promise<void> => {
      if (st.pos < st.buf.length || st.done) return;
      const [lo, hi] = bounds(st.part, spec.key, q.filter, ctx);
      let coll = t.tickets.where(index).between(desc ? lo : (st.last ?? lo), desc ? (st.last ?? hi) : hi, desc || st.last === null, !desc || st.last === null);
      if (desc) coll = coll.reverse();
      const rows = await coll.limit(batch).toArray();
      st.buf = rows;
      st.pos = 0;
      st.done = rows.length < batch;
      const lastRow = rows[rows.length - 1];
      if (lastRow) st.last = [...st.part, sortValue(spec.key, lastRow), lastRow.id];
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

  /**
   * Rows of a broad view sorted by a key with a per-status index, `want` of
   * them after `after` (the (key, id) of the row before the first one wanted),
   * read the way `orderedRead` says.
   */
  async function orderedRows(ordered: Ordered, q: TicketQuery, ctx: FilterContext, after: [string, string] | null, want: number): Promise<TicketRow[]> {
    if (orderedRead === 'records') return orderedRecords(ordered, q, ctx, after, want);
    if (orderedRead === 'keys') return orderedByKeys(ordered, q, ctx, after, want);
    if (ordered.parts.length === 1) return orderedOneRange(ordered, q, ctx, after, want);
    return orderedToCutoff(ordered, q, ctx, after, want);
  }

  /**
   * A walk of one range (an `[active+…]` index, one status, one pending
   * reason): its entries are already in sort order, so there is nothing to
   * probe or merge. Its first `need` records come in one request (a reversed
   * range too, in Chromium 141+ through Dexie 4.4): at 10,000 tickets that
   * measured about half the time of its ids (getAllKeys) and then a bulkGet.
   */
  async function orderedOneRange(ordered: Ordered, q: TicketQuery, ctx: FilterContext, after: [string, string] | null, want: number): Promise<TicketRow[]> {
    const spec = q.sort[0]!;
    return walkInRounds(ordered, q, ctx, after, want, async ([range], need) => {
      const rows = await range!.entries().limit(need).toArray();
      const last = rows[rows.length - 1];
      return { rows, next: rows.length < need || !last ? null : [sortValue(spec.key, last), last.id] };
    });
  }

  /**
   * The `cutoff` way: the index entries at or above a cutoff. Probes find the keys of
   * a few evenly spaced positions (down to `want`) in each status's range;
   * the cutoff is the first probed key in sort order with at least `want`
   * entries up to it across all statuses. Each status's ids up to the cutoff
   * are one getAllKeys, their records one bulkGet, sorted in memory: about
   * `want` records read, plus at most `want / PROBES` per status. The filter
   * is applied to every record; if it turns rows down, the walk goes on past
   * the cutoff. `after` is the (key, id) of the row before the first one wanted.
   */
  async function orderedToCutoff(ordered: Ordered, q: TicketQuery, ctx: FilterContext, after: [string, string] | null, want: number): Promise<TicketRow[]> {
    const { index } = ordered;
    const spec = q.sort[0]!;
    const desc = spec.dir === 'desc';
    const cmp = indexKeyOrder(desc);
    return walkInRounds(ordered, q, ctx, after, want, async (ranges, need) => {
      const positions = [...new Set(Array.from({ length: PROBES }, (_, j) => Math.max(1, Math.round((need * (j + 1)) / PROBES))))];
      // Side by side: where the probed positions are (plain IndexedDB), and each status's first `need` ids in
      // sort order (through Dexie: these ranges and the records below are what a live query watches).
      const [probes, lists] = await Promise.all([
        probePositions(
          t.tickets.db.backendDB(),
          'tickets',
          index,
          ranges.map((r) => IDBKeyRange.bound(r.lo, r.hi, r.loOpen, r.hiOpen)),
          positions,
          desc ? 'prev' : 'next',
        ),
        Promise.all(ranges.map((r) => r.entries().limit(need).primaryKeys())),
      ]);
      const cut = cutoff(probes, positions, need, cmp);
      // Of each status's ids, those up to the cutoff: at most up to the first probe past it.
      const ids = lists.flatMap((list, i) => {
        if (cut === null) return list;
        const firstPast = probes[i]!.findIndex((k) => k !== null && cmp(k, cut) > 0);
        return firstPast < 0 ? list : list.slice(0, positions[firstPast]! - 1);
      });
      const rows = (await t.tickets.bulkGet(ids.flat())).filter((r): r is TicketRow => r !== undefined);
      const keyOf = (r: TicketRow): readonly unknown[] => [null, sortValue(spec.key, r), r.id]; // cmp ignores the part
      rows.sort((a, b) => cmp(keyOf(a), keyOf(b)));
      // Past the cutoff: the next round reads from there.
      const upTo = cut === null ? rows.length : rows.findIndex((r) => cmp(keyOf(r), cut) > 0);
      return { rows: upTo < 0 ? rows : rows.slice(0, upTo), next: cut === null ? null : (cut.slice(-2) as [string, string]) };
    });
  }

  /**
   * The `keys` way of an ordered walk: each status's first
   * `need` index keys in sort order (a key ends with the ticket's id, so it
   * tells both the sort value and the record), merged by (key, id); exactly
   * the first `need` of them are read as records (bulkGet). The filter is
   * still applied to every record, so the ranges only have to be a superset;
   * if it turns rows down, the walk goes on after the last key merged, asking
   * for more at once. No probes and no over-read, for index keys that come
   * one by one from a cursor.
   */
  async function orderedByKeys(ordered: Ordered, q: TicketQuery, ctx: FilterContext, after: [string, string] | null, want: number): Promise<TicketRow[]> {
    const cmp = indexKeyOrder(q.sort[0]!.dir === 'desc');
    return walkInRounds(ordered, q, ctx, after, want, async (ranges, need) => {
      const lists = await Promise.all(ranges.map((r) => r.entries().limit(need).keys() as Promise<unknown[][]>));
      const merged = lists.flat().sort(cmp).slice(0, need);
      const rows = (await t.tickets.bulkGet(merged.map((k) => k[k.length - 1] as string))).filter((r): r is TicketRow => r !== undefined);
      // Every list shorter than asked for: the ranges are read to their ends.
      const done = lists.every((l) => l.length < need) || merged.length === 0;
      return { rows, next: done ? null : (merged[merged.length - 1]!.slice(-2) as [string, string]) };
    });
  }

  /**
   * The rounds of an ordered walk: each reads, from each status's range after
   * `from` (exclusive, in sort order), the rows `round` picks, in sort order,
   * and where the next round starts (null: the ranges are done). The filter is
   * applied to every row; the next round asks for more when it turned many down.
   */
  async function walkInRounds(
    { index, parts }: Ordered,
    q: TicketQuery,
    ctx: FilterContext,
    after: [string, string] | null,
    want: number,
    round: (ranges: WalkRange[], need: number) => Promise<{ rows: TicketRow[]; next: [string, string] | null }>,
  ): Promise<TicketRow[]> {
    const spec = q.sort[0]!;
    const desc = spec.dir === 'desc';
    const out: TicketRow[] = [];
    let from = after;
    // Rows read and rows the filter kept.
    let read = 0;
    let kept = 0;
    while (out.length < want) {
      const ranges = parts.map((st): WalkRange => {
        const [lo, hi] = bounds(st, spec.key, q.filter, ctx);
        const r = from === null ? { lo, hi, loOpen: false, hiOpen: false } : desc ? { lo, hi: [...st, ...from], loOpen: false, hiOpen: true } : { lo: [...st, ...from], hi, loOpen: true, hiOpen: false };
        return {
          ...r,
          entries: () => {
            const c = t.tickets.where(index).between(r.lo, r.hi, !r.loOpen, !r.hiOpen);
            return desc ? c.reverse() : c;
          },
        };
      });
      const { rows, next } = await round(ranges, nextNeed(want, out.length, read, kept));
      for (const r of rows) {
        read++;
        if (!matchesFilter(r, q.filter, ctx)) continue;
        kept++;
        out.push(r);
        if (out.length >= want) break;
      }
      if (next === null) break;
      from = next;
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
    const ordered = orderedIndex({ ...q, sort: [spec] }, ctx);
    let rows: TicketRow[];
    if (ordered) {
      rows = await orderedRows(ordered, { ...q, sort: [spec] }, ctx, (after as [string, string] | null | undefined) ?? null, end - from);
      for (let i = PAGE; i <= rows.length; i += PAGE) marks.set(from + i, [sortValue(spec.key, rows[i - 1]!), rows[i - 1]!.id]);
    } else {
      const index = SORT_INDEX[spec.key] ?? '[updatedAt+id]';
      const desc = spec.dir === 'desc';
      let coll: Collection<TicketRow, string>;
      if (from === 0 || after === null || after === undefined) coll = t.tickets.orderBy(index);
      else if (index === 'number') {
        // Numbers are not unique (two devices may share a code): resume at the page's last number and
        // skip what was read of it, in the index's order of equal keys (by id), so no namesake is lost.
        const [n, id] = after as [string, string];
        coll = (desc ? t.tickets.where(index).belowOrEqual(n) : t.tickets.where(index).aboveOrEqual(n)).filter((r) => r.number !== n || (desc ? r.id < id : r.id > id));
      } else coll = desc ? t.tickets.where(index).below(after) : t.tickets.where(index).above(after);
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

  /** Rows [start, end) of a search listed newest first, resuming the word walk from the nearest remembered page start. */
  async function searchWindow(p: Extract<QueryPlan, { mode: 'search' }>, q: TicketQuery, ctx: FilterContext, start: number, end: number): Promise<TicketWindow> {
    let from = 0;
    for (const s of p.marks.keys()) if (s <= start && s > from) from = s;
    // The plan's own rows open the list; later pages start below the row before them.
    const rows = from === 0 ? p.first.slice(0, end) : [];
    let done = false;
    if (rows.length < end - from) {
      const below = from === 0 ? (rows[rows.length - 1]?.id ?? null) : p.marks.get(from)!;
      const more = await searchRows(p.walk, q, ctx, below, end - from - rows.length);
      rows.push(...more.rows);
      done = more.done;
    }
    for (let i = PAGE; i <= rows.length; i += PAGE) p.marks.set(from + i, rows[i - 1]!.id);
    return { start, rows: rows.slice(start - from), hasMore: !done };
  }

  return { plan, count, broadWindow, narrowWindow, searchWindow };
}

/**
 * The first probed key, in sort order, with at least `need` entries up to and
 * including it across all ranges (a probe at position k of a range that lies
 * at or before the key proves k entries there). Null when no key proves
 * enough: every range then holds fewer than `need` entries and is read whole.
 */
export function cutoff(probes: readonly (readonly (IndexKey | null)[])[], positions: readonly number[], need: number, cmp: (a: IndexKey, b: IndexKey) => number): IndexKey | null {
  const keys = probes.flat().filter((k): k is IndexKey => k !== null);
  keys.sort(cmp);
  for (const key of keys) {
    let proven = 0;
    for (const range of probes) {
      let best = 0;
      range.forEach((k, j) => {
        if (k !== null && cmp(k, key) <= 0) best = Math.max(best, positions[j]!);
      });
      proven += best;
    }
    if (proven >= need) return key;
  }
  return null;
}

/** A filter that is a search and nothing else. */
const onlyText = (f: TicketFilter): boolean =>
  Object.entries(f).every(([k, v]) => k === 'text' || v === undefined || v === false || v === '' || (Array.isArray(v) && v.length === 0));

/** The window of rows [start, end) of a plan, whatever its mode. */
export function planWindow(queries: TicketQueries, plan: QueryPlan, q: TicketQuery, ctx: FilterContext, start: number, end: number): Promise<TicketWindow> {
  if (plan.mode === 'narrow') return queries.narrowWindow(plan.ids, start, end, plan.rows);
  if (plan.mode === 'search') return queries.searchWindow(plan, q, ctx, start, end);
  return queries.broadWindow(q, ctx, start, end);
}

export type TicketQueries = ReturnType<typeof ticketQueries>;
