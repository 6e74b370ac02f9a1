import type { Page } from '@playwright/test';
import { expect, expectAccessible, onboard, readStore, test } from '../fixtures';

interface TicketRow {
  id: string;
  number: string;
  requesterId: string;
  assigneeId: string | null;
  deleted: number;
}
interface PersonRow {
  id: string;
  name: string;
  email: string;
}

test.describe.configure({ timeout: 240_000 });

/** Training records put straight into IndexedDB, as a sync from the trainer's laptop would leave them. */
const putRecords = (page: Page, records: Record<string, unknown[]>) =>
  page.evaluate(
    (records) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('fielddesk');
        open.onsuccess = () => {
          const tx = open.result.transaction(Object.keys(records), 'readwrite');
          for (const [store, rows] of Object.entries(records)) for (const r of rows) tx.objectStore(store).put(r);
          tx.oncomplete = () => (open.result.close(), resolve());
          tx.onerror = () => reject(tx.error);
        };
      }),
    records,
  );

test("a person's page shows their tickets (asked for and assigned) and their training, with names and links", async ({ app }) => {
  await onboard(app);
  await app.getByRole('button', { name: 'Load sample data' }).click();
  await expect(app.getByText(/Loaded 300 sample tickets/)).toBeVisible({ timeout: 60_000 });
  const tickets = ((await readStore(app, 'tickets')) as TicketRow[]).filter((t) => !t.deleted);
  const people = (await readStore(app, 'people')) as PersonRow[];
  const requester = people.find((p) => p.id === tickets[0]!.requesterId)!;
  const asked = tickets.filter((t) => t.requesterId === requester.id);
  const staff = people.find((p) => tickets.some((t) => t.assigneeId === p.id))!;
  const assigned = tickets.filter((t) => t.assigneeId === staff.id);

  const at = '2026-03-01T17:00:00.000Z';
  const meta = { stamps: {}, deleted: 0, createdAt: at, updatedAt: at };
  const course = { id: '019a0000-0000-7000-8000-00000000c001', title: 'Odyssey Case Initiation', system: 'Odyssey', audience: '', description: '', durationMinutes: 180, ...meta };
  const session = { id: '019a0000-0000-7000-8000-00000000c002', courseId: course.id, startLocal: '2026-03-10T09:00', timeZone: 'America/Los_Angeles', durationMinutes: 180, location: 'Hall of Justice', onlineUrl: '', trainerIds: [staff.id], capacity: 12, status: 'completed', notes: '', ticketIds: [], ...meta };
  const registration = { id: '019a0000-0000-7000-8000-00000000c003', sessionId: session.id, attendee: { kind: 'person', personId: requester.id }, status: 'registered', waitlistedAt: null, statusChangedAt: at, ...meta };
  const mark = { id: '019a0000-0000-7000-8000-00000000c004', sessionId: session.id, registrationId: registration.id, mark: 'present', at: '2026-03-10T16:05:00.000Z', takenBy: staff.id, stamps: {}, deleted: 0 };
  const completion = { id: '019a0000-0000-7000-8000-00000000c005', sessionId: session.id, courseId: course.id, registrationId: registration.id, personId: requester.id, completedAt: '2026-03-10T20:00:00.000Z', certificateNumber: 'CERT-0042', certificateIssuedAt: null, ...meta };
  await putRecords(app, { courses: [course], sessions: [session], registrations: [registration], attendance: [mark], completions: [completion] });

  // From the directory, by name.
  await app.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'People' }).click();
  await app.getByLabel('Filter people').fill(requester.email || requester.name);
  await app.getByRole('table', { name: 'People' }).getByRole('link', { name: requester.name }).first().click();
  await expect(app.getByRole('heading', { name: requester.name, level: 1 })).toBeVisible();

  const askedTable = app.getByRole('table', { name: 'Tickets they asked for' });
  await expect(app.getByRole('heading', { name: `Asked for (${asked.length})` })).toBeVisible();
  await expect(askedTable.getByRole('row')).toHaveCount(asked.length + 1);
  for (const t of asked.slice(0, 3)) await expect(askedTable.getByRole('link', { name: t.number })).toHaveAttribute('href', `#/tickets/${t.id}`);
  const sessions = app.getByRole('table', { name: 'Their training sessions' });
  await expect(sessions.getByRole('row').nth(1)).toContainText('Odyssey Case Initiation');
  await expect(sessions.getByRole('row').nth(1)).toContainText('Registered');
  await expect(sessions.getByRole('row').nth(1)).toContainText('Present');
  await expect(sessions.getByRole('link', { name: 'Odyssey Case Initiation' })).toHaveAttribute('href', `#/training/session/${session.id}`);
  await expect(app.getByRole('list', { name: 'Courses completed' })).toContainText('Odyssey Case Initiation, completed');
  await expect(app.getByRole('list', { name: 'Courses completed' })).toContainText('certificate CERT-0042');
  // Names, never ids.
  const text = await app.locator('.person-page').innerText();
  expect(text).not.toContain(requester.id);
  expect(text).not.toContain(staff.id);
  await expectAccessible(app, 'person page');
  await app.screenshot({ path: test.info().outputPath('person-page.png'), fullPage: true });
  await app.getByRole('region', { name: 'Training' }).scrollIntoViewIfNeeded();
  await app.screenshot({ path: test.info().outputPath('person-page-training.png') });

  // A ticket number opens the ticket.
  await askedTable.getByRole('link', { name: asked[0]!.number }).click();
  await expect(app.getByRole('heading', { level: 1 })).toContainText(asked[0]!.number);

  // The staff member's page: the tickets assigned to them, and the session they train.
  await app.evaluate((id) => (location.hash = `#/people/${id}`), staff.id);
  await expect(app.getByRole('heading', { name: staff.name, level: 1 })).toBeVisible();
  await expect(app.getByRole('heading', { name: `Assigned to them (${assigned.length})` })).toBeVisible();
  await expect(app.getByRole('table', { name: 'Tickets assigned to them' }).getByRole('row')).toHaveCount(assigned.length + 1);
  await expect(app.getByRole('list', { name: 'Sessions they train' })).toContainText('Odyssey Case Initiation');
  await app.screenshot({ path: test.info().outputPath('person-page-staff.png'), fullPage: false });
});
