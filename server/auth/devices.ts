import type { Queryable } from '../db/db';
import { SERVER_DEVICE } from '../sync/conflicts';

/**
 * Device identity. A device id belongs to the first account that signs in or
 * pushes with it; a session is bound to one device. No other account can ever
 * write under that id or use up its deviceSeq numbers.
 */

/** Ids no client may take: the server stamps its own records with them. */
const RESERVED = new Set([SERVER_DEVICE]);

export type DeviceClaim = 'ok' | 'taken' | 'reserved';

/** Register the device to the account unless another account has it. */
export async function claimDevice(db: Queryable, deviceId: string, userId: string, now: number): Promise<DeviceClaim> {
  if (RESERVED.has(deviceId)) return 'reserved';
  for (let attempt = 0; attempt < 3; attempt++) {
    // The insert's row is not visible to the statement's own SELECT, so at most one branch answers.
    const r = await db.query<{ user_id: string }>(
      `WITH ins AS (
         INSERT INTO devices (device_id, user_id, registered_at_ms) VALUES ($1, $2, $3)
         ON CONFLICT (device_id) DO NOTHING
         RETURNING user_id
       )
       SELECT user_id FROM ins UNION ALL SELECT user_id FROM devices WHERE device_id = $1`,
      [deviceId, userId, now],
    );
    if (r.rows[0]) return r.rows[0].user_id === userId ? 'ok' : 'taken';
    // Neither answered: a concurrent claim of this id (a retried request) committed while ours waited on
    // its row, after our statement's snapshot was taken. A new statement sees it.
    const again = await db.query<{ user_id: string }>('SELECT user_id FROM devices WHERE device_id = $1', [deviceId]);
    if (again.rows[0]) return again.rows[0].user_id === userId ? 'ok' : 'taken';
  }
  return 'taken';
}

/** Bind a session that has no device yet to one; returns the session's device after. */
export async function bindSessionDevice(db: Queryable, tokenHash: string, deviceId: string): Promise<string | null> {
  const r = await db.query<{ device_id: string | null }>(
    `UPDATE sessions SET device_id = coalesce(device_id, $2) WHERE token_hash = $1 RETURNING device_id`,
    [tokenHash, deviceId],
  );
  return r.rows[0]?.device_id ?? null;
}

export const deviceTakenMessage = (deviceId: string): string =>
  `The device id ${deviceId} is registered to another account; a device that changes hands must take a new device id`;

/**
 * Record a person id the device used for its user before signing in as the
 * account's alias. First claim wins; an account's own person id cannot be
 * claimed, nor a person the server already holds unless this device made it
 * (its name was stamped by this device).
 */
export async function claimPersonAlias(db: Queryable, personId: string, userId: string, deviceId: string | null, now: number): Promise<boolean> {
  const r = await db.query<{ person_id: string }>(
    `INSERT INTO person_aliases (person_id, user_id, claimed_at_ms)
     SELECT $1, $2, $3
      WHERE NOT EXISTS (SELECT 1 FROM users WHERE person_id = $1)
        AND NOT EXISTS (
          SELECT 1 FROM records r WHERE r.tbl = 'people' AND r.id = $1 AND r.stamps <> '{}'::jsonb
             AND NOT ($4::text IS NOT NULL AND right(coalesce(r.stamps ->> 'name', ''), length($4::text) + 1) = ':' || $4::text))
     ON CONFLICT (person_id) DO NOTHING
     RETURNING person_id`,
    [personId, userId, now, deviceId],
  );
  if (r.rows.length > 0) return true;
  const mine = await db.query('SELECT 1 FROM person_aliases WHERE person_id = $1 AND user_id = $2', [personId, userId]);
  return mine.rows.length > 0;
}
