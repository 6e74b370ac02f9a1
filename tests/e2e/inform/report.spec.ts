import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import PostalMime from 'postal-mime';
import * as XLSX from 'xlsx';
import type { Agency, Site } from '../../../shared/tickets/catalog';
import type { Ticket } from '../../../shared/tickets/schema';
import { expect, expectAccessible, onboard, readChanges, readStore, test } from '../fixtures';
import { seedSampleData } from '../reports/seed';
import { sidewaysOverflow, ZOOM_200 } from '../zoom/reflow';

test.describe.configure({ timeout: 180_000 });

const OUT = path.resolve('test-results/inform');

/**
 * A status report for an agency: chosen by name from the palette's "New
 * status report", run over a custom period, saved as PDF on Letter and A4
 * (pdftotext: the agency's name in the header, page numbers, an open
 * ticket's title), exported to XLSX (read back cell by cell with the xlsx
 * package: a date cell is a date, a count a number), mailed as a draft with
 * the PDF attached, saved as a definition and run again in one action.
 */
test('a status report for an agency: PDF, XLSX, a mail draft with the PDF, and a saved report run again', async ({ app, host }) => {
  mkdirSync(OUT, { recursive: true });
  await onboard(app);
  const seeded = await seedSampleData(app, { tickets: 300, people: 60, workLogEntries: 600 });
  const agencies = seeded.get('agencies') as Agency[];
  const siteAgency = new Map((seeded.get('sites') as Site[]).map((s) => [s.id, s.agencyId]));
  const active = (seeded.get('tickets') as Ticket[]).filter((t) => ['new', 'open', 'pending'].includes(t.status) && !t.mergedInto && t.deleted !== 1);
  const openOf = (a: Agency) => active.filter((t) => t.siteId && siteAgency.get(t.siteId) === a.id);
  const agency = agencies.slice().sort((a, b) => openOf(b).length - openOf(a).length)[0]!;
  const open = openOf(agency);
  expect(open.length, 'the sample has open tickets for the agency').toBeGreaterThan(3);
  const shortest = open.slice().sort((a, b) => a.title.length - b.title.length)[0]!;

  await app.getByRole('link', { name: 'Reports' }).click();
  await expect(app.getByRole('heading', { name: 'No saved reports yet' })).toBeVisible();

  // From the palette.
  await app.keyboard.press('Control+k');
  await app.getByRole('combobox', { name: /command/i }).fill('New status report');
  await app.keyboard.press('Enter');
  const form = app.getByRole('form', { name: 'New status report' });
  await expect(form).toBeVisible();
  // Running without a subject says what is missing.
  await form.getByRole('button', { name: 'Run report' }).click();
  await expect(form.getByRole('alert')).toHaveText('Choose the agency the report is about.');
  await form.getByRole('combobox', { name: 'Agency' }).selectOption({ label: agency.name });
  await form.getByRole('combobox', { name: 'Period' }).selectOption('Custom dates');
  await form.getByLabel('From', { exact: true }).fill('2025-04-01');
  await form.getByLabel('To', { exact: true }).fill('2025-06-02');
  await form.getByRole('button', { name: 'Run report' }).click();
  const result = app.getByRole('region', { name: `${agency.name} — status report` });
  await expect(result).toBeVisible();
  await expect(result.getByRole('heading', { name: `${agency.name} — status report` })).toBeFocused();
  const openTable = result.getByRole('region', { name: 'Open requests' }).getByRole('table');
  await expect(openTable.getByRole('row')).toHaveCount(Math.min(open.length, 200) + 1);
  await expect(openTable).toContainText(shortest.title);
  await expect(result.getByRole('img', { name: /Opened, resolved and breached by week/ })).toBeVisible();
  await expect(result.locator('figcaption')).toContainText(/\d+ weeks from 2025-04-01: \d+ opened, \d+ resolved, \d+ breached/);
  await expectAccessible(app, 'status report');
  await app.screenshot({ path: path.join(OUT, 'report-screen.png'), fullPage: true });
  await result.locator('figure').scrollIntoViewIfNeeded();
  await app.screenshot({ path: path.join(OUT, 'report-screen-chart.png') });

  // PDF, Letter and A4.
  const feedback = app.getByTestId('report-feedback');
  for (const paper of ['Letter', 'A4'] as const) {
    const pdf = path.join(host.dataDir, `status-${paper}.pdf`);
    host.dialogAnswers.save.push(pdf);
    await result.getByLabel('Paper').selectOption(paper);
    await result.getByRole('button', { name: 'Save as PDF' }).click();
    await expect(feedback).toHaveText(new RegExp(`^Saved the report as status-${paper}\\.pdf \\(\\d+ pages?\\)\\.$`));
    expect(existsSync(pdf)).toBe(true);
    const text = execFileSync('pdftotext', [pdf, '-']).toString().replace(/\s+/g, ' ');
    expect(text).toContain(`${agency.name} — status report`);
    expect(text).toMatch(/Page 1 of \d+/);
    expect(text).toContain(shortest.title);
    expect(text).toContain(shortest.number);
    expect(text).toContain('Waiting on the customer');
    // The agency's name is in every page's header.
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf]).toString())![1]);
    for (let p = 1; p <= pages; p++) {
      const page = execFileSync('pdftotext', ['-f', String(p), '-l', String(p), pdf, '-']).toString();
      expect(page.split('\n').slice(0, 3).join(' '), `page ${p} header`).toContain(agency.name);
      expect(page).toContain(`Page ${p} of ${pages}`);
    }
    const info = execFileSync('pdfinfo', [pdf]).toString();
    expect(info).toMatch(paper === 'Letter' ? /Page size:\s+612 x 792/ : /Page size:\s+59[45](\.\d+)? x 84[12](\.\d+)?/);
    execFileSync('cp', [pdf, `${OUT}/report-${paper}.pdf`]);
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '2', pdf, `${OUT}/report-${paper}`]);
  }

  // XLSX, read back cell by cell by another library than the one that wrote it.
  const xlsx = path.join(host.dataDir, 'status.xlsx');
  host.dialogAnswers.save.push(xlsx);
  await result.getByRole('button', { name: 'Export to Excel' }).click();
  await expect(feedback).toHaveText('Exported the report to status.xlsx (7 sheets).');
  const book = XLSX.read(readFileSync(xlsx), { cellDates: true });
  expect(book.SheetNames).toEqual(['Report', 'Counts', 'Trend', 'Open requests', 'Waiting on the customer', 'Resolved in the period', 'Training held']);
  const sheet = book.Sheets['Open requests']!;
  const rows = XLSX.utils.sheet_to_json<Record<string, unknown>>(sheet);
  expect(rows).toHaveLength(open.length);
  const r = XLSX.utils.decode_range(sheet['!ref']!);
  let found = -1;
  for (let i = 1; i <= r.e.r; i++) if (sheet[XLSX.utils.encode_cell({ r: i, c: 0 })]?.v === shortest.number) found = i;
  expect(found).toBeGreaterThan(0);
  expect(sheet[XLSX.utils.encode_cell({ r: found, c: 1 })]).toMatchObject({ t: 's', v: shortest.title });
  const opened = sheet[XLSX.utils.encode_cell({ r: found, c: 4 })]!;
  expect(opened.t).toBe('d');
  expect(opened.v).toBeInstanceOf(Date);
  expect(sheet[XLSX.utils.encode_cell({ r: found, c: 5 })]!.t).toBe('n');
  const counts = book.Sheets.Counts!;
  expect(counts.A2!.v).toBe('Open now');
  expect(counts.B2).toMatchObject({ t: 'n', v: open.length });
  expect(book.Sheets.Trend!.A2!.t).toBe('d');

  // A mail draft with the PDF attached.
  await result.getByLabel('Mail to').fill('clerk@eastside.example.gov');
  await result.getByRole('button', { name: 'Mail draft with the PDF' }).click();
  await expect(feedback).toContainText('Mail draft made with');
  const drafts = readdirSync(path.join(host.dataDir, 'drafts')).filter((f) => f.endsWith('.eml'));
  expect(drafts).toHaveLength(1);
  expect(host.openedFiles).toContain(path.join(host.dataDir, 'drafts', drafts[0]!));
  const mail = await PostalMime.parse(readFileSync(path.join(host.dataDir, 'drafts', drafts[0]!)));
  expect(mail.to).toEqual([{ name: '', address: 'clerk@eastside.example.gov' }]);
  expect(mail.subject).toBe(`Status report: ${agency.name}, 2025-04-01 to 2025-06-02`);
  expect(mail.headers.find((h) => h.key === 'x-unsent')?.value).toBe('1');
  expect(mail.attachments).toHaveLength(1);
  expect(mail.attachments[0]!.mimeType).toBe('application/pdf');
  expect(Buffer.from(mail.attachments[0]!.content as ArrayBuffer).subarray(0, 5).toString()).toBe('%PDF-');

  // Saved, then run again in one action from the saved list (reached from the palette).
  await result.getByLabel('Save as').fill('Eastside monthly');
  await result.getByLabel('Repeats').selectOption('Every week');
  await result.getByLabel('On', { exact: true }).selectOption('Monday');
  await result.getByRole('button', { name: 'Save this report' }).click();
  await expect(feedback).toHaveText('Saved “Eastside monthly”: run it again from Saved reports or the palette.');
  await form.getByRole('button', { name: 'Close' }).click();
  const saved = app.getByRole('table', { name: 'Saved reports' });
  await expect(saved.getByRole('row', { name: /Eastside monthly/ })).toContainText(`Agency: ${agency.name}`);
  await expect(saved.getByRole('row', { name: /Eastside monthly/ })).toContainText('Never');
  // Repeating from today: not due yet, the next Monday named.
  await expect(saved.getByRole('row', { name: /Eastside monthly/ })).toContainText(/Weekly on Monday · (next \d{4}-\d{2}-\d{2}|Due since \d{4}-\d{2}-\d{2})/);
  const defs = (await readStore(app, 'reportDefinitions')) as { name: string; ownerId: string; lastRunAt: string | null; from: string; scopeId: string }[];
  expect(defs).toMatchObject([{ name: 'Eastside monthly', from: '2025-04-01', scopeId: agency.id, lastRunAt: null, repeat: { freq: 'weekly', weekdays: ['mon'] } }]);
  expect(((await readChanges(app)) as { table: string }[]).some((c) => c.table === 'reportDefinitions')).toBe(true);

  await app.keyboard.press('Control+k');
  await app.getByRole('combobox', { name: /command/i }).fill('Run saved report…');
  await app.keyboard.press('Enter');
  await expect(app.getByRole('heading', { name: 'Saved reports' })).toBeFocused();
  await saved.getByRole('button', { name: 'Run Eastside monthly' }).click();
  await expect(app.getByRole('form', { name: 'Saved report: Eastside monthly' })).toBeVisible();
  await expect(saved.getByRole('row', { name: /Eastside monthly/ })).not.toContainText('Never');
  // And again from the palette, by its name.
  await app.keyboard.press('Control+k');
  await app.getByRole('combobox', { name: /command/i }).fill('Run saved report: Eastside');
  await expect(app.getByRole('option', { name: /Run saved report: Eastside monthly/ })).toBeVisible();
  await app.keyboard.press('Enter');
  await expect(result).toBeVisible();
  await expect(openTable).toContainText(shortest.title);
  await expect(saved.getByRole('row', { name: /Eastside monthly/ })).not.toContainText('Never');
  expect(((await readStore(app, 'reportDefinitions')) as { lastRunAt: string | null }[])[0]!.lastRunAt).not.toBeNull();

  // A saved report that repeats has its runs on the Schedule calendar (every Monday), each a link back to it.
  await app.evaluate(() => (location.hash = '#/schedule'));
  const reportRun = app.getByRole('link', { name: /Status report: Eastside monthly/ }).first();
  await expect(reportRun).toBeVisible();
  await expectAccessible(app, 'schedule calendar with a repeating status report');
  await app.screenshot({ path: test.info().outputPath('schedule-with-report-runs.png') });
  await reportRun.click();
  await expect(app.getByRole('form', { name: 'Saved report: Eastside monthly' })).toBeVisible();
  await app.keyboard.press('Control+k');
  await app.getByRole('combobox', { name: /command/i }).fill('Run saved report: Eastside');
  await app.keyboard.press('Enter');
  await expect(result).toBeVisible();

  // Dark, at 200% zoom.
  await app.evaluate(() => localStorage.setItem('fielddesk.theme', 'dark'));
  await app.reload();
  await expect(app.locator('html')).toHaveAttribute('data-theme', 'dark');
  await app.setViewportSize(ZOOM_200);
  await expect(app.getByRole('form', { name: 'Saved report: Eastside monthly' })).toBeVisible();
  await expect(result).toBeVisible();
  await expectAccessible(app, 'status report, dark, 200% zoom');
  const overflow = await sidewaysOverflow(app);
  expect(overflow, `nothing scrolls sideways at 200% zoom (${overflow.culprits.join(', ')})`).toMatchObject({ window: 0, main: 0 });
  await app.screenshot({ path: path.join(OUT, 'report-dark-zoom-200.png') });
  await result.getByRole('heading').first().scrollIntoViewIfNeeded();
  await app.screenshot({ path: path.join(OUT, 'report-dark-zoom-200-result.png') });
  await result.locator('figure').scrollIntoViewIfNeeded();
  await app.screenshot({ path: path.join(OUT, 'report-dark-zoom-200-chart.png') });
});
