import type { Page } from '@playwright/test';
import { expect, expectAccessible, onboard, readStore, test } from '../fixtures';

interface TicketRow {
  id: string;
  number: string;
  teamId: string | null;
  channel: string;
  type: string;
  deleted: number;
  status: string;
}
interface Named {
  id: string;
  name: string;
}

test.describe.configure({ timeout: 240_000 });

async function loadSample(page: Page) {
  await page.getByRole('button', { name: 'Load sample data' }).click();
  await expect(page.getByText(/Loaded 300 sample tickets/)).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('ticket-row').first()).toBeVisible({ timeout: 20_000 });
}

const openTicket = async (page: Page, t: TicketRow) => {
  await page.evaluate((id) => (location.hash = `#/tickets/${id}`), t.id);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(t.number);
};

/** Put a record straight into IndexedDB (as a pull from another device would), bypassing the app. */
const putRecord = (page: Page, store: string, record: unknown) =>
  page.evaluate(
    ({ store, record }) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('fielddesk');
        open.onsuccess = () => {
          const tx = open.result.transaction(store, 'readwrite');
          tx.objectStore(store).put(record);
          tx.oncomplete = () => (open.result.close(), resolve());
          tx.onerror = () => reject(tx.error);
        };
      }),
    { store, record },
  );

test('ticket history names teams, labels codes and numbers linked and merged tickets; no ids', async ({ app }) => {
  await onboard(app);
  await loadSample(app);
  const tickets = ((await readStore(app, 'tickets')) as TicketRow[]).filter((t) => !t.deleted && ['new', 'open'].includes(t.status));
  const teams = (await readStore(app, 'teams')) as Named[];
  const [a, b] = [tickets.find((t) => t.channel === 'phone' && t.type === 'incident')!, tickets.find((t) => t.channel !== 'phone')!];
  expect(a && b && a.id !== b.id).toBeTruthy();
  const [fromTeam, toTeam] = [teams.find((t) => t.id === a.teamId) ?? null, teams.find((t) => t.id !== a.teamId)!];

  await openTicket(app, a);
  const details = app.getByRole('region', { name: 'Details' });
  await details.getByLabel('Team').selectOption(toTeam.id);
  await details.getByLabel('Channel').selectOption('walk_in');
  await details.getByLabel('Type').selectOption('service_request');
  const links = app.getByRole('region', { name: 'Links' });
  await links.getByLabel('Ticket number to link').fill(b.number);
  await links.getByRole('button', { name: 'Link' }).click();
  await expect(links).toContainText(b.number);

  const timeline = app.getByRole('region', { name: 'Timeline' });
  const events = timeline.getByTestId('timeline-event');
  await expect(events.filter({ hasText: 'Team:' })).toContainText(`Team: ${fromTeam?.name ?? '—'} → ${toTeam.name}`);
  await expect(events.filter({ hasText: 'Channel:' })).toContainText('Channel: Phone → Walk-in');
  await expect(events.filter({ hasText: 'Type:' })).toContainText('Type: Incident → Service request');
  await expect(events.filter({ hasText: 'Link added:' })).toContainText(`Link added: related to ${b.number}`);

  // A team renamed since, on another device: the change recorded the name it had then, and today's name follows it.
  const stamp = (ms: number) => `${String(ms).padStart(15, '0')}:000000:other-device`;
  const made = Date.parse('2026-01-05T17:00:00.000Z');
  await putRecord(app, 'teams', {
    ...(teams.find((t) => t.id === toTeam.id) as object),
    name: 'Regional field team',
    stamps: { name: stamp(Date.now() + 60_000), description: stamp(made), memberIds: stamp(made) },
  });
  await app.reload(); // a write outside the app is not announced to its live queries
  await expect(events.filter({ hasText: 'Team:' })).toContainText(`→ ${toTeam.name} (now Regional field team)`);

  // Merge b into a: a's history names b by number, and the number opens it.
  await openTicket(app, b);
  await app.getByRole('button', { name: 'Merge into…' }).click();
  const merge = app.getByRole('form', { name: 'Merge into another ticket' });
  await merge.getByRole('textbox').fill(a.number);
  await merge.getByRole('button', { name: 'Merge' }).click();
  await expect(app.getByRole('region', { name: 'Timeline' }).getByTestId('timeline-event').filter({ hasText: 'Merged into:' })).toContainText(`Merged into: ${a.number}`);
  await app.getByRole('region', { name: 'Timeline' }).getByRole('link', { name: a.number }).first().click();
  await expect(app.getByRole('heading', { level: 1 })).toContainText(a.number);
  await expect(events.filter({ hasText: 'Merged in:' })).toContainText(`Merged in: ${b.number}, merged into this ticket`);

  // No id and no internal code anywhere in the history.
  const text = (await events.allInnerTexts()).join('\n');
  for (const id of [a.id, b.id, toTeam.id, fromTeam?.id ?? a.id]) expect(text).not.toContain(id.slice(0, 8));
  expect(text).not.toMatch(/walk_in|service_request|waiting_on_/);
  await expectAccessible(app, 'ticket history');
  await timeline.getByRole('heading', { name: /Timeline/ }).evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await app.screenshot({ path: test.info().outputPath('ticket-history.png'), fullPage: true });
});

test('bulk edit moves the selected tickets to another team', async ({ app }) => {
  await onboard(app);
  await loadSample(app);
  const teams = (await readStore(app, 'teams')) as Named[];
  const rows = app.getByTestId('ticket-row');
  const numbers = [await rows.nth(0).locator('.mono').first().innerText(), await rows.nth(1).locator('.mono').first().innerText()];
  for (const n of numbers) await app.getByRole('checkbox', { name: `Select ${n}` }).check();
  const bar = app.getByRole('form', { name: 'Bulk edit' });
  const before = (await readStore(app, 'tickets')) as TicketRow[];
  const current = new Set(numbers.map((n) => before.find((t) => t.number === n)!.teamId));
  const target = teams.find((t) => !current.has(t.id))!;
  await bar.getByLabel('Move selected to team').selectOption({ label: target.name });
  await bar.getByRole('button', { name: 'Apply to 2' }).click();
  await expect(app.getByText('Updated 2 tickets.')).toBeVisible();
  const after = (await readStore(app, 'tickets')) as TicketRow[];
  for (const n of numbers) expect(after.find((t) => t.number === n)!.teamId).toBe(target.id);

  // Settings says what waits to sync in the words of the screens: kinds counted, tickets by number, fields by label.
  await app.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  const kinds = app.getByRole('list', { name: 'Waiting to sync, by kind' });
  await expect(kinds).toContainText(/[\d,]+ tickets added/);
  await expect(kinds).toContainText(/[\d,]+ history entries added/);
  await expect(kinds).toContainText(/[\d,]+ teams added/);
  await expect(kinds).not.toContainText(/ticketHistory|fields|wordBlocks/);
  const latest = app.getByRole('list', { name: 'Pending changes' }).getByRole('listitem');
  await expect(latest.filter({ hasText: `Ticket ${numbers[0]} changed (Team` })).toHaveCount(1);
  await expect(latest.filter({ hasText: `Ticket ${numbers[1]} changed (Team` })).toHaveCount(1);
  await app.getByRole('region', { name: 'Changes waiting to sync' }).scrollIntoViewIfNeeded();
  await app.screenshot({ path: test.info().outputPath('pending-changes.png') });
});
