import { expect, expectAccessible, onboard, readStore, test } from '../fixtures';

/**
 * The document library: a work instruction created, edited twice (each save
 * a version), two versions compared side by side, the first restored as a
 * new version, and found by search, offline (everything is local).
 */
test('a work instruction is edited twice, compared, restored and found by search', async ({ app }, testInfo) => {
  await onboard(app);
  await app.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Knowledge' }).click();
  await expect(app.getByRole('heading', { name: 'Knowledge', level: 1 })).toBeVisible();
  await expect(app.getByRole('region', { name: 'No documents yet' })).toBeVisible();

  await app.getByRole('button', { name: 'New document' }).click();
  const form = app.getByRole('form', { name: 'New document' });
  await form.getByLabel('Title').fill('Reset a jury portal password');
  await form.getByLabel('System').fill('Jury portal');
  await form.getByRole('button', { name: 'Create draft' }).click();

  const panel = app.getByRole('region', { name: 'Document: Reset a jury portal password' });
  await expect(panel).toBeVisible();
  const body = panel.getByLabel('Text (Markdown)');
  await body.fill('Open Admin.\nClick Reset.\n');
  await panel.getByRole('button', { name: 'Save as new version' }).click();
  await expect(panel.getByRole('status')).toHaveText('Saved as version 2');
  await panel.getByLabel('Text (Markdown)').fill('Open Admin.\nClick Reset password.\nTell the juror.\n');
  await panel.getByLabel('Change note').fill('Clearer steps');
  await panel.getByRole('button', { name: 'Save as new version' }).click();
  await expect(panel.getByRole('status')).toHaveText('Saved as version 3');

  await panel.getByLabel('Compare version 2').check();
  await panel.getByLabel('Compare version 3').check();
  await panel.getByRole('button', { name: 'Compare selected versions' }).click();
  const diff = panel.getByRole('table', { name: 'Version 2 and version 3 side by side' });
  await expect(diff.locator('tr[data-kind="changed"]')).toHaveCount(1);
  await expect(diff.locator('tr[data-kind="added"]')).toHaveCount(1);
  await expect(diff.locator('tr[data-kind="changed"] ins')).toHaveText('Click Reset password.');
  await app.screenshot({ path: testInfo.outputPath('knowledge-compare.png'), fullPage: true });
  await expectAccessible(app, 'knowledge with a comparison');

  await panel.getByRole('button', { name: 'Restore version 2' }).click();
  await expect(panel.getByRole('status')).toHaveText('Version 2 restored as version 4');
  await expect(panel.getByLabel('Text (Markdown)')).toHaveValue('Open Admin.\nClick Reset.\n');
  const versions = (await readStore(app, 'materialVersions')) as { version: number; changeNote: string }[];
  expect(versions.map((v) => v.version).sort()).toEqual([1, 2, 3, 4]);
  expect(versions.find((v) => v.version === 4)?.changeNote).toBe('Restored version 2');

  const search = app.getByRole('searchbox', { name: 'Search documents' });
  await search.fill('jury reset');
  await expect(app.getByRole('table', { name: 'Documents' }).getByRole('button', { name: 'Reset a jury portal password' })).toBeVisible();
  await search.fill('juror');
  await expect(app.getByRole('region', { name: 'No documents match' })).toBeVisible();
  await app.screenshot({ path: testInfo.outputPath('knowledge-search.png'), fullPage: true });
});
