/**
 * `npm run bench -- inform [--scale 0.1] [--runs 5]`
 *
 * At --scale 1: 100,000 tickets (the sample generator's, with 300,000
 * work-log entries and 20,000 people, stored as a synced device holds them)
 * and 10,000 documents, in Chromium's IndexedDB on disk through the app's
 * data layer:
 *   - a status report for the agency nearest 10,000 tickets, last month,
 *     through the inform repository (its reads: the agency's tickets, their
 *     work log, policies and calendars, people, training; the pure assembly
 *     in shared/inform/report.ts), serialized as the print request would be
 *     — target ≤ 2 s. Baseline: a bare read of the same tickets and work log.
 *   - document search as the Knowledge screen runs it, 50 results (its first
 *     screen), for a common word, two words and a rare word — target ≤ 50 ms.
 *     Baseline: a bare read of 50 documents by title.
 * Medians of --runs runs after one warm-up.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumExecutable } from '../../electron/browser-host/chromium-path';
import { startStaticServer } from '../../electron/browser-host/static-server';
import { buildCsp } from '../../electron/services/security/csp';
import { callPage as call, numberArg as arg } from '../lib/args';
import { buildBenchPage, openReadyPage } from '../lib/page-host';
import { median, result, type BenchResult } from '../lib/result';

const log = (s: string) => console.log(`[inform bench] ${s}`);

export async function run(args: string[]): Promise<BenchResult[]> {
  const scale = arg(args, 'scale', 1);
  const runs = Math.round(arg(args, 'runs', 5));
  const tickets = Math.round(100_000 * scale);
  const docs = Math.round(10_000 * scale);
  const target = Math.round(10_000 * scale);
  const tag = scale === 1 ? '' : ` (scale ${scale})`;
  const out: BenchResult[] = [];
  const dir = mkdtempSync(path.join(os.tmpdir(), 'fielddesk-bench-inform-'));
  try {
    const site = path.join(dir, 'site');
    await buildBenchPage('bench/inform/page', path.join(site, 'bench'), '/bench/');
    const server = await startStaticServer(site, () => buildCsp({ syncServerUrl: null }));
    const browser = await chromium.launchPersistentContext(path.join(dir, 'profile'), { executablePath: chromiumExecutable(), args: CHROMIUM_ARGS, headless: true });
    try {
      const page = await openReadyPage(browser, `${server.origin}/bench/index.html`, log);
      const t0 = Date.now();
      const loaded = await call<{ tickets: number; workLog: number; docs: number; agency: { name: string; tickets: number } }>(page, 'setup', {
        seed: 23,
        agencies: 10,
        tickets,
        people: Math.max(200, Math.round(20_000 * scale)),
        workLogEntries: tickets * 3,
        history: false,
        chunkSize: 5000,
        docs,
        target,
      });
      log(`loaded ${loaded.tickets} tickets, ${loaded.workLog} work-log entries, ${loaded.docs} documents in ${((Date.now() - t0) / 1000).toFixed(0)} s; agency ${loaded.agency.name} has ${loaded.agency.tickets} tickets`);

      const rep: number[] = [];
      const asm: number[] = [];
      const bare: number[] = [];
      for (let i = 0; i <= runs; i++) {
        const r = await call<{ ms: number; assembledMs: number; bytes: number; open: number; resolved: number; opened: number }>(page, 'report');
        const b = await call<{ ms: number; tickets: number; log: number }>(page, 'bareReport');
        if (i === 0) {
          log(`report: ${r.open} open, ${r.resolved} resolved in the period, ${r.opened} opened; ${(r.bytes / 1024).toFixed(0)} KB as a request; bare read ${b.tickets} tickets, ${b.log} entries`);
          continue;
        }
        rep.push(r.ms);
        asm.push(r.assembledMs);
        bare.push(b.ms);
      }
      log(`report assembled (before serializing): median ${median(asm).toFixed(0)} ms`);
      if (process.env.FD_INFORM_PROBE) for (let i = 0; i < 2; i++) log(`report parts: ${JSON.stringify(await call(page, 'reportParts'))}`);
      out.push(result(`status report for an agency with ${loaded.agency.tickets.toLocaleString('en-US')} of ${loaded.tickets.toLocaleString('en-US')} tickets, ready to print${tag}`, median(rep), 'ms', 'bare Dexie read of the same tickets and their work log', median(bare), '≤ 2000 ms'));

      for (const q of ['printer', 'jury portal', 'transcript warrant', '4567']) {
        const ms: number[] = [];
        const base: number[] = [];
        let found = 0;
        for (let i = 0; i <= runs; i++) {
          const s = await call<{ ms: number; found: number; bareMs: number }>(page, 'search', q);
          if (i === 0) continue;
          ms.push(s.ms);
          base.push(s.bareMs);
          found = s.found;
        }
        out.push(result(`document search “${q}” over ${loaded.docs.toLocaleString('en-US')} documents, first screen (${found} shown)${tag}`, median(ms), 'ms', 'bare Dexie read of 50 documents by title', median(base), '≤ 50 ms'));
      }
      const first: number[] = [];
      for (let i = 0; i <= runs; i++) {
        const f = await call<{ ms: number }>(page, 'firstPage');
        if (i > 0) first.push(f.ms);
      }
      const base: number[] = [];
      for (let i = 0; i < runs; i++) base.push((await call<{ bareMs: number }>(page, 'search', 'printer')).bareMs);
      out.push(result(`Knowledge's first screen without a query (100 documents by title)${tag}`, median(first), 'ms', 'bare Dexie read of 50 documents by title', median(base), '≤ 50 ms'));
      if (process.env.FD_INFORM_PROBE) log(`probe: ${JSON.stringify(await call(page, 'probe'))}`);
      const nu: number[] = [];
      let rows = 0;
      for (let i = 0; i <= Math.min(runs, 2); i++) {
        const n = await call<{ ms: number; rows: number }>(page, 'needsUpdate');
        if (i > 0) nu.push(n.ms);
        rows = n.rows;
      }
      out.push(result(`needs-an-update list over every open ticket (${rows.toLocaleString('en-US')} listed)${tag}`, median(nu), 'ms', 'bare Dexie read of the agency tickets and work log (above)', median(bare), 'none (the view’s count)'));
    } finally {
      await browser.close();
      await server.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}
