import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { Activity, markBackground } from '../../../../renderer/src/data/activity';
import { closeAll, freshDesk } from '../tickets/setup';

/**
 * Background writers (a pulled page's chunks) make way for the user's reads
 * and saves: `quiet()` waits while one is in flight, up to a bound; requests
 * of transactions marked background are not the user's.
 */

afterEach(closeAll);

const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
};

describe('user activity', () => {
  it('quiet() returns at once when nothing is in flight, waits for a request in flight and a quiet moment after it, and never longer than its bound', async () => {
    const a = new Activity();
    let t = performance.now();
    await a.quiet(4, 1000);
    expect(performance.now() - t).toBeLessThan(20);

    const req = deferred();
    a.track(req.promise);
    expect(a.idleFor()).toBe(0);
    let done = false;
    const waiting = a.quiet(4, 1000).then(() => (done = true));
    await new Promise((r) => setTimeout(r, 30));
    expect(done).toBe(false); // the user's request is still in flight
    req.resolve();
    await waiting;
    expect(a.idleFor()).toBeGreaterThanOrEqual(4);

    const stuck = deferred();
    a.track(stuck.promise);
    t = performance.now();
    await a.quiet(4, 30);
    const waited = performance.now() - t;
    expect(waited).toBeGreaterThanOrEqual(25);
    expect(waited).toBeLessThan(200);
    stuck.resolve();
  });

  it("counts the database's reads and writes as the user's, except those of a transaction marked background", async () => {
    const desk = await freshDesk();
    const db = desk.db;
    await new Promise((r) => setTimeout(r, 10));
    expect(db.activity.idleFor()).toBeGreaterThan(5);
    await db.meta.get('anything');
    expect(db.activity.idleFor()).toBeLessThan(5); // a user's read just ended

    await new Promise((r) => setTimeout(r, 15));
    await db.transaction('rw', db.meta, async (tx) => {
      markBackground(tx.idbtrans);
      await db.meta.put({ key: 'bg', value: 1 });
      await db.meta.get('bg');
    });
    expect(db.activity.idleFor()).toBeGreaterThan(10); // the background transaction's requests did not count
  });
});
