/**
 * Runs inside Chromium, beside bench-page.ts: a new device's first sync in
 * tiers, timed to the moment the first views are complete and searchable
 * (every active ticket stored with its search words: the tickets' tier-done
 * hook has run after the `open` tier) and to the end. The Node side
 * (../tiers.ts) calls it through page.evaluate.
 */
import Dexie from 'dexie';
import { openDatabase } from '../../../renderer/src/data/db';
import { registerTicketDerivation } from '../../../renderer/src/data/repositories/tickets/derive';
import { registerFirstViewsReady } from '../../../renderer/src/data/repositories/tickets/first-views';
import { SyncEngine } from '../../../renderer/src/sync/engine';
import { readFill, registerTierDoneHook } from '../../../renderer/src/sync/fill';
import { memorySessionStore, type SyncSession } from '../../../renderer/src/sync/session';

const DB = 'bench-tiers';

// Registered once, before the tickets' hook, so it sees the moment the open tier is stored (before its words).
let openStored = 0;
registerTierDoneHook(async (_db, tier) => {
  if (tier === 'open' && !openStored) openStored = performance.now();
});
registerFirstViewsReady();

const api = {
  /**
   * `whole` false stops the sync once the first views are complete (what is
   * measured here; index.ts times the whole first sync in its own runs).
   */
  async firstViews(session: SyncSession, whole = true): Promise<{ firstPageMs: number; firstViewsMs: number; openStoredMs: number; totalMs: number; active: number; activeWithoutWords: number; expectedActive: number; stored: number }> {
    await Dexie.delete(DB);
    const db = await openDatabase(DB);
    registerTicketDerivation();
    openStored = 0;
    let firstPage = 0;
    let firstViews = 0;
    let active = 0;
    let activeWithoutWords = 0;
    let expectedActive = 0;
    // Registered after the tickets' hook, so it runs once the open tickets have their words.
    const stop = registerTierDoneHook(async (hdb, tier) => {
      if (tier !== 'open' || firstViews) return;
      firstViews = performance.now();
      const rows = (await hdb.table('tickets').where('[active+updatedAt+id]').between([1, Dexie.minKey, Dexie.minKey], [1, Dexie.maxKey, Dexie.maxKey]).toArray()) as { words?: string[] }[];
      active = rows.length;
      activeWithoutWords = rows.filter((r) => !r.words?.length).length;
      expectedActive = (await readFill(hdb))?.counts.open?.tickets ?? 0;
      if (!whole) engine.stop();
    });
    const engine = new SyncEngine({
      db,
      fetch: (input, init) => window.fetch(input, init),
      getServerUrl: async () => session.serverUrl,
      sessions: memorySessionStore(session),
      watchOutbox: false,
      onState: (s) => {
        if (s.progress && s.progress.pages >= 1 && !firstPage) firstPage = performance.now();
      },
    });
    const t = performance.now();
    try {
      const r = await engine.runOnce();
      if (r.status !== 'synced' && (whole || !firstViews)) throw new Error(`first sync did not finish: ${JSON.stringify(r)}`);
    } finally {
      engine.stop();
      stop();
    }
    const totalMs = whole ? performance.now() - t : Number.NaN;
    const stored = whole ? await db.table('tickets').count() : Number.NaN;
    db.close();
    await Dexie.delete(DB);
    if (!firstViews) throw new Error('the open tier never completed (does the server know tiers?)');
    return { firstPageMs: firstPage - t, firstViewsMs: firstViews - firstPage, openStoredMs: openStored - firstPage, totalMs, active, activeWithoutWords, expectedActive, stored };
  },
};

(window as unknown as { benchTiers: typeof api }).benchTiers = api;
