import type { Db } from './db';
import { openPglite } from './pglite';
import { openPostgres } from './postgres';

/** PostgreSQL when a DATABASE_URL is configured, otherwise the embedded engine in a data folder. */
export async function openDatabase(config: { databaseUrl?: string; dataDir: string; maxConnections?: number }): Promise<Db> {
  if (config.databaseUrl) return openPostgres(config.databaseUrl, { maxConnections: config.maxConnections });
  return openPglite(config.dataDir);
}
