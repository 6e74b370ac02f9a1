import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { seedSampleData } from '../reports/seed';
import { expect, onboard, test } from '../fixtures';
import { expectReflows, REFLOW_320, ZOOM_200 } from './reflow';

/**
 * 200% zoom and reflow (WCAG 2.1 AA 1.4.4 resize text, 1.4.10 reflow, 2.4.3 focus order): every screen at a
 * 1366×800 window zoomed to 200% (683×400 CSS pixels at two device pixels each) and at 320×256 CSS pixels. Nothing
 * may scroll sideways, the ticket list keeps Number, Title and Status, axe finds no serious or critical violation,
 * and a failed submit puts focus on an error summary in view. Screenshots of every screen are kept.
 */
test.use({ viewport: ZOOM_200, deviceScaleFactor: 2 });
// The handout preview's sandbox refuses the test host's injected bridge script (see the training spec): that refusal is expected.
test.use({ allowErrors: /^Blocked script execution in 'about:blank' because the document's frame is sandboxed/ });
test.describe.configure({ timeout: 300_000 });

const SIZES = [ZOOM_200, REFLOW_320] as const;

/** First run (whose check looks for the navigation beside the content, as at 100%), then back to 200% zoom. */
async function start(app: Page, name?: string) {
  await app.setViewportSize({ width: 1366, height: 800 });
  await onboard(app, name);
  await app.setViewportSize(ZOOM_200);
  await expect(app.getByRole('button', { name: 'Main menu' })).toHaveAttribute('aria-expanded', 'false');
}

/** Open a screen from the main navigation, through the menu button when the navigation is collapsed. */
async function go(app: Page, name: string) {
  const menu = app.getByRole('button', { name: 'Main menu' });
  const nav = app.getByRole('navigation', { name: 'Main' });
  const link = nav.getByRole('link', { name });
  if (!(await link.isVisible())) await menu.click();
  await link.click();
  await expect(app.getByRole('heading', { name, level: 1 })).toBeVisible();
}

/** Inside the viewport (not just in the DOM): top and bottom within the window's height, left and right within its width. */
async function expectInView(app: Page, locator: Locator, what: string) {
  const box = await locator.boundingBox();
  const size = app.viewportSize()!;
  expect(box, `${what} has a box`).not.toBeNull();
  expect(box!.y, `${what} starts in view`).toBeGreaterThanOrEqual(-2);
  expect(box!.y + Math.min(box!.height, 40), `${what} is in view`).toBeLessThanOrEqual(size.height);
  expect(box!.x + box!.width, `${what} fits the width`).toBeLessThanOrEqual(size.width + 1);
}

/** After a refused submit: focus on the form's error summary, which is in view, an alert, and links to the field. */
async function expectErrorSummary(app: Page, form: Locator, field: string) {
  const summary = form.getByRole('alert').filter({ has: app.locator('.error-summary-title') });
  await expect(summary).toBeFocused();
  await expectInView(app, summary, 'the error summary');
  const link = summary.getByRole('link', { name: field });
  await expect(link).toBeVisible();
  await link.click();
  await expect(form.getByLabel(field, { exact: true })).toBeFocused();
}

test('the main navigation collapses to a menu when narrow, and remembers a wide window’s choice', async ({ app }) => {
  await start(app);
  const menu = app.getByRole('button', { name: 'Main menu' });
  const nav = app.getByRole('navigation', { name: 'Main' });
  // Narrow (200% zoom): collapsed by itself, the content gets the width.
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
  await expect(nav.getByRole('link', { name: 'Tickets' })).toBeHidden();
  const main = await app.locator('#main').boundingBox();
  expect(main!.width).toBeGreaterThanOrEqual(ZOOM_200.width - 2);
  // By keyboard: Tab reaches the button (after the skip link), Enter opens the menu, a link goes there and closes it.
  await app.keyboard.press('Tab');
  await app.keyboard.press('Tab');
  await expect(menu).toBeFocused();
  await app.keyboard.press('Enter');
  await expect(menu).toHaveAttribute('aria-expanded', 'true');
  // Focus moves into the menu, on the screen you are on; Tab goes on to the next one.
  await expect(nav.getByRole('link', { name: 'Tickets' })).toBeFocused();
  await app.keyboard.press('Tab');
  await expect(nav.getByRole('link', { name: 'Training' })).toBeFocused();
  await expectReflows(app, 'menu open');
  await nav.getByRole('link', { name: 'Training' }).click();
  await expect(app.getByRole('heading', { name: 'Training', level: 1 })).toBeVisible();
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
  // Escape closes an open menu and gives focus back to its button.
  await menu.click();
  await expect(nav.getByRole('link', { name: 'People' })).toBeVisible();
  await app.keyboard.press('Escape');
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
  await expect(menu).toBeFocused();
  await expect(app.getByRole('heading', { name: 'Training', level: 1 })).toBeVisible();
  // A click on the content under the open menu closes it.
  await menu.click();
  await expect(nav.getByRole('link', { name: 'People' })).toBeVisible();
  await app.mouse.click(ZOOM_200.width - 20, ZOOM_200.height - 60);
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
  await expect(app.getByRole('heading', { name: 'Training', level: 1 })).toBeVisible();
  await expectReflows(app, 'training with the menu closed');

  // Wide (100%): open beside the content; collapsed by the person, it stays collapsed after a reload.
  await app.setViewportSize({ width: 1366, height: 800 });
  await expect(menu).toHaveAttribute('aria-expanded', 'true');
  await expect(nav.getByRole('link', { name: 'Tickets' })).toBeVisible();
  await menu.click();
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
  await expect(nav.getByRole('link', { name: 'Tickets' })).toBeHidden();
  await app.reload();
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
  await menu.click();
  await expect(nav.getByRole('link', { name: 'Tickets' })).toBeVisible();
  await app.reload();
  await expect(menu).toHaveAttribute('aria-expanded', 'true');

  // The command palette and the About dialog fit at 320 px: within the width, nothing to scroll sideways.
  await app.setViewportSize(REFLOW_320);
  await app.keyboard.press('Control+k');
  const palette = app.getByRole('dialog', { name: 'Command palette' });
  await expect(palette).toBeVisible();
  await expectInView(app, palette, 'the command palette');
  await expectReflows(app, 'command palette');
  await app.keyboard.press('Escape');
  await expect(palette).toBeHidden();
  await app.evaluate(() => (window as unknown as { __fielddeskEmit(c: string, a: string): void }).__fielddeskEmit('menu.command', 'help.about'));
  const about = app.getByRole('dialog', { name: 'About FieldDesk' });
  await expect(about).toBeVisible();
  const box = await about.boundingBox();
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width).toBeLessThanOrEqual(REFLOW_320.width);
  await expectReflows(app, 'about dialog');
  await app.keyboard.press('Escape');

  // Dark, at 200% zoom, with the menu open over the content: still no serious or critical violation.
  await app.evaluate(() => localStorage.setItem('fielddesk.theme', 'dark'));
  await app.setViewportSize(ZOOM_200);
  await app.reload();
  await expect(app.locator('html')).toHaveAttribute('data-theme', 'dark');
  await menu.click();
  await expect(nav.getByRole('link', { name: 'Tickets' })).toBeFocused();
  await expectReflows(app, 'menu open dark');
});

test('help desk at 200% zoom and at 320 px: the list keeps Number, Title and Status; detail and new ticket reflow; a refused ticket focuses its error summary', async ({ app }) => {
  await start(app);
  await seedSampleData(app, { tickets: 60, people: 20, workLogEntries: 40 });
  await app.reload();
  await expect(app.getByTestId('ticket-row').first()).toBeVisible({ timeout: 20_000 });
  const list = app.locator('.ticket-scroller');
  for (const size of SIZES) {
    await app.setViewportSize(size);
    await app.goto(app.url().replace(/#.*/, '#/tickets'));
    await expect(app.getByTestId('ticket-row').first()).toBeVisible({ timeout: 20_000 });
    await expectReflows(app, 'tickets list');
    for (const column of ['Number', 'Title', 'Status']) await expect(list.getByRole('columnheader', { name: column })).toBeVisible();
    // The Title column has room to be read: at least a third of the list's width.
    const title = await list.getByRole('columnheader', { name: 'Title' }).boundingBox();
    const whole = await list.boundingBox();
    expect(title!.width, `the Title column at ${size.width} px`).toBeGreaterThanOrEqual(whole!.width / 3);
    expect(title!.x + title!.width).toBeLessThanOrEqual(whole!.x + whole!.width + 1);
    // The list can be scrolled to show its rows in the window: at 200% zoom more than the five of old.
    await list.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    if (size === ZOOM_200) {
      // All 60 tickets, more than fit: at 200% zoom the list shows more than the five rows of old.
      await app.getByRole('button', { name: 'All tickets' }).click();
      await expect(app.getByText('60 tickets', { exact: true })).toBeVisible();
      await list.evaluate((el) => el.scrollIntoView({ block: 'start' }));
      // Rows wholly inside the list's box and the window (polled: the list re-renders as the view changes).
      const rowsInView = () =>
        app.evaluate(() => {
          const box = document.querySelector('.ticket-scroller')!.getBoundingClientRect();
          return Array.from(document.querySelectorAll('[data-testid="ticket-row"]')).filter((el) => {
            const r = el.getBoundingClientRect();
            return r.top >= box.top && r.bottom <= box.bottom && r.bottom <= innerHeight;
          }).length;
        });
      await expect.poll(rowsInView, { message: 'rows in view at 200% zoom' }).toBeGreaterThanOrEqual(7);
    }
    await app.screenshot({ path: test.info().outputPath(`tickets-list-scrolled-${size.width}.png`) });

    // An open ticket, so its actions are there.
    await app.getByRole('button', { name: 'All open' }).click();
    await expect(app.getByText('60 tickets', { exact: true })).toBeHidden();
    await app.getByTestId('ticket-row').first().getByRole('link').click();
    await expect(app.getByRole('textbox', { name: 'Title' })).toBeVisible();
    await expectReflows(app, 'ticket detail');
    // A refused action (escalate with no reason): the summary above the action's form takes focus, in view.
    await app.getByRole('button', { name: 'Escalate…' }).click();
    const escalate = app.getByRole('form', { name: 'Escalate' });
    await escalate.getByRole('button', { name: 'Escalate' }).click();
    await expectErrorSummary(app, app.locator('#main'), 'Escalation reason');
    await expectReflows(app, 'ticket escalate refused');

    await app.goto(app.url().replace(/#.*/, '#/tickets/new'));
    const form = app.getByRole('form', { name: 'New ticket' });
    await expect(form).toBeVisible();
    await expectReflows(app, 'new ticket');
    // Stacked: labels above full-width inputs.
    const label = await form.getByText('Title', { exact: true }).boundingBox();
    const input = await form.getByRole('textbox', { name: 'Title' }).boundingBox();
    expect(input!.y).toBeGreaterThan(label!.y + label!.height - 1);
    await form.getByRole('button', { name: 'Create ticket' }).click();
    await expectErrorSummary(app, form, 'Title');
    await expectReflows(app, 'new ticket refused');
  }
});

test('training at 200% zoom and at 320 px: sessions, calendar, session page with its walk-in form, courses and handouts; a refused Schedule focuses its error summary', async ({ app }) => {
  await start(app, 'Jordan Avila');
  await go(app, 'People');
  // The directory is never empty: the user is a staff person in it from the first run.
  await app.getByRole('button', { name: 'Add person', exact: true }).click();
  const person = app.getByRole('form', { name: 'Add a person' });
  await person.getByRole('button', { name: 'Save' }).click();
  await expectErrorSummary(app, person, 'Name');
  await expectReflows(app, 'person form refused');
  await person.getByLabel('Name').fill('Jordan Avila');
  await person.getByLabel('Agency or court').fill('Judicial Council of California, Administrative Office of the Courts');
  await person.getByLabel('Kind').selectOption({ label: 'Staff' });
  await person.getByRole('button', { name: 'Save' }).click();
  await expect(app.getByRole('table', { name: 'People' })).toBeVisible();

  await go(app, 'Training');
  await app.getByRole('navigation', { name: 'Training' }).getByRole('link', { name: 'Courses' }).click();
  await app.getByRole('button', { name: 'Add the first course' }).click();
  const course = app.getByRole('form', { name: 'Add a course' });
  await course.getByLabel('Course title').fill('Odyssey Case Initiation for civil and family clerks');
  await course.getByLabel('System', { exact: true }).fill('Odyssey');
  await course.getByRole('button', { name: 'Save course' }).click();
  await expect(app.getByRole('table', { name: 'Courses' })).toBeVisible();

  await app.getByRole('navigation', { name: 'Training' }).getByRole('link', { name: 'Sessions' }).click();
  await app.getByRole('button', { name: 'Schedule the first session' }).click();
  const form = app.getByRole('form', { name: 'Schedule a session' });
  await form.getByLabel('Starts').fill('2026-03-08T02:30');
  await form.getByLabel('Time zone').selectOption('America/Los_Angeles');
  await form.getByLabel('Location').fill('Hall of Justice, Room 204, Sacramento');
  await form.getByRole('checkbox', { name: 'Jordan Avila' }).check();
  await form.getByRole('button', { name: 'Schedule' }).click();
  await expectErrorSummary(app, form, 'Starts');
  await expectReflows(app, 'session form refused');
  const now = new Date(Math.floor(Date.now() / 300_000) * 300_000).toISOString().slice(0, 16);
  await form.getByLabel('Starts').fill(now);
  await form.getByLabel('Time zone').selectOption('UTC');
  await form.getByRole('button', { name: 'Schedule' }).click();
  await expect(app.getByRole('heading', { name: /Odyssey Case Initiation/, level: 2 })).toBeVisible();
  const sessionUrl = app.url();

  for (const size of SIZES) {
    await app.setViewportSize(size);
    await app.goto(sessionUrl);
    await expect(app.getByRole('heading', { name: 'Roster and attendance' })).toBeVisible();
    await expectReflows(app, 'session page');
    // The walk-in form fits: its name field and button are within the width.
    const walkIn = app.getByRole('form', { name: 'Add a walk-in' });
    for (const part of [walkIn.getByLabel('Walk-in name'), walkIn.getByLabel('Walk-in agency or office'), walkIn.getByRole('button', { name: 'Add walk-in' })]) {
      await part.scrollIntoViewIfNeeded();
      await expectInView(app, part, 'the walk-in form');
    }
    await app.screenshot({ path: test.info().outputPath(`session-walk-in-${size.width}.png`) });
    await walkIn.getByRole('button', { name: 'Add walk-in' }).click();
    await expectErrorSummary(app, walkIn, 'Walk-in name');
    await expectReflows(app, 'walk-in refused');

    const sub = app.getByRole('navigation', { name: 'Training' });
    await sub.getByRole('link', { name: 'Sessions' }).click();
    await expect(app.getByRole('table', { name: 'Training sessions' })).toBeVisible();
    await expectReflows(app, 'training sessions');
    await sub.getByRole('link', { name: 'Calendar' }).click();
    await expect(app.locator('.cal-month')).toBeVisible();
    await expectReflows(app, 'training calendar month');
    await app.getByRole('button', { name: 'Week', exact: true }).click();
    await expectReflows(app, 'training calendar week');
    await app.getByRole('button', { name: 'Agenda' }).click();
    await expectReflows(app, 'training calendar agenda');
    await sub.getByRole('link', { name: 'Courses' }).click();
    await expect(app.getByRole('table', { name: 'Courses' })).toBeVisible();
    await expectReflows(app, 'training courses');
    await sub.getByRole('link', { name: 'Handouts' }).click();
    await expectReflows(app, 'training handouts');
  }

  // A handout's editor: text and preview one above the other.
  await app.getByRole('button', { name: 'Write the first handout' }).click();
  const handout = app.getByRole('form', { name: 'New handout' });
  await handout.getByRole('button', { name: 'Create and edit' }).click();
  await expectErrorSummary(app, handout, 'Handout title');
  await handout.getByLabel('Handout title').fill('Filing a new civil case');
  await handout.getByLabel('System').fill('Odyssey');
  await handout.getByRole('button', { name: 'Create and edit' }).click();
  await expect(app.getByLabel('Handout text (Markdown)')).toBeVisible();
  for (const size of SIZES) {
    await app.setViewportSize(size);
    await expectReflows(app, 'handout editor', { axe: aroundPreview });
  }
});

/** The handout preview's sandbox runs no script, so axe cannot look inside it (as in the training spec). */
async function aroundPreview(page: Page, label: string) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).exclude('iframe.print-preview').analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), `accessibility violations on ${label}`).toEqual([]);
}
test('people, access, reports and settings (with the help-desk panels) at 200% zoom and at 320 px; a refused settings form focuses its error summary', async ({ app }) => {
  await start(app);
  await seedSampleData(app, { tickets: 20, people: 30, workLogEntries: 10 });
  await app.reload();
  await expect(app.getByRole('button', { name: 'Main menu' })).toBeVisible();
  for (const size of SIZES) {
    await app.setViewportSize(size);
    for (const name of ['People', 'Access', 'Reports', 'Settings']) {
      await go(app, name);
      await expectReflows(app, name.toLowerCase());
    }
    // Settings scrolled down to the help-desk panels, each in turn.
    const helpdesk = app.getByRole('region', { name: 'Help desk' });
    for (const panel of ['Agencies', 'Sites', 'Systems', 'Teams', 'Routing rules', 'SLA policies', 'Business calendars']) {
      const region = helpdesk.getByRole('region', { name: panel, exact: true });
      await region.scrollIntoViewIfNeeded();
      await app.screenshot({ path: test.info().outputPath(`settings-${panel.replace(/\s+/g, '-').toLowerCase()}-${size.width}.png`) });
    }
    await expectReflows(app, 'settings help desk');
    // Each panel's form, opened: stacked, and within the width.
    for (const [panel, add] of [
      ['Agencies', 'Add agency'],
      ['Sites', 'Add site'],
      ['Systems', 'Add system'],
      ['Routing rules', 'Add rule'],
      ['SLA policies', 'Add SLA policy'],
      ['Business calendars', 'Add calendar'],
    ] as const) {
      const region = helpdesk.getByRole('region', { name: panel, exact: true });
      await region.getByRole('button', { name: add }).click();
      const cancel = region.getByRole('button', { name: 'Cancel' });
      await cancel.scrollIntoViewIfNeeded();
      // The settings page is long and axe slow on it: it is scanned with a form open below (the team form).
      await expectReflows(app, `settings ${panel} form`, { axe: false });
      await cancel.click();
    }
    const teams = helpdesk.getByRole('region', { name: 'Teams', exact: true });
    await teams.getByRole('button', { name: 'Add team' }).click();
    const teamForm = teams.getByRole('form', { name: 'New team' });
    await teamForm.getByRole('button', { name: 'Save team' }).click();
    await expectErrorSummary(app, teamForm, 'Team name');
    await expectReflows(app, 'settings team form refused');
    await teamForm.getByRole('button', { name: 'Cancel' }).click();
  }
});
