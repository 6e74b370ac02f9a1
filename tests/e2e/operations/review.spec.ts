import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { expect, expectAccessible, onboard, readStore, test } from '../fixtures';
import { addPersonHere } from './helpers';

test.describe.configure({ timeout: 150_000 });

const OUT = path.resolve('test-results/operations');

test('a review built from an incident’s timeline with two action items, final only once both have owners, printed to PDF on Letter and A4, exported to XLSX', async ({ app, host }) => {
  mkdirSync(OUT, { recursive: true });
  await onboard(app);
  await addPersonHere(app, 'Carl Diaz');
  await addPersonHere(app, 'Ana Ruiz', 'staff');

  // The incident: opened, triaged, a work-log entry.
  await app.getByRole('link', { name: 'Tickets' }).click();
  await app.getByRole('button', { name: /New ticket/ }).click();
  await app.getByRole('combobox', { name: 'Requester' }).fill('Carl Diaz');
  await app.getByRole('option', { name: /^Carl Diaz/ }).first().click();
  await app.getByLabel('Title').fill('Case management down at the Fresno courthouse');
  await app.getByRole('button', { name: 'Create ticket' }).click();
  await expect(app.getByTestId('ticket-status')).toHaveText('New');
  await app.getByRole('button', { name: 'Triage (take and open)' }).click();
  await expect(app.getByTestId('ticket-status')).toHaveText('Open');
  await app.getByLabel('Work-log entry').fill('Restarted the application pool; clerks can file again.');
  await app.getByLabel('Minutes').fill('15');
  await app.getByRole('button', { name: 'Add to log' }).click();
  await expect(app.getByTestId('timeline-entry')).toHaveCount(1);

  // The review.
  await app.getByRole('link', { name: 'Schedule' }).click();
  await app.getByRole('link', { name: 'Reviews' }).click();
  await expect(app.getByRole('heading', { name: 'No reviews yet' })).toBeVisible();
  await app.getByLabel('New review title').fill('CMS outage at Fresno');
  await app.getByRole('button', { name: 'Start a review' }).click();
  const form = app.getByRole('form', { name: 'Review CMS outage at Fresno' });
  await expect(form).toBeVisible();
  await form.getByLabel('Add an incident (number or title)').fill('Fresno');
  await form.getByRole('button', { name: /Case management down at the Fresno courthouse/ }).click();
  await form.getByLabel('Review owner').selectOption({ label: 'Ana Ruiz' });
  await form.getByLabel('Ana Ruiz').check();
  await form.getByLabel('Summary').fill('The case management system was down for two hours at the Fresno courthouse.');
  await form.getByLabel('Root causes').fill('The application pool ran out of memory after a report job leaked connections.');
  await form.getByLabel('Where we got lucky').fill('It happened after the morning calendar call.');
  await form.getByRole('button', { name: 'Save review' }).click();
  await expect(app.getByText('Restored your unsaved review')).toBeHidden();

  // Half typed, then away to the tickets and back: nothing is lost, and the review says it was restored; a reload too.
  await form.getByLabel('Detection').fill('A clerk called the help desk at 8:10');
  await app.getByRole('link', { name: 'Tickets' }).click();
  await expect(form).toBeHidden();
  await app.getByRole('link', { name: 'Schedule' }).click();
  await app.getByRole('link', { name: 'Reviews' }).click();
  await app.getByRole('link', { name: 'CMS outage at Fresno' }).click();
  await expect(form.getByLabel('Detection')).toHaveValue('A clerk called the help desk at 8:10');
  await expect(form.getByText(/Restored your unsaved review/)).toBeVisible();
  await app.reload();
  await expect(form.getByLabel('Detection')).toHaveValue('A clerk called the help desk at 8:10');
  await expect(form.getByLabel('Root causes')).toHaveValue('The application pool ran out of memory after a report job leaked connections.');
  await app.screenshot({ path: path.join(OUT, 'review-draft-restored.png') });
  await form.getByRole('button', { name: 'Save review' }).click();
  await expect(form.getByText(/Restored your unsaved review/)).toBeHidden();

  await app.getByRole('button', { name: 'Pick from the incidents' }).click();
  const events = app.getByRole('group', { name: 'Events of the incidents' });
  await expect(events.getByRole('checkbox')).toHaveCount(4); // opened, assignee, status, the work-log entry
  await events.getByRole('checkbox', { name: /opened by/ }).check();
  await events.getByRole('checkbox', { name: /status new → open/ }).check();
  await events.getByRole('checkbox', { name: /Restarted the application pool/ }).check();
  await events.getByRole('button', { name: 'Add picked entries' }).click();
  const timeline = app.getByRole('region', { name: 'Timeline' });
  await expect(timeline.getByRole('textbox')).toHaveCount(3);
  // Edited, not retyped.
  const last = timeline.getByRole('textbox').nth(2);
  await last.fill('Application pool restarted; clerks filing again');
  await timeline.getByRole('button', { name: 'Save entry' }).nth(2).click();
  await expect(timeline.getByRole('button', { name: 'Save entry' }).nth(2)).toBeDisabled();

  const actions = app.getByRole('form', { name: 'New action item' });
  await actions.getByLabel('Action', { exact: true }).fill('Alert when the application pool passes 80% memory');
  await actions.getByLabel('Action owner').selectOption({ label: 'Ana Ruiz' });
  await actions.getByLabel('Action due').fill('2020-01-15');
  await actions.getByLabel('Action type').selectOption('prevent');
  await actions.getByLabel('Linked ticket').selectOption({ index: 1 });
  await actions.getByRole('button', { name: 'Add action item' }).click();
  // In, and the form cleared for the next one (its owner too), before the next is typed.
  await expect(app.getByRole('region', { name: 'Action items' }).getByRole('row')).toHaveCount(2);
  await expect(actions.getByLabel('Action owner')).toHaveValue('');
  await actions.getByLabel('Action', { exact: true }).fill('Write the restart runbook');
  await actions.getByLabel('Action type').selectOption('process');
  await actions.getByRole('button', { name: 'Add action item' }).click();
  await expect(app.getByRole('region', { name: 'Action items' }).getByRole('row')).toHaveCount(3);

  await form.getByRole('button', { name: 'Mark final' }).click();
  await expect(app.getByRole('alert').filter({ hasText: 'The action “Write the restart runbook” has no owner.' })).toBeVisible();
  await app.getByLabel('Write the restart runbook owner').selectOption({ label: 'Ana Ruiz' });
  await form.getByRole('button', { name: 'Mark final' }).click();
  await expect(form.getByText('Final', { exact: true })).toBeVisible();
  await expectAccessible(app, 'review (final)');
  await app.screenshot({ path: `${OUT}/review-final.png`, fullPage: true });
  // 200% zoom: the same page in half the CSS pixels.
  const size = app.viewportSize()!;
  await app.setViewportSize({ width: Math.round(size.width / 2), height: Math.round(size.height / 2) });
  await expectAccessible(app, 'review at 200% zoom');
  await app.screenshot({ path: `${OUT}/review-zoom-200.png`, fullPage: true });
  await app.setViewportSize(size);

  for (const paper of ['Letter', 'A4'] as const) {
    const pdf = path.join(host.dataDir, `review-${paper}.pdf`);
    host.dialogAnswers.save.push(pdf);
    await form.getByLabel('Paper').selectOption(paper);
    await form.getByRole('button', { name: 'Save as PDF' }).click();
    await expect(app.getByTestId('print-feedback')).toHaveText(new RegExp(`Saved the review as review-${paper}.pdf`));
    expect(existsSync(pdf)).toBe(true);
    // Reading order, with line breaks inside table cells joined.
    const text = execFileSync('pdftotext', [pdf, '-']).toString().replace(/\s+/g, ' ');
    for (const expected of [
      'Post-incident review: CMS outage at Fresno',
      'Final',
      'Owner: Ana Ruiz',
      'The case management system was down for two hours',
      'leaked connections',
      'Application pool restarted; clerks filing again',
      'status new → open',
      'Alert when the application pool passes 80% memory',
      'Write the restart runbook',
      'Case management down at the Fresno',
      'opened by Jordan Avila',
    ]) {
      expect(text, `${paper} PDF`).toContain(expected);
    }
    const info = execFileSync('pdfinfo', [pdf]).toString();
    expect(info).toMatch(paper === 'Letter' ? /Page size:\s+612 x 792/ : /Page size:\s+59[45](\.\d+)? x 84[12](\.\d+)?/);
    execFileSync('cp', [pdf, `${OUT}/review-${paper}.pdf`]);
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '2', pdf, `${OUT}/review-${paper}`]);
  }

  // Overdue actions across reviews: the first one was due in 2020.
  await app.getByRole('link', { name: 'Overdue actions' }).click();
  await expect(app.getByRole('table', { name: 'Overdue action items' }).getByRole('row')).toHaveCount(2);
  await expectAccessible(app, 'overdue actions');

  // Mine: the user (Jordan Avila) owns none yet. Given the 2020 one, the status bar says so wherever they are, and leads to it.
  const mine = app.getByRole('region', { name: 'My overdue actions' });
  await expect(mine).toContainText('None of your action items is overdue.');
  await expect(app.getByRole('link', { name: /of your action items overdue/ })).toHaveCount(0);
  await app.getByRole('link', { name: 'Reviews' }).click();
  await app.getByRole('link', { name: 'CMS outage at Fresno' }).click();
  await app.getByLabel('Alert when the application pool passes 80% memory owner').selectOption({ label: 'Jordan Avila' });
  await app.getByRole('link', { name: 'Tickets' }).click();
  await app.getByRole('link', { name: '1 of your action items overdue' }).click();
  await expect(mine.getByRole('link', { name: 'Alert when the application pool passes 80% memory' })).toBeVisible();
  await app.screenshot({ path: path.join(OUT, 'my-overdue-actions.png') });
  await expectAccessible(app, 'my overdue actions');

  await app.getByRole('link', { name: 'Reviews' }).click();
  const xlsx = path.join(host.dataDir, 'reviews.xlsx');
  host.dialogAnswers.save.push(xlsx);
  await app.getByRole('button', { name: 'Export reviews to Excel' }).click();
  await expect(app.getByTestId('export-feedback')).toHaveText('Exported 1 review and 2 action items to reviews.xlsx.');
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(xlsx);
  const reviews = book.getWorksheet('Reviews')!;
  expect(reviews.getRow(2).getCell(1).value).toBe('CMS outage at Fresno');
  expect(reviews.getRow(2).getCell(2).value).toBe('Final');
  const items = book.getWorksheet('Action items')!;
  expect(items.rowCount).toBe(3);
  const rows = [2, 3].map((i) => items.getRow(i).values as unknown[]);
  expect(rows.map((r) => r[2]).sort()).toEqual(['Alert when the application pool passes 80% memory', 'Write the restart runbook']);
  expect(rows.find((r) => r[2] === 'Write the restart runbook')![3]).toBe('Ana Ruiz');
  expect(((await readStore(app, 'actionItems')) as unknown[]).length).toBe(2);
});
