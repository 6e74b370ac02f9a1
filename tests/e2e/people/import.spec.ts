import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, expectAccessible, onboard, readChanges, readStore, test } from '../fixtures';

test('people import maps columns, lists every bad row, and commits all or nothing', async ({ app, host }) => {
  await onboard(app);
  await app.getByRole('link', { name: 'People' }).click();

  // Binary garbage: a clear message, nothing changes.
  const garbage = path.join(host.dataDir, 'garbage.csv');
  writeFileSync(garbage, Buffer.from([0x00, 0xff, 0x13, 0x37, 0x00, 0x00, 0x89, 0x50]));
  host.dialogAnswers.pick.push([garbage]);
  await app.getByRole('button', { name: 'Import…' }).click();
  await app.getByRole('button', { name: 'Choose file…' }).click();
  await expect(app.getByRole('alert')).toContainText(/not a (CSV|text)|binary|cannot be read/i);

  // Headers that need fuzzy matching, a row with problems of each kind, quotes and an embedded newline.
  const bad = path.join(host.dataDir, 'staff.csv');
  writeFileSync(
    bad,
    '\ufeffFull name,E-mail,Court,Location\r\n' +
      'Luz Ortega,lortega@example.gov,"Superior Court of Kern","Bakersfield, Dept. 5"\r\n' +
      ',nobody@example.gov,Kern COE,Annex\r\n' +
      'Sam "Sammy" Reyes,not-an-email,Kern COE,"Line one\nLine two"\r\n' +
      'Luz O.,LORTEGA@example.gov,Kern COE,Main\r\n',
  );
  host.dialogAnswers.pick.push([bad]);
  await app.getByRole('button', { name: 'Choose another file…' }).or(app.getByRole('button', { name: 'Choose file…' })).click();
  const mapping = app.getByRole('table', { name: 'Column mapping' });
  await expect(mapping.getByLabel('Name (required)')).toHaveValue('0');
  await expect(mapping.getByLabel('Email')).toHaveValue('1');
  await expect(mapping.getByLabel('Agency')).toHaveValue('2');
  await expectAccessible(app, 'import mapping');
  await app.getByRole('button', { name: 'Check every row' }).click();
  const problems = app.getByRole('list', { name: 'Rows with problems' });
  await expect(problems.getByRole('listitem')).toHaveCount(3);
  await expect(problems).toContainText('Row 3');
  await expect(problems).toContainText(/Row 4: .*email/i);
  await expect(problems).toContainText(/Row 5: .*duplicate|already/i);
  // Only the user's own staff record (made at onboarding): nothing was imported.
  expect(await readStore(app, 'people')).toHaveLength(1);

  const good = path.join(host.dataDir, 'staff-fixed.csv');
  writeFileSync(
    good,
    'Full name,E-mail,Court,Location\r\n' +
      'Luz Ortega,lortega@example.gov,"Superior Court of Kern","Bakersfield, Dept. 5"\r\n' +
      'Sam "Sammy" Reyes,sreyes@example.gov,Kern COE,"Line one\nLine two"\r\n' +
      'Ana Lima,,Kern COE,Main\r\n',
  );
  host.dialogAnswers.pick.push([good]);
  await app.getByRole('button', { name: 'Choose another file…' }).click();
  await expect(app.getByText('staff-fixed.csv')).toBeVisible();
  await app.getByRole('button', { name: 'Check every row' }).click();
  await app.getByRole('button', { name: 'Import 3 people' }).click();
  const table = app.getByRole('table', { name: 'People' });
  await expect(table.getByRole('cell', { name: 'Sam "Sammy" Reyes', exact: true })).toBeVisible();
  await expect(table.getByRole('cell', { name: 'Bakersfield, Dept. 5', exact: true })).toBeVisible();
  expect(await readStore(app, 'people')).toHaveLength(4);
  expect(await readChanges(app)).toHaveLength(3);
  await app.screenshot({ path: test.info().outputPath('people-imported.png'), fullPage: true });
});
