import 'fake-indexeddb/auto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openPglite } from '../../../../server/db/pglite';
import type { Db } from '../../../../server/db/db';
import { parseStamp } from '../../../../shared/sync/hlc';
import { SYNC_TABLES } from '../../../../shared/sync/tables';
import { listConflicts, restoreConflict } from '../../../../renderer/src/sync/conflicts';
import { pullChanges } from '../../../../renderer/src/sync/pull';
import { listSetAside } from '../../../../renderer/src/sync/set-aside';
import { CURSOR_KEY, PULL_PROGRESS_KEY } from '../../../../renderer/src/sync/state-keys';
import { addUser, edit, makeDevice, person, resetSyncData, snapshot, startServer, syncOk, type Device, type TestServer } from './support/harness';
import { waitingOps, waitingCount } from '../../../../renderer/src/sync/pending';

/** The real tables, where people's `clearance` is for admins only (a field rule, as an access table would have). */
function withClearanceRule() {
  const people = SYNC_TABLES.people;
  return { ...SYNC_TABLES, people: { ...people, rule: { ...people.rule, fields: { ...people.rule.fields, clearance: ['admin'] as const } } } };
}

let pg: Db;
let server: TestServer;
const devices: Device[] = [];
/**
 * Stamps order by (re-anchored) wall-clock ms first: make sure the next write is
 * clearly later. Each device's clock is anchored to the server's time at its last
 * sync, estimated over a round trip, so two devices can disagree by a few ms on
 * a busy machine: a 3 ms gap let an earlier edit win about one run in eight.
 */
const laterMs = () => new Promise((r) => setTimeout(r, 80));
const device = async (...args: Parameters<typeof makeDevice>) => {
  const d = await makeDevice(...args);
  devices.push(d);
  return d;
};

beforeAll(async () => {
  pg = await openPglite();
  server = await startServer(pg);
  await addUser(pg, 'tech@agency.gov');
});
afterAll(async () => {
  await server.stop();
  await pg.close();
});
beforeEach(() => resetSyncData(pg));
const after: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const d of devices.splice(0)) await d.close();
  for (const f of after.splice(0)) await f();
});

describe('sync engine against a real server', () => {
  it('pushes the outbox, clears what the server applied, and brings the records to another device', async () => {
    const a = await device(server.url, { name: 'a' });
    const b = await device(server.url, { name: 'b' });
    await a.db.people.add(person('p1', { name: 'Ana Ruiz', site: 'Fresno' }) as never);
    await edit(a.db, 'p1', { site: 'Visalia' });
    expect(await waitingCount(a.db)).toBe(2);
    await syncOk(a);
    expect(await waitingCount(a.db)).toBe(0);
    expect(a.engine.current).toMatchObject({ phase: 'synced', signedIn: true });
    expect(a.engine.current.lastSyncedAt).not.toBeNull();
    await syncOk(b);
    expect(await snapshot(b.db)).toEqual(await snapshot(a.db));
    expect((await b.db.people.get('p1'))?.site).toBe('Visalia');
    // Pulled records are not logged again: nothing echoes back.
    expect(await waitingCount(b.db)).toBe(0);
  });

  it('merges offline edits of different fields and resolves the same field identically everywhere', async () => {
    const a = await device(server.url, { name: 'a' });
    const b = await device(server.url, { name: 'b' });
    await a.db.people.add(person('p1', { name: 'Ben', phone: '1', site: 'x' }) as never);
    await syncOk(a);
    await syncOk(b);
    await edit(a.db, 'p1', { phone: '555-0100', site: 'from a' });
    await laterMs();
    await edit(b.db, 'p1', { title: 'Clerk', site: 'from b' }); // b's site edit is later
    await syncOk(a);
    await syncOk(b);
    await syncOk(a);
    const expected = { phone: '555-0100', title: 'Clerk', site: 'from b' };
    expect(await a.db.people.get('p1')).toMatchObject(expected);
    expect(await b.db.people.get('p1')).toMatchObject(expected);
    expect(await snapshot(a.db)).toEqual(await snapshot(b.db));
  });

  it('keeps a pending local value over a pulled one until its push settles, then takes the server outcome', async () => {
    const a = await device(server.url, { name: 'a' });
    const b = await device(server.url, { name: 'b' });
    await a.db.people.add(person('p1', { name: 'Cy', site: 'start', title: 'start' }) as never);
    await syncOk(a);
    await syncOk(b);
    // a edits site first (older stamp), then b edits site and title and pushes.
    await edit(a.db, 'p1', { site: 'a-older' });
    await laterMs();
    await edit(b.db, 'p1', { site: 'b-newer', title: 'b-title' });
    await syncOk(b);
    // A pull while a's edit is pending: site stays local, title (not pending) comes in.
    const http = { baseUrl: server.url, fetch, localNow: Date.now };
    const session = (await a.sessions.get())!;
    expect((await pullChanges(a.db, { http, token: session.token })).ok).toBe(true);
    expect(await a.db.people.get('p1')).toMatchObject({ site: 'a-older', title: 'b-title' });
    // Now a's push settles: its older stamp lost on the server, so a takes the server's value.
    await syncOk(a);
    expect(await a.db.people.get('p1')).toMatchObject({ site: 'b-newer', title: 'b-title' });
    expect(await a.db.syncState.where('key').startsWith('shadow:').count()).toBe(0);

    // The other way round: a's pending edit is the newer one, so it stays and wins everywhere.
    await edit(b.db, 'p1', { title: 'b-older' });
    await syncOk(b);
    await laterMs();
    await edit(a.db, 'p1', { title: 'a-newer' });
    expect((await pullChanges(a.db, { http, token: session.token })).ok).toBe(true);
    expect((await a.db.people.get('p1'))?.title).toBe('a-newer');
    await syncOk(a);
    await syncOk(b);
    expect((await a.db.people.get('p1'))?.title).toBe('a-newer');
    expect((await b.db.people.get('p1'))?.title).toBe('a-newer');
  });

  it('sets aside an op the server refuses for good, shows it, and keeps the rest of the queue moving', async () => {
    const strict = await startServer(pg, { tables: withClearanceRule() });
    try {
      const a = await device(strict.url, { name: 'a' });
      const b = await device(strict.url, { name: 'b' });
      await a.db.people.add(person('p1', { name: 'Dee' }) as never);
      await syncOk(a);
      await syncOk(b);
      await edit(a.db, 'p1', { clearance: 'top' }); // forbidden for a technician
      await edit(a.db, 'p1', { name: 'Dee Lopez' });
      await a.db.people.add(person('p2', { name: 'Eli' }) as never);
      const res = await a.engine.runOnce();
      expect(res).toMatchObject({ status: 'synced', pushed: 2, rejected: 1 });
      expect(await waitingCount(a.db)).toBe(0);
      const setAside = await listSetAside(a.db);
      expect(setAside).toHaveLength(1);
      expect(setAside[0]).toMatchObject({ table: 'people', id: 'p1', code: 'forbidden' });
      expect(setAside[0]!.message).toMatch(/clearance/);
      expect(Object.keys(setAside[0]!.fields)).toEqual(['clearance']);
      // The device does not keep a value the server refused, and later changes still flow.
      expect(await a.db.people.get('p1')).not.toHaveProperty('clearance');
      await edit(a.db, 'p2', { site: 'Annex' });
      await syncOk(a);
      await syncOk(b);
      expect(await snapshot(b.db)).toEqual(await snapshot(a.db));
      expect((await b.db.people.get('p1'))?.name).toBe('Dee Lopez');
      expect(await listSetAside(a.db)).toHaveLength(1);
    } finally {
      await strict.stop();
    }
  });

  it('pushes one change set across several batches, settling it slot by slot, with a refused op set aside by its own number', async () => {
    const strict = await startServer(pg, { tables: withClearanceRule() });
    try {
      const a = await device(strict.url, { name: 'a', engine: { batchSize: 2 } });
      const b = await device(strict.url, { name: 'b' });
      // Seven people written together: one outbox row of seven changes; the fourth is forbidden.
      const seven = Array.from({ length: 7 }, (_, i) => person(`p${i}`, i === 3 ? { name: `P${i}`, clearance: 'top' } : { name: `P${i}` }));
      await a.db.people.bulkAdd(seven as never[]);
      expect(await a.db.outbox.count()).toBe(1);
      const numbers = (await waitingOps(a.db)).map((o) => o.deviceSeq);
      const res = await a.engine.runOnce();
      expect(res).toMatchObject({ status: 'synced', pushed: 6, rejected: 1 });
      expect(await a.db.outbox.count()).toBe(0);
      const setAside = await listSetAside(a.db);
      expect(setAside.map((x) => [x.seq, x.id, x.code])).toEqual([[numbers[3], 'p3', 'forbidden']]);
      // The server recorded each op under its own number, once.
      const applied = await pg.query<{ device_seq: string }>('SELECT device_seq FROM applied_ops ORDER BY device_seq');
      expect(applied.rows.map((r) => Number(r.device_seq))).toEqual(numbers.filter((_, i) => i !== 3));
      // The refused create never reached the server; the other six did.
      await syncOk(b);
      expect(((await b.db.people.toArray()) as { id: string }[]).map((p) => p.id).sort()).toEqual(['p0', 'p1', 'p2', 'p4', 'p5', 'p6']);
    } finally {
      await strict.stop();
    }
  });

  it('keeps the outbox through an expired token while offline, and pushes it after signing in again', async () => {
    let serverNow = Date.now();
    const timed = await startServer(pg, { now: () => serverNow, sessionTtlMs: 60 * 60_000 });
    try {
      const a = await device(timed.url, { name: 'a' });
      await a.db.people.add(person('p1', { name: 'Flo' }) as never);
      await syncOk(a);
      // Offline: the address does not answer.
      a.setServer('http://127.0.0.1:9');
      const session = (await a.sessions.get())!;
      await a.sessions.set({ ...session, serverUrl: 'http://127.0.0.1:9' });
      for (const site of ['one', 'two', 'three']) await edit(a.db, 'p1', { site });
      const offline = await a.engine.runOnce();
      expect(offline).toMatchObject({ status: 'failed', error: { kind: 'network' } });
      expect(await waitingCount(a.db)).toBe(3);
      // Two hours later the token has expired; the network is back.
      serverNow += 2 * 60 * 60_000;
      a.setServer(timed.url);
      await a.sessions.set(session);
      const expired = await a.engine.runOnce();
      expect(expired).toMatchObject({ status: 'failed', error: { kind: 'unauthorized' } });
      expect(a.engine.current).toMatchObject({ phase: 'error', errorKind: 'unauthorized', signedIn: false });
      expect(a.engine.current.error).toMatch(/sign in again/i);
      expect(await waitingCount(a.db)).toBe(3);
      // Sign in again: everything goes through.
      const again = await makeDevice(timed.url, { name: 'probe' });
      await a.sessions.set((await again.sessions.get())!);
      await again.close();
      await syncOk(a);
      expect(await waitingCount(a.db)).toBe(0);
      const b = await device(timed.url, { name: 'b' });
      await syncOk(b);
      expect((await b.db.people.get('p1'))?.site).toBe('three');
    } finally {
      await timed.stop();
    }
  });

  it('re-anchors a device clock that is 3 days off, so its stamps neither win nor lose by the error', async () => {
    let t = Date.now();
    const DAYS3 = 3 * 24 * 3600_000;
    const timed = await startServer(pg, { now: () => t });
    try {
      const ahead = await device(timed.url, { name: 'ahead', now: () => t + DAYS3 });
      const right = await device(timed.url, { name: 'right', now: () => t });
      const behind = await device(timed.url, { name: 'behind', now: () => t - DAYS3 });
      await right.db.people.add(person('p1', { name: 'Gus', site: 's0', title: 't0' }) as never);
      await syncOk(right);
      await syncOk(behind);
      await syncOk(ahead);

      // Before it ever synced, the ahead device stamped 3 days in the future: the server clamps that.
      const fresh = await device(timed.url, { name: 'fresh-ahead', now: () => t + DAYS3 });
      await fresh.db.people.add(person('p2', { name: 'Hal' }) as never);
      await syncOk(fresh);
      t += 10 * 60_000;
      await syncOk(right);
      await edit(right.db, 'p2', { name: 'Hal (right, 10 min later)' });
      await syncOk(right);
      await syncOk(fresh);
      expect((await fresh.db.people.get('p2'))?.name).toBe('Hal (right, 10 min later)');

      // After a sync, both skewed devices stamp near server time.
      await edit(ahead.db, 'p1', { site: 'ahead' });
      const aheadStamp = (await waitingOps(ahead.db))[0]!.fields.site!.stamp;
      expect(Math.abs(parseStamp(aheadStamp)!.wall - t)).toBeLessThan(60_000);
      await syncOk(ahead);

      // The behind device writes later in real time than the right one, and so wins.
      t += 60_000;
      await edit(right.db, 'p1', { title: 'right, earlier' });
      await syncOk(right);
      t += 60_000;
      await edit(behind.db, 'p1', { title: 'behind, later' });
      const behindStamp = (await waitingOps(behind.db))[0]!.fields.title!.stamp;
      expect(Math.abs(parseStamp(behindStamp)!.wall - t)).toBeLessThan(60_000);
      await syncOk(behind);
      for (const d of [right, ahead, behind]) await syncOk(d);
      for (const d of [right, ahead, behind]) expect(await d.db.people.get('p1')).toMatchObject({ site: 'ahead', title: 'behind, later' });
    } finally {
      await timed.stop();
    }
  });

  it('shows progress of a large first sync and resumes from the last stored page after an interruption', async () => {
    const a = await device(server.url, { name: 'a' });
    await a.db.people.bulkAdd(Array.from({ length: 1200 }, (_, i) => person(`p${String(i).padStart(5, '0')}`, { name: `Person ${i}` })) as never);
    await syncOk(a);
    let pulls = 0;
    let failAt = 3;
    const flaky: typeof fetch = async (input, init) => {
      if (String(input).endsWith('/v1/sync/pull') && ++pulls === failAt) throw new TypeError('network went away');
      return fetch(input, init);
    };
    const progress: number[] = [];
    const b = await device(server.url, { name: 'b', engine: { fetch: flaky, pageSize: 250, onState: (s) => s.progress && progress.push(s.progress.received) } });
    const first = await b.engine.runOnce();
    expect(first).toMatchObject({ status: 'failed', error: { kind: 'network' } });
    expect(await b.db.people.count()).toBe(500);
    expect(progress).toEqual([250, 500]);
    expect((await b.db.syncState.get(PULL_PROGRESS_KEY))?.value).toMatchObject({ received: 500, fromStart: true });
    const cursorAfterTwoPages = (await b.db.syncState.get(CURSOR_KEY))?.value;
    expect(cursorAfterTwoPages).toBeTruthy();
    // Resume: only the remaining pages are fetched (3 of 250 and the last of 200).
    failAt = 0;
    pulls = 0;
    const second = await b.engine.runOnce();
    expect(second).toMatchObject({ status: 'synced', received: 700 });
    expect(pulls).toBe(3);
    expect(await b.db.people.count()).toBe(1200);
    expect(await b.db.syncState.get(PULL_PROGRESS_KEY)).toBeUndefined();
  });

  it('does a full resync when the server cannot continue the cursor, keeping the outbox and dropping what the server lost', async () => {
    const a = await device(server.url, { name: 'a' });
    await a.db.people.add(person('p1', { name: 'Ivy' }) as never);
    await syncOk(a);
    // A record the server no longer has (its tombstone purged), and a local change not yet pushed.
    await a.db.transaction('rw', a.db.people, async (tx) => {
      const { markRemote } = await import('../../../../renderer/src/data/changelog');
      markRemote(tx.idbtrans);
      await a.db.people.put(person('gone', { name: 'Purged elsewhere' }) as never);
    });
    await a.db.people.add(person('p2', { name: 'Not pushed yet' }) as never);
    const cursor = (await a.db.syncState.get(CURSOR_KEY))!.value as string;
    await a.db.syncState.put({ key: CURSOR_KEY, value: cursor.replace(/\d+$/, (n) => String(Number(n) + 1000)) });
    const session = (await a.sessions.get())!;
    const res = await pullChanges(a.db, { http: { baseUrl: server.url, fetch, localNow: Date.now }, token: session.token });
    expect(res).toMatchObject({ ok: true, value: { resynced: true } });
    expect(await a.db.people.get('gone')).toBeUndefined();
    expect((await a.db.people.get('p2'))?.name).toBe('Not pushed yet');
    expect(await waitingCount(a.db)).toBe(1);
    await syncOk(a);
    const b = await device(server.url, { name: 'b' });
    await syncOk(b);
    expect((await snapshot(b.db)).map((p) => p.id)).toEqual(['p1', 'p2']);
  });

  it('lists a long text that lost a merge, and restoring it makes it win on every device', async () => {
    // A person's title is at most 200 characters (its schema), so it is kept as long text by name, not by length.
    const keeping = await startServer(pg, { conflicts: { longTextFields: { people: ['title'] } } });
    try {
      const a = await device(keeping.url, { name: 'a' });
      const b = await device(keeping.url, { name: 'b' });
      await a.db.people.add(person('p1', { name: 'Jo' }) as never);
      await syncOk(a);
      await syncOk(b);
      const long = (who: string) => `${who}: ${'notes about the courtroom printer '.repeat(5)}`;
      await edit(a.db, 'p1', { title: long('a') });
      await laterMs();
      await edit(b.db, 'p1', { title: long('b') });
      await syncOk(a);
      await syncOk(b); // b's later stamp wins; a's text becomes a conflict
      await syncOk(a);
      expect((await a.db.people.get('p1'))?.title).toBe(long('b'));
      const conflicts = await listConflicts(a.db);
      expect(conflicts).toHaveLength(1);
      expect(conflicts[0]).toMatchObject({ table: 'people', recordId: 'p1', field: 'title', value: long('a') });
      expect(await listConflicts(b.db)).toHaveLength(1);

      const restored = await restoreConflict(a.db, conflicts[0]!.id);
      expect(restored.ok).toBe(true);
      expect(await listConflicts(a.db)).toHaveLength(0);
      await syncOk(a);
      await syncOk(b);
      for (const d of [a, b]) {
        expect((await d.db.people.get('p1'))?.title).toBe(long('a'));
        expect((await listConflicts(d.db)).map((c) => c.value)).toEqual([long('b')]);
      }
    } finally {
      await keeping.stop();
    }
  });

  it('syncs shortly after a local write when it watches the outbox', async () => {
    const a = await device(server.url, { name: 'a', engine: { watchOutbox: true, debounceMs: 50, periodMs: 60_000 } });
    const b = await device(server.url, { name: 'b' });
    a.engine.start();
    await expect.poll(() => a.engine.current.phase, { timeout: 5_000 }).toBe('synced');
    await a.db.people.add(person('p1', { name: 'Kai' }) as never);
    await expect.poll(() => waitingCount(a.db), { timeout: 5_000 }).toBe(0);
    await syncOk(b);
    expect((await b.db.people.get('p1'))?.name).toBe('Kai');
  });
});

describe('cross-origin access for the app', () => {
  it('answers the preflight of an authenticated push and lets the app read answers, with no credentials mode', async () => {
    const pre = await server.app.inject({ method: 'OPTIONS', url: '/v1/sync/push', headers: { origin: 'app://fielddesk', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' } });
    expect(pre.statusCode).toBe(204);
    expect(pre.headers['access-control-allow-origin']).toBe('*');
    expect(String(pre.headers['access-control-allow-headers'])).toMatch(/authorization/);
    expect(pre.headers['access-control-allow-credentials']).toBeUndefined();
    const health = await server.app.inject({ method: 'GET', url: '/health', headers: { origin: 'app://fielddesk' } });
    expect(health.statusCode).toBe(200);
    expect(health.headers['access-control-allow-origin']).toBe('*');
    expect(String(health.headers['access-control-expose-headers'])).toMatch(/x-server-time/);
    // Without a preflight header, OPTIONS is not a method of the route.
    const options = await server.app.inject({ method: 'OPTIONS', url: '/v1/sync/push' });
    expect(options.statusCode).toBe(405);
    expect(options.headers.allow).toBe('POST');
  });
});
