// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { DataProvider } from '../../../../renderer/src/app/data-context';
import { openDatabase } from '../../../../renderer/src/data/db';
import { operationsRepositories } from '../../../../renderer/src/data/repositories/operations';
import { peopleRepository } from '../../../../renderer/src/data/repositories/people';
import { OpsStatusCounts } from '../../../../renderer/src/features/operations/OpsStatusCounts';
import { OutputRunSchema } from '../../../../shared/operations/schemas';

const names: string[] = [];
afterEach(async () => {
  cleanup();
  for (const name of names.splice(0)) {
    const db = await openDatabase(name);
    db.close();
    await db.delete();
  }
});

describe('operations notices in the status bar', () => {
  it("counts the runs that failed verification and only the user's own overdue action items", { timeout: 30_000 }, async () => {
    const name = `ops-status-${Math.random().toString(36).slice(2)}`;
    names.push(name);
    const db = await openDatabase(name);
    const other = await peopleRepository(db).create({ name: 'Ana Ruiz', kind: 'staff' });
    if (!other.ok) throw new Error('person');
    // No profile on this device: the user is the device (resolveActor).
    const me = db.device.get().deviceId;
    const repos = operationsRepositories(db, { actor: async () => ({ id: other.value.id, name: 'Ana Ruiz' }) });
    const review = await repos.reviews.create({ title: 'CMS outage' });
    if (!review.ok) throw new Error(review.error.message);
    for (const [title, ownerId, due] of [
      ['Mine, overdue', me, '2020-01-15'],
      ['Mine, later', me, '2999-01-01'],
      ["Ana's, overdue", other.value.id, '2020-01-15'],
    ] as const) {
      const r = await repos.reviews.actions.create({ reviewId: review.value.id, title, ownerId, due, type: 'prevent', link: null });
      if (!r.ok) throw new Error(r.error.message);
    }
    const meta = { createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', stamps: {}, deleted: 0 as const };
    await repos.tables.runs.bulkPut([
      OutputRunSchema.parse({ id: 'r1', jobId: 'j1', date: '2026-01-05', expectedAt: '2026-01-05T15:00:00.000Z', status: 'failed', ...meta }),
      OutputRunSchema.parse({ id: 'r2', jobId: 'j1', date: '2026-01-06', expectedAt: '2026-01-06T15:00:00.000Z', ...meta }),
    ]);
    db.close();

    render(
      <DataProvider dbName={name}>
        <OpsStatusCounts />
      </DataProvider>,
    );
    expect((await screen.findByRole('link', { name: '1 of your action items overdue' }, { timeout: 15_000 })).getAttribute('href')).toBe('#/schedule/actions');
    expect((await screen.findByRole('link', { name: '1 output run failed verification' }, { timeout: 15_000 })).getAttribute('href')).toBe('#/schedule/runs?show=failed');
  });
});
