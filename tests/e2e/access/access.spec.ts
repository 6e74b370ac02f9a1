import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { makePng } from '../../unit/shared/training/fixtures';
import { expect, expectAccessible, newTicketForNewRequester, onboard, readChanges, readStore, test } from '../fixtures';

/** poppler-utils: the PDF's text, and PNG renders of its pages kept as artifacts. */
const pdfText = (path: string) => execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
const pdfPages = (path: string) => Number(/^Pages:\s+(\d+)/m.exec(execFileSync('pdfinfo', [path], { encoding: 'utf8' }))![1]);
const renderPages = (path: string, prefix: string) => execFileSync('pdftoppm', ['-png', '-r', '70', path, prefix]);
const shot = (app: Page, name: string) => app.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });
type Rec = Record<string, unknown>;

async function addPerson(app: Page, name: string, kind: 'Requester' | 'Staff', agency = 'Eastside Superior Court') {
  await app.getByRole('button', { name: 'Add person', exact: true }).click();
  const form = app.getByRole('form', { name: 'Add a person' });
  await form.getByLabel('Name').fill(name);
  await form.getByLabel('Agency or court').fill(agency);
  await form.getByLabel('Kind').selectOption({ label: kind });
  await form.getByRole('button', { name: 'Save' }).click();
  // Saved once the form closes: a name already listed (the profile's own) matches the cell before the save ends, and
  // the next Add person would land while this form is still open.
  await expect(form).toBeHidden();
  await expect(app.getByRole('table', { name: 'People' }).getByRole('cell', { name, exact: true })).toBeVisible();
}

async function renameMe(app: Page, name: string) {
  await app.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await app.getByLabel('Your name').fill(name);
  await app.getByRole('button', { name: 'Save profile' }).click();
  await expect(app.getByLabel('Signed in as')).toHaveText(name);
}

const access = (app: Page) => app.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Access' });
const accessTab = (app: Page, name: string) => app.getByRole('navigation', { name: 'Access' }).getByRole('link', { name });

/**
 * Offline, Chromium asks for the page's icon again on same-document (hash)
 * navigations, and each refused request logs a console error. The test checks
 * at its end that the icon was the only thing that tried to reach the network.
 */
test.use({ allowErrors: /^Failed to load resource: net::ERR_INTERNET_DISCONNECTED$/ });

test('offline: a request from a ticket through two recorded approvals with a signed form, provisioning, revocation, a leaver and a list export', async ({ app, host, context }) => {
  test.setTimeout(300_000);
  await onboard(app, 'Tom Tech');
  const failed: string[] = [];
  app.on('requestfailed', (r) => failed.push(new URL(r.url()).pathname));
  await context.setOffline(true);
  await app.setViewportSize({ width: 1280, height: 900 });

  // The directory: the technician, the coordinator, the requester's supervisor and the system owner.
  await app.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'People' }).click();
  await addPerson(app, 'Tom Tech', 'Staff', 'Judicial Council');
  await addPerson(app, 'Cora Coordinator', 'Staff', 'Judicial Council');
  await addPerson(app, 'Bea Boss', 'Requester');
  await addPerson(app, 'Omar Owner', 'Requester');

  // A system in the help-desk catalog.
  await app.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  const systems = app.getByRole('region', { name: 'Help desk' }).getByRole('region', { name: 'Systems' });
  await systems.getByRole('button', { name: 'Add system' }).click();
  const systemForm = systems.getByRole('form', { name: 'New system' });
  await systemForm.getByLabel('System name').fill('Case Management');
  await systemForm.getByRole('button', { name: 'Save system' }).click();
  await expect(systems.getByRole('rowheader', { name: 'Case Management', exact: true })).toBeVisible();

  // Access starts empty, with a way in.
  await access(app).click();
  await expect(app.getByRole('heading', { name: 'No requests waiting' })).toBeVisible();
  await expectAccessible(app, 'access: nothing waiting');

  // The catalog: Clerk, two stages, a signed form, procedures to grant and to remove.
  await accessTab(app, 'Catalog').click();
  await app.getByRole('button', { name: 'New entitlement' }).click();
  const ent = app.getByRole('form', { name: 'New entitlement' });
  await ent.getByLabel('System').selectOption({ label: 'Case Management' });
  await ent.getByLabel('Name').fill('Clerk');
  await ent.getByLabel('Owner').selectOption({ label: 'Omar Owner' });
  await ent.getByLabel('Maximum duration (days, empty for none)').fill('365');
  await ent.getByLabel('Default duration (days)').fill('180');
  await ent.getByLabel('A signed form is required').check();
  await ent.getByRole('button', { name: 'Add a stage' }).click();
  await ent.getByLabel('Provisioning checklist (one step per line)', { exact: true }).fill('Create the account in the CMS admin console\nAdd to AD group CMS-Clerks');
  await ent.getByLabel('Deprovisioning checklist (one step per line)').fill('Disable the CMS account');
  await ent.getByRole('button', { name: 'Save entitlement' }).click();
  const catalog = app.getByRole('table', { name: 'Case Management entitlements' });
  await expect(catalog.getByRole('cell', { name: 'Supervisor → System owner' })).toBeVisible();
  await expectAccessible(app, 'access: catalog');

  // A ticket asks for access; "Request access" on it fills in the form.
  await newTicketForNewRequester(app, 'Ana Ruiz', 'ana@court.example');
  await app.getByLabel('Title').fill('New clerk needs CMS access');
  await app.getByLabel('System').selectOption({ label: 'Case Management' });
  await app.getByRole('button', { name: 'Create ticket' }).click();
  await expect(app.getByTestId('ticket-status')).toHaveText('New');
  await app.getByRole('link', { name: 'Request access' }).click();
  await expect(app.getByRole('heading', { name: 'Request access' })).toBeVisible();
  await expect(app.getByLabel('For whom')).toHaveValue(((await readStore(app, 'people')) as Rec[]).find((p) => p.name === 'Ana Ruiz')!.id as string);
  await expect(app.getByLabel('System')).toHaveValue(((await readStore(app, 'systems')) as Rec[])[0]!.id as string);
  await expect(app.getByLabel('Business justification (required)')).toHaveValue(/New clerk needs CMS access/);
  await app.getByLabel('Requested by').selectOption({ label: 'Bea Boss' });
  await app.getByRole('button', { name: 'Submit request' }).click();
  await expect(app.getByText('Choose at least one entitlement')).toBeVisible();
  await app.getByLabel(/^Clerk/).check();
  await expectAccessible(app, 'access: request form');
  await app.getByRole('button', { name: 'Submit request' }).click();
  await expect(app.getByTestId('request-status')).toHaveText('Submitted');

  // The signed form, photographed at the field site.
  const formPng = test.info().outputPath('signed-form.png');
  writeFileSync(formPng, makePng(40, 30));
  host.dialogAnswers.pick.push([formPng]);
  await app.getByRole('button', { name: 'Attach signed form…' }).click();
  await expect(app.getByRole('button', { name: 'signed-form.png' })).toBeVisible();

  // The printable request form, Letter and A4.
  for (const paper of ['Letter', 'A4'] as const) {
    const pdf = test.info().outputPath(`access-request-${paper}.pdf`);
    host.dialogAnswers.save.push(pdf);
    await app.getByLabel('Paper').selectOption(paper);
    await app.getByRole('button', { name: 'Print request form (PDF)' }).click();
    await expect(app.getByRole('status').filter({ hasText: `Saved the access request form as access-request-${paper}.pdf` })).toBeVisible();
    const text = pdfText(pdf);
    for (const want of ['Access request form', 'Ana Ruiz', 'Bea Boss', 'Case Management', 'Clerk', 'Stage 1: Supervisor', 'Stage 2: System owner', 'Signature', 'New clerk needs CMS access']) expect(text, `${paper} form shows ${want}`).toContain(want);
    expect(pdfPages(pdf)).toBe(1);
    renderPages(pdf, test.info().outputPath(`access-request-${paper}`));
  }
  await shot(app, 'request-submitted');

  // The technician who entered it cannot record its approval.
  await app.getByLabel('Decided by').selectOption({ label: 'Bea Boss' });
  await app.getByRole('button', { name: 'Record decision' }).click();
  await expect(app.getByRole('alert').filter({ hasText: 'Nobody approves a request they made.' })).toBeVisible();

  // The coordinator records both stages, with the signed form as evidence for the first.
  await renameMe(app, 'Cora Coordinator');
  await access(app).click();
  await app.getByRole('table', { name: 'Requests waiting' }).getByRole('link', { name: 'Ana Ruiz' }).click();
  await expect(app.getByRole('heading', { name: 'Record decision: Supervisor' })).toBeVisible();
  await app.getByLabel('Decided by').selectOption({ label: 'Bea Boss' });
  await expect(app.getByLabel('signed-form.png')).toBeChecked();
  await app.getByRole('button', { name: 'Record decision' }).click();
  await expect(app.getByRole('heading', { name: 'Record decision: System owner' })).toBeVisible();
  await app.getByLabel('Decided by').selectOption({ label: 'Omar Owner' });
  await app.getByLabel('How').selectOption({ label: 'E-mail' });
  await app.getByRole('button', { name: 'Record decision' }).click();
  await expect(app.getByTestId('request-status')).toHaveText('Approved');
  await expect(app.getByText(/Approved by Bea Boss \(Signed form\).*evidence: signed-form\.png/)).toBeVisible();
  await expectAccessible(app, 'access: approved request');

  // Provisioning: each step ticked; the last one makes the grant.
  await app.getByLabel('Create the account in the CMS admin console').click();
  await expect(app.getByLabel('Create the account in the CMS admin console')).toBeChecked();
  await expect(app.getByTestId('request-status')).toHaveText('Provisioning');
  await app.getByLabel('Add to AD group CMS-Clerks').click();
  await expect(app.getByLabel('Add to AD group CMS-Clerks')).toBeChecked();
  await expect(app.getByTestId('request-status')).toHaveText('Active');
  await shot(app, 'request-active');

  await accessTab(app, 'Active').click();
  const active = app.getByRole('table', { name: 'Active grants' });
  await expect(active.getByRole('cell', { name: 'Clerk' })).toBeVisible();
  // j/k moves between rows; Enter opens the grant.
  await app.locator('body').press('j');
  await expect(active.getByRole('link', { name: 'Ana Ruiz' })).toBeFocused();
  await app.keyboard.press('Enter');
  await expect(app.getByTestId('grant-status')).toHaveText('Active');

  // A list Ana is on.
  await accessTab(app, 'Lists').click();
  await app.getByRole('button', { name: 'New list' }).click();
  await app.getByLabel('Name').fill('Monthly attendance reports: Eastside');
  await app.getByLabel('List address').fill('attendance-east@court.example');
  await app.getByLabel('Owner').selectOption({ label: 'Bea Boss' });
  await app.getByRole('button', { name: 'Create list' }).click();
  await expect(app.getByRole('heading', { name: 'Monthly attendance reports: Eastside' })).toBeVisible();
  // The owner reviews it yearly by default: the page says when the next review is due.
  await expect(app.getByText(/every 365 days · next by/)).toBeVisible();
  await app.getByLabel('Person in the directory').selectOption({ label: 'Ana Ruiz <ana@court.example>' });
  await app.getByRole('button', { name: 'Add member' }).click();
  await expect(app.getByRole('table', { name: 'Members' }).getByText('Ana Ruiz')).toBeVisible();
  await app.getByLabel('Person in the directory').selectOption({ label: 'An outside address…' });
  await app.getByLabel('Name (outside member)').fill('Vendor Support, Inc.');
  await app.getByLabel('E-mail').fill('support@vendor.example');
  await app.getByLabel('Member until (optional)').fill('2099-06-30');
  await app.getByRole('button', { name: 'Add member' }).click();
  await expect(app.getByRole('table', { name: 'Members' }).getByText('Vendor Support, Inc.')).toBeVisible();
  const csv = test.info().outputPath('members-m365.csv');
  host.dialogAnswers.save.push(csv);
  await app.getByRole('button', { name: 'Export for Microsoft 365 (CSV)' }).click();
  await expect(app.getByRole('status').filter({ hasText: /Exported 2 members for Microsoft 365/ })).toBeVisible();
  expect(readFileSync(csv, 'utf8')).toBe('\uFEFFName,EmailAddress\r\nAna Ruiz,ana@court.example\r\n"Vendor Support, Inc.",support@vendor.example\r\n');
  await expectAccessible(app, 'access: a distribution list');
  // The list on paper, through the print pipeline (A4 and Letter), not the window's print.
  for (const paper of ['A4', 'Letter'] as const) {
    const listPdf = test.info().outputPath(`list-${paper}.pdf`);
    host.dialogAnswers.save.push(listPdf);
    await app.getByLabel('Paper').selectOption(paper);
    await app.getByRole('button', { name: 'Print the list (PDF)' }).click();
    await expect(app.getByRole('status').filter({ hasText: `Saved the list as list-${paper}.pdf (1 page)` })).toBeVisible();
    const listText = pdfText(listPdf);
    for (const t of ['Distribution list: Monthly attendance reports: Eastside', 'attendance-east@court.example', 'Owner Bea Boss', '2 members', 'Ana Ruiz', 'ana@court.example', 'Vendor Support, Inc.', 'support@vendor.example', 'Jun 30, 2099', 'Owner’s signature']) expect(listText, t).toContain(t);
    const size = /Page size:\s+([\d.]+) x ([\d.]+)/.exec(execFileSync('pdfinfo', [listPdf], { encoding: 'utf8' }))!;
    expect(Math.abs(Number(size[1]) - (paper === 'A4' ? 595.3 : 612)), paper).toBeLessThan(1.5);
    renderPages(listPdf, test.info().outputPath(`list-${paper}`));
  }

  // The coordinator revokes the grant (changed role); it ends when the deprovisioning checklist is done.
  await accessTab(app, 'Active').click();
  await app.getByRole('table', { name: 'Active grants' }).getByRole('link', { name: 'Ana Ruiz' }).click();
  await app.getByRole('button', { name: 'Revoke…' }).click();
  await app.getByLabel('Reason').selectOption({ label: 'Changed role' });
  await app.getByLabel('Note').fill('Moved to the probation unit');
  await app.getByRole('button', { name: 'Start revocation' }).click();
  await expect(app.getByTestId('grant-status')).toHaveText('Being revoked');
  await app.getByLabel('Disable the CMS account').click();
  await expect(app.getByLabel('Disable the CMS account')).toBeChecked();
  await expect(app.getByTestId('grant-status')).toHaveText('Revoked');
  await expect(app.getByRole('status').filter({ hasText: 'Done: Disable the CMS account' })).toBeVisible();
  await expect(app.getByRole('table', { name: 'Audit trail' }).getByRole('cell', { name: 'grant revoked' })).toBeVisible();
  await shot(app, 'grant-revoked');

  // Ana leaves: removed from every list in one step, with a summary.
  await accessTab(app, 'Leavers').click();
  await app.getByLabel('Person', { exact: true }).selectOption({ label: 'Ana Ruiz' });
  await app.getByRole('button', { name: 'Mark departed…' }).click();
  await app.getByRole('button', { name: 'Mark departed', exact: true }).click();
  const summary = app.getByRole('status').filter({ hasText: 'What was done for Ana Ruiz' });
  await expect(summary.getByText('Removed from the list “Monthly attendance reports: Eastside”')).toBeVisible();
  await expect(summary.getByText('No active access to revoke.')).toBeVisible();
  await expect(app.getByRole('table', { name: 'Departed people' }).getByText('Ana Ruiz')).toBeVisible();
  await expectAccessible(app, 'access: leavers');
  await shot(app, 'leaver');

  // Every write is waiting in the outbox, and approvals and ticks carry who recorded them.
  const outbox = new Set(((await readChanges(app)) as Rec[]).map((c) => c.table));
  for (const t of ['entitlements', 'accessRequests', 'accessAttachments', 'approvals', 'provisioningSteps', 'grants', 'revocations', 'departures', 'distributionLists', 'listMemberships', 'listLog', 'accessAudit']) expect(outbox, t).toContain(t);
  const people = (await readStore(app, 'people')) as Rec[];
  const approvals = (await readStore(app, 'approvals')) as Rec[];
  // By name: the signed-in staff member is a person of their own (the user as a person), beside the one added in People.
  const nameOf = (id: unknown) => people.find((p) => p.id === id)?.name;
  expect(approvals.map((a) => [a.stageLabel, nameOf(a.decidedBy), nameOf(a.recordedBy)])).toEqual([
    ['Supervisor', 'Bea Boss', 'Cora Coordinator'],
    ['System owner', 'Omar Owner', 'Cora Coordinator'],
  ]);
  const requests = (await readStore(app, 'accessRequests')) as Rec[];
  expect(nameOf(requests[0]!.createdBy)).toBe('Tom Tech');
  expect(requests[0]).toMatchObject({ ticketId: ((await readStore(app, 'tickets')) as Rec[])[0]!.id, status: 'active' });

  expect(new Set(failed), 'only the page icon tried the network').toEqual(new Set(failed.length ? ['/favicon.svg'] : []));

  // Dark mode passes the same scan.
  await app.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await app.getByRole('radio', { name: 'Dark' }).check();
  await access(app).click();
  await accessTab(app, 'Catalog').click();
  await expectAccessible(app, 'access: catalog in dark mode');
  await shot(app, 'catalog-dark');
});

test('offline: an expiring grant is counted and extended with one action; a campaign decided by keyboard flags two reviewers who disagree, and its report is exported', async ({ app, host, context }) => {
  test.setTimeout(300_000);
  await onboard(app, 'Tom Tech');
  await context.setOffline(true);
  await app.setViewportSize({ width: 1280, height: 900 });
  await app.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'People' }).click();
  for (const [name, kind] of [
    ['Tom Tech', 'Staff'],
    ['Cora Coordinator', 'Staff'],
    ['Rae Reviewer', 'Staff'],
    ['Bea Boss', 'Requester'],
    ['Omar Owner', 'Requester'],
    ['Ana Ruiz', 'Requester'],
  ] as const)
    await addPerson(app, name, kind);
  await app.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  const systems = app.getByRole('region', { name: 'Help desk' }).getByRole('region', { name: 'Systems' });
  await systems.getByRole('button', { name: 'Add system' }).click();
  await systems.getByRole('form', { name: 'New system' }).getByLabel('System name').fill('Case Management');
  await systems.getByRole('form', { name: 'New system' }).getByRole('button', { name: 'Save system' }).click();
  await expect(systems.getByRole('rowheader', { name: 'Case Management', exact: true })).toBeVisible();

  // Read-only: one stage, no procedure, a week by default.
  await access(app).click();
  await accessTab(app, 'Catalog').click();
  await app.getByRole('button', { name: 'New entitlement' }).click();
  const ent = app.getByRole('form', { name: 'New entitlement' });
  await ent.getByLabel('Name').fill('Read-only');
  await ent.getByLabel('Owner').selectOption({ label: 'Omar Owner' });
  await ent.getByLabel('Default duration (days)').fill('7');
  await ent.getByLabel('Maximum duration (days, empty for none)').fill('30');
  await ent.getByRole('button', { name: 'Save entitlement' }).click();
  await expect(app.getByRole('table', { name: 'Case Management entitlements' }).getByRole('cell', { name: 'Supervisor', exact: true })).toBeVisible();

  // N opens the request form from any Access list.
  await accessTab(app, 'Requests waiting for me').click();
  await expect(app.getByRole('button', { name: 'Request access' }).first()).toBeVisible();
  await app.locator('body').press('n');
  await app.getByLabel('For whom').selectOption({ label: 'Ana Ruiz (Eastside Superior Court)' });
  await app.getByLabel('Requested by').selectOption({ label: 'Bea Boss' });
  await app.getByLabel('System').selectOption({ label: 'Case Management' });
  await app.getByLabel(/^Read-only/).check();
  await app.getByLabel('Business justification (required)').fill('Covering the front counter for a week');
  await app.getByRole('button', { name: 'Submit request' }).click();
  await expect(app.getByTestId('request-status')).toHaveText('Submitted');

  await renameMe(app, 'Cora Coordinator');
  await access(app).click();
  await app.getByRole('table', { name: 'Requests waiting' }).getByRole('link', { name: 'Ana Ruiz' }).click();
  await app.getByLabel('Decided by').selectOption({ label: 'Bea Boss' });
  await app.getByLabel('How').selectOption({ label: 'In person' });
  await app.getByRole('button', { name: 'Record decision' }).click();
  await expect(app.getByTestId('request-status')).toHaveText('Approved');
  await app.getByRole('button', { name: 'Grant access (no steps)' }).click();
  await expect(app.getByTestId('request-status')).toHaveText('Active');

  // The status bar counts it; the Expiring view lists it with the days left and extends it in one action.
  await app.getByRole('link', { name: '1 grant expiring within 14 days' }).click();
  const expiring = app.getByRole('table', { name: 'Expiring grants' });
  await expect(expiring.getByText('7 days left')).toBeVisible();
  await expectAccessible(app, 'access: expiring');
  await expiring.getByRole('button', { name: 'Request extension: Ana Ruiz, Read-only' }).click();
  await expect(expiring.getByLabel('Justification for extending Ana Ruiz, Read-only')).toHaveValue('Still needed for the same duties');
  await expiring.getByRole('button', { name: 'Submit extension' }).click();
  await expect(expiring.getByRole('cell', { name: 'Extension requested' })).toBeVisible();
  await shot(app, 'expiring-extended');
  const ext = ((await readStore(app, 'accessRequests')) as Rec[]).find((r) => r.grantId);
  expect(ext).toMatchObject({ status: 'submitted', justification: 'Still needed for the same duties' });

  // A review campaign over the system.
  await accessTab(app, 'Reviews').click();
  await expect(app.getByRole('heading', { name: 'No review campaigns yet' })).toBeVisible();
  await app.getByRole('button', { name: 'New review campaign' }).click();
  await app.getByLabel('Name').fill('Q1 Case Management review');
  await app.getByLabel('Fallback reviewer').selectOption({ label: 'Rae Reviewer' });
  await app.getByRole('button', { name: 'Start campaign' }).click();
  await expect(app.getByRole('heading', { name: 'Q1 Case Management review' })).toBeVisible();
  const items = app.getByRole('table', { name: 'Review items' });
  await expect(items.getByRole('cell', { name: 'Omar Owner' })).toBeVisible();

  // Cora keeps it with the keyboard: j to the row, a to keep.
  await app.locator('body').press('j');
  await expect(items.getByLabel('Ana Ruiz, Read-only')).toBeFocused();
  await app.keyboard.press('a');
  await expect(items.getByRole('cell', { name: 'Keep (Cora Coordinator)' })).toBeVisible();

  // Rae, on the same laptop later, revokes it (r asks why): both decisions are kept and the item is flagged.
  await renameMe(app, 'Rae Reviewer');
  await access(app).click();
  await accessTab(app, 'Reviews').click();
  await app.getByRole('link', { name: 'Q1 Case Management review' }).click();
  // The items are there before the keys (a key pressed before the list has loaded has no row to act on).
  await expect(items.getByRole('cell', { name: 'Keep (Cora Coordinator)' })).toBeVisible();
  await app.locator('body').press('j');
  await expect(items.getByLabel('Ana Ruiz, Read-only')).toBeFocused();
  await app.keyboard.press('r');
  await app.getByLabel('Why revoke?').fill('Moved to the probation unit');
  await app.keyboard.press('Enter');
  await expect(items.getByText('Conflict: Keep by Cora Coordinator / Revoke by Rae Reviewer')).toBeVisible();
  await expectAccessible(app, 'access: campaign with a conflict');
  await shot(app, 'campaign-conflict');

  // The report: every item and every decision, with who, when and why.
  const xlsx = test.info().outputPath('campaign-report.xlsx');
  host.dialogAnswers.save.push(xlsx);
  await app.getByRole('button', { name: 'Export report (XLSX)' }).click();
  await expect(app.getByRole('status').filter({ hasText: 'Saved the report as campaign-report.xlsx (1 items, 2 decisions)' })).toBeVisible();
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(xlsx);
  const cells = (name: string) => (book.getWorksheet(name)!.getSheetValues() as unknown[][]).filter(Boolean).map((r) => r.slice(1).map(String));
  expect(cells('Items')[1]!.slice(0, 3)).toEqual(['Ana Ruiz', 'Case Management', 'Read-only']);
  expect(cells('Items')[1]![7]).toBe('yes');
  expect(cells('Decisions').slice(1).map((r) => [r[3], r[4], r[6]])).toEqual([
    ['Keep', 'Cora Coordinator', ''],
    ['Revoke', 'Rae Reviewer', 'Moved to the probation unit'],
  ]);

  // Closing flags the conflict for a coordinator instead of choosing for them.
  await app.getByRole('button', { name: 'Close campaign' }).click();
  await expect(app.getByRole('status').filter({ hasText: 'Campaign closed: 0 revocation(s) started, 1 flagged for a coordinator.' })).toBeVisible();
  const decisions = (await readStore(app, 'reviewDecisions')) as Rec[];
  expect(decisions).toHaveLength(2);

  // The printable summary for auditors names both sides of the conflict and the reason.
  const summaryPdf = test.info().outputPath('campaign-summary.pdf');
  host.dialogAnswers.save.push(summaryPdf);
  await app.getByRole('button', { name: 'Print summary (PDF)' }).click();
  await expect(app.getByRole('status').filter({ hasText: 'Saved the summary as campaign-summary.pdf' })).toBeVisible();
  // Reading order (no -layout), spaces and line breaks collapsed: a cell's wrapped text reads whole.
  const summaryText = execFileSync('pdftotext', [summaryPdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  for (const want of ['Access review: Q1 Case Management review', 'Conflict: Keep', 'Conflict: Revoke', 'Rae Reviewer', 'Moved to the probation unit', 'Ana Ruiz']) expect(summaryText, want).toContain(want);
  renderPages(summaryPdf, test.info().outputPath('campaign-summary'));

  // Reconciliation against the system's own user export: one account matches Ana's grant, one has no grant.
  await accessTab(app, 'Reviews').click();
  const rec = app.getByRole('region', { name: 'Reconcile with a system’s account list' });
  await rec.getByLabel('System', { exact: true }).selectOption({ label: 'Case Management' });
  const exportCsv = test.info().outputPath('cms-users.csv');
  writeFileSync(exportCsv, 'Username,Display Name,Email,Security Role,Last Logon\r\nana,Ana Ruiz,,Read-only,2026-03-01\r\nzz-old,Zed Former,zed@court.example,Supervisor,2024-01-09\r\n');
  host.dialogAnswers.pick.push([exportCsv]);
  await rec.getByRole('button', { name: 'Choose the export file…' }).click();
  await expect(rec.getByLabel('Name', { exact: true })).toHaveValue('1');
  await expect(rec.getByLabel('Role', { exact: true })).toHaveValue('3');
  await rec.getByRole('button', { name: 'Reconcile' }).click();
  await expect(rec.getByText('1 matched · 1 account with no grant · 0 grants with no account · 0 with a different role')).toBeVisible();
  await expect(rec.getByRole('table', { name: 'Accounts with no grant' }).getByRole('cell', { name: 'Zed Former' })).toBeVisible();
  await expectAccessible(app, 'access: reconciliation');
  await shot(app, 'reconciliation');
  // Ana's grant keeps what the export said of her account, for reviewers (synced with the grant).
  const anaGrant = ((await readStore(app, 'grants')) as Rec[]).find((g) => g.status === 'active')!;
  expect(anaGrant.accountCheck).toMatchObject({ source: 'cms-users.csv', account: 'ana', role: 'Read-only', lastUsed: '2026-03-01', roleDiffers: false });

  // The catalog's SoD editor by keyboard: S puts the focus in it; Clerk is added and paired with Read-only.
  await accessTab(app, 'Catalog').click();
  await app.getByRole('button', { name: 'New entitlement' }).click();
  const clerk = app.getByRole('form', { name: 'New entitlement' });
  await clerk.getByLabel('Name').fill('Clerk');
  await clerk.getByLabel('Owner').selectOption({ label: 'Omar Owner' });
  await clerk.getByRole('button', { name: 'Save entitlement' }).click();
  await expect(app.getByRole('table', { name: 'Case Management entitlements' }).getByRole('cell', { name: 'Clerk', exact: true })).toBeVisible();
  await app.locator('body').press('s');
  const sodA = app.getByLabel('Entitlement', { exact: true });
  await expect(sodA).toBeFocused();
  await sodA.selectOption({ label: 'Case Management: Read-only' });
  await app.keyboard.press('Tab');
  await expect(app.getByLabel('is incompatible with')).toBeFocused();
  await app.getByLabel('is incompatible with').selectOption({ label: 'Case Management: Clerk' });
  await app.getByLabel('Why', { exact: true }).fill('Read-only reviewers audit the clerks');
  await app.getByLabel('Why', { exact: true }).press('Enter');
  await expect(app.getByText(/Read-only ⟂ Clerk/)).toBeVisible();
  // The palette's command reaches it too, from another view.
  await accessTab(app, 'Active').click();
  await app.keyboard.press('Control+k');
  const palette = app.getByRole('dialog', { name: 'Command palette' });
  await expect(palette).toBeVisible();
  await app.keyboard.type('separation of duties');
  await expect(palette.getByRole('option')).toHaveCount(1);
  await app.keyboard.press('Enter');
  await expect(app.getByLabel('Entitlement', { exact: true })).toBeFocused();

  // An XLSX export (made here with exceljs): Ana's account holds Clerk where she was granted Read-only.
  await accessTab(app, 'Reviews').click();
  const accountsBook = new ExcelJS.Workbook();
  const sheet = accountsBook.addWorksheet('Users');
  sheet.addRow(['Login', 'Full name', 'E-mail', 'Security role', 'Last login']);
  sheet.addRow(['ana', 'Ana Ruiz', '', 'Clerk', new Date(Date.UTC(2026, 2, 1))]);
  sheet.addRow(['zz-old', 'Zed Former', 'zed@court.example', 'Supervisor', new Date(Date.UTC(2024, 0, 9))]);
  const exportXlsx = test.info().outputPath('cms-users.xlsx');
  await accountsBook.xlsx.writeFile(exportXlsx);
  host.dialogAnswers.pick.push([exportXlsx]);
  await rec.getByRole('combobox', { name: 'System', exact: true }).selectOption({ label: 'Case Management' });
  await rec.getByRole('button', { name: 'Choose the export file…' }).click();
  await expect(rec.getByRole('group', { name: 'Columns of cms-users.xlsx (2 accounts)' })).toBeVisible();
  await expect(rec.getByLabel('Role', { exact: true })).toHaveValue('3');
  await rec.getByRole('button', { name: 'Reconcile' }).click();
  await expect(rec.getByText('0 matched · 1 account with no grant · 0 grants with no account · 1 with a different role')).toBeVisible();
  const differs = rec.getByRole('table', { name: 'Accounts with a different role' });
  await expect(differs.getByRole('cell', { name: 'Clerk', exact: true })).toBeVisible();
  await expect(rec.getByRole('table', { name: 'Accounts with no grant' }).getByRole('cell', { name: '2024-01-09' })).toBeVisible();
  await expectAccessible(app, 'access: reconciliation from XLSX');
  await shot(app, 'reconciliation-xlsx');
  // The correction: a change request for Ana's grant, prefilled with Clerk and why.
  await differs.getByRole('link', { name: 'Request a correction: Ana Ruiz, Clerk' }).click();
  await expect(app.getByLabel('For whom')).toHaveValue(await app.getByLabel('For whom').locator('option', { hasText: 'Ana Ruiz' }).getAttribute('value') ?? 'none');
  await expect(app.getByLabel('System')).toHaveValue(await app.getByLabel('System').locator('option', { hasText: 'Case Management' }).getAttribute('value') ?? 'none');
  await expect(app.getByLabel(/^Clerk/)).toBeChecked();
  await expect(app.getByLabel('Business justification (required)')).toHaveValue(/Reconciliation correction: the account ana holds “Clerk” in Case Management; granted Read-only\./);
  await app.getByLabel('Requested by').selectOption({ label: 'Cora Coordinator' });
  await app.getByRole('button', { name: 'Save as draft' }).click();
  await expect(app.getByTestId('request-status')).toHaveText('Draft');
  const grantsNow = (await readStore(app, 'grants')) as Rec[];
  const correction = ((await readStore(app, 'accessRequests')) as Rec[]).find((r) => String(r.justification).startsWith('Reconciliation correction'))!;
  expect(correction.grantId).toBe(grantsNow.find((g) => g.status === 'active')!.id);
  await shot(app, 'correction-request');
  // The grant's page says what the newest export found: her account holds another role.
  await app.evaluate((id) => (location.hash = `#/access/grant/${id}`), anaGrant.id as string);
  await expect(app.getByText(/Account ana holds “Clerk”, not this entitlement; last used 2026-03-01 \(cms-users\.xlsx, read \d{4}-\d\d-\d\d\)/)).toBeVisible();
  await expectAccessible(app, 'access: a grant with its account check');
  await shot(app, 'grant-account-check');
});
