import { expect, expectAccessible, newTicketForNewRequester, onboard, readChanges, readStore, test } from '../fixtures';

interface Rec {
  id: string;
  name?: string;
  table?: string;
  agencyId?: string;
  timeZone?: string | null;
  categories?: string[];
  memberIds?: string[];
  siteId?: string | null;
  systemId?: string | null;
  category?: string;
  deleted?: 0 | 1;
}

test.describe.configure({ timeout: 180_000 });
// Offline, the sync status probe fails and Chromium logs it; that is the point of the test.
test.use({ allowErrors: /ERR_INTERNET_DISCONNECTED/ });

test('catalog settings offline: an agency, a site and a system added in Settings are offered by the create form', async ({ app, context }) => {
  await onboard(app);
  await context.setOffline(true);

  // A staff member in the directory, to put on a team.
  await app.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'People' }).click();
  await app.getByRole('button', { name: 'Add person', exact: true }).click();
  const person = app.getByRole('form', { name: 'Add a person' });
  await person.getByLabel('Name').fill('Rosa Field');
  await person.getByLabel('Kind').selectOption({ label: 'Staff' });
  await person.getByRole('button', { name: 'Save' }).click();
  await expect(app.getByRole('table', { name: 'People' }).getByRole('cell', { name: 'Rosa Field', exact: true })).toBeVisible();

  await app.getByRole('link', { name: 'Settings' }).click();
  const desk = app.getByRole('region', { name: 'Help desk' });
  const agencies = desk.getByRole('region', { name: 'Agencies' });
  const sites = desk.getByRole('region', { name: 'Sites' });
  const systems = desk.getByRole('region', { name: 'Systems' });
  const teams = desk.getByRole('region', { name: 'Teams' });

  // Empty states say what goes here; a site needs an agency first.
  await expect(agencies.getByText(/No agencies yet — add the courts and county offices of education you support/)).toBeVisible();
  await expect(sites.getByText('No sites yet — add the courthouses and offices you support.')).toBeVisible();
  await expect(systems.getByText(/No systems yet — add the applications you support/)).toBeVisible();
  await expect(sites.getByRole('button', { name: 'Add site' })).toBeDisabled();
  await expect(sites.getByText('Add an agency first: every site belongs to one.')).toBeVisible();
  await expectAccessible(app, 'settings, help-desk catalog empty');

  // An agency, from the keyboard; an empty name is refused beside the field.
  await agencies.getByRole('button', { name: 'Add agency' }).click();
  await expect(agencies.getByLabel('Agency name')).toBeFocused();
  await app.keyboard.press('Enter');
  await expect(agencies.locator('.field-error', { hasText: 'Agency name is required' })).toBeVisible();
  expect(await readStore(app, 'agencies')).toEqual([]);
  await agencies.getByLabel('Agency name').fill('Superior Court of Fresno County');
  await agencies.getByLabel('Agency kind').selectOption({ label: 'State court' });
  await agencies.getByLabel('Agency code').fill('SC-FRE');
  await app.keyboard.press('Enter');
  await expect(agencies.getByRole('rowheader', { name: 'Superior Court of Fresno County', exact: true })).toBeVisible();
  await expect(agencies.getByRole('button', { name: 'Add agency' })).toBeFocused();

  // The same name in another case is refused beside the field; nothing is written.
  await agencies.getByRole('button', { name: 'Add agency' }).click();
  await agencies.getByLabel('Agency name').fill('superior court of fresno county');
  await agencies.getByRole('button', { name: 'Save agency' }).click();
  await expect(agencies.locator('.field-error', { hasText: 'There is already an agency named “Superior Court of Fresno County”; choose another name' })).toBeVisible();
  await agencies.getByRole('button', { name: 'Cancel' }).click();
  expect(await readStore(app, 'agencies')).toHaveLength(1);

  // A site: a zone that is not IANA is refused beside it; with one agency, it is chosen already.
  await sites.getByRole('button', { name: 'Add site' }).click();
  const siteForm = sites.getByRole('form', { name: 'New site' });
  await siteForm.getByLabel('Site name').fill('Hall of Justice');
  await expect(siteForm.getByLabel('Agency')).toHaveValue(((await readStore(app, 'agencies')) as Rec[])[0]!.id);
  await siteForm.getByLabel('Site time zone').fill('Pacific time');
  await siteForm.getByLabel('Address').fill('1100 Van Ness Ave\nFresno, CA 93724');
  await siteForm.getByRole('button', { name: 'Save site' }).click();
  await expect(siteForm.locator('.field-error', { hasText: 'Time zone must be an IANA zone name such as America/Los_Angeles' })).toBeVisible();
  expect(await readStore(app, 'sites')).toEqual([]);
  await expectAccessible(app, 'settings, site form with an error');
  await sites.screenshot({ path: test.info().outputPath('settings-helpdesk-site-form.png') });
  await siteForm.getByLabel('Site time zone').fill('America/Los_Angeles');
  await siteForm.getByRole('button', { name: 'Save site' }).click();
  await expect(sites.getByRole('rowheader', { name: 'Hall of Justice', exact: true })).toBeVisible();
  await expect(sites.getByRole('cell', { name: 'America/Los_Angeles', exact: true })).toBeVisible();

  // A system: categories one a line or by commas, each kept once.
  await systems.getByRole('button', { name: 'Add system' }).click();
  const systemForm = systems.getByRole('form', { name: 'New system' });
  await systemForm.getByLabel('System name').fill('E-filing');
  await systemForm.getByLabel('Vendor').fill('Tyler');
  await systemForm.getByLabel('Categories').fill('Printing, Login\nFiling rejected\nprinting');
  await systemForm.getByRole('button', { name: 'Save system' }).click();
  await expect(systems.getByRole('cell', { name: 'Printing, Login, Filing rejected', exact: true })).toBeVisible();

  // Edit in place: the form shows the categories one a line.
  await systems.getByRole('button', { name: 'Edit system E-filing' }).click();
  const editSystem = systems.getByRole('form', { name: 'Edit system E-filing' });
  await expect(editSystem.getByLabel('Categories')).toHaveValue('Printing\nLogin\nFiling rejected');
  await editSystem.getByLabel('Categories').fill('Printing\nLogin\nFiling rejected\nPayments');
  await editSystem.getByRole('button', { name: 'Save system' }).click();
  await expect(systems.getByRole('cell', { name: 'Printing, Login, Filing rejected, Payments', exact: true })).toBeVisible();

  // A team with a staff member picked from the directory.
  await teams.getByRole('button', { name: 'Add team' }).click();
  await teams.getByLabel('Team name').fill('Field support');
  const members = teams.getByRole('group', { name: 'Members' });
  await members.getByRole('checkbox', { name: 'Rosa Field' }).check();
  await expectAccessible(app, 'settings, team form with members');
  await teams.getByRole('button', { name: 'Save team' }).click();
  await expect(teams.getByRole('cell', { name: 'Rosa Field', exact: true })).toBeVisible();

  // Removing asks first; an agency that still has a site is kept, with the reason.
  app.once('dialog', (d) => void d.dismiss());
  await agencies.getByRole('button', { name: 'Remove agency Superior Court of Fresno County' }).click();
  await expect(agencies.getByRole('rowheader', { name: 'Superior Court of Fresno County', exact: true })).toBeVisible();
  let asked = '';
  app.once('dialog', (d) => {
    asked = d.message();
    void d.accept();
  });
  await agencies.getByRole('button', { name: 'Remove agency Superior Court of Fresno County' }).click();
  await expect(agencies.getByRole('alert')).toHaveText('Superior Court of Fresno County still has the site “Hall of Justice”; move it to another agency or remove it first.');
  expect(asked).toMatch(/^Remove the agency Superior Court of Fresno County\?/);
  expect(((await readStore(app, 'agencies')) as Rec[]).map((a) => a.deleted)).toEqual([0]);

  await app.setViewportSize({ width: 1280, height: 2400 });
  await expectAccessible(app, 'settings, help-desk catalog filled in');
  await desk.screenshot({ path: test.info().outputPath('settings-helpdesk-catalog.png') });

  // The create form offers the new site, system and its categories; the ticket points at them.
  await newTicketForNewRequester(app, 'Ana Méndez', 'ana@court.example');
  await app.getByLabel('Title').fill('E-filing receipts print blank');
  await app.getByLabel('Site').selectOption({ label: 'Hall of Justice' });
  await app.getByLabel('System').selectOption({ label: 'E-filing' });
  await expect(app.locator('#ticket-categories option')).toHaveCount(4);
  await app.getByLabel('Category').fill('Printing');
  await app.getByRole('button', { name: 'Create ticket' }).click();
  await expect(app.getByTestId('ticket-status')).toHaveText('New');

  const site = ((await readStore(app, 'sites')) as Rec[])[0]!;
  const system = ((await readStore(app, 'systems')) as Rec[])[0]!;
  const agency = ((await readStore(app, 'agencies')) as Rec[])[0]!;
  expect(site).toMatchObject({ name: 'Hall of Justice', agencyId: agency.id, timeZone: 'America/Los_Angeles' });
  expect(system.categories).toEqual(['Printing', 'Login', 'Filing rejected', 'Payments']);
  const staff = ((await readStore(app, 'people')) as (Rec & { kind: string })[]).find((p) => p.kind === 'staff' && p.name === 'Rosa Field')!;
  expect(((await readStore(app, 'teams')) as Rec[])[0]!.memberIds).toEqual([staff.id]);
  const tickets = (await readStore(app, 'tickets')) as Rec[];
  expect(tickets).toHaveLength(1);
  expect(tickets[0]).toMatchObject({ siteId: site.id, systemId: system.id, category: 'Printing' });

  // Every catalog write is waiting in the outbox for the next sync.
  const outboxTables = new Set(((await readChanges(app)) as Rec[]).map((o) => o.table));
  for (const t of ['agencies', 'sites', 'systems', 'teams', 'tickets']) expect(outboxTables).toContain(t);

  // Dark mode uses the same theme variables and passes the same scan.
  await app.getByRole('link', { name: 'Settings' }).click();
  await app.getByRole('radio', { name: 'Dark' }).check();
  await app.setViewportSize({ width: 1280, height: 2400 });
  await expectAccessible(app, 'settings, help-desk catalog in dark mode');
  await desk.screenshot({ path: test.info().outputPath('settings-helpdesk-catalog-dark.png') });
});
