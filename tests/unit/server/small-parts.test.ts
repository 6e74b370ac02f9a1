import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '../../../server/auth/passwords';
import { bearerToken, hashToken, newToken } from '../../../server/auth/tokens';
import { loadConfig } from '../../../server/config';
import { splitStatements } from '../../../server/db/migrations';
import { classifyFrameworkError } from '../../../server/http/errors';
import { decodeCursor, encodeCursor } from '../../../server/sync/cursor';
import { createGate } from '../../../server/sync/gate';
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
  it('runs two push transactions at once unless told otherwise, and at least one', () => {
    expect(loadConfig({}, '/').pushConcurrency).toBe(2);
    expect(loadConfig({ FIELDDESK_PUSH_CONCURRENCY: '8' }, '/').pushConcurrency).toBe(8);
    expect(() => loadConfig({ FIELDDESK_PUSH_CONCURRENCY: '0' }, '/')).toThrow(/PUSH_CONCURRENCY/);
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

describe('push gate', () => {
  const later = () => {
    let open!: () => void;
    const p = new Promise<void>((r) => (open = r));
    return { p, open };
  };
  const tick = () => new Promise<void>((r) => setTimeout(r, 0));

  it('runs at most `limit` tasks at once, the rest in arrival order, and frees the place of one that fails', async () => {
    const gate = createGate(2);
    const started: number[] = [];
    const done = Array.from({ length: 5 }, later);
    const runs = done.map((d, i) =>
      gate.run(async () => {
        started.push(i);
        await d.p;
        if (i === 1) throw new Error('task 1 failed');
        return i;
      }),
    );
    await tick();
    expect(started).toEqual([0, 1]);
    done[1]!.open();
    await expect(runs[1]).rejects.toThrow('task 1 failed');
    await tick();
    expect(started).toEqual([0, 1, 2]);
    for (const d of done) d.open();
    expect(await Promise.all([runs[0], runs[2], runs[3], runs[4]])).toEqual([0, 2, 3, 4]);
    expect(started).toEqual([0, 1, 2, 3, 4]);
    // Every place was given back: two more run at once straight away.
    const both = later();
    const startedAgain: string[] = [];
    const again = ['a', 'b'].map((x) => gate.run(async () => (startedAgain.push(x), await both.p, x)));
    await tick();
    expect(startedAgain).toEqual(['a', 'b']);
    both.open();
    expect(await Promise.all(again)).toEqual(['a', 'b']);
  });

  it('refuses a limit below one', () => {
    expect(() => createGate(0)).toThrow(/at least 1/);
  });
});
