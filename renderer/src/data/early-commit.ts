import Dexie from 'dexie';

/**
 * Committing a save as soon as its last request is placed.
 *
 * Left alone, IndexedDB commits a transaction once its last request has
 * answered and the page has run that answer's callbacks: a round trip to
 * the database process and back (1–2 ms for a ticket save in Chromium)
 * before the commit, and its flush to disk, even begin. A single-ticket save
 * knows when it has placed its last write, so it commits then
 * (`IDBTransaction.commit()`); its requests still run, in order, all or
 * nothing, and the save still waits for the commit before it reports success.
 *
 * The catch is a write that has not been placed yet: one that waits on a
 * read (the change log comparing with a stored row it has not seen) would
 * find the transaction committing and fail. Such a write holds the commit
 * back (`holdCommit`) until it is placed; `commitPlacedWrites` then leaves
 * the transaction to commit in the usual way.
 *
 * Once committing, a transaction can no longer be aborted by the page, so a
 * request that failed after the commit was asked for would not undo the
 * others. None of a ticket save's requests can:
 * - a request IndexedDB refuses as it is made (a bad key, a value it cannot
 *   store) rejects its write a few microtasks later, and the change log then
 *   aborts the transaction (changelog.ts), which after an early commit is too
 *   late; but a save's keys are strings this device makes (UUIDv7s, words)
 *   and its values plain data its schema has checked, so none is refused;
 * - the only unique keys they write are new UUIDv7s and the outbox's own
 *   counter;
 * - a full disk fails the whole commit, which IndexedDB undoes whole.
 */
const holds = new WeakMap<object, number>();
const pendingPlacements = new WeakMap<object, () => void>();

/**
 * Writes gathered to be placed at the end of the microtask checkpoint (the
 * change log's change set) must be placed before an early commit instead:
 * register that here (null to unregister once placed).
 */
export function beforeEarlyCommit(trans: object, place: (() => void) | null): void {
  if (place) pendingPlacements.set(trans, place);
  else pendingPlacements.delete(trans);
}

/** A write of `trans` is waiting to be placed; call the returned function once it is. */
export function holdCommit(trans: object): () => void {
  holds.set(trans, (holds.get(trans) ?? 0) + 1);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    holds.set(trans, (holds.get(trans) ?? 1) - 1);
  };
}

/**
 * Commit the current Dexie transaction now, if every write it was given has
 * been placed and it is not part of a wider one. Call only after the last
 * write of the transaction's work.
 * Returns whether it committed early.
 */
export function commitPlacedWrites(): boolean {
  const current = Dexie.currentTransaction as unknown as { idbtrans?: IDBTransaction; parent?: unknown } | null;
  // A transaction opened inside another shares its IndexedDB transaction: its last write is not the outer one's.
  if (!current || current.parent) return false;
  const idbtrans = current.idbtrans;
  if (!idbtrans || (holds.get(idbtrans) ?? 0) > 0 || typeof idbtrans.commit !== 'function') return false;
  pendingPlacements.get(idbtrans)?.();
  try {
    idbtrans.commit();
    return true;
  } catch {
    // Already committing or finished: it commits (or has failed) the usual way.
    return false;
  }
}
