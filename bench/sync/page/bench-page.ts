/**
 * Runs inside Chromium. Three ways to get the same tickets from a server on
 * loopback into this browser's IndexedDB (on disk, a real profile):
 *   - FieldDesk's first sync: the real engine (renderer/src/sync: push of an
 *     empty outbox, then pull → apply pages → cursor, derived local fields,
 *     strict durability) against the real server;
 *   - PouchDB replication from express-pouchdb into PouchDB's IndexedDB adapter;
 *   - a bare Dexie bulkPut of the rows the first sync stored, same schema,
 *     same durability, in the same batches as the pull's pages.
 * And two floors that bound what any first sync can reach here: the download
 * alone (every page fetched, parsed and checked, nothing stored) and the same
 * bulkPut into a store with no index but the primary key.
 * The Node side (../index.ts) calls these through page.evaluate.
 */
import Dexie from 'dexie';
import PouchDB from 'pouchdb-browser';
import { openDatabase, type FieldDeskDb } from '../../../renderer/src/data/db';
import { registerTicketDerivation } from '../../../renderer/src/data/repositories/tickets/derive';
import { refreshQueuedWords } from '../../../renderer/src/data/repositories/tickets/word-refresh';
import { packWordBlocks } from '../../../renderer/src/data/repositories/tickets/word-blocks';
import { ticketRepositories, type TicketRepositories } from '../../../renderer/src/data/repositories/tickets';
import type { TicketRow } from '../../../renderer/src/data/repositories/tickets/derive';
import { planWindow, ticketQueries, type TicketQuery } from '../../../renderer/src/data/repositories/tickets/query';
import { profileRepository } from '../../../renderer/src/data/repositories/profile';
import type { FilterContext } from '../../../shared/tickets/views';
import { openBareDatabase } from '../../lib/bare-database';
import { SyncEngine } from '../../../renderer/src/sync/engine';
import { requestJson } from '../../../renderer/src/sync/http';
import { PullResponseSchema, ROUTES } from '../../../shared/sync/protocol';
import type { PullProgress } from '../../../renderer/src/sync/pull';
import { memorySessionStore, type SyncSession } from '../../../renderer/src/sync/session';

const SYNC_DB = 'bench-sync';
const BARE_DB = 'bench-bare';
const POUCH_DB = 'bench-pouch';
const RAW_DB = 'bench-raw';

const deleteRaw = (name: string): Promise<void> =>
  new Promise((resolve, reject) => {
    const req = indexedDB.deleteDatabase(name);
    req.onsuccess = () => resolve();
    req.onerror = () => reject(req.error);
  });

let synced: FieldDeskDb | null = null;

/** The tickets the last first sync stored, for the bare loads. */
let lastRows: Record<string, unknown>[] | null = null;

async function closeSynced(): Promise<void> {
  synced?.close();
  synced = null;
}

export interface FirstSync {
  ms: number;
  received: number;
  stored: number;
  pages: number;
  wordsMs: number;
  wordsChanged: number;
  /** Timed while the first sync ran: ticket edits and All open's first screen (ms), the renderer's heap (bytes). */
  probe: { edits: number[]; screens: number[]; heap: number[]; idleScreens: number[] };
  queries: string[];
  /** Each query's first screen (ms) right after the first sync, and after packing. */
  searchNow: number[];
  searchPacked: number[];
  packMs: number;
  packed: number;
}

const ALL_OPEN: TicketQuery = { filter: { statuses: ['new', 'open', 'pending'] }, sort: [{ key: 'updatedAt', dir: 'desc' }] };

/** The renderer's JS heap in use (Chromium's performance.memory; 0 where there is none). */
const heapBytes = (): number => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0;

/** A first screen as the list reads it: the plan and its first 50 rows, in ms. */
async function firstScreen(repos: TicketRepositories, q: TicketQuery): Promise<number> {
  const now = new Date().toISOString();
  const ctx: FilterContext = { meId: 'nobody', now, endOfToday: new Date(Date.parse(now) + 8 * 3600_000).toISOString() };
  const queries = ticketQueries(repos.tables);
  const t = performance.now();
  const plan = await queries.plan(q, ctx);
  await planWindow(queries, plan, q, ctx, 0, 50);
  return performance.now() - t;
}

/** Each search's first screen, one after another. */
async function searchScreens(repos: TicketRepositories, queries: readonly string[]): Promise<number[]> {
  const out: number[] = [];
  for (const text of queries) out.push(await firstScreen(repos, { filter: { text }, sort: [{ key: 'updatedAt', dir: 'desc' }] }));
  return out;
}

/** Two-word searches made of real words of stored tickets (as the tickets bench makes them). */
async function twoWordQueries(db: FieldDeskDb, n: number): Promise<string[]> {
  const out: string[] = [];
  const sample = await db.table<TicketRow, string>('tickets').orderBy('[createdAt+id]').limit(5000).toArray();
  for (let i = 0; out.length < n && i < sample.length; i += 97) {
    const words = sample[i]!.words.filter((w) => w.length >= 4 && !/^\d/.test(w));
    if (words.length >= 2) out.push(`${words[i % words.length]} ${words[(i + 3) % words.length]}`);
  }
  return out;
}

const api = {
  /**
   * A new device's first sync, timed from the engine's start to the end of
   * the last page, then its search words still queued (none, unless a
   * requester or work log came after its ticket) until every ticket is
   * searchable. While it runs, a user works: every `probeMs` a ticket edit
   * through the repository and the first screen of "All open" are timed,
   * and the renderer's heap is sampled.
   */
  async firstSync(session: SyncSession, pageSize: number | null, probeMs = 500): Promise<FirstSync> {
    await closeSynced();
    lastRows = null;
    await Dexie.delete(SYNC_DB);
    const db = await openDatabase(SYNC_DB);
    synced = db;
    registerTicketDerivation();
    const repos = ticketRepositories(db);
    await profileRepository(db).save({ staffName: 'Bench Runner', deviceName: 'Bench' });
    let last: PullProgress | null = null;
    const engine = new SyncEngine({
      db,
      fetch: (input, init) => window.fetch(input, init),
      getServerUrl: async () => session.serverUrl,
      sessions: memorySessionStore(session),
      watchOutbox: false,
      ...(pageSize ? { pageSize } : {}),
      onState: (s) => {
        if (s.progress) last = s.progress;
      },
    });
    const probe = { edits: [] as number[], screens: [] as number[], heap: [] as number[], idleScreens: [] as number[] };
    let running = true;
    const probing = (async () => {
      let turn = 0;
      // The screen and the edit each at their own moment, half a period apart: each lands wherever the fill is then,
      // not right after the other (which the fill, yielding to the user's requests, would already be waiting behind).
      while (running && probeMs > 0) {
        await new Promise((r) => setTimeout(r, probeMs / 2));
        probe.heap.push(heapBytes());
        if (running) probe.screens.push(await firstScreen(repos, ALL_OPEN));
        const one = await db.table<TicketRow, string>('tickets').where('status').equals('open').first();
        await new Promise((r) => setTimeout(r, probeMs / 2));
        if (one && running) {
          const t = performance.now();
          const r = await repos.tickets.edit(one.id, { urgency: turn++ % 2 ? 'low' : 'medium' });
          if (!r.ok) throw new Error(`edit during the first sync failed: ${r.error.message}`);
          probe.edits.push(performance.now() - t);
        }
      }
    })();
    const t = performance.now();
    let r: Awaited<ReturnType<SyncEngine['runOnce']>>;
    try {
      r = await engine.runOnce();
    } finally {
      engine.stop();
    }
    const ms = performance.now() - t;
    if (r.status !== 'synced') throw new Error(`first sync did not finish: ${JSON.stringify(r)}`);
    // What the app then does in the background: complete the words of tickets whose requester or work log came after them.
    const w = performance.now();
    const words = await refreshQueuedWords(db, { pause: async () => {} });
    const wordsMs = performance.now() - w;
    running = false;
    await probing;
    probe.heap.push(heapBytes());
    // The same first screen with nothing else running, on the same data: what the probe's figures compare with.
    if (probeMs > 0) for (let i = 0; i < 20; i++) probe.idleScreens.push(await firstScreen(repos, ALL_OPEN));
    const stored = await db.table('tickets').count();
    // Two-word searches' first screens: right away (every word from the `words` index), then once the packer has put them in blocks.
    const queries = await twoWordQueries(db, 8);
    const searchNow = await searchScreens(repos, queries);
    const p = performance.now();
    const packed = await packWordBlocks(db, { pause: async () => {} });
    const packMs = performance.now() - p;
    const searchPacked = await searchScreens(repos, queries);
    return { ms, received: r.received, stored, pages: (last as PullProgress | null)?.pages ?? 0, wordsMs, wordsChanged: words.changed, probe, queries, searchNow, searchPacked, packMs, packed };
  },

  /** Every pull page fetched, parsed and checked against the protocol as the client does, and thrown away. */
  async downloadOnly(session: SyncSession, pageSize: number): Promise<{ ms: number; received: number }> {
    const http = { baseUrl: session.serverUrl, fetch: (i: RequestInfo | URL, init?: RequestInit) => window.fetch(i, init), localNow: () => Date.now() };
    const t = performance.now();
    let received = 0;
    for (let cursor = ''; ; ) {
      const r = await requestJson(http, 'POST', ROUTES.pull, PullResponseSchema, { token: session.token, body: { cursor, limit: pageSize } });
      if (!r.ok || r.value.status !== 'page') throw new Error(`download failed: ${JSON.stringify(r)}`);
      received += r.value.records.filter((x) => x.table === 'tickets').length;
      if (!r.value.hasMore) break;
      cursor = r.value.cursor;
    }
    return { ms: performance.now() - t, received };
  },

  /**
   * The least any client that keeps each ticket as its own IndexedDB record can
   * do here, with no library in the way: every page downloaded first (not
   * timed), then only the documents PouchDB stores (`{_id, ...fields}`: no
   * stamps, no local fields, no index but the primary key) put with raw
   * IndexedDB, `batch` per transaction, relaxed durability.
   */
  async rawPutFloor(session: SyncSession, pageSize: number, batch: number): Promise<{ ms: number; stored: number; bytes: number }> {
    const http = { baseUrl: session.serverUrl, fetch: (i: RequestInfo | URL, init?: RequestInit) => window.fetch(i, init), localNow: () => Date.now() };
    const docs: Record<string, unknown>[] = [];
    for (let cursor = ''; ; ) {
      const r = await requestJson(http, 'POST', ROUTES.pull, PullResponseSchema, { token: session.token, body: { cursor, limit: pageSize } });
      if (!r.ok || r.value.status !== 'page') throw new Error(`download failed: ${JSON.stringify(r)}`);
      for (const rec of r.value.records) docs.push({ _id: rec.id, ...rec.fields });
      if (!r.value.hasMore) break;
      cursor = r.value.cursor;
    }
    const bytes = docs.reduce((n, d) => n + JSON.stringify(d).length, 0);
    await deleteRaw(RAW_DB);
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open(RAW_DB, 1);
      req.onupgradeneeded = () => req.result.createObjectStore('docs', { keyPath: '_id' });
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const t = performance.now();
    for (let i = 0; i < docs.length; i += batch) {
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction('docs', 'readwrite', { durability: 'relaxed' });
        const store = tx.objectStore('docs');
        for (const d of docs.slice(i, i + batch)) store.put(d);
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
        tx.onabort = () => reject(tx.error ?? new Error('aborted'));
      });
    }
    const ms = performance.now() - t;
    const stored = await new Promise<number>((resolve, reject) => {
      const req = db.transaction('docs').objectStore('docs').count();
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    db.close();
    await deleteRaw(RAW_DB);
    return { ms, stored, bytes };
  },

  /**
   * The rows the first sync stored, bulkPut into a bare Dexie database, `batch`
   * per transaction: of the same schema, or (`keyOnly`) with no index but the
   * primary key, the least IndexedDB can do to store each record on its own.
   */
  /** `withoutWords`: the rows without their search words (what the list views' indexes alone cost). */
  async bareBulkPut(batch: number, keyOnly = false, withoutWords = false): Promise<{ ms: number; stored: number }> {
    // The rows the first sync stored (kept once read: the full bare load closes the first sync's database).
    if (!lastRows && !synced) throw new Error('run firstSync first: the bare load writes the rows it stored');
    lastRows ??= (await synced!.table('tickets').toArray()) as Record<string, unknown>[];
    const rows = withoutWords ? lastRows.map(({ words: _words, ...r }) => r) : lastRows;
    if (!keyOnly) await closeSynced();
    await Dexie.delete(BARE_DB);
    const bare = keyOnly ? new Dexie(BARE_DB, { chromeTransactionDurability: 'strict' }) : await openBareDatabase(BARE_DB);
    if (keyOnly) {
      bare.version(1).stores({ tickets: '&id' });
      await bare.open();
    }
    const table = bare.table('tickets');
    const t = performance.now();
    for (let i = 0; i < rows.length; i += batch) {
      const part = rows.slice(i, i + batch);
      await bare.transaction('rw', table, () => table.bulkPut(part));
    }
    const ms = performance.now() - t;
    const stored = await table.count();
    bare.close();
    await Dexie.delete(BARE_DB);
    return { ms, stored };
  },

  /** PouchDB's replication of the same documents from express-pouchdb into a new local database. */
  async pouchReplicate(remoteUrl: string, batchSize: number): Promise<{ ms: number; stored: number; written: number }> {
    await new PouchDB(POUCH_DB).destroy();
    const local = new PouchDB(POUCH_DB);
    const t = performance.now();
    const r = await PouchDB.replicate(remoteUrl, local, { batch_size: batchSize });
    const ms = performance.now() - t;
    if (!r.ok || r.doc_write_failures > 0) throw new Error(`PouchDB replication failed: ${JSON.stringify(r)}`);
    const stored = (await local.info()).doc_count;
    await local.destroy();
    return { ms, stored, written: r.docs_written };
  },

  async clear(): Promise<void> {
    await closeSynced();
    lastRows = null;
    await Dexie.delete(SYNC_DB);
    await Dexie.delete(BARE_DB);
    await new PouchDB(POUCH_DB).destroy();
    await deleteRaw(RAW_DB);
  },
};

(window as unknown as { bench: typeof api }).bench = api;
(document.getElementById('ready') as HTMLElement).textContent = 'ready';
