import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';
import { mountBridge } from '../../electron/browser-host/mount-bridge';
import { startBrowserHost, type BrowserHost } from '../../electron/browser-host/host';

export const test = base.extend<{ host: BrowserHost; app: Page; allowErrors: RegExp | null }>({
  /** Console errors a test provokes on purpose (a CSP violation it checks for). */
  allowErrors: [null, { option: true }],
  // eslint-disable-next-line no-empty-pattern -- Playwright reads fixture dependencies from the destructuring
  host: async ({}, use) => {
    const host = await startBrowserHost();
    await use(host);
    await host.close();
  },
  /** A page with the bridge mounted, opened on the app. Each test gets a fresh profile (its own context). */
  app: async ({ context, host, allowErrors }, use) => {
    await mountBridge(context, host.router);
    host.attachBrowser(context);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto(`${host.origin}/#/tickets`);
    await use(page);
    expect(
      errors.filter((e) => !allowErrors?.test(e)),
      'the page logged errors (CSP violations show up here too)',
    ).toEqual([]);
  },
});

export { expect };

/** Complete first run so a test starts in the shell. */
export async function onboard(page: Page, staffName = 'Jordan Avila', deviceName = 'Laptop 7'): Promise<void> {
  await page.getByLabel('Your name').fill(staffName);
  await page.getByLabel('This device').fill(deviceName);
  await page.getByRole('button', { name: 'Start working' }).click();
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
}

/** axe-core scan: no serious or critical violations. */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    bad.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    `accessibility violations on ${label}`,
  ).toEqual([]);
}

/** Read a whole object store of the app's IndexedDB directly, bypassing the app. */
/** The changes waiting in the outbox (its rows are change sets, shared/sync/outbox.ts), in order. */
export async function readChanges(page: Page): Promise<unknown[]> {
  const rows = (await readStore(page, 'outbox')) as { changes: unknown[] }[];
  return rows.flatMap((r) => r.changes.filter((c) => c !== null));
}

export async function readStore(page: Page, store: string): Promise<unknown[]> {
  return page.evaluate(
    (name) =>
      new Promise<unknown[]>((resolve, reject) => {
        const open = indexedDB.open('fielddesk');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const req = db.transaction(name, 'readonly').objectStore(name).getAll();
          req.onsuccess = () => {
            db.close();
            resolve(req.result as unknown[]);
          };
          req.onerror = () => reject(req.error);
        };
      }),
    store,
  );
}

/**
 * From the ticket list: open the create form with `c` and add a requester who
 * is not in the directory yet, on the spot, as a new caller would be added.
 */
export async function newTicketForNewRequester(page: Page, name: string, email: string): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.getByRole('link', { name: 'Tickets' }).click();
  // The list is there (and its keys) before `c` is pressed.
  await expect(page.getByRole('heading', { name: 'Tickets', level: 1 })).toBeVisible();
  await page.locator('body').press('c');
  await expect(page.getByRole('heading', { name: 'New ticket' })).toBeVisible();
  const requester = page.getByRole('combobox', { name: 'Requester' });
  await requester.fill(name);
  await requester.press('Enter');
  await page.getByLabel('E-mail').fill(email);
  await page.getByRole('button', { name: 'Add requester' }).click();
  await expect(page.getByText(name)).toBeVisible({ timeout: 20_000 });
}
