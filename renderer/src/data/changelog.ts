import Dexie, { type DBCore, type DBCoreMutateRequest, type DBCoreMutateResponse, type DBCoreTable, type DBCoreTransaction, type Middleware } from 'dexie';
import { uuidv7 } from '../../../shared/ids/uuidv7';
import type { FieldChange } from '../../../shared/sync/ops';
import { isSyncTable, localFieldsOf } from '../../../shared/sync/tables';
import type { DeviceRef } from './device';

/** A row of the outbox table: one local change, waiting to be pushed. */
export interface OutboxEntry {
  /** Auto-increment key; doubles as the device sequence number of the op. */
  seq?: number;
  opId: string;
  table: string;
  id: string;
  fields: Record<string, FieldChange>;
  at: string;
}

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

type Row = Record<string, unknown> & { id: string; stamps?: Record<string, string> };

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
    try {
      trans.abort();
    } catch {
      // already finished or aborting
    }
    const first = Object.values(res.failures)[0];
    throw first instanceof Error ? first : new Error(`Could not write the ${what}: ${String(first)}`);
  }
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

/**
 * The stored rows, from this transaction's reads when it has them. Always a
 * Dexie promise: awaiting one keeps Dexie's transaction zone (PSD) for the
 * writes that follow, where awaiting a native promise would lose it.
 */
export function storedRows(table: DBCoreTable, trans: DBCoreTransaction, ids: string[]): PromiseLike<(Row | undefined)[]> {
  const reads = readsByTransaction.get(trans as object);
  if (reads && ids.every((id) => reads.has(cacheKey(table.name, id)))) return Dexie.Promise.resolve(ids.map((id) => reads.get(cacheKey(table.name, id))));
  return table.getMany({ trans, keys: ids }) as PromiseLike<(Row | undefined)[]>;
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
    async mutate(req: DBCoreMutateRequest): Promise<DBCoreMutateResponse> {
      if (remoteTransactions.has(req.trans as object)) {
        readsByTransaction.delete(req.trans as object);
        return table.mutate(req);
      }
      // Schema upgrades reshape data the same way on every device: not a user change, not logged.
      if ((req.trans as { mode?: string }).mode === 'versionchange') return table.mutate(req);
      if (req.type === 'delete' || req.type === 'deleteRange') {
        // A hard delete would never reach other devices: deletes are tombstones (`deleted: 1`).
        throw new Error(`Records in ${table.name} are deleted by writing a tombstone, not removed.`);
      }
      const values = req.values as Row[];
      const local = localFieldsOf(table.name);
      const ids = values.map((v) => v.id);
      // An add writes new records only (it fails on an existing key), so there is nothing to compare with: skip the read.
      const existing = req.type === 'add' ? [] : await storedRows(table, req.trans, ids);
      const { clock } = device.get();
      const at = new Date(clock.now()).toISOString();
      const entries: (OutboxEntry | undefined)[] = [];
      const stamped = values.map((value, i) => {
        const before = existing[i];
        const changed = Object.keys(value).filter((k) => !BOOKKEEPING.has(k) && !local.includes(k) && (!before || !sameValue(before[k], value[k])));
        // Fields the caller dropped entirely are unchanged, not deleted: records are merged field by field.
        if (changed.length === 0) {
          entries.push(undefined);
          return { ...value, stamps: before?.stamps ?? value.stamps ?? {} };
        }
        const stamp = clock.next();
        const stamps = { ...(before?.stamps ?? {}), ...(value.stamps ?? {}) };
        const fields: Record<string, FieldChange> = {};
        for (const k of changed) {
          stamps[k] = stamp;
          fields[k] = { value: value[k], stamp };
        }
        entries.push({ opId: uuidv7(), table: table.name, id: value.id, fields, at });
        return { ...value, stamps };
      });
      const write = { ...req, values: stamped } as DBCoreMutateRequest;
      // The clock is not written here: the newest outbox row holds the newest stamp this device issued, and
      // openDatabase restores the clock from it (and from meta's `hlc`, which whoever empties the outbox
      // writes). That saves a write per save, a quarter of what a one-field edit asks of IndexedDB.
      const logRows = (rows: OutboxEntry[]) => (rows.length === 0 ? null : down.table('outbox').mutate({ type: 'add', trans: req.trans, values: rows }));
      // The records and their log entries are queued together: one round trip, in order, and the
      // transaction still commits all or nothing.
      const loggedRows = entries.flatMap((e, i) => (e ? [{ e, i }] : []));
      const [res, log] = await Promise.all([table.mutate(write), logRows(loggedRows.map((l) => l.e))]);
      if (log) mustSucceed(log, 'change log', req.trans);
      // A refused record (an add of an existing key; in a bulk write some rows may fail and are not written)
      // takes its log entry back, so exactly the rows written are logged. The caller sees the failure as it
      // would without the change log, and may catch it and go on in the same transaction.
      const outboxKeys = log?.results;
      if (res.numFailures > 0 && outboxKeys?.length) {
        const refused = loggedRows.flatMap((l, pos) => (l.i in res.failures ? [outboxKeys[pos]] : []));
        if (refused.length) await down.table('outbox').mutate({ type: 'delete', trans: req.trans, keys: refused });
      }
      const written = stamped.filter((_, i) => !(i in res.failures));
      remember(req.trans as object, table.name, written.map((v) => v.id), written);
      return res;
    },
  };
}
