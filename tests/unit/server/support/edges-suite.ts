import { connect } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { setDisabled } from '../../../../server/auth/users';
import { checkRecords } from '../../../../server/cli/check-records';
import type { Db } from '../../../../server/db/db';
import { migrate } from '../../../../server/db/migrations';
import { purgeTombstones } from '../../../../server/sync/tombstones';
import { ApiErrorResponseSchema, PullResponseSchema } from '../../../../shared/sync/protocol';
import { UPGRADE_MESSAGE } from '../../../../shared/sync/version';
import { addUser, bearer, dbFingerprint, makeApp, op, openTables, PASSWORD, pull, pullAll, push, resetDb, resetSeqs, resetSyncData, signIn, T0, testClock } from './harness';

/** Any role, any field: these tests are about the edges, not the rules (which have their own suites). */
const OPEN_RULE = { roles: 'any', summary: 'test: open' } as const;

const DAY = 24 * 3600_000;

/** Raw bytes to a listening server, the whole answer back (the server closes the connection). */
function rawRequest(port: number, bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (d) => (answer += d));
    socket.on('error', (e) => (answer ? resolve(answer) : reject(e)));
    socket.on('close', () => resolve(answer));
    socket.write(bytes);
  });
}

function parseRaw(answer: string): { status: number; headers: Record<string, string>; body: unknown } {
  const [head = '', body = ''] = answer.split('\r\n\r\n');
  const [statusLine = '', ...lines] = head.split('\r\n');
  const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
  return { status: Number(statusLine.split(' ')[1]), headers, body: JSON.parse(body) };
}

/**
 * The server's edges (issue 19's "Also" list, held-back records and version
 * handling), against every storage engine.
 */
export function describeServerEdges(label: string, getDb: () => Promise<Db>): void {
  describe(`server edges on ${label}`, () => {
    let db: Db;
    let clock: ReturnType<typeof testClock>;
    let app: FastifyInstance;
    let tech: string;

    beforeAll(async () => {
      db = await getDb();
      await migrate(db);
      await resetDb(db);
      clock = testClock();
      app = makeApp(db, clock);
      await addUser(db, 'tech@agency.gov', 'technician');
      await addUser(db, 'off@agency.gov', 'technician');
      tech = await signIn(app, 'tech@agency.gov', PASSWORD, '10.0.0.1', 'dev-a');
    });
    beforeEach(async () => {
      await resetSyncData(db);
      resetSeqs();
      clock = testClock();
      app = makeApp(db, clock, { tables: openTables({ people: 'lww', tickets: 'lww' }) });
    });

    describe('tombstone horizon', () => {
      it('a device that completed a full resync after a purge is not sent to resync again', async () => {
        await push(app, tech, [op('dev-a', 'people', 'p1', { name: 'Ada' }), op('dev-a', 'people', 'p2', { name: 'Bob' })]);
        const early = (await pullAll(app, tech)).cursor;
        // The delete is the newest change, so the purge moves the horizon past every record still stored.
        await push(app, tech, [op('dev-a', 'people', 'p1', { deleted: 1 }, T0 + 1)]);
        expect((await purgeTombstones(db, T0 + 200 * DAY, 180 * DAY)).purged).toBe(1);
        expect((await pull(app, tech, early)).body).toMatchObject({ status: 'resync', reason: 'horizon' });

        const full = await pullAll(app, tech);
        expect(full.records.map((r) => r.id)).toEqual(['p2']);
        for (let i = 0; i < 3; i++) {
          const next = await pull(app, tech, full.cursor);
          expect(next.body.status).toBe('page');
          expect(next.body.records).toEqual([]);
        }
        // And the device goes on receiving changes from there.
        await push(app, tech, [op('dev-a', 'people', 'p3', { name: 'Cy' }, T0 + 2)]);
        expect((await pullAll(app, tech, full.cursor)).records.map((r) => r.id)).toEqual(['p3']);
      });

      it('a full resync in many pages runs to its end even when its early pages are below the horizon', async () => {
        const ops = Array.from({ length: 6 }, (_, i) => op('dev-a', 'people', `p${i}`, { name: `P${i}` }));
        await push(app, tech, ops);
        await push(app, tech, [op('dev-a', 'people', 'p5', { deleted: 1 }, T0 + 1)]);
        await push(app, tech, [op('dev-a', 'people', 'p4', { deleted: 1 }, T0 + 2)]);
        expect(await purgeTombstones(db, T0 + 200 * DAY, 180 * DAY)).toEqual({ purged: 2, horizon: 8 });

        const seen: string[] = [];
        let page = await pull(app, tech, undefined, 2);
        for (;;) {
          expect(page.body.status).toBe('page');
          seen.push(...page.body.records.map((r) => r.id));
          if (!page.body.hasMore) break;
          page = await pull(app, tech, page.body.cursor, 2);
        }
        expect(seen).toEqual(['p0', 'p1', 'p2', 'p3']);
        expect((await pull(app, tech, page.body.cursor)).body.status).toBe('page');
      });

      it('a purge that moves the horizon past a pull from the start while it is paging sends it to start again, and the new pull runs to its end', async () => {
        await push(app, tech, Array.from({ length: 6 }, (_, i) => op('dev-a', 'people', `p${i}`, { name: `P${i}` })));
        await push(app, tech, [op('dev-a', 'people', 'p5', { deleted: 1 }, T0 + 1)]);
        const first = await pull(app, tech, undefined, 2);
        expect(first.body).toMatchObject({ status: 'page', hasMore: true });
        expect((await purgeTombstones(db, T0 + 200 * DAY, 180 * DAY)).purged).toBe(1);
        expect((await pull(app, tech, first.body.cursor, 2)).body).toMatchObject({ status: 'resync', reason: 'horizon' });
        const again = await pullAll(app, tech, undefined, 2);
        expect(again.records.map((r) => r.id)).toEqual(['p0', 'p1', 'p2', 'p3', 'p4']);
        expect((await pull(app, tech, again.cursor)).body.status).toBe('page');
      });

      it('an ordinary cursor that falls below the horizon mid-way is still sent to resync', async () => {
        await push(app, tech, Array.from({ length: 4 }, (_, i) => op('dev-a', 'people', `p${i}`, { name: `P${i}` })));
        const synced = (await pullAll(app, tech)).cursor;
        await push(app, tech, [op('dev-a', 'people', 'p9', { name: 'New' }, T0 + 1)]);
        await push(app, tech, [op('dev-a', 'people', 'p0', { deleted: 1 }, T0 + 1)]);
        const first = await pull(app, tech, synced, 1);
        expect(first.body).toMatchObject({ status: 'page', hasMore: true });
        expect(first.body.cursor).not.toMatch(/full/);
        expect((await purgeTombstones(db, T0 + 200 * DAY, 180 * DAY)).purged).toBe(1);
        expect((await pull(app, tech, first.body.cursor, 1)).body).toMatchObject({ status: 'resync', reason: 'horizon' });
      });
    });

    describe('media types and empty pushes', () => {
      const routes = ['/v1/auth/sign-in', '/v1/auth/sign-out', '/v1/sync/push', '/v1/sync/pull'];
      const bodies: [string, Record<string, string>, string][] = [
        ['text/plain', { 'content-type': 'text/plain' }, '{"ops":[]}'],
        ['a form', { 'content-type': 'application/x-www-form-urlencoded' }, 'ops=1'],
        ['multipart', { 'content-type': 'multipart/form-data; boundary=x' }, '--x--'],
        ['XML', { 'content-type': 'application/xml' }, '<ops/>'],
        ['no content type', {}, '{"ops":[]}'],
      ];
      for (const url of routes) {
        for (const [what, headers, payload] of bodies) {
          it(`POST ${url} with ${what} -> 415 unsupported_media_type, nothing changed`, async () => {
            const before = await dbFingerprint(db);
            const res = await app.inject({ method: 'POST', url, headers: { ...bearer(tech), ...headers }, payload });
            expect(res.statusCode, res.body).toBe(415);
            expect(ApiErrorResponseSchema.parse(res.json())).toMatchObject({ error: { code: 'unsupported_media_type' }, serverTime: T0 });
            expect(res.headers['x-server-time']).toBe(String(T0));
            expect(await dbFingerprint(db)).toBe(before);
          });
        }
      }

      it('accepts JSON with a charset', async () => {
        const res = await app.inject({ method: 'POST', url: '/v1/sync/pull', headers: { ...bearer(tech), 'content-type': 'application/json; charset=utf-8' }, payload: '{}' });
        expect(res.statusCode).toBe(200);
      });

      it('refuses ops: [] with 400 invalid_request, as the protocol says (at least 1)', async () => {
        const before = await dbFingerprint(db);
        const res = await app.inject({ method: 'POST', url: '/v1/sync/push', headers: bearer(tech), payload: { ops: [] } });
        expect(res.statusCode).toBe(400);
        expect(ApiErrorResponseSchema.parse(res.json()).error).toMatchObject({ code: 'invalid_request', message: expect.stringMatching(/at least one op/) });
        expect(await dbFingerprint(db)).toBe(before);
      });
    });

    describe('HTTP-level errors in the protocol format', () => {
      it('wrong method -> 405 with Allow; unknown route -> 404; undecodable address -> 400', async () => {
        const cases: [string, string, number, string][] = [
          ['GET', '/v1/sync/push', 405, 'method_not_allowed'],
          ['DELETE', '/v1/auth/me', 405, 'method_not_allowed'],
          ['PUT', '/health', 405, 'method_not_allowed'],
          ['POST', '/v2/sync/push', 404, 'not_found'],
          ['GET', '/../../etc/passwd', 404, 'not_found'],
          ['GET', '/v1/%zz', 400, 'invalid_request'],
        ];
        for (const [method, url, status, code] of cases) {
          const res = await app.inject({ method: method as 'GET', url });
          expect(res.statusCode, `${method} ${url}`).toBe(status);
          expect(ApiErrorResponseSchema.parse(res.json())).toMatchObject({ error: { code }, serverTime: T0 });
          expect(res.headers['x-server-time']).toBe(String(T0));
        }
        expect((await app.inject({ method: 'GET', url: '/v1/sync/pull' })).headers.allow).toBe('POST');
        expect((await app.inject({ method: 'POST', url: '/v1/auth/me' })).headers.allow).toBe('GET, HEAD');
      });

      it('bad headers and too-large headers, refused by the HTTP parser, answer in the protocol format with X-Server-Time', async () => {
        await app.listen({ port: 0, host: '127.0.0.1' });
        try {
          const port = (app.server.address() as { port: number }).port;
          const bad = parseRaw(await rawRequest(port, 'GET /health HTTP/1.1\r\nHost: x\r\nBad Header Name: 1\r\n\r\n'));
          expect(bad.status).toBe(400);
          expect(ApiErrorResponseSchema.parse(bad.body)).toMatchObject({ error: { code: 'invalid_request' }, serverTime: T0 });
          expect(bad.headers['x-server-time']).toBe(String(T0));
          expect(bad.headers['content-type']).toMatch(/application\/json/);

          const huge = parseRaw(await rawRequest(port, `GET /health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(40_000)}\r\n\r\n`));
          expect(huge.status).toBe(431);
          expect(ApiErrorResponseSchema.parse(huge.body)).toMatchObject({ error: { code: 'headers_too_large' }, serverTime: T0 });
          expect(huge.headers['x-server-time']).toBe(String(T0));

          const garbage = parseRaw(await rawRequest(port, 'HELLO\r\n\r\n'));
          expect(garbage.status).toBe(400);
          expect(ApiErrorResponseSchema.parse(garbage.body).error.code).toBe('invalid_request');
        } finally {
          await app.close();
        }
      });
    });

    it('a request that arrives while the server shuts down gets 503 unavailable in the protocol format', async () => {
      let release!: () => void;
      let held!: () => void;
      const inFlight = new Promise<void>((r) => (held = r));
      app = makeApp(db, clock, {
        beforePushCommit: () =>
          new Promise<void>((r) => {
            release = r;
            held();
          }),
      });
      await app.listen({ port: 0, host: '127.0.0.1' });
      const port = (app.server.address() as { port: number }).port;
      const socket = connect(port, '127.0.0.1');
      let text = '';
      socket.setEncoding('utf8');
      socket.on('data', (d) => (text += d));
      const ended = new Promise<void>((r) => socket.on('close', () => r()));
      const request = (url: string, body: string) =>
        socket.write(`POST ${url} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${tech}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
      // A push held just before its commit keeps the instance closing, not closed; a pull comes in meanwhile.
      request('/v1/sync/push', JSON.stringify({ ops: [op('dev-a', 'people', 'p1', { name: 'Ada' })] }));
      await inFlight;
      const closed = app.close();
      await new Promise((r) => setTimeout(r, 50));
      request('/v1/sync/pull', '{}');
      await new Promise((r) => setTimeout(r, 50));
      release();
      await closed;
      await ended;
      const [first = '', second = ''] = text.split(/(?=HTTP\/1\.1 )/);
      expect(first).toMatch(/^HTTP\/1\.1 200/);
      const refused = parseRaw(second);
      expect(refused.status).toBe(503);
      expect(ApiErrorResponseSchema.parse(refused.body)).toMatchObject({ error: { code: 'unavailable', message: expect.stringMatching(/shutting down/) }, serverTime: T0 });
      expect(refused.headers['x-server-time']).toBe(String(T0));
    });

    describe('sign-in', () => {
      it('a disabled account gets the same answer for the right and a wrong password', async () => {
        const row = await db.query<{ id: string }>("SELECT id FROM users WHERE email = 'off@agency.gov'");
        await setDisabled(db, row.rows[0]!.id, true, T0);
        const attempt = (password: string, remoteAddress: string) => app.inject({ method: 'POST', url: '/v1/auth/sign-in', payload: { email: 'off@agency.gov', password }, remoteAddress });
        const right = await attempt(PASSWORD, '10.1.0.1');
        const wrong = await attempt('not the password', '10.1.0.2');
        const unknown = await app.inject({ method: 'POST', url: '/v1/auth/sign-in', payload: { email: 'nobody@agency.gov', password: PASSWORD }, remoteAddress: '10.1.0.3' });
        expect([right.statusCode, wrong.statusCode, unknown.statusCode]).toEqual([401, 401, 401]);
        expect(right.json().error).toEqual(wrong.json().error);
        expect(right.json().error).toEqual(unknown.json().error);
        expect(right.json().error.message).toMatch(/disabled/);
      });

      it('limits wrong passwords per account across addresses: 429 with Retry-After, even for the right password from a new address', async () => {
        const limits = { perAccount: { max: 5, windowMs: 15 * 60_000 }, perIp: { max: 100, windowMs: 15 * 60_000 }, perUser: { max: 3, windowMs: 15 * 60_000 } };
        const logged: [string, unknown, string][] = [];
        const logger = {
          level: 'info',
          info: (o: unknown, m: string) => logged.push(['info', o, m]),
          warn: (o: unknown, m: string) => logged.push(['warn', o, m]),
          error() {},
          debug() {},
          fatal() {},
          trace() {},
          silent() {},
          child() {
            return this;
          },
        };
        app = makeApp(db, clock, { signInLimits: limits, logger: logger as never });
        const attempt = (password: string, remoteAddress: string) => app.inject({ method: 'POST', url: '/v1/auth/sign-in', payload: { email: 'tech@agency.gov', password }, remoteAddress });
        // Successful sign-ins do not use the budget.
        for (let i = 0; i < 4; i++) expect((await attempt(PASSWORD, `10.2.0.${i}`)).statusCode).toBe(200);
        for (let i = 0; i < 3; i++) expect((await attempt('wrong-password', `10.3.0.${i}`)).statusCode).toBe(401);
        const limited = await attempt(PASSWORD, '10.4.0.1');
        expect(limited.statusCode).toBe(429);
        expect(ApiErrorResponseSchema.parse(limited.json()).error.code).toBe('rate_limited');
        expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
        expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(15 * 60);
        // The administrator can see why: each refusal and the lockout are logged.
        const refusals = logged.filter(([, , m]) => m === 'sign-in refused');
        expect(refusals).toHaveLength(3);
        expect(refusals[0]![1]).toMatchObject({ email: 'tech@agency.gov', ip: '10.3.0.0', why: 'wrong password' });
        expect(logged.find(([level, , m]) => level === 'warn' && m === 'sign-in attempts over the limit')?.[1]).toMatchObject({ email: 'tech@agency.gov', ip: '10.4.0.1' });
        // Another account is not affected; after the window the account signs in again.
        expect((await app.inject({ method: 'POST', url: '/v1/auth/sign-in', payload: { email: 'off@agency.gov', password: PASSWORD }, remoteAddress: '10.4.0.1' })).statusCode).toBe(200);
        clock.advance(16 * 60_000);
        expect((await attempt(PASSWORD, '10.4.0.1')).statusCode).toBe(200);
      });

      it('limits per account from every address by default (20 per 15 minutes)', async () => {
        const attempt = (i: number) => app.inject({ method: 'POST', url: '/v1/auth/sign-in', payload: { email: 'ghost@agency.gov', password: 'wrong-password' }, remoteAddress: `10.5.${i >> 8}.${i & 255}` });
        for (let i = 0; i < 20; i++) expect((await attempt(i)).statusCode).toBe(401);
        expect((await attempt(21)).statusCode).toBe(429);
      });
    });

    describe('one opId twice in a batch', () => {
      it('the same op twice is applied once and listed once', async () => {
        const a = op('dev-a', 'people', 'p1', { name: 'Ada' });
        const res = await push(app, tech, [a, a, { ...a }]);
        expect(res.body).toMatchObject({ applied: [a.opId], rejected: [] });
        const { records } = await pullAll(app, tech);
        expect(records).toEqual([expect.objectContaining({ id: 'p1', fields: { name: 'Ada' }, seq: 1 })]);
        const stored = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM applied_ops WHERE op_id = 'dev-a-op-1'");
        expect(Number(stored.rows[0]!.n)).toBe(1);
      });

      it('one opId naming two different ops (deviceSeq, table or id) is rejected as invalid_op, listed once, and nothing of it is applied', async () => {
        const good = op('dev-a', 'people', 'p0', { name: 'Kept' });
        const a = op('dev-a', 'people', 'p1', { name: 'Ada' });
        const variants = [
          { ...a, deviceSeq: a.deviceSeq + 100 },
          { ...a, table: 'tickets' },
          { ...a, id: 'p2' },
        ];
        for (const other of variants) {
          const before = await dbFingerprint(db);
          const res = await push(app, tech, [a, other]);
          expect(res.body.applied).toEqual([]);
          expect(res.body.rejected).toEqual([{ opId: a.opId, code: 'invalid_op', message: expect.stringMatching(/two different ops/) }]);
          expect(await dbFingerprint(db)).toBe(before);
        }
        const mixed = await push(app, tech, [good, a, variants[0]]);
        expect(mixed.body.applied).toEqual([good.opId]);
        expect(mixed.body.rejected.map((r) => r.opId)).toEqual([a.opId]);
      });
    });

    describe('versions', () => {
      const v1 = ['/v1/auth/sign-in', '/v1/sync/push', '/v1/sync/pull'];

      it('a client older than the minimum app version gets 426 upgrade_required with the update message, and nothing changes', async () => {
        app = makeApp(db, clock, { minAppVersion: '0.2.0' });
        for (const url of v1) {
          for (const headers of [{ 'x-fielddesk-version': '0.1.9', 'x-fielddesk-protocol': '1' }, { 'x-fielddesk-version': '0.2.0-beta.1' }, {}]) {
            const before = await dbFingerprint(db);
            const res = await app.inject({ method: 'POST', url, headers: { ...bearer(tech), ...headers }, payload: { ops: [op('dev-a', 'people', 'p1', { name: 'x' })], email: 'tech@agency.gov', password: PASSWORD } });
            expect(res.statusCode, `${url} ${JSON.stringify(headers)}`).toBe(426);
            expect(ApiErrorResponseSchema.parse(res.json()).error).toEqual({ code: 'upgrade_required', message: UPGRADE_MESSAGE });
            expect(await dbFingerprint(db)).toBe(before);
          }
        }
        const me = await app.inject({ method: 'GET', url: '/v1/auth/me', headers: { ...bearer(tech), 'x-fielddesk-version': '0.1.0' } });
        expect(me.statusCode).toBe(426);
        // Health stays open so a client can still learn the server's protocol.
        expect((await app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
        for (const version of ['0.2.0', '0.10.0', '1.0.0']) {
          const ok = await app.inject({ method: 'POST', url: '/v1/sync/pull', headers: { ...bearer(tech), 'x-fielddesk-version': version, 'x-fielddesk-protocol': '1' }, payload: {} });
          expect(ok.statusCode, version).toBe(200);
        }
      });

      it('a protocol below the server minimum is 426; malformed version headers are 400; no headers and no minimum is fine', async () => {
        const res = await app.inject({ method: 'POST', url: '/v1/sync/pull', headers: { ...bearer(tech), 'x-fielddesk-protocol': '0' }, payload: {} });
        expect(res.statusCode).toBe(400); // 0 is not a protocol version at all
        const old = makeApp(db, clock, { minProtocol: 2 });
        const r1 = await old.inject({ method: 'POST', url: '/v1/sync/pull', headers: { ...bearer(tech), 'x-fielddesk-protocol': '1' }, payload: {} });
        expect(r1.statusCode).toBe(426);
        expect(r1.json().error.message).toBe(UPGRADE_MESSAGE);
        for (const headers of [{ 'x-fielddesk-protocol': 'one' }, { 'x-fielddesk-version': 'latest' }, { 'x-fielddesk-version': '1.2' }]) {
          const bad = await app.inject({ method: 'POST', url: '/v1/sync/pull', headers: { ...bearer(tech), ...headers }, payload: {} });
          expect(bad.statusCode, JSON.stringify(headers)).toBe(400);
          expect(ApiErrorResponseSchema.parse(bad.json()).error.code).toBe('invalid_request');
        }
        expect((await app.inject({ method: 'POST', url: '/v1/sync/pull', headers: bearer(tech), payload: {} })).statusCode).toBe(200);
        expect((await app.inject({ method: 'POST', url: '/v1/sync/pull', headers: { ...bearer(tech), 'x-fielddesk-protocol': '7', 'x-fielddesk-version': '9.0.0' }, payload: {} })).statusCode).toBe(200);
      });

      it('lets the browser send the version headers cross-origin (preflight)', async () => {
        const res = await app.inject({ method: 'OPTIONS', url: '/v1/sync/push', headers: { origin: 'app://fielddesk', 'access-control-request-method': 'POST', 'access-control-request-headers': 'x-fielddesk-protocol' } });
        expect(res.statusCode).toBe(204);
        expect(res.headers['access-control-allow-headers']).toMatch(/x-fielddesk-protocol/);
        expect(res.headers['access-control-allow-headers']).toMatch(/x-fielddesk-version/);
      });

      it('keeps fields it does not know: a newer app’s field passes through to every device', async () => {
        const schema = z.looseObject({ id: z.string(), name: z.string() });
        app = makeApp(db, clock, { tables: { people: { merge: 'lww', schema, rule: OPEN_RULE } } as never });
        const a = op('dev-a', 'people', 'p1', { name: 'Ada', pronouns: 'she/her', deleted: 0 });
        expect((await push(app, tech, [a])).body.applied).toEqual([a.opId]);
        const page = await pull(app, tech);
        expect(page.body.records[0]!.fields).toEqual({ name: 'Ada', pronouns: 'she/her', deleted: 0 });
      });
    });

    describe('stored records that fail their schema', () => {
      const schema = z.looseObject({ id: z.string(), name: z.string().max(20), deleted: z.union([z.literal(0), z.literal(1)]).optional() });

      it('are held back by pull, counted in heldBack, logged, and sent once a valid write fixes them', async () => {
        // Stored before the rules refused them: pushed through a server whose table had no schema.
        await push(app, tech, [
          op('dev-a', 'people', 'p1', { name: 'Ada' }),
          op('dev-a', 'people', 'p2', { name: { first: 'Bob' } }),
          op('dev-a', 'people', 'p3', { nickname: 'no name' }),
          op('dev-a', 'people', 'p4', { name: 'Cy' }),
        ]);
        const logged: unknown[] = [];
        const logger = { level: 'warn', info() {}, error() {}, debug() {}, fatal() {}, trace() {}, silent() {}, warn: (o: unknown) => logged.push(o), child() { return this; } };
        app = makeApp(db, clock, { tables: { people: { merge: 'lww', schema, rule: OPEN_RULE } } as never, logger: logger as never });
        const first = await pull(app, tech);
        expect(PullResponseSchema.parse(first.body)).toMatchObject({ status: 'page', heldBack: 2, hasMore: false });
        expect(first.body.records.map((r) => r.id)).toEqual(['p1', 'p4']);
        expect(logged).toEqual([
          expect.objectContaining({ table: 'people', id: 'p2', problems: [expect.objectContaining({ field: 'name' })] }),
          expect.objectContaining({ table: 'people', id: 'p3', problems: [expect.objectContaining({ field: 'name' })] }),
        ]);
        // A page whose every record is held back still moves the cursor on.
        const paged = await pull(app, tech, undefined, 1);
        const second = await pull(app, tech, paged.body.cursor, 1);
        expect(second.body).toMatchObject({ status: 'page', records: [], heldBack: 1, hasMore: true });
        // Fixed by a valid write: sent like any change.
        const fix = op('dev-a', 'people', 'p2', { name: 'Bob' }, T0 + 1);
        await push(app, tech, [fix]);
        const next = await pull(app, tech, first.body.cursor);
        expect(next.body).toMatchObject({ heldBack: 0, records: [expect.objectContaining({ id: 'p2', fields: { name: 'Bob' } })] });
      });

      it('check-records lists each failing record with table, id, field and reason, and exits 1; 0 once they are fixed', async () => {
        await push(app, tech, [
          op('dev-a', 'people', 'p1', { name: 'Ada' }),
          op('dev-a', 'people', 'p2', { name: { first: 'Bob' } }),
          op('dev-a', 'people', 'p3', { name: 'x'.repeat(30), extra: 1 }),
          op('dev-a', 'tickets', 't1', { title: { odd: true } }),
        ]);
        const out: string[] = [];
        const err: string[] = [];
        const io = { out: (l: string) => out.push(l), err: (l: string) => err.push(l) };
        const tables = { people: { merge: 'lww' as const, schema, rule: OPEN_RULE }, tickets: { merge: 'lww' as const, rule: OPEN_RULE } };
        expect(await checkRecords(db, tables, io, { batch: 2 })).toBe(1);
        expect(out[0]).toBe('table\tid\tfield\treason');
        expect(out.slice(1).map((l) => l.split('\t').slice(0, 3))).toEqual([
          ['people', 'p2', 'name'],
          ['people', 'p3', 'name'],
        ]);
        expect(out[1]).toMatch(/expected string/);
        expect(err.join('\n')).toMatch(/3 records checked in 1 tables; 2 fail their schema \(people: 2\)/);
        expect(err.join('\n')).toMatch(/Not checked \(no schema\): tickets/);

        await push(app, tech, [op('dev-a', 'people', 'p2', { name: 'Bob' }, T0 + 1), op('dev-a', 'people', 'p3', { name: 'Short' }, T0 + 1)]);
        out.length = 0;
        err.length = 0;
        expect(await checkRecords(db, tables, io)).toBe(0);
        expect(out).toEqual(['table\tid\tfield\treason']);
        expect(err[0]).toMatch(/3 records checked in 1 tables; 0 fail/);
      });

      it('tables without a schema are sent as they are', async () => {
        await push(app, tech, [op('dev-a', 'tickets', 't1', { title: { odd: true } })]);
        app = makeApp(db, clock, { tables: { people: { merge: 'lww', schema, rule: OPEN_RULE }, tickets: { merge: 'lww', rule: OPEN_RULE } } as never });
        const page = await pull(app, tech);
        expect(page.body).toMatchObject({ heldBack: 0, records: [expect.objectContaining({ id: 't1' })] });
      });
    });
  });
}
