// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type FieldDeskDb } from '../../../../../renderer/src/data/db';
import { queueWordRefresh, refreshQueuedWords } from '../../../../../renderer/src/data/repositories/tickets/word-refresh';
import { SearchBacklog } from '../../../../../renderer/src/features/tickets/list/SearchBacklog';

const opened: FieldDeskDb[] = [];
afterEach(async () => {
  cleanup();
  for (const db of opened.splice(0)) {
    db.close();
    await db.delete();
  }
});

async function fresh(): Promise<FieldDeskDb> {
  const db = await openDatabase(`search-backlog-${Math.random().toString(36).slice(2)}`);
  opened.push(db);
  return db;
}

const hint = () => screen.queryByTestId('search-backlog')?.textContent?.trim() ?? null;

describe('the list while search words are still being written', () => {
  it('says how many synced tickets search cannot find yet, and stops saying it once they are indexed', async () => {
    const db = await fresh();
    render(<SearchBacklog db={db} searching />);
    // Nothing queued: nothing said.
    await new Promise((r) => setTimeout(r, 50));
    expect(hint()).toBeNull();

    await queueWordRefresh(db, ['t-1', 't-2', 't-3']);
    await expect.poll(hint).toBe('· search is still indexing 3 synced tickets');
    // The queued ids are not tickets here; the refresher drops them all the same.
    await refreshQueuedWords(db, { pause: async () => {} });
    await expect.poll(hint).toBeNull();
  });

  it('says nothing while no search is typed', async () => {
    const db = await fresh();
    await queueWordRefresh(db, ['t-1']);
    const { rerender } = render(<SearchBacklog db={db} searching={false} />);
    await new Promise((r) => setTimeout(r, 50));
    expect(hint()).toBeNull();
    rerender(<SearchBacklog db={db} searching />);
    await expect.poll(hint).toBe('· search is still indexing 1 synced ticket');
  });
});
