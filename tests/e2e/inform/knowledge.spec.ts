import { mkdirSync } from 'node:fs';
import { expect, expectAccessible, newTicketForNewRequester, onboard, readStore, test } from '../fixtures';

const OUT = 'test-results/inform-knowledge';

// Offline, a failed request is logged by Chromium; the test checks below that none was needed.
test.use({ allowErrors: /^Failed to load resource: net::ERR_INTERNET_DISCONNECTED$/ });

/**
 * Issue 23's sentence, as a technician works it, offline from the start (no
 * sync server is set up and none is needed): a work instruction for Case
 * Management created from the palette, edited twice (each save a version),
 * two versions compared side by side, the first restored as a new version and
 * published; a new ticket for Case Management (opened with `c`) is offered it
 * while it is being typed and again once created; resolved with it, the
 * document lists the ticket; and Knowledge search finds it by a word of its
 * body. axe in light and dark; screenshots under test-results/.
 */
test('a work instruction edited twice, compared, restored, suggested on a new ticket for its system and found by search offline', async ({ app, context, host }) => {
  test.setTimeout(180_000);
  mkdirSync(OUT, { recursive: true });
  await onboard(app);
  const requests: string[] = [];
  app.on('request', (r) => requests.push(r.url()));
  await context.setOffline(true);
  await expect(app.getByText(/Not syncing: no server set up/)).toBeVisible();
  await app.setViewportSize({ width: 1280, height: 900 });

  // A system in the help-desk catalog.
  await app.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  const systems = app.getByRole('region', { name: 'Help desk' }).getByRole('region', { name: 'Systems' });
  await systems.getByRole('button', { name: 'Add system' }).click();
  const systemForm = systems.getByRole('form', { name: 'New system' });
  await systemForm.getByLabel('System name').fill('Case Management');
  await systemForm.getByRole('button', { name: 'Save system' }).click();
  await expect(systems.getByRole('rowheader', { name: 'Case Management', exact: true })).toBeVisible();

  // Knowledge starts empty; a new work instruction from the palette.
  await app.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Knowledge' }).click();
  await expect(app.getByRole('heading', { name: 'Knowledge', level: 1 })).toBeVisible();
  await expect(app.getByRole('region', { name: 'No documents yet' })).toBeVisible();
  await app.keyboard.press('Control+k');
  await app.keyboard.type('New document');
  await app.keyboard.press('Enter');
  const form = app.getByRole('form', { name: 'New document' });
  await form.getByLabel('Title').fill('Unlock a sealed case file');
  await form.getByLabel('System').fill('Case Management');
  await form.getByRole('button', { name: 'Create draft' }).click();

  const panel = app.getByRole('region', { name: 'Document: Unlock a sealed case file' });
  await expect(panel).toBeVisible();
  const body = panel.getByLabel('Text (Markdown)');
  await body.fill('Open the clerk console.\nChoose Unseal.\n');
  await panel.getByLabel('Change note').fill('First steps');
  await panel.getByRole('button', { name: 'Save as new version' }).click();
  await expect(panel.getByRole('status').first()).toHaveText('Saved as version 2');
  await body.fill('Open the clerk console.\nChoose Unseal with the judge’s order.\nLog the order number.\n');
  await panel.getByLabel('Change note').fill('The order is required');
  await panel.getByRole('button', { name: 'Save as new version' }).click();
  await expect(panel.getByRole('status').first()).toHaveText('Saved as version 3');

  // Side by side: version 2 against version 3, the changed line and the added one.
  await panel.getByLabel('Compare version 2').check();
  await panel.getByLabel('Compare version 3').check();
  await panel.getByRole('button', { name: 'Compare selected versions' }).click();
  const diff = panel.getByRole('table', { name: 'Version 2 and version 3 side by side' });
  await expect(diff.locator('tr[data-kind="changed"]')).toHaveCount(1);
  await expect(diff.locator('tr[data-kind="changed"] del')).toHaveText('Choose Unseal.');
  await expect(diff.locator('tr[data-kind="changed"] ins')).toHaveText('Choose Unseal with the judge’s order.');
  await expect(diff.locator('tr[data-kind="added"] ins')).toHaveText('Log the order number.');
  await expect(diff.locator('tr[data-kind="same"]')).toHaveText(['Open the clerk console.Open the clerk console.']);
  await app.screenshot({ path: `${OUT}/compare.png`, fullPage: true });
  await diff.screenshot({ path: `${OUT}/compare-table.png` });
  await expectAccessible(app, 'knowledge with a comparison');
  await app.emulateMedia({ colorScheme: 'dark' });
  await expectAccessible(app, 'knowledge with a comparison, dark');
  await app.screenshot({ path: `${OUT}/compare-dark.png`, fullPage: true });
  await app.emulateMedia({ colorScheme: 'light' });

  // The first edit restored as a new version, then published.
  await panel.getByRole('button', { name: 'Restore version 2' }).click();
  await expect(panel.getByRole('status').first()).toHaveText('Version 2 restored as version 4');
  await expect(body).toHaveValue('Open the clerk console.\nChoose Unseal.\n');
  const versions = (await readStore(app, 'materialVersions')) as { version: number; changeNote: string; body: string }[];
  expect(versions.map((v) => v.version).sort()).toEqual([1, 2, 3, 4]);
  expect(versions.find((v) => v.version === 4)).toMatchObject({ changeNote: 'Restored version 2', body: 'Open the clerk console.\nChoose Unseal.\n' });
  await panel.getByRole('button', { name: 'Publish' }).click();
  await expect.poll(async () => ((await readStore(app, 'materials')) as { state: string }[])[0]?.state).toBe('published');

  // A new ticket for Case Management (`c` from the list): suggested while it is typed, focus stays in the form.
  await newTicketForNewRequester(app, 'Ana Ruiz', 'ana@court.example');
  const create = app.getByRole('form', { name: 'New ticket' });
  const suggested = create.getByRole('region', { name: 'Suggested documents' });
  await expect(suggested.getByRole('status')).toHaveText('No published document matches the system or the words typed yet.');
  await create.getByLabel('Title').focus();
  await app.keyboard.type('Clerk cannot open a file');
  // The system by keyboard: focus it and type the first letters of its name.
  await create.getByLabel('System').focus();
  await app.keyboard.type('Case');
  await expect(create.getByLabel('System')).toHaveValue(((await readStore(app, 'systems')) as { id: string }[])[0]!.id);
  await expect(suggested.getByRole('status')).toHaveText('1 document matches this ticket');
  await expect(suggested.locator('li summary')).toHaveText(['Unlock a sealed case file (its system)']);
  await expect(create.getByLabel('System')).toBeFocused();
  // The title alone (its words) also finds it: "sealed case" is in the document, the system is not chosen.
  await create.getByLabel('System').selectOption({ label: '—' });
  await create.getByLabel('Title').fill('Sealed case will not open');
  await expect(suggested.locator('li summary')).toHaveText(['Unlock a sealed case file']);
  await expect(create.getByLabel('Title')).toBeFocused();
  await create.getByLabel('System').selectOption({ label: 'Case Management' });
  // Its text opens in place, by keyboard, without leaving the form.
  await suggested.getByText('Unlock a sealed case file').focus();
  await app.keyboard.press('Enter');
  await expect(suggested.getByText('Choose Unseal.')).toBeVisible();
  await app.screenshot({ path: `${OUT}/new-ticket-suggested.png`, fullPage: true });
  await expectAccessible(app, 'new ticket with a suggested document');
  await app.emulateMedia({ colorScheme: 'dark' });
  await expectAccessible(app, 'new ticket with a suggested document, dark');
  await app.screenshot({ path: `${OUT}/new-ticket-suggested-dark.png`, fullPage: true });
  await app.emulateMedia({ colorScheme: 'light' });
  await app.setViewportSize({ width: 640, height: 450 });
  await suggested.scrollIntoViewIfNeeded();
  await expectAccessible(app, 'new ticket with a suggested document at 200%');
  await app.screenshot({ path: `${OUT}/new-ticket-suggested-200.png` });
  await app.setViewportSize({ width: 1280, height: 900 });
  await create.getByLabel('Title').focus();
  await app.keyboard.press('Control+Enter');
  await expect(app.getByTestId('ticket-status')).toHaveText('New');

  // Working the created ticket: suggested again, resolved with it.
  const onTicket = app.getByRole('region', { name: 'Suggested documents' });
  await expect(onTicket.getByRole('listitem')).toHaveCount(1);
  await expect(onTicket).toContainText('Unlock a sealed case file (its system)');
  await onTicket.getByRole('button', { name: 'Resolve with “Unlock a sealed case file”' }).focus();
  await app.keyboard.press('Enter');
  await expect(onTicket.getByRole('button', { name: 'Resolved with this' })).toBeDisabled();
  const ticket = ((await readStore(app, 'tickets')) as { id: string; number: string; title: string }[])[0]!;
  const links = (await readStore(app, 'ticketDocuments')) as { ticketId: string; materialId: string; relation: string; version: number }[];
  const doc = ((await readStore(app, 'materials')) as { id: string; version: number }[])[0]!;
  expect(links).toEqual([expect.objectContaining({ ticketId: ticket.id, materialId: doc.id, relation: 'resolvedWith', version: doc.version })]);
  await app.screenshot({ path: `${OUT}/ticket-resolved-with.png`, fullPage: true });
  await expectAccessible(app, 'a ticket resolved with a document');

  // The document lists the ticket it solved; search finds it by a word of its body, offline.
  await app.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Knowledge' }).click();
  const search = app.getByRole('searchbox', { name: 'Search documents' });
  await search.fill('console');
  const list = app.getByRole('table', { name: 'Documents' });
  await expect(list.getByRole('row')).toHaveCount(2);
  await list.getByRole('button', { name: 'Unlock a sealed case file' }).click();
  await expect(panel.getByRole('heading', { name: 'Tickets solved with it' })).toBeVisible();
  await expect(panel).toContainText(`${ticket.number} — Sealed case will not open`);
  await panel.getByRole('heading', { name: 'Tickets solved with it' }).scrollIntoViewIfNeeded();
  await app.screenshot({ path: `${OUT}/tickets-solved.png` });
  await search.fill('judge');
  await expect(app.getByRole('region', { name: 'No documents match' })).toBeVisible(); // version 3's word, not the restored text
  await search.fill('unseal');
  await expect(list.getByRole('button', { name: 'Unlock a sealed case file' })).toBeVisible();
  await app.screenshot({ path: `${OUT}/search-offline.png`, fullPage: true });
  await expectAccessible(app, 'knowledge search offline');
  await app.emulateMedia({ colorScheme: 'dark' });
  await expectAccessible(app, 'knowledge search offline, dark');
  await app.screenshot({ path: `${OUT}/search-offline-dark.png`, fullPage: true });

  // Nothing went past the app's own origin while offline: no sync server was asked for anything.
  expect(requests.filter((u) => !u.startsWith(host.origin))).toEqual([]);
});
