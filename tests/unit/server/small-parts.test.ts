import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '../../../server/auth/passwords';
import { bearerToken, hashToken, newToken } from '../../../server/auth/tokens';
import { loadConfig } from '../../../server/config';
import { splitStatements } from '../../../server/db/migrations';
import { classifyFrameworkError } from '../../../server/http/errors';
import { decodeCursor, encodeCursor } from '../../../server/sync/cursor';
import { parseArgs } from '../../../server/cli/args';

describe('passwords and tokens', () => {
  it('verifies the right password only, and salts every hash', async () => {
    const a = await hashPassword('a long password');
    const b = await hashPassword('a long password');
    expect(a).not.toBe(b);
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(await verifyPassword('a long password', a)).toBe(true);
    expect(await verifyPassword('a long passwore', a)).toBe(false);
    expect(await verifyPassword('x', 'garbage')).toBe(false);
  });
  it('makes 256-bit tokens and stores only their hash', () => {
    const t = newToken();
    expect(t).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(hashToken(t)).toMatch(/^[0-9a-f]{64}$/);
    expect(bearerToken(`Bearer ${t}`)).toBe(t);
    expect(bearerToken(`bearer ${t}`)).toBeNull();
    expect(bearerToken('Bearer short')).toBeNull();
    expect(bearerToken(undefined)).toBeNull();
  });
});

describe('cursor', () => {
  it('round-trips and refuses anything it did not issue', () => {
    const c = { epoch: 'abc123', seq: 42 };
    expect(decodeCursor(encodeCursor(c))).toEqual(c);
    expect(decodeCursor(undefined)).toBeNull();
    expect(decodeCursor('')).toBeNull();
    for (const bad of ['42', 'v1.abc.-1', 'v1.abc.01', 'v1.ABC.1', 'v2.abc.1', 'v1.abc.99999999999999999', 'v1..1']) expect(decodeCursor(bad)).toBe('invalid');
  });
});

describe('config', () => {
  it('defaults to embedded storage in ./.fielddesk-server on localhost', () => {
    const c = loadConfig({}, '/srv/app');
    expect(c).toMatchObject({ databaseUrl: undefined, dataDir: '/srv/app/.fielddesk-server', host: '127.0.0.1', port: 8787, trustProxy: false });
  });
  it('reads DATABASE_URL and settings, and refuses nonsense numbers', () => {
    const c = loadConfig({ DATABASE_URL: 'postgres://x/y', PORT: '9000', FIELDDESK_TRUST_PROXY: '10.0.0.0/8, 127.0.0.1', FIELDDESK_TOMBSTONE_RETENTION_DAYS: '30' }, '/');
    expect(c).toMatchObject({ databaseUrl: 'postgres://x/y', port: 9000, trustProxy: ['10.0.0.0/8', '127.0.0.1'], tombstoneRetentionMs: 30 * 86_400_000 });
    expect(() => loadConfig({ PORT: 'eighty' }, '/')).toThrow(/PORT/);
    expect(() => loadConfig({ FIELDDESK_SESSION_TTL_DAYS: '0' }, '/')).toThrow(/SESSION_TTL/);
  });
});

describe('migration statement splitting', () => {
  it('splits at line-ending semicolons and drops comment-only pieces', () => {
    expect(splitStatements("-- note\nCREATE TABLE a (x text DEFAULT ';');\nINSERT INTO a VALUES ('1');\n-- trailing\n")).toEqual([
      "-- note\nCREATE TABLE a (x text DEFAULT ';')",
      "INSERT INTO a VALUES ('1')",
    ]);
  });
});

describe('framework error mapping', () => {
  it('maps Fastify body errors to protocol codes and leaves 5xx to the caller', () => {
    expect(classifyFrameworkError({ code: 'FST_ERR_CTP_BODY_TOO_LARGE', statusCode: 413 })?.code).toBe('too_large');
    expect(classifyFrameworkError({ code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE', statusCode: 415 })?.code).toBe('unsupported_media_type');
    expect(classifyFrameworkError({ statusCode: 400, message: 'Object contains forbidden prototype property' })?.code).toBe('invalid_request');
    expect(classifyFrameworkError({ statusCode: 500, message: 'boom' })).toBeNull();
  });
});

describe('cli args', () => {
  it('parses positionals and --key value / --key=value, and reports a missing value', () => {
    expect(parseArgs(['user', 'add', 'a@b.gov', '--role', 'admin', '--name=Ann Lee'])).toEqual({ positionals: ['user', 'add', 'a@b.gov'], options: { role: 'admin', name: 'Ann Lee' } });
    expect(parseArgs(['--role'])).toEqual({ error: '--role needs a value' });
  });
});
