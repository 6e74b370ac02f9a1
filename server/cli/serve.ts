import type { FastifyInstance } from 'fastify';
import { createServer } from '../app';
import { bootstrapAdmin } from '../auth/bootstrap';
import type { ServerConfig } from '../config';
import type { Db } from '../db/db';
import { runMaintenance } from '../sync/maintenance';
import type { CliIo } from './user-commands';

const MAINTENANCE_EVERY_MS = 60 * 60_000;

/** Bootstrap the first admin, then listen. Resolves once listening; close() stops everything. */
export async function serve(db: Db, config: ServerConfig, io: CliIo): Promise<{ app: FastifyInstance; close: () => Promise<void> }> {
  const boot = await bootstrapAdmin(db, { email: config.adminEmail, password: config.adminPassword }, Date.now());
  if (boot.created) {
    io.out(`First run: created administrator ${boot.email}`);
    if (boot.generatedPassword) {
      io.out(`  one-time password: ${boot.generatedPassword}`);
      io.out('  It is shown only now. Change it with: npm run server -- user reset-password ' + boot.email);
    }
  }
  const app = createServer({
    db,
    logger: { level: config.logLevel, redact: ['req.headers.authorization'] },
    sessionTtlMs: config.sessionTtlMs,
    maxClockAheadMs: config.maxClockAheadMs,
    bodyLimitBytes: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    pushConcurrency: config.pushConcurrency,
    minAppVersion: config.minAppVersion,
  });
  await app.listen({ host: config.host, port: config.port });

  const tick = async () => {
    try {
      const { purged } = await runMaintenance(db, Date.now(), config.tombstoneRetentionMs);
      if (purged > 0) app.log.info({ purged }, 'purged old tombstones');
    } catch (e) {
      app.log.warn({ err: e }, 'maintenance failed; will retry');
    }
  };
  void tick();
  const timer = setInterval(() => void tick(), MAINTENANCE_EVERY_MS);
  timer.unref();

  return {
    app,
    close: async () => {
      clearInterval(timer);
      await app.close();
    },
  };
}
