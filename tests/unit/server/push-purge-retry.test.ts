import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Db, Queryable } from '../../../server/db/db';
import { migrate } from '../../../server/db/migrations';
import { openPglite } from '../../../server/db/pglite';
import { addUser, makeApp, op, openTables, pullAll, push, resetDb, signIn, testClock, T0 } from './support/harness';

let inner: Db;
beforeAll(async () => {
  inner = await openPglite();
  await migrate(inner);
});
afterAll(() => inner.close());

// lockRecords' placeholder insert: empty records at sequence 0 for the ids a push names.
const PLACEHOLDERS = /INSERT INTO records[\s\S]*'\{\}'::jsonb, '\{\}'::jsonb, 0, false[\s\S]*ON CONFLICT \(tbl, id\) DO NOTHING/;

/**
 * The database, where a tombstone purge can be made to land between a push's
 * placeholder insert and its row locks: the moment a concurrent purge commits
 * in production, made deterministic here. Counts the placeholder inserts.
 */
function purgeBetweenStatements(db: Db, victim: { tbl: string; id: string }) {
  let armed = false;
  let placeholders = 0;
  const wrap = (tx: Queryable): Queryable => ({
    async query<R>(sql: string, params?: readonly unknown[]) {
      const res = await tx.query<R>(sql, params);
      if (PLACEHOLDERS.test(sql)) {
        placeholders++;
        if (armed) {
          armed = false;
          await tx.query('DELETE FROM records WHERE tbl = $1 AND id = $2', [victim.tbl, victim.id]);
        }
      }
      return res;
    },
  });
  const wrapped = Object.create(db) as Db & { transaction: Db['transaction'] };
  wrapped.transaction = (fn) => db.transaction((tx) => fn(wrap(tx)));
  return { db: wrapped as Db, arm: () => (armed = true), placeholders: () => placeholders };
}

it('a record purged between a push placeholder and its lock is tried again, and the write is not lost', async () => {
  await resetDb(inner);
  const purge = purgeBetweenStatements(inner, { tbl: 'people', id: 'p-1' });
  // Open tables: the purged record comes back as just the edit, which people's schema would refuse; this test is about the lock retry.
  const app = makeApp(purge.db, testClock(), { tables: openTables({ people: 'lww' }) });
  await addUser(inner, 'tess@agency.gov', 'technician');
  const token = await signIn(app, 'tess@agency.gov');

  const created = await push(app, token, [op('dev-a', 'people', 'p-1', { name: 'Ana', deleted: 0 })]);
  expect(created.status).toBe(200);
  expect(created.body.applied).toHaveLength(1);

  purge.arm();
  const before = purge.placeholders();
  const edit = op('dev-a', 'people', 'p-1', { name: 'Ana Ruiz' }, T0 + 1000);
  const edited = await push(app, token, [edit]);
  expect(edited.status).toBe(200);
  expect(edited.body.applied).toEqual([edit.opId]);
  // The lock found the record gone and went round again: two placeholder inserts for one push.
  expect(purge.placeholders() - before).toBe(2);
  const { records } = await pullAll(app, token);
  expect(records.find((r) => r.table === 'people' && r.id === 'p-1')?.fields.name).toBe('Ana Ruiz');
  await app.close();
});
