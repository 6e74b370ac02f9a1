import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAGE, planWindow, ticketQueries, type TicketQuery } from '../../../../renderer/src/data/repositories/tickets/query';
import type { TicketRow } from '../../../../renderer/src/data/repositories/tickets/derive';
import { DEFAULT_NOW } from '../../../../shared/sample-data';
import type { FilterContext } from '../../../../shared/tickets/views';
import { closeAll, freshDesk } from './setup';

/**
 * Two devices can share a ticket-number code (schema v9 lets their tickets
 * share numbers). A list sorted by number pages through the number index;
 * a page that ends inside a run of equal numbers must not lose the rest of it.
 */
let desk: Awaited<ReturnType<typeof freshDesk>>;
let ids: string[];
const ctx: FilterContext = { meId: 'x', now: DEFAULT_NOW, endOfToday: '2025-06-03T06:59:59.999Z' };

beforeAll(async () => {
  desk = await freshDesk();
  const r = await desk.repos.sampleData.load({ tickets: 3 * PAGE, people: 60, workLogEntries: 0, history: false, validate: false });
  if (!r.ok) throw new Error(r.error.message);
  const byNumber = (await desk.repos.tables.tickets.orderBy('number').toArray()) as TicketRow[];
  // Equal numbers across the first page boundary going up, and across the first one going down.
  for (const [from, to] of [
    [PAGE - 1, PAGE],
    [2 * PAGE - 1, 2 * PAGE],
  ] as const) {
    await desk.repos.tables.tickets.put({ ...byNumber[to]!, number: byNumber[from]!.number });
  }
  ids = byNumber.map((t) => t.id).sort();
});
afterAll(closeAll);

async function readAll(q: TicketQuery): Promise<{ ids: string[]; mode: string }> {
  const queries = ticketQueries(desk.repos.tables, { narrowCap: 10, smallCap: 10 });
  const plan = await queries.plan(q, ctx);
  const out: string[] = [];
  for (let start = 0; ; start += PAGE) {
    const w = await planWindow(queries, plan, q, ctx, start, start + PAGE);
    out.push(...w.rows.map((r) => r.id));
    if (!w.hasMore) break;
  }
  return { ids: out, mode: plan.mode };
}

describe('a list sorted by ticket number, with numbers shared by two tickets', () => {
  for (const dir of ['asc', 'desc'] as const) {
    it(`lists every ticket once, ${dir}`, async () => {
      const r = await readAll({ filter: {}, sort: [{ key: 'number', dir }] });
      expect(r.mode).toBe('broad');
      expect(r.ids).toHaveLength(ids.length);
      expect([...r.ids].sort()).toEqual(ids);
    });
  }
});
