import { expect, readStore, test } from '../fixtures';
import { addUser, openDevice, startSyncServer, syncNow, type DeviceUnderTest } from '../sync/devices';
import { addPersonHere, createPatchTuesday, daysBetween, localToday, nextSecondTuesday } from './helpers';

// A real sync server (PGlite) and two laptops, each with its own browser context and IndexedDB.
test.describe.configure({ mode: 'serial', timeout: 180_000 });

let server: Awaited<ReturnType<typeof startSyncServer>>;
let a: DeviceUnderTest;
let b: DeviceUnderTest;

test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  server = await startSyncServer();
  // Both laptops set up and activate the schedule: the server takes schedule writes from coordinators and admins only.
  await addUser(server.db, 'tess@agency.gov', 'coordinator');
  await addUser(server.db, 'omar@agency.gov', 'coordinator');
  [a, b] = await Promise.all([openDevice(browser, server.url, 'A', 'tess@agency.gov'), openDevice(browser, server.url, 'B', 'omar@agency.gov')]);
});

test.afterAll(async () => {
  await a?.close();
  await b?.close();
  await server?.stop();
});

interface Row {
  id: string;
  number?: string;
  deleted?: number;
}

const alive = async (d: DeviceUnderTest, store: string) => ((await readStore(d.page, store)) as Row[]).filter((r) => !r.deleted);

async function activate(d: DeviceUnderTest) {
  await d.page.evaluate(() => (location.hash = '#/schedule/schedules'));
  await d.page.getByRole('link', { name: 'Patch Tuesday — case management' }).click();
  const form = d.page.getByRole('form', { name: 'Schedule Patch Tuesday — case management' });
  await form.getByLabel('Active').check();
  await form.getByRole('button', { name: 'Save schedule' }).click();
  await expect.poll(async () => (await alive(d, 'occurrences')).length, { message: `${d.name} created the occurrence` }).toBe(1);
}

test('two offline laptops create the same occurrence and converge to one occurrence and one ticket', async () => {
  await addPersonHere(a.page, 'Ana Ruiz');
  const today = await localToday(a.page);
  const due = nextSecondTuesday(today);
  // Set up paused on A, so nothing is created before both laptops have it.
  await createPatchTuesday(a.page, 'Ana Ruiz', { active: false, leadDays: daysBetween(today, due) });
  expect(await alive(a, 'tickets')).toHaveLength(0);
  await syncNow(a);
  await syncNow(b);
  await b.page.evaluate(() => (location.hash = '#/schedule/schedules'));
  await expect(b.page.getByRole('link', { name: 'Patch Tuesday — case management' })).toBeVisible();

  for (const d of [a, b]) await d.context.setOffline(true);
  for (const d of [a, b]) await expect(d.page.getByTestId('sync-status')).toHaveText(/Offline/);
  await activate(a);
  await activate(b);
  const [occA] = await alive(a, 'occurrences');
  const [occB] = await alive(b, 'occurrences');
  expect(occA!.id).toBe(occB!.id);
  expect(occA!.id).toMatch(new RegExp(`^occ:.+:${due}$`));
  const [ticketA] = await alive(a, 'tickets');
  const [ticketB] = await alive(b, 'tickets');
  expect(ticketA!.id).toBe(ticketB!.id);
  // Each laptop numbered the ticket itself, offline.
  expect(ticketA!.number).not.toBe(ticketB!.number);

  for (const d of [a, b]) await d.context.setOffline(false);
  for (let round = 0; round < 2; round++) for (const d of [a, b]) await syncNow(d);

  for (const d of [a, b]) {
    expect(await alive(d, 'occurrences'), `${d.name} occurrences`).toHaveLength(1);
    expect(await alive(d, 'tickets'), `${d.name} tickets`).toHaveLength(1);
  }
  const [finalA] = await alive(a, 'tickets');
  const [finalB] = await alive(b, 'tickets');
  expect(finalA!.number).toBe(finalB!.number);
  expect([ticketA!.number, ticketB!.number]).toContain(finalA!.number);
  await a.page.evaluate(() => (location.hash = '#/tickets'));
  await expect(a.page.getByText('Apply monthly patches').first()).toBeVisible();
  await a.page.screenshot({ path: 'test-results/operations/two-devices-tickets-a.png', fullPage: true });
  for (const d of [a, b]) expect(d.errors, `${d.name} logged errors`).toEqual([]);
});
