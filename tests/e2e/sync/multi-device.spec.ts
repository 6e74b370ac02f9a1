import { expect, expectAccessible, readStore, test } from '../fixtures';
import { addPerson, addUser, editPerson, openDevice, people, startSyncServer, syncNow, type DeviceUnderTest } from './devices';

// One server and three devices (two staff, one of them on two laptops) for the whole file: starting
// them is the slow part. Each test works on its own records, and the tests run in order.
test.describe.configure({ mode: 'serial', timeout: 120_000 });

let server: Awaited<ReturnType<typeof startSyncServer>>;
let devices: DeviceUnderTest[] = [];
let a: DeviceUnderTest;
let b: DeviceUnderTest;
let c: DeviceUnderTest;

test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  server = await startSyncServer();
  await addUser(server.db, 'tess@agency.gov');
  await addUser(server.db, 'omar@agency.gov');
  devices = await Promise.all([
    openDevice(browser, server.url, 'A', 'tess@agency.gov'),
    openDevice(browser, server.url, 'B', 'tess@agency.gov'),
    openDevice(browser, server.url, 'C', 'omar@agency.gov'),
  ]);
  [a, b, c] = devices as [DeviceUnderTest, DeviceUnderTest, DeviceUnderTest];
});

test.afterEach(() => {
  for (const d of devices) expect(d.errors, `${d.name} logged errors`).toEqual([]);
});

test.afterAll(async () => {
  for (const d of devices) await d.close();
  await server?.stop();
});

async function offline(...ds: DeviceUnderTest[]) {
  for (const d of ds) await d.context.setOffline(true);
  for (const d of ds) await expect(d.page.getByTestId('sync-status')).toHaveText(/Offline/);
}

/** Back online; every device syncs twice in turn, so each has pulled what every other pushed. */
async function reconnectAndSettle(ds: DeviceUnderTest[]) {
  for (const d of ds) await d.context.setOffline(false);
  for (let round = 0; round < 2; round++) for (const d of ds) await syncNow(d);
}

const named = async (d: DeviceUnderTest, names: readonly string[]) => (await people(d)).filter((p) => names.includes(p.name));

test('offline edits of different fields of one record merge, and edits of the same field resolve identically everywhere', async () => {
  await addPerson(a, { Name: 'Marisol Vega', Site: 'B.F. Sisk Courthouse', Phone: '559-000-0000' });
  for (const d of devices) await syncNow(d);
  await c.page.getByRole('link', { name: 'People' }).click();
  await expect(c.page.getByRole('cell', { name: 'Marisol Vega', exact: true })).toBeVisible();

  await offline(a, b, c);
  await editPerson(a, 'Marisol Vega', { Site: 'Juvenile Justice Center', 'Job title': 'Clerk (A)' });
  await editPerson(b, 'Marisol Vega', { Phone: '559-555-0100', 'Job title': 'Clerk (B)' });
  await editPerson(c, 'Marisol Vega', { 'Job title': 'Courtroom clerk (C, last)' });
  await expect(a.page.getByTestId('sync-status')).toHaveText(/Offline — 1 change saved on this device/);

  await reconnectAndSettle(devices);
  // Different fields merged; the same field (title) went to the last writer on every device.
  const expected = { name: 'Marisol Vega', site: 'Juvenile Justice Center', phone: '559-555-0100', title: 'Courtroom clerk (C, last)', deleted: 0 };
  const states = await Promise.all(devices.map((d) => named(d, ['Marisol Vega'])));
  for (const s of states) {
    expect(s).toHaveLength(1);
    expect(s[0]).toMatchObject(expected);
  }
  expect(states[1]).toEqual(states[0]);
  expect(states[2]).toEqual(states[0]);
  await expect(b.page.getByTestId('sync-status')).toHaveText(/Synced at/);
  await b.page.getByRole('link', { name: 'People' }).click();
  await expect(b.page.getByRole('cell', { name: 'Juvenile Justice Center', exact: true })).toBeVisible();
});

test('records created offline on every device all appear everywhere, once', async () => {
  await offline(...devices);
  for (const d of devices) {
    await addPerson(d, { Name: `Requester from ${d.name}`, Site: `Site ${d.name}` });
    await addPerson(d, { Name: `Trainee from ${d.name}` });
  }
  await reconnectAndSettle(devices);
  const names = ['A', 'B', 'C'].flatMap((n) => [`Requester from ${n}`, `Trainee from ${n}`]).sort();
  const states = await Promise.all(devices.map((d) => named(d, names)));
  for (const s of states) expect(s.map((p) => p.name).sort()).toEqual(names);
  expect(states[1]).toEqual(states[0]);
  expect(states[2]).toEqual(states[0]);
  await c.page.getByRole('link', { name: 'People' }).click();
  for (const n of names) await expect(c.page.getByRole('cell', { name: n, exact: true })).toHaveCount(1);
});

test('a delete racing an edit ends the same way on every device', async () => {
  await addPerson(a, { Name: 'Walter Diaz', Site: 'Annex' });
  await syncNow(a);
  await syncNow(b);
  await offline(a, b);
  await a.page.getByRole('link', { name: 'People' }).click();
  a.page.once('dialog', (d) => void d.accept());
  await a.page.getByRole('button', { name: 'Remove Walter Diaz' }).click();
  await expect(a.page.getByRole('cell', { name: 'Walter Diaz', exact: true })).toBeHidden();
  await editPerson(b, 'Walter Diaz', { Site: 'Main courthouse' });

  await reconnectAndSettle(devices);
  const states = await Promise.all(devices.map((d) => named(d, ['Walter Diaz'])));
  for (const s of states) {
    expect(s).toHaveLength(1);
    // The tombstone is a field like any other: the record stays deleted, with b's edit merged in.
    expect(s[0]).toMatchObject({ deleted: 1, site: 'Main courthouse' });
  }
  expect(states[1]).toEqual(states[0]);
  expect(states[2]).toEqual(states[0]);
  for (const d of devices) {
    await d.page.getByRole('link', { name: 'People' }).click();
    await expect(d.page.getByRole('cell', { name: 'Marisol Vega', exact: true })).toBeVisible();
    await expect(d.page.getByRole('cell', { name: 'Walter Diaz', exact: true })).toBeHidden();
  }
});

/** On one device, from the keyboard: a ticket for a requester added on the spot. Gives its number. */
async function createTicket(d: DeviceUnderTest, requesterName: string, email: string, title: string): Promise<string> {
  await d.page.getByRole('link', { name: 'Tickets' }).click();
  await expect(d.page.getByRole('heading', { name: 'Tickets', level: 1 })).toBeVisible();
  await d.page.locator('body').press('c');
  const requester = d.page.getByRole('combobox', { name: 'Requester' });
  await requester.fill(requesterName);
  await requester.press('Enter');
  await d.page.getByLabel('E-mail').fill(email);
  await d.page.getByRole('button', { name: 'Add requester' }).click();
  await expect(d.page.getByText(requesterName)).toBeVisible();
  await d.page.getByLabel('Title').fill(title);
  await d.page.getByLabel('Title').press('Control+Enter');
  await expect(d.page.getByTestId('ticket-status')).toHaveText('New');
  return (await d.page.locator('h1 .mono').textContent())!;
}

test('a ticket made on one device is found on another by its requester and its work log', async () => {
  // Device A: a new requester, a ticket for her, and a work-log entry.
  const number = await createTicket(a, 'Quincy Okonkwo', 'quincy@court.example', 'Calendar export stalls');
  await a.page.getByLabel('Work-log entry').fill('Cleared the spooler backlog on the clerk print server');
  await a.page.getByLabel('Minutes').fill('5');
  await a.page.getByRole('button', { name: 'Add to log' }).click();
  await expect(a.page.getByTestId('timeline-entry')).toHaveCount(1);
  await syncNow(a);
  await syncNow(b);

  // Device B pulled the ticket before or with its requester and work log; its search words are
  // completed in the background once the pull is over.
  await b.page.getByRole('link', { name: 'Tickets' }).click();
  await b.page.getByRole('button', { name: 'All tickets' }).click();
  const search = b.page.getByRole('searchbox', { name: 'Search tickets' });
  const rows = b.page.getByTestId('ticket-row');
  // Each search starts from one that matches nothing, so a row seen is the search's answer, not the list before it.
  const found = async (query: string, timeout?: number) => {
    await search.fill('zzqxv');
    await expect(rows).toHaveCount(0);
    await search.fill(query);
    await expect(rows.filter({ hasText: number })).toBeVisible({ timeout });
  };
  await found('calendar export');
  await found('spooler backlog', 15_000);
  await found('okonkwo');
  await b.page.screenshot({ path: test.info().outputPath('synced-ticket-search.png'), fullPage: true });
});

test('two laptops numbering with one code (a backup of one restored on the other) both sync, and each takes a new code', async () => {
  // B gets A's numbering state, as restoring A's backup on it would: both now number with A's code.
  const numbering = ((await readStore(a.page, 'meta')) as { key: string; value: unknown }[]).find((r) => r.key === 'ticketNumbering')!.value;
  await b.page.evaluate(
    (value) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('fielddesk');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('meta', 'readwrite');
          tx.objectStore('meta').put({ key: 'ticketNumbering', value });
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    numbering,
  );
  await offline(a, b);
  const fromA = await createTicket(a, 'Rhea Castillo', 'rhea@court.example', 'Jury check-in kiosk offline');
  const fromB = await createTicket(b, 'Ines Barros', 'ines@court.example', 'Minute order template missing');
  expect(fromB).toBe(fromA);

  // Each pulls the other's ticket with its own number: stored (a unique index made that pull fail, every time).
  await reconnectAndSettle([a, b]);
  for (const d of [a, b]) {
    const shared = ((await readStore(d.page, 'tickets')) as { number: string; title: string }[]).filter((t) => t.number === fromA);
    expect(shared.map((t) => t.title).sort(), `${d.name} holds both tickets numbered ${fromA}`).toEqual(['Jury check-in kiosk offline', 'Minute order template missing']);
  }
  // And each numbers its next ticket with a code of its own.
  const code = (n: string) => n.slice(0, n.indexOf('-'));
  const nextA = await createTicket(a, 'Tomas Reyes', 'tomas@court.example', 'Badge printer ribbon out');
  const nextB = await createTicket(b, 'Wen Li', 'wen@court.example', 'Interpreter schedule will not load');
  expect(code(nextA)).not.toBe(code(fromA));
  expect(code(nextB)).not.toBe(code(fromA));
  expect(code(nextA)).not.toBe(code(nextB));

  // Linking by the shared number asks which of the two is meant, and links the one picked.
  await a.page.getByLabel('Ticket number to link').fill(fromA);
  await a.page.getByRole('button', { name: 'Link', exact: true }).click();
  const choice = a.page.getByRole('group', { name: `Tickets numbered ${fromA}` });
  await expect(choice.getByRole('button', { name: /^Link to/ })).toHaveCount(2);
  await expectAccessible(a.page, 'choice between two tickets with one number');
  await a.page.screenshot({ path: test.info().outputPath('link-shared-number.png'), fullPage: true });
  await choice.getByRole('button', { name: 'Link to “Minute order template missing”', exact: false }).click();
  await expect(choice).toHaveCount(0);
  const links = a.page.getByRole('region', { name: 'Links' });
  await expect(links.getByRole('link', { name: fromA })).toHaveCount(1);
  const stored = (await readStore(a.page, 'ticketLinks')) as { fromId: string; toId: string; deleted: number }[];
  const tickets = (await readStore(a.page, 'tickets')) as { id: string; title: string }[];
  const titleOf = (id: string) => tickets.find((t) => t.id === id)?.title;
  expect(stored.filter((l) => !l.deleted).map((l) => [titleOf(l.fromId), titleOf(l.toId)])).toEqual([['Badge printer ribbon out', 'Minute order template missing']]);
});
