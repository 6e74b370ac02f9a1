import path from 'node:path';
import { writeSampleBackup } from '../../../electron/services/sample-data/sample-backup';
import { expect, onboard, readChanges, test } from '../fixtures';

// `npm run sample-data` writes this same file; restoring it is how a new user gets a filled profile from the script.
test('the sample-data script’s backup restores into a profile full of tickets', async ({ app, host }) => {
  const file = path.join(host.dataDir, 'sample.fdbackup');
  const written = await writeSampleBackup(file, { tickets: 150, people: 40, workLogEntries: 300, seed: 11 });
  expect(written.ok).toBe(true);

  await onboard(app);
  await app.getByRole('link', { name: 'Settings' }).click();
  const section = app.getByRole('region', { name: 'Backups' });
  host.dialogAnswers.pick.push([file]);
  await section.getByRole('button', { name: 'Restore from a file…' }).click();
  const contents = section.getByRole('group', { name: 'Backup contents' });
  const holds = contents.getByRole('list', { name: 'What the backup holds' });
  await expect(holds).toContainText('150 tickets');
  await expect(holds).toContainText('40 people');
  await expect(holds).toContainText('300 work-log entries');
  await expect(holds).not.toContainText(/wordBlocks|outbox|meta/);
  await expect(contents).toContainText('on a device this backup does not name (another device)');
  const reloaded = app.waitForEvent('load', { timeout: 30_000 });
  await contents.getByRole('button', { name: "Replace this device's data" }).click();
  await reloaded;

  // The backup carries a device but no profile: the restored device asks who is using it.
  await onboard(app, 'Sam Ortega', 'Training laptop');
  await app.getByRole('link', { name: 'Tickets' }).click();
  await app.getByRole('button', { name: 'All tickets' }).click();
  await expect(app.getByText('150 tickets', { exact: true })).toBeVisible({ timeout: 20_000 });
  await expect(app.getByTestId('ticket-row').first()).toBeVisible();
  await app.screenshot({ path: test.info().outputPath('sample-restored.png') });
  // Restored sample data is not a change of this device's: nothing is queued for sync.
  const outbox = (await readChanges(app)) as { table: string }[];
  expect(outbox.filter((e) => e.table === 'tickets')).toHaveLength(0);
  // Settings still says what the restore brought back, every kind of record in the screens' words, until dismissed.
  await app.getByRole('link', { name: 'Settings' }).click();
  const summary = app.getByRole('region', { name: 'What the restore brought back' });
  const lines = summary.getByRole('list', { name: 'Records restored' });
  await expect(lines).toContainText('150 tickets');
  await expect(lines).toContainText('40 people');
  await expect(lines).toContainText('300 work-log entries');
  await summary.scrollIntoViewIfNeeded();
  await app.screenshot({ path: test.info().outputPath('sample-restore-summary.png') });
});

test('sample data is also in Settings, found from the command palette by keyboard', async ({ app }) => {
  await onboard(app);
  await app.keyboard.press('Control+k');
  const palette = app.getByRole('dialog', { name: 'Command palette' });
  await app.keyboard.type('sample data');
  await expect(palette.getByRole('option')).toHaveCount(1);
  await app.keyboard.press('Enter');
  const section = app.getByRole('region', { name: 'Sample data' });
  await expect(section).toBeVisible();
  await expect(section.getByRole('button', { name: 'Load sample data' })).toBeFocused();
  await app.keyboard.press('Enter');
  await expect(section.getByRole('status')).toHaveText(/^Loaded 300 sample tickets\.$/, { timeout: 60_000 });
  await app.getByRole('link', { name: 'Tickets' }).click();
  await app.getByRole('button', { name: 'All tickets' }).click();
  await expect(app.getByText(/^[\d,]+ tickets$/)).toBeVisible({ timeout: 20_000 });
});
