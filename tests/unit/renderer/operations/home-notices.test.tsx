// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { DataProvider } from '../../../../renderer/src/app/data-context';
import { openDatabase } from '../../../../renderer/src/data/db';
import { operationsRepositories } from '../../../../renderer/src/data/repositories/operations';
import { peopleRepository } from '../../../../renderer/src/data/repositories/people';
import { HomeNotices } from '../../../../renderer/src/features/operations/HomeNotices';
import { OpsStatusCounts } from '../../../../renderer/src/features/operations/OpsStatusCounts';
import { OutputJobSchema, OutputRunSchema } from '../../../../shared/operations/schemas';
import { TeamSchema } from '../../../../shared/tickets/catalog';

const names: string[] = [];
afterEach(async () => {
  cleanup();
  for (const name of names.splice(0)) {
    const db = await openDatabase(name);
    db.close();
    await db.delete();
  }
});

const meta = { createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', stamps: {}, deleted: 0 as const };

describe('operations on the home screen (the ticket list)', () => {
  it("shows the user's overdue actions and the failed runs of their teams' jobs, and the status bar counts the same runs", { timeout: 30_000 }, async () => {
    const name = `ops-home-${Math.random().toString(36).slice(2)}`;
    names.push(name);
    const db = await openDatabase(name);
    const ana = await peopleRepository(db).create({ name: 'Ana Ruiz', kind: 'staff' });
    if (!ana.ok) throw new Error('person');
    const me = db.device.get().deviceId; // no profile: the user is the device (resolveActor)
    const repos = operationsRepositories(db, { actor: async () => ({ id: ana.value.id, name: 'Ana Ruiz' }) });
    const review = await repos.reviews.create({ title: 'CMS outage' });
    if (!review.ok) throw new Error(review.error.message);
    for (const [title, ownerId, due] of [
      ['Add disk alerts', me, '2020-01-15'],
      ['Not yet due', me, '2999-01-01'],
      ["Ana's runbook", ana.value.id, '2020-01-15'],
    ] as const) {
      const r = await repos.reviews.actions.create({ reviewId: review.value.id, title, ownerId, due, type: 'prevent', link: null });
      if (!r.ok) throw new Error(r.error.message);
    }
    await repos.tickets.tables.teams.bulkPut([
      TeamSchema.parse({ id: 'team-mine', name: 'Court apps', memberIds: [me], ...meta }),
      TeamSchema.parse({ id: 'team-other', name: 'Payroll', memberIds: [ana.value.id], ...meta }),
    ]);
    await repos.tables.jobs.bulkPut([
      OutputJobSchema.parse({ id: 'j-mine', name: 'Attendance report', teamId: 'team-mine', ...meta }),
      OutputJobSchema.parse({ id: 'j-other', name: 'Payroll register', teamId: 'team-other', ...meta }),
      OutputJobSchema.parse({ id: 'j-none', name: 'Jury list', teamId: null, ...meta }),
    ]);
    const run = (id: string, jobId: string, date: string, status: string, ticketId: string | null = null) =>
      OutputRunSchema.parse({ id, jobId, date, expectedAt: `${date}T15:00:00.000Z`, status, ticketId, ...meta });
    await repos.tables.runs.bulkPut([
      run('r-mine', 'j-mine', '2026-01-05', 'failed', 'vf:r-mine'),
      run('r-other', 'j-other', '2026-01-05', 'failed'),
      run('r-none', 'j-none', '2026-01-04', 'failed'),
      run('r-ok', 'j-mine', '2026-01-06', 'verified'),
    ]);
    db.close();

    render(
      <DataProvider dbName={name}>
        <HomeNotices />
        <footer>
          <OpsStatusCounts />
        </footer>
      </DataProvider>,
    );
    const panel = await screen.findByRole('region', { name: 'Needs your attention' }, { timeout: 15_000 });
    const actions = within(panel).getByRole('heading', { name: 'My overdue actions (1)' }).closest('section')!;
    expect(within(actions).getAllByRole('listitem').map((li) => li.textContent)).toEqual([expect.stringMatching(/^Add disk alerts — CMS outage, due 2020-01-15 \(\d+ days late\)$/)]);
    expect(within(actions).getByRole('link', { name: 'Add disk alerts' }).getAttribute('href')).toBe(`#/schedule/reviews/${review.value.id}`);
    // Payroll's failure is for Payroll's members; a job with no team tells everyone.
    const runs = (await within(panel).findByRole('heading', { name: 'Output runs that failed verification (2)' }, { timeout: 15_000 })).closest('section')!;
    expect(within(runs).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['Jury list, run of 2026-01-04', 'Attendance report, run of 2026-01-05 — problem ticket']);
    expect(within(runs).getByRole('link', { name: 'Attendance report, run of 2026-01-05' }).getAttribute('href')).toBe('#/schedule/runs/r-mine');
    expect(within(runs).getByRole('link', { name: 'Problem ticket of Attendance report, run of 2026-01-05' }).getAttribute('href')).toBe('#/tickets/vf%3Ar-mine');
    expect(await screen.findByRole('link', { name: '2 output runs failed verification' }, { timeout: 15_000 })).toBeTruthy();
  });

  it('renders nothing when nothing is overdue or failed', { timeout: 30_000 }, async () => {
    const name = `ops-home-${Math.random().toString(36).slice(2)}`;
    names.push(name);
    const view = render(
      <DataProvider dbName={name}>
        <p>list</p>
        <HomeNotices />
      </DataProvider>,
    );
    await screen.findByText('list', {}, { timeout: 15_000 });
    await new Promise((r) => setTimeout(r, 500));
    expect(screen.queryByRole('region', { name: 'Needs your attention' })).toBeNull();
    view.unmount();
  });
});
