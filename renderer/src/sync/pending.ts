import type { FieldDeskDb } from '../data/db';
import { recordKey } from './state-keys';

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
  await db.outbox.each((entry) => {
    const key = recordKey(entry.table, entry.id);
    if (only && !only.has(key)) return;
    let set = pending.get(key);
    if (!set) pending.set(key, (set = new Set()));
    for (const f of Object.keys(entry.fields)) set.add(f);
  });
  return pending;
}
