import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimDevice } from '../../../server/auth/devices';
import type { Db } from '../../../server/db/db';
import { migrate } from '../../../server/db/migrations';
import { openPostgres } from '../../../server/db/postgres';
import { addUser } from '../../unit/server/support/harness';
import { postgresOrReason, startPostgres, type PgCluster } from './postgres';

const found = postgresOrReason();

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

describe.skipIf(!found.ok)('device registration under a retried request (real PostgreSQL)', () => {
  let cluster: PgCluster;
  let db: Db;
  let userId: string;

  beforeAll(async () => {
    if (!found.ok) return;
    cluster = await startPostgres(found);
    db = openPostgres(await cluster.createDatabase(), { maxConnections: 4 });
    await migrate(db);
    userId = await addUser(db, 'tech@agency.gov', 'technician');
  });
  afterAll(async () => {
    await db?.close();
    cluster?.stop();
  });

  it("a claim that waited on the same account's concurrent claim of the id is the account's, not taken", async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let claimedInTx!: () => void;
    const inTx = new Promise<void>((r) => (claimedInTx = r));
    // The first request's claim, not yet committed.
    const first = db.transaction(async (tx) => {
      const c = await claimDevice(tx, 'laptop-1', userId, 1);
      claimedInTx();
      await gate;
      return c;
    });
    await inTx;
    // The duplicate of that request claims the same id: its insert waits on the first one's row.
    const second = claimDevice(db, 'laptop-1', userId, 2);
    await sleep(200);
    release();
    expect(await first).toBe('ok');
    expect(await second).toBe('ok');
    // Another account still cannot have it.
    const other = await addUser(db, 'other@agency.gov', 'technician');
    expect(await claimDevice(db, 'laptop-1', other, 3)).toBe('taken');
  });
});
