import { expect, expectAccessible, onboard, readChanges, readStore, test } from './fixtures';

interface Change {
  opId: string;
  table: string;
  id: string;
  fields: Record<string, { value: unknown; stamp: string }>;
}

test('a record created through its repository survives a reload together with its outbox entry', async ({ app }) => {
  await onboard(app);
  await app.getByRole('link', { name: 'People' }).click();
  await expect(app.getByRole('heading', { name: 'No people yet' })).toBeVisible();
  await app.getByRole('button', { name: 'Add the first person' }).click();
  const form = app.getByRole('form', { name: 'Add a person' });
  await expectAccessible(app, 'person form');

  // Invalid input: a clear message beside the field, and nothing written.
  await form.getByLabel('Email').fill('not an email');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.locator('.field-error', { hasText: 'Name is required' })).toBeVisible();
  await expect(form.locator('.field-error', { hasText: 'Not a valid email address' })).toBeVisible();
  expect(await readStore(app, 'people')).toHaveLength(0);
  expect(await readChanges(app)).toHaveLength(0);

  await form.getByLabel('Name').fill('Marisol Vega');
  await form.getByLabel('Email').fill('mvega@fresno.courts.ca.gov');
  await form.getByLabel('Agency or court').fill('Superior Court of Fresno County');
  await form.getByLabel('Site').fill('B.F. Sisk Courthouse');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(app.getByRole('table', { name: 'People' }).getByRole('cell', { name: 'Marisol Vega', exact: true })).toBeVisible();
  await expect(app.getByTestId('sync-status')).toHaveText(/1 change saved on this device/);

  await app.reload();
  await expect(app.getByRole('table', { name: 'People' }).getByRole('cell', { name: 'Marisol Vega', exact: true })).toBeVisible();
  const people = (await readStore(app, 'people')) as { id: string; name: string; stamps: Record<string, string> }[];
  const outbox = (await readChanges(app)) as Change[];
  expect(people).toHaveLength(1);
  expect(outbox).toHaveLength(1);
  expect(outbox[0]).toMatchObject({ table: 'people', id: people[0]!.id });
  expect((await readStore(app, 'outbox')) as unknown[]).toMatchObject([{ seq: 1, n: 1 }]);
  expect(outbox[0]!.fields.name).toEqual({ value: 'Marisol Vega', stamp: people[0]!.stamps.name });

  // An edit logs just what changed; a removal is a tombstone that is logged too.
  await app.getByRole('button', { name: 'Edit Marisol Vega' }).click();
  await app.getByRole('form', { name: 'Edit Marisol Vega' }).getByLabel('Site').fill('Juvenile Justice Center');
  await app.getByRole('form', { name: 'Edit Marisol Vega' }).getByRole('button', { name: 'Save' }).click();
  await expect(app.getByRole('cell', { name: 'Juvenile Justice Center', exact: true })).toBeVisible();
  app.once('dialog', (d) => void d.accept());
  await app.getByRole('button', { name: 'Remove Marisol Vega' }).click();
  await expect(app.getByRole('heading', { name: 'No people yet' })).toBeVisible();
  const log = (await readChanges(app)) as Change[];
  expect(log.map((e) => Object.keys(e.fields).sort())).toEqual([
    expect.arrayContaining(['name', 'email', 'agency', 'site']),
    ['site', 'updatedAt'],
    ['deleted', 'updatedAt'],
  ]);
  await expect(app.getByTestId('sync-status')).toHaveText(/3 changes saved on this device/);

  await app.getByRole('link', { name: 'Settings' }).click();
  const pending = app.getByRole('list', { name: 'Pending changes' });
  await expect(pending.getByRole('listitem')).toHaveCount(3);
  // Newest first, one line per change (the outbox's rows are change sets; the list shows their changes).
  await expect(pending.getByRole('listitem').first()).toContainText('people · 2 fields');
  await pending.scrollIntoViewIfNeeded();
  await app.screenshot({ path: test.info().outputPath('settings-pending.png') });
});
