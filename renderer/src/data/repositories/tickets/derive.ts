import { listKeys, NO_DUE, UNASSIGNED, type ListKeys } from '../../../../../shared/tickets/list-keys';
import type { Ticket } from '../../../../../shared/tickets/schema';
import { tokenize } from '../../../../../shared/tickets/search';
import { registerDerivedFields, registerPageHook } from '../../../sync/derive';
import type { FieldDeskDb } from '../../db';
import { recodeAfterClash } from './numbering';
import { queueWordRefresh, ticketWords } from './word-refresh';

/**
 * The stored ticket row: the synced record plus keys derived from it on this
 * device (declared `localFields` in shared/tickets/sync-tables.ts, so the
 * change log never sends them). IndexedDB leaves a record out of an index
 * whose key is null, so "unassigned" and "no due time" get sentinel keys.
 */
export type TicketRow = Ticket & ListKeys;

export { UNASSIGNED, NO_DUE };

export function withKeys(t: Ticket): TicketRow {
  return { ...t, ...listKeys(t) };
}

/** The synced part of a row: what the shared rules and schemas work on. */
export function stripKeys(row: TicketRow | Ticket): Ticket {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- dropping the local keys is the point
  const { assigneeKey, due, active, ...ticket } = row as TicketRow;
  return ticket;
}

/**
 * A ticket that arrives by sync has no local fields: derive them. Its
 * requester's name and work log are not at hand in a pulled page, so every
 * pulled ticket whose text changed is queued for its full words
 * (word-refresh.ts), which the background refresher writes once pulls go
 * quiet. Until then:
 * - a ticket this device already had keeps its words plus those of its new
 *   text, so a changed title is found straight away;
 * - a ticket new to this device has no words yet. Its search words are most
 *   of the index entries a ticket costs, and the refresher
 *   rewrites the ticket with its full words anyway: writing its own words here
 *   too made a first sync write every ticket's words twice. The list says
 *   that search is still catching up while the queue is not empty.
 */
export function deriveSyncedTicket(row: Record<string, unknown>): Record<string, unknown> {
  const t = row as unknown as Ticket;
  const had = Array.isArray(row.words) ? (row.words as string[]) : [];
  const words = had.length === 0 ? [] : tokenize([had.join(' '), ticketWords(t).join(' ')]);
  return { ...row, words, ...listKeys(t) };
}

type Rows = readonly Record<string, unknown>[];
type Before = readonly (Record<string, unknown> | undefined)[];

const changedIn = (fields: readonly string[]) => (row: Record<string, unknown>, before: Record<string, unknown> | undefined) =>
  !before || fields.some((f) => JSON.stringify(row[f]) !== JSON.stringify(before[f]));
const ticketTextChanged = changedIn(['number', 'title', 'description', 'requesterId', 'deleted']);
const entryChanged = changedIn(['body', 'deleted', 'ticketId']);
const nameChanged = changedIn(['name']);

/** Pulled tickets whose words depend on text that changed: queue them. One numbered with this device's code: change code. */
async function afterTickets(db: FieldDeskDb, rows: Rows, before: Before): Promise<void> {
  await queueWordRefresh(db, rows.flatMap((r, i) => (ticketTextChanged(r, before[i]) ? [r.id as string] : [])));
  await recodeAfterClash(db, rows, before);
}

/** Pulled work-log entries: their tickets' words gain the entries' text. */
async function afterWorkLog(db: FieldDeskDb, rows: Rows, before: Before): Promise<void> {
  // An entry moved to another ticket changes the words of both.
  const tickets = rows.flatMap((r, i) => (entryChanged(r, before[i]) ? [r.ticketId, before[i]?.ticketId] : []));
  await queueWordRefresh(db, tickets.filter((id): id is string => typeof id === 'string'));
}

/** Pulled people, new or renamed: the tickets they requested carry their name. */
async function afterPeople(db: FieldDeskDb, rows: Rows, before: Before): Promise<void> {
  const named = rows.flatMap((r, i) => (nameChanged(r, before[i]) ? [r.id as string] : []));
  if (named.length === 0) return;
  const tickets = (await db.table('tickets').where('requesterId').anyOf(named).primaryKeys()) as string[];
  await queueWordRefresh(db, tickets);
}

let registered = false;
/** Called when the repositories are first built; registering twice is harmless. */
export function registerTicketDerivation(): void {
  if (registered) return;
  registered = true;
  registerDerivedFields('tickets', deriveSyncedTicket);
  registerPageHook('tickets', afterTickets);
  registerPageHook('workLog', afterWorkLog);
  registerPageHook('people', afterPeople);
}
