import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Ticket } from '../../../shared/tickets/schema';
import { expect, expectAccessible, onboard, test } from '../fixtures';
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
  expect(first.getCell(col('Number')!).value).toBe(tickets[0]!.number);
  expect(first.getCell(col('Title')!).value).toBe('=HYPERLINK("http://evil.example","click")'); // text, not a formula
  expect(first.getCell(col('Created')!).value).toBeInstanceOf(Date);
  expect(first.getCell(col('Created')!).numFmt).toMatch(/yy/);
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
  expect(text.split('\r\n')[0]!.startsWith('Number,Created,Updated,Type,Title')).toBe(true);
  expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`); // formula guard, RFC 4180 quoting
  expect(text.trimEnd().split('\r\n')).toHaveLength(301);
  // Nothing but the two finished files: no temp files left behind.
  expect(readdirSync(host.dataDir).filter((f) => f.startsWith('incident-log'))).toEqual(['incident-log.csv', 'incident-log.xlsx']);
  expect(existsSync(xlsxPath)).toBe(true);
});
