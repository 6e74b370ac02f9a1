import type { User } from '../../shared/sync/protocol';
import type { Queryable } from '../db/db';
import { hashToken, newToken } from './tokens';

export interface Session {
  user: User;
  tokenHash: string;
  expiresAt: number;
}

export async function createSession(db: Queryable, userId: string, now: number, ttlMs: number): Promise<{ token: string; expiresAt: number }> {
  const token = newToken();
  const expiresAt = now + ttlMs;
  await db.query('INSERT INTO sessions (token_hash, user_id, created_at_ms, expires_at_ms) VALUES ($1, $2, $3, $4)', [hashToken(token), userId, now, expiresAt]);
  return { token, expiresAt };
}

/** The session for a token if it exists, is not revoked or expired, and its user is enabled. */
export async function findSession(db: Queryable, token: string, now: number): Promise<Session | null> {
  const tokenHash = hashToken(token);
  const r = await db.query<{ id: string; email: string; name: string; role: User['role']; expiresAt: number }>(
    `SELECT u.id, u.email, u.name, u.role, s.expires_at_ms AS "expiresAt"
       FROM sessions s JOIN users u ON u.id = s.user_id
      WHERE s.token_hash = $1 AND s.revoked_at_ms IS NULL AND s.expires_at_ms > $2 AND NOT u.disabled`,
    [tokenHash, now],
  );
  const row = r.rows[0];
  if (!row) return null;
  return { user: { id: row.id, email: row.email, name: row.name, role: row.role }, tokenHash, expiresAt: Number(row.expiresAt) };
}

export async function revokeSession(db: Queryable, tokenHash: string, now: number): Promise<void> {
  await db.query('UPDATE sessions SET revoked_at_ms = $2 WHERE token_hash = $1 AND revoked_at_ms IS NULL', [tokenHash, now]);
}

/** Expired and long-revoked sessions are useless; dropping them keeps the table small. */
export async function deleteDeadSessions(db: Queryable, now: number, keepRevokedMs: number): Promise<void> {
  await db.query('DELETE FROM sessions WHERE expires_at_ms <= $1 OR revoked_at_ms < $2', [now, now - keepRevokedMs]);
}
