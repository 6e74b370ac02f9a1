import type { FastifyInstance } from 'fastify';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../../../server/db/db';
import { migrate } from '../../../../server/db/migrations';
import { purgeTombstones } from '../../../../server/sync/tombstones';
import { PullResponseSchema, type PullResponse } from '../../../../shared/sync/protocol';
import { addUser, bearer, makeApp, op, openTables, PASSWORD, pullAll, push, resetDb, resetSeqs, resetSyncData, signIn, T0, testClock } from './harness';

/** The mechanics of tiers, not the rules: the real table names with open rules. */
const TABLES = openTables({ people: 'lww', sites: 'lww', tickets: 'lww', workLog: 'append', ticketHistory: 'append', courses: 'lww' });

type Page = Extract<PullResponse, { status: 'page' }>;

/**
 * A first sync in tiers (docs/sync-protocol.md, "First sync in tiers"):
 * the tiers come in order, each complete, and nothing committed during the
 * fill is lost. Run on PGlite and on real PostgreSQL.
 */
export function describeFirstSyncTiers(label: string, getDb: () => Promise<Db>): void {
  describe(`first sync in tiers on ${label}`, () => {
    let db: Db;
    let app: FastifyInstance;
    let tech: string;
    let wall = T0;

    async function pullTiered(cursor: string | undefined, limit: number, tiered = true): Promise<Page> {
      const res = await app.inject({ method: 'POST', url: '/v1/sync/pull', headers: bearer(tech), payload: { cursor, limit, tiered } });
      expect(res.statusCode, res.body).toBe(200);
      const body = PullResponseSchema.parse(res.json());
      if (body.status !== 'page') throw new Error(`expected a page, got ${res.body}`);
      return body;
    }

    /** Like the client: each page replaces what it names; returns the last cursor. */
    async function fill(into: Map<string, Record<string, unknown>>, limit: number, between?: (page: Page, i: number) => Promise<void>) {
      const pages: Page[] = [];
      let cursor: string | undefined;
      for (let i = 0; ; i++) {
        const page = await pullTiered(cursor, limit);
        pages.push(page);
        for (const r of page.records) into.set(`${r.table}/${r.id}`, r.fields);
        cursor = page.cursor;
        await between?.(page, i);
        if (!page.hasMore) return { pages, cursor };
      }
    }

    const write = (table: string, id: string, fields: Record<string, unknown>) => push(app, tech, [op('dev-t', table, id, fields, (wall += 1000))]);

    async function seed() {
      await write('people', 'p1', { name: 'Ada' });
      await write('sites', 's1', { name: 'Court' });
      for (let i = 0; i < 12; i++) await write('tickets', `t${String(i).padStart(2, '0')}`, { status: i % 3 === 0 ? 'open' : 'closed', title: `T${i}` });
      await write('tickets', 'tpending', { status: 'pending', title: 'waiting' });
      await write('tickets', 'tgone', { status: 'open', title: 'deleted', deleted: 1 });
      await write('workLog', 'w-open', { ticketId: 't00', body: 'on an open ticket' });
      await write('workLog', 'w-closed', { ticketId: 't01', body: 'on a closed ticket' });
      await write('ticketHistory', 'h-open', { ticketId: 't00', field: 'status' });
      await write('courses', 'c1', { title: 'Filing' });
      await write('people', 'p2', { name: 'Bo' });
    }

    beforeAll(async () => {
      db = await getDb();
      await migrate(db);
      await resetDb(db);
      app = makeApp(db, testClock(), { tables: TABLES });
      await addUser(db, 'tech@agency.gov', 'technician');
      tech = await signIn(app, 'tech@agency.gov', PASSWORD, '10.0.0.1', 'dev-t');
    });
    beforeEach(async () => {
      await resetSyncData(db);
      resetSeqs();
      wall = T0;
      await seed();
    });

    it('sends reference data, then active tickets with their work log, then the rest, and counts each tier first', async () => {
      const got = new Map<string, Record<string, unknown>>();
      const { pages, cursor } = await fill(got, 3);
      const byTier = (tier: string) => pages.filter((p) => p.tier === tier).flatMap((p) => p.records.map((r) => `${r.table}/${r.id}`));
      expect(pages.every((p) => p.tier !== undefined)).toBe(true);
      // Tiers in order, never mixed.
      const order = pages.map((p) => p.tier);
      expect(order).toEqual([...order].sort((a, b) => ['reference', 'open', 'rest'].indexOf(a!) - ['reference', 'open', 'rest'].indexOf(b!)));
      expect(byTier('reference').sort()).toEqual(['people/p1', 'people/p2', 'sites/s1']);
      expect(byTier('open').sort()).toEqual(['tickets/t00', 'tickets/t03', 'tickets/t06', 'tickets/t09', 'tickets/tpending', 'workLog/w-open']);
      // The rest: closed and deleted tickets, history, other features, and the children of active tickets again.
      expect(byTier('rest')).toContain('tickets/t01');
      expect(byTier('rest')).toContain('tickets/tgone');
      expect(byTier('rest')).toContain('ticketHistory/h-open');
      expect(byTier('rest')).toContain('workLog/w-open');
      expect(byTier('rest')).toContain('courses/c1');
      expect(byTier('rest')).not.toContain('tickets/t00');
      expect(pages[0]?.tierCounts).toEqual({
        reference: { people: 2, sites: 1 },
        open: { tickets: 5, workLog: 1 },
        rest: { courses: 1, ticketHistory: 1, tickets: 9, workLog: 2 },
      });
      expect(pages.slice(1).every((p) => p.tierCounts === undefined)).toBe(true);
      // The same records as an ordinary pull from the start, and its last cursor is an ordinary one.
      const full = await pullAll(app, tech);
      expect([...got.keys()].sort()).toEqual(full.records.map((r) => `${r.table}/${r.id}`).sort());
      expect(cursor).toBe(full.cursor);
      expect(cursor).not.toContain('tier');
    });

    it('loses nothing committed during the fill, whatever moves between tiers', async () => {
      const got = new Map<string, Record<string, unknown>>();
      let cursor = '';
      let restSeen = false;
      await fill(got, 2, async (page, i) => {
        cursor = page.cursor;
        if (i === 0) {
          // Before the open tier: an open ticket closed, a new person, a new open ticket.
          await write('tickets', 't00', { status: 'resolved' });
          await write('people', 'p3', { name: 'Cy' });
          await write('tickets', 'tnew', { status: 'new', title: 'new during the fill' });
        }
        if (page.tier === 'rest' && !restSeen) {
          restSeen = true;
          // The open tier is read: reopening a closed ticket moves its unchanged work-log entry
          // into it, so only the rest can still bring that entry.
          expect(got.has('workLog/w-closed')).toBe(false);
          await write('tickets', 't01', { status: 'open' });
          await write('tickets', 't02', { deleted: 1 });
          await write('tickets', 't11', { title: 'renamed late' });
          await write('workLog', 'w-late', { ticketId: 't03', body: 'late entry' });
        }
      });
      // After the fill, the ordinary cursor brings what the fill's pages did not.
      expect(cursor).not.toContain('tier');
      const full = await pullAll(app, tech);
      const truth = new Map(full.records.map((r) => [`${r.table}/${r.id}`, r.fields]));
      expect(new Map([...got].sort())).toEqual(new Map([...truth].sort()));
      expect(got.get('tickets/t01')?.status).toBe('open');
      expect(got.get('tickets/t00')?.status).toBe('resolved');
      expect(got.get('tickets/t02')?.deleted).toBe(1);
      expect(got.get('tickets/t11')?.title).toBe('renamed late');
      expect(got.has('workLog/w-closed')).toBe(true);
    });

    it('an old client (no `tiered`) gets an ordinary pull; `tiered` with a cursor already going is ignored', async () => {
      const res = await app.inject({ method: 'POST', url: '/v1/sync/pull', headers: bearer(tech), payload: { limit: 5 } });
      const page = PullResponseSchema.parse(res.json()) as Page;
      expect(page.tier).toBeUndefined();
      expect(page.records[0]?.id).toBe('p1');
      expect(page.records[1]?.id).toBe('s1');
      expect(page.records[2]?.table).toBe('tickets');
      const next = await pullTiered(page.cursor, 5);
      expect(next.tier).toBeUndefined();
      expect(next.records[0]?.seq).toBeGreaterThan(page.records[4]!.seq);
    });

    it('a tier cursor resumes exactly where it stopped (a page pulled again gives the same records)', async () => {
      const first = await pullTiered(undefined, 4);
      const second = await pullTiered(first.cursor, 4);
      const again = await pullTiered(first.cursor, 4);
      expect(again.records).toEqual(second.records);
      expect(again.cursor).toBe(second.cursor);
    });

    it('tier cursors: another database is an epoch resync, a head beyond the server is ahead, a forged tier is invalid; a purge never sends them back', async () => {
      const first = await pullTiered(undefined, 2);
      const [, epoch, pos, , tier, upTo] = first.cursor.split('.');
      const send = (cursor: string) => app.inject({ method: 'POST', url: '/v1/sync/pull', headers: bearer(tech), payload: { cursor } });
      expect((await send(`v1.${'ab'.repeat(16)}.${pos}.tier.${tier}.${upTo}`)).json()).toMatchObject({ status: 'resync', reason: 'epoch' });
      expect((await send(`v1.${epoch}.0.tier.${tier}.${Number(upTo) + 100}`)).json()).toMatchObject({ status: 'resync', reason: 'ahead' });
      expect((await send(`v1.${epoch}.0.tier.secret.${upTo}`)).statusCode).toBe(400);
      expect((await send(`v1.${epoch}.${Number(upTo) + 1}.tier.rest.${upTo}`)).statusCode).toBe(400);
      // A purge of tombstones numbered below the fill's head does not send it back to the start.
      await db.query('UPDATE sync_state SET horizon_seq = seq WHERE id = 1');
      await purgeTombstones(db, T0 + 365 * 24 * 3600_000, 1);
      const next = (await send(first.cursor)).json() as Page;
      expect(next.status).toBe('page');
    });
  });
}
