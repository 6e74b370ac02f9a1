import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import type { Db, Queryable } from './db';

/**
 * Embedded PostgreSQL (WebAssembly) in a data folder, or in memory when no
 * folder is given (tests). One process owns a folder at a time.
 */
export async function openPglite(dataDir?: string): Promise<Db> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const pg = dataDir ? new PGlite(dataDir) : new PGlite();
  await pg.waitReady;
  return {
    kind: 'pglite',
    async query<R>(sql: string, params?: readonly unknown[]) {
      const r = await pg.query<R>(sql, params as unknown[] | undefined);
      return { rows: r.rows };
    },
    // PGlite has one connection: its transaction() holds a lock, so other queries wait until it ends.
    transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      return pg.transaction((tx) =>
        fn({
          query: async <R>(sql: string, params?: readonly unknown[]) => {
            const r = await tx.query<R>(sql, params as unknown[] | undefined);
            return { rows: r.rows };
          },
        }),
      );
    },
    close: () => pg.close(),
  };
}
