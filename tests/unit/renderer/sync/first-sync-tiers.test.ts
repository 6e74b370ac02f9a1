import 'fake-indexeddb/auto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../../server/db/db';
import { openPglite } from '../../../../server/db/pglite';
import { VALIDATION_MARK } from '../../../../server/sync/write-rules';
import { generateSampleData } from '../../../../shared/sample-data';
import { formatStamp } from '../../../../shared/sync/hlc';
import { localFieldsOf } from '../../../../shared/sync/tables';
import { TIER_OPEN_STATUSES } from '../../../../shared/sync/tiers';
import type { FieldDeskDb } from '../../../../renderer/src/data/db';
import { registerFirstViewsReady } from '../../../../renderer/src/data/repositories/tickets/first-views';
import { registerTicketDerivation } from '../../../../renderer/src/data/repositories/tickets/derive';
import { refreshQueuedWords } from '../../../../renderer/src/data/repositories/tickets/word-refresh';
import { planWindow, ticketQueries, type TicketQuery } from '../../../../renderer/src/data/repositories/tickets/query';
import { ticketTables } from '../../../../renderer/src/data/repositories/tickets/tables';
import { WORDS_TO_PACK, wordBlocksUpTo } from '../../../../renderer/src/data/repositories/tickets/word-blocks';
import { advanceFill, arrivingText, readFill, registerTierDoneHook, stillArriving } from '../../../../renderer/src/sync/fill';
import { CURSOR_KEY, FILL_KEY } from '../../../../renderer/src/sync/state-keys';
import { addUser, makeDevice, startServer, type Device, type TestServer } from './support/harness';

/**
 * A new device's first sync in tiers against the real server: the first
 * views are complete and searchable before the rest arrives, the list can
 * say what is still arriving, and a fill cut at any page resumes to the same
 * data and the same search words as one that ran through.
 */

let pg: Db;
let server: TestServer;
const devices: Device[] = [];
const PAGE = 40;

/** Sample help-desk data (people, catalog, tickets, work log) stored on the server, tickets numbered first. */
async function seed(db: Db): Promise<{ tickets: number; active: number }> {
  const chunks = [...generateSampleData({ seed: 7, tickets: 160, people: 30, workLogEntries: 120, history: false, chunkSize: 500 })];
  // Tickets before people and the catalog, as on a server where they were written over time.
  chunks.sort((a, b) => (a.table === 'tickets' ? -1 : b.table === 'tickets' ? 1 : 0));
  let seq = 0;
  let active = 0;
  let tickets = 0;
  for (const chunk of chunks) {
    const local = new Set(localFieldsOf(chunk.table));
    const rows = (chunk.records as unknown as Record<string, unknown>[]).map((rec) => {
      const fields: Record<string, unknown> = {};
      const stamps: Record<string, string> = {};
      for (const [k, v] of Object.entries(rec)) {
        if (k === 'id' || local.has(k)) continue;
        fields[k] = v;
        stamps[k] = formatStamp({ wall: 1_700_000_000_000, counter: 0 }, 'seed-device');
      }
      if (chunk.table === 'tickets') {
        tickets++;
        if (TIER_OPEN_STATUSES.includes(String(rec.status))) active++;
      }
      return { tbl: chunk.table, id: rec.id, fields, stamps, seq: ++seq };
    });
    await db.query(
      `INSERT INTO records (tbl, id, fields, stamps, server_seq, deleted, updated_at_ms, valid_mark)
       SELECT x.tbl, x.id, x.fields, x.stamps, x.seq, false, 0, $2 FROM jsonb_to_recordset($1::jsonb) AS x(tbl text, id text, fields jsonb, stamps jsonb, seq bigint)`,
      [JSON.stringify(rows), VALIDATION_MARK],
    );
  }
  await db.query('UPDATE sync_state SET seq = (SELECT max(server_seq) FROM records) WHERE id = 1');
  return { tickets, active };
}

let seeded: { tickets: number; active: number };

beforeAll(async () => {
  pg = await openPglite();
  server = await startServer(pg);
  await addUser(pg, 'tech@agency.gov');
  seeded = await seed(pg);
  registerTicketDerivation();
  registerFirstViewsReady();
});
afterAll(async () => {
  await server.stop();
  await pg.close();
});
afterEach(async () => {
  for (const d of devices.splice(0)) await d.close();
});

async function device(fetchImpl: typeof fetch = fetch): Promise<Device> {
  const d = await makeDevice(server.url, { name: `tiers-${devices.length}`, engine: { fetch: fetchImpl, pageSize: PAGE } });
  devices.push(d);
  return d;
}

type Row = Record<string, unknown> & { id: string };

/** Every synced record and the tickets' search words, with the bookkeeping left out: what must come out the same. */
async function contents(db: FieldDeskDb): Promise<Record<string, Row[]>> {
  const out: Record<string, Row[]> = {};
  for (const table of ['people', 'agencies', 'sites', 'systems', 'teams', 'calendars', 'slaPolicies', 'routingRules', 'tickets', 'workLog']) {
    const rows = (await db.table(table).toArray()) as Row[];
    // `blockWords` is where a ticket of the last tier keeps its words out of the index; reads show them as `words`.
    out[table] = rows
      .map(({ blockWords: _kept, ...r }) => ({ ...r, ...(Array.isArray(r.words) ? { words: [...(r.words as string[])].sort() } : {}) }))
      .sort((a, b) => (a.id < b.id ? -1 : 1));
  }
  return out;
}

/** After the fill, what the background refresher does: complete the rest's words. */
async function settled(d: Device): Promise<Record<string, Row[]>> {
  await refreshQueuedWords(d.db, { pause: async () => {} });
  return contents(d.db);
}

/** Every row a search lists on one device, page by page as the list reads them. */
async function searchAll(db: FieldDeskDb, text: string): Promise<string[]> {
  const ctx = { meId: 'x', now: '2025-06-02T17:00:00.000Z', endOfToday: '2025-06-03T06:59:59.999Z' };
  const q: TicketQuery = { filter: { text }, sort: [{ key: 'updatedAt', dir: 'desc' }] };
  const queries = ticketQueries(ticketTables(db));
  const plan = await queries.plan(q, ctx);
  const ids: string[] = [];
  for (let start = 0; ; start += 100) {
    const w = await planWindow(queries, plan, q, ctx, start, start + 100);
    ids.push(...w.rows.map((r) => r.id));
    if (!w.hasMore) return ids.sort();
  }
}

const isActive = (t: Row) => TIER_OPEN_STATUSES.includes(String(t.status)) && t.deleted !== 1;

describe('first sync in tiers (client)', () => {
  it('has every active ticket, searchable, before the first closed one is applied, and counts what is still arriving', async () => {
    const d = await device();
    const checks: string[] = [];
    let arriving = '';
    const stop = registerTierDoneHook(async (db, tier) => {
      if (tier !== 'open') return;
      const tickets = (await db.table('tickets').toArray()) as Row[];
      const active = tickets.filter(isActive);
      checks.push(`active ${active.length}, closed ${tickets.length - active.length}, without words ${active.filter((t) => !(t.words as string[] | undefined)?.length).length}`);
      arriving = stillArriving(await readFill(db)).map(arrivingText).join('; ');
    });
    try {
      const res = await d.engine.runOnce();
      expect(res).toMatchObject({ status: 'synced' });
    } finally {
      stop();
    }
    expect(checks).toEqual([`active ${seeded.active}, closed 0, without words 0`]);
    expect(arriving).toBe(`Closed and older tickets still arriving: 0 of ${(seeded.tickets - seeded.active).toLocaleString('en-US')}`);
    expect(await d.db.table('tickets').count()).toBe(seeded.tickets);
    // Done: no fill state left, an ordinary cursor.
    expect(await d.db.syncState.get(FILL_KEY)).toBeUndefined();
    expect(String((await d.db.syncState.get(CURSOR_KEY))?.value)).not.toContain('tier');
  });

  it('a fill cut before each page resumes to the same data and search words as one that ran through', async () => {
    const whole = await device();
    expect(await whole.engine.runOnce()).toMatchObject({ status: 'synced' });
    const expected = await settled(whole);
    let pagesInAll = 0;
    const counting: typeof fetch = async (input, init) => {
      if (String(input).endsWith('/v1/sync/pull')) pagesInAll++;
      return fetch(input, init);
    };
    const probe = await device(counting);
    await probe.engine.runOnce();
    expect(pagesInAll).toBeGreaterThan(6);
    for (let cut = 1; cut <= pagesInAll; cut++) {
      let pulls = 0;
      let down = true;
      const flaky: typeof fetch = async (input, init) => {
        if (String(input).endsWith('/v1/sync/pull') && down && ++pulls === cut) throw new TypeError('network went away');
        return fetch(input, init);
      };
      const d = await device(flaky);
      const first = await d.engine.runOnce();
      expect(first, `cut at pull ${cut}`).toMatchObject({ status: 'failed', error: { kind: 'network' } });
      // The app is closed and opened again (the same database), the network is back.
      down = false;
      const again = await d.engine.runOnce();
      expect(again, `cut at pull ${cut}`).toMatchObject({ status: 'synced' });
      expect(await settled(d), `cut at pull ${cut}`).toEqual(expected);
      expect(await d.db.syncState.get(FILL_KEY)).toBeUndefined();
      await d.close();
      devices.splice(devices.indexOf(d), 1);
    }
  }, 120_000);

  it('a server from before tiers (ignoring `tiered`) gives an ordinary first sync with the same data', async () => {
    const whole = await device();
    await whole.engine.runOnce();
    const expected = await settled(whole);
    // An old server strips the unknown parameter and answers without `tier` or `tierCounts`.
    const oldServer: typeof fetch = async (input, init) => {
      if (!String(input).endsWith('/v1/sync/pull')) return fetch(input, init);
      const body = JSON.parse(String(init?.body)) as Record<string, unknown>;
      delete body.tiered;
      const res = await fetch(input, { ...init, body: JSON.stringify(body) });
      const json = (await res.json()) as Record<string, unknown>;
      expect(json.tier).toBeUndefined();
      return new Response(JSON.stringify(json), { status: res.status, headers: res.headers });
    };
    const d = await device(oldServer);
    expect(await d.engine.runOnce()).toMatchObject({ status: 'synced' });
    expect(await d.db.syncState.get(FILL_KEY)).toBeUndefined();
    expect(await settled(d)).toEqual(expected);

    // The tiered device stored its closed tickets' words out of the index and packed them all as the fill ended
    // (word-blocks.ts); the ordinary one indexed every word. Both find the same tickets for every search.
    const closed = ((await whole.db.table('tickets').toArray()) as Row[]).filter((t) => !isActive(t) && t.deleted !== 1);
    expect(closed.length).toBeGreaterThan(0);
    const raw = await new Promise<Row>((resolve) => {
      const r = whole.db.backendDB().transaction('tickets', 'readonly').objectStore('tickets').get(closed[0]!.id);
      r.onsuccess = () => resolve(r.result as Row);
    });
    expect(raw.words).toBeUndefined();
    expect(raw.blockWords).toEqual(closed[0]!.words);
    expect(await whole.db.meta.get(WORDS_TO_PACK)).toBeUndefined();
    expect(await wordBlocksUpTo(whole.db)).toBe(((await whole.db.table('tickets').orderBy(':id').lastKey()) as string) ?? null);
    const words = [...new Set(closed.slice(0, 12).flatMap((t) => (t.words as string[]).filter((w) => w.length > 3).slice(0, 2)))];
    const texts = [...words, ...words.slice(0, 4).map((w) => w.slice(0, 3)), `${words[0]} ${words[1]}`];
    for (const text of texts) {
      const [tiered, ordinary] = await Promise.all([searchAll(whole.db, text), searchAll(d.db, text)]);
      expect(tiered, text).toEqual(ordinary);
    }
    expect((await searchAll(whole.db, words[0]!)).length).toBeGreaterThan(0);
  });

  it('a server downgraded mid-fill (refusing tier cursors) makes the device begin an ordinary first sync, ending with the same data', async () => {
    const whole = await device();
    await whole.engine.runOnce();
    const expected = await settled(whole);
    let pulls = 0;
    // Two pages from the new server, then an old one: it refuses tier cursors and ignores `tiered`.
    const downgraded: typeof fetch = async (input, init) => {
      if (!String(input).endsWith('/v1/sync/pull') || ++pulls <= 2) return fetch(input, init);
      const body = JSON.parse(String(init?.body)) as { cursor?: string; tiered?: boolean };
      if (body.cursor?.includes('.tier.')) {
        return new Response(JSON.stringify({ error: { code: 'invalid_request', message: 'cursor is not one this server issued' }, serverTime: Date.now() }), { status: 400, headers: { 'content-type': 'application/json' } });
      }
      delete body.tiered;
      return fetch(input, { ...init, body: JSON.stringify(body) });
    };
    const d = await device(downgraded);
    expect(await d.engine.runOnce()).toMatchObject({ status: 'synced' });
    expect(await d.db.syncState.get(FILL_KEY)).toBeUndefined();
    expect(await settled(d)).toEqual(expected);
  });
});

describe('what is still arriving', () => {
  it('counts tickets where a tier has them, records otherwise, never more than the total, and names nothing once done', () => {
    let fill = advanceFill(undefined, 'reference', { reference: { people: 3, sites: 1 }, open: { tickets: 2, workLog: 5 }, rest: { tickets: 4, ticketHistory: 9 } }, [{ table: 'people' }, { table: 'people' }]);
    expect(stillArriving(fill).map(arrivingText)).toEqual([
      'People and help-desk settings still arriving: 2 of 4',
      'Open tickets still arriving: 0 of 2',
      'Closed and older tickets still arriving: 0 of 4',
    ]);
    expect(fill.firstViewsAt).toBeUndefined();
    fill = advanceFill(fill, 'open', undefined, [{ table: 'tickets' }, { table: 'tickets' }, { table: 'workLog' }]);
    expect(stillArriving(fill).map(arrivingText)).toEqual(['Closed and older tickets still arriving: 0 of 4']);
    // A ticket changed during the fill can come twice: never "5 of 4".
    fill = advanceFill(fill, 'rest', undefined, Array.from({ length: 5 }, () => ({ table: 'tickets' })));
    expect(fill.firstViewsAt).toBeTruthy();
    expect(stillArriving(fill)).toEqual([]);
    expect(stillArriving(undefined)).toEqual([]);
  });
});
