import { expect, expectAccessible, onboard, readStore, test } from '../fixtures';
import { addPersonHere, createPatchTuesday, daysBetween, localToday, nextSecondTuesday } from './helpers';

test.describe.configure({ timeout: 120_000 });

interface TicketRow {
  id: string;
  number: string;
  type: string;
  title: string;
  description: string;
  priority: string;
}

test('a monthly "2nd Tuesday" maintenance schedule creates its next ticket ahead, with its checklist, once', async ({ app }) => {
  await onboard(app);
  await addPersonHere(app, 'Ana Ruiz');
  await app.getByRole('link', { name: 'Schedule' }).click();
  await expect(app.getByRole('heading', { name: 'Nothing scheduled yet' })).toBeVisible();
  await expectAccessible(app, 'schedule calendar (empty)');

  const today = await localToday(app);
  const due = nextSecondTuesday(today);
  // Created exactly as far ahead as the lead time says: the next one is due in N days, so N days ahead makes it (and only it).
  await createPatchTuesday(app, 'Ana Ruiz', { leadDays: daysBetween(today, due) });
  await app.screenshot({ path: 'test-results/operations/schedule-editor.png', fullPage: true });
  await expectAccessible(app, 'schedule editor');

  await expect.poll(async () => (await readStore(app, 'tickets')).length).toBe(1);
  const tickets = (await readStore(app, 'tickets')) as TicketRow[];
  const ticket = tickets[0]!;
  expect(ticket.id).toMatch(new RegExp(`^mt:.+:${due}$`));
  expect(ticket).toMatchObject({ type: 'maintenance', title: `Apply monthly patches — ${due}`, priority: 'P2' });
  expect(ticket.description).toContain('- [ ] Snapshot the VM\n- [ ] Apply patches\n- [ ] Smoke-test e-filing');
  const occurrences = (await readStore(app, 'occurrences')) as { date: string; ticketId: string }[];
  expect(occurrences).toEqual([expect.objectContaining({ date: due, ticketId: ticket.id })]);

  // Opening the screen again (which generates what is due) makes nothing new.
  await app.getByRole('link', { name: 'Calendar' }).click();
  await app.reload();
  await expect(app.getByRole('table', { name: /\d{4}$/ })).toBeVisible();
  expect(await readStore(app, 'tickets')).toHaveLength(1);
  expect(await readStore(app, 'occurrences')).toHaveLength(1);

  // On the calendar (in the month of the occurrence), and the ticket itself shows its checklist.
  if (due.slice(0, 7) !== today.slice(0, 7)) await app.getByRole('button', { name: 'Next month' }).click();
  const chip = app.getByRole('link', { name: /Patch Tuesday — case management/ }).first();
  await expect(chip).toBeVisible();
  await app.screenshot({ path: 'test-results/operations/calendar-month.png', fullPage: true });
  await expectAccessible(app, 'schedule calendar (month)');
  await app.getByRole('button', { name: 'Week' }).click();
  await expectAccessible(app, 'schedule calendar (week)');
  await app.keyboard.press('Control+Shift+L');
  await app.keyboard.press('Control+Shift+L');
  await app.getByRole('button', { name: 'Month' }).click();
  await app.screenshot({ path: 'test-results/operations/calendar-month-dark.png', fullPage: true });
  await expectAccessible(app, 'schedule calendar (dark)');
  await chip.click();
  await expect(app.getByText('Snapshot the VM')).toBeVisible();
  await expect(app.getByRole('region', { name: 'Scheduled maintenance' })).toContainText('from Patch Tuesday — case management');
  await expectAccessible(app, 'maintenance ticket');
  await app.screenshot({ path: 'test-results/operations/maintenance-ticket.png', fullPage: true });
});

test('an output run fails a control total, opens a ticket, is corrected and distributed to its people and its distribution list', async ({ app }) => {
  await onboard(app);
  await addPersonHere(app, 'Carl Diaz');
  await addPersonHere(app, 'Dee Park');

  // A distribution list in access management: a person and an outside address.
  await app.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Access' }).click();
  await app.getByRole('navigation', { name: 'Access' }).getByRole('link', { name: 'Lists' }).click();
  await app.getByRole('button', { name: 'New list' }).click();
  await app.getByLabel('Name').fill('Attendance: Eastside');
  await app.getByLabel('List address').fill('attendance-east@court.example');
  await app.getByRole('button', { name: 'Create list' }).click();
  await expect(app.getByRole('heading', { name: 'Attendance: Eastside' })).toBeVisible();
  await app.getByLabel('Person in the directory').selectOption({ label: 'Dee Park' });
  await app.getByRole('button', { name: 'Add member' }).click();
  await expect(app.getByRole('table', { name: 'Members' }).getByText('Dee Park')).toBeVisible();
  await app.getByLabel('Person in the directory').selectOption({ label: 'An outside address…' });
  await app.getByLabel('Name (outside member)').fill('Vendor Support, Inc.');
  await app.getByLabel('E-mail').fill('support@vendor.example');
  await app.getByRole('button', { name: 'Add member' }).click();
  await expect(app.getByRole('table', { name: 'Members' }).getByText('Vendor Support, Inc.')).toBeVisible();

  await app.getByRole('link', { name: 'Schedule' }).click();

  // Palette: the command reaches the new-schedule form.
  await app.keyboard.press('Control+k');
  await app.keyboard.type('New maintenance schedule');
  await app.keyboard.press('Enter');
  const form = app.getByRole('form', { name: 'New schedule' });
  await form.getByLabel('Name', { exact: true }).fill('Attendance, daily');
  await form.getByLabel('Kind').selectOption('output');
  await form.getByLabel('How often').selectOption('daily');
  await form.getByLabel('Time', { exact: true }).fill('06:00');
  await form.getByLabel('On holidays and days off').selectOption('none');
  await form.getByLabel('Create this many days ahead').fill('0');
  await form.getByLabel('Ticket title').fill('Attendance report');
  await form.getByRole('button', { name: 'Save schedule' }).click();
  await expect(app.getByRole('form', { name: 'Schedule Attendance, daily' })).toBeVisible();

  await app.getByRole('link', { name: 'Output runs' }).click();
  await expect(app.getByRole('heading', { name: 'No output jobs' })).toBeVisible();
  await app.getByRole('link', { name: 'New output job' }).click();
  const job = app.getByRole('form', { name: 'New output job' });
  await job.getByLabel('Job name').fill('Monthly attendance report for Eastside district');
  await job.getByLabel('Schedule', { exact: true }).selectOption({ label: 'Attendance, daily' });
  await job.getByLabel('Expected at').fill('23:59');
  await job.getByLabel('Carl Diaz').check();
  // The list is picked by name, from the keyboard.
  const listBox = job.getByRole('group', { name: 'Distribution lists' }).getByRole('checkbox', { name: 'Attendance: Eastside' });
  await listBox.focus();
  await app.keyboard.press('Space');
  await expect(listBox).toBeChecked();
  await app.screenshot({ path: 'test-results/operations/job-lists.png', fullPage: true });
  await job.getByRole('button', { name: 'Add a check' }).click();
  await job.getByRole('textbox', { name: 'Check 1', exact: true }).fill('Student records');
  await job.getByLabel('Check 1 expected').fill('1200');
  await job.getByRole('button', { name: 'Add a check' }).click();
  await job.getByRole('textbox', { name: 'Check 2', exact: true }).fill('Output is not blank');
  await job.getByLabel('Check 2 kind').selectOption('not_blank');
  await job.getByRole('button', { name: 'Save job' }).click();
  await expect(app.getByRole('form', { name: 'Output job Monthly attendance report for Eastside district' })).toBeVisible();
  await expectAccessible(app, 'output job');

  await app.getByRole('link', { name: 'Output runs' }).click();
  await app.getByRole('button', { name: 'Today' }).click();
  await app.getByRole('table', { name: 'Runs: Today' }).getByRole('link', { name: 'Monthly attendance report for Eastside district' }).click();
  await app.getByRole('button', { name: 'Mark received' }).click();
  await app.getByLabel('Student records actual').fill('1150');
  await app.getByLabel('Student records note').fill('Eastside Elementary missing');
  await app.getByRole('button', { name: 'Record Student records' }).click();
  await expect(app.getByText('Failed verification', { exact: true })).toBeVisible();
  await expect(app.getByText('Problem ticket:')).toBeVisible();
  const problem = ((await readStore(app, 'tickets')) as TicketRow[]).find((t) => t.id.startsWith('vf:'))!;
  expect(problem.title).toMatch(/^Output verification failed: Monthly attendance report for Eastside district/);
  expect(problem.description).toContain('Student records: expected 1200, got 1150 (Eastside Elementary missing)');
  await expect(app.getByRole('button', { name: 'Mark distributed' })).toBeDisabled();
  await app.screenshot({ path: 'test-results/operations/run-failed.png', fullPage: true });
  await expectAccessible(app, 'run (failed)');

  // The team hears of it in the app: the status bar counts the failed run and opens the failed runs.
  await app.getByRole('link', { name: '1 output run failed verification' }).click();
  await expect(app.getByRole('button', { name: 'Failed verification' })).toHaveAttribute('aria-pressed', 'true');
  await app.getByRole('table', { name: 'Runs: Failed verification' }).getByRole('link', { name: 'Monthly attendance report for Eastside district' }).click();

  await app.getByLabel('Student records actual').fill('1200');
  await app.getByLabel('Student records note').fill('Rerun after the district fixed its feed');
  await app.getByRole('button', { name: 'Record Student records' }).click();
  await app.getByLabel('Output is not blank actual').fill('48');
  await app.getByRole('button', { name: 'Record Output is not blank' }).click();
  await expect(app.getByText('Verified', { exact: true })).toBeVisible();
  // Proposed: the job's person and the list's current members (a directory person by name, an outside address).
  const distribute = app.getByRole('group', { name: 'Distribute' });
  await expect(distribute.getByText('Lists: Attendance: Eastside (2 members)')).toBeVisible();
  await expect(distribute.getByRole('checkbox', { name: /^Carl Diaz/ })).toBeChecked();
  await expect(distribute.getByRole('checkbox', { name: /^Dee Park/ })).toBeChecked();
  await expect(distribute.getByRole('checkbox', { name: /^Vendor Support, Inc\. <support@vendor\.example>/ })).toBeChecked();
  await app.screenshot({ path: 'test-results/operations/run-distribute-list.png', fullPage: true });
  await expectAccessible(app, 'run (distribute to a list)');
  await app.getByRole('button', { name: 'Mark distributed' }).click();
  await expect(app.getByText(/Distributed .* to Carl Diaz, Dee Park, Vendor Support, Inc\. <support@vendor\.example>\./)).toBeVisible();
  await app.screenshot({ path: 'test-results/operations/run-distributed.png', fullPage: true });
  const runs = (await readStore(app, 'outputRuns')) as { status: string; ticketId: string; distributedTo: string[] }[];
  expect(runs).toHaveLength(1);
  expect(runs[0]).toMatchObject({ status: 'distributed', ticketId: problem.id, distributedToOutside: [{ name: 'Vendor Support, Inc.', email: 'support@vendor.example' }] });
  expect(runs[0]!.distributedTo).toHaveLength(2);
  expect(((await readStore(app, 'tickets')) as TicketRow[]).filter((t) => t.id.startsWith('vf:'))).toHaveLength(1);

  // The list is deleted (a pulled tombstone): the job and the next run say "(list removed)", and the job's person is still proposed.
  const [list] = (await readStore(app, 'distributionLists')) as { id: string }[];
  await app.evaluate(
    (id) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('fielddesk');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const store = db.transaction('distributionLists', 'readwrite').objectStore('distributionLists');
          const get = store.get(id);
          get.onsuccess = () => {
            const put = store.put({ ...get.result, deleted: 1 });
            put.onsuccess = () => {
              db.close();
              resolve();
            };
            put.onerror = () => reject(put.error);
          };
        };
      }),
    list!.id,
  );
  const [jobRow] = (await readStore(app, 'outputJobs')) as { id: string }[];
  await app.evaluate(() => (location.hash = '#/schedule/runs'));
  await app.evaluate((id) => (location.hash = `#/schedule/jobs/${encodeURIComponent(id)}`), jobRow!.id);
  const jobForm = app.getByRole('form', { name: 'Output job Monthly attendance report for Eastside district' });
  await expect(jobForm.getByRole('group', { name: 'Distribution lists' }).getByRole('checkbox', { name: '(list removed)' })).toBeChecked();
  await app.getByRole('button', { name: 'Run now' }).click();
  await app.getByRole('button', { name: 'Mark received' }).click();
  await expect(app.getByRole('group', { name: 'Distribute' }).getByText('Lists: (list removed)')).toBeVisible();
  await expect(app.getByRole('group', { name: 'Distribute' }).getByRole('checkbox')).toHaveCount(1);
  await expect(app.getByRole('group', { name: 'Distribute' }).getByRole('checkbox', { name: /^Carl Diaz/ })).toBeChecked();
  await app.screenshot({ path: 'test-results/operations/run-list-removed.png', fullPage: true });
});
