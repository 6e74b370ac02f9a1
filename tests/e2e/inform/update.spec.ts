import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import PostalMime from 'postal-mime';
import { expect, expectAccessible, newTicketForNewRequester, onboard, readStore, test } from '../fixtures';

/**
 * An update from a ticket: a placeholder with no value is flagged and blocks
 * sending; a long update becomes an .eml draft in the data folder's drafts
 * (X-Unsent, to the requester, the ticket number in the subject), opened by
 * the OS, and the work log records it as contact with the requester.
 */
test('an update to the requester from a ticket: flagged placeholder, .eml draft, work-log entry', async ({ app, host }, testInfo) => {
  await onboard(app);
  // A coordinator's canned response, in Settings.
  await app.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  const settings = app.getByRole('region', { name: 'Canned responses' });
  await settings.getByLabel('Name (after /)').fill('part');
  await settings.getByLabel('Category').fill('Hardware');
  await settings.getByLabel('Text', { exact: true }).fill('Hi {requester.firstName}, the part for {ticket.number} is ordered; expected by {expectedDate}.');
  await settings.getByRole('button', { name: 'Add canned response' }).click();
  await expect(settings.getByRole('status')).toHaveText('Saved /part');
  await expectAccessible(app, 'settings with canned responses');
  await newTicketForNewRequester(app, 'José Núñez', 'jose@court.example');
  await app.getByLabel('Title').fill('Docket printer offline');
  await app.getByRole('button', { name: 'Create ticket' }).click();
  await expect(app.getByTestId('ticket-status')).toHaveText('New');

  const panel = app.getByRole('region', { name: 'Update the requester' });
  const box = panel.getByLabel(/^Message/);
  // `/` and the name, then Enter: the snippet goes in filled, except the date nobody knows yet.
  await box.click();
  await box.pressSequentially('/pa');
  await expect(panel.getByRole('list', { name: 'Canned responses' })).toBeVisible();
  await box.press('Enter');
  await expect(box).toHaveValue(/^Hi José, the part for [A-Z0-9]{4}-\d{5} is ordered; expected by \{expectedDate\}\.$/);
  await expect(panel.getByRole('alert')).toHaveText('Needs a value: {expectedDate}');
  await expect(panel.getByRole('button', { name: 'Send update as a draft' })).toBeDisabled();
  const long = `Hello José,\n\nThe docket printer part is ordered and should arrive on Friday.\n\n${'Details of the work so far. '.repeat(70)}`;
  await box.fill(long);
  await expect(panel.getByRole('alert')).toHaveCount(0);
  await expectAccessible(app, 'ticket with the update panel');
  await panel.getByRole('button', { name: 'Send update as a draft' }).click();
  await expect(panel.getByRole('status')).toContainText('recorded in the work log');
  await app.screenshot({ path: testInfo.outputPath('update-sent.png'), fullPage: true });

  const drafts = path.join(host.dataDir, 'drafts');
  const files = readdirSync(drafts);
  expect(files).toHaveLength(1);
  expect(host.openedFiles).toEqual([path.join(drafts, files[0]!)]);
  const raw = readFileSync(path.join(drafts, files[0]!));
  const mail = await PostalMime.parse(raw);
  expect(mail.to).toEqual([{ name: 'José Núñez', address: 'jose@court.example' }]);
  expect(mail.subject).toMatch(/^[A-Z0-9]{4}-\d{5}: Docket printer offline$/);
  expect(mail.headers.find((h) => h.key === 'x-unsent')?.value).toBe('1');
  expect(mail.text?.trim()).toBe(long.trim());

  const log = (await readStore(app, 'workLog')) as { kind: string; body: string }[];
  expect(log).toHaveLength(1);
  expect(log[0]!.kind).toBe('email');
  expect(log[0]!.body).toContain('Update sent to José Núñez (mail draft)');
});
