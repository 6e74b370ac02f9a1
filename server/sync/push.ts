import { clampStamps } from '../../shared/sync/clamp';
import { formatStamp } from '../../shared/sync/hlc';
import { isTombstone, mergeRecord, type RecordState } from '../../shared/sync/merge';
import type { SyncOp } from '../../shared/sync/ops';
import { ApplicableOpSchema, CONFLICTS_TABLE, type PushResponse, type RejectedOp } from '../../shared/sync/protocol';
import type { RecordRef, RecordsPointingAt, WriteRuleContext } from '../../shared/sync/tables-spec';
import { parseWith } from '../../shared/validation';
import { bindSessionDevice, claimDevice, deviceTakenMessage } from '../auth/devices';
import type { Session, SessionUser } from '../auth/sessions';
import { withRetry, type Db, type Queryable } from '../db/db';
import { conflictRecord, isKeptConflict, SERVER_DEVICE, type ConflictPolicy } from './conflicts';
import type { Gate } from './gate';
import { changedValues, isQuery, judgeWrite, onlyDeletes, readsOf, RECEIVED_AT, validateMerged, VALIDATION_MARK, type Refusal, type TableRegistry } from './write-rules';

export type { TableRegistry } from './write-rules';

export interface PushContext {
  user: SessionUser;
  /** Person ids the account claimed (see sessions.ts); with personId and the device, who the user may name as an actor. */
  aliases?: readonly string[];
  /** The session's device: every op must come from it. Null when none could be registered (taken by another account). */
  deviceId: string | null;
  /** Why there is no device, for the refusal message. */
  deviceProblem?: string;
  now: number;
  /** Every table the server accepts, with its rule and schema (including `_conflicts`; see withConflicts). */
  tables: TableRegistry;
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
    if (op.deviceId !== ctx.deviceId) {
      const message = ctx.deviceId === null ? (ctx.deviceProblem ?? 'This session has no device') : `This session pushes for device ${ctx.deviceId}; an op of device ${op.deviceId} is refused (a device writes only under its own id)`;
      rejected.push({ opId: op.opId, code: 'forbidden', message });
      continue;
    }
    // What needs no stored record is refused before the transaction: no rule, or a role the table does not take.
    const rule = (ctx.tables[op.table] as SyncTableSpecLike).rule;
    const early = !rule ? judgeWrite(undefined, { user: ruleUser(ctx), table: op.table, id: op.id, before: null, after: {}, changed: [] }) : rule.roles !== 'any' && !rule.roles.includes(ctx.user.role) ? { code: 'forbidden' as const, message: `A ${ctx.user.role} may not change ${op.table}` } : null;
    if (early) {
      rejected.push({ opId: op.opId, ...early });
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
  const result = candidates.length > 0 ? await (ctx.gate ? ctx.gate.run(apply) : apply()) : { fresh: new Set<string>(), duplicates: new Set<string>(), reused: [] as RejectedOp[], refused: [] as RejectedOp[] };

  rejected.push(...result.reused, ...result.refused);
  // Answer in the order the ops came, wherever each was refused.
  const order = new Map(rawOps.map((o, i) => [o.opId, i] as const));
  rejected.sort((a, b) => (order.get(a.opId) ?? 0) - (order.get(b.opId) ?? 0));
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

type SyncTableSpecLike = TableRegistry[string];

/**
 * The part of a stored record an op touches: its fields' values and stamps
 * (and `deleted`, which decides the tombstone). Merging just these is what
 * the client does too, and costs the push nothing for the fields it leaves.
 * Field names are valid identifiers here (ApplicableOpSchema), never `__proto__`.
 */
function touchedPart(rec: LockedRecord, incoming: Readonly<Record<string, unknown>>): RecordState {
  const fields: Record<string, unknown> = {};
  const stamps: Record<string, string> = {};
  for (const name of Object.keys(incoming)) {
    if (!Object.hasOwn(rec.stamps, name)) continue;
    stamps[name] = rec.stamps[name] as string;
    if (Object.hasOwn(rec.fields, name)) fields[name] = rec.fields[name];
  }
  return { fields, stamps };
}

/** The user as rules see them: every person id they may act as (their person, claimed aliases, the session's device). */
function ruleUser(ctx: PushContext): WriteRuleContext['user'] {
  const personIds = [ctx.user.personId, ...(ctx.aliases ?? []), ...(ctx.deviceId ? [ctx.deviceId] : [])];
  return { id: ctx.user.id, role: ctx.user.role, personId: ctx.user.personId, personIds };
}

/**
 * The session's device. A session without one takes the device of its push's
 * first op, if no other account owns that id (device registration on first
 * push); otherwise the push's ops are all refused.
 */
export async function resolveSessionDevice(db: Queryable, session: Session, rawOps: readonly Record<string, unknown>[], now: number): Promise<{ deviceId: string | null; problem?: string }> {
  if (session.deviceId !== null) return { deviceId: session.deviceId };
  // The first op that is a valid op at all: a hostile device id (a NUL, 5,000 characters) never reaches the database.
  const first = rawOps.map((o) => ApplicableOpSchema.safeParse(o)).find((p) => p.success);
  if (!first?.success) return { deviceId: null, problem: 'This session has no device yet' };
  const deviceId = first.data.deviceId;
  const claim = await claimDevice(db, deviceId, session.user.id, now);
  if (claim === 'reserved') return { deviceId: null, problem: `The device id ${deviceId} is reserved by the server` };
  if (claim === 'taken') return { deviceId: null, problem: deviceTakenMessage(deviceId) };
  return { deviceId: await bindSessionDevice(db, session.tokenHash, deviceId) };
}

/** What the batch needs of one locked record: whether it exists, all its fields (the rules and the schema judge the record an op leaves), and the stamps of the fields the batch names. */
interface LockedRecord extends RecordState {
  tbl: string;
  id: string;
  present: boolean;
  changed: Set<string>;
  /** Known to pass its table's schema (validated by this server's schemas, see VALIDATION_MARK). */
  valid: boolean;
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
  const refused: RejectedOp[] = [];
  if (toApply.length === 0) return { fresh, duplicates, reused, refused };

  // 2. Lock every touched record, in one global order so concurrent pushes
  //    cannot deadlock. Absent records get an empty placeholder first so there
  //    is a row to lock; a concurrent push creating the same record waits here.
  //    From here to commit the records stay locked, so what follows is kept
  //    short: one query returns the whole records.
  const state = await lockRecords(tx, toApply, ctx.now);
  const { byId: others, byQuery } = await readRelated(tx, toApply, state, ctx);
  const related = (table: string, id: string): Readonly<Record<string, unknown>> | null => {
    const mine = state.get(recKey(table, id));
    if (mine) return mine.present ? mine.fields : null;
    return others.get(recKey(table, id)) ?? null;
  };
  // Records pointing at one: those of this batch as merged so far, and the stored ones the batch leaves alone.
  const relatedBy = (table: string, field: string, value: string): Readonly<Record<string, unknown>>[] => {
    const out: Readonly<Record<string, unknown>>[] = [];
    for (const r of byQuery.get(queryKey({ table, field, equals: value })) ?? []) if (!state.has(recKey(table, r.id))) out.push({ ...r.fields, id: r.id });
    for (const r of state.values()) if (r.tbl === table && r.present && r.fields[field] === value) out.push({ ...r.fields, id: r.id });
    return out;
  };
  const user = ruleUser(ctx);
  const serverStamp = formatStamp({ wall: ctx.now, counter: 0 }, SERVER_DEVICE);

  // 3. Merge in the order the device sent them. Each op is judged on the
  //    record it would leave (its table's rule, then its schema); a refused
  //    op leaves nothing behind and gives its deviceSeq back.
  const conflicts = new Map<string, { tbl: string; id: string; record: RecordState }>();
  const unclaim: SyncOp[] = [];
  for (const op of toApply) {
    const rec = state.get(recKey(op.table, op.id)) as LockedRecord;
    const spec = ctx.tables[op.table] as SyncTableSpecLike;
    const mode = spec.merge;
    if (mode === 'append' && rec.present) continue; // immutable: the first copy stays
    // Merge the fields the op names (as the client merges), then lay the result over the whole stored record for the rules and the schema.
    const outcome = mergeRecord(mode, touchedPart(rec, op.fields), op.fields);
    const before = rec.present ? rec.fields : null;
    let after = rec.fields;
    if (outcome.changed.length > 0) {
      after = { ...rec.fields };
      for (const name of outcome.changed) after[name] = outcome.record.fields[name];
    }
    const touched = changedValues(before, after, outcome.changed);
    let verdict: Refusal | null = judgeWrite(spec.rule, { user, table: op.table, id: op.id, before, after, changed: touched, related, relatedBy, deviceId: ctx.deviceId ?? undefined });
    const deletesOnly = onlyDeletes(before, after, touched);
    if (!verdict && outcome.changed.length > 0 && !deletesOnly) verdict = validateMerged(op.table, spec, op.id, after, outcome.changed, rec.present && rec.valid);
    if (verdict) {
      refused.push({ opId: op.opId, ...verdict });
      fresh.delete(op.opId);
      unclaim.push(op);
      continue;
    }
    if (outcome.changed.length > 0) {
      for (const name of outcome.changed) rec.stamps[name] = outcome.record.stamps[name] as string;
      if (spec.rule?.authorship && before === null) {
        // The server says when it received an audit entry; the client cannot.
        after[RECEIVED_AT] = ctx.now;
        rec.stamps[RECEIVED_AT] = serverStamp;
        outcome.changed.push(RECEIVED_AT);
      }
      rec.fields = after;
      rec.present = true;
      if (!deletesOnly) rec.valid = true; // just validated (a delete keeps what was known)
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
  // A refused op gives its number back (re-sent, it is judged again, not taken for applied). Rare, so its own statement.
  if (unclaim.length > 0) {
    await tx.query(
      `DELETE FROM applied_ops a USING unnest($1::text[], $2::bigint[]) AS x(device_id, device_seq) WHERE a.device_id = x.device_id AND a.device_seq = x.device_seq`,
      [unclaim.map((o) => o.deviceId), unclaim.map((o) => o.deviceSeq)],
    );
  }
  if (n > 0 || empty.length > 0) {
    let seq = 0;
    const rows = changed.map((r) => ({ tbl: r.tbl, id: r.id, fields: pick(r.fields, r.changed), stamps: pick(r.stamps, r.changed), deleted: isTombstone(r), mark: r.valid ? VALIDATION_MARK : null, n: ++seq }));
    const conflictRows = [...conflicts.values()].map((c) => ({ tbl: c.tbl, id: c.id, fields: c.record.fields, stamps: c.record.stamps, n: ++seq }));
    const written = await tx.query<{ base: number }>(
      `WITH counter AS (
         UPDATE sync_state SET seq = seq + $3 WHERE id = 1 AND $3 > 0 RETURNING seq - $3 AS base
       ), changed AS (
         UPDATE records r
            SET fields = r.fields || x.fields, stamps = r.stamps || x.stamps, server_seq = counter.base + x.n, deleted = x.deleted, updated_at_ms = $4, valid_mark = x.mark
           FROM counter, jsonb_to_recordset($1::jsonb) AS x(tbl text, id text, fields jsonb, stamps jsonb, deleted boolean, mark text, n bigint)
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
  return { fresh, duplicates, reused, refused };
}

const queryKey = (q: RecordsPointingAt): string => JSON.stringify([q.table, q.field, q.equals]);

/**
 * Records the rules read besides the ones the batch writes (a registration's
 * session, the entry a work-log copy copies, a conflict's record), named from
 * each stored record with its op's values over it, and the records pointing
 * at one (a review's action items); two queries at most, no locks.
 */
async function readRelated(
  tx: Queryable,
  ops: readonly SyncOp[],
  state: Map<string, LockedRecord>,
  ctx: PushContext,
): Promise<{ byId: Map<string, Record<string, unknown>>; byQuery: Map<string, { id: string; fields: Record<string, unknown> }[]> }> {
  const wanted = new Map<string, RecordRef>();
  const queries = new Map<string, RecordsPointingAt>();
  for (const op of ops) {
    const spec = ctx.tables[op.table];
    if (!spec?.rule?.reads) continue;
    const rec = state.get(recKey(op.table, op.id));
    const preview: Record<string, unknown> = { ...(rec?.fields ?? {}) };
    for (const [name, change] of Object.entries(op.fields)) if (!(rec?.present && spec.merge === 'append')) preview[name] = change.value ?? null;
    for (const ref of readsOf(spec, preview, op.id)) {
      if (isQuery(ref)) {
        queries.set(queryKey(ref), ref);
        continue;
      }
      const key = recKey(ref.table, ref.id);
      if (!state.has(key)) wanted.set(key, ref);
    }
  }
  const byId = new Map<string, Record<string, unknown>>();
  const byQuery = new Map<string, { id: string; fields: Record<string, unknown> }[]>();
  if (wanted.size > 0) {
    const refs = [...wanted.values()];
    const r = await tx.query<{ tbl: string; id: string; fields: Record<string, unknown> }>(
      `SELECT r.tbl, r.id, r.fields FROM records r JOIN unnest($1::text[], $2::text[]) AS x(tbl, id) ON r.tbl = x.tbl AND r.id = x.id WHERE r.stamps <> '{}'::jsonb`,
      [refs.map((x) => x.table), refs.map((x) => x.id)],
    );
    for (const row of r.rows) byId.set(recKey(row.tbl, row.id), row.fields);
  }
  if (queries.size > 0) {
    const qs = [...queries.values()];
    // Rows of the named table (its primary-key prefix) whose field, as text, is the value: only string values are asked for.
    const r = await tx.query<{ tbl: string; id: string; fields: Record<string, unknown>; field: string; equals: string }>(
      `SELECT r.tbl, r.id, r.fields, x.field, x.equals
         FROM unnest($1::text[], $2::text[], $3::text[]) AS x(tbl, field, equals)
         JOIN records r ON r.tbl = x.tbl AND jsonb_typeof(r.fields -> x.field) = 'string' AND r.fields ->> x.field = x.equals
        WHERE r.stamps <> '{}'::jsonb`,
      [qs.map((q) => q.table), qs.map((q) => q.field), qs.map((q) => q.equals)],
    );
    for (const row of r.rows) {
      const key = queryKey({ table: row.tbl, field: row.field, equals: row.equals });
      const list = byQuery.get(key) ?? [];
      list.push({ id: row.id, fields: row.fields });
      byQuery.set(key, list);
    }
  }
  return { byId, byQuery };
}

/**
 * Step 2 of a push: placeholders for absent records, then every record locked
 * in (tbl, id) order, returned with all its fields (the rules and the schema
 * judge the whole record an op leaves) and the stamps of the fields the batch
 * names. One query. A record that vanished in between (a tombstone purge) is
 * simply tried again.
 */
async function lockRecords(tx: Queryable, ops: readonly SyncOp[], now: number): Promise<Map<string, LockedRecord>> {
  // Stamps only of the fields the batch names: the merge needs no others, and they are half of a record's bytes.
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
    const locked = await tx.query<{ tbl: string; id: string; present: boolean; fields: Record<string, unknown> | null; stamps: Record<string, string> | null; valid: boolean | null }>(
      `SELECT r.tbl, r.id, r.stamps <> '{}'::jsonb AS present, r.fields, r.valid_mark = $3 AS valid,
              (SELECT jsonb_object_agg(f, r.stamps -> f) FROM unnest($4::text[]) AS f WHERE r.stamps ? f) AS stamps
         FROM records r JOIN unnest($1::text[], $2::text[]) AS x(tbl, id) ON r.tbl = x.tbl AND r.id = x.id
        ORDER BY r.tbl, r.id
          FOR UPDATE OF r`,
      [tbls, ids, VALIDATION_MARK, names],
    );
    for (const r of locked.rows) state.set(recKey(r.tbl, r.id), { tbl: r.tbl, id: r.id, present: r.present, fields: r.fields ?? {}, stamps: r.stamps ?? {}, changed: new Set(), valid: r.valid === true });
    keys = keys.filter((k) => !state.has(recKey(k.tbl, k.id)));
  }
  return state;
}
