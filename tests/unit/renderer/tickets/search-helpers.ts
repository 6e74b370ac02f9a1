import type { TicketRow } from '../../../../renderer/src/data/repositories/tickets/derive';
import { planWindow, ticketQueries, type TicketQuery } from '../../../../renderer/src/data/repositories/tickets/query';
import { matchesFilter, type FilterContext } from '../../../../shared/tickets/views';
import type { freshDesk } from './setup';

type Desk = Awaited<ReturnType<typeof freshDesk>>;

export const textSearch = (text: string): TicketQuery => ({ filter: { text }, sort: [{ key: 'updatedAt', dir: 'desc' }] });

/**
 * A text search read as the list reads it, page by page (`searchAll`), and
 * the same search answered by checking every ticket's own words (`brute`),
 * both as sorted ids; and `createTickets`, new tickets made one by one
 * through the repository. `desk()` is read at each call (tests make it in
 * `beforeAll`).
 */
export function searchHelpers(desk: () => Desk, ctx: FilterContext) {
  async function searchAll(text: string): Promise<string[]> {
    const queries = ticketQueries(desk().repos.tables);
    const plan = await queries.plan(textSearch(text), ctx);
    const ids: string[] = [];
    for (let start = 0; ; start += 100) {
      const w = await planWindow(queries, plan, textSearch(text), ctx, start, start + 100);
      ids.push(...w.rows.map((r) => r.id));
      if (!w.hasMore) break;
    }
    return ids.sort();
  }
  const brute = async (text: string): Promise<string[]> =>
    ((await desk().repos.tables.tickets.toArray()) as TicketRow[])
      .filter((t) => matchesFilter(t, textSearch(text).filter, ctx))
      .map((t) => t.id)
      .sort();
  async function createTickets(n: number, title: (i: number) => string, description = 'Front entrance'): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const d = desk();
      const r = await d.repos.tickets.create({ type: 'incident', title: title(i), description, requesterId: d.requester.id, impact: 'low', urgency: 'low', channel: 'phone' });
      if (!r.ok) throw new Error(r.error.message);
      ids.push(r.value.ticket.id);
    }
    return ids;
  }
  return { searchAll, brute, createTickets };
}
