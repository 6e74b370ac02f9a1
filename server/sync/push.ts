import { clampStamps } from '../../shared/sync/clamp';
import { isEmptyRecord, isTombstone, mergeRecord, type RecordState } from '../../shared/sync/merge';
import type { SyncOp } from '../../shared/sync/ops';
import { ApplicableOpSchema, CONFLICTS_TABLE, type PushResponse, type RejectedOp, type User } from '../../shared/sync/protocol';
import type { MergeMode } from '../../shared/sync/tables';
import { parseWith } from '../../shared/validation';
import { withRetry, type Db, type Queryable } from '../db/db';
import { conflictRecord, isKeptConflict, type ConflictPolicy } from './conflicts';
import { checkWrite, type WriteRules } from './write-rules';

export type TableRegistry = Readonly<Record<string, { merge: MergeMode }>>;

export interface PushContext {
  user: User;
  now: number;
  tables: TableRegistry;
  rules: WriteRules;
  maxAheadMs: number;
  conflicts: ConflictPolicy;
  /** Test seam: runs after the sequence numbers are taken, just before commit. */
  beforeCommit?: () => Promise<void>;
}

export type PushOutcome = Omit<PushResponse, 'serverTime'>;

const opKey = (deviceId: string, deviceSeq: number): string => JSON.stringify([deviceId, deviceSeq]);
const recKey = (table: string, id: string): string => JSON.stringify([table, id]);

/**
 * Apply one pushed batch. Everything that can refuse an op for good is checked
 * first, without touching the database; the rest is applied in one
 * transaction, so a batch lands whole or not at all.
 */
export async function applyPush(db: Db, rawOps: readonly { opId: string }[], ctx: PushContext): Promise<PushOutcome> {
  const rejected: RejectedOp[] = [];
  const candidates: SyncOp[] = [];
  const inBatchDuplicates: string[] = [];
  const seen = new Map<string, string>();

  for (const raw of rawOps) {
    const parsed = parseWith(ApplicableOpSchema, raw, 'op');
    if (!parsed.ok) {
      rejected.push({ opId: raw.opId, code: 'invalid_op', message: parsed.error.message });
      continue;
    }
    const op = parsed.value;
    if (!Object.hasOwn(ctx.tables, op.table)) {
      rejected.push({ opId: op.opId, code: 'unknown_table', message: `${op.table} is not a synced table` });
      continue;
    }
    const allowed = checkWrite(ctx.rules, ctx.user.role, op.table, Object.keys(op.fields));
    if (!allowed.ok) {
      rejected.push({ opId: op.opId, ...allowed.error });
      continue;
    }
    const key = opKey(op.deviceId, op.deviceSeq);
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      if (earlier === op.opId) inBatchDuplicates.push(op.opId);
      else rejected.push({ opId: op.opId, code: 'seq_reused', message: `deviceSeq ${op.deviceSeq} of ${op.deviceId} already belongs to another op` });
      continue;
    }
    seen.set(key, op.opId);
    candidates.push(op);
  }

  const clampedOps = clampBatch(candidates, ctx.now, ctx.maxAheadMs);
  const result = candidates.length > 0 ? await withRetry(db, (tx) => applyInTransaction(tx, candidates, ctx)) : { fresh: new Set<string>(), duplicates: new Set<string>(), reused: [] as RejectedOp[] };

  rejected.push(...result.reused);
  const rejectedIds = new Set(rejected.map((r) => r.opId));
  const applied = rawOps.map((o) => o.opId).filter((id) => !rejectedIds.has(id) && (result.fresh.has(id) || result.duplicates.has(id) || inBatchDuplicates.includes(id)));
  return {
    applied: [...new Set(applied)],
    rejected,
    clamped: [...clampedOps].filter((id) => result.fresh.has(id)),
  };
}

/** Rewrites the ops' stamps in place; returns the ids of ops that had one clamped. */
function clampBatch(ops: SyncOp[], now: number, maxAheadMs: number): Set<string> {
  const map = clampStamps(
    ops.flatMap((op) => Object.values(op.fields).map((f) => f.stamp)),
    now,
    maxAheadMs,
  );
  const clamped = new Set<string>();
  if (map.size === 0) return clamped;
  for (const op of ops) {
    for (const change of Object.values(op.fields)) {
      const to = map.get(change.stamp);
      if (to !== undefined) {
        change.stamp = to;
        clamped.add(op.opId);
      }
    }
  }
  return clamped;
}

async function applyInTransaction(tx: Queryable, ops: SyncOp[], ctx: PushContext) {
  // 1. Claim each (deviceId, deviceSeq). A row already there means the op was
  //    applied before (same opId) or the device reused a number (another opId).
  const claims = ops.map((o) => ({ device_id: o.deviceId, device_seq: o.deviceSeq, op_id: o.opId }));
  const inserted = await tx.query<{ device_id: string; device_seq: number }>(
    `INSERT INTO applied_ops (device_id, device_seq, op_id, user_id, applied_at_ms)
     SELECT x.device_id, x.device_seq, x.op_id, $2, $3
       FROM jsonb_to_recordset($1::jsonb) AS x(device_id text, device_seq bigint, op_id text)
      ORDER BY x.device_id, x.device_seq
     ON CONFLICT (device_id, device_seq) DO NOTHING
     RETURNING device_id, device_seq`,
    [JSON.stringify(claims), ctx.user.id, ctx.now],
  );
  const claimed = new Set(inserted.rows.map((r) => opKey(r.device_id, Number(r.device_seq))));
  const fresh = new Set<string>();
  const duplicates = new Set<string>();
  const reused: RejectedOp[] = [];
  const notClaimed = ops.filter((o) => !claimed.has(opKey(o.deviceId, o.deviceSeq)));
  if (notClaimed.length > 0) {
    const prior = await tx.query<{ device_id: string; device_seq: number; op_id: string }>(
      `SELECT a.device_id, a.device_seq, a.op_id
         FROM applied_ops a JOIN jsonb_to_recordset($1::jsonb) AS x(device_id text, device_seq bigint)
           ON a.device_id = x.device_id AND a.device_seq = x.device_seq`,
      [JSON.stringify(notClaimed.map((o) => ({ device_id: o.deviceId, device_seq: o.deviceSeq })))],
    );
    const priorOp = new Map(prior.rows.map((r) => [opKey(r.device_id, Number(r.device_seq)), r.op_id]));
    for (const o of notClaimed) {
      if (priorOp.get(opKey(o.deviceId, o.deviceSeq)) === o.opId) duplicates.add(o.opId);
      else reused.push({ opId: o.opId, code: 'seq_reused', message: `deviceSeq ${o.deviceSeq} of ${o.deviceId} was already used by another op` });
    }
  }
  const toApply = ops.filter((o) => claimed.has(opKey(o.deviceId, o.deviceSeq)));
  for (const o of toApply) fresh.add(o.opId);
  if (toApply.length === 0) return { fresh, duplicates, reused };

  // 2. Lock every touched record, in one global order so concurrent pushes
  //    cannot deadlock. Absent records get an empty placeholder first so there
  //    is a row to lock; a concurrent push creating the same record waits here.
  const keys = [...new Map(toApply.map((o) => [recKey(o.table, o.id), { tbl: o.table, id: o.id }])).values()];
  await tx.query(
    `INSERT INTO records (tbl, id, fields, stamps, server_seq, deleted, updated_at_ms)
     SELECT x.tbl, x.id, '{}'::jsonb, '{}'::jsonb, 0, false, $2
       FROM jsonb_to_recordset($1::jsonb) AS x(tbl text, id text)
      ORDER BY x.tbl, x.id
     ON CONFLICT (tbl, id) DO NOTHING`,
    [JSON.stringify(keys), ctx.now],
  );
  const locked = await tx.query<{ tbl: string; id: string; fields: Record<string, unknown>; stamps: Record<string, string> }>(
    `SELECT r.tbl, r.id, r.fields, r.stamps
       FROM records r JOIN jsonb_to_recordset($1::jsonb) AS x(tbl text, id text) ON r.tbl = x.tbl AND r.id = x.id
      ORDER BY r.tbl, r.id
        FOR UPDATE OF r`,
    [JSON.stringify(keys)],
  );
  const state = new Map<string, RecordState>(locked.rows.map((r) => [recKey(r.tbl, r.id), { fields: r.fields, stamps: r.stamps }]));

  // 3. Merge in the order the device sent them.
  const changed = new Map<string, { tbl: string; id: string }>();
  const conflicts = new Map<string, { tbl: string; id: string; record: RecordState }>();
  for (const op of toApply) {
    const key = recKey(op.table, op.id);
    const mode = (ctx.tables[op.table] as { merge: MergeMode }).merge;
    const outcome = mergeRecord(mode, state.get(key), op.fields);
    if (outcome.changed.length > 0) {
      state.set(key, outcome.record);
      changed.set(key, { tbl: op.table, id: op.id });
    }
    for (const lost of outcome.lost) {
      if (!isKeptConflict(ctx.conflicts, op.table, lost)) continue;
      const c = conflictRecord(op.table, op.id, lost, ctx.now);
      conflicts.set(c.id, { tbl: CONFLICTS_TABLE, id: c.id, record: c.record });
    }
  }

  // A placeholder nothing was merged into must not survive as an empty record.
  const empty = keys.filter((k) => isEmptyRecord(state.get(recKey(k.tbl, k.id))));
  if (empty.length > 0) {
    await tx.query(
      `DELETE FROM records r USING jsonb_to_recordset($1::jsonb) AS x(tbl text, id text)
        WHERE r.tbl = x.tbl AND r.id = x.id AND r.server_seq = 0`,
      [JSON.stringify(empty)],
    );
  }

  const n = changed.size + conflicts.size;
  if (n > 0) {
    // 4. Number the changes. This row lock is held until commit, so the next
    //    push numbers its changes only after these are visible: sequence order
    //    is commit order, and a pull cursor can never skip past a late commit.
    const counter = await tx.query<{ seq: number }>('UPDATE sync_state SET seq = seq + $1 WHERE id = 1 RETURNING seq', [n]);
    let seq = Number(counter.rows[0]?.seq) - n;
    const rows = [...changed.values()].map(({ tbl, id }) => {
      const r = state.get(recKey(tbl, id)) as RecordState;
      return { tbl, id, fields: r.fields, stamps: r.stamps, deleted: isTombstone(r), seq: ++seq };
    });
    await tx.query(
      `UPDATE records r
          SET fields = x.fields, stamps = x.stamps, server_seq = x.seq, deleted = x.deleted, updated_at_ms = $2
         FROM jsonb_to_recordset($1::jsonb) AS x(tbl text, id text, fields jsonb, stamps jsonb, seq bigint, deleted boolean)
        WHERE r.tbl = x.tbl AND r.id = x.id`,
      [JSON.stringify(rows), ctx.now],
    );
    if (conflicts.size > 0) {
      const conflictRows = [...conflicts.values()].map((c) => ({ tbl: c.tbl, id: c.id, fields: c.record.fields, stamps: c.record.stamps, seq: ++seq }));
      await tx.query(
        `INSERT INTO records (tbl, id, fields, stamps, server_seq, deleted, updated_at_ms)
         SELECT x.tbl, x.id, x.fields, x.stamps, x.seq, false, $2
           FROM jsonb_to_recordset($1::jsonb) AS x(tbl text, id text, fields jsonb, stamps jsonb, seq bigint)
         ON CONFLICT (tbl, id) DO NOTHING`,
        [JSON.stringify(conflictRows), ctx.now],
      );
    }
  }
  if (ctx.beforeCommit) await ctx.beforeCommit();
  return { fresh, duplicates, reused };
}
