import { expect, type Page } from '@playwright/test';

/** Add a person through the People screen. */
export async function addPersonHere(page: Page, name: string, kind: 'requester' | 'staff' = 'requester'): Promise<void> {
  await page.getByRole('link', { name: 'People' }).click();
  await page.getByRole('button', { name: 'Add person', exact: true }).click();
  const form = page.getByRole('form', { name: 'Add a person' });
  await form.getByLabel('Name', { exact: true }).fill(name);
  const kindField = form.getByLabel('Kind');
  if (kind === 'staff' && (await kindField.count())) await kindField.selectOption('staff');
  await form.getByRole('button', { name: 'Save' }).click();
  // Saved once the form closes: a name already listed (the profile's own) matches the cell before the save ends, and
  // the next Add person would land while this form is still open.
  await expect(form).toBeHidden();
  await expect(page.getByRole('table', { name: 'People' }).getByRole('cell', { name, exact: true })).toBeVisible();
}

/** The next 2nd Tuesday on or after a local date (YYYY-MM-DD), worked out by hand here, not by the app's engine. */
export function nextSecondTuesday(from: string): string {
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7)) - 1;
  for (;;) {
    const first = new Date(Date.UTC(y, m, 1)).getUTCDay();
    const day = 1 + ((2 - first + 7) % 7) + 7;
    const date = `${y}-${String(m + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    if (date >= from) return date;
    m++;
    if (m === 12) {
      m = 0;
      y++;
    }
  }
}

/** Whole days from one date to another. */
export const daysBetween = (a: string, b: string): number => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);

export const localToday = (page: Page): Promise<string> => page.evaluate(() => new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date()));

/** Fill and save a monthly "2nd Tuesday" maintenance schedule. */
export async function createPatchTuesday(page: Page, requester: string, opts: { active?: boolean; leadDays?: number } = {}): Promise<void> {
  await page.evaluate(() => (location.hash = '#/schedule/schedules/new'));
  const form = page.getByRole('form', { name: 'New schedule' });
  await form.getByLabel('Name', { exact: true }).fill('Patch Tuesday — case management');
  await expect(form.getByLabel('How often')).toHaveValue('monthly');
  await form.getByLabel('On', { exact: true }).selectOption('nth');
  await form.getByLabel('Which').selectOption('2');
  await form.getByLabel('Weekday').selectOption('tue');
  await form.getByLabel('Time', { exact: true }).fill('06:00');
  await form.getByLabel('Create this many days ahead').fill(String(opts.leadDays ?? 14));
  await form.getByLabel('Ticket title').fill('Apply monthly patches');
  await form.getByLabel('Priority').selectOption('P2');
  await form.getByLabel('Requester').selectOption({ label: requester });
  await form.getByLabel('Checklist (one item a line)').fill('Snapshot the VM\nApply patches\nSmoke-test e-filing');
  if (opts.active === false) await form.getByLabel('Active').uncheck();
  await expect(form.getByRole('region', { name: 'Next dates' })).toContainText('Monthly on the 2nd Tuesday at 06:00');
  await form.getByRole('button', { name: 'Save schedule' }).click();
  await expect(page.getByRole('form', { name: 'Schedule Patch Tuesday — case management' })).toBeVisible();
}
