import type Dexie from 'dexie';
import { isActiveStatus } from '../../../../../shared/tickets/list-keys';
import { markRemote } from '../../changelog';
import { ACTIVE_KEYS_FILL } from './stores';
import type { FieldDeskDb } from '../../db';
import { chunkByChunk, oneAtATime, type ChunkOptions } from './background-run';
import type { TicketRow } from './derive';
import { ticketTables } from './tables';
import { withoutWordBlocks } from './word-blocks';

/**
 * The `active` key of tickets stored before schema v12, filled in the
 * background.
 *
 * v12 added the `[active+…]` list indexes (stores.ts). Writing the key
 * on every active ticket inside the upgrade held the app's start for about
 * five minutes at 100,000 tickets, with only "Opening your data…" on screen.
 * So the upgrade leaves a mark in `meta` instead, and this job walks the
 * tickets by id in small transactions, writing the key where it is missing.
 * Until the mark is gone the list reads the per-status indexes as before
 * (query.ts asks `activeIndexesReady`), so nothing is missing from a view
 * meanwhile. New writes derive the key themselves (list-keys.ts).
 */
export { ACTIVE_KEYS_FILL };

/** Databases whose fill is still to run (read from `meta` when opened). */
const pending = new WeakSet<Dexie>();

/** Record what `meta` says when the database opens: `mark` is the fill's row, if any. */
export function noteActiveKeysFill(db: Dexie, mark: unknown): void {
  if (mark === undefined) pending.delete(db);
  else pending.add(db);
}

/** Can the list read the `[active+…]` indexes of this database: does every active ticket carry the key? */
export function activeIndexesReady(db: Dexie): boolean {
  return !pending.has(db);
}

export interface FillOptions extends ChunkOptions {
  /** Tickets read per transaction: small, so a save waits little behind one. */
  chunk?: number;
}

/**
 * Walk the tickets after the mark, a chunk per transaction, writing `active`
 * where the status says it belongs (or is stale) and moving the mark; the last
 * chunk removes it. An interrupted fill resumes at the mark. Only a local
 * field changes, so the writes are marked remote: nothing goes to the server.
 */
export async function fillActiveKeys(db: FieldDeskDb, { chunk = 64, ...run }: FillOptions = {}): Promise<{ read: number; written: number }> {
  const t = ticketTables(db);
  let read = 0;
  let written = 0;
  const done = await chunkByChunk(
    // The words do not change, so the search-word blocks are left out of it (word-blocks.ts).
    () =>
      withoutWordBlocks(() =>
        db.transaction('rw', [t.tickets, db.meta], async (tx) => {
          markRemote(tx.idbtrans);
          const mark = await db.meta.get(ACTIVE_KEYS_FILL);
          if (!mark) return true;
          const from = typeof mark.value === 'string' ? mark.value : '';
          const rows = await t.tickets.where(':id').above(from).limit(chunk).toArray();
          const stale = rows.flatMap((r): TicketRow[] => {
            const active = isActiveStatus(r.status) ? 1 : undefined;
            return r.active === active ? [] : [{ ...r, active }];
          });
          if (stale.length > 0) await t.tickets.bulkPut(stale);
          read += rows.length;
          written += stale.length;
          if (rows.length < chunk) {
            await db.meta.delete(ACTIVE_KEYS_FILL);
            return true;
          }
          await db.meta.put({ key: ACTIVE_KEYS_FILL, value: rows[rows.length - 1]!.id });
          return false;
        }),
      ),
    run,
  );
  // Committed: from now on the list may read the new indexes.
  if (done) pending.delete(db);
  return { read, written };
}

/** Run the fill once, in the background, if the database still needs it. Returns a stop function. */
export function startActiveKeysFill(db: FieldDeskDb, { onError }: { onError?: (e: unknown) => void } = {}): () => void {
  const abort = new AbortController();
  if (!activeIndexesReady(db)) void oneAtATime((signal) => fillActiveKeys(db, { signal }), abort.signal, onError)();
  return () => abort.abort();
}
