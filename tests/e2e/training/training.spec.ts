import { execFileSync } from 'node:child_process';
import AxeBuilder from '@axe-core/playwright';
import { readFileSync, writeFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { makePng } from '../../unit/shared/training/fixtures';
import { expect, expectAccessible, onboard, readChanges, readStore, test } from '../fixtures';
import ExcelJS from 'exceljs';

/** poppler-utils: the PDF's pages and text, and PNG renders of its pages kept as artifacts. */
const pdfPages = (path: string) => Number(/^Pages:\s+(\d+)/m.exec(execFileSync('pdfinfo', [path], { encoding: 'utf8' }))![1]);
const pdfText = (path: string) => execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
const renderPages = (path: string, prefix: string) => execFileSync('pdftoppm', ['-png', '-r', '60', path, prefix]);

/** Now, as a wall-clock time in UTC, rounded down to 5 minutes: attendance is open. */
function startingNowUtc(): string {
  const d = new Date(Math.floor(Date.now() / 300_000) * 300_000);
  return d.toISOString().slice(0, 16);
}

async function addPerson(app: Page, name: string, agency: string, kind: 'Requester' | 'Staff', email = '') {
  await app.getByRole('button', { name: 'Add person', exact: true }).click();
  const form = app.getByRole('form', { name: 'Add a person' });
  await form.getByLabel('Name').fill(name);
  await form.getByLabel('Agency or court').fill(agency);
  await form.getByLabel('Kind').selectOption({ label: kind });
  if (email) await form.getByLabel('Email').fill(email);
  await form.getByRole('button', { name: 'Save' }).click();
  // The form closes once saved (the user, already in People under the profile's name, would match the cell at once).
  await expect(form).toBeHidden();
  await expect(app.getByRole('table', { name: 'People' }).getByRole('cell', { name, exact: true })).toBeVisible();
}

/**
 * The test host injects the bridge into every frame with Playwright's init
 * scripts (Electron's preload runs in the top frame only). Chromium refuses
 * to run it in the handout preview, whose sandbox allows no script: that
 * refusal is the one console error this test expects, and it shows the
 * preview really runs nothing.
 */
test.use({ allowErrors: /^Blocked script execution in 'about:blank' because the document's frame is sandboxed and the 'allow-scripts' permission is not set\.$/ });

/**
 * The handout editor's axe scan leaves out the preview frame: axe must run a
 * script inside every frame it checks, and the preview's sandbox allows none
 * (axe would wait for it forever). The frame shows the printout, not app
 * controls; the frame element itself (its title) is still checked.
 */
async function expectAccessibleAroundPreview(page: Page, label: string) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).exclude('iframe.print-preview').analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), `accessibility violations on ${label}`).toEqual([]);
}

const shot = (app: Page, name: string) => app.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });

test('offline: schedule a session, fill the roster, take attendance at the door, write a handout with an image and print both to PDF', async ({ app, host }) => {
  // About a minute on a quiet machine; the margin is for a CI box shared with other jobs.
  test.setTimeout(240_000);
  await onboard(app, 'Jordan Avila');

  // The directory: a trainer (staff, the signed-in person) and two trainees.
  await app.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'People' }).click();
  await addPerson(app, 'Jordan Avila', 'Judicial Council', 'Staff');
  await addPerson(app, 'Marisol Vega', 'Superior Court of Fresno County', 'Requester', 'marisol.vega@fresno.courts.example.gov');
  await addPerson(app, 'Ben Okafor', 'Kern County Office of Education', 'Requester');

  // Training starts empty, with a way in.
  await app.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Training' }).click();
  await expect(app.getByRole('heading', { name: 'No training sessions yet' })).toBeVisible();
  await expectAccessible(app, 'training: no sessions');

  // A course in the library.
  await app.getByRole('navigation', { name: 'Training' }).getByRole('link', { name: 'Courses' }).click();
  await expect(app.getByRole('heading', { name: 'No courses yet' })).toBeVisible();
  await app.getByRole('button', { name: 'Add the first course' }).click();
  const courseForm = app.getByRole('form', { name: 'Add a course' });
  await courseForm.getByRole('button', { name: 'Save course' }).click();
  await expect(courseForm.locator('.field-error', { hasText: 'Title is required' })).toBeVisible();
  await courseForm.getByLabel('Course title').fill('Odyssey Case Initiation');
  await courseForm.getByLabel('System', { exact: true }).fill('Odyssey');
  await courseForm.getByLabel('Audience').fill('Civil clerks');
  await courseForm.getByRole('button', { name: 'Save course' }).click();
  await expect(app.getByRole('table', { name: 'Courses' }).getByRole('rowheader', { name: 'Odyssey Case Initiation' })).toBeVisible();
  await expectAccessible(app, 'course library');

  // Schedule: a time the clocks skip is refused beside the field, and nothing is written.
  await app.getByRole('navigation', { name: 'Training' }).getByRole('link', { name: 'Sessions' }).click();
  await app.getByRole('button', { name: 'Schedule the first session' }).click();
  const form = app.getByRole('form', { name: 'Schedule a session' });
  await form.getByLabel('Starts').fill('2026-03-08T02:30');
  await form.getByLabel('Time zone').selectOption('America/Los_Angeles');
  await form.getByLabel('Seats').fill('2');
  await form.getByLabel('Location').fill('Hall of Justice, Room 204, Sacramento');
  await form.getByRole('checkbox', { name: 'Jordan Avila' }).check();
  await form.getByRole('button', { name: 'Schedule' }).click();
  await expect(form.locator('.field-error', { hasText: /2026-03-08 02:30 does not exist in America\/Los_Angeles: the clocks skip that hour/ })).toBeVisible();
  await expect(form.getByLabel('Starts')).toHaveAttribute('aria-invalid', 'true');
  expect(await readStore(app, 'sessions')).toHaveLength(0);
  await expectAccessible(app, 'session form with errors');

  const start = startingNowUtc();
  await form.getByLabel('Starts').fill(start);
  await form.getByLabel('Time zone').selectOption('UTC');
  await form.getByRole('button', { name: 'Schedule' }).click();
  await expect(app.getByRole('heading', { name: 'Odyssey Case Initiation', level: 2 })).toBeVisible();
  await expect(app.getByTestId('seats')).toHaveText('0 of 2 taken');
  const sessionUrl = app.url();

  // The same trainer at an overlapping time: a warning while typing, not a block.
  await app.getByRole('link', { name: 'All sessions' }).click();
  await app.getByRole('button', { name: 'Schedule a session' }).click();
  const second = app.getByRole('form', { name: 'Schedule a session' });
  await second.getByLabel('Starts').fill(start);
  await second.getByLabel('Time zone').selectOption('UTC');
  await second.getByLabel('Location').fill('Annex');
  await second.getByRole('checkbox', { name: 'Jordan Avila' }).check();
  await expect(second.getByRole('status', { name: 'Scheduling warnings' })).toContainText('Jordan Avila is booked for two sessions at once');
  await second.getByRole('button', { name: 'Cancel' }).click();
  await expect(app.getByRole('table', { name: 'Training sessions' }).getByRole('row')).toHaveCount(2);
  await expectAccessible(app, 'session list');
  await shot(app, 'training-sessions');
  await app.goto(sessionUrl);

  // Attendees: two from the directory by type-ahead fill the seats; a walk-in goes on the wait list, then is seated.
  const find = app.getByRole('combobox', { name: 'Add from the directory' });
  await find.fill('mari');
  await expect(app.getByRole('option', { name: /Marisol Vega/ })).toBeVisible();
  await find.press('Enter');
  await expect(app.getByTestId('attendee-message')).toHaveText('Marisol Vega is registered.');
  await find.fill('kern');
  await find.press('Enter');
  await expect(app.getByTestId('attendee-message')).toHaveText('Ben Okafor is registered.');
  const walkIn = app.getByRole('form', { name: 'Add a walk-in' });
  await walkIn.getByRole('button', { name: 'Add walk-in' }).click();
  await expect(walkIn.locator('.field-error', { hasText: 'Name is required' })).toBeVisible();
  await walkIn.getByLabel('Walk-in name').fill('Rosa Diaz');
  await walkIn.getByLabel('Walk-in agency or office').fill('Probation');
  await walkIn.getByRole('checkbox', { name: /Seat them even if the session is full/ }).uncheck();
  await walkIn.getByRole('button', { name: 'Add walk-in' }).click();
  await expect(app.getByTestId('attendee-message')).toHaveText('The session is full: Rosa Diaz is number 1 on the wait list.');
  await expect(app.getByTestId('seats')).toHaveText('2 of 2 taken · 1 on the wait list');
  await app.getByRole('button', { name: 'Seat now' }).click();
  await expect(app.getByTestId('seats')).toHaveText('3 of 2 taken (1 over capacity)');

  // At the door, by keyboard: type and Enter marks present; ↓ then a letter marks the row.
  const roster = app.getByRole('table', { name: 'Roster and attendance' });
  const markOf = (name: string) => roster.getByRole('row').filter({ hasText: name }).getByTestId('mark');
  const door = app.getByRole('searchbox', { name: 'Find on the roster' });
  await door.fill('marisol');
  await door.press('Enter');
  await expect(markOf('Marisol Vega')).toContainText('Present');
  await expect(door).toHaveValue('');
  await door.fill('ben');
  await door.press('ArrowDown');
  await expect(roster.getByRole('button', { name: 'Present: Ben Okafor' })).toBeFocused();
  await app.keyboard.press('l');
  await expect(markOf('Ben Okafor')).toContainText('Late');
  await door.fill('rosa');
  await door.press('ArrowDown');
  await app.keyboard.press('a');
  await expect(markOf('Rosa Diaz')).toContainText('Absent');
  await app.keyboard.press('p'); // she was at the coffee urn: a correction is a new record
  await expect(markOf('Rosa Diaz')).toContainText('Present · Jordan Avila');
  await expect(roster.getByRole('button', { name: 'Present: Rosa Diaz' })).toHaveAttribute('aria-pressed', 'true');
  await door.fill('');
  const attendance = (await readStore(app, 'attendance')) as { mark: string; takenBy: string }[];
  expect(attendance.map((a) => a.mark)).toEqual(['present', 'late', 'absent', 'present']);
  const people = (await readStore(app, 'people')) as { id: string; name: string; deleted: 0 | 1 }[];
  // The directory's Jordan Avila (the user's stand-in made at onboarding stepped aside for it).
  expect(new Set(attendance.map((a) => a.takenBy))).toEqual(new Set([people.find((p) => p.name === 'Jordan Avila' && !p.deleted)!.id]));
  const outbox = (await readChanges(app)) as { table: string }[];
  expect(outbox.filter((e) => e.table === 'attendance')).toHaveLength(4);
  expect(outbox.filter((e) => e.table === 'registrations')).toHaveLength(4); // three added, one seated
  await expectAccessible(app, 'session page');
  await shot(app, 'training-session');

  // The calendar shows it in month, week and agenda views.
  await app.getByRole('navigation', { name: 'Training' }).getByRole('link', { name: 'Calendar' }).click();
  await expect(app.locator('.cal-month').getByRole('link', { name: /Odyssey Case Initiation/ })).toBeVisible();
  await expectAccessible(app, 'calendar month');
  await shot(app, 'training-calendar-month');
  await app.getByRole('button', { name: 'Week', exact: true }).click();
  await expect(app.locator('.cal-week').getByRole('link', { name: /Odyssey Case Initiation/ })).toBeVisible();
  await app.getByRole('button', { name: 'Agenda' }).click();
  await expect(app.getByRole('list', { name: 'Agenda' }).getByRole('link', { name: /Odyssey Case Initiation/ })).toBeVisible();

  // A handout with an image: a file that is not an image is refused with a message; a real PNG is embedded.
  const dir = test.info().outputPath('');
  const notImage = test.info().outputPath('notes.png');
  writeFileSync(notImage, 'meeting notes, not a picture');
  const screenshotPng = test.info().outputPath('case-screen.png');
  writeFileSync(screenshotPng, makePng(480, 220));
  await app.getByRole('navigation', { name: 'Training' }).getByRole('link', { name: 'Handouts' }).click();
  await expect(app.getByRole('heading', { name: 'No handouts yet' })).toBeVisible();
  await expectAccessible(app, 'handout library (empty)');
  await app.getByRole('button', { name: 'Write the first handout' }).click();
  const newHandout = app.getByRole('form', { name: 'New handout' });
  await newHandout.getByLabel('Handout title').fill('Filing a new civil case');
  await newHandout.getByLabel('System').fill('Odyssey');
  await newHandout.getByLabel('Kind').selectOption({ label: 'Work instruction' });
  await newHandout.getByRole('button', { name: 'Create and edit' }).click();
  const body = app.getByLabel('Handout text (Markdown)');
  await body.fill(
    [
      '# Before you start',
      '',
      'Have the **civil cover sheet** ready. <script>alert("x")</script>',
      '',
      '1. Open Case Initiation.',
      '2. Choose the case type.',
      '3. Enter the parties and save.',
      '',
      '| Field | Where |',
      '|---|--:|',
      '| Case type | Cover sheet, box 1 |',
      '',
      '![tracker](https://tracker.example/pixel.png)',
      '',
    ].join('\n'),
  );
  host.dialogAnswers.pick.push([notImage]);
  await app.getByRole('button', { name: 'Add image from file…' }).click();
  await expect(app.getByTestId('image-message')).toHaveText('"notes.png" is not a PNG, JPEG, GIF or WebP image.');
  host.dialogAnswers.pick.push([screenshotPng]);
  await app.getByRole('button', { name: 'Add image from file…' }).click();
  await expect(app.getByTestId('image-message')).toHaveText('Added the image "case-screen.png".');
  await expect(body).toHaveValue(/!\[case-screen\]\(image:case-screen\)/);
  await expect(app.getByRole('status', { name: 'Left out of the printout' })).toContainText('images must be pasted or picked from a file');
  const preview = app.frameLocator('iframe[title="Print preview"]');
  await expect(preview.getByRole('heading', { name: 'Filing a new civil case' })).toBeVisible();
  await expect(preview.getByText('<script>alert("x")</script>')).toBeVisible();
  await expect(preview.locator('img[src^="data:image/png;base64,"]')).toHaveCount(1);
  await app.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(app.getByText('Saved on this device.')).toBeVisible();
  await app.getByRole('button', { name: 'Publish version 1' }).click();
  await expect(app.getByText('Published version 1.')).toBeVisible();
  await expectAccessibleAroundPreview(app, 'handout editor');
  await shot(app, 'training-handout-editor');

  const handoutPdf = `${dir}/handout.pdf`;
  host.dialogAnswers.save.push(handoutPdf);
  await app.getByRole('button', { name: 'Save as PDF' }).click();
  await expect(app.getByTestId('print-feedback')).toHaveText(/^Saved the handout as handout\.pdf \(1 page\)\. 1 item was left out; see the warnings\.$/);
  expect(pdfPages(handoutPdf)).toBe(1);
  const handoutText = pdfText(handoutPdf);
  for (const s of ['WORK INSTRUCTION', 'Filing a new civil case', 'Odyssey · Version 1', 'Before you start', '1. Open Case Initiation.', '3. Enter the parties and save.', 'Case type', '<script>alert("x")</script>', 'Image not shown: tracker', 'Page 1 of 1']) {
    expect(handoutText).toContain(s);
  }
  renderPages(handoutPdf, `${dir}/handout-page`);

  // Back at the session: the sign-in sheet, to PDF and to the printer.
  await app.goto(sessionUrl);
  const signInPdf = `${dir}/sign-in.pdf`;
  host.dialogAnswers.save.push(signInPdf);
  await app.getByRole('button', { name: 'Sign-in sheet (PDF)' }).click();
  await expect(app.getByTestId('print-feedback')).toHaveText('Saved the sign-in sheet as sign-in.pdf (1 page).');
  expect(pdfPages(signInPdf)).toBe(1);
  const sheet = pdfText(signInPdf);
  for (const s of ['Sign-in sheet', 'Sheet 1 of 1', 'Odyssey Case Initiation — Odyssey', 'Hall of Justice, Room 204, Sacramento', 'Jordan Avila', 'Ben Okafor', 'Marisol Vega', 'Rosa Diaz', 'Probation', 'Signature', 'Page 1 of 1']) {
    expect(sheet).toContain(s);
  }
  // Alphabetical at the door.
  expect(sheet.indexOf('Ben Okafor')).toBeLessThan(sheet.indexOf('Marisol Vega'));
  expect(sheet.indexOf('Marisol Vega')).toBeLessThan(sheet.indexOf('Rosa Diaz'));
  renderPages(signInPdf, `${dir}/sign-in-page`);

  await app.getByRole('button', { name: 'Print sign-in sheet…' }).click();
  await expect(app.getByTestId('print-feedback')).toHaveText('Sent the sign-in sheet to the printer.');
  expect(host.printed).toHaveLength(1);
  expect(host.printed[0]).toContain('Rosa Diaz');
  expect(host.printed[0]).not.toMatch(/<script/i);

  // Attendance to a spreadsheet, through the same streaming export as the incident log.
  const attendanceXlsx = `${dir}/attendance.xlsx`;
  host.dialogAnswers.save.push(attendanceXlsx);
  await app.getByRole('button', { name: 'Attendance (Excel)' }).click();
  await expect(app.getByText(`to ${attendanceXlsx}`).first()).toBeVisible();
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(attendanceXlsx);
  const sheet1 = book.worksheets[0]!;
  const zone = await app.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
  expect((sheet1.getRow(1).values as unknown[]).slice(1, 4)).toEqual(['Course', `Session start (${zone})`, 'Location']);
  const names = sheet1.getColumn(4).values.slice(2) as string[];
  expect(names).toEqual(expect.arrayContaining(['Ben Okafor', 'Marisol Vega', 'Rosa Diaz']));
  // An attendee picked from the directory brings their email with them.
  const emailColumn = (sheet1.getRow(1).values as unknown[]).indexOf('Email');
  expect(sheet1.getRow(names.indexOf('Marisol Vega') + 2).getCell(emailColumn).value).toBe('marisol.vega@fresno.courts.example.gov');
  expect(sheet1.getRow(2).getCell(2).value).toBeInstanceOf(Date);
  const attendanceCsv = `${dir}/attendance.csv`;
  host.dialogAnswers.save.push(attendanceCsv);
  await app.getByRole('button', { name: 'Attendance (CSV)' }).click();
  await expect(app.getByText(`to ${attendanceCsv}`).first()).toBeVisible();
  expect(readFileSync(attendanceCsv, 'utf8')).toContain('Rosa Diaz');
  expect(readFileSync(attendanceCsv, 'utf8')).toMatch(/Marisol Vega,Superior Court of Fresno County,marisol\.vega@fresno\.courts\.example\.gov,/);

  // Dark theme: the session page keeps its contrast.
  await app.evaluate(() => localStorage.setItem('fielddesk.theme', 'dark'));
  await app.reload();
  await expect(app.getByRole('heading', { name: 'Roster and attendance' })).toBeVisible();
  await expectAccessible(app, 'session page (dark)');
  await shot(app, 'training-session-dark');
});
