import type { Queryable } from '../db/db';

/**
 * Sign-in attempt limiter kept in PostgreSQL, so every server instance behind
 * a load balancer counts against the same budget. Attempts are counted before
 * the password is checked (one atomic upsert), so parallel guesses cannot all
 * slip in under the limit.
 */
export interface LimitRule {
  max: number;
  windowMs: number;
}

export interface SignInLimits {
  perAccount: LimitRule;
  perIp: LimitRule;
  /**
   * Per account, from every address together: stops guessing one password
   * from many addresses. A successful sign-in gives its own attempt back, so
   * only failures use the budget. Absent: no such limit.
   */
  perUser?: LimitRule;
}

export const DEFAULT_SIGN_IN_LIMITS: SignInLimits = {
  // Per IP and account: stops guessing one account's password.
  perAccount: { max: 5, windowMs: 15 * 60_000 },
  // Per IP: stops spraying many accounts; generous because offices share one address.
  perIp: { max: 100, windowMs: 15 * 60_000 },
  // Per account from anywhere: a botnet gets 20 guesses per 15 minutes, not 5 per address.
  perUser: { max: 20, windowMs: 15 * 60_000 },
};

export const accountKey = (ip: string, email: string): string => `acct:${ip}:${email}`;
export const ipKey = (ip: string): string => `ip:${ip}`;
export const userKey = (email: string): string => `user:${email}`;

/** Count one attempt; returns ms until the window resets when over the limit, else 0. */
export async function countAttempt(db: Queryable, key: string, rule: LimitRule, now: number): Promise<number> {
  const r = await db.query<{ attempts: number; window_start_ms: number }>(
    `INSERT INTO sign_in_attempts (key, window_start_ms, attempts) VALUES ($1, $2, 1)
     ON CONFLICT (key) DO UPDATE SET
       attempts = CASE WHEN sign_in_attempts.window_start_ms > $2 - $3 THEN sign_in_attempts.attempts + 1 ELSE 1 END,
       window_start_ms = CASE WHEN sign_in_attempts.window_start_ms > $2 - $3 THEN sign_in_attempts.window_start_ms ELSE $2 END
     RETURNING attempts, window_start_ms`,
    [key, now, rule.windowMs],
  );
  const row = r.rows[0];
  if (!row || Number(row.attempts) <= rule.max) return 0;
  return Math.max(1, Number(row.window_start_ms) + rule.windowMs - now);
}

/**
 * A successful sign-in forgives that account's failures from its address and
 * gives its attempt back to the address's and the account's budgets (the
 * account's failures from elsewhere still count).
 */
export async function forgiveAttempt(db: Queryable, account: string, ip: string, user?: string): Promise<void> {
  await db.query('DELETE FROM sign_in_attempts WHERE key = $1', [account]);
  await db.query('UPDATE sign_in_attempts SET attempts = GREATEST(attempts - 1, 0) WHERE key = ANY($1::text[])', [user === undefined ? [ip] : [ip, user]]);
}

export async function deleteOldAttempts(db: Queryable, now: number, olderThanMs: number): Promise<void> {
  await db.query('DELETE FROM sign_in_attempts WHERE window_start_ms < $1', [now - olderThanMs]);
}
