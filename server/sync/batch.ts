import type { RejectedOp } from '../../shared/sync/protocol';

/**
 * One push batch may carry the same `opId` more than once (a client that
 * re-queued an op, or a hostile one). Every opId gets exactly one answer:
 *
 * - copies that name the same op (same deviceId, deviceSeq, table and id) are
 *   one op: the first copy goes on, the others are dropped, and the opId is
 *   listed once (applied or rejected, as that first copy is);
 * - copies that disagree on any of those are not one op: every copy is
 *   rejected as `invalid_op`, and nothing of that opId is applied.
 *
 * Fields are not compared, as for an op re-sent in a later batch: an op is
 * known by its identity, and the first copy is the one applied.
 */
export function dedupeBatch<T extends { opId: string }>(ops: readonly T[]): { ops: T[]; rejected: RejectedOp[] } {
  const identity = (o: T): string => {
    const r = o as unknown as Record<string, unknown>;
    return JSON.stringify([r.deviceId ?? null, r.deviceSeq ?? null, r.table ?? null, r.id ?? null]);
  };
  const first = new Map<string, string>();
  const split = new Set<string>();
  for (const o of ops) {
    const id = identity(o);
    const seen = first.get(o.opId);
    if (seen === undefined) first.set(o.opId, id);
    else if (seen !== id) split.add(o.opId);
  }
  const kept: T[] = [];
  const answered = new Set<string>();
  const rejected: RejectedOp[] = [];
  for (const o of ops) {
    if (answered.has(o.opId)) continue;
    answered.add(o.opId);
    if (split.has(o.opId)) {
      rejected.push({ opId: o.opId, code: 'invalid_op', message: 'this opId names two different ops in one batch (deviceId, deviceSeq, table or id differ); an opId must name one op' });
    } else kept.push(o);
  }
  return { ops: kept, rejected };
}
