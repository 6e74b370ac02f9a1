import { listKeys, NO_DUE, UNASSIGNED, type ListKeys } from '../../../../../shared/tickets/list-keys';
import type { Ticket } from '../../../../../shared/tickets/schema';
import { registerDerivedFields, registerPageDerivation, registerPageHook, type PageContext } from '../../../sync/derive';
import type { FieldDeskDb } from '../../db';
import { recodeAfterClash } from './numbering';
import { WORDS_INDEX_PARTIAL, WORDS_TO_PACK } from './word-blocks';
import { fullWords, queueWordRefresh, withoutWords } from './word-refresh';

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
 * A ticket that arrives by sync has no local fields: its list keys come from
 * the record alone, here; its search words are the page's (`deriveTicketPage`).
 */
export function deriveSyncedTicket(row: Record<string, unknown>): Record<string, unknown> {
  return { ...row, ...listKeys(row as unknown as Ticket) };
}

/**
 * A pulled page's tickets with their full words (text, requester's name, work
 * log), read in the page's transaction and written in its one put. Requesters
 * and entries that arrive later queue their tickets (below).
 *
 * In the last tier of a first sync (closed and older tickets) the words are
 * kept out of the `words` index, as `blockWords`, and the page notes that the
 * packer must put them in the blocks once the fill is over (word-blocks.ts).
 */
export async function deriveTicketPage(db: FieldDeskDb, rows: Record<string, unknown>[], { tier }: PageContext = {}): Promise<Record<string, unknown>[]> {
  const words = await fullWords(db, rows as unknown as Ticket[]);
  if (tier !== 'rest') return rows.map((r, i) => ({ ...r, words: words[i] }));
  db.wordBlockState.partial = true;
  await db.meta.bulkPut([
    { key: WORDS_TO_PACK, value: true },
    { key: WORDS_INDEX_PARTIAL, value: true },
  ]);
  return rows.map((r, i) => ({ ...withoutWords(r), blockWords: words[i] }));
}

type Rows = readonly Record<string, unknown>[];
type Before = readonly (Record<string, unknown> | undefined)[];

const changedIn = (fields: readonly string[]) => (row: Record<string, unknown>, before: Record<string, unknown> | undefined) =>
  !before || fields.some((f) => JSON.stringify(row[f]) !== JSON.stringify(before[f]));
const entryChanged = changedIn(['body', 'deleted', 'ticketId']);
const nameChanged = changedIn(['name']);

/** A pulled ticket numbered with this device's code: change code. (Its words came whole with the page.) */
async function afterTickets(db: FieldDeskDb, rows: Rows, before: Before): Promise<void> {
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
  registerPageDerivation('tickets', deriveTicketPage);
  registerPageHook('tickets', afterTickets);
  registerPageHook('workLog', afterWorkLog);
  registerPageHook('people', afterPeople);
}
