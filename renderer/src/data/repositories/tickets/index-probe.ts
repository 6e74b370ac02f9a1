/**
 * Where a sort order's k-th row is, without reading the rows before it.
 *
 * A cursor opened on an index range and moved with `advance(k - 1)` lands on
 * the k-th entry in two requests, however large k is; IndexedDB skips the
 * entries in between inside the database. Several probes of several ranges
 * run side by side in one read-only transaction, so finding the key of, say,
 * the 8th, 16th … 48th newest entry of each status costs about two round
 * trips in all. Dexie has no `advance` on a key cursor, hence plain IndexedDB.
 */

export type IndexKey = readonly unknown[];

/** The key of the `position`-th entry (1-based) of each range, in `direction`; null past a range's end. */
export function probePositions(
  idb: IDBDatabase,
  store: string,
  index: string,
  ranges: readonly IDBKeyRange[],
  positions: readonly number[],
  direction: 'next' | 'prev',
): Promise<(IndexKey | null)[][]> {
  const source = idb.transaction(store, 'readonly').objectStore(store).index(index);
  const one = (range: IDBKeyRange, position: number) =>
    new Promise<IndexKey | null>((resolve, reject) => {
      let moved = position <= 1;
      const r = source.openKeyCursor(range, direction);
      r.onsuccess = () => {
        const cursor = r.result;
        if (!cursor) return resolve(null);
        if (!moved) {
          moved = true;
          return cursor.advance(position - 1);
        }
        resolve(cursor.key as IndexKey);
      };
      r.onerror = () => reject(r.error ?? new Error('IndexedDB cursor failed'));
    });
  return Promise.all(ranges.map((range) => Promise.all(positions.map((p) => one(range, p)))));
}
