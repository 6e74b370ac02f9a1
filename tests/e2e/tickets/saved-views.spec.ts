import path from 'node:path';
import type { Page } from '@playwright/test';
import { writeSampleBackup } from '../../../electron/services/sample-data/sample-backup';
import type { BrowserHost } from '../../../electron/browser-host/host';
import { expect, expectAccessible, onboard, readStore, test } from '../fixtures';

interface ViewRow {
  key: string;
  value: { id: string; name: string; filter: Record<string, unknown>; sort: unknown[] };
}

// Restoring backups and axe scans take a while on a busy 2-core machine.
test.describe.configure({ timeout: 240_000 });

/** The saved views as stored, read straight from IndexedDB. */
const storedViews = async (page: Page) => ((await readStore(page, 'meta')) as ViewRow[]).filter((r) => r.key.startsWith('savedView:'));

/** Replace this device's data with a backup file, from Settings, and wait for the app to reload. */
async function restoreFrom(app: Page, host: BrowserHost, file: string) {
  await app.getByRole('link', { name: 'Settings' }).click();
  const backups = app.getByRole('region', { name: 'Backups' });
  host.dialogAnswers.pick.push([file]);
  await backups.getByRole('button', { name: 'Restore from a file…' }).click();
  const contents = backups.getByRole('group', { name: 'Backup contents' });
  await expect(contents).toContainText(/[\d,]+ tickets/);
  const reloaded = app.waitForEvent('load', { timeout: 60_000 });
  await contents.getByRole('button', { name: "Replace this device's data" }).click();
  await reloaded;
}

/**
 * A profile with a small desk of sample tickets (the list and its filter bar show only once there are tickets),
 * restored from the sample-data script's backup: quicker than loading the 300 tickets of "Load sample data".
 */
async function deskWithTickets(app: Page, host: BrowserHost) {
  const file = path.join(host.dataDir, 'sample.fdbackup');
  expect((await writeSampleBackup(file, { tickets: 60, people: 20, workLogEntries: 60, seed: 7 })).ok).toBe(true);
  await onboard(app);
  await restoreFrom(app, host, file);
  // The sample backup carries a device but no profile.
  await onboard(app);
  await app.getByRole('link', { name: 'Tickets' }).click();
  await expect(app.getByTestId('ticket-row').first()).toBeVisible({ timeout: 20_000 });
}

test('a saved view keeps a filter: named in a dialog, still there after a reload, in the palette, renamed, deleted with undo', async ({ app, host }) => {
  await deskWithTickets(app, host);
  const views = app.getByRole('group', { name: 'Saved views' });
  const status = app.getByLabel('Status');
  const priority = app.getByLabel('Priority');

  // A filter of one's own: open tickets of the priority most of them have (the sample data is random).
  const tickets = (await readStore(app, 'tickets')) as { status: string; priority: string }[];
  const open = tickets.filter((t) => t.status === 'open');
  const prio = ['P1', 'P2', 'P3', 'P4'].map((p) => ({ p, n: open.filter((t) => t.priority === p).length })).sort((a, b) => b.n - a.n)[0]!;
  const n = prio.n;
  expect(n).toBeGreaterThan(0);
  await status.selectOption('open');
  await priority.selectOption(prio.p);
  const listed = app.getByText(`${n} ticket${n === 1 ? '' : 's'}`, { exact: true });
  await expect(listed).toBeVisible({ timeout: 20_000 });

  // The dialog: focus on the name, a message beside the field for each refusal, and nothing written.
  const save = app.getByRole('button', { name: 'Save view…' });
  await save.click();
  const dialog = app.getByRole('dialog', { name: 'Save view' });
  const name = dialog.getByRole('textbox', { name: 'View name' });
  await expect(name).toBeFocused();
  await name.press('Enter');
  await expect(dialog.getByText('View name is required')).toBeVisible();
  await expect(name).toHaveAttribute('aria-invalid', 'true');
  await name.fill('all OPEN');
  await name.press('Enter');
  await expect(dialog.getByText('There is already a view named “All open”; choose another name')).toBeVisible();
  // Too long is said while typing.
  await name.fill('x'.repeat(61));
  await expect(dialog.getByText('View name is too long: 61 characters, the limit is 60')).toBeVisible();
  await expect(name).toHaveAccessibleDescription(/View name is too long/);
  expect(await storedViews(app)).toEqual([]);
  await expectAccessible(app, 'save view dialog with a message');
  // Focus stays in the modal dialog, both ways round: field, Save, Cancel, field again.
  await name.focus();
  for (const [key, focused] of [
    ['Tab', dialog.getByRole('button', { name: 'Save view' })],
    ['Tab', dialog.getByRole('button', { name: 'Cancel' })],
    ['Tab', name],
    ['Shift+Tab', dialog.getByRole('button', { name: 'Cancel' })],
  ] as const) {
    await app.keyboard.press(key);
    await expect(focused).toBeFocused();
  }

  // Esc closes it: nothing saved, focus back on the button that opened it; what was typed is kept as a draft.
  await app.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(save).toBeFocused();
  expect(await storedViews(app)).toEqual([]);

  // Opened again it brings the typed name back and says so; Discard empties it. Enter saves, tidied, and the new view is the one chosen.
  await save.press('Enter');
  await expect(name).toHaveValue('x'.repeat(61));
  await expect(dialog.getByText('Restored your unsaved view name')).toBeVisible();
  await dialog.getByRole('button', { name: /Discard/ }).click();
  await expect(name).toHaveValue('');
  await expect(dialog.getByText(/View name is/)).toHaveCount(0);
  await name.fill(`  Open   ${prio.p} `);
  await name.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(save).toBeFocused();
  const mine = views.getByRole('button', { name: `Open ${prio.p}`, exact: true });
  await expect(mine).toHaveAttribute('aria-pressed', 'true');
  await app.screenshot({ path: test.info().outputPath('saved-view.png') });
  const [row] = await storedViews(app);
  expect(row?.value).toMatchObject({ name: `Open ${prio.p}`, filter: { statuses: ['open'], priorities: [prio.p] } });

  // After a reload (in dark mode this time) the list opens on "All open"; choosing the view restores its filter.
  await app.evaluate(() => localStorage.setItem('fielddesk.theme', 'dark'));
  await app.reload();
  await expect(app.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(views.getByRole('button', { name: 'All open', exact: true })).toHaveAttribute('aria-pressed', 'true', { timeout: 20_000 });
  await expect(mine).toHaveAttribute('aria-pressed', 'false');
  await expect(priority).toHaveValue('');
  await mine.click();
  await expect(mine).toHaveAttribute('aria-pressed', 'true');
  await expect(status).toHaveValue('open');
  await expect(priority).toHaveValue(prio.p);
  await expect(listed).toBeVisible({ timeout: 20_000 });

  // The command palette offers it too.
  await views.getByRole('button', { name: 'All tickets', exact: true }).click();
  await expect(priority).toHaveValue('');
  await app.keyboard.press('Control+k');
  const palette = app.getByRole('dialog', { name: 'Command palette' });
  await app.keyboard.type(`open ${prio.p.toLowerCase()}`);
  await expect(palette.getByRole('option')).toHaveCount(1);
  await expect(palette.getByRole('option')).toContainText(`Tickets: Open ${prio.p}`);
  await app.keyboard.press('Enter');
  await expect(mine).toHaveAttribute('aria-pressed', 'true');
  await expect(priority).toHaveValue(prio.p);

  // Rename: the old name is there to edit; a taken name is refused beside the field.
  const renameButton = app.getByRole('button', { name: 'Rename view…' });
  await renameButton.click();
  const rename = app.getByRole('dialog', { name: `Rename “Open ${prio.p}”` });
  const newName = rename.getByRole('textbox', { name: 'View name' });
  await expect(newName).toHaveValue(`Open ${prio.p}`);
  await newName.fill('my open');
  await newName.press('Enter');
  await expect(rename.getByText('There is already a view named “My open”; choose another name')).toBeVisible();
  await expectAccessible(app, 'rename view dialog, dark');
  await app.screenshot({ path: test.info().outputPath('rename-view-dark.png') });
  await newName.fill('Being worked on');
  await newName.press('Enter');
  await expect(rename).toBeHidden();
  const renamed = views.getByRole('button', { name: 'Being worked on', exact: true });
  await expect(renamed).toHaveAttribute('aria-pressed', 'true');
  await expect(renameButton).toBeFocused();
  expect((await storedViews(app)).map((r) => r.value.name)).toEqual(['Being worked on']);

  // Changing the filter of one's view offers to update it; updated, the view is chosen again with the new filter.
  const update = app.getByRole('button', { name: 'Update “Being worked on”' });
  await expect(update).toHaveCount(0);
  const other = ['P1', 'P2', 'P3', 'P4'].find((p) => p !== prio.p)!;
  await priority.selectOption(other);
  await expect(renamed).toHaveAttribute('aria-pressed', 'false');
  await expectAccessible(app, 'update view offered, dark');
  await app.screenshot({ path: test.info().outputPath('update-view-dark.png') });
  await update.click();
  await expect(renamed).toHaveAttribute('aria-pressed', 'true');
  await expect(update).toHaveCount(0);
  expect((await storedViews(app))[0]?.value).toMatchObject({ name: 'Being worked on', filter: { statuses: ['open'], priorities: [other] } });
  // And back, by keyboard.
  await priority.selectOption(prio.p);
  await update.focus();
  await app.keyboard.press('Enter');
  await expect(renamed).toHaveAttribute('aria-pressed', 'true');
  expect((await storedViews(app))[0]?.value).toMatchObject({ filter: { statuses: ['open'], priorities: [prio.p] } });

  // The palette can save the list as a view as well: it opens the same dialog.
  await app.keyboard.press('Control+k');
  await app.keyboard.type('save the ticket list');
  await expect(palette.getByRole('option')).toHaveCount(1);
  await app.keyboard.press('Enter');
  const fromPalette = app.getByRole('dialog', { name: 'Save view' });
  await expect(fromPalette.getByRole('textbox', { name: 'View name' })).toBeFocused();
  await app.keyboard.press('Escape');
  await expect(fromPalette).toBeHidden();

  // Delete takes effect at once and offers Undo, focused: Enter brings the view back.
  const remove = app.getByRole('button', { name: 'Delete view' });
  await remove.click();
  await expect(renamed).toHaveCount(0);
  await expect(app.getByText('Deleted “Being worked on”.')).toBeVisible();
  await expect(app.getByRole('button', { name: 'Undo' })).toBeFocused();
  expect(await storedViews(app)).toEqual([]);
  // The filter stays on screen, now unsaved.
  await expect(priority).toHaveValue(prio.p);
  await app.keyboard.press('Enter');
  await expect(renamed).toHaveAttribute('aria-pressed', 'true');
  expect((await storedViews(app)).map((r) => r.value.name)).toEqual(['Being worked on']);
  await remove.click();
  await expect(renamed).toHaveCount(0);
  expect(await storedViews(app)).toEqual([]);

  // Deleted for good, it stays deleted after a reload.
  await app.reload();
  await expect(views.getByRole('button', { name: 'All open', exact: true })).toBeVisible({ timeout: 20_000 });
  await expect(views.getByRole('button', { name: 'Being worked on' })).toHaveCount(0);
  expect(await storedViews(app)).toEqual([]);
});

test('saved views are in a backup, and a restore brings them back', async ({ app, host }) => {
  await deskWithTickets(app, host);
  const views = app.getByRole('group', { name: 'Saved views' });
  await app.getByLabel('Status').selectOption('pending');
  await app.getByRole('button', { name: 'Save view…' }).click();
  await app.getByRole('dialog', { name: 'Save view' }).getByRole('textbox', { name: 'View name' }).fill('Pending, any reason');
  await app.keyboard.press('Enter');
  const mine = views.getByRole('button', { name: 'Pending, any reason', exact: true });
  await expect(mine).toHaveAttribute('aria-pressed', 'true');

  await app.getByRole('link', { name: 'Settings' }).click();
  const backups = app.getByRole('region', { name: 'Backups' });
  const file = path.join(host.dataDir, 'with-saved-view.fdbackup');
  host.dialogAnswers.save.push(file);
  await backups.getByRole('button', { name: 'Back up to a file…' }).click();
  await expect(backups.getByRole('status')).toContainText(file, { timeout: 60_000 });

  // Deleted after the backup…
  await app.getByRole('link', { name: 'Tickets' }).click();
  await app.getByRole('button', { name: 'Delete view' }).click();
  await expect(mine).toHaveCount(0);
  expect(await storedViews(app)).toEqual([]);

  // …and back from it, filter and all.
  await restoreFrom(app, host, file);
  await app.getByRole('link', { name: 'Tickets' }).click();
  await expect(mine).toBeVisible({ timeout: 20_000 });
  await mine.click();
  await expect(app.getByLabel('Status')).toHaveValue('pending');
  expect((await storedViews(app)).map((r) => r.value)).toEqual([expect.objectContaining({ name: 'Pending, any reason', filter: { statuses: ['pending'] } })]);
});
