/**
 * `npm run bench -- sync [--scale 0.1] [--runs 3] [--push-runs 3] [--only pull|push|floors]`
 * (--only keeps the other figures from the last bench/results/sync.json; `floors`
 * measures only the floors below against PouchDB, without the first sync)
 *
 * First sync of 100,000 tickets (at --scale 1) into an empty device, in real
 * Chromium with IndexedDB on disk, through the real client (renderer/src/sync:
 * engine → pull → apply) from the real server (server/) on loopback, against:
 *   - PouchDB replicating the same documents from express-pouchdb on loopback
 *     into PouchDB's IndexedDB adapter in the same browser (target: ≥ 5× faster);
 *   - a bare Dexie bulkPut of the same rows in the same browser (target: ≤ 3×).
 * Push throughput: 20 devices pushing ticket edits at once to the real server
 * on a real PostgreSQL with production durability (target: ≥ 5,000 field
 * operations/s), against raw INSERTs of the same rows through pg.
 *
 * The server uses a throwaway PostgreSQL cluster on 127.0.0.1 (Debian's
 * postgresql; as root it runs as `postgres`); without one the first sync runs
 * on the embedded PGlite and the push figure is left out, saying why.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumExecutable } from '../../electron/browser-host/chromium-path';
import type { PgCluster } from '../../tests/integration/server/postgres';
import { buildBenchPage, openReadyPage } from '../lib/page-host';
import { callPage as call, numberArg as arg } from '../lib/args';
import { median, result, type BenchResult } from '../lib/result';
import { pouchDocs, seedServer, ticketRecords, type ServerRecord } from './data';
import { measurePush } from './push';
import type { SyncSession } from '../../renderer/src/sync/session';
import { signedInUser, startDurablePostgres, startPageAndPouch, startSyncServer } from './servers';

const log = (s: string) => console.log(`[sync bench] ${s}`);
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** The client's default pull page (renderer/src/sync/pull.ts); PouchDB and the bare load get the same batch. */
const PAGE = 1000;

interface Seeded {
  page: Page;
  session: SyncSession;
  pouchUrl: string;
  kind: string;
}

/** Both servers seeded with the same tickets, and the bench page open in Chromium (a profile on disk). */
async function withSeededServers<T>(records: readonly ServerRecord[], databaseUrl: string | null, dir: string, body: (s: Seeded) => Promise<T>): Promise<T> {
  const server = await startSyncServer(databaseUrl);
  const site = path.join(dir, 'site');
  await buildBenchPage('bench/sync/page', site, '/');
  const pages = await startPageAndPouch(site);
  const browser = await chromium.launchPersistentContext(path.join(dir, 'profile'), { executablePath: chromiumExecutable(), args: CHROMIUM_ARGS, headless: true });
  try {
    log(`seeding the FieldDesk server (${server.db.kind}) and the PouchDB server with ${records.length.toLocaleString('en-US')} tickets…`);
    await seedServer(server.db, records, Date.now());
    const session = { serverUrl: server.url, ...(await signedInUser(server, 'first-sync@bench.example.gov')) };
    const pouchUrl = await pages.seedPouch('tickets', pouchDocs(records));
    const page = await openReadyPage(browser, `${pages.origin}/index.html`, log);
    const out = await body({ page, session, pouchUrl, kind: server.db.kind });
    await call(page, 'clear');
    return out;
  } finally {
    await browser.close();
    await pages.close();
    await server.stop();
  }
}

/**
 * `--only floors`: what no first sync on this machine can beat, against PouchDB
 * in the same run, without the (long) first sync and bare load: the documents
 * PouchDB stores, put with raw IndexedDB and nothing else, and the download.
 */
function floors(records: readonly ServerRecord[], databaseUrl: string | null, runs: number, dir: string, tag: string): Promise<BenchResult[]> {
  return withSeededServers(records, databaseUrl, dir, async ({ page, session, pouchUrl }) => {
    const raw: number[] = [];
    const download: number[] = [];
    const pouch: number[] = [];
    let bytes = 0;
    for (let i = 0; i < runs; i++) {
      log(`run ${i + 1} of ${runs}: raw IndexedDB put of PouchDB's documents…`);
      const r = await call<{ ms: number; stored: number; bytes: number }>(page, 'rawPutFloor', session, PAGE, PAGE);
      if (r.stored !== records.length) throw new Error(`raw put stored ${r.stored} documents, expected ${records.length}`);
      bytes = r.bytes;
      log(`  ${s(r.ms)} (${(r.bytes / 1e6).toFixed(0)} MB of JSON); download only…`);
      const d = await call<{ ms: number; received: number }>(page, 'downloadOnly', session, PAGE);
      log(`  ${s(d.ms)}; PouchDB replication…`);
      const p = await call<{ ms: number; stored: number }>(page, 'pouchReplicate', pouchUrl, PAGE);
      if (p.stored !== records.length) throw new Error(`PouchDB stored ${p.stored} documents, expected ${records.length}`);
      log(`  ${s(p.ms)}`);
      raw.push(r.ms);
      download.push(d.ms);
      pouch.push(p.ms);
    }
    const n = records.length.toLocaleString('en-US');
    const pouchS = median(pouch) / 1000;
    return [
      result(`floor: raw IndexedDB put of PouchDB's ${n} documents (${(bytes / 1e6).toFixed(0)} MB JSON; primary key only, relaxed, ${PAGE} per transaction, no library)${tag}`, median(raw) / 1000, 's', `PouchDB replication of the same documents from express-pouchdb (batch ${PAGE}), same run`, pouchS, 'info (the 5× target needs ≤ 0.2)'),
      result(`floor: download of every page (fetched, parsed, checked; nothing stored)${tag}`, median(download) / 1000, 's', 'PouchDB replication, same run', pouchS, 'info (the 5× target needs ≤ 0.2)'),
      // A first sync that overlapped its download and its writes perfectly would still take the longer of the two.
      result(`floor: the longer of the two, per run${tag}`, median(raw.map((r, i) => Math.max(r, download[i]!))) / 1000, 's', 'PouchDB replication, same run', pouchS, 'info (the 5× target needs ≤ 0.2)'),
    ];
  });
}

function firstSync(records: readonly ServerRecord[], databaseUrl: string | null, runs: number, dir: string, tag: string): Promise<BenchResult[]> {
  return withSeededServers(records, databaseUrl, dir, async ({ page, session, pouchUrl, kind }) => {
    const ours: number[] = [];
    const words: number[] = [];
    const bare: number[] = [];
    const keyOnly: number[] = [];
    const download: number[] = [];
    const pouch: number[] = [];
    for (let i = 0; i < runs; i++) {
      log(`run ${i + 1} of ${runs}: FieldDesk first sync…`);
      const f = await call<{ ms: number; received: number; stored: number; pages: number; wordsMs: number; wordsChanged: number }>(page, 'firstSync', session, null);
      if (f.stored !== records.length) throw new Error(`first sync stored ${f.stored} tickets, expected ${records.length}`);
      log(`  ${s(f.ms)} (${f.pages} pages); search words completed in the background ${s(f.wordsMs)} later (${f.wordsChanged} changed); key-only bulkPut…`);
      const laps = await call<number[]>(page, 'laps');
      log(`  laps: ${laps.filter((_, j) => j % Math.max(1, Math.floor(laps.length / 25)) === 0).join(' ')}`);
      log(`  variants: ${JSON.stringify(await call(page, 'variants', PAGE))}`);
      const k = await call<{ ms: number; stored: number }>(page, 'bareBulkPut', PAGE, true);
      log(`  key-only floor ${s(k.ms)}; download only…`);
      const d = await call<{ ms: number; received: number }>(page, 'downloadOnly', session, PAGE);
      if (d.received !== records.length) throw new Error(`download received ${d.received} records, expected ${records.length}`);
      log(`  ${s(d.ms)}; bare bulkPut of the same rows…`);
      const b = await call<{ ms: number; stored: number }>(page, 'bareBulkPut', PAGE);
      log(`  ${s(b.ms)}; PouchDB replication…`);
      const p = await call<{ ms: number; stored: number }>(page, 'pouchReplicate', pouchUrl, PAGE);
      if (p.stored !== records.length) throw new Error(`PouchDB stored ${p.stored} documents, expected ${records.length}`);
      log(`  ${s(p.ms)}`);
      ours.push(f.ms);
      words.push(f.wordsMs);
      bare.push(b.ms);
      keyOnly.push(k.ms);
      download.push(d.ms);
      pouch.push(p.ms);
    }
    const n = records.length.toLocaleString('en-US');
    const ms = median(ours);
    return [
      result(`first sync of ${n} tickets into an empty device${tag} (engine → pull → apply, ${kind} server)`, ms / 1000, 's', `PouchDB replication of the same ${n} documents from express-pouchdb (batch ${PAGE})`, median(pouch) / 1000, '≤ 0.2× (≥ 5× faster)'),
      result(`first sync of ${n} tickets${tag}, same run`, ms / 1000, 's', `bare Dexie bulkPut of the same rows (same schema, strict, ${PAGE} per transaction)`, median(bare) / 1000, '≤ 3×'),
      // Floors: no first sync that stores each ticket as its own record can beat
      // the key-only bulkPut, nor one that talks to this server the download.
      result(`floor: bare bulkPut of the same rows into a store with only the primary key${tag}`, median(keyOnly) / 1000, 's', 'PouchDB replication, same run', median(pouch) / 1000, 'info (the 5× target needs ≤ 0.2)'),
      result(`floor: download of every page (fetched, parsed, checked; nothing stored)${tag}`, median(download) / 1000, 's', 'PouchDB replication, same run', median(pouch) / 1000, 'info (the 5× target needs ≤ 0.2)'),
      result(`search words completed after the first sync, in the background${tag}`, median(words) / 1000, 's', 'the first sync itself', ms / 1000, 'info'),
      // A pulled ticket new to the device is stored without search words, which the refresher writes after:
      // this is the time until every ticket is also found by search, against the same baselines.
      result(`first sync and its search words, until every ticket is searchable${tag}`, median(ours.map((o, i) => o + words[i]!)) / 1000, 's', 'PouchDB replication, same run', median(pouch) / 1000, 'info'),
      result(`first sync and its search words${tag}, same run`, median(ours.map((o, i) => o + words[i]!)) / 1000, 's', 'bare Dexie bulkPut of the same rows (with their words)', median(bare) / 1000, 'info'),
      result(`first sync throughput${tag}`, records.length / (ms / 1000), 'tickets/s', 'PouchDB replication throughput', records.length / (median(pouch) / 1000), 'info'),
    ];
  });
}

export async function run(args: string[]): Promise<BenchResult[]> {
  const scale = arg(args, 'scale', 1);
  const runs = Math.round(arg(args, 'runs', scale <= 0.2 ? 5 : 3));
  const pushRuns = Math.round(arg(args, 'push-runs', 3));
  const onlyAt = args.indexOf('--only');
  const only = onlyAt >= 0 ? args[onlyAt + 1] : undefined;
  if (only !== undefined && only !== 'pull' && only !== 'push' && only !== 'floors') throw new Error('--only must be pull, push or floors');
  const tickets = Math.round(100_000 * scale);
  const tag = scale === 1 ? '' : ` (scale ${scale})`;

  const dir = mkdtempSync(path.join(os.tmpdir(), 'fielddesk-sync-bench-'));
  mkdirSync(dir, { recursive: true });
  let cluster: PgCluster | undefined;
  const out: BenchResult[] = [];
  try {
    log(`generating ${tickets.toLocaleString('en-US')} tickets…`);
    const records = ticketRecords(tickets);
    const pgStart = await startDurablePostgres();
    cluster = pgStart.cluster;
    if (!cluster) log(`no real PostgreSQL here (${pgStart.reason}): the first sync runs on PGlite and the push figure is left out`);

    if (only === 'floors') out.push(...(await floors(records, cluster ? await cluster.createDatabase() : null, runs, dir, tag)));
    else if (only !== 'push') out.push(...(await firstSync(records, cluster ? await cluster.createDatabase() : null, runs, dir, tag)));

    if (only !== 'pull' && only !== 'floors') {
      if (!cluster) {
        out.push(result(`push throughput, 20 devices (skipped: ${pgStart.reason})`, 0, 'field ops/s', 'raw INSERT', 0, '≥ 5,000/s'));
      } else {
        const o = { devices: 20, batchesPerDevice: Math.max(2, Math.round(10 * Math.min(1, scale * 5))), opsPerBatch: 200, poolSize: 20 };
        const figures = [];
        for (let i = 0; i < pushRuns; i++) {
          log(`push run ${i + 1} of ${pushRuns}:`);
          figures.push(await measurePush(await cluster.createDatabase(), records, o, dir, log));
        }
        const f = figures[0]!;
        out.push(
          result(
            `push throughput: ${o.devices} devices at once, ${f.ops.toLocaleString('en-US')} ticket edits of 4 fields in batches of ${o.opsPerBatch}, real PostgreSQL (fsync and synchronous commit on)${tag}`,
            median(figures.map((x) => x.perSecond)),
            'field ops/s',
            `raw INSERT of the same ${f.fieldOps.toLocaleString('en-US')} field operations as rows through pg, ${o.devices} connections`,
            median(figures.map((x) => x.rawPerSecond)),
            '≥ 5,000/s',
          ),
        );
      }
    }
  } finally {
    cluster?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  if (only === 'floors') return [...previousFigures('pull').filter((r) => !r.name.startsWith('floor:')), ...previousFigures('push'), ...out];
  return only ? [...previousFigures(only === 'pull' ? 'push' : 'pull'), ...out] : out;
}

/** The figures of one part from the last results file, so `--only` re-measures one part without losing the other. */
function previousFigures(part: 'pull' | 'push'): BenchResult[] {
  const file = 'bench/results/sync.json';
  if (!existsSync(file)) return [];
  const all = JSON.parse(readFileSync(file, 'utf8')) as BenchResult[];
  return all.filter((r) => (part === 'push' ? r.name.startsWith('push throughput') : r.name.startsWith('first sync') || r.name.startsWith('floor:')));
}
