import { afterAll, describe, expect, it } from 'vitest';
import { closeAll, freshDesk } from './setup';
import { waitingCount } from '../../../../renderer/src/sync/pending';

afterAll(closeAll);

describe('sample-data loader', () => {
  it('loading the same sample twice replaces it: no duplicates, and nothing new to sync', async () => {
    const desk = await freshDesk();
    const o = { tickets: 40, people: 15, workLogEntries: 60, seed: 3, chunkSize: 16 };
    const first = await desk.repos.sampleData.load(o);
    expect(first.ok).toBe(true);
    const tickets = await desk.repos.tables.tickets.count();
    const outbox = await waitingCount(desk.db);
    expect(tickets).toBeGreaterThanOrEqual(40);
    // Every loaded record is queued for sync once.
    expect(outbox).toBeGreaterThan(tickets);

    const second = await desk.repos.sampleData.load(o);
    expect(second.ok).toBe(true);
    expect(await desk.repos.tables.tickets.count()).toBe(tickets);
    expect(await waitingCount(desk.db)).toBe(outbox);
  });
});
