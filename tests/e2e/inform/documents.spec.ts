import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { expect, expectAccessible, onboard, readStore, test } from '../fixtures';

const OUT = 'test-results/inform-documents';

/**
 * A document's details in the editor: owner (a staff member, by name),
 * audience, other systems, tags and a review-by date that has passed, saved
 * as one new version, put it under "Needs review" (with its count and its
 * owner's name); then it prints to PDF on Letter and A4 through the print
 * pipeline, read back with pdftotext and rendered with pdftoppm.
 */
test('a document edited with an owner and a past review-by needs review, and prints to PDF', async ({ app, host }) => {
  mkdirSync(OUT, { recursive: true });
  await onboard(app);
  await app.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Knowledge' }).click();
  await expect(app.getByRole('button', { name: 'Needs review (0)' })).toBeVisible();
  await app.getByRole('button', { name: 'Needs review (0)' }).click();
  await expect(app.getByRole('region', { name: 'Nothing needs review' })).toBeVisible();
  await app.getByRole('button', { name: 'Needs review (0)' }).click();

  // From the palette: a new document.
  await app.keyboard.press('Control+k');
  await app.keyboard.type('New document');
  await app.keyboard.press('Enter');
  const form = app.getByRole('form', { name: 'New document' });
  await form.getByLabel('Title').fill('Clear a stuck e-filing batch');
  await form.getByLabel('System').fill('E-filing');
  await form.getByRole('button', { name: 'Create draft' }).click();

  const panel = app.getByRole('region', { name: 'Document: Clear a stuck e-filing batch' });
  await expect(panel).toBeVisible();
  const edit = panel.getByRole('form', { name: 'Edit document' });
  await expect(edit.getByLabel('Owner')).toHaveValue(/.+/); // the author owns it at first
  await edit.getByLabel('Owner').selectOption({ label: 'Jordan Avila' });
  await edit.getByLabel('Audience').selectOption({ label: 'Agency users' });
  await edit.getByLabel('Other systems').fill('Case management, e-filing, Jury portal');
  await edit.getByLabel('Tags').fill('batch, night run, batch');
  await edit.getByLabel('Review by').fill('2026-01-15');
  await edit.getByLabel('Text (Markdown)').fill('# Steps\n\n1. Open the batch monitor.\n2. Release the stuck batch.\n3. Tell the clerk’s office.\n');
  await edit.getByLabel('Change note').fill('Owner and review date');
  await expectAccessible(app, 'the document editor');
  await edit.getByRole('button', { name: 'Save as new version' }).click();
  await expect(panel.getByRole('status').first()).toHaveText('Saved as version 2');
  await expect(panel).toContainText('owner Jordan Avila');
  await expect(panel).toContainText(/Review was due \d+ days ago \(2026-01-15\)/);

  const stored = (await readStore(app, 'materials')) as { ownerId: string; audience: string; systems: string[]; tags: string[]; reviewBy: string }[];
  expect(stored[0]).toMatchObject({ audience: 'public', systems: ['Case management', 'e-filing', 'Jury portal'], tags: ['batch', 'night run'], reviewBy: '2026-01-15' });
  const people = (await readStore(app, 'people')) as { id: string; name: string }[];
  expect(people.find((p) => p.id === stored[0]!.ownerId)?.name).toBe('Jordan Avila');

  // Needs review: the document, its owner by name and how long ago the review was due.
  await app.getByRole('button', { name: 'Needs review (1)' }).click();
  const review = app.getByRole('table', { name: 'Documents needing review' });
  await expect(review.getByRole('row')).toHaveCount(2);
  await expect(review).toContainText('Clear a stuck e-filing batch');
  await expect(review).toContainText('Jordan Avila');
  await expect(review).toContainText('Review was due');
  await app.screenshot({ path: `${OUT}/needs-review.png`, fullPage: true });
  await expectAccessible(app, 'needs review');
  await app.emulateMedia({ colorScheme: 'dark' });
  await expectAccessible(app, 'needs review, dark');
  await app.screenshot({ path: `${OUT}/needs-review-dark.png`, fullPage: true });
  await app.setViewportSize({ width: 683, height: 400 });
  await expectAccessible(app, 'needs review at 200%');
  await app.setViewportSize({ width: 1280, height: 800 });
  await app.emulateMedia({ colorScheme: 'light' });

  // A new review-by date in the future takes it off the list.
  // (First print it: Letter and A4.)
  for (const paper of ['Letter', 'A4'] as const) {
    const pdf = path.join(host.dataDir, `document-${paper}.pdf`);
    host.dialogAnswers.save.push(pdf);
    await panel.getByLabel('Paper').selectOption(paper);
    await panel.getByRole('button', { name: 'Save as PDF' }).click();
    await expect(panel.getByTestId('document-print-feedback')).toHaveText(new RegExp(`Saved Clear a stuck e-filing batch as document-${paper}.pdf \\(1 page\\)`));
    expect(existsSync(pdf)).toBe(true);
    const text = execFileSync('pdftotext', ['-layout', pdf, '-']).toString().replace(/\s+/g, ' ');
    for (const s of ['WORK INSTRUCTION', 'Clear a stuck e-filing batch', 'Owner Jordan Avila', 'Audience Agency users', 'Systems E-filing, Case management, Jury portal', 'Tags batch, night run', 'Review by 2026-01-15', 'Release the stuck batch.', 'Version 2', 'Draft', 'Page 1 of 1']) expect(text).toContain(s);
    const info = execFileSync('pdfinfo', [pdf]).toString();
    expect(info).toMatch(paper === 'Letter' ? /612 x 792 pts/ : /\(A4\)/);
    execFileSync('cp', [pdf, `${OUT}/document-${paper}.pdf`]);
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', pdf, `${OUT}/document-${paper}`]);
  }

  await edit.getByLabel('Review by').fill('2099-01-01');
  await edit.getByRole('button', { name: 'Save as new version' }).click();
  await expect(panel.getByRole('status').first()).toHaveText('Saved as version 3');
  await expect(app.getByRole('button', { name: 'Needs review (0)' })).toBeVisible();
  await expect(app.getByRole('region', { name: 'Nothing needs review' })).toBeVisible();
});
