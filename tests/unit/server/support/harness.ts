import type { FastifyInstance } from 'fastify';
import { createServer, type ServerOptions } from '../../../../server/app';
import { insertUser } from '../../../../server/auth/users';
import type { Db } from '../../../../server/db/db';
import { formatStamp } from '../../../../shared/sync/hlc';
import { z } from 'zod';
import type { Role } from '../../../../shared/sync/protocol';
import type { MergeMode, SyncTableSpec } from '../../../../shared/sync/tables-spec';

export const PASSWORD = 'correct horse battery staple';
export const T0 = 1_800_000_000_000;

/** A clock tests move by hand. */
export function testClock(start = T0) {
  let t = start;
  return { now: () => t, advance: (ms: number) => void (t += ms), set: (ms: number) => void (t = ms) };
}

/** Empty every table the server writes, so each test starts from a fresh server. */
export async function resetDb(db: Db): Promise<void> {
  await db.query('TRUNCATE users, sessions, sign_in_attempts, records, applied_ops CASCADE');
  await db.query('UPDATE sync_state SET seq = 0, horizon_seq = 0');
}

/** Empty the sync data and undo what tests do to accounts (disable, revoke), keeping users and tokens. */
export async function resetSyncData(db: Db): Promise<void> {
  await db.query('DELETE FROM records');
  await db.query('DELETE FROM applied_ops');
  await db.query('DELETE FROM sign_in_attempts');
  await db.query('UPDATE sync_state SET seq = 0, horizon_seq = 0');
  await db.query('UPDATE users SET disabled = false');
  await db.query('UPDATE sessions SET revoked_at_ms = NULL');
}

/** One database per test file: opening PGlite costs seconds, so suites share it. */
export function shared(open: () => Promise<Db>): { get: () => Promise<Db>; close: () => Promise<void> } {
  let db: Promise<Db> | undefined;
  return {
    get: () => (db ??= open()),
    close: async () => {
      if (db) await (await db).close();
    },
  };
}

export async function addUser(db: Db, email: string, role: Role, now = T0): Promise<string> {
  return (await insertUser(db, { email, name: email.split('@')[0] ?? '', role, password: PASSWORD }, now)).id;
}

export function makeApp(db: Db, clock: { now: () => number }, options: Partial<ServerOptions> = {}): FastifyInstance {
  return createServer({ db, now: clock.now, logger: false, ...options });
}

/** Sign in over HTTP; with `deviceId` the session is bound to that device (else to its first push's). */
export async function signIn(app: FastifyInstance, email: string, password = PASSWORD, remoteAddress = '10.0.0.1', deviceId?: string): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/v1/auth/sign-in', payload: { email, password, ...(deviceId ? { deviceId } : {}) }, remoteAddress });
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
  return (res.json() as { token: string }).token;
}

/**
 * Tables any role may write with any fields, for tests of the sync mechanics
 * themselves (merge, paging, purge) rather than of the rules and schemas.
 */
export function openTables(modes: Record<string, MergeMode>): Record<string, SyncTableSpec> {
  return Object.fromEntries(Object.entries(modes).map(([name, merge]) => [name, { merge, schema: z.looseObject({}), rule: { roles: 'any', summary: 'test: open' } }]));
}

export const stampAt = (wall: number, device: string, counter = 0): string => formatStamp({ wall, counter }, device);

let seqs = new Map<string, number>();
export function resetSeqs(): void {
  seqs = new Map();
}

/** An op from a device, numbered in that device's order. */
export function op(device: string, table: string, id: string, fields: Record<string, unknown>, wall = T0, extra: { counter?: number } = {}) {
  const deviceSeq = (seqs.get(device) ?? 0) + 1;
  seqs.set(device, deviceSeq);
  const stamp = stampAt(wall, device, extra.counter ?? 0);
  return {
    opId: `${device}-op-${deviceSeq}`,
    deviceId: device,
    deviceSeq,
    table,
    id,
    fields: Object.fromEntries(Object.entries(fields).map(([k, value]) => [k, { value, stamp }])),
  };
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

export async function push(app: FastifyInstance, token: string, ops: unknown[]) {
  const res = await app.inject({ method: 'POST', url: '/v1/sync/push', headers: bearer(token), payload: { ops } });
  return { status: res.statusCode, body: res.json() as { applied: string[]; rejected: { opId: string; code: string; message: string }[]; clamped: string[]; serverTime: number } };
}

export interface PulledRecord {
  table: string;
  id: string;
  fields: Record<string, unknown>;
  stamps: Record<string, string>;
  seq: number;
}

export async function pull(app: FastifyInstance, token: string, cursor?: string, limit?: number) {
  const res = await app.inject({ method: 'POST', url: '/v1/sync/pull', headers: bearer(token), payload: { cursor, limit } });
  return { status: res.statusCode, body: res.json() as { status: 'page' | 'resync'; records: PulledRecord[]; cursor: string; hasMore: boolean; reason?: string; serverTime: number } };
}

/** Pull every page from a cursor; returns the records in order and the final cursor. */
export async function pullAll(app: FastifyInstance, token: string, cursor?: string, limit = 100) {
  const records: PulledRecord[] = [];
  let c = cursor;
  for (;;) {
    const page = await pull(app, token, c, limit);
    if (page.body.status !== 'page') throw new Error(`expected a page, got ${JSON.stringify(page.body)}`);
    records.push(...page.body.records);
    c = page.body.cursor;
    if (!page.body.hasMore) return { records, cursor: c };
  }
}

/** Row counts and the counter: equal before and after means a request changed nothing. */
export async function dbFingerprint(db: Db): Promise<string> {
  const r = await db.query(
    `SELECT (SELECT count(*) FROM users)::int AS users, (SELECT count(*) FROM sessions WHERE revoked_at_ms IS NULL)::int AS sessions,
            (SELECT count(*) FROM sign_in_attempts)::int AS attempts, (SELECT coalesce(sum(attempts), 0) FROM sign_in_attempts)::int AS attempt_sum,
            (SELECT count(*) FROM records)::int AS records, (SELECT count(*) FROM applied_ops)::int AS ops,
            (SELECT seq FROM sync_state WHERE id = 1)::int AS seq, (SELECT md5(coalesce(string_agg(fields::text || stamps::text, ',' ORDER BY tbl, id), '')) FROM records) AS content`,
  );
  return JSON.stringify(r.rows[0]);
}
