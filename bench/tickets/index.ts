/**
 * `npm run bench -- tickets [--scale 0.1] [--runs 15] [--parts load,edit,views,search,heap] [--profile DIR]`
 *
 * `--profile DIR` keeps the Chromium profile (and the loaded data set) in DIR
 * and reuses it on the next run with the same scale, so the views and search
 * can be measured again without loading for minutes; with `load`, DIR (new or
 * empty) receives the last app load's profile, so later runs can reuse it.
 * `FD_SEARCH_PROBE=1` / `FD_ORDER_PROBE=1` also log where a search's or an
 * ordered walk's time goes, phase by phase; `FD_EDIT_PROBE=1` (with `edit`)
 * times an edit's reads and writes done bare in the app's own database and
 * logs the IndexedDB requests of three edits on a timeline; `FD_RAW_PROBE=1`
 * times raw reads (index keys, records, one large record) at this size; and
 * `FD_CPU_PROFILE=file` saves a CPU profile of the edits; `FD_EDIT_CPU=file` saves one of app edits
 * alone (and logs their times); `FD_EDIT_SHAPES=rounds` times the edit's shape in IndexedDB itself
 * (a put; a read then the three writes, on bare transactions) against a Dexie put and the app's edit,
 * in rotating order; `FD_REPACK=1` drops
 * a kept profile's search-word blocks and packs them again, timed; `FD_LOAD_PROBE=rounds` loads the
 * data set bare and through the app several ways, each into a database of its own, and logs each way's
 * time per table (`FD_LOAD_PROBE_WAYS=bare,app,…` picks the ways); `FD_FILL_PROBE=1` with a kept profile
 * stored before schema v12 times three chunks of the v12 key fill against the same rewrites done bare, and
 * stops there (development aids).
 *
 * Measures the help-desk data layer in Chromium's IndexedDB (on disk, a real
 * profile) with the benchmark data set of issue 3 — 100,000 tickets, 20,000
 * people, 500,000 work-log entries at --scale 1 — each figure against a
 * baseline measured in the same run:
 *   - saving an edit (ticket + history + outbox, strict durability) vs a bare
 *     Dexie put of the same record with the same durability;
 *   - the first screen of filtered, sorted views and two-word searches vs a
 *     bare primary-key read of the same rows;
 *   - loading the data set (validation, derived keys, change log) vs a bare
 *     bulkPut of the same records, each in a browser profile of its own;
 *   - the renderer's JS heap with the real app's list open.
 * The bench page (./page) is built with Vite from the real data layer and
 * served, together with the built app (out/renderer, from `npx electron-vite
 * build`), from one origin, so both see the same database.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumExecutable } from '../../electron/browser-host/chromium-path';
import { startStaticServer } from '../../electron/browser-host/static-server';
import { buildCsp } from '../../electron/services/security/csp';
import { callPage as call, numberArg as arg } from '../lib/args';
import { buildBenchPage, openReadyPage } from '../lib/page-host';
import { median, result, type BenchResult } from '../lib/result';

const log = (s: string) => console.log(`[tickets bench] ${s}`);

export async function run(args: string[]): Promise<BenchResult[]> {
  const scale = arg(args, 'scale', 1);
  const runs = Math.round(arg(args, 'runs', 15));
  // --parts picks the measurements (the data set is always loaded; without `load` it is loaded once, unmeasured against bare).
  const partsAt = args.indexOf('--parts');
  const parts = new Set(partsAt >= 0 ? (args[partsAt + 1] ?? '').split(',') : ['load', 'edit', 'views', 'search', 'heap']);
  const data = { seed: 42, tickets: Math.round(100_000 * scale), people: Math.round(20_000 * scale), workLogEntries: Math.round(500_000 * scale), history: false, chunkSize: 2000 };
  const tag = scale === 1 ? '' : ` (scale ${scale}: ${data.tickets.toLocaleString('en-US')} tickets)`;

  if (!existsSync('out/renderer/index.html')) {
    log('building the app (out/renderer)…');
    execFileSync('npx', ['electron-vite', 'build'], { stdio: 'inherit' });
  }
  const profileAt = args.indexOf('--profile');
  const kept = profileAt >= 0 ? path.resolve(args[profileAt + 1] ?? '') : null;
  // With `load`, --profile names where the last app load's profile goes (it must be new or empty).
  const keepLoad = kept !== null && parts.has('load');
  if (keepLoad && existsSync(kept) && readdirSync(kept).length > 0) throw new Error(`${kept} is not empty: with \`load\`, --profile names a new folder for the loaded profile`);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'fielddesk-bench-'));
  const site = path.join(dir, 'site');
  cpSync('out/renderer', site, { recursive: true });
  await buildBenchPage('bench/tickets/page', path.join(site, 'bench'), '/bench/', !process.env.FD_CPU_PROFILE && !process.env.FD_EDIT_CPU);
  // A kept profile's data lives under the origin's port, so that port stays fixed.
  const server = await startStaticServer(site, () => buildCsp({ syncServerUrl: null }), kept ? 47_613 : 0);
  const pageUrl = `${server.origin}/bench/index.html`;

  // --- Loading. Each load runs in a browser profile of its own: all of an origin's databases share one
  // LevelDB, so a load that followed another in the same profile also paid for compacting the other's
  // records. Bare and app take turns going first (one run each at full scale; they take minutes).
  const loadRuns = !parts.has('load') ? 0 : scale <= 0.2 ? 3 : 1;
  const appLoads: number[] = [];
  const bareLoads: number[] = [];
  let records = 0;
  let loadedProfile: string | null = null;
  const launch = (profile: string) => chromium.launchPersistentContext(profile, { executablePath: chromiumExecutable(), args: CHROMIUM_ARGS, headless: true });
  const loadOnce = async (kind: 'bare' | 'app', profile: string) => {
    const ctx = await launch(profile);
    try {
      const p = await openReadyPage(ctx, pageUrl, log);
      await call(p, 'open');
      const r = await call<{ ms: number; records: number }>(p, kind === 'bare' ? 'loadBare' : 'loadApp', data);
      await call(p, 'close');
      return r;
    } finally {
      await ctx.close();
    }
  };
  for (let i = 0; i < loadRuns; i++) {
    for (const kind of i % 2 === 0 ? (['bare', 'app'] as const) : (['app', 'bare'] as const)) {
      const profile = mkdtempSync(path.join(dir, `load-${kind}-`));
      log(`loading (run ${i + 1} of ${loadRuns}), ${kind === 'bare' ? 'bare bulkPut' : 'through the repositories'}, fresh profile…`);
      const r = await loadOnce(kind, profile);
      log(`  ${kind} ${(r.ms / 1000).toFixed(1)} s for ${r.records.toLocaleString('en-US')} records`);
      (kind === 'bare' ? bareLoads : appLoads).push(r.ms);
      if (kind === 'app') records = r.records;
      // The last app load's profile holds the data set the other figures read; the rest go.
      if (kind === 'app' && i === loadRuns - 1) {
        // Kept: moved to DIR, which the browser below opens as any kept profile.
        if (keepLoad) {
          rmSync(kept, { recursive: true, force: true });
          renameSync(profile, kept);
        } else loadedProfile = profile;
      } else rmSync(profile, { recursive: true, force: true });
    }
  }

  const browser = await launch(kept ?? loadedProfile ?? path.join(dir, 'profile'));
  const out: BenchResult[] = [];
  try {
    const page = await openReadyPage(browser, pageUrl, log);
    // A kept profile written by an older schema is upgraded here, once: the time says what that costs at this size.
    const opening = performance.now();
    const { fill, probe } = await call<{ fill: { ms: number; read: number; written: number } | null; probe?: string[] }>(page, 'open', Boolean(process.env.FD_FILL_PROBE));
    if (probe) {
      log(`fill probe:\n${probe.join('\n')}`);
      // The probe leaves the fill half done and the page without repositories: nothing else is measured.
      await browser.close();
      process.exit(0);
    }
    log(`database opened in ${Math.round(performance.now() - opening - (fill?.ms ?? 0))} ms`);
    if (fill) log(`the v12 list keys filled in ${(fill.ms / 1000).toFixed(1)} s: ${fill.read.toLocaleString('en-US')} tickets read, ${fill.written.toLocaleString('en-US')} written`);

    if (process.env.FD_LOAD_PROBE) {
      const rounds = Number(process.env.FD_LOAD_PROBE) || 2;
      const only = (process.env.FD_LOAD_PROBE_WAYS ?? '').split(',').filter(Boolean);
      const probe = await call<Record<string, Record<string, number[]>>>(page, 'loadProbe', data, rounds, only);
      // Per way and table: the median over the rounds (seconds).
      for (const [way, tables] of Object.entries(probe)) {
        const row = Object.fromEntries(Object.entries(tables).map(([table, ms]) => [table, Math.round(median(ms)) / 1000]));
        row.sum = Math.round(Object.entries(row).filter(([k]) => k !== 'TOTAL').reduce((a, [, v]) => a + v, 0) * 1000) / 1000;
        log(`load probe ${way}: ${JSON.stringify(row)}`);
      }
    }
    const loaded = (await call<{ tickets: number }>(page, 'counts')).tickets;
    if (loaded > 0 && loaded !== data.tickets) throw new Error(`${kept} holds ${loaded} tickets, not ${data.tickets}: use another --profile for this scale`);
    if (loaded === 0) {
      log('loading the data set through the repositories (not measured)…');
      await call(page, 'loadApp', data);
    } else log(`reusing the data set${kept ? ` in ${kept}` : ' of the last app load'}`);
    if (parts.has('load')) out.push(result(`load data set${tag}, ${records.toLocaleString('en-US')} records, validated + change log`, median(appLoads) / 1000, 's', 'bare bulkPut of the same records', median(bareLoads) / 1000, '≤ 1.5×'));
    log(`counts ${JSON.stringify(await call(page, 'counts'))}`);

    // --- Saving an edit.
    if (parts.has('edit')) {
    const ids = await call<string[]>(page, 'sampleIds', runs + 2);
    const staff = ['bench-staff-a', 'bench-staff-b'];
    const cdp = process.env.FD_CPU_PROFILE ? await browser.newCDPSession(page) : null;
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
      await cdp.send('Profiler.start');
    }
    if (process.env.FD_EDIT_CPU) {
      const cdp2 = await browser.newCDPSession(page);
      await cdp2.send('Profiler.enable');
      await cdp2.send('Profiler.setSamplingInterval', { interval: 50 });
      await call(page, 'appEdits', ids, staff, 1);
      await cdp2.send('Profiler.start');
      const t = await call<number[]>(page, 'appEdits', ids, staff, 5);
      writeFileSync(process.env.FD_EDIT_CPU, JSON.stringify((await cdp2.send('Profiler.stop')).profile));
      log(`app edits alone: ${t.length}, median ${median(t)} ms, sum ${Math.round(t.reduce((a, b) => a + b, 0))} ms`);
    }
    if (process.env.FD_EDIT_SHAPES) {
      for (let r = 0; r < Number(process.env.FD_EDIT_SHAPES); r++) log('shapes: ' + JSON.stringify(await call(page, 'editShapes', ids, staff)));
    }
    if (process.env.FD_EDIT_PROBE) log('probe before: ' + JSON.stringify(await call(page, 'editProbe', ids)));
    const edits = await call<{ app: number[]; same: number[]; apart: number[]; changed: number[]; title: number[] }>(page, 'edit', ids, staff);
    if (cdp) writeFileSync(process.env.FD_CPU_PROFILE!, JSON.stringify((await cdp.send('Profiler.stop')).profile));
    if (process.env.FD_EDIT_PROBE) log(`each edit: ${JSON.stringify({ app: edits.app.map(Math.round), title: edits.title.map(Math.round), same: edits.same.map(Math.round), apart: edits.apart.map(Math.round), changed: edits.changed.map(Math.round) })}`);
    // The first edit warms caches (SLA policy, statements); medians make that moot, but drop it anyway.
    out.push(result('save an edit (assign): ticket + history + outbox, strict', median(edits.app.slice(1)), 'ms', 'bare Dexie put of the record into its own store, strict', median(edits.same.slice(1)), '≤ 1.5×'));
    out.push(result('save an edit (assign), against a bare put that makes the same change', median(edits.app.slice(1)), 'ms', 'bare Dexie put of the record with another assignee and update time, strict', median(edits.changed.slice(1)), 'info'));
    out.push(result('save an edit (assign), against a bare put into a separate near-empty database', median(edits.app.slice(1)), 'ms', 'bare Dexie put into a separate database, strict', median(edits.apart.slice(1)), 'info'));
    if (process.env.FD_EDIT_PROBE) {
      log(JSON.stringify(await call(page, 'editProbe', ids)));
      if (process.env.FD_EDIT_TRACE) for (const id of ids.slice(0, 3)) log((await call<string[]>(page, 'editTrace', id)).join('\n'));
    }
    const floor = await call<{ put: number[]; writes: number[] }>(page, 'editWritesBare', ids);
    out.push(result('floor: the writes of an assign edit (record, history row, one outbox row of both changes), bare, strict', median(floor.writes.slice(1)), 'ms', 'bare Dexie put, strict', median(floor.put.slice(1)), 'info'));
    out.push(result('save an edit (title: + search words from the work log), strict', median(edits.title.slice(1)), 'ms', 'bare Dexie put of the record into its own store, strict', median(edits.same.slice(1)), 'info'));
    }

    // --- First screen of filtered, sorted views.
    const now = '2025-06-02T16:00:00.000Z';
    for (const view of parts.has('views') ? ['unassigned', 'waiting-on-requester', 'breaching-today', 'site', 'all-open'] : []) {
      // Untimed first: the way measured first would otherwise also pay for a cold cache (seen: 2–4 ms).
      await call(page, 'firstScreen', view, 3, now);
      const r = await call<{ ms: number[]; bare: number[]; rows: number; mode: string }>(page, 'firstScreen', view, runs, now);
      out.push(result(`first screen: ${view} (${r.rows} rows, ${r.mode})`, median(r.ms), 'ms', `bulkGet of ${r.rows} rows by primary key`, median(r.bare), '≤ 16 ms'));
      // The ordered walk's other ways of reading (records in batches; index keys merged), same run.
      if (r.mode === 'broad') {
        for (const [way, label] of [['records', 'records in batches'], ['keys', 'index keys merged']] as const) {
          const alt = await call<{ ms: number[]; bare: number[]; rows: number }>(page, 'firstScreen', view, runs, now, way);
          out.push(result(`first screen: ${view} (${alt.rows} rows, broad, ${label})`, median(alt.ms), 'ms', `bulkGet of ${alt.rows} rows by primary key`, median(alt.bare), 'info'));
        }
      }
    }

    if (process.env.FD_RAW_PROBE) log(JSON.stringify(await call(page, 'rawProbe'), null, 1));
    if (process.env.FD_ORDER_PROBE) log(JSON.stringify(await call(page, 'orderProbe', runs)));

    // --- Two-word full-text search.
    if (parts.has('search')) {
    // Search reads the older tickets' words from blocks, which the app packs in the background: pack first (a kept profile is packed already).
    const packed = await call<{ ms: number; tickets: number }>(page, 'pack', Boolean(process.env.FD_REPACK));
    if (packed.tickets > 0) out.push(result(`pack search words into blocks (${packed.tickets.toLocaleString('en-US')} tickets, background)`, packed.ms / 1000, 's', 'none', 0, 'info'));
    const terms = await call<string[]>(page, 'searchTerms', runs);
    if (process.env.FD_SEARCH_PROBE) for (const p of await call<unknown[]>(page, 'searchProbe', terms)) log(JSON.stringify(p));
    const s = await call<{ ms: number[]; bare: number[]; rows: number[] }>(page, 'search', terms, now);
    out.push(result(`two-word search, first screen (${terms.length} queries, median ${median(s.rows)} rows)`, median(s.ms), 'ms', 'bulkGet of the same rows by primary key', median(s.bare), '≤ 50 ms'));
    }

    // --- Heap with the real app's list open on the data set.
    await call(page, 'close');
    if (!parts.has('heap')) return out;
    const app = await browser.newPage();
    await app.goto(`${server.origin}/#/tickets`);
    await app.getByRole('button', { name: 'All tickets' }).click({ timeout: 120_000 });
    await app.locator('[data-testid="ticket-row"]').first().waitFor({ timeout: 120_000 });
    await app.locator('.ticket-scroller').evaluate((el) => el.scrollBy(0, 20_000));
    await app.waitForTimeout(1500);
    const cdp = await browser.newCDPSession(app);
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
    const mb = heap.usedSize / 1024 / 1024;
    out.push(result(`renderer JS heap, list open${tag}`, mb, 'MB', 'target', 300, '≤ 300 MB'));
  } finally {
    await browser.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}
