import { clampStamps } from '../../shared/sync/clamp';
import { isTombstone, mergeRecord, type RecordState } from '../../shared/sync/merge';
import type { SyncOp } from '../../shared/sync/ops';
import { ApplicableOpSchema, CONFLICTS_TABLE, type PushResponse, type RejectedOp, type User } from '../../shared/sync/protocol';
import type { MergeMode } from '../../shared/sync/tables';
import { parseWith } from '../../shared/validation';
import { withRetry, type Db, type Queryable } from '../db/db';
import { conflictRecord, isKeptConflict, type ConflictPolicy } from './conflicts';
import type { Gate } from './gate';
import { checkWrite, type WriteRules } from './write-rules';

export type TableRegistry = Readonly<Record<string, { merge: MergeMode }>>;

export interface PushContext {
  user: User;
  now: number;
  tables: TableRegistry;
  rules: WriteRules;
  maxAheadMs: number;
  conflicts: ConflictPolicy;
  /** Runs the batch's transaction, so that only so many run at once (see gate.ts); without it, at once. */
  gate?: Gate;
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
  const apply = () => withRetry(db, (tx) => applyInTransaction(tx, candidates, ctx));
  const result = candidates.length > 0 ? await (ctx.gate ? ctx.gate.run(apply) : apply()) : { fresh: new Set<string>(), duplicates: new Set<string>(), reused: [] as RejectedOp[] };

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

/** What the batch needs of one locked record: whether it exists, and only the fields (and their stamps) the batch touches. */
interface LockedRecord extends RecordState {
  tbl: string;
  id: string;
  present: boolean;
  changed: Set<string>;
}

const pick = <T>(from: Record<string, T>, names: Iterable<string>): Record<string, T> => Object.fromEntries([...names].map((n) => [n, from[n] as T]));

async function applyInTransaction(tx: Queryable, ops: SyncOp[], ctx: PushContext) {
  // 1. Claim each (deviceId, deviceSeq). A row already there means the op was
  //    applied before (same opId) or the device reused a number (another opId).
  const inserted = await tx.query<{ device_id: string; device_seq: number }>(
    `INSERT INTO applied_ops (device_id, device_seq, op_id, user_id, applied_at_ms)
     SELECT x.device_id, x.device_seq, x.op_id, $4, $5
       FROM unnest($1::text[], $2::bigint[], $3::text[]) AS x(device_id, device_seq, op_id)
      ORDER BY x.device_id, x.device_seq
     ON CONFLICT (device_id, device_seq) DO NOTHING
     RETURNING device_id, device_seq`,
    [ops.map((o) => o.deviceId), ops.map((o) => o.deviceSeq), ops.map((o) => o.opId), ctx.user.id, ctx.now],
  );
  const claimed = new Set(inserted.rows.map((r) => opKey(r.device_id, Number(r.device_seq))));
  const fresh = new Set<string>();
  const duplicates = new Set<string>();
  const reused: RejectedOp[] = [];
  const notClaimed = ops.filter((o) => !claimed.has(opKey(o.deviceId, o.deviceSeq)));
  if (notClaimed.length > 0) {
    const prior = await tx.query<{ device_id: string; device_seq: number; op_id: string }>(
      `SELECT a.device_id, a.device_seq, a.op_id
         FROM applied_ops a JOIN unnest($1::text[], $2::bigint[]) AS x(device_id, device_seq)
           ON a.device_id = x.device_id AND a.device_seq = x.device_seq`,
      [notClaimed.map((o) => o.deviceId), notClaimed.map((o) => o.deviceSeq)],
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
  //    From here to commit the records stay locked, so what follows is kept
  //    short: the rows come back with only the fields the batch touches.
  const state = await lockRecords(tx, toApply, ctx.now);

  // 3. Merge in the order the device sent them.
  const conflicts = new Map<string, { tbl: string; id: string; record: RecordState }>();
  for (const op of toApply) {
    const rec = state.get(recKey(op.table, op.id)) as LockedRecord;
    const mode = (ctx.tables[op.table] as { merge: MergeMode }).merge;
    if (mode === 'append' && rec.present) continue; // immutable: the first copy stays
    const outcome = mergeRecord(mode, rec, op.fields);
    if (outcome.changed.length > 0) {
      rec.fields = outcome.record.fields;
      rec.stamps = outcome.record.stamps;
      rec.present = true;
      for (const name of outcome.changed) rec.changed.add(name);
    }
    for (const lost of outcome.lost) {
      if (!isKeptConflict(ctx.conflicts, op.table, lost)) continue;
      const c = conflictRecord(op.table, op.id, lost, ctx.now);
      conflicts.set(c.id, { tbl: CONFLICTS_TABLE, id: c.id, record: c.record });
    }
  }

  // 4. Write everything in one statement. It also numbers the changes: the
  //    counter row's lock is held until commit, so the next push numbers its
  //    changes only after these are visible: sequence order is commit order,
  //    and a pull cursor can never skip past a late commit. A placeholder
  //    nothing was merged into must not survive as an empty record.
  const changed = [...state.values()].filter((r) => r.changed.size > 0);
  const empty = [...state.values()].filter((r) => !r.present);
  const n = changed.length + conflicts.size;
  if (n > 0 || empty.length > 0) {
    let seq = 0;
    const rows = changed.map((r) => ({ tbl: r.tbl, id: r.id, fields: pick(r.fields, r.changed), stamps: pick(r.stamps, r.changed), deleted: isTombstone(r), n: ++seq }));
    const conflictRows = [...conflicts.values()].map((c) => ({ tbl: c.tbl, id: c.id, fields: c.record.fields, stamps: c.record.stamps, n: ++seq }));
    const written = await tx.query<{ base: number }>(
      `WITH counter AS (
         UPDATE sync_state SET seq = seq + $3 WHERE id = 1 AND $3 > 0 RETURNING seq - $3 AS base
       ), changed AS (
         UPDATE records r
            SET fields = r.fields || x.fields, stamps = r.stamps || x.stamps, server_seq = counter.base + x.n, deleted = x.deleted, updated_at_ms = $4
           FROM counter, jsonb_to_recordset($1::jsonb) AS x(tbl text, id text, fields jsonb, stamps jsonb, deleted boolean, n bigint)
          WHERE r.tbl = x.tbl AND r.id = x.id
       ), conflicts AS (
         INSERT INTO records (tbl, id, fields, stamps, server_seq, deleted, updated_at_ms)
         SELECT x.tbl, x.id, x.fields, x.stamps, counter.base + x.n, false, $4
           FROM counter, jsonb_to_recordset($2::jsonb) AS x(tbl text, id text, fields jsonb, stamps jsonb, n bigint)
         ON CONFLICT (tbl, id) DO NOTHING
       ), emptied AS (
         DELETE FROM records r USING unnest($5::text[], $6::text[]) AS x(tbl, id)
          WHERE r.tbl = x.tbl AND r.id = x.id AND r.server_seq = 0
       )
       SELECT base FROM counter`,
      [JSON.stringify(rows), JSON.stringify(conflictRows), n, ctx.now, empty.map((r) => r.tbl), empty.map((r) => r.id)],
    );
    if (n > 0 && written.rows.length === 0) throw new Error('sync_state is missing: were migrations run?');
  }
  if (ctx.beforeCommit) await ctx.beforeCommit();
  return { fresh, duplicates, reused };
}

/**
 * Step 2 of a push: placeholders for absent records, then every record locked
 * in (tbl, id) order, returned with just the named fields. A record that
 * vanished in between (a tombstone purge) is simply tried again.
 */
async function lockRecords(tx: Queryable, ops: readonly SyncOp[], now: number): Promise<Map<string, LockedRecord>> {
  const names = [...new Set(['deleted', ...ops.flatMap((o) => Object.keys(o.fields))])];
  let keys = [...new Map(ops.map((o) => [recKey(o.table, o.id), { tbl: o.table, id: o.id }])).values()];
  const state = new Map<string, LockedRecord>();
  while (keys.length > 0) {
    const tbls = keys.map((k) => k.tbl);
    const ids = keys.map((k) => k.id);
    await tx.query(
      `INSERT INTO records (tbl, id, fields, stamps, server_seq, deleted, updated_at_ms)
       SELECT x.tbl, x.id, '{}'::jsonb, '{}'::jsonb, 0, false, $3
         FROM unnest($1::text[], $2::text[]) AS x(tbl, id)
        ORDER BY x.tbl, x.id
       ON CONFLICT (tbl, id) DO NOTHING`,
      [tbls, ids, now],
    );
    const locked = await tx.query<{ tbl: string; id: string; present: boolean; fields: Record<string, unknown> | null; stamps: Record<string, string> | null }>(
      `SELECT r.tbl, r.id, r.stamps <> '{}'::jsonb AS present,
              (SELECT jsonb_object_agg(f, r.fields -> f) FROM unnest($3::text[]) AS f WHERE r.fields ? f) AS fields,
              (SELECT jsonb_object_agg(f, r.stamps -> f) FROM unnest($3::text[]) AS f WHERE r.stamps ? f) AS stamps
         FROM records r JOIN unnest($1::text[], $2::text[]) AS x(tbl, id) ON r.tbl = x.tbl AND r.id = x.id
        ORDER BY r.tbl, r.id
          FOR UPDATE OF r`,
      [tbls, ids, names],
    );
    for (const r of locked.rows) state.set(recKey(r.tbl, r.id), { tbl: r.tbl, id: r.id, present: r.present, fields: r.fields ?? {}, stamps: r.stamps ?? {}, changed: new Set() });
    keys = keys.filter((k) => !state.has(recKey(k.tbl, k.id)));
  }
  return state;
}
