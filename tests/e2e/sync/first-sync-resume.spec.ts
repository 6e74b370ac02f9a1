import { expect, test } from '@playwright/test';
import { startBrowserHost } from '../../../electron/browser-host/host';
import { mountBridge } from '../../../electron/browser-host/mount-bridge';
import type { Db } from '../../../server/db/db';
import { VALIDATION_MARK } from '../../../server/sync/write-rules';
import { generateSampleData } from '../../../shared/sample-data';
import { formatStamp } from '../../../shared/sync/hlc';
import { localFieldsOf } from '../../../shared/sync/tables';
import { expectAccessible, onboard, readStore } from '../fixtures';
import { addUser, PASSWORD, startSyncServer } from './devices';

/**
 * A new laptop's first sync in tiers, cut off mid-way (the network goes), the
 * app reloaded, and the sync completed: every ticket arrives and a search
 * finds an old closed ticket. Real Chromium, the real server (PGlite).
 */

const TICKETS = 2400;
const WORD = 'zanzibarquartz';

/** Sample help-desk data stored straight on the server, tickets numbered before people and the catalog. */
async function seed(db: Db): Promise<{ tickets: number; oldClosed: { id: string; number: string } }> {
  const chunks = [...generateSampleData({ seed: 11, tickets: TICKETS, people: 400, workLogEntries: 0, history: false, chunkSize: 1000 })];
  chunks.sort((a, b) => (a.table === 'tickets' ? -1 : b.table === 'tickets' ? 1 : 0));
  let seq = 0;
  let oldClosed: { id: string; number: string } | null = null;
  for (const chunk of chunks) {
    const local = new Set(localFieldsOf(chunk.table));
    const rows = (chunk.records as unknown as Record<string, unknown>[]).map((rec) => {
      if (chunk.table === 'tickets' && !oldClosed && rec.status === 'closed') {
        // The oldest closed ticket carries a word no other has: the search looks for it after the resume.
        oldClosed = { id: String(rec.id), number: String(rec.number) };
        rec = { ...rec, title: `${String(rec.title)} ${WORD}` };
      }
      const fields: Record<string, unknown> = {};
      const stamps: Record<string, string> = {};
      for (const [k, v] of Object.entries(rec)) {
        if (k === 'id' || local.has(k)) continue;
        fields[k] = v;
        stamps[k] = formatStamp({ wall: 1_700_000_000_000, counter: 0 }, 'seed-device');
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
  if (!oldClosed) throw new Error('the sample data has no closed ticket');
  return { tickets: TICKETS, oldClosed };
}

test('a first sync cut off mid-way resumes after a reload and ends with every ticket, an old closed one found by search', async ({ browser }) => {
  test.setTimeout(240_000);
  const server = await startSyncServer();
  const host = await startBrowserHost();
  const context = await browser.newContext();
  try {
    await addUser(server.db, 'tess@agency.gov');
    const { tickets, oldClosed } = await seed(server.db);
    const set = await host.router.handle('config.setSyncServer', { url: `${host.origin}/index.html`, isTopFrame: true }, { url: server.url });
    expect(set.ok).toBe(true);
    await mountBridge(context, host.router);
    host.attachBrowser(context);
    // The network goes after the second page of the first sync (reference data, then the first open tickets).
    let pulls = 0;
    let cut = true;
    await context.route('**/v1/sync/pull', async (route) => {
      pulls++;
      if (cut && pulls > 2) await route.abort('internetdisconnected');
      else await route.continue();
    });
    const page = await context.newPage();
    await page.goto(`${host.origin}/#/tickets`);
    await onboard(page, 'Staff T', 'Laptop T');
    await page.getByRole('link', { name: 'Settings' }).click();
    const form = page.getByRole('form', { name: 'Sign in to sync' });
    await form.getByLabel('Email').fill('tess@agency.gov');
    await form.getByLabel('Password').fill(PASSWORD);
    await form.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByTestId('sync-status')).toHaveText(/Cannot reach the server.*First sync not finished: .* still arriving: [\d,]+ of [\d,]+/, { timeout: 60_000 });
    const partial = (await readStore(page, 'tickets')).length;
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(tickets);
    // The list says what is still arriving, and how much.
    await page.getByRole('link', { name: 'Tickets' }).click();
    const arriving = page.getByTestId('still-arriving');
    await expect(arriving).toHaveText(/still arriving: [\d,]+ of [\d,]+/);
    await expect(arriving).toHaveAttribute('role', 'status');
    await page.screenshot({ path: test.info().outputPath('first-sync-cut-still-arriving.png'), fullPage: true });
    await expectAccessible(page, 'ticket list during an interrupted first sync');
    // Dark mode: the same notice, readable (axe checks its contrast).
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await expectAccessible(page, 'ticket list during an interrupted first sync, dark');
    await page.screenshot({ path: test.info().outputPath('first-sync-cut-still-arriving-dark.png'), fullPage: true });
    await page.emulateMedia({ colorScheme: 'light' });
    // The keyboard reaches the list past the notice (it is text, not a stop): the search box, then the list.
    await page.keyboard.press('/');
    await expect(page.getByRole('searchbox', { name: 'Search tickets' })).toBeFocused();

    // The network comes back and the app is opened again: the sync resumes where it stopped.
    cut = false;
    const before = pulls;
    await page.reload();
    await expect(page.getByTestId('sync-status')).toHaveText(/Synced at/, { timeout: 120_000 });
    expect((await readStore(page, 'tickets')).length).toBe(tickets);
    // Resumed, not begun again: fewer pulls than the whole first sync takes (the 2 stored pages are not fetched again).
    const resumedPulls = pulls - before;
    expect(resumedPulls).toBeGreaterThan(0);
    await expect(arriving).toHaveCount(0);

    await page.getByRole('button', { name: 'All tickets' }).click();
    const search = page.getByRole('searchbox', { name: 'Search tickets' });
    await search.fill(WORD);
    const rows = page.getByTestId('ticket-row');
    await expect(rows.filter({ hasText: oldClosed.number })).toBeVisible({ timeout: 60_000 });
    await expect(rows).toHaveCount(1);
    await page.screenshot({ path: test.info().outputPath('first-sync-resumed-search.png'), fullPage: true });
    test.info().annotations.push({ type: 'pulls', description: `cut after 2 pulls; ${resumedPulls} pulls after the reload` });
  } finally {
    await context.close();
    await host.close();
    await server.stop();
  }
});
