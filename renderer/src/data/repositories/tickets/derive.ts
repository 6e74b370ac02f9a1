import { currentDue } from '../../../../../shared/tickets/views';
import { listKeys, NO_DUE, UNASSIGNED } from '../../../../../shared/tickets/list-keys';
import type { Ticket } from '../../../../../shared/tickets/schema';
import { searchWords } from '../../../../../shared/tickets/search';
import { registerDerivedFields } from '../../../sync/derive';

/**
 * The stored ticket row: the synced record plus keys derived from it on this
 * device (declared `localFields` in shared/tickets/sync-tables.ts, so the
 * change log never sends them). IndexedDB leaves a record out of an index
 * whose key is null, so "unassigned" and "no due time" get sentinel keys.
 */
export type TicketRow = Ticket & { assigneeKey: string; due: string };

export { UNASSIGNED, NO_DUE };

export function withKeys(t: Ticket): TicketRow {
  return { ...t, ...listKeys(t) };
}

/** The synced part of a row: what the shared rules and schemas work on. */
export function stripKeys(row: TicketRow | Ticket): Ticket {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- dropping the local keys is the point
  const { assigneeKey, due, ...ticket } = row as TicketRow;
  return ticket;
}

/**
 * A ticket that arrives by sync has no local fields: derive them. The
 * requester's name and the work log are not at hand here, so a record that
 * already has words keeps them, and a new one gets words from its own text
 * (the next local edit or work-log entry completes them).
 */
export function deriveSyncedTicket(row: Record<string, unknown>): Record<string, unknown> {
  const t = row as unknown as Ticket;
  const words = Array.isArray(row.words) && row.words.length > 0 ? (row.words as string[]) : searchWords({ number: t.number ?? '', title: t.title ?? '', description: t.description ?? '' });
  return { ...row, words, assigneeKey: t.assigneeId ?? UNASSIGNED, due: currentDue(t) ?? NO_DUE };
}

let registered = false;
/** Called when the repositories are first built; registering twice is harmless. */
export function registerTicketDerivation(): void {
  if (registered) return;
  registered = true;
  registerDerivedFields('tickets', deriveSyncedTicket);
}
