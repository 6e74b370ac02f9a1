import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type FieldDeskDb } from '../../../../renderer/src/data/db';
import { markRemote } from '../../../../renderer/src/data/changelog';
import { accessTables } from '../../../../renderer/src/data/repositories/access/tables';
import { activeGrantsPage } from '../../../../renderer/src/data/repositories/access/active-page';

let n = 0;
const opened: FieldDeskDb[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) {
    db.close();
    await db.delete();
  }
});

const meta = { stamps: {}, deleted: 0 as const, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' };
const person = (id: string, name: string) => ({ id, name, email: `${id}@court.example`, phone: '', agency: '', site: '', title: '', kind: 'requester', ...meta });
const grant = (id: string, personId: string, status = 'active', deleted: 0 | 1 = 0) => ({ id, personId, systemId: 's1', entitlementId: `e-${id}`, requestId: null, approvalIds: [], from: '2026-01-01', until: null, status, revocationId: null, endedAt: null, lastReviewedAt: null, ...meta, deleted });

async function setup(people: ReturnType<typeof person>[], grants: ReturnType<typeof grant>[]) {
  const db = await openDatabase(`access-active-${++n}`);
  opened.push(db);
  await db.transaction('rw', db.table('people'), db.table('grants'), async (tx) => {
    markRemote(tx.idbtrans);
    await db.table('people').bulkPut(people);
    await db.table('grants').bulkPut(grants);
  });
  return { db, t: accessTables(db) };
}

describe('the Active view’s first screen', () => {
  it('lists grants in force in name order, one screen at a time, without ended, deleted or strangers’ grants cutting in', async () => {
    const people = [person('p1', 'Zoe Zeller'), person('p2', 'Ana Ruiz'), person('p3', 'Bea Boss'), person('p4', 'Carl Nobody')];
    const grants = [grant('g1', 'p1'), grant('g2', 'p2'), grant('g3', 'p2', 'revoking'), grant('g4', 'p3', 'revoked'), grant('g5', 'p3', 'active', 1), grant('g6', 'p3'), grant('g7', 'gone')];
    const { db, t } = await setup(people, grants);
    const all = await activeGrantsPage(db, t, 50);
    expect(all.rows.map((r) => [r.personName, r.grant.id])).toEqual([
      ['Ana Ruiz', 'g2'],
      ['Ana Ruiz', 'g3'],
      ['Bea Boss', 'g6'],
      ['Zoe Zeller', 'g1'],
      ['Someone not in the directory', 'g7'],
    ]);
    expect(all.more).toBe(false);
    const first = await activeGrantsPage(db, t, 2);
    expect(first.rows.map((r) => r.grant.id)).toEqual(['g2', 'g3']);
    expect(first.more).toBe(true);
  });

  it('reads one batch of people for a screen, not the whole directory', async () => {
    const people = Array.from({ length: 500 }, (_, i) => person(`p${i}`, `Person ${String(i).padStart(4, '0')}`));
    const grants = people.map((p, i) => grant(`g${i}`, p.id));
    const { db, t } = await setup(people, grants);
    const people$ = db.table('people');
    let read = 0;
    // Count the person records materialised through the name index.
    const orderBy = people$.orderBy.bind(people$);
    people$.orderBy = ((k: string) => {
      const c = orderBy(k);
      const offset = c.offset.bind(c);
      c.offset = (o: number) => {
        const c2 = offset(o);
        const limit = c2.limit.bind(c2);
        c2.limit = (l: number) => {
          read += l;
          return limit(l);
        };
        return c2;
      };
      return c;
    }) as typeof people$.orderBy;
    const page = await activeGrantsPage(db, t, 50);
    expect(page.rows).toHaveLength(50);
    expect(page.rows[0]!.personName).toBe('Person 0000');
    expect(page.more).toBe(true);
    expect(read).toBeLessThanOrEqual(100);
  });
});
