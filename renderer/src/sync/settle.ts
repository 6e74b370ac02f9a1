import { CONFLICTS_TABLE } from '../../../shared/sync/protocol';
import { withoutSettled, type OutboxRow, type PendingOp, type QueuedChange } from '../../../shared/sync/outbox';
import { markRemote } from '../data/changelog';
import type { FieldDeskDb } from '../data/db';
import { syncStores, type Shadow } from './apply';
import { pendingFields } from './pending';
import { recordKey, rejectedKey, RESYNC_KEY, shadowKey } from './state-keys';

/** An op taken out of the queue for good, kept so the user can see what did not reach the server. */
export interface SetAsideOp {
  /** The op's device sequence number. */
  seq: number;
  opId: string;
  table: string;
  id: string;
  fields: QueuedChange['fields'];
  at: string;
  code: string;
  message: string;
  setAsideAt: string;
}

type Row = Record<string, unknown> & { id: string; stamps?: Record<string, string> };

/**
 * Settle the answer to one push in one transaction: applied ops leave the
 * outbox, refused ones move to the set-aside list, and fields whose server
 * value was held back while they were pending (a shadow) get the value the
 * server now holds:
 *
 * - an op applied unclamped with a stamp newer than the shadow's won on the
 *   server too: its value stays;
 * - otherwise (it lost, was clamped, or was refused) the shadow's value is the
 *   server's; if a clamped op did change the record after the shadow was
 *   taken, the server numbered that change and the next pull brings it.
 */
export async function settlePush(
  db: FieldDeskDb,
  batch: readonly PendingOp[],
  answer: { applied: readonly string[]; rejected: readonly { opId: string; code: string; message: string }[]; clamped: readonly string[] },
  now: () => string,
): Promise<void> {
  const applied = new Set(answer.applied);
  const clamped = new Set(answer.clamped);
  const rejected = new Map(answer.rejected.map((r) => [r.opId, r]));
  const settled = batch.filter((e) => applied.has(e.opId) || rejected.has(e.opId));
  if (settled.length === 0) return;
  await db.transaction('rw', syncStores(db), async (tx) => {
    markRemote(tx.idbtrans);
    // Only ops still in the outbox: a concurrent settle of the same batch (a duplicated response) is a no-op.
    const rowSeqs = [...new Set(settled.map((e) => e.rowSeq))];
    const rows = await db.outbox.bulkGet(rowSeqs);
    const stored = new Map(rows.flatMap((r) => (r ? [[r.seq as number, r] as const] : [])));
    const present = settled.filter((e) => stored.get(e.rowSeq)?.changes[e.slot]?.opId === e.opId);
    if (present.length === 0) return;
    // Settled changes leave holes, so the others keep their slots (their op numbers); an empty row goes.
    const puts: OutboxRow[] = [];
    const deletes: number[] = [];
    for (const [seq, row] of stored) {
      const here = present.filter((e) => e.rowSeq === seq);
      if (here.length === 0) continue;
      const next = withoutSettled(row, here);
      if (next) puts.push(next);
      else deletes.push(seq);
    }
    if (deletes.length > 0) await db.outbox.bulkDelete(deletes);
    if (puts.length > 0) await db.outbox.bulkPut(puts);
    // The change log does not write the clock: a restart finds it in the newest outbox row. Rows are
    // leaving the outbox, so the clock is kept in meta instead.
    await db.meta.put({ key: 'hlc', value: db.device.get().clock.last() });
    const setAside: { key: string; value: SetAsideOp }[] = [];
    for (const e of present) {
      const why = rejected.get(e.opId);
      if (why && !applied.has(e.opId)) {
        setAside.push({ key: rejectedKey(e.deviceSeq), value: { seq: e.deviceSeq, opId: e.opId, table: e.table, id: e.id, fields: e.fields, at: e.at, code: why.code, message: why.message, setAsideAt: now() } });
      }
    }
    if (setAside.length > 0) {
      await db.syncState.bulkPut(setAside);
      // The refused values are on this device only, and the server will not send those records
      // again by itself: a full resync puts back the server's values (the outbox is kept).
      await db.syncState.put({ key: RESYNC_KEY, value: now() });
    }

    const touched = new Set(present.map((e) => recordKey(e.table, e.id)));
    const stillPending = await pendingFields(db, touched);
    const shadows = await db.syncState.bulkGet(present.map((e) => shadowKey(e.table, e.id)));
    const byRecord = new Map<string, { table: string; id: string; shadow: Shadow; ops: PendingOp[] }>();
    present.forEach((e, i) => {
      const shadow = shadows[i]?.value as Shadow | undefined;
      if (!shadow) return;
      const key = recordKey(e.table, e.id);
      const entry = byRecord.get(key) ?? { table: e.table, id: e.id, shadow, ops: [] };
      entry.ops.push(e);
      byRecord.set(key, entry);
    });
    for (const [key, { table, id, shadow, ops }] of byRecord) {
      if (table === CONFLICTS_TABLE || !db.tables.some((t) => t.name === table)) continue;
      const store = db.table<Row, string>(table);
      const row = await store.get(id);
      // Replay the server's merge for each held-back field: start from the server's
      // value, let each of our applied ops in order win if its stamp is newer.
      const result: Record<string, { value: unknown; stamp: string }> = {};
      for (const op of ops.sort((a, b) => a.deviceSeq - b.deviceSeq)) {
        for (const [field, change] of Object.entries(op.fields)) {
          const held = shadow[field];
          if (!held || stillPending.get(key)?.has(field)) continue;
          const current = result[field] ?? held;
          const won = applied.has(op.opId) && !clamped.has(op.opId) && change.stamp > current.stamp;
          result[field] = won ? { value: change.value, stamp: change.stamp } : current;
        }
      }
      for (const field of Object.keys(result)) delete shadow[field];
      const changed = Object.entries(result).filter(([field, v]) => row && JSON.stringify(row[field]) !== JSON.stringify(v.value));
      if (row && changed.length > 0) {
        const next: Row = { ...row, stamps: { ...(row.stamps ?? {}) } };
        for (const [field, v] of changed) {
          next[field] = v.value;
          (next.stamps as Record<string, string>)[field] = v.stamp;
        }
        await store.put(next);
      }
      if (Object.keys(shadow).length === 0) await db.syncState.delete(shadowKey(table, id));
      else await db.syncState.put({ key: shadowKey(table, id), value: shadow });
    }
  });
}
