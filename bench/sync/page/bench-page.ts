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
import { openBareDatabase } from '../../lib/bare-database';
import { SCHEMA_HISTORY } from '../../../renderer/src/data/schema';
import { stepBlocks } from '../../../renderer/src/data/repositories/tickets/word-blocks';
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

async function closeSynced(): Promise<void> {
  synced?.close();
  synced = null;
}

const api = {
  /** A new device's first sync, timed from the engine's start to the end of the last page. */
  async firstSync(session: SyncSession, pageSize: number | null): Promise<{ ms: number; received: number; stored: number; pages: number; wordsMs: number; wordsChanged: number }> {
    await closeSynced();
    await Dexie.delete(SYNC_DB);
    const db = await openDatabase(SYNC_DB);
    synced = db;
    registerTicketDerivation();
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
    const t = performance.now();
    const r = await engine.runOnce();
    const ms = performance.now() - t;
    engine.stop();
    if (r.status !== 'synced') throw new Error(`first sync did not finish: ${JSON.stringify(r)}`);
    const stored = await db.table('tickets').count();
    // What the app then does in the background: complete the pulled tickets' search words.
    const w = performance.now();
    const laps: number[] = [];
    let lap = performance.now();
    const words = await refreshQueuedWords(db, { pause: async () => { const n = performance.now(); laps.push(Math.round(n - lap)); lap = n; } });
    (window as unknown as { laps: number[] }).laps = laps;
    return { ms, received: r.received, stored, pages: (last as PullProgress | null)?.pages ?? 0, wordsMs: performance.now() - w, wordsChanged: words.changed };
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
  async bareBulkPut(batch: number, keyOnly = false): Promise<{ ms: number; stored: number }> {
    if (!synced) throw new Error('run firstSync first: the bare load writes the rows it stored');
    const rows = await synced.table('tickets').toArray();
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

  async variants(batch: number): Promise<Record<string, number>> {
    if (!synced) throw new Error('run firstSync first');
    const rows = (await synced.table('tickets').toArray()) as Record<string, unknown>[];
    const out: Record<string, number> = {};
    for (const [k, variant] of ['full', 'blocks', 'noWords', 'noWords', 'blocks', 'full'].entries()) {
      await Dexie.delete(BARE_DB);
      const bare = new Dexie(BARE_DB, { chromeTransactionDurability: variant === 'blocksRelaxed' ? 'relaxed' : 'strict' });
      for (const v of SCHEMA_HISTORY) bare.version(v.version).stores(v.stores);
      await bare.open();
      const table = bare.table('tickets');
      const blocks = bare.table('wordBlocks');
      let nBlocks = 0;
      let bytes = 0;
      const t = performance.now();
      for (let i = 0; i < rows.length; i += batch) {
        const part = rows.slice(i, i + batch);
        if (variant === 'full') await bare.transaction('rw', table, () => table.bulkPut(part));
        else {
          const stripped = part.map(({ words, ...r }) => (variant === 'noWords' ? r : { ...r, packed: (words as string[]).join(' ') }));
          const bl = variant === 'noWords' ? [] : stepBlocks(part as never);
          nBlocks += bl.length;
          bytes += bl.reduce((n, b) => n + b.ids.length, 0);
          await bare.transaction('rw', [table, blocks], () => Promise.all([table.bulkPut(stripped), bl.length ? blocks.bulkPut(bl) : null]));
        }
      }
      out[`${variant}${k}`] = Math.round(performance.now() - t);
      if (nBlocks) out[`${variant}Blocks`] = nBlocks;
      if (bytes) out[`${variant}Bytes`] = bytes;
      bare.close();
    }
    await Dexie.delete(BARE_DB);
    return out;
  },
  laps(): number[] { return (window as unknown as { laps: number[] }).laps; },
  async clear(): Promise<void> {
    await closeSynced();
    await Dexie.delete(SYNC_DB);
    await Dexie.delete(BARE_DB);
    await new PouchDB(POUCH_DB).destroy();
    await deleteRaw(RAW_DB);
  },
};

(window as unknown as { bench: typeof api }).bench = api;
(document.getElementById('ready') as HTMLElement).textContent = 'ready';
