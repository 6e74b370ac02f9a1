import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { FieldDeskDb, openDatabase, upgradeDue } from '../../../../renderer/src/data/db';
import { DeviceRef } from '../../../../renderer/src/data/device';
import { CURRENT_SCHEMA_VERSION, SCHEMA_HISTORY } from '../../../../renderer/src/data/schema';
import { markRemote } from '../../../../renderer/src/data/changelog';
import { HybridClock } from '../../../../shared/sync/hlc';
import { waitingCount, waitingOps } from '../../../../renderer/src/sync/pending';
import { SLOTS } from '../../../../shared/sync/outbox';
import { isStamp } from '../../../../shared/sync/hlc';
import { ACTIVE_KEYS_FILL, activeIndexesReady, fillActiveKeys, startActiveKeysFill } from '../../../../renderer/src/data/repositories/tickets/active-keys';
import { ticketQueries, type TicketQuery } from '../../../../renderer/src/data/repositories/tickets/query';
import { ticketTables } from '../../../../renderer/src/data/repositories/tickets/tables';

/** A person as the code of each schema version wrote it (v1 had no kind and no tombstone). */
const PERSON_AS_WRITTEN_BY: Record<number, { stored: Record<string, unknown>; expected: Record<string, unknown> }> = {
  1: {
    stored: { id: 'p-1', name: 'Rosa Diaz', email: 'rosa@example.gov', createdAt: '2024-01-01', updatedAt: '2024-01-01', stamps: {} },
    expected: { name: 'Rosa Diaz', email: 'rosa@example.gov', kind: 'requester', deleted: 0 },
  },
  2: {
    stored: { id: 'p-1', name: 'Rosa Diaz', email: 'rosa@example.gov', phone: '', agency: '', site: '', title: '', kind: 'staff', createdAt: '2024-01-01', updatedAt: '2024-01-01', stamps: {}, deleted: 0 },
    expected: { name: 'Rosa Diaz', kind: 'staff', deleted: 0 },
  },
};
// Keyed by how many versions wrote the data (v13 was never used, so the 13th is v14). v3 added the help-desk and training stores, v4 to v7 ticket indexes, v8 the word blocks, v9 a non-unique number index, v10 dropped unread indexes, v11 made outbox rows change sets, v12 active-ticket indexes, v14 the access stores, v15 the operations stores, v16 the inform stores and materials' search words; a person is written as in v2.
for (const v of [3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]) PERSON_AS_WRITTEN_BY[v] = PERSON_AS_WRITTEN_BY[2]!;

describe('schema migrations', () => {
  it('versions only go up, and each adds or changes something', () => {
    const versions = SCHEMA_HISTORY.map((v) => v.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(versions.length);
    expect(CURRENT_SCHEMA_VERSION).toBe(versions.at(-1));
  });

  it('opens a database written by every earlier version and finds all of its data', async () => {
    for (let upTo = 1; upTo < SCHEMA_HISTORY.length; upTo++) {
      const name = `migration-from-v${upTo}`;
      const device = new DeviceRef();
      device.set({ deviceId: 'old-device', clock: new HybridClock('old-device', () => 1_700_000_000_000) });
      const old = new FieldDeskDb(name, device, {}, SCHEMA_HISTORY.slice(0, upTo));
      await old.open();
      await old.meta.put({ key: 'device', value: { deviceId: 'old-device', createdAt: '2024-01-01T00:00:00.000Z' } });
      await old.meta.put({ key: 'profile', value: { staffName: 'Pat Lee', deviceName: 'Laptop 7', createdAt: '2024-01-01T00:00:00.000Z' } });
      const fixture = PERSON_AS_WRITTEN_BY[upTo];
      if (!fixture) throw new Error(`Add a fixture for data written by schema version ${upTo}`);
      await old.table('people').add(fixture.stored);
      expect(await old.outbox.count()).toBe(1);
      old.close();

      const db = await openDatabase(name);
      expect(db.verno).toBe(CURRENT_SCHEMA_VERSION);
      expect(db.device.get().deviceId).toBe('old-device');
      expect((await db.meta.get('profile'))?.value).toMatchObject({ staffName: 'Pat Lee' });
      const person = await db.people.get('p-1');
      expect(person).toMatchObject(fixture.expected);
      expect(await db.people.where('[kind+name]').equals([fixture.expected.kind as string, 'Rosa Diaz']).count()).toBe(1);
      const outbox = await waitingOps(db);
      expect(outbox).toHaveLength(1);
      expect(outbox[0]?.fields.name?.value).toBe('Rosa Diaz');
      db.close();
      await db.delete();
    }
  });
});

describe('schema 16 (inform)', () => {
  it('gives materials written before it their search words, and adds the inform stores', async () => {
    const old = await openedAt('migration-inform-16', 12);
    await old.table('materials').add({ id: 'm-1', kind: 'workInstruction', title: 'Reset a jury portal password', system: 'Jury portal', body: 'Open Configuración', images: [], version: 1, createdAt: '2024-01-01T00:00:00.000Z', updatedAt: '2024-01-01T00:00:00.000Z', stamps: {}, deleted: 0 });
    old.close();
    const db = await openDatabase('migration-inform-16');
    expect(db.verno).toBeGreaterThanOrEqual(16);
    expect(await db.table('materials').where('words').startsWith('configuracion').primaryKeys()).toEqual(['m-1']);
    expect(await db.table('cannedResponses').count()).toBe(0);
    // Deriving words is not a change to sync: only the material's own creation waits.
    expect(await waitingCount(db)).toBe(1);
    db.close();
    await db.delete();
  });
});

/** A database as schema version `upTo` left it, with this device's record. */
async function openedAt(name: string, upTo: number): Promise<FieldDeskDb> {
  const device = new DeviceRef();
  device.set({ deviceId: 'old-device', clock: new HybridClock('old-device', () => 1_700_000_000_000) });
  const old = new FieldDeskDb(name, device, {}, SCHEMA_HISTORY.filter((v) => v.version <= upTo));
  await old.open();
  await old.meta.put({ key: 'device', value: { deviceId: 'old-device', createdAt: '2024-01-01T00:00:00.000Z' } });
  return old;
}

/** A ticket row as v5 and v6 wrote it; `fields` set what a test is about. */
const ticketRow = (id: string, fields: Record<string, unknown>) => ({ id, number: `AB12-0000${id}`, siteId: 's', status: 'open', priority: 'P3', pendingReason: null, due: '~', createdAt: '2024-01-01T00:00:00.000Z', updatedAt: '2024-01-01T00:00:00.000Z', assigneeKey: '-', words: [], tags: [], deleted: 0, stamps: {}, ...fields });

/** Tickets written by schema `version`, then the primary keys in one range of an index the upgrade built. */
async function keysAfterUpgrade(version: number, rows: Record<string, unknown>[], index: string, lower: unknown[], upper: unknown[]): Promise<unknown[]> {
  const name = `migration-v${version}-${index}`;
  const old = await openedAt(name, version);
  await old.table('tickets').bulkAdd(rows);
  old.close();
  const db = await openDatabase(name);
  try {
    expect(db.verno).toBe(CURRENT_SCHEMA_VERSION);
    return await db.table('tickets').where(index).between(lower, upper).primaryKeys();
  } finally {
    db.close();
    await db.delete();
  }
}

describe('v12 active-ticket indexes', () => {
  const row = (id: string, status: string, updatedAt: string, siteId = 'site-a', priority = 'P3') => ticketRow(id, { status, updatedAt, siteId, priority });
  const rows = [
    row('1', 'open', '2024-02-01T00:00:00.000Z', 'site-a', 'P2'),
    row('2', 'new', '2024-03-01T00:00:00.000Z', 'site-b'),
    row('3', 'pending', '2024-01-15T00:00:00.000Z', 'site-a', 'P1'),
    row('4', 'resolved', '2024-04-01T00:00:00.000Z'),
    row('5', 'closed', '2024-05-01T00:00:00.000Z'),
    row('6', 'cancelled', '2024-06-01T00:00:00.000Z'),
  ];
  /** A database as v11 left it, holding `rows`; `before` runs on it just before it is closed. */
  const storedByV11 = async (name: string, before?: (old: FieldDeskDb) => Promise<void>) => {
    const old = await openedAt(name, 11);
    await old.table('tickets').bulkAdd(rows);
    await before?.(old);
    old.close();
  };
  const activeByUpdate = (db: FieldDeskDb) => db.table('tickets').where('[active+updatedAt+id]').between([1, '', ''], [1, '\uffff', '\uffff']).reverse().primaryKeys();
  const allOpen: TicketQuery = { filter: { statuses: ['new', 'open', 'pending'] }, sort: [{ key: 'updatedAt', dir: 'desc' }] };
  const when = { meId: 'x', now: '2024-07-01T00:00:00.000Z', endOfToday: '2024-07-01T23:59:59.999Z' };
  /** "All open" as the list reads it when too big to read whole: its plan's mode and first screen. */
  const listed = async (db: FieldDeskDb) => {
    const q = ticketQueries(ticketTables(db), { narrowCap: 0, smallCap: 0 });
    const plan = await q.plan(allOpen, when);
    return { mode: plan.mode, ids: (await q.broadWindow(allOpen, when, 0, 10)).rows.map((r) => r.id) };
  };

  it('the upgrade only marks the fill; the background fill then puts active tickets written by v11 in the new indexes, in order, logging nothing for sync', async () => {
    const name = 'migration-v11-active';
    let logged = 0;
    await storedByV11(name, async (old) => {
      logged = (await waitingOps(old)).length;
    });

    const db = await openDatabase(name);
    try {
      expect(db.verno).toBe(CURRENT_SCHEMA_VERSION);
      // Opening did not rewrite the tickets: the list keeps to the per-status indexes until the fill is done.
      expect(activeIndexesReady(db)).toBe(false);
      expect(await activeByUpdate(db)).toEqual([]);
      expect(await listed(db)).toEqual({ mode: 'broad', ids: ['2', '1', '3'] });

      expect(await fillActiveKeys(db, { chunk: 4 })).toEqual({ read: 6, written: 3 });
      expect(activeIndexesReady(db)).toBe(true);
      expect(await db.meta.get(ACTIVE_KEYS_FILL)).toBeUndefined();
      expect(await activeByUpdate(db)).toEqual(['2', '1', '3']);
      expect(await db.table('tickets').where('[siteId+active+priority+id]').between(['site-a', 1, '', ''], ['site-a', 1, '\uffff', '\uffff']).primaryKeys()).toEqual(['3', '1']);
      expect((await db.table('tickets').get('5'))?.active).toBeUndefined();
      expect(await listed(db)).toEqual({ mode: 'broad', ids: ['2', '1', '3'] });
      expect((await waitingOps(db)).length).toBe(logged);
    } finally {
      db.close();
      await db.delete();
    }
    // Opened again, there is nothing left to fill.
    const again = await openedAt(`${name}-again`, 11);
    again.close();
    const fresh = await openDatabase(`${name}-again`);
    expect(activeIndexesReady(fresh)).toBe(true);
    fresh.close();
    await fresh.delete();
  });

  it('a fill stopped part way resumes at its mark after the app starts again', async () => {
    const name = 'migration-v11-active-resume';
    await storedByV11(name);
    const first = await openDatabase(name);
    const stop = new AbortController();
    // One chunk of two tickets, then stopped, as a closed window would.
    await fillActiveKeys(first, { chunk: 2, pause: async () => stop.abort(), signal: stop.signal });
    expect((await first.meta.get(ACTIVE_KEYS_FILL))?.value).toBe('2');
    expect(await activeByUpdate(first)).toEqual(['2', '1']);
    first.close();

    const db = await openDatabase(name);
    try {
      expect(activeIndexesReady(db)).toBe(false);
      expect(await fillActiveKeys(db, { chunk: 2 })).toEqual({ read: 4, written: 1 });
      expect(await activeByUpdate(db)).toEqual(['2', '1', '3']);
    } finally {
      db.close();
      await db.delete();
    }
  });

  it('the app starts the fill in the background when the database opens with one due', async () => {
    const name = 'migration-v11-active-started';
    await storedByV11(name);
    const db = await openDatabase(name);
    try {
      const stop = startActiveKeysFill(db);
      for (let i = 0; i < 200 && !activeIndexesReady(db); i++) await new Promise((r) => setTimeout(r, 5));
      stop();
      expect(activeIndexesReady(db)).toBe(true);
      expect(await activeByUpdate(db)).toEqual(['2', '1', '3']);
    } finally {
      db.close();
      await db.delete();
    }
  });

  it('a database made at v12 has nothing to fill', async () => {
    const db = await openDatabase('v12-fresh');
    try {
      expect(activeIndexesReady(db)).toBe(true);
      expect(await db.meta.get(ACTIVE_KEYS_FILL)).toBeUndefined();
    } finally {
      db.close();
      await db.delete();
    }
  });
});

describe('v9 ticket numbers not unique', () => {
  it('tickets written by v8 keep their numbers in the index, and a second ticket with a taken number can be stored', async () => {
    const name = 'migration-v8-number';
    const old = await openedAt(name, 8);
    await old.table('tickets').bulkAdd([ticketRow('1', { number: 'KX7Q-00001' }), ticketRow('2', { number: 'KX7Q-00002' })]);
    // v8 refuses a second ticket numbered KX7Q-00001: the unique index this version drops.
    await expect(old.table('tickets').add(ticketRow('3', { number: 'KX7Q-00001' }))).rejects.toThrow(/ConstraintError|constraint/i);
    old.close();
    const db = await openDatabase(name);
    try {
      expect(db.verno).toBe(CURRENT_SCHEMA_VERSION);
      await db.transaction('rw', db.table('tickets'), (tx) => {
        markRemote(tx.idbtrans);
        return db.table('tickets').put(ticketRow('3', { number: 'KX7Q-00001' }));
      });
      expect(await db.table('tickets').where('number').equals('KX7Q-00001').primaryKeys()).toEqual(['1', '3']);
      expect(await db.table('tickets').where('number').equals('KX7Q-00002').primaryKeys()).toEqual(['2']);
    } finally {
      db.close();
      await db.delete();
    }
  });
});

describe('v7 assignee index', () => {
  it('tickets written by v6 are found by assignee and status, in priority order, after the upgrade', async () => {
    const row = (id: string, assigneeKey: string, status: string, priority: string) => ticketRow(id, { assigneeKey, status, priority });
    const rows = [row('1', '-', 'new', 'P4'), row('2', '-', 'new', 'P2'), row('3', 'staff-a', 'new', 'P1'), row('4', '-', 'closed', 'P1')];
    const unassigned = await keysAfterUpgrade(6, rows, '[assigneeKey+status+priority+id]', ['-', 'new', '', ''], ['-', 'new', '\uffff', '\uffff']);
    expect(unassigned).toEqual(['2', '1']);
  });
});

describe('v6 site index', () => {
  it('tickets written by v5 are found by site and status, in priority order, after the upgrade', async () => {
    const row = (id: string, siteId: string, status: string, priority: string) => ticketRow(id, { siteId, status, priority });
    const rows = [row('1', 'site-a', 'open', 'P3'), row('2', 'site-a', 'open', 'P1'), row('3', 'site-b', 'open', 'P1'), row('4', 'site-a', 'closed', 'P1')];
    const open = await keysAfterUpgrade(5, rows, '[siteId+status+priority+id]', ['site-a', 'open', '', ''], ['site-a', 'open', '\uffff', '\uffff']);
    expect(open).toEqual(['2', '1']);
  });
});

describe('v5 pending-reason index', () => {
  it('pending tickets written by v4 are found by reason, in order of update, after the upgrade; others are not in it', async () => {
    const name = 'migration-v4-pending';
    const old = await openedAt(name, 4);
    const row = (id: string, status: string, pendingReason: string | null, updatedAt: string) => ({ id, number: `AB12-0000${id}`, status, pendingReason, priority: 'P3', due: '~', createdAt: '2024-01-01T00:00:00.000Z', updatedAt, assigneeKey: '-', words: [], tags: [], deleted: 0, stamps: {} });
    await old.table('tickets').bulkAdd([
      row('1', 'pending', 'waiting_on_requester', '2024-03-01T00:00:00.000Z'),
      row('2', 'pending', 'waiting_on_vendor', '2024-02-01T00:00:00.000Z'),
      row('3', 'pending', 'waiting_on_requester', '2024-02-01T00:00:00.000Z'),
      row('4', 'open', null, '2024-01-01T00:00:00.000Z'),
    ]);
    old.close();

    const db = await openDatabase(name);
    const index = db.table('tickets').where('[pendingReason+updatedAt+id]');
    expect(await index.between(['waiting_on_requester', '', ''], ['waiting_on_requester', '\uffff', '\uffff']).primaryKeys()).toEqual(['3', '1']);
    expect(await db.table('tickets').where('[pendingReason+updatedAt+id]').between([''], ['\uffff']).count()).toBe(3);
    db.close();
    await db.delete();
  });
});

describe('v4 list indexes', () => {
  it('tickets written by v3 are found through the per-status sort indexes after the upgrade', async () => {
    const name = 'migration-v3-tickets';
    const old = await openedAt(name, 3);
    const row = (id: string, status: string, updatedAt: string) => ({ id, number: `AB12-0000${id}`, status, priority: 'P3', due: '~', createdAt: '2024-01-01T00:00:00.000Z', updatedAt, assigneeKey: '-', words: [], tags: [], deleted: 0, stamps: {} });
    await old.table('tickets').bulkAdd([row('1', 'open', '2024-02-01T00:00:00.000Z'), row('2', 'open', '2024-03-01T00:00:00.000Z'), row('3', 'closed', '2024-04-01T00:00:00.000Z')]);
    old.close();

    const db = await openDatabase(name);
    expect(db.verno).toBe(CURRENT_SCHEMA_VERSION);
    const open = await db.table('tickets').where('[status+updatedAt+id]').between(['open', '', ''], ['open', '\uffff', '\uffff']).reverse().primaryKeys();
    expect(open).toEqual(['2', '1']);
    db.close();
    await db.delete();
  });
});

describe('v10 unread indexes dropped', () => {
  it('work log, history and outbox written by v9 are still found by ticket and read in order, without the dropped indexes', async () => {
    const name = 'migration-v9-dropped-indexes';
    const old = await openedAt(name, 9);
    const entry = (id: string, ticketId: string, at: string) => ({ id, ticketId, at, kind: 'note', body: `entry ${id}`, authorId: 'staff-1', minutes: 5, deleted: 0, stamps: {} });
    await old.table('workLog').bulkAdd([entry('w1', 't1', '2024-01-02'), entry('w2', 't2', '2024-01-03'), entry('w3', 't1', '2024-01-01')]);
    await old.table('ticketHistory').bulkAdd([{ id: 'h1', ticketId: 't1', at: '2024-01-01', field: 'status', old: 'new', new: 'open', by: 'staff-1', deviceId: 'old-device', stamps: {} }]);
    const opIds = (await waitingOps(old)).map((o) => o.opId);
    old.close();

    const db = await openDatabase(name);
    const idb = db.backendDB();
    const indexes = (store: string) => [...idb.transaction(store).objectStore(store).indexNames].sort();
    expect(indexes('workLog')).toEqual(['[ticketId+at]']);
    expect(indexes('ticketHistory')).toEqual(['[ticketId+at]']);
    expect(indexes('outbox')).toEqual(['n']); // v11's count of waiting changes
    // `ticketId` is now the first part of `[ticketId+at]`, which Dexie reads as an index of its own.
    expect((await db.table('workLog').where('ticketId').equals('t1').toArray()).map((e) => e.id).sort()).toEqual(['w1', 'w3']);
    expect((await db.table('workLog').where('ticketId').anyOf(['t1', 't2']).primaryKeys()).sort()).toEqual(['w1', 'w2', 'w3']);
    expect(await db.table('ticketHistory').where('ticketId').equals('t1').count()).toBe(1);
    // The change log v9 wrote is still there, in order, and new changes go after it.
    expect((await waitingOps(db)).map((o) => o.opId)).toEqual(opIds);
    await db.table('workLog').put({ ...entry('w4', 't2', '2024-01-04') });
    const after = await waitingOps(db);
    expect(after).toHaveLength(opIds.length + 1);
    expect(after.at(-1)).toMatchObject({ table: 'workLog', id: 'w4' });
    db.close();
    await db.delete();
  });
});

describe('data version', () => {
  it('backups and the Dexie schema agree on the version of the data', async () => {
    const { DATA_SCHEMA_VERSION } = await import('../../../../shared/data-version');
    expect(DATA_SCHEMA_VERSION).toBe(CURRENT_SCHEMA_VERSION);
  });
});

describe('v11 outbox rows are change sets', () => {
  it('rows written by v10 (one change each) keep their op numbers, and new change sets number after them', async () => {
    const name = 'migration-v10-change-sets';
    const old = await openedAt(name, 10);
    // As v10's change log wrote them: one row per change, the row key its op number.
    const v10Row = (opId: string, id: string, value: string) => ({ opId, table: 'people', id, fields: { name: { value, stamp: FUTURE_STAMP } }, at: '2024-01-01T00:00:00.000Z' });
    await old.outbox.bulkAdd([v10Row('op-1', 'p-1', 'Rosa'), v10Row('op-2', 'p-2', 'Ana'), v10Row('op-3', 'p-1', 'Rosa Diaz')] as never[]);
    expect(isStamp(FUTURE_STAMP)).toBe(true);
    await old.outbox.delete(1); // settled by a push
    old.close();

    const db = await openDatabase(name);
    const legacy = await waitingOps(db);
    expect(legacy.map((o) => [o.deviceSeq, o.opId, o.id, o.fields.name?.value])).toEqual([
      [2, 'op-2', 'p-2', 'Ana'],
      [3, 'op-3', 'p-1', 'Rosa Diaz'],
    ]);
    expect(await waitingCount(db)).toBe(2);
    // Two writes placed together share one new row, numbered above every legacy op.
    await db.transaction('rw', db.people, () => Promise.all([db.people.add(person('p-3', 'Ivy')), db.people.add(person('p-4', 'Lee'))]));
    const rows = await db.outbox.toArray();
    expect(rows.map((r) => r.n)).toEqual([1, 1, 2]);
    const fresh = (await waitingOps(db)).slice(2);
    expect(fresh.map((o) => [o.deviceSeq, o.id])).toEqual([
      [4 * SLOTS, 'p-3'],
      [4 * SLOTS + 1, 'p-4'],
    ]);
    expect(await waitingCount(db)).toBe(4);
    // The clock resumed from the legacy rows' stamps (ahead of the wall clock here), so new stamps sort after them.
    expect(fresh.every((o) => (o.fields.name?.stamp ?? '') > FUTURE_STAMP)).toBe(true);
    db.close();
    await db.delete();
  });
});

const FUTURE_STAMP = '009999999999999:000005:old-device';
const person = (id: string, name: string) => ({ id, name, email: '', phone: '', agency: '', site: '', title: '', kind: 'requester' as const, createdAt: '2024-01-01', updatedAt: '2024-01-01', stamps: {}, deleted: 0 as const });

describe('saying an upgrade is due', () => {
  it('is due when the stored database is at an older schema (Dexie stores version × 10); not when current, newer or new', () => {
    const current = CURRENT_SCHEMA_VERSION;
    expect(upgradeDue([{ name: 'other', version: 10 }, { name: 'fielddesk', version: (current - 1) * 10 }], 'fielddesk', current)).toBe(true);
    expect(upgradeDue([{ name: 'fielddesk', version: current * 10 }], 'fielddesk', current)).toBe(false);
    expect(upgradeDue([{ name: 'fielddesk', version: (current + 1) * 10 }], 'fielddesk', current)).toBe(false);
    expect(upgradeDue([{ name: 'other', version: 10 }], 'fielddesk', current)).toBe(false);
    expect(upgradeDue([], 'fielddesk', current)).toBe(false);
  });

  it('agrees with what a database opened at an older version reports', async () => {
    const old = await openedAt('upgrade-due-check', 11);
    old.close();
    expect(upgradeDue(await indexedDB.databases(), 'upgrade-due-check', CURRENT_SCHEMA_VERSION)).toBe(true);
    const db = await openDatabase('upgrade-due-check');
    db.close();
    expect(upgradeDue(await indexedDB.databases(), 'upgrade-due-check', CURRENT_SCHEMA_VERSION)).toBe(false);
    await db.delete();
  });
});
