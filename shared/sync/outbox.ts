import type { FieldChange, SyncOp } from './ops';

/**
 * The outbox: what this device changed and the server has not yet
 * acknowledged. Each row is a change set, the changes of one transaction's
 * writes (at most CHANGES_PER_ROW of them), not one row per change.
 *
 * Why: in Chromium's IndexedDB every request costs about as much as a small
 * record's bytes, so a row per change made a bulk write (a load, an import,
 * a first sync's local edits) pay a second request for every record, and an
 * edit pay one for its ticket and one for its history event. A change set
 * costs one request per transaction.
 *
 * Each change keeps its own op identity for the server, which applies ops
 * idempotently by (device, deviceSeq): change `slot` of row `seq` is op
 * `seq × SLOTS + slot`. The row key comes from IndexedDB's key generator,
 * which never goes back, so op numbers are never reused, even after the
 * outbox empties. Rows written before change sets (data version 10 and
 * older: one change per row, op number = row key) keep their numbers, marked
 * `legacy`; every later row's key is above theirs, and so are its numbers.
 *
 * A settled change leaves a hole (null), so the slots of the others, and so
 * their op numbers, never move; the row goes when its last change does.
 */
export interface QueuedChange {
  opId: string;
  table: string;
  id: string;
  fields: Record<string, FieldChange>;
}

export interface OutboxRow {
  /** IndexedDB's key generator; absent until stored. */
  seq?: number;
  /** When the first change of the set was made. */
  at: string;
  /** Changes still waiting (non-null slots); indexed, so the waiting count never reads a row. */
  n: number;
  changes: (QueuedChange | null)[];
  /** A row from before change sets: its one change is op number `seq`. */
  legacy?: 1;
}

/** Op numbers per row: change sets hold at most this many slots. */
export const SLOTS = 65_536;
/**
 * Changes per row. Small enough that a push batch (200 ops by default) takes
 * whole rows, so a settle seldom rewrites one; large enough that a bulk write
 * of 2,000 records is 10 requests, not 2,000.
 */
export const CHANGES_PER_ROW = 200;

/** One waiting change with what a push and a settle need: its op number and where it sits. */
export interface PendingOp extends QueuedChange {
  deviceSeq: number;
  rowSeq: number;
  slot: number;
  at: string;
}

export function deviceSeqOf(row: Pick<OutboxRow, 'seq' | 'legacy'>, slot: number): number {
  const seq = row.seq as number;
  return row.legacy ? seq : seq * SLOTS + slot;
}

/** The waiting changes of a stored row, in op order. */
export function opsOfRow(row: OutboxRow): PendingOp[] {
  const ops: PendingOp[] = [];
  row.changes.forEach((c, slot) => {
    if (c) ops.push({ ...c, deviceSeq: deviceSeqOf(row, slot), rowSeq: row.seq as number, slot, at: row.at });
  });
  return ops;
}

/** New rows for changes made together: split at CHANGES_PER_ROW, in order. */
export function changeSetRows(changes: readonly QueuedChange[], at: string): OutboxRow[] {
  const rows: OutboxRow[] = [];
  for (let i = 0; i < changes.length; i += CHANGES_PER_ROW) {
    const part = changes.slice(i, i + CHANGES_PER_ROW);
    rows.push({ at, n: part.length, changes: part });
  }
  return rows;
}

/** The op the server receives for a waiting change. */
export const toSyncOp = (op: PendingOp, deviceId: string): SyncOp => ({ opId: op.opId, deviceId, deviceSeq: op.deviceSeq, table: op.table, id: op.id, fields: op.fields });

/** Take settled changes out of a row (by slot, when the slot still holds that op): the row to put back, or null to delete it. */
export function withoutSettled(row: OutboxRow, settled: readonly { slot: number; opId: string }[]): OutboxRow | null {
  const changes = row.changes.slice();
  for (const s of settled) if (changes[s.slot]?.opId === s.opId) changes[s.slot] = null;
  const n = changes.reduce((k, c) => k + (c ? 1 : 0), 0);
  return n === 0 ? null : { ...row, n, changes };
}

/** Every clock stamp a row holds (the device clock resumes from the newest stamp it issued). */
export function stampsOfRow(row: OutboxRow | undefined): string[] {
  if (!row) return [];
  return row.changes.flatMap((c) => (c ? Object.values(c.fields).map((f) => f.stamp) : []));
}

/**
 * A row of data version 10 or older (`{seq, opId, table, id, fields, at}`)
 * as a one-change legacy row keeping its op number. Anything else is
 * returned as it is.
 */
export function upgradeLegacyRow(record: Record<string, unknown>): Record<string, unknown> {
  if (Array.isArray(record.changes)) return record;
  const { seq, opId, table, id, fields, at } = record;
  return { ...(seq === undefined ? {} : { seq }), at, n: 1, changes: [{ opId, table, id, fields }], legacy: 1 };
}
