import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { mountBridge } from '../../../electron/browser-host/mount-bridge';
import type { BrowserHost } from '../../../electron/browser-host/host';
import type { Person } from '../../../shared/people/schema';
import type { Ticket } from '../../../shared/tickets/schema';
import { expect, expectAccessible, onboard, readChanges, readStore, test } from '../fixtures';

/** A second device on the same host: its own browser context, so its own empty IndexedDB. */
async function freshProfile(context: BrowserContext, host: BrowserHost): Promise<{ page: Page; errors: string[] }> {
  await mountBridge(context, host.router);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`${e.name}: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.goto(`${host.origin}/#/tickets`);
  await onboard(page, 'Jordan Avila', 'Laptop 9');
  return { page, errors };
}

/** Put records straight into a page's IndexedDB (the catalog a synced device would already have). */
async function putRecords(page: Page, tables: Record<string, unknown[]>): Promise<void> {
  await page.evaluate(
    (t) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('fielddesk');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(Object.keys(t), 'readwrite');
          for (const [name, rows] of Object.entries(t)) for (const r of rows) tx.objectStore(name).put(r);
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    tables,
  );
}

const TIMES = ['createdAt', 'updatedAt', 'firstResponseDue', 'firstRespondedAt', 'resolutionDue', 'resolvedAt', 'closedAt'] as const;
const SAME = ['type', 'title', 'description', 'channel', 'category', 'priority', 'impact', 'urgency', 'status', 'pendingReason', 'escalationLevel', 'siteId', 'systemId', 'teamId', 'assigneeId'] as const;

/**
 * Every field the incident log carries, compared ticket by ticket (matched by
 * number). Times to the second: the CSV writes whole seconds. Requesters are
 * compared by name and agency, since the importing device creates its own
 * person records for them. Not in the incident log, so not compared:
 * root cause, escalation details, pauses.
 */
function expectSameTickets(imported: Ticket[], originals: Ticket[], peopleA: Person[], peopleB: Person[]) {
  expect(imported).toHaveLength(originals.length);
  const byNumber = new Map(imported.map((t) => [t.number, t]));
  const personA = new Map(peopleA.map((p) => [p.id, p]));
  const personB = new Map(peopleB.map((p) => [p.id, p]));
  for (const o of originals) {
    const t = byNumber.get(o.number);
    expect(t, `ticket ${o.number} imported`).toBeDefined();
    for (const f of SAME) expect(t![f], `${o.number} ${f}`).toEqual(o[f]);
    for (const f of TIMES) {
      if (o[f] === null) expect(t![f], `${o.number} ${f}`).toBeNull();
      else expect(Math.abs(Date.parse(t![f]!) - Date.parse(o[f]!)), `${o.number} ${f}: ${t![f]} vs ${o[f]}`).toBeLessThan(1000);
    }
    expect([...t!.tags].sort(), `${o.number} tags`).toEqual([...o.tags].sort());
    expect(t!.resolution && { code: t!.resolution.code, text: t!.resolution.text }, `${o.number} resolution`).toEqual(o.resolution && { code: o.resolution.code, text: o.resolution.text });
    const [ra, rb] = [personA.get(o.requesterId)!, personB.get(t!.requesterId)!];
    expect({ name: rb.name, agency: rb.agency }, `${o.number} requester`).toEqual({ name: ra.name, agency: ra.agency });
  }
}

async function importFile(page: Page, host: BrowserHost, file: string) {
  await page.getByRole('link', { name: 'Tickets' }).click();
  // Keyboard: the entry and the file button work from the keyboard.
  await page.getByRole('button', { name: 'Import…' }).focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Import tickets' });
  host.dialogAnswers.pick.push([file]);
  await dialog.getByRole('button', { name: 'Choose file…' }).focus();
  await page.keyboard.press('Enter');
  await expect(dialog.getByRole('table', { name: 'Column mapping' })).toBeVisible();
  return dialog;
}

test('tickets exported to CSV and XLSX import into a fresh profile as the same tickets', async ({ app, host, browser }) => {
  test.setTimeout(420_000); // a shared, noisy machine: sample data, two exports and two imports into fresh profiles
  await onboard(app);
  await app.getByRole('link', { name: 'Tickets' }).click();
  await app.getByRole('button', { name: 'Load sample data' }).click();
  await expect.poll(async () => (await readStore(app, 'tickets')).length, { timeout: 60_000 }).toBe(300);
  // Text a spreadsheet would run as a formula, quotes, a comma: the export guards it, the import gives it back.
  const first = ((await readStore(app, 'tickets')) as Ticket[])[0]!;
  await putRecords(app, { tickets: [{ ...first, title: '=HYPERLINK("http://evil.example","click"), then "quotes"' }] });

  // Export through the UI, both formats.
  await app.getByRole('link', { name: 'Reports' }).click();
  const panel = app.getByRole('form', { name: 'Export the incident log' });
  const xlsx = path.join(host.dataDir, 'log.xlsx');
  const csv = path.join(host.dataDir, 'log.csv');
  host.dialogAnswers.save.push(xlsx);
  await app.getByRole('button', { name: 'Export…' }).click();
  await expect(panel.getByText(`Exported 300 tickets to ${xlsx}`)).toBeVisible({ timeout: 60_000 });
  host.dialogAnswers.save.push(csv);
  await app.getByLabel('CSV (UTF-8)').check();
  await app.getByRole('button', { name: 'Export…' }).click();
  await expect(panel.getByText(`Exported 300 tickets to ${csv}`)).toBeVisible({ timeout: 60_000 });

  const originals = (await readStore(app, 'tickets')) as Ticket[];
  const peopleA = (await readStore(app, 'people')) as Person[];
  // What another device of the same agency already has by sync: agencies, sites, systems, teams and staff, not the requesters.
  const catalog: Record<string, unknown[]> = {
    agencies: await readStore(app, 'agencies'),
    sites: await readStore(app, 'sites'),
    systems: await readStore(app, 'systems'),
    teams: await readStore(app, 'teams'),
    people: peopleA.filter((p) => p.kind === 'staff'),
  };
  // Requesters are matched by name and agency: to a staff member of the same name and agency (copied above), and
  // two directory entries alike in both become one person. So at most this many are new.
  const personById = new Map(peopleA.map((p) => [p.id, p]));
  const maxNew = new Set(originals.map((t) => `${personById.get(t.requesterId)!.name}\u0000${personById.get(t.requesterId)!.agency}`)).size;

  for (const [format, file] of [['csv', csv], ['xlsx', xlsx]] as const) {
    const context = await browser.newContext();
    try {
      const { page, errors } = await freshProfile(context, host);
      await putRecords(page, catalog);
      const dialog = await importFile(page, host, file);
      // The file FieldDesk exported maps itself: every field onto the column of the same header.
      // The incident log's layout: Number, Created, Updated, Type, Title, Description, Channel, Requester,
      // Requester email, Requester phone, … The requester is the name column, not its email or phone beside it.
      await expect(dialog.getByLabel('Number')).toHaveValue('0');
      await expect(dialog.getByLabel('Description')).toHaveValue('5');
      await expect(dialog.getByLabel('Channel')).toHaveValue('6');
      await expect(dialog.getByLabel('Requester (required)')).toHaveValue('7');
      await expect(dialog.getByLabel('Requester (required)').locator('option:checked')).toHaveText('Requester');
      await expectAccessible(page, `ticket import mapping (${format})`);
      await dialog.getByRole('button', { name: 'Check every row' }).click();
      const valid = dialog.getByRole('status').filter({ hasText: 'rows are valid' });
      await expect(valid).toContainText(/^All 300 rows are valid\. \d+ requesters are not in People yet and will be added\./, { timeout: 60_000 });
      const requesters = Number(/(\d+) requesters/.exec((await valid.textContent()) ?? '')![1]);
      expect(requesters).toBeGreaterThan(maxNew - 10);
      expect(requesters).toBeLessThanOrEqual(maxNew);
      await page.screenshot({ path: test.info().outputPath(`import-${format}-checked.png`) });
      await dialog.getByRole('button', { name: 'Import 300 tickets' }).click();
      await expect(dialog.getByRole('status').filter({ hasText: 'Imported' })).toHaveText(`Imported 300 tickets and added ${requesters} requesters to People.`, { timeout: 60_000 });
      await dialog.getByRole('button', { name: 'Close' }).click();
      await expect(page.locator('[data-testid="ticket-row"]').first()).toBeVisible();
      await page.screenshot({ path: test.info().outputPath(`import-${format}-list.png`) });

      const imported = (await readStore(page, 'tickets')) as Ticket[];
      expectSameTickets(imported, originals, peopleA, (await readStore(page, 'people')) as Person[]);
      expect(imported.find((t) => t.title.startsWith('=HYPERLINK'))?.title).toBe('=HYPERLINK("http://evil.example","click"), then "quotes"');
      // History and outbox written with the tickets: one created event each, every record queued for sync.
      const history = (await readStore(page, 'ticketHistory')) as { field: string }[];
      expect(history.filter((h) => h.field === 'created')).toHaveLength(300);
      const outbox = (await readChanges(page)) as { table: string }[];
      expect(outbox.filter((o) => o.table === 'tickets')).toHaveLength(300);
      expect(outbox.filter((o) => o.table === 'ticketHistory')).toHaveLength(300);
      expect(outbox.filter((o) => o.table === 'people')).toHaveLength(requesters);

      // The same file again (once is enough): every row is already here, and nothing changes.
      if (format === 'xlsx') {
        expect(errors, 'the fresh profile logged errors').toEqual([]);
        continue;
      }
      const again = await importFile(page, host, file);
      await again.getByRole('button', { name: 'Check every row' }).click();
      const problems = again.getByRole('list', { name: 'Rows with problems' });
      await expect(problems.getByRole('listitem')).toHaveCount(300, { timeout: 60_000 });
      await expect(problems.getByRole('listitem').first()).toContainText(/^Row 2: Number: Already exists/);
      await expect(again.getByRole('button', { name: /^Import \d/ })).toHaveCount(0);
      expect(await readStore(page, 'tickets')).toHaveLength(300);
      expect(errors, 'the fresh profile logged errors').toEqual([]);
    } finally {
      await context.close();
    }
  }
});

test('malformed ticket files get a clear message and change nothing', async ({ app, host }) => {
  test.setTimeout(120_000);
  await onboard(app);
  await app.getByRole('link', { name: 'Tickets' }).click();
  const before = { tickets: (await readStore(app, 'tickets')).length, people: (await readStore(app, 'people')).length, outbox: (await readChanges(app)).length };

  const garbage = path.join(host.dataDir, 'tickets.csv');
  writeFileSync(garbage, Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256)));
  const dialog = app.getByRole('dialog', { name: 'Import tickets' });
  await app.getByRole('button', { name: 'Import…' }).click();
  host.dialogAnswers.pick.push([garbage]);
  await dialog.getByRole('button', { name: 'Choose file…' }).click();
  await expect(dialog.getByRole('alert')).toContainText(/binary|not a (CSV|text)|cannot be read/i);
  await app.screenshot({ path: test.info().outputPath('import-garbage.png') });

  const fakeXlsx = path.join(host.dataDir, 'tickets.xlsx');
  writeFileSync(fakeXlsx, Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(2000, 0x41)]));
  host.dialogAnswers.pick.push([fakeXlsx]);
  await dialog.getByRole('button', { name: 'Choose file…' }).click();
  await expect(dialog.getByRole('alert')).toContainText(/xlsx|excel|workbook|zip|damaged|cannot be read/i);

  const unclosed = path.join(host.dataDir, 'unclosed.csv');
  writeFileSync(unclosed, 'Number,Title,Requester\r\nKX7Q-00001,"Printer jam,Ana\r\nKX7Q-00002,Second,Ana\r\n');
  host.dialogAnswers.pick.push([unclosed]);
  await dialog.getByRole('button', { name: 'Choose file…' }).click();
  await expect(dialog.getByRole('alert')).toContainText('A quoted field that starts on line 2 is never closed');

  // Ragged rows and every kind of bad value; one good row is not enough for an all-or-nothing import.
  const bad = path.join(host.dataDir, 'bad.csv');
  writeFileSync(
    bad,
    '\ufeffNumber,Created,Title,Requester,Priority,Status,Pending reason,Team\r\n' +
      'KX7Q-00001,2025-03-03 09:15,Printer jam,Ana Lima,P3,open,,\r\n' +
      'KX7Q-00002,2025-03-03 09:15,Too many,Ana Lima,P3,open,,,extra\r\n' +
      'KX7Q-00003,2025-03-03 09:15,Too few\r\n' +
      'KX7Q-00004,2025-02-30 09:15,Bad date,Ana Lima,P3,open,,\r\n' +
      'KX7Q-00005,2025-03-03 09:15,Unknown priority,Ana Lima,P9,open,,\r\n' +
      'KX7Q-00006,2025-03-03 09:15,Unknown status,Ana Lima,P3,doing,,\r\n' +
      'KX7Q-00001,2025-03-03 09:15,Duplicate number,Ana Lima,P3,open,,\r\n' +
      'KX7Q-00007,2025-03-03 09:15,,,P3,open,,\r\n' +
      'KX7Q-00008,2025-03-03 09:15,"Line one\nline two, ""quoted""",Ana Lima,P3,pending,,\r\n',
  );
  host.dialogAnswers.pick.push([bad]);
  await dialog.getByRole('button', { name: 'Choose file…' }).click();
  await dialog.getByRole('button', { name: 'Check every row' }).click();
  const problems = dialog.getByRole('list', { name: 'Rows with problems' });
  await expect(problems.getByRole('listitem')).toHaveCount(8);
  await expect(problems).toContainText('Row 3: This row has 9 values but the header has 8 columns');
  await expect(problems).toContainText('Row 4: This row has 3 values but the header has 8 columns');
  await expect(problems).toContainText('Row 5: Created: Not a date and time: "2025-02-30 09:15"');
  await expect(problems).toContainText('Row 6: Priority: Unknown priority "P9"');
  await expect(problems).toContainText('Row 7: Status: Unknown status "doing"');
  await expect(problems).toContainText('Row 8: Number: Duplicate: row 2 has the same ticket number "KX7Q-00001"');
  await expect(problems).toContainText('Row 9: Title: Missing Title; Requester: Missing Requester');
  await expect(problems).toContainText('Row 10: Pending reason: A pending ticket needs a pending reason');
  await expectAccessible(app, 'ticket import problems');
  await app.screenshot({ path: test.info().outputPath('import-problems.png') });

  // Clean in the file, but naming a team this device does not have: found by the device's own check.
  const unknownTeam = path.join(host.dataDir, 'team.csv');
  writeFileSync(unknownTeam, 'Number,Title,Requester,Team\r\nKX7Q-00001,Printer jam,Ana Lima,Night shift\r\nKX7Q-00002,Scanner,Ana Lima,\r\n');
  host.dialogAnswers.pick.push([unknownTeam]);
  await dialog.getByRole('button', { name: 'Choose another file…' }).click();
  await dialog.getByRole('button', { name: 'Check every row' }).click();
  await expect(problems.getByRole('listitem')).toHaveText(['Row 2: Team: Unknown team "Night shift": add it in Settings first, or leave the column out of the import']);

  expect({ tickets: (await readStore(app, 'tickets')).length, people: (await readStore(app, 'people')).length, outbox: (await readChanges(app)).length }).toEqual(before);
  // Escape closes the dialog.
  await app.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});
