/**
 * `npm run bench -- access [--scale 0.1] [--runs 5]`
 *
 * At --scale 1: 100,000 grants, 20,000 people, 50 systems, a campaign of
 * 5,000 items (the figures), in Chromium's IndexedDB on disk:
 *   - opening the campaign (its items, decisions and grants) — target ≤ 300 ms;
 *   - a review decision through the repository (rule check, change log,
 *     outbox) against a bare Dexie put of the same record, p95 — target ≤ 1.5×;
 *   - the first screen of Expiring and of Active (50 rows) — target ≤ 16 ms;
 * and in Node, reconciling a 20,000-row account export against the grants — target ≤ 3 s.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumExecutable } from '../../electron/browser-host/chromium-path';
import { startStaticServer } from '../../electron/browser-host/static-server';
import { buildCsp } from '../../electron/services/security/csp';
import { reconcile, type AccountRow, type GrantForMatch } from '../../shared/access/rules';
import { callPage as call, numberArg as arg } from '../lib/args';
import { buildBenchPage, openReadyPage } from '../lib/page-host';
import { median, result, type BenchResult } from '../lib/result';

const log = (s: string) => console.log(`[access bench] ${s}`);
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))]!;

export async function run(args: string[]): Promise<BenchResult[]> {
  const scale = arg(args, 'scale', 1);
  const runs = Math.round(arg(args, 'runs', 5));
  const grants = Math.round(100_000 * scale);
  const people = Math.max(100, Math.round(20_000 * scale));
  const items = Math.min(grants, Math.round(5_000 * scale));
  const accounts = Math.round(20_000 * scale);
  const tag = scale === 1 ? '' : ` (scale ${scale})`;
  const out: BenchResult[] = [];

  // Reconciliation, pure, in Node: accounts by e-mail for most people, some orphans, some wrong roles.
  const forMatch: GrantForMatch[] = Array.from({ length: grants }, (_, i) => ({ grantId: `g${i}`, personId: `p${(i * 7) % people}`, personName: `Person ${(i * 7) % people}`, email: `p${(i * 7) % people}@agency.example`, entitlementName: `Role ${i % 200}` }));
  const rows: AccountRow[] = Array.from({ length: accounts }, (_, i) => ({ account: `u${i}`, email: i % 10 === 0 ? `orphan${i}@agency.example` : `p${i % people}@agency.example`, name: '', role: `Role ${i % 200}`, lastUsed: '' }));
  const recMs: number[] = [];
  const copyMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    let t = performance.now();
    const r = reconcile(rows, forMatch);
    recMs.push(performance.now() - t);
    t = performance.now();
    // Baseline: one pass building a map of the grants and probing it once per row.
    const m = new Map(forMatch.map((g) => [g.email, g]));
    let hits = 0;
    for (const row of rows) if (m.has(row.email)) hits++;
    copyMs.push(performance.now() - t);
    if (i === 0) log(`reconcile: ${r.matched.length} matched, ${r.orphans.length} orphans, ${r.mismatched.length} mismatched, ${r.missing.length} grants with no account (${hits} baseline hits)`);
  }
  out.push(result(`reconcile ${accounts.toLocaleString('en-US')} accounts against ${grants.toLocaleString('en-US')} grants${tag}`, median(recMs), 'ms', 'one map build + probe per row', median(copyMs), '≤ 3000 ms'));

  const dir = mkdtempSync(path.join(os.tmpdir(), 'fielddesk-bench-access-'));
  try {
    const site = path.join(dir, 'site');
    await buildBenchPage('bench/access/page', path.join(site, 'bench'), '/bench/');
    const server = await startStaticServer(site, () => buildCsp({ syncServerUrl: null }));
    const browser = await chromium.launchPersistentContext(path.join(dir, 'profile'), { executablePath: chromiumExecutable(), args: CHROMIUM_ARGS, headless: true });
    try {
      const page = await openReadyPage(browser, `${server.origin}/bench/index.html`, log);
      const loaded = await call<{ grants: number; items: number }>(page, 'setup', { grants, people, systems: 50, campaignItems: items });
      log(`loaded ${loaded.grants} grants, ${loaded.items} campaign items`);
      const open: number[] = [];
      const openAll: number[] = [];
      const openCounts: number[] = [];
      for (let i = 0; i < runs; i++) {
        const o = await call<{ ms: number; countsMs: number; allMs: number; rows: number; total: number; decided: number }>(page, 'openCampaign');
        if (i === 0) log(`campaign page: ${o.rows} rows of ${o.total}, ${o.decided} decided`);
        open.push(o.ms);
        openCounts.push(o.countsMs);
        openAll.push(o.allMs);
      }
      out.push(result(`open a campaign of ${items.toLocaleString('en-US')} items, half decided${tag} (first screen: 50 items, their decisions and grants)`, median(open), 'ms', 'every item, decision and grant read (the page before paging)', median(openAll), '≤ 300 ms'));
      out.push(result(`the campaign's decided and needs-a-coordinator counts, after the first screen${tag}`, median(openCounts), 'ms', 'none', 0, '≤ 300 ms'));
      const list: number[] = [];
      const listDecided: number[] = [];
      for (let i = 0; i < runs; i++) {
        const l = await call<{ ms: number; decidedMs: number }>(page, 'reviewsList');
        list.push(l.ms);
        listDecided.push(l.decidedMs);
      }
      out.push(result(`first screen of Reviews (campaigns, item counts by index)${tag}`, median(list), 'ms', 'the decided counts that follow (open campaigns’ decisions)', median(listDecided), '≤ 16 ms'));
      const app: number[] = [];
      const bare: number[] = [];
      const n = Math.max(41, runs * 8);
      for (let i = 0; i < n; i++) {
        const d = await call<{ appMs: number; bareMs: number }>(page, 'decide', i);
        if (i < 3) continue; // warm-up
        app.push(d.appMs);
        bare.push(d.bareMs);
      }
      out.push(result(`review decision, p95 of ${app.length}${tag} (repository: rule check, change log, outbox)`, p95(app), 'ms', 'bare Dexie put of the same record, p95', p95(bare), '≤ 1.5×'));
      const exp: number[] = [];
      const act: number[] = [];
      const oldView: number[] = [];
      const view: number[] = [];
      for (let i = 0; i < runs; i++) {
        const s = await call<{ expiringMs: number; activeMs: number; oldViewMs: number; viewMs: number }>(page, 'firstScreens');
        exp.push(s.expiringMs);
        act.push(s.activeMs);
        oldView.push(s.oldViewMs);
        view.push(s.viewMs);
      }
      out.push(result(`first screen of Expiring (50 rows, [status+until] range)${tag}`, median(exp), 'ms', 'none', 0, '≤ 16 ms'));
      out.push(result(`first 50 grants by person id (index read only)${tag}`, median(act), 'ms', 'none', 0, '≤ 16 ms'));
      out.push(result(`first screen of Active (50 rows by name: people name index, grants personId index)${tag}`, median(view), 'ms', 'the former Active view (every grant and person read, sorted by name)', median(oldView), '≤ 16 ms'));
    } finally {
      await browser.close();
      await server.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}
