import type { Page } from '@playwright/test';
import { expect, onboard, test } from '../fixtures';
import { addPersonHere } from '../operations/helpers';
import { expectReflows, REFLOW_320, ZOOM_200 } from './reflow';

/**
 * The newer screens at 200% zoom (683×400 CSS pixels at two device pixels each) and at 320×256: Schedule (month and
 * week calendar, a schedule form, a review), Knowledge (the library, a new document, a document) and Access (each
 * view, a new request). Nothing scrolls sideways, axe finds no serious or critical violation, and the way through
 * each is by keyboard. Screenshots of every screen are kept (test-results/…/zoom-newer-…).
 */
test.use({ viewport: ZOOM_200, deviceScaleFactor: 2 });
test.describe.configure({ timeout: 400_000 });

const SIZES = [ZOOM_200, REFLOW_320] as const;

async function start(app: Page) {
  await app.setViewportSize({ width: 1366, height: 800 });
  await onboard(app);
}

const goHash = async (app: Page, hash: string) => {
  await app.evaluate((h) => (location.hash = h), hash);
};

/** Tab (at most `max` times) until `name` has focus; fails if it never does. */
async function tabTo(app: Page, name: RegExp, max = 60): Promise<void> {
  for (let i = 0; i < max; i++) {
    await app.keyboard.press('Tab');
    const focused = await app.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return el ? (el.getAttribute('aria-label') ?? el.textContent ?? '').trim() : '';
    });
    if (name.test(focused)) return;
  }
  throw new Error(`Tab never reached ${name}`);
}

test('Schedule at 200% zoom and 320 px: the month and week calendar, a schedule form and a review, by keyboard, no sideways scroll, axe clean', async ({ app }) => {
  await start(app);
  await addPersonHere(app, 'Carl Diaz');
  await addPersonHere(app, 'Ana Ruiz', 'staff');
  for (const size of SIZES) {
    await app.setViewportSize(size);
    const tag = `schedule ${size.width}`;
    // A new schedule, typed by keyboard and saved with Enter on its button.
    await goHash(app, '#/schedule/schedules/new');
    const form = app.getByRole('form', { name: 'New schedule' });
    await expect(form).toBeVisible();
    await expectReflows(app, `${tag} new schedule`);
    await form.getByLabel('Name', { exact: true }).focus();
    await app.keyboard.type(`Quarterly index rebuild ${size.width}`);
    await form.getByLabel('Ticket title').focus();
    await app.keyboard.type('Rebuild the indexes');
    await form.getByLabel('Requester').focus();
    await app.keyboard.press('End'); // a select takes arrow keys and Home/End without opening
    await form.getByRole('button', { name: 'Save schedule' }).focus();
    await app.keyboard.press('Enter');
    const saved = app.getByRole('form', { name: `Schedule Quarterly index rebuild ${size.width}` });
    await expect(saved).toBeVisible();
    await expectReflows(app, `${tag} saved schedule`);

    await goHash(app, '#/schedule');
    await expect(app.getByRole('heading', { name: 'Schedule', level: 1 })).toBeVisible();
    await expect(app.getByRole('table', { name: /\d{4}$/ })).toBeVisible();
    await expect(app.getByRole('heading', { name: 'Nothing scheduled yet' })).toBeHidden();
    await expectReflows(app, `${tag} calendar month`);
    // The week, by keyboard: Tab to Week, Enter.
    await app.locator('#main').focus();
    await tabTo(app, /^Week$/);
    await app.keyboard.press('Enter');
    await expect(app.getByRole('list', { name: /^Week of / })).toBeVisible();
    await expectReflows(app, `${tag} calendar week`);
    await app.getByRole('button', { name: 'Month' }).click();

    // A review with an action item.
    await goHash(app, '#/schedule/reviews');
    await expect(app.getByLabel('New review title')).toBeVisible();
    await expectReflows(app, `${tag} reviews`);
    await app.getByLabel('New review title').focus();
    await app.keyboard.type(`Outage review ${size.width}`);
    await app.keyboard.press('Enter');
    const review = app.getByRole('form', { name: `Review Outage review ${size.width}` });
    await expect(review).toBeVisible();
    await review.getByLabel('Summary').fill('E-filing was down for an hour.');
    await review.getByLabel('Review owner').selectOption({ label: 'Ana Ruiz' });
    await expectReflows(app, `${tag} review`);
    await review.getByRole('button', { name: 'Save review' }).focus();
    await app.keyboard.press('Enter');
    await expect(app.getByText('Restored your unsaved review')).toBeHidden();
    // An action item, typed and added with Enter in its field.
    const action = app.getByRole('form', { name: 'New action item' });
    await action.getByLabel('Action', { exact: true }).focus();
    await app.keyboard.type('Add disk alerts');
    await action.getByLabel('Action owner').selectOption({ label: 'Ana Ruiz' });
    await action.getByLabel('Action', { exact: true }).focus();
    await app.keyboard.press('Enter');
    await expect(app.getByRole('region', { name: 'Action items' }).getByText('Add disk alerts').first()).toBeVisible();
    await expectReflows(app, `${tag} review with an action`);

    // Output runs and changes, the other lists of the screen.
    for (const [hash, what] of [
      ['#/schedule/runs', 'runs'],
      ['#/schedule/changes', 'changes'],
      ['#/schedule/actions', 'overdue actions'],
    ] as const) {
      await goHash(app, hash);
      await expect(app.getByRole('heading', { name: 'Schedule', level: 1 })).toBeVisible();
      await app.waitForTimeout(300);
      await expectReflows(app, `${tag} ${what}`);
    }
  }
});

test('Knowledge at 200% zoom and 320 px: the library, a new document and a document, by keyboard, no sideways scroll, axe clean', async ({ app }) => {
  await start(app);
  for (const size of SIZES) {
    await app.setViewportSize(size);
    const tag = `knowledge ${size.width}`;
    await goHash(app, '#/knowledge');
    await expect(app.getByRole('heading', { name: 'Knowledge', level: 1 })).toBeVisible();
    await expectReflows(app, `${tag} library`);
    await app.locator('#main').focus();
    await tabTo(app, /^New document$/);
    await app.keyboard.press('Enter');
    const form = app.getByRole('form', { name: 'New document' });
    await expect(form.getByLabel('Title')).toBeFocused();
    await app.keyboard.type(`Reset a clerk's password ${size.width}`);
    await app.keyboard.press('Tab');
    await app.keyboard.type('Case management');
    await expectReflows(app, `${tag} new document`);
    await app.keyboard.press('Enter');
    await expect(app.getByRole('heading', { name: `Reset a clerk's password ${size.width}`, level: 2 })).toBeVisible();
    await expectReflows(app, `${tag} document`);
  }
});

test('Access at 200% zoom and 320 px: every view and a new request, by keyboard, no sideways scroll, axe clean', async ({ app }) => {
  await start(app);
  for (const size of SIZES) {
    await app.setViewportSize(size);
    const tag = `access ${size.width}`;
    await goHash(app, '#/access');
    await expect(app.getByRole('heading', { name: 'Access', level: 1 })).toBeVisible();
    for (const view of ['waiting', 'provisioning', 'active', 'expiring', 'reviews', 'lists', 'leavers', 'catalog']) {
      await goHash(app, `#/access/${view}`);
      await expect(app.getByRole('navigation', { name: 'Access' }).locator('[aria-current="page"]')).toBeVisible();
      await app.waitForTimeout(300);
      await expectReflows(app, `${tag} ${view}`);
    }
    // A new request, opened by keyboard from the list.
    await goHash(app, '#/access/waiting');
    await app.locator('#main').focus();
    await tabTo(app, /^Request access$/);
    await app.keyboard.press('Enter');
    await expect(app.getByRole('heading', { name: /request/i }).first()).toBeVisible();
    await app.waitForTimeout(300);
    await expectReflows(app, `${tag} new request`);
  }
});
