import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cutoff, planWindow, ticketQueries, type OrderedRead, type TicketQuery } from '../../../../renderer/src/data/repositories/tickets/query';
import type { TicketRow } from '../../../../renderer/src/data/repositories/tickets/derive';
import { DEFAULT_NOW } from '../../../../shared/sample-data';
import { ALL_OPEN_VIEW, BUILT_IN_VIEWS, compareTickets, matchesFilter, siteView, type FilterContext } from '../../../../shared/tickets/views';
import { deriveSyncedTicket } from '../../../../renderer/src/data/repositories/tickets/derive';
import { closeAll, freshDesk } from './setup';

let desk: Awaited<ReturnType<typeof freshDesk>>;
let all: TicketRow[];
const ctx = (meId: string): FilterContext => ({ meId, now: DEFAULT_NOW, endOfToday: '2025-06-03T06:59:59.999Z' });

beforeAll(async () => {
  desk = await freshDesk();
  const r = await desk.repos.sampleData.load({ tickets: 400, people: 80, workLogEntries: 800, history: false, validate: false });
  if (!r.ok) throw new Error(r.error.message);
  all = await desk.repos.tables.tickets.toArray();
});
afterAll(closeAll);

/** Read every page the way the list does, narrow or broad. */
async function readAll(q: TicketQuery, c: FilterContext, narrowCap: number, orderedRead: OrderedRead = 'cutoff'): Promise<{ ids: string[]; mode: string; total: number | null }> {
  const queries = ticketQueries(desk.repos.tables, { narrowCap, smallCap: narrowCap, orderedRead });
  const plan = await queries.plan(q, c);
  const ids: string[] = [];
  for (let start = 0; ; start += 100) {
    const w = await planWindow(queries, plan, q, c, start, start + 100);
    ids.push(...w.rows.map((r) => r.id));
    if (!w.hasMore) break;
  }
  return { ids, mode: plan.mode, total: plan.total ?? (await queries.count(q)) };
}

const brute = (q: TicketQuery, c: FilterContext) => all.filter((t) => matchesFilter(t, q.filter, c)).sort(compareTickets(q.sort)).map((t) => t.id);

/** The site with the most open tickets. */
const busiestSite = (): string => {
  const n = new Map<string, number>();
  for (const t of all) if (t.siteId && ['new', 'open', 'pending'].includes(t.status)) n.set(t.siteId, (n.get(t.siteId) ?? 0) + 1);
  return [...n].sort((a, b) => b[1] - a[1])[0]![0];
};

/** The staff member with the most open tickets. */
const busiestAssignee = (): string => {
  const n = new Map<string, number>();
  for (const t of all) if (t.assigneeId && ['new', 'open', 'pending'].includes(t.status)) n.set(t.assigneeId, (n.get(t.assigneeId) ?? 0) + 1);
  return [...n].sort((a, b) => b[1] - a[1])[0]![0];
};

describe('list queries', () => {
  const staffWithWork = () => all.find((t) => t.assigneeId !== null && t.status === 'open')!.assigneeId!;

  const cases: [string, () => TicketQuery, () => FilterContext][] = [
    ['my open', () => BUILT_IN_VIEWS[0]!, () => ctx(staffWithWork())],
    ['unassigned', () => BUILT_IN_VIEWS[1]!, () => ctx('x')],
    ['breaching today', () => BUILT_IN_VIEWS[2]!, () => ctx('x')],
    ['waiting on requester', () => BUILT_IN_VIEWS[3]!, () => ctx('x')],
    ['a two-word search', () => ({ filter: { text: 'printer jam' }, sort: [{ key: 'updatedAt', dir: 'desc' }] }), () => ctx('x')],
    ['site and priority', () => ({ filter: { siteIds: [all[0]!.siteId!], priorities: ['P3', 'P4'] }, sort: [{ key: 'createdAt', dir: 'asc' }] }), () => ctx('x')],
    ['a site view (its open tickets by priority)', () => siteView({ id: busiestSite(), name: 'Busiest' }), () => ctx('x')],
    ['all open, by last update', () => ALL_OPEN_VIEW, () => ctx('x')],
    ['open, new and pending, by last update, oldest first', () => ({ filter: { statuses: ['pending', 'new', 'open'] }, sort: [{ key: 'updatedAt', dir: 'asc' }] }), () => ctx('x')],
    ['created range, tag', () => ({ filter: { createdFrom: all[50]!.createdAt, createdTo: all[300]!.createdAt, tags: [all.find((t) => t.tags.length)!.tags[0]!] }, sort: [{ key: 'number', dir: 'asc' }] }), () => ctx('x')],
  ];

  it.each(cases)('%s: the narrow plan returns exactly the filtered, sorted tickets', async (_name, q, c) => {
    const got = await readAll(q(), c(), 3000);
    expect(got.mode).toBe('narrow');
    expect(got.ids).toEqual(brute(q(), c()));
    expect(got.total).toBe(got.ids.length);
  });

  it.each(cases)('%s: the broad plan (index walk, keyset pages) returns the same set in sort-key order', async (_name, q, c) => {
    const got = await readAll(q(), c(), 0);
    const expected = brute(q(), c());
    if (q().filter.text) {
      // A search too big to sort is listed newest first (ids are time-ordered), page by page from the word index.
      expect(got.mode).toBe('search');
      expect(got.ids).toEqual([...expected].sort().reverse());
      return;
    }
    expect(got.mode).toBe('broad');
    expect([...got.ids].sort()).toEqual([...expected].sort());
    expect(new Set(got.ids).size).toBe(got.ids.length);
    // Primary sort key order holds (ties may break by id instead of creation).
    const key = q().sort[0]!;
    const byId = new Map(all.map((t) => [t.id, t]));
    const value = (id: string) => String(byId.get(id)![key.key as 'priority' | 'due' | 'number' | 'createdAt' | 'updatedAt']);
    const values = got.ids.map(value);
    const sorted = [...values].sort();
    expect(values).toEqual(key.dir === 'desc' ? sorted.reverse() : sorted);
  });

  it.each(cases)('%s: the ordered walk reading records in batches, or merging index keys, returns the same rows as the one reading up to a cutoff', async (_name, q, c) => {
    const byCutoff = await readAll(q(), c(), 0, 'cutoff');
    expect([...byCutoff.ids].sort()).toEqual([...brute(q(), c())].sort());
    for (const way of ['records', 'keys'] as const) expect((await readAll(q(), c(), 0, way)).ids).toEqual(byCutoff.ids);
  });

  it('knows the size of a broad view that filters on status alone', async () => {
    const got = await readAll({ filter: { statuses: ['closed'] }, sort: [{ key: 'updatedAt', dir: 'desc' }] }, ctx('x'), 0);
    expect(got.total).toBe(all.filter((t) => t.status === 'closed').length);
    expect(got.ids).toHaveLength(got.total!);
  });

  const commonWord = (): string => {
    const counts = new Map<string, number>();
    for (const t of all) for (const w of new Set(t.words)) if (w.length >= 4 && !/^\d/.test(w)) counts.set(w, (counts.get(w) ?? 0) + 1);
    const [word, n] = [...counts].sort((a, b) => b[1] - a[1])[0]!;
    expect(n).toBeGreaterThan(150);
    return word;
  };

  it('a search with many matches lists them newest first, a page at a time, in any order of page reads', async () => {
    const q: TicketQuery = { filter: { text: commonWord() }, sort: [{ key: 'updatedAt', dir: 'desc' }] };
    const queries = ticketQueries(desk.repos.tables);
    const plan = await queries.plan(q, ctx('x'));
    expect(plan).toMatchObject({ mode: 'search', total: null });
    const expected = brute(q, ctx('x')).sort().reverse();
    const second = await planWindow(queries, plan, q, ctx('x'), 100, 200);
    const first = await planWindow(queries, plan, q, ctx('x'), 0, 100);
    const secondAgain = await planWindow(queries, plan, q, ctx('x'), 100, 200);
    expect(first.rows.map((r) => r.id)).toEqual(expected.slice(0, 100));
    expect(second.rows.map((r) => r.id)).toEqual(expected.slice(100, 200));
    expect(secondAgain.rows.map((r) => r.id)).toEqual(expected.slice(100, 200));
    expect(second.hasMore).toBe(expected.length > 200);
  });

  it('a search within a view (text and statuses) checks every row and lists them newest first', async () => {
    const q: TicketQuery = { filter: { text: commonWord(), statuses: ['open', 'pending'] }, sort: [{ key: 'priority', dir: 'asc' }] };
    const got = await readAll(q, ctx('x'), 20);
    const expected = brute(q, ctx('x'));
    expect(expected.length).toBeGreaterThan(20);
    expect(got.mode).toBe('search');
    expect(got.ids).toEqual([...expected].sort().reverse());
  });

  it('a search with few matches is sorted by the view column, and a term too broad to walk is checked on the records', async () => {
    const word = commonWord();
    const rare = all.find((t) => t.words.includes(word) && t.words.some((w) => w.length > 6 && !/^\d/.test(w)))!;
    const other = rare.words.find((w) => w.length > 6 && !/^\d/.test(w))!;
    // "e" starts too many words to walk; it is still required, on the records.
    for (const text of [`${word} ${other}`, `${other} e`]) {
      const q: TicketQuery = { filter: { text }, sort: [{ key: 'number', dir: 'asc' }] };
      const got = await readAll(q, ctx('x'), 600);
      expect(got.mode).toBe('narrow');
      expect(got.ids).toEqual(brute(q, ctx('x')));
      expect(got.ids).toContain(rare.id);
    }
  });

  it('a broad view by a sort key with a per-status index pages by (key, id) without gaps or repeats', async () => {
    const q: TicketQuery = { filter: { statuses: ['closed', 'resolved', 'open'] }, sort: [{ key: 'createdAt', dir: 'desc' }] };
    const queries = ticketQueries(desk.repos.tables);
    const plan = await queries.plan(q, ctx('x'));
    expect(plan.mode).toBe('broad');
    const expected = all
      .filter((t) => matchesFilter(t, q.filter, ctx('x')))
      .sort((a, b) => (a.createdAt === b.createdAt ? (a.id < b.id ? 1 : -1) : a.createdAt < b.createdAt ? 1 : -1))
      .map((t) => t.id);
    expect(await queries.count(q)).toBe(expected.length);
    // Out-of-order page reads (a jump to the third page, then back) still line up.
    const third = await queries.broadWindow(q, ctx('x'), 200, 300);
    const firstTwo = await queries.broadWindow(q, ctx('x'), 0, 200);
    const rest = await queries.broadWindow(q, ctx('x'), 200, 400);
    expect(third.rows.map((r) => r.id)).toEqual(expected.slice(200, 300));
    expect([...firstTwo.rows, ...rest.rows].map((r) => r.id)).toEqual(expected.slice(0, 400));
  });

  // Views too big to read whole (as a busy site's or an assignee's are at 100,000) walk an index that matches filter
  // and sort. The sample desk leaves few tickets unassigned, so the assignee walk is shown with assignee views
  // ("Unassigned" is the same walk).
  it.each([
    ['a site view', 'site', () => siteView({ id: busiestSite(), name: 'Busiest' }), () => ctx('x')],
    ['My open', 'assignee', () => BUILT_IN_VIEWS[0]!, () => ctx(busiestAssignee())],
    ['assigned to one of two', 'assignee', () => ({ filter: { assignee: [busiestAssignee(), 'nobody-else'], statuses: ['new', 'open', 'pending'] }, sort: [{ key: 'priority', dir: 'asc' }] }) as TicketQuery, () => ctx('x')],
  ] as const)('%s, too big to read whole, walks the %s index: it reads only its own records and is counted exactly', async (_name, _index, view, c) => {
    const q = view();
    const open = all.filter((t) => matchesFilter(t, q.filter, c())).length;
    // Caps below the view's tickets: too many to read whole.
    const queries = ticketQueries(desk.repos.tables, { narrowCap: 2, smallCap: 2 });
    const plan = await queries.plan(q, c());
    expect(plan.mode).toBe('broad');
    // The list still shows how many: the view is counted from its `[x+status]` index, beside the first screen.
    expect(plan.mode === 'broad' && plan.countable).toBe(true);
    expect(await queries.count(q, c())).toBe(open);
    const table = desk.repos.tables.tickets;
    const bulkGet = table.bulkGet.bind(table);
    const read: string[] = [];
    table.bulkGet = ((keys: string[]) => {
      read.push(...keys);
      return bulkGet(keys);
    }) as typeof table.bulkGet;
    try {
      const w = await planWindow(queries, plan, q, c(), 0, 3);
      const byId = new Map(all.map((t) => [t.id, t]));
      const expected = brute(q, c()).slice(0, 3);
      expect(open).toBeGreaterThan(3);
      expect(w.rows.map((r) => r.priority)).toEqual(expected.map((id) => byId.get(id)!.priority));
      // Every record read is one of the view's: a walk by status alone reads everyone else's too. (A site's
      // open tickets are one range of their own index, read as records with no bulkGet: see the test below.)
      if (_index === 'assignee') expect(read.length).toBeGreaterThanOrEqual(3);
      else expect(read).toEqual([]);
      expect(read.every((id) => matchesFilter(byId.get(id)!, q.filter, c()))).toBe(true);
    } finally {
      table.bulkGet = bulkGet;
    }
  });

  // "All open" and a site's open tickets are one range each of an `[active+…]` index (schema v12): read in
  // order, with nothing to probe or merge, and holding no resolved, closed or cancelled ticket.
  it.each([
    ['All open', () => ALL_OPEN_VIEW as TicketQuery],
    ['a site view', () => siteView({ id: busiestSite(), name: 'Busiest' }) as TicketQuery],
  ] as const)('%s reads one range of an active-ticket index in order: no probes, no other index', async (_name, view) => {
    const q = view();
    const queries = ticketQueries(desk.repos.tables, { narrowCap: 2, smallCap: 2 });
    const plan = await queries.plan(q, ctx('x'));
    expect(plan.mode).toBe('broad');
    const table = desk.repos.tables.tickets;
    const where = table.where.bind(table);
    const indexes: string[] = [];
    table.where = ((index: string) => {
      indexes.push(index);
      return where(index);
    }) as typeof table.where;
    // The cutoff way's probes open key cursors on the index (index-probe.ts); a one-range walk has none.
    const openKeyCursor = IDBIndex.prototype.openKeyCursor;
    let cursors = 0;
    IDBIndex.prototype.openKeyCursor = function (this: IDBIndex, ...args: Parameters<IDBIndex['openKeyCursor']>) {
      cursors++;
      return openKeyCursor.apply(this, args);
    };
    try {
      const w = await planWindow(queries, plan, q, ctx('x'), 0, 5);
      // In the index's order: the view's first sort key, then id (the view's later keys break ties only when read whole).
      const key = q.sort[0]!;
      const inIndexOrder = all
        .filter((t) => matchesFilter(t, q.filter, ctx('x')))
        .map((t) => [String(t[key.key as 'priority' | 'updatedAt']), t.id] as const)
        .sort((a, b) => (a[0] === b[0] ? (a[1] < b[1] ? -1 : 1) : a[0] < b[0] ? -1 : 1) * (key.dir === 'desc' ? -1 : 1));
      expect(inIndexOrder.length).toBeGreaterThan(5);
      expect(w.rows.map((r) => r.id)).toEqual(inIndexOrder.slice(0, 5).map(([, id]) => id));
      expect(indexes).toEqual([q.filter.siteIds ? '[siteId+active+priority+id]' : '[active+updatedAt+id]']);
      expect(cursors).toBe(0);
    } finally {
      table.where = where;
      IDBIndex.prototype.openKeyCursor = openKeyCursor;
    }
  });

  it('the active-ticket index follows each write: a resolved ticket leaves it, a reopened one returns, a synced one is derived too', async () => {
    const tables = desk.repos.tables;
    const activeIds = async () => (await tables.tickets.where('[active+updatedAt+id]').between([1, '', ''], [1, '\uffff', '\uffff']).primaryKeys()).sort();
    const expected = async () => (await tables.tickets.toArray()).filter((t) => ['new', 'open', 'pending'].includes(t.status)).map((t) => t.id).sort();
    expect(await activeIds()).toEqual(await expected());
    const open = all.find((t) => t.status === 'open' && !t.deleted)!;
    const resolved = await desk.repos.tickets.transition(open.id, 'resolved', { resolution: { code: 'fixed', text: 'Rebuilt the index' } });
    expect(resolved.ok).toBe(true);
    expect(await activeIds()).not.toContain(open.id);
    expect((await tables.tickets.get(open.id))?.active).toBeUndefined();
    expect(await activeIds()).toEqual(await expected());
    expect((await desk.repos.tickets.transition(open.id, 'open')).ok).toBe(true);
    expect(await activeIds()).toContain(open.id);
    expect(await activeIds()).toEqual(await expected());
    // A ticket as sync brings it (no local keys) gains them, `active` included; a pulled closed one has none.
    const pulled = { ...open, status: 'pending' } as Record<string, unknown>;
    delete pulled.active;
    expect(deriveSyncedTicket(pulled).active).toBe(1);
    expect(deriveSyncedTicket({ ...pulled, status: 'closed', active: 1 }).active).toBeUndefined();
  });

  it('the cutoff is the first probed key that proves enough entries up to it, across ranges', () => {
    const desc = (a: readonly unknown[], b: readonly unknown[]) => -String(a[1]).localeCompare(String(b[1]));
    const k = (v: string) => ['s', v, 'id'] as const;
    // Two ranges probed at positions 2 and 4 (newest first).
    const probes = [
      [k('90'), k('70')],
      [k('80'), k('60')],
    ];
    // Up to "80": 2 + 2 entries proven; up to "90": only 2.
    expect(cutoff(probes, [2, 4], 4, desc)).toEqual(k('80'));
    expect(cutoff(probes, [2, 4], 5, desc)).toEqual(k('70'));
    expect(cutoff(probes, [2, 4], 8, desc)).toEqual(k('60'));
    // A range that ends early (null) proves nothing past its end; nothing proves 9.
    expect(cutoff([[k('90'), null], [k('80'), k('60')]], [2, 4], 6, desc)).toEqual(k('60'));
    expect(cutoff(probes, [2, 4], 9, desc)).toBeNull();
  });
});
