import Dexie from 'dexie';
import type { Result } from '../../../shared/result';
import { changeSetRows, type QueuedChange } from '../../../shared/sync/outbox';
import { stampRows, type Row } from './changelog';
import type { FieldDeskDb } from './db';
import { announceMutation, MutatedParts } from './mutation-notice';

/**
 * A small save placed straight on IndexedDB: read a record, decide with a
 * rule, write it and its history, log the change, commit.
 *
 * Why not through Dexie: at 100,000 tickets a one-field edit through Dexie
 * took about twice a bare put of the same record. IndexedDB itself is not
 * the gap: the same read and three writes done on a bare transaction cost
 * what the put alone does (bench: FD_EDIT_SHAPES). The main thread is: each
 * request passes six middleware layers (hooks, observability, the query
 * cache, virtual indexes, the change log, the search blocks) and Dexie's
 * promise zone, several milliseconds of JavaScript for four requests. This
 * path does what those layers do for such a save, and nothing else:
 * - the change log: fields stamped with the device's clock and the changes
 *   queued in one outbox row, in the same transaction (`stampRows` and
 *   `changeSetRows`, shared with the middleware in changelog.ts);
 * - live queries: told what changed once it commits (mutation-notice.ts);
 * - the search blocks: untouched, so a save that could change a ticket's
 *   words must not come here (the tickets repository checks).
 *
 * Durability and atomicity are IndexedDB's: the transaction is strict like
 * every app write, commits as soon as its last write is placed, and any
 * failed request aborts it whole. Inside a Dexie transaction a save must go
 * through Dexie (a second transaction on the same stores would wait for the
 * first, which waits for it), so callers check `canSaveDirectly` first.
 */
export interface DirectTransaction {
  /** One record by key (native promise: only this transaction's requests may follow it). */
  get<T>(table: string, key: string): Promise<T | undefined>;
  /** Every record of a (small) store. */
  getAll<T>(table: string): Promise<T[]>;
  /**
   * Place a write of `rows` over the stored ones (`before`, undefined for a
   * new record), stamped and logged as the change log does. An `add` of a
   * key already stored fails the request and so aborts the save.
   */
  write<R extends { id: string }>(table: string, type: 'put' | 'add', rows: readonly R[], before: readonly (R | undefined)[]): void;
}

/**
 * Whether a save may run on a transaction of its own now: not from inside a
 * Dexie transaction, and not while the database is closed (Dexie then opens
 * it again, or says why it cannot).
 */
export function canSaveDirectly(db: Dexie): boolean {
  return Dexie.currentTransaction === null && db.isOpen();
}

/**
 * Run `body` on a readwrite transaction over `tables` (and the outbox). On
 * an `ok` result, its writes and their change log commit together and the
 * result is returned once they are on disk; on an error result (or a throw),
 * nothing it placed is kept.
 */
export async function saveDirectly<T>(db: FieldDeskDb, tables: readonly string[], body: (tx: DirectTransaction) => Promise<Result<T>>): Promise<Result<T>> {
  const trans = db.backendDB().transaction([...tables, 'outbox'], 'readwrite', { durability: db.durability });
  const committed = new Promise<void>((resolve, reject) => {
    trans.oncomplete = () => resolve();
    trans.onabort = () => reject(trans.error ?? new DOMException('The save was stopped before it was stored.', 'AbortError'));
  });
  // Observed only after the result is known; a rejection before that must not count as unhandled.
  committed.catch(() => undefined);

  const { clock } = db.device.get();
  const parts = new MutatedParts(db.name);
  // What each write changed for live queries, worked out once every request is placed and the commit is
  // under way: nobody needs it before the commit ends, and before, it would hold the commit back.
  const noted: (() => void)[] = [];
  const changes: QueuedChange[] = [];
  let at: string | null = null;
  const tx: DirectTransaction = {
    get: <R>(table: string, key: string) =>
      new Promise<R | undefined>((resolve, reject) => {
        const req = trans.objectStore(table).get(key);
        req.onsuccess = () => resolve(req.result as R | undefined);
        req.onerror = () => reject(req.error);
      }),
    getAll: <R>(table: string) =>
      new Promise<R[]>((resolve, reject) => {
        const req = trans.objectStore(table).getAll();
        req.onsuccess = () => resolve(req.result as R[]);
        req.onerror = () => reject(req.error);
      }),
    write(table, type, rows, before) {
      at ??= new Date(clock.now()).toISOString();
      const schema = db.table(table).schema;
      const { stamped, changes: changed } = stampRows(table, rows as readonly object[] as Row[], before as readonly (object | undefined)[] as (Row | undefined)[], clock);
      const store = trans.objectStore(table);
      stamped.forEach((row, i) => {
        if (type === 'put') store.put(row);
        else store.add(row);
        noted.push(() => parts.written(schema, row.id, row, before[i]));
      });
      for (const c of changed) if (c) changes.push(c);
    },
  };

  let result: Result<T>;
  try {
    result = await body(tx);
    if (result.ok && changes.length > 0) placeOutboxRows(db, trans, parts, changes, at!);
  } catch (e) {
    abort(trans);
    throw e;
  }
  if (!result.ok) {
    abort(trans);
    return result;
  }
  // Every request is placed: commit now instead of after a round trip for their answers (early-commit.ts).
  if (typeof trans.commit === 'function') trans.commit();
  for (const note of noted) note();
  await committed;
  announceMutation(parts.parts);
  return result;
}

/** The save's changes as one outbox row (as the change log would make them), its key noted once known. */
function placeOutboxRows(db: FieldDeskDb, trans: IDBTransaction, parts: MutatedParts, changes: QueuedChange[], at: string): void {
  const outbox = trans.objectStore('outbox');
  const schema = db.table('outbox').schema;
  for (const row of changeSetRows(changes, at)) {
    const req = outbox.add(row);
    req.onsuccess = () => {
      const seq = req.result as number;
      parts.written(schema, seq, { ...row, seq }, undefined);
    };
  }
}

function abort(trans: IDBTransaction): void {
  try {
    trans.abort();
  } catch {
    // already finished or aborting
  }
}
