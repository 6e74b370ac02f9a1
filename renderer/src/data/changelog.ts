import Dexie, { type DBCore, type DBCoreMutateRequest, type DBCoreMutateResponse, type DBCoreTable, type DBCoreTransaction, type Middleware } from 'dexie';
import { uuidv7 } from '../../../shared/ids/uuidv7';
import type { HybridClock } from '../../../shared/sync/hlc';
import type { FieldChange } from '../../../shared/sync/ops';
import { changeSetRows, type OutboxRow, type QueuedChange } from '../../../shared/sync/outbox';
import { isSyncTable, localFieldsOf } from '../../../shared/sync/tables';
import type { DeviceRef } from './device';
import { beforeEarlyCommit, holdCommit } from './early-commit';

export type { OutboxRow };

// Transactions that apply data pulled from the server. Their writes already
// carry server-merged stamps and must not be logged again (that would echo
// every pulled change back to the server).
const remoteTransactions = new WeakSet<object>();

/** Mark a Dexie transaction (its idbtrans) as applying remote changes. */
export function markRemote(idbtrans: object): void {
  remoteTransactions.add(idbtrans);
}

const BOOKKEEPING = new Set(['id', 'stamps']);

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

export type Row = Record<string, unknown> & { id: string; stamps?: Record<string, string> };

/**
 * DBCore middleware that turns every write to a synced table into an outbox
 * entry in the same IndexedDB transaction: the write and its log entry commit
 * together or not at all. It stamps each changed field with the device's
 * hybrid logical clock, which is what the server merges on.
 */
export function changelogMiddleware(device: DeviceRef): Middleware<DBCore> {
  return {
    stack: 'dbcore',
    name: 'fielddesk-changelog',
    create(down) {
      return {
        ...down,
        transaction(stores, mode, options) {
          // Any readwrite transaction on a synced table also gets the outbox,
          // even when the caller did not name it.
          const widened = mode === 'readwrite' && stores.some(isSyncTable) ? [...new Set([...stores, 'outbox'])] : stores;
          return down.transaction(widened, mode, options);
        },
        table(name) {
          const table = down.table(name);
          if (!isSyncTable(name)) return table;
          return logged(table, down, device);
        },
      };
    },
  };
}

/**
 * DBCore reports row failures in the response instead of rejecting (and keeps
 * the transaction alive). A record without its log entry would never sync, so
 * here a failure must reject, which aborts the caller's transaction.
 */
function mustSucceed(res: DBCoreMutateResponse, what: string, trans: DBCoreTransaction): void {
  if (res.numFailures > 0) {
    // The failed request called preventDefault, so IndexedDB would still commit the record: abort it.
    abortQuietly(trans);
    const first = Object.values(res.failures)[0];
    throw first instanceof Error ? first : new Error(`Could not write the ${what}: ${String(first)}`);
  }
}

/** Abort a transaction that may already be finishing (then it stays as it is). */
export function abortQuietly(trans: DBCoreTransaction): void {
  try {
    trans.abort();
  } catch {
    // already finished or aborting
  }
}

/**
 * The answers of two writes placed together in one transaction, which must
 * both land or neither. A request refused as it was made (IndexedDB throws: a
 * bad key, a value it cannot store) rejects its write, but the other may be
 * placed already, and a refused request is not a failed one: IndexedDB would
 * commit the rest. Nobody awaiting the rejection aborts it in time (the
 * transaction can commit first), so the pair is taken back here.
 */
export function bothOrNeither<A, B>(trans: DBCoreTransaction, a: PromiseLike<A>, b: PromiseLike<B>): Promise<[A, B]> {
  return Promise.all([a, b]).catch((e: unknown) => {
    abortQuietly(trans);
    throw e;
  });
}

/**
 * Rows read inside a readwrite transaction, per transaction. The common write
 * is "read a record, change it, put it back": the diff against the stored
 * record then needs no second read. Copies are kept, since the caller owns
 * (and may change) the objects it was handed.
 */
const readsByTransaction = new WeakMap<object, Map<string, Row | undefined>>();
const REMEMBER_AT_MOST = 16;
const cacheKey = (table: string, id: unknown) => `${table}\u0000${String(id)}`;

function remember(trans: object, table: string, keys: readonly unknown[], rows: readonly unknown[]): void {
  if ((trans as { mode?: string }).mode !== 'readwrite') return;
  let reads = readsByTransaction.get(trans);
  if (keys.length > REMEMBER_AT_MOST) {
    // Bulk reads and writes (loads, imports, sync) are not worth copying; just forget what they may have changed.
    if (reads) for (const k of keys) reads.delete(cacheKey(table, k));
    return;
  }
  if (!reads) readsByTransaction.set(trans, (reads = new Map()));
  keys.forEach((k, i) => reads.set(cacheKey(table, k), rows[i] === undefined ? undefined : (structuredClone(rows[i]) as Row)));
}

/** The stored rows as this transaction read or wrote them, when it has them all; else null. */
export function cachedRows(trans: DBCoreTransaction, table: string, ids: readonly string[]): (Row | undefined)[] | null {
  const reads = readsByTransaction.get(trans as object);
  if (!reads || !ids.every((id) => reads.has(cacheKey(table, id)))) return null;
  return ids.map((id) => reads.get(cacheKey(table, id)));
}

/**
 * The stored rows, from this transaction's reads when it has them. Always a
 * Dexie promise: awaiting one keeps Dexie's transaction zone (PSD) for the
 * writes that follow, where awaiting a native promise would lose it.
 */
export function storedRows(table: DBCoreTable, trans: DBCoreTransaction, ids: string[]): PromiseLike<(Row | undefined)[]> {
  const cached = cachedRows(trans, table.name, ids);
  if (cached) return Dexie.Promise.resolve(cached);
  return table.getMany({ trans, keys: ids }) as PromiseLike<(Row | undefined)[]>;
}

/**
 * Place a write now when the stored rows it compares with are at hand (an
 * add compares with none: it writes new records only), else after reading
 * them. Placed at once, every request of a save is placed by the time the
 * caller's write call returns, and the save can commit without waiting for
 * their answers (early-commit.ts); a read first holds that commit back.
 */
export function placeWrite<T>(table: DBCoreTable, req: DBCoreMutateRequest & { values: readonly Row[] }, ids: string[], place: (rows: readonly (Row | undefined)[]) => Promise<T>): Promise<T> {
  const now = (rows: readonly (Row | undefined)[]) => {
    try {
      return place(rows);
    } catch (e) {
      return Promise.reject(e);
    }
  };
  if (req.type === 'add') return now([]);
  const cached = cachedRows(req.trans, table.name, ids);
  if (cached) return now(cached);
  const placed = holdCommit(req.trans as object);
  return Promise.resolve(
    // Not storedRows: the cache was just looked in.
    (table.getMany({ trans: req.trans, keys: ids }) as PromiseLike<(Row | undefined)[]>).then((rows) => {
      try {
        return now(rows);
      } finally {
        placed();
      }
    }),
  );
}

/**
 * Stamp what a write changes, field by field, against the stored rows
 * (`existing`, undefined for a new record), with the device's hybrid
 * logical clock, which is what the server merges on; and the change each
 * changed row sends (undefined where nothing synced changed). Local fields
 * (derived on each device) and the bookkeeping are never sent.
 */
export function stampRows(tableName: string, values: readonly Row[], existing: readonly (Row | undefined)[], clock: HybridClock): { stamped: Row[]; changes: (QueuedChange | undefined)[] } {
  const local = localFieldsOf(tableName);
  const changes: (QueuedChange | undefined)[] = [];
  const stamped = values.map((value, i) => {
    const before = existing[i];
    const changed = Object.keys(value).filter((k) => !BOOKKEEPING.has(k) && !local.includes(k) && (!before || !sameValue(before[k], value[k])));
    // Fields the caller dropped entirely are unchanged, not deleted: records are merged field by field.
    if (changed.length === 0) {
      changes.push(undefined);
      return { ...value, stamps: before?.stamps ?? value.stamps ?? {} };
    }
    const stamp = clock.next();
    const stamps = { ...(before?.stamps ?? {}), ...(value.stamps ?? {}) };
    const fields: Record<string, FieldChange> = {};
    for (const k of changed) {
      stamps[k] = stamp;
      fields[k] = { value: value[k], stamp };
    }
    changes.push({ opId: uuidv7(), table: tableName, id: value.id, fields });
    return { ...value, stamps };
  });
  return { stamped, changes };
}

function logged(table: DBCoreTable, down: DBCore, device: DeviceRef): DBCoreTable {
  return {
    ...table,
    // `.then` on Dexie's own promise (not an async wrapper) keeps Dexie's transaction zone for the caller.
    get: (req) =>
      table.get(req).then((row) => {
        remember(req.trans as object, table.name, [req.key], [row]);
        return row;
      }),
    getMany: (req) =>
      table.getMany(req).then((rows) => {
        remember(req.trans as object, table.name, req.keys, rows);
        return rows;
      }),
    mutate(req: DBCoreMutateRequest): Promise<DBCoreMutateResponse> {
      if (remoteTransactions.has(req.trans as object)) {
        readsByTransaction.delete(req.trans as object);
        return table.mutate(req);
      }
      // Schema upgrades reshape data the same way on every device: not a user change, not logged.
      if ((req.trans as { mode?: string }).mode === 'versionchange') return table.mutate(req);
      if (req.type === 'delete' || req.type === 'deleteRange') {
        // A hard delete would never reach other devices: deletes are tombstones (`deleted: 1`).
        return Promise.reject(new Error(`Records in ${table.name} are deleted by writing a tombstone, not removed.`));
      }
      const values = req.values as Row[];
      return placeWrite(table, req as DBCoreMutateRequest & { values: Row[] }, values.map((v) => v.id), (existing) => logAndWrite(req, values, existing));
    },
  };

  /** Stamp the changed fields and place the write and its log entries together (synchronously); the answer settles later. */
  function logAndWrite(req: DBCoreMutateRequest, values: Row[], existing: readonly (Row | undefined)[]): Promise<DBCoreMutateResponse> {
    const { clock } = device.get();
    const at = new Date(clock.now()).toISOString();
    const { stamped, changes } = stampRows(table.name, values, existing, clock);
    const write = { ...req, values: stamped } as DBCoreMutateRequest;
    // The clock is not written here: the newest outbox row holds the newest stamp this device issued, and
    // openDatabase restores the clock from it (and from meta's `hlc`, which whoever empties the outbox
    // writes). That saves a write per save.
    const written = table.mutate(write);
    const queued = changes.flatMap((c, i) => (c ? [{ change: c, i }] : []));
    // The record is placed now; its changes join the transaction's change set, placed with the set.
    const places = queued.length === 0 ? null : joinChangeSet(req.trans, down, queued.map((q) => q.change), at, written);
    return settle(req, stamped, queued, written, places);
  }

  async function settle(
    req: DBCoreMutateRequest,
    stamped: Row[],
    queued: { change: QueuedChange; i: number }[],
    written: Promise<DBCoreMutateResponse>,
    places: Promise<Placed[]> | null,
  ): Promise<DBCoreMutateResponse> {
    // A record without its log entry would never sync, and a log entry without its record would send a change nobody made.
    const [res] = await bothOrNeither(req.trans, written, places ?? Promise.resolve(null));
    // A refused record (an add of an existing key; in a bulk write some rows may fail and are not written)
    // takes its change back out of the set, so exactly the records written are logged. The caller sees the
    // failure as it would without the change log, and may catch it and go on in the same transaction.
    if (res.numFailures > 0 && places) {
      const slots = await places;
      const refused = queued.flatMap((q, pos) => (q.i in res.failures ? [slots[pos] as Placed] : []));
      if (refused.length) await takeBack(req.trans, down, refused);
    }
    const kept = stamped.filter((_, i) => !(i in res.failures));
    remember(req.trans as object, table.name, kept.map((v) => v.id), kept);
    return res;
  }
}

/** Where a change was placed: its row (stored, with its key) and slot. */
interface Placed {
  row: OutboxRow;
  slot: number;
}

/**
 * A transaction's change set still being gathered: the writes placed before
 * the first of them answers (a ticket and its history events; a bulk write)
 * share one outbox row, placed when that answer arrives, or at an early
 * commit, which places it first. A write placed after that, once the caller
 * has awaited something, starts a set of its own. IndexedDB runs a
 * transaction's requests in order, so placing the row last changes nothing
 * about what commits: all of it, or none.
 */
interface OpenSet {
  changes: QueuedChange[];
  at: string;
  placed: Promise<Placed[]>;
  resolve: (placed: Placed[]) => void;
  reject: (e: unknown) => void;
}

const openSets = new WeakMap<object, OpenSet>();

/** Add changes to the transaction's open change set; resolves with where each landed once the set's row is stored. */
function joinChangeSet(trans: DBCoreTransaction, down: DBCore, changes: readonly QueuedChange[], at: string, written: Promise<unknown>): Promise<Placed[]> {
  const key = trans as object;
  let set = openSets.get(key);
  if (!set) {
    let resolve!: OpenSet['resolve'];
    let reject!: OpenSet['reject'];
    const placed = new Promise<Placed[]>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    const created: OpenSet = { changes: [], at, placed, resolve, reject };
    set = created;
    openSets.set(key, created);
    const flush = () => placeChangeSet(trans, down, created);
    beforeEarlyCommit(key, flush);
    // On the answer, the transaction is active and every write placed with this one has joined (they
    // answer in order, after it). Dexie's own promise keeps Dexie's transaction zone, which the layers
    // below (Dexie's hooks) read when the row is placed.
    written.then(flush, flush);
  }
  const from = set.changes.length;
  set.changes.push(...changes);
  return set.placed.then((all) => all.slice(from, from + changes.length));
}

/** Place the open set's rows, once: when its first write answers, or before an early commit, whichever comes first. */
function placeChangeSet(trans: DBCoreTransaction, down: DBCore, set: OpenSet): void {
  if (openSets.get(trans as object) !== set) return;
  openSets.delete(trans as object);
  beforeEarlyCommit(trans as object, null);
  const rows = changeSetRows(set.changes, set.at);
  let added: Promise<DBCoreMutateResponse>;
  try {
    added = down.table('outbox').mutate({ type: 'add', trans, values: rows });
  } catch (e) {
    added = Promise.reject(e);
  }
  added
    .then((res) => {
      mustSucceed(res, 'change log', trans);
      rows.forEach((row, k) => (row.seq = res.results?.[k] as number));
      set.resolve(rows.flatMap((row) => row.changes.map((_, slot) => ({ row, slot }))));
    })
    .catch((e: unknown) => set.reject(e));
}

/** Take changes back out of their rows (their records were refused): each row is put back without them, or deleted when empty. */
async function takeBack(trans: DBCoreTransaction, down: DBCore, refused: readonly Placed[]): Promise<void> {
  const rows = new Set<OutboxRow>();
  for (const { row, slot } of refused) {
    if (row.changes[slot]) {
      row.changes[slot] = null;
      row.n -= 1;
    }
    rows.add(row);
  }
  const outbox = down.table('outbox');
  for (const row of rows) {
    // The row object is shared by every write of the set, so this put carries every take-back so far.
    const res = row.n === 0 ? await outbox.mutate({ type: 'delete', trans, keys: [row.seq] }) : await outbox.mutate({ type: 'put', trans, values: [{ ...row, changes: row.changes.slice() }] });
    mustSucceed(res, 'change log', trans);
  }
}
