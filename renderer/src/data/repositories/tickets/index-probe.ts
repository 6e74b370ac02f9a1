/**
 * Where a sort order's k-th row is, without reading the rows before it.
 *
 * A cursor moved with `advance(n)` skips n entries inside the database in
 * one request, however large n is. One cursor per range hops from each
 * probed position to the next (opening a cursor costs more than moving one),
 * and the ranges are probed side by side in one read-only transaction, so
 * the keys of, say, the 9th, 17th … 50th newest entry of each status cost a
 * few round trips in all. Dexie has no `advance` on a key cursor, hence plain
 * IndexedDB.
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
  // One cursor per range, moved from each position to the next: opening a cursor costs more than moving one.
  const walk = (range: IDBKeyRange) =>
    new Promise<(IndexKey | null)[]>((resolve, reject) => {
      const keys: (IndexKey | null)[] = [];
      let at = 1;
      const r = source.openKeyCursor(range, direction);
      r.onsuccess = () => {
        const cursor = r.result;
        if (!cursor) {
          while (keys.length < positions.length) keys.push(null);
          return resolve(keys);
        }
        while (keys.length < positions.length && positions[keys.length]! === at) keys.push(cursor.key as IndexKey);
        if (keys.length === positions.length) return resolve(keys);
        const next = positions[keys.length]!;
        cursor.advance(next - at);
        at = next;
      };
      r.onerror = () => reject(r.error ?? new Error('IndexedDB cursor failed'));
    });
  return Promise.all(ranges.map(walk));
}
