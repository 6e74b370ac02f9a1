import { liveQuery } from 'dexie';
import { uuidv7 } from '../../../../../shared/ids/uuidv7';
import type { Ticket } from '../../../../../shared/tickets/schema';
import { searchWords } from '../../../../../shared/tickets/search';
import { markRemote } from '../../changelog';
import type { FieldDeskDb } from '../../db';
import { chunkByChunk, oneAtATime, type ChunkOptions } from './background-run';
import { keptOutOfIndex } from './word-blocks';
import { alive, ticketTables } from './tables';

/**
 * Search words of tickets that arrive by sync.
 *
 * A ticket's words come from its number, title and description, its
 * requester's name and its work log. A pulled ticket gets them in the page's
 * own put (derive.ts reads its requester and entries there, `fullWords`):
 * writing a ticket a second time for its words cost a first sync more than
 * the first write (every index entry of the ticket written again). What
 * arrives after its ticket (a work-log entry, a requester's new name) queues
 * the ticket here instead, one queue row per page in the page's transaction
 * (so a crash loses nothing), and the refresher writes the full words in
 * small transactions once the pull has gone quiet.
 */
export const WORDS_QUEUE_PREFIX = 'words-queue:';

/** A ticket's search words: its own text, its requester's name, its work log. The one place that says which. */
export function ticketWords(t: Pick<Ticket, 'number' | 'title' | 'description'>, requesterName = '', workLogBodies: readonly string[] = []): string[] {
  return searchWords({ number: t.number ?? '', title: t.title ?? '', description: t.description ?? '', requesterName, workLogBodies });
}

/** Queue tickets for a words refresh: one row, inside the caller's transaction (which must include syncState). */
export async function queueWordRefresh(db: FieldDeskDb, ticketIds: readonly string[]): Promise<void> {
  const ids = [...new Set(ticketIds)];
  if (ids.length > 0) await db.syncState.put({ key: `${WORDS_QUEUE_PREFIX}${uuidv7()}`, value: { ids } });
}

const queueRange = (db: FieldDeskDb) => db.syncState.where('key').startsWith(WORDS_QUEUE_PREFIX);

/** Tickets still waiting for their words. */
export async function queuedWordRefreshes(db: FieldDeskDb): Promise<number> {
  const rows = await queueRange(db).toArray();
  return rows.reduce((n, r) => n + ((r.value as { ids: string[] }).ids?.length ?? 0), 0);
}

/** A row without its `words` field. */
export const withoutWords = <T extends { words?: unknown }>({ words: _words, ...rest }: T): Omit<T, 'words'> => rest;

const sameWords = (a: readonly string[] | undefined, b: readonly string[]): boolean => a !== undefined && a.length === b.length && a.every((w, i) => w === b[i]);

type WordTicket = Pick<Ticket, 'id' | 'number' | 'title' | 'description' | 'requesterId'>;

/**
 * The full words of these tickets, read in the caller's transaction (which
 * must include people and workLog): their requesters' names in one read, their
 * work-log entries in one index walk. A requester or an entry not stored yet
 * adds nothing; its arrival queues the ticket (derive.ts).
 */
export async function fullWords(db: FieldDeskDb, tickets: readonly WordTicket[]): Promise<string[][]> {
  const t = ticketTables(db);
  const requesters = [...new Set(tickets.map((x) => x.requesterId).filter((id): id is string => typeof id === 'string'))];
  const [people, entries] = await Promise.all([t.people.bulkGet(requesters), t.workLog.where('ticketId').anyOf(tickets.map((x) => x.id)).toArray()]);
  const nameOf = new Map(people.flatMap((p) => (p ? [[p.id, p.name] as const] : [])));
  const bodies = new Map<string, string[]>();
  for (const e of alive(entries)) {
    const list = bodies.get(e.ticketId);
    if (list) list.push(e.body);
    else bodies.set(e.ticketId, [e.body]);
  }
  return tickets.map((x) => ticketWords(x, nameOf.get(x.requesterId), bodies.get(x.id)));
}

/** Recompute the words of up to `ids.length` tickets in the caller's transaction; returns how many changed. */
async function refreshTickets(db: FieldDeskDb, ids: readonly string[]): Promise<number> {
  const t = ticketTables(db);
  const live = (await t.tickets.bulkGet([...ids])).filter((x): x is NonNullable<typeof x> => x !== undefined && !x.deleted);
  const words = await fullWords(db, live);
  // A ticket kept out of the index stays out: its new words go to the blocks (patched, or packed with the rest).
  const changed = live.flatMap((x, i) => (sameWords(x.words, words[i]!) ? [] : [keptOutOfIndex(x) ? { ...withoutWords(x), blockWords: words[i]! } : { ...x, words: words[i]! }]));
  // A row with `blockWords` in place of `words` is a stored ticket row all the same (word-blocks.ts).
  if (changed.length > 0) await t.tickets.bulkPut(changed as typeof live);
  return changed.length;
}

export interface RefreshOptions extends ChunkOptions {
  /** Tickets per transaction: small, so a screen's reads and a user's save never wait long behind one. */
  chunk?: number;
}

/**
 * Work through the queue, oldest row first, a chunk per transaction. Each
 * transaction writes the words and shortens (or removes) its queue row, so an
 * interrupted refresh resumes exactly. The writes change only `words`, a
 * local field, so they are marked remote: nothing is sent to the server.
 */
export async function refreshQueuedWords(db: FieldDeskDb, { chunk = 200, ...run }: RefreshOptions = {}): Promise<{ tickets: number; changed: number }> {
  const t = ticketTables(db);
  let tickets = 0;
  let changed = 0;
  await chunkByChunk(
    () =>
      db.transaction('rw', [t.tickets, t.people, t.workLog, db.syncState], async (tx) => {
        markRemote(tx.idbtrans);
        const row = await queueRange(db).first();
        if (!row) return true;
        const ids = (row.value as { ids: string[] }).ids ?? [];
        const part = ids.slice(0, chunk);
        const rest = ids.slice(chunk);
        changed += await refreshTickets(db, part);
        tickets += part.length;
        if (rest.length > 0) await db.syncState.put({ key: row.key, value: { ids: rest } });
        else await db.syncState.delete(row.key);
        return false;
      }),
    run,
  );
  return { tickets, changed };
}

/**
 * Keep the queue drained while the database is open: a refresh starts once
 * the queue has stopped growing for `quietMs` (a pull in progress adds a row
 * per page, and its pages should not share the disk with the refresh).
 * Returns a stop function.
 */
export function startWordRefresher(db: FieldDeskDb, { quietMs = 1500, onError }: { quietMs?: number; onError?: (e: unknown) => void } = {}): () => void {
  const abort = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  // A failure keeps the queue: the next change to it (or the next start) tries again.
  const run = oneAtATime((signal) => refreshQueuedWords(db, { signal }), abort.signal, onError);
  const sub = liveQuery(() => queueRange(db).primaryKeys()).subscribe({
    next: (keys) => {
      clearTimeout(timer);
      if (keys.length > 0 && !abort.signal.aborted) timer = setTimeout(() => void run(), quietMs);
    },
    error: (e: unknown) => onError?.(e),
  });
  return () => {
    abort.abort();
    clearTimeout(timer);
    sub.unsubscribe();
  };
}
