import type { User } from '../../shared/sync/protocol';
import type { Queryable } from '../db/db';
import { hashToken, newToken } from './tokens';

/** The signed-in account as the server knows it: always with its person. */
export type SessionUser = User & { personId: string };

export interface Session {
  user: SessionUser;
  /** Person ids the account claimed at sign-in (local profile staff records), besides its own. */
  aliases: string[];
  /** The device this session pushes from; null until sign-in named one or the first push did. */
  deviceId: string | null;
  tokenHash: string;
  expiresAt: number;
}

export async function createSession(db: Queryable, userId: string, now: number, ttlMs: number, deviceId: string | null = null): Promise<{ token: string; expiresAt: number }> {
  const token = newToken();
  const expiresAt = now + ttlMs;
  await db.query('INSERT INTO sessions (token_hash, user_id, created_at_ms, expires_at_ms, device_id) VALUES ($1, $2, $3, $4, $5)', [hashToken(token), userId, now, expiresAt, deviceId]);
  return { token, expiresAt };
}

/** The session for a token if it exists, is not revoked or expired, and its user is enabled. */
export async function findSession(db: Queryable, token: string, now: number): Promise<Session | null> {
  const tokenHash = hashToken(token);
  const r = await db.query<{ id: string; email: string; name: string; role: User['role']; personId: string; deviceId: string | null; aliases: string[] | null; expiresAt: number }>(
    `SELECT u.id, u.email, u.name, u.role, u.person_id AS "personId", s.device_id AS "deviceId", s.expires_at_ms AS "expiresAt",
            (SELECT json_agg(a.person_id ORDER BY a.person_id) FROM person_aliases a WHERE a.user_id = u.id) AS aliases
       FROM sessions s JOIN users u ON u.id = s.user_id
      WHERE s.token_hash = $1 AND s.revoked_at_ms IS NULL AND s.expires_at_ms > $2 AND NOT u.disabled`,
    [tokenHash, now],
  );
  const row = r.rows[0];
  if (!row) return null;
  return {
    user: { id: row.id, email: row.email, name: row.name, role: row.role, personId: row.personId },
    aliases: row.aliases ?? [],
    deviceId: row.deviceId,
    tokenHash,
    expiresAt: Number(row.expiresAt),
  };
}

export async function revokeSession(db: Queryable, tokenHash: string, now: number): Promise<void> {
  await db.query('UPDATE sessions SET revoked_at_ms = $2 WHERE token_hash = $1 AND revoked_at_ms IS NULL', [tokenHash, now]);
}

/** Expired and long-revoked sessions are useless; dropping them keeps the table small. */
export async function deleteDeadSessions(db: Queryable, now: number, keepRevokedMs: number): Promise<void> {
  await db.query('DELETE FROM sessions WHERE expires_at_ms <= $1 OR revoked_at_ms < $2', [now, now - keepRevokedMs]);
}
