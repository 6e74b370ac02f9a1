import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { DEFAULT_MAX_AHEAD_MS } from '../shared/sync/clamp';
import { SYNC_TABLES } from '../shared/sync/tables';
import { DEFAULT_SIGN_IN_LIMITS, type SignInLimits } from './auth/rate-limit';
import { isUnavailable, type Db } from './db/db';
import { registerCors } from './http/cors';
import { ApiError, classifyFrameworkError, sendError } from './http/errors';
import { registerAuthRoutes } from './routes/auth';
import { registerHealthRoute } from './routes/health';
import { registerSyncRoutes } from './routes/sync';
import { DEFAULT_CONFLICT_POLICY, type ConflictPolicy } from './sync/conflicts';
import { createGate, type Gate } from './sync/gate';
import { withConflicts, type TableRegistry } from './sync/write-rules';

export interface ServerOptions {
  db: Db;
  /** Server time in epoch ms; injectable so tests can move the clock. */
  now?: () => number;
  /** false (silent), true, pino options, or a ready pino-compatible logger. */
  logger?: boolean | FastifyServerOptions['logger'] | FastifyBaseLogger;
  /**
   * Synced tables: merge mode, write rule and schema; defaults to
   * shared/sync/tables.ts. `_conflicts` is added. A table without a rule
   * is refused, one without a schema stores nothing.
   */
  tables?: TableRegistry;
  conflicts?: Partial<ConflictPolicy>;
  signInLimits?: SignInLimits;
  sessionTtlMs?: number;
  maxClockAheadMs?: number;
  bodyLimitBytes?: number;
  trustProxy?: FastifyServerOptions['trustProxy'];
  /** How many push transactions this instance runs at once; later pushes wait their turn (see sync/gate.ts). */
  pushConcurrency?: number;
  /** Test seam, see applyPush. */
  beforePushCommit?: () => Promise<void>;
}

/** Everything the routes need, resolved from the options once. */
export interface ServerContext {
  db: Db;
  now: () => number;
  tables: TableRegistry;
  conflicts: ConflictPolicy;
  signInLimits: SignInLimits;
  sessionTtlMs: number;
  maxClockAheadMs: number;
  pushGate: Gate;
  beforePushCommit?: () => Promise<void>;
}

export const DEFAULT_SESSION_TTL_MS = 30 * 24 * 3600_000;
export const DEFAULT_BODY_LIMIT = 4 * 1024 * 1024;
export const DEFAULT_PUSH_CONCURRENCY = 2;

const isLogger = (l: unknown): l is FastifyBaseLogger => typeof l === 'object' && l !== null && typeof (l as { child?: unknown }).child === 'function';

/**
 * The sync server as a Fastify instance, not yet listening: tests drive it with
 * inject() or listen() on port 0. It keeps no state of its own outside the
 * database, so any number of instances can serve one PostgreSQL.
 */
export function createServer(options: ServerOptions): FastifyInstance {
  const ctx: ServerContext = {
    db: options.db,
    now: options.now ?? Date.now,
    tables: withConflicts(options.tables ?? SYNC_TABLES),
    conflicts: { ...DEFAULT_CONFLICT_POLICY, ...(options.conflicts ?? {}) },
    signInLimits: options.signInLimits ?? DEFAULT_SIGN_IN_LIMITS,
    sessionTtlMs: options.sessionTtlMs ?? DEFAULT_SESSION_TTL_MS,
    maxClockAheadMs: options.maxClockAheadMs ?? DEFAULT_MAX_AHEAD_MS,
    pushGate: createGate(options.pushConcurrency ?? DEFAULT_PUSH_CONCURRENCY),
    beforePushCommit: options.beforePushCommit,
  };

  const logger = options.logger ?? false;
  const app = Fastify({
    ...(isLogger(logger) ? { loggerInstance: logger } : { logger: logger as FastifyServerOptions['logger'] }),
    bodyLimit: options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT,
    trustProxy: options.trustProxy ?? false,
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    return503OnClosing: true,
  });

  // Every response carries server time so a client can re-anchor its clock on any answer, errors included.
  app.addHook('onSend', async (_req, reply, payload) => {
    reply.header('x-server-time', String(ctx.now()));
    reply.header('cache-control', 'no-store');
    return payload;
  });

  app.setErrorHandler((error, request, reply) => {
    const serverTime = ctx.now();
    if (error instanceof ApiError) {
      if (error.headers) reply.headers(error.headers);
      return sendError(reply, serverTime, error.code, error.message, error.fields);
    }
    const framework = classifyFrameworkError(error as { code?: string; statusCode?: number; message?: string });
    if (framework) return sendError(reply, serverTime, framework.code, framework.message);
    if (isUnavailable(error)) {
      request.log.error({ err: error }, 'database unavailable');
      return sendError(reply, serverTime, 'unavailable', 'The server cannot reach its database; try again shortly');
    }
    request.log.error({ err: error }, 'unexpected error');
    return sendError(reply, serverTime, 'internal', 'Unexpected server error');
  });

  app.setNotFoundHandler((request, reply) => sendError(reply, ctx.now(), 'not_found', `No route ${request.method} ${request.url.split('?')[0]}`));

  registerCors(app);
  registerHealthRoute(app, ctx);
  registerAuthRoutes(app, ctx);
  registerSyncRoutes(app, ctx);
  return app;
}
