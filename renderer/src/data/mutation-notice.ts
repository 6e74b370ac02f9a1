import Dexie, { cmp, RangeSet, type IndexSpec, type ObservabilitySet, type TableSchema } from 'dexie';

/**
 * Telling Dexie's live queries about writes made beside Dexie (direct-save.ts).
 *
 * Dexie learns what a transaction changed from its own write path and, once
 * the transaction commits, signals the live queries whose reads overlap: the
 * changed primary keys, and for each index the keys written. A write placed
 * straight on IndexedDB is invisible to that, so it gathers the same parts
 * here and announces them as Dexie announces a write made by another copy of
 * Dexie (another window, another bundle): the `x-storagemutated-1` event,
 * on which Dexie drops the cached query results the write touched and runs
 * their live queries again. `Dexie.on.storagemutated` subscribers (the
 * search packer, the actor cache) hear it too. Other windows are not told
 * (Dexie's own channel to them would echo back into this one, running every
 * query twice); FieldDesk keeps its data in one window.
 */
export class MutatedParts {
  readonly parts: ObservabilitySet = {};

  constructor(private readonly dbName: string) {}

  private set(table: string, index: string): RangeSet {
    const key = `idb://${this.dbName}/${table}/${index}`;
    return (this.parts[key] ??= new RangeSet()) as RangeSet;
  }

  /**
   * A record written over `before` (undefined for a new one). At least what
   * Dexie itself would record for the same write: the key, as changed and as
   * possibly deleted (':dels'), and every index key of the new record, plus
   * the old record's keys where they moved (a query over the old key must
   * run again too).
   */
  written(schema: TableSchema, key: string | number, after: object, before: object | undefined): void {
    this.set(schema.name, '').addKey(key);
    this.set(schema.name, ':dels').addKey(key);
    for (const index of schema.indexes) {
      const next = indexKey(index, after);
      const prev = before === undefined ? undefined : indexKey(index, before);
      const keys = this.set(schema.name, index.name);
      addIndexKey(keys, index, next);
      if (prev !== undefined && !sameKey(prev, next)) addIndexKey(keys, index, prev);
    }
  }
}

/** The index key of a record, as IndexedDB would take it; undefined where it would leave the record out. */
export function indexKey(index: IndexSpec, row: object): unknown {
  const path = index.keyPath;
  if (path === undefined || path === null) return undefined;
  if (Array.isArray(path)) {
    const parts = path.map((p) => Dexie.getByKeyPath(row, p) as unknown);
    return parts.every(isKey) ? parts : undefined;
  }
  const value = Dexie.getByKeyPath(row, path) as unknown;
  if (index.multi) return Array.isArray(value) ? value.filter(isKey) : isKey(value) ? [value] : undefined;
  return isKey(value) ? value : undefined;
}

function addIndexKey(keys: RangeSet, index: IndexSpec, key: unknown): void {
  if (key === undefined) return;
  if (index.multi) for (const k of key as unknown[]) keys.addKey(k as string);
  else keys.addKey(key as string);
}

function sameKey(a: unknown, b: unknown): boolean {
  if (a === undefined || b === undefined) return a === b;
  return cmp(a, b) === 0;
}

/** A valid IndexedDB key (the kinds a FieldDesk index holds: strings, numbers, dates, arrays of them). */
function isKey(v: unknown): boolean {
  if (typeof v === 'string') return true;
  if (typeof v === 'number') return !Number.isNaN(v);
  if (v instanceof Date) return !Number.isNaN(v.getTime());
  return Array.isArray(v) && v.every(isKey);
}

/** Dexie's name for the event by which copies of Dexie tell each other of a committed write. */
export const DEXIE_MUTATED_EVENT = 'x-storagemutated-1';

/** Tell this window's live queries (and Dexie's other listeners) what a committed direct write changed. */
export function announceMutation(parts: ObservabilitySet): void {
  if (Object.keys(parts).length === 0) return;
  if (typeof dispatchEvent === 'function' && typeof CustomEvent === 'function') {
    dispatchEvent(new CustomEvent(DEXIE_MUTATED_EVENT, { detail: parts }));
  } else {
    // No DOM (unit tests in Node): Dexie has no cross-copy event there, and no cached live-query results to drop.
    Dexie.on.storagemutated.fire(parts);
  }
}
