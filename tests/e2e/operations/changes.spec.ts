import { expect, expectAccessible, onboard, readStore, test } from '../fixtures';
import { localToday } from './helpers';

test.describe.configure({ timeout: 120_000 });

const nextDay = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

test('a change planned inside a freeze of its system is warned, approved with who and when, and done only with an outcome', async ({ app }) => {
  await onboard(app);
  await app.getByRole('link', { name: 'Settings' }).click();
  const systems = app.getByRole('region', { name: 'Help desk' }).getByRole('region', { name: 'Systems' });
  await systems.getByRole('button', { name: 'Add system' }).click();
  const systemForm = systems.getByRole('form', { name: 'New system' });
  await systemForm.getByLabel('System name').fill('Case management');
  await systemForm.getByRole('button', { name: 'Save system' }).click();
  await expect(systems.getByRole('rowheader', { name: 'Case management', exact: true })).toBeVisible();

  const tomorrow = nextDay(await localToday(app));
  await app.getByRole('link', { name: 'Schedule' }).click();
  await app.getByRole('link', { name: 'Schedules' }).click();
  await app.getByRole('button', { name: 'Add a window or freeze' }).click();
  const win = app.getByRole('form', { name: 'New window or freeze' });
  await win.getByLabel('Window or freeze').selectOption('freeze');
  await win.getByLabel('Window name').fill('Year-end freeze');
  await win.getByLabel('Hours').fill('72');
  await win.getByLabel('Case management').check();
  await win.getByLabel('How often').selectOption('once');
  await win.getByLabel('Date', { exact: true }).fill(tomorrow);
  await win.getByLabel('Time', { exact: true }).fill('00:00');
  await win.getByRole('button', { name: 'Save window' }).click();
  await expect(app.getByText(/Freeze Year-end freeze — Case management — Once on/)).toBeVisible();

  await app.keyboard.press('Control+k');
  await app.keyboard.type('New change');
  await app.keyboard.press('Enter');
  const form = app.getByRole('form', { name: 'New change' });
  await form.getByLabel('What').fill('Upgrade case management to 4.2');
  await form.getByLabel('Why').fill('Vendor support for 4.1 ends this month.');
  await form.getByLabel('Risk').selectOption('medium');
  await form.getByLabel('Case management').check();
  await form.getByLabel('Planned start').fill(`${tomorrow}T10:00`);
  await form.getByLabel('Planned end').fill(`${tomorrow}T12:00`);
  await expect(form.getByRole('list', { name: 'Warnings' })).toContainText('Case management: planned during the freeze “Year-end freeze”');
  await form.getByLabel('Back-out plan').fill('Restore the 4.1 snapshot.');
  await form.getByRole('button', { name: 'Save change' }).click();

  const saved = app.getByRole('form', { name: 'Change Upgrade case management to 4.2' });
  await expect(saved.getByText('not approved', { exact: false })).toBeVisible();
  await saved.getByRole('button', { name: 'Record approval' }).click();
  await expect(saved.getByText(/approved by Jordan Avila/)).toBeVisible();
  await saved.getByRole('button', { name: 'Mark done' }).click();
  await expect(saved.getByRole('alert')).toHaveText('Record the outcome first.');
  await saved.getByLabel('Outcome', { exact: true }).selectOption('successful');
  await saved.getByRole('button', { name: 'Save change' }).click();
  await saved.getByRole('button', { name: 'Mark done' }).click();
  await expect(saved.getByText('Done', { exact: true })).toBeVisible();
  await expectAccessible(app, 'change editor');
  await app.screenshot({ path: 'test-results/operations/change.png', fullPage: true });

  const [change] = (await readStore(app, 'changes')) as { status: string; approvedAt: string; outcome: string; backoutPlan: string }[];
  expect(change).toMatchObject({ status: 'done', outcome: 'successful', backoutPlan: 'Restore the 4.1 snapshot.' });
  expect(change!.approvedAt).toMatch(/Z$/);

  await app.getByRole('link', { name: 'Calendar' }).click();
  await app.getByRole('button', { name: 'Week' }).click();
  if ((await app.getByText('Year-end freeze').count()) === 0) await app.getByRole('button', { name: 'Next week' }).click();
  await expect(app.getByText('Year-end freeze').first()).toBeVisible();
  await expect(app.getByRole('link', { name: /Upgrade case management to 4.2/ })).toBeVisible();
  await app.screenshot({ path: 'test-results/operations/calendar-week.png', fullPage: true });
});
