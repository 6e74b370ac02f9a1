import type { Page } from '@playwright/test';
import { expect, expectAccessible, onboard, test } from '../fixtures';

/** Nothing typed is lost: Access forms keep their text as drafts across navigation and a reload (the window closed and opened). */
const nav = (p: Page, name: string) => p.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true });
const accessTab = (p: Page, name: string) => p.getByRole('navigation', { name: 'Access' }).getByRole('link', { name });

test('the access request form and the campaign set-up keep typed text across navigation and a reload, until discarded', async ({ app: first, context }) => {
  let app = first;
  test.setTimeout(120_000);
  await onboard(app, 'Tom Tech');
  await app.setViewportSize({ width: 1280, height: 900 });
  await nav(app, 'People').click();
  await app.getByRole('button', { name: 'Add person', exact: true }).click();
  const form = app.getByRole('form', { name: 'Add a person' });
  await form.getByLabel('Name').fill('Ana Ruiz');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(app.getByRole('table', { name: 'People' }).getByRole('cell', { name: 'Ana Ruiz', exact: true })).toBeVisible();

  // Typed into a new request, then away to Tickets before saving.
  await nav(app, 'Access').click();
  await expect(app.getByRole('button', { name: 'Request access' }).first()).toBeVisible();
  await app.locator('body').press('n');
  await app.getByLabel('For whom').selectOption({ label: 'Ana Ruiz' });
  await app.getByLabel('Business justification (required)').fill('Covering the front counter while Marisol is on leave');
  await nav(app, 'Tickets').click();
  await nav(app, 'Access').click();
  await expect(app.getByRole('button', { name: 'Request access' }).first()).toBeVisible();
  await app.locator('body').press('n');
  await expect(app.getByLabel('Business justification (required)')).toHaveValue('Covering the front counter while Marisol is on leave');
  await expect(app.getByLabel('For whom')).toHaveValue(/.+/);
  await expect(app.getByRole('status').filter({ hasText: 'Restored your unsaved request' })).toBeVisible();
  await expectAccessible(app, 'access: request form with a restored draft');
  await app.screenshot({ path: test.info().outputPath('request-draft-restored.png'), fullPage: true });

  // The window closes and another opens (a new page: nothing of the first page's session survives): still there.
  await app.getByLabel('Business justification (required)').fill('Covering the front counter while Marisol is on leave, two weeks');
  const url = app.url();
  await app.close({ runBeforeUnload: true });
  app = await context.newPage();
  await app.goto(url);
  await expect(app.getByLabel('Business justification (required)')).toHaveValue('Covering the front counter while Marisol is on leave, two weeks');

  // Discard throws it away; the form opens blank afterwards.
  await app.getByRole('button', { name: 'Discard it' }).click();
  await expect(app.getByLabel('Business justification (required)')).toHaveValue('');
  await nav(app, 'Tickets').click();
  await nav(app, 'Access').click();
  await expect(app.getByRole('button', { name: 'Request access' }).first()).toBeVisible();
  await app.locator('body').press('n');
  await expect(app.getByLabel('Business justification (required)')).toHaveValue('');
  await expect(app.getByText('Restored your unsaved request')).toBeHidden();

  // A campaign being set up opens again with its name after a reload.
  await accessTab(app, 'Reviews').click();
  await app.getByRole('button', { name: 'New review campaign' }).click();
  await app.getByLabel('Name').fill('Q3 Case Management review');
  await app.reload();
  await expect(app.getByLabel('Name')).toHaveValue('Q3 Case Management review');
  await expect(app.getByRole('status').filter({ hasText: 'Restored your unsaved campaign set-up' })).toBeVisible();
  await app.getByRole('form', { name: 'New review campaign' }).getByRole('button', { name: 'Cancel' }).click();
  await app.reload();
  await expect(app.getByRole('button', { name: 'New review campaign' })).toBeEnabled();
  await expect(app.getByLabel('Name')).toHaveCount(0);
});
