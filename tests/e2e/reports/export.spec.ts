import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Ticket } from '../../../shared/tickets/schema';
import { expect, expectAccessible, onboard, readStore, test } from '../fixtures';
import { seedSampleData } from './seed';

test('the incident log exports to XLSX and CSV with real types, and a cancelled export writes nothing', async ({ app, host }) => {
  await onboard(app);
  const seeded = await seedSampleData(app, { tickets: 300, people: 60, workLogEntries: 900 });
  const tickets = (seeded.get('tickets') as Ticket[]).slice().sort((a, b) => (a.id < b.id ? -1 : 1));
  // A title that a spreadsheet would run as a formula.
  await app.evaluate(
    (id) =>
      new Promise<void>((resolve) => {
        const open = indexedDB.open('fielddesk');
        open.onsuccess = () => {
          const store = open.result.transaction('tickets', 'readwrite').objectStore('tickets');
          const get = store.get(id);
          get.onsuccess = () => {
            store.put({ ...get.result, title: '=HYPERLINK("http://evil.example","click")' }).onsuccess = () => resolve();
          };
        };
      }),
    tickets[0]!.id,
  );

  await app.getByRole('link', { name: 'Reports' }).click();
  const panel = app.getByRole('form', { name: 'Export the incident log' });
  await expect(app.getByText('300 tickets on this device')).toBeVisible();
  await expectAccessible(app, 'reports');

  // The user cancels the save dialog: nothing is written, and the app says so.
  host.dialogAnswers.save.push(null);
  await app.getByRole('button', { name: 'Export…' }).click();
  await expect(panel.getByText('Export cancelled. No file was written.')).toBeVisible();

  const xlsxPath = path.join(host.dataDir, 'incident-log.xlsx');
  host.dialogAnswers.save.push(xlsxPath);
  await app.getByLabel('Include work-log entries').check();
  await app.getByRole('button', { name: 'Export…' }).click();
  await expect(panel.getByText(`Exported 300 tickets to ${xlsxPath}`)).toBeVisible();
  await app.screenshot({ path: test.info().outputPath('reports-exported.png'), fullPage: true });

  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(xlsxPath);
  expect(book.worksheets.map((w) => w.name)).toEqual(['Incidents', 'Work log', 'About this export']);
  const sheet = book.getWorksheet('Incidents')!;
  expect(sheet.rowCount).toBe(301);
  const header = sheet.getRow(1);
  expect(header.getCell(1).value).toBe('Number');
  expect(header.getCell(1).font?.bold).toBe(true);
  expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  expect(sheet.autoFilter).toBeTruthy();
  const col = (h: string) => header.values && (header.values as unknown[]).indexOf(h);
  const first = sheet.getRow(2);
  const zone = await app.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
  expect(first.getCell(col('Number')!).value).toBe(tickets[0]!.number);
  expect(first.getCell(col('Title')!).value).toBe('=HYPERLINK("http://evil.example","click")'); // text, not a formula
  expect(first.getCell(col(`Created (${zone})`)!).value).toBeInstanceOf(Date);
  expect(first.getCell(col(`Created (${zone})`)!).numFmt).toMatch(/yy/);
  expect(typeof first.getCell(col('Time spent (minutes)')!).value).toBe('number');
  expect(typeof first.getCell(col('Work-log entries')!).value).toBe('number');
  const workSheet = book.getWorksheet('Work log')!;
  expect(workSheet.rowCount - 1).toBe((seeded.get('workLog') as unknown[]).length);
  expect(book.getWorksheet('About this export')!.getColumn(2).values.join(' ')).toContain('Jordan Avila');

  const csvPath = path.join(host.dataDir, 'incident-log.csv');
  host.dialogAnswers.save.push(csvPath);
  await app.getByLabel('Include work-log entries').uncheck();
  await app.getByLabel('CSV (UTF-8)').check();
  await app.getByRole('button', { name: 'Export…' }).click();
  await expect(panel.getByText(`Exported 300 tickets to ${csvPath}`)).toBeVisible();
  const csv = readFileSync(csvPath);
  expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 byte-order mark
  const text = csv.toString('utf8').slice(1);
  expect(text.split('\r\n')[0]!.startsWith(`Number,Created (${zone}),Updated (${zone}),Type,Title,Description,Channel`)).toBe(true);
  expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`); // formula guard, RFC 4180 quoting
  expect(text.trimEnd().split('\r\n')).toHaveLength(301);
  // Nothing but the two finished files: no temp files left behind.
  expect(readdirSync(host.dataDir).filter((f) => f.startsWith('incident-log'))).toEqual(['incident-log.csv', 'incident-log.xlsx']);
  expect(existsSync(xlsxPath)).toBe(true);
});

test.describe('in a computer set to Los Angeles time', () => {
  test.use({ timezoneId: 'America/Los_Angeles' });

  test('the incident log says what users see: labels, names (the device’s own user too), contact details, and the zone of its times', async ({ app, host }) => {
    await onboard(app);
    const seeded = await seedSampleData(app, { tickets: 20, people: 15, workLogEntries: 10 });
    const people = seeded.get('people') as { id: string; name: string; email: string; phone: string }[];
    const tickets = (seeded.get('tickets') as Ticket[]).slice().sort((a, b) => (a.id < b.id ? -1 : 1));
    const meta = (await readStore(app, 'meta')) as { key: string; value: { deviceId?: string } }[];
    const deviceId = meta.find((m) => m.key === 'device')!.value.deviceId!;
    // A ticket assigned to the person at this device ("(me)": no staff record of theirs yet, so the device's id), with a note of theirs.
    const mine = { ...tickets[0]!, assigneeId: deviceId, type: 'service_request', channel: 'walk_in', status: 'pending', pendingReason: 'waiting_on_requester', impact: 'medium' } as Ticket;
    const note = { id: '019a0000-0000-7000-8000-0000000000a1', ticketId: mine.id, kind: 'internal_note', body: 'Asked for the PDF.', minutes: 5, authorId: deviceId, at: mine.createdAt, copiedFrom: null, stamps: {}, deleted: 0 };
    await app.evaluate(
      ({ mine, note }) =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('fielddesk');
          open.onsuccess = () => {
            const tx = open.result.transaction(['tickets', 'workLog'], 'readwrite');
            tx.objectStore('tickets').put(mine);
            tx.objectStore('workLog').put(note);
            tx.oncomplete = () => (open.result.close(), resolve());
            tx.onerror = () => reject(tx.error);
          };
        }),
      { mine, note },
    );
    const requester = people.find((p) => p.id === mine.requesterId)!;

    await app.getByRole('link', { name: 'Reports' }).click();
    const panel = app.getByRole('form', { name: 'Export the incident log' });
    await app.getByLabel('Include work-log entries').check();
    await expect(panel.getByLabel("In this computer's time zone (America/Los_Angeles)")).toBeChecked();
    await panel.getByLabel('In UTC').check();
    await expectAccessible(app, 'reports export options');
    const xlsxPath = path.join(host.dataDir, 'incident-log-utc.xlsx');
    host.dialogAnswers.save.push(xlsxPath);
    await app.getByRole('button', { name: 'Export…' }).click();
    await expect(panel.getByText(`Exported 20 tickets to ${xlsxPath}`)).toBeVisible();

    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(xlsxPath);
    const sheet = book.getWorksheet('Incidents')!;
    const headers = (sheet.getRow(1).values as unknown[]).slice(1) as string[];
    expect(headers).toEqual(expect.arrayContaining(['Created (UTC)', 'Description', 'Channel', 'Requester email', 'Requester phone']));
    const rowOf = (number: string) => {
      for (let r = 2; r <= sheet.rowCount; r++) if (sheet.getRow(r).getCell(1).value === number) return sheet.getRow(r);
      throw new Error(`no row for ${number}`);
    };
    const row = rowOf(mine.number);
    const cell = (h: string) => row.getCell(headers.indexOf(h) + 1).value;
    expect(cell('Assignee')).toBe('Jordan Avila');
    expect(cell('Type')).toBe('Service request');
    expect(cell('Channel')).toBe('Walk-in');
    expect(cell('Status')).toBe('Pending');
    expect(cell('Pending reason')).toBe('Waiting on requester');
    expect(cell('Impact')).toBe('Medium');
    expect(cell('Requester')).toBe(requester.name);
    expect(cell('Requester email') ?? '').toBe(requester.email);
    expect(cell('Requester phone') ?? '').toBe(requester.phone);
    expect(cell('Description') ?? '').toBe(mine.description);
    expect((cell('Created (UTC)') as Date).toISOString()).toBe(new Date(mine.createdAt).toISOString()); // UTC wall clock = the instant
    const all = JSON.stringify(sheet.getSheetValues());
    expect(all).not.toContain(deviceId);
    expect(all).not.toMatch(/waiting_on_|service_request|walk_in|site_visit/);
    const work = book.getWorksheet('Work log')!;
    const workText = JSON.stringify(work.getSheetValues());
    expect(workText).toContain('"Jordan Avila","Internal"');
    expect(workText).not.toContain(deviceId);
    const about = book.getWorksheet('About this export')!.getSheetValues().filter(Boolean).map((r) => (r as unknown[]).slice(1));
    expect(about).toContainEqual(['Time zone of all times', 'UTC']);

    const csvPath = path.join(host.dataDir, 'incident-log-utc.csv');
    host.dialogAnswers.save.push(csvPath);
    await app.getByLabel('CSV (UTF-8)').check();
    await app.getByRole('button', { name: 'Export…' }).click();
    await expect(panel.getByText(`Exported 20 tickets to ${csvPath}`)).toBeVisible();
    const csv = readFileSync(csvPath, 'utf8').slice(1);
    expect(csv.split('\r\n')[0]).toContain('Created (UTC)');
    expect(csv).toContain('Waiting on requester');
    expect(csv).toContain(`Pending,Waiting on requester`);
    expect(csv).not.toContain(deviceId);
    const csvWork = readFileSync(path.join(host.dataDir, 'incident-log-utc - work log.csv'), 'utf8');
    expect(csvWork).toContain('Jordan Avila,Internal');
    await app.screenshot({ path: test.info().outputPath('reports-export-utc.png'), fullPage: true });
  });
});
