import { expect, expectAccessible, newTicketForNewRequester, onboard, readStore, test } from '../fixtures';

const DAY = 86_400_000;

/**
 * "Needs an update": the cadence is set in Settings → Help desk; a ticket
 * whose requester has heard nothing for longer than its priority's cadence
 * (in business days; the desk has no calendar, so Monday to Friday) is
 * listed in the ticket list's view, reached from its tab and from the
 * palette, with how long it has been; Compose update opens the ticket's
 * update box, and the update sent takes it off the list.
 */
test('a ticket silent longer than its cadence needs an update; composing one takes it off', async ({ app, host }, testInfo) => {
  await onboard(app);
  // The cadence, in Settings → Help desk → Requester updates.
  await app.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  const cadence = app.getByRole('region', { name: 'Requester updates' });
  await expect(cadence.getByLabel('P3')).toHaveValue('5');
  await cadence.getByLabel('P3').fill('0');
  await cadence.getByRole('button', { name: 'Save cadence' }).click();
  await expect(cadence.getByRole('alert').first()).toBeVisible();
  await expect(cadence.getByRole('link', { name: 'P3: At least 1 business day' })).toBeVisible();
  await cadence.getByLabel('P3').fill('3');
  await cadence.getByRole('button', { name: 'Save cadence' }).click();
  await expect(cadence.getByRole('status')).toContainText('P3 3');
  const settings = (await readStore(app, 'informSettings')) as { cadence: Record<string, number> }[];
  expect(settings[0]!.cadence).toEqual({ P1: 1, P2: 2, P3: 3, P4: 10 });
  const changes = (await readStore(app, 'outbox')) as unknown[];
  expect(JSON.stringify(changes)).toContain('informSettings');

  await newTicketForNewRequester(app, 'Dana Whitfield', 'dana@court.example');
  await app.getByLabel('Title').fill('Jury portal will not load');
  await app.getByRole('button', { name: 'Create ticket' }).click();
  await expect(app.getByTestId('ticket-status')).toHaveText('New');
  const number = (await app.locator('.ticket-head h1 .mono').textContent())!.trim();
  await app.getByRole('link', { name: '← Tickets' }).click();

  // Today it is fresh: the view is empty, and says why.
  const tab = app.getByRole('group', { name: 'Saved views' }).getByRole('button', { name: /^Needs an update/ });
  await expect(tab).toHaveText('Needs an update 0');
  await tab.click();
  await expect(app.getByRole('region', { name: 'Every requester is up to date' })).toBeVisible();

  // Ten days later (at least six business days, past P3's three), with no word to the requester.
  await app.clock.setFixedTime(new Date(Date.now() + 10 * DAY));
  await app.reload();
  await expect(app.getByRole('navigation', { name: 'Main' })).toBeVisible();
  // From the palette.
  await app.keyboard.press('Control+k');
  await app.keyboard.type('Show tickets needing an update');
  await app.keyboard.press('Enter');
  const table = app.getByRole('table', { name: 'Tickets needing an update' });
  await expect(table).toBeVisible();
  await expect(tab).toHaveText('Needs an update 1');
  await expect(tab).toHaveAttribute('aria-pressed', 'true');
  const row = table.getByTestId('needs-update-row');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(number);
  await expect(row).toContainText('Dana Whitfield');
  await expect(row).toContainText(/\d+ business days, no update sent yet/);
  await expect(row).toContainText(/business days? over \(due /);
  await expect(app.getByText('no business calendar yet: counting Monday to Friday')).toBeVisible();
  await app.screenshot({ path: testInfo.outputPath('needs-update-view.png'), fullPage: true });
  await expectAccessible(app, 'the needs-an-update view');
  await app.emulateMedia({ colorScheme: 'dark' });
  await app.screenshot({ path: testInfo.outputPath('needs-update-view-dark.png'), fullPage: true });
  await expectAccessible(app, 'the needs-an-update view, dark');
  await app.setViewportSize({ width: 683, height: 400 });
  await expectAccessible(app, 'the needs-an-update view at 200%');
  await app.screenshot({ path: testInfo.outputPath('needs-update-view-200.png'), fullPage: true });
  await app.setViewportSize({ width: 1280, height: 800 });
  await app.emulateMedia({ colorScheme: 'light' });

  // Compose update: the ticket opens with its update box focused; sending records contact.
  await row.getByRole('button', { name: `Compose update for ${number}` }).click();
  const panel = app.getByRole('region', { name: 'Update the requester' });
  const box = panel.getByLabel(/^Message/);
  await expect(box).toBeFocused();
  await app.keyboard.type('Hello Dana, we are still on it: the vendor has the logs.');
  await panel.getByRole('button', { name: 'Send update as a draft' }).click();
  await expect(panel.getByRole('status')).toContainText('recorded in the work log');
  expect(host.opened.at(-1)).toMatch(/^mailto:dana@court\.example\?/);
  await panel.getByRole('link', { name: 'Back to the tickets needing an update' }).click();
  await expect(app.getByRole('region', { name: 'Every requester is up to date' })).toBeVisible();
  await expect(tab).toHaveText('Needs an update 0');
  await app.screenshot({ path: testInfo.outputPath('needs-update-after.png'), fullPage: true });
});
