import type { FastifyInstance } from 'fastify';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../../../server/db/db';
import { migrate } from '../../../../server/db/migrations';
import { setDisabled } from '../../../../server/auth/users';
import { purgeTombstones } from '../../../../server/sync/tombstones';
import { ApiErrorResponseSchema, CONFLICTS_TABLE, PullResponseSchema, PushResponseSchema, SignInResponseSchema } from '../../../../shared/sync/protocol';
import { addUser, bearer, makeApp, op, openTables, PASSWORD, pull, pullAll, push, resetDb, resetSeqs, resetSyncData, signIn, stampAt, T0, testClock } from './harness';

const DAY = 24 * 3600_000;

/**
 * Route behaviour, run against every storage engine: PGlite in the unit run,
 * a real PostgreSQL in the integration run.
 */
export function describeServerRoutes(label: string, getDb: () => Promise<Db>): void {
  describe(`sync server routes on ${label}`, () => {
    let db: Db;
    let clock: ReturnType<typeof testClock>;
    let app: FastifyInstance;
    let tech: string;
    let coord: string;

    // Accounts and tokens are made once (scrypt is slow on purpose); each test
    // then starts from empty sync data with those accounts restored.
    beforeAll(async () => {
      db = await getDb();
      await migrate(db);
      await resetDb(db);
      clock = testClock();
      app = makeApp(db, clock);
      await addUser(db, 'tech@agency.gov', 'technician');
      await addUser(db, 'coord@agency.gov', 'coordinator');
      // Each session is bound to its device: the technician pushes as dev-a, the coordinator as dev-b.
      tech = await signIn(app, 'tech@agency.gov', PASSWORD, '10.0.0.1', 'dev-a');
      coord = await signIn(app, 'coord@agency.gov', PASSWORD, '10.0.0.1', 'dev-b');
    });
    beforeEach(async () => {
      await resetSyncData(db);
      resetSeqs();
      clock = testClock();
      // These tests are about the sync mechanics, so the tables are open to every role and any fields (the rules and schemas have their own tests).
      app = makeApp(db, clock, { tables: openTables({ people: 'lww', worklog: 'append', tickets: 'lww' }) });
    });

    describe('health and auth', () => {
      it('reports health with server time in body and header', async () => {
        const res = await app.inject({ method: 'GET', url: '/health' });
        expect(res.statusCode).toBe(200);
        expect(res.json()).toEqual({ status: 'ok', protocol: 1, serverTime: T0 });
        expect(res.headers['x-server-time']).toBe(String(T0));
      });

      it('signs in, answers /me, and signs out for good', async () => {
        const res = await app.inject({ method: 'POST', url: '/v1/auth/sign-in', payload: { email: ' Tech@Agency.gov ', password: 'correct horse battery staple' } });
        const body = SignInResponseSchema.parse(res.json());
        expect(body.user).toMatchObject({ email: 'tech@agency.gov', role: 'technician' });
        expect(body.expiresAt).toBeGreaterThan(T0);
        const me = await app.inject({ method: 'GET', url: '/v1/auth/me', headers: bearer(body.token) });
        expect(me.json()).toMatchObject({ user: { email: 'tech@agency.gov' } });
        expect((await app.inject({ method: 'POST', url: '/v1/auth/sign-out', headers: bearer(body.token), payload: {} })).statusCode).toBe(200);
        const after = await app.inject({ method: 'GET', url: '/v1/auth/me', headers: bearer(body.token) });
        expect(after.statusCode).toBe(401);
        expect(ApiErrorResponseSchema.parse(after.json()).error.code).toBe('unauthorized');
      });

      it('gives the same answer for an unknown account and a wrong password', async () => {
        const a = await app.inject({ method: 'POST', url: '/v1/auth/sign-in', payload: { email: 'nobody@agency.gov', password: 'whatever12' } });
        const b = await app.inject({ method: 'POST', url: '/v1/auth/sign-in', payload: { email: 'tech@agency.gov', password: 'whatever12' } });
        expect([a.statusCode, b.statusCode]).toEqual([401, 401]);
        expect(a.json().error).toEqual(b.json().error);
      });

      it('refuses expired sessions and sessions of a disabled user', async () => {
        clock.advance(31 * DAY);
        expect((await pull(app, tech)).status).toBe(401);
        clock.set(T0);
        expect((await pull(app, coord)).status).toBe(200);
        const row = await db.query<{ id: string }>("SELECT id FROM users WHERE email = 'coord@agency.gov'");
        await setDisabled(db, row.rows[0]!.id, true, T0);
        expect((await pull(app, coord)).status).toBe(401);
        const again = await app.inject({ method: 'POST', url: '/v1/auth/sign-in', payload: { email: 'coord@agency.gov', password: 'correct horse battery staple' } });
        expect(again.statusCode).toBe(401);
      });

      it('rate-limits sign-in per IP and account, even with the right password, until the window passes', async () => {
        const attempt = (password: string, remoteAddress = '10.9.9.9') =>
          app.inject({ method: 'POST', url: '/v1/auth/sign-in', payload: { email: 'tech@agency.gov', password }, remoteAddress });
        for (let i = 0; i < 5; i++) expect((await attempt('wrong-password')).statusCode).toBe(401);
        const limited = await attempt('correct horse battery staple');
        expect(limited.statusCode).toBe(429);
        expect(limited.json().error.code).toBe('rate_limited');
        expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
        // Another address is not punished for this one's guesses.
        expect((await attempt('correct horse battery staple', '10.9.9.10')).statusCode).toBe(200);
        clock.advance(16 * 60_000);
        expect((await attempt('correct horse battery staple')).statusCode).toBe(200);
      });
    });

    describe('push and pull', () => {
      it('applies a batch, and pull returns full field and stamp state with a new cursor', async () => {
        const a = op('dev-a', 'people', 'p1', { name: 'Ada', site: 'North' });
        const res = await push(app, tech, [a]);
        expect(res.status).toBe(200);
        expect(PushResponseSchema.parse(res.body)).toEqual({ applied: [a.opId], rejected: [], clamped: [], serverTime: T0 });
        const page = await pull(app, coord);
        const parsed = PullResponseSchema.parse(page.body);
        expect(parsed.status).toBe('page');
        expect(page.body.records).toEqual([
          { table: 'people', id: 'p1', fields: { name: 'Ada', site: 'North' }, stamps: { name: stampAt(T0, 'dev-a'), site: stampAt(T0, 'dev-a') }, seq: 1 },
        ]);
        const next = await pull(app, coord, page.body.cursor);
        expect(next.body.records).toEqual([]);
        expect(next.body.cursor).toBe(page.body.cursor);
      });

      it('is idempotent by (deviceId, deviceSeq): a re-sent op is acknowledged and not applied again', async () => {
        const a = op('dev-a', 'people', 'p1', { name: 'Ada' });
        await push(app, tech, [a]);
        const { cursor } = await pullAll(app, coord);
        const again = await push(app, tech, [a, a]);
        expect(again.body.applied).toEqual([a.opId]);
        expect((await pull(app, coord, cursor)).body.records).toEqual([]);
      });

      it('refuses a reused deviceSeq carrying a different op instead of silently dropping it', async () => {
        const a = op('dev-a', 'people', 'p1', { name: 'Ada' });
        await push(app, tech, [a]);
        const impostor = { ...a, opId: 'other-op', fields: { name: { value: 'Mallory', stamp: stampAt(T0 + 1, 'dev-a') } } };
        const res = await push(app, tech, [impostor]);
        expect(res.body.rejected).toEqual([expect.objectContaining({ opId: 'other-op', code: 'seq_reused' })]);
        expect((await pullAll(app, coord)).records[0]!.fields.name).toBe('Ada');
      });

      it('merges field by field: different fields both survive, same field goes to the newer stamp', async () => {
        await push(app, tech, [op('dev-a', 'tickets', 't1', { title: 'Printer', status: 'open' }, T0)]);
        await push(app, coord, [op('dev-b', 'tickets', 't1', { status: 'closed' }, T0 + 10), op('dev-b', 'tickets', 't1', { title: 'Old title' }, T0 - 10)]);
        await push(app, tech, [op('dev-a', 'tickets', 't1', { priority: 'high' }, T0 + 5)]);
        const { records } = await pullAll(app, tech);
        expect(records).toHaveLength(1);
        expect(records[0]!.fields).toEqual({ title: 'Printer', status: 'closed', priority: 'high' });
      });

      it('merges append-only tables by union and never updates an entry', async () => {
        await push(app, tech, [op('dev-a', 'worklog', 'w1', { text: 'Replaced toner' }), op('dev-a', 'worklog', 'w2', { text: 'Called vendor' })]);
        const res = await push(app, coord, [op('dev-b', 'worklog', 'w1', { text: 'Rewritten' }, T0 + 1000), op('dev-b', 'worklog', 'w3', { text: 'Closed' })]);
        expect(res.body.applied).toHaveLength(2);
        const { records } = await pullAll(app, tech);
        expect(Object.fromEntries(records.map((r) => [r.id, r.fields.text]))).toEqual({ w1: 'Replaced toner', w2: 'Called vendor', w3: 'Closed' });
      });

      it('keeps an append-only entry as first written even when it comes again with other fields', async () => {
        await push(app, tech, [op('dev-a', 'worklog', 'w1', { text: 'Replaced toner' })]);
        for (const fields of [{ minutes: 30 }, { text: 'x', minutes: 5 }]) expect((await push(app, coord, [op('dev-b', 'worklog', 'w1', fields, T0 + 1000)])).body.applied).toHaveLength(1);
        const { records } = await pullAll(app, tech);
        expect(records).toEqual([expect.objectContaining({ id: 'w1', fields: { text: 'Replaced toner' }, seq: 1 })]);
      });

      it('writes only the fields a push changes: the others, their stamps and the tombstone stay as they were', async () => {
        await push(app, tech, [op('dev-a', 'tickets', 't1', { title: 'Printer', status: 'open', notes: { a: [1, 2] } }, T0)]);
        await push(app, tech, [op('dev-a', 'tickets', 't1', { deleted: 1 }, T0 + 1)]);
        // An edit racing the delete: the record stays deleted (and is purged as one), with the edit kept.
        const edit = op('dev-b', 'tickets', 't1', { status: 'closed' }, T0 + 2);
        const stale = op('dev-b', 'tickets', 't1', { title: 'Old' }, T0 - 1);
        expect((await push(app, coord, [edit, stale])).body.applied).toEqual([edit.opId, stale.opId]);
        const [t1] = (await pullAll(app, tech)).records;
        expect(t1).toEqual({
          table: 'tickets',
          id: 't1',
          fields: { title: 'Printer', status: 'closed', notes: { a: [1, 2] }, deleted: 1 },
          stamps: { title: stampAt(T0, 'dev-a'), status: stampAt(T0 + 2, 'dev-b'), notes: stampAt(T0, 'dev-a'), deleted: stampAt(T0 + 1, 'dev-a') },
          seq: 3,
        });
        expect((await purgeTombstones(db, T0 + 200 * DAY, 180 * DAY)).purged).toBe(1);
      });

      it('rejects unknown tables and invalid ops by id and still applies the rest of the batch', async () => {
        const good = op('dev-a', 'people', 'p1', { name: 'Ada' });
        const unknown = op('dev-a', 'no_such_table', 'x', { a: 1 });
        const invalid = { ...op('dev-a', 'people', 'p2', { name: 'B' }), deviceSeq: 'seven' };
        const forged = { ...op('dev-a', 'people', 'p3', { name: 'C' }), fields: { name: { value: 'C', stamp: stampAt(T0, 'dev-zzz') } } };
        const res = await push(app, tech, [good, unknown, invalid, forged]);
        expect(res.body.applied).toEqual([good.opId]);
        expect(res.body.rejected.map((r) => [r.opId, r.code])).toEqual([
          [unknown.opId, 'unknown_table'],
          [invalid.opId, 'invalid_op'],
          [forged.opId, 'invalid_op'],
        ]);
        expect((await pullAll(app, tech)).records.map((r) => r.id)).toEqual(['p1']);
      });

      it('enforces the role rule table on the server, per table and per field', async () => {
        const open = openTables({ access_records: 'lww', audit: 'append' });
        const tables = {
          access_records: { ...open.access_records!, rule: { roles: 'any' as const, fields: { approvedBy: ['coordinator', 'admin'] as const, revokedAt: ['coordinator', 'admin'] as const }, summary: 'test' } },
          audit: { ...open.audit!, rule: { roles: ['admin'] as const, summary: 'test' } },
        };
        app = makeApp(db, clock, { tables });
        const byTech = op('dev-a', 'access_records', 'ar1', { system: 'CMS', approvedBy: 'tech' });
        const requestOnly = op('dev-a', 'access_records', 'ar2', { system: 'CMS' });
        const audit = op('dev-a', 'audit', 'au1', { what: 'x' });
        const res = await push(app, tech, [byTech, requestOnly, audit]);
        expect(res.body.applied).toEqual([requestOnly.opId]);
        expect(res.body.rejected).toEqual([
          { opId: byTech.opId, code: 'forbidden', message: expect.stringContaining('approvedBy') },
          { opId: audit.opId, code: 'forbidden', message: expect.stringContaining('technician') },
        ]);
        const approve = op('dev-b', 'access_records', 'ar2', { approvedBy: 'coord' }, T0 + 1);
        expect((await push(app, coord, [approve])).body.applied).toEqual([approve.opId]);
        const { records } = await pullAll(app, tech);
        expect(records.map((r) => [r.id, r.fields])).toEqual([['ar2', { system: 'CMS', approvedBy: 'coord' }]]);
      });

      it('clamps stamps too far ahead, so a device 3 days fast cannot beat later honest writes', async () => {
        const fastDevice = await signIn(app, 'tech@agency.gov', PASSWORD, '10.0.0.1', 'fast-clock');
        const honestDevice = await signIn(app, 'coord@agency.gov', PASSWORD, '10.0.0.1', 'honest');
        const p1 = async () => (await pullAll(app, tech)).records.find((r) => r.id === 'p1')!;
        const fast = op('fast-clock', 'people', 'p1', { name: 'From the future' }, T0 + 3 * DAY);
        const res = await push(app, fastDevice, [fast]);
        expect(res.body.applied).toEqual([fast.opId]);
        expect(res.body.clamped).toEqual([fast.opId]);
        expect((await p1()).stamps.name).toBe(stampAt(T0 + 5 * 60_000, 'fast-clock'));
        clock.advance(10 * 60_000);
        await push(app, honestDevice, [op('honest', 'people', 'p1', { name: 'Now' }, T0 + 10 * 60_000)]);
        expect((await p1()).fields.name).toBe('Now');
      });

      it('keeps the losing value of a long text field in the conflicts list, visible through pull', async () => {
        const long = (s: string) => s.repeat(150);
        await push(app, tech, [op('dev-a', 'tickets', 't1', { description: long('A '), title: 'short A' }, T0 + 10)]);
        await push(app, coord, [op('dev-b', 'tickets', 't1', { description: long('B '), title: 'short B' }, T0 + 5)]);
        const { records } = await pullAll(app, tech);
        const ticket = records.find((r) => r.table === 'tickets')!;
        expect(ticket.fields.description).toBe(long('A '));
        const conflicts = records.filter((r) => r.table === CONFLICTS_TABLE);
        expect(conflicts).toHaveLength(1);
        expect(conflicts[0]!.fields).toMatchObject({ table: 'tickets', recordId: 't1', field: 'description', value: long('B '), stamp: stampAt(T0 + 5, 'dev-b'), deleted: 0 });
        // A user may dismiss it (tombstone) but not rewrite it.
        const dismiss = op('dev-b', CONFLICTS_TABLE, conflicts[0]!.id, { deleted: 1 }, T0 + 20);
        const tamper = op('dev-b', CONFLICTS_TABLE, conflicts[0]!.id, { value: 'x' }, T0 + 20);
        const res = await push(app, coord, [dismiss, tamper]);
        expect(res.body.applied).toEqual([dismiss.opId]);
        expect(res.body.rejected[0]).toMatchObject({ opId: tamper.opId, code: 'forbidden' });
      });

      it('pages through changes: every record exactly once, in sequence order', async () => {
        const ops = Array.from({ length: 25 }, (_, i) => op('dev-a', 'people', `p${String(i).padStart(2, '0')}`, { n: i }));
        await push(app, tech, ops);
        const pages: number[] = [];
        let cursor: string | undefined;
        const seen: string[] = [];
        for (;;) {
          const page = await pull(app, coord, cursor, 10);
          pages.push(page.body.records.length);
          seen.push(...page.body.records.map((r) => r.id));
          cursor = page.body.cursor;
          if (!page.body.hasMore) break;
        }
        expect(pages).toEqual([10, 10, 5]);
        expect(seen).toEqual(ops.map((o) => o.id));
      });

      it('sends a device whose cursor is older than the tombstone horizon to a full resync', async () => {
        await push(app, tech, [op('dev-a', 'people', 'p1', { name: 'Ada' }), op('dev-a', 'people', 'p2', { name: 'Bob' })]);
        const early = (await pullAll(app, tech)).cursor;
        await push(app, tech, [op('dev-a', 'people', 'p1', { deleted: 1 }, T0 + 1)]);
        const late = (await pullAll(app, tech)).cursor;
        expect((await purgeTombstones(db, T0 + 200 * DAY, 180 * DAY)).purged).toBe(1);
        const stale = await pull(app, tech, early);
        expect(stale.body).toMatchObject({ status: 'resync', reason: 'horizon' });
        expect((await pull(app, tech, late)).body.status).toBe('page');
        expect((await pullAll(app, tech)).records.map((r) => r.id)).toEqual(['p2']);
      });

      it('answers a cursor from another database with a resync and a forged cursor with 400', async () => {
        const other = await pull(app, tech, 'v1.0123456789abcdef.5');
        expect(other.body).toMatchObject({ status: 'resync', reason: 'epoch' });
        const forged = await pull(app, tech, "1; DROP TABLE records; --");
        expect(forged.status).toBe(400);
        expect(forged.body).toMatchObject({ error: { code: 'invalid_request' } });
      });

      it('needs a valid session for push and pull and changes nothing without one', async () => {
        const res = await app.inject({ method: 'POST', url: '/v1/sync/push', payload: { ops: [op('dev-a', 'people', 'p1', { name: 'x' })] } });
        expect(res.statusCode).toBe(401);
        const bad = await app.inject({ method: 'POST', url: '/v1/sync/pull', headers: { authorization: 'Bearer not-a-real-token-at-all-123' }, payload: {} });
        expect(bad.statusCode).toBe(401);
        expect((await pullAll(app, tech)).records).toEqual([]);
      });
    });
  });
}
