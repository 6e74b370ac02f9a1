import type { Db } from '../db/db';
import { generatePassword, MIN_PASSWORD_LENGTH } from './passwords';
import { countUsers, insertUser } from './users';

export const DEFAULT_ADMIN_EMAIL = 'admin@fielddesk.local';
const BOOTSTRAP_LOCK = 4_231_771_002;

export type BootstrapOutcome =
  | { created: false }
  | { created: true; email: string; generatedPassword?: string };

/**
 * On an empty database create the first admin, from FIELDDESK_ADMIN_EMAIL and
 * FIELDDESK_ADMIN_PASSWORD when given, otherwise with a generated password
 * that the caller prints once. The advisory lock keeps two instances starting
 * together from both creating one.
 */
export async function bootstrapAdmin(db: Db, env: { email?: string; password?: string }, now: number): Promise<BootstrapOutcome> {
  if (env.password !== undefined && env.password.length < MIN_PASSWORD_LENGTH) {
    throw new Error(`FIELDDESK_ADMIN_PASSWORD must be at least ${MIN_PASSWORD_LENGTH} characters`);
  }
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [BOOTSTRAP_LOCK]);
    if ((await countUsers(tx)) > 0) return { created: false } as const;
    const email = (env.email || DEFAULT_ADMIN_EMAIL).trim().toLowerCase();
    const password = env.password || generatePassword();
    await insertUser(tx, { email, name: 'Administrator', role: 'admin', password }, now);
    return env.password ? { created: true, email } : { created: true, email, generatedPassword: password };
  });
}
