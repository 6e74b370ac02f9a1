import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { startBrowserHost, type BrowserHost } from '../../../electron/browser-host/host';
import { mountBridge } from '../../../electron/browser-host/mount-bridge';
import { insertUser } from '../../../server/auth/users';
import type { Db } from '../../../server/db/db';
import type { Role } from '../../../shared/sync/protocol';
import { startLocalServer, type LocalServer } from '../../../server/local';
import { onboard, readChanges, readStore } from '../fixtures';

export const PASSWORD = 'correct horse battery staple';

/** A real sync server (PGlite: the same SQL as PostgreSQL, started in-process for speed). */
export const startSyncServer = (): Promise<LocalServer> => startLocalServer();

/** A user of the server; technician unless the test needs more (schedules, output jobs and windows are set up by coordinators and admins). */
export const addUser = (db: Db, email: string, role: Role = 'technician') => insertUser(db, { email, name: email.split('@')[0] ?? '', role, password: PASSWORD }, Date.now());

export interface DeviceUnderTest {
  name: string;
  page: Page;
  context: BrowserContext;
  host: BrowserHost;
  errors: string[];
  close(): Promise<void>;
}

/**
 * One device: its own host (main's services, data folder), its own browser
 * context (its own IndexedDB), the server set through the same IPC channel
 * Settings uses (so the CSP allows it), onboarded and signed in through the UI.
 */
export async function openDevice(browser: Browser, serverUrl: string, name: string, email: string): Promise<DeviceUnderTest> {
  const host = await startBrowserHost();
  const set = await host.router.handle('config.setSyncServer', { url: `${host.origin}/index.html`, isTopFrame: true }, { url: serverUrl });
  expect(set.ok).toBe(true);
  const context = await browser.newContext();
  await mountBridge(context, host.router);
  host.attachBrowser(context);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    // Failed requests while a device is offline are expected; anything else is a bug.
    if (m.type() === 'error' && !/net::ERR_INTERNET_DISCONNECTED|Failed to load resource/.test(m.text())) errors.push(m.text());
  });
  await page.goto(`${host.origin}/#/people`);
  await onboard(page, `Staff ${name}`, `Laptop ${name}`);
  await page.getByRole('link', { name: 'Settings' }).click();
  const form = page.getByRole('form', { name: 'Sign in to sync' });
  await form.getByLabel('Email').fill(email);
  await form.getByLabel('Password').fill(PASSWORD);
  await form.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText(`Signed in to ${serverUrl}`)).toBeVisible();
  await expect(page.getByTestId('sync-status')).toHaveText(/Synced at/);
  return {
    name,
    page,
    context,
    host,
    errors,
    async close() {
      await context.close();
      await host.close();
    },
  };
}

const lastSynced = async (page: Page): Promise<unknown> =>
  ((await readStore(page, 'syncState')) as { key: string; value: unknown }[]).find((r) => r.key === 'lastSyncedAt')?.value ?? null;

/** Press "Sync now" in Settings and wait for a completed run with nothing left to push. */
export async function syncNow(d: DeviceUnderTest): Promise<void> {
  const before = await lastSynced(d.page);
  await d.page.getByRole('link', { name: 'Settings' }).click();
  await d.page.getByRole('button', { name: 'Sync now' }).click();
  const fast = { intervals: [50, 100, 200] };
  await expect.poll(() => lastSynced(d.page), { message: `${d.name} finished a sync`, ...fast }).not.toEqual(before);
  await expect.poll(async () => (await readChanges(d.page)).length, { message: `${d.name} pushed everything`, ...fast }).toBe(0);
}

export async function editPerson(d: DeviceUnderTest, name: string, fields: Record<string, string>): Promise<void> {
  await d.page.getByRole('link', { name: 'People' }).click();
  await d.page.getByRole('button', { name: `Edit ${name}` }).click();
  const form = d.page.getByRole('form', { name: `Edit ${name}` });
  for (const [label, value] of Object.entries(fields)) await form.getByLabel(label, { exact: true }).fill(value);
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form).toBeHidden();
}

export async function addPerson(d: DeviceUnderTest, fields: Record<string, string>): Promise<void> {
  await d.page.getByRole('link', { name: 'People' }).click();
  await d.page.getByRole('button', { name: 'Add person', exact: true }).click();
  const form = d.page.getByRole('form', { name: 'Add a person' });
  for (const [label, value] of Object.entries(fields)) await form.getByLabel(label, { exact: true }).fill(value);
  await form.getByRole('button', { name: 'Save' }).click();
  // Saved once the form closes: a name already listed (the profile's own) matches the cell before the save ends, and
  // the next Add person would land while this form is still open.
  await expect(form).toBeHidden();
  await expect(d.page.getByRole('table', { name: 'People' }).getByRole('cell', { name: fields.Name, exact: true })).toBeVisible();
}

export interface PersonRow {
  id: string;
  name: string;
  phone: string;
  site: string;
  title: string;
  deleted: 0 | 1;
  stamps: Record<string, string>;
}

/** The people store as IndexedDB holds it, without the local bookkeeping, sorted by id. */
export async function people(d: DeviceUnderTest): Promise<Omit<PersonRow, 'stamps'>[]> {
  const rows = (await readStore(d.page, 'people')) as PersonRow[];
  return rows.map(({ stamps: _s, ...rest }) => rest).sort((a, b) => a.id.localeCompare(b.id));
}
