import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import type * as Uuid from '../../../../shared/ids/uuidv7';

// Make the change log's opId collide with an existing outbox row, so the
// middleware's own outbox write fails inside the user's transaction.
const ids = vi.hoisted(() => ({ forced: [] as string[] }));
vi.mock('../../../../shared/ids/uuidv7', async (original) => {
  const real = await original<typeof Uuid>();
  return { ...real, uuidv7: (...args: Parameters<typeof real.uuidv7>) => ids.forced.shift() ?? real.uuidv7(...args) };
});

const { openDatabase } = await import('../../../../renderer/src/data/db');
const { peopleRepository } = await import('../../../../renderer/src/data/repositories/people');

describe('change log atomicity', () => {
  it('aborts the record write when its outbox entry cannot be written', async () => {
    const db = await openDatabase('atomicity-test');
    await db.outbox.add({ opId: 'taken', table: 'people', id: 'other', fields: {}, at: '' });
    ids.forced.push('0190a0b0-0000-7000-8000-0000000000aa', 'taken'); // person id, then the clashing opId
    await expect(peopleRepository(db).create({ name: 'Ivy Lund' })).rejects.toThrow();
    expect(await db.people.count()).toBe(0);
    expect(await db.outbox.count()).toBe(1);
    db.close();
    await db.delete();
  });
});
