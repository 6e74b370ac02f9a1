import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { DEFAULT_MAX_AHEAD_MS } from '../shared/sync/clamp';
import { SYNC_TABLES } from '../shared/sync/tables';
import { DEFAULT_SIGN_IN_LIMITS, type SignInLimits } from './auth/rate-limit';
import { isUnavailable, type Db } from './db/db';
import { parseAppVersion } from '../shared/sync/version';
import { registerCors } from './http/cors';
import { makeClientErrorHandler, makeFrameworkErrors, makeNotFoundHandler, registerVersionGate, type VersionPolicy } from './http/edges';
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
  /** Oldest app version allowed to sync (`FIELDDESK_MIN_APP_VERSION`); older ones get 426. */
  minAppVersion?: string;
  /** Oldest protocol version served; defaults to 1. */
  minProtocol?: number;
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
  versions: VersionPolicy;
}

export const DEFAULT_SESSION_TTL_MS = 30 * 24 * 3600_000;
export const DEFAULT_BODY_LIMIT = 4 * 1024 * 1024;
export const DEFAULT_PUSH_CONCURRENCY = 2;
export const DEFAULT_MIN_PROTOCOL = 1;

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
    versions: versionPolicy(options),
  };

  const logger = options.logger ?? false;
  const app = Fastify({
    ...(isLogger(logger) ? { loggerInstance: logger } : { logger: logger as FastifyServerOptions['logger'] }),
    bodyLimit: options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT,
    trustProxy: options.trustProxy ?? false,
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    // Requests that arrive while the instance shuts down get a 503 in the protocol's format (below), not Fastify's own.
    return503OnClosing: false,
    // Requests Node's HTTP parser or the router refuse get the protocol's error format too (http/edges.ts).
    clientErrorHandler: makeClientErrorHandler(ctx.now),
    frameworkErrors: makeFrameworkErrors(ctx.now),
  });
  // Every POST route takes JSON only: Fastify's text/plain parser goes, so any other body is a 415.
  app.removeContentTypeParser('text/plain');

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

  app.setNotFoundHandler(makeNotFoundHandler(app, ctx.now));

  registerCors(app);
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onRequest', async (_request, reply) => {
    if (!closing) return;
    reply.header('connection', 'close');
    throw new ApiError('unavailable', 'This server is shutting down; try again shortly');
  });
  registerVersionGate(app, ctx.versions);
  registerHealthRoute(app, ctx);
  registerAuthRoutes(app, ctx);
  registerSyncRoutes(app, ctx);
  return app;
}

function versionPolicy(options: ServerOptions): VersionPolicy {
  const minProtocol = options.minProtocol ?? DEFAULT_MIN_PROTOCOL;
  if (options.minAppVersion === undefined) return { minProtocol };
  const minAppVersion = parseAppVersion(options.minAppVersion);
  if (!minAppVersion) throw new Error(`The minimum app version must look like 1.4.2, got "${options.minAppVersion}"`);
  return { minProtocol, minAppVersion };
}
