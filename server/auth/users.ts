import { randomUUID } from 'node:crypto';
import { uuidv7 } from '../../shared/ids/uuidv7';
import type { Role, User } from '../../shared/sync/protocol';
import type { Queryable } from '../db/db';
import { hashPassword } from './passwords';
import { ensureStaffRecord } from './people';

/** An account as stored: always with its person in the directory. */
export interface UserRow extends User {
  personId: string;
  disabled: boolean;
  passwordHash: string;
}

const SELECT = 'SELECT id, email, name, role, person_id AS "personId", disabled, password_hash AS "passwordHash" FROM users';

export async function findUserByEmail(db: Queryable, email: string): Promise<UserRow | null> {
  const r = await db.query<UserRow>(`${SELECT} WHERE email = $1`, [email.trim().toLowerCase()]);
  return r.rows[0] ?? null;
}

export async function listUsers(db: Queryable): Promise<UserRow[]> {
  return (await db.query<UserRow>(`${SELECT} ORDER BY email`)).rows;
}

export async function countUsers(db: Queryable): Promise<number> {
  const r = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM users');
  return Number(r.rows[0]?.n ?? 0);
}

export async function insertUser(
  db: Queryable,
  input: { email: string; name: string; role: Role; password: string },
  now: number,
): Promise<User & { personId: string }> {
  const user = { id: randomUUID(), email: input.email.trim().toLowerCase(), name: input.name.trim(), role: input.role, personId: uuidv7(now) };
  const at = new Date(now);
  await db.query(
    'INSERT INTO users (id, email, name, role, person_id, password_hash, disabled, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, false, $7, $7)',
    [user.id, user.email, user.name, user.role, user.personId, await hashPassword(input.password), at],
  );
  await ensureStaffRecord(db, user, now);
  return user;
}

/** Disabling also revokes every session, so the account stops syncing at once. */
export async function setDisabled(db: Queryable, userId: string, disabled: boolean, now: number): Promise<void> {
  await db.query('UPDATE users SET disabled = $2, updated_at = $3 WHERE id = $1', [userId, disabled, new Date(now)]);
  if (disabled) await revokeAllSessions(db, userId, now);
}

/** A new password ends every existing session: whoever knew the old one is signed out. */
export async function setPassword(db: Queryable, userId: string, password: string, now: number): Promise<void> {
  await db.query('UPDATE users SET password_hash = $2, updated_at = $3 WHERE id = $1', [userId, await hashPassword(password), new Date(now)]);
  await revokeAllSessions(db, userId, now);
}

export async function setRole(db: Queryable, userId: string, role: Role, now: number): Promise<void> {
  await db.query('UPDATE users SET role = $2, updated_at = $3 WHERE id = $1', [userId, role, new Date(now)]);
}

export async function revokeAllSessions(db: Queryable, userId: string, now: number): Promise<void> {
  await db.query('UPDATE sessions SET revoked_at_ms = $2 WHERE user_id = $1 AND revoked_at_ms IS NULL', [userId, now]);
}
