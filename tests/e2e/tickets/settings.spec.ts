import { expect, expectAccessible, newTicketForNewRequester, onboard, readChanges, readStore, test } from '../fixtures';

interface Rec {
  id: string;
  name?: string;
  table?: string;
  teamId?: string | null;
  firstResponseDue?: string | null;
  holidays?: string[];
  targets?: Record<string, { firstResponseMinutes: number; resolutionMinutes: number }>;
}

test.describe.configure({ timeout: 180_000 });
// Offline, the sync status probe fails and Chromium logs it; that is the point of the test.
test.use({ allowErrors: /ERR_INTERNET_DISCONNECTED/ });

test('help-desk settings offline: a new routing rule routes the next ticket; an SLA target and holidays are edited', async ({ app, context }) => {
  await onboard(app);
  await context.setOffline(true);
  await app.getByRole('link', { name: 'Settings' }).click();
  const desk = app.getByRole('region', { name: 'Help desk' });
  const teams = desk.getByRole('region', { name: 'Teams' });
  const routing = desk.getByRole('region', { name: 'Routing rules' });
  const sla = desk.getByRole('region', { name: 'SLA policies' });
  const cals = desk.getByRole('region', { name: 'Business calendars' });

  // Empty states say what goes where and what to add first.
  await expect(teams.getByText(/No teams yet/)).toBeVisible();
  await expect(routing.getByText(/No routing rules yet/)).toBeVisible();
  await expect(sla.getByText(/No SLA policies yet/)).toBeVisible();
  await expect(routing.getByRole('button', { name: 'Add rule' })).toBeDisabled();
  await expect(sla.getByRole('button', { name: 'Add SLA policy' })).toBeDisabled();
  await expectAccessible(app, 'settings, help desk empty');

  // A team, from the keyboard; an empty name is refused beside the field.
  await teams.getByRole('button', { name: 'Add team' }).click();
  await expect(teams.getByLabel('Team name')).toBeFocused();
  await app.keyboard.press('Enter');
  await expect(teams.locator('.field-error', { hasText: 'Team name is required' })).toBeVisible();
  await teams.getByLabel('Team name').fill('Printing desk');
  await app.keyboard.press('Enter');
  await expect(teams.getByRole('rowheader', { name: 'Printing desk', exact: true })).toBeVisible();
  await expect(teams.getByRole('button', { name: 'Add team' })).toBeFocused();

  // A calendar: a bad time is refused beside its day; then saved, it stays open for holidays.
  await cals.getByRole('button', { name: 'Add calendar' }).click();
  await cals.getByLabel('Calendar name').fill('Court hours');
  await cals.getByLabel('Time zone').fill('America/Los_Angeles');
  await cals.getByLabel('Saturday hours').fill('9am to noon');
  await cals.getByRole('button', { name: 'Save calendar' }).click();
  await expect(cals.locator('.field-error', { hasText: 'Start must be a time such as 08:00' })).toBeVisible();
  expect(await readStore(app, 'calendars')).toEqual([]);
  await cals.getByLabel('Saturday hours').fill('');
  await cals.getByRole('button', { name: 'Save calendar' }).click();
  await expect(cals.getByRole('cell', { name: 'Mon–Fri 08:00-17:00', exact: true })).toBeVisible();
  const holidays = cals.getByRole('region', { name: 'Holidays of Court hours' });
  await holidays.getByLabel('Holiday date').fill('2026-07-03');
  await holidays.getByRole('button', { name: 'Add holiday' }).click();
  await expect(holidays.getByRole('listitem')).toHaveCount(1);
  await cals.getByRole('button', { name: 'Cancel' }).click();

  // An SLA policy with the suggested targets; the first one is the default.
  await sla.getByRole('button', { name: 'Add SLA policy' }).click();
  await sla.getByLabel('Policy name').fill('Standard');
  await sla.getByRole('button', { name: 'Save policy' }).click();
  await expect(sla.getByTestId('sla-Standard-P1')).toHaveText('30m / 4h');
  await expect(sla.getByRole('cell', { name: 'Default', exact: true })).toBeVisible();

  // A routing rule: category Printing → Printing desk. Without a team it is refused.
  await routing.getByRole('button', { name: 'Add rule' }).click();
  const ruleForm = routing.getByRole('form', { name: 'New routing rule' });
  await ruleForm.getByLabel('Rule name').fill('Printing to the printing desk');
  await ruleForm.getByLabel('Category').fill('Printing');
  await ruleForm.getByRole('button', { name: 'Save rule' }).click();
  await expect(ruleForm.locator('.field-error', { hasText: 'Team is required' })).toBeVisible();
  await ruleForm.getByLabel('Team').selectOption({ label: 'Printing desk' });
  await ruleForm.getByRole('button', { name: 'Save rule' }).click();
  await expect(routing.getByRole('rowheader', { name: 'Printing to the printing desk', exact: true })).toBeVisible();

  // Test a route: the rule matches the category whatever its case and spacing.
  const tester = routing.getByRole('group', { name: 'Test a route' });
  await expect(tester.getByTestId('route-result')).toContainText('No rule matches');
  await tester.getByLabel('Category').fill('  printing ');
  await expect(tester.getByTestId('route-result')).toContainText('Goes to Printing desk by the rule “Printing to the printing desk”');

  await app.setViewportSize({ width: 1280, height: 2400 });
  await expectAccessible(app, 'settings, help desk filled in');
  await desk.screenshot({ path: test.info().outputPath('settings-helpdesk.png') });

  // The create form suggests the new rule's team, and the ticket is routed and gets SLA due times.
  await newTicketForNewRequester(app, 'Ana Méndez', 'ana@court.example');
  await app.getByLabel('Title').fill('Jury room printer prints blank pages');
  await app.getByLabel('Category').fill('Printing');
  await expect(app.locator('.route-hint')).toContainText('routes to Printing desk by rule “Printing to the printing desk”');
  await app.getByRole('button', { name: 'Create ticket' }).click();
  await expect(app.getByTestId('ticket-status')).toHaveText('New');
  const team = ((await readStore(app, 'teams')) as Rec[]).find((t) => t.name === 'Printing desk')!;
  const tickets = (await readStore(app, 'tickets')) as Rec[];
  expect(tickets).toHaveLength(1);
  expect(tickets[0]!.teamId).toBe(team.id);
  expect(tickets[0]!.firstResponseDue).toEqual(expect.any(String));

  // Edit an SLA target: bad durations and an inverted pair are refused beside the fields, nothing written.
  await app.getByRole('link', { name: 'Settings' }).click();
  await sla.getByRole('button', { name: 'Edit SLA policy Standard' }).click();
  const policyForm = sla.getByRole('form', { name: 'Edit SLA policy Standard' });
  await policyForm.getByLabel('P1 first response').fill('soon');
  await policyForm.getByRole('button', { name: 'Save policy' }).click();
  await expect(policyForm.locator('.field-error', { hasText: 'Write a time such as 30m, 4h or 1h 30m' })).toBeVisible();
  await policyForm.getByLabel('P1 first response').fill('15m');
  await policyForm.getByLabel('P2 first response').fill('9h');
  await policyForm.getByRole('button', { name: 'Save policy' }).click();
  await expect(policyForm.locator('.field-error', { hasText: 'A first-response target cannot be longer than the resolution target' })).toBeVisible();
  expect(((await readStore(app, 'slaPolicies')) as Rec[])[0]!.targets!.P1!.firstResponseMinutes).toBe(30);
  await expectAccessible(app, 'settings, SLA policy form with errors');
  await policyForm.getByLabel('P2 first response').fill('1h 30m');
  await policyForm.getByRole('button', { name: 'Save policy' }).click();
  await expect(sla.getByTestId('sla-Standard-P1')).toHaveText('15m / 4h');
  await expect(sla.getByTestId('sla-Standard-P2')).toHaveText('1h 30m / 8h');
  await expect(sla.getByText(/Changes apply to tickets created or re-prioritised from now on/)).toBeVisible();
  const policy = ((await readStore(app, 'slaPolicies')) as Rec[])[0]!;
  expect(policy.targets!.P1).toEqual({ firstResponseMinutes: 15, resolutionMinutes: 240 });
  expect(policy.targets!.P2).toEqual({ firstResponseMinutes: 90, resolutionMinutes: 480 });

  // Edit the holidays: replace 3 July with Christmas; a repeat is refused.
  await cals.getByRole('button', { name: 'Edit calendar Court hours' }).click();
  await holidays.getByRole('button', { name: 'Remove the holiday 2026-07-03' }).click();
  await expect(holidays.getByText('No holidays')).toBeVisible();
  await holidays.getByLabel('Holiday date').fill('2026-12-25');
  await holidays.getByLabel('Holiday date').press('Enter');
  await expect(holidays.getByRole('listitem')).toContainText('2026-12-25');
  await holidays.getByLabel('Holiday date').fill('2026-12-25');
  await holidays.getByRole('button', { name: 'Add holiday' }).click();
  await expect(holidays.getByText('2026-12-25 is already a holiday')).toBeVisible();
  expect(((await readStore(app, 'calendars')) as Rec[])[0]!.holidays).toEqual(['2026-12-25']);

  // Every settings write is waiting in the outbox for the next sync.
  const outboxTables = new Set(((await readChanges(app)) as Rec[]).map((o) => o.table));
  for (const t of ['teams', 'calendars', 'slaPolicies', 'routingRules', 'tickets']) expect(outboxTables).toContain(t);

  // Dark mode uses the same theme variables and passes the same scan.
  await app.getByRole('radio', { name: 'Dark' }).check();
  await app.setViewportSize({ width: 1280, height: 2400 });
  await expectAccessible(app, 'settings, help desk in dark mode');
  await desk.screenshot({ path: test.info().outputPath('settings-helpdesk-dark.png') });
});
