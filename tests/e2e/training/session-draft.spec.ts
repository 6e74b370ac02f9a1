import { expect, onboard, readStore, test } from '../fixtures';

test.use({ allowErrors: /ERR_INTERNET_DISCONNECTED|ERR_CONNECTION_REFUSED|Blocked script execution in 'about:blank' because the document's frame is sandboxed/ });

test('a half-filled session form comes back open with what was typed after leaving Training; Cancel throws it away', async ({ app }) => {
  test.setTimeout(120_000);
  await onboard(app);
  await app.setViewportSize({ width: 1366, height: 800 });
  const nav = app.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link', { name: 'Training' }).click();
  await app.getByRole('navigation', { name: 'Training' }).getByRole('link', { name: 'Courses' }).click();
  await app.getByRole('button', { name: 'Add the first course' }).click();
  const courseForm = app.getByRole('form', { name: 'Add a course' });
  await courseForm.getByLabel('Course title').fill('Odyssey Case Initiation');
  await courseForm.getByLabel('System', { exact: true }).fill('Odyssey');
  await courseForm.getByRole('button', { name: 'Save course' }).click();
  await expect(app.getByRole('table', { name: 'Courses' }).getByRole('rowheader', { name: 'Odyssey Case Initiation' })).toBeVisible();

  await app.getByRole('navigation', { name: 'Training' }).getByRole('link', { name: 'Sessions' }).click();
  await app.getByRole('button', { name: 'Schedule the first session' }).click();
  const form = app.getByRole('form', { name: 'Schedule a session' });
  await form.getByLabel('Seats').fill('12');
  await form.getByLabel('Location').fill('Hall of Justice, Room 204');
  await form.getByLabel('Notes').fill('Bring the training laptops');

  // Away by the sidebar, with focus still in the form, and back.
  await nav.getByRole('link', { name: 'Tickets' }).click();
  await expect(app.getByRole('heading', { name: 'Tickets', exact: true })).toBeVisible();
  await nav.getByRole('link', { name: 'Training' }).click();
  await app.getByRole('navigation', { name: 'Training' }).getByRole('link', { name: 'Sessions' }).click();
  await expect(form).toBeVisible();
  await expect(form.getByLabel('Location')).toHaveValue('Hall of Justice, Room 204');
  await expect(form.getByLabel('Seats')).toHaveValue('12');
  await expect(form.getByLabel('Notes')).toHaveValue('Bring the training laptops');
  await expect(form.getByText(/Restored your unsaved session details/)).toBeVisible();
  await app.screenshot({ path: test.info().outputPath('session-draft-restored.png'), fullPage: true });
  expect(await readStore(app, 'sessions')).toHaveLength(0); // a draft is not a session

  // Cancel is the person's own choice: the draft goes, and the form stays closed next time.
  await form.getByRole('button', { name: 'Cancel' }).click();
  await expect(form).toHaveCount(0);
  await expect.poll(async () => ((await readStore(app, 'meta')) as { key: string }[]).filter((r) => r.key.startsWith('draft:training.session:')).length).toBe(0);
  await nav.getByRole('link', { name: 'Tickets' }).click();
  await nav.getByRole('link', { name: 'Training' }).click();
  await app.getByRole('navigation', { name: 'Training' }).getByRole('link', { name: 'Sessions' }).click();
  await expect(app.getByRole('button', { name: 'Schedule the first session' })).toBeVisible();
  await expect(form).toHaveCount(0);
});

test('handouts: a new handout half named, and edits to a handout not saved yet, come back after leaving', async ({ app }) => {
  test.setTimeout(120_000);
  // The preview frame's sandbox refuses the test bridge's script; that refusal is expected (see training.spec.ts).
  await onboard(app);
  await app.setViewportSize({ width: 1366, height: 800 });
  const nav = app.getByRole('navigation', { name: 'Main' });
  const handouts = () => app.getByRole('navigation', { name: 'Training' }).getByRole('link', { name: 'Handouts' }).click();
  await nav.getByRole('link', { name: 'Training' }).click();
  await handouts();
  await app.getByRole('button', { name: 'Write the first handout' }).click();
  const newHandout = app.getByRole('form', { name: 'New handout' });
  await newHandout.getByLabel('Handout title').fill('Filing a civil case in Odyssey');
  await nav.getByRole('link', { name: 'People' }).click();
  await nav.getByRole('link', { name: 'Training' }).click();
  await handouts();
  await expect(newHandout.getByLabel('Handout title')).toHaveValue('Filing a civil case in Odyssey');
  await newHandout.getByLabel('System').fill('Odyssey');
  await newHandout.getByRole('button', { name: 'Create and edit' }).click();

  const body = app.getByLabel('Handout text (Markdown)');
  await body.fill('# Filing a civil case\n\n1. Open Case Initiation');
  await nav.getByRole('link', { name: 'Tickets' }).click();
  await expect(app.getByRole('heading', { name: 'Tickets', exact: true })).toBeVisible();
  await app.goBack();
  await expect(body).toHaveValue('# Filing a civil case\n\n1. Open Case Initiation');
  await expect(app.getByText(/Restored your unsaved handout edits/)).toBeVisible();
  await app.screenshot({ path: test.info().outputPath('handout-draft-restored.png') });
  await app.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(app.getByText('Saved on this device.')).toBeVisible();
  await expect.poll(async () => ((await readStore(app, 'meta')) as { key: string }[]).filter((r) => r.key.startsWith('draft:training.handout')).length).toBe(0);
});
