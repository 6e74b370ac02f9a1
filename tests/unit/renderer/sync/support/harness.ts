import 'fake-indexeddb/auto';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { createServer, type ServerOptions } from '../../../../../server/app';
import { insertUser } from '../../../../../server/auth/users';
import type { Db } from '../../../../../server/db/db';
import { migrate } from '../../../../../server/db/migrations';
import type { Role } from '../../../../../shared/sync/protocol';
import { openDatabase, type FieldDeskDb } from '../../../../../renderer/src/data/db';
import { SyncEngine, type EngineOptions } from '../../../../../renderer/src/sync/engine';
import { memorySessionStore, signIn, type SessionStore } from '../../../../../renderer/src/sync/session';

export const PASSWORD = 'correct horse battery staple';
const GENEROUS = { perAccount: { max: 10_000, windowMs: 60_000 }, perIp: { max: 10_000, windowMs: 60_000 } };

/** A real sync server on a loopback port, on the given database. restart() is a new process on the same data. */
export interface TestServer {
  url: string;
  db: Db;
  app: FastifyInstance;
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export async function startServer(db: Db, options: Partial<ServerOptions> = {}): Promise<TestServer> {
  await migrate(db);
  let app = createServer({ db, logger: false, signInLimits: GENEROUS, ...options });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const port = (app.server.address() as AddressInfo).port;
  const server: TestServer = {
    url: `http://127.0.0.1:${port}`,
    db,
    app,
    async restart() {
      app.server.closeAllConnections();
      await app.close();
      app = createServer({ db, logger: false, signInLimits: GENEROUS, ...options });
      // Same port, so devices (and proxies) find it again, as after a process restart.
      await app.listen({ host: '127.0.0.1', port });
      server.app = app;
    },
    async stop() {
      app.server.closeAllConnections();
      await app.close();
    },
  };
  return server;
}

export async function addUser(db: Db, email: string, role: Role = 'technician'): Promise<void> {
  const found = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM users WHERE email = $1', [email]);
  if ((found.rows[0]?.n ?? 0) === 0) await insertUser(db, { email, name: email.split('@')[0] ?? '', role, password: PASSWORD }, Date.now());
}

/** Empty the server's sync data between runs (users and sessions stay). */
export async function resetSyncData(db: Db): Promise<void> {
  await db.query('DELETE FROM records');
  await db.query('DELETE FROM applied_ops');
  await db.query('UPDATE sync_state SET seq = 0, horizon_seq = 0');
}

export interface Device {
  name: string;
  db: FieldDeskDb;
  engine: SyncEngine;
  sessions: SessionStore;
  /** Point the device at another address (a proxy) or take it offline (null). */
  setServer(url: string | null): void;
  close(): Promise<void>;
}

let counter = 0;

/** A simulated device: its own fake-indexeddb database with the real change log, and the real engine. */
export async function makeDevice(
  serverUrl: string,
  { name = 'device', email = 'tech@agency.gov', now, engine: engineOptions = {}, signInUrl }: { name?: string; email?: string | null; now?: () => number; engine?: Partial<EngineOptions>; signInUrl?: string } = {},
): Promise<Device> {
  const db = await openDatabase(`sync-${name}-${process.pid}-${++counter}`, now ? { now } : {});
  const sessions = memorySessionStore();
  let url: string | null = serverUrl;
  if (email) {
    const res = await signIn(signInUrl ?? serverUrl, email, PASSWORD, fetch);
    if (!res.ok) throw new Error(`sign-in failed: ${res.error.message}`);
    // The session belongs to the configured server address.
    await sessions.set({ ...res.value, serverUrl });
  }
  const engine = new SyncEngine({ db, fetch, getServerUrl: async () => url, sessions, watchOutbox: false, random: () => 0.5, ...engineOptions });
  return {
    name,
    db,
    engine,
    sessions,
    setServer(next) {
      url = next;
    },
    async close() {
      engine.stop();
      db.close();
      await db.delete();
    },
  };
}

type Row = Record<string, unknown> & { id: string };

/** A person as the people repository would write it. */
export function person(id: string, fields: Record<string, unknown> = {}): Row {
  return { id, name: 'Someone', email: '', phone: '', agency: '', site: '', title: '', kind: 'requester', createdAt: '', updatedAt: '', stamps: {}, deleted: 0, ...fields };
}

/** A local edit through the change log: read, change some fields, put. */
export async function edit(db: FieldDeskDb, id: string, fields: Record<string, unknown>, table = 'people'): Promise<void> {
  await db.transaction('rw', db.table(table), async () => {
    const current = (await db.table(table).get(id)) as Row | undefined;
    if (!current) throw new Error(`${table} ${id} is not on this device`);
    await db.table(table).put({ ...current, ...fields });
  });
}

/** A device's synced records without bookkeeping, sorted: what must be equal everywhere. */
export async function snapshot(db: FieldDeskDb, table = 'people'): Promise<Record<string, unknown>[]> {
  const rows = (await db.table(table).toArray()) as Row[];
  return rows
    .map(({ stamps: _stamps, ...rest }) => rest)
    .sort((a, b) => (a.id < b.id ? -1 : 1));
}

export async function syncOk(device: Device): Promise<void> {
  const res = await device.engine.runOnce();
  if (res.status !== 'synced') throw new Error(`${device.name} did not sync: ${JSON.stringify(res)}`);
}
