import type { Db } from '../db/db';

/**
 * Tombstones are kept for a retention period so offline devices learn of
 * deletes; after that they are purged and the horizon moves past them. A
 * cursor below the horizon might have missed a purged delete, so its device is
 * told to resync from scratch.
 */
export async function purgeTombstones(db: Db, now: number, retentionMs: number): Promise<{ purged: number; horizon: number }> {
  return db.transaction(async (tx) => {
    // Taking the counter lock orders the purge with pushes, like any other numbered change.
    await tx.query('SELECT seq FROM sync_state WHERE id = 1 FOR UPDATE');
    const gone = await tx.query<{ server_seq: number }>(
      'DELETE FROM records WHERE deleted AND updated_at_ms < $1 RETURNING server_seq',
      [now - retentionMs],
    );
    const maxSeq = gone.rows.reduce((m, r) => Math.max(m, Number(r.server_seq)), 0);
    const state = await tx.query<{ horizon_seq: number }>(
      'UPDATE sync_state SET horizon_seq = GREATEST(horizon_seq, $1) WHERE id = 1 RETURNING horizon_seq',
      [maxSeq],
    );
    return { purged: gone.rows.length, horizon: Number(state.rows[0]?.horizon_seq ?? 0) };
  });
}
