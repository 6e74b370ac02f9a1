import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { markRemote } from '../../../../renderer/src/data/changelog';
import { openDatabase, type FieldDeskDb } from '../../../../renderer/src/data/db';
import { peopleRepository } from '../../../../renderer/src/data/repositories/people';
import { settlePush } from '../../../../renderer/src/sync/settle';
import { compareStamps, parseStamp } from '../../../../shared/sync/hlc';
import { CHANGES_PER_ROW, SLOTS } from '../../../../shared/sync/outbox';
import { waitingOps, waitingCount } from '../../../../renderer/src/sync/pending';

let n = 0;
const opened: FieldDeskDb[] = [];
async function freshDb(now?: () => number) {
  const db = await openDatabase(`changelog-test-${++n}`, now ? { now } : {});
  opened.push(db);
  return db;
}
afterEach(async () => {
  for (const db of opened.splice(0)) {
    db.close();
    await db.delete();
  }
});

describe('change log middleware', () => {
  it('records a create with every field stamped by this device, in the same transaction', async () => {
    const db = await freshDb();
    const repo = peopleRepository(db);
    const created = await repo.create({ name: 'Ana Ruiz', email: 'ana@court.ca.gov', agency: 'Superior Court of Fresno' });
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    const outbox = await waitingOps(db);
    expect(outbox).toHaveLength(1);
    const entry = outbox[0]!;
    expect(entry.table).toBe('people');
    expect(entry.id).toBe(created.value.id);
    expect(entry.deviceSeq).toBe(SLOTS); // slot 0 of the first row
    expect(entry.fields.name?.value).toBe('Ana Ruiz');
    expect(Object.keys(entry.fields)).not.toContain('stamps');
    expect(parseStamp(entry.fields.name!.stamp)?.deviceId).toBe(db.device.get().deviceId);
    expect(created.value.stamps.name).toBe(entry.fields.name!.stamp);
  });

  it('logs only the fields an edit changed, with a later stamp', async () => {
    const db = await freshDb();
    const repo = peopleRepository(db);
    const created = await repo.create({ name: 'Ben Okafor', site: 'Main courthouse' });
    if (!created.ok) throw new Error(created.error.message);
    const updated = await repo.update(created.value.id, { site: 'Annex' });
    if (!updated.ok) throw new Error(updated.error.message);
    const [, edit] = await waitingOps(db);
    expect(Object.keys(edit!.fields).sort()).toEqual(['site', 'updatedAt']);
    expect(compareStamps(edit!.fields.site!.stamp, created.value.stamps.site!)).toBeGreaterThan(0);
    expect(updated.value.stamps.name).toBe(created.value.stamps.name);
  });

  it('writes nothing to the outbox when a put changes nothing', async () => {
    const db = await freshDb();
    const created = await peopleRepository(db).create({ name: 'Cy Tran' });
    if (!created.ok) throw new Error('create failed');
    await db.people.put(await db.people.get(created.value.id) as never);
    expect(await waitingCount(db)).toBe(1);
  });

  it('rolls back the record and its outbox entry together when the transaction fails', async () => {
    const db = await freshDb();
    await expect(
      db.transaction('rw', db.people, async () => {
        await peopleRepository(db).create({ name: 'Dee Park' });
        throw new Error('crash after write');
      }),
    ).rejects.toThrow('crash after write');
    expect(await db.people.count()).toBe(0);
    expect(await waitingCount(db)).toBe(0);
  });

  it('refuses hard deletes of synced records; removal is a logged tombstone', async () => {
    const db = await freshDb();
    const repo = peopleRepository(db);
    const created = await repo.create({ name: 'Fay Wong' });
    if (!created.ok) throw new Error('create failed');
    await expect(db.people.delete(created.value.id)).rejects.toThrow(/tombstone/);
    const removed = await repo.remove(created.value.id);
    expect(removed.ok).toBe(true);
    expect((await db.people.get(created.value.id))?.deleted).toBe(1);
    const last = (await waitingOps(db)).at(-1);
    expect(last?.fields.deleted?.value).toBe(1);
    expect(await repo.list()).toEqual([]);
  });

  it('does not log writes made in a transaction marked as applying remote changes', async () => {
    const db = await freshDb();
    await db.transaction('rw', db.people, async (tx) => {
      markRemote(tx.idbtrans);
      await db.people.put({ id: 'remote-1', name: 'From server', email: '', phone: '', agency: '', site: '', title: '', kind: 'requester', createdAt: '', updatedAt: '', stamps: { name: 'x' }, deleted: 0 });
    });
    expect(await db.people.count()).toBe(1);
    expect(await waitingCount(db)).toBe(0);
  });

  it('keeps the clock monotonic across a reopen, even if the wall clock goes back', async () => {
    let wall = 2_000_000_000_000;
    const db = await freshDb(() => wall);
    const a = await peopleRepository(db).create({ name: 'Gus' });
    db.close();
    wall -= 60 * 60 * 1000; // the laptop's clock jumps back an hour
    const reopened = await openDatabase(db.name, { now: () => wall });
    opened.push(reopened);
    const b = await peopleRepository(reopened).create({ name: 'Hal' });
    if (!a.ok || !b.ok) throw new Error('create failed');
    expect(compareStamps(b.value.stamps.name!, a.value.stamps.name!)).toBeGreaterThan(0);
    expect(reopened.device.get().deviceId).toBe(db.device.get().deviceId);
  });

  it('writes no clock row per save, and resumes the clock after the outbox is emptied by a settled push', async () => {
    let wall = 2_000_000_000_000;
    const db = await freshDb(() => wall);
    const a = await peopleRepository(db).create({ name: 'Gus' });
    if (!a.ok) throw new Error('create failed');
    expect(await db.meta.get('hlc')).toBeUndefined();
    const batch = await waitingOps(db);
    await settlePush(db, batch, { applied: batch.map((e) => e.opId), rejected: [], clamped: [] }, () => new Date(wall).toISOString());
    expect(await waitingCount(db)).toBe(0);
    db.close();
    wall -= 60 * 60 * 1000;
    const reopened = await openDatabase(db.name, { now: () => wall });
    opened.push(reopened);
    const b = await peopleRepository(reopened).create({ name: 'Hal' });
    if (!b.ok) throw new Error('create failed');
    expect(compareStamps(b.value.stamps.name!, a.value.stamps.name!)).toBeGreaterThan(0);
  });
});

describe('people repository validation', () => {
  it('rejects invalid input with a field message and writes nothing', async () => {
    const db = await freshDb();
    const res = await peopleRepository(db).create({ name: '   ', email: 'not-an-email' });
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.error.fields?.name).toMatch(/required/i);
    expect(res.error.fields?.email).toMatch(/email/i);
    expect(await db.people.count()).toBe(0);
    expect(await waitingCount(db)).toBe(0);
  });
});

describe('bulk writes', () => {
  it('logs exactly the rows a partly failing bulkAdd wrote', async () => {
    const db = await freshDb();
    const base = { email: '', phone: '', agency: '', site: '', title: '', kind: 'requester' as const, createdAt: '', updatedAt: '', stamps: {}, deleted: 0 as const };
    await db.people.add({ ...base, id: 'p2', name: 'Existing' });
    await db.outbox.clear();
    await db.people
      .bulkAdd([
        { ...base, id: 'p1', name: 'One' },
        { ...base, id: 'p2', name: 'Clash' },
        { ...base, id: 'p3', name: 'Three' },
      ])
      .catch(() => undefined); // BulkError for p2; the others are written
    const logged = (await waitingOps(db)).map((e) => e.id).sort();
    const stored = (await db.people.toArray()).map((p) => p.id).filter((id) => id !== 'p2').sort();
    expect(logged).toEqual(stored);
  });
});

describe('read, change, write in one transaction', () => {
  const base = { email: '', phone: '', agency: '', site: '', title: '', kind: 'requester' as const, createdAt: '', updatedAt: '', stamps: {}, deleted: 0 as const };

  it('logs a change made in place to the very object that was read (the diff is against what is stored)', async () => {
    const db = await freshDb();
    await db.people.add({ ...base, id: 'p1', name: 'Before' });
    await db.outbox.clear();
    await db.transaction('rw', db.people, async () => {
      const p = (await db.people.get('p1'))!;
      p.name = 'After'; // the caller owns the object it was handed and may change it
      await db.people.put(p);
    });
    const outbox = await waitingOps(db);
    expect(outbox).toHaveLength(1);
    expect(outbox[0]!.fields.name?.value).toBe('After');
  });

  it('a second write in the same transaction is diffed against the first, not against the read before it', async () => {
    const db = await freshDb();
    await db.people.add({ ...base, id: 'p1', name: 'One', title: 'Clerk' });
    await db.outbox.clear();
    await db.transaction('rw', db.people, async () => {
      const p = (await db.people.get('p1'))!;
      await db.people.put({ ...p, name: 'Two' });
      await db.people.put({ ...p, name: 'Two', title: 'Judge' });
    });
    const fields = (await waitingOps(db)).map((e) => Object.keys(e.fields));
    expect(fields).toEqual([['name'], ['title']]);
  });

  it('a single write that fails takes its log entry with it: nothing is stored, nothing is queued', async () => {
    const db = await freshDb();
    await db.people.add({ ...base, id: 'p1', name: 'Existing' });
    await db.outbox.clear();
    await expect(db.transaction('rw', db.people, () => db.people.add({ ...base, id: 'p1', name: 'Clash' }))).rejects.toThrow();
    expect(await waitingCount(db)).toBe(0);
    expect((await db.people.get('p1'))!.name).toBe('Existing');
  });

  it('a caller that catches a refused add can go on in the same transaction, and only what was written is queued', async () => {
    const db = await freshDb();
    await db.people.add({ ...base, id: 'p1', name: 'Existing' });
    await db.outbox.clear();
    await db.transaction('rw', db.people, async () => {
      await db.people.add({ ...base, id: 'p1', name: 'Clash' }).catch(() => undefined);
      await db.people.add({ ...base, id: 'p2', name: 'New' });
    });
    expect((await waitingOps(db)).map((e) => [e.id, e.fields.name?.value])).toEqual([['p2', 'New']]);
    expect((await db.people.get('p1'))!.name).toBe('Existing');
  });
});

describe('change sets: one outbox row per batch of writes placed together', () => {
  const base = { email: '', phone: '', agency: '', site: '', title: '', kind: 'requester' as const, createdAt: '', updatedAt: '', stamps: {}, deleted: 0 as const };
  const people = (n: number, from = 0) => Array.from({ length: n }, (_, i) => ({ ...base, id: `p${String(from + i).padStart(4, '0')}`, name: `Person ${from + i}` }));

  it('a bulk write is split into rows of at most CHANGES_PER_ROW, numbered in order', async () => {
    const db = await freshDb();
    await db.people.bulkAdd(people(2 * CHANGES_PER_ROW + 50));
    const rows = await db.outbox.toArray();
    expect(rows.map((r) => [r.n, r.changes.length])).toEqual([
      [CHANGES_PER_ROW, CHANGES_PER_ROW],
      [CHANGES_PER_ROW, CHANGES_PER_ROW],
      [50, 50],
    ]);
    const ops = await waitingOps(db);
    expect(ops.map((o) => o.id)).toEqual(people(2 * CHANGES_PER_ROW + 50).map((p) => p.id));
    // Op numbers rise through the rows and never repeat.
    expect(ops.every((o, i) => i === 0 || o.deviceSeq > ops[i - 1]!.deviceSeq)).toBe(true);
    expect(await waitingCount(db)).toBe(2 * CHANGES_PER_ROW + 50);
  });

  it('writes placed together share a row; a write after an await in the same transaction starts another', async () => {
    const db = await freshDb();
    await db.transaction('rw', db.people, async () => {
      await Promise.all([db.people.add(people(1, 0)[0]!), db.people.bulkAdd(people(2, 1))]);
      await db.people.add(people(1, 3)[0]!);
    });
    const rows = await db.outbox.toArray();
    expect(rows.map((r) => r.changes.map((c) => c?.id))).toEqual([['p0000', 'p0001', 'p0002'], ['p0003']]);
  });

  it('a refused write placed with others takes only its own change out of the shared row', async () => {
    const db = await freshDb();
    await db.people.add({ ...base, id: 'p0001', name: 'Existing' });
    await db.outbox.clear();
    await db.transaction('rw', db.people, async () => {
      await Promise.all([db.people.add(people(1, 0)[0]!), db.people.add({ ...base, id: 'p0001', name: 'Clash' }).catch(() => 'refused'), db.people.add(people(1, 2)[0]!)]);
    });
    const [row] = await db.outbox.toArray();
    expect(row?.n).toBe(2);
    expect(row?.changes.map((c) => c?.id ?? null)).toEqual(['p0000', null, 'p0002']);
    // The hole keeps the other op numbers where they were.
    expect((await waitingOps(db)).map((o) => o.deviceSeq - (row!.seq as number) * SLOTS)).toEqual([0, 2]);
    expect(await waitingCount(db)).toBe(2);
  });

  it('a row whose every change was refused is removed', async () => {
    const db = await freshDb();
    await db.people.bulkAdd(people(2));
    await db.outbox.clear();
    await db.transaction('rw', db.people, async () => {
      await db.people.bulkAdd(people(2)).catch(() => 'all refused');
    });
    expect(await db.outbox.count()).toBe(0);
  });
});
