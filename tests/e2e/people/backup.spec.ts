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
  // Dolores and the user's own staff record (made at onboarding).
  await expect(contents).toContainText('people: 2');
  await expect(contents).toContainText('outbox: 1');
  await expect(contents).toContainText('(this device)');
  await app.screenshot({ path: test.info().outputPath('restore-preview.png'), fullPage: true });
  // The app reloads itself after a restore; wait for that reload, not just for a page that is already there.
  const reloaded = app.waitForEvent('load', { timeout: 30_000 });
  await contents.getByRole('button', { name: "Replace this device's data" }).click();
  await expect(app.getByRole('status').filter({ hasText: 'Restored' })).toBeVisible({ timeout: 20_000 });
  await reloaded;
  await expect(app.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();

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
