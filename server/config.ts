import { resolve } from 'node:path';
import type { FastifyServerOptions } from 'fastify';
import { DEFAULT_MAX_AHEAD_MS } from '../shared/sync/clamp';
import { parseAppVersion } from '../shared/sync/version';
import { DEFAULT_BODY_LIMIT, DEFAULT_PUSH_CONCURRENCY, DEFAULT_SESSION_TTL_MS } from './app';

/** Everything the process reads from its environment, parsed once at start. */
export interface ServerConfig {
  databaseUrl?: string;
  dataDir: string;
  host: string;
  port: number;
  maxConnections: number;
  pushConcurrency: number;
  sessionTtlMs: number;
  tombstoneRetentionMs: number;
  maxClockAheadMs: number;
  bodyLimitBytes: number;
  trustProxy: FastifyServerOptions['trustProxy'];
  logLevel: string;
  adminEmail?: string;
  adminPassword?: string;
  /** Oldest FieldDesk allowed to sync; older apps are told to update (426). */
  minAppVersion?: string;
}

const DAY = 24 * 3600_000;

function int(env: Record<string, string | undefined>, name: string, fallback: number, min: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < min) throw new Error(`${name} must be an integer ≥ ${min}, got "${raw}"`);
  return n;
}

function trustProxy(raw: string | undefined): FastifyServerOptions['trustProxy'] {
  if (raw === undefined || raw === '' || raw === 'false') return false;
  if (raw === 'true') return true;
  return raw.split(',').map((s) => s.trim()); // addresses or CIDR ranges of the proxies
}

function minAppVersion(raw: string | undefined): string | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  if (!parseAppVersion(raw)) throw new Error(`FIELDDESK_MIN_APP_VERSION must look like 1.4.2, got "${raw}"`);
  return raw.trim();
}

export function loadConfig(env: Record<string, string | undefined>, cwd: string): ServerConfig {
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: resolve(cwd, env.FIELDDESK_SERVER_DATA || './.fielddesk-server'),
    host: env.HOST || '127.0.0.1',
    port: int(env, 'PORT', 8787, 0),
    maxConnections: int(env, 'FIELDDESK_DB_POOL', 10, 1),
    pushConcurrency: int(env, 'FIELDDESK_PUSH_CONCURRENCY', DEFAULT_PUSH_CONCURRENCY, 1),
    sessionTtlMs: int(env, 'FIELDDESK_SESSION_TTL_DAYS', DEFAULT_SESSION_TTL_MS / DAY, 1) * DAY,
    tombstoneRetentionMs: int(env, 'FIELDDESK_TOMBSTONE_RETENTION_DAYS', 180, 1) * DAY,
    maxClockAheadMs: int(env, 'FIELDDESK_MAX_CLOCK_AHEAD_MS', DEFAULT_MAX_AHEAD_MS, 0),
    bodyLimitBytes: int(env, 'FIELDDESK_BODY_LIMIT_BYTES', DEFAULT_BODY_LIMIT, 1024),
    trustProxy: trustProxy(env.FIELDDESK_TRUST_PROXY),
    logLevel: env.LOG_LEVEL || 'info',
    adminEmail: env.FIELDDESK_ADMIN_EMAIL || undefined,
    adminPassword: env.FIELDDESK_ADMIN_PASSWORD || undefined,
    minAppVersion: minAppVersion(env.FIELDDESK_MIN_APP_VERSION),
  };
}
