import path from 'node:path';
import { expect, expectAccessible, onboard, readStore, test } from '../fixtures';

test('a backup holds everything, and restoring it brings the device back to that moment', async ({ app, host }) => {
  await onboard(app);
  await app.getByRole('link', { name: 'People' }).click();
  await app.getByRole('button', { name: 'Add person', exact: true }).click();
  await app.getByLabel('Name').fill('Dolores Quintana');
  await app.getByRole('button', { name: 'Save' }).click();
  await expect(app.getByRole('cell', { name: 'Dolores Quintana', exact: true })).toBeVisible();

  await app.getByRole('link', { name: 'Settings' }).click();
  const section = app.getByRole('region', { name: 'Backups' });
  await section.getByRole('button', { name: 'Back up now' }).click();
  await expect(section.getByRole('status')).toContainText('Backed up');
  await expect(section.getByRole('list', { name: 'Automatic backups' }).getByRole('listitem')).toHaveCount(1);

  const file = path.join(host.dataDir, 'before-changes.fdbackup');
  host.dialogAnswers.save.push(file);
  await section.getByRole('button', { name: 'Back up to a file…' }).click();
  await expect(section.getByRole('status')).toContainText(file);
  await expectAccessible(app, 'settings with backups');

  // Later changes, which the restore must undo.
  await app.getByRole('link', { name: 'People' }).click();
  app.once('dialog', (d) => void d.accept());
  await app.getByRole('button', { name: 'Remove Dolores Quintana' }).click();
  await app.getByRole('button', { name: 'Add person', exact: true }).click();
  await app.getByLabel('Name').fill('Temporary Person');
  await app.getByRole('button', { name: 'Save' }).click();
  await expect(app.getByRole('cell', { name: 'Temporary Person', exact: true })).toBeVisible();
  expect(await readStore(app, 'outbox')).toHaveLength(3);

  await app.getByRole('link', { name: 'Settings' }).click();
  host.dialogAnswers.pick.push([file]);
  await section.getByRole('button', { name: 'Restore from a file…' }).click();
  const contents = section.getByRole('group', { name: 'Backup contents' });
  // Dolores and the user's own staff record (made at onboarding), in the words of the screens: kinds of record people know, the device by its name; no table names, no ids.
  await expect(contents.getByRole('list', { name: 'What the backup holds' }).getByRole('listitem')).toHaveText(['2 people']);
  await expect(contents).toContainText('on Laptop 7 (this device)');
  await expect(contents).not.toContainText('outbox');
  await expect(contents).not.toContainText('wordBlocks');
  const meta = (await readStore(app, 'meta')) as { key: string; value: { deviceId?: string } }[];
  const deviceId = meta.find((m) => m.key === 'device')!.value.deviceId!;
  expect(deviceId).toBeTruthy();
  await expect(contents).not.toContainText(deviceId);
  await app.screenshot({ path: test.info().outputPath('restore-preview.png'), fullPage: true });
  // The app reloads itself after a restore; wait for that reload, not just for a page that is already there.
  const reloaded = app.waitForEvent('load', { timeout: 30_000 });
  await contents.getByRole('button', { name: "Replace this device's data" }).click();
  await expect(app.getByRole('status').filter({ hasText: 'Restored' })).toBeVisible({ timeout: 20_000 });
  await reloaded;
  await expect(app.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
  // What came back stays on screen after the reload, until dismissed.
  const summary = app.getByRole('region', { name: 'What the restore brought back' });
  await expect(summary).toContainText('before-changes.fdbackup');
  await expect(summary).toContainText('on Laptop 7');
  // The same records the preview listed: Dolores and the user's own staff record.
  await expect(summary.getByRole('list', { name: 'Records restored' }).getByRole('listitem')).toHaveText(['2 people']);
  await expectAccessible(app, 'restore summary');
  await summary.scrollIntoViewIfNeeded();
  await app.screenshot({ path: test.info().outputPath('restore-summary.png') });
  await app.reload();
  await expect(summary).toBeVisible();
  await summary.getByRole('button', { name: 'Dismiss' }).click();
  await expect(summary).toHaveCount(0);
  await app.reload();
  await expect(app.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
  await expect(summary).toHaveCount(0);

  await app.getByRole('link', { name: 'People' }).click();
  await expect(app.getByRole('cell', { name: 'Dolores Quintana', exact: true })).toBeVisible();
  await expect(app.getByRole('cell', { name: 'Temporary Person', exact: true })).toHaveCount(0);
  const outbox = (await readStore(app, 'outbox')) as { seq: number }[];
  expect(outbox.map((e) => e.seq)).toEqual([1]);
  // New work after a restore continues the device's change log without reusing a sequence number.
  await app.getByRole('button', { name: 'Add person', exact: true }).click();
  await app.getByLabel('Name').fill('After Restore');
  await app.getByRole('button', { name: 'Save' }).click();
  await expect(app.getByRole('cell', { name: 'After Restore', exact: true })).toBeVisible();
  const after = (await readStore(app, 'outbox')) as { seq: number }[];
  expect(after).toHaveLength(2);
  expect(after[1]!.seq).toBeGreaterThan(1);
});
