/**
 * The first sync in tiers (docs/sync-protocol.md): time from the first page
 * to "first views complete" (every active ticket stored and searchable: All
 * open, My open, Unassigned, a site's open tickets, Waiting on requester),
 * while closed tickets still arrive. Called from index.ts in the same seeded
 * run as the other first-sync figures; the page side is page/tiers-page.ts.
 */
import type { Page } from '@playwright/test';
import type { SyncSession } from '../../renderer/src/sync/session';
import { median, result, type BenchResult } from '../lib/result';

interface FirstViews {
  firstPageMs: number;
  firstViewsMs: number;
  /** First page to the open tier stored, before its search words. */
  openStoredMs: number;
  active: number;
  activeWithoutWords: number;
  expectedActive: number;
}

/**
 * `wholeMs`: the whole first sync's median from index.ts's runs, the
 * baseline; the runs here stop once the first views are complete.
 */
export async function measureFirstViews(
  freshPage: () => Promise<{ page: Page; close: () => Promise<void> }>,
  session: SyncSession,
  tickets: number,
  runs: number,
  tag: string,
  log: (s: string) => void,
  wholeMs: number,
): Promise<BenchResult[]> {
  const views: number[] = [];
  const stored: number[] = [];
  let active = 0;
  for (let i = 0; i < runs; i++) {
    log(`run ${i + 1} of ${runs}: first sync in tiers, to the first views…`);
    // Each run in a new profile, as on a new laptop: in the profile of earlier runs, the deleted databases'
    // compaction ran alongside and later runs took twice as long (25.0, 39.7, 49.8 s at 100,000 tickets).
    const { page, close } = await freshPage();
    let r: FirstViews;
    try {
      r = await page.evaluate((s) => (window as unknown as { benchTiers: { firstViews(s: SyncSession, whole: boolean): Promise<FirstViews> } }).benchTiers.firstViews(s, false), session);
    } finally {
      await close();
    }
    if (r.active !== r.expectedActive || r.activeWithoutWords > 0) throw new Error(`first views incomplete: ${r.active} of ${r.expectedActive} active tickets, ${r.activeWithoutWords} without words`);
    log(`  first page after ${(r.firstPageMs / 1000).toFixed(1)} s; open tickets stored ${(r.openStoredMs / 1000).toFixed(1)} s after it, first views complete and searchable ${(r.firstViewsMs / 1000).toFixed(1)} s after it (${r.active.toLocaleString('en-US')} active tickets); stopped there`);
    views.push(r.firstViewsMs);
    stored.push(r.openStoredMs);
    active = r.active;
  }
  const n = tickets.toLocaleString('en-US');
  return [
    result(
      `first sync in tiers: first page to first views complete and searchable (${active.toLocaleString('en-US')} active of ${n} tickets)${tag}`,
      median(views) / 1000,
      's',
      Number.isNaN(wholeMs) ? 'target (--only first-views: no whole first sync in this run)' : 'the whole first sync, same run',
      Number.isNaN(wholeMs) ? 15 : wholeMs / 1000,
      '≤ 15 s at 100,000 tickets',
    ),
    result(
      `first sync in tiers: first page to every active ticket stored, before their search words${tag}`,
      median(stored) / 1000,
      's',
      'first page to first views complete and searchable, same run',
      median(views) / 1000,
      'info',
    ),
  ];
}
