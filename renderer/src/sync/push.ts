import { opsOfRow, toSyncOp, type PendingOp } from '../../../shared/sync/outbox';
import { LIMITS, PushResponseSchema, ROUTES } from '../../../shared/sync/protocol';
import type { FieldDeskDb } from '../data/db';
import { requestJson, type HttpOptions, type SyncFailure } from './http';
import { settlePush } from './settle';

export interface PushOptions {
  http: HttpOptions;
  token: string;
  /** Ops per request; halved on 413 (the server's body limit may be lower than ours). */
  batchSize?: number;
  now?: () => string;
}

export interface PushSummary {
  applied: number;
  rejected: number;
}

/** Where the push has got to: past this row's slot (ops are in row, then slot, order). */
interface Position {
  rowSeq: number;
  slot: number;
}
const after = (op: PendingOp, p: Position) => op.rowSeq > p.rowSeq || (op.rowSeq === p.rowSeq && op.slot > p.slot);

/** The next `size` waiting ops after `from`, in rows up to `upTo`, read a page of rows at a time (a row holds 1–200 ops). */
async function nextBatch(db: FieldDeskDb, from: Position, upTo: number, size: number): Promise<PendingOp[]> {
  const ops: PendingOp[] = [];
  let lower = from.rowSeq;
  let inclusive = true;
  while (ops.length < size && lower <= upTo) {
    const rows = await db.outbox.where('seq').between(lower, upTo, inclusive, true).limit(ROWS_PER_READ).toArray();
    if (rows.length === 0) break;
    for (const row of rows) for (const op of opsOfRow(row)) if (after(op, from)) ops.push(op);
    lower = rows[rows.length - 1]!.seq as number;
    inclusive = false;
  }
  return ops.slice(0, size);
}
const ROWS_PER_READ = 16;

/**
 * Push the outbox in order, in bounded batches, settling each answer before
 * sending the next. Any failure stops here with the batch still in the
 * outbox: re-sending is always safe (the server is idempotent by device and
 * sequence). Only the ops that were in the outbox when the push began are
 * sent: later writes trigger another run. A batch takes whole change sets
 * while they fit (a set is at most CHANGES_PER_ROW ops), so a settle seldom
 * has to rewrite a row.
 */
export async function pushOutbox(db: FieldDeskDb, options: PushOptions): Promise<{ ok: true; value: PushSummary } | { ok: false; error: SyncFailure }> {
  const deviceId = db.device.get().deviceId;
  const now = options.now ?? (() => new Date().toISOString());
  let size = Math.min(options.batchSize ?? 200, LIMITS.maxOpsPerPush);
  const last = await db.outbox.orderBy('seq').last();
  if (!last) return { ok: true, value: { applied: 0, rejected: 0 } };
  const upTo = last.seq as number;
  const summary: PushSummary = { applied: 0, rejected: 0 };
  let sent: Position = { rowSeq: 0, slot: -1 };
  for (;;) {
    const batch = await nextBatch(db, sent, upTo, size);
    if (batch.length === 0) return { ok: true, value: summary };
    const res = await requestJson(options.http, 'POST', ROUTES.push, PushResponseSchema, {
      token: options.token,
      body: { ops: batch.map((op) => toSyncOp(op, deviceId)) },
    });
    if (!res.ok) {
      if (res.error.kind !== 'too_large') return res;
      if (batch.length > 1) {
        size = Math.max(1, Math.floor(batch.length / 2));
        continue;
      }
      // One op alone is over the server's limit: it can never apply. Set it aside; the queue moves on.
      const only = batch[0] as PendingOp;
      await settlePush(db, batch, { applied: [], rejected: [{ opId: only.opId, code: 'too_large', message: res.error.message }], clamped: [] }, now);
      summary.rejected += 1;
      sent = only;
      continue;
    }
    await settlePush(db, batch, res.value, now);
    summary.applied += res.value.applied.length;
    summary.rejected += res.value.rejected.length;
    // Ops the server neither applied nor refused would be a server bug; they stay queued for the next run.
    sent = batch[batch.length - 1] as PendingOp;
  }
}
