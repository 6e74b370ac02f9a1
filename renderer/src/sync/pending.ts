import { opsOfRow, type PendingOp } from '../../../shared/sync/outbox';
import type { FieldDeskDb } from '../data/db';
import { recordKey } from './state-keys';

/** How many changes wait in the outbox: the sum of each row's `n`, read from its index (no row is read). */
export async function waitingCount(db: FieldDeskDb): Promise<number> {
  const counts = (await db.outbox.orderBy('n').keys()) as number[];
  return counts.reduce((a, b) => a + b, 0);
}

/** Every waiting change, in op order (the whole outbox: for screens and tests, not for hot paths). */
export async function waitingOps(db: FieldDeskDb): Promise<PendingOp[]> {
  return (await db.outbox.orderBy('seq').toArray()).flatMap(opsOfRow);
}

/** Fields with a change still in the outbox, by record (`recordKey(table, id)`). */
export type PendingFields = Map<string, Set<string>>;

/**
 * Read inside the caller's transaction (which must include the outbox), so a
 * local write cannot slip in between this read and the caller's writes.
 * `only` limits the scan's result to some records; the scan itself walks the
 * outbox, which is small except after days offline.
 */
export async function pendingFields(db: FieldDeskDb, only?: ReadonlySet<string>): Promise<PendingFields> {
  const pending: PendingFields = new Map();
  if ((await db.outbox.count()) === 0) return pending;
  await db.outbox.each((row) => {
    for (const change of row.changes) {
      if (!change) continue;
      const key = recordKey(change.table, change.id);
      if (only && !only.has(key)) continue;
      let set = pending.get(key);
      if (!set) pending.set(key, (set = new Set()));
      for (const f of Object.keys(change.fields)) set.add(f);
    }
  });
  return pending;
}
