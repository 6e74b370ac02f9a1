import type { Page } from '@playwright/test';
import { generateSampleData } from '../../shared/sample-data';
import { listKeys } from '../../shared/tickets/list-keys';
import type { Ticket } from '../../shared/tickets/schema';
import { expect, expectAccessible, onboard, test } from './fixtures';

// React reports each render error it catches on the console; these are the ones this test provokes.
test.use({ allowErrors: /Minified React error #31|Objects are not valid as a React child|The above error occurred|could not be shown|failed to render/ });

/**
 * A record no screen can render, stored as an older app or a bug could have
 * left it before pulled records were checked: written straight into
 * IndexedDB, past the repositories.
 */
async function storeBrokenTicket(page: Page): Promise<Ticket> {
  const chunk = [...generateSampleData({ seed: 3, agencies: 1, people: 2, tickets: 1, workLogEntries: 0, history: false })].find((c) => c.table === 'tickets')!;
  // Open, so the list's first view ("All open") reads it.
  const ticket: Ticket = { ...(chunk.records[0] as Ticket), status: 'open', pendingReason: null, resolution: null, resolvedAt: null, closedAt: null, mergedInto: null, pauses: [] };
  const broken = { ...ticket, ...listKeys(ticket), words: [], title: { text: 'an object where text belongs' } };
  await page.evaluate(
    (row) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('fielddesk');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction('tickets', 'readwrite');
          tx.objectStore('tickets').put(row);
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    broken,
  );
  return ticket;
}

test('a screen that cannot render says what failed, offers Reload and Copy details, and the rest of the app keeps working', async ({ app, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await onboard(app);
  const ticket = await storeBrokenTicket(app);
  await app.reload();

  // The list pane fails, not the window: the sidebar, the header and the status bar are still there.
  const failed = app.getByRole('alert', { name: 'Ticket list could not be shown' });
  await expect(failed).toBeVisible();
  await expect(failed).toContainText('Objects are not valid as a React child (found: object with keys {text}): a record holds a value this screen cannot show.');
  await expect(app.getByRole('heading', { level: 1, name: 'Tickets' })).toBeVisible();
  await expect(app.getByTestId('sync-status')).toBeVisible();
  await app.screenshot({ path: test.info().outputPath('boundary-ticket-list.png') });
  await expectAccessible(app, 'a failed ticket list');

  await failed.getByRole('button', { name: 'Copy details' }).click();
  await expect(failed.getByText('Details copied to the clipboard.')).toBeVisible();
  const copied = await app.evaluate(() => navigator.clipboard.readText());
  expect(copied).toContain('"Ticket list" could not be shown');
  expect(copied).toContain('Objects are not valid as a React child');
  expect(copied).toMatch(/Component stack:[\s\S]*TicketList/);

  // Reload mounts the pane again (the data is still bad, so it fails again, still contained).
  await failed.getByRole('button', { name: 'Reload' }).click();
  await expect(app.getByRole('alert', { name: 'Ticket list could not be shown' })).toBeVisible();

  // Navigation, Settings and Sync keep working.
  const nav = app.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link', { name: 'People' }).click();
  await expect(app.getByRole('heading', { level: 1, name: 'People' })).toBeVisible();
  await nav.getByRole('link', { name: 'Settings' }).click();
  await expect(app.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await expect(app.getByRole('region', { name: 'Sync account' })).toBeVisible();
  await expect(app.getByTestId('error-panel')).toHaveCount(0);

  // The ticket itself: its page fails in place of the ticket, with the way back.
  await app.goto(app.url().replace(/#.*$/, `#/tickets/${ticket.id}`));
  const detail = app.getByRole('alert', { name: 'Ticket details could not be shown' });
  await expect(detail).toBeVisible();
  await app.screenshot({ path: test.info().outputPath('boundary-ticket-detail.png') });
  await nav.getByRole('link', { name: 'Training' }).click();
  await expect(app.getByRole('heading', { level: 1, name: 'Training' })).toBeVisible();
});
