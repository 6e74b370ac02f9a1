import type { SyncOp } from '../../../shared/sync/ops';
import { LIMITS, PushResponseSchema, ROUTES } from '../../../shared/sync/protocol';
import type { OutboxEntry } from '../data/changelog';
import type { FieldDeskDb } from '../data/db';
import { requestJson, type HttpOptions, type SyncFailure } from './http';
import { settlePush } from './settle';

export const toSyncOp = (entry: OutboxEntry, deviceId: string): SyncOp => ({
  opId: entry.opId,
  deviceId,
  deviceSeq: entry.seq as number,
  table: entry.table,
  id: entry.id,
  fields: entry.fields,
});

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

/**
 * Push the outbox in order, in bounded batches, settling each answer before
 * sending the next. Any failure stops here with the batch still in the
 * outbox: re-sending is always safe (the server is idempotent by device and
 * sequence). Only the ops that were in the outbox when the push began are
 * sent: later writes trigger another run.
 */
export async function pushOutbox(db: FieldDeskDb, options: PushOptions): Promise<{ ok: true; value: PushSummary } | { ok: false; error: SyncFailure }> {
  const deviceId = db.device.get().deviceId;
  const now = options.now ?? (() => new Date().toISOString());
  let size = Math.min(options.batchSize ?? 200, LIMITS.maxOpsPerPush);
  const last = await db.outbox.orderBy('seq').last();
  if (!last) return { ok: true, value: { applied: 0, rejected: 0 } };
  const upTo = last.seq as number;
  const summary: PushSummary = { applied: 0, rejected: 0 };
  let after = 0;
  for (;;) {
    const batch = await db.outbox.where('seq').between(after, upTo, false, true).limit(size).toArray();
    if (batch.length === 0) return { ok: true, value: summary };
    const res = await requestJson(options.http, 'POST', ROUTES.push, PushResponseSchema, {
      token: options.token,
      body: { ops: batch.map((e) => toSyncOp(e, deviceId)) },
    });
    if (!res.ok) {
      if (res.error.kind !== 'too_large') return res;
      if (batch.length > 1) {
        size = Math.max(1, Math.floor(batch.length / 2));
        continue;
      }
      // One op alone is over the server's limit: it can never apply. Set it aside; the queue moves on.
      const only = batch[0] as OutboxEntry;
      await settlePush(db, batch, { applied: [], rejected: [{ opId: only.opId, code: 'too_large', message: res.error.message }], clamped: [] }, now);
      summary.rejected += 1;
      after = only.seq as number;
      continue;
    }
    await settlePush(db, batch, res.value, now);
    summary.applied += res.value.applied.length;
    summary.rejected += res.value.rejected.length;
    // Ops the server neither applied nor refused would be a server bug; they stay queued for the next run.
    after = batch[batch.length - 1]!.seq as number;
  }
}
