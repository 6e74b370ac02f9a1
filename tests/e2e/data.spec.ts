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
  // The user is a staff person in the directory from the start (kept on this device: nothing waits to sync).
  await expect(app.getByRole('table', { name: 'People' }).getByRole('cell', { name: 'Jordan Avila', exact: true })).toBeVisible();
  expect(await readChanges(app)).toHaveLength(0);
  await app.getByRole('button', { name: 'Add person', exact: true }).click();
  const form = app.getByRole('form', { name: 'Add a person' });
  await expectAccessible(app, 'person form');

  // Invalid input: a clear message beside the field, and nothing written.
  await form.getByLabel('Email').fill('not an email');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.locator('.field-error', { hasText: 'Name is required' })).toBeVisible();
  await expect(form.locator('.field-error', { hasText: 'Not a valid email address' })).toBeVisible();
  expect(await readStore(app, 'people')).toHaveLength(1);
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
  const everyone = (await readStore(app, 'people')) as { id: string; name: string; stamps: Record<string, string> }[];
  expect(everyone.map((p) => p.name).sort()).toEqual(['Jordan Avila', 'Marisol Vega']);
  const people = everyone.filter((p) => p.name === 'Marisol Vega');
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
  await expect(app.getByRole('cell', { name: 'Marisol Vega', exact: true })).toHaveCount(0);
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
  // Newest first, one line per change (the outbox's rows are change sets; the list shows their changes), in the words of the screens.
  await expect(pending.getByRole('listitem').first()).toContainText('Person Marisol Vega removed');
  await expect(pending.getByRole('listitem').nth(1)).toContainText('Person Marisol Vega changed');
  await expect(pending.getByRole('listitem').nth(2)).toContainText('Person Marisol Vega added');
  await expect(pending).not.toContainText('fields');
  // By kind: added, changed and removed before syncing, one person is one person added.
  await expect(app.getByRole('list', { name: 'Waiting to sync, by kind' }).getByRole('listitem')).toHaveText(['1 person added']);
  await pending.scrollIntoViewIfNeeded();
  await app.screenshot({ path: test.info().outputPath('settings-pending.png') });
});
