import type { DBCore, DBCoreMutateRequest, DBCoreMutateResponse, DBCoreTable, DBCoreTransaction, Middleware } from 'dexie';
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
          // Any readwrite transaction on a synced table also gets the outbox and
          // meta stores, even when the caller did not name them.
          const widened = mode === 'readwrite' && stores.some(isSyncTable) ? [...new Set([...stores, 'outbox', 'meta'])] : stores;
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

function logged(table: DBCoreTable, down: DBCore, device: DeviceRef): DBCoreTable {
  return {
    ...table,
    async mutate(req: DBCoreMutateRequest): Promise<DBCoreMutateResponse> {
      if (remoteTransactions.has(req.trans as object)) return table.mutate(req);
      // Schema upgrades reshape data the same way on every device: not a user change, not logged.
      if ((req.trans as { mode?: string }).mode === 'versionchange') return table.mutate(req);
      if (req.type === 'delete' || req.type === 'deleteRange') {
        // A hard delete would never reach other devices: deletes are tombstones (`deleted: 1`).
        throw new Error(`Records in ${table.name} are deleted by writing a tombstone, not removed.`);
      }
      const values = req.values as Row[];
      const local = localFieldsOf(table.name);
      const ids = values.map((v) => v.id);
      const existing = (await table.getMany({ trans: req.trans, keys: ids })) as (Row | undefined)[];
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
      const res = await table.mutate({ ...req, values: stamped } as DBCoreMutateRequest);
      // In a bulk write some rows may fail (and are not written); log exactly the rows that were.
      const written = entries.filter((e, i): e is OutboxEntry => e !== undefined && !(i in res.failures));
      if (written.length > 0) {
        mustSucceed(await down.table('outbox').mutate({ type: 'add', trans: req.trans, values: written }), 'change log', req.trans);
        mustSucceed(await down.table('meta').mutate({ type: 'put', trans: req.trans, values: [{ key: 'hlc', value: clock.last() }] }), 'clock', req.trans);
      }
      return res;
    },
  };
}
