/**
 * What the sync benchmark runs against, all on loopback: the FieldDesk server
 * (server/, on a real PostgreSQL when this machine has one, else the embedded
 * PGlite) and a PouchDB server (express-pouchdb, memory adapter) sharing one
 * origin with the benchmark page.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import pg from 'pg';
import { insertUser } from '../../server/auth/users';
import { startLocalServer, type LocalServer } from '../../server/local';
import { findPostgres, startPostgres, type PgCluster } from '../../tests/integration/server/postgres';

export const PASSWORD = 'bench password, long enough';

/** A throwaway PostgreSQL cluster with production durability (fsync and synchronous commit on), or why there is none. */
export async function startDurablePostgres(): Promise<{ cluster: PgCluster; reason?: undefined } | { cluster?: undefined; reason: string }> {
  const found = findPostgres();
  if (!found.ok) return { reason: found.reason };
  const cluster = await startPostgres(found, { durable: true });
  const client = new pg.Client({ connectionString: cluster.url() });
  await client.connect();
  try {
    const r = await client.query<{ fsync: string; sc: string }>("SELECT current_setting('fsync') AS fsync, current_setting('synchronous_commit') AS sc");
    if (r.rows[0]?.fsync !== 'on' || r.rows[0]?.sc !== 'on') throw new Error(`the benchmark cluster is not durable: ${JSON.stringify(r.rows[0])}`);
  } finally {
    await client.end();
  }
  return { cluster };
}

export type SyncServer = LocalServer;

/** The real sync server on a database (migrated), listening on 127.0.0.1. */
export const startSyncServer = (databaseUrl: string | null, maxConnections = 10): Promise<SyncServer> => startLocalServer({ databaseUrl, maxConnections });

export interface SignedIn {
  token: string;
  expiresAt: number;
  user: { id: string; email: string; name: string; role: 'technician' | 'coordinator' | 'admin' };
}

/** A technician account, signed in over HTTP as a device would. */
export async function signedInUser(server: SyncServer, email: string): Promise<SignedIn> {
  await insertUser(server.db, { email, name: email.split('@')[0] ?? 'bench', role: 'technician', password: PASSWORD }, Date.now());
  const res = await fetch(`${server.url}/v1/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: PASSWORD }) });
  if (!res.ok) throw new Error(`sign-in failed: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as SignedIn;
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
interface PouchStatic {
  new (name: string): { bulkDocs(docs: unknown[]): Promise<{ error?: boolean }[]>; info(): Promise<{ doc_count: number }>; destroy(): Promise<unknown> };
  plugin(p: unknown): PouchStatic;
  defaults(o: Record<string, unknown>): PouchStatic;
}

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css', '.map': 'application/json' };

let pouchDbClass: PouchStatic | undefined;

/** The same PouchDB a pouchdb-server runs, kept in memory (faster than its default LevelDB files); its plugins register once per process. */
function pouchServerSide(): PouchStatic {
  if (pouchDbClass) return pouchDbClass;
  const require = createRequire(import.meta.url);
  pouchDbClass = (require('pouchdb-core') as PouchStatic)
    .plugin(require('pouchdb-adapter-memory'))
    .plugin(require('pouchdb-adapter-http'))
    .plugin(require('pouchdb-mapreduce'))
    .plugin(require('pouchdb-replication'))
    .defaults({ adapter: 'memory' });
  return pouchDbClass;
}

/**
 * One origin: the built benchmark page from `site`, and express-pouchdb under
 * /pouch (PouchDB in the page replicates from `${origin}/pouch/<db>`).
 */
export async function startPageAndPouch(site: string): Promise<{ origin: string; seedPouch(name: string, docs: readonly Record<string, unknown>[]): Promise<string>; close(): Promise<void> }> {
  const require = createRequire(import.meta.url);
  const PouchDB = pouchServerSide();
  const pouchApp = (require('express-pouchdb') as (p: unknown, o: Record<string, unknown>) => Handler)(PouchDB, { mode: 'minimumForPouchDB' });
  const root = path.resolve(site);
  const server = createHttpServer((req, res) => {
    const url = req.url ?? '/';
    if (url === '/pouch' || url.startsWith('/pouch/')) {
      req.url = url.slice('/pouch'.length) || '/';
      pouchApp(req, res);
      return;
    }
    const file = path.join(root, decodeURIComponent(url.split('?')[0] ?? '/'));
    if (!file.startsWith(root) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const dbs: { destroy(): Promise<unknown> }[] = [];
  return {
    origin,
    async seedPouch(name, docs) {
      const db = new PouchDB(name);
      dbs.push(db);
      for (let i = 0; i < docs.length; i += 2000) {
        const r = await db.bulkDocs(docs.slice(i, i + 2000) as unknown[]);
        if (r.some((x) => x.error)) throw new Error('seeding PouchDB failed');
      }
      const n = (await db.info()).doc_count;
      if (n !== docs.length) throw new Error(`PouchDB holds ${n} documents, expected ${docs.length}`);
      return `${origin}/pouch/${name}`;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      for (const db of dbs) await db.destroy();
    },
  };
}
