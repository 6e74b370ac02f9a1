import type { AddressInfo } from 'node:net';
import { createServer } from './app';
import type { Db } from './db/db';
import { migrate } from './db/migrations';
import { openPglite } from './db/pglite';
import { openPostgres } from './db/postgres';

export interface LocalServer {
  url: string;
  db: Db;
  stop(): Promise<void>;
}

/**
 * A sync server on 127.0.0.1 (a free port) for tests and benchmarks: on the
 * PostgreSQL at `databaseUrl`, or on an in-memory PGlite (the same SQL) when
 * none is given. Migrated, silent, no first admin.
 */
export async function startLocalServer(options: { databaseUrl?: string | null; maxConnections?: number } = {}): Promise<LocalServer> {
  const db = options.databaseUrl ? openPostgres(options.databaseUrl, { maxConnections: options.maxConnections }) : await openPglite();
  await migrate(db);
  const app = createServer({ db, logger: false });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    db,
    stop: async () => {
      app.server.closeAllConnections();
      await app.close();
      await db.close();
    },
  };
}
