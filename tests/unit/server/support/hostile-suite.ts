import type { FastifyInstance, InjectOptions } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../../server/db/db';
import { migrate } from '../../../../server/db/migrations';
import { ApiErrorResponseSchema } from '../../../../shared/sync/protocol';
import { addUser, bearer, dbFingerprint, makeApp, op, resetDb, resetSeqs, signIn, stampAt, T0, testClock } from './harness';

const BODY_LIMIT = 64 * 1024;

function deeplyNested(depth: number): string {
  return '{"ops":[{"opId":"x","deviceId":"d","deviceSeq":1,"table":"people","id":"p","fields":{"a":{"stamp":"' + stampAt(T0, 'd') + '","value":' + '['.repeat(depth) + ']'.repeat(depth) + '}}}]}';
}

/**
 * Malformed, oversized and hostile requests to every route: each must get a
 * 4xx with `{error: {code, message}}` and leave the database exactly as it was.
 */
export function describeHostilePayloads(label: string, getDb: () => Promise<Db>): void {
  describe(`hostile payloads on ${label}`, () => {
    let db: Db;
    let app: FastifyInstance;
    let token: string;

    // Set up once: every test asserts it changed nothing, so there is nothing to reset.
    beforeAll(async () => {
      db = await getDb();
      await migrate(db);
      await resetDb(db);
      resetSeqs();
      app = makeApp(db, testClock(), { bodyLimitBytes: BODY_LIMIT });
      await addUser(db, 'tech@agency.gov', 'technician');
      token = await signIn(app, 'tech@agency.gov');
      const seeded = await app.inject({ method: 'POST', url: '/v1/sync/push', headers: bearer(token), payload: { ops: [op('seed', 'people', 'p0', { name: 'Seed', createdAt: '2027-01-15T08:00:00.000Z', updatedAt: '2027-01-15T08:00:00.000Z' })] } });
      expect(seeded.statusCode).toBe(200);
      expect(seeded.json().applied).toHaveLength(1);
    });

    const json = { 'content-type': 'application/json' };
    const bodyCases: [string, (auth: Record<string, string>) => Partial<InjectOptions>, number][] = [
      ['malformed JSON', (a) => ({ headers: { ...a, ...json }, payload: '{"ops": [' }), 400],
      ['an empty JSON body', (a) => ({ headers: { ...a, ...json }, payload: '' }), 400],
      ['a JSON array', (a) => ({ headers: { ...a, ...json }, payload: '[]' }), 400],
      ['a JSON string', (a) => ({ headers: { ...a, ...json }, payload: '"ops"' }), 400],
      ['null', (a) => ({ headers: { ...a, ...json }, payload: 'null' }), 400],
      ['wrong field types', (a) => ({ headers: { ...a, ...json }, payload: JSON.stringify({ ops: 'all', email: 5, password: [], cursor: 7, limit: 'many' }) }), 400],
      ['a __proto__ key', (a) => ({ headers: { ...a, ...json }, payload: '{"__proto__":{"isAdmin":true},"ops":[],"email":"a@b.gov","password":"x"}' }), 400],
      ['a constructor.prototype key', (a) => ({ headers: { ...a, ...json }, payload: '{"constructor":{"prototype":{"isAdmin":true}},"ops":[]}' }), 400],
      ['an oversized body', (a) => ({ headers: { ...a, ...json }, payload: JSON.stringify({ ops: [], email: 'x'.repeat(BODY_LIMIT), password: 'x' }) }), 413],
      ['an unsupported content type', (a) => ({ headers: { ...a, 'content-type': 'application/x-www-form-urlencoded' }, payload: 'ops=1' }), 415],
      ['text/plain JSON-looking text', (a) => ({ headers: { ...a, 'content-type': 'text/plain' }, payload: '{"ops":[]}' }), 415],
      ['a lying Content-Length', (a) => ({ headers: { ...a, ...json, 'content-length': '5' }, payload: '{"ops":[]}' }), 400],
    ];

    const postRoutes: [string, boolean][] = [
      ['/v1/auth/sign-in', false],
      ['/v1/sync/push', true],
      ['/v1/sync/pull', true],
    ];

    for (const [url, needsAuth] of postRoutes) {
      for (const [what, build, status] of bodyCases) {
        it(`POST ${url} with ${what} -> ${status}, nothing changed`, async () => {
          const before = await dbFingerprint(db);
          const res = await app.inject({ method: 'POST', url, ...build(needsAuth ? bearer(token) : {}) });
          // A route that ignores the field still has to refuse the body as a whole; 4xx either way.
          expect(res.statusCode, res.body).toBe(status);
          expect(ApiErrorResponseSchema.parse(res.json()).error.message.length).toBeGreaterThan(0);
          expect(await dbFingerprint(db)).toBe(before);
        });
      }
    }

    const headerCases: [string, Record<string, string>][] = [
      ['no Authorization header', {}],
      ['a Basic scheme', { authorization: 'Basic YWRtaW46YWRtaW4=' }],
      ['a token full of SQL', { authorization: "Bearer ' OR 1=1; DROP TABLE users; --" }],
      ['a huge token', { authorization: `Bearer ${'a'.repeat(8000)}` }],
      ['a NUL byte in the token', { authorization: 'Bearer abcdefghijklmnopqrstuvwx\u0000yz' }],
    ];
    const authRoutes: [('GET' | 'POST'), string][] = [
      ['GET', '/v1/auth/me'],
      ['POST', '/v1/auth/sign-out'],
      ['POST', '/v1/sync/push'],
      ['POST', '/v1/sync/pull'],
    ];
    for (const [method, url] of authRoutes) {
      for (const [what, headers] of headerCases) {
        it(`${method} ${url} with ${what} -> 401, nothing changed`, async () => {
          const before = await dbFingerprint(db);
          const res = await app.inject({ method, url, headers, ...(method === 'POST' ? { payload: { ops: [op('dev-x', 'people', 'p9', { name: 'x' })] } } : {}) });
          expect(res.statusCode).toBe(401);
          expect(ApiErrorResponseSchema.parse(res.json()).error.code).toBe('unauthorized');
          expect(await dbFingerprint(db)).toBe(before);
        });
      }
    }

    it('GET /health ignores hostile query strings and bodies', async () => {
      const res = await app.inject({ method: 'GET', url: '/health?x[__proto__][a]=1&%00=%00' });
      expect(res.statusCode).toBe(200);
    });

    it('unknown routes answer 404 JSON, a known route asked with another method 405 JSON', async () => {
      for (const [method, url, status, code] of [
        ['GET', '/v1/sync/push', 405, 'method_not_allowed'],
        ['DELETE', '/v1/auth/me', 405, 'method_not_allowed'],
        ['GET', '/../../etc/passwd', 404, 'not_found'],
        ['POST', '/v2/sync/push', 404, 'not_found'],
      ] as const) {
        const res = await app.inject({ method, url });
        expect(res.statusCode).toBe(status);
        expect(ApiErrorResponseSchema.parse(res.json()).error.code).toBe(code);
      }
    });

    it('push: structurally hostile ops are rejected one by one, never a 500, and change nothing', async () => {
      const before = await dbFingerprint(db);
      const s = stampAt(T0, 'd');
      const hostile = [
        { opId: 'nul-id', deviceId: 'd', deviceSeq: 1, table: 'people', id: 'a\u0000b', fields: { name: { value: 'x', stamp: s } } },
        { opId: 'nul-value', deviceId: 'd', deviceSeq: 2, table: 'people', id: 'p', fields: { name: { value: 'x\u0000', stamp: s } } },
        { opId: 'nul-key', deviceId: 'd', deviceSeq: 3, table: 'people', id: 'p', fields: { name: { value: { 'k\u0000': 1 }, stamp: s } } },
        { opId: 'big-seq', deviceId: 'd', deviceSeq: 1e300, table: 'people', id: 'p', fields: { name: { value: 'x', stamp: s } } },
        { opId: 'long-table', deviceId: 'd', deviceSeq: 4, table: 't'.repeat(5000), id: 'p', fields: { name: { value: 'x', stamp: s } } },
        { opId: 'sql-table', deviceId: 'd', deviceSeq: 5, table: "people'; DROP TABLE records; --", id: 'p', fields: { name: { value: 'x', stamp: s } } },
        { opId: 'meta', deviceId: 'd', deviceSeq: 6, table: 'people', id: 'p', fields: { stamps: { value: {}, stamp: s } } },
        { opId: 'fields-array', deviceId: 'd', deviceSeq: 7, table: 'people', id: 'p', fields: [1, 2] },
        { opId: 'surrogate', deviceId: 'd', deviceSeq: 8, table: 'people', id: 'p', fields: { name: { value: '\ud800', stamp: s } } },
      ];
      const res = await app.inject({ method: 'POST', url: '/v1/sync/push', headers: bearer(token), payload: { ops: hostile } });
      expect(res.statusCode).toBe(200);
      const body = res.json() as { applied: string[]; rejected: { opId: string; code: string }[] };
      expect(body.applied).toEqual([]);
      expect(body.rejected.map((r) => r.opId)).toEqual(hostile.map((h) => h.opId));
      expect(await dbFingerprint(db)).toBe(before);
    });

    it('push: a value nested far too deep is refused, never a 500', async () => {
      const before = await dbFingerprint(db);
      const res = await app.inject({ method: 'POST', url: '/v1/sync/push', headers: { ...bearer(token), ...json }, payload: deeplyNested(10_000) });
      expect(res.statusCode).toBeLessThan(500);
      if (res.statusCode === 200) expect((res.json() as { rejected: unknown[] }).rejected).toHaveLength(1);
      expect(await dbFingerprint(db)).toBe(before);
    });

    it('push: too many ops in one batch is a 400', async () => {
      const before = await dbFingerprint(db);
      const ops = Array.from({ length: 501 }, (_, i) => ({ opId: `o${i}` }));
      const res = await app.inject({ method: 'POST', url: '/v1/sync/push', headers: bearer(token), payload: { ops } });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.message).toMatch(/at most 500/);
      expect(await dbFingerprint(db)).toBe(before);
    });

    it('pull: a limit out of range or a giant cursor is a 400', async () => {
      for (const payload of [{ limit: 0 }, { limit: 1e9 }, { limit: 2.5 }, { cursor: 'v1.' + 'f'.repeat(500) + '.1' }]) {
        const res = await app.inject({ method: 'POST', url: '/v1/sync/pull', headers: bearer(token), payload });
        expect(res.statusCode, JSON.stringify(payload)).toBe(400);
        expect(res.json().error.code).toBe('invalid_request');
      }
    });

    it('sign-in: an absurd email or password is a 400, and does not count as an attempt', async () => {
      const before = await dbFingerprint(db);
      for (const payload of [{ email: 'not-an-email', password: 'x' }, { email: 'a\u0000@b.gov', password: 'x' }, { email: 'a@b.gov', password: 'x'.repeat(2000) }, { email: 'a@b.gov' }]) {
        const res = await app.inject({ method: 'POST', url: '/v1/auth/sign-in', payload });
        expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      }
      expect(await dbFingerprint(db)).toBe(before);
    });
  });
}
