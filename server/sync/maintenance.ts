import { deleteOldAttempts } from '../auth/rate-limit';
import { deleteDeadSessions } from '../auth/sessions';
import type { Db } from '../db/db';
import { purgeTombstones } from './tombstones';

/**
 * Housekeeping every instance may run: each step is idempotent and
 * serialised in the database, so several instances doing it at once is harmless.
 */
export async function runMaintenance(db: Db, now: number, tombstoneRetentionMs: number): Promise<{ purged: number }> {
  const { purged } = await purgeTombstones(db, now, tombstoneRetentionMs);
  await deleteDeadSessions(db, now, 30 * 24 * 3600_000);
  await deleteOldAttempts(db, now, 24 * 3600_000);
  return { purged };
}
