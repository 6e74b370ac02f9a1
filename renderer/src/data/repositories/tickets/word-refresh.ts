import { liveQuery } from 'dexie';
import { uuidv7 } from '../../../../../shared/ids/uuidv7';
import type { Ticket } from '../../../../../shared/tickets/schema';
import { searchWords } from '../../../../../shared/tickets/search';
import { markRemote } from '../../changelog';
import type { FieldDeskDb } from '../../db';
import { chunkByChunk, oneAtATime, type ChunkOptions } from './background-run';
import { alive, ticketTables } from './tables';

/**
 * Search words of tickets that arrive by sync.
 *
 * A ticket's words come from its number, title and description, its
 * requester's name and its work log. A pulled page has only the ticket's own
 * text at hand (its requester and work log may arrive pages later), and
 * reading them there would slow every page of a first sync. So the page's
 * transaction queues the ticket here (one queue row per page, in the same
 * transaction, so a crash loses nothing) and stores it without words when it
 * is new to the device (derive.ts); the refresher then writes the full words
 * in small transactions once the pull has gone quiet. Work-log entries and renamed
 * requesters that arrive by sync queue their tickets the same way.
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

const sameWords = (a: readonly string[] | undefined, b: readonly string[]): boolean => a !== undefined && a.length === b.length && a.every((w, i) => w === b[i]);

/** Recompute the words of up to `ids.length` tickets in the caller's transaction; returns how many changed. */
async function refreshTickets(db: FieldDeskDb, ids: readonly string[]): Promise<number> {
  const t = ticketTables(db);
  const [tickets, entries] = await Promise.all([t.tickets.bulkGet([...ids]), t.workLog.where('ticketId').anyOf([...ids]).toArray()]);
  const live = tickets.filter((x): x is NonNullable<typeof x> => x !== undefined && !x.deleted);
  const people = await t.people.bulkGet([...new Set(live.map((x) => x.requesterId))]);
  const nameOf = new Map(people.flatMap((p) => (p ? [[p.id, p.name] as const] : [])));
  const bodies = new Map<string, string[]>();
  for (const e of alive(entries)) {
    const list = bodies.get(e.ticketId);
    if (list) list.push(e.body);
    else bodies.set(e.ticketId, [e.body]);
  }
  const changed = live.flatMap((x) => {
    const words = ticketWords(x, nameOf.get(x.requesterId), bodies.get(x.id));
    return sameWords(x.words, words) ? [] : [{ ...x, words }];
  });
  if (changed.length > 0) await t.tickets.bulkPut(changed);
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
