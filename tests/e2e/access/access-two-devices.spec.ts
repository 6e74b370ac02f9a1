import type { Page } from '@playwright/test';
import { insertUser } from '../../../server/auth/users';
import { expect, expectAccessible, readStore, test } from '../fixtures';
import { openDevice, PASSWORD, startSyncServer, syncNow, type DeviceUnderTest } from '../sync/devices';
import { expectReflows, REFLOW_320, ZOOM_200 } from '../zoom/reflow';

/**
 * Issue 21: a review campaign worked on two offline laptops. Two coordinators
 * sign in to a real sync server (PGlite, the same SQL as PostgreSQL), both pull
 * the campaign, go offline, and decide the same item differently. Once back
 * online both decisions are kept on both laptops and the item is flagged for
 * a coordinator; closing the campaign flags it instead of choosing.
 */
test.describe.configure({ mode: 'serial', timeout: 300_000 });

type Rec = Record<string, unknown>;
let server: Awaited<ReturnType<typeof startSyncServer>>;
let a: DeviceUnderTest;
let b: DeviceUnderTest;

const shot = (d: DeviceUnderTest, name: string) => d.page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });
const nav = (p: Page, name: string) => p.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true });
const accessTab = (p: Page, name: string) => p.getByRole('navigation', { name: 'Access' }).getByRole('link', { name });

test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000);
  server = await startSyncServer();
  await insertUser(server.db, { email: 'cora@court.example', name: 'Cora Coordinator', role: 'coordinator', password: PASSWORD }, Date.now());
  await insertUser(server.db, { email: 'rae@court.example', name: 'Rae Reviewer', role: 'coordinator', password: PASSWORD }, Date.now());
  a = await openDevice(browser, server.url, 'A', 'cora@court.example');
  b = await openDevice(browser, server.url, 'B', 'rae@court.example');
  for (const d of [a, b]) await d.page.setViewportSize({ width: 1280, height: 900 });
});

test.afterAll(async () => {
  await a?.close();
  await b?.close();
  await server?.stop();
});

async function addPerson(p: Page, name: string) {
  await nav(p, 'People').click();
  await p.getByRole('button', { name: 'Add person', exact: true }).click();
  const form = p.getByRole('form', { name: 'Add a person' });
  await form.getByLabel('Name').fill(name);
  await form.getByLabel('Agency or court').fill('Eastside Superior Court');
  await form.getByRole('button', { name: 'Save' }).click();
  // Saved once the form closes: a name already listed (the profile's own) matches the cell before the save ends, and
  // the next Add person would land while this form is still open.
  await expect(form).toBeHidden();
  await expect(p.getByRole('table', { name: 'People' }).getByRole('cell', { name, exact: true })).toBeVisible();
}

async function offline(...ds: DeviceUnderTest[]) {
  for (const d of ds) await d.context.setOffline(true);
  for (const d of ds) await expect(d.page.getByTestId('sync-status')).toHaveText(/Offline/);
}

async function openCampaign(d: DeviceUnderTest, name: string) {
  await nav(d.page, 'Access').click();
  await accessTab(d.page, 'Reviews').click();
  await d.page.getByRole('link', { name }).click();
  await expect(d.page.getByRole('heading', { name })).toBeVisible();
  // Its items loaded before any key is pressed (a key before them has no row to act on).
  await expect(d.page.getByRole('table', { name: 'Review items' }).locator('tbody tr').first()).toBeVisible();
}

test('a campaign decided differently on two offline laptops keeps both decisions and flags the item for a coordinator on both', async () => {
  // Laptop A: the directory, the system and its entitlement (catalog set-up is a coordinator's).
  for (const name of ['Ana Ruiz', 'Bea Boss', 'Omar Owner']) await addPerson(a.page, name);
  await nav(a.page, 'Settings').click();
  const systems = a.page.getByRole('region', { name: 'Help desk' }).getByRole('region', { name: 'Systems' });
  await systems.getByRole('button', { name: 'Add system' }).click();
  await systems.getByRole('form', { name: 'New system' }).getByLabel('System name').fill('Case Management');
  await systems.getByRole('form', { name: 'New system' }).getByRole('button', { name: 'Save system' }).click();
  await expect(systems.getByRole('rowheader', { name: 'Case Management', exact: true })).toBeVisible();
  await nav(a.page, 'Access').click();
  await accessTab(a.page, 'Catalog').click();
  await a.page.getByRole('button', { name: 'New entitlement' }).click();
  const ent = a.page.getByRole('form', { name: 'New entitlement' });
  await ent.getByLabel('Name').fill('Clerk');
  await ent.getByLabel('Owner').selectOption({ label: 'Omar Owner' });
  await ent.getByRole('button', { name: 'Save entitlement' }).click();
  await expect(a.page.getByRole('table', { name: 'Case Management entitlements' }).getByRole('cell', { name: 'Clerk', exact: true })).toBeVisible();
  await syncNow(a);
  await syncNow(b);

  // Laptop B (Rae) enters the request; laptop A (Cora) records the supervisor's approval and grants it:
  // nobody approves a request they entered.
  await nav(b.page, 'Access').click();
  await expect(b.page.getByRole('button', { name: 'Request access' }).first()).toBeVisible();
  await b.page.locator('body').press('n');
  await b.page.getByLabel('For whom').selectOption({ label: 'Ana Ruiz (Eastside Superior Court)' });
  await b.page.getByLabel('Requested by').selectOption({ label: 'Bea Boss' });
  await b.page.getByLabel('System').selectOption({ label: 'Case Management' });
  await b.page.getByLabel(/^Clerk/).check();
  await b.page.getByLabel('Business justification (required)').fill('Front counter clerk');
  await b.page.getByRole('button', { name: 'Submit request' }).click();
  await expect(b.page.getByTestId('request-status')).toHaveText('Submitted');
  await syncNow(b);
  await syncNow(a);
  await nav(a.page, 'Access').click();
  await a.page.getByRole('table', { name: 'Requests waiting' }).getByRole('link', { name: 'Ana Ruiz' }).click();
  await a.page.getByLabel('Decided by').selectOption({ label: 'Bea Boss' });
  await a.page.getByLabel('How').selectOption({ label: 'In person' });
  await a.page.getByRole('button', { name: 'Record decision' }).click();
  await expect(a.page.getByTestId('request-status')).toHaveText('Approved');
  await a.page.getByRole('button', { name: 'Grant access (no steps)' }).click();
  await expect(a.page.getByTestId('request-status')).toHaveText('Active');

  // Laptop A sets up the campaign; both laptops pull it.
  await accessTab(a.page, 'Reviews').click();
  await a.page.getByRole('button', { name: 'New review campaign' }).click();
  await a.page.getByLabel('Name').fill('Q2 Case Management review');
  await a.page.getByRole('button', { name: 'Start campaign' }).click();
  await expect(a.page.getByRole('heading', { name: 'Q2 Case Management review' })).toBeVisible();
  await syncNow(a);
  await syncNow(b);
  await openCampaign(b, 'Q2 Case Management review');
  const itemsOn = (d: DeviceUnderTest) => d.page.getByRole('table', { name: 'Review items' });
  await expect(itemsOn(b).getByRole('cell', { name: 'Not decided' })).toBeVisible();

  // Both offline: Cora keeps it on A, Rae revokes it on B, each by keyboard.
  await offline(a, b);
  await openCampaign(a, 'Q2 Case Management review');
  await a.page.locator('body').press('j');
  await expect(itemsOn(a).getByLabel('Ana Ruiz, Clerk')).toBeFocused();
  await a.page.keyboard.press('a');
  await expect(itemsOn(a).getByRole('cell', { name: 'Keep (Cora Coordinator)' })).toBeVisible();
  await openCampaign(b, 'Q2 Case Management review');
  await b.page.locator('body').press('j');
  await expect(itemsOn(b).getByLabel('Ana Ruiz, Clerk')).toBeFocused();
  await b.page.keyboard.press('r');
  await b.page.getByLabel('Why revoke?').fill('Moved to the probation unit');
  await b.page.keyboard.press('Enter');
  await expect(itemsOn(b).getByRole('cell', { name: 'Revoke (Rae Reviewer)' })).toBeVisible();
  await expect(a.page.getByTestId('sync-status')).toHaveText(/Offline — \d+ changes? saved on this device/);

  // Back online, each syncs twice in turn: both decisions on both laptops, the item flagged, nothing chosen.
  for (const d of [a, b]) await d.context.setOffline(false);
  for (let round = 0; round < 2; round++) for (const d of [a, b]) await syncNow(d);
  const conflict = 'Conflict: Keep by Cora Coordinator / Revoke by Rae Reviewer';
  for (const d of [a, b]) {
    const decisions = ((await readStore(d.page, 'reviewDecisions')) as Rec[]).filter((x) => !x.deleted);
    expect(decisions.map((x) => [x.decision, x.reason]).sort(), `${d.name} holds both decisions`).toEqual([
      ['keep', ''],
      ['revoke', 'Moved to the probation unit'],
    ]);
    await openCampaign(d, 'Q2 Case Management review');
    await expect(itemsOn(d).getByText(conflict)).toBeVisible();
    await expect(d.page.getByText('1 item needs a coordinator')).toBeVisible();
    // The grant is untouched: nobody's decision won by time.
    const grants = (await readStore(d.page, 'grants')) as Rec[];
    expect(grants.map((g) => g.status)).toEqual(['active']);
  }
  await expectAccessible(a.page, 'access: two-device conflict (A)');
  await shot(a, 'two-devices-conflict-A');
  await shot(b, 'two-devices-conflict-B');

  // Cora closes the campaign on A: the conflict is flagged for a coordinator, not resolved; B sees the same.
  await a.page.getByRole('button', { name: 'Close campaign' }).click();
  await expect(a.page.getByRole('status').filter({ hasText: 'Campaign closed: 0 revocation(s) started, 1 flagged for a coordinator.' })).toBeVisible();
  await syncNow(a);
  await syncNow(b);
  for (const d of [a, b]) {
    const items = ((await readStore(d.page, 'reviewItems')) as Rec[]).filter((x) => !x.deleted);
    expect(items.map((i) => i.outcome), `${d.name}: the item is flagged`).toEqual(['flagged']);
    expect(((await readStore(d.page, 'grants')) as Rec[]).map((g) => g.status), `${d.name}: the grant is still active`).toEqual(['active']);
    await openCampaign(d, 'Q2 Case Management review');
    await expect(itemsOn(d).getByText(conflict)).toBeVisible();
    await expect(itemsOn(d).getByRole('cell', { name: 'Flagged for a coordinator' })).toBeVisible();
  }
  await shot(b, 'two-devices-closed-B');
  // Only what needs a coordinator; dark mode; 200% zoom and 320 px: the table scrolls in its own box, axe clean.
  await b.page.getByLabel('Only items that need a coordinator').check();
  await expect(itemsOn(b).getByRole('row')).toHaveCount(2);
  await b.page.emulateMedia({ colorScheme: 'dark' });
  await expectAccessible(b.page, 'access: closed campaign, dark');
  await shot(b, 'two-devices-closed-B-dark');
  await b.page.emulateMedia({ colorScheme: 'light' });
  for (const size of [ZOOM_200, REFLOW_320]) {
    await b.page.setViewportSize(size);
    await expectReflows(b.page, 'access campaign');
  }
  await b.page.setViewportSize({ width: 1280, height: 900 });

  // Rae, a coordinator too, settles it on B with a note; A sees it settled and the grant kept and reviewed.
  await b.page.getByRole('button', { name: 'Settle: Ana Ruiz, Clerk' }).click();
  const settleForm = b.page.getByRole('form', { name: /^Settle: Ana Ruiz/ });
  await expect(settleForm.getByLabel('Outcome')).toBeFocused();
  await settleForm.getByLabel('Outcome').selectOption({ label: 'Keep' });
  await settleForm.getByLabel('How it was settled (required)').fill('Owner confirmed she still clerks on Fridays');
  await settleForm.getByLabel('How it was settled (required)').press('Enter');
  // Settled, it leaves the list of what needs a coordinator; shown with all items, it says how it was settled.
  await expect(b.page.getByRole('heading', { name: 'Nothing needs a coordinator' })).toBeVisible();
  await expect(b.page.getByText('1 item needs a coordinator')).toBeHidden();
  await b.page.getByLabel('Only items that need a coordinator').uncheck();
  await expect(itemsOn(b).getByRole('cell', { name: 'Kept: Owner confirmed she still clerks on Fridays' })).toBeVisible();
  await syncNow(b);
  await syncNow(a);
  await openCampaign(a, 'Q2 Case Management review');
  await expect(itemsOn(a).getByRole('cell', { name: 'Kept: Owner confirmed she still clerks on Fridays' })).toBeVisible();
  expect(((await readStore(a.page, 'grants')) as Rec[]).map((g) => [g.status, typeof g.lastReviewedAt])).toEqual([['active', 'string']]);
  for (const d of [a, b]) expect(d.errors, `${d.name} logged errors`).toEqual([]);
});
