import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { waitingCount } from '../../../../renderer/src/sync/pending';

const { openDatabase } = await import('../../../../renderer/src/data/db');
const { peopleRepository } = await import('../../../../renderer/src/data/repositories/people');

// Make the change log's own outbox write fail inside the user's transaction, as a full disk or a
// refused key would: IndexedDB refuses the request when it is made.
const realAdd = IDBObjectStore.prototype.add;
let refuse: string | null = null;
IDBObjectStore.prototype.add = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['add']>) {
  if (this.name === refuse) throw new DOMException(`The ${refuse} store refused the record`, 'DataError');
  return realAdd.apply(this, args);
};
afterEach(() => {
  refuse = null;
});

describe('change log atomicity', () => {
  it('aborts the record write when its outbox entry cannot be written', async () => {
    const db = await openDatabase('atomicity-test');
    await db.outbox.add({ at: '', n: 1, changes: [{ opId: 'earlier', table: 'people', id: 'other', fields: {} }] });
    refuse = 'outbox';
    await expect(peopleRepository(db).create({ name: 'Ivy Lund' })).rejects.toThrow();
    refuse = null;
    expect(await db.people.count()).toBe(0);
    expect(await waitingCount(db)).toBe(1);
    // With the outbox writable again, the same save goes through, logged.
    expect((await peopleRepository(db).create({ name: 'Ivy Lund' })).ok).toBe(true);
    expect(await db.people.count()).toBe(1);
    expect(await waitingCount(db)).toBe(2);
    db.close();
    await db.delete();
  });

  it('writes no log entry when the record itself is refused', async () => {
    const db = await openDatabase('atomicity-record-test');
    refuse = 'people';
    await expect(peopleRepository(db).create({ name: 'Ivy Lund' })).rejects.toThrow(/people store refused/);
    refuse = null;
    expect(await db.people.count()).toBe(0);
    expect(await waitingCount(db)).toBe(0);
    db.close();
    await db.delete();
  });
});
