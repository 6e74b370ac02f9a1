import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from '../../../server/app';
import type { Db } from '../../../server/db/db';
import { migrate } from '../../../server/db/migrations';
import { openPostgres } from '../../../server/db/postgres';
import { addUser, openTables, PASSWORD, stampAt, T0 } from '../../unit/server/support/harness';
import { postgresOrReason, startPostgres, type PgCluster } from './postgres';

const found = postgresOrReason();
// The mechanics of sequence numbers and cursors, not the rules: open tables.
const TABLES = openTables({ tickets: 'lww', worklog: 'append' });

interface Rec {
  table: string;
  id: string;
  fields: Record<string, unknown>;
  stamps: Record<string, string>;
  seq: number;
}

async function call<T>(base: string, path: string, body: unknown, token?: string): Promise<T> {
  const res = await fetch(base + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  if (res.status !== 200) throw new Error(`${path} -> ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

describe.skipIf(!found.ok)('pull cursor under concurrent pushes (real PostgreSQL)', () => {
  let cluster: PgCluster;
  let db: Db;

  beforeAll(async () => {
    if (!found.ok) return;
    cluster = await startPostgres(found);
    db = openPostgres(await cluster.createDatabase(), { maxConnections: 30 });
    await migrate(db);
    await addUser(db, 'tech@agency.gov', 'technician');
  });
  afterAll(async () => {
    await db?.close();
    cluster?.stop();
  });

  it('a push still committing holds back the next one, so a pull in between cannot skip it', async () => {
    let releaseA!: () => void;
    let aReachedCommit!: () => void;
    const aAtCommit = new Promise<void>((r) => (aReachedCommit = r));
    const gate = new Promise<void>((r) => (releaseA = r));
    const slow = createServer({ db, tables: TABLES, beforePushCommit: async () => { aReachedCommit(); await gate; } });
    const fast = createServer({ db, tables: TABLES });
    // A session per device: a session pushes for one device only.
    const signIn = async () => (await (await slow.inject({ method: 'POST', url: '/v1/auth/sign-in', payload: { email: 'tech@agency.gov', password: PASSWORD } })).json()).token as string;
    const auth = { authorization: `Bearer ${await signIn()}` };
    const authB = { authorization: `Bearer ${await signIn()}` };
    const before = (await fast.inject({ method: 'POST', url: '/v1/sync/pull', headers: auth, payload: {} })).json() as { cursor: string; records: Rec[] };
    const drain = async (cursor: string) => (await fast.inject({ method: 'POST', url: '/v1/sync/pull', headers: auth, payload: { cursor } })).json() as { cursor: string; records: Rec[] };
    const mk = (device: string, id: string) => ({ opId: `${device}-1`, deviceId: device, deviceSeq: 1, table: 'tickets', id, fields: { title: { value: id, stamp: stampAt(T0, device) } } });

    try {
      const pushA = slow.inject({ method: 'POST', url: '/v1/sync/push', headers: auth, payload: { ops: [mk('gate-a', 'A')] } });
      await aAtCommit; // A has taken its sequence number and has not committed
      let bDone = false;
      const pushB = fast.inject({ method: 'POST', url: '/v1/sync/push', headers: authB, payload: { ops: [mk('gate-b', 'B')] } }).then((r) => ((bDone = true), r));
      await sleep(400);
      expect(bDone).toBe(false); // B waits for A's commit instead of committing a later number first
      const mid = await drain(before.cursor);
      expect(mid.records).toEqual([]);
      releaseA();
      expect((await pushA).statusCode).toBe(200);
      expect((await pushB).statusCode).toBe(200);
      const after = await drain(mid.cursor);
      expect(after.records.map((r) => r.id)).toEqual(['A', 'B']);
    } finally {
      releaseA(); // never leave a transaction hanging, or closing the pool would wait forever
      await slow.close();
      await fast.close();
    }
  });

  // With no gate to speak of every push is in PostgreSQL at once, so its locks alone keep the order; the default gate must keep it too.
  it.each([
    { run: 'ungated', pushConcurrency: 64 },
    { run: 'gated', pushConcurrency: undefined },
  ])('many concurrent pushers through two instances ($run), random commit delays: a concurrent puller gets every change exactly once', async ({ run, pushConcurrency }) => {
    const delay = async () => sleep(Math.random() * 25);
    const instances: FastifyInstance[] = [0, 1].map(() => createServer({ db, tables: TABLES, beforePushCommit: delay, pushConcurrency }));
    const bases: string[] = [];
    for (const app of instances) bases.push(await app.listen({ host: '127.0.0.1', port: 0 }));
    const signIn = async () => (await call<{ token: string }>(bases[0]!, '/v1/auth/sign-in', { email: 'tech@agency.gov', password: PASSWORD })).token;
    const token = await signIn();

    const DEVICES = 12;
    const PUSHES = 12;
    const insertedIds = new Set<string>();
    let pushing = true;
    // A session per device (a session pushes for one device only), signed in one after another.
    const tokens: string[] = [];
    for (let d = 0; d < DEVICES; d++) tokens.push(await signIn());
    const pushers = Array.from({ length: DEVICES }, async (_, d) => {
      const device = `${run}-dev-${d}`;
      const deviceToken = tokens[d]!;
      let seq = 0;
      for (let p = 0; p < PUSHES; p++) {
        const ops = Array.from({ length: 1 + Math.floor(Math.random() * 4) }, (_, k) => {
          seq++;
          const wall = T0 + p * 10 + k;
          // Half the ops create fresh records (exactly-once is checkable), half fight over a few hot ones.
          if (Math.random() < 0.5) {
            const id = `${device}-w${seq}`;
            insertedIds.add(`worklog/${id}`);
            return { opId: `${device}-${seq}`, deviceId: device, deviceSeq: seq, table: 'worklog', id, fields: { text: { value: `entry ${seq}`, stamp: stampAt(wall, device) } } };
          }
          const hot = `hot-${Math.floor(Math.random() * 5)}`;
          return { opId: `${device}-${seq}`, deviceId: device, deviceSeq: seq, table: 'tickets', id: hot, fields: { [`f${Math.floor(Math.random() * 3)}`]: { value: `${device}:${seq}`, stamp: stampAt(wall, device) } } };
        });
        const base = bases[(d + p) % bases.length]!;
        const res = await call<{ applied: string[]; rejected: unknown[] }>(base, '/v1/sync/push', { ops }, deviceToken);
        expect(res.rejected).toEqual([]);
        expect(res.applied).toHaveLength(ops.length);
        // Sometimes the same batch arrives twice (a retried request): it must change nothing.
        if (Math.random() < 0.15) expect((await call<{ applied: string[] }>(base, '/v1/sync/push', { ops }, deviceToken)).applied).toHaveLength(ops.length);
      }
    });

    const replica = new Map<string, Rec>();
    const seqsSeen = new Set<number>();
    const timesSeen = new Map<string, number>();
    // From the very beginning, so the replica must end equal to the whole table.
    let cursor = '';
    let pulls = 0;
    const apply = (records: Rec[]) => {
      for (const r of records) {
        expect(seqsSeen.has(r.seq)).toBe(false);
        seqsSeen.add(r.seq);
        const key = `${r.table}/${r.id}`;
        timesSeen.set(key, (timesSeen.get(key) ?? 0) + 1);
        const prev = replica.get(key);
        if (prev) expect(r.seq).toBeGreaterThan(prev.seq);
        replica.set(key, r);
      }
    };
    const puller = (async () => {
      while (pushing) {
        const page = await call<{ status: string; records: Rec[]; cursor: string }>(bases[pulls % 2]!, '/v1/sync/pull', { cursor, limit: 7 }, token);
        expect(page.status).toBe('page');
        apply(page.records);
        cursor = page.cursor;
        pulls++;
        await sleep(Math.random() * 5);
      }
    })();

    await Promise.all(pushers);
    pushing = false;
    await puller;
    for (;;) {
      const page = await call<{ records: Rec[]; cursor: string; hasMore: boolean }>(bases[0]!, '/v1/sync/pull', { cursor, limit: 50 }, token);
      apply(page.records);
      cursor = page.cursor;
      if (!page.hasMore) break;
    }

    const truth = await db.query<{ tbl: string; id: string; fields: Record<string, unknown>; server_seq: number }>('SELECT tbl, id, fields, server_seq FROM records ORDER BY tbl, id');
    expect(pulls).toBeGreaterThan(5); // the puller really ran while pushes were landing
    expect(truth.rows.length).toBe(replica.size);
    for (const row of truth.rows) {
      const mine = replica.get(`${row.tbl}/${row.id}`);
      expect(mine?.fields, `${row.tbl}/${row.id}`).toEqual(row.fields);
      expect(mine?.seq).toBe(Number(row.server_seq));
    }
    // Records written once were delivered once: none skipped, none twice.
    for (const id of insertedIds) expect(timesSeen.get(id), id).toBe(1);
    const ops = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM applied_ops');
    expect(Number(ops.rows[0]!.n)).toBeGreaterThan(DEVICES * PUSHES);
    for (const app of instances) await app.close();
  }, 60_000);
});
